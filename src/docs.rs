//! Rule documentation: what `claimlint explain RULE` prints and what the
//! SARIF report says about each rule.
//!
//! A rule's documentation is the doc comment of its check module (What it
//! finds / Why / Example / Use instead), collected at build time by
//! `build.rs`, so the documentation a user reads is the one beside the
//! code. Its help page is the rule family's section of `docs/rules.md`.

use crate::registry::{self, RULES};

include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

/// What each finding means for a desk editor, one `## CODE` section each.
const EXPLAIN_MD: &str = include_str!("../docs/explain.md");

/// The desk editor's explanation of a rule (What it means / Why it matters
/// / What to do), from `docs/explain.md`.
pub fn desk(code: &str) -> Option<&'static str> {
    let heading = format!("## {code}\n");
    let start = EXPLAIN_MD.find(&heading)? + heading.len();
    let rest = &EXPLAIN_MD[start..];
    let end = rest.find("\n## ").map_or(rest.len(), |e| e + 1);
    Some(rest[..end].trim())
}

/// The rule's section of `docs/rules.md` as a path in the repository
/// (`docs/rules.md#variants`), for people who read the files.
pub fn reference(code: &str) -> String {
    match rule_file_key(code) {
        Some(key) => format!("docs/rules.md#{key}"),
        None => "docs/rules.md".to_string(),
    }
}

/// Every rule code, in the order of [`RULES`].
pub fn codes() -> Vec<&'static str> {
    RULES.iter().map(|rule| rule.code).collect()
}

/// The rule families (`naming`, `terms`...), in the order of [`codes`].
pub fn families() -> Vec<&'static str> {
    registry::families()
}

/// True when `selector` names a rule (`naming.entity`) or a family of
/// them (`naming`) that exists.
pub fn is_known_selector(selector: &str) -> bool {
    codes()
        .iter()
        .any(|code| *code == selector || code.strip_prefix(selector).is_some_and(|r| r.starts_with('.')))
}

/// The one-line summary of a rule (`one entity called by two of its
/// names`).
pub fn summary(code: &str) -> Option<&'static str> {
    registry::get(code).map(|rule| rule.summary)
}

/// The documentation of a rule, Markdown, as its check module writes it.
pub fn doc(code: &str) -> Option<&'static str> {
    RULE_DOCS.iter().find(|(c, _)| *c == code).map(|(_, doc)| *doc)
}

/// The rule's section of `docs/rules.md` on the published repository (the
/// section of the rule-file key that configures it, or the page itself),
/// when `repository` in `Cargo.toml` says where that is. SARIF and the
/// language server want an absolute address; with no repository they get
/// none, and the help text gives [`reference()`], the path in the files.
pub fn help_uri(code: &str) -> Option<String> {
    published_uri(option_env!("CARGO_PKG_REPOSITORY").unwrap_or(""), code)
}

fn published_uri(repository: &str, code: &str) -> Option<String> {
    let repository = repository.trim_end_matches('/');
    if repository.is_empty() {
        return None;
    }
    Some(format!("{repository}/blob/main/{}", reference(code)))
}

/// The section of `docs/rules.md` that documents the rule-file key
/// configuring `code` (`entities` for `naming.entity`).
fn rule_file_key(code: &str) -> Option<&'static str> {
    registry::get(code).and_then(|rule| rule.section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_naming_terms_and_style_rules_are_documented() {
        let codes = [
            "naming.entity",
            "naming.abbreviation",
            "naming.title",
            "naming.variant",
            "terms.hyphenation",
            "style.substitution",
        ];
        for code in codes {
            let doc = doc(code).unwrap_or_else(|| panic!("{code} has no module doc"));
            assert!(doc.starts_with(&format!("`{code}`")), "{doc}");
        }
    }

    #[test]
    fn every_rule_speaks_to_the_desk() {
        for code in codes() {
            let text = desk(code).unwrap_or_else(|| panic!("{code} has no section in docs/explain.md"));
            for part in ["What it means: ", "Why it matters: ", "What to do: "] {
                assert!(text.contains(part), "{code} lacks {part:?}");
            }
            assert!(!text.contains("## "), "{code}: {text}");
        }
        assert_eq!(desk("no.such"), None);
        assert_eq!(reference("naming.variant"), "docs/rules.md#variants");
    }

    #[test]
    fn every_rule_of_the_registry_is_documented_and_every_documented_code_is_in_it() {
        let rules_md = include_str!("../docs/rules.md");
        for rule in RULES {
            let doc = doc(rule.code).unwrap_or_else(|| panic!("{} has no module doc", rule.code));
            assert!(doc.contains(&format!("`{}`", rule.code)), "{doc}");
            if let Some(section) = rule.section {
                assert!(
                    rules_md.contains(&format!("\n## `{section}`\n")),
                    "{}: docs/rules.md has no section `{section}`",
                    rule.code
                );
                // The family table names the rule in its section's row.
                assert!(
                    rules_md
                        .lines()
                        .any(|l| l.starts_with(&format!("| `{section}` |"))
                            && l.contains(&format!("`{}`", rule.code))),
                    "{}: no row of docs/rules.md names it under `{section}`",
                    rule.code
                );
            }
        }
        for (code, _) in RULE_DOCS {
            assert!(
                registry::get(code).is_some(),
                "{code} is documented but not in the registry"
            );
        }
    }

    #[test]
    fn help_links_point_at_the_rule_files_section() {
        assert_eq!(reference("claims.title"), "docs/rules.md#claims");
        assert_eq!(reference("no.such"), "docs/rules.md");
        let published = |code| published_uri("https://example.org/desk/claimlint/", code);
        assert_eq!(
            published("naming.entity").as_deref(),
            Some("https://example.org/desk/claimlint/blob/main/docs/rules.md#entities")
        );
        assert_eq!(
            published("no.such").as_deref(),
            Some("https://example.org/desk/claimlint/blob/main/docs/rules.md")
        );
        // No repository in Cargo.toml: no invented address.
        assert_eq!(published_uri("", "naming.entity"), None);
        assert_eq!(
            help_uri("naming.entity"),
            published_uri(env!("CARGO_PKG_REPOSITORY"), "naming.entity")
        );
    }

    #[test]
    fn selectors_are_rules_or_families() {
        assert!(is_known_selector("naming"));
        assert!(is_known_selector("naming.entity"));
        assert!(!is_known_selector("nam"));
        assert!(!is_known_selector("naming.entit"));
        assert_eq!(
            summary("naming.entity"),
            Some("one entity called by two of its names")
        );
    }
}
