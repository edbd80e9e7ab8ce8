//! Rule examples: running every rule's `bad` and `good` texts, so a rule
//! cannot silently rot. Used by `claimlint rules test` and the test suite.

use crate::check::{abbreviation, acronym, archive, entity, first_reference, style, term, title, variant};
use crate::rules::Examples;
use crate::source::{Format, Source};
use crate::Checker;

/// One example that did not behave as its rule says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The rule code.
    pub rule: &'static str,
    /// The rule-file entry, when the family has entries.
    pub origin: Option<String>,
    /// True for a bad example that was not flagged, false for a good one
    /// that was.
    pub bad: bool,
    /// The example text.
    pub text: String,
    /// The messages of the findings the rule did report on it.
    pub reported: Vec<String>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let who = match &self.origin {
            Some(origin) => format!("{} ({origin})", self.rule),
            None => self.rule.to_string(),
        };
        if self.bad {
            write!(f, "{who}: bad example not flagged: {:?}", self.text)
        } else {
            write!(
                f,
                "{who}: good example flagged: {:?}: {}",
                self.text,
                self.reported.join("; ")
            )
        }
    }
}

/// What a run over every example found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Examples run.
    pub run: usize,
    /// Examples that failed.
    pub failures: Vec<Failure>,
}

/// Every rule entry with examples: its code, its origin, its examples.
fn entries(checker: &Checker) -> Vec<(&'static str, Option<String>, &Examples)> {
    let pack = checker.pack();
    let mut all: Vec<(&'static str, Option<String>, &Examples)> = Vec::new();
    all.extend(
        pack.entities
            .iter()
            .map(|r| (entity::CODE, Some(r.name.clone()), &r.examples)),
    );
    all.extend(
        pack.abbreviations
            .iter()
            .map(|r| (abbreviation::CODE, Some(r.name.clone()), &r.examples)),
    );
    all.extend(
        pack.titles
            .iter()
            .map(|r| (title::CODE, Some(r.name.clone()), &r.examples)),
    );
    all.extend(
        pack.style
            .iter()
            .map(|r| (style::CODE, Some(r.replacement.clone()), &r.examples)),
    );
    all.push((term::CODE, None, &pack.terms.examples));
    all.push((variant::CODE, None, &pack.variants.examples));
    all.push((first_reference::CODE, None, &pack.first_reference.examples));
    all.push((acronym::FAMILY, None, &pack.acronyms.examples));
    all.push((archive::CODE, None, &pack.archive.examples));
    all.extend(
        pack.claims
            .iter()
            .map(|r| (r.attribute.code(), None, &r.examples)),
    );
    all
}

/// Whether a finding's code belongs to an entry's rule: the code itself, or
/// for a family that reports several codes (`acronym.`), any of them.
fn covers(rule: &str, code: &str) -> bool {
    if rule.ends_with('.') {
        code.starts_with(rule)
    } else {
        code == rule
    }
}

/// Runs every example of every rule of the checker's pack.
pub fn run(checker: &Checker) -> Outcome {
    let mut outcome = Outcome::default();
    for (rule, origin, examples) in entries(checker) {
        let cases = examples
            .bad
            .iter()
            .map(|t| (true, t))
            .chain(examples.good.iter().map(|t| (false, t)));
        for (bad, text) in cases {
            outcome.run += 1;
            let source = Source::new("example", text.as_str(), Format::Text);
            let reported: Vec<String> = checker
                .check(&source)
                .into_iter()
                .filter(|f| covers(rule, f.rule) && (origin.is_none() || f.origin == origin))
                .map(|f| f.message)
                .collect();
            if bad == reported.is_empty() {
                outcome.failures.push(Failure {
                    rule,
                    origin: origin.clone(),
                    bad,
                    text: text.clone(),
                    reported,
                });
            }
        }
    }
    outcome
}
