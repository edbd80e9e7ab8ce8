//! `naming.variant`: one name spelt two ways that no rule lists ("Sergei
//! Lavrov" and "Sergey Lavrov").
//!
//! Why: a name transliterated two ways reads as two people, and is the
//! slip lists can never catch: nobody lists every spelling of every name.
//!
//! Example: "his Russian counterpart Sergei Lavrov ... Russian Foreign
//! Minister Sergey Lavrov". Use instead: one spelling throughout.
//!
//! Names of two or more words are folded: case and accents are dropped and
//! the usual romanization habits are made one (ei/ey, i/y, kh/h, q/k, dh/d,
//! ou/u, doubled letters). Two different spellings that fold to one name
//! are a finding. The fix is unsafe: it rests on the guess that the two
//! spellings name one person.

use std::collections::HashMap;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::check::{quote_list, Document, Inconsistency, Use};
use crate::finding::{Applicability, Finding};
use crate::rules::Pack;

/// The rule code.
pub const CODE: &str = "naming.variant";

/// Reports each name the draft spells two ways.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let mut groups: HashMap<String, Vec<Use>> = HashMap::new();
    // The first spelling of each name ignoring case: a name in capitals
    // ("SERGEI LAVROV" in a headline) is the same spelling, not a variant.
    let mut spelling: HashMap<String, String> = HashMap::new();
    for name in &doc.mentions.names {
        if name.tokens.len() < 2 {
            continue;
        }
        let written = doc.text(name.span);
        let form = written.split_whitespace().collect::<Vec<_>>().join(" ");
        let form = spelling.entry(form.to_lowercase()).or_insert(form).clone();
        groups.entry(fold(&form)).or_default().push(Use {
            form,
            span: name.span,
            edit: name.span,
            text: written.to_string(),
        });
    }
    let severity = pack.variants.severity.unwrap_or_default();
    for uses in groups.values() {
        let inconsistency = Inconsistency {
            rule: CODE,
            origin: None,
            severity,
            uses,
            prefer: None,
            applicability: Applicability::Unsafe,
            match_case: false,
            rewrite: None,
        };
        findings.extend(
            inconsistency
                .finding(|names, _| format!("{} look like one name spelt two ways", quote_list(names))),
        );
    }
}

/// A name reduced to what its spellings share: lower case, no accents, the
/// usual romanization alternations made one.
pub fn fold(name: &str) -> String {
    let plain: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    let mut out = String::with_capacity(plain.len());
    let chars: Vec<char> = plain.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (folded, width) = match (c, next) {
            ('k', Some('h')) => ('h', 2),
            ('d', Some('h')) => ('d', 2),
            ('o', Some('u')) => ('u', 2),
            ('q', _) => ('k', 1),
            ('y', _) => ('i', 1),
            ('j', _) if i > 0 && chars[i - 1].is_alphabetic() => ('i', 1),
            _ => (c, 1),
        };
        // Doubled letters count once ("Zelenskyy", "Mohammed"/"Mohamed").
        if !out.ends_with(folded) || !folded.is_alphabetic() {
            out.push(folded);
        }
        i += width;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn romanization_habits_fold_together() {
        assert_eq!(fold("Sergei Lavrov"), fold("Sergey Lavrov"));
        assert_eq!(fold("Sergej Lavrov"), fold("Sergey Lavrov"));
        assert_eq!(fold("Volodymyr Zelensky"), fold("Volodymyr Zelenskyy"));
        assert_eq!(fold("Dmitry Medvedev"), fold("Dmitri Medvedev"));
        assert_eq!(fold("José Ortega"), fold("Jose Ortega"));
    }

    #[test]
    fn different_names_stay_apart() {
        assert_ne!(fold("Maria Petrova"), fold("Marina Petrova"));
        assert_ne!(fold("Ivan Petrov"), fold("Ivan Petrova"));
        assert_ne!(fold("John Kerry"), fold("Jon Kerry"));
    }
}
