//! The token grammar: one nom parser per piece, built bottom-up from
//! characters to whole tokens.
//!
//! Each parser takes the rest of a piece of prose, starting at a token (no
//! leading whitespace), and returns the input it leaves over. [`token`]
//! dispatches on the first character, so plain prose costs one word scan
//! per word and a few byte checks.

use nom::{
    branch::alt,
    bytes::complete::{tag, take_while, take_while1, take_while_m_n},
    character::complete::{anychar, char, satisfy},
    combinator::{eof, map, map_opt, not, opt, peek, recognize},
    multi::{many0_count, many1_count},
    sequence::{pair, preceded, terminated, tuple},
    IResult,
};
use unicode_normalization::char::is_combining_mark;

use super::lexicon::{self, AbbreviationClass};
use super::{DateValue, TokenKind, Weekday};

// ---------------------------------------------------------------------------
// Characters
// ---------------------------------------------------------------------------

/// A letter: any Unicode alphabetic character.
fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

/// Continues a word: a letter, a digit or a combining mark (`e\u{301}`).
pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

/// An apostrophe: `'` or `’`.
pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// A hyphen that joins words: `-`, U+2010 HYPHEN, U+2011 NON-BREAKING
/// HYPHEN (never a dash).
pub(super) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// An invisible joiner that may sit inside a word: soft hyphen, zero-width
/// non-joiner, zero-width joiner.
pub(super) fn is_joiner(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200c}' | '\u{200d}')
}

/// A quotation mark.
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201c}' // “
            | '\u{201d}' // ”
            | '\u{201e}' // „
            | '\u{201f}' // ‟
            | '\u{2018}' // ‘
            | '\u{2019}' // ’
            | '\u{201a}' // ‚
            | '\u{201b}' // ‛
            | '\u{ab}' // «
            | '\u{bb}' // »
            | '\u{2039}' // ‹
            | '\u{203a}' // ›
    )
}

/// A character that ends a sentence or makes an ellipsis.
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？'
    )
}

/// A character that belongs to the symbol before it: a combining mark, a
/// variation selector, an emoji skin-tone modifier or a tag character.
pub(super) fn is_extender(c: char) -> bool {
    !c.is_ascii()
        && (is_combining_mark(c)
            || matches!(c,
                '\u{fe00}'..='\u{fe0f}'
                | '\u{1f3fb}'..='\u{1f3ff}'
                | '\u{e0020}'..='\u{e007f}'
                | '\u{e0100}'..='\u{e01ef}'))
}

// ---------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------

/// An apostrophe.
// apostrophe := ' | ’
pub(super) fn apostrophe(input: &str) -> IResult<&str, char> {
    satisfy(is_apostrophe)(input)
}

/// The possessive ending after a word: `’s`, `'s`.
// possessive_s := apostrophe [sS] !word_char
pub(super) fn possessive_s(input: &str) -> IResult<&str, &str> {
    recognize(tuple((
        apostrophe,
        satisfy(|c| c == 's' || c == 'S'),
        not(satisfy(is_word_char)),
    )))(input)
}

/// A lone apostrophe ending a word: `’` in `powers’ militaries`.
// bare_apostrophe := apostrophe !word_char
pub(super) fn bare_apostrophe(input: &str) -> IResult<&str, &str> {
    terminated(recognize(apostrophe), not(satisfy(is_word_char)))(input)
}

/// A possessive after a word; the bare apostrophe only when the word ends
/// in `s` (`after_s`).
// possessive := possessive_s | bare_apostrophe   (the latter after …s)
pub(super) fn possessive(after_s: bool) -> impl FnMut(&str) -> IResult<&str, &str> {
    move |input| {
        if after_s {
            alt((possessive_s, bare_apostrophe))(input)
        } else {
            possessive_s(input)
        }
    }
}

/// An apostrophe inside a word: `don't`, `O'Brien`, never the possessive.
// inner_apostrophe := !possessive_s apostrophe &letter
fn inner_apostrophe(input: &str) -> IResult<&str, char> {
    preceded(
        not(possessive_s),
        terminated(apostrophe, peek(satisfy(is_letter))),
    )(input)
}

/// An invisible joiner inside a word.
// inner_joiner := (U+00AD | U+200C | U+200D) &letter
fn inner_joiner(input: &str) -> IResult<&str, char> {
    terminated(satisfy(is_joiner), peek(satisfy(is_letter)))(input)
}

/// Something that joins two runs of letters inside a word: an apostrophe
/// (`don't`) or an invisible joiner. Checks the character first, as almost
/// every word ends without one.
// inner_link := &(apostrophe | joiner) (inner_apostrophe | inner_joiner)
fn inner_link(input: &str) -> IResult<&str, char> {
    preceded(
        peek(satisfy(|c| is_apostrophe(c) || is_joiner(c))),
        alt((inner_apostrophe, inner_joiner)),
    )(input)
}

/// The rest of a word after its first character.
// word_tail := word_char* (inner_link word_char+)*
fn word_tail(input: &str) -> IResult<&str, usize> {
    preceded(
        take_while(is_word_char),
        many0_count(pair(inner_link, take_while1(is_word_char))),
    )(input)
}

/// A word: `Kerry`, `O'Brien`, `G20`, `Côte`. Stops before a possessive
/// `’s`, a hyphen and a period.
// word := letter word_tail
pub(super) fn word(input: &str) -> IResult<&str, &str> {
    recognize(pair(satisfy(is_letter), word_tail))(input)
}

/// One part of a compound: a word or a number-led word (`16`, `19th`).
// part := (letter | digit) word_tail
fn part(input: &str) -> IResult<&str, &str> {
    recognize(pair(satisfy(|c| is_letter(c) || c.is_ascii_digit()), word_tail))(input)
}

/// A joining hyphen.
// hyphen := - | U+2010 | U+2011
pub(super) fn hyphen(input: &str) -> IResult<&str, char> {
    satisfy(is_hyphen)(input)
}

/// A hyphen left hanging before whitespace or the end of the piece.
// suspension := hyphen &(whitespace | end)
pub(super) fn suspension(input: &str) -> IResult<&str, char> {
    terminated(hyphen, peek(alt((eof, recognize(satisfy(char::is_whitespace))))))(input)
}

/// What follows the first part of a hyphenated token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Hyphenation {
    /// How many parts were joined on.
    pub joins: usize,
    /// Whether it ends in a hanging hyphen.
    pub suspended: bool,
}

/// The hyphenated continuation of a first part: `-backed`, `-fire`, `-`.
/// Always succeeds (possibly consuming nothing).
// hyphen_tail := (hyphen part)* suspension?
pub(super) fn hyphen_tail(input: &str) -> IResult<&str, Hyphenation> {
    map(
        pair(many0_count(preceded(hyphen, part)), opt(suspension)),
        |(joins, hanging)| Hyphenation {
            joins,
            suspended: hanging.is_some(),
        },
    )(input)
}

// ---------------------------------------------------------------------------
// Abbreviations and initials
// ---------------------------------------------------------------------------

/// A letter standing alone.
// single_letter := letter !word_char
fn single_letter(input: &str) -> IResult<&str, char> {
    terminated(satisfy(is_letter), not(satisfy(is_word_char)))(input)
}

/// A dotted initialism: `U.S.`, `e.g.`, `a.m.`, `U.S` (last period
/// optional).
// initialism := single_letter ('.' single_letter)+ '.'?
pub(super) fn initialism(input: &str) -> IResult<&str, &str> {
    recognize(tuple((
        single_letter,
        many1_count(preceded(char('.'), single_letter)),
        opt(char('.')),
    )))(input)
}

/// An initial: `F.` in `John F. Kennedy`.
// initial := uppercase_letter '.'
pub(super) fn initial(input: &str) -> IResult<&str, char> {
    terminated(satisfy(char::is_uppercase), char('.'))(input)
}

/// A date coming up after a short weekday: `, Dec. 15`.
// date_ahead := ','? whitespace date
fn date_ahead(input: &str) -> IResult<&str, DateValue> {
    preceded(pair(opt(char(',')), gap), date)(input)
}

/// A known abbreviation and its period: `Mr.`, `Dec.`, `etc.`, `Tue.`.
/// `No.` only before a number, `Mon.`, `Sat.`, `Sun.` only before a date.
// abbreviation := known_word '.'
pub(super) fn abbreviation(input: &str) -> IResult<&str, AbbreviationClass> {
    let (rest, class) = terminated(map_opt(word, lexicon::abbreviation), char('.'))(input)?;
    match class {
        AbbreviationClass::Numero => {
            peek(pair(gap, satisfy(|c| c.is_ascii_digit())))(rest)?;
        }
        AbbreviationClass::Weekday { needs_date: true, .. } => {
            peek(date_ahead)(rest)?;
        }
        _ => {}
    }
    Ok((rest, class))
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

/// True for an ASCII digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// A group of three digits after a thousands comma: `,000`.
// group := ',' DDD !D
fn group(input: &str) -> IResult<&str, &str> {
    preceded(
        char(','),
        terminated(take_while_m_n(3, 3, is_digit), not(satisfy(is_digit))),
    )(input)
}

/// An integer, grouped in threes or not: `464,000`, `2015`.
// integer := D{1,3} group+ | D+
pub(super) fn integer(input: &str) -> IResult<&str, &str> {
    alt((
        recognize(pair(take_while_m_n(1, 3, is_digit), many1_count(group))),
        take_while1(is_digit),
    ))(input)
}

/// A number: `12`, `1,000`, `3.5`, `1.13` (in `1.13bn`).
// number := integer ('.' D+)?
pub(super) fn number(input: &str) -> IResult<&str, &str> {
    recognize(pair(integer, opt(pair(char('.'), take_while1(is_digit)))))(input)
}

// ---------------------------------------------------------------------------
// Dates and weekdays
// ---------------------------------------------------------------------------

/// Whitespace between the parts of a date.
// gap := whitespace+
fn gap(input: &str) -> IResult<&str, &str> {
    take_while1(char::is_whitespace)(input)
}

/// What may not follow a day or a year: more of a word, or a separator and
/// a digit (`1,000`, `15.5`).
// number_end := !(word_char | [.,] D)
fn number_end(input: &str) -> IResult<&str, ()> {
    not(alt((
        recognize(satisfy(is_word_char)),
        recognize(pair(satisfy(|c| c == '.' || c == ','), satisfy(is_digit))),
    )))(input)
}

/// A day of the month, 1 to 31, with an optional ordinal suffix: `15`,
/// `18th`.
// day := D{1,2} ("st" | "nd" | "rd" | "th")? number_end
pub(super) fn day(input: &str) -> IResult<&str, u8> {
    map_opt(
        terminated(
            take_while_m_n(1, 2, is_digit),
            pair(opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))), number_end),
        ),
        |digits: &str| digits.parse::<u8>().ok().filter(|d| (1..=31).contains(d)),
    )(input)
}

/// A four-digit year: `2015`.
// year := DDDD number_end
pub(super) fn year(input: &str) -> IResult<&str, i32> {
    map_opt(
        terminated(take_while_m_n(4, 4, is_digit), number_end),
        |digits: &str| digits.parse::<i32>().ok(),
    )(input)
}

/// A month name, full or short, the short one with an optional period:
/// `December`, `Dec.`, `Dec`.
// month := full_month | short_month '.'?
pub(super) fn month(input: &str) -> IResult<&str, u8> {
    let (rest, name) = map_opt(word, lexicon::month)(input)?;
    if name.short {
        let (rest, _) = opt(char('.'))(rest)?;
        return Ok((rest, name.number));
    }
    Ok((rest, name.number))
}

/// A date that starts with the month: `Dec. 15, 2015`, `December 18`,
/// `December 2015`, `December 18 2015`.
// month_first_date := month gap (day (','? gap year)? | year)
pub(super) fn month_first_date(input: &str) -> IResult<&str, DateValue> {
    map_opt(
        tuple((
            month,
            gap,
            alt((
                pair(map(day, Some), opt(preceded(pair(opt(char(',')), gap), year))),
                map(year, |y| (None, Some(y))),
            )),
        )),
        |(m, _, (d, y))| DateValue::new(y, Some(m), d),
    )(input)
}

/// A date that starts with the day: `15 December 2015`, `15 December`.
// day_first_date := day gap month (gap year)?
pub(super) fn day_first_date(input: &str) -> IResult<&str, DateValue> {
    map_opt(
        tuple((day, gap, month, opt(preceded(gap, year)))),
        |(d, _, m, y)| DateValue::new(y, Some(m), Some(d)),
    )(input)
}

/// An ISO 8601 calendar date: `2015-12-15`.
// iso_date := DDDD '-' DD '-' DD !word_char
pub(super) fn iso_date(input: &str) -> IResult<&str, DateValue> {
    let two = || take_while_m_n(2, 2, is_digit);
    map_opt(
        terminated(
            tuple((
                take_while_m_n(4, 4, is_digit),
                preceded(char('-'), two()),
                preceded(char('-'), two()),
            )),
            not(satisfy(is_word_char)),
        ),
        |(y, m, d): (&str, &str, &str)| {
            DateValue::new(y.parse().ok(), m.parse().ok(), d.parse().ok()).filter(|v| v.full().is_some())
        },
    )(input)
}

/// Any date.
// date := month_first_date | day_first_date | iso_date
pub(super) fn date(input: &str) -> IResult<&str, DateValue> {
    alt((month_first_date, day_first_date, iso_date))(input)
}

/// A full weekday name: `Tuesday`.
// weekday_name := Monday | Tuesday | … | Sunday
pub(super) fn weekday_name(input: &str) -> IResult<&str, Weekday> {
    map_opt(word, lexicon::weekday)(input)
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

/// A token that starts with a letter.
// lettered := initialism | initial | month_first_date | abbreviation
//           | word hyphen_tail | weekday_name | word
pub(super) fn lettered(input: &str) -> IResult<&str, TokenKind> {
    // Dotted forms have a period right after their first letter.
    let mut chars = input.chars();
    chars.next();
    if chars.as_str().starts_with('.') {
        if let Ok((rest, _)) = initialism(input) {
            return Ok((rest, TokenKind::Abbreviation));
        }
        if let Ok((rest, _)) = initial(input) {
            return Ok((rest, TokenKind::Initial));
        }
    }
    let (rest, w) = word(input)?;
    if lexicon::month(w).is_some() {
        if let Ok((rest, value)) = month_first_date(input) {
            return Ok((rest, TokenKind::Date(value)));
        }
    }
    match rest.chars().next() {
        Some('.') => {
            if let Ok((rest, class)) = abbreviation(input) {
                let kind = match class {
                    AbbreviationClass::Weekday { day, .. } => TokenKind::Weekday(day),
                    _ => TokenKind::Abbreviation,
                };
                return Ok((rest, kind));
            }
        }
        Some(c) if is_hyphen(c) => {
            let (after, h) = hyphen_tail(rest)?;
            if h.suspended {
                return Ok((after, TokenKind::SuspendedHyphen));
            }
            if h.joins > 0 {
                return Ok((after, TokenKind::Compound));
            }
        }
        _ => {}
    }
    if lexicon::weekday(w).is_some() {
        return map(weekday_name, TokenKind::Weekday)(input);
    }
    Ok((rest, TokenKind::Word))
}

/// A token that starts with a digit. A number joined by hyphens to a word
/// is a compound (`10-year-old`); to numbers only it stays a number
/// (`2014` in `2014-15`).
// numeric := iso_date | day_first_date | number hyphen_tail
pub(super) fn numeric(input: &str) -> IResult<&str, TokenKind> {
    if let Ok((rest, value)) = iso_date(input) {
        return Ok((rest, TokenKind::Date(value)));
    }
    if let Ok((rest, value)) = day_first_date(input) {
        return Ok((rest, TokenKind::Date(value)));
    }
    let (rest, _) = number(input)?;
    if rest.starts_with(is_hyphen) {
        let (after, h) = hyphen_tail(rest)?;
        let joined = &rest[..rest.len() - after.len()];
        if h.suspended {
            return Ok((after, TokenKind::SuspendedHyphen));
        }
        if h.joins > 0 && joined.chars().any(is_letter) {
            return Ok((after, TokenKind::Compound));
        }
    }
    Ok((rest, TokenKind::Number))
}

/// Sentence-ending punctuation, as one run: `.`, `?!`, `...`, `…`.
// terminal := [.!?…]+
pub(super) fn terminal(input: &str) -> IResult<&str, &str> {
    take_while1(is_terminal)(input)
}

/// A quotation mark.
// quote := “ | ” | „ | " | ‘ | ’ | ' | « | » | …
pub(super) fn quote(input: &str) -> IResult<&str, char> {
    satisfy(is_quote)(input)
}

/// One symbol with what attaches to it: `(`, `%`, `👍🏽`, `👩‍💻`.
// symbol := any (extender | ZWJ any)*
pub(super) fn symbol(input: &str) -> IResult<&str, &str> {
    recognize(pair(
        anychar,
        many0_count(alt((satisfy(is_extender), preceded(char('\u{200d}'), anychar)))),
    ))(input)
}

/// The most common token, read without the grammar: an ASCII word of
/// letters and digits, with inner apostrophes (`don't`, `O'Brien`), that
/// no hyphen or non-ASCII character continues, nor a period unless the
/// word is two letters or more and no abbreviation (the word ending a
/// sentence), nor an apostrophe unless it opens a possessive `'s`, and
/// that names no month or weekday. It is exactly what [`lettered`] makes
/// of such input (a `Word` of that run); for any other input it returns
/// `None` and the grammar decides.
pub(super) fn plain_word(input: &str) -> Option<(&str, TokenKind)> {
    let bytes = input.as_bytes();
    if !bytes.first()?.is_ascii_alphabetic() {
        return None;
    }
    let run = |from: usize| {
        bytes
            .iter()
            .skip(from)
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |n| from + n)
    };
    let ends_word = |at: usize| {
        bytes
            .get(at)
            .is_none_or(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
    };
    let mut len = run(0);
    let period = loop {
        match bytes.get(len) {
            Some(b'.') => break true,
            Some(b'\'') => match bytes.get(len + 1) {
                // A possessive `'s` ends the word.
                Some(b's' | b'S') if ends_word(len + 2) => break false,
                // An inner apostrophe joins the letters after it.
                Some(b) if b.is_ascii_alphabetic() => len = run(len + 1),
                _ => return None,
            },
            Some(&b) if b == b'-' || !b.is_ascii() => return None,
            _ => break false,
        }
    };
    let (word, rest) = input.split_at(len);
    if period && (len < 2 || lexicon::abbreviation(word).is_some()) {
        return None;
    }
    if lexicon::month(word).is_some() || lexicon::weekday(word).is_some() {
        return None;
    }
    Some((rest, TokenKind::Word))
}

/// A common number, read without the grammar: ASCII digits that no
/// letter, hyphen, non-ASCII character or digit group continues (`12 `,
/// `2015.`, `40%`), and, for one or two digits before a space, that no
/// month name follows (`15 December` is a date). Exactly what
/// [`numeric`] makes of such input (a `Number` of the digits); `None`
/// for any other.
pub(super) fn plain_number(input: &str) -> Option<(&str, TokenKind)> {
    let bytes = input.as_bytes();
    let len = bytes
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(bytes.len());
    if len == 0 {
        return None;
    }
    let digit_at = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    match bytes.get(len) {
        None => {}
        // A digit group or a decimal: `1,000`, `3.5`.
        Some(b',' | b'.') if digit_at(len + 1) => return None,
        // A day, if a month may follow: let the grammar see.
        Some(b) if b.is_ascii_whitespace() && len <= 2 && may_be_month(input.get(len..)?) => return None,
        Some(b) if b.is_ascii_whitespace() => {}
        Some(&b) if b == b'-' || !b.is_ascii() || b.is_ascii_alphabetic() => return None,
        Some(_) => {}
    }
    Some((&input[len..], TokenKind::Number))
}

/// Whether what follows the spaces at the start of `rest` may be a month
/// name: it is one, or it is not plain ASCII, or nothing follows.
fn may_be_month(rest: &str) -> bool {
    let word = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let len = word
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(word.len());
    match word.get(..len) {
        Some(name) if word.as_bytes().first().is_some_and(u8::is_ascii) => lexicon::month(name).is_some(),
        _ => true,
    }
}

/// The next most common tokens, read without the grammar: an ASCII mark
/// that no non-ASCII character continues. A run of `.`, `!` and `?` is a
/// terminal, `"` and `'` are quotes, any other mark is one `Punct`
/// (nothing but a non-ASCII extender could join it). Exactly what
/// [`token`]'s grammar makes of such input; `None` for any other.
pub(super) fn plain_mark(input: &str) -> Option<(&str, TokenKind)> {
    let bytes = input.as_bytes();
    let first = *bytes.first()?;
    if !first.is_ascii() || first.is_ascii_alphanumeric() {
        return None;
    }
    let (len, kind) = match first {
        b'.' | b'!' | b'?' => (
            bytes
                .iter()
                .position(|b| !matches!(b, b'.' | b'!' | b'?'))
                .unwrap_or(bytes.len()),
            TokenKind::Terminal,
        ),
        b'"' | b'\'' => (1, TokenKind::Quote),
        _ => (1, TokenKind::Punct),
    };
    if bytes.get(len).is_some_and(|b| !b.is_ascii()) {
        return None;
    }
    Some((&input[len..], kind))
}

/// One token of any kind, chosen by its first character. Fails only on
/// empty input.
// token := numeric | lettered | terminal | quote | symbol
pub(super) fn token(input: &str) -> IResult<&str, TokenKind> {
    let plain = match input.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => plain_number(input),
        Some(b) if b.is_ascii_alphabetic() => plain_word(input),
        _ => plain_mark(input),
    };
    match plain {
        Some(found) => Ok(found),
        None => any_token(input),
    }
}

/// [`token`] by the grammar alone, without the shortcuts for the most
/// common tokens.
fn any_token(input: &str) -> IResult<&str, TokenKind> {
    let c = match input.chars().next() {
        Some(c) => c,
        None => return eof_error(input),
    };
    if is_letter(c) {
        // A letter-led token always succeeds: `word` accepts any letter.
        lettered(input)
    } else if c.is_ascii_digit() {
        numeric(input)
    } else if is_terminal(c) {
        map(terminal, |_| TokenKind::Terminal)(input)
    } else if is_quote(c) {
        map(quote, |_| TokenKind::Quote)(input)
    } else {
        map(symbol, |_| TokenKind::Punct)(input)
    }
}

/// The error `token` reports on empty input.
fn eof_error(input: &str) -> IResult<&str, TokenKind> {
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Eof,
    )))
}

#[cfg(test)]
mod tests;
