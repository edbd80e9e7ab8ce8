//! Properties that hold for any input: parsing never panics, every span a
//! finding carries lies on character boundaries inside the file, applying
//! a fix changes nothing outside its edits, and the findings do not depend
//! on the segments a long draft is read in; and `learn` merges in any
//! grouping and order.

use claimlint::finding::{Applicability, Edit, Fix, Span};
use claimlint::learn::{archive, Counts, Tally};
use claimlint::rules::Pack;
use claimlint::source::{Format, Source};
use claimlint::Checker;
use jiff::civil::date;
use proptest::prelude::*;

/// Text that looks like news often enough to exercise the checks: words
/// and names from the rules, numbers, dates, quotes, punctuation and
/// arbitrary characters.
fn drafty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Russia".to_string()),
        Just("Russian Federation".to_string()),
        Just("U.S.".to_string()),
        Just("USA TODAY".to_string()),
        Just("Sergei Lavrov".to_string()),
        Just("Sergey Lavrov".to_string()),
        Just("cease-fire".to_string()),
        Just("ceasefire".to_string()),
        Just("Kiev".to_string()),
        Just("Tuesday, Dec. 15, 2015".to_string()),
        Just("Anna Berg, 54,".to_string()),
        Just("killed 12 people".to_string()),
        Just("“".to_string()),
        Just("’s".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just(". ".to_string()),
        "[a-zA-Z]{1,8}",
        "[0-9,.]{1,6}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.join(" "))
}

fn checker() -> &'static Checker {
    use std::sync::OnceLock;
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(Pack::builtin().unwrap()))
}

fn on_boundaries(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parsing_never_panics(text in any::<String>()) {
        for format in [Format::Text, Format::Markdown] {
            let source = Source::new("any", text.clone(), format);
            let parsed = claimlint::parse::parse(&source.text, &source.blocks);
            for token in &parsed.tokens {
                prop_assert!(on_boundaries(&source.text, token.span()));
            }
        }
    }

    #[test]
    fn every_span_lies_on_character_boundaries(text in drafty(), markdown in any::<bool>()) {
        let format = if markdown { Format::Markdown } else { Format::Text };
        let source = Source::new("draft", text, format);
        for finding in checker().check(&source) {
            prop_assert!(on_boundaries(&source.text, finding.span), "{finding:?}");
            for &span in &finding.related {
                prop_assert!(on_boundaries(&source.text, span), "{finding:?}");
            }
            for edit in finding.fix.iter().flat_map(|f| &f.edits) {
                prop_assert!(on_boundaries(&source.text, edit.span), "{finding:?}");
            }
        }
    }

    #[test]
    fn segments_change_no_finding(text in drafty(), markdown in any::<bool>(), bytes in 1usize..64) {
        let format = if markdown { Format::Markdown } else { Format::Text };
        let source = Source::new("draft", text, format);
        let whole = checker().check(&source);
        let segmented = Checker::new(checker().pack().clone()).with_segments(bytes);
        prop_assert_eq!(segmented.check(&source), whole);
    }

    #[test]
    fn fixing_then_checking_leaves_no_safe_fix(text in drafty(), markdown in any::<bool>()) {
        let format = if markdown { Format::Markdown } else { Format::Text };
        let source = Source::new("draft", text, format);
        let fixed = claimlint::fix::fix(&source, claimlint::fix::FixMode::Safe, |s| checker().check(s));
        let left: Vec<String> = fixed
            .findings
            .iter()
            .filter(|f| claimlint::fix::FixMode::Safe.fixes(f))
            .map(|f| format!("{}: {}", f.rule, f.message))
            .collect();
        prop_assert!(fixed.converged, "safe fixes left after fixing: {left:?}\non {:?}", fixed.source.text);
    }

    #[test]
    fn a_fix_changes_nothing_outside_its_edits(
        text in any::<String>(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), "[a-z]{0,4}"), 0..5),
    ) {
        let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let edits: Vec<Edit> = cuts
            .iter()
            .map(|(a, b, replacement)| {
                let (a, b) = (*a.get(&boundaries), *b.get(&boundaries));
                Edit { span: Span::new(a.min(b), a.max(b)), replacement: replacement.clone() }
            })
            .collect();
        let Some(fix) = Fix::new(Applicability::Safe, edits) else { return Ok(()) };
        let fixed = fix.apply(&text).expect("edits on boundaries apply");
        // Walk the text and the result together: outside the edits they are
        // the same bytes, inside each edit the result holds its replacement.
        let (mut at, mut out) = (0, 0);
        for edit in &fix.edits {
            let keep = &text[at..edit.span.start];
            prop_assert_eq!(&fixed[out..out + keep.len()], keep);
            out += keep.len();
            prop_assert_eq!(&fixed[out..out + edit.replacement.len()], edit.replacement.as_str());
            out += edit.replacement.len();
            at = edit.span.end;
        }
        prop_assert_eq!(&fixed[out..], &text[at..]);
    }
}

/// One article's counts: a few people and bodies from a small pool (so
/// that parts share names and spellings that fold alike), titles and ages
/// given to some of its people (ages only when dated, as `learn` keeps
/// them), and a date or none.
fn counts() -> impl Strategy<Value = Counts> {
    let person = prop::sample::select(vec![
        "Gurinder Chadha",
        "Gurinder Chada",
        "Sergei Lavrov",
        "Sergey Lavrov",
        "Mary Smith",
    ]);
    let body = prop::sample::select(vec![
        "Strathclyde Police",
        "Strathclyde Polise",
        "Leeds City Council",
    ]);
    let date = prop::option::of((2000i16..2025, 1i8..13, 1i8..29).prop_map(|(y, m, d)| date(y, m, d)));
    let title = prop::sample::select(vec!["chancellor", "russian foreign minister", "home secretary"]);
    let said = prop::collection::vec(
        (
            0usize..4,
            prop::option::of(title.prop_map(String::from)),
            30u8..80,
            1u64..4,
        ),
        0..4,
    );
    (
        date,
        prop::collection::btree_map(person.prop_map(String::from), 1u64..500, 0..4),
        prop::collection::btree_map(body.prop_map(String::from), 1u64..50, 0..3),
        said,
    )
        .prop_map(|(date, people, organisations, said)| {
            let mut counts = Counts {
                date,
                people,
                organisations,
                ..Counts::default()
            };
            let named: Vec<String> = counts.people.keys().cloned().collect();
            for (who, title, age, count) in said {
                let Some(person) = named.get(who % named.len().max(1)) else {
                    continue;
                };
                match title {
                    Some(title) => {
                        *counts
                            .titles
                            .entry(person.clone())
                            .or_default()
                            .entry(title)
                            .or_insert(0) += count;
                    }
                    None if date.is_some() => {
                        *counts
                            .ages
                            .entry(person.clone())
                            .or_default()
                            .entry(age)
                            .or_insert(0) += count;
                    }
                    None => {}
                }
            }
            counts
        })
}

fn tally_of(articles: &[Counts]) -> Tally {
    let mut tally = Tally::default();
    for counts in articles {
        tally.add(counts.clone());
    }
    tally
}

/// A tally written as a learned file and read back.
fn through_yaml(tally: &Tally) -> Tally {
    let file = claimlint::rules::parse_file("names.yaml", &archive::to_yaml(tally)).unwrap();
    archive::tally_of(file.archive.unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The merge of `learn` is associative and commutative, and a learned
    /// file loses nothing: an archive cut in three and merged in any
    /// grouping and order, or through learned files, gives the file the
    /// whole archive gives.
    #[test]
    fn learning_merges_in_any_grouping_and_order(
        articles in prop::collection::vec(counts(), 0..24),
        cuts in (0usize..25, 0usize..25),
    ) {
        let (i, j) = (cuts.0.min(cuts.1).min(articles.len()), cuts.0.max(cuts.1).min(articles.len()));
        let whole = tally_of(&articles);
        let (a, b, c) = (tally_of(&articles[..i]), tally_of(&articles[i..j]), tally_of(&articles[j..]));
        let merge = |x: &Tally, y: &Tally| {
            let mut m = x.clone();
            m.merge(y.clone());
            m
        };
        let left = merge(&merge(&a, &b), &c);
        let right = merge(&a, &merge(&b, &c));
        let turned = merge(&merge(&c, &a), &b);
        prop_assert_eq!(&left, &whole);
        prop_assert_eq!(&right, &whole);
        prop_assert_eq!(&turned, &whole);
        let files = merge(&merge(&through_yaml(&b), &through_yaml(&c)), &through_yaml(&a));
        prop_assert_eq!(&files, &whole);
        prop_assert_eq!(archive::to_yaml(&files), archive::to_yaml(&whole));
    }
}
