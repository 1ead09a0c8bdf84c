//! The words the reader knows, grouped by what they mark: the applicant's roles and other persons,
//! copy forms, validity words, clause and condition endings, catch-all tails, document and form
//! endings. Lists of Chinese drafting vocabulary only: no wording of a bundled guide.

/// The applicant (or applicants) named in a material: stripped, kept as the `role` attribute.
pub(super) const ROLES: &[&str] = &[
    "夫妻双方",
    "夫妻一方",
    "夫妻任一方",
    "夫妻其中一方",
    "男女双方",
    "男女一方",
    "当事人双方",
    "双方当事人",
    "一方当事人",
    "当事人一方",
    // A party of the applicants (其中一方的居住证): still the applicants' document.
    "其中一方",
    "任何一方",
    "任意一方",
    "任一方",
    "另一方",
    "一方",
    "夫妻",
    "双方",
    "当事人",
    "本人",
    "申请人",
    "申请者",
    "提取人",
    "缴存人",
    "缴存职工",
    "购房职工",
    "职工",
    "借款人",
    "参保人员",
    "参保人",
    "失业人员",
    "劳动者",
    "公民",
    "自然人",
    "申报人",
    "办事人",
    "申领人",
    "经营者",
    "持证人",
    "持卡人",
    // The person moving in a 投靠落户 (the relative joined is 被投靠人, another person).
    "投靠人",
    // The ward in an agent's or guardian's list is the applicant (被监护人或被代理人的身份证件).
    "被监护人",
    "被代理人",
    "未成年人",
];

/// Another person: a document of theirs is a different requirement from the applicant's.
pub(super) const OTHERS: &[&str] = &[
    "配偶",
    "父母",
    "父或母",
    "父亲或母亲",
    "父亲",
    "母亲",
    "子女",
    "孩子",
    "新生儿",
    "婴儿",
    "被委托人",
    "委托代理人",
    "委托人",
    "受托人",
    "代理人",
    "代办人",
    "经办人",
    "法定代理人",
    "法定代表人",
    "负责人",
    "股东",
    "发起人",
    "执行事务合伙人",
    "合伙人",
    "委派代表",
    "董事",
    "监事",
    "经理",
    "高级管理人员",
    "共有人",
    "房屋共有人",
    "法定监护人",
    "监护人",
    "证明人",
    "目击证人",
    "证人",
    "继承人",
    "指定代表",
    "担保人",
    "家庭成员",
    "亲属",
    "同住人",
    "房主",
    "房屋产权人",
    "产权人",
    "房屋所有权人",
    "住所所有权人",
    // 国发〔2014〕25号's 合法稳定住所（含租赁）: its owner, written whole.
    "合法稳定住所所有权人",
    "所有权人",
    "被投靠人",
    "出租人",
    "户主",
];

/// Verbs before a document that are no part of it, at the start of a name (填写郑州市高龄津贴
/// 申请表, 提供户口簿).
pub(super) const LEADING_VERBS: &[&str] = &["填写", "提交", "提供", "出示", "携带"];

/// Verbs between the persons and their document (新生儿父母填写首次签发登记表, 申请人持有的…),
/// longest first where one starts another.
pub(super) const VERBS_AFTER_PERSONS: &[&str] = &[
    "提供",
    "提交",
    "填写的",
    "填写",
    "签署的",
    "签署",
    "出示",
    "携带",
    "持有的",
    "持",
];

/// Words that start like a person but name a body (董事会 is not 董事).
pub(super) const NOT_PERSONS: &[&str] = &[
    "董事会",
    "股东会",
    "股东大会",
    "监事会",
    "经理层",
    "子女数",
    "户主页",
    "一方面",
];

/// Copy forms, longest first: (as written, the `original` value they mean).
pub(super) const COPY_FORMS: &[(&str, &str)] = &[
    ("原件及复印件", "原件和复印件"),
    ("原件和复印件", "原件和复印件"),
    ("原件、复印件", "原件和复印件"),
    ("原件或复印件", "原件或复印件"),
    ("及其复印件", "原件和复印件"),
    ("及复印件", "原件和复印件"),
    ("和复印件", "原件和复印件"),
    ("的复印件", "复印件"),
    ("复印件", "复印件"),
    ("原件", "原件"),
];

/// Stamping and signing written after a document or its copy form (营业执照副本复印件加盖公章,
/// 身份证复印件并签字): how the copy is made, not a document. Longest first.
pub(super) const STAMP_TAILS: &[&str] = &[
    "并加盖单位公章",
    "并加盖公章",
    "加盖单位公章",
    "加盖公章",
    "并签字确认",
    "签字确认",
    "并签名",
    "并签字",
    "并盖章",
    "签字",
    "签名",
    "盖章",
];

/// Group photos: the persons named with one (家庭成员的合影) are who is in it, not its holder.
pub(super) const GROUP_PHOTOS: &[&str] = &["合影", "合照", "全家福"];

/// Validity and reference words before a document name.
pub(super) const VALIDITY: &[&str] = &[
    "有效期内的",
    "在有效期内的",
    "合法有效的",
    "有效的",
    "有关的",
    "相关的",
    "有效",
    "有关",
    "相关",
];

/// Phrases that end a signing / issuing / filing clause before the document (…签署的合伙协议).
pub(super) const CLAUSE_ENDS: &[&str] = &[
    "签署的",
    "签字的",
    "签章的",
    "盖章的",
    "签名的",
    "出具的",
    "开具的",
    "核发的",
    "颁发的",
    "备案的",
    "确认的",
];

/// Which side or rendering of a document is asked for (身份证正反面复印件): not a document itself.
pub(super) const SIDES: &[&str] = &[
    "正反面",
    "正反两面",
    "正面",
    "背面",
    "扫描件",
    "影印件",
    "电子版",
];

/// Pages of a booklet document (户口簿首页和本人页, 护照个人资料页): a page is not a document of its
/// own; a list of them asks for the document they are pages of.
pub(super) const PAGES: &[&str] = &[
    "页",
    "首页",
    "主页",
    "户主页",
    "本人页",
    "个人页",
    "资料页",
    "个人资料页",
    "信息页",
    "个人信息页",
    "变更页",
    "内页",
    "登记页",
];

/// The per-person cards of a household booklet: a 居民户口簿 is its 户主页 (首页) and one
/// 常住人口登记卡 per member (《中华人民共和国户口登记条例》 第五条; the Ministry of Public Security's
/// booklet layout), a 集体户口 its 首页 and 户口卡片. Written after a page (户口簿首页和本人常住人口
/// 登记卡) a card is another page of the same booklet.
pub(super) const BOOKLET_CARDS: &[&str] = &["常住人口登记卡", "户口卡片"];

/// The applicants named after a document (居民身份证复印件男女双方各一份), longest first.
pub(super) const TRAILING_PARTIES: &[&str] =
    &["双方当事人", "当事人双方", "男女双方", "夫妻双方", "双方"];

/// Phrases ending a condition written into a material name (代办的需提供…).
pub(super) const CONDITION_ENDS: &[&str] = &[
    "的,还应当提交",
    "的,还应当提供",
    "的,还应提交",
    "的,还应提供",
    "的,还需提交",
    "的,还需提供",
    "的,需提供",
    "的,须提供",
    "的,应提供",
    "的,需提交",
    "的,须提交",
    "的,应提交",
    "的,提供",
    "的,提交",
    "的需提供",
    "的须提供",
    "的应提供",
    "的需提交",
    "的须提交",
    "的应提交",
    "的提供",
    "的提交",
    "需提供",
    "须提供",
    "应提供",
    "需提交",
    "须提交",
    "应提交",
];

/// Catch-all tails (…等有效证件) and whole catch-alls (其他材料): read as vague.
pub(super) const CATCH_ALL_TAILS: &[&str] = &[
    "等其他身份证明材料",
    "等有效身份证件",
    "等有效证件",
    "等有效证明",
    "等相关材料",
    "等其他材料",
    "等有关材料",
    "等证件",
    "等证明",
    "等材料",
    "等资料",
    "等",
];
/// Endings of a whole catch-all (其他材料, 相关证明).
pub(super) const VAGUE_ENDS: &[&str] = &[
    "其他材料",
    "其他文件",
    "相关材料",
    "有关材料",
    "其他证明材料",
    "相关证明",
    "其他资料",
    "相关资料",
    "其他证明",
];

/// Phrases anywhere in a name that make it a catch-all: whatever an office deems necessary
/// (民政部门认为需要提供的证明材料).
pub(super) const VAGUE_PHRASES: &[&str] = &["其他", "认为需要", "认为必要", "认为有必要"];

/// How a name ends when it names a document (used to tell a list of documents from a phrase).
pub(super) const DOCUMENT_ENDS: &[&str] = &[
    "证",
    "证明",
    "证件",
    "证书",
    "书",
    "表",
    "单",
    "卡",
    "簿",
    "本",
    "照",
    "合同",
    "协议",
    "文件",
    "材料",
    "凭证",
    "记录",
    "发票",
    "收据",
    "账号",
    "账户",
    "执照",
    "决议",
    "决定",
    "章程",
    "报告",
    "函",
    "通知",
    "清单",
    "名册",
    "资料",
    "批文",
    "记录表",
    "回执",
    "卡片",
    "声明",
    "首页",
    "证照",
    "文书",
    "批复",
    "公证",
    "说明",
    "病历",
    "档案",
    "票据",
    "小结",
    "明细",
];

/// Endings of an application form (the item's own 申请书/申请表/登记表).
pub(super) const FORM_ENDS: &[&str] = &[
    "申请书",
    "申请表",
    "申领表",
    "登记服务表",
    "登记表",
    "备案表",
    "申报表",
    "审批表",
    "服务表",
];

/// Procedures an item or a form names, each with the words for it: a form naming one procedure
/// is not the form of an item naming only others.
pub(super) const PROCEDURES: &[&[&str]] = &[
    &["设立", "开业", "新设"],
    &["变更"],
    &["注销", "歇业"],
    &["核准", "预先核准"],
    &["换证", "换领", "换发"],
    &["补领", "补办", "补发"],
    &["迁移", "迁入", "迁出"],
    &["延续"],
];

/// Bigrams too common in item and form names to say a form belongs to an item.
pub(super) const GENERIC_BIGRAMS: &[&str] =
    &["登记", "申请", "备案", "服务", "办理", "事项", "审批"];

/// Heads that name no document kind of their own (证明, 材料): the words before them tell one
/// proof from another.
pub(super) const GENERIC_HEADS: &[&str] = &[
    "证明",
    "证明书",
    "证明材料",
    "证明文件",
    "材料",
    "文件",
    "资料",
    "文书",
];

/// How the name of a body ends (an issuer or an owner before 的: 公安部门, 医疗机构, 用人单位).
pub(super) const ORGANISATION_ENDS: &[&str] = &[
    "部门",
    "机构",
    "机关",
    "单位",
    "法院",
    "检察院",
    "医院",
    "公司",
    "企业",
    "委员会",
    "居委会",
    "村委会",
    "派出所",
    "政府",
    "办事处",
    "学校",
    "中心",
    "银行",
];
