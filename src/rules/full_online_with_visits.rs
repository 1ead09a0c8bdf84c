//! TB214: a 跨省通办 item handled 全程网办 needs no visit and online handling.

use super::{Context, Def, Rule};
use crate::diagnostic::{Check, Finding, Severity};

/// TB214 full-online-with-visits.
pub struct FullOnlineWithVisits;

static DEF: Def = Def {
    check: Check {
        code: "TB214",
        name: "full-online-with-visits",
        severity: Severity::Error,
        summary_zh: "跨省通办“全程网办”事项要求到现场或未开通网办",
        summary_en: "a 跨省通办 item handled fully online requires a visit or is not online",
    },
    doc: r#"## What it does
For a guide with `handling.scope: 跨省通办` (or 全国通办) whose `handling.cross_region_modes`
include 全程网办, reports `handling.visits` other than 0 and `handling.online: false`.

## Why is this bad?
国办发〔2020〕35号 defines 全程网办 as handling the whole item online, without going to an
office in either region. An item declared 全程网办 that still needs a visit, or is not
online, misleads the applicants 跨省通办 is for: people living far from the region.

## Example
```yaml
handling:
  scope: 跨省通办
  cross_region_modes: [全程网办]
  visits: 1
  online: false
```

## Use instead
```yaml
handling:
  scope: 跨省通办
  cross_region_modes: [全程网办]
  visits: 0
  online: true
  online_url: https://zwfw.example.gov.cn/item/123
```
"#,
    supersedes: &[],
};

impl Rule for FullOnlineWithVisits {
    fn def(&self) -> &'static Def {
        &DEF
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let scope = cx.str("/handling/scope");
        if !matches!(scope, Some("跨省通办" | "全国通办")) {
            return;
        }
        let full_online = cx
            .get("/handling/cross_region_modes")
            .and_then(|v| v.as_array())
            .is_some_and(|a| a.iter().any(|m| m == "全程网办"));
        if !full_online {
            return;
        }
        // Spans are built lazily (a second parse): locate only what is reported.
        let modes = || {
            cx.doc
                .locate("/handling/cross_region_modes", &cx.source.text)
        };
        if let Some(n) = cx.get("/handling/visits").and_then(|v| v.as_f64())
            && n != 0.0
        {
            out.push(
                cx.finding(
                    &DEF,
                    "/handling/visits",
                    format!("“全程网办”的跨省通办事项到现场次数应为 0，实际为 {n}"),
                    format!(
                        "a 跨省通办 item handled fully online (全程网办) needs 0 visits, not {n}"
                    ),
                )
                .with_related(modes(), cx.pick("声明为全程网办", "declared 全程网办 here"))
                .with_help(cx.pick(
                    "如确需到现场，办理模式应为“异地代收代办”或“多地联办”",
                    "if a visit is needed, the mode is 异地代收代办 or 多地联办, not 全程网办",
                )),
            );
        }
        if cx.get("/handling/online").and_then(|v| v.as_bool()) == Some(false) {
            out.push(
                cx.finding(
                    &DEF,
                    "/handling/online",
                    "“全程网办”的跨省通办事项必须支持网上办理（online: true）".into(),
                    "a 跨省通办 item handled fully online (全程网办) must be online (online: true)"
                        .into(),
                )
                .with_related(modes(), cx.pick("声明为全程网办", "declared 全程网办 here")),
            );
        }
    }
}
