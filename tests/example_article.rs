//! The article claimlint started from: one finding for each slip in it,
//! and nothing on what an editor would leave alone.

use claimlint::finding::Span;
use claimlint::rules::Pack;
use claimlint::source::Source;
use claimlint::Checker;

const ARTICLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kerry-lavrov.txt");

#[test]
fn one_finding_per_slip_each_with_a_fix() {
    let source = Source::read(ARTICLE.as_ref()).unwrap();
    let findings = Checker::new(Pack::builtin().unwrap()).check(&source);
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f.rule, f.span.slice(&source.text)))
        .collect();
    assert_eq!(
        found,
        [
            ("naming.title", "State Secretary"),
            ("naming.abbreviation", "U.S."),
            ("naming.variant", "Sergey Lavrov"),
            ("style.substitution", "Kiev"),
            ("terms.hyphenation", "air strikes"),
            ("naming.entity", "ISIS"),
            ("terms.hyphenation", "ceasefire"),
            ("naming.entity", "Russia"),
        ]
    );
    assert!(findings.iter().all(|f| f.fix.is_some()));
}

#[test]
fn nothing_an_editor_would_leave_alone_is_touched() {
    let source = Source::read(ARTICLE.as_ref()).unwrap();
    let text = &source.text;
    let findings = Checker::new(Pack::builtin().unwrap()).check(&source);
    let mut touched: Vec<Span> = Vec::new();
    for f in &findings {
        touched.push(f.span);
        touched.extend(&f.related);
        touched.extend(f.fix.iter().flat_map(|fix| fix.edits.iter().map(|e| e.span)));
    }
    let every = |needle: &str| -> Vec<Span> {
        text.match_indices(needle)
            .map(|(i, m)| Span::new(i, i + m.len()))
            .collect()
    };
    let mut protected = every("USA TODAY");
    protected.extend(every("Tuesday, Dec. 15, 2015"));
    protected.extend(every("Free Syrian Army (FSA)"));
    // "Russian" alone, not the start of "Russian Federation".
    protected.extend(
        every("Russian")
            .into_iter()
            .filter(|s| !text[s.start..].starts_with("Russian Federation")),
    );
    // "Kerry" and "Lavrov" after the full name was given.
    for surname in ["Kerry", "Lavrov"] {
        protected.extend(every(surname).into_iter().filter(|s| {
            let before = &text[..s.start];
            !before.ends_with("John ") && !before.ends_with("Sergei ") && !before.ends_with("Sergey ")
        }));
    }
    for p in &protected {
        for t in &touched {
            assert!(!p.overlaps(*t), "{:?} is touched by a finding", p.slice(text));
        }
    }
}
