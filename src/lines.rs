//! Lines and columns, as every output counts them: the terminal report,
//! JSON, SARIF, GitHub annotations and the language server all ask one
//! [`Lines`] index, so a finding is on the same line in each.
//!
//! A line ends at `\n`, `\r\n` or a lone `\r`, the line ends the Language
//! Server Protocol names (old Mac files end their lines with a lone `\r`).
//! A column is counted in one [`Unit`] that each output names: characters
//! for the human and machine reports, UTF-16 code units or bytes for the
//! language server, as the editor negotiates. An offset inside a character
//! counts as that character; no offset or position can panic.

/// What a column counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Unicode scalar values (what a reader calls characters).
    Chars,
    /// UTF-16 code units (the Language Server Protocol's default).
    Utf16,
    /// UTF-8 bytes.
    Utf8,
}

/// The line starts of one text, and counts that make a column cheap on a
/// line of any length.
#[derive(Clone, Debug, Default)]
pub struct Lines {
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
    /// For byte `k * STEP`: the characters, and the characters of four
    /// UTF-8 bytes (two UTF-16 units each), that start before it.
    marks: Vec<(usize, usize)>,
}

/// Bytes between two entries of `Lines::marks`.
const STEP: usize = 1024;

impl Lines {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Lines {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The `\r` of `\r\n` does not end a line; its `\n` does.
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(i + 1);
        }
        let marks = std::iter::once((0, 0))
            .chain(bytes.chunks(STEP).scan((0, 0), |(chars, wide), chunk| {
                *chars += chars_starting_in(chunk);
                *wide += wide_starting_in(chunk);
                Some((*chars, *wide))
            }))
            .collect();
        Lines { starts, marks }
    }

    /// The number of lines (an empty text has one, empty).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line that holds byte `offset` (an offset past the end
    /// is on the last line).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte offset where 0-based line `line` starts; a line past the
    /// last starts at the end of the text.
    pub fn start(&self, text: &str, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(text.len())
    }

    /// Where 0-based line `line`'s content ends, before its line end.
    pub fn content_end(&self, text: &str, line: usize) -> usize {
        match self.starts.get(line + 1) {
            Some(&next) if text[..next].ends_with("\r\n") => next - 2,
            Some(&next) => next - 1,
            None => text.len(),
        }
    }

    /// The 0-based column of byte `offset` on its line, in `unit`s, from
    /// byte `from` (the line's start, or a later point such as the end of
    /// a byte-order mark). `offset` is moved back to a character boundary.
    pub fn column(&self, text: &str, offset: usize, from: usize, unit: Unit) -> usize {
        let offset = floor(text, offset);
        let from = floor(text, from.min(offset));
        self.before(text, offset, unit) - self.before(text, from, unit)
    }

    /// The byte offset of 0-based column `column` (in `unit`s) on 0-based
    /// line `line`. A column past the line's end is its end; a line past
    /// the last is the end of the text; a column inside a character (half
    /// a surrogate pair, a byte inside a character) is its start.
    pub fn offset(&self, text: &str, line: usize, column: usize, unit: Unit) -> usize {
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let end = self.content_end(text, line);
        let mut left = column;
        let mut at = start;
        for c in text[start..end].chars() {
            let width = width(c, unit);
            if left < width {
                break;
            }
            left -= width;
            at += c.len_utf8();
        }
        at
    }

    /// The `unit`s of the text before `offset`, a character boundary.
    fn before(&self, text: &str, offset: usize, unit: Unit) -> usize {
        let k = offset / STEP;
        let (chars, wide) = self.marks[k];
        let rest = &text.as_bytes()[k * STEP..offset];
        match unit {
            Unit::Utf8 => offset,
            Unit::Chars => chars + chars_starting_in(rest),
            Unit::Utf16 => chars + wide + chars_starting_in(rest) + wide_starting_in(rest),
        }
    }
}

/// The width of `c` in `unit`s.
fn width(c: char, unit: Unit) -> usize {
    match unit {
        Unit::Chars => 1,
        Unit::Utf16 => c.len_utf16(),
        Unit::Utf8 => c.len_utf8(),
    }
}

/// `offset`, clamped to the text and moved back to a character boundary.
fn floor(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Characters whose first byte is in `bytes` (UTF-8 continuation bytes
/// are `10xxxxxx`), counted eight bytes at a time.
fn chars_starting_in(bytes: &[u8]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    let mut words = bytes.chunks_exact(8);
    let mut continuations = 0;
    for word in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        let w = u64::from_le_bytes(eight);
        // Bit 0 of each byte: its top bit set and the next one clear.
        continuations += ((w >> 7) & !(w >> 6) & LOW).count_ones() as usize;
    }
    let rest = words.remainder();
    bytes.len() - continuations - rest.iter().filter(|&&b| b & 0xC0 == 0x80).count()
}

/// Characters of four UTF-8 bytes (lead byte `11110xxx`, outside the
/// basic plane, two UTF-16 units) whose first byte is in `bytes`.
fn wide_starting_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b >= 0xF0).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, column) of every character boundary, counted by walking.
    fn walk(text: &str, unit: Unit) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let (mut line, mut column) = (0, 0);
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            out.push((at, line, column));
            let crlf = c == '\r' && chars.peek().map(|&(_, n)| n) == Some('\n');
            if c == '\n' || (c == '\r' && !crlf) {
                line += 1;
                column = 0;
            } else {
                column += width(c, unit);
            }
        }
        out.push((text.len(), line, column));
        out
    }

    fn agrees_with_walking(text: &str) {
        let lines = Lines::new(text);
        for unit in [Unit::Chars, Unit::Utf16, Unit::Utf8] {
            for (at, line, column) in walk(text, unit) {
                assert_eq!(lines.line(at), line, "line of {at} in {text:?}");
                let start = lines.start(text, line);
                assert_eq!(lines.column(text, at, start, unit), column, "{unit:?} at {at}");
                if at <= lines.content_end(text, line) {
                    assert_eq!(lines.offset(text, line, column, unit), at);
                }
            }
        }
    }

    #[test]
    fn every_line_end_the_protocol_names_ends_a_line() {
        let text = "a\r\nb\rc\nd";
        let lines = Lines::new(text);
        assert_eq!(lines.count(), 4);
        assert_eq!((lines.line(3), lines.line(5), lines.line(7)), (1, 2, 3));
        assert_eq!(lines.content_end(text, 0), 1);
        assert_eq!(lines.content_end(text, 1), 4);
        assert_eq!(lines.content_end(text, 3), text.len());
        // Past the end of a line: its content's end, not its line end.
        assert_eq!(lines.offset(text, 0, 9, Unit::Chars), 1);
        agrees_with_walking(text);
        agrees_with_walking("one\rtwo\r");
        agrees_with_walking("\r\n\r\r\n\n");
    }

    #[test]
    fn columns_count_characters_utf16_units_or_bytes() {
        // "’" is 3 bytes, 1 unit; "🇺🇦" is two code points of 4 bytes and 2
        // units each.
        let text = "Kerry’s 🇺🇦 visit\nto “Kiev”";
        let lines = Lines::new(text);
        let visit = text.find("visit").unwrap();
        assert_eq!(lines.column(text, visit, 0, Unit::Chars), 11);
        assert_eq!(lines.column(text, visit, 0, Unit::Utf16), 13);
        assert_eq!(lines.column(text, visit, 0, Unit::Utf8), visit);
        assert_eq!(lines.offset(text, 0, 13, Unit::Utf16), visit);
        // Inside the apostrophe's bytes: the apostrophe.
        assert_eq!(lines.column(text, 6, 0, Unit::Chars), 5);
        agrees_with_walking(text);
    }

    #[test]
    fn columns_on_a_long_line_count_across_marks() {
        let text = "“Kiev” 🙂 é\r".repeat(300) + &"x🙂".repeat(2000);
        agrees_with_walking(&text);
    }

    #[test]
    fn out_of_range_offsets_and_positions_do_not_panic() {
        let text = "x🙂y";
        let lines = Lines::new(text);
        assert_eq!(lines.offset(text, 0, 2, Unit::Utf16), 1);
        assert_eq!(lines.offset(text, 7, 0, Unit::Utf16), text.len());
        assert_eq!(lines.column(text, usize::MAX, 0, Unit::Utf16), 4);
        assert_eq!(lines.line(usize::MAX), 0);
        let empty = Lines::new("");
        assert_eq!((empty.count(), empty.column("", 5, 0, Unit::Chars)), (1, 0));
    }

    proptest::proptest! {
        /// The eight-bytes-at-a-time count is the plain count.
        #[test]
        fn chars_are_counted_as_one_at_a_time(text in "\\PC{0,40}", cut in 0usize..200) {
            let bytes = text.as_bytes();
            let bytes = &bytes[..cut.min(bytes.len())];
            let plain = bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            proptest::prop_assert_eq!(chars_starting_in(bytes), plain);
        }

        /// Lines and columns are what walking the text gives, for any text
        /// of line ends, wide characters and letters.
        #[test]
        fn any_text_agrees_with_walking(text in "[a\\r\\n’🙂]{0,60}") {
            agrees_with_walking(&text);
        }
    }
}
