//! Synthetic national corpus generator for benchmarks and scale tests.
//!
//! **Everything this writes is synthetic**: invented guides in the national format, for measuring
//! tongban (and other validators) at national scale. Nothing it writes is a real guide; every file
//! says so in a comment and in `source.document`.
//!
//! ```text
//! cargo run --release --example gen-corpus -- --guides N --out DIR [--seed S] [--invalid-rate R]
//!     [--defects KIND,KIND,...]
//! ```
//!
//! `--defects` restricts the kinds of defect (default: all of them); the benchmark leaves out
//! `yaml-syntax` because ajv-cli stops its whole run at the first file that does not parse.
//!
//! Deterministic for a seed (its own small PRNG, so the output does not change with a crate
//! version). Guides are spread over 31 provinces and their (synthetic) cities and counties; the
//! same items recur in every region with varied material lists, so `tongban diff` has work to do.
//! A fraction `R` of the files (default 0.03) is invalid in one of several ways; `DIR/manifest.tsv`
//! lists each invalid file with the kind of defect and the finding code tongban must report.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::PathBuf;

/// splitmix64: tiny, fast, and stable forever (unlike a library RNG's stream across versions).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const PROVINCES: &[(&str, &str, &str)] = &[
    ("110000", "北京市", "北京"),
    ("120000", "天津市", "天津"),
    ("130000", "河北省", "石家庄"),
    ("140000", "山西省", "太原"),
    ("150000", "内蒙古自治区", "呼和浩特"),
    ("210000", "辽宁省", "沈阳"),
    ("220000", "吉林省", "长春"),
    ("230000", "黑龙江省", "哈尔滨"),
    ("310000", "上海市", "上海"),
    ("320000", "江苏省", "南京"),
    ("330000", "浙江省", "杭州"),
    ("340000", "安徽省", "合肥"),
    ("350000", "福建省", "福州"),
    ("360000", "江西省", "南昌"),
    ("370000", "山东省", "济南"),
    ("410000", "河南省", "郑州"),
    ("420000", "湖北省", "武汉"),
    ("430000", "湖南省", "长沙"),
    ("440000", "广东省", "广州"),
    ("450000", "广西壮族自治区", "南宁"),
    ("460000", "海南省", "海口"),
    ("500000", "重庆市", "重庆"),
    ("510000", "四川省", "成都"),
    ("520000", "贵州省", "贵阳"),
    ("530000", "云南省", "昆明"),
    ("540000", "西藏自治区", "拉萨"),
    ("610000", "陕西省", "西安"),
    ("620000", "甘肃省", "兰州"),
    ("630000", "青海省", "西宁"),
    ("640000", "宁夏回族自治区", "银川"),
    ("650000", "新疆维吾尔自治区", "乌鲁木齐"),
];

/// An item template: name, type, competent department, legal basis, department suffix, and its
/// material pool as (name, variants, category, e-licence?).
struct Item {
    name: &'static str,
    kind: &'static str,
    competent: &'static str,
    law: &'static str,
    dept: &'static str,
    materials: &'static [(&'static str, &'static [&'static str], &'static str, bool)],
}

const ID: (&str, &[&str], &str, bool) = (
    "居民身份证",
    &["身份证", "有效身份证件"],
    "证件证书证明",
    true,
);
const HUKOU: (&str, &[&str], &str, bool) = ("户口簿", &["居民户口簿"], "证件证书证明", true);
const MARRIAGE: (&str, &[&str], &str, bool) = ("结婚证", &["婚姻关系证明"], "证件证书证明", true);
const PROXY: (&str, &[&str], &str, bool) = (
    "《授权委托书》",
    &["《委托书》", "《代理人授权委托书》"],
    "申请表格文书",
    false,
);

const ITEMS: &[Item] = &[
    Item {
        name: "合伙企业设立登记",
        kind: "行政许可",
        competent: "国家市场监督管理总局",
        law: "《中华人民共和国合伙企业法》",
        dept: "市场监督管理局",
        materials: &[
            (
                "《合伙企业登记（备案）申请书》",
                &["《合伙企业设立登记申请书》"],
                "申请表格文书",
                false,
            ),
            ("合伙协议", &["全体合伙人签署的合伙协议"], "其他", false),
            (
                "全体合伙人的主体资格证明",
                &["合伙人身份证明"],
                "证件证书证明",
                false,
            ),
            (
                "主要经营场所使用证明",
                &["经营场所证明", "住所（经营场所）使用证明"],
                "证件证书证明",
                false,
            ),
            (
                "出资确认书",
                &["全体合伙人对各合伙人认缴或者实际缴付出资的确认书"],
                "证件证书证明",
                false,
            ),
            PROXY,
        ],
    },
    Item {
        name: "内资有限公司设立登记",
        kind: "行政许可",
        competent: "国家市场监督管理总局",
        law: "《中华人民共和国公司法》",
        dept: "市场监督管理局",
        materials: &[
            (
                "《公司登记（备案）申请书》",
                &["《公司设立登记申请书》"],
                "申请表格文书",
                false,
            ),
            ("公司章程", &["有限公司章程"], "其他", false),
            (
                "股东的主体资格证明",
                &["股东身份证明"],
                "证件证书证明",
                false,
            ),
            ("住所使用证明", &["住所证明"], "证件证书证明", false),
            (
                "法定代表人、董事、监事和经理的任职文件",
                &["任职文件"],
                "其他",
                false,
            ),
            PROXY,
        ],
    },
    Item {
        name: "生育登记",
        kind: "公共服务",
        competent: "国家卫生健康委员会",
        law: "《中华人民共和国人口与计划生育法》",
        dept: "卫生健康委员会",
        materials: &[
            ID,
            HUKOU,
            MARRIAGE,
            (
                "《生育登记服务表》",
                &["《生育服务登记表》"],
                "申请表格文书",
                false,
            ),
            PROXY,
        ],
    },
    Item {
        name: "购房提取住房公积金",
        kind: "公共服务",
        competent: "住房和城乡建设部",
        law: "《住房公积金管理条例》",
        dept: "住房公积金管理中心",
        materials: &[
            ID,
            (
                "《商品房买卖合同》",
                &["购房合同", "房屋买卖合同"],
                "其他",
                false,
            ),
            ("购房发票", &["购房款发票或收据"], "其他", false),
            ("不动产权证书", &["房屋所有权证"], "证件证书证明", true),
            MARRIAGE,
            ("银行卡", &["本人银行卡"], "其他", false),
        ],
    },
    Item {
        name: "正常退休提取住房公积金",
        kind: "公共服务",
        competent: "住房和城乡建设部",
        law: "《住房公积金管理条例》",
        dept: "住房公积金管理中心",
        materials: &[
            ID,
            ("退休证明", &["退休证", "离退休证明"], "证件证书证明", false),
            ("银行卡", &["本人银行卡"], "其他", false),
        ],
    },
    Item {
        name: "跨省异地就医登记备案",
        kind: "公共服务",
        competent: "国家医疗保障局",
        law: "《中华人民共和国社会保险法》",
        dept: "医疗保障局",
        materials: &[
            ID,
            (
                "社会保障卡",
                &["社保卡", "医保电子凭证"],
                "证件证书证明",
                true,
            ),
            (
                "《异地就医备案登记表》",
                &["《异地就医登记备案表》"],
                "申请表格文书",
                false,
            ),
            (
                "异地居住证明",
                &["居住证", "《异地长期居住承诺书》"],
                "证件证书证明",
                false,
            ),
            HUKOU,
        ],
    },
    Item {
        name: "失业登记",
        kind: "公共服务",
        competent: "人力资源和社会保障部",
        law: "《中华人民共和国就业促进法》",
        dept: "人力资源和社会保障局",
        materials: &[
            ID,
            (
                "《失业登记表》",
                &["《就业失业登记表》"],
                "申请表格文书",
                false,
            ),
            (
                "解除或终止劳动关系证明",
                &["离职证明"],
                "证件证书证明",
                false,
            ),
        ],
    },
    Item {
        name: "社会保障卡申领",
        kind: "公共服务",
        competent: "人力资源和社会保障部",
        law: "《中华人民共和国社会保险法》",
        dept: "人力资源和社会保障局",
        materials: &[
            ID,
            (
                "《社会保障卡申领登记表》",
                &["《社保卡申领表》"],
                "申请表格文书",
                false,
            ),
            ("数码照片回执", &["照片回执"], "其他", false),
            PROXY,
        ],
    },
    Item {
        name: "企业职工基本养老保险关系转移接续",
        kind: "公共服务",
        competent: "人力资源和社会保障部",
        law: "《中华人民共和国社会保险法》",
        dept: "社会保险事业管理中心",
        materials: &[
            ID,
            (
                "《基本养老保险参保缴费凭证》",
                &["参保缴费凭证"],
                "证件证书证明",
                false,
            ),
            (
                "《基本养老保险关系转移接续申请表》",
                &["《转移接续申请表》"],
                "申请表格文书",
                false,
            ),
        ],
    },
    Item {
        name: "机动车驾驶证公证",
        kind: "公共服务",
        competent: "司法部",
        law: "《中华人民共和国公证法》",
        dept: "公证处",
        materials: &[
            ID,
            ("机动车驾驶证", &["驾驶证"], "证件证书证明", true),
            ("《公证申请表》", &["《公证申请书》"], "申请表格文书", false),
            PROXY,
        ],
    },
];

const CONDITIONS: &[&str] = &[
    "申请人具有完全民事行为能力",
    "申请材料齐全、符合法定形式",
    "申请事项属于本机关职责范围",
    "按规定缴存住房公积金且账户状态正常",
    "委托他人办理的，代理人应持本人有效身份证件及授权委托书",
    "申请人承诺所提交材料真实、有效，并对其真实性负责",
];
const PROCESS: &[&str] = &["申请", "受理", "审查", "决定", "送达"];

/// GB 32100 统一社会信用代码 with a valid check character.
fn uscc(rng: &mut Rng, region: &str) -> String {
    const CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let mut s = String::from("11");
    s.push_str(region);
    for _ in 0..9 {
        s.push(CHARS[rng.below(10)] as char);
    }
    let sum: usize = s
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| CHARS.iter().position(|&c| c == b).unwrap() * w)
        .sum();
    let check = (31 - sum % 31) % 31;
    s.push(CHARS[check] as char);
    s
}

/// The defects an invalid guide can have: (kind, code tongban reports).
const DEFECTS: &[(&str, &str)] = &[
    ("missing-department", "TB101"),
    ("bad-item-type", "TB104"),
    ("bad-region-code", "TB105"),
    ("unknown-key", "TB102"),
    ("wrong-type-days", "TB103"),
    ("bad-date", "TB105"),
    ("negative-copies", "TB106"),
    ("yaml-syntax", "TB001"),
    ("bad-implementation-code", "TB202"),
    ("undeclared-situation", "TB219"),
];

struct Region {
    code: &'static str,
    name: &'static str,
    province: usize,
    level: &'static str,
}

/// Every real province-, prefecture- and county-level code (the 2023 table tongban embeds), so
/// valid guides carry real GB/T 2260 codes.
fn regions() -> Vec<Region> {
    tongban::data::regions::all()
        .filter_map(|(code, name)| {
            let province = PROVINCES.iter().position(|p| p.0[..2] == code[..2])?;
            let level = if code.ends_with("0000") {
                "省级"
            } else if code.ends_with("00") {
                "市级"
            } else {
                "县级"
            };
            Some(Region {
                code,
                name,
                province,
                level,
            })
        })
        .collect()
}

/// Items recur as 30 variants (办理情形) of each template, so a million guides have a million
/// distinct (item, region) pairs: 10 × 30 items × 3,348 regions.
const VARIANTS: usize = 30;

/// Fixed-line area code of each province's capital, for valid consultation phone numbers.
const AREA_CODES: &[&str] = &[
    "010", "022", "0311", "0351", "0471", "024", "0431", "0451", "021", "025", "0571", "0551",
    "0591", "0791", "0531", "0371", "027", "0731", "020", "0771", "0898", "023", "028", "0851",
    "0871", "0891", "029", "0931", "0971", "0951", "0991",
];

fn guide(i: usize, r: &Region, rng: &mut Rng, defect: Option<&str>) -> String {
    let slot = i % (ITEMS.len() * VARIANTS);
    let (item_no, variant) = (slot % ITEMS.len(), slot / ITEMS.len());
    let item = &ITEMS[item_no];
    let item_name = if variant == 0 {
        item.name.to_owned()
    } else {
        format!("{}（情形{variant}）", item.name)
    };
    let (_, pname, _) = PROVINCES[r.province];
    let basic_code = format!("{:06}{:06}", 115015 + item_no * 7, 5 + variant);
    let dept_code = uscc(rng, r.code);
    // 实施编码 as published: 实施主体编码 + 行使层级 digit + 12-character 基本编码 (31) or
    // 14-character 业务办理项编码 (33); portals show 基本编码 with or without the suffix.
    let level_digit = match r.level {
        "省级" => '2',
        "市级" => '3',
        _ => '4',
    };
    let with_suffix = rng.chance(0.5);
    let implementation = if defect == Some("bad-implementation-code") {
        format!("{dept_code}{level_digit}{basic_code}0")
    } else if with_suffix {
        format!("{dept_code}{level_digit}{basic_code}01")
    } else {
        format!("{dept_code}{level_digit}{basic_code}")
    };
    let basic_code = if with_suffix && rng.chance(0.5) {
        format!("{basic_code}01")
    } else {
        basic_code
    };
    let dept = if r.level == "省级" {
        format!("{}{}", r.name, item.dept)
    } else {
        format!("{pname}{}{}", r.name, item.dept)
    };
    let mut y = String::with_capacity(4096);
    let w = &mut y;
    let _ = writeln!(
        w,
        "# 合成数据（synthetic benchmark corpus）：由 tongban 的 gen-corpus 生成，不是真实的办事指南。"
    );
    let _ = writeln!(w, "item:\n  name: {item_name}");
    let kind = if defect == Some("bad-item-type") {
        "行政许诺"
    } else {
        item.kind
    };
    let _ = writeln!(
        w,
        "  type: {kind}\n  basic_code: \"{basic_code}\"\n  implementation_code: \"{implementation}\""
    );
    let code = if defect == Some("bad-region-code") {
        &r.code[..5]
    } else {
        r.code
    };
    let _ = writeln!(w, "region:\n  code: \"{code}\"\n  name: {}", r.name);
    if defect != Some("missing-department") {
        let _ = writeln!(w, "department: {dept}");
    }
    let _ = writeln!(
        w,
        "department_code: \"{dept_code}\"\ncompetent_department: {}",
        item.competent
    );
    let _ = writeln!(
        w,
        "power_source: 法定本级行使\nexercise_level: [{}]",
        r.level
    );
    let _ = writeln!(
        w,
        "service_objects: [自然人{}]",
        if item.kind == "行政许可" {
            ", 企业法人"
        } else {
            ""
        }
    );
    let _ = writeln!(
        w,
        "legal_basis:\n  - name: {}\n    article: 第{}条",
        item.law,
        3 + item_no
    );
    let _ = writeln!(w, "conditions:");
    for c in CONDITIONS.iter().take(2 + rng.below(4)) {
        let _ = writeln!(w, "  - {c}");
    }
    let legal = [5, 10, 15, 20, 30][rng.below(5)];
    let promised = legal - rng.below(legal);
    let _ = writeln!(w, "case_type: 承诺件\ntime_limit:");
    if defect == Some("wrong-type-days") {
        let _ = writeln!(w, "  legal_days: 十五");
    } else {
        let _ = writeln!(w, "  legal_days: {legal}");
    }
    let _ = writeln!(
        w,
        "  legal_unit: 工作日\n  promised_days: {promised}\n  promised_unit: 工作日"
    );
    let _ = writeln!(
        w,
        "  note: 自受理之日起计算，需要现场核查、听证、检测的时间不计入办理时限"
    );
    let _ = writeln!(w, "process: [{}]", PROCESS.join(", "));
    let _ = writeln!(w, "special_procedure: 无\nfee:\n  is_fee: false");
    let full_online = rng.chance(0.4);
    let _ = writeln!(
        w,
        "handling:\n  visits: {}\n  online: {}",
        if full_online { 0 } else { 1 },
        full_online || rng.chance(0.5)
    );
    if !full_online {
        let _ = writeln!(w, "  visit_reason: 需现场核验申请人身份及材料原件");
    }
    let _ = writeln!(
        w,
        "  location: {}政务服务中心{}号窗口",
        r.name,
        1 + rng.below(40)
    );
    let _ = writeln!(
        w,
        "  hours: 周一至周五 上午9:00—12:00，下午13:30—17:00（法定节假日除外）"
    );
    let _ = writeln!(w, "  appointment: true\n  express: {}", rng.chance(0.5));
    let _ = writeln!(
        w,
        "  scope: 跨省通办\n  cross_region_modes: [{}]",
        if full_online {
            "全程网办"
        } else {
            "异地代收代办"
        }
    );
    let _ = writeln!(
        w,
        "contact:\n  consultation_phone: \"{}-{}\"\n  complaint_phone: \"12345\"",
        AREA_CODES[r.province],
        60_000_000 + rng.below(30_000_000)
    );
    let _ = writeln!(
        w,
        "  consultation: 可通过{pname}政务服务网在线咨询，或拨打咨询电话"
    );
    // Half the guides distinguish situations (办理情形); the proxy form then applies only when
    // someone else applies on the applicant's behalf.
    let situations = rng.chance(0.5);
    if situations {
        let _ = writeln!(
            w,
            "situations:\n  - name: 本人办理\n  - name: 委托代办\n    description: 委托他人代为申请的"
        );
    }
    let _ = writeln!(w, "materials:");
    let mut seen = 0;
    for (k, (name, variants, category, elicence)) in item.materials.iter().enumerate() {
        // Regions drop materials (never the first) and use variants: the non-uniformity diff finds.
        if k > 0 && rng.chance(0.2) {
            continue;
        }
        seen += 1;
        let shown = if rng.chance(0.25) {
            rng.pick(variants)
        } else {
            name
        };
        let necessity = if rng.chance(0.1) {
            "容缺后补"
        } else if rng.chance(0.1) {
            "非必要"
        } else {
            "必要"
        };
        let _ = writeln!(
            w,
            "  - name: {shown}\n    necessity: {necessity}\n    category: {category}"
        );
        if *elicence {
            let _ = writeln!(
                w,
                "    medium: 电子证照\n    exempt_with_e_licence: true\n    source_channel: 电子证照库调取"
            );
            if defect == Some("negative-copies") && seen == 1 {
                let _ = writeln!(w, "    copies: -1");
            }
        } else {
            let copies: i64 = if defect == Some("negative-copies") && seen == 1 {
                -1
            } else {
                1 + rng.below(2) as i64
            };
            if rng.chance(0.5) {
                // v2: 原件 and 复印件 as two counts, as 广东 guides (原件：1 复印件：0) publish them.
                let _ = writeln!(
                    w,
                    "    originals: {}\n    photocopies: {copies}\n    medium: 纸质或电子",
                    rng.below(2)
                );
            } else {
                let _ = writeln!(
                    w,
                    "    original: {}\n    copies: {copies}\n    medium: 纸质或电子",
                    rng.pick(&["原件", "原件和复印件", "复印件"])
                );
            }
            let _ = writeln!(w, "    source_channel: 申请人自备");
        }
        if *name == PROXY.0 && situations {
            let _ = writeln!(w, "    situations: [委托代办]");
        } else if defect == Some("undeclared-situation") && seen == 1 {
            let _ = writeln!(w, "    situations: [首次申请]");
        }
        if *category == "申请表格文书" {
            let _ = writeln!(
                w,
                "    blank_form: {}.docx\n    sample: {}（示例）.pdf",
                shown.trim_matches(['《', '》']),
                shown.trim_matches(['《', '》'])
            );
        }
        let _ = writeln!(
            w,
            "    accept_standard: 内容完整、填写规范、签字（盖章）齐全"
        );
    }
    if defect == Some("unknown-key") {
        let _ = writeln!(w, "remarks: 本事项已纳入跨省通办清单");
    }
    let date = if defect == Some("bad-date") {
        "2026-13-45"
    } else {
        "2026-11-26"
    };
    let _ = writeln!(
        w,
        "source:\n  document: 合成数据（synthetic benchmark corpus, not a real guide）\n  retrieved: \"{date}\"\n  completeness: complete"
    );
    if defect == Some("yaml-syntax") {
        let _ = writeln!(w, "  note: [未闭合的列表");
    }
    y
}

fn main() {
    let mut guides: usize = 1000;
    let mut out: Option<PathBuf> = None;
    let mut seed: u64 = 2026;
    let mut invalid_rate = 0.03;
    let mut defects: Vec<(&str, &str)> = DEFECTS.to_vec();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--guides" => {
                guides = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--guides: not a number"))
            }
            "--out" => out = Some(PathBuf::from(value())),
            "--seed" => {
                seed = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--seed: not a number"))
            }
            "--invalid-rate" => {
                invalid_rate = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--invalid-rate: not a number"))
            }
            "--defects" => {
                let wanted = value();
                defects = wanted
                    .split(',')
                    .map(|k| {
                        *DEFECTS
                            .iter()
                            .find(|(kind, _)| *kind == k.trim())
                            .unwrap_or_else(|| usage(&format!("unknown defect kind {k}")))
                    })
                    .collect();
            }
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument {other}")),
        }
    }
    let out = out.unwrap_or_else(|| usage("--out DIR is required"));
    if !(0.0..=1.0).contains(&invalid_rate) {
        usage("--invalid-rate must be between 0 and 1");
    }
    if let Err(e) = generate(guides, &out, seed, invalid_rate, &defects) {
        eprintln!("gen-corpus: {e}");
        std::process::exit(2);
    }
}

fn generate(
    guides: usize,
    out: &std::path::Path,
    seed: u64,
    invalid_rate: f64,
    defects: &[(&'static str, &'static str)],
) -> std::io::Result<()> {
    fs::create_dir_all(out)?;
    fs::write(
        out.join("README.txt"),
        "Synthetic corpus generated by `cargo run --example gen-corpus` (tongban). NOT real service guides.\n",
    )?;
    let mut manifest = std::io::BufWriter::new(fs::File::create(out.join("manifest.tsv"))?);
    writeln!(manifest, "path\tdefect\tcode")?;
    let mut rng = Rng(seed);
    let mut invalid = 0usize;
    let regions = regions();
    for p in PROVINCES {
        fs::create_dir_all(out.join(p.0))?;
    }
    for i in 0..guides {
        let defect = (rng.chance(invalid_rate) && !defects.is_empty()).then(|| *rng.pick(defects));
        // Each block of 300 guides is one region with every item variant.
        let r = &regions[(i / (ITEMS.len() * VARIANTS)) % regions.len()];
        let text = guide(i, r, &mut rng, defect.map(|d| d.0));
        let rel = format!("{}/{:07}.yaml", PROVINCES[r.province].0, i);
        fs::write(out.join(&rel), text)?;
        if let Some((kind, code)) = defect {
            invalid += 1;
            writeln!(manifest, "{rel}\t{kind}\t{code}")?;
        }
    }
    manifest.flush()?;
    eprintln!(
        "gen-corpus: wrote {guides} synthetic guides ({invalid} invalid) to {}",
        out.display()
    );
    Ok(())
}

fn usage(problem: &str) -> ! {
    if !problem.is_empty() {
        eprintln!("gen-corpus: {problem}");
    }
    eprintln!(
        "usage: gen-corpus --guides N --out DIR [--seed S] [--invalid-rate R] [--defects K,K,...]"
    );
    eprintln!(
        "defect kinds: {}",
        DEFECTS.iter().map(|d| d.0).collect::<Vec<_>>().join(", ")
    );
    std::process::exit(if problem.is_empty() { 0 } else { 2 });
}
