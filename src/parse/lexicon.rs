//! The word lists the tokenizer looks words up in: month and weekday names,
//! known abbreviations and common sentence openers.

use super::Weekday;

/// Full month names, January first.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Short month names and their numbers (May has none).
const SHORT_MONTHS: [(&str, u8); 12] = [
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Sept", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

/// Full weekday names, Monday first.
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Monday),
    ("Tuesday", Weekday::Tuesday),
    ("Wednesday", Weekday::Wednesday),
    ("Thursday", Weekday::Thursday),
    ("Friday", Weekday::Friday),
    ("Saturday", Weekday::Saturday),
    ("Sunday", Weekday::Sunday),
];

/// A month name as written in a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct MonthName {
    /// 1..=12.
    pub number: u8,
    /// `Dec` rather than `December` (it may take a period).
    pub short: bool,
}

/// True when `word` is `name` with a capital first letter, in any case
/// after it (`December`, `DECEMBER`; not `december`).
fn spells(word: &str, name: &str) -> bool {
    word.len() == name.len()
        && word.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && word.eq_ignore_ascii_case(name)
}

/// The month a capitalized word names, full (`December`) or short (`Dec`).
pub(super) fn month(word: &str) -> Option<MonthName> {
    if !(3..=9).contains(&word.len()) {
        return None;
    }
    if let Some(i) = MONTHS.iter().position(|name| spells(word, name)) {
        // `i` < 12, so the cast cannot truncate.
        return Some(MonthName {
            number: i as u8 + 1,
            short: false,
        });
    }
    SHORT_MONTHS
        .iter()
        .find(|(name, _)| spells(word, name))
        .map(|&(_, number)| MonthName {
            number,
            short: true,
        })
}

/// The weekday a capitalized full name names (`Tuesday`, `TUESDAY`).
pub(super) fn weekday(word: &str) -> Option<Weekday> {
    if !(6..=9).contains(&word.len()) {
        return None;
    }
    WEEKDAYS
        .iter()
        .find(|(name, _)| spells(word, name))
        .map(|&(_, day)| day)
}

/// How a known abbreviation behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AbbreviationClass {
    /// Comes before a name or a place: `Mr.`, `Gen.`, `St.`, `vs.`. Never
    /// ends a sentence.
    Title,
    /// A short month name: `Dec.`. Never ends a sentence.
    Month,
    /// Comes after a name or ends a list: `Inc.`, `Jr.`, `etc.`. Ends a
    /// sentence before a sentence opener.
    Closing,
    /// `No.`: an abbreviation only before a number.
    Numero,
    /// A short weekday name: `Tue.`. `needs_date` for those that are also
    /// common names (`Mon.`, `Sat.`, `Sun.`): they count only before a date.
    Weekday {
        /// The day named.
        day: Weekday,
        /// Only a weekday when a date follows.
        needs_date: bool,
    },
}

/// The class of a known abbreviation, given without its period; exact
/// case (`Mr`, `etc`).
pub(super) fn abbreviation(word: &str) -> Option<AbbreviationClass> {
    use AbbreviationClass as C;
    let weekday = |day, needs_date| Some(C::Weekday { day, needs_date });
    match word {
        "Mr" | "Mrs" | "Ms" | "Messrs" | "Mme" | "Dr" | "Prof" | "Rev" | "Fr" | "Hon" | "Pres"
        | "Gov" | "Sen" | "Rep" | "Amb" | "Gen" | "Lt" | "Col" | "Maj" | "Capt" | "Cmdr"
        | "Adm" | "Brig" | "Sgt" | "Cpl" | "Pvt" | "Supt" | "Insp" | "Det" | "St" | "Mt"
        | "Ft" | "Ave" | "Blvd" | "Dept" | "Univ" | "vs" | "approx" | "cf" => Some(C::Title),
        "Inc" | "Corp" | "Ltd" | "Co" | "Bros" | "Jr" | "Sr" | "Esq" | "etc" => Some(C::Closing),
        "No" => Some(C::Numero),
        "Mon" => weekday(Weekday::Monday, true),
        "Tue" | "Tues" => weekday(Weekday::Tuesday, false),
        "Wed" => weekday(Weekday::Wednesday, false),
        "Thu" | "Thur" | "Thurs" => weekday(Weekday::Thursday, false),
        "Fri" => weekday(Weekday::Friday, false),
        "Sat" => weekday(Weekday::Saturday, true),
        "Sun" => weekday(Weekday::Sunday, true),
        _ if SHORT_MONTHS.iter().any(|&(name, _)| name == word) => Some(C::Month),
        _ => None,
    }
}

/// True for a capitalized word that commonly starts a sentence and rarely
/// continues a name, so that `U.S.` before it ends a sentence.
pub(super) fn is_sentence_opener(word: &str) -> bool {
    matches!(
        word,
        "He" | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "You"
            | "The"
            | "A"
            | "An"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "His"
            | "Her"
            | "Its"
            | "Their"
            | "Our"
            | "But"
            | "And"
            | "Yet"
            | "So"
            | "In"
            | "On"
            | "At"
            | "As"
            | "If"
            | "When"
            | "After"
            | "However"
            | "Meanwhile"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_need_a_capital_and_know_their_short_forms() {
        let m = |number, short| Some(MonthName { number, short });
        assert_eq!(month("December"), m(12, false));
        assert_eq!(month("DECEMBER"), m(12, false));
        assert_eq!(month("May"), m(5, false));
        assert_eq!(month("Sept"), m(9, true));
        assert_eq!(month("Dec"), m(12, true));
        assert_eq!(month("december"), None);
        assert_eq!(month("Decembers"), None);
        assert_eq!(month("Ma"), None);
        assert_eq!(month(""), None);
    }

    #[test]
    fn weekdays_are_full_capitalized_names() {
        assert_eq!(weekday("Tuesday"), Some(Weekday::Tuesday));
        assert_eq!(weekday("SUNDAY"), Some(Weekday::Sunday));
        assert_eq!(weekday("tuesday"), None);
        assert_eq!(weekday("Tue"), None);
        assert_eq!(weekday("Tuesdays"), None);
    }

    #[test]
    fn abbreviations_have_classes() {
        use AbbreviationClass as C;
        assert_eq!(abbreviation("Mr"), Some(C::Title));
        assert_eq!(abbreviation("Dec"), Some(C::Month));
        assert_eq!(abbreviation("Sept"), Some(C::Month));
        assert_eq!(abbreviation("May"), None);
        assert_eq!(abbreviation("Inc"), Some(C::Closing));
        assert_eq!(abbreviation("No"), Some(C::Numero));
        assert_eq!(
            abbreviation("Sun"),
            Some(C::Weekday {
                day: Weekday::Sunday,
                needs_date: true
            })
        );
        assert_eq!(abbreviation("mr"), None);
        assert_eq!(abbreviation("Kerry"), None);
    }

    #[test]
    fn openers_are_a_closed_list() {
        assert!(is_sentence_opener("He"));
        assert!(is_sentence_opener("However"));
        assert!(!is_sentence_opener("Secretary"));
        assert!(!is_sentence_opener("he"));
    }
}
