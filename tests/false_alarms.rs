//! False alarms found by running claimlint over published news, each
//! retold in a sentence or two of our own. None of these texts may produce
//! a finding.

use claimlint::rules::Pack;
use claimlint::source::{Format, Source};
use claimlint::Checker;

fn findings(text: &str) -> Vec<String> {
    let checker = Checker::new(Pack::builtin().unwrap());
    let source = Source::new("draft.txt", text, Format::Text);
    checker
        .check(&source)
        .iter()
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect()
}

#[track_caller]
fn quiet(text: &str) {
    assert_eq!(findings(text), Vec::<String>::new(), "on {text:?}");
}

#[test]
fn honorifics_of_different_people_are_not_one_title_worded_two_ways() {
    quiet(
        "Mr Hale said the budget was fair. Ms Ortiz disagreed, and Dr Okafor stayed silent. Mrs Hale left.",
    );
}

#[test]
fn a_spokesman_and_a_spokeswoman_are_two_people() {
    quiet(
        "A spokesman for the firm declined to comment. A spokeswoman for the union said talks would go on.",
    );
}

#[test]
fn two_short_words_are_not_a_closed_compound() {
    quiet("The firm sold an asset. The plan, as set out in May, was dropped.");
    quiet("Asian markets fell. The deal, as Ian Brown put it, was dead.");
    quiet("It was the first time. Nobody called it thefirst.");
}

#[test]
fn a_company_name_in_title_case_is_not_the_common_noun() {
    quiet("Delta Air Lines cut fares. Other airlines followed.");
}

#[test]
fn a_country_abbreviation_inside_a_company_name_is_not_the_country() {
    quiet("The US regulator fined T-Mobile USA. US officials said Yukos USA had filed for bankruptcy.");
    quiet("US debt fell. T-Mobile USA, the firm's American arm, grew.");
}

#[test]
fn a_phrasal_verb_is_not_its_noun() {
    quiet("Rivals tried to take over the bank. The takeover was blocked. Staff were laid off after the layoff talks.");
}

#[test]
fn a_compound_adjective_beside_its_noun_phrase_is_right() {
    quiet("It is a long-term plan. In the long term, it pays.");
}

#[test]
fn the_same_name_in_capitals_is_not_a_variant() {
    quiet("SERGEI LAVROV VISITS MOSCOW\n\nSergei Lavrov arrived on Monday.");
}

#[test]
fn a_headline_may_use_an_acronym_the_story_then_defines() {
    quiet(
        "Carmaker recalls cars as GM faces inquiry\n\nGeneral Motors (GM) is recalling 1,000 cars, GM said.",
    );
}

#[test]
fn the_old_name_as_a_gloss_after_the_new_one_is_no_slip() {
    quiet("The two sides agreed to reopen consulates in Lahore and Mumbai (Bombay).");
}

#[test]
fn bodies_that_speak_are_not_people_named_by_surname() {
    quiet("Police said the road would reopen. Strathclyde Police asked drivers to wait.");
    quiet("Bank of America announced a loss. Remittances to Latin America rose.");
}

#[test]
fn a_surname_already_given_in_a_longer_name_is_a_later_reference() {
    quiet("Fellow guest Ruth Kelly MP was there. Ms Kelly, a minister, left early.");
}
