//! `terms.hyphenation`: one word hyphenated or spaced two ways in one
//! draft ("cease-fire" and "ceasefire", "air strikes" and "airstrikes"),
//! for any word, listed or not.
//!
//! Why: a reader notices a word that changes its spelling halfway down the
//! page; no house style allows both.
//!
//! Example: "threatens Ukraine cease-fire ... a planned January 1
//! ceasefire". Use instead: one spelling throughout.
//!
//! A closed word ("ceasefire") is compared with the same letters written
//! with a hyphen ("cease-fire") or a space ("cease fire"). Without a
//! closed form, a hyphenated and a spaced form are compared only where the
//! space is plainly the hyphen lost: after a bound prefix ("anti virus"
//! beside "anti-virus", "re sell", "non market"), or where both stand in
//! one position, after a determiner and before a noun ("a high speed
//! link", "a high-speed link") or before no noun ("his team mate said",
//! "his team-mate on"). "A long-term plan" and "in the long term", or "in
//! extra time" and "an extra-time winner", stand apart and are both
//! right. Spaced forms whose second
//! word is a particle are phrasal verbs ("take over" beside "takeover"),
//! and the pack lists closed words that are different words from their
//! spaced form ("everyday", "maybe"). The fix keeps the casing of the text
//! it replaces and is safe.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use std::ops::Range;

use crate::check::{quote_list, Document, Inconsistency, Segment, Use};
use crate::finding::{Applicability, Finding, Severity, Span};
use crate::parse::TokenKind;
use crate::rules::Pack;
use crate::source::Source;

/// The rule code.
pub const CODE: &str = crate::registry::HYPHENATION.code;

/// The three ways of writing a compound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Closed,
    Hyphenated,
    Open,
}

/// Short words that are never half of a compound: "as set" is not "asset",
/// "as Ian" is not "Asian", "the first" is not a typo of one word.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "as", "is", "it",
    "be", "we", "he", "me", "my", "no", "so", "us", "do", "go", "if", "am", "are", "was", "has", "had",
    "its", "his", "her", "our", "you", "who", "all", "any", "can", "may", "not", "yet", "per",
];

fn is_function_word(word: &str) -> bool {
    // The listed words are ASCII, three bytes at most.
    word.chars().count() < 2
        || (word.len() <= 3 && FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word)))
}

/// What a form's length and first and last bytes say of it, in one
/// number: equal forms have equal keys, and a pair of words rarely has the
/// key of a closed word it is not. Reading five bytes, not every byte,
/// keeps the test of each pair of words in the draft cheap.
fn form_key(form: &str) -> u64 {
    form_key_with(form.as_bytes(), |&b| b)
}

/// [`form_key`] of `bytes` each mapped by `map`.
fn form_key_with(bytes: &[u8], map: impl Fn(&u8) -> u8) -> u64 {
    let len = bytes.len();
    form_key_at(len, |i| u64::from(bytes.get(i).map_or(0, &map)))
}

/// The key of a form of `len` bytes whose byte `i` is `at(i)` (0 past the
/// form): its length and its first three and last two bytes.
fn form_key_at(len: usize, at: impl Fn(usize) -> u64) -> u64 {
    key_of(
        len,
        [
            at(0),
            at(1),
            at(2),
            at(len.wrapping_sub(2)),
            at(len.wrapping_sub(1)),
        ],
    )
}

/// The key of a form of `len` bytes from its first three and last two
/// bytes.
fn key_of(len: usize, [first, second, third, last_but_one, last]: [u64; 5]) -> u64 {
    (len as u64) << 40 | first << 32 | second << 24 | third << 16 | last_but_one << 8 | last
}

/// The keys of a draft's closed words, as a table of bits that says "no"
/// for most other keys at a few instructions a lookup: two bits a key,
/// eight bits or more a token.
#[derive(Clone, Debug)]
struct Filter {
    bits: Vec<u64>,
    /// 64 less the number of bits that index the table.
    shift: u32,
}

impl Filter {
    /// Odd multipliers with their bits spread, which give a key two
    /// independent indices in their top bits.
    const MIX: [u64; 2] = [0x9E37_79B9_7F4A_7C15, 0xD6E8_FEB8_6659_FD93];

    /// At most 512 KiB of bits: a long draft repeats its words, so its
    /// distinct keys stay few while its tokens grow, and a table that
    /// outgrows the processor's cache costs a miss a lookup. A table too
    /// small for a draft only says "maybe" more often.
    const MAX_BITS: usize = 1 << 22;

    /// A table for up to `keys` keys.
    fn new(keys: usize) -> Filter {
        let len = keys
            .saturating_mul(8)
            .next_power_of_two()
            .clamp(64, Filter::MAX_BITS);
        Filter {
            bits: vec![0; len / 64],
            shift: 64 - len.trailing_zeros(),
        }
    }

    /// The two bits of a key: top bits of a product, which index `bits`
    /// (a power of two of them) and so never go past it.
    fn probes(&self, key: u64) -> [usize; 2] {
        Self::MIX.map(|m| (key.wrapping_mul(m) >> self.shift) as usize)
    }

    fn insert(&mut self, key: u64) {
        for bit in self.probes(key) {
            self.bits[bit / 64] |= 1 << (bit % 64);
        }
    }

    /// Makes the table say "maybe" to every key.
    fn saturate(&mut self) {
        self.bits.fill(u64::MAX);
    }

    fn may_contain(&self, key: u64) -> bool {
        self.probes(key)
            .iter()
            .all(|&bit| self.bits[bit / 64] & (1 << (bit % 64)) != 0)
    }
}

/// "TimeWarner", "JPMorgan": a capital after the first letter.
fn is_camel(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
}

/// Every word starts with a capital.
fn is_title_case(phrase: &str) -> bool {
    phrase
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// One word is "long" when it has five bytes or more: shorter ones are
/// never two words run together.
const LONG: usize = 5;

/// What the draft's segments hold of its closed, hyphenated and open forms,
/// gathered as they are read.
///
/// A hyphenated or open form counts when its letters are a closed word of
/// the draft, perhaps in a later segment; a closed word counts when some
/// form has its letters, perhaps in a later segment. So a draft of more
/// than one segment is read ahead (its runs of letters, not its tokens:
/// see [`Facts::ahead`]) for the keys of its long words, and for the keys
/// of the forms that come after a closed word with their letters: a closed
/// word with such a key is gathered even before a form wants it.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// The keys of the draft's long words.
    long_words: Option<Filter>,
    /// The keys of the forms that come after a long word with their key
    /// (read ahead, for a draft of more than one segment).
    after_closed: Option<Filter>,
    /// The hyphenated and open forms that may be a closed word of the
    /// draft (the filter rejects most that are not), in order: the closed
    /// word they would be, its key, their shape and span.
    candidates: Vec<(String, u64, Shape, Span)>,
    /// The keys of the candidates so far.
    wanted: HashSet<u64>,
    /// Closed word -> the span of each of its uses, in order, for the
    /// closed words whose key was wanted when their segment was read.
    closed: HashMap<String, Vec<Span>>,
    /// Two-part hyphenated compounds, as their parts lowered and joined by
    /// a space ("anti virus"): each use's span and whether it stands
    /// before a noun ([`Facts::position`]).
    hyphenated: HashMap<String, Vec<(Span, Position)>>,
    /// The first parts of `hyphenated`, so that a pair of words is looked
    /// up only when its first word may begin one.
    first_parts: HashSet<String>,
    /// The first bytes of `first_parts`, a bit each.
    first_bytes: [u64; 4],
    /// The same two words written apart ("anti virus" beside a draft's
    /// "anti-virus"), in the segment of a hyphenated form or after it.
    spaced: HashMap<String, Vec<(Span, Position)>>,
}

/// Where a two-word phrase stands, as far as its neighbours tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Position {
    /// After a determiner and before a noun: "a high speed link".
    Modifier,
    /// After a determiner and before no noun: "his team mate said", "the
    /// film-maker was".
    Noun,
    /// Anywhere else: "in extra time", "anti virus tools".
    Other,
}

/// Adverbs that follow a noun phrase ("the fourth quarter alone").
const ADVERBS_AFTER: &[&str] = &[
    "alone", "ago", "itself", "again", "too", "also", "before", "after", "later",
];

/// Words after a phrase that are no noun it could modify: the verbs a news
/// sentence puts after its subject.
const VERBS_AFTER: &[&str] = &[
    "said", "says", "told", "added", "was", "were", "is", "are", "has", "have", "had", "will", "would",
    "could", "should", "can", "may", "might", "did", "does", "must", "shall",
];

/// Prefixes that are no words of their own: written apart from the word
/// they prefix, they are the hyphenated form with its hyphen lost ("anti
/// virus" beside "anti-virus", "non market" beside "non-market").
const BOUND_PREFIXES: &[&str] = &[
    "anti", "non", "re", "pre", "co", "ex", "semi", "multi", "hi", "wi", "post", "pro", "sub", "bi", "tri",
    "counter", "inter", "intra", "micro", "macro", "mega", "mini", "neo", "pan", "pseudo", "quasi", "ultra",
    "mid", "self", "vice",
];

/// Words after which a two-word phrase is a noun or the modifier of one
/// ("a high speed link", "his team mate"; see [`Facts::position`]).
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "your", "my",
];

/// The key of a word as [`Words`](crate::parse::Words) compares it, lower
/// case with straight apostrophes: of an ASCII word, read from the bytes
/// the key reads; of another, from its lowered copy, left in `scratch`.
fn word_key(word: &str, scratch: &mut String) -> u64 {
    if word.is_ascii() {
        return form_key_with(word.as_bytes(), u8::to_ascii_lowercase);
    }
    scratch.clear();
    crate::parse::push_normalized(scratch, word);
    form_key(scratch)
}

/// A compound's letters with its hyphens left out ("ceasefire" for
/// "cease-fire").
fn unhyphenated(word: &str) -> String {
    word.chars()
        .filter(|&c| c != '-' && c != '\u{2010}' && c != '\u{2011}')
        .collect()
}

/// The key of two words written together, as [`Words`](crate::parse::Words)
/// lowers them: of ASCII words, read from the bytes the key reads; of
/// others, from their lowered copy in `scratch`.
fn pair_key(first: &str, second: &str, scratch: &mut String) -> u64 {
    if first.is_ascii() && second.is_ascii() {
        let (a, b) = (first.as_bytes(), second.as_bytes());
        let len = a.len() + b.len();
        let at = |i: usize| {
            let byte = if i < a.len() { a.get(i) } else { b.get(i - a.len()) };
            u64::from(byte.map_or(0, u8::to_ascii_lowercase))
        };
        return form_key_at(len, at);
    }
    scratch.clear();
    crate::parse::push_normalized(scratch, first);
    crate::parse::push_normalized(scratch, second);
    form_key(scratch)
}

/// One pass over the bytes of an ASCII word: a byte past ASCII fails the
/// first test.
fn alphabetic(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_alphabetic()) || (!w.is_ascii() && w.chars().all(char::is_alphabetic))
}

/// An ASCII word with the bytes its keys read, lowered once: a pair's key
/// takes its first bytes from the first word and its last from the second.
#[derive(Clone, Copy)]
struct Plain<'t> {
    word: &'t str,
    first: [u64; 3],
    last: [u64; 2],
}

impl<'t> Plain<'t> {
    /// `word`: ASCII.
    fn of(word: &'t str) -> Plain<'t> {
        let at = |i: usize| u64::from(word.as_bytes().get(i).map_or(0, u8::to_ascii_lowercase));
        let len = word.len();
        Plain {
            word,
            first: [at(0), at(1), at(2)],
            last: [at(len.wrapping_sub(2)), at(len.wrapping_sub(1))],
        }
    }

    /// The word's key, as [`word_key`] makes it.
    fn key(&self) -> u64 {
        let [a, b, c] = self.first;
        let [d, e] = self.last;
        key_of(self.word.len(), [a, b, c, d, e])
    }

    /// The key of this word and `second` written together, as
    /// [`pair_key`] makes it.
    fn then(&self, second: &Plain<'_>) -> u64 {
        let (a, b) = (self.word.len(), second.word.len());
        // Byte `i` (of the first three) of the two words together: past the
        // first word's, the second's; past both, 0, as `of` left them.
        let first = |i: usize| {
            if i < a {
                self.first[i]
            } else {
                second.first[(i - a).min(2)]
            }
        };
        // The last two bytes: a one-byte second word takes one from the
        // first word.
        let [d, e] = if b >= 2 {
            second.last
        } else {
            [self.last[1], second.first[0]]
        };
        key_of(a + b, [first(0), first(1), first(2), d, e])
    }
}

impl Facts {
    /// The facts of a draft of more than one segment before any is read:
    /// the keys of its long words, and of the forms that come after a long
    /// word with their key. (A form needs its key kept only for a closed
    /// word in an earlier segment: `scan` gathers a segment's forms before
    /// its closed words.)
    ///
    /// Both are read from the draft's runs ([`crate::parse::runs`]), not
    /// its tokens: a run offers every word, compound and pair of words the
    /// tokenizer would find, and more, so the keys are as many or more, and
    /// the forms and closed words gathered are those of a parse and a few
    /// more that match nothing. A run too complex to list its words makes
    /// either key say "maybe" to any key.
    pub(crate) fn ahead(source: &Source, segments: &[Range<usize>], pack: &Pack) -> Facts {
        let is_particle = |w: &str| pack.terms.particles.iter().any(|p| p.eq_ignore_ascii_case(w));
        let text = source.text.as_str();
        let prose: usize = source.blocks.iter().map(crate::source::Block::prose).sum();
        // About one token in five bytes of prose, as `parse` sizes its table.
        let mut all = Filter::new(prose / 5 + 1);
        let mut complex = false;
        let mut scratch = String::new();
        let mut after_closed: Vec<u64> = Vec::new();
        for blocks in segments {
            // The words that may end the run before, and that run when it
            // is a plain word.
            let mut ending: Vec<&str> = Vec::new();
            let mut plain_before: Option<Plain<'_>> = None;
            // A pair of words, tested as `scan` tests it, the cheap test
            // first: most pairs of words are no closed word of the draft.
            let pair = |key: u64, first: &str, second: &str, all: &Filter| {
                all.may_contain(key)
                    && !is_function_word(first)
                    && !is_function_word(second)
                    && !is_particle(second)
            };
            let blocks = source.blocks.get(blocks.clone()).unwrap_or_default();
            crate::parse::runs(text, blocks, |run| {
                if let Some(word) = run.plain_word() {
                    let plain = Plain::of(word);
                    if word.len() >= LONG {
                        all.insert(plain.key());
                    }
                    match plain_before {
                        Some(first) => {
                            let key = first.then(&plain);
                            if pair(key, first.word, word, &all) {
                                after_closed.push(key);
                            }
                        }
                        None => {
                            for &first in &ending {
                                let key = pair_key(first, word, &mut scratch);
                                if pair(key, first, word, &all) {
                                    after_closed.push(key);
                                }
                            }
                        }
                    }
                    ending.clear();
                    ending.push(word);
                    plain_before = Some(plain);
                    return;
                }
                complex |= run.is_complex();
                run.words(|word| {
                    if word.len() >= LONG {
                        all.insert(word_key(word, &mut scratch));
                    }
                });
                run.compounds(|compound| {
                    scratch.clear();
                    crate::parse::push_normalized(&mut scratch, compound);
                    let joined = unhyphenated(&scratch);
                    let key = form_key(&joined);
                    if all.may_contain(key) && alphabetic(&joined) {
                        after_closed.push(key);
                    }
                });
                run.first_words(|second| {
                    for &first in &ending {
                        let key = pair_key(first, second, &mut scratch);
                        if pair(key, first, second, &all) {
                            after_closed.push(key);
                        }
                    }
                });
                ending.clear();
                run.last_words(|word| ending.push(word));
                plain_before = None;
            });
        }
        if complex {
            all.saturate();
        }
        after_closed.sort_unstable();
        after_closed.dedup();
        let mut keys = Filter::new(after_closed.len());
        for &key in &after_closed {
            keys.insert(key);
        }
        if complex {
            keys.saturate();
        }
        Facts {
            long_words: Some(all),
            after_closed: Some(keys),
            ..Facts::default()
        }
    }

    /// Gathers the forms of a segment, which follows every segment
    /// gathered before.
    pub(crate) fn scan(&mut self, segment: &Segment<'_, '_>, pack: &Pack) {
        let settings = &pack.terms;
        let is_particle = |w: &str| settings.particles.iter().any(|p| p.eq_ignore_ascii_case(w));
        let tokens = segment.tokens;
        let words = segment.words;
        let text = |i: usize| segment.text(tokens[i].span());
        // Each long word, with the key of its lower case. A closed word must
        // also be all letters: that is checked only for the few that share a
        // key with another form.
        let long_words = || {
            tokens
                .indexed()
                .filter(|(_, token)| matches!(token.kind, TokenKind::Word) && token.span().len() >= LONG)
                .map(|(i, _)| (i, form_key(words.get(i))))
        };
        // A draft of one segment: its long words are the segment's. Sized by
        // the tokens, of which the long words are a part: no count (or list)
        // of them first.
        let filter = self.long_words.get_or_insert_with(|| {
            let mut filter = Filter::new(tokens.len());
            for (_, key) in long_words() {
                filter.insert(key);
            }
            filter
        });
        let mut joined = String::new();
        for sentence in segment.sentences {
            let start = sentence.tokens().start;
            let in_sentence = tokens.get(sentence.tokens()).unwrap_or_default();
            for (k, token) in in_sentence.iter().enumerate() {
                let i = start + k;
                if matches!(token.kind, TokenKind::Compound) {
                    joined.clear();
                    joined.push_str(&unhyphenated(words.get(i)));
                    let key = form_key(&joined);
                    if filter.may_contain(key) && alphabetic(&joined) {
                        self.candidates
                            .push((joined.clone(), key, Shape::Hyphenated, token.span()));
                        self.wanted.insert(key);
                    }
                }
                let Some(next) = in_sentence.get(k + 1) else {
                    continue;
                };
                if matches!(token.kind, TokenKind::Word) && matches!(next.kind, TokenKind::Word) {
                    // The lowered words of a pair lie side by side: together
                    // they read as the closed word.
                    let pair = words.joined(i..i + 2);
                    let key = form_key(pair);
                    // The cheap tests first: most pairs of words are no closed
                    // word of the draft.
                    if pair.len() < LONG || !filter.may_contain(key) {
                        continue;
                    }
                    let (word, second) = (segment.text(token.span()), segment.text(next.span()));
                    if is_function_word(word) || is_function_word(second) || is_particle(second) {
                        continue;
                    }
                    let span = Span::new(token.span().start, next.span().end);
                    self.candidates.push((pair.to_string(), key, Shape::Open, span));
                    self.wanted.insert(key);
                }
            }
        }
        self.scan_spaced(segment, pack);
        let after_closed = self.after_closed.as_ref();
        if self.wanted.is_empty() && after_closed.is_none() {
            return;
        }
        for (i, key) in long_words() {
            let wanted = self.wanted.contains(&key) || after_closed.is_some_and(|f| f.may_contain(key));
            if wanted && alphabetic(text(i)) {
                let word = words.get(i);
                match self.closed.get_mut(word) {
                    Some(uses) => uses.push(tokens[i].span()),
                    None => {
                        self.closed.insert(word.to_string(), vec![tokens[i].span()]);
                    }
                }
            }
        }
    }
}

impl Facts {
    /// Gathers a segment's two-part hyphenated compounds, then the pairs
    /// of words that write one of them (of this segment or an earlier
    /// one) with a space.
    fn scan_spaced(&mut self, segment: &Segment<'_, '_>, pack: &Pack) {
        let is_particle = |w: &str| pack.terms.particles.iter().any(|p| p.eq_ignore_ascii_case(w));
        let tokens = segment.tokens;
        let words = segment.words;
        for sentence in segment.sentences {
            for i in sentence.tokens() {
                let Some(token) = tokens.get(i) else { continue };
                if token.kind != TokenKind::Compound {
                    continue;
                }
                let written = segment.text(token.span());
                let Some((first, second)) = words.get(i).split_once('-') else {
                    continue;
                };
                let plain = |w: &str| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_lowercase());
                // "Jean-Paul", "Hewlett-Packard": a name.
                let name = written
                    .split('-')
                    .all(|w| w.starts_with(|c: char| c.is_uppercase()));
                if !plain(first) || !plain(second) || name || is_function_word(first) || is_particle(second) {
                    continue;
                }
                let position = Facts::position(segment, sentence.tokens(), i, i);
                self.hyphenated
                    .entry(format!("{first} {second}"))
                    .or_default()
                    .push((token.span(), position));
                let byte = first.as_bytes().first().copied().unwrap_or(0);
                self.first_bytes[usize::from(byte >> 6)] |= 1u64 << (byte & 63);
                self.first_parts.insert(first.to_string());
            }
        }
        if self.first_parts.is_empty() {
            return;
        }
        let mut pair = String::new();
        for sentence in segment.sentences {
            let range = sentence.tokens();
            for i in range.start..range.end.saturating_sub(1) {
                let (Some(a), Some(b)) = (tokens.get(i), tokens.get(i + 1)) else {
                    continue;
                };
                if a.kind != TokenKind::Word || b.kind != TokenKind::Word {
                    continue;
                }
                // The first byte before any hashing: most words begin no
                // hyphenated compound of the draft.
                let first = words.get(i);
                let byte = first.as_bytes().first().copied().unwrap_or(0);
                if self.first_bytes[usize::from(byte >> 6)] & (1u64 << (byte & 63)) == 0
                    || !self.first_parts.contains(first)
                {
                    continue;
                }
                // One space between, as the hyphen would be.
                if segment.text(Span::new(a.span().end, b.span().start)) != " " {
                    continue;
                }
                pair.clear();
                pair.push_str(words.get(i));
                pair.push(' ');
                pair.push_str(words.get(i + 1));
                if self.hyphenated.contains_key(pair.as_str()) {
                    let position = Facts::position(segment, range.clone(), i, i + 1);
                    self.spaced
                        .entry(pair.clone())
                        .or_default()
                        .push((Span::new(a.span().start, b.span().end), position));
                }
            }
        }
    }

    /// Where tokens `first..=last` of a sentence stand: after a
    /// determiner and before a lower-case word that is no function word
    /// or verb ("a high speed link"), after a determiner and before
    /// anything else ("his team mate said"), or elsewhere ("in extra
    /// time").
    fn position(segment: &Segment<'_, '_>, sentence: Range<usize>, first: usize, last: usize) -> Position {
        let after_determiner = first
            .checked_sub(1)
            .filter(|i| sentence.contains(i))
            .and_then(|i| segment.tokens.get(i))
            .filter(|t| t.kind == TokenKind::Word)
            .is_some_and(|t| {
                DETERMINERS
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(segment.text(t.span())))
            });
        if !after_determiner {
            return Position::Other;
        }
        // The token after: a lower-case word or compound is the noun
        // modified; a function word, a verb, punctuation or the end of
        // the sentence says the phrase is the noun; a number or a
        // capitalised word says nothing ("its fourth-quarter 2004
        // profits").
        let Some(next) = segment
            .tokens
            .get(last + 1)
            .filter(|_| sentence.contains(&(last + 1)))
        else {
            return Position::Noun;
        };
        let text = segment.text(next.span());
        match next.kind {
            TokenKind::Word | TokenKind::Compound
                if is_function_word(text) || VERBS_AFTER.iter().any(|v| v.eq_ignore_ascii_case(text)) =>
            {
                Position::Noun
            }
            // "in the fourth quarter alone", "the long term really": an
            // adverb, no noun.
            TokenKind::Word if text.ends_with("ly") || ADVERBS_AFTER.contains(&text) => Position::Other,
            TokenKind::Word | TokenKind::Compound if text.starts_with(|c: char| c.is_lowercase()) => {
                Position::Modifier
            }
            TokenKind::Punct | TokenKind::Terminal | TokenKind::Quote => Position::Noun,
            _ => Position::Other,
        }
    }
}

/// Reports two words written apart and hyphenated ("anti virus" and
/// "anti-virus"), where the draft has no closed form of them (that is the
/// main check's): when the first is a bound prefix, every use; otherwise
/// only the uses in one position both shapes stand in ([`Position`]: "a
/// high speed link" and "a high-speed link", "his team mate said" and
/// "his team-mate on"); "in extra time" beside "an extra-time winner" is a
/// noun beside a modifier, both right.
fn spaced_and_hyphenated(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let facts = &doc.facts.terms;
    let severity = pack
        .terms
        .severity
        .unwrap_or(crate::registry::HYPHENATION.severity);
    let mut keys: Vec<&String> = facts.spaced.keys().collect();
    keys.sort();
    for key in keys {
        let (Some(spaced), Some(hyphenated)) = (facts.spaced.get(key), facts.hyphenated.get(key)) else {
            continue;
        };
        let closed: String = key.split(' ').collect();
        if facts.closed.contains_key(&closed) {
            continue;
        }
        let bound = key
            .split(' ')
            .next()
            .is_some_and(|first| BOUND_PREFIXES.contains(&first));
        // The position both shapes stand in, if one does.
        let shared = [Position::Modifier, Position::Noun]
            .into_iter()
            .find(|&p| spaced.iter().any(|u| u.1 == p) && hyphenated.iter().any(|u| u.1 == p));
        if !bound && shared.is_none() {
            continue;
        }
        let hyphen_form = key.replace(' ', "-");
        let mut uses: Vec<Use> = spaced
            .iter()
            .map(|&u| (u, key.clone()))
            .chain(hyphenated.iter().map(|&u| (u, hyphen_form.clone())))
            .filter(|((_, position), _)| bound || Some(*position) == shared)
            .map(|((span, _), form)| Use {
                form,
                span,
                edit: span,
                text: doc.text(span).to_string(),
            })
            .collect();
        uses.sort_by_key(|u| u.span);
        // Between as many of each, the hyphen where the space is the slip
        // of a prefix or modifier that lost it; between two nouns, the
        // form used first.
        let usual = (bound || shared == Some(Position::Modifier)).then_some(hyphen_form.as_str());
        findings.extend(one_word_two_ways(&uses, usual, severity, pack));
    }
}

/// The finding of one word written in several shapes, if they differ.
fn one_word_two_ways(uses: &[Use], usual: Option<&str>, severity: Severity, pack: &Pack) -> Option<Finding> {
    let inconsistency = Inconsistency {
        rule: CODE,
        origin: None,
        severity,
        uses,
        prefer: None,
        fallback: usual,
        fullest: false,
        applicability: Applicability::Safe,
        match_case: true,
        rewrite: None,
        accepted: &pack.accepted,
    };
    inconsistency.finding(|names, _| {
        format!(
            "{} are one word written {} ways",
            quote_list(names),
            crate::check::count_word(names.len())
        )
    })
}

/// Reports each word the draft writes in more than one shape.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let settings = &pack.terms;
    let is_distinct = |w: &str| settings.distinct.iter().any(|d| d.eq_ignore_ascii_case(w));
    let facts = &doc.facts.terms;
    spaced_and_hyphenated(doc, pack, findings);
    if facts.candidates.is_empty() {
        return;
    }
    let closed_uses = &facts.closed;
    // closed word -> (shape, span) of every other use, in document order.
    let mut groups: HashMap<&str, Vec<(Shape, Span)>> = HashMap::default();
    for (form, _, shape, span) in &facts.candidates {
        if let Some((closed_word, _)) = closed_uses.get_key_value(form.as_str()) {
            groups
                .entry(closed_word.as_str())
                .or_default()
                .push((*shape, *span));
        }
    }
    let severity = settings.severity.unwrap_or(crate::registry::HYPHENATION.severity);
    let mut groups: Vec<(&str, Vec<(Shape, Span)>)> = groups.into_iter().collect();
    groups.sort_by_key(|(_, uses)| uses.first().map(|u| u.1));
    for (key, mut uses) in groups {
        if is_distinct(key) {
            continue;
        }
        for &span in closed_uses.get(key).into_iter().flatten() {
            uses.push((Shape::Closed, span));
        }
        // Two capitalised words are a name ("Delta Air Lines"), compared
        // only with a closed form in camel case ("TimeWarner" beside "Time
        // Warner"), never with the common noun ("airlines").
        let camel = uses
            .iter()
            .any(|&(shape, span)| shape == Shape::Closed && is_camel(doc.text(span)));
        uses.retain(|&(shape, span)| shape != Shape::Open || camel || !is_title_case(doc.text(span)));
        // An acronym ("UNAIDS") is a name of its own, not the words it
        // sounds like closed up ("the UN aids agency").
        if uses
            .iter()
            .any(|&(shape, span)| shape == Shape::Closed && is_acronym(doc.text(span)))
        {
            continue;
        }
        uses.sort_by_key(|u| u.1);
        let uses: Vec<Use> = uses
            .iter()
            .map(|&(shape, span)| {
                let written = doc.text(span);
                let form = match shape {
                    Shape::Open => written.split_whitespace().collect::<Vec<_>>().join(" "),
                    Shape::Closed | Shape::Hyphenated => written.to_string(),
                }
                .to_lowercase();
                Use {
                    form,
                    span,
                    edit: span,
                    text: written.to_string(),
                }
            })
            .collect();
        findings.extend(one_word_two_ways(&uses, None, severity, pack));
    }
}

/// Two or more letters, all capitals ("UNAIDS", "NATO").
fn is_acronym(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && letters.all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{pair_key, word_key, Plain};

    proptest! {
        /// A plain word's keys, read from the bytes kept once, are the keys
        /// [`word_key`] and [`pair_key`] make.
        #[test]
        fn a_plain_words_keys_are_the_keys(first in "[a-zA-Z][a-zA-Z0-9]{0,7}", second in "[a-zA-Z][a-zA-Z0-9]{0,7}") {
            let mut scratch = String::new();
            let (a, b) = (Plain::of(&first), Plain::of(&second));
            prop_assert_eq!(a.key(), word_key(&first, &mut scratch));
            prop_assert_eq!(a.then(&b), pair_key(&first, &second, &mut scratch));
        }
    }
}
