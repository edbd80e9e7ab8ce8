//! The JSON Lines format: one JSON object per line, one line per finding,
//! for streaming and for running over large archives with other tools
//! (`jq`, `grep`, a database loader).
//!
//! A finding's line is the finding object of the JSON format
//! (`docs/json.md`) with the file's `path` in front:
//!
//! ```text
//! {"path":"draft.txt","rule":"style.substitution","severity":"warning","message":"...","span":{...},"text":"Kiev","related":[],"fix":{...}}
//! ```
//!
//! A file that could not be read is a line `{"path": ..., "error": ...}`
//! after the findings. A clean run writes nothing.

use std::io;

use serde::Serialize;

use super::json::JsonFinding;
use super::{Checked, Run};
use crate::source::InputError;

/// Writes one line per finding, then one per file that could not be read.
pub fn write(run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
    for checked in &run.files {
        write_file(checked, out)?;
    }
    write_end(&run.errors, out)
}

/// Writes one line per finding of one file.
pub(super) fn write_file(checked: &Checked, out: &mut dyn io::Write) -> io::Result<()> {
    for finding in &checked.findings {
        let line = FindingLine {
            path: &checked.source.path,
            finding: JsonFinding::new(&checked.source, finding),
        };
        super::write_json_line(out, &line, false)?;
    }
    Ok(())
}

/// Writes one line per file that could not be read.
pub(super) fn write_end(errors: &[InputError], out: &mut dyn io::Write) -> io::Result<()> {
    for error in errors {
        let line = ErrorLine {
            path: error.path(),
            error: &error.message(),
        };
        super::write_json_line(out, &line, false)?;
    }
    Ok(())
}

/// One finding and the file it is in.
#[derive(Serialize)]
struct FindingLine<'a> {
    path: &'a str,
    #[serde(flatten)]
    finding: JsonFinding<'a>,
}

/// A file that could not be read.
#[derive(Serialize)]
struct ErrorLine<'a> {
    path: &'a str,
    error: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::pretty::tests::{broken_run, sample_run, write_to_string};

    #[test]
    fn sample_run_as_json_lines() {
        insta::assert_snapshot!(write_to_string(|out| write(&sample_run(), out)));
    }

    #[test]
    fn every_line_is_one_json_object() {
        for run in [sample_run(), broken_run()] {
            let out = write_to_string(|out| write(&run, out));
            for line in out.lines() {
                let value: serde_json::Value = serde_json::from_str(line).unwrap();
                assert!(value["path"].is_string(), "{line}");
            }
        }
    }
}
