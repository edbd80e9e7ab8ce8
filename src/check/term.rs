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

use std::borrow::Cow;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::check::{quote_list, Document, Inconsistency, Use};
use crate::finding::{Applicability, Finding, Span};
use crate::parse::TokenKind;
use crate::rules::Pack;

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

/// Reports each word the draft writes in more than one shape.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let settings = &pack.terms;
    let is_particle = |w: &str| settings.particles.iter().any(|p| p.eq_ignore_ascii_case(w));
    let is_distinct = |w: &str| settings.distinct.iter().any(|d| d.eq_ignore_ascii_case(w));
    let tokens = &doc.tokens;
    let text = |i: usize| doc.text(tokens[i].span());
    // One pass over the bytes of an ASCII word: a byte past ASCII fails
    // the first test.
    let alphabetic = |w: &str| {
        w.bytes().all(|b| b.is_ascii_alphabetic()) || (!w.is_ascii() && w.chars().all(char::is_alphabetic))
    };

    let words = &doc.words;
    // Each word long enough to be two words, with the key of its lower
    // case. A closed word must also be all letters: that is checked only
    // for the few that share a key with another form.
    let long_words = || {
        tokens
            .iter()
            .enumerate()
            .filter(|(_, token)| matches!(token.kind, TokenKind::Word) && token.span().len() >= 5)
            .map(|(i, _)| (i, form_key(words.get(i))))
    };
    // Sized by the tokens, of which the long words are a part: no count
    // (or list) of them first.
    let mut filter = Filter::new(tokens.len());
    for (_, key) in long_words() {
        filter.insert(key);
    }
    // The hyphenated and open forms that may be a closed word of the draft
    // (the filter rejects most that are not), in document order: the closed
    // word they would be, its key, their shape and span.
    let mut candidates: Vec<(Cow<'_, str>, u64, Shape, Span)> = Vec::new();
    let mut joined = String::new();
    for sentence in &doc.sentences {
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
                    candidates.push((Cow::Owned(joined.clone()), key, Shape::Hyphenated, token.span()));
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
                if pair.len() < 5 || !filter.may_contain(key) {
                    continue;
                }
                let (word, second) = (doc.text(token.span()), doc.text(next.span()));
                if is_function_word(word) || is_function_word(second) || is_particle(second) {
                    continue;
                }
                let span = Span::new(token.span().start, next.span().end);
                candidates.push((Cow::Borrowed(pair), key, Shape::Open, span));
            }
        }
    }
    if candidates.is_empty() {
        return;
    }
    // closed word -> span of each of its uses, for the closed words that
    // share a key with a candidate, in document order.
    let wanted: HashSet<u64> = candidates.iter().map(|c| c.1).collect();
    let mut closed_uses: HashMap<&str, Vec<Span>> = HashMap::default();
    for (i, key) in long_words() {
        if wanted.contains(&key) && alphabetic(text(i)) {
            closed_uses
                .entry(words.get(i))
                .or_default()
                .push(tokens[i].span());
        }
    }
    // closed word -> (shape, span) of every other use, in document order.
    let mut groups: HashMap<&str, Vec<(Shape, Span)>> = HashMap::default();
    for (form, _, shape, span) in candidates {
        if let Some((&closed_word, _)) = closed_uses.get_key_value(form.as_ref()) {
            groups.entry(closed_word).or_default().push((shape, span));
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
