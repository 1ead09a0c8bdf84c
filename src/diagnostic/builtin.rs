//! The built-in checks, one declaration each with its documentation: reading and parsing a file
//! (TB0xx), the schema (TB1xx), configuration and suppressions (TB4xx). The rules (TB2xx,
//! TB3xx) and the agreement checks (TB5xx) are declared in their own files under `rules/`;
//! `crate::rules::registry` gathers all of them.
//!
//! Each doc is a [`super::Doc`]: What it does / Why is this bad? in both languages, the Example and
//! Use instead once; it is the text of `tongban rule CODE` and of docs/rules.md.

use super::{Applicability, Check, Doc, FixDoc, Kind, Sample, Severity, Text};

/// The fix of a code YAML read as a number (TB103).
pub const QUOTE_NUMBER_FIX: FixDoc = FixDoc {
    applicability: Applicability::Safe,
    text: "Quotes a code that YAML read as a number, keeping the digits as written \
           (`basic_code: 000115015005` → `basic_code: \"000115015005\"`).",
    text_zh: "给被 YAML 读成数字的编码加上引号，数字保持原样\
              （`basic_code: 000115015005` → `basic_code: \"000115015005\"`）。",
};

/// The fix of a code written with full-width characters, whichever check reports the code
/// (TB105 and the code rules TB202–TB208).
pub const FULL_WIDTH_CODE_FIX: FixDoc = FixDoc {
    applicability: Applicability::Safe,
    text: "A code (`*code`) written with full-width digits or letters (`４３００００`) is rewritten \
           half-width, quoted (`\"430000\"`).",
    text_zh: "用全角数字或字母书写的编码（`*code`，如 `４３００００`）改写为半角并加引号（`\"430000\"`）。",
};

// ---- Reading and parsing a file (TB0xx) ----

/// TB000: internal error in tongban (please report it)
pub const INTERNAL_ERROR: Check = Check {
    code: "TB000",
    name: "internal-error",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "tongban 内部错误（请报告）",
    summary_en: "internal error in tongban (please report it)",
    doc: Doc {
        what: Text {
            zh: "报告在 tongban 内部检查时崩溃的文件。其他文件照常检查，报告格式保持完整，运行以退出码 2 结束。这是 tongban 的缺陷，不是指南的问题：请附上该文件（或删减后的副本）报告此问题。",
            en: "Reports a file whose checking crashed inside tongban. The other files are still checked, the report stays well formed, and the run exits with status 2. This is a bug in tongban, not in the guide: please report it with the file (or a cut-down copy) attached.",
        },
        why: Text {
            zh: "该文件完全没有被检查，其中的问题无从得知。",
            en: "The file was not checked at all, so its problems are unknown.",
        },
        example: Sample::text(
            r#"
error[TB000(internal-error)]: catalogs/x.yaml: tongban 内部错误：检查此文件时崩溃（请报告）
"#,
        ),
        instead: Sample::words(
            "同一文件，由修复了该缺陷的 tongban 检查。",
            "The same file, checked by a tongban with the bug fixed.",
        ),
    },
    fixes: &[],
};

/// TB001: YAML syntax error
pub const YAML_SYNTAX: Check = Check {
    code: "TB001",
    name: "yaml-syntax",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "YAML 语法错误",
    summary_en: "YAML syntax error",
    doc: Doc {
        what: Text {
            zh: "报告无法按 YAML 1.2 解析的文本，并指出解析器停下的位置。",
            en: "Reports text that does not parse as YAML 1.2, pointing at the place the parser stopped.",
        },
        why: Text {
            zh: "无法解析的文件，其他内容都无从检查。",
            en: "Nothing else can be checked in a file that does not parse.",
        },
        example: Sample::yaml(
            r#"
item:
  name: 合伙企业设立登记
   type: 行政许可
"#,
        ),
        instead: Sample::yaml(
            r#"
item:
  name: 合伙企业设立登记
  type: 行政许可
"#,
        ),
    },
    fixes: &[],
};

/// TB002: file is not UTF-8
pub const ENCODING: Check = Check {
    code: "TB002",
    name: "encoding",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "文件不是 UTF-8 编码",
    summary_en: "file is not UTF-8",
    doc: Doc {
        what: Text {
            zh: "报告不是 UTF-8 编码的文件。GB18030/GBK 和 UTF-16 文件在编码判断明确时会被解码（并照常检查）；检查结果指向第一个不属于 UTF-8 的字节。",
            en: "Reports a file that is not UTF-8. GB18030/GBK and UTF-16 files are decoded (and checked) when the guess is clean; the finding points at the first byte that is not UTF-8.",
        },
        why: Text {
            zh: "指南要在各地区、各系统之间交换，只有 UTF-8 在任何地方读出来都一样。GBK 文件在网页编辑器和差异对比中会变成乱码。",
            en: "Guides are exchanged between regions and systems; only UTF-8 reads the same everywhere. GBK files turn into mojibake in web editors and diffs.",
        },
        example: Sample::yaml(
            r#"
item:
  name: 合伙企业设立登记
"#,
        )
        .with_note(
            "旧编辑器以 GBK 保存的文件：",
            "A file saved as GBK by a legacy editor:",
        ),
        instead: Sample::yaml(
            r#"
item:
  name: 合伙企业设立登记
"#,
        )
        .with_note("同一文件以 UTF-8 保存：", "The same file saved as UTF-8:"),
    },
    fixes: &[],
};

/// TB003: file starts with a UTF-8 byte-order mark
pub const BOM: Check = Check {
    code: "TB003",
    name: "utf8-bom",
    severity: Severity::Warning,
    kind: Kind::Input,
    summary_zh: "文件以 UTF-8 BOM 开头",
    summary_en: "file starts with a UTF-8 byte-order mark",
    doc: Doc {
        what: Text {
            zh: "报告文件开头的 UTF-8 字节顺序标记（BOM）。",
            en: "Reports a UTF-8 byte-order mark at the start of a file.",
        },
        why: Text {
            zh: "该标记不可见，在 UTF-8 中也没有必要；一些 YAML 工具和基于 `cat` 的脚本会把它当作内容。",
            en: "The mark is invisible and unnecessary in UTF-8; some YAML tools and `cat`-based scripts treat it as content.",
        },
        example: Sample::yaml(
            r#"
<U+FEFF>item:
  name: 合伙企业设立登记
"#,
        ),
        instead: Sample::yaml(
            r#"
item:
  name: 合伙企业设立登记
"#,
        ),
    },
    fixes: &[],
};

/// TB004: duplicate key in a mapping
pub const DUPLICATE_KEY: Check = Check {
    code: "TB004",
    name: "duplicate-key",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "同一映射中出现重复的键",
    summary_en: "duplicate key in a mapping",
    doc: Doc {
        what: Text {
            zh: "报告同一映射中出现两次的键；保留第一个值，并同时标出两处位置。",
            en: "Reports a key that appears twice in one mapping; the first value is kept and both places are shown.",
        },
        why: Text {
            zh: "各 YAML 解析器对重复键取哪个值并不一致，同一份指南在不同工具里含义不同。",
            en: "YAML parsers disagree on which duplicate wins, so the guide means different things to different tools.",
        },
        example: Sample::yaml(
            r#"
materials:
  - name: 《合伙协议》
    necessity: 必要
    necessity: 非必要
"#,
        ),
        instead: Sample::yaml(
            r#"
materials:
  - name: 《合伙协议》
    necessity: 必要
"#,
        ),
    },
    fixes: &[],
};

/// TB005: file is empty or only comments
pub const EMPTY_DOCUMENT: Check = Check {
    code: "TB005",
    name: "empty-document",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "文件为空或只有注释",
    summary_en: "file is empty or only comments",
    doc: Doc {
        what: Text {
            zh: "报告空文件或只有注释的文件。",
            en: "Reports a file that is empty or holds only comments.",
        },
        why: Text {
            zh: "空的指南通常是导出失败，或误提交的占位文件。",
            en: "An empty guide is usually a failed export or a placeholder that was committed by mistake.",
        },
        example: Sample::yaml(
            r#"
# TODO
"#,
        ),
        instead: Sample::yaml(
            r#"
item:
  name: 合伙企业设立登记
  type: 行政许可
"#,
        ),
    },
    fixes: &[],
};

/// TB006: more than one YAML document in a file
pub const MULTI_DOCUMENT: Check = Check {
    code: "TB006",
    name: "multiple-documents",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "一个文件包含多个 YAML 文档",
    summary_en: "more than one YAML document in a file",
    doc: Doc {
        what: Text {
            zh: "报告包含多个 YAML 文档（`---`）的文件；只检查第一个文档。",
            en: "Reports a file with more than one YAML document (`---`); only the first is linted.",
        },
        why: Text {
            zh: "一个文件一份指南，路径才有意义：一个路径对应一个地区的一个事项。",
            en: "One guide per file keeps paths meaningful: a path names one item in one region.",
        },
        example: Sample::yaml(
            r#"
item:
  name: 生育登记
---
item:
  name: 失业登记
"#,
        ),
        instead: Sample::yaml(
            r#"
# shengyu-dengji.yaml
item:
  name: 生育登记
"#,
        ),
    },
    fixes: &[],
};

/// TB007: alias expansion too large (billion laughs)
pub const ALIAS_LIMIT: Check = Check {
    code: "TB007",
    name: "alias-limit",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "别名展开过多（疑似“billion laughs”攻击）",
    summary_en: "alias expansion too large (billion laughs)",
    doc: Doc {
        what: Text {
            zh: "报告展开后超过 10,000 个节点的别名（“billion laughs” 模式）；解析到此为止。",
            en: r#"Reports aliases that expand to more than 10,000 nodes (the "billion laughs" pattern); parsing
stops there."#,
        },
        why: Text {
            zh: "别名的指数式展开会耗尽内存，指南从不需要这样写。",
            en: "Exponential alias expansion exhausts memory; a guide never needs it.",
        },
        example: Sample::yaml(
            r#"
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
"#,
        ),
        instead: Sample::yaml(
            r#"
materials:
  - name: 《合伙协议》
"#,
        ),
    },
    fixes: &[],
};

/// TB008: nesting too deep
pub const NESTING_LIMIT: Check = Check {
    code: "TB008",
    name: "nesting-limit",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "嵌套层级过深",
    summary_en: "nesting too deep",
    doc: Doc {
        what: Text {
            zh: "报告嵌套层级超过上限（128 层）的集合。",
            en: "Reports collections nested deeper than the limit (128).",
        },
        why: Text {
            zh: "指南不会嵌套得这么深；这是格式错误或恶意构造的文件，可能耗尽调用栈。",
            en: "Deep nesting is never a guide; it is a malformed or hostile file that could exhaust the stack.",
        },
        example: Sample::yaml(
            r#"
a: [[[[[[[[[[[[[[[[[[ … ]]]]]]]]]]]]]]]]]]
"#,
        ),
        instead: Sample::yaml(
            r#"
materials:
  - name: 《合伙协议》
"#,
        ),
    },
    fixes: &[],
};

/// TB009: file exceeds the size limit
pub const FILE_TOO_LARGE: Check = Check {
    code: "TB009",
    name: "file-too-large",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "文件超过大小上限",
    summary_en: "file exceeds the size limit",
    doc: Doc {
        what: Text {
            zh: "报告大于 `--max-file-size`（默认 10 MiB）的文件；该文件不会被读取。",
            en: "Reports a file larger than `--max-file-size` (default 10 MiB); it is not read.",
        },
        why: Text {
            zh: "一份指南只有几 KB；巨大的文件要么是导出错误，要么根本不是指南，读取它会拖慢每一次运行。",
            en: "A guide is a few kilobytes; a huge file is an export error or not a guide, and reading it slows every run.",
        },
        example: Sample::words(
            "一个名为 guide.yaml、大小 200 MB 的数据导出文件。",
            "A 200 MB data dump named guide.yaml.",
        ),
        instead: Sample::words("一份几 KB 的指南。", "A guide of a few KB."),
    },
    fixes: &[],
};

/// TB010: file cannot be read
pub const UNREADABLE: Check = Check {
    code: "TB010",
    name: "unreadable-file",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "无法读取文件",
    summary_en: "file cannot be read",
    doc: Doc {
        what: Text {
            zh: "报告无法读取的文件或文件夹（权限不足、I/O 错误）。",
            en: "Reports a file or folder that cannot be read (permissions, I/O error).",
        },
        why: Text {
            zh: "读不了的指南就没有被检查；运行结果必须说明这一点，而不是悄悄通过。",
            en: "A guide that cannot be read is not checked; the run must say so rather than pass silently.",
        },
        example: Sample::text(
            r#"
$ chmod 000 catalogs/hunan/x.yaml
"#,
        ),
        instead: Sample::text(
            r#"
$ chmod 644 catalogs/hunan/x.yaml
"#,
        ),
    },
    fixes: &[],
};

/// TB011: not a regular file (FIFO, device, ...)
pub const NOT_A_FILE: Check = Check {
    code: "TB011",
    name: "not-a-regular-file",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "不是普通文件（FIFO、设备等）",
    summary_en: "not a regular file (FIFO, device, ...)",
    doc: Doc {
        what: Text {
            zh: "报告不是普通文件的路径（FIFO、套接字、设备文件）。",
            en: "Reports a path that is not a regular file (FIFO, socket, device).",
        },
        why: Text {
            zh: "读取 FIFO 或设备文件可能永远阻塞；这类路径从来不是指南。",
            en: "Reading a FIFO or device can block forever; such paths are never guides.",
        },
        example: Sample::text(
            r#"
$ mkfifo catalogs/x.yaml
"#,
        ),
        instead: Sample::text(
            r#"
$ rm catalogs/x.yaml
"#,
        ),
    },
    fixes: &[],
};

/// TB012: symbolic link loop
pub const SYMLINK_LOOP: Check = Check {
    code: "TB012",
    name: "symlink-loop",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "符号链接循环",
    summary_en: "symbolic link loop",
    doc: Doc {
        what: Text {
            zh: "报告指回自身上级目录的符号链接（链接循环）；跳过该循环。",
            en: "Reports a symbolic link that loops back to one of its own ancestors; the loop is skipped.",
        },
        why: Text {
            zh: "顺着循环走下去，遍历永远不会结束。",
            en: "Following the loop would walk forever.",
        },
        example: Sample::yaml(
            r#"
catalogs/loop -> ..
"#,
        ),
        instead: Sample::yaml(
            r#"
catalogs/common -> ../common-guides
"#,
        ),
    },
    fixes: &[],
};

/// TB013: unsupported YAML construct (e.g. complex keys)
pub const UNSUPPORTED_YAML: Check = Check {
    code: "TB013",
    name: "unsupported-yaml",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "不支持的 YAML 结构（如复杂键）",
    summary_en: "unsupported YAML construct (e.g. complex keys)",
    doc: Doc {
        what: Text {
            zh: "报告没有 JSON 对应形式的 YAML 写法，例如复杂键（以集合作键）；跳过该条目。",
            en: "Reports YAML constructs with no JSON equivalent, such as complex (collection) keys; the entry is skipped.",
        },
        why: Text {
            zh: "指南是用 YAML 语法书写的 JSON 数据；以集合作键的条目无法校验，也无法比较。",
            en: "Guides are JSON data in YAML syntax; a collection used as a key cannot be validated or compared.",
        },
        example: Sample::yaml(
            r#"
? [a, b]
: 1
"#,
        ),
        instead: Sample::yaml(
            r#"
a: 1
"#,
        ),
    },
    fixes: &[],
};

/// TB014: file contains control characters
pub const CONTROL_CHARACTER: Check = Check {
    code: "TB014",
    name: "control-character",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "文件含有控制字符",
    summary_en: "file contains control characters",
    doc: Doc {
        what: Text {
            zh: r#"报告文件中的控制字符：制表符和换行以外的 C0 控制字符（NUL、ESC……）、DEL 以及 C1 控制字符（U+0080–U+009F）。每个文件只报告一条，给出个数并指向第一个。所有输出格式都以转义形式（`␛`、`\u{1b}`）显示这些字符，绝不原样输出。"#,
            en: r#"Reports control characters in a file: C0 controls other than tab and line breaks (NUL, ESC, …), DEL, and C1 controls (U+0080–U+009F). One finding per file gives the count and points at the first. Every output format shows such characters escaped (`␛`, `\u{1b}`), never raw."#,
        },
        why: Text {
            zh: "它们从来不是指南正文的一部分：多来自从其他程序复制粘贴或转换出错，在大多数编辑器里看不见，会破坏基于 XML 的交换格式，ESC 序列还能改写终端上显示的内容。",
            en: "They are never part of a guide's text: they come from copy-paste out of other programs or broken conversions, are invisible in most editors, break XML-based exchange formats, and ESC sequences can rewrite what a terminal shows.",
        },
        example: Sample::yaml(
            r#"
item:
  name: 合伙企业设立登记<ESC>[2J
"#,
        ),
        instead: Sample::yaml(
            r#"
item:
  name: 合伙企业设立登记
"#,
        ),
    },
    fixes: &[],
};

/// TB015: number out of the representable range
pub const NUMBER_OVERFLOW: Check = Check {
    code: "TB015",
    name: "number-overflow",
    severity: Severity::Error,
    kind: Kind::Input,
    summary_zh: "数值超出可表示的范围",
    summary_en: "number out of the representable range",
    doc: Doc {
        what: Text {
            zh: "报告超出 64 位浮点数范围的数字（YAML 1.2 核心模式），例如 `1e400`。该值按字符串保留，因此模式的类型检查也能看到它。",
            en: "Reports a number too large for a 64-bit floating-point value (YAML 1.2 core schema), such as `1e400`. The value is kept as a string, so the schema's type checks also see it.",
        },
        why: Text {
            zh: "它无法表示为 JSON 数据；按数字读取的工具得到无穷大或报错，按文本读取的工具得到的又是另一回事：同一份指南在不同程序里含义不同。",
            en: "It cannot be represented as JSON data; tools that read it as a number get infinity or an error, and one that reads it as text gets something else: the guide means different things to different programs.",
        },
        example: Sample::yaml(
            r#"
fees:
  amount: 1e400
"#,
        ),
        instead: Sample::yaml(
            r#"
fees:
  amount: 100
"#,
        ),
    },
    fixes: &[],
};

// ---- The schema (TB1xx) ----

/// TB101: required element is missing
pub const MISSING_ELEMENT: Check = Check {
    code: "TB101",
    name: "missing-element",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "缺少必填要素",
    summary_en: "required element is missing",
    doc: Doc {
        what: Text {
            zh: "报告缺少的必填要素，用中文标题指明该要素，并说明应加在哪里。",
            en: "Reports a required element that is missing, naming it by its Chinese title and saying where to add it.",
        },
        why: Text {
            zh: "模式标为必填的，是每份指南都必须写明的内容（事项名称、实施区划、实施主体、申请材料、来源……）；缺少这些内容的指南无法使用，也无法比较。",
            en: "The schema marks as required what every guide must state (事项名称, 实施区划, 实施主体, 申请材料, 来源 …); a guide without them cannot be used or compared.",
        },
        example: Sample::yaml(
            r#"
item:
  name: 合伙企业设立登记
"#,
        ),
        instead: Sample::yaml(
            r#"
item:
  name: 合伙企业设立登记
  type: 行政许可
"#,
        ),
    },
    fixes: &[],
};

/// TB102: element not defined by the schema
pub const UNKNOWN_ELEMENT: Check = Check {
    code: "TB102",
    name: "unknown-element",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "未知要素（键名不在规范中）",
    summary_en: "element not defined by the schema",
    doc: Doc {
        what: Text {
            zh: "报告模式中未定义的键，并建议最接近的有效键。",
            en: "Reports a key the schema does not define, with the nearest valid key as a suggestion.",
        },
        why: Text {
            zh: "拼错的键会让其内容被悄悄丢弃：`meterials` 不会被当作申请材料读取。",
            en: "A misspelt key silently drops its content: `meterials` is not read as 申请材料.",
        },
        example: Sample::yaml(
            r#"
meterials:
  - name: 《合伙协议》
"#,
        ),
        instead: Sample::yaml(
            r#"
materials:
  - name: 《合伙协议》
"#,
        ),
    },
    fixes: &[],
};

/// TB103: element has the wrong type
pub const WRONG_TYPE: Check = Check {
    code: "TB103",
    name: "wrong-type",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "要素类型错误",
    summary_en: "element has the wrong type",
    doc: Doc {
        what: Text {
            zh: "报告类型错误的值（应为数字处写了字符串，应为列表处写了单个值）。",
            en: "Reports a value of the wrong type (a string where a number is expected, a scalar where a list is).",
        },
        why: Text {
            zh: r#"规则和比较都基于有类型的值进行计算；`"15天"` 无法与天数比较。"#,
            en: r#"Typed values are what rules and comparisons compute on; `"15天"` cannot be compared with a number of days."#,
        },
        example: Sample::yaml(
            r#"
time_limit:
  legal_days: 15天
"#,
        ),
        instead: Sample::yaml(
            r#"
time_limit:
  legal_days: 15
  legal_unit: 自然日
"#,
        ),
    },
    fixes: &[QUOTE_NUMBER_FIX],
};

/// TB104: value is not one of the allowed values
pub const INVALID_VALUE: Check = Check {
    code: "TB104",
    name: "invalid-value",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "取值不在允许范围内",
    summary_en: "value is not one of the allowed values",
    doc: Doc {
        what: Text {
            zh: "报告不在允许取值范围内的值，并列出允许的取值。",
            en: "Reports a value outside the allowed set, listing the allowed values.",
        },
        why: Text {
            zh: "枚举型要素（事项类型、材料必要性……）在各地区之间按取值比较；同义写法或错别字会让比较失效。",
            en: "Enumerated elements (事项类型, 材料必要性 …) are compared across regions by value; a synonym or typo breaks the comparison.",
        },
        example: Sample::yaml(
            r#"
item:
  type: 许可
"#,
        ),
        instead: Sample::yaml(
            r#"
item:
  type: 行政许可
"#,
        ),
    },
    fixes: &[],
};

/// TB105: value does not match the required format or length
pub const INVALID_FORMAT: Check = Check {
    code: "TB105",
    name: "invalid-format",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "格式或长度不符合规范",
    summary_en: "value does not match the required format or length",
    doc: Doc {
        what: Text {
            zh: "报告不符合规定格式或长度的值（编码、日期、网址）。",
            en: "Reports a value that does not match the required format or length (codes, dates, URLs).",
        },
        why: Text {
            zh: "编码和日期是关联其他系统的键；格式错误的编码什么也对不上。",
            en: "Codes and dates are keys into other systems; a malformed one matches nothing.",
        },
        example: Sample::yaml(
            r#"
region:
  code: "43000"
"#,
        ),
        instead: Sample::yaml(
            r#"
region:
  code: "430000"
"#,
        ),
    },
    fixes: &[FULL_WIDTH_CODE_FIX],
};

/// TB106: number or count out of range
pub const OUT_OF_RANGE: Check = Check {
    code: "TB106",
    name: "out-of-range",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "数值或数量超出范围",
    summary_en: "number or count out of range",
    doc: Doc {
        what: Text {
            zh: "报告超出范围的数值或数量（负的天数、必须有条目却为空的列表）。",
            en: "Reports a number or a count outside its range (a negative number of days, an empty list that must have items).",
        },
        why: Text {
            zh: "超出范围的数字是笔误或占位值（用 `-1` 表示未知），会污染统计结果。",
            en: "Out-of-range numbers are typos or placeholders (`-1` for unknown) that corrupt statistics.",
        },
        example: Sample::yaml(
            r#"
time_limit:
  legal_days: -1
"#,
        ),
        instead: Sample::yaml(
            r#"
time_limit:
  legal_days: 20
"#,
        ),
    },
    fixes: &[],
};

/// TB107: violates another schema constraint
pub const SCHEMA_VIOLATION: Check = Check {
    code: "TB107",
    name: "schema-violation",
    severity: Severity::Error,
    kind: Kind::Schema,
    summary_zh: "不符合规范的其他约束",
    summary_en: "violates another schema constraint",
    doc: Doc {
        what: Text {
            zh: "报告 TB101–TB106 都不能描述的模式约束。国家模式自身的约束都有上述编码；本检查针对省级或自定义模式（`--schema`，tongban.toml 中的 `schema`）用 `not`、`contains`、`multipleOf` 等关键字增加的约束。消息引用模式中该约束的原文（由校验库以英文给出）。",
            en: r#"Reports a schema constraint that none of TB101–TB106 describes. The national schema's own
constraints all have those codes; this one is for what a provincial or custom schema
(`--schema`, `schema` in tongban.toml) adds with keywords such as `not`, `contains` or
`multipleOf`. The message quotes the constraint as the schema states it."#,
        },
        why: Text {
            zh: "交给 tongban 的模式就是指南必须遵循的格式；省里增加一条约束，就是要求本省每份指南都满足它。",
            en: r#"A schema given to tongban is the format the guides must follow; a province that adds a
constraint means every guide of that province to meet it."#,
        },
        example: Sample::yaml(
            r#"
handling:
  online: true
  express: true
"#,
        )
        .with_note(
            "省级模式规定 `handling: {not: {required: [express]}}`：",
            "The provincial schema says `handling: {not: {required: [express]}}`:",
        ),
        instead: Sample::yaml(
            r#"
handling:
  online: true
"#,
        ),
    },
    fixes: &[],
};

// ---- Configuration and suppressions (TB4xx) ----

/// TB401: unknown rule code or name in the configuration or a suppression
pub const UNKNOWN_RULE: Check = Check {
    code: "TB401",
    name: "unknown-rule",
    severity: Severity::Error,
    kind: Kind::Meta,
    summary_zh: "配置或抑制注释中的规则代码或名称不存在",
    summary_en: "unknown rule code or name in the configuration or a suppression",
    doc: Doc {
        what: Text {
            zh: "报告 tongban 不认识的规则编码或名称，出现在 `tongban.toml`（`[rules]`、`[[overrides]]`）或 `# tongban: allow` 注释中。",
            en: "Reports a rule code or name that tongban does not know, in `tongban.toml` (`[rules]`, `[[overrides]]`) or in a `# tongban: allow` comment.",
        },
        why: Text {
            zh: "拼错的规则名称会让配置或抑制悄悄失效。",
            en: "A misspelt rule name would silently configure or suppress nothing.",
        },
        example: Sample::yaml(
            r#"
# tongban.toml
[rules]
phone-fromat = "off"
"#,
        ),
        instead: Sample::yaml(
            r#"
# tongban.toml
[rules]
phone-format = "off"
"#,
        ),
    },
    fixes: &[],
};

/// TB402: suppression comment suppresses nothing
pub const UNUSED_SUPPRESSION: Check = Check {
    code: "TB402",
    name: "unused-suppression",
    severity: Severity::Warning,
    kind: Kind::Meta,
    summary_zh: "抑制注释没有抑制任何问题",
    summary_en: "suppression comment suppresses nothing",
    doc: Doc {
        what: Text {
            zh: "报告在其作用范围内没有抑制任何 CODE 检查结果的 `# tongban: allow CODE` 注释。对该文件已关闭的规则的抑制注释不报告。",
            en: "Reports a `# tongban: allow CODE` comment that suppressed no finding of CODE in its scope. Suppressions of rules that are turned off for the file are not reported.",
        },
        why: Text {
            zh: "过时的抑制注释会掩盖将来的问题：指南改好后就应删除注释，否则它会悄悄掩盖下一次回退。",
            en: "Stale suppressions hide future problems: once the guide is fixed, the comment should go, or it will silently hide the next regression.",
        },
        example: Sample::yaml(
            r#"
contact:
  # tongban: allow phone-format 区号已补
  consultation_phone: 0731-85693039
"#,
        ),
        instead: Sample::yaml(
            r#"
contact:
  consultation_phone: 0731-85693039
"#,
        ),
    },
    fixes: &[],
};

/// TB403: malformed tongban suppression comment
pub const INVALID_SUPPRESSION: Check = Check {
    code: "TB403",
    name: "invalid-suppression",
    severity: Severity::Warning,
    kind: Kind::Meta,
    summary_zh: "无法解析的 tongban 抑制注释",
    summary_en: "malformed tongban suppression comment",
    doc: Doc {
        what: Text {
            zh: "报告以 `tongban:` 开头、但不是 `allow CODES [理由]` 或 `allow-file CODES [理由]` 形式的注释。",
            en: "Reports a comment that starts with `tongban:` but is not `allow CODES [reason]` or `allow-file CODES [reason]`.",
        },
        why: Text {
            zh: "拼错的指令什么也不会抑制，作者却以为已经抑制了。",
            en: "A misspelt directive suppresses nothing, and the author believes otherwise.",
        },
        example: Sample::yaml(
            r#"
# tongban: alow TB217
"#,
        ),
        instead: Sample::yaml(
            r#"
# tongban: allow TB217 热线号码由省里统一
"#,
        ),
    },
    fixes: &[],
};

/// Every input, schema and configuration check, sorted by code: the built-in part of the
/// registry (`crate::rules::registry` adds the rules).
pub const CHECKS: &[Check] = &[
    INTERNAL_ERROR,
    YAML_SYNTAX,
    ENCODING,
    BOM,
    DUPLICATE_KEY,
    EMPTY_DOCUMENT,
    MULTI_DOCUMENT,
    ALIAS_LIMIT,
    NESTING_LIMIT,
    FILE_TOO_LARGE,
    UNREADABLE,
    NOT_A_FILE,
    SYMLINK_LOOP,
    UNSUPPORTED_YAML,
    CONTROL_CHARACTER,
    NUMBER_OVERFLOW,
    MISSING_ELEMENT,
    UNKNOWN_ELEMENT,
    WRONG_TYPE,
    INVALID_VALUE,
    INVALID_FORMAT,
    OUT_OF_RANGE,
    SCHEMA_VIOLATION,
    UNKNOWN_RULE,
    UNUSED_SUPPRESSION,
    INVALID_SUPPRESSION,
];
