//! Rule documentation: what `claimlint explain RULE` prints and what the
//! SARIF report says about each rule.
//!
//! A rule's documentation is the doc comment of its check module (What it
//! finds / Why / Example / Use instead), collected at build time by
//! `build.rs`, so the documentation a user reads is the one beside the
//! code. Its help page is the rule family's section of `docs/rules.md`.

use crate::check::RULES;

include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

/// The rule-file reference, embedded to find each rule's section in it.
const RULES_MD: &str = include_str!("../docs/rules.md");

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

/// Where the repository is published, for help links; `repository` in
/// `Cargo.toml` wins when it is set.
const DEFAULT_REPOSITORY: &str = "https://github.com/claimlint/claimlint";

/// Every rule code: those of [`RULES`] in their order, then any other
/// documented rule, sorted.
pub fn codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = RULES.iter().map(|(code, _)| *code).collect();
    for (code, _) in RULE_DOCS {
        if !codes.contains(code) {
            codes.push(code);
        }
    }
    codes
}

/// The rule families (`naming`, `terms`...), in the order of [`codes`].
pub fn families() -> Vec<&'static str> {
    let mut families: Vec<&'static str> = Vec::new();
    for code in codes() {
        let family = code.split('.').next().unwrap_or(code);
        if !families.contains(&family) {
            families.push(family);
        }
    }
    families
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
    RULES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, summary)| *summary)
        .or_else(|| {
            doc(code)
                .and_then(|d| d.split("\n\n").next())
                .and_then(|first| first.split_once(": "))
                .map(|(_, rest)| rest)
        })
}

/// The documentation of a rule, Markdown, as its check module writes it.
pub fn doc(code: &str) -> Option<&'static str> {
    RULE_DOCS.iter().find(|(c, _)| *c == code).map(|(_, doc)| *doc)
}

/// The rule's section of `docs/rules.md` on the published repository: the
/// section of the rule-file key that configures it, or the page itself.
pub fn help_uri(code: &str) -> String {
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    let repository = if repository.is_empty() {
        DEFAULT_REPOSITORY
    } else {
        repository
    };
    match rule_file_key(code) {
        Some(key) => format!("{repository}/blob/main/docs/rules.md#{key}"),
        None => format!("{repository}/blob/main/docs/rules.md"),
    }
}

/// The key of `docs/rules.md`'s family table whose row names `code`
/// (`entities` for `naming.entity`); its section's anchor is the key.
fn rule_file_key(code: &str) -> Option<&'static str> {
    let quoted = format!("`{code}`");
    RULES_MD.lines().find_map(|line| {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | `key` | family | `code` |
        if cells.len() >= 4 && cells[3] == quoted {
            cells[1].strip_prefix('`')?.strip_suffix('`')
        } else {
            None
        }
    })
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
    fn help_links_point_at_the_rule_files_section() {
        assert!(help_uri("naming.entity").ends_with("/docs/rules.md#entities"));
        assert!(help_uri("style.substitution").ends_with("/docs/rules.md#style"));
        assert!(help_uri("no.such").ends_with("/docs/rules.md"));
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
