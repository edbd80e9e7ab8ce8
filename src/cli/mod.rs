//! What the `claimlint` command does once its arguments are parsed: each
//! subcommand's work, the errors that stop one ([`CommandError`]) and the
//! exit status that follows ([`Status`]).
//!
//! `src/main.rs` keeps the argument definitions (they are the `--help`
//! text), the walk that turns paths into inputs, and the mapping of a
//! result to an exit code. Everything else lives here, in the library,
//! next to the stages it calls: a newcomer reading `check` finds the whole
//! run in [`check::run`] with the [`Setup`](crate::setup::Setup) that the
//! web page and the language server check with too, and tests can drive
//! it without starting the binary.

pub mod check;

use std::io::{self, Write};
use std::path::Path;

use crate::baseline::BaselineError;
use crate::file::IoCause;
use crate::rules::RuleError;
use crate::setup::{self, PackOptions, SetupError};
use crate::Checker;

/// How a command ended, as its exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing found (exit 0).
    Clean = 0,
    /// Findings, something to fix with `--diff`, a failing rule example
    /// (exit 1).
    Found = 1,
    /// A usage, configuration, rule or input error (exit 2).
    Error = 2,
}

impl Status {
    /// The status of a check: an error when an input could not be read
    /// (the others were still checked), else found when some finding
    /// reaches the bar, else clean.
    pub fn of(unreadable: bool, failing: usize) -> Status {
        if unreadable {
            Status::Error
        } else if failing > 0 {
            Status::Found
        } else {
            Status::Clean
        }
    }

    /// The exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// Why a command stopped: rendered once, as `error: MESSAGE` on standard
/// error (see [`CommandError::shown`]), with the exit code its type gives
/// ([`CommandError::status`]).
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// Options that do not go together.
    #[error("{0}")]
    Usage(&'static str),
    /// The configuration, a rule pack, a baseline or an option naming
    /// them.
    #[error(transparent)]
    Setup(#[from] SetupError),
    /// A rule file named by `rules test`.
    #[error(transparent)]
    Rules(#[from] RuleError),
    /// A rule or family `explain` does not know.
    #[error("{}", crate::config::unknown_rule(.0))]
    UnknownRule(String),
    /// The thread pool (`--threads`).
    #[error("cannot start {n} threads: {reason}")]
    Threads {
        /// The threads asked for.
        n: usize,
        /// What the pool said.
        reason: String,
    },
    /// Standard output refused the report or the diff (a closed pipe is
    /// not an error and never gets here).
    #[error("cannot write {what}: {}", cause.full())]
    Output {
        /// What was being written (`the report`).
        what: &'static str,
        /// What the system said.
        cause: IoCause,
    },
    /// The baseline could not be written (`--write-baseline`).
    #[error(transparent)]
    Baseline(BaselineError),
    /// `init` found a file it would overwrite.
    #[error("{}: already exists; not overwritten", .0.display())]
    Exists(std::path::PathBuf),
    /// `init` could not write its files.
    #[error("{}: {}", path.display(), cause.full())]
    NotWritten {
        /// The directory written to.
        path: std::path::PathBuf,
        /// What the system said.
        cause: IoCause,
    },
    /// The local web page's server could not start or stopped.
    #[error(transparent)]
    Serve(#[from] crate::serve::ServeError),
    /// The language server's connection.
    #[error(transparent)]
    Lsp(#[from] crate::lsp::Error),
}

impl CommandError {
    /// The exit code: 1 for a client that sent `exit` without `shutdown`
    /// (the protocol asks for it), 2 for everything else.
    pub fn status(&self) -> Status {
        match self {
            CommandError::Lsp(crate::lsp::Error::ExitWithoutShutdown) => Status::Found,
            CommandError::Usage(_)
            | CommandError::Setup(_)
            | CommandError::Rules(_)
            | CommandError::UnknownRule(_)
            | CommandError::Threads { .. }
            | CommandError::Output { .. }
            | CommandError::Baseline(_)
            | CommandError::Exists(_)
            | CommandError::NotWritten { .. }
            | CommandError::Serve(_)
            | CommandError::Lsp(_) => Status::Error,
        }
    }

    /// Whether the error is shown: an editor that quits without
    /// `shutdown` only gets the exit status.
    pub fn shown(&self) -> bool {
        !matches!(self, CommandError::Lsp(crate::lsp::Error::ExitWithoutShutdown))
    }
}

/// Whether the pretty report is coloured with `--color auto`: on a
/// terminal, unless `NO_COLOR` (or the terminal) says not to.
pub fn stdout_takes_colour() -> bool {
    use std::io::IsTerminal;
    io::stdout().is_terminal() && anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
}

/// `n` with the noun that fits it: `1 file`, `2 files`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Loads the packs the options and the configuration ask for; what is
/// odd in them (a duplicate entry) is a warning on standard error.
pub fn load_pack(
    options: &PackOptions,
    config: Option<&crate::config::Config>,
) -> Result<crate::rules::Pack, SetupError> {
    let pack = setup::load_pack(options, config)?;
    warn(&pack);
    Ok(pack)
}

/// Shows the warnings of a pack (a duplicate entry) on standard error.
pub fn warn(pack: &crate::rules::Pack) {
    for warning in &pack.warnings {
        eprintln!("warning: {warning}");
    }
}

/// `rules test`: runs every rule example of the loaded packs and of
/// `paths`, printing each failure and a count.
pub fn rules_test(
    options: &PackOptions,
    config: Option<&crate::config::Config>,
    paths: &[std::path::PathBuf],
) -> Result<Status, CommandError> {
    let mut pack = load_pack(options, config)?;
    for path in paths {
        pack.load(path)?;
    }
    let outcome = crate::example::run(&Checker::new(pack));
    for failure in &outcome.failures {
        println!("FAIL {failure}");
    }
    println!(
        "{} examples, {} passed, {} failed",
        outcome.run,
        outcome.run - outcome.failures.len(),
        outcome.failures.len()
    );
    Ok(Status::of(false, outcome.failures.len()))
}

/// `rules list`: every loaded rule, one aligned line each.
pub fn rules_list(
    options: &PackOptions,
    config: Option<&crate::config::Config>,
) -> Result<Status, CommandError> {
    let all = crate::rule_list::list(options, config)?;
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
    Ok(Status::Clean)
}

/// `explain`: what a rule's (or a family's) findings mean to the desk, or,
/// without a rule, every code with its summary.
pub fn explain(rule: Option<&str>) -> Result<Status, CommandError> {
    use crate::docs;
    let codes = docs::codes();
    let Some(rule) = rule else {
        let width = codes.iter().map(|c| c.len()).max().unwrap_or(0);
        for code in &codes {
            println!("{code:<width$}  {}", docs::summary(code).unwrap_or(""));
        }
        return Ok(Status::Clean);
    };
    let chosen: Vec<&str> = codes
        .iter()
        .copied()
        .filter(|code| crate::controls::selects(rule, code))
        .collect();
    if chosen.is_empty() {
        return Err(CommandError::UnknownRule(rule.to_string()));
    }
    // What the finding means to the desk; how the rule works is for rule
    // files, in the reference.
    let texts: Vec<String> = chosen
        .iter()
        .map(|code| {
            format!(
                "{code}: {}\n\n{}\n\nHow the rule works and how to configure it: {}\n",
                docs::summary(code).unwrap_or(""),
                docs::desk(code).unwrap_or(""),
                docs::reference(code)
            )
        })
        .collect();
    print!("{}", texts.join("\n"));
    Ok(Status::Clean)
}

/// `serve`: the local web page, until Ctrl-C.
pub fn serve(
    options: PackOptions,
    config: Option<crate::config::Config>,
    host: &str,
    port: u16,
) -> Result<Status, CommandError> {
    let server = crate::serve::Server::new(options, config)?;
    crate::serve::run(server, host, port)?;
    Ok(Status::Clean)
}

/// `lsp`: the language server on standard input and output, until the
/// editor exits.
pub fn lsp(options: &crate::lsp::Options) -> Result<Status, CommandError> {
    crate::lsp::stdio(options)?;
    Ok(Status::Clean)
}

/// The configuration `claimlint init` writes.
const INIT_CONFIG: &str = include_str!("../init/claimlint.yaml");
/// The starter house pack `claimlint init` writes.
const INIT_PACK: &str = include_str!("../init/house.yaml");

/// `init`: writes a commented `.claimlint.yaml` and a starter house pack
/// in `dir`, overwriting neither.
pub fn init(dir: &Path) -> Result<Status, CommandError> {
    let config = dir.join(".claimlint.yaml");
    let pack_dir = dir.join("house-rules");
    let pack = pack_dir.join("house.yaml");
    if let Some(existing) = [&config, &pack].into_iter().find(|p| p.exists()) {
        return Err(CommandError::Exists(existing.clone()));
    }
    std::fs::create_dir_all(&pack_dir)
        .and_then(|()| std::fs::write(&config, INIT_CONFIG))
        .and_then(|()| std::fs::write(&pack, INIT_PACK))
        .map_err(|e| CommandError::NotWritten {
            path: dir.to_path_buf(),
            cause: e.into(),
        })?;
    println!("Wrote {} and {}.", config.display(), pack.display());
    println!("Check the pack with `claimlint rules test`, then run `claimlint check .`.");
    Ok(Status::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exit_status_comes_from_the_error_s_type() {
        let quiet = CommandError::Lsp(crate::lsp::Error::ExitWithoutShutdown);
        assert_eq!((quiet.status().code(), quiet.shown()), (1, false));
        let errors = [
            CommandError::Usage("--unsafe-fixes needs --fix or --diff"),
            CommandError::Setup(SetupError::UnknownStyle {
                name: "guardian".into(),
            }),
            CommandError::Lsp(crate::lsp::Error::Disconnected),
            CommandError::UnknownRule("naming.entty".into()),
            CommandError::Serve(crate::serve::ServeError::Bind {
                host: "127.0.0.1".into(),
                port: 7878,
                cause: io::Error::from(io::ErrorKind::AddrInUse),
            }),
        ];
        for e in errors {
            assert_eq!((e.status(), e.shown()), (Status::Error, true), "{e}");
        }
    }

    #[test]
    fn a_check_s_status_is_an_error_first_then_findings() {
        assert_eq!(Status::of(true, 3), Status::Error);
        assert_eq!(Status::of(false, 3).code(), 1);
        assert_eq!(Status::of(false, 0).code(), 0);
    }

    #[test]
    fn init_refuses_to_overwrite_and_says_which_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(init(dir.path()).unwrap(), Status::Clean);
        match init(dir.path()).unwrap_err() {
            CommandError::Exists(path) => assert_eq!(path, dir.path().join(".claimlint.yaml")),
            other => panic!("not an existing file: {other}"),
        }
    }
}
