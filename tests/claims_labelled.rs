//! A labelled set of short passages: half with one planted contradiction,
//! half consistent controls (hedges, changes over time, former titles, two
//! people with one surname, two incidents). Prints precision and recall per
//! attribute; fails if recall drops below 0.9 or any control is flagged.

use std::collections::BTreeMap;

use claimlint::rules::Pack;
use claimlint::source::{Format, Source};
use claimlint::Checker;

/// (the rule the passage must trigger, or None for a control; the passage)
const PASSAGES: &[(Option<&str>, &str)] = &[
    // Quotations: two speakers, or one speaker in two wordings.
    (
        Some("claims.quotation"),
        "\"We will not back down on this policy,\" said John Smith. Mary Jones told MPs: \"We will not back down on this policy.\"",
    ),
    (
        Some("claims.quotation"),
        "\"Our exports will grow by a tenth next year,\" Anna Berg said. Later Ms Berg said: \"Our exports will grow by a fifth next year.\"",
    ),
    (
        Some("claims.quotation"),
        "\"The talks were frank and useful for both sides,\" said Pedro Alves. According to Alves, \"the talks were frank and very useful for both sides\".",
    ),
    (
        None,
        "\"We will not back down on this policy,\" said John Smith. \"We will not back down on this policy,\" Mr Smith said again.",
    ),
    (
        None,
        "\"Our exports will grow by a tenth next year,\" Anna Berg said. \"Our exports will grow,\" she added.",
    ),
    (
        None,
        "Anna Berg said exports would grow by a fifth next year. \"Our exports will grow by a tenth next year,\" Ms Berg said.",
    ),
    (
        None,
        "The deal is a \"safe haven\" for investors, said John Smith. Mary Jones called it a \"safe haven\" as well.",
    ),
    (
        None,
        "\"We will not back down on this policy,\" said John Smith. Mary Jones said: \"He told me 'we will not back down on this policy' twice.\"",
    ),
    // Ages.
    (Some("claims.age"), "Lena Vogt, 41, founded the bakery. Vogt, 44, was praised for it."),
    (Some("claims.age"), "The 38-year-old Omar Haddad won the race. Haddad, 39, said he would retire."),
    (Some("claims.age"), "Judge Ruth Mbeki (62) opened the inquiry. Mbeki, aged 65, said it would take a year."),
    (Some("claims.age"), "Piotr Nowak, 70, chairs the board. Later in the meeting, Nowak, who is 72, spoke again."),
    (None, "Lena Vogt, 41, founded the bakery in 2009. Vogt, 41, now runs three shops."),
    (None, "Lena Vogt, 41, runs the bakery. Her brother, Karl Vogt, 45, runs the mill."),
    (None, "Omar Haddad, 38, won the race. He turned 39 a week later, and Haddad, who is now 39, retired."),
    // Births.
    (Some("claims.birth"), "On 2 March 2020, Ines Duarte, 50, opened the museum. Duarte was born in 1961."),
    (Some("claims.birth"), "Tariq Aziz was born in 1950. Tariq Aziz, born in 1953, spoke on 5 June 2020."),
    (None, "On 2 March 2020, Ines Duarte, 50, opened the museum. Duarte was born in 1969."),
    (None, "Ines Duarte was born in 1969. She opened the museum on 2 March 2020."),
    // Titles.
    (Some("claims.title"), "Finance Minister Paul Okoro presented the budget. Defence Minister Paul Okoro then left."),
    (
        Some("claims.title"),
        "Interior Minister Sara Klein spoke first. Hours later, Foreign Minister Sara Klein spoke again.",
    ),
    (Some("claims.title"), "Prime Minister Eva Lund met the unions. President Eva Lund promised to return."),
    (None, "Finance Minister Paul Okoro presented the budget. Okoro, the finance minister, then left."),
    (None, "Former Finance Minister Paul Okoro, now Defence Minister Paul Okoro, spoke."),
    (None, "Finance Minister Paul Okoro spoke. Defence Minister Grace Okoro, his sister, agreed."),
    (None, "Prime Minister Eva Lund spoke. Mrs Lund later met the unions, and Dr Lund, her husband, agreed."),
    // Counts.
    (Some("claims.count"), "The blast killed 12 people. Police said 15 people were killed in the blast."),
    (Some("claims.count"), "The crash injured 30 people. Officials said 40 people were injured."),
    (Some("claims.count"), "Four people were killed in the blast. Police said six people were killed in the blast."),
    (Some("claims.count"), "The fire killed at least 20 people. A spokesman said 12 people died in the fire."),
    (Some("claims.count"), "The storm killed 8 people, officials said. By their count, 6 people were killed."),
    (None, "The blast killed at least 12 people. Police said 15 people were killed in the blast."),
    (None, "The blast killed 12 people. The death toll later rose to 15."),
    (None, "The earthquake killed about 300 people. In 1998 a flood killed 40 people."),
    (None, "The crash injured 12 to 15 people. Officials said 14 people were injured."),
    (None, "The blast in Kabul killed 12 people. A second blast in Herat killed 3 people."),
    // Events.
    (
        Some("claims.event"),
        "The summit will take place in Geneva on March 3. Leaders will fly to the summit in Geneva on March 4.",
    ),
    (
        Some("claims.event"),
        "The summit will take place in Geneva on March 3. The March 3 summit in Vienna is sold out.",
    ),
    (Some("claims.event"), "The hearing in Leeds is on June 9. Lawyers said the hearing in Leeds on June 10 was public."),
    (Some("claims.event"), "The vote in Lyon is on Sunday, June 7, 2026. The vote in Lyon on Saturday drew crowds."),
    (
        None,
        "The summit will take place in Geneva on March 3. The March 3 summit in Geneva is sold out.",
    ),
    (None, "A summit in Geneva on March 3 failed. Another summit in Geneva on March 9 succeeded."),
    (None, "The hearing in Leeds is on June 9. The next hearing in Leeds is on June 30."),
    (None, "The vote in Lyon is on Sunday, June 7, 2026. The vote in Lyon on Sunday drew crowds."),
    // Weekdays.
    (Some("claims.weekday"), "The vote was held on Wednesday, Dec. 15, 2015."),
    (Some("claims.weekday"), "The court sits on Thursday (March 3, 2023)."),
    (Some("claims.weekday"), "Results are due on 2024-06-04 (Monday)."),
    // Relative dates, counted from a dateline.
    (
        Some("claims.relative_date"),
        "LONDON, Tuesday 4 March 2025 - The talks ended yesterday, on Tuesday, officials said.",
    ),
    (
        Some("claims.relative_date"),
        "MADRID, 14 June 2023 - The bill passed last month, in April, and takes effect tomorrow.",
    ),
    (
        Some("claims.relative_date"),
        "KYIV, Friday 7 February 2025 - Two drones struck the port three days ago (February 2).",
    ),
    (
        Some("claims.relative_date"),
        "ROME, 2 January 2025 - Turnout fell last year, in 2023, the ministry said.",
    ),
    (None, "LONDON, Tuesday 4 March 2025 - The talks ended yesterday, on Monday, officials said."),
    (None, "The talks ended yesterday, on Tuesday, officials said."),
    (None, "LONDON, Thursday 2 January 2025 - The strike began last week, on December 30."),
    (None, "LONDON, Tuesday 4 March 2025 - Talks held last week, on Thursday and Friday, were cordial."),
    (None, "LONDON, Tuesday 4 March 2025 - \"We met yesterday, on Friday,\" the envoy said."),
    (None, "LONDON, Tuesday 4 March 2025 - He told BBC Radio 4's Today on Friday that he would stay."),
    // A headline's number against the body's.
    (
        Some("claims.headline"),
        "Three dead as storm hits coast\n\nTwo people died when trees fell on their cars, police said.",
    ),
    (
        Some("claims.headline"),
        "Train crash injures 20\n\nTwelve people were injured in the crash near Carlisle.",
    ),
    (
        Some("claims.headline"),
        "Airline agrees $4bn Boeing deal\n\nThe airline agreed to buy 70 aircraft in a deal worth $4m.",
    ),
    (
        None,
        "Three dead as storm hits coast\n\nThree people died when trees fell on their cars, police said.",
    ),
    (
        None,
        "Dozens hurt in train crash\n\nTwelve people were injured in the crash near Carlisle.",
    ),
    (
        None,
        "Airline agrees $4bn Boeing deal\n\nThe airline agreed to buy 70 aircraft in a deal worth $4.2bn.",
    ),
    // Legal status, in the words of court reports.
    (
        Some("claims.legal_status"),
        "Paul Reid, 29, was charged with murder. Mr Reid was found guilty of murder at Leeds Crown Court.",
    ),
    (
        Some("claims.legal_status"),
        "Anne Cole is accused of fraud. Police said convicted fraudster Anne Cole had left the country.",
    ),
    (
        Some("claims.legal_status"),
        "Dean Hart was convicted of assault. Hart, who was acquitted of all charges, left the court.",
    ),
    (
        Some("claims.legal_status"),
        "Lee Moss, who denies the charges, appeared in court. Moss pleaded guilty to arson.",
    ),
    (None, "Paul Reid was charged with murder in May. Mr Reid was later found guilty of murder."),
    (None, "Dean Hart was convicted of assault and acquitted of robbery. Hart was cleared of robbery."),
    (None, "Anne Cole is accused of fraud. If convicted, Anne Cole faces up to ten years in prison."),
    (None, "Lee Moss, who has previous convictions for theft, was charged with burglary on Monday."),
    (None, "Anne Cole is accused of fraud. \"Anne Cole was convicted of fraud once,\" he said."),
    (None, "Anne Cole is accused of fraud. Fraudsters often target the elderly, police said."),
    (Some("claims.weekday"), "The talks ended on Monday 15 December 2015."),
    (None, "The vote was held on Tuesday, Dec. 15, 2015."),
    (None, "The court sits on Friday (March 3, 2023) and again on Friday, March 10, 2023."),
    (None, "Results are due on 2024-06-04 (Tuesday)."),
    (None, "The talks ended on Tuesday 15 December 2015."),
    (None, "The talks begin on Tuesday, December 15."),
];

#[test]
fn precision_and_recall_per_attribute() {
    let checker = Checker::new(Pack::builtin().unwrap());
    // attribute -> (true positives, false positives, false negatives)
    let mut score: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut flagged_controls = Vec::new();
    let mut missed = Vec::new();
    for &(expected, text) in PASSAGES {
        let source = Source::new("passage.txt", text, Format::Text);
        let found: Vec<&str> = checker
            .check(&source)
            .iter()
            .map(|f| f.rule)
            .filter(|r| r.starts_with("claims."))
            .collect();
        match expected {
            Some(rule) => {
                let entry = score.entry(rule).or_default();
                if found.contains(&rule) {
                    entry.0 += 1;
                } else {
                    entry.2 += 1;
                    missed.push(text);
                }
                for other in found.iter().filter(|&&r| r != rule) {
                    score.entry(other).or_default().1 += 1;
                }
            }
            None => {
                for rule in &found {
                    score.entry(rule).or_default().1 += 1;
                }
                if !found.is_empty() {
                    flagged_controls.push((text, found));
                }
            }
        }
    }
    let planted = PASSAGES.iter().filter(|p| p.0.is_some()).count();
    assert!(
        planted >= 20 && PASSAGES.len() - planted >= 20,
        "the set needs 20 of each"
    );
    println!("{:<16} {:>9} {:>6}", "attribute", "precision", "recall");
    for (rule, (tp, fp, fn_)) in &score {
        let precision = *tp as f64 / (tp + fp).max(1) as f64;
        let recall = *tp as f64 / (tp + fn_).max(1) as f64;
        println!("{rule:<16} {precision:>9.2} {recall:>6.2}");
        assert!(
            recall >= 0.9,
            "{rule}: recall {recall:.2} below 0.9; missed: {missed:#?}"
        );
    }
    assert!(
        flagged_controls.is_empty(),
        "controls flagged: {flagged_controls:#?}"
    );
}
