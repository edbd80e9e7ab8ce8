//! A desk's memory of names: `claimlint learn` reads published articles
//! and writes a rule file of the desk's own spellings of people and
//! organisations, which `claimlint check --rules` then checks a draft
//! against (`naming.archive`).
//!
//! The work is a map and a merge, so that it splits across cores and
//! machines alike:
//!
//! - the map reads one article into its [`Counts`]: each person and
//!   organisation it names, how often, and the article's date (the
//!   JSON-lines `date` field, else the date the claims reader finds: front
//!   matter, then the first full date written). Names are found by the
//!   same name finder `check` uses ([`crate::mention::find`]) and filed by
//!   the same test ([`learnable`]), so a learned name is a name `check` sees.
//! - the merge adds counts into a [`Tally`]: counts add, the first date is
//!   the earliest and the last the latest. It is associative and
//!   commutative, so parts merged in any grouping give the same tally, and
//!   a learned file holds everything a tally does: merging learned files
//!   is as exact as merging map outputs.
//!
//! The learned file ([`archive`]) groups the spellings that fold alike
//! (the `naming.variant` fold) and names each group by its preferred
//! spelling: the commonest, the one last used breaking a tie. Memory grows
//! with the number of distinct names, never with the number of articles.

use std::collections::BTreeMap;

use jiff::civil::Date;
use rustc_hash::FxHashMap as HashMap;

pub mod archive;
mod input;

pub use archive::{Archive, ArchiveSection};
pub use input::{run, Args};

use crate::mention::Lexicon;
use crate::parse::{Token, TokenKind};
use crate::rules::Pack;
use crate::source::Source;

/// What a learned name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A person's full name ("Gurinder Chadha").
    Person,
    /// A body: a name whose last word names one ("Strathclyde Police").
    Organisation,
}

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

/// One article, mapped: the people and organisations it names, how often,
/// and its date when known. The `--map` output is one of these a line.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// The article's date (`YYYY-MM-DD`), when known.
    #[serde(default, with = "archive::day", skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// People, by spelling, with how often the article names them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub people: BTreeMap<String, u64>,
    /// Organisations, by spelling, with how often the article names them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub organisations: BTreeMap<String, u64>,
}

/// What the archive knows of one spelling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    /// How often it is written.
    pub count: u64,
    /// The earliest date of an article that writes it, when any is dated.
    pub first: Option<Date>,
    /// The latest date of an article that writes it, when any is dated.
    pub last: Option<Date>,
}

impl Seen {
    /// Adds what another part of the archive saw: counts add, dates widen.
    pub fn merge(&mut self, other: Seen) {
        self.count += other.count;
        self.first = earliest(self.first, other.first);
        self.last = latest(self.last, other.last);
    }
}

fn earliest(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn latest(a: Option<Date>, b: Option<Date>) -> Option<Date> {
    a.max(b)
}

/// Every spelling an archive (or a part of one) writes: the merge of
/// [`Counts`]. Its size is the number of distinct names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Articles read.
    pub articles: u64,
    /// Each spelling of each kind.
    pub names: HashMap<(Kind, String), Seen>,
}

impl Tally {
    /// Adds one article.
    pub fn add(&mut self, counts: Counts) {
        self.articles += 1;
        let date = counts.date;
        let kinds = [
            (Kind::Person, counts.people),
            (Kind::Organisation, counts.organisations),
        ];
        for (kind, names) in kinds {
            for (spelling, count) in names {
                self.names.entry((kind, spelling)).or_default().merge(Seen {
                    count,
                    first: date,
                    last: date,
                });
            }
        }
    }

    /// Adds another tally.
    pub fn merge(&mut self, other: Tally) {
        self.articles += other.articles;
        if self.names.len() < other.names.len() {
            let mine = std::mem::replace(&mut self.names, other.names);
            self.extend(mine);
        } else {
            self.extend(other.names);
        }
    }

    fn extend(&mut self, names: HashMap<(Kind, String), Seen>) {
        for (key, seen) in names {
            self.names.entry(key).or_default().merge(seen);
        }
    }
}

/// Maps articles to their [`Counts`]: the built-in pack's name finder,
/// compiled once.
#[derive(Debug, Clone)]
pub struct Mapper {
    lexicon: Lexicon,
}

impl Default for Mapper {
    fn default() -> Self {
        Mapper::new(&Pack::builtin().unwrap_or_default())
    }
}

impl Mapper {
    /// A mapper that finds names as a check with `pack` does.
    pub fn new(pack: &Pack) -> Mapper {
        Mapper {
            lexicon: Lexicon::new(pack),
        }
    }

    /// The counts of one article; `date` (a JSON-lines `date` field) wins
    /// over a date the article gives.
    pub fn map(&self, source: &Source, date: Option<Date>) -> Counts {
        let text = source.text.as_str();
        let parsed = crate::parse::parse(text, &source.blocks);
        let mentions = crate::mention::find(text, &parsed.tokens, &parsed.sentences, &self.lexicon);
        let date = crate::claim::calendar::story_date(source, &parsed.tokens, date).map(|(d, _)| d);
        let mut counts = Counts {
            date,
            ..Counts::default()
        };
        for name in &mentions.names {
            let Some(tokens) = parsed.tokens.get(name.tokens()) else {
                continue;
            };
            let Some((kind, tokens)) = learnable(text, tokens) else {
                continue;
            };
            let map = match kind {
                Kind::Person => &mut counts.people,
                Kind::Organisation => &mut counts.organisations,
            };
            *map.entry(spelling_of(text, tokens)).or_insert(0) += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    fn map(text: &str) -> Counts {
        Mapper::default().map(&Source::new("a.txt", text, Format::Text), None)
    }

    #[test]
    fn an_article_maps_to_its_people_and_bodies() {
        let counts = map(
            "Film-maker Gurinder Chadha said on 3 March 2005 that Strathclyde Police had helped. \
             Gurinder Chadha thanked them. Officials in Downing Street said nothing.",
        );
        assert_eq!(counts.date, Some(jiff::civil::date(2005, 3, 3)));
        assert_eq!(
            counts.people,
            BTreeMap::from([("Gurinder Chadha".to_string(), 2)])
        );
        assert_eq!(
            counts.organisations,
            BTreeMap::from([("Strathclyde Police".to_string(), 1)])
        );
    }

    #[test]
    fn saints_and_the_start_of_a_longer_body_are_not_learned() {
        let counts = map(
            "Staff at St Mary Abbots and the Royal College of Nursing met St Helier Council. \
             Bradford Royal Infirmary was shut.",
        );
        assert_eq!(counts.people, BTreeMap::new());
        assert_eq!(
            counts.organisations.keys().collect::<Vec<_>>(),
            ["Bradford Royal Infirmary", "St Helier Council"]
        );
    }

    #[test]
    fn a_given_date_wins_and_a_missing_one_stays_missing() {
        let source = Source::new("a.txt", "Mary Smith spoke on 3 March 2005.", Format::Text);
        let given = Mapper::default().map(&source, Some(jiff::civil::date(2006, 1, 1)));
        assert_eq!(given.date, Some(jiff::civil::date(2006, 1, 1)));
        assert_eq!(map("Mary Smith spoke.").date, None);
    }

    #[test]
    fn seen_merges_counts_and_widens_dates() {
        let d = |day| Some(jiff::civil::date(2005, 1, day));
        let mut a = Seen {
            count: 2,
            first: d(5),
            last: d(9),
        };
        a.merge(Seen {
            count: 1,
            first: d(2),
            last: d(3),
        });
        a.merge(Seen {
            count: 4,
            first: None,
            last: None,
        });
        assert_eq!(
            a,
            Seen {
                count: 7,
                first: d(2),
                last: d(9)
            }
        );
    }
}
