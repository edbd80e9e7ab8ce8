//! `style.substitution`: a form the house style replaces ("Kiev" becomes
//! "Kyiv").
//!
//! Why: desks settle on one spelling of a place or term; the old one dates
//! the copy or takes a side.
//!
//! Example: "the Western-backed government in Kiev". Use instead: "the
//! Western-backed government in Kyiv".
//!
//! One finding per rule, pointing at every use. Exceptions keep the old
//! form where it is part of a name ("Chicken Kiev"). The fix is safe.

use crate::check::{match_case, Document};
use crate::finding::{Applicability, Edit, Finding, Fix};
use crate::mention::Target;
use crate::rules::Pack;

/// The rule code.
pub const CODE: &str = crate::registry::SUBSTITUTION.code;

/// Reports each style rule whose replaced forms the draft uses.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let by_rule = doc.uses_by_rule(|target| match target {
        Target::Style { rule, form } => Some((rule, form)),
        _ => None,
    });
    for (index, found) in by_rule {
        let rule = &pack.style[index];
        let spans: Vec<_> = found.iter().map(|(_, k)| k.span).collect();
        let Some((&primary, others)) = spans.split_first() else {
            continue;
        };
        let found = doc.text(primary);
        let reason = rule
            .reason
            .as_deref()
            .map(|r| format!(": {r}"))
            .unwrap_or_default();
        let times = if spans.len() > 1 {
            format!(" ({} times)", spans.len())
        } else {
            String::new()
        };
        let edits = spans
            .iter()
            .map(|&span| Edit {
                span,
                replacement: match_case(doc.text(span), &rule.replacement),
            })
            .collect();
        findings.push(Finding {
            rule: CODE,
            origin: Some(rule.replacement.clone()),
            severity: rule.severity,
            message: format!(
                "house style writes \"{}\", not \"{found}\"{times}{reason}",
                rule.replacement
            ),
            span: primary,
            related: others.to_vec(),
            fix: Fix::new(Applicability::Safe, edits),
        });
    }
}
