//! GB/T 2260 administrative divisions (行政区划代码), shared by the lint rules and the coverage
//! report: the names of every province-, prefecture- and county-level division (国家统计局 2023
//! 统计用区划代码, embedded from `src/data/divisions.tsv`), the names the bundled data uses, and
//! the hierarchy (county → city → province) derived from the codes themselves.
//!
//! The table is complete for the province level (the 34 province-level divisions, stable for
//! decades) plus `100000 全国` as used for national baselines; below that it lists the prefecture-
//! and county-level codes used by the bundled data: the agreements (国家统计局 2023
//! 统计用区划代码 via github.com/modood/Administrative-divisions-of-China, commit 57a0aa9) and the regions of
//! the bundled guides (names as the guides give them). A code missing here may still be real.

use serde::Serialize;

/// `(code, name)`, sorted by code.
pub const DIVISIONS: &[(&str, &str)] = &[
    ("100000", "全国"),
    ("110000", "北京市"),
    ("120000", "天津市"),
    ("130000", "河北省"),
    ("140000", "山西省"),
    ("150000", "内蒙古自治区"),
    ("210000", "辽宁省"),
    ("210600", "丹东市"),
    ("211100", "盘锦市"),
    ("220000", "吉林省"),
    ("230000", "黑龙江省"),
    ("310000", "上海市"),
    ("310100", "上海市市辖区"),
    ("310117", "松江区"),
    ("310118", "青浦区"),
    ("320000", "江苏省"),
    ("320100", "南京市"),
    ("320111", "浦口区"),
    ("320115", "江宁区"),
    ("320200", "无锡市"),
    ("320282", "宜兴市"),
    ("320300", "徐州市"),
    ("320400", "常州市"),
    ("320413", "金坛区"),
    ("320481", "溧阳市"),
    ("320500", "苏州市"),
    ("320509", "吴江区"),
    ("320583", "昆山市"),
    ("320600", "南通市"),
    ("320700", "连云港市"),
    ("320722", "东海县"),
    ("320800", "淮安市"),
    ("320830", "盱眙县"),
    ("320900", "盐城市"),
    ("321000", "扬州市"),
    ("321081", "仪征市"),
    ("321100", "镇江市"),
    ("321183", "句容市"),
    ("321200", "泰州市"),
    ("321300", "宿迁市"),
    ("330000", "浙江省"),
    ("330100", "杭州市"),
    ("330200", "宁波市"),
    ("330381", "瑞安市"),
    ("330400", "嘉兴市"),
    ("330421", "嘉善县"),
    ("330500", "湖州市"),
    ("330522", "长兴县"),
    ("330523", "安吉县"),
    ("330700", "金华市"),
    ("330802", "柯城区"),
    ("340000", "安徽省"),
    ("340100", "合肥市"),
    ("340200", "芜湖市"),
    ("340300", "蚌埠市"),
    ("340500", "马鞍山市"),
    ("340506", "博望区"),
    ("340521", "当涂县"),
    ("340523", "和县"),
    ("340600", "淮北市"),
    ("340700", "铜陵市"),
    ("340800", "安庆市"),
    ("341100", "滁州市"),
    ("341122", "来安县"),
    ("341181", "天长市"),
    ("341200", "阜阳市"),
    ("341300", "宿州市"),
    ("341600", "亳州市"),
    ("341700", "池州市"),
    ("341800", "宣城市"),
    ("341802", "宣州区"),
    ("341821", "郎溪县"),
    ("341882", "广德市"),
    ("350000", "福建省"),
    ("360000", "江西省"),
    ("370000", "山东省"),
    ("370100", "济南市"),
    ("370203", "市北区"),
    ("370400", "枣庄市"),
    ("370800", "济宁市"),
    ("370900", "泰安市"),
    ("371100", "日照市"),
    ("371300", "临沂市"),
    ("371700", "菏泽市"),
    ("410000", "河南省"),
    ("410100", "郑州市"),
    ("410200", "开封市"),
    ("411000", "许昌市"),
    ("411400", "商丘市"),
    ("411600", "周口市"),
    ("420000", "湖北省"),
    ("430000", "湖南省"),
    ("430900", "益阳市"),
    ("433101", "吉首市"),
    ("440000", "广东省"),
    ("440300", "深圳市"),
    ("442000", "中山市"),
    ("450000", "广西壮族自治区"),
    ("460000", "海南省"),
    ("500000", "重庆市"),
    ("500111", "大足区"),
    ("510000", "四川省"),
    ("510100", "成都市"),
    ("520000", "贵州省"),
    ("520300", "遵义市"),
    ("530000", "云南省"),
    ("540000", "西藏自治区"),
    ("610000", "陕西省"),
    ("610100", "西安市"),
    ("620000", "甘肃省"),
    ("630000", "青海省"),
    ("630100", "西宁市"),
    ("640000", "宁夏回族自治区"),
    ("650000", "新疆维吾尔自治区"),
    ("710000", "台湾省"),
    ("810000", "香港特别行政区"),
    ("820000", "澳门特别行政区"),
];

/// The 2023 statistical division table (province, prefecture, county), embedded.
const STATS_TABLE: &str = include_str!("divisions.tsv");

fn stats() -> &'static std::collections::HashMap<&'static str, &'static str> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        STATS_TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

/// The name of a division: the names the bundled data uses (and the specials: 全国, 台湾, 香港,
/// 澳门), then the full 2023 statistical table of every province-, prefecture- and county-level
/// code (`src/data/divisions.tsv`).
pub fn name(code: &str) -> Option<&'static str> {
    DIVISIONS
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| DIVISIONS[i].1)
        .or_else(|| stats().get(code).copied())
}

/// Every code of the full table with its name, sorted by code (province, prefecture and county
/// levels of the 2023 statistical table).
pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    STATS_TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
}

/// The province-level division a 6-digit code belongs to (`100000` counts as its own province).
pub fn province(code: &str) -> Option<&'static str> {
    let prefix = code.get(..2)?;
    name(&format!("{prefix}0000"))
}

/// Is this six ASCII digits?
pub fn is_six_digits(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

/// The level of a division, read from its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// `100000` 全国 (the national baseline, not a division).
    National,
    /// 省级: `XX0000`.
    Province,
    /// 地级 (prefecture-level city, 自治州, 盟; or a municipality's 市辖区 `XX0100`): `XXYY00`.
    City,
    /// 县级 (county, county-level city, district): `XXYYZZ`.
    County,
}

impl Level {
    /// 省 / 市 / 县 / 全国.
    pub fn zh(self) -> &'static str {
        match self {
            Level::National => "全国",
            Level::Province => "省级",
            Level::City => "市级",
            Level::County => "县级",
        }
    }
}

/// The level of a six-digit code; `None` if it is not six digits.
pub fn level(code: &str) -> Option<Level> {
    if !is_six_digits(code) {
        return None;
    }
    Some(if code == "100000" {
        Level::National
    } else if code.ends_with("0000") {
        Level::Province
    } else if code.ends_with("00") {
        Level::City
    } else {
        Level::County
    })
}

/// The code one level up: county → its city (`XXYY00`), city → its province (`XX0000`).
/// Counties of a municipality go to its 市辖区/县 code (`310117` → `310100`), and 省直辖县 to
/// the pseudo-city `XX9000`: the codes say so, and the table need not list them.
pub fn parent(code: &str) -> Option<String> {
    match level(code)? {
        Level::County => Some(format!("{}00", &code[..4])),
        Level::City => Some(format!("{}0000", &code[..2])),
        Level::Province | Level::National => None,
    }
}

/// The codes above `code`, nearest first (city, then province).
pub fn ancestors(code: &str) -> impl Iterator<Item = String> {
    std::iter::successors(parent(code), |c| parent(c))
}

/// Whether `region` is `ancestor` or lies within it (a county within its city or province, a
/// city within its province). The national code contains nothing but itself.
pub fn contains(ancestor: &str, region: &str) -> bool {
    ancestor == region || ancestors(region).any(|a| a == ancestor)
}

/// `320381 新沂市`, or the code alone when the table does not know it.
pub fn label(code: &str) -> String {
    match name(code) {
        Some(n) => format!("{code} {n}"),
        None => code.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in DIVISIONS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} !< {}", pair[0].0, pair[1].0);
        }
        let provinces = DIVISIONS
            .iter()
            .filter(|(c, _)| c.ends_with("0000") && *c != "100000")
            .count();
        assert_eq!(provinces, 34);
    }

    #[test]
    fn lookups() {
        assert_eq!(name("341882"), Some("广德市"));
        assert_eq!(province("430900"), Some("湖南省"));
        assert_eq!(province("990100"), None);
        // From the full 2023 table, not the bundled-data names.
        assert_eq!(name("430100"), Some("长沙市"));
        assert_eq!(name("320382"), Some("邳州市"));
        assert_eq!(name("430199"), None);
        assert_eq!(all().count(), 3348);
        assert!(all().all(|(c, _)| is_six_digits(c)));
    }

    #[test]
    fn hierarchy_from_codes() {
        assert_eq!(level("320000"), Some(Level::Province));
        assert_eq!(level("320300"), Some(Level::City));
        assert_eq!(level("320381"), Some(Level::County));
        assert_eq!(level("100000"), Some(Level::National));
        assert_eq!(level("32030"), None);
        assert_eq!(parent("320381").as_deref(), Some("320300"));
        assert_eq!(parent("320300").as_deref(), Some("320000"));
        assert_eq!(parent("320000"), None);
        assert_eq!(
            ancestors("310117").collect::<Vec<_>>(),
            ["310100", "310000"]
        );
        assert!(contains("320000", "320381"));
        assert!(contains("320300", "320381"));
        assert!(contains("320381", "320381"));
        assert!(!contains("320381", "320300"));
        assert!(!contains("320300", "320700"));
        assert!(!contains("320000", "340200"));
        assert!(!contains("100000", "320000"));
    }

    /// Every region code a bundled guide or agreement uses has its name in the table.
    #[test]
    fn bundled_data_regions_are_named() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs");
        let mut missing = Vec::new();
        for e in walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.path().extension().is_none_or(|x| x != "yaml") {
                continue;
            }
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            for line in text.lines() {
                let l = line
                    .trim_start()
                    .trim_start_matches("- ")
                    .trim_start_matches('{');
                if let Some(rest) = l.strip_prefix("code: \"")
                    && let Some(code) = rest.get(..6)
                    && name(code).is_none()
                {
                    missing.push(format!("{}: {code}", e.path().display()));
                }
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
    }
}
