//! Stage 3: text → YAML events → `Value` with the byte span of every node (the builder), unless the fast path (`fast.rs`) already read a plain file.

use std::borrow::Cow;

use super::*;

pub(super) enum Frame {
    Seq {
        items: Vec<Value>,
        start: usize,
        anchor: usize,
    },
    Map {
        map: Map<String, Value>,
        start: usize,
        anchor: usize,
        /// The key waiting for its value, with its span; `None` while a key is expected.
        pending: Option<(String, Range<usize>)>,
        /// Set when the pending key repeats an earlier one: its value is parsed, then dropped.
        duplicate: bool,
    },
}

/// Where the node being parsed will go.
pub(super) enum Slot {
    Root,
    Item,
    Value,
    Key,
}

pub(super) struct Builder<'t> {
    text: &'t str,
    conv: CharToByte<'t>,
    lang: Lang,
    limits: Limits,
    spans: HashMap<Box<str>, NodeSpan>,
    stack: Vec<Frame>,
    /// Pointer of the node being built; segment start offsets in `marks`.
    pointer: String,
    marks: Vec<usize>,
    anchors: HashMap<usize, Value>,
    alias_nodes: usize,
    /// Depth of a subtree being skipped (a duplicate key's value or a complex key).
    skip: usize,
    root: Option<Value>,
    /// Whether the root was an empty plain scalar (an empty document).
    root_empty: bool,
    /// Whether to build pointers and spans (the second, recording pass).
    record: bool,
    /// The fast pass met something that needs spans to report: parse again, recording.
    need_record: bool,
    findings: Vec<Finding>,
}

/// Why parsing stopped early.
pub(super) struct Abort;

pub(super) fn parse(
    text: &Arc<str>,
    limits: &Limits,
    lang: Lang,
    findings: &mut Vec<Finding>,
    record: bool,
) -> Option<Document> {
    if !record && let Some(value) = fast::parse(text, limits.max_depth) {
        return Some(Document {
            value,
            text: text.clone(),
            limits: *limits,
            spans: OnceLock::new(),
        });
    }
    let mut b = Builder {
        text,
        conv: CharToByte::new(text),
        lang,
        limits: *limits,
        spans: HashMap::new(),
        stack: Vec::new(),
        pointer: String::new(),
        marks: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        skip: 0,
        root: None,
        root_empty: false,
        record,
        need_record: false,
        findings: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0usize;
    let mut ok = true;
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(e) => e,
            Err(e) => {
                b.syntax_error(&e);
                ok = false;
                break;
            }
        };
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    let at = b.range(&span);
                    b.findings.push(
                        Finding::new(
                            dx::MULTI_DOCUMENT,
                            lang.pick(
                                "文件包含多个 YAML 文档；每个文件只能有一个办事指南，只检查第一个",
                                "file holds more than one YAML document; one guide per file: only the first is linted",
                            ),
                            crate::source::clamp_span(text, &(at.start..at.start + 3)),
                        )
                        .with_label(lang.pick("第二个文档从这里开始", "second document starts here"))
                        .with_help(lang.pick(
                            "把每个文档拆分为单独的文件",
                            "split each document into its own file",
                        )),
                    );
                    break;
                }
            }
            Event::StreamEnd => break,
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            other => {
                if b.event(other, &span).is_err() {
                    ok = false;
                    break;
                }
            }
        }
    }
    if !record && (b.need_record || !b.findings.is_empty()) {
        // Something to report: the recording pass gives the same findings, with spans.
        return parse(text, limits, lang, findings, true);
    }
    let Builder {
        root,
        root_empty,
        spans,
        findings: found,
        ..
    } = b;
    findings.extend(found);
    if !ok {
        return None;
    }
    match root {
        None | Some(Value::Null) if root.is_none() || root_empty => {
            findings.push(Finding::new(
                dx::EMPTY_DOCUMENT,
                lang.pick(
                    "文件为空或只有注释，没有办事指南内容",
                    "file is empty or holds only comments: no guide",
                ),
                0..0,
            ));
            None
        }
        root => Some(Document {
            value: root.unwrap_or(Value::Null),
            text: text.clone(),
            limits: *limits,
            spans: if record {
                OnceLock::from(spans)
            } else {
                OnceLock::new()
            },
        }),
    }
}

impl Builder<'_> {
    fn range(&mut self, span: &Span) -> Range<usize> {
        if !self.record {
            // The fast pass reports nothing with a location (anything to report triggers the
            // recording pass), so raw character indices do: only emptiness is looked at.
            return span.start.index()..span.end.index().max(span.start.index());
        }
        let start = self.conv.byte(span.start.index());
        let end = self.conv.byte(span.end.index()).max(start);
        start..end
    }

    fn syntax_error(&mut self, e: &ScanError) {
        let at = self.conv.byte(e.marker().index());
        let (check, message) = if e.info().contains("recursion limit") {
            (
                dx::NESTING_LIMIT,
                self.lang
                    .pick("嵌套层级过深，无法解析", "nesting too deep to parse")
                    .to_owned(),
            )
        } else {
            (
                dx::YAML_SYNTAX,
                format!(
                    "{}: {}",
                    self.lang.pick("YAML 语法错误", "YAML syntax error"),
                    e.info()
                ),
            )
        };
        let end = next_char_end(self.text, at);
        self.findings.push(
            Finding::new(check, message, at..end)
                .with_label(self.lang.pick("此处", "here"))
                .with_help(self.lang.pick(
                    "检查缩进、冒号后的空格和引号是否成对；含有冒号或 # 的值请加引号",
                    "check indentation, the space after each colon and matching quotes; quote values that contain ': ' or ' #'",
                )),
        );
    }

    /// Which slot the next node fills, and for values the pointer segment to push.
    fn slot(&self) -> Slot {
        match self.stack.last() {
            None => Slot::Root,
            Some(Frame::Seq { .. }) => Slot::Item,
            Some(Frame::Map { pending: None, .. }) => Slot::Key,
            Some(Frame::Map { .. }) => Slot::Value,
        }
    }

    fn push_segment(&mut self) -> Option<Range<usize>> {
        if !self.record {
            return None;
        }
        self.marks.push(self.pointer.len());
        match self.stack.last() {
            Some(Frame::Seq { items, .. }) => {
                let n = items.len();
                self.pointer.push('/');
                self.pointer.push_str(&n.to_string());
                None
            }
            Some(Frame::Map {
                pending: Some((key, span)),
                ..
            }) => {
                let span = span.clone();
                self.pointer.push('/');
                for c in key.chars() {
                    match c {
                        '~' => self.pointer.push_str("~0"),
                        '/' => self.pointer.push_str("~1"),
                        c => self.pointer.push(c),
                    }
                }
                Some(span)
            }
            _ => None,
        }
    }

    fn pop_segment(&mut self) {
        if !self.record {
            return;
        }
        if let Some(len) = self.marks.pop() {
            self.pointer.truncate(len);
        }
    }

    fn in_duplicate_value(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Map {
                duplicate: true,
                pending: Some(_),
                ..
            })
        )
    }

    /// Builds the document from one parser event: one method per kind of event, inlined (this
    /// runs once per node of every guide).
    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<(), Abort> {
        if self.skip > 0 {
            self.skipped(&event);
            return Ok(());
        }
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                self.scalar(value, style, anchor, tag, span)
            }
            Event::Alias(id) => self.alias(id, span),
            Event::SequenceStart(anchor, _) => self.start(anchor, false, span),
            Event::MappingStart(anchor, _) => self.start(anchor, true, span),
            Event::SequenceEnd | Event::MappingEnd => {
                self.end(span);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// An event inside a node being skipped (a duplicate key's value, a complex key): only the
    /// depth is followed, to know where the node ends.
    #[inline]
    fn skipped(&mut self, event: &Event<'_>) {
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => self.skip += 1,
            Event::SequenceEnd | Event::MappingEnd => {
                self.skip -= 1;
                if self.skip == 0 {
                    self.finish_skipped();
                }
            }
            _ => {}
        }
    }

    /// A scalar: a mapping's key, or a value.
    #[inline]
    fn scalar(
        &mut self,
        value: Cow<'_, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<Cow<'_, Tag>>,
        span: &Span,
    ) -> Result<(), Abort> {
        let mut range = self.range(span);
        if self.record {
            range = scalar_end(self.text, range, style, &value);
        }
        if value.contains(is_forbidden_control) {
            self.escaped_control(&value, range.clone());
        }
        let slot = self.slot();
        if matches!(slot, Slot::Key) {
            if anchor > 0 {
                // `&k a: 1` anchors the key itself; `*k` later means the scalar `a`.
                let resolved = resolve_scalar(value.clone(), style, tag.as_deref());
                self.anchors.insert(anchor, resolved);
            }
            self.key(value.into_owned(), range);
            return Ok(());
        }
        if number_overflows(&value, style, tag.as_deref()) {
            self.number_overflow(&value, range.clone());
        }
        let value = resolve_scalar(value, style, tag.as_deref());
        self.leaf(value, range, anchor)
    }

    /// An alias: a copy of its anchor's value, counted against the alias limit.
    #[inline]
    fn alias(&mut self, id: usize, span: &Span) -> Result<(), Abort> {
        let range = self.range(span);
        // The parser rejects aliases to anchors it never saw; one missing here was inside
        // a node already dropped with a finding (a duplicate key's value, a complex key):
        // it stands for nothing.
        let value = self.anchors.get(&id).cloned().unwrap_or(Value::Null);
        if matches!(self.slot(), Slot::Key) {
            match value {
                Value::Object(_) | Value::Array(_) => {
                    self.complex_key(range);
                    self.finish_skipped();
                }
                other => self.key(scalar_key(&other), range),
            }
            return Ok(());
        }
        self.alias_nodes += count_nodes(&value);
        if self.alias_nodes > self.limits.max_alias_nodes {
            self.alias_limit(range);
            return Err(Abort);
        }
        self.leaf(value, range, 0)
    }

    /// The finding of aliases that expand past the limit (parsing stops).
    #[cold]
    fn alias_limit(&mut self, range: Range<usize>) {
        let lang = self.lang;
        self.findings.push(
            Finding::new(
                dx::ALIAS_LIMIT,
                match lang {
                    Lang::Zh => format!(
                        "别名展开超过 {} 个节点（疑似“billion laughs”别名炸弹），停止解析",
                        self.limits.max_alias_nodes
                    ),
                    Lang::En => format!(
                        "aliases expand to more than {} nodes (a \"billion laughs\" alias bomb?); parsing stopped",
                        self.limits.max_alias_nodes
                    ),
                },
                range,
            )
            .with_label(lang.pick("展开到这里时超过上限", "limit exceeded expanding this alias"))
            .with_help(lang.pick(
                "办事指南不需要 YAML 别名（& 与 *）；请直接写出内容",
                "service guides need no YAML aliases (& and *); write the content out",
            )),
        );
    }

    /// The start of a sequence or a mapping: a frame on the stack, its key's span remembered.
    #[inline]
    fn start(&mut self, anchor: usize, is_map: bool, span: &Span) -> Result<(), Abort> {
        let range = self.range(span);
        if matches!(self.slot(), Slot::Key) {
            self.complex_key(range);
            return Ok(());
        }
        if self.in_duplicate_value() {
            self.skip = 1;
            return Ok(());
        }
        if self.stack.len() >= self.limits.max_depth {
            self.depth_limit(range);
            return Err(Abort);
        }
        let key = self.push_segment();
        let start = range.start;
        if let Some(key) = key {
            // Remember the key span now; the value span is completed at the end event.
            self.spans.insert(
                self.pointer.as_str().into(),
                NodeSpan {
                    value: start..start,
                    key: Some(key),
                },
            );
        }
        self.stack.push(if is_map {
            Frame::Map {
                map: Map::new(),
                start,
                anchor,
                pending: None,
                duplicate: false,
            }
        } else {
            Frame::Seq {
                items: Vec::new(),
                start,
                anchor,
            }
        });
        Ok(())
    }

    /// The finding of a collection nested past the depth limit (parsing stops).
    #[cold]
    fn depth_limit(&mut self, range: Range<usize>) {
        let lang = self.lang;
        self.findings.push(
            Finding::new(
                dx::NESTING_LIMIT,
                match lang {
                    Lang::Zh => {
                        format!("嵌套超过 {} 层，停止解析", self.limits.max_depth)
                    }
                    Lang::En => format!(
                        "nesting deeper than {} levels; parsing stopped",
                        self.limits.max_depth
                    ),
                },
                range.start..next_char_end(self.text, range.start),
            )
            .with_label(lang.pick("超过嵌套上限的集合", "collection past the depth limit")),
        );
    }

    /// The end of a sequence or a mapping: its value span completed, the value attached to its
    /// parent (and to its anchor).
    #[inline]
    fn end(&mut self, span: &Span) {
        let range = self.range(span);
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let (value, start, anchor) = match frame {
            Frame::Seq {
                items,
                start,
                anchor,
            } => (Value::Array(items), start, anchor),
            Frame::Map {
                map, start, anchor, ..
            } => (Value::Object(map), start, anchor),
        };
        if self.record {
            let end = trim_end(self.text, start, range.end.max(start));
            let key = self
                .spans
                .get(self.pointer.as_str())
                .and_then(|n| n.key.clone());
            self.spans.insert(
                self.pointer.as_str().into(),
                NodeSpan {
                    value: start..end,
                    key,
                },
            );
        }
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        self.pop_segment();
        self.attach(value);
    }

    fn key(&mut self, key: String, range: Range<usize>) {
        let Some(Frame::Map {
            map,
            pending,
            duplicate,
            ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        *duplicate = map.contains_key(&key);
        if *duplicate && !self.record {
            *pending = Some((key, range));
            self.need_record = true;
            return;
        }
        *pending = Some((key.clone(), range.clone()));
        if *duplicate {
            let first_pointer = {
                let mut p = self.pointer.clone();
                p.push('/');
                p.push_str(&key.replace('~', "~0").replace('/', "~1"));
                p
            };
            let first = self
                .spans
                .get(first_pointer.as_str())
                .and_then(|n| n.key.clone());
            let lang = self.lang;
            let mut f = Finding::new(
                dx::DUPLICATE_KEY,
                match lang {
                    Lang::Zh => format!("重复的键 `{key}`：同一映射中已出现过"),
                    Lang::En => {
                        format!("duplicate key `{key}`: it already appears in this mapping")
                    }
                },
                range,
            )
            .with_pointer(first_pointer)
            .with_label(lang.pick("重复的键", "duplicate key"))
            .with_help(lang.pick(
                "合并两处内容或删除其一；检查时只使用第一处的值",
                "merge the two or delete one; only the first value is validated",
            ));
            if let Some(first) = first {
                f = f.with_related(first, lang.pick("第一次出现在这里", "first defined here"));
            }
            self.findings.push(f);
        }
    }

    /// A scalar whose value holds a control character written as an escape (`"\e"`,
    /// `"\x1b"`); raw ones are reported once per file by [`control_characters`].
    fn escaped_control(&mut self, value: &str, range: Range<usize>) {
        if !self.record {
            self.need_record = true;
            return;
        }
        let raw = self.text.get(range.clone()).unwrap_or("");
        if raw.contains(is_forbidden_control) {
            return;
        }
        let Some(c) = value.chars().find(|c| is_forbidden_control(*c)) else {
            return;
        };
        let code = format!("U+{:04X}", u32::from(c));
        let lang = self.lang;
        // The node the value is (or, for a key, the entry it names), as every finding points.
        let pointer = if matches!(self.slot(), Slot::Key) {
            let mut p = self.pointer.clone();
            p.push('/');
            p.push_str(&value.replace('~', "~0").replace('/', "~1"));
            p
        } else {
            self.push_segment();
            let p = self.pointer.clone();
            self.pop_segment();
            p
        };
        self.findings.push(
            Finding::new(
                dx::CONTROL_CHARACTER,
                match lang {
                    Lang::Zh => format!("取值中以转义写出了控制字符 {code}"),
                    Lang::En => format!(
                        "the value holds the control character {code}, written as an escape"
                    ),
                },
                range,
            )
            .with_pointer(pointer)
            .with_label(lang.pick("含控制字符的取值", "value with a control character"))
            .with_help(lang.pick(
                "删除转义的控制字符（如 \\e、\\x1b、\\u001b）",
                "delete the escaped control character (\\e, \\x1b, \\u001b, ...)",
            )),
        );
    }

    fn number_overflow(&mut self, raw: &str, range: Range<usize>) {
        let lang = self.lang;
        self.push_segment();
        let pointer = self.pointer.clone();
        self.pop_segment();
        self.findings.push(
            Finding::new(
                dx::NUMBER_OVERFLOW,
                match lang {
                    Lang::Zh => format!("数值 `{raw}` 超出可表示的范围，已按字符串处理"),
                    Lang::En => format!(
                        "number `{raw}` is out of the representable range; read as a string"
                    ),
                },
                range,
            )
            .with_pointer(pointer)
            .with_label(lang.pick("超出范围的数值", "number out of range"))
            .with_help(lang.pick(
                "写出实际的数值；如确实是文字，请加引号",
                "write the actual number; quote it if it is text",
            )),
        );
    }

    fn complex_key(&mut self, range: Range<usize>) {
        let lang = self.lang;
        self.findings.push(
            Finding::new(
                dx::UNSUPPORTED_YAML,
                lang.pick(
                    "映射的键必须是标量（字符串），不支持以列表或映射作键",
                    "mapping keys must be scalars; a list or mapping as a key is not supported",
                ),
                range.start..next_char_end(self.text, range.start),
            )
            .with_label(lang.pick("复杂键", "complex key")),
        );
        // Skip the key subtree (if it has one) and then its value.
        self.skip = 1;
        if let Some(Frame::Map {
            pending, duplicate, ..
        }) = self.stack.last_mut()
        {
            *pending = Some((String::new(), range));
            *duplicate = true;
        }
    }

    /// A skipped subtree ended: if it was a complex key, its value must be skipped next; if it
    /// was a value, the mapping expects a key again.
    fn finish_skipped(&mut self) {
        if let Some(Frame::Map {
            pending, duplicate, ..
        }) = self.stack.last_mut()
        {
            if *duplicate && pending.as_ref().is_some_and(|(k, _)| k.is_empty()) {
                // Complex key consumed; mark that the value must be dropped too.
                *pending = Some(("\u{0}".to_owned(), 0..0));
            } else {
                *pending = None;
                *duplicate = false;
            }
        }
    }

    fn leaf(&mut self, value: Value, range: Range<usize>, anchor: usize) -> Result<(), Abort> {
        if self.in_duplicate_value() {
            if let Some(Frame::Map {
                pending, duplicate, ..
            }) = self.stack.last_mut()
            {
                *pending = None;
                *duplicate = false;
            }
            return Ok(());
        }
        if self.stack.is_empty() {
            self.root_empty = range.is_empty();
        }
        if self.record {
            let key = self.push_segment();
            self.spans
                .insert(self.pointer.as_str().into(), NodeSpan { value: range, key });
            self.pop_segment();
        }
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        self.attach(value);
        Ok(())
    }

    fn attach(&mut self, value: Value) {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { map, pending, .. }) => {
                if let Some((key, _)) = pending.take() {
                    map.insert(key, value);
                }
            }
        }
    }
}

/// A one-line scalar's span without what the scanner may add after it: the last scalar before a
/// dedent or the end of the document gets a span up to the end of its line, trailing comment
/// included. Plain scalars end where their text does, quoted ones at their closing quote.
pub(super) fn scalar_end(
    text: &str,
    range: Range<usize>,
    style: ScalarStyle,
    value: &str,
) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range;
    };
    if slice.contains('\n') {
        return range;
    }
    let end = match style {
        ScalarStyle::Plain if slice.starts_with(value) => value.len(),
        ScalarStyle::SingleQuoted => {
            let body = &slice.as_bytes()[1..];
            let mut k = 0;
            loop {
                match body.get(k) {
                    Some(b'\'') if body.get(k + 1) == Some(&b'\'') => k += 2,
                    Some(b'\'') => break k + 2,
                    Some(_) => k += 1,
                    None => return range,
                }
            }
        }
        ScalarStyle::DoubleQuoted => {
            let body = &slice.as_bytes()[1..];
            let mut k = 0;
            loop {
                match body.get(k) {
                    Some(b'\\') => k += 2,
                    Some(b'"') => break k + 2,
                    Some(_) => k += 1,
                    None => return range,
                }
            }
        }
        _ => return range,
    };
    range.start..range.start + end.min(slice.len())
}

/// End of a collection, without the trailing blank lines and comments the scanner includes.
pub(super) fn trim_end(text: &str, start: usize, end: usize) -> usize {
    let span = crate::source::clamp_span(text, &(start..end));
    let (start, end) = (span.start, span.end);
    let mut slice = &text[start..end];
    loop {
        let trimmed = slice.trim_end();
        // Drop a trailing comment line.
        match trimmed.rfind('\n') {
            Some(i) if trimmed[i + 1..].trim_start().starts_with('#') => slice = &trimmed[..i],
            _ => {
                slice = trimmed;
                break;
            }
        }
    }
    start + slice.len()
}

/// The end of the character at `at` (a point span at a line break or the end of the text).
/// `at` may come from the fast pass, which counts characters, not bytes: it is brought onto a
/// char boundary first, so no offset can make this slice panic.
pub(super) fn next_char_end(text: &str, at: usize) -> usize {
    let at = crate::source::floor_boundary(text, at);
    text[at..]
        .chars()
        .next()
        .filter(|c| *c != '\n' && *c != '\r')
        .map_or(at, |c| at + c.len_utf8())
}

pub(super) fn count_nodes(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        Value::Object(map) => 1 + map.values().map(count_nodes).sum::<usize>(),
        _ => 1,
    }
}

pub(super) fn scalar_key(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "null".to_owned(),
        other => other.to_string(),
    }
}
