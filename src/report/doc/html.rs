//! HTML: one self-contained page (inline CSS and script, no network requests) with sortable
//! tables; matrices are heat maps whose cells explain themselves on hover (`title`). Written as
//! it is pulled: one section, and one matrix row, at a time.

use std::io::Write;

use super::model::{Block, Doc, Mark, Matrix, Section, Table, Tone};
use crate::diagnostic::Lang;
use crate::error::Error;

const STYLE: &str = r#"
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;margin:24px;color:#1f2933;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 4px;border-top:2px solid #e4e7eb;padding-top:16px}
p.meta{color:#52606d;margin:4px 0 12px}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #cbd2d9;padding:4px 8px}
thead th{background:#f5f7fa;cursor:pointer;user-select:none}
thead th.sorted-asc::after{content:" ▲"}thead th.sorted-desc::after{content:" ▼"}
table.heat thead th.mat{writing-mode:vertical-rl;text-orientation:upright;font-weight:normal;font-size:13px;vertical-align:bottom;white-space:nowrap;padding:6px 2px;line-height:1.1}
table.heat tbody th,table.heat tfoot th{white-space:nowrap;text-align:left}
.scroll{overflow-x:auto;max-width:100%}
table.heat td.cell{width:28px;min-width:28px;height:26px;text-align:center;font-size:14px}
td.required{background:#2e7d32;color:#fff}td.deferred{background:#f9a825}td.optional{background:#c5e1a5}
td.absent{background:#fbe3e3;color:#c62828}td.unknown{background:repeating-linear-gradient(45deg,#eceff1,#eceff1 4px,#dfe3e6 4px,#dfe3e6 8px);color:#616161}
td.attr-diff{outline:3px solid #1565c0;outline-offset:-3px;font-weight:bold}
tr.baseline th,tr.baseline td{border-top:3px double #52606d}
.partial{color:#b35c00;font-size:12px}
.bar{display:inline-block;height:10px;background:#2e7d32;vertical-align:middle;margin-right:6px}
.bar-bg{display:inline-block;width:80px;height:10px;background:#ef9a9a;vertical-align:middle;margin-right:6px}
ul{margin:4px 0 8px 18px;padding:0}li{margin:2px 0}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #cbd2d9}
.low{color:#c62828;font-weight:bold}.mid{color:#b35c00;font-weight:bold}.high{color:#2e7d32;font-weight:bold}
td.cov{text-align:center;min-width:44px;font-size:13px}
table.heat th.col{writing-mode:vertical-rl;text-orientation:upright;font-weight:normal;font-size:13px;vertical-align:bottom;white-space:nowrap;padding:6px 2px;line-height:1.1}
td.cov.full{background:#2e7d32;color:#fff}td.cov.some{background:#c5e1a5}td.cov.none{background:#fbe3e3;color:#c62828}td.cov.na{background:#eceff1;color:#616161}
td.yes{background:#2e7d32;color:#fff;text-align:center}td.no{background:#fbe3e3;color:#c62828;text-align:center}
td.yes.via{background:#66bb6a}
td.conflict{outline:3px solid #e65100;outline-offset:-3px}
p.note{color:#52606d;font-size:14px;margin:4px 0}
p.legend{color:#52606d;font-size:13px}
.matrix{display:flex;flex-wrap:wrap;align-items:flex-start;gap:4px 16px}
table.legend{font-size:13px;color:#52606d;margin:8px 0}table.legend td{border:none;padding:2px 4px}
table.legend td.cell{border:1px solid #cbd2d9;width:22px;min-width:22px;height:20px;text-align:center}
sup.flag{font-size:10px;margin-left:1px}
details.fold{display:inline}details.fold summary{cursor:pointer;display:inline}
.print-only,.print-full{display:none}
table.legend{break-inside:avoid}
@media print{
@page{size:A4 landscape;margin:10mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;font-size:12px}h1{font-size:18px}h2{font-size:16px;margin-top:8px}
body>section{break-before:page}
.scroll{overflow:visible;max-width:none}
thead{display:table-header-group}tfoot{display:table-footer-group}tr{break-inside:avoid}
thead th{cursor:auto}thead th.sorted-asc::after,thead th.sorted-desc::after{content:""}
th,td{padding:2px 4px}
table.heat td.cell{width:20px;min-width:20px;height:18px;font-size:11px;padding:0}
table.legend{flex:none}
table.heat thead th.mat,table.heat th.col{font-size:11px;padding:4px 1px}
.matrix{flex-wrap:nowrap}
.screen-only{display:none}.matrix.print-only{display:flex}
details.fold{display:none}.print-full{display:inline}
}
"#;

/// Widest a matrix prints: more mark columns than this are printed as several tables, each
/// repeating the row names, so every column is on the paper of an A4 landscape page.
const PRINT_COLUMNS: usize = 30;

/// Longer notes (in characters) are folded on screen: the first part shows, the rest on a click
/// (all of it on paper).
const FOLD: usize = 200;

/// Sortable tables.
const SCRIPT: &str = r#"
(function(){
  function key(cell){var v=cell.getAttribute('data-sort');if(v===null)v=cell.textContent.trim();var n=parseFloat(v);return isNaN(n)?v:n;}
  document.querySelectorAll('table.sortable').forEach(function(table){
    var heads=table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads,function(th,i){
      th.addEventListener('click',function(){
        var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
        var asc=!th.classList.contains('sorted-asc');
        Array.prototype.forEach.call(heads,function(h){h.classList.remove('sorted-asc','sorted-desc');});
        th.classList.add(asc?'sorted-asc':'sorted-desc');
        rows.sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]);
          if(typeof x==='number'&&typeof y==='number')return asc?x-y:y-x;
          return asc?String(x).localeCompare(String(y),'zh'):String(y).localeCompare(String(x),'zh');});
        rows.forEach(function(r){body.appendChild(r);});
      });
    });
  });
  document.body.setAttribute('data-sortable-ready','yes');
})();
"#;

/// Escapes text for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Plain => "",
        Tone::Good => "high",
        Tone::Fair => "mid",
        Tone::Poor => "low",
    }
}

fn toned(text: &str, t: Tone) -> String {
    match t {
        Tone::Plain => fold(text),
        t => format!("<span class=\"{}\">{}</span>", tone_class(t), esc(text)),
    }
}

/// `text` escaped; past `FOLD` characters, its start with the rest behind a click on screen, and
/// all of it wrapped on paper.
fn fold(text: &str) -> String {
    let Some((cut, _)) = text.char_indices().nth(FOLD) else {
        return esc(text);
    };
    let shown = text[..cut]
        .char_indices()
        .nth(FOLD / 2)
        .map_or(cut, |(i, _)| i);
    format!(
        "<details class=\"fold\"><summary>{}…</summary>{}</details><span class=\"print-full\">{}</span>",
        esc(&text[..shown]),
        esc(&text[shown..]),
        esc(text)
    )
}

/// Writes `doc` as one page.
pub(crate) fn write(doc: Doc<'_>, out: &mut dyn Write) -> Result<(), Error> {
    let sep = doc.lang.pick("；", "; ");
    let lang = match doc.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} — tongban</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n",
        esc(&doc.title),
        esc(&doc.title),
        esc(&doc.summary)
    )?;
    for b in &doc.head {
        block(b, 2, sep, out)?;
    }
    for s in doc.sections {
        section(&s, 2, sep, out)?;
    }
    for b in &doc.tail {
        block(b, 2, sep, out)?;
    }
    let (title, findings) = doc.findings;
    if !findings.is_empty() {
        writeln!(out, "<h2>{}</h2>\n<ul id=\"findings\">", esc(&title))?;
        for (r, f) in super::findings(findings) {
            writeln!(
                out,
                "<li><code>{}</code></li>",
                esc(&super::finding_line(r, f))
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    write!(out, "<script>{SCRIPT}</script>\n</body>\n</html>\n")?;
    Ok(())
}

fn section(s: &Section, level: usize, sep: &str, out: &mut dyn Write) -> Result<(), Error> {
    let h = level.min(6);
    writeln!(
        out,
        "<section id=\"{}\">\n<h{h}>{}</h{h}>",
        esc(&s.id),
        esc(&s.title)
    )?;
    for b in &s.blocks {
        block(b, level + 1, sep, out)?;
    }
    writeln!(out, "</section>")?;
    Ok(())
}

fn block(b: &Block, level: usize, sep: &str, out: &mut dyn Write) -> Result<(), Error> {
    let h = (level + 1).min(6);
    let title = |t: &Option<String>, out: &mut dyn Write| -> std::io::Result<()> {
        match t {
            Some(t) => writeln!(out, "<h{h}>{}</h{h}>", esc(t)),
            None => Ok(()),
        }
    };
    match b {
        Block::Facts { title: t, facts } => {
            title(t, out)?;
            writeln!(out, "<ul class=\"facts\">")?;
            for (label, value, tone) in facts {
                writeln!(
                    out,
                    "<li><b>{}</b> {}</li>",
                    esc(label),
                    toned(value, *tone)
                )?;
            }
            writeln!(out, "</ul>")?;
        }
        Block::Note(text) => writeln!(out, "<p class=\"note\">{}</p>", fold(text))?,
        Block::List { title: t, items } => {
            title(t, out)?;
            writeln!(out, "<ul>")?;
            for i in items {
                writeln!(out, "<li>{}</li>", fold(i))?;
            }
            writeln!(out, "</ul>")?;
        }
        Block::Table(t) => {
            title(&t.title, out)?;
            table(t, out)?;
        }
        Block::Matrix(m) => matrix(m, sep, out)?,
        Block::Sub(s) => section(s, level, sep, out)?,
    }
    Ok(())
}

fn table(t: &Table, out: &mut dyn Write) -> Result<(), Error> {
    let mut h = format!(
        "<table id=\"{}\" class=\"sortable\">\n<thead><tr>",
        esc(&t.id)
    );
    for c in &t.columns {
        h.push_str(&format!("<th>{}</th>", esc(c)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    out.write_all(h.as_bytes())?;
    for r in &t.rows {
        let mut h = String::from("<tr>");
        for c in r {
            let sort = c
                .number
                .map(|n| format!(" data-sort=\"{n}\""))
                .unwrap_or_default();
            let text = match &c.link {
                Some(id) => format!("<a href=\"#{}\">{}</a>", esc(id), toned(&c.text, c.tone)),
                None => toned(&c.text, c.tone),
            };
            h.push_str(&format!("<td{sort}>{text}</td>"));
        }
        h.push_str("</tr>\n");
        out.write_all(h.as_bytes())?;
    }
    writeln!(out, "</tbody>\n</table>")?;
    Ok(())
}

/// The hover text of a mark: row and column, the word and detail, then the explanation.
fn title(row: &str, column: &str, m: &Mark, sep: &str) -> String {
    let mut t = format!("{row} — {column}");
    if !m.word.is_empty() {
        t.push_str(&format!(": {}", m.word));
    }
    if !m.detail.is_empty() {
        t.push_str(&format!("{sep}{}", m.detail));
    }
    if let Some(n) = &m.note {
        t.push('\n');
        t.push_str(n);
    }
    t
}

fn td(m: &Mark, title: &str) -> String {
    format!(
        "<td class=\"cell {}{}\" data-sort=\"{}\" title=\"{}\">{}{}</td>",
        m.class,
        if m.flagged { " attr-diff" } else { "" },
        m.sort,
        esc(title),
        m.symbol,
        if m.flagged {
            "<sup class=\"flag\">*</sup>"
        } else {
            ""
        }
    )
}

/// The look of each symbol the cells of a matrix show (a handful), for its legend.
#[derive(Default)]
struct Seen(Vec<(String, &'static str)>);

impl Seen {
    fn note(&mut self, m: &Mark) {
        if !self.0.iter().any(|(s, _)| *s == m.symbol) {
            self.0.push((m.symbol.to_string(), m.class));
        }
    }

    fn class(&self, symbol: &str) -> Option<&'static str> {
        self.0.iter().find(|(s, _)| s == symbol).map(|(_, c)| *c)
    }
}

/// A matrix with its legend beside it. One wider than `PRINT_COLUMNS` marks is also written in
/// parts of at most that many columns, each repeating the row names, shown on paper only.
fn matrix(m: &Matrix, sep: &str, out: &mut dyn Write) -> Result<(), Error> {
    let marks = if m.tall {
        m.rows.len()
    } else {
        m.columns.len()
    };
    let split = marks > PRINT_COLUMNS;
    let mut seen = Seen::default();
    let whole = Part {
        id: Some(&m.id),
        marks: 0..marks,
    };
    writeln!(
        out,
        "<div class=\"matrix{}\">",
        if split { " screen-only" } else { "" }
    )?;
    if m.tall {
        tall(m, &whole, sep, &mut seen, out)?;
    } else {
        wide(m, &whole, sep, &mut seen, out)?;
    }
    legend(m, &seen, out)?;
    writeln!(out, "</div>")?;
    if split {
        for start in (0..marks).step_by(PRINT_COLUMNS) {
            let part = Part {
                id: None,
                marks: start..(start + PRINT_COLUMNS).min(marks),
            };
            writeln!(out, "<div class=\"matrix print-only\">")?;
            if m.tall {
                tall(m, &part, sep, &mut Seen::default(), out)?;
            } else {
                wide(m, &part, sep, &mut Seen::default(), out)?;
            }
            legend(m, &seen, out)?;
            writeln!(out, "</div>")?;
        }
    }
    Ok(())
}

/// Which mark columns of a matrix a table shows, and its anchor (the whole matrix only).
struct Part<'a> {
    id: Option<&'a str>,
    marks: std::ops::Range<usize>,
}

impl Part<'_> {
    /// The part of a row's values this table shows (rows may be shorter than the header).
    fn of<'v, T>(&self, values: &'v [T]) -> &'v [T] {
        let end = self.marks.end.min(values.len());
        &values[self.marks.start.min(end)..end]
    }

    fn open(&self, out: &mut String) {
        match self.id {
            Some(id) => out.push_str(&format!(
                "<div class=\"scroll\"><table class=\"heat sortable\" id=\"{}\">\n",
                esc(id)
            )),
            None => out.push_str("<div class=\"scroll\"><table class=\"heat\">\n"),
        }
    }
}

/// The legend as a small table: each symbol drawn as the cells draw it (colour, outline, `*`).
fn legend(m: &Matrix, seen: &Seen, out: &mut dyn Write) -> Result<(), Error> {
    let mut h = String::from("<table class=\"legend\">\n");
    for entry in m
        .legend
        .split("  ")
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let (symbol, word) = entry.split_once(' ').unwrap_or((entry, ""));
        let class = match symbol {
            "*" => Some("attr-diff"),
            s => seen.class(s),
        };
        match class {
            Some(class) => h.push_str(&format!(
                "<tr><td class=\"cell {class}\">{}</td><td>{}</td></tr>\n",
                esc(symbol),
                esc(word)
            )),
            None => h.push_str(&format!("<tr><td colspan=\"2\">{}</td></tr>\n", esc(entry))),
        }
    }
    h.push_str("</table>");
    writeln!(out, "{h}")?;
    Ok(())
}

/// Columns drawn as rows (regions × materials), written one row at a time; columns kept aside
/// (the national baseline) are footer rows.
fn tall(
    m: &Matrix,
    part: &Part<'_>,
    sep: &str,
    seen: &mut Seen,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let mut h = String::new();
    part.open(&mut h);
    h.push_str(&format!("<thead><tr><th>{}</th>", esc(&m.across)));
    if let Some((label, _)) = &m.totals {
        h.push_str(&format!("<th>{}</th>", esc(label)));
    }
    let rows = &m.rows[part.marks.clone()];
    for r in rows {
        let short: String = if r.head.chars().count() > 12 {
            r.head
                .chars()
                .take(11)
                .chain(std::iter::once('…'))
                .collect()
        } else {
            r.head.clone()
        };
        h.push_str(&format!(
            "<th class=\"mat\" title=\"{}\">{}</th>",
            esc(r.title.as_deref().unwrap_or(&r.head)),
            esc(&short)
        ));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    out.write_all(h.as_bytes())?;
    let mut foot = String::new();
    for (i, c) in m.columns.iter().enumerate() {
        let mut h = format!(
            "<tr{}><th data-sort=\"{}\" title=\"{}\">{}</th>",
            if c.aside {
                " class=\"baseline\"".to_owned()
            } else {
                format!(" data-region=\"{}\"", esc(&c.head))
            },
            esc(&c.head),
            esc(c.title.as_deref().unwrap_or("")),
            esc(&c.label)
        );
        if let Some((_, counts)) = &m.totals {
            let n = counts.get(i).copied().unwrap_or(0);
            h.push_str(&format!("<td data-sort=\"{n}\">{n}</td>"));
        }
        for r in rows {
            if let Some(cell) = r.cells.get(i) {
                seen.note(cell);
                h.push_str(&td(cell, &title(&r.head, &c.label, cell, sep)));
            }
        }
        h.push_str("</tr>\n");
        if c.aside {
            foot.push_str(&h);
        } else {
            out.write_all(h.as_bytes())?;
        }
    }
    writeln!(out, "</tbody>")?;
    if !foot.is_empty() {
        writeln!(out, "<tfoot>{foot}</tfoot>")?;
    }
    writeln!(out, "</table></div>")?;
    Ok(())
}

/// Rows as rows (items × members).
fn wide(
    m: &Matrix,
    part: &Part<'_>,
    sep: &str,
    seen: &mut Seen,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let mut h = String::new();
    part.open(&mut h);
    h.push_str(&format!("<thead><tr><th>{}</th>", esc(&m.corner)));
    for v in &m.values {
        h.push_str(&format!("<th>{}</th>", esc(v)));
    }
    let columns = &m.columns[part.marks.clone()];
    for c in columns {
        h.push_str(&format!(
            "<th class=\"col\" title=\"{}\">{}</th>",
            esc(c.title.as_deref().unwrap_or(&c.label)),
            esc(&c.label)
        ));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    out.write_all(h.as_bytes())?;
    for r in &m.rows {
        let mut h = format!(
            "<tr><th title=\"{}\">{}</th>",
            esc(r.title.as_deref().unwrap_or(&r.head)),
            esc(&r.head)
        );
        for (v, t) in &r.values {
            h.push_str(&format!("<td>{}</td>", toned(v, *t)));
        }
        let cells = part.of(&r.cells);
        for (c, cell) in columns.iter().zip(cells) {
            seen.note(cell);
            h.push_str(&td(cell, &title(&r.head, &c.label, cell, sep)));
        }
        h.push_str("</tr>\n");
        out.write_all(h.as_bytes())?;
    }
    writeln!(out, "</tbody>")?;
    if let Some((label, counts)) = &m.totals {
        let mut h = format!("<tfoot><tr><th>{}</th>", esc(label));
        for _ in &m.values {
            h.push_str("<td></td>");
        }
        for n in part.of(counts) {
            h.push_str(&format!("<td>{n}</td>"));
        }
        writeln!(out, "{h}</tr></tfoot>")?;
    }
    writeln!(out, "</table></div>")?;
    Ok(())
}
