//! Reports: rendering checked files and their findings for people and
//! machines. Each output format is its own module with its own wire types;
//! none of them reads files or runs checks.

use std::io;

use crate::finding::Finding;
use crate::source::{InputError, Source};

pub mod diff;
pub mod github;
pub mod html;
pub mod json;
pub mod json_lines;
pub mod pretty;
pub mod sarif;

/// One file that was read and checked.
#[derive(Debug)]
pub struct Checked {
    /// The file as read.
    pub source: Source,
    /// Its findings, sorted by span, then rule.
    pub findings: Vec<Finding>,
}

/// Everything one run produced, in the order the files were given.
#[derive(Debug, Default)]
pub struct Run {
    /// Files read and checked.
    pub files: Vec<Checked>,
    /// Files that could not be read.
    pub errors: Vec<InputError>,
}

impl Run {
    /// Number of findings in all files.
    pub fn finding_count(&self) -> usize {
        self.files.iter().map(|f| f.findings.len()).sum()
    }
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// One block per finding for a person, with a diff of its fix.
    Pretty,
    /// The stable JSON schema (`docs/json.md`).
    Json,
    /// One JSON object per finding, one per line.
    JsonLines,
    /// A SARIF 2.1.0 log, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// One self-contained HTML page: each draft with its findings marked.
    Html,
}

/// Writes a run in the given format. `color` is honoured by the pretty
/// format only.
pub fn write(run: &Run, format: OutputFormat, color: bool, out: &mut dyn io::Write) -> io::Result<()> {
    match format {
        OutputFormat::Pretty => pretty::write(run, color, out),
        OutputFormat::Json => json::write(run, out),
        OutputFormat::JsonLines => json_lines::write(run, out),
        OutputFormat::Sarif => sarif::write(run, out),
        OutputFormat::Github => github::write(run, out),
        OutputFormat::Html => html::write(run, out),
    }
}

/// Writes `value` as JSON and a newline, built in memory and written at
/// once: serde writes JSON in many small pieces, each a call through
/// `dyn Write` otherwise.
fn write_json_line(out: &mut dyn io::Write, value: &impl serde::Serialize, pretty: bool) -> io::Result<()> {
    let mut json = if pretty {
        serde_json::to_vec_pretty(value)?
    } else {
        serde_json::to_vec(value)?
    };
    json.push(b'\n');
    out.write_all(&json)
}
