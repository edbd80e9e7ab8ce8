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
//! Lines here are what `patch` and `git apply` take them to be: they end at
//! `\n` only. A line keeps its ending (a CRLF line stays CRLF in the diff,
//! a lone `\r` stays inside its line), and a last line without a `\n` is
//! marked `\ No newline at end of file`, so the patch reproduces the fixed
//! file byte for byte whatever its line ends. (The reports count a lone
//! `\r` as a line end too; a patch cannot.) Files the fixes leave unchanged
//! are not shown.

use std::io;

use similar::udiff::UnifiedHunkHeader;
use similar::{capture_diff_slices, group_diff_ops, Algorithm, DiffTag};

/// Lines of context around each change.
const CONTEXT: usize = 3;

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
        writeln!(out, "--- a/{path}\n+++ b/{path}")?;
        let old: Vec<&str> = change.before.split_inclusive('\n').collect();
        let new: Vec<&str> = change.after.split_inclusive('\n').collect();
        let ops = capture_diff_slices(Algorithm::Myers, &old, &new);
        for hunk in group_diff_ops(ops, CONTEXT) {
            writeln!(out, "{}", UnifiedHunkHeader::new(&hunk))?;
            for op in &hunk {
                let (tag, old_range, new_range) = op.as_tag_tuple();
                match tag {
                    DiffTag::Equal => write_lines(out, ' ', &old[old_range])?,
                    DiffTag::Delete => write_lines(out, '-', &old[old_range])?,
                    DiffTag::Insert => write_lines(out, '+', &new[new_range])?,
                    DiffTag::Replace => {
                        write_lines(out, '-', &old[old_range])?;
                        write_lines(out, '+', &new[new_range])?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Writes `lines` each after `sign`; a line without its `\n` (the file's
/// last) is followed by the marker that says so.
fn write_lines(out: &mut dyn io::Write, sign: char, lines: &[&str]) -> io::Result<()> {
    for line in lines {
        write!(out, "{sign}{line}")?;
        if !line.ends_with('\n') {
            writeln!(out, "\n\\ No newline at end of file")?;
        }
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
    fn a_lone_carriage_return_stays_inside_its_line() {
        let out = render(&[FileChange {
            path: "d.txt",
            before: "one\rtwo cease-fire\r",
            after: "one\rtwo ceasefire\r",
        }]);
        assert_eq!(
            out,
            "--- a/d.txt\n+++ b/d.txt\n@@ -1 +1 @@\n-one\rtwo cease-fire\r\n\\ No newline at end of file\n+one\rtwo ceasefire\r\n\\ No newline at end of file\n"
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
