//! Positions as the Language Server Protocol counts them: 0-based lines and
//! UTF-16 code units within a line, converted to and from the byte offsets
//! every span in claimlint is.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says. A byte
//! offset inside a character counts as that character's start; a position
//! past the end of its line counts as the line's end, and a line past the
//! last as the end of the text, so no position a client sends can panic.

use lsp_types::{Position, Range};

use crate::finding::Span;

/// The lines of one text, for converting offsets and positions.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    /// Every [`CHECKPOINT`] bytes or so, a character boundary and the
    /// UTF-16 units before it, so a position on a long line (a draft of one
    /// line of a megabyte) costs no walk from the line's start.
    checkpoints: Vec<(usize, usize)>,
}

/// The distance in bytes between checkpoints.
const CHECKPOINT: usize = 1024;

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    i += 1;
                    starts.push(i + 1);
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let mut checkpoints = vec![(0, 0)];
        let mut units = 0;
        for (at, c) in text.char_indices() {
            if at >= checkpoints[checkpoints.len() - 1].0 + CHECKPOINT {
                checkpoints.push((at, units));
            }
            units += c.len_utf16();
        }
        LineIndex {
            text,
            starts,
            checkpoints,
        }
    }

    /// The UTF-16 units of the text before `offset`, a character boundary.
    fn units_before(&self, offset: usize) -> usize {
        let k = self.checkpoints.partition_point(|&(at, _)| at <= offset) - 1;
        let (at, units) = self.checkpoints[k];
        units + self.text[at..offset].chars().map(char::len_utf16).sum::<usize>()
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The position of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = self.units_before(offset) - self.units_before(start);
        Position::new(to_u32(line), to_u32(character))
    }

    /// The range of a byte span.
    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position.
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self.content_end(line);
        let mut units = position.character as usize;
        let mut at = start;
        for c in self.text[start..end].chars() {
            let width = c.len_utf16();
            if units < width {
                // Zero units left, or a position inside a surrogate pair:
                // the character's start.
                break;
            }
            units -= width;
            at += c.len_utf8();
        }
        at
    }

    /// The byte span of a range; a range whose end comes before its start
    /// is taken the other way round.
    pub fn span(&self, range: Range) -> Span {
        let a = self.offset(range.start);
        let b = self.offset(range.end);
        Span::new(a.min(b), a.max(b))
    }

    /// Where line `line`'s content ends, before its line break.
    fn content_end(&self, line: usize) -> usize {
        match self.starts.get(line + 1) {
            Some(&next) => {
                let text = &self.text[..next];
                if text.ends_with("\r\n") {
                    next - 2
                } else {
                    next - 1
                }
            }
            None => self.text.len(),
        }
    }
}

/// A count as the protocol's `uinteger`; no text claimlint holds in memory
/// has 2^32 lines or UTF-16 units on one line, so saturating is only a
/// guard.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn emoji_and_curly_quotes_count_in_utf16_units() {
        // "’" is 3 bytes and 1 unit; "🇺🇦" is two code points of 4 bytes,
        // 2 units each.
        let text = "Kerry’s 🇺🇦 visit\nto “Kiev”";
        let index = LineIndex::new(text);
        let visit = text.find("visit").unwrap();
        assert_eq!(visit, 19);
        assert_eq!(index.position(visit), pos(0, 13));
        assert_eq!(index.offset(pos(0, 13)), visit);
        let kiev = text.find("Kiev").unwrap();
        assert_eq!(index.position(kiev), pos(1, 4));
        assert_eq!(index.offset(pos(1, 4)), kiev);
        assert_eq!(index.position(text.len()), pos(1, 9));
    }

    #[test]
    fn every_line_break_the_protocol_knows_ends_a_line() {
        let text = "a\r\nb\rc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.position(3), pos(1, 0));
        assert_eq!(index.position(5), pos(2, 0));
        assert_eq!(index.position(7), pos(3, 0));
        // Past the end of a line: the end of its content, not its break.
        assert_eq!(index.offset(pos(0, 9)), 1);
        assert_eq!(index.offset(pos(1, 9)), 4);
    }

    #[test]
    fn positions_out_of_range_or_inside_a_character_do_not_panic() {
        let text = "x🙂y";
        let index = LineIndex::new(text);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(index.offset(pos(0, 2)), 1);
        assert_eq!(index.offset(pos(0, 3)), 5);
        assert_eq!(index.offset(pos(7, 0)), text.len());
        // Inside the emoji's bytes: the emoji's start.
        assert_eq!(index.position(3), pos(0, 1));
        assert_eq!(index.position(usize::MAX), pos(0, 4));
        let reversed = Range::new(pos(0, 3), pos(0, 0));
        assert_eq!(index.span(reversed), Span::new(0, 5));
    }

    #[test]
    fn positions_on_a_long_line_count_every_unit_before_them() {
        let text = "“Kiev” 🙂 ".repeat(1000);
        let index = LineIndex::new(&text);
        let mut units = 0;
        for (at, c) in text.char_indices() {
            assert_eq!(index.position(at), pos(0, units));
            assert_eq!(index.offset(pos(0, units)), at);
            units += c.len_utf16() as u32;
        }
        assert_eq!(index.position(text.len()), pos(0, units));
        let two = format!("{text}\n{text}");
        let index = LineIndex::new(&two);
        assert_eq!(index.position(two.len()), pos(1, units));
    }

    #[test]
    fn an_empty_text_has_one_empty_line() {
        let index = LineIndex::new("");
        assert_eq!(index.position(0), pos(0, 0));
        assert_eq!(index.offset(pos(0, 5)), 0);
        assert_eq!(index.offset(pos(1, 0)), 0);
    }
}
