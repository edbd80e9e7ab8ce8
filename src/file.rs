//! Files on disk, below every stage that reads or writes one: what the
//! system said when a file could not be read or written ([`IoCause`]),
//! and how a fixed draft replaces its file ([`write_atomic`]).
//!
//! It sits at the bottom so that reading drafts ([`crate::source`]),
//! fixing them ([`crate::fix`]) and the settings files share one error
//! cause without importing each other.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What the system said when a file could not be read or written, kept
/// as data so that errors stay comparable and cloneable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IoCause {
    kind: std::io::ErrorKind,
    text: String,
}

impl IoCause {
    /// The system's full message (`No such file or directory (os error 2)`).
    pub fn full(&self) -> &str {
        &self.text
    }

    /// The kind of failure.
    pub fn kind(&self) -> std::io::ErrorKind {
        self.kind
    }
}

impl From<&std::io::Error> for IoCause {
    fn from(e: &std::io::Error) -> Self {
        IoCause {
            kind: e.kind(),
            text: e.to_string(),
        }
    }
}

impl From<std::io::Error> for IoCause {
    fn from(e: std::io::Error) -> Self {
        IoCause::from(&e)
    }
}

/// The short form: the common failures without the operating system's
/// error number (`No such file or directory`), others as the system says.
impl fmt::Display for IoCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            std::io::ErrorKind::NotFound => "No such file or directory",
            std::io::ErrorKind::PermissionDenied => "Permission denied",
            std::io::ErrorKind::IsADirectory => "Is a directory",
            _ => &self.text,
        })
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
