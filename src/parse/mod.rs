//! Tokens and sentences: what the prose of a draft is made of.
//!
//! [`parse`] walks every [`Block`] of a source, cuts each of its pieces into
//! [`Token`]s and groups a block's tokens into [`Sentence`]s. Every span is a
//! byte range into the original text, so a rule can point straight back at
//! the draft.
//!
//! # Tokens
//!
//! Whitespace is not a token, and a token never crosses a piece. A token is
//! recognized by its first character: a digit starts a number or a date, a
//! letter a word (or a compound, abbreviation, initial, weekday or date), a
//! quotation mark a quote, `. ! ? …` a terminal, anything else is
//! punctuation. The grammar lives in `grammar.rs`, one nom parser per piece.
//!
//! Choices worth knowing:
//!
//! - A [`TokenKind::Number`] is the numeral only: `1.13bn` is `Number("1.13")`
//!   then `Word("bn")`, `76%` is `Number` then `Punct("%")`, and `$`, `£`,
//!   `€` are `Punct` tokens of their own. A unit or currency belongs to a
//!   number when the spans touch (`a.span.end == b.span.start`).
//!   Ordinals follow the same rule (`18th` is `18` then `th`), except inside a
//!   date (`December 18th` is one date).
//! - `’s` / `'s` after a word is always [`TokenKind::Possessive`], so the
//!   contractions `it’s`, `he’s` split the same way (`it`, `’s`).
//! - A lone `’` / `'` right after a word ending in `s` is a possessive
//!   (`powers’`) unless a single quotation mark (`‘`) is open in the block,
//!   in which case it closes the quotation and is a [`TokenKind::Quote`].
//! - A compound's first part may be a number when a later part has a letter
//!   (`10-year-old`); `2014-15` stays `Number`, `Punct`, `Number`. A hyphen
//!   followed by whitespace or by the end of the piece makes a
//!   [`TokenKind::SuspendedHyphen`] (`Russian-`, `18-`).
//! - A bare month name (`in December`) is a word; only a month with a day
//!   or a year is a date. Month names must be capitalized (`May 5`, not
//!   `may 5`); days are checked against the month (`February 30` is not a
//!   date; `February 29` is unless its year is not a leap year).
//! - `No.` is an abbreviation only before a number (`No. 10`); `Mon.`,
//!   `Sat.` and `Sun.` are weekdays only before a date, since they are also
//!   names (`Mr. Sun.`).
//! - Symbols are one character plus any combining marks, variation
//!   selectors, emoji modifiers and zero-width-joined characters after it,
//!   so `👍🏽` is one `Punct`.
//!
//! # Sentences
//!
//! A sentence ends at the end of its block, and inside a block only:
//!
//! - after a [`TokenKind::Terminal`] and the closing quotes and brackets
//!   touching it, when whitespace follows and the next token does not start
//!   with a lower-case letter (`“Why?” he asked.` is one sentence, and so is
//!   `… said Kerry… and Lavrov`);
//! - after an abbreviation that never comes before a name — a dotted
//!   initialism (`U.S.`, `a.m.`), `etc.`, `Inc.`, `Ltd.`, `Corp.`, `Co.`,
//!   `Jr.`, `Sr.`, an AP state name (`Calif.`) or an abbreviated weekday —
//!   when whitespace and a common sentence opener follow (`He`, `The`,
//!   `However`…; see `lexicon::is_sentence_opener`).
//!
//! Titles (`Mr.`, `Gen.`, `St.`), months (`Dec.`) and initials (`J.`) never
//! end a sentence.

mod grammar;
mod lexicon;
mod runs;
mod sentence;
mod sketch;
#[cfg(test)]
mod tests;
mod tokens;
mod words;

pub use lexicon::is_opening_adverb;

/// Whether `word` is a month's name as a date writes it ("March", "Dec",
/// "Sept"), by the lexicon the grammar reads dates with.
pub(crate) fn is_month_name(word: &str) -> bool {
    lexicon::month(word).is_some()
}
pub use runs::{missed_by_runs, runs, Run};
pub use sketch::Sketch;
pub use tokens::{TokenIndex, Tokens, Window, WindowIndex};
pub(crate) use words::narrow;
pub(crate) use words::push_normalized;
pub use words::{normalize, Words};

use std::ops::Range;

use crate::finding::Span;
use crate::source::Block;

/// The tokens and sentences of a whole source, in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Every token of every block, in order.
    pub tokens: Vec<Token>,
    /// Every sentence of every block, in order; together they cover
    /// `tokens` exactly.
    pub sentences: Vec<Sentence>,
}

impl Parsed {
    /// The tokens of `sentence`; empty when the sentence is not from this
    /// parse.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        self.tokens.get(sentence.tokens()).unwrap_or(&[])
    }
}

/// A sentence: its span (first token start .. last token end) and the index
/// range of its tokens in [`Parsed::tokens`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
///
/// Its bounds and token range are kept in 32 bits, as a token's are.
pub struct Sentence {
    /// See [`Sentence::span`].
    span: [u32; 2],
    /// See [`Sentence::tokens`].
    tokens: [u32; 2],
}

impl Sentence {
    /// A sentence of `span` whose tokens are `tokens`.
    pub fn new(span: Span, tokens: Range<usize>) -> Sentence {
        Sentence {
            span: [words::narrow(span.start), words::narrow(span.end)],
            tokens: [words::narrow(tokens.start), words::narrow(tokens.end)],
        }
    }

    /// From the start of its first token to the end of its last. It may
    /// cover markup between two pieces of its block.
    pub fn span(&self) -> Span {
        Span::new(self.span[0] as usize, self.span[1] as usize)
    }

    /// Its tokens, as indices into [`Parsed::tokens`]; never empty.
    pub fn tokens(&self) -> Range<usize> {
        self.tokens[0] as usize..self.tokens[1] as usize
    }
}

/// One token: what it is and where it is.
///
/// Its bounds are kept in 32 bits, which makes a long draft's token table
/// a quarter smaller. Past 4 GiB they stop at the 4 GiB mark, so a token
/// there reads as empty or cut short, never out of bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    start: u32,
    end: u32,
}

impl Token {
    /// A token of `kind` covering `span`.
    pub fn new(kind: TokenKind, span: Span) -> Token {
        Token {
            kind,
            start: narrow(span.start),
            end: narrow(span.end),
        }
    }

    /// The bytes it covers in the original text.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// The text of the token in `source_text`, the text it was parsed from
    /// (`""` if the span does not fit that text).
    pub fn text<'a>(&self, source_text: &'a str) -> &'a str {
        self.span().slice(source_text)
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (any Unicode alphabetic character, with combining marks),
    /// with inner apostrophes (`don't`, `O'Brien`, `Côte`) and digits after
    /// the first letter (`G20`). `Kerry` in `Kerry’s`.
    Word,
    /// Words or numbers joined by hyphens (`-`, U+2010, U+2011):
    /// `Russian-backed`, `cease-fire`, `al-Assad`, `F-16`, `10-year-old`.
    Compound,
    /// A word or compound whose hyphen is followed by whitespace or by the
    /// end of the piece: `Russian-` in `Russian- and Iranian-backed`. The
    /// span includes the hyphen.
    SuspendedHyphen,
    /// A known abbreviation with its period (`Mr.`, `Dec.`, `etc.`) or a
    /// dotted initialism (`U.S.`, `e.g.`, `a.m.`, also `U.S` without the
    /// last period). The span includes the periods.
    Abbreviation,
    /// A single capital letter and its period: `F.` in `John F. Kennedy`.
    Initial,
    /// `’s` / `'s` after a word, or a lone `’` / `'` after a word ending in
    /// `s` (`powers’`). The span covers the apostrophe and the `s`.
    Possessive,
    /// A numeral: digits, optionally grouped by commas in threes
    /// (`464,000`) and with a decimal part (`3.5`). Never a sign, a
    /// currency or a unit (those are tokens of their own).
    Number,
    /// A whole date as one token: `Dec. 15, 2015`, `December 18`,
    /// `15 December 2015`, `December 2015`, `2015-12-15`.
    Date(DateValue),
    /// A weekday name alone: `Tuesday`, `Tue.` (the period included).
    Weekday(Weekday),
    /// A quotation mark: `“ ” „ " ‘ ’ ' « »` and kin. `’` is a quote only
    /// where it is neither inside a word nor a possessive.
    Quote,
    /// Any other symbol: `, ; : ( ) [ ] — – / & $ %` …
    Punct,
    /// A run of `. ! ? …` (one token for `?!` or `...`).
    Terminal,
}

impl TokenKind {
    /// True for the kinds a possessive may follow, and that read as a
    /// word in a name: words, compounds, abbreviations, weekdays.
    pub fn is_wordlike(self) -> bool {
        matches!(
            self,
            TokenKind::Word | TokenKind::Compound | TokenKind::Abbreviation | TokenKind::Weekday(_)
        )
    }
}

/// A calendar date as written: any part may be missing, but what is there
/// is valid (month `1..=12`, day within the month, a four-digit year).
///
/// It is packed into three bytes, so that a token that holds one stays
/// twelve bytes: the token table is the largest a long draft builds.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateValue {
    /// Little-endian: the year in the low 14 bits ([`NO_YEAR`] when
    /// absent), then the month in 4 bits and the day in 5 (0 when absent).
    packed: [u8; 3],
}

/// The packed year of a date written without one.
const NO_YEAR: u32 = 0x3FFF;

impl DateValue {
    /// A date, or `None` when the month is not `1..=12`, the day does not
    /// exist in that month (February 29 exists unless the year is known and
    /// not a leap year) or the year is not `0..=9999`.
    pub fn new(year: Option<i32>, month: Option<u8>, day: Option<u8>) -> Option<DateValue> {
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return None;
            }
        }
        if let Some(d) = day {
            let max = month.map_or(31, |m| days_in_month(m, year));
            if d == 0 || d > max {
                return None;
            }
        }
        let year = match year {
            Some(y) => u32::try_from(y).ok().filter(|&y| y <= 9999)?,
            None => NO_YEAR,
        };
        Some(DateValue::from_bits(
            year | u32::from(month.unwrap_or(0)) << 14 | u32::from(day.unwrap_or(0)) << 18,
        ))
    }

    fn from_bits(bits: u32) -> DateValue {
        let [a, b, c, _] = bits.to_le_bytes();
        DateValue { packed: [a, b, c] }
    }

    fn bits(self) -> u32 {
        let [a, b, c] = self.packed;
        u32::from_le_bytes([a, b, c, 0])
    }

    /// The year, when written.
    pub fn year(self) -> Option<i32> {
        let year = self.bits() & NO_YEAR;
        (year != NO_YEAR).then_some(year as i32)
    }

    /// The month, `1..=12`, when written.
    pub fn month(self) -> Option<u8> {
        Some((self.bits() >> 14 & 0xF) as u8).filter(|&m| m != 0)
    }

    /// The day of the month, when written.
    pub fn day(self) -> Option<u8> {
        Some((self.bits() >> 18 & 0x1F) as u8).filter(|&d| d != 0)
    }

    /// Year, month and day, when all three are written.
    pub fn full(self) -> Option<(i32, u8, u8)> {
        Some((self.year()?, self.month()?, self.day()?))
    }

    /// The same date with its year left out ("December 18").
    pub fn without_year(self) -> DateValue {
        DateValue::from_bits(self.bits() | NO_YEAR)
    }

    /// True when no day is both dates: the months or days differ, or both
    /// years are written and differ.
    pub fn contradicts(self, other: DateValue) -> bool {
        self.month() != other.month()
            || self.day() != other.day()
            || matches!((self.year(), other.year()), (Some(p), Some(q)) if p != q)
    }
}

impl std::fmt::Debug for DateValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DateValue")
            .field("year", &self.year())
            .field("month", &self.month())
            .field("day", &self.day())
            .finish()
    }
}

/// The number of days in month `month` (1..=12) of `year`; February has 29
/// when the year is unknown.
fn days_in_month(month: u8, year: Option<i32>) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => 31,
    }
}

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

/// The bytes of text `tokens` (in order) cover, from the start of the first
/// to the end of the last: a segment's length, not the whole draft's.
pub fn covered(tokens: &[Token]) -> usize {
    match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => last.span().end.saturating_sub(first.span().start),
        _ => 0,
    }
}

/// True when the first character of `word` is upper case (`Kerry`, `Ćosić`,
/// `USA`); false for an empty string.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Tokenizes and splits every block of a source.
///
/// `text` is the whole file and `blocks` its prose; a piece that does not
/// fall on character boundaries inside `text` is skipped.
pub fn parse(text: &str, blocks: &[Block]) -> Parsed {
    let prose: usize = blocks.iter().map(Block::prose).sum();
    let mut parsed = Parsed {
        tokens: Vec::with_capacity(prose / 5 + 1),
        sentences: Vec::with_capacity(prose / 100 + 1),
    };
    for block in blocks {
        let first = parsed.tokens.len();
        let mut quotes = QuoteState::default();
        for &piece in &block.pieces {
            tokenize_piece(text, piece, &mut quotes, &mut parsed.tokens);
        }
        sentence::split_block(text, &parsed.tokens, first, &mut parsed.sentences);
    }
    parsed
}

/// What the tokenizer remembers across a block.
#[derive(Default)]
struct QuoteState {
    /// A single quotation mark (`‘`) was opened and not yet closed.
    single_open: bool,
}

/// Appends the tokens of one piece to `out`.
fn tokenize_piece(text: &str, piece: Span, quotes: &mut QuoteState, out: &mut Vec<Token>) {
    let Some(prose) = text.get(piece.start..piece.end) else {
        return;
    };
    let mut rest = prose;
    // The previous token of this piece and whether `rest` touches it.
    let mut prev: Option<(TokenKind, &str)> = None;
    loop {
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            break;
        }
        let touches = trimmed.len() == rest.len();
        rest = trimmed;
        let glued_to = if touches { prev } else { None };

        // A possessive opens with an apostrophe: one test spares the
        // grammar for the commas and periods glued to words.
        let possessive = match glued_to {
            Some((kind, before))
                if (kind.is_wordlike() || kind == TokenKind::Number)
                    && rest.starts_with(grammar::is_apostrophe) =>
            {
                let after_s = before.ends_with(['s', 'S']) && !quotes.single_open;
                grammar::possessive(after_s)(rest).ok()
            }
            _ => None,
        };
        let (after, kind) = match possessive {
            Some((after, _)) => (after, TokenKind::Possessive),
            None => match grammar::token(rest) {
                Ok(found) => found,
                // `token` accepts any non-empty input; should it ever
                // refuse, the character becomes punctuation.
                Err(_) => (skip_char(rest), TokenKind::Punct),
            },
        };
        // Guard against a parser that consumed nothing: always advance.
        let after = if after.len() < rest.len() {
            after
        } else {
            skip_char(rest)
        };
        let consumed = &rest[..rest.len() - after.len()];
        if kind == TokenKind::Quote {
            quotes.note(consumed, glued_to.is_some());
        }
        let start = piece.start + (prose.len() - rest.len());
        out.push(Token::new(kind, Span::new(start, start + consumed.len())));
        prev = Some((kind, consumed));
        rest = after;
    }
}

impl QuoteState {
    /// Records a quotation mark; `glued` when it touches the token before
    /// it (so a straight `'` closes rather than opens).
    fn note(&mut self, quote: &str, glued: bool) {
        match quote {
            "‘" | "‚" | "‛" => self.single_open = true,
            "’" => self.single_open = false,
            "'" => self.single_open = !glued,
            _ => {}
        }
    }
}

/// `s` without its first character (`""` for `""`).
fn skip_char(s: &str) -> &str {
    let mut chars = s.chars();
    chars.next();
    chars.as_str()
}
