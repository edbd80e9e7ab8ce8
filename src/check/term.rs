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
//! with a hyphen ("cease-fire") or a space ("cease fire"). The hyphenated
//! and spaced forms alone are not compared with each other: "a long-term
//! plan" and "in the long term" are both right. Spaced forms whose second
//! word is a particle are phrasal verbs ("take over" beside "takeover"),
//! and the pack lists closed words that are different words from their
//! spaced form ("everyday", "maybe"). The fix keeps the casing of the text
//! it replaces and is safe.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use std::ops::Range;

use crate::check::{quote_list, Document, Inconsistency, Segment, Use};
use crate::finding::{Applicability, Finding, Span};
use crate::parse::TokenKind;
use crate::rules::Pack;
use crate::source::Source;

/// The rule code.
pub const CODE: &str = "terms.hyphenation";

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
    let bytes = form.as_bytes();
    let len = bytes.len();
    let at = |i: usize| u64::from(bytes.get(i).copied().unwrap_or(0));
    (len as u64) << 40
        | at(0) << 32
        | at(1) << 24
        | at(2) << 16
        | at(len.wrapping_sub(2)) << 8
        | at(len.wrapping_sub(1))
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
/// the draft, perhaps in a later segment: so the keys of the draft's long
/// words are read ahead of the segments (a parse of each that keeps
/// nothing else), unless the draft is one segment. A closed word counts
/// when some form has its letters, perhaps in a later segment: those of
/// the segments before the form's are looked for again at the end, in the
/// segments whose own keys say they may hold them.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// The keys of the draft's long words.
    long_words: Option<Filter>,
    /// The keys of each segment's long words, read ahead with
    /// `long_words` (for a draft of more than one segment).
    segment_words: Vec<Filter>,
    /// The hyphenated and open forms that may be a closed word of the
    /// draft (the filter rejects most that are not), in order: the closed
    /// word they would be, its key, their shape and span.
    candidates: Vec<(String, u64, Shape, Span)>,
    /// The key of each candidate, with the segment it first appears in.
    wanted: HashMap<u64, usize>,
    /// Closed word -> the span of each of its uses, in order, for the
    /// closed words whose key was wanted when their segment was read.
    closed: HashMap<String, Vec<Span>>,
}

/// The key of a word as [`Words`](crate::parse::Words) compares it, lower
/// case with straight apostrophes, using `scratch` for the lowered copy.
fn word_key(word: &str, scratch: &mut String) -> u64 {
    scratch.clear();
    if word.is_ascii() {
        scratch.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        scratch.push_str(&crate::parse::normalize(word));
    }
    form_key(scratch)
}

/// The long words of a parsed piece of the draft: their index in
/// `tokens` and their text.
fn long_words<'t>(
    text: &'t str,
    tokens: &'t [crate::parse::Token],
) -> impl Iterator<Item = (usize, &'t str)> {
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == TokenKind::Word && t.span().len() >= LONG)
        .map(move |(i, t)| (i, t.span().slice(text)))
}

/// One pass over the bytes of an ASCII word: a byte past ASCII fails the
/// first test.
fn alphabetic(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_alphabetic()) || (!w.is_ascii() && w.chars().all(char::is_alphabetic))
}

impl Facts {
    /// The facts of a draft of more than one segment before any is read:
    /// the keys of its long words, of all of it and of each segment.
    pub(crate) fn ahead(source: &Source, segments: &[Range<usize>]) -> Facts {
        let prose: usize = source
            .blocks
            .iter()
            .flat_map(|b| &b.pieces)
            .map(|p| p.end.saturating_sub(p.start))
            .sum();
        // About one token in five bytes of prose, as `parse` sizes its table.
        let mut all = Filter::new(prose / 5 + 1);
        let mut segment_words = Vec::with_capacity(segments.len());
        let mut scratch = String::new();
        let mut keys: Vec<u64> = Vec::new();
        for blocks in segments {
            let parsed = crate::parse::parse(
                &source.text,
                source.blocks.get(blocks.clone()).unwrap_or_default(),
            );
            keys.clear();
            keys.extend(long_words(&source.text, &parsed.tokens).map(|(_, w)| word_key(w, &mut scratch)));
            // A segment repeats its words: its table is sized by the
            // distinct ones, as a long draft keeps one a segment.
            keys.sort_unstable();
            keys.dedup();
            let mut own = Filter::new(keys.len());
            for &key in &keys {
                all.insert(key);
                own.insert(key);
            }
            segment_words.push(own);
        }
        Facts {
            long_words: Some(all),
            segment_words,
            ..Facts::default()
        }
    }

    /// Gathers the forms of segment `n`, which follows every segment
    /// gathered before.
    pub(crate) fn scan(&mut self, segment: &Segment<'_, '_>, pack: &Pack, n: usize) {
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
            let start = sentence.tokens.start;
            let in_sentence = tokens.get(sentence.tokens.clone()).unwrap_or_default();
            for (k, token) in in_sentence.iter().enumerate() {
                let i = start + k;
                if matches!(token.kind, TokenKind::Compound) {
                    joined.clear();
                    joined.extend(
                        words
                            .get(i)
                            .chars()
                            .filter(|&c| c != '-' && c != '\u{2010}' && c != '\u{2011}'),
                    );
                    let key = form_key(&joined);
                    if filter.may_contain(key) && alphabetic(&joined) {
                        self.candidates
                            .push((joined.clone(), key, Shape::Hyphenated, token.span()));
                        self.wanted.entry(key).or_insert(n);
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
                    self.wanted.entry(key).or_insert(n);
                }
            }
        }
        if self.wanted.is_empty() {
            return;
        }
        for (i, key) in long_words() {
            if self.wanted.contains_key(&key) && alphabetic(text(i)) {
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

    /// The uses of each closed word a form was gathered for: those gathered
    /// with the segments, and those of the segments before the form's,
    /// found again in `source` (split into `segments`).
    fn closed_uses(&self, source: &Source, segments: &[Range<usize>]) -> HashMap<&str, Vec<Span>> {
        // The keys to look for again in each segment before the one where
        // a form with that key first appears.
        let mut again: Vec<HashSet<u64>> = vec![HashSet::default(); segments.len()];
        for (&key, &first) in &self.wanted {
            for (k, own) in self.segment_words.iter().enumerate().take(first) {
                if own.may_contain(key) {
                    again[k].insert(key);
                }
            }
        }
        let mut uses: HashMap<&str, Vec<Span>> = HashMap::default();
        let mut earlier: HashMap<String, Vec<Span>> = HashMap::default();
        let mut scratch = String::new();
        for (blocks, keys) in segments.iter().zip(&again).filter(|(_, keys)| !keys.is_empty()) {
            let parsed = crate::parse::parse(
                &source.text,
                source.blocks.get(blocks.clone()).unwrap_or_default(),
            );
            for (i, word) in long_words(&source.text, &parsed.tokens) {
                if keys.contains(&word_key(word, &mut scratch)) && alphabetic(word) {
                    earlier
                        .entry(scratch.clone())
                        .or_default()
                        .push(parsed.tokens[i].span());
                }
            }
        }
        for (word, spans) in &self.closed {
            let mut all = earlier.remove(word).unwrap_or_default();
            all.extend_from_slice(spans);
            uses.insert(word, all);
        }
        // A closed word found again with no use in the segments gathered
        // after it is a closed word of the draft all the same: keyed by the
        // form that wanted it.
        if !earlier.is_empty() {
            for (form, ..) in &self.candidates {
                if let Some(spans) = earlier.remove(form) {
                    uses.insert(form, spans);
                }
            }
        }
        uses
    }
}

/// Reports each word the draft writes in more than one shape.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let settings = &pack.terms;
    let is_distinct = |w: &str| settings.distinct.iter().any(|d| d.eq_ignore_ascii_case(w));
    let facts = &doc.facts.terms;
    if facts.candidates.is_empty() {
        return;
    }
    let closed_uses = facts.closed_uses(doc.source, &doc.facts.segments);
    // closed word -> (shape, span) of every other use, in document order.
    let mut groups: HashMap<&str, Vec<(Shape, Span)>> = HashMap::default();
    for (form, _, shape, span) in &facts.candidates {
        if let Some((&closed_word, _)) = closed_uses.get_key_value(form.as_str()) {
            groups.entry(closed_word).or_default().push((*shape, *span));
        }
    }
    let severity = settings.severity.unwrap_or_default();
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
        let inconsistency = Inconsistency {
            rule: CODE,
            origin: None,
            severity,
            uses: &uses,
            prefer: None,
            applicability: Applicability::Safe,
            match_case: true,
            rewrite: None,
            accepted: &pack.accepted,
        };
        findings.extend(inconsistency.finding(|names, _| {
            format!(
                "{} are one word written {} ways",
                quote_list(names),
                crate::check::count_word(names.len())
            )
        }));
    }
}
