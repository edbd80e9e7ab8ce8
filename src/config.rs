//! Configuration files: `.claimlint.yaml` (or `claimlint.yaml`), found in
//! the current directory or the nearest parent that has one, with the
//! settings a desk shares in its repository.
//!
//! ```yaml
//! rules: [house-rules/]          # extra packs, files or directories
//! default_rules: true            # load the built-in pack (default true)
//! style: ap                      # a style pack
//! disable: [style.substitution]  # rule codes or whole families ("style")
//! severity: {terms.hyphenation: info}
//! include: ["**/*.md", "**/*.txt"]
//! exclude: ["archive/**"]
//! date: 2015-12-16               # publication date, for calendar checks
//! accept: ["Sergei Lavrov"]      # forms this desk has decided on
//! fail_on: warning               # the lowest severity that fails a run
//! ```
//!
//! Relative paths and globs are read from the file's own directory. Every
//! key is optional; an unknown key or a bad value is an error located as
//! `path:line:column: what is wrong`. The keys are documented in
//! `docs/config.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Deserializer};

use crate::finding::Severity;
use crate::source::FileMistake;

/// The names a configuration file may have, in the order they are tried in
/// each directory.
pub const FILE_NAMES: [&str; 2] = [".claimlint.yaml", "claimlint.yaml"];

/// A configuration file that cannot be used, with its path and, when the
/// place is known, `line:column`. Every one makes a run exit 2 before any
/// draft is checked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read the configuration: {cause}")]
    Unreadable {
        /// The configuration file.
        path: String,
        /// What the system said.
        cause: crate::file::IoCause,
    },
    /// The file is not UTF-8, or its YAML does not parse, has an unknown
    /// key or a bad value.
    #[error(transparent)]
    Mistake(#[from] FileMistake),
}

impl ConfigError {
    /// The 1-based line and column of the mistake, when known.
    pub fn location(&self) -> Option<(usize, usize)> {
        match self {
            ConfigError::Unreadable { .. } => None,
            ConfigError::Mistake(mistake) => mistake.location(),
        }
    }
}

/// The settings of a configuration file, with paths resolved.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    /// The directory relative paths and globs are read from.
    pub dir: PathBuf,
    /// Rule packs to add, resolved against [`Config::dir`].
    pub rules: Vec<PathBuf>,
    /// Whether to load the built-in pack.
    pub default_rules: bool,
    /// The style pack to use.
    pub style: Option<String>,
    /// Rules and families turned off.
    pub disable: Vec<String>,
    /// The severity given to rules and families, in file order.
    pub severity: Vec<(String, Severity)>,
    /// Globs a file found in a directory must match (any of them) to be
    /// checked; none means every draft.
    pub include: Vec<String>,
    /// Globs of files (found in a directory) never checked.
    pub exclude: Vec<String>,
    /// The publication date.
    pub date: Option<jiff::civil::Date>,
    /// Forms this desk has decided on: one of them, when a finding's forms
    /// include it, is the form that wins.
    pub accept: Vec<String>,
    /// The lowest severity that makes a run fail (exit 1), when set.
    pub fail_on: Option<Severity>,
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default = "yes")]
    default_rules: bool,
    #[serde(default)]
    style: Option<StyleName>,
    #[serde(default)]
    disable: Vec<Selector>,
    #[serde(default)]
    severity: BTreeMap<Selector, Severity>,
    #[serde(default)]
    include: Vec<Pattern>,
    #[serde(default)]
    exclude: Vec<Pattern>,
    #[serde(default)]
    date: Option<Date>,
    #[serde(default)]
    accept: Vec<String>,
    #[serde(default)]
    fail_on: Option<Severity>,
}

fn yes() -> bool {
    true
}

/// A rule code or family that exists.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Selector(String);

impl<'de> Deserialize<'de> for Selector {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        if crate::docs::is_known_selector(&name) {
            Ok(Selector(name))
        } else {
            Err(serde::de::Error::custom(unknown_rule(&name)))
        }
    }
}

/// The message for a rule code or family that does not exist.
pub fn unknown_rule(name: &str) -> String {
    format!(
        "unknown rule or family `{name}`; rules: {}; families: {}",
        crate::docs::codes().join(", "),
        crate::docs::families().join(", ")
    )
}

/// The name of a style pack that exists.
struct StyleName(String);

impl<'de> Deserialize<'de> for StyleName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        let styles = crate::rules::styles();
        if styles.contains(&name.as_str()) {
            Ok(StyleName(name))
        } else {
            Err(serde::de::Error::custom(format!(
                "unknown style `{name}`; available styles: {}",
                styles.join(", ")
            )))
        }
    }
}

/// A glob that parses.
struct Pattern(String);

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let glob = String::deserialize(deserializer)?;
        Glob::new(&glob).map_err(|e| serde::de::Error::custom(format!("bad glob {glob:?}: {}", e.kind())))?;
        Ok(Pattern(glob))
    }
}

/// A date written `YYYY-MM-DD`.
struct Date(jiff::civil::Date);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_date(&text).map(Date).map_err(serde::de::Error::custom)
    }
}

/// Parses a date written `YYYY-MM-DD` (`2015-12-16`).
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(format!("bad date {text:?}: write it YYYY-MM-DD (2015-12-16)"));
    }
    text.parse::<jiff::civil::Date>()
        .map_err(|_| format!("bad date {text:?}: no such day"))
}

/// Where the value a check of ours refused is written, at or after the
/// place serde_yaml reports (which, for a value checked after it was read,
/// is the start of the enclosing mapping or an earlier item). The value is
/// the one our message quotes: `unknown rule or family `x``, `bad date
/// "x"`, `bad glob "x"`.
fn locate_value(text: &str, (line, column): (usize, usize), message: &str) -> Option<(usize, usize)> {
    let value = [
        "unknown rule or family `",
        "unknown style `",
        "bad date \"",
        "bad glob \"",
    ]
    .iter()
    .find_map(|prefix| {
        let rest = &message[message.find(prefix)? + prefix.len()..];
        let end = rest.find(['`', '"'])?;
        Some(&rest[..end])
    })?;
    if value.is_empty() {
        return None;
    }
    let from: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let from = from
        + text[from..]
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum::<usize>();
    let at = from + text.get(from..)?.find(value)?;
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    Some((line, text[line_start..at].chars().count() + 1))
}

impl Config {
    /// Finds the configuration file in `start` or its nearest parent that
    /// has one, and reads it. `Ok(None)` when there is none.
    pub fn discover(start: &Path) -> Result<Option<Config>, ConfigError> {
        let start = crate::baseline::absolute(start);
        // A relative name only reads the right file from the current
        // directory; from elsewhere (a language server's workspace root)
        // the file is named in full.
        let from_cwd = std::env::current_dir().is_ok_and(|cwd| crate::baseline::absolute(&cwd) == start);
        for (up, dir) in start.ancestors().enumerate() {
            for name in FILE_NAMES {
                if dir.join(name).is_file() {
                    if !from_cwd {
                        return Config::load(&dir.join(name)).map(Some);
                    }
                    // Named relative to `start` when found there or above,
                    // so messages show `../.claimlint.yaml`.
                    let mut shown = PathBuf::new();
                    for _ in 0..up {
                        shown.push("..");
                    }
                    return Config::load(&shown.join(name)).map(Some);
                }
            }
        }
        Ok(None)
    }

    /// Reads the configuration file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let display = path.display().to_string();
        let text = crate::source::read_settings(path, |cause| ConfigError::Unreadable {
            path: display.clone(),
            cause,
        })?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Config::parse(&display, &text, &dir)
    }

    /// Reads configuration text; `path` is named in errors, `dir` resolves
    /// relative paths.
    pub fn parse(path: &str, text: &str, dir: &Path) -> Result<Config, ConfigError> {
        let raw: Raw = if text.trim().is_empty() {
            serde_yaml::from_str("{}")
        } else {
            serde_yaml::from_str(text)
        }
        .map_err(|e| {
            FileMistake::yaml(path, &e, |at, message| {
                locate_value(text, at, message).unwrap_or(at)
            })
        })?;
        Ok(Config {
            path: PathBuf::from(path),
            dir: dir.to_path_buf(),
            rules: raw.rules.iter().map(|r| dir.join(r)).collect(),
            default_rules: raw.default_rules,
            style: raw.style.map(|s| s.0),
            disable: raw.disable.into_iter().map(|s| s.0).collect(),
            severity: raw.severity.into_iter().map(|(s, level)| (s.0, level)).collect(),
            include: raw.include.into_iter().map(|p| p.0).collect(),
            exclude: raw.exclude.into_iter().map(|p| p.0).collect(),
            date: raw.date.map(|d| d.0),
            accept: raw.accept,
            fail_on: raw.fail_on,
        })
    }
}

/// Which files found in a directory are checked: include and exclude
/// globs, read relative to a base directory. `*` matches within one path
/// component, `**` across components.
#[derive(Clone, Debug)]
pub struct FileFilter {
    base: PathBuf,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Default for FileFilter {
    fn default() -> Self {
        FileFilter {
            base: PathBuf::new(),
            include: None,
            exclude: GlobSet::empty(),
        }
    }
}

impl FileFilter {
    /// A filter from globs relative to `base`. Globs were checked when the
    /// configuration was read; one that does not parse matches nothing.
    pub fn new(base: &Path, include: &[String], exclude: &[String]) -> FileFilter {
        let set = |globs: &[String]| {
            let mut builder = GlobSetBuilder::new();
            for glob in globs {
                if let Ok(glob) = GlobBuilder::new(glob).literal_separator(true).build() {
                    builder.add(glob);
                }
            }
            builder.build().unwrap_or_else(|_| GlobSet::empty())
        };
        FileFilter {
            base: crate::baseline::absolute(base),
            include: (!include.is_empty()).then(|| set(include)),
            exclude: set(exclude),
        }
    }

    /// Whether a file found while walking a directory is checked.
    pub fn allows(&self, path: &Path) -> bool {
        let absolute = crate::baseline::absolute(path);
        let Ok(relative) = absolute.strip_prefix(&self.base) else {
            // Outside the configuration's directory: its globs say nothing.
            return true;
        };
        if self.exclude.is_match(relative) {
            return false;
        }
        // A file in an excluded directory is excluded too.
        if relative
            .ancestors()
            .skip(1)
            .any(|dir| !dir.as_os_str().is_empty() && self.exclude.is_match(dir))
        {
            return false;
        }
        self.include.as_ref().is_none_or(|set| set.is_match(relative))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse("conf/.claimlint.yaml", text, Path::new("conf"))
    }

    /// What an invalid file's error says, past its location.
    fn invalid(e: &ConfigError) -> &str {
        match e {
            ConfigError::Mistake(
                FileMistake::Invalid { message, .. } | FileMistake::InvalidSomewhere { message, .. },
            ) => message,
            other => panic!("not an invalid file: {other}"),
        }
    }

    #[test]
    fn every_key_is_read_and_paths_resolved() {
        let config = parse(
            "rules: [house-rules/]\nstyle: ap\ndisable: [style]\nseverity: {terms.hyphenation: info}\n\
             include: [\"**/*.md\"]\nexclude: [\"archive/**\"]\ndate: 2015-12-16\naccept: [Sergei Lavrov]\n",
        )
        .unwrap();
        assert_eq!(config.rules, vec![PathBuf::from("conf/house-rules/")]);
        assert_eq!(config.style.as_deref(), Some("ap"));
        assert_eq!(config.disable, vec!["style"]);
        assert_eq!(
            config.severity,
            vec![("terms.hyphenation".to_string(), Severity::Info)]
        );
        assert_eq!(config.date, Some(jiff::civil::date(2015, 12, 16)));
        assert_eq!(config.accept, vec!["Sergei Lavrov"]);
        assert!(config.default_rules);
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        let config = parse("# nothing yet\n").unwrap();
        assert!(config.rules.is_empty() && config.default_rules && config.date.is_none());
    }

    #[test]
    fn unknown_keys_and_bad_values_are_located() {
        let e = parse("rules: []\nexlude: [a]\n").unwrap_err();
        assert_eq!(e.location(), Some((2, 1)));
        assert!(
            invalid(&e).starts_with("unknown field `exlude`, expected one of"),
            "{e}"
        );
        let e = parse("disable:\n  - naming\n  - naming.entty\n").unwrap_err();
        assert_eq!(e.location(), Some((3, 5)), "{e}");
        assert!(
            invalid(&e).contains("unknown rule or family `naming.entty`; rules: naming.entity"),
            "{e}"
        );
        let e = parse("rules: []\nstyle: guardian\n").unwrap_err();
        assert_eq!(e.location(), Some((2, 8)), "{e}");
        assert!(
            invalid(&e).starts_with("unknown style `guardian`; available styles: ap"),
            "{e}"
        );
        let e = parse("rules: []\ndate: 2015-02-30\n").unwrap_err();
        assert_eq!(e.location(), Some((2, 7)), "{e}");
        assert!(invalid(&e).contains("no such day"), "{e}");
        let e = parse("date: 16/12/2015\n").unwrap_err();
        assert!(invalid(&e).contains("YYYY-MM-DD"), "{e}");
        let e = parse("severity: {naming: fatal}\n").unwrap_err();
        assert!(invalid(&e).contains("unknown variant `fatal`"), "{e}");
        let e = parse("exclude: [\"a[\"]\n").unwrap_err();
        assert!(invalid(&e).contains("bad glob"), "{e}");
    }

    #[test]
    fn globs_are_read_from_the_base_directory() {
        let filter = FileFilter::new(
            Path::new("/news"),
            &["**/*.md".to_string()],
            &["archive/**".to_string(), "drafts/old".to_string()],
        );
        assert!(filter.allows(Path::new("/news/a.md")));
        assert!(filter.allows(Path::new("/news/x/y/a.md")));
        assert!(!filter.allows(Path::new("/news/a.txt")));
        assert!(!filter.allows(Path::new("/news/archive/2015/a.md")));
        assert!(!filter.allows(Path::new("/news/drafts/old/a.md")));
        assert!(filter.allows(Path::new("/elsewhere/a.txt")));
    }

    #[test]
    fn discovery_from_another_directory_reads_that_directory_s_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let nested = dir.path().join("desk/drafts");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(dir.path().join(".claimlint.yaml"), "disable: [style]\n").unwrap();
        let config = Config::discover(&nested).unwrap().unwrap();
        assert_eq!(config.disable, ["style"]);
        assert_eq!(config.path, dir.path().join(".claimlint.yaml"));
    }

    #[test]
    fn a_file_that_is_not_utf8_is_located_and_a_missing_one_is_unreadable() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join(".claimlint.yaml");
        std::fs::write(&path, b"style: ap\ndate: \xff\n").unwrap();
        let e = Config::load(&path).unwrap_err();
        assert_eq!(e.location(), Some((2, 7)));
        assert!(
            matches!(
                e,
                ConfigError::Mistake(FileMistake::Encoding {
                    encoding: crate::source::Encoding::NotUtf8(0xFF),
                    ..
                })
            ),
            "{e:?}"
        );
        let e = Config::load(&dir.path().join("none.yaml")).unwrap_err();
        assert!(matches!(e, ConfigError::Unreadable { .. }), "{e:?}");
        assert_eq!(e.location(), None);
    }
}
