//! Inline suppressions: `# tongban: allow CODE[,CODE…] [reason]` on or above a node suppresses
//! those findings at that node and below; `# tongban: allow-file CODE[,CODE…] [reason]` anywhere
//! suppresses them in the whole file. A suppression that suppresses nothing is itself a finding.
//!
//! Comments are found by scanning the text (the YAML parser drops them); the node a comment
//! annotates is found through the `Document`'s spans, so nothing here knows YAML structure.

use std::ops::Range;

use crate::diagnostic::{self as dx, Finding, Lang};
use crate::load::Document;
use crate::rules;

pub(crate) use crate::diagnostic::{Directive, Scope};

/// The suppressions of one file, and the problems met reading them.
#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    /// Every directive.
    pub directives: Vec<Directive>,
    /// Unknown codes (TB401) and malformed comments (TB403).
    pub problems: Vec<Finding>,
}

/// Where the `#` of a comment is on a line, if the line has a comment. Quotes only open a
/// quoted scalar where one can start (after a space, `:`, `-`, `[`, `{`, `,` or at the start), so
/// an apostrophe inside a plain scalar (`张三's 申请书`) does not hide a comment.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => {
                let at_start = prev.is_none_or(|p| p.is_whitespace() || ":-[{,".contains(p));
                match c {
                    '\'' | '"' if at_start => quote = Some(c),
                    '#' if prev.is_none_or(char::is_whitespace) => return Some(i),
                    _ => {}
                }
            }
        }
        prev = Some(c);
    }
    None
}

/// Finds every `tongban:` comment in `text` and resolves what it covers.
pub(crate) fn parse(text: &str, doc: Option<&Document>, lang: Lang) -> Suppressions {
    let mut out = Suppressions::default();
    // Nearly every file has no directive: one fast substring search settles it.
    if !text.contains("tongban:") {
        return out;
    }
    // (start offset, text) of each line.
    // Lines as everywhere else (LF, CRLF or a lone CR: `source::line_starts`).
    let starts = crate::source::line_starts(text);
    let lines: Vec<(usize, &str)> = starts
        .iter()
        .enumerate()
        .map(|(k, &start)| {
            let end = starts.get(k + 1).copied().unwrap_or(text.len());
            (start, text[start..end].trim_end_matches(['\n', '\r']))
        })
        .collect();
    let line_of = |offset: usize| {
        lines
            .partition_point(|(s, _)| *s <= offset)
            .saturating_sub(1)
    };
    // A `#` inside a scalar (a block scalar's text, a quoted string) is content, not a comment.
    let scalars = ScalarIndex::new(doc);
    let in_scalar = |offset: usize| scalars.contains(offset);
    let by_line = elements_by_line(doc, &line_of);
    for (n, &(start, line)) in lines.iter().enumerate() {
        let Some(hash) = comment_start(line) else {
            continue;
        };
        let body = line[hash + 1..].trim();
        let Some(rest) = body.strip_prefix("tongban:") else {
            continue;
        };
        if in_scalar(start + hash) {
            continue;
        }
        let span = start + hash..start + line.len();
        let mut words = rest.split_whitespace();
        let verb = words.next().unwrap_or_default();
        let codes = words.next().unwrap_or_default();
        let file_level = match verb {
            "allow" => false,
            "allow-file" => true,
            _ => {
                out.problems.push(invalid(span, lang, &format!("`{verb}`")));
                continue;
            }
        };
        if codes.is_empty() {
            out.problems.push(invalid(
                span,
                lang,
                lang.pick("缺少规则代码", "no rule code"),
            ));
            continue;
        }
        if !file_level && doc.is_none() {
            continue; // The file did not parse: there are no nodes to attach it to.
        }
        let scope = if file_level {
            Scope::File
        } else {
            // A trailing comment annotates its own line; a comment line annotates the next line
            // that has content.
            let target = if line[..hash].trim().is_empty() {
                lines[n + 1..]
                    .iter()
                    .position(|(_, l)| {
                        let t = l.trim_start();
                        !t.is_empty() && !t.starts_with('#')
                    })
                    .map(|k| n + 1 + k)
            } else {
                Some(n)
            };
            let node = target.and_then(|t| by_line.get(&t).copied());
            match node {
                Some(p) => Scope::Node(p.to_owned()),
                None => {
                    out.problems.push(invalid(
                        span,
                        lang,
                        lang.pick(
                            "注释所在行及其下一行都没有可以对应的要素",
                            "no element on this line or the next one to attach it to",
                        ),
                    ));
                    continue;
                }
            }
        };
        for token in codes.split(',').filter(|t| !t.is_empty()) {
            match rules::lookup(token) {
                Some(e) => out.directives.push(Directive {
                    code: e.code,
                    scope: scope.clone(),
                    span: span.clone(),
                    used: false,
                }),
                None => out.problems.push(
                    Finding::new(
                        dx::UNKNOWN_RULE,
                        match lang {
                            Lang::Zh => format!("抑制注释中的规则“{token}”不存在"),
                            Lang::En => format!("unknown rule `{token}` in a suppression"),
                        },
                        span.clone(),
                    )
                    .with_help(lang.pick(
                        "用 `tongban rules` 查看全部规则代码和名称",
                        "`tongban rules` lists every code and name",
                    )),
                ),
            }
        }
    }
    out
}

/// Where the scalars of a document lie: the parsed document knows where every scalar is.
/// Indexed once (sorted starts, running maximum of ends), so a file of many directives and many
/// nodes stays linear.
struct ScalarIndex {
    scalars: Vec<(usize, usize)>,
    max_end: Vec<usize>,
}

impl ScalarIndex {
    fn new(doc: Option<&Document>) -> Self {
        let mut scalars: Vec<(usize, usize)> = doc
            .map(|d| {
                d.nodes()
                    .filter(|(pointer, _)| {
                        !matches!(
                            crate::load::lookup(&d.value, pointer),
                            Some(serde_json::Value::Object(_) | serde_json::Value::Array(_))
                        )
                    })
                    .map(|(_, node)| (node.value.start, node.value.end))
                    .collect()
            })
            .unwrap_or_default();
        scalars.sort_unstable();
        let mut reach = 0;
        let max_end = scalars
            .iter()
            .map(|&(_, end)| {
                reach = reach.max(end);
                reach
            })
            .collect();
        ScalarIndex { scalars, max_end }
    }

    /// Whether `offset` lies inside a scalar.
    fn contains(&self, offset: usize) -> bool {
        let k = self.scalars.partition_point(|&(start, _)| start <= offset);
        k > 0 && self.max_end[k - 1] > offset
    }
}

/// The element each line introduces: the shallowest node whose key (or value) starts there.
fn elements_by_line<'d>(
    doc: Option<&'d Document>,
    line_of: &dyn Fn(usize) -> usize,
) -> std::collections::HashMap<usize, &'d str> {
    let mut by_line: std::collections::HashMap<usize, &str> = std::collections::HashMap::new();
    if let Some(d) = doc {
        for (p, s) in d.nodes().filter(|(p, _)| !p.is_empty()) {
            let line = line_of(s.key.as_ref().map_or(s.value.start, |k| k.start));
            let rank = |p: &str| (p.matches('/').count(), p.len(), p.to_owned());
            by_line
                .entry(line)
                .and_modify(|best| {
                    if rank(p) < rank(best) {
                        *best = p;
                    }
                })
                .or_insert(p);
        }
    }
    by_line
}

fn invalid(span: Range<usize>, lang: Lang, what: &str) -> Finding {
    Finding::new(
        dx::INVALID_SUPPRESSION,
        match lang {
            Lang::Zh => format!("无法理解的 tongban 注释：{what}"),
            Lang::En => format!("malformed tongban comment: {what}"),
        },
        span,
    )
    .with_help(lang.pick(
        "格式为 `# tongban: allow TB201 理由`（作用于所在或下一行的要素）或 `# tongban: allow-file TB201 理由`（整个文件）",
        "write `# tongban: allow TB201 reason` (the element on this or the next line) or `# tongban: allow-file TB201 reason` (the whole file)",
    ))
}

impl Suppressions {
    /// Removes the findings some directive covers, marking those directives used.
    pub(crate) fn apply(&mut self, findings: &mut Vec<Finding>) {
        findings.retain(|f| {
            let mut covered = false;
            for d in self.directives.iter_mut().filter(|d| d.covers(f)) {
                d.used = true;
                covered = true;
            }
            !covered
        });
    }

    /// Moves out the directives for which `pred` holds (the cross-region ones, judged later).
    pub(crate) fn take(&mut self, pred: impl Fn(&Directive) -> bool) -> Vec<Directive> {
        let (taken, kept) = self.directives.drain(..).partition(|d| pred(d));
        self.directives = kept;
        taken
    }
}

/// TB402 findings for directives that suppressed nothing; `enabled` says whether a rule is on
/// for this file (suppressing a rule that is off is harmless and not reported).
pub(crate) fn unused(
    directives: &[Directive],
    enabled: impl Fn(&str) -> bool,
    lang: Lang,
) -> Vec<Finding> {
    directives
        .iter()
        .filter(|d| !d.used && enabled(d.code))
        .map(|d| {
            Finding::new(
                dx::UNUSED_SUPPRESSION,
                match lang {
                    Lang::Zh => format!("抑制注释没有抑制任何 {} 问题", d.code),
                    Lang::En => format!("suppression of {} suppresses nothing", d.code),
                },
                d.span.clone(),
            )
            .with_help(lang.pick(
                "问题已修复或注释位置不对：删除该注释，或把它移到对应要素所在行或上一行",
                "the problem is fixed or the comment is misplaced: delete it, or move it onto or above the element",
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Limits, load_bytes};

    fn sup(text: &str) -> Suppressions {
        let l = load_bytes("t".into(), text.as_bytes(), &Limits::default(), Lang::En);
        parse(text, l.document.as_ref(), Lang::En)
    }

    #[test]
    fn comment_above_and_trailing() {
        let s = sup(
            "item:\n  # tongban: allow TB204 legacy\n  basic_code: \"1\"\ncontact:\n  complaint_phone: \"1\"  # tongban: allow phone-format,TB201\n",
        );
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        let scopes: Vec<_> = s
            .directives
            .iter()
            .map(|d| (d.code, d.scope.clone()))
            .collect();
        assert_eq!(
            scopes,
            vec![
                ("TB204", Scope::Node("/item/basic_code".into())),
                ("TB217", Scope::Node("/contact/complaint_phone".into())),
                ("TB201", Scope::Node("/contact/complaint_phone".into())),
            ]
        );
    }

    #[test]
    fn sequence_items_and_file_level() {
        let s = sup(
            "# tongban: allow-file TB211\nmaterials:\n  # tongban: allow TB210\n  - name: 申请表\n",
        );
        assert_eq!(s.directives[0].scope, Scope::File);
        assert_eq!(s.directives[1].scope, Scope::Node("/materials/0".into()));
    }

    #[test]
    fn comments_after_quotes_and_apostrophes() {
        assert_eq!(
            comment_start("name: 张三's 申请书 # c"),
            Some("name: 张三's 申请书 ".len())
        );
        assert_eq!(comment_start("a: 'x # y' # c"), Some(11));
        assert_eq!(comment_start("a: \"x \\\" # y\" # c"), Some(14));
        assert_eq!(comment_start("url: http://x/#frag"), None);
        assert_eq!(comment_start("# top"), Some(0));
    }

    #[test]
    fn problems_are_findings() {
        let s = sup(
            "a: 1 # tongban: alow TB201\nb: 2 # tongban: allow TB999\nc: \"# tongban: not a comment\"\n",
        );
        let codes: Vec<_> = s.problems.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec!["TB403", "TB401"]);
    }

    #[test]
    fn scope_covers_descendants_only() {
        let d = Directive {
            code: "TB210",
            scope: Scope::Node("/materials/1".into()),
            span: 0..0,
            used: false,
        };
        let f = |p: &str| Finding::new(dx::CHECKS[0], "", 0..0).with_pointer(p);
        let mut g = f("/materials/1/name");
        g.code = "TB210";
        assert!(d.covers(&g));
        g.pointer = "/materials/10/name".into();
        assert!(!d.covers(&g));
    }
}
