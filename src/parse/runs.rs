//! Runs: the stretches of prose that may hold words, found without the
//! grammar.
//!
//! A read-ahead that wants only a draft's words, and which word follows
//! which, need not tokenize it. Every [`TokenKind::Word`] and
//! [`TokenKind::Compound`] lies inside a run of word characters,
//! apostrophes, invisible joiners and hyphens, and ends where one of the
//! run's parts (its stretches of word characters) ends. It starts where a
//! part starts, at a letter after a character of the part that is no
//! letter or is a combining mark (`1.13bn`: the number ends at `b`; a
//! symbol takes the marks after it), or, after a zero-width joiner, past
//! the character a symbol takes with it (`€` U+200D `X` is one symbol); a compound with a number in
//! it may start in an earlier run (`1,000-strong`). Two words that follow each
//! other end one run and start the next, since only whitespace may part
//! them. [`Run`] offers every stretch of a run that may be a token of each
//! kind: more than the tokens, never fewer, which a property test and the
//! `parse` fuzz target hold to the tokenizer.
//!
//! [`TokenKind::Word`]: super::TokenKind::Word
//! [`TokenKind::Compound`]: super::TokenKind::Compound

use std::collections::HashSet;
use std::ops::Range;

use super::grammar::{is_apostrophe, is_extender, is_hyphen, is_joiner, is_word_char};
use super::TokenKind;
use crate::source::Block;

/// The most parts a run may have for its stretches to be listed: a run of
/// `n` parts has about `n * n` of them, and prose never writes a word of
/// more than a few apostrophes and hyphens.
const MAX_PARTS: usize = 8;

/// A part of a run: a stretch of word characters, by byte offsets in the
/// run.
#[derive(Clone, Debug)]
struct Part {
    start: usize,
    end: usize,
    /// Which of the run's hyphenated pieces the part is in: parts of one
    /// piece are joined by apostrophes and joiners only.
    piece: usize,
    /// Where a token may start in the part, as a range of the run's
    /// `starts`: the part's start first.
    starts: Range<usize>,
}

/// A maximal stretch of word characters, apostrophes, invisible joiners
/// and hyphens.
#[derive(Debug)]
pub struct Run<'t, 'p> {
    text: &'t str,
    parts: &'p [Part],
    /// Where a token may start in each part (see [`Part::starts`]), as
    /// offsets in the run.
    starts: &'p [usize],
    /// ASCII letters and digits, starting with a letter.
    plain: bool,
}

impl<'t> Run<'t, '_> {
    /// The run, when it is ASCII letters and digits starting with a
    /// letter: its only word, first and last, and no compound. Most runs
    /// are.
    pub fn plain_word(&self) -> Option<&'t str> {
        self.plain.then_some(self.text)
    }

    /// The run, when it is one part that a token may start only at its
    /// start: its only word, first and last, and no compound. Most runs are.
    fn simple(&self) -> Option<&'t str> {
        match self.parts {
            [part] if part.starts.len() == 1 && part.start == 0 && part.end == self.text.len() => {
                Some(self.text)
            }
            _ => None,
        }
    }

    /// Where a token may start in `part`, each offset once.
    fn starts(&self, part: &Part) -> impl Iterator<Item = usize> + Clone + '_ {
        self.starts
            .get(part.starts.clone())
            .unwrap_or_default()
            .iter()
            .copied()
    }

    /// Whether the run has too many parts for its stretches to be listed:
    /// a read-ahead must then take any word as possible.
    pub fn is_complex(&self) -> bool {
        self.parts.len() > MAX_PARTS
    }

    /// Every stretch that may be a word: from a start of a part to the end
    /// of a part of the same hyphenated piece. Nothing for a complex run.
    pub fn words(&self, mut each: impl FnMut(&'t str)) {
        if let Some(word) = self.simple() {
            return each(word);
        }
        if self.is_complex() {
            return;
        }
        for (i, part) in self.parts.iter().enumerate() {
            let same_piece = self.parts[i..].iter().take_while(|p| p.piece == part.piece);
            for start in self.starts(part) {
                for end in same_piece.clone().map(|p| p.end) {
                    each(&self.text[start..end]);
                }
            }
        }
    }

    /// Every stretch that may be a compound of letters and hyphens (a
    /// compound with a number in it, "1,000-strong", may start in an
    /// earlier run): from a start of a part to the end of a part of a later
    /// hyphenated piece. Nothing for a complex run.
    pub fn compounds(&self, mut each: impl FnMut(&'t str)) {
        if self.simple().is_some() || self.is_complex() {
            return;
        }
        for (i, part) in self.parts.iter().enumerate() {
            let later = self.parts[i..].iter().filter(|p| p.piece != part.piece);
            for start in self.starts(part) {
                for end in later.clone().map(|p| p.end) {
                    each(&self.text[start..end]);
                }
            }
        }
    }

    /// Every stretch that may be a word ending the run: nothing when a
    /// joiner, apostrophe or hyphen ends it, or when it is complex.
    pub fn last_words(&self, mut each: impl FnMut(&'t str)) {
        if let Some(word) = self.simple() {
            return each(word);
        }
        let Some(last) = self.parts.last() else {
            return;
        };
        if self.is_complex() || last.end != self.text.len() {
            return;
        }
        for part in self.parts.iter().rev().take_while(|p| p.piece == last.piece) {
            for start in self.starts(part) {
                each(&self.text[start..]);
            }
        }
    }

    /// Every stretch that may be a word starting the run: nothing when it
    /// starts with anything but a word character, or when it is complex.
    pub fn first_words(&self, mut each: impl FnMut(&'t str)) {
        if let Some(word) = self.simple() {
            return each(word);
        }
        let Some(first) = self.parts.first() else {
            return;
        };
        if self.is_complex() || first.start != 0 {
            return;
        }
        for part in self.parts.iter().take_while(|p| p.piece == first.piece) {
            each(&self.text[..part.end]);
        }
    }
}

/// How a character stands in a run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Ends a run.
    Other,
    Word,
    Hyphen,
    /// An apostrophe or a joiner other than the zero-width joiner.
    Link,
    ZeroWidthJoiner,
}

/// The character at byte `i` of `s` (a character boundary) and its class
/// and length, ASCII read from its byte.
fn char_at(s: &str, i: usize) -> (char, Class, usize) {
    let c = match s.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => char::from(b),
        _ => s.get(i..).and_then(|rest| rest.chars().next()).unwrap_or('\0'),
    };
    let class = if is_word_char(c) {
        Class::Word
    } else if c == '\u{200d}' {
        Class::ZeroWidthJoiner
    } else if is_hyphen(c) {
        Class::Hyphen
    } else if is_apostrophe(c) || is_joiner(c) {
        Class::Link
    } else {
        Class::Other
    };
    (c, class, c.len_utf8())
}

/// Calls `each` with every run of the prose of `blocks`, in order.
pub fn runs<'t>(text: &'t str, blocks: &[Block], mut each: impl FnMut(&Run<'t, '_>)) {
    let mut parts: Vec<Part> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    for piece in blocks.iter().flat_map(|b| &b.pieces) {
        let Some(prose) = text.get(piece.start..piece.end) else {
            continue;
        };
        let bytes = prose.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let byte = bytes[i];
            if byte.is_ascii_alphabetic() {
                // Most runs are ASCII letters and digits that a space or a
                // mark ends: one part, read without the classes.
                let end = i
                    + 1
                    + bytes[i + 1..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count();
                if bytes
                    .get(end)
                    .is_none_or(|&b| b.is_ascii() && char_at(prose, end).1 == Class::Other)
                {
                    let part = Part {
                        start: 0,
                        end: end - i,
                        piece: 0,
                        starts: 0..1,
                    };
                    each(&Run {
                        text: &prose[i..end],
                        parts: &[part],
                        starts: &[0],
                        plain: true,
                    });
                    i = end;
                    continue;
                }
            } else if byte.is_ascii() && char_at(prose, i).1 == Class::Other {
                i += 1;
                continue;
            }
            let (_, class, len) = char_at(prose, i);
            if class == Class::Other {
                i += len;
                continue;
            }
            let start = i;
            parts.clear();
            starts.clear();
            let mut hyphens = 0;
            let mut after_joiner = false;
            while i < prose.len() {
                let (_, class, len) = char_at(prose, i);
                match class {
                    Class::Other => break,
                    Class::Word => {
                        let part = read_part(prose, i, start, hyphens, after_joiner, &mut starts);
                        i = start + part.end;
                        parts.push(part);
                        after_joiner = false;
                    }
                    link => {
                        hyphens += usize::from(link == Class::Hyphen);
                        after_joiner = link == Class::ZeroWidthJoiner;
                        i += len;
                    }
                }
            }
            each(&Run {
                text: &prose[start..i],
                parts: &parts,
                starts: &starts,
                plain: false,
            });
        }
    }
}

/// Reads the part that starts at byte `at` of `prose`, in the run that
/// starts at byte `run`, in hyphenated piece `piece` of the run, and
/// appends where a token may start in it to `starts` (offsets in the
/// run): its start; each letter that follows a character that is no
/// letter, or a combining mark (a number or a symbol before it may end
/// there: `1.13bn`, "," then U+0732 then "at" is a symbol and a word);
/// and after a zero-width joiner, the first letter past the character and
/// the marks a symbol takes with the joiner (`€` U+200D `X`).
fn read_part(
    prose: &str,
    at: usize,
    run: usize,
    piece: usize,
    after_joiner: bool,
    starts: &mut Vec<usize>,
) -> Part {
    let bytes = prose.as_bytes();
    let first = starts.len();
    starts.push(at - run);
    let mut end = at;
    let mut after_letter = false;
    while end < bytes.len() {
        // An ASCII byte read as itself, as most parts are nothing else.
        let (letter, mark, len) = if bytes[end].is_ascii() {
            if !bytes[end].is_ascii_alphanumeric() {
                break;
            }
            (bytes[end].is_ascii_alphabetic(), false, 1)
        } else {
            let (c, class, len) = char_at(prose, end);
            if class != Class::Word {
                break;
            }
            (c.is_alphabetic(), is_extender(c), len)
        };
        if letter && !after_letter && end > at {
            starts.push(end - run);
        }
        after_letter = letter && !mark;
        end += len;
    }
    if after_joiner {
        let past_symbol = prose
            .get(at..end)
            .unwrap_or_default()
            .char_indices()
            .skip(1)
            .skip_while(|&(_, c)| is_extender(c))
            .find(|(_, c)| c.is_alphabetic())
            .map(|(i, _)| at + i - run);
        if let Some(s) = past_symbol.filter(|s| !starts[first..].contains(s)) {
            starts.push(s);
        }
    }
    Part {
        start: at - run,
        end: end - run,
        piece,
        starts: first..starts.len(),
    }
}

/// What the runs of a text offer, as byte ranges of the text: words,
/// compounds, pairs of a word ending a run and one starting the next, and
/// the complex runs, which offer nothing.
#[derive(Default)]
struct Offered {
    words: HashSet<Range<usize>>,
    compounds: HashSet<Range<usize>>,
    pairs: HashSet<(Range<usize>, Range<usize>)>,
    complex: Vec<Range<usize>>,
}

impl Offered {
    fn of(text: &str, blocks: &[Block]) -> Offered {
        let at = |s: &str| {
            let start = s.as_ptr() as usize - text.as_ptr() as usize;
            start..start + s.len()
        };
        let mut offered = Offered::default();
        let mut last: Vec<Range<usize>> = Vec::new();
        runs(text, blocks, |run| {
            if run.is_complex() {
                offered.complex.push(at(run.text));
            }
            run.words(|w| {
                offered.words.insert(at(w));
            });
            run.compounds(|c| {
                offered.compounds.insert(at(c));
            });
            run.first_words(|second| {
                for first in &last {
                    offered.pairs.insert((first.clone(), at(second)));
                }
            });
            last.clear();
            run.last_words(|w| last.push(at(w)));
        });
        offered
    }

    /// Whether a complex run holds `range`.
    fn in_complex(&self, range: &Range<usize>) -> bool {
        self.complex
            .iter()
            .any(|c| c.start <= range.start && range.end <= c.end)
    }
}

/// The first word, compound of letters, or pair of words in a sentence
/// that the parse of `blocks` finds and the runs do not offer (outside a
/// complex run), described; `None` when the runs offer them all, as they
/// must. The property the read-ahead rests on, for the tests and the
/// `parse` fuzz target.
pub fn missed_by_runs(text: &str, blocks: &[Block]) -> Option<String> {
    let offered = Offered::of(text, blocks);
    let parsed = super::parse(text, blocks);
    let describe =
        |what: &str, r: &Range<usize>| format!("{what} {:?} at {r:?}", text.get(r.clone()).unwrap_or(""));
    for sentence in &parsed.sentences {
        let tokens = parsed.sentence_tokens(sentence);
        for (k, token) in tokens.iter().enumerate() {
            let span = token.span().start..token.span().end;
            if offered.in_complex(&span) {
                continue;
            }
            let letters = || {
                text.get(span.clone())
                    .is_some_and(|t| t.chars().all(|c| c.is_alphabetic() || is_hyphen(c)))
            };
            match token.kind {
                TokenKind::Word if !offered.words.contains(&span) => return Some(describe("word", &span)),
                // A compound with a number in it ("1,000-strong") may start
                // in an earlier run; one of letters may not.
                TokenKind::Compound if letters() && !offered.compounds.contains(&span) => {
                    return Some(describe("compound", &span));
                }
                _ => {}
            }
            let Some(next) = tokens.get(k + 1) else {
                continue;
            };
            let next_span = next.span().start..next.span().end;
            if token.kind == TokenKind::Word
                && next.kind == TokenKind::Word
                && !offered.in_complex(&next_span)
                && !offered.pairs.contains(&(span.clone(), next_span.clone()))
            {
                return Some(format!(
                    "{} then {}",
                    describe("pair", &span),
                    describe("", &next_span)
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{missed_by_runs, runs};
    use crate::source::{Format, Source};

    /// Every word, compound and pair of words the tokenizer finds in
    /// `input` is offered, unless a complex run holds it.
    fn assert_offered(input: &str) {
        for format in [Format::Text, Format::Markdown] {
            let source = Source::new("a", input, format);
            assert_eq!(missed_by_runs(&source.text, &source.blocks), None, "{input:?}");
        }
    }

    #[test]
    fn runs_offer_the_words_of_an_article() {
        assert_offered(super::super::tests::ARTICLE);
    }

    #[test]
    fn runs_offer_words_that_start_inside_a_part() {
        // A number before letters, a date before letters, and a symbol
        // that takes a joiner and a letter with it.
        for input in [
            "It cost 1.13bn dollars.",
            "On 2015-12-15abcde they met.",
            "The 18th century.",
            "A sign €\u{200d}Xabcdef here.",
            "A sign €\u{200d}X\u{301}abcdef here.",
            // A comma, or a variation selector after a number, takes a
            // combining mark that is a letter with it (found by the
            // `parse` fuzz target).
            "---\ntitl!.4\n---\n\n# Post stay,\u{732}at author)haete: d 3",
            "December 18\u{fe0f}\u{732}Monday\u{301}",
            "Putin's rock'n'roll O’Brien’s cease-fire al-Assad 10-year-old Russian- and Iranian-backed",
            "don't\u{ad}stop a\u{200c}b‐c‑d",
        ] {
            assert_offered(input);
        }
    }

    #[test]
    fn a_run_of_many_parts_is_complex() {
        let source = Source::new("a", "a'b'c'd'e'f'g'h'i'j", Format::Text);
        let mut complex = Vec::new();
        runs(&source.text, &source.blocks, |run| complex.push(run.is_complex()));
        assert_eq!(complex, [true]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn runs_offer_every_word_compound_and_pair(
            input in "([a-zA-Zé0-9]{1,6}|['’\u{ad}\u{200c}\u{200d}\u{2010}\u{2011}-]|[ .,]|€|\u{301}|\u{732}|\u{fe0f}|Monday|Mon\\.|May|December 18|Dec\\. 15, 2015|U\\.S\\.|[0-9]{1,3}(,[0-9]{3})?|`|\\*|\n\n){0,24}"
        ) {
            assert_offered(&input);
        }
    }
}
