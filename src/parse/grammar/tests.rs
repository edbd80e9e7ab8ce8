//! Every grammar piece: what it accepts, what it leaves over, what it
//! refuses.

use super::*;

fn date(year: Option<i32>, month: u8, day: Option<u8>) -> DateValue {
    DateValue::new(year, Some(month), day).expect("a valid date")
}

#[test]
fn test_apostrophe() {
    assert_eq!(apostrophe("’s"), Ok(("s", '’')));
    assert_eq!(apostrophe("'s"), Ok(("s", '\'')));
    assert!(apostrophe("s").is_err());
    assert!(apostrophe("").is_err());
}

#[test]
fn test_possessive_s() {
    assert_eq!(possessive_s("’s visit"), Ok((" visit", "’s")));
    assert_eq!(possessive_s("'S,"), Ok((",", "'S")));
    assert_eq!(possessive_s("’s"), Ok(("", "’s")));
    assert!(possessive_s("’sa").is_err());
    assert!(possessive_s("’t").is_err());
    assert!(possessive_s("s").is_err());
}

#[test]
fn test_bare_apostrophe() {
    assert_eq!(bare_apostrophe("’ militaries"), Ok((" militaries", "’")));
    assert_eq!(bare_apostrophe("'"), Ok(("", "'")));
    assert!(bare_apostrophe("’s").is_err());
    assert!(bare_apostrophe("x").is_err());
}

#[test]
fn test_possessive() {
    assert_eq!(possessive(false)("’s visit"), Ok((" visit", "’s")));
    assert_eq!(possessive(true)("’s visit"), Ok((" visit", "’s")));
    assert_eq!(possessive(true)("’ militaries"), Ok((" militaries", "’")));
    assert!(possessive(false)("’ militaries").is_err());
    assert!(possessive(true)("’t").is_err());
}

#[test]
fn test_inner_apostrophe() {
    assert_eq!(inner_apostrophe("'t go"), Ok(("t go", '\'')));
    assert_eq!(inner_apostrophe("'Shea"), Ok(("Shea", '\'')));
    assert!(inner_apostrophe("’s visit").is_err());
    assert!(inner_apostrophe("’ x").is_err());
    assert!(inner_apostrophe("’").is_err());
}

#[test]
fn test_inner_joiner() {
    assert_eq!(inner_joiner("\u{ad}raine"), Ok(("raine", '\u{ad}')));
    assert!(inner_joiner("\u{ad} x").is_err());
    assert!(inner_joiner("a").is_err());
}

#[test]
fn test_inner_link() {
    assert_eq!(inner_link("'t"), Ok(("t", '\'')));
    assert_eq!(inner_link("\u{200d}x"), Ok(("x", '\u{200d}')));
    assert!(inner_link("’s").is_err());
    assert!(inner_link(" x").is_err());
}

#[test]
fn test_word_tail() {
    assert_eq!(word_tail("erry’s visit"), Ok(("’s visit", 0)));
    assert_eq!(word_tail("'Brien said"), Ok((" said", 1)));
    assert_eq!(word_tail("on't'nt x"), Ok((" x", 2)));
    assert_eq!(word_tail(""), Ok(("", 0)));
    assert_eq!(word_tail(" x"), Ok((" x", 0)));
}

#[test]
fn test_word() {
    assert_eq!(word("Kerry’s visit"), Ok(("’s visit", "Kerry")));
    assert_eq!(word("don't go"), Ok((" go", "don't")));
    assert_eq!(word("O'Brien."), Ok((".", "O'Brien")));
    assert_eq!(word("G20 summit"), Ok((" summit", "G20")));
    assert_eq!(word("Côte"), Ok(("", "Côte")));
    assert_eq!(word("Cote\u{302}d"), Ok(("", "Cote\u{302}d")));
    assert_eq!(word("Сергей Лавров"), Ok((" Лавров", "Сергей")));
    assert_eq!(word("Russian-backed"), Ok(("-backed", "Russian")));
    assert_eq!(word("Dec."), Ok((".", "Dec")));
    assert_eq!(word("powers’ x"), Ok(("’ x", "powers")));
    assert!(word("20G").is_err());
    assert!(word("’s").is_err());
    assert!(word("-a").is_err());
    assert!(word("").is_err());
}

#[test]
fn test_part() {
    assert_eq!(part("backed forces"), Ok((" forces", "backed")));
    assert_eq!(part("16 jets"), Ok((" jets", "16")));
    assert_eq!(part("19th-century"), Ok(("-century", "19th")));
    assert!(part("-x").is_err());
    assert!(part(" x").is_err());
}

#[test]
fn test_hyphen() {
    assert_eq!(hyphen("-backed"), Ok(("backed", '-')));
    assert_eq!(hyphen("\u{2011}x"), Ok(("x", '\u{2011}')));
    assert!(hyphen("–x").is_err());
    assert!(hyphen("—x").is_err());
}

#[test]
fn test_suspension() {
    assert_eq!(suspension("- and"), Ok((" and", '-')));
    assert_eq!(suspension("-"), Ok(("", '-')));
    assert!(suspension("-backed").is_err());
    assert!(suspension("-,").is_err());
}

#[test]
fn test_hyphen_tail() {
    let h = |joins, suspended| Hyphenation { joins, suspended };
    assert_eq!(hyphen_tail("-backed forces"), Ok((" forces", h(1, false))));
    assert_eq!(hyphen_tail("-year-old boy"), Ok((" boy", h(2, false))));
    assert_eq!(hyphen_tail("- and"), Ok((" and", h(0, true))));
    assert_eq!(hyphen_tail("-Russian- and"), Ok((" and", h(1, true))));
    assert_eq!(hyphen_tail("-, x"), Ok(("-, x", h(0, false))));
    assert_eq!(hyphen_tail(" x"), Ok((" x", h(0, false))));
}

#[test]
fn test_single_letter() {
    assert_eq!(single_letter("U.S."), Ok((".S.", 'U')));
    assert_eq!(single_letter("a"), Ok(("", 'a')));
    assert!(single_letter("US").is_err());
    assert!(single_letter("1.").is_err());
}

#[test]
fn test_initialism() {
    assert_eq!(initialism("U.S. Secretary"), Ok((" Secretary", "U.S.")));
    assert_eq!(initialism("U.S.A."), Ok(("", "U.S.A.")));
    assert_eq!(initialism("e.g., x"), Ok((", x", "e.g.")));
    assert_eq!(initialism("p.m. The"), Ok((" The", "p.m.")));
    assert_eq!(initialism("U.S"), Ok(("", "U.S")));
    assert!(initialism("J. Smith").is_err());
    assert!(initialism("Dr. X").is_err());
    assert!(initialism("U.Sa.").is_err());
    assert!(initialism("U").is_err());
}

#[test]
fn test_initial() {
    assert_eq!(initial("F. Kennedy"), Ok((" Kennedy", 'F')));
    assert!(initial("f. x").is_err());
    assert!(initial("F").is_err());
    assert!(initial("Fr.").is_err());
}

#[test]
fn test_date_ahead() {
    assert_eq!(
        date_ahead(", Dec. 15, 2015."),
        Ok((".", date(Some(2015), 12, Some(15))))
    );
    assert_eq!(date_ahead(" 15 Dec"), Ok(("", date(None, 12, Some(15)))));
    assert!(date_ahead(" He said").is_err());
    assert!(date_ahead(",Dec. 15").is_err());
}

#[test]
fn test_abbreviation() {
    use AbbreviationClass as C;
    assert_eq!(abbreviation("Mr. Kerry"), Ok((" Kerry", C::Title)));
    assert_eq!(abbreviation("Dec. 2015"), Ok((" 2015", C::Month)));
    assert_eq!(abbreviation("etc. The"), Ok((" The", C::Closing)));
    assert_eq!(abbreviation("No. 10"), Ok((" 10", C::Numero)));
    let tue = C::Weekday {
        day: Weekday::Tuesday,
        needs_date: false,
    };
    assert_eq!(abbreviation("Tue. x"), Ok((" x", tue)));
    let sun = C::Weekday {
        day: Weekday::Sunday,
        needs_date: true,
    };
    assert_eq!(abbreviation("Sun., Dec. 13"), Ok((", Dec. 13", sun)));
    assert!(abbreviation("Sun. The").is_err());
    assert!(abbreviation("No. Never").is_err());
    assert!(abbreviation("Kerry. He").is_err());
    assert!(abbreviation("Mr Kerry").is_err());
    assert!(abbreviation("May.").is_err());
}

#[test]
fn test_group() {
    assert_eq!(group(",000 people"), Ok((" people", "000")));
    assert_eq!(group(",000,000"), Ok((",000", "000")));
    assert!(group(",0000").is_err());
    assert!(group(",00").is_err());
    assert!(group("000").is_err());
}

#[test]
fn test_integer() {
    assert_eq!(integer("464,000 subscribers"), Ok((" subscribers", "464,000")));
    assert_eq!(integer("1,000,000."), Ok((".", "1,000,000")));
    assert_eq!(integer("2015,"), Ok((",", "2015")));
    assert_eq!(integer("1,2"), Ok((",2", "1")));
    assert_eq!(integer("1234,567"), Ok((",567", "1234")));
    assert!(integer("x1").is_err());
    assert!(integer(",000").is_err());
}

#[test]
fn test_number() {
    assert_eq!(number("1.13bn"), Ok(("bn", "1.13")));
    assert_eq!(number("76%"), Ok(("%", "76")));
    assert_eq!(number("3.5."), Ok((".", "3.5")));
    assert_eq!(number("2015."), Ok((".", "2015")));
    assert_eq!(number("1,"), Ok((",", "1")));
    assert!(number(".5").is_err());
    assert!(number("").is_err());
}

#[test]
fn test_gap() {
    assert_eq!(gap(" \u{a0}15"), Ok(("15", " \u{a0}")));
    assert!(gap("15").is_err());
}

#[test]
fn test_number_end() {
    assert_eq!(number_end(", 2015"), Ok((", 2015", ())));
    assert_eq!(number_end(""), Ok(("", ())));
    assert_eq!(number_end(". He"), Ok((". He", ())));
    assert!(number_end(",000").is_err());
    assert!(number_end(".5").is_err());
    assert!(number_end("x").is_err());
    assert!(number_end("0").is_err());
}

#[test]
fn test_day() {
    assert_eq!(day("15, 2015"), Ok((", 2015", 15)));
    assert_eq!(day("18."), Ok((".", 18)));
    assert_eq!(day("1st "), Ok((" ", 1)));
    assert_eq!(day("18th"), Ok(("", 18)));
    assert!(day("45").is_err());
    assert!(day("0").is_err());
    assert!(day("123").is_err());
    assert!(day("1,000").is_err());
    assert!(day("18x").is_err());
    assert!(day("x").is_err());
}

#[test]
fn test_year() {
    assert_eq!(year("2015."), Ok((".", 2015)));
    assert_eq!(year("2015"), Ok(("", 2015)));
    assert!(year("201").is_err());
    assert!(year("20155").is_err());
    assert!(year("2015s").is_err());
    assert!(year("2015.5").is_err());
}

#[test]
fn test_month() {
    assert_eq!(month("December 18"), Ok((" 18", 12)));
    assert_eq!(month("Dec. 15"), Ok((" 15", 12)));
    assert_eq!(month("Dec 15"), Ok((" 15", 12)));
    assert_eq!(month("Sept. 1"), Ok((" 1", 9)));
    assert_eq!(month("May. 1"), Ok((". 1", 5)));
    assert!(month("december 18").is_err());
    assert!(month("Decembers").is_err());
    assert!(month("Kerry").is_err());
}

#[test]
fn test_month_first_date() {
    assert_eq!(
        month_first_date("Dec. 15, 2015."),
        Ok((".", date(Some(2015), 12, Some(15))))
    );
    assert_eq!(
        month_first_date("December 18."),
        Ok((".", date(None, 12, Some(18))))
    );
    assert_eq!(
        month_first_date("December 2015 x"),
        Ok((" x", date(Some(2015), 12, None)))
    );
    assert_eq!(
        month_first_date("December 18 2015"),
        Ok(("", date(Some(2015), 12, Some(18))))
    );
    assert_eq!(
        month_first_date("December 18, and"),
        Ok((", and", date(None, 12, Some(18))))
    );
    assert_eq!(
        month_first_date("January 1 ceasefire"),
        Ok((" ceasefire", date(None, 1, Some(1))))
    );
    assert_eq!(month_first_date("February 29"), Ok(("", date(None, 2, Some(29)))));
    assert!(month_first_date("December 45").is_err());
    assert!(month_first_date("February 30").is_err());
    assert!(month_first_date("February 29, 2015").is_err());
    assert!(month_first_date("May 1,000 people").is_err());
    assert!(month_first_date("December").is_err());
    assert!(month_first_date("December.").is_err());
    assert!(month_first_date("may 5").is_err());
}

#[test]
fn test_day_first_date() {
    assert_eq!(
        day_first_date("15 December 2015."),
        Ok((".", date(Some(2015), 12, Some(15))))
    );
    assert_eq!(
        day_first_date("15 December, x"),
        Ok((", x", date(None, 12, Some(15))))
    );
    assert_eq!(
        day_first_date("1 Dec. 2015"),
        Ok(("", date(Some(2015), 12, Some(1))))
    );
    assert!(day_first_date("15 people").is_err());
    assert!(day_first_date("31 April").is_err());
    assert!(day_first_date("2015 December").is_err());
    assert!(day_first_date("15December").is_err());
}

#[test]
fn test_iso_date() {
    assert_eq!(iso_date("2015-12-15."), Ok((".", date(Some(2015), 12, Some(15)))));
    assert!(iso_date("2015-13-01").is_err());
    assert!(iso_date("2015-02-30").is_err());
    assert!(iso_date("2015-12-150").is_err());
    assert!(iso_date("2015-12").is_err());
    assert!(iso_date("15-12-2015").is_err());
}

#[test]
fn test_date() {
    assert_eq!(date_parser("Dec. 15"), Ok(("", date(None, 12, Some(15)))));
    assert_eq!(date_parser("15 Dec"), Ok(("", date(None, 12, Some(15)))));
    assert_eq!(
        date_parser("2015-12-15"),
        Ok(("", date(Some(2015), 12, Some(15))))
    );
    assert!(date_parser("15").is_err());
}

/// `date` the parser, not the test helper of the same name.
fn date_parser(input: &str) -> IResult<&str, DateValue> {
    super::date(input)
}

#[test]
fn test_weekday_name() {
    assert_eq!(weekday_name("Tuesday, Dec."), Ok((", Dec.", Weekday::Tuesday)));
    assert_eq!(weekday_name("Monday’s"), Ok(("’s", Weekday::Monday)));
    assert!(weekday_name("Mondays").is_err());
    assert!(weekday_name("tuesday").is_err());
}

#[test]
fn test_lettered() {
    use TokenKind as K;
    assert_eq!(lettered("U.S. Secretary"), Ok((" Secretary", K::Abbreviation)));
    assert_eq!(lettered("F. Kennedy"), Ok((" Kennedy", K::Initial)));
    assert_eq!(
        lettered("Dec. 15, 2015."),
        Ok((".", K::Date(date(Some(2015), 12, Some(15)))))
    );
    assert_eq!(lettered("Dec. x"), Ok((" x", K::Abbreviation)));
    assert_eq!(lettered("December 45"), Ok((" 45", K::Word)));
    assert_eq!(lettered("Tue. x"), Ok((" x", K::Weekday(Weekday::Tuesday))));
    assert_eq!(
        lettered("Tuesday, Dec."),
        Ok((", Dec.", K::Weekday(Weekday::Tuesday)))
    );
    assert_eq!(lettered("Sun."), Ok((".", K::Word)));
    assert_eq!(lettered("Iranian-backed x"), Ok((" x", K::Compound)));
    assert_eq!(lettered("Russian- and"), Ok((" and", K::SuspendedHyphen)));
    assert_eq!(lettered("a-"), Ok(("", K::SuspendedHyphen)));
    assert_eq!(lettered("a-, x"), Ok(("-, x", K::Word)));
    assert_eq!(lettered("Kerry’s"), Ok(("’s", K::Word)));
    assert_eq!(lettered("Kerry. He"), Ok((". He", K::Word)));
    assert_eq!(lettered("a. b"), Ok((". b", K::Word)));
    assert!(lettered("1a").is_err());
    assert!(lettered("").is_err());
}

#[test]
fn test_numeric() {
    use TokenKind as K;
    assert_eq!(numeric("464,000 x"), Ok((" x", K::Number)));
    assert_eq!(numeric("1.13bn"), Ok(("bn", K::Number)));
    assert_eq!(numeric("10-year-old boy"), Ok((" boy", K::Compound)));
    assert_eq!(numeric("2014-15"), Ok(("-15", K::Number)));
    assert_eq!(numeric("18- and"), Ok((" and", K::SuspendedHyphen)));
    assert_eq!(
        numeric("2015-12-15 x"),
        Ok((" x", K::Date(date(Some(2015), 12, Some(15)))))
    );
    assert_eq!(
        numeric("15 December 2015"),
        Ok(("", K::Date(date(Some(2015), 12, Some(15)))))
    );
    assert_eq!(numeric("15 people"), Ok((" people", K::Number)));
    assert!(numeric("x").is_err());
    assert!(numeric(",5").is_err());
}

#[test]
fn test_terminal() {
    assert_eq!(terminal(". He"), Ok((" He", ".")));
    assert_eq!(terminal("?!”"), Ok(("”", "?!")));
    assert_eq!(terminal("...."), Ok(("", "....")));
    assert_eq!(terminal("… x"), Ok((" x", "…")));
    assert!(terminal(",").is_err());
}

#[test]
fn test_quote() {
    assert_eq!(quote("“will"), Ok(("will", '“')));
    assert_eq!(quote("»,"), Ok((",", '»')));
    assert!(quote("(").is_err());
}

#[test]
fn test_symbol() {
    assert_eq!(symbol("((("), Ok(("((", "(")));
    assert_eq!(symbol("👍🏽 x"), Ok((" x", "👍🏽")));
    assert_eq!(symbol("👩\u{200d}💻!"), Ok(("!", "👩\u{200d}💻")));
    assert_eq!(symbol("\u{0}a"), Ok(("a", "\u{0}")));
    assert_eq!(symbol("\u{301}\u{301}"), Ok(("", "\u{301}\u{301}")));
    assert!(symbol("").is_err());
}

#[test]
fn test_token() {
    use TokenKind as K;
    assert_eq!(token("Kerry said"), Ok((" said", K::Word)));
    assert_eq!(token("12 x"), Ok((" x", K::Number)));
    assert_eq!(token(". x"), Ok((" x", K::Terminal)));
    assert_eq!(token("“x"), Ok(("x", K::Quote)));
    assert_eq!(token("’s"), Ok(("s", K::Quote)));
    assert_eq!(token("$1"), Ok(("1", K::Punct)));
    assert_eq!(token("–x"), Ok(("x", K::Punct)));
    assert!(token("").is_err());
}

#[test]
fn test_plain_word() {
    assert_eq!(plain_word("Kerry said"), Some((" said", TokenKind::Word)));
    assert_eq!(plain_word("G20,"), Some((",", TokenKind::Word)));
    assert_eq!(plain_word("talks"), Some(("", TokenKind::Word)));
    assert_eq!(plain_word("talks. Then"), Some((". Then", TokenKind::Word)));
    assert_eq!(plain_word("Kremlin's men"), Some(("'s men", TokenKind::Word)));
    assert_eq!(plain_word("don't go"), Some((" go", TokenKind::Word)));
    assert_eq!(plain_word("O'Brien's"), Some(("'s", TokenKind::Word)));
    assert_eq!(plain_word("rock'n'roll."), Some((".", TokenKind::Word)));
    // Left to the grammar: months, weekdays, abbreviations, initials,
    // hyphens, apostrophes, accents, digits first.
    for input in [
        "December 18",
        "Tuesday,",
        "Mr. Kerry",
        "etc.",
        "Dec.",
        "F. Kennedy",
        "U.S.",
        "cease-fire",
        "Kerry'",
        "Kerry'90",
        "Côte",
        "Kerry\u{2019}s",
        "10-year-old",
        "",
        " x",
    ] {
        assert_eq!(plain_word(input), None, "{input:?}");
    }
}

#[test]
fn test_plain_number() {
    assert_eq!(plain_number("12 people"), Some((" people", TokenKind::Number)));
    assert_eq!(
        plain_number("2015 December"),
        Some((" December", TokenKind::Number))
    );
    assert_eq!(plain_number("2015."), Some((".", TokenKind::Number)));
    assert_eq!(plain_number("40%"), Some(("%", TokenKind::Number)));
    assert_eq!(plain_number("7, 8"), Some((", 8", TokenKind::Number)));
    // Left to the grammar: dates, groups, decimals, ordinals, compounds.
    for input in [
        "15 December",
        "15  Dec.",
        "1,000",
        "3.5",
        "18th",
        "10-year-old",
        "2015-12-15",
        "5\u{a0}May",
        "x",
    ] {
        assert_eq!(plain_number(input), None, "{input:?}");
    }
}

#[test]
fn test_plain_mark() {
    assert_eq!(plain_mark(", said"), Some((" said", TokenKind::Punct)));
    assert_eq!(plain_mark("?!\" he"), Some(("\" he", TokenKind::Terminal)));
    assert_eq!(plain_mark("\"Yes"), Some(("Yes", TokenKind::Quote)));
    assert_eq!(plain_mark("("), Some(("", TokenKind::Punct)));
    // Left to the grammar: what a non-ASCII character may continue,
    // non-ASCII marks, words and numbers.
    for input in ["..…", "#\u{fe0f}", "“", "—", "a", "1", ""] {
        assert_eq!(plain_mark(input), None, "{input:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

    /// The shortcuts read every input they accept exactly as the grammar
    /// does.
    #[test]
    fn the_shortcuts_agree_with_the_grammar(input in "([ -~…\u{fe0f}\u{301}“é]{1,3}|[0-9]{1,4} +(Dec|May|may|Mayor|Sept)[ .,']?|[A-Za-z]{1,3}(['’][sSt1]{0,2}){1,2}[ .a-z]?)[ -~…\u{fe0f}\u{301}é\u{a0}]{0,6}") {
        if let Some(found) = plain_word(&input).or_else(|| plain_number(&input)).or_else(|| plain_mark(&input)) {
            proptest::prop_assert_eq!(Ok(found), any_token(&input));
        }
    }

    /// The shortcut reads every input it accepts exactly as the grammar
    /// does.
    #[test]
    fn plain_word_agrees_with_the_grammar(input in "[A-Za-z][A-Za-z0-9]{0,9}([ .,'’\\-éA-Za-z0-9\u{2010}\u{ad}]{0,4})") {
        if let Some(found) = plain_word(&input) {
            proptest::prop_assert_eq!(Ok(found), lettered(&input));
        }
    }
}
