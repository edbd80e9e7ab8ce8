//! The JSON format: the stable, versioned schema documented in
//! `docs/json.md`, for editors, CI and other programs.
//!
//! The wire types below are private and separate from the domain types, so
//! the schema changes only when this file does. Version 1 may gain fields
//! in later versions; it never renames or removes one.

use std::io;

use serde::Serialize;

use super::{Checked, Run, Totals};
use crate::finding::{Edit, Finding, Fix, Span};
use crate::source::{InputError, Source};

/// The schema version written in every report.
const VERSION: u32 = 1;

/// Writes `run` as one pretty-printed JSON document followed by a newline.
///
/// Files and findings keep the order they have in `run`. Byte offsets are
/// written as they are in the findings; `line`, `column` and `text` are
/// computed from the source and stay sensible for a span that is out of
/// range (`text` is then `""`).
pub fn write(run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
    write_start(out)?;
    for (index, checked) in run.files.iter().enumerate() {
        write_file(index, checked, out)?;
    }
    write_end(&run.errors, Totals::of(run), out)
}

/// Writes the document up to its first file: the document is written a
/// file at a time, exactly as `serde_json` pretty-prints it whole.
pub(super) fn write_start(out: &mut dyn io::Write) -> io::Result<()> {
    write!(out, "{{\n  \"version\": {VERSION},\n  \"files\": [")
}

/// Writes file number `index` (from 0) of the `files` array.
pub(super) fn write_file(index: usize, checked: &Checked, out: &mut dyn io::Write) -> io::Result<()> {
    let file = File {
        path: &checked.source.path,
        findings: checked
            .findings
            .iter()
            .map(|finding| JsonFinding::new(&checked.source, finding))
            .collect(),
    };
    out.write_all(if index == 0 { b"\n    " } else { b",\n    " })?;
    out.write_all(&indented(&file, 4)?)
}

/// Closes the `files` array and writes the errors and the summary.
pub(super) fn write_end(errors: &[InputError], totals: Totals, out: &mut dyn io::Write) -> io::Result<()> {
    let messages: Vec<String> = errors.iter().map(InputError::message).collect();
    let errors: Vec<Error<'_>> = errors
        .iter()
        .zip(&messages)
        .map(|(error, message)| Error {
            path: error.path(),
            message,
        })
        .collect();
    let summary = Summary {
        files: totals.files,
        findings: totals.findings,
        errors: totals.errors,
    };
    out.write_all(if totals.files == 0 { b"],\n" } else { b"\n  ],\n" })?;
    out.write_all(b"  \"errors\": ")?;
    out.write_all(&indented(&errors, 2)?)?;
    out.write_all(b",\n  \"summary\": ")?;
    out.write_all(&indented(&summary, 2)?)?;
    out.write_all(b"\n}\n")
}

/// `value` pretty-printed, its lines after the first indented by `indent`
/// spaces (a JSON string holds no raw line break, so every one is between
/// tokens).
fn indented(value: &impl Serialize, indent: usize) -> io::Result<Vec<u8>> {
    let json = serde_json::to_vec_pretty(value)?;
    let mut out = Vec::with_capacity(json.len() + json.len() / 8);
    for &byte in &json {
        out.push(byte);
        if byte == b'\n' {
            out.resize(out.len() + indent, b' ');
        }
    }
    Ok(out)
}

/// One file that was checked.
#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    findings: Vec<JsonFinding<'a>>,
}

/// One finding (also the body of a JSON Lines line).
#[derive(Serialize)]
pub(super) struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    span: JsonSpan,
    text: &'a str,
    related: Vec<Related<'a>>,
    fix: Option<JsonFix<'a>>,
}

impl<'a> JsonFinding<'a> {
    pub(super) fn new(source: &'a Source, finding: &'a Finding) -> Self {
        JsonFinding {
            rule: finding.rule,
            severity: finding.severity.as_str(),
            message: &finding.message,
            span: JsonSpan::new(source, finding.span),
            text: finding.span.slice(&source.text),
            related: finding
                .related
                .iter()
                .map(|&span| Related {
                    span: JsonSpan::new(source, span),
                    text: span.slice(&source.text),
                })
                .collect(),
            fix: finding.fix.as_ref().map(JsonFix::new),
        }
    }
}

/// A byte range with the line and column of its start.
#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
}

impl JsonSpan {
    fn new(source: &Source, span: Span) -> Self {
        // An offset inside a character (or past the end) is placed on the
        // character it falls in (or the end of the text).
        let mut at = span.start.min(source.text.len());
        while !source.text.is_char_boundary(at) {
            at -= 1;
        }
        let (line, column) = source.line_col(at);
        JsonSpan {
            start: span.start,
            end: span.end,
            line,
            column,
        }
    }
}

/// Another place a finding involves.
#[derive(Serialize)]
struct Related<'a> {
    span: JsonSpan,
    text: &'a str,
}

/// The edits that would resolve a finding.
#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

impl<'a> JsonFix<'a> {
    fn new(fix: &'a Fix) -> Self {
        JsonFix {
            applicability: fix.applicability.as_str(),
            edits: fix.edits.iter().map(JsonEdit::new).collect(),
        }
    }
}

/// Replace the bytes `start..end` with `replacement`.
#[derive(Serialize)]
struct JsonEdit<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

impl<'a> JsonEdit<'a> {
    fn new(edit: &'a Edit) -> Self {
        JsonEdit {
            start: edit.span.start,
            end: edit.span.end,
            replacement: &edit.replacement,
        }
    }
}

/// A file that could not be read.
#[derive(Serialize)]
struct Error<'a> {
    path: &'a str,
    message: &'a str,
}

/// Counts over the whole run.
#[derive(Serialize)]
struct Summary {
    files: usize,
    findings: usize,
    errors: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::pretty::tests::{broken_run, sample_run, write_to_string};

    fn render(run: &Run) -> String {
        write_to_string(|out| write(run, out))
    }

    #[test]
    fn sample_run_as_json() {
        insta::assert_snapshot!(render(&sample_run()));
    }

    #[test]
    fn broken_spans_are_written_as_they_are() {
        insta::assert_snapshot!(render(&broken_run()));
    }

    #[test]
    fn output_is_one_json_document() {
        let json = render(&sample_run());
        assert!(json.ends_with("}\n"));
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(value["summary"]["findings"], 3);
    }
}
