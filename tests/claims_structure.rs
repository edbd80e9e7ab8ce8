//! Claims read from sentence structure: roles in appositions and before
//! names, events mentioned again, counts and statements made twice. Each
//! slip is one finding naming both places; each control is silent.

use claimlint::finding::Severity;
use claimlint::rules::Pack;
use claimlint::source::{Format, Source};
use claimlint::Checker;

/// The claims findings on `text`: (code, severity, the text it points at,
/// the texts of its related places).
fn claims(text: &str) -> Vec<(&'static str, Severity, String, Vec<String>)> {
    let source = Source::new("draft.txt", text, Format::Text);
    let checker = Checker::new(Pack::builtin().unwrap());
    checker
        .check(&source)
        .into_iter()
        .filter(|f| f.rule.starts_with("claims."))
        .map(|f| {
            let related = f.related.iter().map(|s| s.slice(text).to_string()).collect();
            (f.rule, f.severity, f.span.slice(text).to_string(), related)
        })
        .collect()
}

fn one(text: &str) -> (&'static str, Severity, String, Vec<String>) {
    let mut found = claims(text);
    assert_eq!(found.len(), 1, "{text}: {found:#?}");
    found.remove(0)
}

#[test]
fn two_titles_before_one_name_are_possibly_both() {
    let text = "Chief Executive John Smith said sales rose. Later, Chairman John Smith said he was pleased.";
    assert_eq!(
        one(text),
        (
            "claims.title",
            Severity::Info,
            "Chairman".into(),
            vec!["Chief Executive".into()]
        )
    );
}

#[test]
fn two_roles_in_appositions_contradict() {
    let text = "John Smith, the chief executive of Acme, said sales rose. Smith, the company's finance director, added that costs fell.";
    assert_eq!(
        one(text),
        (
            "claims.title",
            Severity::Warning,
            "finance director".into(),
            vec!["chief executive".into()]
        )
    );
    let text = "Anna Berg, the port's finance director, spoke. Berg, the head coach, agreed.";
    assert_eq!(one(text).2, "head coach");
}

#[test]
fn an_event_mentioned_again_with_another_date() {
    let text = "Ministers will hold a meeting in New York City on December 18. Diplomats said the New York meeting on December 19 would be the last before the vote.";
    assert_eq!(
        one(text),
        (
            "claims.event",
            Severity::Warning,
            "December 19".into(),
            vec!["December 18".into()]
        )
    );
}

#[test]
fn a_count_stated_twice() {
    let text = "Acme sold 3,000 cars in March. Its sales chief said Acme sold 4,500 cars in March.";
    assert_eq!(
        one(text),
        (
            "claims.statement",
            Severity::Warning,
            "4,500".into(),
            vec!["3,000".into()]
        )
    );
}

#[test]
fn a_statement_denied() {
    let text = "The club has confirmed the signing. A spokesman said the club has not confirmed the signing.";
    let (code, severity, at, related) = one(text);
    assert_eq!(
        (code, severity, at.as_str()),
        ("claims.statement", Severity::Warning, "not")
    );
    assert_eq!(related, ["confirmed"]);
}

#[test]
fn an_age_after_an_opening_adverb() {
    let text = "Sergei Lavrov, 65, arrived. Later Lavrov, 66, told reporters he was tired.";
    assert_eq!(
        one(text),
        ("claims.age", Severity::Warning, "66".into(), vec!["65".into()])
    );
}

#[test]
fn what_is_not_a_contradiction_is_silent() {
    for text in [
        "Police said 200 people marched; organisers said 1,000 did.",
        "Jane Doe, the chairman and chief executive, spoke. Ms Doe, the chief executive, took questions.",
        "Former finance director Jane Doe is now chief executive.",
        "Sales rose 12% and profit rose 15%.",
        "John Smith, the chief executive of Acme, spoke. His brother, Tom Smith, the finance director, agreed.",
        "The blast in Kabul killed 12 people. A second blast in Herat killed 3 people.",
        "Franklin Reed, the chief executive, spoke. Reed, the head of the firm, agreed.",
        "He was elected in 2010. He was elected again in 2015 by a wider margin.",
    ] {
        assert_eq!(claims(text), [], "{text}");
    }
}
