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
    word.chars().count() < 2 || FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word))
}

/// A closed word's length and first three bytes in ASCII lower case, or
/// the same of two words written together.
type Shape3 = (usize, [u8; 3]);

fn shape_of(first: &[u8], second: &[u8]) -> Shape3 {
    let mut head = [0u8; 3];
    for (slot, b) in head.iter_mut().zip(first.iter().chain(second)) {
        *slot = b.to_ascii_lowercase();
    }
    (first.len() + second.len(), head)
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
    let text = |i: usize| doc.text(tokens[i].span);
    let alphabetic = |w: &str| {
        if w.is_ascii() {
            w.bytes().all(|b| b.is_ascii_alphabetic())
        } else {
            w.chars().all(char::is_alphabetic)
        }
    };

    let words = &doc.words;
    // Every closed word long enough to be two words, by its lower case
    // (borrowed from the draft's lowered words: no copy per word).
    let mut closed: HashMap<&str, Vec<usize>> = HashMap::default();
    // The length and first letters of each closed word: a pair of words
    // whose shape is not here needs no lookup.
    let mut shapes: HashSet<Shape3> = HashSet::default();
    for (i, token) in tokens.iter().enumerate() {
        let word = text(i);
        if token.kind == TokenKind::Word && word.len() >= 5 && alphabetic(word) {
            let lower = words.get(i);
            closed
                .entry(lower)
                .or_insert_with(|| {
                    shapes.insert(shape_of(lower.as_bytes(), b""));
                    Vec::new()
                })
                .push(i);
        }
    }
    if closed.is_empty() {
        return;
    }
    // closed word -> (shape, span) of every other use, in document order.
    let mut groups: HashMap<&str, Vec<(Shape, Span)>> = HashMap::default();
    let mut key = String::new();
    for sentence in &doc.sentences {
        for i in sentence.tokens.clone() {
            let token = tokens[i];
            if token.kind == TokenKind::Compound {
                key.clear();
                key.extend(
                    words
                        .get(i)
                        .chars()
                        .filter(|&c| c != '-' && c != '\u{2010}' && c != '\u{2011}'),
                );
                if let Some((&closed_word, _)) = closed.get_key_value(key.as_str()) {
                    if alphabetic(&key) {
                        groups
                            .entry(closed_word)
                            .or_default()
                            .push((Shape::Hyphenated, token.span));
                    }
                }
            }
            let next = i + 1;
            if token.kind == TokenKind::Word
                && next < sentence.tokens.end
                && tokens[next].kind == TokenKind::Word
            {
                // The lowered words of a pair lie side by side: together
                // they read as the closed word.
                let pair = words.joined(i..next + 1);
                // The cheap tests first: most pairs of words are no closed
                // word of the draft.
                if pair.len() < 5 || !shapes.contains(&shape_of(pair.as_bytes(), b"")) {
                    continue;
                }
                let Some((&closed_word, _)) = closed.get_key_value(pair) else {
                    continue;
                };
                let (word, second) = (text(i), text(next));
                if is_function_word(word) || is_function_word(second) || is_particle(second) {
                    continue;
                }
                let span = Span::new(token.span.start, tokens[next].span.end);
                groups.entry(closed_word).or_default().push((Shape::Open, span));
            }
        }
    }
    let severity = settings.severity.unwrap_or_default();
    let mut groups: Vec<(&str, Vec<(Shape, Span)>)> = groups.into_iter().collect();
    groups.sort_by_key(|(_, uses)| uses.first().map(|u| u.1));
    for (key, mut uses) in groups {
        if is_distinct(key) {
            continue;
        }
        for &i in closed.get(key).into_iter().flatten() {
            uses.push((Shape::Closed, tokens[i].span));
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
