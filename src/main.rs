//! The `claimlint` command: argument parsing, file walking and exit codes.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use claimlint::report::{self, Checked, OutputFormat, Run};
use claimlint::rules::{Pack, RuleError};
use claimlint::source::{Format, InputError, Source};
use claimlint::Checker;

/// Exit status: nothing found.
const CLEAN: u8 = 0;
/// Exit status: findings.
const FOUND: u8 = 1;
/// Exit status: a usage, rule or input error.
const ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "claimlint",
    version,
    about = "Checks a news article draft against itself: names, titles, terms and claims that disagree.",
    after_help = "Exit status: 0 no findings, 1 findings, 2 a usage, rule or input error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts: files, directories (recursing into .md, .markdown and
    /// .txt files), or - for standard input.
    Check(CheckArgs),
    /// Work with rule packs.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Run every rule's good and bad examples.
    Test(PackArgs),
    /// List the rule codes.
    List,
}

#[derive(clap::Args)]
struct PackArgs {
    /// Add the rules of a YAML file or a directory of them (repeatable).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Do not load the built-in rule pack.
    #[arg(long)]
    no_default_rules: bool,
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
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Pretty,
    Json,
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
            command: RulesCommand::Test(args),
        } => rules_test(&args),
        Command::Rules {
            command: RulesCommand::List,
        } => rules_list(),
    };
    ExitCode::from(status)
}

/// Loads the built-in pack (unless asked not to) and every `--rules` path.
fn load_pack(args: &PackArgs) -> Result<Pack, RuleError> {
    let mut pack = if args.no_default_rules {
        Pack::default()
    } else {
        Pack::builtin()?
    };
    for path in &args.rules {
        pack.load(path)?;
    }
    Ok(pack)
}

fn check(args: &CheckArgs) -> u8 {
    let pack = match load_pack(&args.pack) {
        Ok(pack) => pack,
        Err(e) => {
            eprintln!("error: {e}");
            return ERROR;
        }
    };
    let checker = Checker::new(pack);
    let mut run = Run::default();
    for input in inputs(&args.paths, args.stdin_format) {
        match input {
            Ok(source) => {
                let findings = checker.check(&source);
                run.files.push(Checked { source, findings });
            }
            Err(e) => run.errors.push(e),
        }
    }
    let format = match args.format {
        FormatArg::Pretty => OutputFormat::Pretty,
        FormatArg::Json => OutputFormat::Json,
    };
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            io::stdout().is_terminal()
                && anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = report::write(&run, format, color, &mut out).and_then(|()| out.flush());
    if let Err(e) = written {
        // A closed pipe (`claimlint check ... | head`) is not an error.
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the report: {e}");
            return ERROR;
        }
    }
    if !run.errors.is_empty() {
        ERROR
    } else if run.finding_count() > 0 {
        FOUND
    } else {
        CLEAN
    }
}

/// Every input the paths name, in order: files as given, directories
/// walked for drafts in path order, `-` read from standard input.
fn inputs(paths: &[PathBuf], stdin_format: StdinFormat) -> Vec<Result<Source, InputError>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            let format = match stdin_format {
                StdinFormat::Text => Format::Text,
                StdinFormat::Markdown => Format::Markdown,
            };
            let result = match io::stdin().read_to_end(&mut bytes) {
                Ok(_) => Source::from_bytes("<stdin>".to_string(), bytes, format),
                Err(e) => Err(InputError {
                    path: "<stdin>".to_string(),
                    message: e.to_string(),
                }),
            };
            out.push(result);
        } else if path.is_dir() {
            let mut found = Vec::new();
            let mut seen = std::collections::HashSet::new();
            walk(path, &mut found, &mut seen);
            found.sort();
            out.extend(found.iter().map(|file| Source::read(file)));
        } else {
            out.push(Source::read(path));
        }
    }
    out
}

/// Collects the drafts under a directory, following each real directory
/// once (a symlink loop is walked once, not forever).
fn walk(dir: &Path, found: &mut Vec<PathBuf>, seen: &mut std::collections::HashSet<PathBuf>) {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(canonical) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found, seen);
        } else if is_draft(&path) {
            found.push(path);
        }
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

fn rules_test(args: &PackArgs) -> u8 {
    let pack = match load_pack(args) {
        Ok(pack) => pack,
        Err(e) => {
            eprintln!("error: {e}");
            return ERROR;
        }
    };
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

fn rules_list() -> u8 {
    for (code, summary) in claimlint::check::RULES {
        println!("{code:<22} {summary}");
    }
    CLEAN
}
