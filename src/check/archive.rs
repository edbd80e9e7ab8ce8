//! `naming.archive`: a name spelt as the desk's archive seldom or never
//! spells it ("Gurinder Chada" where the archive has "Gurinder Chadha"
//! 212 times and "Gurinder Chada" twice).
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

use rustc_hash::FxHashMap as HashMap;

use crate::check::Document;
use crate::finding::{Applicability, Edit, Finding, Fix, Span};
use crate::learn::archive::folded_alike;
use crate::learn::{learnable, span_of, spelling_of, Kind};
use crate::rules::Pack;

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

/// Reports each name the draft spells as the archive seldom does.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let archive = &pack.archive;
    if archive.is_empty() {
        return;
    }
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
        let Some(entry) = archive.lookup(*kind, spelling) else {
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
