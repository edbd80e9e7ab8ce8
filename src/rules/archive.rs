//! The learned file's data: the `archive:` section of a rule file, as
//! `claimlint learn` writes it and a rule file loads it, and every section
//! loaded for a run. Plain data: how names are looked up in it is
//! `naming.archive`'s (`check::archive`), how it is written is `learn`'s.
//!
//! ```yaml
//! archive:
//!   articles: 927
//!   people:
//!     - name: "Gurinder Chadha"
//!       spellings:
//!         - {spelling: "Gurinder Chadha", count: 212, first: 2004-01-02, last: 2005-03-01}
//!         - {spelling: "Gurinder Chada", count: 2, first: 2004-06-01, last: 2004-06-01}
//!     - name: "Alistair Darling"
//!       spellings:
//!         - {spelling: "Alistair Darling", count: 40, first: 2004-01-05, last: 2008-03-12}
//!       titles:
//!         - {title: "chancellor", count: 12, first: 2007-06-28, last: 2008-03-12}
//!       ages:
//!         - {age: 53, count: 2, first: 2007-06-28, last: 2007-07-02}
//!   organisations: []
//! ```
//!
//! `titles` and `ages` are optional (files learned before they were kept
//! load as they are). A title or age given to a spelling other than the
//! entry's `name` says which (`spelling: "Sergey Lavrov"`), so that a
//! merge regroups it exactly.

use jiff::civil::Date;
use serde::Deserialize;

use crate::finding::Severity;
use crate::rules::Examples;

/// What a learned name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A person's full name ("Gurinder Chadha").
    Person,
    /// A body: a name whose last word names one ("Strathclyde Police").
    Organisation,
}

/// The `archive:` section of a rule file, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveSection {
    /// How many articles were read.
    #[serde(default)]
    pub articles: u64,
    /// Severity of `naming.archive` (default warning).
    #[serde(default)]
    pub severity: Option<Severity>,
    /// People, each with every spelling the archive writes.
    #[serde(default)]
    pub people: Vec<Entry>,
    /// Organisations, likewise.
    #[serde(default)]
    pub organisations: Vec<Entry>,
    /// Examples run by the test suite and `claimlint rules test`.
    #[serde(default)]
    pub examples: Examples,
}

/// One person or organisation: the spellings that fold alike, and for a
/// person the titles and ages the archive gives them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The spelling to use.
    pub name: String,
    /// Every spelling seen, with how often and when.
    pub spellings: Vec<Spelling>,
    /// The single-holder titles the archive gives the person ("chancellor",
    /// "us secretary of state"), with how often and when.
    #[serde(default)]
    pub titles: Vec<TitleSeen>,
    /// The ages the archive gives the person, with the dates of the
    /// articles that give them.
    #[serde(default)]
    pub ages: Vec<AgeSeen>,
}

/// One spelling of an entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spelling {
    /// The name as written.
    pub spelling: String,
    /// How often the archive writes it.
    pub count: u64,
    /// The date of the earliest article that writes it, if dated.
    #[serde(default, with = "day")]
    pub first: Option<Date>,
    /// The date of the latest article that writes it, if dated.
    #[serde(default, with = "day")]
    pub last: Option<Date>,
}

/// One title an entry is given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleSeen {
    /// The title in lower case, with the country or body that qualifies it
    /// when the article writes one ("russian foreign minister").
    pub title: String,
    /// How often the archive gives it.
    pub count: u64,
    /// The date of the earliest article that gives it, if dated.
    #[serde(default, with = "day")]
    pub first: Option<Date>,
    /// The date of the latest article that gives it, if dated.
    #[serde(default, with = "day")]
    pub last: Option<Date>,
    /// The spelling it was given to, when not the entry's `name`.
    #[serde(default)]
    pub spelling: Option<String>,
}

/// One age an entry is given (only dated articles' ages are kept).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeSeen {
    /// The age in years.
    pub age: u8,
    /// How often the archive gives it.
    pub count: u64,
    /// The date of the earliest article that gives it.
    #[serde(with = "day")]
    pub first: Option<Date>,
    /// The date of the latest article that gives it.
    #[serde(with = "day")]
    pub last: Option<Date>,
    /// The spelling it was given to, when not the entry's `name`.
    #[serde(default)]
    pub spelling: Option<String>,
}

/// Dates as `YYYY-MM-DD`, in YAML and JSON alike.
pub mod day {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes a date as `YYYY-MM-DD` (none as null).
    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_str(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    /// Reads a `YYYY-MM-DD` date (null as none).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        text.parse::<Date>()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("invalid date {text:?}, expected YYYY-MM-DD")))
    }
}

/// Every archive loaded for a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Archive {
    /// Severity of `naming.archive` (the last file's that sets one).
    pub severity: Option<Severity>,
    /// Examples of `naming.archive`.
    pub examples: Examples,
    /// Every entry of every loaded file.
    pub entries: Vec<(Kind, Entry)>,
}

impl Archive {
    /// Adds one file's section.
    pub fn add(&mut self, section: ArchiveSection) {
        self.severity = section.severity.or(self.severity);
        self.examples.bad.extend(section.examples.bad);
        self.examples.good.extend(section.examples.good);
        let kinds = [
            (Kind::Person, section.people),
            (Kind::Organisation, section.organisations),
        ];
        for (kind, entries) in kinds {
            self.entries.extend(entries.into_iter().map(|e| (kind, e)));
        }
    }

    /// True when no archive is loaded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Entry {
    /// How often the archive writes `spelling` (0 when never).
    pub fn count_of(&self, spelling: &str) -> u64 {
        self.spellings
            .iter()
            .filter(|s| s.spelling == spelling)
            .map(|s| s.count)
            .sum()
    }

    /// The spelling's record, when the archive writes it.
    pub fn spelling(&self, spelling: &str) -> Option<&Spelling> {
        self.spellings.iter().find(|s| s.spelling == spelling)
    }
}
