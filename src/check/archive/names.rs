//! Which names the archive files, and how: the one test `learn` and
//! `naming.archive` both file a name by, so that a learned name is a name
//! the check sees.

use crate::parse::{Token, TokenKind};
use crate::rules::archive::Kind;

/// Last words of a name that make it a body, besides those
/// `naming.first_reference` knows: companies and the like.
const MORE_BODIES: &[&str] = &[
    "Inc",
    "Ltd",
    "Plc",
    "plc",
    "Corp",
    "Holdings",
    "Motors",
    "Airport",
    "Foundation",
    "Society",
    "Institution",
    "Organisation",
    "Organization",
    "Fund",
    "Network",
    "Forum",
    "Council",
    "Assembly",
    "Parliament",
    "Bureau",
    "Exchange",
    "Partnership",
    "Alliance",
    "Infirmary",
];

/// Last words of a name that make it a place, never a person ("Downing
/// Street", "Canary Wharf"): not learned.
const PLACES: &[&str] = &[
    "Street",
    "Road",
    "Square",
    "Avenue",
    "Lane",
    "Place",
    "Bridge",
    "Park",
    "Wharf",
    "Island",
    "Islands",
    "River",
    "Valley",
    "Bay",
    "City",
    "Station",
    "Hill",
    "Gardens",
    "Coast",
    "Sea",
    "Ocean",
    "Mountains",
    "Cup",
    "Day",
    "Week",
    "Games",
    "Prize",
    "Awards",
    "Act",
    "Bill",
    "Review",
    "Report",
];

/// Words of [`crate::check::first_reference::NOT_GIVEN_NAMES`] that may
/// open the name of a body ("Labour Party", "North Wales Police").
const BODY_OPENERS: &[&str] = &[
    "Labour",
    "Tory",
    "Tories",
    "Conservative",
    "Liberal",
    "North",
    "South",
    "East",
    "West",
    "Central",
    "New",
    "Law",
    "Radio",
    "General",
    "Old",
];

/// The person or organisation a name phrase (its tokens in `text`) names,
/// and the tokens of the name itself: without the words before it that
/// open the phrase but are no part of the name ("Film-maker", "Former",
/// "Mr"). `None` for anything else (one word, a place, a phrase of many
/// words). `learn` and `check` file names by this one test.
pub fn learnable<'t>(text: &str, tokens: &'t [Token]) -> Option<(Kind, &'t [Token])> {
    use crate::check::first_reference::{full_name_tokens, BODIES, NOT_GIVEN_NAMES};
    let last = tokens.last()?.span().slice(text);
    if PLACES.contains(&last) {
        return None;
    }
    let word = |t: &Token| t.span().slice(text);
    // "Film-maker", "Houston-based": a compound whose later part is lower
    // case describes what follows.
    let describes = |t: &Token| {
        t.kind == TokenKind::Compound
            && word(t)
                .split('-')
                .skip(1)
                .any(|part| part.chars().next().is_some_and(char::is_lowercase))
    };
    let body = BODIES.contains(&last) || MORE_BODIES.contains(&last);
    let skip = tokens
        .iter()
        .take_while(|t| {
            describes(t) || (NOT_GIVEN_NAMES.contains(&word(t)) && !(body && BODY_OPENERS.contains(&word(t))))
        })
        .count();
    let name = &tokens[skip..];
    if body {
        // A part of a longer name the name finder ends early: "Royal
        // College" of "Royal College of Nursing".
        let end = name.last()?.span().end;
        let of_more = text
            .get(end..)
            .and_then(|after| after.strip_prefix(" of "))
            .is_some_and(|rest| rest.starts_with(char::is_uppercase));
        if of_more {
            return None;
        }
        let words_ok = name
            .iter()
            .all(|t| matches!(t.kind, TokenKind::Word | TokenKind::Compound | TokenKind::Initial));
        return (words_ok && (2..=5).contains(&name.len())).then_some((Kind::Organisation, name));
    }
    // "St James", "Saint Helier": a church, a hospital or a place.
    let saint = name
        .first()
        .is_some_and(|t| matches!(word(t), "St" | "St." | "Saint"));
    (!saint && full_name_tokens(text, name)).then_some((Kind::Person, name))
}

/// The span of a name's tokens.
pub fn span_of(tokens: &[Token]) -> crate::finding::Span {
    match (tokens.first(), tokens.last()) {
        (Some(a), Some(b)) => crate::finding::Span::new(a.span().start, b.span().end),
        _ => crate::finding::Span::new(0, 0),
    }
}

/// A name as the archive files it: its words, one space apart.
pub fn spelling_of(text: &str, tokens: &[Token]) -> String {
    let mut out = String::new();
    for t in tokens {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t.span().slice(text));
    }
    out
}
