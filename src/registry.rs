//! Every rule claimlint reports, declared once: its code, what it finds in
//! a line, its severity when no rule file sets one, and the section of
//! `docs/rules.md` that configures it.
//!
//! Everything else that names rules reads this table: `claimlint rules
//! list` and `explain`, `init`, the validation of `.claimlint.yaml` and of
//! inline controls, the SARIF rule table, the language server and the
//! checks themselves (each takes its code from here). The suite fails when
//! a code is written anywhere else in the source (`tests/registry.rs`), or
//! when a code here lacks its documentation (the check module's `//!`
//! lines, its section of `docs/explain.md`) or its fixture folder
//! (`tests/fixtures/CODE/`).
//!
//! The table sits at the bottom of the layers (it reads only
//! [`Severity`]), so every stage may read it.

use crate::finding::Severity;

/// One rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The code a finding carries (`naming.entity`): family, dot, name.
    pub code: &'static str,
    /// What it finds, in a line (`one entity called by two of its names`).
    pub summary: &'static str,
    /// Its severity when the rule file gives none.
    pub severity: Severity,
    /// The section of `docs/rules.md` (its heading's anchor) that documents
    /// the rule-file key configuring it, when one does.
    pub section: Option<&'static str>,
}

impl Rule {
    /// The family: the code before its dot (`naming`).
    pub fn family(&self) -> &'static str {
        self.code.split('.').next().unwrap_or(self.code)
    }
}

/// Declares each rule as a constant (documented by its code and summary)
/// and [`RULES`], their list, in the order given.
macro_rules! rules {
    ($($name:ident: $code:literal, $summary:literal, $severity:ident, $section:expr;)*) => {
        $(
            #[doc = concat!("`", $code, "`: ", $summary, ".")]
            pub const $name: Rule = Rule {
                code: $code,
                summary: $summary,
                severity: Severity::$severity,
                section: $section,
            };
        )*

        /// Every rule, in the order reports and lists give them.
        pub const RULES: &[Rule] = &[$($name),*];
    };
}

rules! {
    ENTITY: "naming.entity", "one entity called by two of its names", Warning, Some("entities");
    ABBREVIATION: "naming.abbreviation", "one abbreviation written two ways", Warning, Some("abbreviations");
    TITLE: "naming.title", "one title worded two ways", Warning, Some("titles");
    VARIANT: "naming.variant", "one name spelt two ways that no rule lists", Warning, Some("variants");
    FIRST_REFERENCE: "naming.first_reference", "a person first named by surname alone", Info, Some("first_reference");
    ARCHIVE: "naming.archive", "a name spelt as the desk's archive seldom spells it, or a title or age it contradicts", Warning, Some("archive");
    ACRONYM_CONFLICT: "acronym.conflict", "one acronym defined two ways", Warning, Some("acronyms");
    ACRONYM_EARLY: "acronym.early", "an acronym used before its definition", Warning, Some("acronyms");
    ACRONYM_UNUSED: "acronym.unused", "an acronym defined and never used", Info, Some("acronyms");
    ACRONYM_MIXED: "acronym.mixed", "a spelled-out form after the acronym's definition", Warning, Some("acronyms");
    HYPHENATION: "terms.hyphenation", "one word hyphenated or spaced two ways", Warning, Some("terms");
    SUBSTITUTION: "style.substitution", "a form the house style replaces", Warning, Some("style");
    AGE: "claims.age", "one person given two ages", Warning, Some("claims");
    BIRTH: "claims.birth", "two birth years, or an age that does not fit the birth year", Warning, Some("claims");
    CLAIMED_TITLE: "claims.title", "one person given two titles", Warning, Some("claims");
    EVENT: "claims.event", "one event given two dates or two places", Warning, Some("claims");
    COUNT: "claims.count", "one count stated as two numbers", Warning, Some("claims");
    WEEKDAY: "claims.weekday", "a weekday that does not match its date", Warning, Some("claims");
    RELATIVE_DATE: "claims.relative_date", "a relative date beside a date it cannot be, by the story's date", Warning, Some("claims");
    HEADLINE: "claims.headline", "a headline that gives a number the body does not", Warning, Some("claims");
    LEGAL_STATUS: "claims.legal_status", "one person given two legal statuses that cannot both hold", Error, Some("claims");
    QUOTATION: "claims.quotation", "one quotation given to two speakers, or in two wordings", Warning, Some("claims");
    STATEMENT: "claims.statement", "one statement made twice, once denied or with another value", Warning, Some("claims");
    UNKNOWN_CONTROL: "controls.unknown", "an inline control that names a rule that does not exist", Warning, None;
}

/// The rule of a code.
pub fn get(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// The families (`naming`, `acronym`...), in the order of [`RULES`].
pub fn families() -> Vec<&'static str> {
    let mut families: Vec<&'static str> = Vec::new();
    for rule in RULES {
        if !families.contains(&rule.family()) {
            families.push(rule.family());
        }
    }
    families
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_read_family_dot_name() {
        for (i, rule) in RULES.iter().enumerate() {
            assert!(
                RULES[..i].iter().all(|r| r.code != rule.code),
                "{} twice",
                rule.code
            );
            let (family, name) = rule.code.split_once('.').expect("a dot");
            assert!(!family.is_empty() && !name.is_empty() && !name.contains('.'));
            assert!(rule
                .code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_'));
        }
        assert_eq!(get("naming.entity"), Some(&ENTITY));
        assert_eq!(get("naming"), None);
        assert_eq!(families()[..2], ["naming", "acronym"]);
    }
}
