//! `naming.title`: one title worded two ways in one draft ("State
//! Secretary" and "Secretary of State").
//!
//! Why: two wordings suggest two offices; the reader cannot tell whether
//! they are one.
//!
//! Example: "US State Secretary John Kerry ... US Secretary of State John
//! Kerry". Use instead: "Secretary of State" throughout.
//!
//! Wordings are compared without regard to case: "Secretary of State"
//! before a name and "secretary of state" after it are one wording. The fix
//! keeps the casing of the text it replaces and is safe.

use crate::check::{count_word, quote_list, Document, Inconsistency, Use};
use crate::finding::{Applicability, Finding};
use crate::mention::Target;
use crate::rules::Pack;

/// The rule code.
pub const CODE: &str = crate::registry::TITLE.code;

/// Reports each title the draft words more than one way.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let by_rule = doc.uses_by_rule(|target| match target {
        Target::Title { rule, form } => Some((rule, form)),
        _ => None,
    });
    for (index, found) in by_rule {
        let rule = &pack.titles[index];
        if rule.forms.len() < 2 {
            continue;
        }
        let uses: Vec<Use> = found
            .iter()
            .map(|&(form, k)| Use::of_known(doc, k, &rule.forms[form]))
            .collect();
        let inconsistency = Inconsistency {
            rule: CODE,
            origin: Some(rule.name.clone()),
            severity: rule.severity,
            uses: &uses,
            prefer: rule.prefer.as_deref(),
            fallback: rule.fallback.as_deref(),
            fullest: false,
            applicability: Applicability::Safe,
            match_case: true,
            rewrite: None,
            accepted: &pack.accepted,
        };
        findings.extend(inconsistency.finding(|names, _| {
            format!(
                "{} are one title worded {} ways",
                quote_list(names),
                count_word(names.len())
            )
        }));
    }
}
