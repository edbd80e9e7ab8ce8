//! What every front end checks with: the CLI, the local web page and the
//! language server build one [`Setup`] from the same options, so a draft
//! gets the same findings, messages and fixes in all of them.
//!
//! The order is the same everywhere: the configuration file
//! ([`ConfigChoice::load`]), then the packs it and the options name
//! ([`Setup::new`]), then what only the command line adds (`--disable`,
//! `--baseline`, `--severity`: [`Setup::disabling`], [`Setup::with_baseline`],
//! [`Setup::reporting_from`]). A mistake in any of them is a [`SetupError`].

use std::path::{Path, PathBuf};

use crate::baseline::{Baseline, BaselineError};
use crate::config::{Config, ConfigError};
use crate::file::IoCause;
use crate::finding::{Finding, Severity};
use crate::policy::Policy;
use crate::rules::{self, Pack, RuleError};
use crate::source::Source;
use crate::Checker;

/// Why a setup could not be built: nothing is checked, and the command
/// exits 2. Located mistakes in files keep their path and place.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    /// The configuration file.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A rule pack.
    #[error(transparent)]
    Rules(#[from] RuleError),
    /// A baseline file (`--baseline`).
    #[error(transparent)]
    Baseline(#[from] BaselineError),
    /// A style pack that is not embedded (`--style`, a request's style).
    #[error("unknown style `{name}`; available styles: {}", rules::styles().join(", "))]
    UnknownStyle {
        /// The name asked for.
        name: String,
    },
    /// A rule or family that does not exist, named by an option.
    #[error("{option}: {}", crate::config::unknown_rule(selector))]
    UnknownRule {
        /// The option that named it (`--disable`).
        option: &'static str,
        /// The code or family as given.
        selector: String,
    },
    /// The configuration is looked for from the current directory, which
    /// cannot be read.
    #[error("cannot read the current directory: {}", cause.full())]
    CurrentDir {
        /// What the system said.
        cause: IoCause,
    },
}

/// Which rules to load, as the command line or a front end asks for them.
#[derive(Clone, Debug, Default)]
pub struct PackOptions {
    /// Rule files or directories to add (`--rules`).
    pub rules: Vec<PathBuf>,
    /// Leave out the built-in pack (`--no-default-rules`).
    pub no_default_rules: bool,
    /// A style pack by name (`--style`); overrides the configuration's.
    pub style: Option<String>,
}

/// Where the configuration comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ConfigChoice {
    /// The nearest `.claimlint.yaml` (or `claimlint.yaml`) at or above a
    /// directory: the current one for `claimlint check`, a document's
    /// workspace folder for the language server.
    #[default]
    Discover,
    /// This file (`--config`).
    File(PathBuf),
    /// No configuration file (`--isolated`).
    Isolated,
}

impl ConfigChoice {
    /// The choice the `--config` and `--isolated` options make.
    pub fn of(config: Option<&Path>, isolated: bool) -> ConfigChoice {
        match (config, isolated) {
            (_, true) => ConfigChoice::Isolated,
            (Some(path), false) => ConfigChoice::File(path.to_path_buf()),
            (None, false) => ConfigChoice::Discover,
        }
    }

    /// Reads the configuration this choice names, discovering it from
    /// `dir`; `Ok(None)` when there is none.
    pub fn load(&self, dir: &Path) -> Result<Option<Config>, SetupError> {
        Ok(match self {
            ConfigChoice::Isolated => None,
            ConfigChoice::File(path) => Some(Config::load(path)?),
            ConfigChoice::Discover => Config::discover(dir)?,
        })
    }

    /// Reads the configuration this choice names, discovering it from the
    /// current directory, as `claimlint check` does.
    pub fn load_here(&self) -> Result<Option<Config>, SetupError> {
        if *self == ConfigChoice::Isolated {
            return Ok(None);
        }
        let cwd = std::env::current_dir().map_err(|e| SetupError::CurrentDir { cause: e.into() })?;
        self.load(&cwd)
    }
}

/// Loads the built-in pack (unless asked not to), the configuration's
/// packs, every extra rules path, the style pack and the accepted forms.
pub fn load_pack(options: &PackOptions, config: Option<&Config>) -> Result<Pack, SetupError> {
    let default_rules = !options.no_default_rules && config.is_none_or(|c| c.default_rules);
    let mut pack = if default_rules {
        Pack::builtin()?
    } else {
        Pack::default()
    };
    let config_rules = config.map(|c| c.rules.as_slice()).unwrap_or_default();
    for path in config_rules.iter().chain(&options.rules) {
        pack.load(path)?;
    }
    let style = options
        .style
        .as_deref()
        .or(config.and_then(|c| c.style.as_deref()));
    if let Some(name) = style {
        pack = with_style(pack, name)?;
    }
    if let Some(config) = config {
        pack.accepted = config.accept.clone();
    }
    Ok(pack)
}

/// `pack` with a style pack (`rules/styles/NAME.yaml`, embedded) added.
pub fn with_style(pack: Pack, name: &str) -> Result<Pack, SetupError> {
    if !rules::styles().contains(&name) {
        return Err(SetupError::UnknownStyle {
            name: name.to_string(),
        });
    }
    Ok(pack.with_style(name)?)
}

/// A compiled pack and the policy that turns its findings into a report.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The compiled pack, with the publication date.
    pub checker: Checker,
    /// Disabled rules, severities, baseline and threshold.
    pub policy: Policy,
}

impl Setup {
    /// The setup a configuration (if any) and the options describe, with
    /// `date` overriding the configuration's date and every severity
    /// reported.
    pub fn new(
        options: &PackOptions,
        config: Option<&Config>,
        date: Option<jiff::civil::Date>,
    ) -> Result<Setup, SetupError> {
        let pack = load_pack(options, config)?;
        let date = date.or(config.and_then(|c| c.date));
        Ok(Setup {
            checker: Checker::new(pack).with_date(date),
            policy: Policy {
                disable: config.map(|c| c.disable.clone()).unwrap_or_default(),
                severity: config.map(|c| c.severity.clone()).unwrap_or_default(),
                baseline: None,
                threshold: Severity::Info,
            },
        })
    }

    /// Also turns off these rules and families (`--disable`); one that
    /// does not exist is an error.
    pub fn disabling(mut self, selectors: &[String]) -> Result<Setup, SetupError> {
        if let Some(unknown) = selectors.iter().find(|s| !crate::docs::is_known_selector(s)) {
            return Err(SetupError::UnknownRule {
                option: "--disable",
                selector: unknown.clone(),
            });
        }
        self.policy.disable.extend(selectors.iter().cloned());
        Ok(self)
    }

    /// Reports only findings the baseline file at `path` does not record.
    pub fn with_baseline(mut self, path: Option<&Path>) -> Result<Setup, SetupError> {
        self.policy.baseline = path.map(Baseline::load).transpose()?;
        Ok(self)
    }

    /// Reports only findings of `threshold` or higher.
    pub fn reporting_from(mut self, threshold: Severity) -> Setup {
        self.policy.threshold = threshold;
        self
    }

    /// The findings reported for one draft, exactly as `claimlint check`
    /// reports them.
    pub fn check(&self, source: &Source) -> Vec<Finding> {
        self.policy.report(source, self.checker.check(source))
    }

    /// The findings of one draft after disabled rules, severities and
    /// inline controls, before the baseline and the threshold: what a
    /// baseline records (see [`Policy::settle`]).
    pub fn settle(&self, source: &Source) -> Vec<Finding> {
        self.policy.settle(source, self.checker.check(source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_style_or_rule_is_its_own_error_before_any_pack_is_read() {
        let options = PackOptions {
            style: Some("guardian".into()),
            ..PackOptions::default()
        };
        let e = Setup::new(&options, None, None).unwrap_err();
        assert_eq!(
            e,
            SetupError::UnknownStyle {
                name: "guardian".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "unknown style `guardian`; available styles: ap, bbc, reuters"
        );
        let setup = Setup::new(&PackOptions::default(), None, None).unwrap();
        let e = setup
            .disabling(&["naming".into(), "naming.entty".into()])
            .unwrap_err();
        assert!(
            matches!(&e, SetupError::UnknownRule { option: "--disable", selector } if selector == "naming.entty"),
            "{e:?}"
        );
        assert!(e
            .to_string()
            .starts_with("--disable: unknown rule or family `naming.entty`; rules: "));
    }

    #[test]
    fn a_missing_rules_path_or_configuration_keeps_its_path_and_cause() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("house.yaml");
        let options = PackOptions {
            rules: vec![missing.clone()],
            ..PackOptions::default()
        };
        match Setup::new(&options, None, None).unwrap_err() {
            SetupError::Rules(RuleError::Unlisted { path, cause }) => {
                assert_eq!(path, missing.display().to_string());
                assert_eq!(cause.kind(), std::io::ErrorKind::NotFound);
            }
            other => panic!("not an unlisted rules path: {other:?}"),
        }
        let e = ConfigChoice::File(missing.clone()).load(dir.path()).unwrap_err();
        assert!(
            matches!(&e, SetupError::Config(ConfigError::Unreadable { path, .. }) if *path == missing.display().to_string()),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            format!(
                "{}: cannot read the configuration: No such file or directory",
                missing.display()
            )
        );
        assert_eq!(
            ConfigChoice::Isolated.load(dir.path()).unwrap().map(|c| c.path),
            None
        );
    }
}
