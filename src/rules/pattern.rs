//! The pattern language of claim rules: `"{person}, {number},"`,
//! `"{person} was born in {year}"`, `"the {number}-year-old {person}"`.
//!
//! A pattern is a sequence of pieces separated by spaces. A piece is a run
//! of literal text and slots:
//!
//! ```text
//! pattern := space* piece (space+ piece)* space*
//! piece   := (slot | literal)+
//! slot    := '{' name '}'          name: person number year date weekday place title event
//! literal := (any character but '{', '}' and space)+
//! ```
//!
//! Literal text is cut into tokens by the draft's own tokenizer and matched
//! token by token, ignoring case and the difference between straight and
//! curly apostrophes. A slot written right before a literal that starts
//! with a hyphen (`{number}-year-old`) matches inside one hyphenated token.

use nom::branch::alt;
use nom::bytes::complete::take_while1;
use nom::character::complete::{char, multispace0, multispace1};
use nom::combinator::{all_consuming, cut, map, map_res};
use nom::error::{context, VerboseError, VerboseErrorKind};
use nom::multi::{many1, separated_list1};
use nom::sequence::{delimited, terminated};
use nom::IResult;

use crate::finding::Span;
use crate::parse;
use crate::source::Block;

/// What a slot matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    /// A person's name (a full name, or a surname continuing one).
    Person,
    /// A number.
    Number,
    /// A year (a four-digit number from 1800 to 2100).
    Year,
    /// A date.
    Date,
    /// A weekday.
    Weekday,
    /// A place: a name or a known entity.
    Place,
    /// A title the rules know.
    Title,
    /// A word for an event (meeting, talks...).
    Event,
}

impl Slot {
    const ALL: [(&'static str, Slot); 8] = [
        ("person", Slot::Person),
        ("number", Slot::Number),
        ("year", Slot::Year),
        ("date", Slot::Date),
        ("weekday", Slot::Weekday),
        ("place", Slot::Place),
        ("title", Slot::Title),
        ("event", Slot::Event),
    ];

    fn named(name: &str) -> Option<Slot> {
        Slot::ALL.iter().find(|(n, _)| *n == name).map(|&(_, s)| s)
    }
}

/// One element of a compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Element {
    /// A token whose text must equal this (lower case, straight
    /// apostrophes).
    Literal(String),
    /// A slot taking one or more tokens.
    Slot(Slot),
    /// A slot inside one hyphenated token, followed by this suffix
    /// (`{number}-year-old`).
    SlotWithSuffix(Slot, String),
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The text it was compiled from.
    pub source: String,
    /// Its elements, in order.
    pub elements: Vec<Element>,
}

/// A malformed pattern: what is wrong and at which byte of the pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    /// Byte offset into the pattern text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (at character {})", self.message, self.offset + 1)
    }
}

/// A piece before it is cut into tokens.
#[derive(Debug, PartialEq, Eq)]
enum Part<'a> {
    Slot(Slot),
    Literal(&'a str),
}

type Res<'a, T> = IResult<&'a str, T, VerboseError<&'a str>>;

/// `{name}`: a slot; an unknown name is a committed failure.
fn slot(input: &str) -> Res<'_, Part<'_>> {
    let name = take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let known = map_res(name, |n: &str| Slot::named(n).ok_or(()));
    context(
        "a slot: {person}, {number}, {year}, {date}, {weekday}, {place}, {title} or {event}",
        map(delimited(char('{'), cut(known), cut(char('}'))), Part::Slot),
    )(input)
}

/// A run of literal text: anything but braces and spaces.
fn literal(input: &str) -> Res<'_, Part<'_>> {
    map(
        take_while1(|c: char| c != '{' && c != '}' && !c.is_whitespace()),
        Part::Literal,
    )(input)
}

/// `piece := (slot | literal)+`
fn piece(input: &str) -> Res<'_, Vec<Part<'_>>> {
    many1(alt((slot, literal)))(input)
}

/// `pattern := space* piece (space+ piece)* space*`
fn pieces(input: &str) -> Res<'_, Vec<Vec<Part<'_>>>> {
    all_consuming(delimited(
        multispace0,
        separated_list1(multispace1, piece),
        terminated(multispace0, nom::combinator::eof),
    ))(input)
}

/// Literal text as the matcher compares it.
pub fn normalize(text: &str) -> String {
    crate::parse::normalize(text)
}

/// Cuts literal text into tokens the way drafts are cut.
fn literal_tokens(text: &str) -> Vec<String> {
    let block = Block {
        pieces: vec![Span::new(0, text.len())],
        part: Default::default(),
    };
    let parsed = parse::parse(text, std::slice::from_ref(&block));
    parsed
        .tokens
        .iter()
        .map(|t| normalize(t.span().slice(text)))
        .collect()
}

impl Pattern {
    /// Compiles a pattern.
    pub fn parse(text: &str) -> Result<Pattern, PatternError> {
        let pieces = match pieces(text) {
            Ok((_, pieces)) => pieces,
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => return Err(describe(text, &e)),
            Err(nom::Err::Incomplete(_)) => {
                return Err(PatternError {
                    offset: text.len(),
                    message: "the pattern ends too early".to_string(),
                })
            }
        };
        let mut elements = Vec::new();
        for piece in pieces {
            let mut parts = piece.into_iter().peekable();
            while let Some(part) = parts.next() {
                match part {
                    Part::Slot(slot) => match parts.peek() {
                        Some(Part::Literal(next)) if next.starts_with('-') => {
                            elements.push(Element::SlotWithSuffix(slot, normalize(next)));
                            parts.next();
                        }
                        _ => elements.push(Element::Slot(slot)),
                    },
                    Part::Literal(text) => {
                        // "{place}'s": a possessive right after a slot is one
                        // token, as it is after a word in a draft.
                        let rest = ["'s", "’s"].iter().find_map(|p| text.strip_prefix(p));
                        let text = match rest {
                            Some(rest) if !elements.is_empty() => {
                                elements.push(Element::Literal("'s".to_string()));
                                rest
                            }
                            _ => text,
                        };
                        elements.extend(literal_tokens(text).into_iter().map(Element::Literal));
                    }
                }
            }
        }
        if !elements.iter().any(|e| !matches!(e, Element::Literal(_))) {
            return Err(PatternError {
                offset: 0,
                message: "a pattern needs at least one slot, such as {person}".to_string(),
            });
        }
        Ok(Pattern {
            source: text.to_string(),
            elements,
        })
    }

    /// The slots of the pattern, in order.
    pub fn slots(&self) -> impl Iterator<Item = Slot> + '_ {
        self.elements.iter().filter_map(|e| match e {
            Element::Slot(s) | Element::SlotWithSuffix(s, _) => Some(*s),
            Element::Literal(_) => None,
        })
    }
}

/// The first error nom reports, as a message and an offset.
fn describe(text: &str, e: &VerboseError<&str>) -> PatternError {
    let offset_of = |rest: &str| text.len() - rest.len();
    let context = e.errors.iter().find_map(|(rest, kind)| match kind {
        VerboseErrorKind::Context(c) => Some((offset_of(rest), *c)),
        _ => None,
    });
    if let Some((offset, what)) = context {
        let at = &text[offset..];
        let message = if at.starts_with('{') && !at.contains('}') {
            "a '{' is never closed".to_string()
        } else {
            format!("unknown slot; expected {what}")
        };
        return PatternError { offset, message };
    }
    let offset = e.errors.first().map_or(0, |(rest, _)| offset_of(rest));
    let message = if text.trim().is_empty() {
        "the pattern is empty".to_string()
    } else if text[offset..].starts_with('}') {
        "a '}' with no '{' before it".to_string()
    } else {
        "cannot read the pattern here".to_string()
    };
    PatternError { offset, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Element {
        Element::Literal(s.to_string())
    }

    #[test]
    fn slot_parses_a_known_name_and_leaves_the_rest() {
        assert_eq!(slot("{person}, x"), Ok((", x", Part::Slot(Slot::Person))));
        assert!(matches!(slot("{persn}"), Err(nom::Err::Failure(_))));
        assert!(matches!(slot("person"), Err(nom::Err::Error(_))));
    }

    #[test]
    fn literal_stops_at_braces_and_spaces() {
        assert_eq!(literal("was born"), Ok((" born", Part::Literal("was"))));
        assert_eq!(literal("-year-old{x}"), Ok(("{x}", Part::Literal("-year-old"))));
        assert!(literal("{x}").is_err());
        assert!(literal(" x").is_err());
    }

    #[test]
    fn piece_mixes_slots_and_literals() {
        assert_eq!(
            piece("({number})"),
            Ok((
                "",
                vec![Part::Literal("("), Part::Slot(Slot::Number), Part::Literal(")")]
            ))
        );
    }

    #[test]
    fn patterns_compile_to_tokens_and_slots() {
        let p = Pattern::parse("{person}, {number},").unwrap();
        assert_eq!(
            p.elements,
            [
                Element::Slot(Slot::Person),
                lit(","),
                Element::Slot(Slot::Number),
                lit(",")
            ]
        );
        let p = Pattern::parse("the {number}-year-old {person}").unwrap();
        assert_eq!(
            p.elements,
            [
                lit("the"),
                Element::SlotWithSuffix(Slot::Number, "-year-old".into()),
                Element::Slot(Slot::Person)
            ]
        );
        let p = Pattern::parse("{person} was born in {year}").unwrap();
        assert_eq!(p.slots().collect::<Vec<_>>(), [Slot::Person, Slot::Year]);
        let p = Pattern::parse("{place}’s {title}").unwrap();
        assert_eq!(
            p.elements,
            [Element::Slot(Slot::Place), lit("'s"), Element::Slot(Slot::Title)]
        );
    }

    #[test]
    fn malformed_patterns_are_rejected_with_an_offset() {
        let e = Pattern::parse("{person} aged {nmber}").unwrap_err();
        assert_eq!(e.offset, 14);
        assert!(
            e.message.starts_with("unknown slot; expected a slot: {person}"),
            "{e}"
        );
        let e = Pattern::parse("{person} aged {number").unwrap_err();
        assert_eq!((e.offset, e.message.as_str()), (14, "a '{' is never closed"));
        let e = Pattern::parse("aged } {number}").unwrap_err();
        assert_eq!(e.message, "a '}' with no '{' before it");
        assert_eq!(Pattern::parse("   ").unwrap_err().message, "the pattern is empty");
        assert_eq!(
            Pattern::parse("was born in").unwrap_err().message,
            "a pattern needs at least one slot, such as {person}"
        );
    }
}
