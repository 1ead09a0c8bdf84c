//! TB206: a city- or county-level `region.code` missing from the bundled 2023 division table.

use crate::data::regions;
use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB206 region-code-not-in-table.
pub(super) struct RegionCodeNotInTable;

static DEF: Def = Def {
    check: Check {
        code: "TB206",
        name: "region-code-not-in-table",
        severity: Severity::Info,
        kind: Kind::Guide,
        summary_zh: "行政区划代码不在内置的 2023 年区划表中",
        summary_en: "region code is not in the bundled 2023 division table",
        doc: Doc {
            what: Text {
                zh: r#"在 tongban 内置的 GB/T 2260 代码表中查找 `region.code`，对属于有效省份但不在表中的编码给出提示。
该表收录国家统计局 2023 年统计用区划代码中全部省级、地级和县级代码（3,348 个，`src/data/divisions.tsv`），另加 `100000 全国` 以及台湾、香港、澳门的省级代码。表中没有乡级代码（6 位的 `region.code` 不会指乡级），也没有 2023 年年中以后新设的代码，因此这里报告的编码可能是新的而非错的：检查结果请人工确认。如果你的目录使用更新的代码，可在 `tongban.toml` 中关闭此规则（`region-code-not-in-table = "off"`）。"#,
                en: r#"Looks `region.code` up in tongban's bundled table of GB/T 2260 codes and reports, as
information, a code that is in a valid province but not in the table.

The table holds every province-, prefecture- and county-level code of the 国家统计局 2023
统计用区划代码 (3,348 codes, `src/data/divisions.tsv`), plus `100000 全国` and the
province-level codes of 台湾, 香港 and 澳门. It does not hold township codes (a 6-digit
`region.code` never names one) nor codes created after mid-2023, so a code reported here may
be new rather than wrong: the finding asks a person to confirm it. Turn the rule off in
`tongban.toml` (`region-code-not-in-table = "off"`) if your catalog uses newer codes."#,
            },
            why: Text {
                zh: "行政区划调整时代码会变（金坛改为区，代码 320413；广德改为县级市，代码 341882），旧指南仍带着旧代码。代码表不认识的编码值得再看一眼。",
                en: r#"Codes change when divisions are reorganised (金坛 became a 区 with code 320413; 广德 became
a 县级市 with code 341882), and older guides carry the old codes. A code the table does not know
deserves a second look."#,
            },
            example: Sample::yaml(
                r#"
region:
  code: "320482"
  name: 金坛市
"#,
            ),
            instead: Sample::yaml(
                r#"
region:
  code: "320413"
  name: 金坛区
"#,
            ),
        },
        fixes: &[crate::diagnostic::FULL_WIDTH_CODE_FIX],
    },
    supersedes: &[],
};

impl Rule for RegionCodeNotInTable {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let pointer = "/region/code";
        let Some(code) = cx.str(pointer) else { return };
        if !regions::is_six_digits(code) {
            return;
        }
        let Some(province) = regions::province(code) else {
            return; // TB205.
        };
        if regions::name(code).is_none() {
            out.push(
                cx.finding(
                    &DEF,
                    pointer,
                    format!("行政区划代码“{code}”（{province}）不在内置区划表中，请人工核对"),
                    format!(
                        "region code `{code}` ({province}) is not in the bundled table; please confirm it"
                    ),
                )
                .with_help(cx.pick(
                    "内置表为国家统计局 2023 年统计用区划代码（省、市、县三级）；之后新设或调整的区划可能未收录，请人工核对",
                    "the bundled table is the 2023 statistical division codes (province, prefecture, county); a code created or changed later may be missing: please confirm it",
                )),
            );
        }
    }
}
