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

/// Appends `word` in lower case; most words are ASCII, which needs no
/// Unicode case tables.
fn push_lower(out: &mut String, word: &str) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
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
    let text = |i: usize| doc.text(tokens[i].span);
    let alphabetic = |w: &str| {
        if w.is_ascii() {
            w.bytes().all(|b| b.is_ascii_alphabetic())
        } else {
            w.chars().all(char::is_alphabetic)
        }
    };

    // Every closed word long enough to be two words, by its lower case.
    let mut closed: HashMap<String, Vec<usize>> = HashMap::default();
    // The length and first letters of each closed word: a pair of words
    // whose shape is not here needs no lower-casing and no lookup.
    let mut shapes: HashSet<Shape3> = HashSet::default();
    let mut lower = String::new();
    for (i, token) in tokens.iter().enumerate() {
        let word = text(i);
        if token.kind == TokenKind::Word && word.len() >= 5 && alphabetic(word) {
            lower.clear();
            push_lower(&mut lower, word);
            // A word seen before costs a lookup, not an allocation.
            match closed.get_mut(lower.as_str()) {
                Some(places) => places.push(i),
                None => {
                    shapes.insert(shape_of(lower.as_bytes(), b""));
                    closed.insert(lower.clone(), vec![i]);
                }
            }
        }
    }
    // key -> (shape, span, text) of every use, in document order.
    let mut groups: HashMap<String, Vec<(Shape, Span)>> = HashMap::default();
    let mut key = String::new();
    for sentence in &doc.sentences {
        for i in sentence.tokens.clone() {
            let token = tokens[i];
            let word = text(i);
            if token.kind == TokenKind::Compound {
                key.clear();
                key.extend(
                    word.chars()
                        .filter(|&c| c != '-' && c != '\u{2010}' && c != '\u{2011}'),
                );
                let lower = key.to_lowercase();
                if closed.contains_key(&lower) && alphabetic(&key) {
                    groups
                        .entry(lower)
                        .or_default()
                        .push((Shape::Hyphenated, token.span));
                }
            }
            let next = i + 1;
            if token.kind == TokenKind::Word
                && next < sentence.tokens.end
                && tokens[next].kind == TokenKind::Word
            {
                let second = text(next);
                // The cheap test first: most pairs of words are no closed
                // word of the draft.
                if word.len() + second.len() < 5 {
                    continue;
                }
                // Lower-casing keeps an ASCII pair's length; others take the
                // slow path.
                let ascii = word.is_ascii() && second.is_ascii();
                if ascii && !shapes.contains(&shape_of(word.as_bytes(), second.as_bytes())) {
                    continue;
                }
                key.clear();
                push_lower(&mut key, word);
                push_lower(&mut key, second);
                if !closed.contains_key(key.as_str()) {
                    continue;
                }
                if is_function_word(word)
                    || is_function_word(second)
                    || is_particle(second)
                    || !alphabetic(&key)
                {
                    continue;
                }
                let span = Span::new(token.span.start, tokens[next].span.end);
                groups.entry(key.clone()).or_default().push((Shape::Open, span));
            }
        }
    }
    let severity = settings.severity.unwrap_or_default();
    for (key, mut uses) in groups {
        if is_distinct(&key) {
            continue;
        }
        for &i in &closed[&key] {
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
