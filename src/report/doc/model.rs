//! The report model shared by `diff` and `coverage`: a builder states each fact, table, matrix,
//! list and note once, already in the reader's language; a writer only decides how it looks.

use crate::diagnostic::{FileReport, Lang};

/// A whole report: a head, sections pulled one at a time (so one item is in memory at a time),
/// a tail, and the findings of the files read.
pub(crate) struct Doc<'a> {
    /// The report's title.
    pub title: String,
    /// One line saying what was read (`3 items from 7 guides`).
    pub summary: String,
    /// The language the builder wrote in (for `<html lang>` and the human findings printer).
    pub lang: Lang,
    /// Blocks before the sections (ranking, legend).
    pub head: Vec<Block>,
    /// One section per item or agreement, built when pulled.
    pub sections: Box<dyn Iterator<Item = Section> + 'a>,
    /// Blocks after the sections (collisions).
    pub tail: Vec<Block>,
    /// The title of the findings part, and the findings (coverage); empty for diff.
    pub findings: (String, &'a [FileReport]),
}

/// What a writer shows beyond the marks, so builders skip the rest (a terminal table of a
/// national catalog would otherwise pay for every cell's hover text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Detail {
    /// Cell explanations (`Mark::note`): hover text, cell notes.
    pub notes: bool,
    /// The long-table view (`Mark::fields` and the keys): CSV.
    pub long: bool,
}

/// A titled part of a report; `id` is its anchor.
pub(crate) struct Section {
    /// Anchor (`item-3`).
    pub id: String,
    /// Heading.
    pub title: String,
    /// Short name (a spreadsheet's sheet name).
    pub name: String,
    /// What it says, in order.
    pub blocks: Vec<Block>,
}

/// How a value is graded: writers colour it (terminal, HTML) or ignore it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Tone {
    /// Plain text.
    #[default]
    Plain,
    /// Good (green).
    Good,
    /// Middling (yellow).
    Fair,
    /// Poor (red).
    Poor,
}

impl Tone {
    /// Grades a share in [0, 1]: 1 is good, from ½ fair, below poor.
    pub(crate) fn of(share: f64) -> Tone {
        if share >= 1.0 {
            Tone::Good
        } else if share >= 0.5 {
            Tone::Fair
        } else {
            Tone::Poor
        }
    }
}

/// One thing a report says.
pub(crate) enum Block {
    /// `label: value` lines, under an optional title.
    Facts {
        /// Heading of the group.
        title: Option<String>,
        /// (label, value, grade).
        facts: Vec<(String, String, Tone)>,
    },
    /// A sentence.
    Note(String),
    /// Items, one a line, under an optional title.
    List {
        /// Heading of the list.
        title: Option<String>,
        /// The lines.
        items: Vec<String>,
    },
    /// A table of values.
    Table(Table),
    /// A grid of marks (materials × regions, items × members).
    Matrix(Matrix),
    /// A section inside this one (coverage embeds diff's item section).
    Sub(Section),
}

/// A table: titled columns, rows of cells.
pub(crate) struct Table {
    /// Anchor.
    pub id: String,
    /// Heading.
    pub title: Option<String>,
    /// Column titles.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
}

/// One table cell.
#[derive(Default)]
pub(crate) struct Cell {
    /// What it shows.
    pub text: String,
    /// Its grade.
    pub tone: Tone,
    /// Its value as a number, for sorting and spreadsheets.
    pub number: Option<f64>,
    /// The id of the section it names (a link in HTML and Markdown).
    pub link: Option<String>,
}

impl Cell {
    /// A plain text cell.
    pub(crate) fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    /// A number shown as `text`.
    pub(crate) fn number(n: f64, text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            number: Some(n),
            ..Cell::default()
        }
    }
}

/// A grid of marks: rows (materials, items) × columns (regions, members).
pub(crate) struct Matrix {
    /// Anchor.
    pub id: String,
    /// Heading of the row names' column.
    pub corner: String,
    /// What the columns are (`地区`): the corner heading when the matrix is drawn transposed.
    pub across: String,
    /// The columns may number thousands (regions): writers that can draw them as rows.
    pub tall: bool,
    /// Titles of per-row values shown before the marks (coverage: modes, coverage, uniformity).
    pub values: Vec<String>,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<Row>,
    /// Per column, a count shown under its label (required materials per region).
    pub totals: Option<(String, Vec<usize>)>,
    /// The long-table view (CSV): names of the key and field columns, and the keys of the whole
    /// matrix; rows, columns and cells add theirs.
    pub long: Long,
    /// What the symbols mean.
    pub legend: String,
}

/// Names and matrix-level values of the long-table view.
#[derive(Default)]
pub(crate) struct Long {
    /// Column names: matrix keys, row keys, column keys, cell fields, in that order.
    pub names: Vec<String>,
    /// Values of the matrix keys.
    pub keys: Vec<String>,
}

/// A matrix column.
pub(crate) struct Column {
    /// Short label (the region code).
    pub head: String,
    /// The full label (code and name), shown where room allows.
    pub label: String,
    /// Hover text.
    pub title: Option<String>,
    /// Kept apart from the others (the national baseline): a footer row when transposed.
    pub aside: bool,
    /// Values of the column keys in the long view.
    pub keys: Vec<String>,
}

/// A matrix row.
pub(crate) struct Row {
    /// Its name.
    pub head: String,
    /// Hover text of the name.
    pub title: Option<String>,
    /// Per-row values (see `Matrix::values`).
    pub values: Vec<(String, Tone)>,
    /// One mark per column.
    pub cells: Vec<Mark>,
    /// Values of the row keys in the long view.
    pub keys: Vec<String>,
}

/// One mark of a matrix.
pub(crate) struct Mark {
    /// Short symbol (terminal, Markdown, HTML): `●`, `✓`, `66.7%`.
    pub symbol: std::borrow::Cow<'static, str>,
    /// The word (spreadsheets, hover text).
    pub word: std::borrow::Cow<'static, str>,
    /// Look: `required`, `absent`, `yes`, … (colour and CSS class).
    pub class: &'static str,
    /// Its value for sorting.
    pub sort: f64,
    /// Shown after the mark where there is room (attributes, situations).
    pub detail: String,
    /// Marked `*`: something about it differs between columns (explained in `note`).
    pub flagged: bool,
    /// The explanation (hover text, cell note).
    pub note: Option<String>,
    /// Values of the cell fields in the long view.
    pub fields: Vec<String>,
}
