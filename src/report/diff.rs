//! The diff format: the fixes as one unified diff, applicable with
//! `git apply` or `patch -p1` (paths are prefixed `a/` and `b/`).
//!
//! ```text
//! --- a/draft.txt
//! +++ b/draft.txt
//! @@ -1 +1 @@
//! -The cease-fire held. The ceasefire broke. A ceasefire.
//! +The ceasefire held. The ceasefire broke. A ceasefire.
//! ```
//!
//! Lines keep their endings (a CRLF line stays CRLF in the diff), and a last
//! line without a newline is marked `\ No newline at end of file`, so the
//! patch reproduces the fixed file byte for byte. Files the fixes leave
//! unchanged are not shown.

use std::io;

use similar::TextDiff;

/// One file before and after its fixes.
#[derive(Clone, Copy, Debug)]
pub struct FileChange<'a> {
    /// The path as the user gave it.
    pub path: &'a str,
    /// The text as read.
    pub before: &'a str,
    /// The text with the fixes applied.
    pub after: &'a str,
}

/// Writes the unified diff of every changed file, in order.
pub fn write(changes: &[FileChange<'_>], out: &mut dyn io::Write) -> io::Result<()> {
    for change in changes {
        if change.before == change.after {
            continue;
        }
        let path = change.path.strip_prefix("./").unwrap_or(change.path);
        let diff = TextDiff::from_lines(change.before, change.after);
        let mut unified = diff.unified_diff();
        unified
            .context_radius(3)
            .header(&format!("a/{path}"), &format!("b/{path}"));
        write!(out, "{unified}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(changes: &[FileChange<'_>]) -> String {
        let mut out = Vec::new();
        write(changes, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_change_is_a_unified_diff_with_prefixes() {
        let out = render(&[FileChange {
            path: "./d.txt",
            before: "one\r\ntwo cease-fire\r\nthree",
            after: "one\r\ntwo ceasefire\r\nthree",
        }]);
        assert_eq!(
            out,
            "--- a/d.txt\n+++ b/d.txt\n@@ -1,3 +1,3 @@\n one\r\n-two cease-fire\r\n+two ceasefire\r\n three\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn unchanged_files_are_left_out() {
        assert_eq!(
            render(&[FileChange {
                path: "d.txt",
                before: "same\n",
                after: "same\n",
            }]),
            ""
        );
    }
}
