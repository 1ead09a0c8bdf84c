//! The reading mechanisms, one test each, on wordings written for the test (not the catalogs').

use super::*;

fn ontology() -> Ontology {
    Ontology::bundled().unwrap()
}

fn read(item: &str, material: &str) -> Reading {
    let o = ontology();
    let item = normalize(item);
    Reader::new(&o).read(
        ItemRef {
            name: &item,
            code: None,
        },
        material,
    )
}

/// (requirement name, accepts) of each piece.
fn reqs(item: &str, material: &str) -> Vec<(String, Vec<String>)> {
    read(item, material)
        .pieces
        .into_iter()
        .map(|p| (p.name, p.accepts))
        .collect()
}

fn names(item: &str, material: &str) -> Vec<String> {
    reqs(item, material).into_iter().map(|(n, _)| n).collect()
}

#[test]
fn splits_compounds_on_enumeration_and_conjunctions() {
    assert_eq!(
        names("某事项", "居民身份证、结婚证及出生医学证明和户口簿"),
        ["身份证明", "婚姻关系证明", "出生医学证明", "身份证明"]
    );
    assert_eq!(
        names("某事项", "结婚证；离婚证，死亡证明以及残疾证").len(),
        4
    );
    // Never inside a title or brackets, never on 或.
    assert_eq!(names("某事项", "《关于A、B和C的申请书》").len(), 1);
    // 毕业证书 is read as its class, 学历证明 (教育法第二十二条).
    assert_eq!(names("某事项", "毕业（肄业、结业）证书"), ["学历证明"]);
    // Words containing 和 / 及 are not conjunctions.
    assert_eq!(names("某事项", "中华人民共和国护照"), ["身份证明"]);
}

#[test]
fn a_or_b_is_one_requirement_with_an_accepted_set() {
    let r = reqs("某事项", "身份证或户口本");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].0, "身份证明");
    assert_eq!(r[0].1, ["居民身份证", "户口簿"]);
    let r = reqs("某事项", "户口簿（或居住证）");
    assert_eq!(r[0].1, ["户口簿", "居住证"]);
    // A list of one category ending in 或 is one accepted set.
    let r = reqs("某事项", "护照、居民身份证或社会保障卡");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].1.len(), 3);
    // The piece shows the whole list it was read from.
    assert_eq!(
        read("某事项", "护照、居民身份证或社会保障卡").pieces[0].text,
        "护照、居民身份证或社会保障卡"
    );
    // …but a document of another category after it is another requirement.
    let r = reqs("某事项", "身份证或户口簿、结婚证");
    assert_eq!(r.len(), 2);
    // Alternatives of no common category keep both names.
    let r = reqs("某事项", "残疾证或死亡证明");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].1, ["残疾人证", "死亡证明"]);
}

#[test]
fn qualifiers_are_stripped_and_kept() {
    let r = read("某事项", "申请人有效身份证原件及复印件");
    let p = &r.pieces[0];
    assert_eq!(p.name, "身份证明");
    assert_eq!(p.qualifiers.role.as_deref(), Some("申请人"));
    assert_eq!(p.qualifiers.validity.as_deref(), Some("有效"));
    assert_eq!(p.qualifiers.copy, Some("原件和复印件"));
    let r = read("某事项", "全体股东签署的公司章程");
    assert_eq!(r.pieces[0].name, "公司章程");
    assert_eq!(
        r.pieces[0].qualifiers.clause.as_deref(),
        Some("全体股东签署的")
    );
    let r = read("某事项", "街道办事处出具的居住证明");
    assert_eq!(r.pieces[0].name, "居住证明");
    // A place name at the start of a form title.
    let r = read("某事项", "《浙江省某事项申请表》");
    assert_eq!(r.pieces[0].qualifiers.place.as_deref(), Some("浙江省"));
    assert_eq!(r.pieces[0].name, "某事项申请表");
}

#[test]
fn another_persons_document_is_another_requirement() {
    let mine = read("某事项", "申请人身份证").pieces.remove(0);
    let spouse = read("某事项", "配偶身份证").pieces.remove(0);
    let agent = read("某事项", "受托人的有效身份证件").pieces.remove(0);
    assert_ne!(mine.requirement, spouse.requirement);
    assert_eq!(spouse.holder.as_deref(), Some("配偶"));
    assert_eq!(agent.holder.as_deref(), Some("代理人"));
    assert_eq!(agent.name, "代理人的身份证明");
    // The same agent however written.
    let other = read("某事项", "代办人身份证").pieces.remove(0);
    assert_eq!(agent.requirement, other.requirement);
    // An identity document after another person's document is theirs; a 委托书 is not.
    let r = read("某事项", "法定代表人的任职文件及身份证件复印件");
    assert_eq!(r.pieces[1].holder.as_deref(), Some("法定代表人"));
    let r = read("某事项", "被委托人身份证、委托书");
    assert_eq!(r.pieces[1].holder, None);
    // Persons joined by 、/和/及 before one document each hand in their own.
    let r = read("某事项", "董事、监事和经理的任职文件");
    let holders: Vec<_> = r.pieces.iter().map(|p| p.holder.as_deref()).collect();
    assert_eq!(holders, [Some("董事"), Some("监事"), Some("经理")]);
    // 或 between persons is one of them: a joint holder, one piece.
    let r = read("某事项", "委托人或代理人的身份证");
    assert_eq!(r.pieces.len(), 1);
}

#[test]
fn catch_alls_are_vague() {
    let r = read("某事项", "身份证、户口簿等有效证件");
    assert!(r.vague);
    assert_eq!(r.pieces.len(), 2);
    assert!(read("某事项", "其他材料").vague);
    assert!(read("某事项", "主管部门要求的相关材料").vague);
    assert!(!read("某事项", "结婚证").vague);
}

#[test]
fn the_items_own_form_is_recognised_generically() {
    for (item, form) in [
        ("生育登记", "生育服务登记表"),
        ("失业登记", "《失业人员登记表》"),
        ("某某许可", "申请书"),
        ("某某许可", "《某某许可（变更）申请书》"),
        ("医疗机构执业登记", "云南省医疗机构执业登记申请表"),
    ] {
        let r = read(item, form);
        assert_eq!(r.pieces[0].requirement, "§form", "{item}: {form}");
    }
    // A form of another matter is not the item's form.
    assert_ne!(
        read("生育登记", "死亡登记表").pieces[0].requirement,
        "§form"
    );
}

#[test]
fn every_step_is_explained() {
    let r = read("某事项", "夫妻双方居民身份证、户口簿");
    let how = &r.pieces[0].how;
    assert!(matches!(&how[0], How::Split { from } if from == "夫妻双方居民身份证、户口簿"));
    assert!(
        how.iter()
            .any(|h| matches!(h, How::QualifierRemoved { what } if what == "夫妻双方"))
    );
    assert!(
        how.iter()
            .any(|h| matches!(h, How::Ontology { entry } if entry == "居民身份证"))
    );
    assert!(
        how.iter()
            .any(|h| matches!(h, How::Category { category } if category == "身份证明"))
    );
    let r = read("某事项", "某种未收录的证明");
    assert!(r.pieces[0].how.contains(&How::Wording));
}

#[test]
fn in_one_guide_a_second_document_of_a_category_is_its_own_requirement() {
    let a = read("某事项", "户口簿");
    let b = read("某事项", "身份证");
    let pieces = [&a.pieces[0], &b.pieces[0]];
    let keys = assign(&pieces);
    // The ID card keeps 身份证明; 户口簿 becomes its own requirement.
    assert_eq!(keys[1].1, "身份证明");
    assert_eq!(keys[0].1, "户口簿");
    // The same document twice is one requirement (a duplicate).
    let c = read("某事项", "身份证复印件");
    let keys = assign(&[&b.pieces[0], &c.pieces[0]]);
    assert_eq!(keys[0].0, keys[1].0);
}

#[test]
fn never_merge_and_same_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("documents.yaml");
    std::fs::write(
        &path,
        "overrides:\n  never_merge: [[户口簿, 居民身份证]]\n  same: [[准生证, 生育服务证]]\n",
    )
    .unwrap();
    let o = Ontology::from_file(&path, Lang::En).unwrap();
    let reader = Reader::new(&o);
    let item = ItemRef {
        name: "x",
        code: None,
    };
    let r = reader.read(item, "户口簿");
    assert_eq!(r.pieces[0].name, "户口簿");
    let r = reader.read(item, "身份证或户口簿");
    assert_ne!(r.pieces[0].name, "身份证明");
    let a = reader.read(item, "准生证");
    let b = reader.read(item, "生育服务证");
    assert_eq!(a.pieces[0].requirement, b.pieces[0].requirement);
    assert!(
        a.pieces[0]
            .how
            .iter()
            .any(|h| matches!(h, How::UserDictionary { .. }))
    );
}

/// A small seeded generator (xorshift64*): no dependency, reproducible failures.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The requirements one guide's materials stand for, as a sorted set of keys.
fn requirement_set(reader: &Reader<'_>, item: ItemRef<'_>, materials: &[String]) -> Vec<String> {
    let readings: Vec<Reading> = materials.iter().map(|m| reader.read(item, m)).collect();
    let pieces: Vec<&Piece> = readings.iter().flat_map(|r| r.pieces.iter()).collect();
    let mut keys: Vec<String> = assign(&pieces)
        .into_iter()
        .map(|(k, _)| k.to_owned())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Splitting a compound into separate entries, or reordering them, leaves a guide's requirement
/// set unchanged (units that a list would merge into one accepted set are kept apart: that is
/// what 、 next to A或B means).
#[test]
fn splitting_or_reordering_keeps_the_requirement_set() {
    const UNITS: &[&str] = &[
        "居民身份证",
        "户口簿",
        "居住证",
        "结婚证",
        "出生医学证明",
        "公司章程",
        "2寸免冠照片",
        "残疾证或死亡证明",
        "离婚协议书或离婚判决书",
        "住房公积金联名卡",
        "商品房买卖合同",
        "配偶身份证",
        "代办人的身份证",
        "婚育情况证明",
        "《某事项申请表》",
        "某种未收录的证明",
    ];
    const SEPARATORS: &[&str] = &["、", "，", "；", "及", "和", "以及"];
    let o = ontology();
    let reader = Reader::new(&o);
    let item = ItemRef {
        name: "某事项",
        code: None,
    };
    let mut rng = Rng(0x5eed_2026_1129);
    for case in 0..500 {
        let n = 2 + rng.below(4);
        let mut units: Vec<&str> = Vec::new();
        while units.len() < n {
            let u = UNITS[rng.below(UNITS.len())];
            if !units.contains(&u) {
                units.push(u);
            }
        }
        // A holder written before a list is the holder of the identity documents after it
        // (代办人的身份证和户口簿): units naming a holder end the compound.
        units.sort_by_key(|u| u.contains("配偶") || u.contains("代办人"));
        let role = ["", "夫妻双方", "申请人"][rng.below(3)];
        let mut compound = format!("{role}{}", units[0]);
        for u in &units[1..] {
            compound.push_str(SEPARATORS[rng.below(SEPARATORS.len())]);
            compound.push_str(u);
        }
        let separate: Vec<String> = units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                if i == 0 {
                    format!("{role}{u}")
                } else {
                    (*u).to_owned()
                }
            })
            .collect();
        let mut shuffled = separate.clone();
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, rng.below(i + 1));
        }
        let whole = requirement_set(&reader, item, std::slice::from_ref(&compound));
        assert_eq!(
            whole,
            requirement_set(&reader, item, &separate),
            "case {case}: {compound} vs {separate:?}"
        );
        assert_eq!(
            whole,
            requirement_set(&reader, item, &shuffled),
            "case {case}: {compound} vs {shuffled:?}"
        );
    }
}

/// Wordings of real guides of items that are not in the catalogs (结婚登记, 不动产登记), read by
/// the same rules: a comma before 或 continues the alternatives, examples in parentheses are the
/// accepted set, a remark or a quantity after the name is a qualifier.
#[test]
fn alternatives_examples_remarks_and_quantities() {
    let r = reqs(
        "结婚登记",
        "户口簿原件，或有关户籍管理机构出具的加盖单位印章的户籍证明，或集体户口首页与本人的户口卡片原件",
    );
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].1.len(), 3);
    assert_eq!(r[0].1[0], "户口簿");
    let r = read("某事项", "申请人身份证明（居民身份证、户口簿、护照等）");
    assert_eq!(r.pieces[0].name, "身份证明");
    assert_eq!(r.pieces[0].accepts, ["居民身份证", "户口簿", "护照"]);
    assert!(r.vague);
    let r = read("某事项", "营业执照副本复印件（加盖公章）");
    assert_eq!(r.pieces[0].accepts, ["营业执照"]);
    assert_eq!(r.pieces[0].qualifiers.copy, Some("复印件"));
    let r = read("某事项", "申请人近期一寸免冠彩色照片2张");
    assert_eq!(r.pieces[0].name, "照片");
    assert!(r.pieces[0].qualifiers.other.contains(&"2张".to_owned()));
    // The separator is kept as written when a phrase is joined back.
    let r = read(
        "结婚登记",
        "本人无配偶以及与对方当事人没有直系血亲关系的签字声明",
    );
    assert_eq!(r.pieces.len(), 1);
    assert!(
        r.pieces[0].text.contains("无配偶以及与"),
        "{}",
        r.pieces[0].text
    );
}

/// A condition written into the name is a qualifier; the holder after it still counts.
#[test]
fn a_condition_in_the_name_is_not_the_requirement() {
    let r = read("某事项", "代办的需提供代办人身份证原件及委托书");
    assert_eq!(r.pieces[0].name, "代理人的身份证明");
    assert_eq!(r.pieces[0].qualifiers.other, ["代办的需提供"]);
    assert_eq!(r.pieces[1].name, "授权委托书");
    // Not inside brackets: a remark stays a remark.
    let r = read("某事项", "结婚证（夫妻投靠的提供）");
    assert_eq!(r.pieces[0].accepts, ["结婚证"]);
    assert_eq!(r.pieces[0].qualifiers.other, ["(夫妻投靠的提供)"]);
    let r = read("某事项", "身份证正反面复印件一份");
    assert_eq!(r.pieces[0].accepts, ["居民身份证"]);
}

// Readings that were wrong on real guides of items not in the catalogs (出生登记, 居住证申领,
// 离婚登记, 个体工商户设立登记, 市场主体登记, and regional 结婚登记 / 购房提取 guides). Each wording
// is quoted from the public page or statute named above it.

/// (holder, requirement key) of each piece.
fn holders(item: &str, material: &str) -> Vec<(Option<String>, String)> {
    read(item, material)
        .pieces
        .into_iter()
        .map(|p| (p.holder, p.requirement))
        .collect()
}

/// 本人及配偶身份证 was read as the spouse's card only: persons joined by 及/和/、 before one
/// document each hand in their own, the applicant (本人) included.
#[test]
fn persons_joined_before_one_document_each_hand_in_their_own() {
    // 购房提取住房公积金, http://cnmeihang.com/shtml/20150618/143455680046086.html
    let r = read("购房提取住房公积金", "本人及配偶身份证");
    let h: Vec<_> = r.pieces.iter().map(|p| p.holder.as_deref()).collect();
    assert_eq!(h, [None, Some("配偶")]);
    assert_eq!(r.pieces[0].requirement, "身份证明");
    assert!(
        r.pieces[1]
            .how
            .iter()
            .any(|h| matches!(h, How::Distributed { persons } if persons == &["本人", "配偶"])),
        "{:?}",
        r.pieces[1].how
    );
    // 居住证申领, http://qiantimeigw.com/XinZhengCe/920013.html (t2s)
    let h = holders("居住证申领", "委托人、代办人的合法有效身份证件");
    assert_eq!(
        h,
        [
            (Some("委托人".into()), "委托人|身份证明".into()),
            (Some("代理人".into()), "代理人|身份证明".into())
        ]
    );
    // 《市场主体登记管理条例实施细则》第二十六条: the identity proof after them is each one's too.
    let h = holders(
        "内资有限公司设立登记",
        "法定代表人、董事、监事和高级管理人员的任职文件和自然人身份证明",
    );
    assert_eq!(h.len(), 8, "{h:?}");
    assert!(h.contains(&(Some("高级管理人员".into()), "高级管理人员|身份证明".into())));
    // 父母双方: a role after the persons describes them, no applicant's piece.
    let h = holders("出生登记", "父母双方居民身份证");
    assert_eq!(h, [(Some("父母".into()), "父母|身份证明".into())]);
}

/// 父母双方居民身份证、居民户口簿 gave the parents' card and the applicant's 户口簿: a holder written
/// before a list of identity documents holds them all; the same document again is the applicant's.
#[test]
fn a_holder_before_a_list_of_identity_documents_holds_them_all() {
    // 出生登记, 海北 (http://lepang.cn/…haibei.kuyiso.com/news/0ch9vs6e296.html)
    let h = holders("出生登记", "父母双方居民身份证、居民户口簿");
    assert!(h.iter().all(|(w, _)| w.as_deref() == Some("父母")), "{h:?}");
    // 出生登记, 郑州 (http://huaxiashiwen.com/hukou/zhengce/649303.html)
    let h = holders("出生登记", "申请人父母户口簿、身份证");
    assert!(h.iter().all(|(w, _)| w.as_deref() == Some("父母")), "{h:?}");
    // http://2sdx.com/hukou/zhengce/682005.html: 婴儿父母 are the baby's parents, not both.
    let h = holders("出生登记", "婴儿父母的居民户口簿、居民身份证（父母不同户）");
    assert!(h.iter().all(|(w, _)| w.as_deref() == Some("父母")), "{h:?}");
    let h = holders("出生登记", "婴儿父母的结婚证或者非婚生证明（父母不同户）");
    assert_eq!(h[0].0.as_deref(), Some("父母"));
    // The same card twice: the second is the applicant's.
    let h = holders("某事项", "配偶身份证和居民身份证");
    assert_eq!(h[1].0, None);
    // A non-identity document is not passed on (委托书 is not the agent's).
    let h = holders("某事项", "被委托人身份证、委托书");
    assert_eq!(h[1].0, None);
}

/// 其中一方的…居住证 kept 其中一方 in the clause or the name: one party of the applicants is
/// a role, not a holder and not part of the document.
#[test]
fn party_phrases_are_roles() {
    for (material, role) in [
        // 中山市民政局公告 2023-06-05, http://zs.gov.cn/mzj/zdlyxxgk/hydjgl/content/post_2282225.html
        ("其中一方的中山市公安机关颁发的有效居住证", "其中一方"),
        // 深圳 2021-06-02, http://zonghe.wybstv.com.cn/zonghe/2021/0602/2765.html
        ("一方的深圳居住证", "一方"),
        // 上海, http://qiduow.com/news/show.php?itemid=1736665
        ("一方上海市有效居住证原件", "一方"),
        // 重庆, https://m.tianqiyubao2.com/news/view-5387
        (
            "双方均为重庆户籍的婚姻登记当事人，应提供其中一方的《暂住登记凭证》",
            "其中一方",
        ),
        ("任一方的居住证", "任一方"),
    ] {
        let r = read("结婚登记", material);
        let p = &r.pieces[0];
        assert_eq!(p.holder, None, "{material}");
        assert_eq!(p.qualifiers.role.as_deref(), Some(role), "{material}");
        assert!(!p.name.contains("一方"), "{material}: {}", p.name);
    }
    let r = read("结婚登记", "其中一方的中山市公安机关颁发的有效居住证");
    assert_eq!(
        r.pieces[0].qualifiers.clause.as_deref(),
        Some("中山市公安机关颁发的")
    );
}

/// 合影照 and 合影照片 landed in two rows: a generic noun written short or long is one wording;
/// a document whose name ends in 照 (护照, 营业执照) is left alone.
#[test]
fn generic_nouns_written_short_or_long_are_one_wording() {
    // 成都 (http://024yangchetuan.com/cdxw/2021-08-13/153624.html) vs 上海 (qiduow.com above)
    let chengdu = read("结婚登记", "3张两寸双方近期半身免冠合影照");
    let shanghai = read("结婚登记", "3张2寸双方近期免冠合影照片");
    assert_eq!(
        chengdu.pieces[0].requirement,
        shanghai.pieces[0].requirement
    );
    assert_eq!(chengdu.pieces[0].name, "照片");
    assert_eq!(names("某事项", "合影照"), names("某事项", "合影相片"));
    assert_eq!(
        read("某事项", "某种未收录的证明材料").pieces[0].requirement,
        read("某事项", "某种未收录的证明").pieces[0].requirement
    );
    assert_eq!(names("某事项", "护照"), ["身份证明"]);
    assert_eq!(reqs("某事项", "营业执照")[0].1, ["营业执照"]);
    assert_eq!(
        read("某事项", "某种未收录的执照").pieces[0].requirement,
        "~某种未收录的执照"
    );
}

/// A remark after the last alternative hid the alternatives; documents in brackets joined by 或
/// are accepted instead of the one before them.
#[test]
fn remarks_and_bracketed_alternatives_keep_the_accepted_set() {
    // 海北 (lepang.cn above)
    let r = reqs("出生登记", "出生医学证明或儿童出生保健卡（1996年1月1日前）");
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].1, ["出生医学证明", "儿童出生保健卡"]);
    // http://m.shqbk.com/specialties/5904b71f13968de8f4bf3fef05db389b.html
    let r = reqs(
        "出生登记",
        "父母《离婚证》（生效的人民法院离婚判决书或者离婚民事调解书）",
    );
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].1, ["离婚证", "离婚判决书", "离婚调解书"]);
    // Examples of a category in brackets stay examples (not the category as one more).
    let r = reqs("离婚登记", "双方当事人的有效身份证件（身份证或护照）");
    assert_eq!(r[0].1, ["居民身份证", "护照"]);
    // A name known as a whole is not split (《实施细则》-era wording, 湖南 guide).
    let r = reqs("合伙企业设立登记", "前置审批文件或许可证件复印件（如需）");
    assert_eq!(r[0].1.len(), 1);
}

/// 单位签章《成都住房公积金提取证明》 was one unknown wording: words before a title, a condition
/// before a comma, an example before 等 and persons or quantities after the name are qualifiers.
#[test]
fn words_around_the_document_are_qualifiers() {
    // 成都, http://www.ganweisuou.com/mbwszl/1913.html
    let r = read("购房提取住房公积金", "单位签章《成都住房公积金提取证明》");
    assert_eq!(r.pieces[0].name, "住房公积金提取证明");
    assert_eq!(r.pieces[0].qualifiers.place.as_deref(), Some("成都"));
    // 郑州 (huaxiashiwen.com above)
    let r = read(
        "出生登记",
        "拟登记地街道人口计生工作机构出具的用于出生登记的《计划生育证明》",
    );
    assert_eq!(r.pieces[0].name, "计划生育证明");
    assert_eq!(
        names(
            "出生登记",
            "父母双方或一方为现役军人的，提交军官证和所在部队出具的服役证明"
        ),
        ["军官证", "服役证明"]
    );
    // 居住证申领, http://uianet.net/dictionary/b9062477.html
    let r = read("居住证申领", "居民身份证等有效身份证明");
    assert!(r.vague);
    assert_eq!(r.pieces[0].accepts, ["居民身份证"]);
    let r = read("居住证申领", "护照等公安机关签发的其他有效身份证件");
    assert!(r.vague);
    assert_eq!(r.pieces[0].accepts, ["护照"]);
    // 平等, 等级 are no catch-all.
    assert!(!read("某事项", "等级证书").vague);
    // 离婚登记, http://uianet.net/dictionary/b13890396.html
    let r = read("离婚登记", "居民身份证复印件男女双方各一份");
    assert_eq!(r.pieces[0].accepts, ["居民身份证"]);
    assert_eq!(r.pieces[0].qualifiers.role.as_deref(), Some("男女双方"));
    assert_eq!(r.pieces[0].qualifiers.copy, Some("复印件"));
    let r = read("离婚登记", "离婚协议书一式三份");
    assert_eq!(r.pieces[0].accepts, ["离婚协议书"]);
}

/// 全体合伙人指定的代表或者共同委托的代理人的委托书 was read as two documents (代表 ends in 表):
/// a representative is a person.
#[test]
fn a_representative_is_a_person_not_a_form() {
    // 《合伙企业登记管理办法》第十一条（三）
    let r = read(
        "合伙企业设立登记",
        "全体合伙人指定的代表或者共同委托的代理人的委托书",
    );
    assert_eq!(r.pieces.len(), 1);
    assert_eq!(r.pieces[0].accepts, ["授权委托书"]);
    // 《市场主体登记管理条例实施细则》第二十八条（二）
    let h = holders("合伙企业设立登记", "其委派代表的委托书和自然人身份证明");
    assert!(
        h.iter().all(|(w, _)| w.as_deref() == Some("委派代表")),
        "{h:?}"
    );
    // 居住证申领 (uianet.net above): a 说明 is a document, the 房主's.
    let h = holders(
        "居住证申领",
        "房主身份证件、房主同意居住说明和房屋所有权证或购房合同",
    );
    assert_eq!(h.len(), 3, "{h:?}");
    assert_eq!(h[1].0.as_deref(), Some("房主"));
    assert_eq!(h[2].0, None);
}

/// Wordings of the bundled catalogs that the persons rules above first misread, and an older
/// merge bug (身份证明复印件 joined to the next phrase): 与 joins the two sides of one relation,
/// a 或 right after persons joins phrases, a document with its copy form ends a list item, and
/// a clause or a 或 inside a bracketed remark belongs to the remark.
#[test]
fn relations_dangling_or_copy_forms_and_remarks_keep_their_reading() {
    // catalogs/tianjin/goufang-tiqu-zhufang-gongjijin.yaml: one relation, one document.
    let h = holders("购房提取住房公积金", "购房职工（配偶）与父母关系证明");
    assert_eq!(h.len(), 1, "{h:?}");
    // 《公司登记管理条例》-era wording (catalogs/guangdong/neizi-youxian-gongsi-sheli-dengji.yaml)
    let r = read(
        "内资有限公司设立登记",
        "全体股东指定代表或者共同委托代理人办理公司设立登记的证明",
    );
    assert_eq!(r.pieces.len(), 1);
    assert_eq!(r.pieces[0].holder, None);
    let r = read(
        "内资有限公司设立登记",
        "公司法定代表人的任职文件和身份证明复印件，股东会选举董事、监事的决议，董事会或者执行董事聘任经理的决议或者决定",
    );
    assert_eq!(r.pieces.len(), 4, "{:?}", r.pieces);
    assert_eq!(r.pieces[1].holder.as_deref(), Some("法定代表人"));
    // 江苏 (catalogs/jiangsu/kuasheng-yidi-jiuyi-dengji-beian.yaml): no clause from the remark.
    let r = read(
        "跨省异地就医登记备案",
        "长期居住认定材料（居住证、社区开具的居住证明或个人承诺书）",
    );
    assert_eq!(r.pieces[0].qualifiers.clause, None);
    let r = read(
        "跨省异地就医登记备案",
        "异地安置认定材料（\"户口簿首页\"和本人\"常住人口登记卡\"，或个人承诺书）",
    );
    assert_eq!(r.pieces.len(), 1);
    assert_eq!(r.pieces[0].accepts.len(), 1, "{:?}", r.pieces[0].accepts);
}

/// 经营者签署的《个体工商户名称预先核准申请书》 was read as the 个体工商户设立登记 item's own form,
/// one row with its 设立登记申请书: a form naming another procedure is a document of its own; a
/// synonym of the item's procedure (开业 for 设立) is still the item's form. A remark listing
/// examples with / is not part of the name.
#[test]
fn a_form_for_another_procedure_is_not_the_items_form() {
    // http://law.foodmate.net/show-178057.html and http://www.yuanxiandeng.com/news/17486.html
    let item = "个体工商户设立登记";
    let name = read(item, "经营者签署的《个体工商户名称预先核准申请书》");
    assert_ne!(name.pieces[0].requirement, "§form");
    let own = read(item, "申请人签署的《个体工商户设立登记申请书》");
    assert_eq!(own.pieces[0].requirement, "§form");
    let opening = read(item, "个体工商户开业登记申请书");
    assert_eq!(opening.pieces[0].requirement, "§form");
    let r = read(item, "经营场所使用证明(租赁合同/产权证明)");
    assert_eq!(r.pieces[0].accepts, ["经营场所使用证明"]);
}

/// 法定监护人的居民身份证 lost its holder, 家庭成员的合影 was no photo, and a clause with brackets
/// inside (乡镇（街道）…出具的) was not found once clauses were looked for outside remarks only.
#[test]
fn guardians_group_photos_and_bracketed_issuers_are_read() {
    // 裕安区残联 2023-03-08, https://www.yuan.gov.cn/public/6596651/24581986.html
    // A guardian acts for the applicant: the agent's role (代理人).
    let h = holders("残疾人证办理", "法定监护人的居民身份证、户口簿原件及复印件");
    assert!(
        h.iter().all(|(w, _)| w.as_deref() == Some("代理人")),
        "{h:?}"
    );
    // https://m.chaojilvshi.com/wenzhang/wenzhang603868a4134437d5b351fd97070f4cb2.html
    assert_eq!(names("最低生活保障", "共同生活的家庭成员的合影"), ["照片"]);
    let r = read(
        "最低生活保障",
        "户籍所在地乡镇(街道)劳动和社会保障所出具的《就业失业登记证》",
    );
    assert_eq!(
        r.pieces[0].qualifiers.clause.as_deref(),
        Some("户籍所在地乡镇(街道)劳动和社会保障所出具的")
    );
}

/// A form of another procedure written …申请表 in one guide and …申请书 in another was two
/// wordings: it is one (the item's own form already was, whatever its title).
#[test]
fn another_procedures_form_as_table_or_letter_is_one_wording() {
    // 个体工商户设立登记: http://law.foodmate.net/show-178057.html lists the 名称预先核准 form.
    let item = "个体工商户设立登记";
    let letter = read(item, "《个体工商户名称预先核准申请书》");
    let table = read(item, "个体工商户名称预先核准申请表");
    assert_ne!(letter.pieces[0].requirement, "§form");
    assert_eq!(letter.pieces[0].requirement, table.pieces[0].requirement);
    // A 登记表 is not a 申请书.
    assert_ne!(
        read(item, "个体工商户名称预先核准登记表").pieces[0].requirement,
        letter.pieces[0].requirement
    );
}

/// 户口簿居民身份证原件及复印件 (no separator) was read as 居民身份证 with 户口簿 as a stray
/// prefix: two known documents back to back are two requirements, each with the copy form; a
/// name known as a whole (临时居民身份证, 营业执照副本) is not cut.
#[test]
fn two_documents_written_back_to_back_are_two_requirements() {
    // https://m.chaojilvshi.com/wenzhang/wenzhang603868a4134437d5b351fd97070f4cb2.html
    let r = read("最低生活保障", "户口簿居民身份证原件及复印件");
    let accepts: Vec<_> = r.pieces.iter().map(|p| p.accepts.clone()).collect();
    assert_eq!(accepts, [vec!["户口簿"], vec!["居民身份证"]]);
    assert!(
        r.pieces
            .iter()
            .all(|p| p.qualifiers.copy == Some("原件和复印件"))
    );
    assert_eq!(read("某事项", "临时居民身份证").pieces.len(), 1);
    assert_eq!(read("某事项", "营业执照副本复印件").pieces.len(), 1);
    assert_eq!(read("某事项", "居住证明").pieces.len(), 1);
}

/// 监护人身份证、户口簿、儿童社会保障卡 gave the guardian the child's card too: a document with
/// words of its own before it (儿童…) names its own subject, so the holder does not pass on.
#[test]
fn a_document_with_its_own_subject_keeps_it() {
    // 贵阳 社会保障卡, http://www.zcptdru.cn/baike/143063.html (t2s)
    let h = holders("社会保障卡申领", "监护人身份证、户口簿、儿童社会保障卡");
    assert_eq!(h[0].0.as_deref(), Some("代理人"));
    assert_eq!(h[1].0.as_deref(), Some("代理人"));
    assert_eq!(h[2].0, None, "{h:?}");
}

/// 《工伤保险条例》第十八条第一款第（三）项 writes a third alternative in brackets after A或者B:
/// it was read as a document named “者…” and A或者B stayed one wording.
#[test]
fn a_bracketed_alternative_after_a_or_b_joins_the_accepted_set() {
    // https://www.gov.cn/zhengce/2020-12/27/content_5574497.htm (工伤保险条例 第十八条)
    let r = reqs(
        "工伤认定",
        "医疗诊断证明或者职业病诊断证明书（或者职业病诊断鉴定书）",
    );
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].0, "医疗诊断证明");
    assert_eq!(
        r[0].1,
        ["医疗诊断证明", "职业病诊断证明书", "职业病诊断鉴定书"]
    );
}

/// Head-final reading: in `M的H` the head and the noun ending M name the requirement; words that
/// only narrow time, purpose or issuer are qualifiers; particles of legal drafting name nothing.
#[test]
fn head_final_reading_keeps_the_head_and_its_distinctive_modifier() {
    // 工伤保险条例 第十八条第一款第（二）项.
    assert_eq!(
        names(
            "工伤认定",
            "与用人单位存在劳动关系（包括事实劳动关系）的证明材料"
        ),
        ["劳动关系证明"]
    );
    // A trailing 的 (…的证明材料的原件和复印件) and a leading 包括 are drafting particles.
    assert_eq!(
        names(
            "工伤认定",
            "职工与用人单位存在劳动关系的证明材料的原件和复印件"
        ),
        ["劳动关系证明"]
    );
    assert_eq!(
        names("工伤认定", "包括初次的医疗诊断证明"),
        ["医疗诊断证明"]
    );
    // Time and purpose narrow a document: qualifiers.
    assert_eq!(
        names("某事项", "近三个月的医疗诊断证明书"),
        ["医疗诊断证明"]
    );
    assert_eq!(names("某事项", "半年以内的影像报告单"), ["影像检查报告单"]);
    // X对Y的H: X issues it, Y is its object.
    let r = read("某事项", "医院对伤情的鉴定报告");
    assert_eq!(r.pieces[0].name, "伤情鉴定报告");
    assert!(
        r.pieces[0]
            .qualifiers
            .other
            .iter()
            .any(|o| o.starts_with("医院")),
        "{:?}",
        r.pieces[0].qualifiers
    );
}

/// The ward or minor in a guardian's or agent's list is the applicant; the guardian acts for the
/// applicant as an agent does (one role).
#[test]
fn the_ward_is_the_applicant_and_the_guardian_an_agent() {
    // 江陵县 社会保障卡申领 style: 监护人或代理人…、被监护人或被代理人的…
    let h = holders("某事项", "被监护人或被代理人的基本身份证件");
    assert_eq!(h[0].0, None, "{h:?}");
    let h = holders("某事项", "监护人或代理人的居民身份证");
    assert_eq!(h[0].0.as_deref(), Some("代理人"), "{h:?}");
    let h = holders("某事项", "未成年人的居民身份证");
    assert_eq!(h[0].0, None, "{h:?}");
}

/// An enumeration closed by a class every member belongs to is one requirement accepting any
/// of them; closed by a class some member is not of (…、结婚证等有效证件), it is split.
#[test]
fn an_enumeration_closed_by_its_class_is_one_requirement() {
    // 出入境 style: 护照、港澳居民来往内地通行证等有效身份证件 (rule 2 of the annotation guide).
    let r = reqs("某事项", "护照、港澳居民来往内地通行证等有效身份证件");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!(r[0].0, "身份证明");
    assert_eq!(r[0].1, ["护照", "港澳居民来往内地通行证"]);
    assert!(read("某事项", "护照、港澳居民来往内地通行证等有效身份证件").vague);
    // A modifier of the class (基本) and of a member (二代) does not matter.
    assert_eq!(
        names("某事项", "二代居民身份证、户口簿、护照等基本身份证件"),
        ["身份证明"]
    );
    // Closed by a class 结婚证 is not of: split.
    assert_eq!(
        names("某事项", "夫妻双方居民身份证、户口簿、结婚证等有效证件"),
        ["身份证明", "身份证明", "婚姻关系证明"]
    );
}

/// In one guide, the category as such (有效身份证件) and, in another situation, its first
/// document (持卡人本人身份证) are one need: one requirement, not 身份证明 and a wording.
#[test]
fn the_category_as_such_and_its_first_document_are_one_need_in_a_guide() {
    let a = read("某事项", "有效身份证件");
    let b = read("某事项", "持卡人本人身份证原件");
    let c = read("某事项", "户口簿");
    let keys = assign(&[&a.pieces[0], &b.pieces[0], &c.pieces[0]]);
    assert_eq!(keys[0].0, "身份证明");
    assert_eq!(keys[1].0, "身份证明");
    // Another document of the category is still a requirement of its own.
    assert_eq!(keys[2].0, "户口簿");
}

/// The body before 的 issues or owns the document (用人单位的营业执照): a qualifier; before a
/// bare 证明 it tells the proof apart (公安部门的证明 = 公安部门证明). A remark naming only the
/// copy ((副本及复印件)) is a qualifier. A和B证明 shares the head; 附 is a drafting particle.
#[test]
fn issuers_shared_heads_and_attached_documents_are_read() {
    // 工伤认定办法 第六条 style wordings.
    assert_eq!(
        names("某事项", "用人单位的营业执照（副本及复印件）"),
        ["主体资格证明"]
    );
    assert_eq!(names("某事项", "公安部门的证明"), ["公安部门证明"]);
    assert_eq!(names("某事项", "公安部门证明"), ["公安部门证明"]);
    assert_eq!(
        names("某事项", "医院的出生和死亡证明"),
        ["出生医学证明", "死亡证明"]
    );
    let h = holders("某事项", "证人证言原件，附证明人身份证复印件");
    assert_eq!(h[1].0.as_deref(), Some("证人"), "{h:?}");
    // 附件 is a document, not a particle.
    assert_eq!(names("某事项", "附件材料"), ["附件材料"]);
}

/// A material naming the data the applicant gives, not a document (个人基本信息和失业原因;
/// 办理时登记申请人姓名、性别、联系电话…), is what the item's own form records.
#[test]
fn the_data_an_applicant_gives_is_the_items_form() {
    let r = read("失业登记", "个人基本信息和就业失业状况");
    assert_eq!(r.pieces.len(), 1);
    assert_eq!(r.pieces[0].requirement, "§form");
    let r = read("某事项", "申请人姓名、性别、住址、联系电话");
    assert_eq!(r.pieces[0].requirement, "§form");
    // A document about a person's data is still a document.
    assert_eq!(
        read("某事项", "个人信息登记表").pieces[0].requirement,
        "~个人信息登记表"
    );
}

/// A proof named by its issuer only means what its condition calls for; two sets of unknown
/// alternatives sharing only such a proof are not one requirement by their first alternative.
#[test]
fn a_proof_named_by_its_issuer_only_identifies_no_requirement() {
    assert!(is_generic_proof("公安部门证明"));
    assert!(is_generic_proof("其他证明"));
    assert!(is_generic_proof("证明"));
    assert!(!is_generic_proof("下落不明证明"));
    assert!(!is_generic_proof("劳动关系证明"));
    let a = read("某事项", "公安部门的证明或者人民法院的相关法律文书");
    let b = read("某事项", "公安部门证明或其他证明");
    assert_ne!(a.pieces[0].requirement, b.pieces[0].requirement);
}

/// 居民户口簿首页和本人页复印件 was read as two requirements, 户口簿 and a document called 页: a
/// list of bare pages after a conjunction asks for the booklet they are pages of (the
/// annotation rules: "two pages of one 户口簿: one document"). A page with its own document
/// (新生儿记录页) stays its own piece.
#[test]
fn pages_of_one_booklet_are_one_document() {
    for name in [
        "居民户口簿首页和本人页复印件",
        "被投靠人居民户口簿首页及本人页",
        "户口簿首页和本人页(原件及复印件1份)",
        "户口簿户主页",
        "参保人户口簿首页和本人常住人口登记卡",
    ] {
        let r = read("某事项", name);
        assert_eq!(r.pieces.len(), 1, "{name}: {:?}", r.pieces);
        assert_eq!(r.pieces[0].accepts, ["户口簿"], "{name}");
    }
    let r = read("某事项", "护照个人资料页");
    assert_eq!(r.pieces[0].accepts, ["护照"]);
    let r = read("某事项", "集体户口首页与本人的户口卡片原件");
    assert_eq!(r.pieces.len(), 1, "{:?}", r.pieces);
    let r = read("某事项", "分娩记录表首页、新生儿记录页复印件");
    assert_eq!(r.pieces.len(), 2, "{:?}", r.pieces);
}

/// Regression: each piece searched the list of the requirements taken before it (quadratic: a
/// guide of 100,000 materials took 41 s to lint). Doubling the pieces may at most triple the
/// time: the best of three runs each, three tries, so a loaded machine does not fail it.
#[test]
fn assigning_requirements_is_linear_in_the_pieces() {
    let one = read("设立登记", "营业执照").pieces[0].clone();
    let pieces = |n: usize| -> Vec<Piece> {
        (0..n)
            .map(|i| Piece {
                requirement: format!("requirement {i}"),
                ..one.clone()
            })
            .collect()
    };
    let (small, large) = (pieces(20_000), pieces(40_000));
    let time = |p: &[Piece]| {
        let refs: Vec<&Piece> = p.iter().collect();
        let start = std::time::Instant::now();
        let out = assign_in_situations(&refs, &[]);
        assert_eq!(out.len(), p.len());
        start.elapsed()
    };
    let linear = (0..3).any(|_| {
        let best = |p: &[Piece]| (0..3).map(|_| time(p)).min().unwrap();
        best(&large).as_secs_f64() <= 3.0 * best(&small).as_secs_f64()
    });
    assert!(linear, "doubling 20,000 pieces more than tripled the time");
}

/// 残疾人身份证与户口本 was read as 户口簿 with "残疾人身份证与" dropped as a qualifier: 与 joins
/// two documents as 和 does (not in 赠与合同).
#[test]
fn yu_joins_two_documents_as_he_does() {
    let r = read("残疾人证核发", "残疾人身份证与户口本");
    let accepts: Vec<_> = r.pieces.iter().map(|p| p.accepts.clone()).collect();
    assert_eq!(accepts, [vec!["居民身份证"], vec!["户口簿"]]);
    let r = read("某事项", "赠与合同");
    assert_eq!(r.pieces.len(), 1);
}

/// 新生儿父母填写首次签发登记表 was read as the parents' own document "填写首次签发登记表": a verb
/// of filling in or signing after the persons is no part of the document, and the persons
/// before the item's own form are its signers, not another person holding it.
#[test]
fn persons_filling_in_the_items_form_do_not_own_it() {
    let item = "出生医学证明首次签发";
    let r = read(item, "新生儿父母填写首次签发登记表");
    assert_eq!(r.pieces[0].requirement, "§form");
    assert_eq!(r.pieces[0].holder, None);
    let r = read("离婚登记", "夫妻双方签署的离婚协议书");
    assert_eq!(r.pieces[0].accepts, ["离婚协议书"]);
}

/// 婚姻状况证明(结婚证、离婚证) was compared as written (no entry): the ontology lists the long
/// form 婚姻状况证明材料, and a name ending 证明材料 / 证明文件 / 证明资料 now also answers to its
/// short form, as the reader already folds the long form of what a guide writes.
#[test]
fn a_proofs_short_form_finds_the_entry_of_its_long_form() {
    let r = read("户口迁移（投靠落户）", "婚姻状况证明(结婚证、离婚证)");
    assert_eq!(r.pieces[0].name, "婚姻关系证明");
}

/// 填写郑州市高龄津贴申请表 and 高龄老年人高龄津贴申领表 were two rows: a verb before the first
/// word (填写, 提交, 提供 …) is no part of the document, and a 申领表 is a form as a 申请表 is.
#[test]
fn a_leading_verb_and_a_shenling_form() {
    let item = "高龄津贴申领";
    for name in ["填写郑州市高龄津贴申请表", "高龄老年人高龄津贴申领表"] {
        assert_eq!(read(item, name).pieces[0].requirement, "§form", "{name}");
    }
    assert_eq!(read(item, "提供户口簿").pieces[0].accepts, ["户口簿"]);
}

/// 居住、暂住证明 was one wording: a head shared over 、 is distributed as over 和 (抢救和死亡证明).
#[test]
fn a_head_shared_over_a_comma_is_distributed() {
    let r = read("某事项", "居住、暂住证明");
    let names: Vec<_> = r.pieces.iter().map(|p| p.accepts.clone()).collect();
    assert_eq!(names, [vec!["居住证明"], vec!["暂住证明"]]);
}

/// 公安部门的证明或者人民法院的判决书或者其他有效证明 (工伤认定) was read as a 离婚文书: 判决书
/// was a variant of 离婚判决书. A judgment that does not say what it decides is its own entry.
#[test]
fn a_judgment_is_no_divorce_judgment_unless_it_says_so() {
    let r = read(
        "工伤认定",
        "公安部门的证明或者人民法院的判决书或者其他有效证明",
    );
    assert_ne!(r.pieces[0].name, "离婚文书");
    let r = read("离婚登记", "离婚判决书");
    assert_eq!(r.pieces[0].accepts, ["离婚判决书"]);
}

/// Two classes of bracket that hid documents: a segment ending in a remark was taken for a
/// modifier and joined to the next (双方户口簿(原件及复印件)、双方身份证(原件及复印件) was one
/// piece; 法定代表人任职文件(…)及身份证件 lost its 任职文件), and two remarks in one name were
/// stripped as one from the first bracket to the last, with the document between them.
#[test]
fn a_remark_neither_hides_a_document_nor_swallows_the_next() {
    let r = read(
        "离婚登记",
        "双方户口簿(原件及复印件)、双方身份证(原件及复印件)",
    );
    assert_eq!(r.pieces.len(), 2, "{:?}", r.pieces);
    let r = read(
        "内资有限公司设立登记",
        "法定代表人任职文件(股东会决议由股东签署,董事会决议由公司董事签字)及身份证件复印件",
    );
    assert_eq!(r.pieces.len(), 2, "{:?}", r.pieces);
    let r = read(
        "工伤认定",
        "与用人单位存在劳动关系(包括人事关系)的证明材料(劳动合同、入职通知、工资表、考勤记录等)",
    );
    assert_eq!(r.pieces[0].name, "劳动关系证明");
}

/// 《房屋所有权证》(或已登记备案的《房屋(商品房)买卖(销售)合同》) was cut at the first `)`
/// (accepting "房屋(商品房" and "房屋所有权证买卖(销售)合同)"): a bracketed 或 alternative ends at
/// its own closing bracket.
#[test]
fn a_bracketed_alternative_ends_at_its_own_bracket() {
    let r = read(
        "购房提取住房公积金",
        "《房屋所有权证》(或已登记备案的《房屋(商品房)买卖(销售)合同》)",
    );
    assert_eq!(r.pieces[0].accepts, ["不动产权证书", "商品房买卖合同"]);
}

/// 被投靠人居民户口簿首页及本人页 was read as the applicant's 户口簿: the relative a person moves
/// in with (被投靠人) and a residence's owner (合法稳定住所所有权人, 国发〔2014〕25号) are other
/// persons; the person moving in (投靠人) is the applicant.
#[test]
fn the_relative_joined_is_another_person() {
    let item = "户口迁移（投靠落户）";
    let r = read(item, "被投靠人居民户口簿首页及本人页");
    assert_eq!(r.pieces[0].holder.as_deref(), Some("被投靠人"));
    let r = read(item, "投靠人和被投靠人《居民户口簿》和《居民身份证》");
    assert_eq!(r.pieces.len(), 4, "{:?}", r.pieces);
}

/// 身份证(社会保障卡)或户口簿(常住人员居住证或常住证明) was read as 户口簿/居住证/常住证明 only,
/// with "身份证(社会保障卡)或" dropped as a qualifier: alternatives that carry brackets of their
/// own are read one by one.
#[test]
fn alternatives_with_their_own_brackets_are_read_one_by_one() {
    let r = read(
        "失业登记",
        "身份证(社会保障卡)或户口簿(常住人员居住证或常住证明)",
    );
    assert_eq!(r.pieces.len(), 1);
    assert!(
        r.pieces[0].accepts.contains(&"居民身份证".to_owned()),
        "{:?}",
        r.pieces[0].accepts
    );
    assert!(r.pieces[0].accepts.contains(&"户口簿".to_owned()));
}

/// 参保人员居民身份证等相关材料原件、复印件各1份 was compared as written: its catch-all tail sat
/// before a quantity. The tail is found before a trailing quantity, which is then read as one.
#[test]
fn a_catch_all_before_a_quantity_is_still_a_catch_all() {
    let r = read(
        "企业职工基本养老保险关系转移接续",
        "参保人员居民身份证等相关材料原件、复印件各1份",
    );
    assert_eq!(r.pieces[0].accepts, ["居民身份证"]);
    assert!(r.vague);
}

/// 两名以上目击证人的书面证明材料(附证人的身份证复印件) was compared as written: a count before
/// the persons (两名以上, 2名) hid the witnesses, and a remark of what comes attached (附…) stayed
/// in the name. The witnesses hold it; the count and the attachment are qualifiers.
#[test]
fn a_count_of_persons_and_an_attachment_remark_hide_nothing() {
    let r = read(
        "工伤认定",
        "两名以上目击证人的书面证明材料(附证人的身份证复印件)",
    );
    assert_eq!(r.pieces[0].holder.as_deref(), Some("证人"));
    assert_eq!(r.pieces[0].accepts, ["书面证明"]);
    let r = read("某事项", "二手房买卖合同");
    assert_eq!(r.pieces[0].holder, None);
}

/// 区县(自治县)民政部门认为需要提供的证明材料 was read as a document: whatever an office deems
/// necessary is a catch-all (annotation rule 4), flagged vague like 其他材料.
#[test]
fn what_an_office_deems_necessary_is_a_catch_all() {
    let r = read(
        "最低生活保障审核确认",
        "区县(自治县)民政部门认为需要提供的证明材料",
    );
    assert!(r.vague);
    assert!(!read("某事项", "居民身份证").vague);
}

/// 县级以上公安部门或者其他相关部门的证明原件及…… (a name its source cut short) was read as two
/// requirements, the second an empty one made of the ellipsis: what was cut is unknown, not a
/// document.
#[test]
fn an_ellipsis_where_a_name_was_cut_is_no_requirement() {
    for name in [
        "公安部门的证明原件及……",
        "公安部门的证明原件及…",
        "公安部门的证明、……",
    ] {
        let r = read("工伤认定", name);
        assert_eq!(r.pieces.len(), 1, "{name}: {:?}", r.pieces);
        assert!(r.pieces[0].accepts.iter().all(|a| !a.is_empty()), "{name}");
    }
}

/// 其他特殊情况需提交的证明材料 was read as a document named 的证明: the 的 after a condition
/// goes with the condition, and what any other situation calls for is a catch-all (rule 4).
#[test]
fn a_condition_takes_its_de_and_any_other_situation_is_a_catch_all() {
    let r = read("工伤认定", "其他特殊情况需提交的证明材料");
    assert_eq!(r.pieces[0].name, "证明材料");
    assert!(r.vague);
    let r = read("某事项", "代办的需提供的委托书");
    assert_eq!(r.pieces[0].name, "授权委托书");
    assert!(!r.vague);
    // Another person in the condition is no other situation.
    assert!(!read("某事项", "委托其他人代办的需提供委托书").vague);
}

/// 营业执照副本原件及加盖公章的复印件 was read as two requirements, the second named 加盖公章: a
/// copy stamped or signed (加盖公章的, 经本人签字的) is still a copy form of the document before it;
/// a person's copy (户主的复印件) is not.
#[test]
fn a_stamped_or_signed_copy_is_a_copy_form() {
    for name in [
        "营业执照副本原件及加盖公章的复印件",
        "居民身份证原件及经本人签字的复印件",
    ] {
        let r = read("某事项", name);
        assert_eq!(r.pieces.len(), 1, "{name}: {:?}", r.pieces);
        assert_eq!(r.pieces[0].qualifiers.copy, Some("原件和复印件"), "{name}");
    }
    assert_eq!(read("某事项", "户口簿及户主的复印件").pieces.len(), 2);
}

/// 诊断证明书、病历、费用清单及发票 gave a 病历清单: 病历 (a medical record) and 档案 are documents
/// of their own, so the head of the next name is not shared with them.
#[test]
fn a_medical_record_is_a_document_and_shares_no_head() {
    let r = read("某事项", "医疗机构出具的诊断证明书、病历、费用清单及发票");
    let names: Vec<&str> = r.pieces.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"病历"), "{names:?}");
    assert!(!names.contains(&"病历清单"), "{names:?}");
    // 票据 and 小结 are documents too: 医疗费用原始票据、费用明细清单 was one requirement.
    let r = read("某事项", "医疗费用原始票据、费用明细清单");
    assert_eq!(r.pieces.len(), 2, "{:?}", r.pieces);
    // The class it was made for still holds: 居住、暂住证明 shares 证明.
    let r = read("某事项", "居住、暂住证明");
    assert!(
        r.pieces.iter().all(|p| p.name.ends_with("证明")),
        "{:?}",
        r.pieces
    );
}

/// 父母或其他监护人的身份证明 was read as the applicant's document, flagged vague: 其他 before a
/// person (其他监护人, 其他共有人) names persons of that kind, not a catch-all; after 或 they are
/// the fallback of the persons before, who hold the document.
#[test]
fn other_persons_of_a_kind_are_persons_and_a_fallback_after_or() {
    for name in [
        "父母或其他监护人的身份证明",
        "父母双方或其他监护人的身份证明",
    ] {
        let r = read("出生登记", name);
        assert_eq!(r.pieces[0].holder.as_deref(), Some("父母"), "{name}");
        assert!(!r.vague, "{name}");
    }
    let r = read("某事项", "申请人及其他共有人的身份证明");
    let holders: Vec<Option<&str>> = r.pieces.iter().map(|p| p.holder.as_deref()).collect();
    assert_eq!(holders, [None, Some("共有人")]);
    assert!(read("某事项", "其他材料").vague);
}

/// 学生父母(或其他法定监护人)的合法稳定住所材料:房产证或购房协议、宅基地证…等 was read as five
/// requirements, one of them the person 其他法定监护人: the document named before a colon is the
/// requirement and the list after it what it accepts (annotation rule 2); a bracketed 或 person
/// is a fallback holder, not a document.
#[test]
fn a_title_before_a_colon_is_the_requirement_and_the_list_what_it_accepts() {
    let r = read(
        "中小学生转学",
        "学生父母(或其他法定监护人)的合法稳定住所材料:房产证或购房协议、宅基地证、房屋租赁合同等",
    );
    assert_eq!(r.pieces.len(), 1, "{:?}", r.pieces);
    let accepts = &r.pieces[0].accepts;
    assert!(accepts.iter().any(|a| a == "宅基地证"), "{accepts:?}");
    assert!(!accepts.iter().any(|a| a.contains("监护人")), "{accepts:?}");
    let r = read("某事项", "身份证明：居民身份证或护照");
    assert_eq!(r.pieces.len(), 1);
    assert_eq!(r.pieces[0].name, "身份证明");
    // A colon after no document name is no title.
    assert_eq!(read("某事项", "备注：无").pieces[0].accepts, ["备注:无"]);
    let r = read("某事项", "父母（或其他监护人）的身份证");
    assert_eq!(r.pieces[0].holder.as_deref(), Some("父母"));
}

/// 农村居民提供村委会证明 was compared as written: who (or in which case) provides it, before
/// 提供 / 提交, is a condition; the document follows. 提供的 stays a clause of the issuer.
#[test]
fn who_provides_it_is_a_condition_before_the_document() {
    let r = read("某事项", "农村居民提供村委会证明，城镇居民提供社区证明");
    let names: Vec<&str> = r.pieces.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["村委会证明", "社区证明"]);
    assert_eq!(r.pieces[0].qualifiers.other, ["农村居民提供"]);
    let r = read("某事项", "提供身份证");
    assert_eq!(r.pieces[0].accepts, ["居民身份证"]);
}

/// 近6个月社保缴费明细 was compared as written: the period a document covers (近6个月, 近三年的)
/// is an attribute; 近亲属 is no period. 明细 ends a document name (历年实际缴费指数明细、基本养老
/// 保险个人账户表 was one requirement).
#[test]
fn a_leading_period_is_an_attribute_and_a_statement_a_document() {
    let r = read("某事项", "近6个月社保缴费明细");
    assert_eq!(r.pieces[0].accepts, ["社保缴费明细"]);
    assert_eq!(r.pieces[0].qualifiers.other, ["近6个月"]);
    assert_eq!(
        read("某事项", "近三年的纳税证明").pieces[0].accepts,
        ["纳税证明"]
    );
    assert_eq!(
        read("某事项", "近亲属关系证明").pieces[0].accepts,
        ["近亲属关系证明"]
    );
    let r = read("某事项", "历年实际缴费指数明细、基本养老保险个人账户表");
    assert_eq!(r.pieces.len(), 2, "{:?}", r.pieces);
}

/// 共同生活的家庭成员身份证明 was read as the applicant's 身份证明: a short clause before persons
/// (共同生活的, 随迁的) describes them; they still hold the document.
#[test]
fn a_clause_describing_the_persons_hides_no_holder() {
    for (name, holder) in [
        ("共同生活的家庭成员身份证明", "家庭成员"),
        ("共同生活的家庭成员的收入证明", "家庭成员"),
        ("随迁的子女出生医学证明", "子女"),
    ] {
        let r = read("某事项", name);
        assert_eq!(r.pieces[0].holder.as_deref(), Some(holder), "{name}");
    }
    assert_eq!(
        read("某事项", "用人单位出具的在职证明").pieces[0].holder,
        None
    );
}

/// 营业执照副本复印件加盖公章 and 身份证复印件并签字 were compared as written: stamping or signing
/// after a document or its copy form is how the copy is made, a qualifier.
#[test]
fn stamping_or_signing_after_the_document_is_a_qualifier() {
    for (name, doc) in [
        ("营业执照副本复印件加盖公章", "营业执照"),
        ("《营业执照》副本复印件加盖公章", "营业执照"),
        ("身份证复印件并签字", "居民身份证"),
    ] {
        let r = read("某事项", name);
        assert_eq!(r.pieces[0].accepts, [doc], "{name}");
        assert_eq!(r.pieces[0].qualifiers.copy, Some("复印件"), "{name}");
    }
    // A signature alone is no document before a stamp tail: read as written.
    assert_eq!(read("某事项", "签字").pieces[0].accepts, ["签字"]);
}
