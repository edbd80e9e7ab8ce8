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

/// What a report's summary counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Files checked.
    pub files: usize,
    /// Findings in them.
    pub findings: usize,
    /// Files that could not be read.
    pub errors: usize,
}

impl Totals {
    /// The totals of a whole run.
    pub fn of(run: &Run) -> Totals {
        Totals {
            files: run.files.len(),
            findings: run.finding_count(),
            errors: run.errors.len(),
        }
    }
}

/// A report written a file at a time as the files are checked, so that a
/// run over many files holds none of them once it is reported. Its output
/// is byte for byte what [`write()`] makes of the whole run. SARIF and HTML
/// are one document built from the whole run, and have no stream.
pub struct Stream<'w> {
    format: OutputFormat,
    color: bool,
    out: &'w mut dyn io::Write,
    totals: Totals,
}

impl<'w> Stream<'w> {
    /// Whether `format` can be written a file at a time.
    pub fn streams(format: OutputFormat) -> bool {
        !matches!(format, OutputFormat::Sarif | OutputFormat::Html)
    }

    /// Starts a report in `format`, or `None` for a format that needs the
    /// whole run.
    pub fn start(
        format: OutputFormat,
        color: bool,
        out: &'w mut dyn io::Write,
    ) -> io::Result<Option<Stream<'w>>> {
        if !Stream::streams(format) {
            return Ok(None);
        }
        if format == OutputFormat::Json {
            json::write_start(out)?;
        }
        Ok(Some(Stream {
            format,
            color,
            out,
            totals: Totals::default(),
        }))
    }

    /// Reports the next file.
    pub fn file(&mut self, checked: &Checked) -> io::Result<()> {
        let index = self.totals.files;
        self.totals.files += 1;
        self.totals.findings += checked.findings.len();
        let out = &mut *self.out;
        match self.format {
            OutputFormat::Pretty => pretty::write_file(checked, self.color, out),
            OutputFormat::Json => json::write_file(index, checked, out),
            OutputFormat::JsonLines => json_lines::write_file(checked, out),
            OutputFormat::Github => github::write_file(checked, out),
            OutputFormat::Sarif | OutputFormat::Html => Ok(()),
        }
    }

    /// Ends the report with the files that could not be read (and, where
    /// the format has one, the summary).
    pub fn finish(mut self, errors: &[InputError]) -> io::Result<Totals> {
        self.totals.errors = errors.len();
        let (totals, out) = (self.totals, &mut *self.out);
        match self.format {
            OutputFormat::Pretty => pretty::write_end(errors, totals, self.color, out)?,
            OutputFormat::Json => json::write_end(errors, totals, out)?,
            OutputFormat::JsonLines => json_lines::write_end(errors, out)?,
            OutputFormat::Github => github::write_end(errors, out)?,
            OutputFormat::Sarif | OutputFormat::Html => {}
        }
        Ok(totals)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Pack;
    use crate::source::Format;
    use crate::Checker;

    /// Two drafts with findings around a clean one, and an unreadable file.
    fn run() -> Run {
        let checker = Checker::new(Pack::builtin().unwrap());
        let drafts = [
            ("a.txt", "Kiev is calm. Officials in Kyiv said so.\n"),
            ("b.txt", "The talks went well.\n"),
            ("c.md", "# Truce\n\nThe cease-fire held; the ceasefire broke.\n"),
        ];
        let files = drafts
            .iter()
            .map(|(path, text)| {
                let format = if path.ends_with(".md") {
                    Format::Markdown
                } else {
                    Format::Text
                };
                let source = Source::new(*path, *text, format);
                let findings = checker.check(&source);
                Checked { source, findings }
            })
            .collect();
        let errors = vec![InputError::Unreadable {
            path: "gone.txt".to_string(),
            cause: std::io::Error::from(std::io::ErrorKind::NotFound).into(),
        }];
        Run { files, errors }
    }

    fn streamed(run: &Run, format: OutputFormat) -> Vec<u8> {
        let mut out = Vec::new();
        let mut stream = Stream::start(format, false, &mut out).unwrap().unwrap();
        for checked in &run.files {
            stream.file(checked).unwrap();
        }
        assert_eq!(stream.finish(&run.errors).unwrap(), Totals::of(run));
        out
    }

    #[test]
    fn a_streamed_report_is_the_whole_report_byte_for_byte() {
        let full = run();
        assert_eq!(full.finding_count(), 2, "{:?}", full.files);
        let mut clean = run();
        clean.files.truncate(0);
        clean.errors.clear();
        let formats = [
            OutputFormat::Pretty,
            OutputFormat::Json,
            OutputFormat::JsonLines,
            OutputFormat::Github,
        ];
        for run in [&full, &clean] {
            for format in formats {
                let mut whole = Vec::new();
                write(run, format, false, &mut whole).unwrap();
                let streamed = streamed(run, format);
                assert_eq!(
                    String::from_utf8_lossy(&streamed),
                    String::from_utf8_lossy(&whole),
                    "{format:?}"
                );
            }
        }
        // The JSON is one valid document either way.
        let json: serde_json::Value = serde_json::from_slice(&streamed(&full, OutputFormat::Json)).unwrap();
        assert_eq!(json["summary"]["findings"], 2);
        assert_eq!(json["files"][1]["findings"], serde_json::json!([]));
    }

    #[test]
    fn the_whole_run_formats_have_no_stream() {
        let mut out = Vec::new();
        for format in [OutputFormat::Sarif, OutputFormat::Html] {
            assert!(!Stream::streams(format));
            assert!(Stream::start(format, false, &mut out).unwrap().is_none());
        }
        assert!(out.is_empty());
    }
}
