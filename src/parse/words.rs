//! Every token's text as the rules compare it, computed once per draft:
//! lower case with straight apostrophes, all in one buffer so that
//! neighbouring tokens read as one string ("cease" and "fire" as
//! "ceasefire") without copying.

use std::ops::Range;

use super::Token;

/// The compared text of each token of a draft, or of one segment of it.
#[derive(Clone, Debug, Default)]
pub struct Words {
    /// The index of the first token, in the whole draft: a segment's
    /// words are read by the draft's token indices.
    base: usize,
    /// Every token's compared text, one after the other, nothing between.
    lowered: String,
    /// Where each token's text starts in `lowered`, and then where the last
    /// one ends: token `i` is `starts[i]..starts[i + 1]`. In 32 bits to
    /// keep the table small (a long draft has millions of tokens); past
    /// 4 GiB of text a word reads as empty, never out of bounds.
    starts: Vec<u32>,
}

impl Words {
    /// The compared text of every token of `text`.
    pub fn new(text: &str, tokens: &[Token]) -> Words {
        Words::segment(0, text, tokens)
    }

    /// The compared text of `tokens`, the draft's tokens from index `base`
    /// on: [`Words::get`] takes the draft's index.
    pub fn segment(base: usize, text: &str, tokens: &[Token]) -> Words {
        // Bytes, so that an ASCII word is lowered as it is copied; what is
        // pushed is ASCII or whole strings, so it stays UTF-8.
        // About as long as the text the tokens cover.
        let mut lowered: Vec<u8> = Vec::with_capacity(super::covered(tokens));
        let mut starts = Vec::with_capacity(tokens.len() + 1);
        let mut other = String::new();
        for t in tokens {
            let word = t.span().slice(text);
            starts.push(narrow(lowered.len()));
            if word.is_ascii() {
                lowered.extend(word.bytes().map(|b| b.to_ascii_lowercase()));
            } else {
                other.clear();
                push_normalized(&mut other, word);
                lowered.extend_from_slice(other.as_bytes());
            }
        }
        starts.push(narrow(lowered.len()));
        let lowered =
            String::from_utf8(lowered).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Words {
            base,
            lowered,
            starts,
        }
    }

    /// Token `i`'s compared text (`""` past the end).
    #[inline]
    pub fn get(&self, i: usize) -> &str {
        // Read for every token a pattern may start at: one subtraction,
        // which wraps to an index past the table for a token before the
        // segment.
        let k = i.wrapping_sub(self.base);
        let (Some(&start), Some(&end)) = (self.starts.get(k), self.starts.get(k.wrapping_add(1))) else {
            return "";
        };
        self.lowered.get(start as usize..end as usize).unwrap_or("")
    }

    /// Tokens `range` written together with nothing between them (`""`
    /// when the range is empty or past the end).
    pub fn joined(&self, range: Range<usize>) -> &str {
        if range.is_empty() {
            return "";
        }
        // `starts` has one entry more than there are tokens: a range past
        // the last token finds no end, and one before the first no start.
        let (Some(first), Some(last)) = (
            range.start.checked_sub(self.base),
            range.end.checked_sub(self.base),
        ) else {
            return "";
        };
        let (Some(&start), Some(&end)) = (self.starts.get(first), self.starts.get(last)) else {
            return "";
        };
        self.lowered.get(start as usize..end as usize).unwrap_or("")
    }
}

/// Text as rules compare it: lower case, curly apostrophes straightened.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_normalized(&mut out, text);
    out
}

/// Appends `text` as [`normalize`] makes it to `out`.
pub(crate) fn push_normalized(out: &mut String, text: &str) {
    out.extend(
        text.chars()
            .map(|c| if c == '’' || c == '‘' { '\'' } else { c })
            .flat_map(char::to_lowercase),
    );
}

/// `n` in 32 bits, saturating: the per-token tables of a long draft keep
/// offsets and indices in four bytes.
pub(crate) fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Span;
    use crate::parse::parse;
    use crate::source::Block;

    fn words(text: &str) -> (Words, usize) {
        let block = Block {
            pieces: vec![Span::new(0, text.len())],
            part: Default::default(),
        };
        let parsed = parse(text, std::slice::from_ref(&block));
        (Words::new(text, &parsed.tokens), parsed.tokens.len())
    }

    #[test]
    fn lowers_and_straightens() {
        let (w, n) = words("The Kremlin’s CEASE fire");
        assert_eq!(n, 5);
        assert_eq!(w.get(0), "the");
        assert_eq!(w.get(1), "kremlin");
        assert_eq!(w.get(2), "'s");
        assert_eq!(w.joined(3..5), "ceasefire");
    }

    #[test]
    fn out_of_range_is_empty() {
        let (w, n) = words("Two words");
        assert_eq!(w.get(n), "");
        assert_eq!(w.joined(1..1), "");
        assert_eq!(w.joined(1..9), "");
    }

    #[test]
    fn a_segment_reads_by_the_drafts_index() {
        let text = "The Kremlin said";
        let block = Block {
            pieces: vec![Span::new(0, text.len())],
            part: Default::default(),
        };
        let parsed = parse(text, std::slice::from_ref(&block));
        let w = Words::segment(7, text, &parsed.tokens[1..]);
        assert_eq!(w.get(7), "kremlin");
        assert_eq!(w.joined(7..9), "kremlinsaid");
        assert_eq!(w.get(6), "");
        assert_eq!(w.get(9), "");
    }

    #[test]
    fn non_ascii_lowers_by_unicode() {
        let (w, _) = words("ÉMILE Zoë");
        assert_eq!(w.get(0), "émile");
        assert_eq!(w.get(1), "zoë");
    }
}
