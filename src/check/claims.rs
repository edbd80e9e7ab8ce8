//! `claims.*`: claims that contradict each other. One person with two ages
//! (`claims.age`), two birth years or an age that does not fit the birth
//! year (`claims.birth`), two titles (`claims.title`); one event with two
//! dates or two places (`claims.event`); one count stated as two numbers
//! (`claims.count`); a weekday that does not match its date
//! (`claims.weekday`); one statement made twice, once denied or with
//! another value (`claims.statement`: "The board has approved the
//! terminal" ... "the board has not approved the terminal").
//!
//! Why: an editor reading paragraph nine has forgotten paragraph two; a
//! reader has not. These slips survive every spelling and style check.
//!
//! Example: "Anna Berg, 54, runs the port ... Berg, who is 56". Use
//! instead: one age.
//!
//! The finding points at the later claim and names the earlier one; it has
//! no fix (which value is right is a question for the reporter), except a
//! weekday that does not match its date, whose unsafe fix writes the
//! weekday the calendar gives. Hedged values ("at least 12") contradict
//! only values outside their range; values in a sentence that marks a
//! change ("rose to 15", "former minister") contradict nothing.

use std::collections::HashMap;

use jiff::civil::Date;

use crate::check::{match_case, Document, Segment};
use crate::claim::calendar::{complete, weekday_name, weekday_of, DateOrder};
use crate::claim::{self, role};
use crate::claim::{Amount, Claim, Value};
use crate::finding::{Applicability, Edit, Finding, Fix, Severity, Span, SpanSet};
use crate::parse::{Token, TokenKind};
use crate::rules::claim::Attribute;
use crate::rules::Pack;

/// Reports every contradiction between the document's claims.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let mut found = Vec::new();
    contradictions(doc, pack, &mut found);
    // A statement made twice with two birth years is one slip: the typed
    // claim's finding says it better.
    let statement = Attribute::Statement.code();
    let typed = SpanSet::new(found.iter().filter(|f| f.rule != statement).map(|f| f.span));
    found.retain(|f| f.rule != statement || !typed.overlaps(f.span));
    findings.append(&mut found);
    ages_against_births(doc, pack, findings);
    weekdays(doc, pack, findings);
}

fn contradictions(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let mut groups: HashMap<(Attribute, &str, &str), Vec<&Claim>> = HashMap::new();
    let mut order: Vec<(Attribute, &str, &str)> = Vec::new();
    for claim in doc.claims.iter().filter(|c| !c.changing) {
        let key = (
            pack.claims[claim.rule].attribute,
            claim.subject.as_str(),
            claim.facet,
        );
        let group = groups.entry(key).or_default();
        if group.is_empty() {
            order.push(key);
        }
        group.push(claim);
    }
    for key in order {
        let group = &groups[&key];
        let first = group[0];
        // Each value that contradicts the first claim: one finding, at its
        // first use, naming every other place it is stated.
        let mut reported: Vec<&Claim> = Vec::new();
        for &claim in &group[1..] {
            if claim.sentence == first.sentence || !conflict(doc, &first.value, &claim.value) {
                continue;
            }
            if let (Value::Role(a), Value::Role(b)) = (&first.value, &claim.value) {
                let rule = &pack.claims[claim.rule];
                if role::generic(rule, a) || role::generic(rule, b) {
                    continue;
                }
            }
            if reported.iter().any(|r| !conflict(doc, &r.value, &claim.value)) {
                continue;
            }
            reported.push(claim);
            let mut related: Vec<Span> = vec![first.span];
            related.extend(
                group[1..]
                    .iter()
                    .filter(|c| c.span != claim.span && !conflict(doc, &c.value, &claim.value))
                    .map(|c| c.span),
            );
            related.sort();
            related.dedup();
            let rule = &pack.claims[claim.rule];
            // Chairman and chief executive: often both right.
            let possible = match (&first.value, &claim.value) {
                (Value::Role(a), Value::Role(b)) => role::held_together(rule, a, b),
                _ => false,
            };
            let mut message = message(doc, pack, first, claim);
            if possible {
                message.push_str(" (possibly both: the roles are often held together)");
            }
            findings.push(Finding {
                rule: rule.attribute.code(),
                origin: None,
                severity: if possible { Severity::Info } else { rule.severity },
                message,
                span: claim.span,
                related,
                fix: None,
            });
        }
    }
}

/// True when no state of the world makes both values right.
fn conflict(doc: &Document<'_>, a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Amount(x), Value::Amount(y)) => x.disjoint(*y),
        (Value::Year(x), Value::Year(y)) => x != y,
        (Value::Role(x), Value::Role(y)) => x != y && !one_contains_other(x, y) && !both_parts(x, y),
        (Value::Date(x), Value::Date(y)) => x.contradicts(*y),
        (Value::Date(d), Value::Weekday(w)) | (Value::Weekday(w), Value::Date(d)) => {
            complete(*d, doc.story_date).is_some_and(|date| weekday_of(date) != *w)
        }
        (Value::Weekday(x), Value::Weekday(y)) => x != y,
        (Value::Place(x), Value::Place(y)) => !one_contains_other(x, y),
        (Value::Polarity(x), Value::Polarity(y)) => x != y,
        _ => false,
    }
}

/// "Minister" and "Foreign Minister", "New York" and "New York City":
/// one is the other said with fewer words.
fn one_contains_other(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let words = |s: &str| format!(" {} ", s.split_whitespace().collect::<Vec<_>>().join(" "));
    let (wa, wb) = (words(&a), words(&b));
    wa.contains(&wb) || wb.contains(&wa)
}

fn shown(doc: &Document<'_>, claim: &Claim) -> String {
    match &claim.value {
        Value::Amount(_) => written(doc, claim),
        Value::Year(y) => y.to_string(),
        Value::Role(r) => format!("\"{}\"", title_text(doc, claim, r)),
        // As the draft writes it: "12 May" stays day first.
        Value::Date(d) => DateOrder::of(doc.text(claim.span))
            .unwrap_or_default()
            .describe(*d),
        Value::Weekday(w) => weekday_name(*w).to_string(),
        Value::Place(p) => p.clone(),
        Value::Polarity(_) => format!("\"{}\"", written(doc, claim)),
    }
}

/// A value as the draft writes it ("at least 12"), spaces made single.
fn written(doc: &Document<'_>, claim: &Claim) -> String {
    doc.text(claim.span)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn title_text(doc: &Document<'_>, claim: &Claim, role: &str) -> String {
    match written(doc, claim) {
        w if w.is_empty() => role.to_string(),
        w => w,
    }
}

/// "chairman and chief executive" and "chief executive": the one role is
/// one of the other's.
fn both_parts(a: &str, b: &str) -> bool {
    let parts = |s: &str| {
        s.split(" and ")
            .map(str::trim)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (pa, pb) = (parts(a), parts(b));
    pa.iter().all(|p| pb.iter().any(|q| one_contains_other(p, q)))
        || pb.iter().all(|p| pa.iter().any(|q| one_contains_other(p, q)))
}

fn message(doc: &Document<'_>, pack: &Pack, earlier: &Claim, later: &Claim) -> String {
    let line = doc.source.line_col(earlier.span.start).0;
    let (now, then) = (shown(doc, later), shown(doc, earlier));
    let subject = &later.subject;
    match (pack.claims[later.rule].attribute, later.facet) {
        (Attribute::Age, _) => format!("{subject} is {now} here but {then} on line {line}"),
        (Attribute::Birth, _) => format!("{subject} was born in {now} here but in {then} on line {line}"),
        (Attribute::Title, _) => format!("{subject} is {now} here but {then} on line {line}"),
        (Attribute::Count, _) => {
            let what = pack.claims[later.rule].name.as_deref().unwrap_or("count");
            format!("{now} {what} here but {then} on line {line}")
        }
        (Attribute::Event, "date") => {
            format!("the date of the {subject} is {now} here but {then} on line {line}")
        }
        (Attribute::Event, _) => {
            let (noun, date) = subject.split_once(" on ").unwrap_or((subject, ""));
            format!("the place of the {date} {noun} is {now} here but {then} on line {line}")
        }
        (
            Attribute::Weekday
            | Attribute::RelativeDate
            | Attribute::Headline
            | Attribute::LegalStatus
            | Attribute::Quotation,
            _,
        ) => {
            format!("{now} here but {then} on line {line}")
        }
        (Attribute::Statement, _) => said_otherwise(doc, earlier, later, line),
    }
}

/// A statement made again with a negation or another value: the words
/// that differ, as a word diff of the two clauses.
fn said_otherwise(doc: &Document<'_>, earlier: &Claim, later: &Claim, line: usize) -> String {
    let kind = match later.value {
        Value::Polarity(false) => "denies",
        Value::Polarity(true) => "states what is denied in",
        _ => "gives another value than",
    };
    // The words of each sentence, with their offsets in the draft.
    let words = |c: &Claim| -> Vec<(usize, &str)> {
        let Some(sentence) = doc.sentences.get(c.sentence) else {
            return Vec::new();
        };
        let text = doc.text(sentence.span());
        text.split_whitespace()
            .map(|w| {
                (
                    sentence.span().start + (w.as_ptr() as usize - text.as_ptr() as usize),
                    w,
                )
            })
            .collect()
    };
    let (old, new) = (words(earlier), words(later));
    let key = |w: &(usize, &str)| w.1.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let (ok, nk): (Vec<String>, Vec<String>) = (old.iter().map(key).collect(), new.iter().map(key).collect());
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &ok, &nk);
    // The change nearest the word the finding points at, with a few words
    // of context on either side.
    let at = new
        .iter()
        .position(|w| w.0 + w.1.len() > later.span.start)
        .unwrap_or(0);
    let changed = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| op.tag() != similar::DiffTag::Equal)
        .min_by_key(|(_, op)| {
            let r = op.new_range();
            if r.contains(&at) {
                0
            } else {
                r.start.abs_diff(at).min(r.end.abs_diff(at)) + 1
            }
        })
        .map(|(i, _)| i);
    let Some(changed) = changed else {
        return format!("this {kind} the statement on line {line}");
    };
    const CONTEXT: usize = 4;
    let op = &ops[changed];
    let (before, after) = (op.new_range().start, op.new_range().end);
    let join = |ws: &[(usize, &str)]| ws.iter().map(|w| w.1).collect::<Vec<_>>().join(" ");
    let mut shown: Vec<String> = Vec::new();
    let from = before.saturating_sub(CONTEXT);
    if from > 0 {
        shown.push("…".to_string());
    }
    shown.push(join(&new[from..before]));
    let gone = join(&old[op.old_range()]);
    if !gone.is_empty() {
        shown.push(format!("[-{gone}-]"));
    }
    let added = join(&new[op.new_range()]);
    if !added.is_empty() {
        shown.push(format!("{{+{added}+}}"));
    }
    let to = (after + CONTEXT).min(new.len());
    shown.push(join(&new[after..to]));
    if to < new.len() {
        shown.push("…".to_string());
    }
    let shown: Vec<String> = shown.into_iter().filter(|s| !s.is_empty()).collect();
    format!(
        "this {kind} the statement on line {line}: \"{}\"",
        shown.join(" ")
    )
}

/// An age that does not fit a stated birth year, given the story's date.
fn ages_against_births(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let Some(today) = doc.story_date else { return };
    let attribute = |c: &Claim| pack.claims[c.rule].attribute;
    let births: Vec<&Claim> = doc
        .claims
        .iter()
        .filter(|c| attribute(c) == Attribute::Birth)
        .collect();
    // Each person's first age: later ages that differ are claims.age's.
    let mut seen: Vec<&str> = Vec::new();
    for age in doc
        .claims
        .iter()
        .filter(|c| attribute(c) == Attribute::Age && !c.changing)
    {
        if seen.contains(&age.subject.as_str()) {
            continue;
        }
        seen.push(&age.subject);
        let Value::Amount(Amount { lo, .. }) = age.value else {
            continue;
        };
        for birth in births.iter().filter(|b| b.subject == age.subject) {
            let Value::Year(year) = birth.value else { continue };
            let oldest = i32::from(today.year()) - year;
            let fits = (oldest - 1..=oldest).contains(&(lo as i32));
            if fits {
                continue;
            }
            let (later, earlier) = if age.span > birth.span {
                (age, *birth)
            } else {
                (*birth, age)
            };
            let line = doc.source.line_col(earlier.span.start).0;
            let rule = &pack.claims[birth.rule];
            let message = format!(
                "{} is {} but was born in {year}, which makes {} or {oldest} on {today}{}",
                age.subject,
                lo as i32,
                oldest - 1,
                if earlier.span == birth.span {
                    format!(" (birth year on line {line})")
                } else {
                    format!(" (age on line {line})")
                },
            );
            findings.push(Finding {
                rule: rule.attribute.code(),
                origin: None,
                severity: rule.severity,
                message,
                span: later.span,
                related: vec![earlier.span],
                fix: None,
            });
        }
    }
}

/// A weekday written beside a date: "Wednesday, Dec. 15, 2015", "Tuesday
/// (Dec. 16)", "2015-12-15 (Monday)". Found as the draft is read, and
/// checked once the story's date (which completes a date written without
/// its year) is known.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WrittenWeekday {
    weekday: Token,
    date: Token,
}

/// Gathers the weekdays written beside a date in a segment.
pub(crate) fn scan_weekdays(segment: &Segment<'_, '_>, pack: &Pack, out: &mut Vec<WrittenWeekday>) {
    if claim::rule_of(pack, Attribute::Weekday).is_none() {
        return;
    }
    let tokens = segment.tokens;
    let punct = |i: usize, p: &[&str]| tokens.get(i).is_some_and(|t| p.contains(&segment.text(t.span())));
    for sentence in segment.sentences {
        let range = sentence.tokens();
        let in_sentence = tokens.get(range.clone()).unwrap_or_default();
        for (i, token) in range.clone().zip(in_sentence) {
            let TokenKind::Weekday(_) = token.kind else {
                continue;
            };
            // Weekday, Date | Weekday (Date) | Weekday Date | Date (Weekday)
            let date_at = [i + 1, i + 2]
                .into_iter()
                .filter(|&j| j < range.end)
                .find(|&j| {
                    matches!(tokens[j].kind, TokenKind::Date(_)) && (j == i + 1 || punct(i + 1, &[",", "("]))
                })
                .or_else(|| {
                    (i >= range.start + 2
                        && punct(i - 1, &["("])
                        && matches!(tokens[i - 2].kind, TokenKind::Date(_)))
                    .then(|| i - 2)
                });
            if let Some(j) = date_at {
                out.push(WrittenWeekday {
                    weekday: tokens[i],
                    date: tokens[j],
                });
            }
        }
    }
}

/// A weekday written beside a date that falls on another weekday.
fn weekdays(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let Some((_, rule)) = claim::rule_of(pack, Attribute::Weekday) else {
        return;
    };
    for &written in doc.written_weekdays() {
        let (TokenKind::Weekday(day), TokenKind::Date(value)) = (written.weekday.kind, written.date.kind)
        else {
            continue;
        };
        let Some(date) = complete(value, doc.story_date) else {
            continue;
        };
        if weekday_of(date) == day {
            continue;
        }
        findings.push(weekday_finding(doc, rule.severity, written, date));
    }
}

fn weekday_finding(
    doc: &Document<'_>,
    severity: crate::finding::Severity,
    found: WrittenWeekday,
    date: Date,
) -> Finding {
    let span = found.weekday.span();
    let written = doc.text(span);
    let actual = weekday_name(weekday_of(date));
    // Keep the form: "Tue." stays abbreviated, "TUESDAY" stays in capitals.
    let replacement = if written.ends_with('.') || written.len() <= 4 {
        let short: String = actual.chars().take(3).collect();
        match_case(
            written,
            &format!("{short}{}", if written.ends_with('.') { "." } else { "" }),
        )
    } else {
        match_case(written, actual)
    };
    let date_text = DateOrder::of(doc.text(found.date.span()))
        .unwrap_or_default()
        .write(date);
    Finding {
        rule: Attribute::Weekday.code(),
        origin: None,
        severity,
        message: format!(
            "{date_text} falls on a {actual}, not a {}",
            weekday_name(match found.weekday.kind {
                TokenKind::Weekday(w) => w,
                _ => weekday_of(date),
            })
        ),
        span,
        related: vec![found.date.span()],
        fix: Fix::new(Applicability::Unsafe, vec![Edit { span, replacement }]),
    }
}
