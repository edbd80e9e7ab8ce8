//! `naming.title`: one title worded two ways in one draft ("State
//! Secretary" and "Secretary of State").
//!
//! Why: two wordings suggest two offices; the reader cannot tell whether
//! they are one.
//!
//! Example: "US State Secretary John Kerry ... US Secretary of State John
//! Kerry". Use instead: "Secretary of State" throughout.
//!
//! Wordings are compared without regard to case: "Secretary of State"
//! before a name and "secretary of state" after it are one wording. The fix
//! keeps the casing of the text it replaces and is safe.

use crate::check::listed;
use crate::check::{count_word, quote_list, Document};
use crate::finding::Finding;
use crate::mention::Target;
use crate::rules::{Pack, TitleRule};

/// The rule code.
pub const CODE: &str = crate::registry::TITLE.code;

/// The titles: a replacement keeps the casing of the text it replaces.
struct Titles;

impl listed::Family for Titles {
    type Rule = TitleRule;
    const CODE: &'static str = CODE;
    const MATCH_CASE: bool = true;

    fn pick(target: Target) -> Option<(usize, usize)> {
        match target {
            Target::Title { rule, form } => Some((rule, form)),
            _ => None,
        }
    }

    fn rules(pack: &Pack) -> &[TitleRule] {
        &pack.titles
    }

    fn message(_rule: &TitleRule, names: &[&str]) -> String {
        format!(
            "{} are one title worded {} ways",
            quote_list(names),
            count_word(names.len())
        )
    }
}

/// Reports each title the draft words more than one way.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    listed::check::<Titles>(doc, pack, findings);
}
