//! Baselines: the findings a desk has already seen, recorded once
//! (`--write-baseline FILE`) so that later runs (`--baseline FILE`) report
//! only the findings that are new.
//!
//! A finding is recognised by its file, its rule, the text of its span and
//! the words around that span ([`Fingerprint`]), never by its offset, so a
//! paragraph added above it, or an edit elsewhere in the draft, leaves it
//! recognised. The file format is documented in `docs/config.md`.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::file::IoCause;
use crate::finding::Finding;
use crate::source::Source;

/// The version written in every baseline file.
pub const VERSION: u32 = 1;

/// Words of context taken on each side of a finding's span.
const CONTEXT_WORDS: usize = 3;

/// What recognises a finding across edits: its rule, the text of its span,
/// and up to three words on each side of it on its line, lower-cased, with
/// punctuation dropped.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint {
    /// The rule code.
    pub rule: String,
    /// The text of the finding's span, spaces collapsed.
    pub text: String,
    /// The words around the span: `before … | … after`.
    pub context: String,
}

impl Fingerprint {
    /// The fingerprint of a finding in the draft it was found in.
    pub fn of(source: &Source, finding: &Finding) -> Fingerprint {
        let text = finding.span.slice(&source.text);
        let (line, _) = source.line_col(finding.span.start);
        let line_span = source.line_span(line);
        let start = finding.span.start.clamp(line_span.start, line_span.end);
        let end = finding.span.end.clamp(start, line_span.end);
        let before = source.text.get(line_span.start..start).unwrap_or("");
        let after = source.text.get(end..line_span.end).unwrap_or("");
        let mut before_words = words(before);
        let before_words = before_words.split_off(before_words.len().saturating_sub(CONTEXT_WORDS));
        let after_words: Vec<String> = words(after).into_iter().take(CONTEXT_WORDS).collect();
        Fingerprint {
            rule: finding.rule.to_string(),
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            context: format!("{} | {}", before_words.join(" "), after_words.join(" ")),
        }
    }

    /// A short stable hash of the fingerprint (16 hex digits, FNV-1a), the
    /// same on every platform and in every release of claimlint.
    pub fn hash(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [&self.rule, &self.text, &self.context] {
            for byte in part.bytes().chain(std::iter::once(0)) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{hash:016x}")
    }
}

/// The words of a text: runs of letters and digits, lower-cased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A baseline that could not be read or written, with its path (and,
/// for JSON that does not parse, `line:column`). Reading one stops a run
/// before any draft is checked; writing one fails the run: both exit 2.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BaselineError {
    /// The file could not be read.
    #[error("{path}: cannot read the baseline: {}", cause.full())]
    Unreadable {
        /// The baseline file.
        path: String,
        /// What the system said.
        cause: IoCause,
    },
    /// The file is not a baseline's JSON.
    #[error("{path}: {line}:{column}: {message}")]
    Invalid {
        /// The baseline file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON reader says.
        message: String,
    },
    /// A version of the format this claimlint does not read.
    #[error("{path}: baseline version {version} is not supported (this claimlint reads version {VERSION})")]
    Version {
        /// The baseline file.
        path: String,
        /// The version the file gives.
        version: u32,
    },
    /// The findings could not be written as JSON.
    #[error("{path}: {message}")]
    Unencodable {
        /// The baseline file.
        path: String,
        /// What the JSON writer says.
        message: String,
    },
    /// The file could not be written.
    #[error("{path}: cannot write the baseline: {}", cause.full())]
    Unwritable {
        /// The baseline file.
        path: String,
        /// What the system said.
        cause: IoCause,
    },
}

/// The findings recorded in a baseline file.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    /// The directory of the baseline file: paths in it are relative to it.
    dir: PathBuf,
    /// For each file, how many findings with each fingerprint are known.
    known: HashMap<String, HashMap<Fingerprint, usize>>,
}

/// The file as written: `docs/config.md` documents it.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireBaseline {
    version: u32,
    findings: Vec<WireEntry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireEntry {
    path: String,
    rule: String,
    text: String,
    context: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    message: String,
}

impl Baseline {
    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let shown = || path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| BaselineError::Unreadable {
            path: shown(),
            cause: e.into(),
        })?;
        let wire: WireBaseline = serde_json::from_str(&text).map_err(|e| {
            // serde_json says "... at line L column C".
            let mut message = e.to_string();
            if let Some(at) = message.rfind(" at line ") {
                message.truncate(at);
            }
            BaselineError::Invalid {
                path: shown(),
                line: e.line(),
                column: e.column(),
                message,
            }
        })?;
        if wire.version != VERSION {
            return Err(BaselineError::Version {
                path: shown(),
                version: wire.version,
            });
        }
        let mut known: HashMap<String, HashMap<Fingerprint, usize>> = HashMap::new();
        for entry in wire.findings {
            let fingerprint = Fingerprint {
                rule: entry.rule,
                text: entry.text,
                context: entry.context,
            };
            *known
                .entry(entry.path)
                .or_default()
                .entry(fingerprint)
                .or_default() += 1;
        }
        Ok(Baseline {
            dir: dir_of(path),
            known,
        })
    }

    /// The findings of `source` the baseline does not know, in order. Each
    /// recorded finding excuses one finding: when a draft has one more
    /// finding like a recorded one, the last of them is new.
    pub fn filter(&self, source: &Source, findings: Vec<Finding>) -> Vec<Finding> {
        let Some(known) = self.known.get(&relative_path(&source.path, &self.dir)) else {
            return findings;
        };
        let mut left = known.clone();
        findings
            .into_iter()
            .filter(|finding| match left.get_mut(&Fingerprint::of(source, finding)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect()
    }

    /// Writes the findings of every checked file as a baseline at `path`.
    /// Returns the number of findings recorded.
    pub fn write<'a>(
        path: &Path,
        files: impl IntoIterator<Item = (&'a Source, &'a [Finding])>,
    ) -> Result<usize, BaselineError> {
        let dir = dir_of(path);
        let mut findings = Vec::new();
        for (source, found) in files {
            let file = relative_path(&source.path, &dir);
            for finding in found {
                let fingerprint = Fingerprint::of(source, finding);
                findings.push(WireEntry {
                    path: file.clone(),
                    rule: fingerprint.rule,
                    text: fingerprint.text,
                    context: fingerprint.context,
                    message: finding.message.clone(),
                });
            }
        }
        let count = findings.len();
        let wire = WireBaseline {
            version: VERSION,
            findings,
        };
        let mut json = serde_json::to_string_pretty(&wire).map_err(|e| BaselineError::Unencodable {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        json.push('\n');
        std::fs::write(path, json).map_err(|e| BaselineError::Unwritable {
            path: path.display().to_string(),
            cause: e.into(),
        })?;
        Ok(count)
    }
}

/// The absolute directory a file is in.
fn dir_of(path: &Path) -> PathBuf {
    let absolute = absolute(path);
    absolute.parent().map_or(absolute.clone(), Path::to_path_buf)
}

/// `path` relative to `dir` with `/` between components when it is under
/// `dir`; otherwise as given. Standard input stays `<stdin>`.
pub fn relative_path(path: &str, dir: &Path) -> String {
    if path == "<stdin>" {
        return path.to_string();
    }
    let absolute = absolute(Path::new(path));
    match absolute.strip_prefix(dir) {
        Ok(relative) => relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.to_string(),
    }
}

/// The absolute form of a path, with `.` and `..` resolved by name (no
/// symbolic link is followed, and the file need not exist).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path))
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Pack;
    use crate::source::Format;
    use crate::Checker;

    fn fingerprints(text: &str) -> Vec<Fingerprint> {
        let source = Source::new("a.txt", text, Format::Text);
        let checker = Checker::new(Pack::builtin().unwrap());
        checker
            .check(&source)
            .iter()
            .map(|f| Fingerprint::of(&source, f))
            .collect()
    }

    #[test]
    fn a_fingerprint_is_rule_text_and_nearby_words() {
        let found = fingerprints("Officials in Kiev, on Monday, said so.\n");
        assert_eq!(
            found,
            vec![Fingerprint {
                rule: "style.substitution".into(),
                text: "Kiev".into(),
                context: "officials in | on monday said".into(),
            }]
        );
        assert_eq!(found[0].hash().len(), 16);
    }

    #[test]
    fn an_edit_above_keeps_the_fingerprint() {
        let before = fingerprints("Officials in Kiev said so.\n");
        let after = fingerprints("A new first line.\n\nOfficials in Kiev said so.\n");
        assert_eq!(before, after);
        assert_eq!(before[0].hash(), after[0].hash());
    }

    #[test]
    fn paths_are_relative_to_the_baseline() {
        let dir = absolute(Path::new("drafts"));
        assert_eq!(relative_path("drafts/a/b.md", &dir), "a/b.md");
        assert_eq!(relative_path("drafts/./a/../b.md", &dir), "b.md");
        assert_eq!(relative_path("<stdin>", &dir), "<stdin>");
        assert_eq!(relative_path("/elsewhere/x.md", &dir), "/elsewhere/x.md");
    }

    #[test]
    fn a_baseline_that_cannot_be_used_says_why_by_its_kind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        let shown = path.display().to_string();
        std::fs::write(&path, "{\"version\": 9, \"findings\": []}").unwrap();
        let e = Baseline::load(&path).unwrap_err();
        assert_eq!(
            e,
            BaselineError::Version {
                path: shown.clone(),
                version: 9
            }
        );
        std::fs::write(&path, "{\n  \"version\": 1,\n  \"findings\": [\n").unwrap();
        let e = Baseline::load(&path).unwrap_err();
        assert!(matches!(e, BaselineError::Invalid { line: 4, .. }), "{e:?}");
        assert!(e.to_string().starts_with(&format!("{shown}: 4:")), "{e}");
        let e = Baseline::load(&dir.path().join("none.json")).unwrap_err();
        assert!(
            matches!(&e, BaselineError::Unreadable { cause, .. } if cause.kind() == std::io::ErrorKind::NotFound),
            "{e:?}"
        );
    }
}
