//! The `claimlint` command: argument parsing, file walking and exit
//! codes. Each subcommand's work is in the library's [`claimlint::cli`]
//! (the check run in [`claimlint::cli::check`]); the checking itself is
//! [`claimlint::setup::Setup`], the one entry point the web page and the
//! language server share.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use claimlint::cli::check::{Input, Options};
use claimlint::cli::{self, CommandError, Status};
use claimlint::config::{Config, FileFilter};
use claimlint::finding::Severity;
use claimlint::report::OutputFormat;
use claimlint::setup::{ConfigChoice, PackOptions, Setup};
use claimlint::source::{Format, InputError, Source};

/// The allocator: a draft is read into many small, short-lived vectors and
/// strings, which mimalloc serves in about half the time of the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
            let status = if e.use_stderr() {
                Status::Error
            } else {
                Status::Clean
            };
            return ExitCode::from(status.code());
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Rules {
            command: RulesCommand::Test { paths, pack },
        } => load_config(&pack).and_then(|config| cli::rules_test(&pack.options(), config.as_ref(), &paths)),
        Command::Rules {
            command: RulesCommand::List(args),
        } => load_config(&args).and_then(|config| cli::rules_list(&args.options(), config.as_ref())),
        Command::Explain { rule } => cli::explain(rule.as_deref()),
        Command::Lsp(args) => cli::lsp(&claimlint::lsp::Options {
            pack: args.options(),
            config: args.config_choice(),
        }),
        Command::Init { dir } => cli::init(&dir),
        Command::Serve(args) => load_config(&args.pack)
            .and_then(|config| cli::serve(args.pack.options(), config, &args.host, args.port)),
        Command::Learn(args) => return ExitCode::from(claimlint::learn::run(&args)),
    };
    let status = result.unwrap_or_else(|e| {
        if e.shown() {
            eprintln!("error: {e}");
        }
        e.status()
    });
    ExitCode::from(status.code())
}

/// The configuration file the arguments select: `--config`, else the
/// nearest one, unless `--isolated`.
fn load_config(args: &PackArgs) -> Result<Option<Config>, CommandError> {
    Ok(args.config_choice().load_here()?)
}

impl PackArgs {
    /// Where the configuration comes from.
    fn config_choice(&self) -> ConfigChoice {
        ConfigChoice::of(self.config.as_deref(), self.isolated)
    }

    /// The library's view of these arguments.
    fn options(&self) -> PackOptions {
        PackOptions {
            rules: self.rules.clone(),
            no_default_rules: self.no_default_rules,
            style: self.style.clone(),
        }
    }
}

fn check(args: &CheckArgs) -> Result<Status, CommandError> {
    if args.unsafe_fixes && !args.fix && !args.diff {
        return Err(CommandError::Usage("--unsafe-fixes needs --fix or --diff"));
    }
    let config = load_config(&args.pack)?;
    let setup = Setup::new(&args.pack.options(), config.as_ref(), args.date)?;
    cli::warn(setup.checker.pack());
    let setup = setup
        .disabling(&args.disable)?
        .with_baseline(args.baseline.as_deref())?
        .reporting_from(args.severity.severity());
    let filter = config
        .as_ref()
        .map(|c| FileFilter::new(&c.dir, &c.include, &c.exclude))
        .unwrap_or_default();
    let options = Options {
        format: output_format(args.format),
        color: color(args.color),
        fix: args.fix,
        diff: args.diff,
        unsafe_fixes: args.unsafe_fixes,
        write_baseline: args.write_baseline.clone(),
        threads: args.threads,
        bar: cli::check::bar(
            args.exit_zero,
            args.fail_on.map(SeverityArg::severity),
            config.as_ref(),
        ),
    };
    cli::check::run(&setup, inputs(&args.paths, args.stdin_format, &filter), &options)
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
        ColorArg::Auto => cli::stdout_takes_colour(),
    }
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
                Err(e) => Err(InputError::Stdin { cause: e.into() }),
            };
            out.push(Input::Read { file: None, source });
        } else if path.is_dir() {
            let (found, errors) = walk(path, filter);
            out.extend(errors.into_iter().map(Input::failed));
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
            Err(e) => errors.extend(InputError::walking(dir, &e)),
        }
    }
    found.sort();
    (found, errors)
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
