//! The list of loaded rules: what `claimlint rules list` prints and the
//! local web page's `GET /api/rules` returns, from one function.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::finding::Severity;
use crate::registry;
use crate::rules::{self, RuleFile};
use crate::setup::{PackOptions, SetupError};

/// One loaded rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedRule {
    /// The rule code (`naming.entity`).
    pub code: String,
    /// Its severity as the rule file gives it.
    pub severity: Severity,
    /// The rule-file entry it comes from (`Russia`); empty for settings
    /// that apply to a whole family.
    pub entry: String,
    /// The file it is in: a path, or `(built in) rules/...` for the
    /// embedded packs.
    pub file: String,
}

/// Every rule the options and the configuration load, in load order: the
/// built-in pack, the style pack, then the configuration's and the extra
/// rule paths. Fails, with the mistake's location, when the packs do not
/// load.
pub fn list(options: &PackOptions, config: Option<&Config>) -> Result<Vec<ListedRule>, SetupError> {
    // Loading the pack first reports any mistake with its location.
    crate::setup::load_pack(options, config)?;
    let mut all = Vec::new();
    if !options.no_default_rules && config.is_none_or(|c| c.default_rules) {
        for (path, text) in rules::BUILTIN {
            if let Ok(file) = rules::parse_file(path, text) {
                all.extend(listed(&format!("(built in) {path}"), file));
            }
        }
    }
    let config_rules = config.map(|c| c.rules.clone()).unwrap_or_default();
    let style = options
        .style
        .as_deref()
        .or(config.and_then(|c| c.style.as_deref()));
    for (name, path, text) in rules::STYLES {
        if style == Some(*name) {
            if let Ok(file) = rules::parse_file(path, text) {
                all.extend(listed(&format!("(built in) {path}"), file));
            }
        }
    }
    for root in config_rules.iter().chain(&options.rules) {
        for file in rule_files(root) {
            let display = file.display().to_string();
            let parsed = std::fs::read_to_string(&file)
                .ok()
                .and_then(|text| rules::parse_file(&display, &text).ok());
            if let Some(parsed) = parsed {
                all.extend(listed(&display, parsed));
            }
        }
    }
    Ok(all)
}

/// The rules of one parsed file.
fn listed(file: &str, rules: RuleFile) -> Vec<ListedRule> {
    let mut out = Vec::new();
    let mut add = |code: &str, severity: Severity, entry: &str| {
        out.push(ListedRule {
            code: code.to_string(),
            severity,
            entry: entry.to_string(),
            file: file.to_string(),
        })
    };
    for r in &rules.entities {
        add(registry::ENTITY.code, r.severity, &r.name);
    }
    for r in &rules.abbreviations {
        add(registry::ABBREVIATION.code, r.severity, &r.name);
    }
    for r in &rules.titles {
        add(registry::TITLE.code, r.severity, &r.name);
    }
    for r in &rules.style {
        add(registry::SUBSTITUTION.code, r.severity, &r.replacement);
    }
    // Settings of a whole family: each rule they turn on, with the
    // severity it reports at.
    let family = |severity: Option<Severity>, rule: &registry::Rule| severity.unwrap_or(rule.severity);
    if let Some(terms) = &rules.terms {
        add(
            registry::HYPHENATION.code,
            family(terms.severity, &registry::HYPHENATION),
            "",
        );
    }
    if let Some(variants) = &rules.variants {
        add(
            registry::VARIANT.code,
            family(variants.severity, &registry::VARIANT),
            "",
        );
    }
    if let Some(first) = &rules.first_reference {
        add(
            registry::FIRST_REFERENCE.code,
            family(first.severity, &registry::FIRST_REFERENCE),
            "",
        );
    }
    if let Some(acronyms) = &rules.acronyms {
        for rule in [&registry::ACRONYM_CONFLICT, &registry::ACRONYM_EARLY] {
            add(rule.code, family(acronyms.severity, rule), "");
        }
        if acronyms.unused == Some(true) {
            add(
                registry::ACRONYM_UNUSED.code,
                registry::ACRONYM_UNUSED.severity,
                "",
            );
        }
        if acronyms.mixed == Some(true) {
            add(
                registry::ACRONYM_MIXED.code,
                family(acronyms.severity, &registry::ACRONYM_MIXED),
                "",
            );
        }
    }
    if let Some(archive) = &rules.archive {
        add(
            registry::ARCHIVE.code,
            family(archive.severity, &registry::ARCHIVE),
            "",
        );
    }
    for r in &rules.claims {
        add(r.attribute.code(), r.severity, r.name.as_deref().unwrap_or(""));
    }
    out
}

/// The rule files a path names: itself, or the YAML files under it.
fn rule_files(path: &Path) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut files: Vec<PathBuf> = ignore::WalkBuilder::new(path)
        .standard_filters(false)
        .follow_links(true)
        .build()
        .flatten()
        .map(|e| e.into_path())
        .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    files
}
