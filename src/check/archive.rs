//! `naming.archive`: a name spelt as the desk's archive seldom or never
//! spells it ("Gurinder Chada" where the archive has "Gurinder Chadha"
//! 212 times and "Gurinder Chada" twice), a title the archive last gave
//! someone else, and an age that does not fit an age the archive gave
//! with its date.
//!
//! Why: a draft that spells a name one way throughout passes every check
//! of the draft against itself; the desk's published articles know better.
//! `claimlint learn` writes what they know (docs/archive.md).
//!
//! Example: "Director Gurinder Chada said..." with an archive that writes
//! "Gurinder Chadha" 212 times. Use instead: "Gurinder Chadha".
//!
//! A person's full name, or a body's name, is looked up in the archive by
//! the `naming.variant` fold. It is reported when the archive's chosen
//! spelling is another (not only in case), written at least
//! [`MIN_PREFERRED`] times and at least [`RATIO`] times as often as the
//! draft's: a spelling the archive writes often is some other person's,
//! not a slip. The fix writes the chosen spelling, and the surname alone
//! where the draft later uses it; it is safe when the two differ only by
//! the fold's habits and the archive writes the chosen one fifty times as
//! often, unsafe otherwise.

//!
//! A title ([`said`] reads only those one person holds at a time) is
//! reported when the archive knows the person, has never given them the
//! office (with any qualifier), and last gave the title to someone else
//! (or, when no article giving it is dated, gave it to one other person
//! alone), at least [`MIN_HOLDER`] times, and that holder did not take it
//! after the story's date. An age is reported when the story has a
//! certain date ([`said::certain_date`]) and the archive has dated ages of
//! the person that agree with each other: the age the latest of them
//! gives, plus the whole years between its date and the story's, is more
//! than a year from the draft's. A draft without a date gets no age
//! findings: the archive's ages alone cannot say how old the person is now.

use rustc_hash::FxHashMap as HashMap;

use jiff::civil::Date;

use crate::check::Document;
use crate::finding::{Applicability, Edit, Finding, Fix, Span};
use crate::rules::archive::{AgeSeen, Entry, Kind};
use crate::rules::Pack;

mod index;
mod names;
pub mod said;

pub use index::{folded_alike, keys, one_name, Index};
pub use names::{learnable, span_of, spelling_of};

/// The rule code.
pub const CODE: &str = crate::registry::ARCHIVE.code;

/// The fewest times the archive must write its spelling for another to be
/// reported.
pub const MIN_PREFERRED: u64 = 5;

/// How many times as often the archive must write its spelling as the
/// draft's.
pub const RATIO: u64 = 10;

/// How many times as often, for the fix to be safe.
const SAFE_RATIO: u64 = 50;

/// One spelling of a person or body in the draft, with each name that
/// writes it (its index among the draft's names, and its span).
type Spelt = (Kind, String, Vec<(usize, Span)>);

/// The fewest times the archive must give its latest holder a title for
/// another person's title to be reported.
pub const MIN_HOLDER: u64 = 2;

/// Reports each name the draft spells as the archive seldom does, each
/// title the archive last gave someone else and each age that does not
/// fit the archive's.
pub fn check(doc: &Document<'_>, pack: &Pack, index: &Index, findings: &mut Vec<Finding>) {
    let archive = &pack.archive;
    if archive.is_empty() {
        return;
    }
    spellings(doc, pack, index, findings);
    said(doc, pack, index, findings);
}

/// Reports each name the draft spells as the archive seldom does.
fn spellings(doc: &Document<'_>, pack: &Pack, index: &Index, findings: &mut Vec<Finding>) {
    let archive = &pack.archive;
    let text = doc.source.text.as_str();
    let names = &doc.mentions.names;
    // Each distinct spelling of a person or body, in order of first use,
    // with the names that write it.
    let mut order: Vec<Spelt> = Vec::new();
    let mut at: HashMap<(Kind, String), usize> = HashMap::default();
    for (n, name) in names.iter().enumerate() {
        let Some(tokens) = doc.tokens.get(name.tokens()) else {
            continue;
        };
        let Some((kind, tokens)) = learnable(text, tokens) else {
            continue;
        };
        let spelling = spelling_of(text, tokens);
        let slot = *at.entry((kind, spelling.clone())).or_insert_with(|| {
            order.push((kind, spelling, Vec::new()));
            order.len() - 1
        });
        order[slot].2.push((n, span_of(tokens)));
    }
    let severity = archive.severity.unwrap_or(crate::registry::ARCHIVE.severity);
    for (kind, spelling, uses) in &order {
        let Some((_, entry)) = index.lookup(archive, *kind, spelling) else {
            continue;
        };
        let preferred = entry.name.as_str();
        if preferred.to_lowercase() == spelling.to_lowercase() {
            continue;
        }
        let theirs = entry.count_of(preferred);
        let ours = entry.count_of(spelling);
        if theirs < MIN_PREFERRED || theirs < RATIO * ours.max(1) {
            continue;
        }
        let mut edits: Vec<Edit> = uses
            .iter()
            .map(|&(_, span)| Edit {
                span,
                replacement: preferred.to_string(),
            })
            .collect();
        let mut related: Vec<Span> = uses[1..].iter().map(|&(_, span)| span).collect();
        // The surname alone, after the full name: "Ms Chada said".
        let (old_last, new_last) = (
            spelling.rsplit(' ').next().unwrap_or(spelling),
            preferred.rsplit(' ').next().unwrap_or(preferred),
        );
        if *kind == Kind::Person && old_last != new_last {
            for later in names
                .iter()
                .filter(|m| m.continues().is_some_and(|f| uses.iter().any(|u| u.0 == f)))
            {
                if doc.text(later.span()) == old_last {
                    related.push(later.span());
                    edits.push(Edit {
                        span: later.span(),
                        replacement: new_last.to_string(),
                    });
                }
            }
        }
        related.sort();
        let safe = folded_alike(spelling, preferred) && theirs >= SAFE_RATIO * ours.max(1);
        let applicability = if safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        let last = entry
            .spelling(preferred)
            .and_then(|s| s.last)
            .map_or(String::new(), |d| format!(", last on {d}"));
        let ours_text = match ours {
            0 => "never".to_string(),
            1 => "once".to_string(),
            2 => "twice".to_string(),
            n => format!("{n} times"),
        };
        let message = format!(
            "the archive writes \"{preferred}\" {theirs} times{last}, and \"{spelling}\" {ours_text}; \
             use \"{preferred}\""
        );
        findings.push(Finding {
            rule: CODE,
            origin: Some(preferred.to_string()),
            severity,
            message,
            span: uses[0].1,
            related,
            fix: Fix::new(applicability, edits),
        });
    }
}

/// Reports the titles and ages the draft gives people that do not fit
/// the archive's.
fn said(doc: &Document<'_>, pack: &Pack, index: &Index, findings: &mut Vec<Finding>) {
    let said = doc.archive_said();
    if said.is_empty() {
        return;
    }
    let archive = &pack.archive;
    let text = doc.source.text.as_str();
    let severity = archive.severity.unwrap_or_default();
    let mut done: rustc_hash::FxHashSet<(usize, String)> = Default::default();
    for s in said {
        let Some(name) = doc.mentions.names.get(s.name) else {
            continue;
        };
        let Some(tokens) = doc.tokens.get(name.tokens()) else {
            continue;
        };
        let Some((Kind::Person, tokens)) = learnable(text, tokens) else {
            continue;
        };
        let spelling = spelling_of(text, tokens);
        let Some((at, entry)) = index.lookup(archive, Kind::Person, &spelling) else {
            continue;
        };
        let (key, message) = match &s.what {
            said::What::Title { title, office } => {
                let Some(m) = title_message(index, archive, at, entry, title, office, doc.archive_date())
                else {
                    continue;
                };
                (title.clone(), m)
            }
            said::What::Age(age) => {
                let Some(m) = age_message(entry, *age, doc.archive_date()) else {
                    continue;
                };
                (format!("age {age}"), m)
            }
        };
        if !done.insert((at, key.clone())) {
            continue;
        }
        findings.push(Finding {
            rule: CODE,
            origin: Some(entry.name.clone()),
            severity,
            message,
            span: s.span,
            related: Vec::new(),
            fix: None,
        });
    }
}

/// The message for a title the archive last gave someone else, if it did.
fn title_message(
    index: &Index,
    archive: &crate::rules::archive::Archive,
    at: usize,
    entry: &Entry,
    title: &str,
    office: &str,
    story: Option<Date>,
) -> Option<String> {
    // The person held the office, under this title or another ("chancellor",
    // "german chancellor"): the draft may be right, and is not second-guessed.
    let held = entry
        .titles
        .iter()
        .any(|t| t.title == office || t.title.ends_with(&format!(" {office}")));
    if held {
        return None;
    }
    let holders = index.holders(title);
    let mut latest: Option<(usize, &crate::rules::archive::TitleSeen)> = None;
    let mut tied = false;
    for (holder, seen) in holders {
        let Some(last) = seen.last else { continue };
        match latest {
            Some((h, best)) if best.last == Some(last) => tied |= h != *holder,
            Some((_, best)) if best.last > Some(last) => {}
            _ => {
                latest = Some((*holder, seen));
                tied = false;
            }
        }
    }
    // An archive without dates for the title names its holder only when
    // it gives the title to one person alone.
    let sole = match holders {
        [(h, seen)] if latest.is_none() => Some((*h, seen)),
        _ => None,
    };
    let (holder, seen) = latest.filter(|_| !tied).or(sole)?;
    if holder == at || seen.count < MIN_HOLDER {
        return None;
    }
    // A story from before the holder took the title is about another time.
    if story.is_some_and(|d| seen.first.is_some_and(|first| d < first)) {
        return None;
    }
    let (_, holder_entry) = archive.entries.get(holder)?;
    // The holder under another spelling the archive did not group with
    // this one ("Sergei Lavrov", "Sergey Lavrov"): a spelling question.
    let surname = |name: &str| name.rsplit(' ').next().map(crate::check::variant::fold_word);
    if surname(&holder_entry.name) == surname(&entry.name) {
        return None;
    }
    let when = match (seen.first, seen.last) {
        (Some(first), Some(last)) if first != last => {
            format!("last on {last}, first on {first}, {} times", seen.count)
        }
        (_, Some(last)) => format!("last on {last}, {} times", seen.count),
        _ => format!("{} times, in undated articles", seen.count),
    };
    let gives = if latest.is_some() { "last gives" } else { "gives" };
    let only = if latest.is_some() { "" } else { " only" };
    Some(format!(
        "the archive {gives} the title \"{title}\"{only} to {} ({when}) and never calls {} {office}; \
         check the title",
        holder_entry.name, entry.name
    ))
}

/// The message for an age that does not fit the archive's, if it does not.
fn age_message(entry: &Entry, age: u8, story: Option<Date>) -> Option<String> {
    let story = story?;
    let dated: Vec<(&AgeSeen, Date, Date)> = entry
        .ages
        .iter()
        .filter_map(|a| Some((a, a.first?, a.last?)))
        .collect();
    let &(latest, _, last) = dated.iter().max_by_key(|(a, _, last)| (*last, a.age))?;
    // The archive must agree with itself: each age, at its first and last
    // dates, within a year of what the latest one makes it.
    let agrees = dated.iter().all(|&(a, first, l)| {
        [first, l]
            .into_iter()
            .all(|d| (i64::from(a.age) - expected(latest.age, last, d)).abs() <= 1)
    });
    if !agrees {
        return None;
    }
    let expect = expected(latest.age, last, story);
    if (i64::from(age) - expect).abs() <= 1 {
        return None;
    }
    Some(format!(
        "the archive gives {}'s age as {} on {last}, so about {expect} on {story} (the story's date), not {age}",
        entry.name, latest.age
    ))
}

/// The age of someone `age` on `from`, on `to`: plus (or minus) the whole
/// years between.
fn expected(age: u8, from: Date, to: Date) -> i64 {
    let mut years = i64::from(to.year()) - i64::from(from.year());
    let (a, b) = ((to.month(), to.day()), (from.month(), from.day()));
    if years > 0 && a < b {
        years -= 1;
    } else if years < 0 && a > b {
        years += 1;
    }
    i64::from(age) + years
}

#[cfg(test)]
mod tests {
    use crate::rules::{parse_file, Pack};
    use crate::source::{Format, Source};
    use crate::Checker;

    const ARCHIVE: &str =
        "archive:\n  articles: 300\n  people:\n    - name: Gurinder Chadha\n      spellings:\n        \
        - {spelling: Gurinder Chadha, count: 212, last: 2005-03-01}\n        \
        - {spelling: Gurinder Chada, count: 2}\n    - name: Mohammed Shah\n      spellings:\n        \
        - {spelling: Mohammed Shah, count: 40}\n        - {spelling: Muhammad Shah, count: 9}\n";

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        let mut pack = Pack::builtin().unwrap();
        pack.add(parse_file("names.yaml", ARCHIVE).unwrap());
        let source = Source::new("d.txt", text, Format::Text);
        Checker::new(pack)
            .check(&source)
            .into_iter()
            .filter(|f| f.rule == super::CODE)
            .map(|f| {
                let fixed = f.fix.as_ref().and_then(|x| x.apply(text));
                (f.message, fixed)
            })
            .collect()
    }

    #[test]
    fn a_rare_spelling_of_a_name_the_archive_knows_is_fixed() {
        let text = "Film-maker Gurinder Chada spoke. Ms Chada said more.";
        assert_eq!(
            found(text),
            [(
                "the archive writes \"Gurinder Chadha\" 212 times, last on 2005-03-01, and \"Gurinder Chada\" \
                 twice; use \"Gurinder Chadha\""
                    .to_string(),
                Some("Film-maker Gurinder Chadha spoke. Ms Chadha said more.".to_string())
            )]
        );
    }

    #[test]
    fn the_usual_spelling_and_a_spelling_the_archive_writes_often_stay_quiet() {
        assert_eq!(found("The director Gurinder Chadha spoke."), []);
        // 40 against 9: two people, or a spelling the desk uses too.
        assert_eq!(found("The trader Muhammad Shah spoke."), []);
        assert_eq!(found("The trader Mary Smith spoke."), []);
    }
}
