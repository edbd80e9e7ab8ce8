//! The learned file as `learn` writes it: a tally's spellings grouped
//! into entries, written as the `archive:` section of a rule file
//! ([`crate::rules::archive`] holds its types and its example), and read
//! back into a tally for a merge.
//!
//! `name` is the spelling `check` asks for; `learn` writes the commonest
//! (the one last used breaking a tie), and an editor may change it by hand.
//! A merge reads every spelling back and groups them again, so it chooses
//! afresh. An entry's `titles` and `ages` are kept per spelling: a record
//! of a spelling other than the entry's `name` names it, so that reading
//! the file back gives the tally that wrote it (an editor who renames an
//! entry moves its unnamed records to the new name).

use std::fmt::Write as _;

use jiff::civil::Date;
use rustc_hash::FxHashMap as HashMap;

use super::{Kind, Seen, Tally};
pub use crate::check::archive::folded_alike;
use crate::check::archive::{keys, one_name};
pub use crate::rules::archive::{day, AgeSeen, Archive, ArchiveSection, Entry, Spelling, TitleSeen};

/// A tally's spellings grouped into entries, each kind's entries sorted by
/// how often they are written (then by name), each entry's spellings
/// likewise.
pub fn entries(tally: &Tally) -> Vec<(Kind, Entry)> {
    let given = Given::of(tally);
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
            let (titles, ages) = match kind {
                Kind::Person => said_of(&list, &given),
                Kind::Organisation => Default::default(),
            };
            let entry = Entry {
                name: list[0].spelling.clone(),
                spellings: list,
                titles,
                ages,
            };
            (total, kind, entry)
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)).then(a.2.name.cmp(&b.2.name)));
    out.into_iter().map(|(_, kind, entry)| (kind, entry)).collect()
}

/// The titles and ages given to each person's spelling.
#[derive(Default)]
struct Given<'t> {
    titles: HashMap<&'t str, Vec<(&'t str, Seen)>>,
    ages: HashMap<&'t str, Vec<(u8, Seen)>>,
}

impl<'t> Given<'t> {
    fn of(tally: &'t Tally) -> Given<'t> {
        let mut given = Given::default();
        for ((spelling, title), seen) in &tally.titles {
            given.titles.entry(spelling).or_default().push((title, *seen));
        }
        for ((spelling, age), seen) in &tally.ages {
            given.ages.entry(spelling).or_default().push((*age, *seen));
        }
        given
    }
}

/// An entry's titles (commonest first, then the one given last) and ages
/// (by date), each spelling's apart; a record of the entry's name
/// (`spellings[0]`) leaves its spelling out.
fn said_of(spellings: &[Spelling], given: &Given<'_>) -> (Vec<TitleSeen>, Vec<AgeSeen>) {
    let mut titles = Vec::new();
    let mut ages = Vec::new();
    for (n, s) in spellings.iter().enumerate() {
        let spelling = (n > 0).then(|| s.spelling.clone());
        for (title, seen) in given.titles.get(s.spelling.as_str()).into_iter().flatten() {
            titles.push(TitleSeen {
                title: title.to_string(),
                count: seen.count,
                first: seen.first,
                last: seen.last,
                spelling: spelling.clone(),
            });
        }
        for (age, seen) in given.ages.get(s.spelling.as_str()).into_iter().flatten() {
            ages.push(AgeSeen {
                age: *age,
                count: seen.count,
                first: seen.first,
                last: seen.last,
                spelling: spelling.clone(),
            });
        }
    }
    titles.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.last.cmp(&a.last))
            .then(a.title.cmp(&b.title))
            .then(a.spelling.cmp(&b.spelling))
    });
    ages.sort_by(|a, b| {
        a.first
            .cmp(&b.first)
            .then(a.last.cmp(&b.last))
            .then(a.age.cmp(&b.age))
            .then(a.spelling.cmp(&b.spelling))
    });
    (titles, ages)
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
            let name = entry.name;
            for s in entry.spellings {
                tally.names.entry((kind, s.spelling)).or_default().merge(Seen {
                    count: s.count,
                    first: s.first,
                    last: s.last,
                });
            }
            if kind != Kind::Person {
                continue;
            }
            for t in entry.titles {
                let owner = t.spelling.unwrap_or_else(|| name.clone());
                tally.titles.entry((owner, t.title)).or_default().merge(Seen {
                    count: t.count,
                    first: t.first,
                    last: t.last,
                });
            }
            for a in entry.ages {
                let owner = a.spelling.unwrap_or_else(|| name.clone());
                tally.ages.entry((owner, a.age)).or_default().merge(Seen {
                    count: a.count,
                    first: a.first,
                    last: a.last,
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
            if !entry.titles.is_empty() {
                out.push_str("      titles:\n");
            }
            for t in &entry.titles {
                let _ = write!(out, "        - {{title: {}, count: {}", quoted(&t.title), t.count);
                dates(&mut out, t.first, t.last, t.spelling.as_deref());
            }
            if !entry.ages.is_empty() {
                out.push_str("      ages:\n");
            }
            for a in &entry.ages {
                let _ = write!(out, "        - {{age: {}, count: {}", a.age, a.count);
                dates(&mut out, a.first, a.last, a.spelling.as_deref());
            }
        }
        if !any {
            let _ = writeln!(out, "  {key}: []");
        }
    }
    out
}

/// Ends a flow mapping with its dates and the spelling it belongs to.
fn dates(out: &mut String, first: Option<Date>, last: Option<Date>, spelling: Option<&str>) {
    if let Some(first) = first {
        let _ = write!(out, ", first: {first}");
    }
    if let Some(last) = last {
        let _ = write!(out, ", last: {last}");
    }
    if let Some(spelling) = spelling {
        let _ = write!(out, ", spelling: {}", quoted(spelling));
    }
    out.push_str("}\n");
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
