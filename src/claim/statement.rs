//! Statements: what a clause asserts, reduced to its words with typed
//! values set apart, so that a draft that says one thing twice, once denied
//! ("The club has confirmed the signing" … "the club has not confirmed the
//! signing") or with another value ("Acme sold 3,000 cars in March" … "Acme
//! sold 4,500 cars in March"), is caught whatever the wording, with no rule
//! written for it.
//!
//! A sentence is read as a string of one-byte tags, one a token (a word, a
//! reporting verb, a negation, a value, a comma …), which nom parsers split
//! into clauses and strip of their attribution ("a spokesman said",
//! ", police said"). What is left is the statement: its words in a normal
//! form (lower case, a crude stem, auxiliaries reduced to their tense, "did"
//! and "does" dropped), its negations and its values. Two statements are
//! compared only when every other word is the same: the key they are
//! grouped by, so the comparison is linear in the draft.

use nom::{
    branch::alt,
    bytes::complete::{tag, take_while, take_while1},
    combinator::{eof, opt, recognize},
    sequence::{terminated, tuple},
    IResult,
};

use super::{amount, Amount, Context, Names};
use crate::claim::rule::ClaimRule;
use crate::finding::Span;
use crate::parse::{DateValue, TokenKind};

/// A value a statement holds, compared by type.
#[derive(Clone, Debug, PartialEq)]
pub enum Typed {
    /// A number or an amount ("at least 12").
    Amount(Amount),
    /// A date.
    Date(DateValue),
    /// A place after "in", "at", "from" or "to", as written.
    Place(String),
}

impl Typed {
    /// The placeholder the value leaves in the statement's key.
    fn placeholder(&self) -> &'static str {
        match self {
            Typed::Amount(_) => "#n",
            Typed::Date(_) => "#d",
            Typed::Place(_) => "#p",
        }
    }
}

/// One statement: the key of its words, its values, whether it is denied
/// and who it is attributed to.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// The words in their normal form, values as placeholders, negations
    /// left out: statements with one key say one thing.
    pub key: String,
    /// The values, in order, with their spans.
    pub values: Vec<(Typed, Span)>,
    /// The negations' spans: an odd count denies the statement.
    pub negations: Vec<Span>,
    /// Who it is attributed to ("a spokesman"), in lower case.
    pub source: Option<String>,
    /// True when a word marks a value as changing ("rose to").
    pub changing: bool,
    /// The clause, without its attribution.
    pub span: Span,
    /// The sentence, as an index into the draft's sentences.
    pub sentence: usize,
}

impl Statement {
    /// True when the statement is denied.
    pub fn denied(&self) -> bool {
        self.negations.len() % 2 == 1
    }
}

/// The fewest words a statement needs besides its values and negations:
/// "It did not" says too little to be the same thing twice.
const FEWEST_WORDS: usize = 3;

// Tags: one byte a token.
const WORD: u8 = b'w';
const REPORT: u8 = b'r';
const THAT: u8 = b't';
const NAME: u8 = b'p';
const COMMA: u8 = b',';
const SEMI: u8 = b';';
const BUT: u8 = b'b';
const QUOTE: u8 = b'q';
const OTHER: u8 = b'.';
const IF: u8 = b'i';

/// Words a noun phrase may be made of, as tags.
fn phrase(input: &[u8]) -> IResult<&[u8], &[u8]> {
    take_while1(|t| t == WORD || t == NAME)(input)
}

/// "A spokesman said (that) …": the attribution that opens a clause.
// opening := phrase REPORT THAT?
fn opening(input: &[u8]) -> IResult<&[u8], &[u8]> {
    recognize(tuple((phrase, tag(&[REPORT][..]), opt(tag(&[THAT][..])))))(input)
}

/// "…, police said." | "…, said police." | "…, he told reporters.": the
/// attribution that closes a clause, from its comma to its end.
// closing := COMMA (phrase REPORT | REPORT phrase) WORD* eof
fn closing(input: &[u8]) -> IResult<&[u8], &[u8]> {
    recognize(tuple((
        tag(&[COMMA][..]),
        alt((
            recognize(tuple((phrase, tag(&[REPORT][..])))),
            recognize(tuple((tag(&[REPORT][..]), phrase))),
        )),
        take_while(|t| t == WORD || t == NAME),
        eof,
    )))(input)
}

/// The clauses of a sentence's tags: split at semicolons and at "but".
// clauses := clause ((SEMI | COMMA? BUT) clause)*
fn clause_ends(tags: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut rest = tags;
    let mut at = 0;
    loop {
        let body: IResult<&[u8], &[u8]> = take_while(|t| t != SEMI && t != BUT)(rest);
        let Ok((after, body)) = body else { break };
        let mut end = at + body.len();
        // ", but": the comma belongs to neither clause.
        if body.last() == Some(&COMMA) && after.first() == Some(&BUT) {
            end -= 1;
        }
        out.push(at..end);
        let sep: IResult<&[u8], &[u8]> = alt((tag(&[SEMI][..]), tag(&[BUT][..])))(after);
        match sep {
            Ok((next, sep)) => {
                at += body.len() + sep.len();
                rest = next;
            }
            Err(_) => break,
        }
    }
    out
}

/// Strips the attribution of a clause: the range of its statement and the
/// range of its source, when one is named.
fn attribution(tags: &[u8]) -> (std::ops::Range<usize>, Option<std::ops::Range<usize>>) {
    if let Ok((_, opened)) = opening(tags) {
        let source = 0..opened.len() - 1 - usize::from(opened.last() == Some(&THAT));
        return (opened.len()..tags.len(), Some(source));
    }
    // The closing attribution starts at one of the clause's commas.
    for (i, _) in tags.iter().enumerate().filter(|(_, &t)| t == COMMA) {
        if let Ok((_, closed)) = terminated(closing, eof)(&tags[i..]) {
            return (0..i, Some(i + 1..i + closed.len()));
        }
    }
    (0..tags.len(), None)
}

/// The statements of sentence `k` of the segment.
pub(super) fn statements(
    ctx: &Context<'_>,
    names: &Names,
    rule: &ClaimRule,
    k: usize,
    out: &mut Vec<Statement>,
) {
    let range = ctx.sentences[k].tokens();
    let word = |i: usize| ctx.word(i);
    // A question or a condition asserts nothing.
    if range.clone().any(|i| word(i) == "?") {
        return;
    }
    let tags: Vec<u8> = range
        .clone()
        .map(|i| {
            let w = word(i);
            match ctx.tokens[i].kind {
                TokenKind::Quote => QUOTE,
                TokenKind::Terminal => OTHER,
                TokenKind::Punct => match w {
                    "," => COMMA,
                    ";" => SEMI,
                    "%" | "$" | "£" | "€" => WORD,
                    _ => OTHER,
                },
                _ if names.name(i).is_some() => NAME,
                _ if rule.reporting.iter().any(|r| r == w) => REPORT,
                _ if w == "that" => THAT,
                _ if w == "but" => BUT,
                _ if matches!(w, "if" | "whether" | "unless" | "would" | "could" | "might") => IF,
                _ => WORD,
            }
        })
        .collect();
    // Names span several tokens: a token inside a name is a name word too.
    let tags: Vec<u8> = tags
        .iter()
        .enumerate()
        .map(|(j, &t)| {
            let i = range.start + j;
            let inside = t == WORD && j > 0 && tags[j - 1] == NAME && names.name(i).is_none() && {
                let before = (range.start..i).rev().find_map(|b| names.name(b));
                before.is_some_and(|n| ctx.mentions.names[n].tokens().contains(&i))
            };
            if inside {
                NAME
            } else {
                t
            }
        })
        .collect();
    for clause in clause_ends(&tags) {
        let (said, source) = attribution(&tags[clause.clone()]);
        let said = clause.start + said.start..clause.start + said.end;
        if tags[said.clone()]
            .iter()
            .any(|&t| t == IF || t == QUOTE || t == REPORT)
        {
            continue;
        }
        let source = source.map(|s| {
            (clause.start + s.start..clause.start + s.end)
                .map(|j| word(range.start + j))
                .collect::<Vec<_>>()
                .join(" ")
        });
        if let Some(statement) = statement(
            ctx,
            names,
            rule,
            range.start + said.start,
            range.start + said.end,
            source,
            k,
        ) {
            out.push(statement);
        }
    }
}

/// The statement tokens `start..end` make.
fn statement(
    ctx: &Context<'_>,
    names: &Names,
    rule: &ClaimRule,
    start: usize,
    end: usize,
    source: Option<String>,
    k: usize,
) -> Option<Statement> {
    let word = |i: usize| ctx.word(i);
    let mut key: Vec<String> = Vec::new();
    let mut values: Vec<(Typed, Span)> = Vec::new();
    let mut negations: Vec<Span> = Vec::new();
    let mut changing = false;
    let mut plain = 0;
    let mut i = start;
    while i < end {
        let token = ctx.tokens[i];
        let w = word(i);
        if rule.changes.iter().any(|c| c == w) {
            changing = true;
        }
        // A place: a name after a preposition of place.
        if i > start && matches!(word(i - 1), "in" | "at" | "from" | "to" | "near") {
            if let Some(n) = names.name(i) {
                let name = &ctx.mentions.names[n];
                let place = Typed::Place(
                    name.span()
                        .slice(ctx.text)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                key.push(place.placeholder().to_string());
                values.push((place, name.span()));
                i = name.tokens().end;
                continue;
            }
        }
        match token.kind {
            TokenKind::Date(d) => {
                key.push("#d".to_string());
                values.push((Typed::Date(d), token.span()));
                i += 1;
                continue;
            }
            TokenKind::Quote | TokenKind::Terminal => {
                i += 1;
                continue;
            }
            TokenKind::Punct if !matches!(w, "%" | "$" | "£" | "€") => {
                i += 1;
                continue;
            }
            _ => {}
        }
        if let Some((next, a, span)) = amount(ctx, i, end) {
            key.push("#n".to_string());
            values.push((Typed::Amount(a), span));
            i = next;
            continue;
        }
        if rule.negations.iter().any(|n| n == w) || w.ends_with("n't") {
            negations.push(token.span());
            // "didn't" leaves its auxiliary: "hasn't" is "has" denied.
            if let Some(aux) = w.strip_suffix("n't") {
                if let Some(form) = auxiliary(aux) {
                    key.extend(form.map(str::to_string));
                }
            }
            i += 1;
            continue;
        }
        match auxiliary(w) {
            Some(form) => key.extend(form.map(str::to_string)),
            None => {
                if !matches!(
                    w,
                    "the" | "a" | "an" | "also" | "then" | "still" | "already" | "just" | "that"
                ) {
                    plain += 1;
                    key.push(stem(w).to_string());
                }
            }
        }
        i += 1;
    }
    if plain < FEWEST_WORDS {
        return None;
    }
    Some(Statement {
        key: key.join(" "),
        values,
        negations,
        source,
        changing,
        span: Span::new(ctx.tokens[start].span().start, ctx.tokens[end - 1].span().end),
        sentence: ctx.first_sentence + k,
    })
}

/// An auxiliary's tense, which a statement keeps ("has" and "had" say
/// different things), or nothing for those that only carry a negation
/// ("did not confirm" is "confirmed" denied). `None` for other words.
fn auxiliary(word: &str) -> Option<Option<&'static str>> {
    Some(match word {
        "is" | "are" | "am" | "'s" | "'re" => Some("is"),
        "was" | "were" => Some("was"),
        "has" | "have" | "'ve" => Some("has"),
        "had" | "'d" => Some("had"),
        "will" | "wo" | "'ll" | "shall" => Some("will"),
        "do" | "does" | "did" | "ca" | "be" | "been" | "being" => None,
        "can" => Some("can"),
        _ => return None,
    })
}

/// A crude stem that makes the forms of one word one: "confirmed",
/// "confirms" and "confirm" are `confirm`. Only the two forms of a
/// statement need to meet.
fn stem(word: &str) -> &str {
    let w = word.strip_suffix("'s").unwrap_or(word);
    let n = w.len();
    if n > 4 && w.ends_with("ied") {
        &w[..n - 3]
    } else if n > 4 && w.ends_with("ed") {
        let s = &w[..n - 2];
        // "confirmed" → "confirm", "raised" → "rais" as "raise" is below.
        s.strip_suffix('e').unwrap_or(s)
    } else if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        let s = &w[..n - 1];
        s.strip_suffix('e').unwrap_or(s)
    } else if n > 3 && w.ends_with('e') {
        &w[..n - 1]
    } else {
        w
    }
}

/// How two statements with one key disagree, if they do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disagreement {
    /// One denies what the other states.
    Denied,
    /// They state one value differently: the index of the value.
    Value(usize),
}

/// How `later` disagrees with `earlier`: one denied and the other not with
/// the same values, or one value different and the rest the same. Two
/// sources that differ may disagree ("police said 200, organisers 1,000").
pub fn disagreement(earlier: &Statement, later: &Statement) -> Option<Disagreement> {
    if earlier.key != later.key || earlier.sentence == later.sentence {
        return None;
    }
    if let (Some(a), Some(b)) = (&earlier.source, &later.source) {
        if a != b {
            return None;
        }
    }
    let differ = |a: &Typed, b: &Typed| match (a, b) {
        (Typed::Amount(x), Typed::Amount(y)) => x.disjoint(*y),
        (Typed::Date(x), Typed::Date(y)) => {
            x.month() != y.month()
                || x.day() != y.day()
                || matches!((x.year(), y.year()), (Some(p), Some(q)) if p != q)
        }
        (Typed::Place(x), Typed::Place(y)) => x != y && !x.contains(y.as_str()) && !y.contains(x.as_str()),
        _ => false,
    };
    let different: Vec<usize> = earlier
        .values
        .iter()
        .zip(&later.values)
        .enumerate()
        .filter(|(_, (a, b))| differ(&a.0, &b.0))
        .map(|(i, _)| i)
        .collect();
    match (earlier.denied() != later.denied(), different.as_slice()) {
        (true, []) => Some(Disagreement::Denied),
        (false, [one]) if !earlier.changing && !later.changing => Some(Disagreement::Value(*one)),
        _ => None,
    }
}
