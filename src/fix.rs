//! Fixing: choosing which fixes to apply, applying them until a draft has
//! nothing more to fix, and writing the result back without losing a byte.
//!
//! - [`FixMode`] says which fixes may be applied: safe ones, or safe and
//!   unsafe ones; display-only fixes never are.
//! - [`apply`] applies, in finding order, every allowed fix none of whose
//!   edits overlaps an edit already taken; a fix is applied whole or not at
//!   all.
//! - [`fix`] re-checks after applying and applies again, up to
//!   [`MAX_PASSES`] times, until a pass has nothing to apply (a fixpoint).
//! - [`crate::file::write_atomic`] writes a fixed draft beside the original and renames
//!   it over the original, keeping its permissions, unless the file changed
//!   on disk since it was read.
//!
//! ```
//! use claimlint::{fix::{self, FixMode}, rules::Pack, source::{Format, Source}, Checker};
//!
//! let checker = Checker::new(Pack::builtin().unwrap());
//! let draft = Source::new("d.txt", "The cease-fire held. The ceasefire broke. A cease-fire.", Format::Text);
//! let fixed = fix::fix(&draft, FixMode::Safe, |s| checker.check(s));
//! assert_eq!(fixed.source.text, "The cease-fire held. The cease-fire broke. A cease-fire.");
//! assert!(fixed.converged && fixed.findings.is_empty());
//! ```
//!
//! Edits are byte ranges: every byte no edit covers (a byte-order mark,
//! CRLF line endings, markup) is copied as it is.

use crate::finding::{Applicability, Edit, Finding, Fix, Span};
use crate::source::Source;

/// The most check-and-fix passes [`fix`] runs over one draft.
pub const MAX_PASSES: usize = 10;

/// Which fixes may be applied without a human reading them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    /// Safe fixes only (`--fix`).
    Safe,
    /// Safe and unsafe fixes (`--fix --unsafe-fixes`).
    Unsafe,
}

impl FixMode {
    /// Whether a fix of this applicability may be applied.
    pub fn allows(self, applicability: Applicability) -> bool {
        match applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => self == FixMode::Unsafe,
            Applicability::DisplayOnly => false,
        }
    }

    /// Whether `finding` has a fix this mode applies.
    pub fn fixes(self, finding: &Finding) -> bool {
        finding.fix.as_ref().is_some_and(|f| self.allows(f.applicability))
    }
}

/// What one pass of [`apply`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The text with the fixes applied.
    pub text: String,
    /// Indexes (into the findings given) of the findings whose fix was
    /// applied.
    pub fixed: Vec<usize>,
}

/// Applies, in order, the allowed fix of each finding unless one of its
/// edits overlaps (or inserts at the same place as) an edit already taken,
/// or does not fall on character boundaries of `text`. `None` when no fix
/// was applied.
pub fn apply(text: &str, findings: &[Finding], mode: FixMode) -> Option<Applied> {
    let mut taken: Vec<Edit> = Vec::new();
    // The spans taken, by start: they never collide with each other, so an
    // edit collides with one of them only if it collides with the last
    // that starts at or before it or the first that starts after it (a
    // finding with thousands of places stays linear).
    let mut by_start: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let collides_with_taken = |by_start: &std::collections::BTreeMap<usize, usize>, span: Span| {
        let before = by_start.range(..=span.start).next_back();
        let after = by_start.range(span.start + 1..).next();
        before
            .into_iter()
            .chain(after)
            .any(|(&start, &end)| collide(Span::new(start, end), span))
    };
    let mut fixed = Vec::new();
    for (index, finding) in findings.iter().enumerate() {
        let Some(fix) = finding.fix.as_ref().filter(|f| mode.allows(f.applicability)) else {
            continue;
        };
        let fits = fix.edits.iter().all(|edit| {
            text.get(edit.span.start..edit.span.end).is_some() && !collides_with_taken(&by_start, edit.span)
        });
        if fits {
            for edit in &fix.edits {
                let end = by_start.entry(edit.span.start).or_insert(edit.span.end);
                *end = (*end).max(edit.span.end);
            }
            taken.extend(fix.edits.iter().cloned());
            fixed.push(index);
        }
    }
    if fixed.is_empty() {
        return None;
    }
    // The taken edits do not collide, so they make one valid fix.
    let all = Fix::new(Applicability::Safe, taken)?;
    let text = all.apply(text)?;
    Some(Applied { text, fixed })
}

/// Two edits collide when they share a byte or insert at one place.
fn collide(a: Span, b: Span) -> bool {
    a.overlaps(b) || a.start == b.start
}

/// A draft after [`fix`].
#[derive(Clone, Debug)]
pub struct Fixed {
    /// The draft with every fix applied; the original when none was.
    pub source: Source,
    /// The findings on the fixed draft.
    pub findings: Vec<Finding>,
    /// The findings whose fixes were applied, in all passes, as reported
    /// on the text each pass fixed.
    pub applied: Vec<Finding>,
    /// Check-and-fix passes that applied something.
    pub passes: usize,
    /// True when the last check left nothing the mode could fix. False when
    /// [`MAX_PASSES`] ran out, or a pass brought back an earlier text (two
    /// fixes undoing each other).
    pub converged: bool,
}

impl Fixed {
    /// Whether the text changed.
    pub fn changed(&self, original: &Source) -> bool {
        self.source.text != original.text
    }
}

/// Checks `source` with `check`, applies the fixes `mode` allows, and
/// checks again, until nothing more is applied or [`MAX_PASSES`] passes
/// have run. `check` is the whole check as the user sees it (with disabled
/// rules and suppressed findings left out), so that only what is reported
/// is fixed.
pub fn fix(source: &Source, mode: FixMode, mut check: impl FnMut(&Source) -> Vec<Finding>) -> Fixed {
    let mut current = source.clone();
    let mut findings = check(&current);
    let mut applied = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut passes = 0;
    while passes < MAX_PASSES {
        let Some(pass) = apply(&current.text, &findings, mode) else {
            break;
        };
        if pass.text == current.text || seen.contains(&pass.text) {
            // Nothing changed, or the fixes undo an earlier pass.
            break;
        }
        passes += 1;
        applied.extend(
            std::mem::take(&mut findings)
                .into_iter()
                .enumerate()
                .filter(|(i, _)| pass.fixed.contains(i))
                .map(|(_, finding)| finding),
        );
        seen.push(std::mem::take(&mut current.text));
        current = Source::new(current.path.clone(), pass.text, current.format);
        findings = check(&current);
    }
    let converged = !findings.iter().any(|f| mode.fixes(f));
    Fixed {
        source: current,
        findings,
        applied,
        passes,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::source::Format;

    fn finding(start: usize, end: usize, replacement: &str, applicability: Applicability) -> Finding {
        Finding {
            rule: "test.rule",
            origin: None,
            severity: Severity::Warning,
            message: String::new(),
            span: Span::new(start, end),
            related: vec![],
            fix: Fix::new(
                applicability,
                vec![Edit {
                    span: Span::new(start, end),
                    replacement: replacement.to_string(),
                }],
            ),
        }
    }

    #[test]
    fn overlapping_fixes_are_skipped_and_modes_respected() {
        let text = "abcdef";
        let findings = vec![
            finding(0, 2, "X", Applicability::Safe),
            finding(1, 3, "Y", Applicability::Safe),
            finding(3, 4, "Z", Applicability::Unsafe),
            finding(4, 5, "W", Applicability::DisplayOnly),
        ];
        let safe = apply(text, &findings, FixMode::Safe).unwrap();
        assert_eq!(safe.text, "Xcdef");
        assert_eq!(safe.fixed, vec![0]);
        let unsafe_ = apply(text, &findings, FixMode::Unsafe).unwrap();
        assert_eq!(unsafe_.text, "XcZef");
        assert_eq!(unsafe_.fixed, vec![0, 2]);
    }

    #[test]
    fn insertions_at_one_place_collide() {
        let findings = vec![
            finding(1, 1, "X", Applicability::Safe),
            finding(1, 1, "Y", Applicability::Safe),
        ];
        assert_eq!(apply("ab", &findings, FixMode::Safe).unwrap().text, "aXb");
    }

    #[test]
    fn an_edit_off_a_character_boundary_is_not_applied() {
        let findings = vec![finding(1, 2, "X", Applicability::Safe)];
        assert_eq!(apply("’a", &findings, FixMode::Safe), None);
    }

    #[test]
    fn fixes_that_undo_each_other_stop() {
        let source = Source::new("a.txt", "ab", Format::Text);
        // A check that always wants to flip the first letter.
        let fixed = fix(&source, FixMode::Safe, |s| {
            let flip = if s.text.starts_with('a') { "b" } else { "a" };
            vec![finding(0, 1, flip, Applicability::Safe)]
        });
        assert!(!fixed.converged);
        assert!(fixed.passes <= 2, "{}", fixed.passes);
    }

    #[test]
    fn crlf_and_bom_survive_a_fix() {
        let text = "\u{feff}The cease-fire held.\r\nThe ceasefire broke. A ceasefire.\r\n";
        let source = Source::new("a.txt", text, Format::Text);
        let checker = crate::Checker::new(crate::rules::Pack::builtin().unwrap());
        let fixed = fix(&source, FixMode::Safe, |s| checker.check(s));
        assert_eq!(
            fixed.source.text,
            "\u{feff}The ceasefire held.\r\nThe ceasefire broke. A ceasefire.\r\n"
        );
        assert_eq!(fixed.passes, 1);
        assert_eq!(fixed.applied.len(), 1);
    }
}
