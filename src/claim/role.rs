//! Roles read from sentence structure: the office or job a draft gives a
//! person in an apposition ("John Smith, the chief executive of Acme,"), a
//! copular clause ("Smith is the finance director") or a relative one
//! ("Smith, who is the head coach,"), found by the noun that heads the role
//! rather than by a list of titles. The title before a name ("Chief
//! Executive John Smith") is read from the pack's titles, in the parent
//! module.
//!
//! A role's value is its head and the lower-case words before it, in lower
//! case: "the company's finance director" is `finance director`, "the
//! Labour leader" is `leader` (a capitalised word before the head names
//! whose role it is, not which). The organisation after it ("of Acme") is
//! left out: two people may head two things, and one person the same
//! thing said two ways.

use super::{is_person, person_key, Claim, Context, Found, Names, Value, TITLE_QUALIFIERS};
use crate::finding::Span;
use crate::parse::TokenKind;
use crate::rules::claim::ClaimRule;

/// The most words a role may have before its head.
const LONGEST_ROLE: usize = 6;

/// What a role reads: its value, its span and whether a word marks it as
/// past, future or temporary ("former", "acting", "was").
struct Role {
    value: String,
    span: Span,
    changing: bool,
}

/// Role claims of the segment's people: every name followed by an
/// apposition, a copular or a relative clause whose phrase ends in a role
/// noun.
pub(super) fn role_claims(
    ctx: &Context<'_>,
    names: &Names,
    r: usize,
    rule: &ClaimRule,
    claims: &mut Vec<Found>,
) {
    if rule.roles.is_empty() {
        return;
    }
    let all = ctx.mentions.names.get(ctx.names.clone()).unwrap_or_default();
    for (n, name) in ctx.names.clone().zip(all) {
        if !is_person(ctx, n) {
            continue;
        }
        let at = name.tokens().end;
        let sentence = ctx.sentences.partition_point(|s| s.tokens().end <= at);
        let Some(end) = ctx.sentences.get(sentence).map(|s| s.tokens().end) else {
            continue;
        };
        let Some(role) = after_name(ctx, names, rule, at, end) else {
            continue;
        };
        let claim = Claim {
            rule: r,
            subject: person_key(ctx, n),
            facet: "title",
            value: Value::Role(role.value),
            span: role.span,
            sentence: ctx.first_sentence + sentence,
            changing: role.changing,
        };
        claims.push((claim, None));
    }
}

/// The role stated right after a name that ends at token `at`.
fn after_name(ctx: &Context<'_>, names: &Names, rule: &ClaimRule, at: usize, end: usize) -> Option<Role> {
    let word = |i: usize| if i < end { ctx.word(i) } else { "" };
    let mut i = at;
    // ", the chief executive," | ", who is the chief executive" | " is the chief executive"
    let mut changing = false;
    let apposition = word(i) == ",";
    if apposition {
        i += 1;
        if word(i) == "who" {
            i += 1;
            changing = copula(word(i))?;
            i += 1;
        }
    } else {
        changing = copula(word(i))?;
        i += 1;
    }
    if word(i) == "now" {
        // "is now chief executive": a new role, the old one was true.
        return None;
    }
    role_phrase(ctx, names, rule, i, end, apposition).map(|mut role| {
        role.changing |= changing;
        role
    })
}

/// Whether a verb states a role: `Some(false)` for the present ("is"),
/// `Some(true)` for a past or changed one ("was", "became"), `None` for a
/// word that states none.
fn copula(word: &str) -> Option<bool> {
    match word {
        "is" => Some(false),
        "was" | "became" | "becomes" | "remains" | "remained" => Some(true),
        _ => None,
    }
}

/// A role phrase from token `at`: a determiner ("the", "its", "the
/// company's"), up to [`LONGEST_ROLE`] words and a role noun, then the end
/// of the phrase (a comma, the end of the sentence, or "of", "at", "for"
/// and what the role is of). An indefinite phrase ("a director") describes
/// and states no role.
fn role_phrase(
    ctx: &Context<'_>,
    names: &Names,
    rule: &ClaimRule,
    at: usize,
    end: usize,
    apposition: bool,
) -> Option<Role> {
    let word = |i: usize| if i < end { ctx.word(i) } else { "" };
    let mut i = at;
    match word(i) {
        "the" | "its" | "his" | "her" | "their" => i += 1,
        "a" | "an" | "one" | "another" => return None,
        _ => {}
    }
    // "the company's", "Russia's": whose role it is.
    if i + 1 < end && ctx.tokens[i + 1].kind == TokenKind::Possessive {
        i += 2;
    } else if let Some(n) = names.name(i) {
        // "the Acme Corp's": a name and its possessive.
        let after = ctx.mentions.names[n].tokens().end;
        if after < end && ctx.tokens[after].kind == TokenKind::Possessive {
            i = after + 1;
        }
    }
    let start = i;
    let mut head: Option<usize> = None;
    let mut changing = false;
    while i < end && i - start <= LONGEST_ROLE {
        let token = ctx.tokens[i];
        if !matches!(token.kind, TokenKind::Word | TokenKind::Compound) {
            break;
        }
        let w = word(i);
        // "to become chairman", "who will be chairman": a role to come.
        let future = matches!(w, "to" | "be" | "become" | "will" | "would" | "been");
        if future || TITLE_QUALIFIERS.contains(&w.trim_end_matches('-')) || w.starts_with("ex-") {
            changing = true;
        } else if rule.roles.contains(w) {
            head = Some(i);
        } else if head.is_some() && !matches!(w, "and" | "&") {
            // A role ends at its noun: "the director who", "the coach said".
            break;
        }
        i += 1;
    }
    let head = head?;
    // What follows the role: the end of the apposition or sentence, or
    // what it is the role of.
    let next = word(head + 1);
    let closes = matches!(next, "," | "." | ";" | ")" | "" | "of" | "at" | "for" | "in")
        || (!apposition && matches!(next, "and" | "but" | "since" | "until"));
    if !closes {
        return None;
    }
    let words: Vec<&str> = (start..=head)
        .filter(|&t| {
            let w = word(t);
            let written = ctx.tokens[t].span().slice(ctx.text);
            let capitalised = crate::parse::is_capitalized(written);
            let head_word = rule.roles.contains(w);
            let future = matches!(w, "to" | "be" | "become" | "will" | "would" | "been");
            !future && !TITLE_QUALIFIERS.contains(&w.trim_end_matches('-')) && (head_word || !capitalised)
        })
        .map(word)
        .collect();
    // "the chairman and": a role never ends on a conjunction.
    let value = words.join(" ");
    let value = value.trim_end_matches(" and").trim_end_matches(" &").to_string();
    if value.is_empty() {
        return None;
    }
    Some(Role {
        value,
        span: Span::new(ctx.tokens[start].span().start, ctx.tokens[head].span().end),
        changing,
    })
}

/// True when the two roles belong to one group of roles a person often
/// holds together ("chairman" and "chief executive").
pub fn held_together(rule: &ClaimRule, a: &str, b: &str) -> bool {
    let is = |role: &str, entry: &str| role == entry || role.ends_with(&format!(" {entry}"));
    rule.held_together.iter().any(|group| {
        let holds = |role: &str| {
            role.split(" and ")
                .all(|part| group.iter().any(|entry| is(part.trim(), entry)))
        };
        holds(a) && holds(b)
    })
}

/// True when a role says only that someone leads ("the head", "the highly
/// successful boss"): its last word is one of the rule's generic roles, and
/// it contradicts no other role.
pub fn generic(rule: &ClaimRule, role: &str) -> bool {
    role.rsplit(' ')
        .next()
        .is_some_and(|head| rule.generic.iter().any(|g| g == head))
}
