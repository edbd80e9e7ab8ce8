//! What every front end checks with: the CLI, the local web page and the
//! language server build one [`Setup`] from the same options, so a draft
//! gets the same findings, messages and fixes in all of them.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::policy::Policy;
use crate::rules::{self, Pack};
use crate::source::Source;
use crate::Checker;

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

/// Loads the built-in pack (unless asked not to), the configuration's
/// packs, every extra rules path, the style pack and the accepted forms.
pub fn load_pack(options: &PackOptions, config: Option<&Config>) -> Result<Pack, String> {
    let default_rules = !options.no_default_rules && config.is_none_or(|c| c.default_rules);
    let mut pack = if default_rules {
        Pack::builtin().map_err(|e| e.to_string())?
    } else {
        Pack::default()
    };
    let config_rules = config.map(|c| c.rules.as_slice()).unwrap_or_default();
    for path in config_rules.iter().chain(&options.rules) {
        pack.load(path).map_err(|e| e.to_string())?;
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
pub fn with_style(pack: Pack, name: &str) -> Result<Pack, String> {
    let known = rules::styles();
    if !known.contains(&name) {
        return Err(format!(
            "unknown style `{name}`; available styles: {}",
            known.join(", ")
        ));
    }
    pack.with_style(name).map_err(|e| e.to_string())
}

/// The nearest configuration file at or above `dir`, if any.
pub fn discover_config(dir: &Path) -> Result<Option<Config>, String> {
    Config::discover(dir).map_err(|e| e.to_string())
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
    ) -> Result<Setup, String> {
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

    /// The findings reported for one draft, exactly as `claimlint check`
    /// reports them.
    pub fn check(&self, source: &Source) -> Vec<Finding> {
        self.policy.report(source, self.checker.check(source))
    }
}
