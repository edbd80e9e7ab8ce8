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

pub use crate::check::archive::{learnable, span_of, spelling_of};
pub use crate::rules::archive::{Archive, ArchiveSection, Kind};
pub use input::{run, Args};

use crate::check::archive::said::{self, What};
use crate::mention::Lexicon;
use crate::rules::Pack;
use crate::source::Source;

/// One article, mapped: the people and organisations it names, how often,
/// the titles and ages it gives people, and its date when known. The
/// `--map` output is one of these a line.
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
    /// People, by spelling, with the titles of one holder the article gives
    /// them and how often.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, BTreeMap<String, u64>>,
    /// People, by spelling, with the ages the article gives them and how
    /// often (only when the article is dated).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ages: BTreeMap<String, BTreeMap<u8, u64>>,
    /// True when the article has titles but its date is not certain (not
    /// given, in front matter or in a dateline, only the first date its
    /// text writes): its titles count without a date, and its ages are
    /// not kept.
    #[serde(default, skip_serializing_if = "is_false")]
    pub titles_undated: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
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
    /// Each title given to a person's spelling.
    pub titles: HashMap<(String, String), Seen>,
    /// Each age given to a person's spelling.
    pub ages: HashMap<(String, u8), Seen>,
}

impl Tally {
    /// Adds one article.
    pub fn add(&mut self, counts: Counts) {
        self.articles += 1;
        let date = counts.date;
        let title_date = if counts.titles_undated { None } else { date };
        let kinds = [
            (Kind::Person, counts.people),
            (Kind::Organisation, counts.organisations),
        ];
        let seen = |count| Seen {
            count,
            first: date,
            last: date,
        };
        for (kind, names) in kinds {
            for (spelling, count) in names {
                self.names.entry((kind, spelling)).or_default().merge(seen(count));
            }
        }
        for (spelling, titles) in counts.titles {
            for (title, count) in titles {
                self.titles
                    .entry((spelling.clone(), title))
                    .or_default()
                    .merge(Seen {
                        count,
                        first: title_date,
                        last: title_date,
                    });
            }
        }
        for (spelling, ages) in counts.ages {
            for (age, count) in ages {
                self.ages
                    .entry((spelling.clone(), age))
                    .or_default()
                    .merge(seen(count));
            }
        }
    }

    /// Adds another tally.
    pub fn merge(&mut self, other: Tally) {
        self.articles += other.articles;
        merge_into(&mut self.names, other.names);
        merge_into(&mut self.titles, other.titles);
        merge_into(&mut self.ages, other.ages);
    }
}

/// Adds `other` into `mine`, the smaller into the larger.
fn merge_into<K: std::hash::Hash + Eq>(mine: &mut HashMap<K, Seen>, mut other: HashMap<K, Seen>) {
    if mine.len() < other.len() {
        std::mem::swap(mine, &mut other);
    }
    for (key, seen) in other {
        mine.entry(key).or_default().merge(seen);
    }
}

/// Maps articles to their [`Counts`]: the built-in pack's name finder,
/// compiled once.
#[derive(Debug, Clone)]
pub struct Mapper {
    lexicon: Lexicon,
    /// The offices of the pack's titles, which the title reader asks for.
    offices: said::Offices,
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
            offices: said::Offices::new(pack),
        }
    }

    /// The counts of one article; `date` (a JSON-lines `date` field) wins
    /// over a date the article gives.
    pub fn map(&self, source: &Source, date: Option<Date>) -> Counts {
        let text = source.text.as_str();
        let parsed = crate::parse::parse(text, &source.blocks);
        let mentions = crate::mention::find(text, &parsed.tokens, &parsed.sentences, &self.lexicon);
        let given = crate::claim::calendar::story_date(source, &[], date);
        let date = crate::claim::calendar::story_date(source, &parsed.tokens, date).map(|(d, _)| d);
        let tokens = crate::parse::Window::new(0, &parsed.tokens);
        let certain = said::certain_date(text, tokens, &parsed.sentences, given);
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
        let mut found = Vec::new();
        let read = said::Segment {
            text,
            tokens,
            sentences: &parsed.sentences,
            names: &mentions.names,
            known: &mentions.known,
        };
        said::scan(read, 0..mentions.names.len(), &self.offices, &mut found);
        for s in found {
            // Few names have a title or an age: their spelling is read again.
            let person = mentions
                .names
                .get(s.name)
                .and_then(|n| parsed.tokens.get(n.tokens()))
                .and_then(|tokens| learnable(text, tokens));
            let Some((Kind::Person, tokens)) = person else {
                continue;
            };
            let spelling = spelling_of(text, tokens);
            match s.what {
                What::Title { title, .. } => {
                    let titles = counts.titles.entry(spelling.clone()).or_default();
                    *titles.entry(title).or_insert(0) += 1;
                    counts.titles_undated = certain.is_none() || certain != date;
                }
                // An age without a certain date says nothing of a birth year.
                What::Age(_) if certain.is_none() || certain != date => {}
                What::Age(age) => {
                    let ages = counts.ages.entry(spelling.clone()).or_default();
                    *ages.entry(age).or_insert(0) += 1;
                }
            }
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

    /// The titles an article gives, by person.
    fn titles(text: &str) -> Vec<(String, String)> {
        map(text)
            .titles
            .into_iter()
            .flat_map(|(person, titles)| titles.into_keys().map(move |t| (person.clone(), t)))
            .collect()
    }

    #[test]
    fn titles_of_one_holder_are_read_with_whose_office_they_are() {
        let text = "LONDON, 3 March 2005 - Foreign Secretary Jack Straw met Sergey Lavrov, \
                    Russia's foreign minister, and South African President Thabo Mbeki. \
                    Gordon Brown, the chancellor, stayed away.";
        assert_eq!(
            titles(text),
            [
                ("Gordon Brown".to_string(), "chancellor".to_string()),
                ("Jack Straw".to_string(), "foreign secretary".to_string()),
                ("Sergey Lavrov".to_string(), "russia foreign minister".to_string()),
                ("Thabo Mbeki".to_string(), "south african president".to_string()),
            ]
        );
    }

    #[test]
    fn titles_many_hold_and_past_or_party_titles_are_not_read() {
        let text = "LONDON, 3 March 2005 - Prime Minister Ariel Sharon met former Foreign Secretary \
                    Robin Cook, Minister Jack Straw, the party's spokesman Tom Ridley, Republican \
                    Governor Mitt Romney, Senator John Kerry and new Chancellor Alistair Darling. \
                    President George Bush was not there.";
        assert_eq!(titles(text), Vec::<(String, String)>::new());
    }

    #[test]
    fn ages_are_kept_only_from_an_article_whose_date_is_certain() {
        let dated = map("LONDON, 3 March 2005 - Jane Smith, 45, and the 52-year-old Tom Ridley spoke.");
        assert_eq!(
            dated.ages,
            BTreeMap::from([
                ("Jane Smith".to_string(), BTreeMap::from([(45, 1)])),
                ("Tom Ridley".to_string(), BTreeMap::from([(52, 1)])),
            ])
        );
        // A date the article reports is no date for its ages or titles.
        let reported = map("Chancellor Gordon Brown, 54, recalled what happened on 11 September 2001.");
        assert_eq!(reported.date, Some(jiff::civil::date(2001, 9, 11)));
        assert_eq!(reported.ages, BTreeMap::new());
        assert!(reported.titles_undated);
        let mut tally = Tally::default();
        tally.add(reported);
        let seen = tally.titles[&("Gordon Brown".to_string(), "chancellor".to_string())];
        assert_eq!((seen.count, seen.first, seen.last), (1, None, None));
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
