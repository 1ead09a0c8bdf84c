//! Where a fix's edit goes in the text: the source of a scalar, where its value starts, the lines
//! of a list entry. Fixes edit the text at these places rather than re-serialise the YAML, so
//! comments, key order and formatting survive. YAML knowledge only: nothing here knows a guide.

use std::ops::Range;

use super::Document;

impl Document {
    /// The source range and text of the node at `pointer` (a scalar as written: quotes included).
    pub fn source_of<'t>(&self, pointer: &str, text: &'t str) -> Option<(Range<usize>, &'t str)> {
        let range = self.node(pointer)?.value.clone();
        let slice = text.get(range.clone())?;
        Some((range, slice))
    }

    /// Where the string `value` of the scalar at `pointer` starts in `text`, when the source
    /// writes it as it is: plain, or quoted without escapes (a quoted value starts after its
    /// quote). `None` for any other way of writing it (escapes, folding, several lines), where
    /// the value's offsets are not the source's.
    pub fn value_start(&self, pointer: &str, text: &str, value: &str) -> Option<usize> {
        let (range, slice) = self.source_of(pointer, text)?;
        if is_plain(slice) && slice == value {
            Some(range.start)
        } else if slice.len() >= 2
            && (slice.starts_with('"') && slice.ends_with('"') && !slice.contains('\\')
                || slice.starts_with('\'')
                    && slice.ends_with('\'')
                    && !slice[1..slice.len() - 1].contains('\''))
            && &slice[1..slice.len() - 1] == value
        {
            Some(range.start + 1)
        } else {
            None
        }
    }

    /// The whole lines of the block-sequence entry at `pointer` (`  - name: …` and its
    /// continuation lines), when nothing else shares them.
    pub fn entry_lines(&self, pointer: &str, text: &str) -> Option<Range<usize>> {
        let node = self.node(pointer)?.value.clone();
        let line_start = text[..node.start].rfind('\n').map_or(0, |i| i + 1);
        let lead = &text[line_start..node.start];
        let dash = lead.trim_start();
        if !(dash.starts_with('-') && dash[1..].trim().is_empty()) {
            return None;
        }
        let end = node.end.min(text.len());
        let rest = &text[end..];
        let line_end = rest.find('\n').map_or(text.len(), |i| end + i + 1);
        let tail = text[end..line_end].trim();
        if !(tail.is_empty() || tail.starts_with('#')) {
            return None;
        }
        Some(line_start..line_end)
    }
}

/// Whether a scalar's source is written plain: no quotes, one line, no comment or block
/// indicator.
pub fn is_plain(slice: &str) -> bool {
    !slice.is_empty()
        && !slice.starts_with(['"', '\'', '|', '>', '&', '*', '!'])
        && !slice.contains(['\n', '\r', '#'])
}
