//! `controls.unknown`: an inline control that names a rule that does not
//! exist (`<!-- claimlint-disable naming.varient -->`).
//!
//! Why: a control with a misspelt rule turns nothing off, so the findings
//! it was meant to silence still appear, or a control meant for a rule
//! that was renamed silently stops working.
//!
//! Example: `<!-- claimlint-disable-next-line style.substitutions -->`.
//! Use instead: `<!-- claimlint-disable-next-line style.substitution -->`
//! (`claimlint explain` lists every code).
//!
//! Warning level; the finding points at the name in the comment, and names
//! the code one or two letters away when there is one. No fix: which rule
//! was meant is the writer's to say.

use crate::controls::Controls;
use crate::finding::Finding;
use crate::registry::{self, RULES};

/// The rule code.
pub const CODE: &str = crate::registry::UNKNOWN_CONTROL.code;

/// One finding for each rule name in the draft's controls that names no
/// rule or family.
pub fn check(controls: &Controls) -> Vec<Finding> {
    controls
        .unknown()
        .iter()
        .map(|(span, name)| Finding {
            rule: CODE,
            origin: None,
            severity: crate::registry::UNKNOWN_CONTROL.severity,
            message: match nearest(name) {
                Some(code) => format!(
                    "this control names `{name}`, which is no rule or family, so it turns nothing off; \
                     did you mean `{code}`?"
                ),
                None => format!(
                    "this control names `{name}`, which is no rule or family, so it turns nothing off; \
                     `claimlint explain` lists every code"
                ),
            },
            span: *span,
            related: Vec::new(),
            fix: None,
        })
        .collect()
}

/// The rule code or family at most two edits from `name`, if exactly one
/// is nearest.
fn nearest(name: &str) -> Option<&'static str> {
    let candidates = RULES.iter().map(|rule| rule.code).chain(registry::families());
    let mut best: Option<(usize, &'static str)> = None;
    let mut tied = false;
    for code in candidates {
        let d = distance(&name.to_lowercase(), code);
        match best {
            Some((b, c)) if d == b && c != code => tied = true,
            Some((b, _)) if d >= b => {}
            _ if d <= 2 => {
                best = Some((d, code));
                tied = false;
            }
            _ => {}
        }
    }
    best.filter(|_| !tied).map(|(_, code)| code)
}

/// Levenshtein distance by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_miss_names_the_code_meant() {
        assert_eq!(nearest("naming.varient"), Some("naming.variant"));
        assert_eq!(nearest("style.substitutions"), Some("style.substitution"));
        assert_eq!(nearest("namng"), Some("naming"));
        assert_eq!(nearest("house.rules"), None);
    }
}
