//! Positions as the Language Server Protocol counts them: 0-based lines and
//! columns in the unit the client and server agreed on (UTF-16 code units
//! unless the client offers UTF-8), converted to and from the byte offsets
//! every span in claimlint is. The lines are the ones every other output
//! counts ([`crate::lines`]): they end at `\n`, `\r\n` or a lone `\r`, as
//! the protocol says.
//!
//! A byte offset inside a character counts as that character's start; a
//! position past the end of its line counts as the line's end, and a line
//! past the last as the end of the text, so no position a client sends can
//! panic.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::finding::Span;
use crate::lines::{Lines, Unit};

/// The column unit to use with a client that offers `offered` (the
/// `general.positionEncodings` of its capabilities, most wanted first):
/// UTF-8 when it offers it before UTF-16, else UTF-16, which every client
/// must support.
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Unit {
    for kind in offered.unwrap_or_default() {
        if *kind == PositionEncodingKind::UTF8 {
            return Unit::Utf8;
        }
        if *kind == PositionEncodingKind::UTF16 {
            return Unit::Utf16;
        }
    }
    Unit::Utf16
}

/// The protocol's name for a column unit the server uses.
pub fn encoding_kind(unit: Unit) -> PositionEncodingKind {
    match unit {
        Unit::Utf8 => PositionEncodingKind::UTF8,
        Unit::Chars => PositionEncodingKind::UTF32,
        Unit::Utf16 => PositionEncodingKind::UTF16,
    }
}

/// The lines of one text, for converting offsets and positions.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    lines: Lines,
    unit: Unit,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `text`, with columns in `unit`.
    pub fn new(text: &'a str, unit: Unit) -> LineIndex<'a> {
        LineIndex {
            text,
            lines: Lines::new(text),
            unit,
        }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The position of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let line = self.lines.line(offset.min(self.text.len()));
        let start = self.lines.start(self.text, line);
        let character = self.lines.column(self.text, offset, start, self.unit);
        Position::new(to_u32(line), to_u32(character))
    }

    /// The range of a byte span.
    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position.
    pub fn offset(&self, position: Position) -> usize {
        self.lines.offset(
            self.text,
            position.line as usize,
            position.character as usize,
            self.unit,
        )
    }

    /// The byte span of a range; a range whose end comes before its start
    /// is taken the other way round.
    pub fn span(&self, range: Range) -> Span {
        let a = self.offset(range.start);
        let b = self.offset(range.end);
        Span::new(a.min(b), a.max(b))
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
        let index = LineIndex::new(text, Unit::Utf16);
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
        let index = LineIndex::new(text, Unit::Utf16);
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
        let index = LineIndex::new(text, Unit::Utf16);
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
        let index = LineIndex::new(&text, Unit::Utf16);
        let mut units = 0;
        for (at, c) in text.char_indices() {
            assert_eq!(index.position(at), pos(0, units));
            assert_eq!(index.offset(pos(0, units)), at);
            units += c.len_utf16() as u32;
        }
        assert_eq!(index.position(text.len()), pos(0, units));
        let two = format!("{text}\n{text}");
        let index = LineIndex::new(&two, Unit::Utf16);
        assert_eq!(index.position(two.len()), pos(1, units));
    }

    #[test]
    fn utf8_columns_are_bytes_and_are_chosen_when_offered_first() {
        let text = "Kerry’s visit\rto Kiev";
        let index = LineIndex::new(text, Unit::Utf8);
        assert_eq!(index.position(text.find("visit").unwrap()), pos(0, 10));
        assert_eq!(index.position(text.find("Kiev").unwrap()), pos(1, 3));
        let utf8 = PositionEncodingKind::UTF8;
        let utf16 = PositionEncodingKind::UTF16;
        assert_eq!(negotiate(Some(&[utf8.clone(), utf16.clone()])), Unit::Utf8);
        assert_eq!(negotiate(Some(&[utf16, utf8])), Unit::Utf16);
        assert_eq!(negotiate(Some(&[PositionEncodingKind::UTF32])), Unit::Utf16);
        assert_eq!(negotiate(None), Unit::Utf16);
    }

    #[test]
    fn an_empty_text_has_one_empty_line() {
        let index = LineIndex::new("", Unit::Utf16);
        assert_eq!(index.position(0), pos(0, 0));
        assert_eq!(index.offset(pos(0, 5)), 0);
        assert_eq!(index.offset(pos(1, 0)), 0);
    }
}
