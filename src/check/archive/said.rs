//! What an article says of a person that the archive keeps: the titles
//! of a single holder it gives them ("Foreign Secretary Jack Straw",
//! "Jack Straw, the foreign secretary,", "Sergey Lavrov, Russia's foreign
//! minister,") and their ages ("Jane Smith, 45,", "the 45-year-old Smith").
//! `learn` records them and `naming.archive` compares a draft's with them,
//! both by this one reader.
//!
//! Only titles that one person holds at a time are read: an office that
//! is one of its kind for the desk ("Home Secretary", "Chancellor"), or an
//! office every country or body has, when the article names whose it is
//! ("Russian Foreign Minister", "BA chief executive"). Titles many hold at
//! once ("minister", "spokesman", "MP", "senator") and a title marked as
//! past, future or temporary ("former", "acting", "new") are never read.

use std::ops::Range;

use jiff::civil::Date;

use crate::claim::calendar::DateOrigin;
use crate::finding::Span;
use crate::mention::{Known, Name, Target};
use crate::parse::{Sentence, TokenKind, Window};
use crate::rules::Pack;

/// The offices one person holds at a time, as the pack's titles name them
/// (in lower case), and whether the office needs a country or body before
/// it to be one office ("Russian Foreign Minister"; "Prime Minister"
/// alone may be any country's).
const OFFICES: &[(&str, bool)] = &[
    ("foreign secretary", false),
    ("home secretary", false),
    ("chancellor of the exchequer", false),
    ("chancellor", false),
    ("health secretary", false),
    ("justice secretary", false),
    ("business secretary", false),
    ("defence secretary", false),
    ("treasury secretary", false),
    ("shadow chancellor", false),
    ("leader of the opposition", false),
    ("house speaker", false),
    ("national security adviser", false),
    ("european commission president", false),
    ("european council president", false),
    ("high representative", false),
    ("high commissioner for refugees", false),
    ("president", true),
    ("vice president", true),
    ("prime minister", true),
    ("deputy prime minister", true),
    ("foreign minister", true),
    ("finance minister", true),
    ("interior minister", true),
    ("defence minister", true),
    ("secretary of state", true),
    ("attorney general", true),
    ("secretary-general", true),
    ("chief executive", true),
    ("chairman", true),
    ("governor", true),
    ("mayor", true),
];

/// Words before a title that make it past, future, temporary or new: the
/// archive's holder may rightly be another.
const CHANGING: &[&str] = &[
    "former",
    "then",
    "now",
    "ex",
    "outgoing",
    "incoming",
    "acting",
    "interim",
    "future",
    "previously",
    "once",
    "shadow",
    "deputy",
    "vice",
    "new",
    "late",
    "caretaker",
    "designate",
    "would-be",
];

/// Capitalised words before a title that do not say whose office it is:
/// a sentence's opening word, or a party (many of whose members hold the
/// office at once: "Republican Governor").
const NOT_QUALIFIERS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "as",
    "when",
    "if",
    "then",
    "yesterday",
    "today",
    "also",
    "labour",
    "tory",
    "tories",
    "conservative",
    "liberal",
    "democrat",
    "democratic",
    "republican",
    "socialist",
    "green",
    "snp",
    "ukip",
    "lib",
    "dem",
    "party",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "lord",
    "democrats",
    "republicans",
    "conservatives",
    "socialists",
    "greens",
    "nationalist",
    "nationalists",
    "unionist",
    "unionists",
    "dems",
];

/// The office each of a pack's titles is, if it is one of `OFFICES`:
/// by the title's index, compiled once per pack.
#[derive(Clone, Debug, Default)]
pub struct Offices(Vec<Option<(&'static str, bool)>>);

impl Offices {
    /// The offices of `pack`'s titles.
    pub fn new(pack: &Pack) -> Offices {
        Offices(
            pack.titles
                .iter()
                .map(|t| {
                    let name = t.name.to_lowercase();
                    OFFICES.iter().find(|(o, _)| *o == name).copied()
                })
                .collect(),
        )
    }

    fn of(&self, target: Target) -> Option<(&'static str, bool)> {
        match target {
            Target::Title { rule, .. } => self.0.get(rule).copied().flatten(),
            _ => None,
        }
    }
}

/// One thing an article says of a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    /// The person: the full name's index among the draft's names.
    pub name: usize,
    /// What is said.
    pub what: What,
    /// Where it is said (the title, or the age).
    pub span: Span,
}

/// A title or an age.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// A title of one holder: as the archive keys it (lower case, with its
    /// qualifier: "russian foreign minister") and the office alone.
    Title {
        /// The title with its qualifier.
        title: String,
        /// The office ("foreign minister").
        office: &'static str,
    },
    /// An age in years.
    Age(u8),
}

/// One segment of an article as the reader sees it.
#[derive(Clone, Copy)]
pub struct Segment<'a> {
    /// The article's text.
    pub text: &'a str,
    /// The segment's tokens.
    pub tokens: Window<'a>,
    /// The segment's sentences.
    pub sentences: &'a [Sentence],
    /// Every name found so far.
    pub names: &'a [Name],
    /// Every known form found so far.
    pub known: &'a [Known],
}

/// What one segment of an article says of its people: `names` are the
/// segment's names (indices into `segment.names`), `offices` the pack's.
pub fn scan(segment: Segment<'_>, names: Range<usize>, offices: &Offices, out: &mut Vec<Said>) {
    let Segment {
        text,
        tokens,
        sentences,
        names: all,
        known,
    } = segment;
    let word = |i: usize| tokens.get(i).map_or("", |t| t.span().slice(text));
    let kind = |i: usize| tokens.get(i).map(|t| t.kind);
    // The known title whose first token is `i`.
    let title_at = |i: usize| -> Option<&Known> {
        let at = known.partition_point(|k| k.tokens.start < i);
        known[at..]
            .iter()
            .take_while(|k| k.tokens.start == i)
            .find(|k| matches!(k.target, Target::Title { .. }))
    };
    let office_of = |k: &Known| offices.of(k.target);
    let ends_apposition = |i: usize| matches!(word(i), "," | ";") || kind(i) == Some(TokenKind::Terminal);
    for n in names {
        let Some(name) = all.get(n) else { continue };
        let full = name.continues().unwrap_or(n);
        let range = name.tokens();
        let mut push = |what: What, span: Span| {
            out.push(Said {
                name: full,
                what,
                span,
            })
        };
        // A title before the name: "Foreign Secretary Jack Straw".
        if let Some(k) = name.title().and_then(|k| known.get(k)) {
            let capital = crate::parse::is_capitalized(k.span.slice(text));
            if let Some((office, needs)) = office_of(k).filter(|_| capital) {
                if let Some(q) = qualifier_before(text, tokens, sentences, known, k.tokens.start) {
                    if q.is_some() || !needs {
                        let title = match q {
                            Some(q) => format!("{q} {office}"),
                            None => office.to_string(),
                        };
                        push(What::Title { title, office }, k.span);
                    }
                }
            }
        }
        // A title after it: "Jack Straw, the foreign secretary," or "Sergey
        // Lavrov, Russia's foreign minister,".
        let at = range.end;
        if word(at) == "," {
            let (title, q) = if word(at + 1).eq_ignore_ascii_case("the") {
                (title_at(at + 2), None)
            } else if let Some(p) = (at + 2..at + 5).find(|&i| kind(i) == Some(TokenKind::Possessive)) {
                // "South Africa's finance minister": the words before the
                // possessive, each capitalised, name whose office it is.
                let words: Vec<&str> = (at + 1..p).map(word).collect();
                let q = words.iter().all(|w| capitalised_word(w)).then(|| {
                    words
                        .iter()
                        .map(|w| qualifier_word(w))
                        .collect::<Vec<_>>()
                        .join(" ")
                });
                (title_at(p + 1), q)
            } else {
                (None, None)
            };
            if let Some(k) = title {
                if let Some((office, needs)) = office_of(k) {
                    let q = q.filter(|q| !NOT_QUALIFIERS.contains(&q.as_str()));
                    if ends_apposition(k.tokens.end) && (q.is_some() || !needs) {
                        let title = match q {
                            Some(q) => format!("{q} {office}"),
                            None => office.to_string(),
                        };
                        push(What::Title { title, office }, k.span);
                    }
                }
            }
        }
        // An age after it: "Jane Smith, 45," "Jane Smith (45)", "Jane
        // Smith, aged 45,".
        let number = match (word(at), word(at + 1)) {
            (",", "aged") => Some(at + 2),
            (",", _) => Some(at + 1),
            ("(", _) => Some(at + 1),
            _ => None,
        };
        if let Some(i) = number.filter(|&i| kind(i) == Some(TokenKind::Number)) {
            let closes = if word(at) == "(" {
                word(i + 1) == ")"
            } else {
                ends_apposition(i + 1)
            };
            if let Some(age) = age_of(word(i)).filter(|_| closes) {
                if let Some(t) = tokens.get(i) {
                    push(What::Age(age), t.span());
                }
            }
        }
        // An age before it: "the 45-year-old Jane Smith".
        if let Some(before) = range.start.checked_sub(1) {
            if kind(before) == Some(TokenKind::Compound) {
                let age = word(before).strip_suffix("-year-old").and_then(age_of);
                if let (Some(age), Some(t)) = (age, tokens.get(before)) {
                    push(What::Age(age), t.span());
                }
            }
        }
    }
}

/// Whose office a title before a name is: `Some(None)` when the words
/// before it name no one, `Some(Some(q))` for the qualifier ("russian",
/// "us", "britain"), and `None` when a word marks the title as past,
/// future or temporary ("former Foreign Secretary").
fn qualifier_before(
    text: &str,
    tokens: Window<'_>,
    sentences: &[Sentence],
    known: &[Known],
    start: usize,
) -> Option<Option<String>> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.span().slice(text));
    let kind = |i: usize| tokens.get(i).map(|t| t.kind);
    let sentence = sentences.partition_point(|s| s.tokens().end <= start);
    let opens = sentences.get(sentence).map_or(start, |s| s.tokens().start);
    // Up to three words before it in its sentence.
    for i in (start.saturating_sub(3).max(opens)..start).rev() {
        let w = word(i).to_lowercase();
        if CHANGING.contains(&w.as_str()) || w.starts_with("then-") || w.starts_with("ex-") {
            return None;
        }
    }
    let title = word(start).to_lowercase();
    if title.starts_with("ex-") || title.starts_with("then-") {
        return None;
    }
    let Some(before) = start.checked_sub(1).filter(|&b| b >= opens) else {
        return Some(None);
    };
    // "Britain's Foreign Secretary".
    let (at, possessive) = if kind(before) == Some(TokenKind::Possessive) {
        match before.checked_sub(1).filter(|&b| b >= opens) {
            Some(b) => (b, true),
            None => return Some(None),
        }
    } else {
        (before, false)
    };
    // The capitalised words right before it, up to three ("South African
    // President", "Manchester United chief executive").
    let is_qualifier = |i: usize| {
        matches!(kind(i), Some(TokenKind::Word | TokenKind::Abbreviation))
            && capitalised_word(word(i))
            && !NOT_QUALIFIERS.contains(&qualifier_word(word(i)).as_str())
    };
    let mut first = at + 1;
    while first > opens && at + 1 - first < 3 && is_qualifier(first - 1) {
        first -= 1;
    }
    if first > at {
        return Some(None);
    }
    let q = (first..=at)
        .map(|i| qualifier_word(word(i)))
        .collect::<Vec<_>>()
        .join(" ");
    // A sentence's first word may be capitalised only for opening it: alone,
    // it qualifies the title when it is a country or body the pack knows.
    if at == opens && !possessive {
        let end = at + 1;
        let k = known.partition_point(|k| k.tokens.start < at);
        let is_known = known[k..]
            .iter()
            .take_while(|k| k.tokens.start == at)
            .any(|k| k.tokens.end == end && !matches!(k.target, Target::Title { .. }));
        if !is_known {
            return Some(None);
        }
    }
    Some(Some(q))
}

/// The article's own date, when certain: given (`--date`, a JSON-lines
/// `date`), in the front matter, or in a dateline ("LONDON, 4 March 2024 -",
/// a full date opening the first sentence, or the one after the headline,
/// after nothing but capitalised words) as `claims.relative_date` reads it.
/// The first full date written elsewhere may be a date the article reports
/// ("On 11 September 2001 ..."), which would date an age or a title wrongly.
pub fn certain_date(
    text: &str,
    tokens: Window<'_>,
    sentences: &[Sentence],
    given: Option<(Date, DateOrigin)>,
) -> Option<Date> {
    if let Some((date, _)) = given.filter(|(_, o)| *o != DateOrigin::Text) {
        return Some(date);
    }
    let headline = sentences.first().is_some_and(|s| {
        !s.tokens()
            .any(|i| tokens.get(i).is_some_and(|t| t.kind == TokenKind::Terminal))
    });
    let opening = if headline { 2 } else { 1 };
    sentences
        .iter()
        .take(opening)
        .find_map(|sentence| crate::check::relative::opening_date(sentence, tokens, text))
        .map(|(date, _)| date)
}

/// Whether a word opens with a capital letter.
fn capitalised_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A qualifier as titles are keyed by it: lower case, without periods
/// ("U.S." is "us").
fn qualifier_word(word: &str) -> String {
    word.chars()
        .filter(|c| *c != '.')
        .flat_map(char::to_lowercase)
        .collect()
}

/// An age written in digits: a whole number of years from 1 to 120.
fn age_of(digits: &str) -> Option<u8> {
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u8>().ok().filter(|a| (1..=120).contains(a))
}
