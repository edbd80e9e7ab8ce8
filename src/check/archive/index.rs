//! The loaded archives, indexed once per pack: the entries by the keys of
//! their spellings, and the holders of each title.

use rustc_hash::FxHashMap as HashMap;

use crate::check::variant::{fold_word, likeness, skeleton, Likeness};
use crate::rules::archive::{Archive, Entry, Kind, TitleSeen};
use crate::rules::Pack;

/// The index of every archive loaded for a run.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// The entries filed under each key of their spellings.
    by_key: HashMap<String, Vec<usize>>,
    /// Each title, with the people given it: the entry and its record.
    holders: HashMap<String, Vec<(usize, TitleSeen)>>,
    /// The offices of the pack's titles, for reading a draft's.
    pub offices: super::said::Offices,
}

impl Index {
    /// Indexes the archives of a pack.
    pub fn new(pack: &Pack) -> Index {
        let archive = &pack.archive;
        let mut index = Index {
            offices: super::said::Offices::new(pack),
            ..Index::default()
        };
        for (at, (kind, entry)) in archive.entries.iter().enumerate() {
            for spelling in entry
                .spellings
                .iter()
                .map(|s| s.spelling.as_str())
                .chain([entry.name.as_str()])
            {
                for key in keys(*kind, spelling) {
                    let filed = index.by_key.entry(key).or_default();
                    if filed.last() != Some(&at) {
                        filed.push(at);
                    }
                }
            }
            if *kind == Kind::Person {
                // One record a title: the entry's spellings' together.
                for title in &entry.titles {
                    let holders = index.holders.entry(title.title.clone()).or_default();
                    match holders.last_mut() {
                        Some((h, seen)) if *h == at => {
                            seen.count += title.count;
                            seen.first = match (seen.first, title.first) {
                                (Some(a), Some(b)) => Some(a.min(b)),
                                (a, b) => a.or(b),
                            };
                            seen.last = seen.last.max(title.last);
                        }
                        _ => holders.push((at, title.clone())),
                    }
                }
            }
        }
        index
    }

    /// The entry whose spellings `spelling` is one of, or folds alike
    /// with: of several, the one whose chosen spelling is written most.
    /// Returned with its index among the archive's entries.
    pub fn lookup<'a>(&self, archive: &'a Archive, kind: Kind, spelling: &str) -> Option<(usize, &'a Entry)> {
        let mut best: Option<(usize, &Entry, u64)> = None;
        for key in keys(kind, spelling) {
            for &at in self.by_key.get(&key).into_iter().flatten() {
                let Some((k, entry)) = archive.entries.get(at) else {
                    continue;
                };
                if *k != kind || !one_name(spelling, &entry.name) {
                    continue;
                }
                let count = entry.count_of(&entry.name);
                if best.is_none_or(|(_, _, c)| count > c) {
                    best = Some((at, entry, count));
                }
            }
        }
        best.map(|(at, e, _)| (at, e))
    }

    /// The people the archive gives `title`, with their records of it.
    pub fn holders(&self, title: &str) -> &[(usize, TitleSeen)] {
        self.holders.get(title).map_or(&[], Vec::as_slice)
    }
}

/// The keys a spelling is filed under: its words folded, and for each word
/// long enough, the same with that word's skeleton instead (so that two
/// spellings apart only in one word's vowels meet).
pub fn keys(kind: Kind, spelling: &str) -> Vec<String> {
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
