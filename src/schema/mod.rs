//! The schema: compiled once, checked against each `Document`, errors turned into located,
//! bilingual findings. Line and column come from the `Document`; nothing here computes them.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{Retrieve, Uri, ValidationError, Validator};
use serde_json::Value;

use crate::diagnostic::{self as dx, Check, Finding, Lang};
use crate::error::Error;
use crate::load::{self, Document, Limits};
use crate::source::Source;

mod fix;

/// The national 办事指南 schema (v2), embedded in the binary.
pub const NATIONAL_SCHEMA: &str = include_str!("../../schemas/service-guide.schema.json");

/// The national schema v1, frozen: schemas that `$ref` it by its `$id` keep resolving offline.
pub const NATIONAL_SCHEMA_V1: &str = include_str!("../../schemas/service-guide-v1.schema.json");

/// A compiled schema plus its raw JSON (for titles, descriptions and allowed keys).
pub struct Schema {
    validator: Validator,
    root: Arc<Value>,
    /// The embedded national schemas by `$id`, for titles behind a `$ref`.
    embedded: Vec<(String, Arc<Value>)>,
    /// Where the schema came from: `national` or a file path.
    pub origin: String,
}

impl std::fmt::Debug for Schema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Schema")
            .field("origin", &self.origin)
            .finish()
    }
}

fn national_value() -> Arc<Value> {
    Arc::new(serde_json::from_str(NATIONAL_SCHEMA).expect("embedded schema is valid JSON"))
}

fn national_v1_value() -> Arc<Value> {
    Arc::new(serde_json::from_str(NATIONAL_SCHEMA_V1).expect("embedded schema is valid JSON"))
}

/// The embedded schemas a `$ref` may name by `$id`: the current national schema and v1.
fn embedded_schemas(national: &Arc<Value>) -> Vec<(String, Arc<Value>)> {
    [national.clone(), national_v1_value()]
        .into_iter()
        .map(|v| (v["$id"].as_str().unwrap_or_default().to_owned(), v))
        .collect()
}

/// Reads a schema file (the `--schema` one or one it `$ref`s) as guides are read: JSON or YAML,
/// within the default size limit, never a FIFO or a device. The error says what is wrong.
fn read_schema(path: &Path) -> Result<Value, String> {
    let loaded = load::load_file(
        path,
        path.display().to_string(),
        &Limits::default(),
        Lang::En,
    );
    // A control character written as an escape (`"foo\fbar"`) is data a schema may match
    // on (the JSON Schema Test Suite has some); only raw ones in the file are refused.
    let escaped = |f: &dx::Finding| {
        f.code == dx::CONTROL_CHARACTER.code
            && loaded
                .source
                .text
                .get(f.span.clone())
                .is_some_and(|s| !s.contains(load::is_forbidden_control))
    };
    if let Some(f) = loaded
        .findings
        .iter()
        .find(|f| f.severity == dx::Severity::Error && !escaped(f))
    {
        let at = loaded.source.position(f.span.start);
        return Err(format!("{}:{}: {}", at.line, at.column, f.message));
    }
    match loaded.document {
        Some(doc) => Ok(doc.value),
        None => Err("no schema in file".into()),
    }
}

/// Resolves `$ref`s without any network: the national schemas (v2 and v1) by their `$id`, and
/// local files by `file://` URI. Everything else is refused with a message saying how to make it
/// local.
struct OfflineRetriever {
    embedded: Vec<(String, Arc<Value>)>,
}

impl Retrieve for OfflineRetriever {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let s = uri.as_str();
        let base = s.split('#').next().unwrap_or(s);
        if let Some((_, schema)) = self.embedded.iter().find(|(id, _)| id == base) {
            return Ok((**schema).clone());
        }
        if let Some(path) = base.strip_prefix("file://") {
            let path = percent_decode(path);
            #[cfg(windows)]
            let path = path.trim_start_matches('/').to_owned();
            // Read as the schema file itself is: within the size limit, never a FIFO or a device
            // (`file:///dev/zero` read until memory ran out; a FIFO hung the run).
            return Ok(read_schema(Path::new(&path))
                .map_err(|e| format!("referenced schema {path}: {e}"))?);
        }
        Err(format!(
            "tongban does not fetch schemas over the network ({s}); download it and refer to it by a relative path"
        )
        .into())
    }
}

impl Schema {
    /// The embedded national schema.
    pub fn national() -> Result<Schema, Error> {
        let national = national_value();
        Self::compile(national.clone(), national, "national".into(), None)
    }

    /// A schema embedded in the binary (e.g. the synonyms dictionary's), compiled like the
    /// national one; it may `$ref` the national schema by its `$id`.
    pub fn embedded(text: &'static str, origin: &str) -> Result<Schema, Error> {
        let root = serde_json::from_str(text).map_err(|e| Error::Schema {
            path: origin.to_owned(),
            message: e.to_string(),
        })?;
        Self::compile(Arc::new(root), national_value(), origin.to_owned(), None)
    }

    /// A schema file (JSON or YAML). It may `$ref` the national schema by its `$id`.
    pub fn from_file(path: &Path) -> Result<Schema, Error> {
        let bad = |message: String| Error::Schema {
            path: path.display().to_string(),
            message,
        };
        let value = read_schema(path).map_err(bad)?;
        let abs = std::path::absolute(path).map_err(|e| bad(e.to_string()))?;
        Self::compile(
            Arc::new(value),
            national_value(),
            path.display().to_string(),
            Some(file_uri(&abs)),
        )
    }

    fn compile(
        root: Arc<Value>,
        national: Arc<Value>,
        origin: String,
        base_uri: Option<String>,
    ) -> Result<Schema, Error> {
        let embedded = embedded_schemas(&national);
        let mut options = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .with_retriever(OfflineRetriever {
                embedded: embedded.clone(),
            });
        if let Some(base) = base_uri
            && root.get("$id").is_none()
        {
            options = options.with_base_uri(base);
        }
        let validator = options.build(&root).map_err(|e| Error::Schema {
            path: origin.clone(),
            message: e.to_string(),
        })?;
        Ok(Schema {
            validator,
            root,
            embedded,
            origin,
        })
    }

    /// An embedded national schema by its `$id`.
    fn by_id(&self, id: &str) -> Option<&Value> {
        self.embedded
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, v)| v.as_ref())
    }

    /// The raw schema JSON.
    pub fn json(&self) -> &Value {
        &self.root
    }

    /// Validates a document and returns one finding per violation.
    pub fn check(&self, doc: &Document, source: &Source, lang: Lang) -> Vec<Finding> {
        self.check_at_most(doc, source, lang, usize::MAX, |_| true)
            .0
    }

    /// [`Schema::check`] keeping at most `max` of the findings `keep` accepts (by code): past
    /// them, violations are only counted, never turned into findings (an editor's bound on one
    /// document's memory: 600,000 violations once held 4.8 GB). Returns the findings and how many
    /// more there were.
    pub fn check_at_most(
        &self,
        doc: &Document,
        source: &Source,
        lang: Lang,
        max: usize,
        keep: impl Fn(&str) -> bool,
    ) -> (Vec<Finding>, usize) {
        let mut out = Vec::new();
        let mut more = 0;
        // Most guides are valid: the short-circuiting check is cheaper than collecting errors.
        if self.validator.is_valid(&doc.value) {
            return (out, more);
        }
        let mut one = Vec::new();
        for error in self.validator.iter_errors(&doc.value) {
            if out.len() >= max {
                // Counted as one: an error past the bound is not converted (an unknown-keys
                // error would be one finding per key).
                more += 1;
                continue;
            }
            self.convert(&error, doc, source, lang, &mut one);
            out.extend(one.drain(..).filter(|f| keep(f.code)));
        }
        if out.len() > max {
            more += out.len() - max;
            out.truncate(max);
        }
        fix::quote_numbers(&mut out, doc, &source.text, lang);
        (out, more)
    }

    fn convert(
        &self,
        error: &ValidationError<'_>,
        doc: &Document,
        source: &Source,
        lang: Lang,
        out: &mut Vec<Finding>,
    ) {
        let pointer = error.instance_path().as_str().to_owned();
        let schema_path = error.schema_path().as_str();
        // The schema node holding the failing keyword.
        let keyword_parent = schema_path.rsplit_once('/').map_or("", |(p, _)| p);
        let node = self.resolve(keyword_parent);
        let title = node.and_then(|n| self.title(n)).unwrap_or_default();
        let element = describe(&pointer, &title, lang);
        let at = doc.locate(&pointer, &source.text);
        match error.kind() {
            ValidationErrorKind::Required { property } => {
                let prop = property.as_str().unwrap_or_default();
                out.push(self.missing(node, prop, &pointer, &element, at, lang));
            }
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                let keys = Keys {
                    node,
                    unexpected,
                    pointer: &pointer,
                    at,
                };
                self.unknown_keys(keys, doc, lang, out);
            }
            ValidationErrorKind::AnyOf { context }
            | ValidationErrorKind::OneOfNotValid { context } => {
                self.closest_branch(error, context, &element, doc, source, lang, out);
            }
            _ => {
                let (check, message, help) = self
                    .wrong_value(error, node, &element, lang)
                    .or_else(|| wrong_size(error, &element, lang))
                    .unwrap_or_else(|| other_violation(error, &element, lang));
                let mut f = Finding::new(check, message, at).with_pointer(pointer);
                if let Some(h) = help {
                    f = f.with_help(h);
                }
                out.push(f);
            }
        }
    }

    /// The finding of a required element that is missing, located at its parent.
    fn missing(
        &self,
        node: Option<&Value>,
        prop: &str,
        pointer: &str,
        element: &str,
        at: Range<usize>,
        lang: Lang,
    ) -> Finding {
        let sub = node
            .and_then(|n| self.properties(n))
            .and_then(|p| p.get(prop))
            .and_then(|s| self.title(s))
            .unwrap_or_default();
        let message = match lang {
            Lang::Zh if sub.is_empty() => format!("缺少必填要素 `{prop}`"),
            Lang::Zh => format!("缺少必填要素“{sub}”（`{prop}`）"),
            Lang::En if sub.is_empty() => format!("missing required element `{prop}`"),
            Lang::En => format!("missing required element `{prop}` ({sub})"),
        };
        let where_ = match (lang, pointer.is_empty()) {
            (Lang::Zh, true) => "应在文档顶层添加".to_owned(),
            (Lang::Zh, false) => format!("应在 {element} 下添加"),
            (Lang::En, true) => "add it at the top level".to_owned(),
            (Lang::En, false) => format!("add it under {element}"),
        };
        let child = format!("{pointer}/{}", escape(prop));
        Finding::new(dx::MISSING_ELEMENT, message, at)
            .with_pointer(child)
            .with_label(where_)
    }

    /// A finding per unknown key, at the key, with the nearest allowed key or the allowed keys.
    fn unknown_keys(&self, keys: Keys<'_>, doc: &Document, lang: Lang, out: &mut Vec<Finding>) {
        let Keys {
            node,
            unexpected,
            pointer,
            at,
        } = keys;
        let props = node.and_then(|n| self.properties(n));
        for key in unexpected {
            let child = format!("{pointer}/{}", escape(key));
            let span = doc.key(&child).unwrap_or_else(|| at.clone());
            let message = match lang {
                Lang::Zh => format!("未知要素 `{key}`：规范中没有这个键"),
                Lang::En => {
                    format!("unknown element `{key}`: the schema does not define it")
                }
            };
            let mut f = Finding::new(dx::UNKNOWN_ELEMENT, message, span)
                .with_pointer(child)
                .with_label(lang.pick("未知的键", "unknown key"));
            if let Some(props) = props {
                if let Some((name, t)) = self.suggest(key, props) {
                    f = f.with_help(match (lang, t.is_empty()) {
                        (Lang::Zh, false) => format!("您是否想写 `{name}`（{t}）？"),
                        (Lang::Zh, true) => format!("您是否想写 `{name}`？"),
                        (Lang::En, false) => format!("did you mean `{name}` ({t})?"),
                        (Lang::En, true) => format!("did you mean `{name}`?"),
                    });
                } else {
                    let names: Vec<&str> = props.keys().map(String::as_str).collect();
                    f = f.with_help(format!(
                        "{}{}",
                        lang.pick("此处允许的键：", "allowed keys here: "),
                        names.join(", ")
                    ));
                }
            }
            out.push(f);
        }
    }

    /// A value the schema does not allow: not one of the allowed values, the wrong type, the
    /// wrong format. `None` for another kind of violation.
    fn wrong_value(
        &self,
        error: &ValidationError<'_>,
        node: Option<&Value>,
        element: &str,
        lang: Lang,
    ) -> Option<Violation> {
        let instance = error.instance();
        match error.kind() {
            ValidationErrorKind::Enum { options } => {
                let allowed = list_values(options);
                Some((
                    dx::INVALID_VALUE,
                    match lang {
                        Lang::Zh => format!("{element}的值 {} 不在允许范围内", short(instance)),
                        Lang::En => format!(
                            "{element} has value {}, which is not allowed",
                            short(instance)
                        ),
                    },
                    Some(format!(
                        "{}{allowed}",
                        lang.pick("可选值：", "allowed values: ")
                    )),
                ))
            }
            ValidationErrorKind::Constant { expected_value } => Some((
                dx::INVALID_VALUE,
                match lang {
                    Lang::Zh => format!("{element}的值应为 {}", short(expected_value)),
                    Lang::En => format!("{element} must be {}", short(expected_value)),
                },
                None,
            )),
            ValidationErrorKind::Type { .. } => Some(wrong_type(node, element, instance, lang)),
            ValidationErrorKind::Pattern { pattern } => Some((
                dx::INVALID_FORMAT,
                match lang {
                    Lang::Zh => format!("{element}的值 {} 格式不正确", short(instance)),
                    Lang::En => format!(
                        "{element} has value {}, which has the wrong format",
                        short(instance)
                    ),
                },
                Some(self.format_help(
                    node,
                    &format!("{}{pattern}", lang.pick("应匹配正则 ", "must match ")),
                    lang,
                )),
            )),
            ValidationErrorKind::Format { format } => Some((
                dx::INVALID_FORMAT,
                match lang {
                    Lang::Zh => format!("{element}的值 {} 不是有效的 {format}", short(instance)),
                    Lang::En => format!(
                        "{element} has value {}, which is not a valid {format}",
                        short(instance)
                    ),
                },
                Some(match format.as_str() {
                    "date" => lang
                        .pick(
                            "日期写作 \"YYYY-MM-DD\"，如 \"2026-11-26\"",
                            "write dates as \"YYYY-MM-DD\", e.g. \"2026-11-26\"",
                        )
                        .to_owned(),
                    "uri" => lang
                        .pick(
                            "应为完整网址，如 https://www.gov.cn/…",
                            "must be an absolute URL, e.g. https://www.gov.cn/…",
                        )
                        .to_owned(),
                    _ => self.format_help(node, "", lang),
                }),
            )),
            _ => None,
        }
    }

    /// For `anyOf`/`oneOf`: report the branch that came closest instead of every branch. When every
    /// branch only misses one required key, say "one of these keys is required".
    #[allow(clippy::too_many_arguments)]
    fn closest_branch(
        &self,
        error: &ValidationError<'_>,
        context: &[Vec<ValidationError<'static>>],
        element: &str,
        doc: &Document,
        source: &Source,
        lang: Lang,
        out: &mut Vec<Finding>,
    ) {
        let pointer = error.instance_path().as_str().to_owned();
        let at = doc.locate(&pointer, &source.text);
        let only_required: Option<Vec<String>> = context
            .iter()
            .map(|branch| match branch.as_slice() {
                [e] => match e.kind() {
                    ValidationErrorKind::Required { property }
                        if e.instance_path().as_str() == pointer =>
                    {
                        property.as_str().map(str::to_owned)
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect();
        if let Some(keys) = only_required.filter(|k| !k.is_empty()) {
            let keys = keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>();
            out.push(
                Finding::new(
                    dx::MISSING_ELEMENT,
                    match lang {
                        Lang::Zh => format!("{element}至少需要以下要素之一：{}", keys.join("、")),
                        Lang::En => format!("{element} needs one of: {}", keys.join(", ")),
                    },
                    at,
                )
                .with_pointer(pointer),
            );
            return;
        }
        // Closest = fewest errors; ties go to the branch whose errors reach deepest into the
        // instance (it matched more of the structure), then to the first.
        let best = context.iter().enumerate().min_by_key(|(_, branch)| {
            let depth = branch
                .iter()
                .map(|e| e.instance_path().as_str().matches('/').count())
                .max()
                .unwrap_or(0);
            (branch.len(), usize::MAX - depth)
        });
        let Some((index, branch)) = best else {
            out.push(
                Finding::new(
                    dx::SCHEMA_VIOLATION,
                    match lang {
                        Lang::Zh => format!("{element}不符合规范的约束（校验器原文：{error}）"),
                        Lang::En => format!("{element}: {error}"),
                    },
                    at,
                )
                .with_pointer(pointer),
            );
            return;
        };
        let before = out.len();
        for e in branch {
            self.convert(e, doc, source, lang, out);
        }
        let n = context.len();
        for f in &mut out[before..] {
            let note = match lang {
                Lang::Zh => format!(
                    "{element}不符合 {n} 种可选形式中的任何一种；以上是最接近的第 {} 种形式的问题",
                    index + 1
                ),
                Lang::En => format!(
                    "{element} matches none of its {n} alternative forms; this is the closest (form {})",
                    index + 1
                ),
            };
            f.help = Some(match f.help.take() {
                Some(h) => format!("{h}\n{note}"),
                None => note,
            });
        }
    }

    /// Follows a schema location (e.g. `/properties/item/$ref/properties/type`) through `$ref`s.
    fn resolve(&self, location: &str) -> Option<&Value> {
        let mut node: &Value = &self.root;
        let mut doc_root: &Value = &self.root;
        for raw in location.split('/').skip(1) {
            let seg = raw.replace("~1", "/").replace("~0", "~");
            if seg == "$ref" || seg == "$dynamicRef" {
                let target = node.get(&seg)?.as_str()?;
                let (base, fragment) = target.split_once('#').unwrap_or((target, ""));
                if !base.is_empty() {
                    doc_root = self.by_id(base)?;
                }
                node = if fragment.is_empty() {
                    doc_root
                } else {
                    crate::load::lookup(doc_root, fragment)?
                };
                continue;
            }
            node = match node {
                Value::Object(map) => map.get(&seg)?,
                Value::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// A node's title, looking through one `$ref` when the node itself has none.
    fn title<'a>(&'a self, node: &'a Value) -> Option<String> {
        if let Some(t) = node.get("title").and_then(Value::as_str) {
            return Some(t.to_owned());
        }
        let target = node.get("$ref")?.as_str()?;
        let (base, fragment) = target.split_once('#').unwrap_or((target, ""));
        let root = if base.is_empty() {
            &self.root
        } else {
            self.by_id(base)?
        };
        crate::load::lookup(root, fragment)?
            .get("title")
            .and_then(Value::as_str)
            .map(str::to_owned)
    }

    fn properties<'a>(&'a self, node: &'a Value) -> Option<&'a serde_json::Map<String, Value>> {
        if let Some(p) = node.get("properties").and_then(Value::as_object) {
            return Some(p);
        }
        let target = node.get("$ref")?.as_str()?;
        let (base, fragment) = target.split_once('#').unwrap_or((target, ""));
        let root = if base.is_empty() {
            &self.root
        } else {
            self.by_id(base)?
        };
        crate::load::lookup(root, fragment)?
            .get("properties")?
            .as_object()
    }

    /// The nearest allowed key: by edit distance on the key, or by the Chinese title matching
    /// what the user typed (`事项名称:` → `name`).
    fn suggest(
        &self,
        key: &str,
        props: &serde_json::Map<String, Value>,
    ) -> Option<(String, String)> {
        let lower = key.to_lowercase();
        let mut best: Option<(f64, &str)> = None;
        for (name, schema) in props {
            let title = self.title(schema).unwrap_or_default();
            let score = if !title.is_empty()
                && (key == title || title.contains(key) && key.chars().count() >= 2)
            {
                1.0
            } else {
                strsim::jaro_winkler(&lower, name)
            };
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, name));
            }
        }
        let (score, name) = best?;
        (score >= 0.8).then(|| {
            let title = props
                .get(name)
                .and_then(|s| self.title(s))
                .unwrap_or_default();
            (name.to_owned(), title)
        })
    }

    fn format_help(&self, node: Option<&Value>, fallback: &str, _lang: Lang) -> String {
        match node
            .and_then(|n| n.get("description"))
            .and_then(Value::as_str)
        {
            Some(d) if !fallback.is_empty() => format!("{d}\n{fallback}"),
            Some(d) => d.to_owned(),
            None => fallback.to_owned(),
        }
    }
}

/// What a schema violation reports: its check, message and advice.
type Violation = (Check, String, Option<String>);

/// The unknown keys of one mapping, where the schema says which keys it allows.
struct Keys<'a> {
    node: Option<&'a Value>,
    unexpected: &'a [String],
    pointer: &'a str,
    at: Range<usize>,
}

/// A value of the wrong type; a number where a string is expected gets advice (and
/// `fix::quote_numbers` a fix).
fn wrong_type(node: Option<&Value>, element: &str, instance: &Value, lang: Lang) -> Violation {
    let expected = node
        .map(|n| type_names(n.get("type"), lang))
        .unwrap_or_default();
    let actual = json_type(instance, lang);
    let help = match (instance, node.and_then(|n| n.get("type"))) {
        (Value::Number(_), Some(Value::String(t))) if t == "string" => Some(
            lang.pick(
                "YAML 会把未加引号的数字当作数值（并丢掉前导 0）；编码类的值请加引号，如 \"000115015005\"",
                "YAML reads unquoted digits as a number (dropping leading zeros); quote codes, e.g. \"000115015005\"",
            )
            .to_owned(),
        ),
        _ => None,
    };
    (
        dx::WRONG_TYPE,
        match lang {
            Lang::Zh => format!("{element}应为{expected}，实际为{actual}"),
            Lang::En => format!("{element} must be {expected}, found {actual}"),
        },
        help,
    )
}

/// A value of the wrong size: a string's length, a number's range, a list's length or repeats.
/// `None` for another kind of violation.
fn wrong_size(error: &ValidationError<'_>, element: &str, lang: Lang) -> Option<Violation> {
    let instance = error.instance();
    match error.kind() {
        ValidationErrorKind::MinLength { limit } | ValidationErrorKind::MaxLength { limit } => {
            let len = instance.as_str().map_or(0, |s| s.chars().count());
            let min = matches!(error.kind(), ValidationErrorKind::MinLength { .. });
            Some((
                dx::INVALID_FORMAT,
                match (lang, min, len) {
                    (Lang::Zh, true, 0) => format!("{element}不能为空"),
                    (Lang::En, true, 0) => format!("{element} must not be empty"),
                    (Lang::Zh, true, _) => {
                        format!("{element}长度为 {len}，至少应为 {limit} 个字符")
                    }
                    (Lang::Zh, false, _) => {
                        format!("{element}长度为 {len}，最多 {limit} 个字符")
                    }
                    (Lang::En, true, _) => {
                        format!("{element} is {len} characters long; at least {limit} required")
                    }
                    (Lang::En, false, _) => {
                        format!("{element} is {len} characters long; at most {limit} allowed")
                    }
                },
                None,
            ))
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            let op = match error.kind() {
                ValidationErrorKind::Minimum { .. } => "≥",
                ValidationErrorKind::Maximum { .. } => "≤",
                ValidationErrorKind::ExclusiveMinimum { .. } => ">",
                _ => "<",
            };
            Some((
                dx::OUT_OF_RANGE,
                match lang {
                    Lang::Zh => format!(
                        "{element}的值 {} 超出范围：应 {op} {limit}",
                        short(instance)
                    ),
                    Lang::En => format!(
                        "{element} is {}, out of range: must be {op} {limit}",
                        short(instance)
                    ),
                },
                None,
            ))
        }
        ValidationErrorKind::MinItems { limit } | ValidationErrorKind::MaxItems { limit } => {
            let n = instance.as_array().map_or(0, Vec::len);
            let min = matches!(error.kind(), ValidationErrorKind::MinItems { .. });
            Some((
                dx::OUT_OF_RANGE,
                match (lang, min) {
                    (Lang::Zh, true) => format!("{element}有 {n} 项，至少应有 {limit} 项"),
                    (Lang::Zh, false) => format!("{element}有 {n} 项，最多 {limit} 项"),
                    (Lang::En, true) => {
                        format!("{element} has {n} items; at least {limit} required")
                    }
                    (Lang::En, false) => {
                        format!("{element} has {n} items; at most {limit} allowed")
                    }
                },
                None,
            ))
        }
        ValidationErrorKind::UniqueItems => Some((
            dx::INVALID_VALUE,
            match lang {
                Lang::Zh => format!("{element}中有重复的项"),
                Lang::En => format!("{element} has duplicate items"),
            },
            None,
        )),
        _ => None,
    }
}

/// Any other constraint: the schema library words it in English only, so a Chinese sentence
/// leads in and its text is kept as the detail.
fn other_violation(error: &ValidationError<'_>, element: &str, lang: Lang) -> Violation {
    // The schema library words the other constraints in English only: lead in with a
    // Chinese sentence and keep its text as the detail.
    (
        dx::SCHEMA_VIOLATION,
        match lang {
            Lang::Zh => format!("{element}不符合规范的约束（校验器原文：{error}）"),
            Lang::En => format!("{element}: {error}"),
        },
        None,
    )
}

/// How a message names an element: its Chinese title and key (or item number), or the pointer.
fn describe(pointer: &str, title: &str, lang: Lang) -> String {
    let key = pointer.rsplit('/').next().unwrap_or("");
    if pointer.is_empty() && title.is_empty() {
        return lang.pick("文档", "the document").to_owned();
    }
    if title.is_empty() {
        return format!("`{pointer}`");
    }
    match (lang, key.parse::<usize>()) {
        (Lang::Zh, Ok(i)) => format!("“{title}”第 {} 项", i + 1),
        (Lang::En, Ok(i)) => format!("{title} item {}", i + 1),
        (Lang::Zh, Err(_)) if key.is_empty() => format!("“{title}”"),
        (Lang::En, Err(_)) if key.is_empty() => title.to_owned(),
        (Lang::Zh, Err(_)) => format!("“{title}”（`{key}`）"),
        (Lang::En, Err(_)) => format!("`{key}` ({title})"),
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn short(value: &Value) -> String {
    let s = value.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

fn list_values(options: &Value) -> String {
    match options {
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join("、"),
        other => other.to_string(),
    }
}

fn json_type(value: &Value, lang: Lang) -> &'static str {
    match value {
        Value::Null => lang.pick("空值", "null"),
        Value::Bool(_) => lang.pick("布尔值", "a boolean"),
        Value::Number(n) if n.is_f64() => lang.pick("小数", "a number"),
        Value::Number(_) => lang.pick("整数", "an integer"),
        Value::String(_) => lang.pick("字符串", "a string"),
        Value::Array(_) => lang.pick("列表", "a list"),
        Value::Object(_) => lang.pick("映射", "a mapping"),
    }
}

fn type_names(t: Option<&Value>, lang: Lang) -> String {
    let one = |s: &str| -> String {
        match s {
            "string" => lang.pick("字符串", "a string"),
            "integer" => lang.pick("整数", "an integer"),
            "number" => lang.pick("数值", "a number"),
            "boolean" => lang.pick("布尔值（true/false）", "a boolean (true/false)"),
            "array" => lang.pick("列表", "a list"),
            "object" => lang.pick("映射", "a mapping"),
            "null" => lang.pick("空值", "null"),
            other => other,
        }
        .to_owned()
    };
    match t {
        Some(Value::String(s)) => one(s),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(one)
            .collect::<Vec<_>>()
            .join(lang.pick("或", " or ")),
        _ => lang.pick("其他类型", "another type").to_owned(),
    }
}

fn file_uri(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(
                std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                16,
            )
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_bytes;

    fn check(text: &str) -> Vec<Finding> {
        let schema = Schema::national().unwrap();
        let l = load_bytes(
            "t.yaml".into(),
            text.as_bytes(),
            &Limits::default(),
            Lang::En,
        );
        schema.check(l.document.as_ref().unwrap(), &l.source, Lang::En)
    }

    #[test]
    fn file_uri_roundtrip() {
        let uri = file_uri(Path::new("/tmp/省 schema.json"));
        assert!(uri.is_ascii());
        assert_eq!(
            percent_decode(uri.strip_prefix("file://").unwrap()),
            "/tmp/省 schema.json"
        );
    }

    #[test]
    fn missing_and_unknown() {
        let f = check("item:\n  name: x\n  typ: 行政许可\n");
        let codes: Vec<_> = f.iter().map(|f| f.code).collect();
        assert!(codes.contains(&"TB101"), "{f:#?}");
        let unknown = f.iter().find(|f| f.code == "TB102").unwrap();
        assert_eq!(unknown.pointer, "/item/typ");
        assert!(
            unknown.help.as_deref().unwrap().contains("`type`"),
            "{unknown:#?}"
        );
    }
}
