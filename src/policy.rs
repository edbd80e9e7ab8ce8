//! What a run reports of what the checks find: rules turned off, severities
//! a desk changed, inline controls in the draft, a baseline of findings
//! already seen, and the lowest severity shown.
//!
//! The stages run in that order, so a severity a desk gives a rule counts
//! for the threshold, and fixes are only applied to findings that are
//! reported (see [`Policy::report`]).

use crate::baseline::Baseline;
use crate::controls::{selects, Controls};
use crate::finding::{Finding, Severity};
use crate::source::Source;

/// The settings that turn findings into a report.
#[derive(Clone, Debug)]
pub struct Policy {
    /// Rules and families turned off (`style`, `naming.variant`).
    pub disable: Vec<String>,
    /// Severities given to rules and families; for a finding the most
    /// specific selector wins (`naming.entity` over `naming`), and among
    /// equally specific ones the last.
    pub severity: Vec<(String, Severity)>,
    /// Findings already seen; `None` reports every finding.
    pub baseline: Option<Baseline>,
    /// The lowest severity reported.
    pub threshold: Severity,
}

impl Default for Policy {
    /// Every rule on, severities as the rules give them, no baseline, every
    /// severity reported.
    fn default() -> Self {
        Policy {
            disable: Vec::new(),
            severity: Vec::new(),
            baseline: None,
            threshold: Severity::Info,
        }
    }
}

impl Policy {
    /// Turns rules off, sets severities and applies the draft's inline
    /// controls: the findings a baseline records.
    pub fn settle(&self, source: &Source, findings: Vec<Finding>) -> Vec<Finding> {
        let controls = Controls::of(source);
        let mut findings = findings;
        if !controls.unknown().is_empty() {
            findings.extend(crate::check::control::check(&controls));
            findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        findings
            .into_iter()
            .filter(|f| !self.disable.iter().any(|d| selects(d, f.rule)))
            .filter(|f| !controls.suppresses(f))
            .map(|mut f| {
                if let Some(severity) = self.severity_of(f.rule) {
                    f.severity = severity;
                }
                f
            })
            .collect()
    }

    /// Everything [`Policy::settle`] does, then leaves out the findings the
    /// baseline knows and those below the threshold: the findings reported.
    pub fn report(&self, source: &Source, findings: Vec<Finding>) -> Vec<Finding> {
        self.finish(source, self.settle(source, findings))
    }

    /// Leaves out of settled findings (see [`Policy::settle`]) those the
    /// baseline knows and those below the threshold.
    pub fn finish(&self, source: &Source, findings: Vec<Finding>) -> Vec<Finding> {
        let findings = match &self.baseline {
            Some(baseline) => baseline.filter(source, findings),
            None => findings,
        };
        findings
            .into_iter()
            .filter(|f| f.severity >= self.threshold)
            .collect()
    }

    /// The severity the policy gives a rule, if it gives one.
    fn severity_of(&self, rule: &str) -> Option<Severity> {
        self.severity
            .iter()
            .filter(|(selector, _)| selects(selector, rule))
            .max_by_key(|(selector, _)| selector.len())
            .map(|(_, severity)| *severity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Pack;
    use crate::source::Format;
    use crate::Checker;

    fn reported(policy: &Policy, text: &str) -> Vec<(&'static str, Severity)> {
        let source = Source::new("a.txt", text, Format::Text);
        let checker = Checker::new(Pack::builtin().unwrap());
        policy
            .report(&source, checker.check(&source))
            .into_iter()
            .map(|f| (f.rule, f.severity))
            .collect()
    }

    const DRAFT: &str = "The cease-fire held in Kiev. The ceasefire broke.\n";

    #[test]
    fn disabled_families_and_rules_are_left_out() {
        let policy = Policy {
            disable: vec!["style".into()],
            ..Policy::default()
        };
        assert_eq!(
            reported(&policy, DRAFT),
            vec![("terms.hyphenation", Severity::Warning)]
        );
    }

    #[test]
    fn the_most_specific_severity_wins_and_the_threshold_applies() {
        let policy = Policy {
            severity: vec![
                ("terms.hyphenation".into(), Severity::Info),
                ("terms".into(), Severity::Error),
                ("style".into(), Severity::Error),
            ],
            ..Policy::default()
        };
        assert_eq!(
            reported(&policy, DRAFT),
            vec![
                ("style.substitution", Severity::Error),
                ("terms.hyphenation", Severity::Info)
            ]
        );
        let policy = Policy {
            threshold: Severity::Warning,
            ..policy
        };
        assert_eq!(
            reported(&policy, DRAFT),
            vec![("style.substitution", Severity::Error)]
        );
    }
}
