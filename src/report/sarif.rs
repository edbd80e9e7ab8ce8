//! The SARIF format: a SARIF 2.1.0 log for code-scanning services (GitHub
//! code scanning, Azure DevOps, IDE viewers).
//!
//! One run, whose tool lists every rule claimlint knows with its short and
//! full description (the rule's documentation) and a link to its section of
//! `docs/rules.md`. Each finding is a result with:
//!
//! - `ruleId`, `ruleIndex`, `level` (`error`, `warning`, or `note` for
//!   info) and the message;
//! - one location: the finding's span as a region with `startLine`,
//!   `startColumn`, `endLine`, `endColumn` (columns count Unicode code
//!   points, `columnKind` says so; `endColumn` is the column after the last
//!   character) and `byteOffset`/`byteLength` (the span's bytes, counted
//!   from the start of the file, a byte-order mark included);
//! - `relatedLocations` for the other places involved;
//! - its fix as a `fixes` entry of `replacements`, with the fix's
//!   applicability in the fix's `properties`;
//! - `partialFingerprints` `claimlint/v1`: a hash of the rule, the span's
//!   text and the words around it (see [`crate::baseline::Fingerprint`]),
//!   then `:N` for the N-th such finding in the file, so a result keeps its
//!   identity when lines are added above it.
//!
//! Files that could not be read are `toolExecutionNotifications` of the
//! run's invocation, which is then not successful. Artifact URIs are the
//! paths as given, relative (`drafts/a.md`) or `file://` for an absolute
//! path, percent-encoded. Wire types are private to this module.

use std::collections::{BTreeMap, HashMap};
use std::io;

use serde::Serialize;

use super::Run;
use crate::baseline::Fingerprint;
use crate::finding::{Finding, Severity, Span};
use crate::source::Source;

/// The schema the log names.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Writes `run` as one SARIF log (pretty-printed JSON, then a newline).
pub fn write(run: &Run, out: &mut dyn io::Write) -> io::Result<()> {
    let codes = crate::docs::codes();
    let rules = codes.iter().map(|code| Rule::new(code)).collect();
    let mut results = Vec::new();
    for checked in &run.files {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for finding in &checked.findings {
            let hash = Fingerprint::of(&checked.source, finding).hash();
            let n = seen.entry(hash.clone()).or_default();
            *n += 1;
            let fingerprint = format!("{hash}:{n}");
            let index = codes.iter().position(|c| *c == finding.rule);
            results.push(SarifResult::new(&checked.source, finding, index, fingerprint));
        }
    }
    let notifications: Vec<Notification> = run
        .errors
        .iter()
        .map(|e| Notification {
            level: "error",
            message: Message::text(e.message()),
            locations: vec![Location {
                id: None,
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: uri(e.path()) },
                    region: None,
                },
                message: None,
            }],
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![SarifRun {
            tool: Tool {
                driver: Driver {
                    name: "claimlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: crate::docs::help_uri(""),
                    rules,
                },
            },
            invocations: vec![Invocation {
                execution_successful: run.errors.is_empty(),
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    super::write_json_line(out, &log, true)
}

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun {
    tool: Tool,
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<String>,
    rules: Vec<Rule>,
}

/// A rule's metadata (a SARIF `reportingDescriptor`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Message,
    full_description: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

impl Rule {
    fn new(code: &'static str) -> Rule {
        let summary = crate::docs::summary(code).unwrap_or(code).to_string();
        let doc = crate::docs::doc(code).map_or_else(|| format!("`{code}`: {summary}"), str::to_string);
        let help_uri = crate::docs::help_uri(code);
        let reference = crate::docs::reference(code);
        let (text, markdown) = match &help_uri {
            Some(uri) => (uri.clone(), format!("[{reference}]({uri})")),
            None => (reference.clone(), format!("`{reference}`")),
        };
        Rule {
            id: code,
            short_description: Message::text(summary),
            full_description: Message::text(doc.clone()),
            help: Help {
                text: format!("{doc}\n\nRule files: {text}"),
                markdown: format!("{doc}\n\nRule files: {markdown}"),
            },
            help_uri,
            default_configuration: Configuration { level: "warning" },
            properties: RuleProperties {
                tags: vec![code.split('.').next().unwrap_or(code)],
            },
        }
    }
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

impl Message {
    fn text(text: String) -> Message {
        Message { text }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

impl SarifResult {
    fn new(source: &Source, finding: &Finding, rule_index: Option<usize>, fingerprint: String) -> Self {
        let artifact = uri(&source.path);
        let location = |id: Option<usize>, span: Span, message: Option<Message>| Location {
            id,
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: artifact.clone(),
                },
                region: Some(Region::new(source, span)),
            },
            message,
        };
        let related = finding
            .related
            .iter()
            .enumerate()
            .map(|(i, &span)| {
                let text = format!("\"{}\"", span.slice(&source.text));
                location(Some(i + 1), span, Some(Message::text(text)))
            })
            .collect();
        let fixes = finding
            .fix
            .iter()
            .map(|fix| SarifFix {
                description: Message::text(format!("{} fix", fix.applicability.as_str())),
                artifact_changes: vec![ArtifactChange {
                    artifact_location: ArtifactLocation {
                        uri: artifact.clone(),
                    },
                    replacements: fix
                        .edits
                        .iter()
                        .map(|edit| Replacement {
                            deleted_region: Region::new(source, edit.span),
                            inserted_content: Content {
                                text: edit.replacement.clone(),
                            },
                        })
                        .collect(),
                }],
                properties: FixProperties {
                    applicability: fix.applicability.as_str(),
                },
            })
            .collect();
        SarifResult {
            rule_id: finding.rule,
            rule_index,
            level: level(finding.severity),
            message: Message::text(finding.message.clone()),
            locations: vec![location(None, finding.span, None)],
            related_locations: related,
            fixes,
            partial_fingerprints: BTreeMap::from([("claimlint/v1", fingerprint)]),
        }
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

impl Region {
    fn new(source: &Source, span: Span) -> Region {
        let (start_line, start_column) = source.line_col(span.start);
        let (end_line, end_column) = source.line_col(span.end.max(span.start));
        Region {
            start_line,
            start_column,
            end_line,
            end_column,
            byte_offset: span.start,
            byte_length: span.end.saturating_sub(span.start),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Message,
    artifact_changes: Vec<ArtifactChange>,
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    applicability: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Content,
}

#[derive(Serialize)]
struct Content {
    text: String,
}

/// A path as a URI reference: relative paths stay relative, absolute ones
/// become `file://` URIs; `\` becomes `/`, and anything but unreserved
/// characters and `/` is percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::pretty::tests::{broken_run, sample_run, write_to_string};

    fn render(run: &Run) -> String {
        write_to_string(|out| write(run, out))
    }

    #[test]
    fn sample_run_as_sarif() {
        let mut log: serde_json::Value = serde_json::from_str(&render(&sample_run())).unwrap();
        // The rule metadata is every rule's documentation: checked here,
        // not snapshotted, so that editing a rule's docs breaks no test.
        let driver = &mut log["runs"][0]["tool"]["driver"];
        let rules = driver["rules"].take();
        let rules = rules.as_array().unwrap();
        assert_eq!(rules.len(), crate::docs::codes().len());
        for rule in rules {
            let id = rule["id"].as_str().unwrap();
            assert!(rule["shortDescription"]["text"].is_string(), "{id}");
            assert!(
                rule["fullDescription"]["text"].as_str().unwrap().contains(id),
                "{id}"
            );
            // The rule's section of docs/rules.md: a repository path in
            // the help text, and an address only where Cargo.toml says
            // where the repository is published.
            let link = crate::docs::help_uri(id).unwrap_or_else(|| crate::docs::reference(id));
            assert!(
                rule["help"]["text"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("\n\nRule files: {link}")),
                "{id}"
            );
            assert_eq!(
                rule["helpUri"].as_str().map(str::to_string),
                crate::docs::help_uri(id),
                "{id}"
            );
        }
        driver["version"] = "VERSION".into();
        driver["semanticVersion"] = "VERSION".into();
        insta::assert_json_snapshot!(log);
    }

    #[test]
    fn broken_spans_do_not_panic() {
        let value: serde_json::Value = serde_json::from_str(&render(&broken_run())).unwrap();
        assert_eq!(value["version"], "2.1.0");
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("drafts/a b.md"), "drafts/a%20b.md");
        assert_eq!(uri("/srv/news/ü.md"), "file:///srv/news/%C3%BC.md");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("a\\b.md"), "a/b.md");
    }
}
