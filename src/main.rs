//! The `claimlint` command: argument parsing, configuration, file walking,
//! fixing, and exit codes. The library does the checking and rendering;
//! this file wires the stages together.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use claimlint::baseline::Baseline;
use claimlint::config::{Config, FileFilter};
use claimlint::finding::{Finding, Severity};
use claimlint::fix::{self, FixMode};
use claimlint::policy::Policy;
use claimlint::report::{self, diff::FileChange, Checked, OutputFormat, Run};
use claimlint::rules::Pack;
use claimlint::setup::PackOptions;
use claimlint::source::{Format, InputError, Source};
use claimlint::Checker;

/// The allocator: a draft is read into many small, short-lived vectors and
/// strings, which mimalloc serves in about half the time of the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status: nothing found.
const CLEAN: u8 = 0;
/// Exit status: findings (or, with `--diff`, something to fix).
const FOUND: u8 = 1;
/// Exit status: a usage, configuration, rule or input error.
const ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "claimlint",
    version,
    about = "Checks a news article draft against itself: names, titles, terms and claims that disagree.",
    after_help = "Exit status: 0 no findings, 1 findings, 2 a usage, configuration, rule or input error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts: files, directories (recursing into .md, .markdown and
    /// .txt files, respecting .gitignore), or - for standard input.
    Check(Box<CheckArgs>),
    /// Work with rule packs.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Show a rule's documentation (or, without a rule, list the rules).
    Explain {
        /// A rule code (`naming.entity`) or family (`naming`).
        rule: Option<String>,
    },
    /// Run a language server on standard input and output, so an editor
    /// shows findings and offers fixes as the writer types (docs/editors.md).
    Lsp(PackArgs),
    /// Write a commented .claimlint.yaml and a starter house pack.
    Init {
        /// The directory to write them in.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Serve a local web page that checks a pasted draft as you type.
    Serve(ServeArgs),
    /// Learn the desk's spellings of people and organisations from
    /// published articles into a rule file for `check --rules` (docs/archive.md).
    Learn(claimlint::learn::Args),
}

#[derive(clap::Args)]
struct ServeArgs {
    /// The port to listen on (0: any free port; the URL printed names it).
    #[arg(long, default_value_t = 7878)]
    port: u16,
    /// The address to listen on; anything but a loopback address lets
    /// other machines reach the page.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    #[command(flatten)]
    pack: PackArgs,
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Run every rule's good and bad examples.
    Test {
        /// Rule files or directories to test (with the loaded packs).
        paths: Vec<PathBuf>,
        #[command(flatten)]
        pack: PackArgs,
    },
    /// List every loaded rule: code, severity, entry and the file it is in.
    List(PackArgs),
}

#[derive(clap::Args)]
struct PackArgs {
    /// Add the rules of a YAML file or a directory of them (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Do not load the built-in rule pack.
    #[arg(long)]
    no_default_rules: bool,
    /// Use a style pack: ap, bbc or reuters (`claimlint rules list --style NAME` shows what it sets).
    #[arg(long, value_name = "NAME")]
    style: Option<String>,
    /// Read this configuration file instead of looking for .claimlint.yaml
    /// or claimlint.yaml in the current directory and its parents.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    isolated: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files, directories, or - for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Pretty)]
    format: FormatArg,
    /// When to colour the pretty output (auto: on a terminal, unless
    /// NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// How to read standard input.
    #[arg(long, value_enum, default_value_t = StdinFormat::Text)]
    stdin_format: StdinFormat,
    #[command(flatten)]
    pack: PackArgs,
    /// Apply the safe fixes in place, then report what remains (with -,
    /// write the fixed text to standard output instead).
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// With --fix or --diff, apply the unsafe fixes too.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1
    /// when there is something to fix.
    #[arg(long)]
    diff: bool,
    /// Report only findings of this severity or higher; the exit status
    /// counts only them.
    #[arg(long, value_enum, default_value_t = SeverityArg::Info)]
    severity: SeverityArg,
    /// Exit 0 even when there are findings (errors still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// The lowest severity of finding that makes the run exit 1; lower
    /// ones are shown but do not fail it (default: warning, or the
    /// configuration's `fail_on`).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<SeverityArg>,
    /// Turn a rule or a family of rules off (repeatable).
    #[arg(long, value_name = "RULE")]
    disable: Vec<String>,
    /// The publication date (YYYY-MM-DD), for calendar checks; overrides
    /// the configuration's.
    #[arg(long, value_name = "DATE", value_parser = claimlint::config::parse_date)]
    date: Option<jiff::civil::Date>,
    /// Report only findings that this baseline file does not record.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file instead of
    /// reporting them.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Check with this many threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Pretty,
    Json,
    JsonLines,
    Sarif,
    Github,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum SeverityArg {
    Info,
    Warning,
    Error,
}

impl SeverityArg {
    fn severity(self) -> Severity {
        match self {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Error => Severity::Error,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum StdinFormat {
    Text,
    Markdown,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { ERROR } else { CLEAN });
        }
    };
    let status = match cli.command {
        Command::Check(args) => check(&args),
        Command::Rules {
            command: RulesCommand::Test { paths, pack },
        } => rules_test(&paths, &pack),
        Command::Rules {
            command: RulesCommand::List(args),
        } => rules_list(&args),
        Command::Explain { rule } => explain(rule.as_deref()),
        Command::Lsp(args) => lsp(&args),
        Command::Init { dir } => init(&dir),
        Command::Serve(args) => serve(&args),
        Command::Learn(args) => claimlint::learn::run(&args),
    };
    ExitCode::from(status)
}

/// Prints an error on standard error; returns the error status.
fn fail(message: impl std::fmt::Display) -> u8 {
    eprintln!("error: {message}");
    ERROR
}

/// The configuration file the arguments select: `--config`, else the
/// nearest one, unless `--isolated`.
fn load_config(args: &PackArgs) -> Result<Option<Config>, String> {
    if args.isolated {
        return Ok(None);
    }
    match &args.config {
        Some(path) => Config::load(path).map(Some).map_err(|e| e.to_string()),
        None => {
            let cwd =
                std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
            Config::discover(&cwd).map_err(|e| e.to_string())
        }
    }
}

/// Loads the packs the arguments and the configuration ask for; what is
/// odd in them (a duplicate entry) is a warning on stderr.
fn load_pack(args: &PackArgs, config: Option<&Config>) -> Result<Pack, String> {
    let pack = claimlint::setup::load_pack(&args.options(), config)?;
    for warning in &pack.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(pack)
}

impl PackArgs {
    /// The library's view of these arguments.
    fn options(&self) -> PackOptions {
        PackOptions {
            rules: self.rules.clone(),
            no_default_rules: self.no_default_rules,
            style: self.style.clone(),
        }
    }
}

/// One input: a source read already (standard input, or an error met
/// while walking a directory), or a file read when its turn to be checked
/// comes, so that a run over many files holds only the drafts in hand.
enum Input {
    Read {
        /// The file to write fixes to (none for standard input).
        file: Option<PathBuf>,
        source: Result<Source, InputError>,
    },
    /// A file, with its size when it was listed (0 if unknown).
    File(PathBuf, usize),
}

impl Input {
    /// A file to read when its turn comes.
    fn file(path: PathBuf) -> Input {
        let size = std::fs::metadata(&path).map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
        Input::File(path, size)
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

fn check(args: &CheckArgs) -> u8 {
    if args.unsafe_fixes && !args.fix && !args.diff {
        return fail("--unsafe-fixes needs --fix or --diff");
    }
    let config = match load_config(&args.pack) {
        Ok(config) => config,
        Err(e) => return fail(e),
    };
    let pack = match load_pack(&args.pack, config.as_ref()) {
        Ok(pack) => pack,
        Err(e) => return fail(e),
    };
    for rule in &args.disable {
        if !claimlint::docs::is_known_selector(rule) {
            return fail(format!("--disable: {}", claimlint::config::unknown_rule(rule)));
        }
    }
    let baseline = match &args.baseline {
        Some(path) => match Baseline::load(path) {
            Ok(baseline) => Some(baseline),
            Err(e) => return fail(e),
        },
        None => None,
    };
    let date = args.date.or(config.as_ref().and_then(|c| c.date));
    // The bar a finding must reach to fail the run; none with --exit-zero.
    let bar = (!args.exit_zero).then(|| {
        args.fail_on
            .map(SeverityArg::severity)
            .or(config.as_ref().and_then(|c| c.fail_on))
            .unwrap_or(Severity::Warning)
    });
    let checker = Checker::new(pack).with_date(date);
    let policy = Policy {
        disable: config
            .as_ref()
            .map(|c| c.disable.clone())
            .unwrap_or_default()
            .into_iter()
            .chain(args.disable.iter().cloned())
            .collect(),
        severity: config.as_ref().map(|c| c.severity.clone()).unwrap_or_default(),
        baseline,
        threshold: args.severity.severity(),
    };
    let filter = config
        .as_ref()
        .map(|c| FileFilter::new(&c.dir, &c.include, &c.exclude))
        .unwrap_or_default();
    let mode = (args.fix || args.diff).then_some(if args.unsafe_fixes {
        FixMode::Unsafe
    } else {
        FixMode::Safe
    });

    let inputs = inputs(&args.paths, args.stdin_format, &filter);
    // A clean file is reported by its path alone, except in the HTML
    // report, which shows every draft.
    let keep_clean_text = matches!(args.format, FormatArg::Html);
    let work = |input: Input| -> Result<Outcome, InputError> {
        let (file, source) = input.read();
        let source = source?;
        Ok(match mode {
            Some(mode) => {
                let fixed = fix::fix(&source, mode, |s| policy.report(s, checker.check(s)));
                let settled = policy.settle(&fixed.source, checker.check(&fixed.source));
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
                let settled = policy.settle(&source, checker.check(&source));
                let reported = policy.finish(&source, settled.clone());
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
    let pool = match args.threads {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build() {
            Ok(pool) => Some(pool),
            Err(e) => return fail(format!("cannot start {n} threads: {e}")),
        },
        None => None,
    };
    let check_all = |inputs: Vec<Input>| -> Vec<Result<Outcome, InputError>> {
        match &pool {
            Some(pool) => pool.install(|| inputs.into_par_iter().map(work).collect()),
            None => inputs.into_par_iter().map(work).collect(),
        }
    };
    let format = output_format(args.format);
    if mode.is_none() && args.write_baseline.is_none() && report::Stream::streams(format) {
        return check_streaming(inputs, check_all, format, color(args.color), bar);
    }
    let results = check_all(inputs);
    let mut errors = Vec::new();
    // Collected in place, in the results' own memory: a run over many
    // files holds one table of outcomes, not two.
    let outcomes: Vec<Outcome> = results
        .into_iter()
        .filter_map(|result| result.map_err(|e| errors.push(e)).ok())
        .collect();

    if let Some(path) = &args.write_baseline {
        let files = outcomes.iter().map(|o| (o.current(), o.settled.as_slice()));
        return match Baseline::write(path, files) {
            Ok(n) => {
                for e in &errors {
                    eprintln!("error: {e}");
                }
                eprintln!(
                    "Recorded {} in {}.",
                    count(n, "finding", "findings"),
                    path.display()
                );
                if errors.is_empty() {
                    CLEAN
                } else {
                    ERROR
                }
            }
            Err(e) => fail(e),
        };
    }

    for outcome in outcomes.iter().filter(|o| !o.converged) {
        eprintln!(
            "warning: {}: the fixes did not settle after {} passes; check the result",
            outcome.original.path,
            fix::MAX_PASSES
        );
    }

    if args.diff {
        return diff(&outcomes, &errors, bar.is_none());
    }

    let mut run = Run {
        files: Vec::new(),
        errors,
    };
    let mut fixed_findings = 0;
    let mut fixed_files = 0;
    let mut stdout_taken = false;
    for outcome in outcomes {
        let changed = outcome.current().text != outcome.original.text;
        if args.fix && changed {
            let written = match &outcome.file {
                Some(file) => fix::write_atomic(
                    file,
                    outcome.original.text.as_bytes(),
                    outcome.current().text.as_bytes(),
                )
                .map(|written| {
                    if let fix::Written::InPlace { links } = written {
                        eprintln!(
                            "note: {} has {links} hard links: written in place to keep them",
                            file.display()
                        );
                    }
                })
                .map_err(|e| InputError {
                    path: e.path,
                    message: e.message,
                }),
                None => {
                    // Standard input: the fixed text is the output.
                    stdout_taken = true;
                    write_stdout(outcome.current().text.as_bytes()).map_err(|e| InputError {
                        path: outcome.original.path.clone(),
                        message: format!("cannot write the fixed text: {e}"),
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
                    let reported = policy.report(&outcome.original, checker.check(&outcome.original));
                    run.files.push(Checked {
                        source: outcome.original,
                        findings: reported,
                    });
                    continue;
                }
            }
        } else if args.fix && outcome.file.is_none() {
            stdout_taken = true;
            if let Err(e) = write_stdout(outcome.current().text.as_bytes()) {
                run.errors.push(InputError {
                    path: outcome.original.path.clone(),
                    message: format!("cannot write the text: {e}"),
                });
            }
        }
        run.files.push(Checked {
            source: outcome.fixed_source.map_or(outcome.original, |fixed| *fixed),
            findings: outcome.reported,
        });
    }
    if args.fix {
        eprintln!(
            "Fixed {} in {}.",
            count(fixed_findings, "finding", "findings"),
            count(fixed_files, "file", "files")
        );
    }
    let failing = run.files.iter().map(|f| failing(&f.findings, bar)).sum();
    let status = exit_status(!run.errors.is_empty(), failing);
    if stdout_taken {
        // The fixed text went to standard output: the report goes nowhere,
        // but its errors do.
        for e in &run.errors {
            eprintln!("error: {e}");
        }
        return status;
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = report::write(&run, format, color(args.color), &mut out).and_then(|()| out.flush());
    match written {
        // A closed pipe (`claimlint check ... | head`) is not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => fail(format!("cannot write the report: {e}")),
        _ => status,
    }
}

fn output_format(format: FormatArg) -> OutputFormat {
    match format {
        FormatArg::Pretty => OutputFormat::Pretty,
        FormatArg::Json => OutputFormat::Json,
        FormatArg::JsonLines => OutputFormat::JsonLines,
        FormatArg::Sarif => OutputFormat::Sarif,
        FormatArg::Github => OutputFormat::Github,
        FormatArg::Html => OutputFormat::Html,
    }
}

fn color(color: ColorArg) -> bool {
    match color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            io::stdout().is_terminal()
                && anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
        }
    }
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
fn check_streaming(
    inputs: Vec<Input>,
    check_all: impl Fn(Vec<Input>) -> Vec<Result<Outcome, InputError>>,
    format: OutputFormat,
    color: bool,
    bar: Option<Severity>,
) -> u8 {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut errors = Vec::new();
    let mut findings = 0;
    // A closed pipe (`claimlint check ... | head`) is not an error: the
    // check goes on for its exit status, with nothing more written.
    let mut stream = match report::Stream::start(format, color, &mut out) {
        Ok(stream) => stream,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => None,
        Err(e) => return fail(format!("cannot write the report: {e}")),
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
            findings += failing(&outcome.reported, bar);
            let Some(open) = &mut stream else { continue };
            let checked = Checked {
                source: outcome.original,
                findings: outcome.reported,
            };
            match open.file(&checked) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => stream = None,
                Err(e) => return fail(format!("cannot write the report: {e}")),
                Ok(()) => {}
            }
        }
    }
    if let Some(open) = stream {
        match open.finish(&errors).and_then(|_| out.flush()) {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                return fail(format!("cannot write the report: {e}"))
            }
            _ => {}
        }
    }
    exit_status(!errors.is_empty(), findings)
}

/// How many of `findings` reach the bar that fails a run (none without a
/// bar: `--exit-zero`).
fn failing(findings: &[Finding], bar: Option<Severity>) -> usize {
    bar.map_or(0, |bar| findings.iter().filter(|f| f.severity >= bar).count())
}

/// The exit status of a check: 2 when a file could not be read, else 1
/// when some finding reaches the bar (`--fail-on`), else 0.
fn exit_status(unreadable: bool, failing: usize) -> u8 {
    if unreadable {
        ERROR
    } else if failing > 0 {
        FOUND
    } else {
        CLEAN
    }
}

/// `--diff`: the unified diff of the fixes on standard output, a summary on
/// standard error.
fn diff(outcomes: &[Outcome], errors: &[InputError], exit_zero: bool) -> u8 {
    let changes: Vec<FileChange<'_>> = outcomes
        .iter()
        .filter(|o| o.current().text != o.original.text)
        .map(|o| FileChange {
            path: &o.original.path,
            before: &o.original.text,
            after: &o.current().text,
        })
        .collect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = report::diff::write(&changes, &mut out).and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return fail(format!("cannot write the diff: {e}"));
        }
    }
    for e in errors {
        eprintln!("error: {e}");
    }
    let fixes: usize = outcomes
        .iter()
        .filter(|o| o.current().text != o.original.text)
        .map(|o| o.fixed)
        .sum();
    if changes.is_empty() {
        eprintln!("Nothing to fix.");
    } else {
        eprintln!(
            "Would fix {} in {}.",
            count(fixes, "finding", "findings"),
            count(changes.len(), "file", "files")
        );
    }
    if !errors.is_empty() {
        ERROR
    } else if !changes.is_empty() && !exit_zero {
        FOUND
    } else {
        CLEAN
    }
}

fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Every input the paths name, in order: files as given, directories
/// walked for drafts in path order (respecting `.gitignore` and the
/// configuration's include and exclude globs), `-` read from standard
/// input.
fn inputs(paths: &[PathBuf], stdin_format: StdinFormat, filter: &FileFilter) -> Vec<Input> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            let format = match stdin_format {
                StdinFormat::Text => Format::Text,
                StdinFormat::Markdown => Format::Markdown,
            };
            let source = match io::stdin().read_to_end(&mut bytes) {
                Ok(_) => Source::from_bytes("<stdin>".to_string(), bytes, format),
                Err(e) => Err(InputError {
                    path: "<stdin>".to_string(),
                    message: e.to_string(),
                }),
            };
            out.push(Input::Read { file: None, source });
        } else if path.is_dir() {
            let (found, errors) = walk(path, filter);
            out.extend(errors.into_iter().map(|e| Input::Read {
                file: None,
                source: Err(e),
            }));
            out.extend(found.into_iter().map(Input::file));
        } else {
            out.push(Input::file(path.clone()));
        }
    }
    out
}

/// The drafts under a directory, sorted: `.md`, `.markdown` and `.txt`
/// files that no `.gitignore` (or `.ignore`) ignores, that are not hidden,
/// and that the filter allows. Symbolic links are followed; a loop is
/// walked once. Directories that cannot be read are errors.
fn walk(dir: &Path, filter: &FileFilter) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .follow_links(true)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if entry.file_type().is_some_and(|t| t.is_file()) && is_draft(path) && filter.allows(path) {
                    found.push(path.to_path_buf());
                }
            }
            Err(e) if is_loop(&e) => {}
            Err(e) => errors.push(InputError {
                path: dir.display().to_string(),
                message: e.to_string(),
            }),
        }
    }
    found.sort();
    (found, errors)
}

/// Whether a walk error is a symbolic-link loop (walked once, not an error).
fn is_loop(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        ignore::Error::Partial(errors) => errors.iter().all(is_loop),
        _ => false,
    }
}

fn is_draft(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("md" | "markdown" | "txt")
    )
}

fn rules_test(paths: &[PathBuf], args: &PackArgs) -> u8 {
    let config = match load_config(args) {
        Ok(config) => config,
        Err(e) => return fail(e),
    };
    let mut pack = match load_pack(args, config.as_ref()) {
        Ok(pack) => pack,
        Err(e) => return fail(e),
    };
    for path in paths {
        if let Err(e) = pack.load(path) {
            return fail(e);
        }
    }
    let outcome = claimlint::example::run(&Checker::new(pack));
    for failure in &outcome.failures {
        println!("FAIL {failure}");
    }
    println!(
        "{} examples, {} passed, {} failed",
        outcome.run,
        outcome.run - outcome.failures.len(),
        outcome.failures.len()
    );
    if outcome.failures.is_empty() {
        CLEAN
    } else {
        FOUND
    }
}

fn rules_list(args: &PackArgs) -> u8 {
    let config = match load_config(args) {
        Ok(config) => config,
        Err(e) => return fail(e),
    };
    let all = match claimlint::rule_list::list(&args.options(), config.as_ref()) {
        Ok(all) => all,
        Err(e) => return fail(e),
    };
    let width = all.iter().map(|l| l.code.len()).max().unwrap_or(0);
    let entry_width = all.iter().map(|l| l.entry.chars().count()).max().unwrap_or(0);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for l in &all {
        let line = format!(
            "{:<width$}  {:<7}  {:<entry_width$}  {}",
            l.code,
            l.severity.as_str(),
            l.entry,
            l.file
        );
        if writeln!(out, "{}", line.trim_end()).is_err() {
            break;
        }
    }
    CLEAN
}

fn explain(rule: Option<&str>) -> u8 {
    let codes = claimlint::docs::codes();
    let Some(rule) = rule else {
        let width = codes.iter().map(|c| c.len()).max().unwrap_or(0);
        for code in &codes {
            println!("{code:<width$}  {}", claimlint::docs::summary(code).unwrap_or(""));
        }
        return CLEAN;
    };
    let chosen: Vec<&str> = codes
        .iter()
        .copied()
        .filter(|code| claimlint::controls::selects(rule, code))
        .collect();
    if chosen.is_empty() {
        return fail(claimlint::config::unknown_rule(rule));
    }
    // What the finding means to the desk; how the rule works is for rule
    // files, in the reference.
    let texts: Vec<String> = chosen
        .iter()
        .map(|code| {
            let summary = claimlint::docs::summary(code).unwrap_or("");
            let desk = claimlint::docs::desk(code).unwrap_or("");
            format!(
                "{code}: {summary}\n\n{desk}\n\nHow the rule works and how to configure it: {}\n",
                claimlint::docs::reference(code)
            )
        })
        .collect();
    print!("{}", texts.join("\n"));
    CLEAN
}

fn serve(args: &ServeArgs) -> u8 {
    let config = match load_config(&args.pack) {
        Ok(config) => config,
        Err(e) => return fail(e),
    };
    let server = match claimlint::serve::Server::new(args.pack.options(), config) {
        Ok(server) => server,
        Err(e) => return fail(e),
    };
    match claimlint::serve::run(server, &args.host, args.port) {
        Ok(()) => CLEAN,
        Err(e) => fail(e),
    }
}

/// `claimlint lsp`: serves editors until they exit.
fn lsp(args: &PackArgs) -> u8 {
    let config = match (&args.config, args.isolated) {
        (_, true) => claimlint::lsp::ConfigChoice::Isolated,
        (Some(path), false) => claimlint::lsp::ConfigChoice::File(path.clone()),
        (None, false) => claimlint::lsp::ConfigChoice::Discover,
    };
    let options = claimlint::lsp::Options {
        pack: args.options(),
        config,
    };
    match claimlint::lsp::stdio(&options) {
        Ok(()) => CLEAN,
        // The protocol's status for `exit` without `shutdown`.
        Err(claimlint::lsp::Error::ExitWithoutShutdown) => 1,
        Err(e) => fail(e),
    }
}

/// The configuration `claimlint init` writes.
const INIT_CONFIG: &str = include_str!("init/claimlint.yaml");
/// The starter house pack `claimlint init` writes.
const INIT_PACK: &str = include_str!("init/house.yaml");

fn init(dir: &Path) -> u8 {
    let config = dir.join(".claimlint.yaml");
    let pack_dir = dir.join("house-rules");
    let pack = pack_dir.join("house.yaml");
    for existing in [&config, &pack] {
        if existing.exists() {
            return fail(format!("{}: already exists; not overwritten", existing.display()));
        }
    }
    let written = std::fs::create_dir_all(&pack_dir)
        .and_then(|()| std::fs::write(&config, INIT_CONFIG))
        .and_then(|()| std::fs::write(&pack, INIT_PACK));
    if let Err(e) = written {
        return fail(format!("{}: {e}", dir.display()));
    }
    println!("Wrote {} and {}.", config.display(), pack.display());
    println!("Check the pack with `claimlint rules test`, then run `claimlint check .`.");
    CLEAN
}
