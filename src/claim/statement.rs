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
//! and "does" dropped), its negations and its values. Each value and each
//! negation is filed under the words around it; statements filed under the
//! same words that share enough of their other words and differ in the
//! value or the negation disagree. Filing is linear in the draft.

use nom::{
    branch::alt,
    bytes::complete::{tag, take_while, take_while1},
    combinator::{eof, opt, recognize},
    sequence::{terminated, tuple},
    IResult,
};

use super::{amount, Context, Names, Value};
use crate::finding::Span;
use crate::parse::TokenKind;
use crate::rules::claim::ClaimRule;

/// One statement: its words, its values, who it is attributed to.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// The values, in order, with their spans: an amount (a number, "at
    /// least 12"), a date, or a place after "in", "at", "from" or "to" as
    /// written.
    pub values: Vec<(Value, Span)>,
    /// Who it is attributed to ("a spokesman"), in lower case.
    pub source: Option<String>,
    /// True when a word marks a value as changing ("rose to").
    pub changing: bool,
    /// The sentence, as an index into the draft's sentences.
    pub sentence: usize,
    /// Its words in order, in their normal form, with what each is.
    pub items: Vec<Item>,
}

/// A word of a statement in its normal form.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The stem, the tense of an auxiliary, or the placeholder of a value,
    /// as `word_hash` makes it: items are only ever compared for
    /// equality, and a number compares without a string.
    pub word: u64,
    /// Where it is written.
    pub span: Span,
    /// What it is.
    pub kind: ItemKind,
}

/// What a statement's word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A word that says what the statement is about or does.
    Word,
    /// An auxiliary's tense.
    Tense,
    /// A value: its index in `values`.
    Value(usize),
    /// A negation.
    Negation,
}

impl Statement {
    /// True when the statement is denied: an odd count of negations.
    pub fn denied(&self) -> bool {
        self.items.iter().filter(|i| i.kind == ItemKind::Negation).count() % 2 == 1
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
    // A question asserts nothing; a heading ("= History =") is no
    // sentence.
    if range.clone().any(|i| matches!(word(i), "?" | "=")) {
        return;
    }
    let tags: Vec<u8> = range
        .clone()
        .map(|i| {
            let w = word(i);
            match ctx.tokens[i].kind {
                // "Campbell 's": a possessive written apart, no quotation.
                TokenKind::Quote if i + 1 < range.end && word(i + 1) == "s" => OTHER,
                TokenKind::Quote => QUOTE,
                TokenKind::Terminal => OTHER,
                TokenKind::Punct => match w {
                    "," => COMMA,
                    ";" => SEMI,
                    "%" | "$" | "£" | "€" => WORD,
                    _ => OTHER,
                },
                _ if names.name(i).is_some() => NAME,
                _ if rule.statement_sketch.may_contain(w.as_bytes()) && rule.reporting.contains(w) => REPORT,
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
    let mut items: Vec<Item> = Vec::new();
    let item = |text: &str, span: Span, kind: ItemKind| Item {
        word: word_hash(text),
        span,
        kind,
    };
    let mut values: Vec<(Value, Span)> = Vec::new();
    let mut changing = false;
    let mut plain = 0;
    let mut i = start;
    while i < end {
        let token = ctx.tokens[i];
        let w = word(i);
        let listed = rule.statement_sketch.may_contain(w.as_bytes());
        if listed && rule.changes.contains(w) {
            changing = true;
        }
        // A place: a name after a preposition of place.
        if i > start && matches!(word(i - 1), "in" | "at" | "from" | "to" | "near") {
            if let Some(n) = names.name(i) {
                let name = &ctx.mentions.names[n];
                let place = Value::Place(
                    name.span()
                        .slice(ctx.text)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                items.push(item("#p", name.span(), ItemKind::Value(values.len())));
                values.push((place, name.span()));
                i = name.tokens().end;
                continue;
            }
        }
        match token.kind {
            TokenKind::Date(d) => {
                items.push(item("#d", token.span(), ItemKind::Value(values.len())));
                values.push((Value::Date(d), token.span()));
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
        // "Route 293", "NY 31": a number after a capitalised word is a
        // label, compared as a word.
        let label = token.kind == TokenKind::Number
            && i > start
            && matches!(ctx.tokens[i - 1].kind, TokenKind::Word | TokenKind::Abbreviation)
            && crate::parse::is_capitalized(ctx.tokens[i - 1].span().slice(ctx.text));
        if label {
            items.push(item(w, token.span(), ItemKind::Word));
            plain += 1;
            i += 1;
            continue;
        }
        if let Some((next, a, span)) = amount(ctx, i, end) {
            items.push(item("#n", span, ItemKind::Value(values.len())));
            values.push((Value::Amount(a), span));
            i = next;
            continue;
        }
        if (listed && rule.negations.contains(w)) || w.ends_with("n't") {
            // "didn't" leaves its auxiliary: "hasn't" is "has" denied.
            if let Some(Some(form)) = w.strip_suffix("n't").and_then(auxiliary) {
                items.push(item(form, token.span(), ItemKind::Tense));
            }
            items.push(item("not", token.span(), ItemKind::Negation));
            i += 1;
            continue;
        }
        if w == "s" && i > start && ctx.tokens[i - 1].kind == TokenKind::Quote {
            i += 1;
            continue;
        }
        match auxiliary(w) {
            Some(form) => items.extend(form.map(|f| item(f, token.span(), ItemKind::Tense))),
            None => {
                if !matches!(
                    w,
                    "the" | "a" | "an" | "also" | "then" | "still" | "already" | "just" | "that"
                ) {
                    plain += 1;
                    items.push(item(stem(w), token.span(), ItemKind::Word));
                }
            }
        }
        i += 1;
    }
    if plain < FEWEST_WORDS {
        return None;
    }
    Some(Statement {
        items,
        values,
        source,
        changing,
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

/// Where two statements disagree: one value each, or a negation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Near {
    /// The earlier statement's value and the later one's, by index.
    Value(usize, usize),
    /// One denies what the other states: the words of each, the
    /// negation's or the stated word's.
    Denied(Span, Span),
}

/// Two statements of a draft that say one thing two ways.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NearCopy {
    /// The earlier statement, by index.
    pub earlier: usize,
    /// The later one.
    pub later: usize,
    /// Where they disagree.
    pub near: Near,
}

/// Words too common to make two statements one: they are compared, but
/// not counted as shared.
const COMMON: &[&str] = &[
    "in", "of", "to", "for", "on", "at", "by", "with", "and", "or", "as", "he", "she", "it", "they", "his",
    "her", "its", "their", "this", "who", "which", "from", "after", "before", "into", "we", "i", "you",
    "there", "one",
];

/// How many earlier members of a group each statement is compared with:
/// a draft that says one thing ten thousand times costs ten thousand
/// comparisons a member, not one per pair.
const COMPARED: usize = 8;

/// A value or a negation with the words around it: statements that share
/// the words and differ in the value or the negation disagree, when they
/// share enough of their other words to be about one thing.
struct Fact {
    statement: usize,
    /// A value by index, or a polarity with its word's span.
    what: FactValue,
}

enum FactValue {
    Value(usize),
    Polarity(bool, Span),
}

/// Every pair of statements that disagree, found by grouping their facts
/// by the words around each (linear in the draft).
pub fn near_copies<'a>(statements: &'a [Statement]) -> Vec<NearCopy> {
    let mut common: Vec<u64> = COMMON.iter().map(|w| word_hash(w)).collect();
    common.sort_unstable();
    let not = word_hash("not");
    // A statement's content words, sorted: made only for the few
    // statements some pair needs them of.
    let content: Vec<std::cell::OnceCell<Vec<u64>>> = statements.iter().map(|_| Default::default()).collect();
    let content_of = |j: usize| -> &[u64] {
        content[j].get_or_init(|| {
            let mut words: Vec<u64> = statements[j]
                .items
                .iter()
                .filter(|i| i.kind == ItemKind::Word && common.binary_search(&i.word).is_err())
                .map(|i| i.word)
                .collect();
            words.sort_unstable();
            words.dedup();
            words
        })
    };
    // Facts are grouped by a hash of their words: no key is allocated.
    let hash = |key: [u64; 3]| {
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        key.hash(&mut hasher);
        hasher.finish()
    };
    let words_of = |s: &'a Statement| -> Vec<&'a Item> {
        s.items.iter().filter(|i| i.kind != ItemKind::Tense).collect()
    };
    // The words some negation denies: only they are worth filing for the
    // statements that make them, two words at a time.
    let denials: rustc_hash::FxHashSet<u64> = statements
        .iter()
        .flat_map(|s| {
            let words = words_of(s);
            (0..words.len())
                .filter(|&w| words[w].kind == ItemKind::Negation)
                .filter_map(|w| {
                    let after = two_words(words[w + 1..].iter());
                    (after.len() == 2).then(|| hash([not, after[0], after[1]]))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut groups: rustc_hash::FxHashMap<u64, Vec<Fact>> = Default::default();
    let mut order: Vec<u64> = Vec::new();
    let mut add = |key: u64, fact: Fact| {
        let group = groups.entry(key).or_insert_with_key(|k| {
            order.push(*k);
            Vec::new()
        });
        group.push(fact);
    };
    for (j, s) in statements.iter().enumerate() {
        let words = words_of(s);
        for (w, &item) in words.iter().enumerate() {
            match item.kind {
                ItemKind::Value(v) => {
                    // The two words before the value, values aside.
                    let before = two_words(words[..w].iter().rev());
                    if before.len() == 2 {
                        add(
                            hash([item.word, before[1], before[0]]),
                            Fact {
                                statement: j,
                                what: FactValue::Value(v),
                            },
                        );
                    }
                }
                ItemKind::Negation => {
                    let after = two_words(words[w + 1..].iter());
                    if after.len() == 2 {
                        add(
                            hash([not, after[0], after[1]]),
                            Fact {
                                statement: j,
                                what: FactValue::Polarity(false, item.span),
                            },
                        );
                    }
                }
                ItemKind::Word => {
                    // Each two words in a row, where no negation is near:
                    // what a denial elsewhere may deny.
                    let denied = words[w.saturating_sub(2)..w]
                        .iter()
                        .any(|i| i.kind == ItemKind::Negation);
                    if let (false, Some(next)) = (denied, words.get(w + 1)) {
                        let key = hash([not, item.word, next.word]);
                        if next.kind == ItemKind::Word && denials.contains(&key) {
                            add(
                                key,
                                Fact {
                                    statement: j,
                                    what: FactValue::Polarity(true, item.span),
                                },
                            );
                        }
                    }
                }
                ItemKind::Tense => {}
            }
        }
    }
    let mut found: Vec<NearCopy> = Vec::new();
    let mut pairs: rustc_hash::FxHashSet<(usize, usize)> = Default::default();
    for key in &order {
        let group = &groups[key];
        for (m, fact) in group.iter().enumerate() {
            for earlier in group[..m].iter().take(COMPARED) {
                let (a, b) = (&statements[earlier.statement], &statements[fact.statement]);
                if a.sentence == b.sentence || pairs.contains(&(earlier.statement, fact.statement)) {
                    continue;
                }
                if let (Some(x), Some(y)) = (&a.source, &b.source) {
                    if x != y {
                        continue;
                    }
                }
                let near = match (&earlier.what, &fact.what) {
                    (FactValue::Value(x), FactValue::Value(y)) => {
                        let differ = !a.changing
                            && !b.changing
                            && differ(&a.values[*x].0, &b.values[*y].0)
                            && agree_besides(a, b, *x, *y);
                        differ.then_some(Near::Value(*x, *y))
                    }
                    (FactValue::Polarity(p, x), FactValue::Polarity(q, y)) if p != q => {
                        Some(Near::Denied(*x, *y))
                    }
                    _ => None,
                };
                let Some(near) = near else { continue };
                if !about_one_thing(content_of(earlier.statement), content_of(fact.statement)) {
                    continue;
                }
                pairs.insert((earlier.statement, fact.statement));
                found.push(NearCopy {
                    earlier: earlier.statement,
                    later: fact.statement,
                    near,
                });
            }
        }
    }
    found.sort_by_key(|n| (n.later, n.earlier));
    found
}

/// The first two words (not values or negations) of `items`.
fn two_words<'a>(items: impl Iterator<Item = &'a &'a Item>) -> Vec<u64> {
    items
        .filter(|i| i.kind == ItemKind::Word)
        .take(2)
        .map(|i| i.word)
        .collect()
}

/// A word as items hold it: its hash.
fn word_hash(word: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    word.hash(&mut hasher);
    hasher.finish()
}

/// True when two statements share enough words to be about one thing:
/// three at least, and three in five of the shorter one's.
fn about_one_thing(a: &[u64], b: &[u64]) -> bool {
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    shared >= 3 && 5 * shared >= 3 * a.len().min(b.len())
}

/// True when the statements' other values do not set them apart: "the
/// blast in Kabul killed 12" and "a blast in Herat killed 3" are two
/// blasts. Of each kind both state, one value at least is the same.
fn agree_besides(a: &Statement, b: &Statement, x: usize, y: usize) -> bool {
    fn others(s: &Statement, skip: usize) -> Vec<&Value> {
        s.values
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, v)| &v.0)
            .collect()
    }
    let (oa, ob) = (others(a, x), others(b, y));
    let kind = |t: &Value| std::mem::discriminant(t);
    oa.iter().all(|va| {
        let same_kind: Vec<&&Value> = ob.iter().filter(|vb| kind(vb) == kind(va)).collect();
        same_kind.is_empty() || same_kind.iter().any(|vb| !differ(va, vb))
    })
}

/// True when two values of one kind cannot both be right.
fn differ(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Amount(x), Value::Amount(y)) => x.disjoint(*y),
        (Value::Date(x), Value::Date(y)) => x.contradicts(*y),
        (Value::Place(x), Value::Place(y)) => x != y && !x.contains(y.as_str()) && !y.contains(x.as_str()),
        _ => false,
    }
}
