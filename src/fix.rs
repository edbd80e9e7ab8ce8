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
//! - [`write_atomic`] writes a fixed draft beside the original and renames
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

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::finding::{Applicability, Edit, Finding, Fix, Span};
use crate::source::{IoCause, Source};

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

/// Why a fixed draft was not written: the draft, and what failed. The
/// file is left as it was (or, where [`WriteFailure::InPlace`] says so,
/// the fixed text is kept beside it).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {failure}")]
pub struct WriteError {
    /// The draft, as the user named it.
    pub path: String,
    /// What failed.
    pub failure: WriteFailure,
}

/// The step of [`write_atomic`] that failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WriteFailure {
    /// Finding the file, or writing the fixed text to the temporary file.
    #[error("cannot write the fix: {}", .0.full())]
    Write(IoCause),
    /// Creating the temporary file beside the draft.
    #[error("cannot write the fix: cannot create a temporary file in {}: {}", dir.display(), cause.full())]
    Temporary {
        /// The draft's directory.
        dir: PathBuf,
        /// What the system said.
        cause: IoCause,
    },
    /// Giving the temporary file the draft's permissions.
    #[error("cannot keep the file's permissions: {}", .0.full())]
    Permissions(IoCause),
    /// The draft changed on disk after it was read.
    #[error("the file changed on disk while it was checked; not overwritten (run again)")]
    Changed,
    /// Reading the draft again, to see that it did not change.
    #[error("cannot read the file again before writing: {}", .0.full())]
    Reread(IoCause),
    /// Writing in place a draft with more than one name.
    #[error(
        "cannot write the fix in place (the file has {links} hard links): {}; the fixed text is in {}",
        cause.full(),
        temp.display()
    )]
    InPlace {
        /// How many names the file has.
        links: u64,
        /// What the system said.
        cause: IoCause,
        /// The temporary file, kept.
        temp: PathBuf,
    },
    /// Renaming the temporary file over the draft.
    #[error("cannot replace the file: {}", .0.full())]
    Rename(IoCause),
}

/// Replaces the file at `path`, whose content was `expected` when it was
/// read, with `content`.
///
/// The new content is written to a temporary file in the same directory,
/// flushed to disk, given the original's permissions (and, on Unix, its
/// owner where that is allowed), and renamed over the original, so a
/// reader sees the old file or the new one, never half of one. A symbolic
/// link is followed: the file it points to is replaced, the link kept.
/// When the file no longer holds `expected` (an editor saved it while
/// claimlint was checking), nothing is written and the error says so.
///
/// A file with more than one hard link would lose them to a rename (the
/// other names would keep the old text): it is written in place instead,
/// once the new content is complete and flushed in the temporary file,
/// and the result says so ([`Written::InPlace`]). Should writing in place
/// fail, the temporary file is kept and the error names it.
pub fn write_atomic(path: &Path, expected: &[u8], content: &[u8]) -> Result<Written, WriteError> {
    let error = |failure: WriteFailure| WriteError {
        path: path.display().to_string(),
        failure,
    };
    let target = fs::canonicalize(path).map_err(|e| error(WriteFailure::Write(e.into())))?;
    let metadata = fs::metadata(&target).map_err(|e| error(WriteFailure::Write(e.into())))?;
    let dir = target
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let name = target
        .file_name()
        .map_or_else(|| "draft".into(), |n| n.to_string_lossy().into_owned());
    let (temp, mut file) = create_temp(&dir, &name).map_err(|e| {
        error(WriteFailure::Temporary {
            dir: dir.clone(),
            cause: e.into(),
        })
    })?;
    let cleanup = |failure: WriteFailure| {
        let _ = fs::remove_file(&temp);
        error(failure)
    };
    file.write_all(content)
        .and_then(|()| file.sync_all())
        .map_err(|e| cleanup(WriteFailure::Write(e.into())))?;
    drop(file);
    fs::set_permissions(&temp, metadata.permissions())
        .map_err(|e| cleanup(WriteFailure::Permissions(e.into())))?;
    keep_owner(&temp, &metadata);
    match fs::read(&target) {
        Ok(now) if now == expected => {}
        Ok(_) => return Err(cleanup(WriteFailure::Changed)),
        Err(e) => return Err(cleanup(WriteFailure::Reread(e.into()))),
    }
    let links = hard_links(&metadata);
    if links > 1 {
        let in_place = fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&target)
            .and_then(|mut file| file.write_all(content).and_then(|()| file.sync_all()));
        return match in_place {
            Ok(()) => {
                let _ = fs::remove_file(&temp);
                Ok(Written::InPlace { links })
            }
            Err(e) => Err(error(WriteFailure::InPlace {
                links,
                cause: e.into(),
                temp: temp.clone(),
            })),
        };
    }
    fs::rename(&temp, &target).map_err(|e| cleanup(WriteFailure::Rename(e.into())))?;
    Ok(Written::Replaced)
}

/// How [`write_atomic`] wrote a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// Replaced by a rename: a reader saw the old file or the new one.
    Replaced,
    /// Written in place, to keep its hard links.
    InPlace {
        /// How many names the file has.
        links: u64,
    },
}

/// How many hard links (names) the file has; 1 where that is not known.
fn hard_links(metadata: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(metadata)
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        1
    }
}

/// A new file `.NAME.claimlint-PID-N.tmp` in `dir`, never one that exists.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, fs::File)> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.claimlint-{}-{n}.tmp", std::process::id()));
        match fs::OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Gives `temp` the owner and group of the original where the process may
/// (as root, or as the owner keeping a group it belongs to); elsewhere the
/// new file keeps the process's owner, as any editor's save would.
#[cfg(unix)]
fn keep_owner(temp: &Path, original: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::chown(temp, Some(original.uid()), Some(original.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_temp: &Path, _original: &fs::Metadata) {}

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

    #[test]
    fn a_draft_changed_on_disk_is_refused_by_kind_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("d.txt");
        std::fs::write(&draft, "edited meanwhile").unwrap();
        let e = write_atomic(&draft, b"as read", b"fixed").unwrap_err();
        assert_eq!(e.failure, WriteFailure::Changed);
        assert_eq!(std::fs::read_to_string(&draft).unwrap(), "edited meanwhile");
        let e = write_atomic(&dir.path().join("gone.txt"), b"", b"fixed").unwrap_err();
        assert!(
            matches!(&e.failure, WriteFailure::Write(cause) if cause.kind() == std::io::ErrorKind::NotFound),
            "{e:?}"
        );
    }
}
