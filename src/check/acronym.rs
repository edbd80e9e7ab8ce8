//! `acronym.conflict`, `acronym.early`, `acronym.unused`, `acronym.mixed`:
//! an acronym defined two ways, used before its definition, defined and
//! never used, or spelled out again after its definition.
//!
//! Why: a reader meets "FSA" and needs to know what it stands for, once,
//! where it first appears; two definitions leave them guessing, and a
//! definition never used is clutter.
//!
//! Example: "The FSA regrouped ... the Free Syrian Army (FSA) said". Use
//! instead: define it at the first use, "the Free Syrian Army (FSA)
//! regrouped ... the FSA said".
//!
//! A definition is a capitalised phrase whose initials spell the acronym
//! right before it in brackets ("Free Syrian Army (FSA)"), or the acronym
//! with such a phrase in brackets after it ("FSA (Free Syrian Army)");
//! small words ("of", "the", "and", "for") may stand between the
//! initials. A headline (a first line with no full stop) or a caption
//! may use an acronym the story then defines. Acronyms every reader knows (the `acronyms: known:` list:
//! "UN", "NATO") need no definition, so using them before one is no slip.
//! A spelled-out form after the definition is reported only where the pack
//! asks (`acronyms: mixed: true`), since many desks repeat the full name
//! for variety; so is a definition never used (`unused: true`), since
//! some desks define an acronym for the reader's sake alone (the style
//! packs ask for it). `acronym.unused` is info; the others take the pack's
//! severity (warning). Only `acronym.mixed` carries a fix (the acronym for
//! the phrase, safe); a clash or an early use needs an editor.

use rustc_hash::FxHashMap as HashMap;

use crate::check::{quote_list, Document, Segment};
use crate::finding::{Applicability, Edit, Finding, Fix, Span};
use crate::parse::TokenKind;
use crate::rules::Pack;

/// The prefix of every code of the family, under which its examples run.
pub const FAMILY: &str = "acronym.";
/// One acronym defined two ways.
pub const CONFLICT: &str = crate::registry::ACRONYM_CONFLICT.code;
/// An acronym used before its definition.
pub const EARLY: &str = crate::registry::ACRONYM_EARLY.code;
/// An acronym defined and never used.
pub const UNUSED: &str = crate::registry::ACRONYM_UNUSED.code;
/// A spelled-out form after the definition (only where the pack asks).
pub const MIXED: &str = crate::registry::ACRONYM_MIXED.code;

/// Small words that may stand between the initials of a long form.
const SMALL: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "to", "&",
];

/// A definition found in the draft.
#[derive(Debug)]
struct Definition {
    /// The acronym's span in the definition.
    acronym: Span,
    /// The long form's span.
    long: Span,
    /// The long form, words joined by single spaces.
    long_text: String,
    /// The whole definition, acronym and long form and brackets.
    whole: Span,
}

/// What the draft's segments hold of its acronyms, gathered as they are
/// read.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// Every definition of each acronym, in order.
    definitions: HashMap<String, Vec<Definition>>,
    /// Every other use of each acronym, in order.
    uses: HashMap<String, Vec<Span>>,
    /// Where the long form of each acronym's first definition is written
    /// again after it, in order (only when the pack asks for
    /// `acronym.mixed`).
    again: HashMap<String, Vec<Span>>,
}

/// Reports acronyms defined two ways, used early, unused or mixed.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let settings = &pack.acronyms;
    let severity = settings
        .severity
        .unwrap_or(crate::registry::ACRONYM_CONFLICT.severity);
    let Facts {
        definitions,
        uses,
        again,
    } = &doc.facts.acronyms;
    let mut names: Vec<&String> = definitions.keys().collect();
    names.sort();
    for acronym in names {
        let defs = &definitions[acronym];
        let Some(first) = defs.first() else {
            continue;
        };
        let used: Vec<Span> = uses.get(acronym.as_str()).cloned().unwrap_or_default();
        // Defined two ways.
        let mut ways: Vec<&Definition> = Vec::new();
        for d in defs {
            if !ways.iter().any(|w| same_long_form(&w.long_text, &d.long_text)) {
                ways.push(d);
            }
        }
        if ways.len() >= 2 {
            let texts: Vec<&str> = ways.iter().map(|d| d.long_text.as_str()).collect();
            findings.push(Finding {
                rule: CONFLICT,
                origin: None,
                severity,
                message: format!(
                    "\"{acronym}\" is defined as {}; define it once",
                    quote_list(&texts)
                ),
                span: ways[1].whole,
                related: ways
                    .iter()
                    .filter(|d| d.whole != ways[1].whole)
                    .map(|d| d.whole)
                    .collect(),
                fix: None,
            });
        }
        // Used before its definition.
        let known = settings.known.iter().any(|k| k == acronym);
        // A headline or caption may use the acronym the story then defines.
        let headline = doc.headline().unwrap_or_default();
        let early: Vec<Span> = used
            .iter()
            .copied()
            .filter(|u| u.end <= first.whole.start && !headline.overlaps(*u) && !doc.in_display(*u))
            .collect();
        if !known && !early.is_empty() {
            findings.push(Finding {
                rule: EARLY,
                origin: None,
                severity,
                message: format!(
                    "\"{acronym}\" is used before its definition (\"{} ({acronym})\"); define it at its first use",
                    first.long_text
                ),
                span: early[0],
                related: std::iter::once(first.whole).chain(early[1..].iter().copied()).collect(),
                fix: None,
            });
        }
        // Defined and never used.
        if settings.unused == Some(true) && used.is_empty() && defs.len() == 1 {
            findings.push(Finding {
                rule: UNUSED,
                origin: None,
                severity: crate::registry::ACRONYM_UNUSED.severity,
                message: format!(
                    "\"{acronym}\" is defined (\"{}\") but never used; the definition can go",
                    first.long_text
                ),
                span: first.acronym,
                related: vec![first.long],
                fix: None,
            });
        }
        // Spelled out again after the definition.
        if settings.mixed == Some(true) {
            let again = again.get(acronym.as_str()).map(Vec::as_slice).unwrap_or_default();
            if !again.is_empty() {
                let edits = again
                    .iter()
                    .map(|&span| Edit {
                        span,
                        replacement: acronym.clone(),
                    })
                    .collect();
                findings.push(Finding {
                    rule: MIXED,
                    origin: None,
                    severity,
                    message: format!(
                        "\"{}\" is spelled out again after it was defined as \"{acronym}\"; use \"{acronym}\"",
                        first.long_text
                    ),
                    span: again[0],
                    related: std::iter::once(first.whole).chain(again[1..].iter().copied()).collect(),
                    fix: Fix::new(Applicability::Safe, edits),
                });
            }
        }
    }
}

fn same_long_form(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        s.split_whitespace()
            .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()))
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    key(a) == key(b)
}

/// An acronym: two to eight letters (digits after the first allowed), all
/// capitals ("FSA", "G20"). Read as bytes: an acronym is ASCII, so its
/// bytes are its characters, and a word's bytes need no check of character
/// boundaries to slice.
fn is_acronym(bytes: &[u8]) -> bool {
    // Most words fail on their first two bytes.
    bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes
            .get(1)
            .is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && (2..=8).contains(&bytes.len())
        && bytes.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && bytes.iter().filter(|b| b.is_ascii_alphabetic()).count() >= 2
}

impl Facts {
    /// Gathers the definitions and uses of acronyms in a segment, which
    /// follows every segment gathered before.
    pub(crate) fn scan(&mut self, segment: &Segment<'_, '_>, pack: &Pack) {
        let tokens = segment.tokens;
        let text = |i: usize| segment.text(tokens[i].span());
        let source = segment.source.text.as_bytes();
        // Every acronym of the segment, by token, in one pass over the
        // tokens that turns most away at their first byte.
        let mut acronyms: Vec<usize> = Vec::new();
        for (i, token) in tokens.indexed() {
            if token.kind == TokenKind::Word
                && source
                    .get(token.span().start..token.span().end)
                    .is_some_and(is_acronym)
            {
                acronyms.push(i);
            }
        }
        // The acronym token of each definition: a few, not a flag a token.
        let mut in_definition: Vec<usize> = Vec::new();
        // The sentences from the one that holds the acronym on (both in order).
        let mut sentences = segment.sentences.iter().peekable();
        for &i in &acronyms {
            while sentences.next_if(|s| s.tokens().end <= i).is_some() {}
            let Some(range) = sentences.peek().map(|s| s.tokens()).filter(|r| r.contains(&i)) else {
                continue;
            };
            let acronym = text(i);
            let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).collect();
            let mut define = |long: Span, whole: Span| {
                in_definition.push(i);
                self.definitions
                    .entry(acronym.to_string())
                    .or_default()
                    .push(Definition {
                        acronym: tokens[i].span(),
                        long,
                        long_text: words_of(segment.text(long)),
                        whole,
                    });
            };
            // "Free Syrian Army (FSA)"
            if i > range.start && i + 1 < range.end && text(i - 1) == "(" && text(i + 1) == ")" {
                if let Some(start) = long_form_before(segment, range.start, i - 1, &letters) {
                    let long = Span::new(tokens[start].span().start, tokens[i - 2].span().end);
                    define(long, Span::new(long.start, tokens[i + 1].span().end));
                    continue;
                }
            }
            // "FSA (Free Syrian Army)"
            if i + 2 < range.end && text(i + 1) == "(" {
                if let Some(close) = (i + 2..range.end.min(i + 16)).find(|&j| text(j) == ")") {
                    if spells(segment, i + 2, close, &letters) {
                        let long = Span::new(tokens[i + 2].span().start, tokens[close - 1].span().end);
                        define(long, Span::new(tokens[i].span().start, tokens[close].span().end));
                    }
                }
            }
        }
        // Every use outside a definition: which acronyms are defined is
        // known only once the whole draft is read.
        for &i in &acronyms {
            if !in_definition.contains(&i) {
                self.uses
                    .entry(text(i).to_string())
                    .or_default()
                    .push(tokens[i].span());
            }
        }
        if pack.acronyms.mixed == Some(true) {
            for (acronym, defs) in &self.definitions {
                if let Some(first) = defs.first() {
                    let again = long_forms_after(segment, first);
                    if !again.is_empty() {
                        self.again.entry(acronym.clone()).or_default().extend(again);
                    }
                }
            }
        }
    }
}

fn words_of(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first token of the long form that ends right before token `end`
/// (exclusive) and whose initials spell `letters`, if any.
fn long_form_before(
    segment: &Segment<'_, '_>,
    sentence_start: usize,
    end: usize,
    letters: &[char],
) -> Option<usize> {
    let mut need = letters.len();
    let mut j = end;
    while j > sentence_start && need > 0 {
        j -= 1;
        let token = segment.tokens[j];
        let word = segment.text(token.span());
        if need < letters.len() && SMALL.contains(&word) {
            continue;
        }
        if !matches!(token.kind, TokenKind::Word | TokenKind::Compound) {
            return None;
        }
        // A compound gives one initial per part ("Al-Qaeda" gives A, Q)
        // or one for the whole.
        let initials: Vec<char> = word.split('-').filter_map(|p| p.chars().next()).collect();
        let first = initials.first().copied()?;
        if !first.is_uppercase() {
            return None;
        }
        let fits = |chars: &[char]| {
            chars.len() <= need
                && chars
                    .iter()
                    .zip(&letters[need - chars.len()..need])
                    .all(|(a, b)| a.to_uppercase().eq(b.to_uppercase()))
        };
        if initials.len() > 1 && fits(&initials) {
            need -= initials.len();
        } else if fits(&[first]) {
            need -= 1;
        } else {
            return None;
        }
    }
    (need == 0).then_some(j)
}

/// Whether tokens `from..to` are a long form whose initials spell
/// `letters`.
fn spells(segment: &Segment<'_, '_>, from: usize, to: usize, letters: &[char]) -> bool {
    if from >= to {
        return false;
    }
    long_form_before(segment, from, to, letters) == Some(from)
}

/// Where the definition's long form is written again in a segment, after
/// the definition, each time inside one sentence.
fn long_forms_after(segment: &Segment<'_, '_>, def: &Definition) -> Vec<Span> {
    let words: Vec<&str> = def.long_text.split(' ').collect();
    let tokens = segment.tokens;
    let after = tokens.partition_point(|t| t.span().start < def.whole.end);
    let mut found = Vec::new();
    for sentence in segment.sentences.iter().filter(|s| s.tokens().end > after) {
        let mut i = sentence.tokens().start.max(after);
        while i + words.len() <= sentence.tokens().end {
            let matches = words
                .iter()
                .enumerate()
                .all(|(k, w)| segment.text(tokens[i + k].span()) == *w);
            if matches {
                found.push(Span::new(
                    tokens[i].span().start,
                    tokens[i + words.len() - 1].span().end,
                ));
                i += words.len();
            } else {
                i += 1;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::rules::{parse_file, Pack};
    use crate::source::{Format, Source};
    use crate::Checker;

    fn rules(text: &str, mixed: bool) -> Vec<(&'static str, String)> {
        let mut pack = Pack::default();
        let yaml = format!("acronyms:\n  known: [UN]\n  mixed: {mixed}\n  unused: true\n");
        pack.add(parse_file("t.yaml", &yaml).unwrap());
        let source = Source::new("t.txt", text, Format::Text);
        Checker::new(pack)
            .check(&source)
            .into_iter()
            .filter(|f| f.rule.starts_with("acronym."))
            .map(|f| (f.rule, f.span.slice(text).to_string()))
            .collect()
    }

    #[test]
    fn a_definition_before_every_use_is_right() {
        assert_eq!(
            rules("The Free Syrian Army (FSA) withdrew. The FSA regrouped.", true),
            []
        );
        assert_eq!(
            rules("The FSA (Free Syrian Army) withdrew. The FSA regrouped.", true),
            []
        );
        assert_eq!(
            rules(
                "The Organisation for the Prohibition of Chemical Weapons (OPCW) met. The OPCW agreed.",
                true
            ),
            []
        );
    }

    #[test]
    fn each_slip_is_found() {
        assert_eq!(
            rules("The FSA regrouped. The Free Syrian Army (FSA) said so.", false),
            [("acronym.early", "FSA".to_string())]
        );
        assert_eq!(
            rules("The Free Syrian Army (FSA) said so.", false),
            [("acronym.unused", "FSA".to_string())]
        );
        assert_eq!(
            rules(
                "The Free Syrian Army (FSA) said so. Later the FSA (Free Syria Army) denied it.",
                false
            ),
            [("acronym.conflict", "FSA (Free Syria Army)".to_string())]
        );
        assert_eq!(
            rules(
                "The Free Syrian Army (FSA) said so. The FSA and the Free Syrian Army agree.",
                true
            ),
            [("acronym.mixed", "Free Syrian Army".to_string())]
        );
        assert_eq!(
            rules(
                "The Free Syrian Army (FSA) said so. The FSA and the Free Syrian Army agree.",
                false
            ),
            []
        );
    }

    #[test]
    fn known_acronyms_need_no_definition_and_brackets_need_initials() {
        assert_eq!(rules("The UN met. The United Nations (UN) agreed.", false), []);
        assert_eq!(rules("Sales rose (GDP) and the FSA said so.", false), []);
    }
}
