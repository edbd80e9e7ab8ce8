//! The parts of a story (headline, standfirst, captions, pull quotes) are
//! read like the body and compared with it: a finding names the part, and
//! display copy's own style (surnames, "5m", no full stop) is no slip.

mod common;

use std::path::Path;

use claimlint::rules::Pack;
use claimlint::source::{Format, Source};
use claimlint::Checker;

fn checker() -> Checker {
    Checker::new(Pack::builtin().unwrap())
}

/// The pretty report of a fixture draft under `tests/fixtures/parts`.
fn pretty(name: &str) -> (Vec<&'static str>, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/parts")
        .join(name);
    let mut source = Source::read(&path).unwrap();
    source.path = format!("tests/fixtures/parts/{name}");
    let findings = checker().check(&source);
    let rules = findings.iter().map(|f| f.rule).collect();
    (rules, common::pretty(source, findings))
}

fn messages(text: &str, format: Format) -> Vec<(&'static str, String)> {
    let path = if format == Format::Markdown {
        "d.md"
    } else {
        "d.txt"
    };
    checker()
        .check(&Source::new(path, text, format))
        .into_iter()
        .map(|f| (f.rule, f.message))
        .collect()
}

#[test]
fn each_part_is_compared_with_the_body_and_named() {
    let (rules, text) = pretty("story.md");
    // The headline's toll, the standfirst's sum, the caption's spelling,
    // the pull quote's spelling.
    assert_eq!(
        rules,
        [
            "claims.headline",
            "claims.headline",
            "naming.variant",
            "naming.variant"
        ],
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn display_copy_in_its_own_style_is_quiet() {
    let (rules, text) = pretty("quiet.md");
    assert!(rules.is_empty(), "{text}");
    // A caption may use the acronym and the surname the body then gives
    // in full.
    let draft = "# Rebels regroup near Aleppo\n\n\
                 Rebels say they will hold the town, as a long siege is feared\n\n\
                 ![Kowalenko in Aleppo](a.jpg)\n\n*Kowalenko with the FSA at the front*\n\n\
                 The Free Syrian Army (FSA) regrouped on Monday. Economist Ivan Kowalenko said \
                 the siege could last months. Kowalenko said food was short.\n";
    assert_eq!(messages(draft, Format::Markdown), vec![]);
}

#[test]
fn a_caption_toll_is_compared_with_the_body() {
    let draft = "# Blast at Leeds factory\n\n![The factory](f.jpg)\n\n\
                 *Firefighters at the site, where three people died*\n\n\
                 Four people were killed in an explosion at the factory on Monday, police said.\n";
    assert_eq!(
        messages(draft, Format::Markdown),
        vec![(
            "claims.headline",
            "the caption says three dead, the body says four, line 7".to_string()
        )]
    );
}

#[test]
fn a_plain_text_headline_names_its_part_and_the_body_alone_does_not() {
    let headline = "Gadaffi son held in Tripoli\n\n\
                    Colonel Muammar Gaddafi's son was held on Monday, officials said. \
                    Colonel Gaddafi's lawyers said nothing.\n";
    assert_eq!(
        messages(headline, Format::Text),
        vec![(
            "naming.variant",
            "\"Gadaffi\" and \"Gaddafi\" look like one name spelt two ways: the headline writes \
             \"Gadaffi\", the body \"Gaddafi\" (line 3); use \"Gaddafi\" (used most, 2 times)"
                .to_string()
        )]
    );
    let body = "Son held in Tripoli\n\n\
                Colonel Muammar Gadaffi's son was held on Monday, officials said. \
                Colonel Gaddafi's lawyers said nothing. Gaddafi himself died in 2011.\n";
    assert_eq!(
        messages(body, Format::Text),
        vec![(
            "naming.variant",
            "\"Gadaffi\" and \"Gaddafi\" look like one name spelt two ways; use \"Gaddafi\" \
             (used most, 2 times)"
                .to_string()
        )]
    );
}

#[test]
fn a_headline_with_a_question_mark_is_still_the_headline() {
    // The first line over a blank line is the headline though it ends in
    // "?": the acronym it uses is defined below.
    let draft = "Can the FSA hold Aleppo?\n\n\
                 The Free Syrian Army (FSA) regrouped on Monday, officials said.\n";
    assert_eq!(messages(draft, Format::Text), vec![]);
}
