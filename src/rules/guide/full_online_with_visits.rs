//! TB214: an item handled fully online (跨省通办 全程网办, or 网上办理深度 Ⅳ级) needs no visit
//! and online handling.

use crate::diagnostic::{Check, Doc, Finding, Kind, Sample, Severity, Text};
use crate::rules::rule::{Context, Def, Rule};

/// TB214 full-online-with-visits.
pub(super) struct FullOnlineWithVisits;

static DEF: Def = Def {
    check: Check {
        code: "TB214",
        name: "full-online-with-visits",
        severity: Severity::Error,
        kind: Kind::Guide,
        summary_zh: "“全程网办”（网办深度Ⅳ级）事项要求到现场或未开通网办",
        summary_en: "an item handled fully online (全程网办, depth Ⅳ) requires a visit or is not online",
        doc: Doc {
            what: Text {
                zh: "对全程网办的指南——`handling.scope: 跨省通办`（或全国通办）且 `handling.cross_region_modes` 含全程网办，或 `handling.online_depth`（网上办理深度）为Ⅳ级 / 全程网办（写作 `Ⅳ级`、`IV级`、`4级`、`四级` 或 `全程网办（Ⅳ级）`）——报告 `handling.visits` 不为 0 以及 `handling.online: false` 的情况。",
                en: r#"For a guide handled fully online — `handling.scope: 跨省通办` (or 全国通办) with 全程网办 among
`handling.cross_region_modes`, or a `handling.online_depth` (网上办理深度) of Ⅳ级 / 全程网办
(written `Ⅳ级`, `IV级`, `4级`, `四级` or `全程网办（Ⅳ级）`) — reports `handling.visits` other
than 0 and `handling.online: false`."#,
            },
            why: Text {
                zh: "国办发〔2020〕35号把全程网办定义为事项全流程在网上办理，申请人无需到任何一地的窗口；网上办理深度Ⅳ级是同一层级（浙江政务服务网上写作“全程网办（Ⅳ级）”）。温州市本级事项的一个公开检查工具（针对浙江政务服务网事项表的脚本，提示“网办深度四级到现场办事次数应为0次”）标出的也是同一矛盾。声明为全程网办却仍要跑现场、或根本不能网办的事项，会误导跨省通办所服务的人：住得离该地区很远的申请人。",
                en: r#"国办发〔2020〕35号 defines 全程网办 as handling the whole item online, without going to an
office in either region; 网上办理深度 Ⅳ级 is the same level ("全程网办（Ⅳ级）" on 浙江政务服务网).
A public checker of 温州市本级 事项 (a script over the 浙江政务服务网 事项表, reported as
"网办深度四级到现场办事次数应为0次") flags the same contradiction. An item declared 全程网办
that still needs a visit, or is not online, misleads the applicants 跨省通办 is for: people
living far from the region."#,
            },
            example: Sample::yaml(
                r#"
handling:
  scope: 跨省通办
  cross_region_modes: [全程网办]
  visits: 1
  online: false
"#,
            ),
            instead: Sample::yaml(
                r#"
handling:
  scope: 跨省通办
  cross_region_modes: [全程网办]
  visits: 0
  online: true
  online_url: https://zwfw.example.gov.cn/item/123
"#,
            ),
        },
        fixes: &[],
    },
    supersedes: &[],
};

impl Rule for FullOnlineWithVisits {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let scope = cx.str("/handling/scope");
        let by_mode = matches!(scope, Some("跨省通办" | "全国通办"))
            && cx
                .get("/handling/cross_region_modes")
                .and_then(|v| v.as_array())
                .is_some_and(|a| a.iter().any(|m| m == "全程网办"));
        let by_depth = cx
            .str("/handling/online_depth")
            .and_then(online_depth_level)
            == Some(4);
        if !by_mode && !by_depth {
            return;
        }
        let declared = if by_mode {
            "/handling/cross_region_modes"
        } else {
            "/handling/online_depth"
        };
        // Spans are built lazily (a second parse): locate only what is reported.
        let modes = || cx.doc.locate(declared, &cx.source.text);
        if let Some(n) = cx.get("/handling/visits").and_then(|v| v.as_f64())
            && n != 0.0
        {
            out.push(
                cx.finding(
                    &DEF,
                    "/handling/visits",
                    format!("“全程网办”事项到现场次数应为 0，实际为 {n}"),
                    format!("an item handled fully online (全程网办) needs 0 visits, not {n}"),
                )
                .with_related(modes(), cx.pick("声明为全程网办", "declared 全程网办 here"))
                .with_help(if by_mode {
                    cx.pick(
                        "如确需到现场，办理模式应为“异地代收代办”或“多地联办”",
                        "if a visit is needed, the mode is 异地代收代办 or 多地联办, not 全程网办",
                    )
                } else {
                    cx.pick(
                        "如确需到现场，网上办理深度应低于Ⅳ级",
                        "if a visit is needed, the online depth is below Ⅳ",
                    )
                }),
            );
        }
        if cx.get("/handling/online").and_then(|v| v.as_bool()) == Some(false) {
            out.push(
                cx.finding(
                    &DEF,
                    "/handling/online",
                    "“全程网办”事项必须支持网上办理（online: true）".into(),
                    "an item handled fully online (全程网办) must be online (online: true)".into(),
                )
                .with_related(modes(), cx.pick("声明为全程网办", "declared 全程网办 here")),
            );
        }
    }
}

/// The level (1–4) of a 网上办理深度 as written in published guides: `Ⅳ级`, `IV级`, `4级`,
/// `四级`, `全程网办（Ⅳ级）`, `全程网办`. `None` for free text that names no level.
pub(super) fn online_depth_level(text: &str) -> Option<u8> {
    if text.contains("全程网办") {
        return Some(4);
    }
    let folded: String = text
        .chars()
        .map(|c| match c {
            'Ⅰ' => "I".to_owned(),
            'Ⅱ' => "II".to_owned(),
            'Ⅲ' => "III".to_owned(),
            'Ⅳ' => "IV".to_owned(),
            'Ｉ' => "I".to_owned(),
            'Ｖ' => "V".to_owned(),
            c => c.to_string(),
        })
        .collect();
    let (before, _) = folded.split_once('级')?;
    let word = before.trim_end();
    for (suffix, level) in [
        ("IV", 4),
        ("III", 3),
        ("II", 2),
        ("I", 1),
        ("四", 4),
        ("三", 3),
        ("二", 2),
        ("一", 1),
        ("4", 4),
        ("3", 3),
        ("2", 2),
        ("1", 1),
    ] {
        if word.ends_with(suffix) {
            return Some(level);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::online_depth_level;

    #[test]
    fn published_depths_are_read() {
        for (text, level) in [
            ("Ⅳ级", Some(4)),
            ("全程网办（Ⅳ级）", Some(4)),
            ("III级", Some(3)),
            ("Ⅲ级", Some(3)),
            ("二级", Some(2)),
            ("全程网办", Some(4)),
            ("互联网咨询;互联网收件", None),
            ("4", None),
        ] {
            assert_eq!(online_depth_level(text), level, "{text}");
        }
    }
}
