//! `claimlint check` once its arguments are read: every input checked with
//! one [`Setup`] (the call the web page and the language server make),
//! then fixed, diffed, recorded in a baseline or reported, and the exit
//! status that follows.
//!
//! Reports are streamed file by file when nothing has to be held back
//! (no fixing, no baseline to write, a format that streams); otherwise the
//! run checks every input, then writes.

use std::io::{self, Write};
use std::path::PathBuf;

use rayon::prelude::*;

use super::{count, CommandError, Status};
use crate::baseline::Baseline;
use crate::config::Config;
use crate::file;
use crate::finding::{Finding, Severity};
use crate::fix::{self, FixMode};
use crate::report::{self, diff::FileChange, Checked, OutputFormat, Run};
use crate::setup::Setup;
use crate::source::{InputError, Source};

/// One input: a source read already (standard input, or an error met
/// while walking a directory), or a file read when its turn to be checked
/// comes, so that a run over many files holds only the drafts in hand.
pub enum Input {
    /// Read before the run (standard input) or never readable.
    Read {
        /// The file to write fixes to (none for standard input).
        file: Option<PathBuf>,
        /// The draft, or why it could not be read.
        source: Result<Source, InputError>,
    },
    /// A file, with its size when it was listed (0 if unknown).
    File(PathBuf, usize),
}

impl Input {
    /// A file to read when its turn comes.
    pub fn file(path: PathBuf) -> Input {
        let size = std::fs::metadata(&path).map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
        Input::File(path, size)
    }

    /// An error met before reading (walking a directory).
    pub fn failed(error: InputError) -> Input {
        Input::Read {
            file: None,
            source: Err(error),
        }
    }

    /// The size of the draft, as far as it is known before reading it.
    fn size(&self) -> usize {
        match self {
            Input::Read {
                source: Ok(source), ..
            } => source.text.len(),
            Input::Read { source: Err(_), .. } => 0,
            Input::File(_, size) => *size,
        }
    }

    /// The file to write fixes to, and the source, read if it was not yet.
    fn read(self) -> (Option<PathBuf>, Result<Source, InputError>) {
        match self {
            Input::Read { file, source } => (file, source),
            Input::File(path, _) => {
                let source = Source::read(&path);
                (Some(path), source)
            }
        }
    }
}

/// What to do with the findings, as the options of `claimlint check` say.
#[derive(Clone, Debug)]
pub struct Options {
    /// The report's format.
    pub format: OutputFormat,
    /// Whether the pretty report is coloured.
    pub color: bool,
    /// Write the safe (or also the unsafe) fixes (`--fix`).
    pub fix: bool,
    /// Print the fixes as a diff instead (`--diff`).
    pub diff: bool,
    /// With `fix` or `diff`, apply the unsafe fixes too.
    pub unsafe_fixes: bool,
    /// Record the findings in this baseline file instead of reporting them.
    pub write_baseline: Option<PathBuf>,
    /// Check with this many threads (default: one per core).
    pub threads: Option<usize>,
    /// The lowest severity that fails the run; `None` with `--exit-zero`.
    pub bar: Option<Severity>,
}

/// The lowest severity that fails a run: `--fail-on`, else the
/// configuration's `fail_on`, else warning; none with `--exit-zero`.
pub fn bar(exit_zero: bool, fail_on: Option<Severity>, config: Option<&Config>) -> Option<Severity> {
    (!exit_zero).then(|| {
        fail_on
            .or(config.and_then(|c| c.fail_on))
            .unwrap_or(Severity::Warning)
    })
}

/// What checking one input produced.
struct Outcome {
    file: Option<PathBuf>,
    /// The source as read.
    original: Source,
    /// The source after fixing; `None` when not fixing, so that a check
    /// holds one copy of each draft.
    fixed_source: Option<Box<Source>>,
    /// Findings after disabled rules, severities and inline controls: what
    /// a baseline records.
    settled: Vec<Finding>,
    /// Findings reported.
    reported: Vec<Finding>,
    /// Fixes applied, and whether fixing settled.
    fixed: usize,
    converged: bool,
}

impl Outcome {
    /// The source after fixing (the original when not fixing).
    fn current(&self) -> &Source {
        self.fixed_source.as_deref().unwrap_or(&self.original)
    }
}

/// Checks every input with `setup` and does what `options` ask; the
/// status says whether something was found, and an input that could not
/// be read makes it [`Status::Error`] while the others are still checked.
pub fn run(setup: &Setup, inputs: Vec<Input>, options: &Options) -> Result<Status, CommandError> {
    let mode = (options.fix || options.diff).then_some(if options.unsafe_fixes {
        FixMode::Unsafe
    } else {
        FixMode::Safe
    });
    // A clean file is reported by its path alone, except in the HTML
    // report, which shows every draft.
    let keep_clean_text = matches!(options.format, OutputFormat::Html);
    let work = |input: Input| -> Result<Outcome, InputError> {
        let (file, source) = input.read();
        let source = source?;
        Ok(match mode {
            Some(mode) => {
                let fixed = fix::fix(&source, mode, |s| setup.check(s));
                let settled = setup.settle(&fixed.source);
                Outcome {
                    file,
                    fixed_source: Some(Box::new(fixed.source)),
                    original: source,
                    settled,
                    reported: fixed.findings,
                    fixed: fixed.applied.len(),
                    converged: fixed.converged,
                }
            }
            None => {
                let settled = setup.settle(&source);
                let reported = setup.policy.finish(&source, settled.clone());
                let original = if settled.is_empty() && reported.is_empty() && !keep_clean_text {
                    Source::new(source.path, "", source.format)
                } else {
                    source
                };
                Outcome {
                    file,
                    fixed_source: None,
                    original,
                    settled,
                    reported,
                    fixed: 0,
                    converged: true,
                }
            }
        })
    };
    let pool = match options.threads {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build() {
            Ok(pool) => Some(pool),
            Err(e) => {
                return Err(CommandError::Threads {
                    n,
                    reason: e.to_string(),
                })
            }
        },
        None => None,
    };
    let check_all = |inputs: Vec<Input>| -> Vec<Result<Outcome, InputError>> {
        match &pool {
            Some(pool) => pool.install(|| inputs.into_par_iter().map(work).collect()),
            None => inputs.into_par_iter().map(work).collect(),
        }
    };
    if mode.is_none() && options.write_baseline.is_none() && report::Stream::streams(options.format) {
        return streaming(inputs, check_all, options);
    }
    let results = check_all(inputs);
    let mut errors = Vec::new();
    // Collected in place, in the results' own memory: a run over many
    // files holds one table of outcomes, not two.
    let outcomes: Vec<Outcome> = results
        .into_iter()
        .filter_map(|result| result.map_err(|e| errors.push(e)).ok())
        .collect();

    if let Some(path) = &options.write_baseline {
        let files = outcomes.iter().map(|o| (o.current(), o.settled.as_slice()));
        let n = Baseline::write(path, files).map_err(CommandError::Baseline)?;
        for e in &errors {
            eprintln!("error: {e}");
        }
        eprintln!(
            "Recorded {} in {}.",
            count(n, "finding", "findings"),
            path.display()
        );
        return Ok(Status::of(!errors.is_empty(), 0));
    }

    for outcome in outcomes.iter().filter(|o| !o.converged) {
        eprintln!(
            "warning: {}: the fixes did not settle after {} passes; check the result",
            outcome.original.path,
            fix::MAX_PASSES
        );
    }
    if options.diff {
        return diff(&outcomes, &errors, options.bar.is_none());
    }
    let (run, stdout_taken) = if options.fix {
        write_fixes(setup, outcomes, errors)
    } else {
        let files = outcomes.into_iter().map(Outcome::into_checked).collect();
        (Run { files, errors }, false)
    };
    let failing = run.files.iter().map(|f| failing(&f.findings, options.bar)).sum();
    let status = Status::of(!run.errors.is_empty(), failing);
    if stdout_taken {
        // The fixed text went to standard output: the report goes nowhere,
        // but its errors do.
        for e in &run.errors {
            eprintln!("error: {e}");
        }
        return Ok(status);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = report::write(&run, options.format, options.color, &mut out).and_then(|()| out.flush());
    not_broken(written, "the report")?;
    Ok(status)
}

impl Outcome {
    /// The file as reported: fixed if it was.
    fn into_checked(self) -> Checked {
        Checked {
            source: self.fixed_source.map_or(self.original, |fixed| *fixed),
            findings: self.reported,
        }
    }
}

/// `--fix`: writes each fixed file (a draft from standard input goes to
/// standard output) and says how many fixes were written. Returns the run
/// to report and whether standard output holds a draft's text.
fn write_fixes(setup: &Setup, outcomes: Vec<Outcome>, errors: Vec<InputError>) -> (Run, bool) {
    let mut run = Run {
        files: Vec::new(),
        errors,
    };
    let mut fixed_findings = 0;
    let mut fixed_files = 0;
    let mut stdout_taken = false;
    for outcome in outcomes {
        let changed = outcome.current().text != outcome.original.text;
        if changed {
            let written = match &outcome.file {
                Some(file) => file::write_atomic(
                    file,
                    outcome.original.text.as_bytes(),
                    outcome.current().text.as_bytes(),
                )
                .map(|written| {
                    if let file::Written::InPlace { links } = written {
                        eprintln!(
                            "note: {} has {links} hard links: written in place to keep them",
                            file.display()
                        );
                    }
                })
                .map_err(InputError::NotWritten),
                None => {
                    // Standard input: the fixed text is the output.
                    stdout_taken = true;
                    write_stdout(outcome.current().text.as_bytes()).map_err(|e| InputError::Output {
                        path: outcome.original.path.clone(),
                        fixed: true,
                        cause: e.into(),
                    })
                }
            };
            match written {
                Ok(()) => {
                    fixed_findings += outcome.fixed;
                    fixed_files += 1;
                }
                Err(e) => {
                    // Not written: report the draft as it is on disk.
                    run.errors.push(e);
                    let reported = setup.check(&outcome.original);
                    run.files.push(Checked {
                        source: outcome.original,
                        findings: reported,
                    });
                    continue;
                }
            }
        } else if outcome.file.is_none() {
            stdout_taken = true;
            if let Err(e) = write_stdout(outcome.current().text.as_bytes()) {
                run.errors.push(InputError::Output {
                    path: outcome.original.path.clone(),
                    fixed: false,
                    cause: e.into(),
                });
            }
        }
        run.files.push(outcome.into_checked());
    }
    eprintln!(
        "Fixed {} in {}.",
        count(fixed_findings, "finding", "findings"),
        count(fixed_files, "file", "files")
    );
    (run, stdout_taken)
}

/// Drafts checked at once when the report is written as the run goes:
/// enough to keep every thread busy, few enough that the run holds little.
/// A chunk ends at this many drafts or once it holds this many bytes.
const STREAM_CHUNK: usize = 256;
const STREAM_CHUNK_BYTES: usize = 8 << 20;

/// Checks `inputs` a chunk at a time and reports each file as soon as its
/// turn comes, so that memory does not grow with the number of files.
/// For a plain check (no fixing, no baseline to write) in a format that
/// streams ([`report::Stream`]).
fn streaming(
    inputs: Vec<Input>,
    check_all: impl Fn(Vec<Input>) -> Vec<Result<Outcome, InputError>>,
    options: &Options,
) -> Result<Status, CommandError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut errors = Vec::new();
    let mut findings = 0;
    // A closed pipe (`claimlint check ... | head`) is not an error: the
    // check goes on for its exit status, with nothing more written.
    let mut stream = match report::Stream::start(options.format, options.color, &mut out) {
        Ok(stream) => stream,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => None,
        Err(e) => {
            return Err(CommandError::Output {
                what: "the report",
                cause: e.into(),
            })
        }
    };
    let mut inputs = inputs.into_iter().peekable();
    while inputs.peek().is_some() {
        let mut bytes = 0;
        let mut chunk = Vec::new();
        while chunk.len() < STREAM_CHUNK && bytes < STREAM_CHUNK_BYTES {
            let Some(input) = inputs.next() else { break };
            bytes += input.size();
            chunk.push(input);
        }
        for result in check_all(chunk) {
            let outcome = match result {
                Ok(outcome) => outcome,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            findings += failing(&outcome.reported, options.bar);
            let Some(open) = &mut stream else { continue };
            let checked = Checked {
                source: outcome.original,
                findings: outcome.reported,
            };
            match open.file(&checked) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => stream = None,
                Err(e) => {
                    return Err(CommandError::Output {
                        what: "the report",
                        cause: e.into(),
                    })
                }
                Ok(()) => {}
            }
        }
    }
    if let Some(open) = stream {
        not_broken(open.finish(&errors).and_then(|_| out.flush()), "the report")?;
    }
    Ok(Status::of(!errors.is_empty(), findings))
}

/// A write's outcome, where a closed pipe (`claimlint check ... | head`)
/// is not an error.
fn not_broken<T>(written: io::Result<T>, what: &'static str) -> Result<(), CommandError> {
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(CommandError::Output {
            what,
            cause: e.into(),
        }),
        _ => Ok(()),
    }
}

/// How many of `findings` reach the bar that fails a run (none without a
/// bar: `--exit-zero`).
fn failing(findings: &[Finding], bar: Option<Severity>) -> usize {
    bar.map_or(0, |bar| findings.iter().filter(|f| f.severity >= bar).count())
}

/// `--diff`: the unified diff of the fixes on standard output, a summary on
/// standard error.
fn diff(outcomes: &[Outcome], errors: &[InputError], exit_zero: bool) -> Result<Status, CommandError> {
    let changed = || outcomes.iter().filter(|o| o.current().text != o.original.text);
    let changes: Vec<FileChange<'_>> = changed()
        .map(|o| FileChange {
            path: &o.original.path,
            before: &o.original.text,
            after: &o.current().text,
        })
        .collect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    not_broken(
        report::diff::write(&changes, &mut out).and_then(|()| out.flush()),
        "the diff",
    )?;
    for e in errors {
        eprintln!("error: {e}");
    }
    let fixes: usize = changed().map(|o| o.fixed).sum();
    if changes.is_empty() {
        eprintln!("Nothing to fix.");
    } else {
        eprintln!(
            "Would fix {} in {}.",
            count(fixes, "finding", "findings"),
            count(changes.len(), "file", "files")
        );
    }
    let something = usize::from(!changes.is_empty() && !exit_zero);
    Ok(Status::of(!errors.is_empty(), something))
}

fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
