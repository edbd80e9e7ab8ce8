//! The skeleton of the listed-forms checks (`naming.abbreviation`,
//! `naming.entity`, `naming.title`): the pack lists the forms of one thing,
//! the draft's mentions of them are grouped by rule, and each group written
//! in more than one form is one finding whose fix writes the winning form.
//!
//! A family says where its rules are and the few decisions in which it
//! differs ([`Family`]), its rule type what its forms are and what it
//! decides ([`ListedRule`]); [`check`] does the rest.
//! `style.substitution` (every listed form is wrong, even alone) and
//! `terms.hyphenation` (no list: any word) have skeletons of their own.

use crate::check::{Document, Inconsistency, Rewrite, Use};
use crate::finding::{Applicability, Edit, Finding, Severity};
use crate::mention::{Known, Target};
use crate::rules::{EntityRule, FormsRule, Pack};

/// What a family's rule decides of its finding: its label, severity and
/// the forms that win.
pub(crate) struct Decided<'r> {
    /// The rule-file entry, for the finding's origin.
    pub name: &'r str,
    /// The finding's severity.
    pub severity: Severity,
    /// The form the pack prefers ([`Inconsistency::prefer`]).
    pub prefer: Option<&'r str>,
    /// The form that wins a tie ([`Inconsistency::fallback`]).
    pub fallback: Option<&'r str>,
}

impl<'r> Decided<'r> {
    /// From a rule's fields of the same names.
    fn new(
        name: &'r str,
        severity: Severity,
        prefer: &'r Option<String>,
        fallback: &'r Option<String>,
    ) -> Decided<'r> {
        Decided {
            name,
            severity,
            prefer: prefer.as_deref(),
            fallback: fallback.as_deref(),
        }
    }
}

/// A rule of the pack that lists the forms of one thing.
pub(crate) trait ListedRule {
    /// Form `form`, as the family compares and names forms ("" past the
    /// last).
    fn form(&self, form: usize) -> &str;

    /// What the rule decides of its finding.
    fn decided(&self) -> Decided<'_>;
}

impl ListedRule for FormsRule {
    fn form(&self, form: usize) -> &str {
        self.forms.get(form).map_or("", String::as_str)
    }

    fn decided(&self) -> Decided<'_> {
        Decided::new(&self.name, self.severity, &self.prefer, &self.fallback)
    }
}

/// An entity's forms are its name, then its aliases.
impl ListedRule for EntityRule {
    fn form(&self, form: usize) -> &str {
        self.forms().nth(form).unwrap_or_default()
    }

    fn decided(&self) -> Decided<'_> {
        Decided::new(&self.name, self.severity, &self.prefer, &self.fallback)
    }
}

/// The edit that writes the winner in place of a use, for a family that
/// needs more than a replacement of the use's text.
pub(crate) type RewriteFn<R> = fn(&Document<'_>, &R, &Use, &str) -> Edit;

/// One family of listed forms: its code, its rules in the pack, and the
/// decisions in which it differs from the others.
pub(crate) trait Family {
    /// The pack's rule of the family.
    type Rule: ListedRule;

    /// The rule code.
    const CODE: &'static str;

    /// Whether the fullest form wins a tie ([`Inconsistency::fullest`]).
    const FULLEST: bool = false;

    /// Whether a replacement takes on the casing of the text it replaces
    /// ([`Inconsistency::match_case`]).
    const MATCH_CASE: bool = false;

    /// How the edit of a use is built, when more than a replacement of its
    /// text ([`Inconsistency::rewrite`]).
    const REWRITE: Option<RewriteFn<Self::Rule>> = None;

    /// The rule and form a mention's target is, when it is the family's.
    fn pick(target: Target) -> Option<(usize, usize)>;

    /// The family's rules, indexed as [`Family::pick`] indexes them.
    fn rules(pack: &Pack) -> &[Self::Rule];

    /// Whether a mention counts as a use (all do unless the family says).
    fn counts(_doc: &Document<'_>, _known: &Known) -> bool {
        true
    }

    /// The message, before "use ...", from the forms in order of first use.
    fn message(rule: &Self::Rule, names: &[&str]) -> String;
}

/// Reports each rule of family `F` whose forms the draft mixes.
pub(crate) fn check<F: Family>(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let rules = F::rules(pack);
    for (index, found) in doc.uses_by_rule(F::pick) {
        let Some(rule) = rules.get(index) else { continue };
        // One form throughout (as in most drafts) is no finding: no uses to
        // copy out for it.
        let first = found.first().map(|&(form, _)| rule.form(form));
        if found.iter().all(|&(form, _)| Some(rule.form(form)) == first) {
            continue;
        }
        let uses: Vec<Use> = found
            .iter()
            .filter(|(_, known)| F::counts(doc, known))
            .map(|&(form, known)| Use::of_known(doc, known, rule.form(form)))
            .collect();
        let rewrite = F::REWRITE.map(|rewrite| move |u: &Use, winner: &str| rewrite(doc, rule, u, winner));
        let decided = rule.decided();
        let inconsistency = Inconsistency {
            rule: F::CODE,
            origin: Some(decided.name.to_string()),
            severity: decided.severity,
            uses: &uses,
            prefer: decided.prefer,
            fallback: decided.fallback,
            fullest: F::FULLEST,
            applicability: Applicability::Safe,
            match_case: F::MATCH_CASE,
            rewrite: rewrite.as_ref().map(|r| r as &Rewrite<'_>),
            accepted: &pack.accepted,
        };
        findings.extend(inconsistency.finding(|names, _| F::message(rule, names)));
    }
}
