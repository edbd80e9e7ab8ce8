//! The word lists the tokenizer looks words up in: month and weekday names,
//! known abbreviations and common sentence openers.

use super::Weekday;

/// Short month names, as abbreviations are written (May has none).
const SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// A month name as written in a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct MonthName {
    /// 1..=12.
    pub number: u8,
    /// `Dec` rather than `December` (it may take a period).
    pub short: bool,
}

/// `word` in lower case when it is 3 to 9 ASCII letters starting with a
/// capital (`December`, `DEC`), the only shape a month or weekday name has;
/// `None` otherwise, cheaply, since most words are looked up and are not.
fn folded(word: &str) -> Option<([u8; 9], usize)> {
    let bytes = word.as_bytes();
    if !(3..=9).contains(&bytes.len()) || !bytes.first().is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    let mut buf = [0u8; 9];
    for (slot, &b) in buf.iter_mut().zip(bytes) {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        *slot = b.to_ascii_lowercase();
    }
    Some((buf, bytes.len()))
}

/// The month a capitalized word names, full (`December`) or short (`Dec`).
pub(super) fn month(word: &str) -> Option<MonthName> {
    if !matches!(
        word.as_bytes().first(),
        Some(b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D')
    ) {
        return None;
    }
    let (buf, len) = folded(word)?;
    let full = |number| Some(MonthName { number, short: false });
    let short = |number| Some(MonthName { number, short: true });
    match &buf[..len] {
        b"january" => full(1),
        b"february" => full(2),
        b"march" => full(3),
        b"april" => full(4),
        b"may" => full(5),
        b"june" => full(6),
        b"july" => full(7),
        b"august" => full(8),
        b"september" => full(9),
        b"october" => full(10),
        b"november" => full(11),
        b"december" => full(12),
        b"jan" => short(1),
        b"feb" => short(2),
        b"mar" => short(3),
        b"apr" => short(4),
        b"jun" => short(6),
        b"jul" => short(7),
        b"aug" => short(8),
        b"sep" | b"sept" => short(9),
        b"oct" => short(10),
        b"nov" => short(11),
        b"dec" => short(12),
        _ => None,
    }
}

/// The weekday a capitalized full name names (`Tuesday`, `TUESDAY`).
pub(super) fn weekday(word: &str) -> Option<Weekday> {
    if word.len() < 6 || !word.ends_with(['y', 'Y']) {
        return None;
    }
    let (buf, len) = folded(word)?;
    match &buf[..len] {
        b"monday" => Some(Weekday::Monday),
        b"tuesday" => Some(Weekday::Tuesday),
        b"wednesday" => Some(Weekday::Wednesday),
        b"thursday" => Some(Weekday::Thursday),
        b"friday" => Some(Weekday::Friday),
        b"saturday" => Some(Weekday::Saturday),
        b"sunday" => Some(Weekday::Sunday),
        _ => None,
    }
}

/// How a known abbreviation behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AbbreviationClass {
    /// Comes before a name or a place: `Mr.`, `Gen.`, `St.`, `vs.`. Never
    /// ends a sentence.
    Title,
    /// A short month name: `Dec.`. Never ends a sentence.
    Month,
    /// Comes after a name or ends a list: `Inc.`, `Jr.`, `etc.`, AP state
    /// names (`Calif.`). Ends a sentence before a sentence opener.
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
        "Mr" | "Mrs" | "Ms" | "Messrs" | "Mme" | "Dr" | "Prof" | "Rev" | "Fr" | "Hon" | "Pres" | "Gov"
        | "Sen" | "Rep" | "Amb" | "Gen" | "Lt" | "Col" | "Maj" | "Capt" | "Cmdr" | "Adm" | "Brig" | "Sgt"
        | "Cpl" | "Pvt" | "Supt" | "Insp" | "Det" | "St" | "Mt" | "Ft" | "Ave" | "Blvd" | "Dept" | "Univ"
        | "vs" | "approx" | "cf" => Some(C::Title),
        "Inc" | "Corp" | "Ltd" | "Co" | "Bros" | "Jr" | "Sr" | "Esq" | "etc" => Some(C::Closing),
        // AP style state names: they follow a city ("Springfield, Ill.").
        "Ala" | "Ariz" | "Ark" | "Calif" | "Colo" | "Conn" | "Del" | "Fla" | "Ga" | "Ill" | "Ind" | "Kan"
        | "Ky" | "La" | "Md" | "Mass" | "Mich" | "Minn" | "Miss" | "Mo" | "Mont" | "Neb" | "Nev" | "Okla"
        | "Ore" | "Pa" | "Tenn" | "Vt" | "Va" | "Wash" | "Wis" | "Wyo" => Some(C::Closing),
        "No" => Some(C::Numero),
        "Mon" => weekday(Weekday::Monday, true),
        "Tue" | "Tues" => weekday(Weekday::Tuesday, false),
        "Wed" => weekday(Weekday::Wednesday, false),
        "Thu" | "Thur" | "Thurs" => weekday(Weekday::Thursday, false),
        "Fri" => weekday(Weekday::Friday, false),
        "Sat" => weekday(Weekday::Saturday, true),
        "Sun" => weekday(Weekday::Sunday, true),
        _ if SHORT_MONTHS.contains(&word) => Some(C::Month),
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

/// True for a capitalized adverb that opens a sentence before a name
/// ("Later Lavrov said", "Yesterday Smith said") and is never part of it.
pub fn is_opening_adverb(word: &str) -> bool {
    matches!(
        word,
        "Later"
            | "Earlier"
            | "Meanwhile"
            | "Yesterday"
            | "Today"
            | "Tonight"
            | "Tomorrow"
            | "Now"
            | "Then"
            | "Also"
            | "However"
            | "Afterwards"
            | "Afterward"
            | "Previously"
            | "Separately"
            | "Instead"
            | "Finally"
            | "Recently"
            | "Initially"
            | "Subsequently"
            | "Eventually"
            | "Originally"
            | "Still"
            | "Nevertheless"
            | "Nonetheless"
            | "Moreover"
            | "Indeed"
            | "Only"
            | "Even"
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
    fn every_short_month_abbreviation_is_a_short_month() {
        for name in SHORT_MONTHS {
            assert_eq!(abbreviation(name), Some(AbbreviationClass::Month));
            assert!(month(name).is_some_and(|m| m.short), "{name}");
        }
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
