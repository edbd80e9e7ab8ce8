//! The GitHub format: workflow commands that GitHub Actions turns into
//! annotations on the pull request's files.
//!
//! ```text
//! ::warning file=draft.txt,line=1,col=36,endLine=1,endColumn=54,title=naming.entity::"Russian Federation" and "Russia" name one country; use "Russia" (house rule)
//! ```
//!
//! One line per finding: the command is `error`, `warning` or `notice`
//! (for info); `col` is the column of the span's first character and
//! `endColumn` the column after its last, both counted in characters. The
//! message escapes `%`, carriage returns and line feeds (`%25`, `%0D`,
//! `%0A`); property values also escape `:` and `,` (`%3A`, `%2C`), as the
//! workflow-command syntax requires. A file that could not be read is an
//! `::error file=...::` line. Nothing else is written.

use std::io;

use super::{Checked, Run};
use crate::finding::Severity;
use crate::source::InputError;

/// Writes one workflow command per finding, then one per unreadable file.
pub fn write(run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
    for checked in &run.files {
        write_file(checked, out)?;
    }
    write_end(&run.errors, out)
}

/// Writes one workflow command per finding of one file.
pub(super) fn write_file(checked: &Checked, out: &mut dyn io::Write) -> io::Result<()> {
    let source = &checked.source;
    for finding in &checked.findings {
        let (line, col) = source.line_col(finding.span.start);
        let (end_line, end_column) = source.line_col(finding.span.end.max(finding.span.start));
        writeln!(
            out,
            "::{} file={},line={line},col={col},endLine={end_line},endColumn={end_column},title={}::{}",
            command(finding.severity),
            property(&source.path),
            property(finding.rule),
            data(&finding.message),
        )?;
    }
    Ok(())
}

/// Writes one `::error` command per file that could not be read.
pub(super) fn write_end(errors: &[InputError], out: &mut dyn io::Write) -> io::Result<()> {
    for error in errors {
        writeln!(
            out,
            "::error file={},title=claimlint::{}",
            property(error.path()),
            data(&error.to_string()),
        )?;
    }
    Ok(())
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// A message: `%`, `\r` and `\n` escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value: a message's escapes, and `:` and `,` too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::pretty::tests::{broken_run, sample_run, write_to_string};

    #[test]
    fn sample_run_as_annotations() {
        insta::assert_snapshot!(write_to_string(|out| write(&sample_run(), out)));
    }

    #[test]
    fn broken_spans_do_not_panic() {
        let out = write_to_string(|out| write(&broken_run(), out));
        assert!(out.lines().all(|l| l.starts_with("::")), "{out}");
    }

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(data("100% sure\r\nnext: a, b"), "100%25 sure%0D%0Anext: a, b");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
