//! `naming.abbreviation`: one abbreviation written several ways in one
//! draft ("US", "U.S." and "USA").
//!
//! Why: house style picks one way of writing an abbreviation; a draft that
//! mixes them reads as unedited.
//!
//! Example: "US State Secretary John Kerry ... U.S. Secretary of State".
//! Use instead: "US" throughout (or the house form).
//!
//! Phrases that contain a form but are names of something else ("USA
//! TODAY") are listed as exceptions and never counted. The fix is safe.

use crate::check::listed;
use crate::check::{count_word, quote_list, Document};
use crate::finding::{Finding, Span};
use crate::mention::{Known, Target};
use crate::parse::TokenKind;
use crate::rules::{AbbreviationRule, Pack};

/// The rule code.
pub const CODE: &str = crate::registry::ABBREVIATION.code;

/// True when the form at token `first` (beginning at byte `start`) ends a
/// company or team name
/// ("Yukos USA", "T-Mobile USA"): the word before it is part of a name.
/// A lone capitalised word opening a sentence ("The USA") is no name,
/// unless its shape says it is one ("T-Mobile USA" opening a sentence).
/// A name on an earlier line (a headline ending "in Paris") is no part of
/// the form that opens the next.
fn ends_a_name(doc: &Document<'_>, first: usize, start: usize) -> bool {
    // Names are sorted and disjoint, so at most one ends at `first`.
    let names = &doc.mentions.names;
    let at = names.partition_point(|n| n.tokens().end < first);
    let Some(name) = names.get(at).filter(|n| n.tokens().end == first) else {
        return false;
    };
    // `start`: where the form begins (its token may not be kept).
    let gap = Span::new(name.span().end, start.max(name.span().end));
    if doc.text(gap).contains(['\n', '\r']) {
        return false;
    }
    let plain_opener = name.sentence_initial && name.tokens().len() == 1 && {
        let token = doc.tokens[name.tokens().start];
        let word = doc.text(token.span());
        token.kind == TokenKind::Word && !word.chars().skip(1).any(char::is_uppercase)
    };
    !plain_opener
}

/// The abbreviations: their forms are compared as written, and a form
/// that ends a name is no use of them.
struct Abbreviations;

impl listed::Family for Abbreviations {
    type Rule = AbbreviationRule;
    const CODE: &'static str = CODE;

    fn pick(target: Target) -> Option<(usize, usize)> {
        match target {
            Target::Abbreviation { rule, form } => Some((rule, form)),
            _ => None,
        }
    }

    fn rules(pack: &Pack) -> &[AbbreviationRule] {
        &pack.abbreviations
    }

    fn counts(doc: &Document<'_>, known: &Known) -> bool {
        !ends_a_name(doc, known.tokens.start, known.span.start)
    }

    fn message(rule: &AbbreviationRule, names: &[&str]) -> String {
        format!(
            "{} are one abbreviation ({}) written {} ways",
            quote_list(names),
            rule.name,
            count_word(names.len())
        )
    }
}

/// Reports each abbreviation the draft writes more than one way.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    listed::check::<Abbreviations>(doc, pack, findings);
}
