//! The learned file: the `archive:` section of a rule file, as `learn`
//! writes it and `rules.rs` reads it, and the index `naming.archive`
//! looks names up in.
//!
//! ```yaml
//! archive:
//!   articles: 927
//!   people:
//!     - name: "Gurinder Chadha"
//!       spellings:
//!         - {spelling: "Gurinder Chadha", count: 212, first: 2004-01-02, last: 2005-03-01}
//!         - {spelling: "Gurinder Chada", count: 2, first: 2004-06-01, last: 2004-06-01}
//!   organisations: []
//! ```
//!
//! `name` is the spelling `check` asks for; `learn` writes the commonest
//! (the one last used breaking a tie), and an editor may change it by hand.
//! A merge reads every spelling back and groups them again, so it chooses
//! afresh.

use std::fmt::Write as _;

use jiff::civil::Date;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

use super::{Kind, Seen, Tally};
use crate::check::variant::{fold_word, likeness, skeleton, Likeness};
use crate::finding::Severity;
use crate::rules::Examples;

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

/// One person or organisation: the spellings that fold alike.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The spelling to use.
    pub name: String,
    /// Every spelling seen, with how often and when.
    pub spellings: Vec<Spelling>,
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

/// Dates as `YYYY-MM-DD`, in YAML and JSON alike.
pub(crate) mod day {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_str(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        text.parse::<Date>()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("invalid date {text:?}, expected YYYY-MM-DD")))
    }
}

/// Every archive loaded for a run, indexed for lookup by spelling.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Archive {
    /// Severity of `naming.archive` (the last file's that sets one).
    pub severity: Option<Severity>,
    /// Examples of `naming.archive`.
    pub examples: Examples,
    /// Every entry of every loaded file.
    pub entries: Vec<(Kind, Entry)>,
    /// The entries filed under each key of their spellings.
    index: HashMap<String, Vec<usize>>,
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
            for entry in entries {
                let at = self.entries.len();
                for spelling in entry
                    .spellings
                    .iter()
                    .map(|s| s.spelling.as_str())
                    .chain([entry.name.as_str()])
                {
                    for key in keys(kind, spelling) {
                        let filed = self.index.entry(key).or_default();
                        if filed.last() != Some(&at) {
                            filed.push(at);
                        }
                    }
                }
                self.entries.push((kind, entry));
            }
        }
    }

    /// True when no archive is loaded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry whose spellings `spelling` is one of, or folds alike
    /// with: of several, the one whose chosen spelling is written most.
    pub fn lookup(&self, kind: Kind, spelling: &str) -> Option<&Entry> {
        let mut best: Option<(&Entry, u64)> = None;
        for key in keys(kind, spelling) {
            for &at in self.index.get(&key).into_iter().flatten() {
                let (k, entry) = &self.entries[at];
                if *k != kind || !one_name(spelling, &entry.name) {
                    continue;
                }
                let count = entry.count_of(&entry.name);
                if best.is_none_or(|(_, c)| count > c) {
                    best = Some((entry, count));
                }
            }
        }
        best.map(|(e, _)| e)
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

/// The keys a spelling is filed under: its words folded, and for each word
/// long enough, the same with that word's skeleton instead (so that two
/// spellings apart only in one word's vowels meet).
fn keys(kind: Kind, spelling: &str) -> Vec<String> {
    let folds: Vec<String> = spelling.split_whitespace().map(fold_word).collect();
    let tag = match kind {
        Kind::Person => "p",
        Kind::Organisation => "o",
    };
    let mut keys = vec![format!("{tag} {}", folds.join(" "))];
    for (i, fold) in folds.iter().enumerate() {
        if fold.chars().count() < 5 {
            continue;
        }
        let mut words: Vec<String> = folds.clone();
        words[i] = format!("~{}", skeleton(fold));
        keys.push(format!("{tag} {}", words.join(" ")));
    }
    keys
}

/// Whether two spellings are one name: as many words, each the same or
/// alike once folded, but for at most one that differs only in its vowels
/// (the tests of `naming.variant`).
pub fn one_name(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split_whitespace().collect(), b.split_whitespace().collect());
    if a.len() != b.len() {
        return false;
    }
    let mut near = 0;
    for (x, y) in a.iter().zip(&b) {
        match likeness(x, y) {
            Likeness::Same | Likeness::Folded => {}
            Likeness::Near => near += 1,
            Likeness::Different => return false,
        }
    }
    near <= 1
}

/// Whether two spellings of one name differ only by the folding habits
/// (no word apart only in its vowels): the stronger sign.
pub fn folded_alike(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split_whitespace().collect(), b.split_whitespace().collect());
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(x, y)| matches!(likeness(x, y), Likeness::Same | Likeness::Folded))
}

/// A tally's spellings grouped into entries, each kind's entries sorted by
/// how often they are written (then by name), each entry's spellings
/// likewise.
pub fn entries(tally: &Tally) -> Vec<(Kind, Entry)> {
    let mut spellings: Vec<(&(Kind, String), &Seen)> = tally.names.iter().collect();
    spellings.sort_by(|a, b| a.0.cmp(b.0));
    // Union-find over the spellings that share a key and are one name.
    let mut parent: Vec<usize> = (0..spellings.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, ((kind, spelling), _)) in spellings.iter().enumerate() {
        for key in keys(*kind, spelling) {
            by_key.entry(key).or_default().push(i);
        }
    }
    let mut buckets: Vec<Vec<usize>> = by_key.into_values().filter(|b| b.len() > 1).collect();
    buckets.sort();
    for bucket in buckets {
        for (n, &i) in bucket.iter().enumerate() {
            // Each member joins the first earlier one it is one name with.
            if let Some(&j) = bucket[..n]
                .iter()
                .find(|&&j| one_name(&spellings[i].0 .1, &spellings[j].0 .1))
            {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..spellings.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<(u64, Kind, Entry)> = groups
        .into_values()
        .map(|members| {
            let mut list: Vec<Spelling> = members
                .iter()
                .map(|&i| {
                    let ((_, spelling), seen) = spellings[i];
                    Spelling {
                        spelling: spelling.clone(),
                        count: seen.count,
                        first: seen.first,
                        last: seen.last,
                    }
                })
                .collect();
            // Commonest first; of two as common, the one used last.
            list.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then(b.last.cmp(&a.last))
                    .then(a.spelling.cmp(&b.spelling))
            });
            let total = list.iter().map(|s| s.count).sum();
            let kind = spellings[members[0]].0 .0;
            let entry = Entry {
                name: list[0].spelling.clone(),
                spellings: list,
            };
            (total, kind, entry)
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)).then(a.2.name.cmp(&b.2.name)));
    out.into_iter().map(|(_, kind, entry)| (kind, entry)).collect()
}

/// The tally of a learned file's section: every spelling, as counted.
pub fn tally_of(section: ArchiveSection) -> Tally {
    let mut tally = Tally {
        articles: section.articles,
        ..Tally::default()
    };
    let kinds = [
        (Kind::Person, section.people),
        (Kind::Organisation, section.organisations),
    ];
    for (kind, entries) in kinds {
        for entry in entries {
            for s in entry.spellings {
                tally.names.entry((kind, s.spelling)).or_default().merge(Seen {
                    count: s.count,
                    first: s.first,
                    last: s.last,
                });
            }
        }
    }
    tally
}

/// The learned rule file of a tally: ordinary YAML, one line a spelling.
pub fn to_yaml(tally: &Tally) -> String {
    let entries = entries(tally);
    let mut out = String::new();
    out.push_str(
        "# Learned by `claimlint learn`: the spellings of people and organisations in\n\
         # the desk's archive, with how often and when each was written. `name` is\n\
         # the spelling `claimlint check --rules` asks for (the commonest; edit it to\n\
         # choose another). See docs/archive.md.\n",
    );
    let _ = writeln!(out, "archive:\n  articles: {}", tally.articles);
    for (kind, key) in [(Kind::Person, "people"), (Kind::Organisation, "organisations")] {
        let mut any = false;
        for (_, entry) in entries.iter().filter(|(k, _)| *k == kind) {
            if !any {
                let _ = writeln!(out, "  {key}:");
                any = true;
            }
            let _ = writeln!(out, "    - name: {}\n      spellings:", quoted(&entry.name));
            for s in &entry.spellings {
                let _ = write!(
                    out,
                    "        - {{spelling: {}, count: {}",
                    quoted(&s.spelling),
                    s.count
                );
                if let Some(first) = s.first {
                    let _ = write!(out, ", first: {first}");
                }
                if let Some(last) = s.last {
                    let _ = write!(out, ", last: {last}");
                }
                out.push_str("}\n");
            }
        }
        if !any {
            let _ = writeln!(out, "  {key}: []");
        }
    }
    out
}

/// A YAML double-quoted scalar (a JSON string is one).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(names: &[(&str, u64, Option<Date>)]) -> Tally {
        let mut t = Tally::default();
        for &(name, count, date) in names {
            t.names.insert(
                (Kind::Person, name.to_string()),
                Seen {
                    count,
                    first: date,
                    last: date,
                },
            );
        }
        t
    }

    #[test]
    fn spellings_that_fold_alike_are_one_entry_named_by_the_commonest() {
        let d = |m| Some(jiff::civil::date(2005, m, 1));
        let t = tally(&[
            ("Gurinder Chada", 2, d(1)),
            ("Gurinder Chadha", 212, d(3)),
            ("Mary Smith", 4, None),
        ]);
        let names: Vec<(String, Vec<String>)> = entries(&t)
            .into_iter()
            .map(|(_, e)| (e.name, e.spellings.into_iter().map(|s| s.spelling).collect()))
            .collect();
        assert_eq!(
            names,
            [
                (
                    "Gurinder Chadha".to_string(),
                    vec!["Gurinder Chadha".to_string(), "Gurinder Chada".to_string()]
                ),
                ("Mary Smith".to_string(), vec!["Mary Smith".to_string()]),
            ]
        );
    }

    #[test]
    fn a_tie_goes_to_the_spelling_used_last() {
        let d = |m| Some(jiff::civil::date(2005, m, 1));
        let t = tally(&[("Sergei Lavrov", 3, d(6)), ("Sergey Lavrov", 3, d(2))]);
        assert_eq!(entries(&t)[0].1.name, "Sergei Lavrov");
    }

    #[test]
    fn the_learned_file_reads_back_as_the_same_tally() {
        let d = Some(jiff::civil::date(2004, 12, 31));
        let mut t = tally(&[("Gurinder Chadha", 5, d), ("José \"Pepe\" Ruiz", 1, None)]);
        t.articles = 9;
        let yaml = to_yaml(&t);
        let file = crate::rules::parse_file("names.yaml", &yaml).unwrap();
        assert_eq!(tally_of(file.archive.unwrap()), t);
    }
}
