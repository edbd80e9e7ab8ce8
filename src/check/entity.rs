//! `naming.entity`: one entity called by two of its names in one draft
//! ("Russian Federation" and "Russia").
//!
//! Why: a reader meets two names and may take them for two things; a desk
//! that has chosen one name expects it throughout.
//!
//! Example: "Russian Federation has been carrying out air strikes ... as
//! well as Monday's comments by Russia". Use instead: "Russia" throughout.
//!
//! The adjective ("Russian") and names of other things that contain the
//! name ("Russian Foreign Ministry") are never variants. The fix renames
//! every other name to the winner, and is safe: both name one thing.

use crate::check::listed;
use crate::check::{quote_list, Document, Use};
use crate::finding::{Edit, Finding, Span};
use crate::mention::Target;
use crate::rules::{EntityRule, Pack};

/// The rule code.
pub const CODE: &str = crate::registry::ENTITY.code;

/// The entities: the fullest name wins a tie, and the fix adds or drops
/// "the" with the name.
struct Entities;

impl listed::Family for Entities {
    type Rule = EntityRule;
    const CODE: &'static str = CODE;
    const FULLEST: bool = true;
    const REWRITE: Option<listed::RewriteFn<EntityRule>> =
        Some(|doc, rule, u, winner| with_article(doc, u, winner, rule.takes_article(winner)));

    fn pick(target: Target) -> Option<(usize, usize)> {
        match target {
            Target::Entity { rule, form } => Some((rule, form)),
            _ => None,
        }
    }

    fn rules(pack: &Pack) -> &[EntityRule] {
        &pack.entities
    }

    fn message(rule: &EntityRule, names: &[&str]) -> String {
        let one = if names.len() == 2 {
            "name one"
        } else {
            "all name one"
        };
        format!("{} {one} {}", quote_list(names), rule.kind)
    }
}

/// Reports each entity the draft calls by more than one name.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    listed::check::<Entities>(doc, pack, findings);
}

/// The edit that puts `winner` in place of a use, adding or dropping "the"
/// where one name takes it and the other does not: "the Russian
/// Federation" becomes "Russia", "Holland" becomes "the Netherlands".
fn with_article(doc: &Document<'_>, u: &Use, winner: &str, winner_article: bool) -> Edit {
    let text = &doc.source.text;
    let before = &text[..u.span.start];
    let article = ["the ", "The "]
        .iter()
        .find(|a| before.ends_with(*a))
        .map(|a| Span::new(u.span.start - a.len(), u.span.start));
    match (article, winner_article) {
        (Some(article), false) => Edit {
            span: Span::new(article.start, u.span.end),
            replacement: winner.to_string(),
        },
        (None, true) => {
            let sentences = &doc.sentences;
            let at = sentences.partition_point(|s| s.span().start < u.span.start);
            let opens_sentence = sentences.get(at).is_some_and(|s| s.span().start == u.span.start);
            let the = if opens_sentence { "The" } else { "the" };
            Edit {
                span: u.span,
                replacement: format!("{the} {winner}"),
            }
        }
        _ => Edit {
            span: u.span,
            replacement: winner.to_string(),
        },
    }
}
