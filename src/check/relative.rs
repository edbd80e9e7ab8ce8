//! `claims.relative_date`: a relative date ("yesterday", "last week", "two
//! days ago", "three weeks ago", "next year") beside a date, weekday or
//! year it cannot be, counted from the story's own date.
//!
//! Why: a story dated Tuesday 4 March that says the talks ended
//! "yesterday, on Tuesday" has one of the two wrong; so has "last month, in
//! April" in a story of March. The slip comes from a story rewritten a day
//! later, or a date pasted from another one.
//!
//! The story's date counts only when it is certain: given (`--date` or the
//! configuration), in the front matter, or written in a dateline (the first
//! full date, in the draft's first sentence or the one after its headline,
//! with nothing before it but capitalised words, a weekday and
//! punctuation: "LONDON, Tuesday 4 March 2025 -"). A relative date alone,
//! a weekday alone, or a draft with no such date gives nothing; so does a
//! relative date inside a quotation, which counts from the day the speaker
//! spoke. A relative date and the date beside it must be written next to
//! each other ("yesterday, on Tuesday", "yesterday (March 3)", "last year,
//! in 2023", "Tuesday (yesterday)"); a list or a range after them ("on
//! Monday and Tuesday") is left alone. The finding has no fix: which of the
//! two is wrong is the reporter's question.

use jiff::civil::Date;
use jiff::ToSpan;

use crate::check::{Document, Segment};
use crate::claim::calendar::{civil, month_name, weekday_of, DateOrder, DateOrigin};
use crate::claim::{self};
use crate::finding::{Finding, Span};
use crate::parse::{DateValue, Sentence, TokenKind, Weekday, Window};
use crate::rules::claim::Attribute;
use crate::rules::Pack;

/// The story's date as relative dates count from it, and where it is
/// written (none when given or in the front matter).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dateline {
    date: Date,
    origin: DateOrigin,
    span: Option<Span>,
}

/// What a relative date names, counted from the story's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum When {
    /// That many days after it (before, when negative).
    Day(i32),
    /// The week before, of, or after it (-1, 0, 1).
    Week(i8),
    /// The month before, of, or after it.
    Month(i8),
    /// The year before, of, or after it.
    Year(i8),
    /// "Two weeks ago", "six months ago", "three years ago": about that
    /// many weeks, months or years before it, give or take a few days
    /// for weeks, half a month for months and half a year for years.
    Ago(u8, Unit),
}

/// The unit of an "N ... ago".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Week,
    Month,
    Year,
}

/// The date a relative date sits beside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    Weekday(Weekday),
    Date(DateValue),
    /// A year alone ("in 2023").
    Year(i32),
    /// A month alone ("in April").
    Month(i8),
}

/// A relative date written beside a date, found as the draft is read and
/// checked once the story's date is known.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WrittenRelative {
    when: When,
    /// The relative date's words.
    span: Span,
    anchor: Anchor,
    /// The date's words.
    anchor_span: Span,
}

/// Words that turn a one-word date into a list or a range: the relative
/// date then names the whole, which one date cannot contradict.
const JOINS: &[&str] = &["and", "or", "to", "through", "until", "till", "-", "–", "&"];

/// The story's date, when relative dates may count from it: `segment`
/// holds the draft's sentences from number `first` on.
pub(crate) fn dateline(
    given: Option<(Date, DateOrigin)>,
    segment: &Segment<'_, '_>,
    first: usize,
    headline: Option<Span>,
) -> Option<Dateline> {
    if let Some((date, origin)) = given.filter(|(_, o)| *o != DateOrigin::Text) {
        return Some(Dateline {
            date,
            origin,
            span: None,
        });
    }
    // The draft's first sentence, or the one after its headline.
    let last = if headline.is_some() { 1 } else { 0 };
    (first..=last)
        .filter_map(|n| segment.sentences.get(n - first))
        .find_map(|sentence| dateline_in(segment, sentence))
}

/// A full date in a dateline position of `sentence`.
fn dateline_in(segment: &Segment<'_, '_>, sentence: &crate::parse::Sentence) -> Option<Dateline> {
    let (date, span) = opening_date(sentence, segment.tokens, &segment.source.text)?;
    Some(Dateline {
        date,
        origin: DateOrigin::Text,
        span: Some(span),
    })
}

/// A full date that opens `sentence` after nothing but weekdays,
/// punctuation and capitalised words other than a preposition or "The"
/// ("LONDON, Tuesday 4 March 2025 -"), and its span: a dateline's date.
/// "On 11 September 2001" is a date the story reports, not its own.
pub(crate) fn opening_date(sentence: &Sentence, tokens: Window<'_>, text: &str) -> Option<(Date, Span)> {
    const NOT_A_PLACE: &[&str] = &[
        "on", "in", "by", "since", "from", "until", "after", "before", "at", "as", "the",
    ];
    for i in sentence.tokens() {
        let token = tokens.get(i)?;
        let word = token.span().slice(text);
        match token.kind {
            TokenKind::Date(value) => {
                let (y, m, d) = value.full()?;
                return Some((civil(y, m, d)?, token.span()));
            }
            TokenKind::Weekday(_) | TokenKind::Punct => {}
            TokenKind::Word | TokenKind::Abbreviation | TokenKind::Initial
                if word.starts_with(char::is_uppercase)
                    && !NOT_A_PLACE.iter().any(|w| w.eq_ignore_ascii_case(word)) => {}
            _ => return None,
        }
    }
    None
}

/// Gathers the relative dates written beside a date in a segment.
pub(crate) fn scan(segment: &Segment<'_, '_>, pack: &Pack, out: &mut Vec<WrittenRelative>) {
    if claim::rule_of(pack, Attribute::RelativeDate).is_none() {
        return;
    }
    let word = |i: usize| segment.words.get(i);
    for sentence in segment.sentences {
        let range = sentence.tokens();
        let mut i = range.start;
        while i < range.end {
            // A capital mid-sentence makes a name: "Radio 4's Today".
            let capital = i > range.start
                && segment
                    .tokens
                    .get(i)
                    .is_some_and(|t| segment.text(t.span()).starts_with(char::is_uppercase));
            let Some((when, end)) = (!capital).then(|| relative(segment, i, range.end)).flatten() else {
                i += 1;
                continue;
            };
            let span = Span::new(
                segment.tokens.get(i).map_or(0, |t| t.span().start),
                segment.tokens.get(end - 1).map_or(0, |t| t.span().end),
            );
            // After it: "yesterday, on Tuesday", "last year (2023)".
            let mut found = anchor_after(segment, end, range.end);
            // Before it: "Tuesday (yesterday)", "on Tuesday, yesterday,".
            if found.is_none() && i >= range.start + 2 {
                let after = if end < range.end { word(end) } else { "" };
                let bracketed = (word(i - 1) == "(" && after == ")") || (word(i - 1) == "[" && after == "]");
                let set_off = word(i - 1) == "," && matches!(after, "," | "." | "");
                if bracketed || set_off {
                    found = anchor_at(segment, i - 2, i - 1, bracketed);
                }
            }
            if let Some((anchor, anchor_span)) = found {
                out.push(WrittenRelative {
                    when,
                    span,
                    anchor,
                    anchor_span,
                });
            }
            i = end;
        }
    }
}

/// The relative date starting at token `i`, and the token after it.
fn relative(segment: &Segment<'_, '_>, i: usize, end: usize) -> Option<(When, usize)> {
    let word = |k: usize| if k < end { segment.words.get(k) } else { "" };
    let one = |when| Some((when, i + 1));
    match word(i) {
        "yesterday" => one(When::Day(-1)),
        "today" | "tonight" => one(When::Day(0)),
        "tomorrow" => one(When::Day(1)),
        "the" if word(i + 1) == "day" && word(i + 2) == "before" && word(i + 3) == "yesterday" => {
            Some((When::Day(-2), i + 4))
        }
        "the" if word(i + 1) == "day" && word(i + 2) == "after" && word(i + 3) == "tomorrow" => {
            Some((When::Day(2), i + 4))
        }
        w @ ("last" | "this" | "next") => {
            let step = match w {
                "last" => -1,
                "this" => 0,
                _ => 1,
            };
            // "last week" but not "the last week" (the seven days before).
            if i > 0 && matches!(word(i - 1), "the" | "a" | "its" | "their" | "his" | "her") {
                return None;
            }
            let when = match word(i + 1) {
                "week" => When::Week(step),
                "month" => When::Month(step),
                "year" => When::Year(step),
                _ => return None,
            };
            Some((when, i + 2))
        }
        "a" | "an" if word(i + 1) == "fortnight" && word(i + 2) == "ago" => {
            Some((When::Ago(2, Unit::Week), i + 3))
        }
        w => {
            // "two days ago", "3 weeks ago", "a year ago"
            let n = if matches!(w, "a" | "an") {
                Some(1)
            } else {
                claim::number_word(w).map(|n| n as i32).or_else(|| {
                    let token = segment.tokens.get(i)?;
                    (token.kind == TokenKind::Number).then(|| w.parse::<i32>().ok())?
                })
            }?;
            if word(i + 2) != "ago" {
                return None;
            }
            let ago = |most: i32, unit| {
                (1..=most)
                    .contains(&n)
                    .then_some((When::Ago(n as u8, unit), i + 3))
            };
            match word(i + 1) {
                "day" | "days" => (1..=31).contains(&n).then_some((When::Day(-n), i + 3)),
                "week" | "weeks" => ago(12, Unit::Week),
                "month" | "months" => ago(24, Unit::Month),
                "year" | "years" => ago(50, Unit::Year),
                _ => None,
            }
        }
    }
}

/// A date after the relative date that ends before token `at`: at most a
/// comma, bracket or dash, then "on" or "in", then the date.
fn anchor_after(segment: &Segment<'_, '_>, mut at: usize, end: usize) -> Option<(Anchor, Span)> {
    let word = |k: usize| if k < end { segment.words.get(k) } else { "" };
    let mut marked = false;
    if matches!(word(at), "," | "(" | "[" | "—" | "–") {
        marked |= matches!(word(at), "(" | "[");
        at += 1;
    }
    if matches!(word(at), "on" | "in") {
        marked = true;
        at += 1;
    }
    if at >= end {
        return None;
    }
    anchor_at(segment, at, end, marked)
}

/// The date at token `at`, unless a list or range goes on from it. A year
/// or month alone counts only after "in" or a bracket (`marked`).
fn anchor_at(segment: &Segment<'_, '_>, at: usize, end: usize, marked: bool) -> Option<(Anchor, Span)> {
    let token = segment.tokens.get(at)?;
    let next = if at + 1 < end {
        segment.words.get(at + 1)
    } else {
        ""
    };
    if JOINS.contains(&next) || next.starts_with('\'') || next.starts_with('’') {
        return None;
    }
    let text = segment.text(token.span());
    let anchor = match token.kind {
        TokenKind::Weekday(w) => Anchor::Weekday(w),
        TokenKind::Date(value) => Anchor::Date(value),
        TokenKind::Number if marked && text.len() == 4 => {
            let year: i32 = text.parse().ok()?;
            (1800..=2200).contains(&year).then_some(Anchor::Year(year))?
        }
        TokenKind::Word if marked => Anchor::Month(month_number(segment.words.get(at))?),
        _ => return None,
    };
    Some((anchor, token.span()))
}

/// A month's number from its full name in lower case.
fn month_number(word: &str) -> Option<i8> {
    (1..=12).find(|&m| month_name(m).eq_ignore_ascii_case(word))
}

/// Reports each relative date that its date cannot be.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let Some((_, rule)) = claim::rule_of(pack, Attribute::RelativeDate) else {
        return;
    };
    let Some(story) = doc.dateline() else {
        return;
    };
    for written in doc.written_relatives() {
        if doc.quoted(written.span) {
            continue;
        }
        let Some((first, last)) = days(written.when, story.date) else {
            continue;
        };
        if fits(written.anchor, first, last) {
            continue;
        }
        let mut related = vec![written.anchor_span];
        related.extend(story.span);
        // Dates as the draft writes them: its dateline's order, else the
        // date beside the relative date.
        let order = story
            .span
            .and_then(|span| DateOrder::of(doc.text(span)))
            .or_else(|| DateOrder::of(doc.text(written.anchor_span)))
            .unwrap_or_default();
        findings.push(Finding {
            rule: Attribute::RelativeDate.code(),
            origin: None,
            severity: rule.severity,
            message: format!(
                "\"{}\" {} by the story's date ({}{}), not {}",
                one_line(doc.text(written.span)),
                describe(written.when, first, last, order),
                order.write_long(story.date),
                match (story.origin, story.span) {
                    (DateOrigin::Given, _) => ", given with --date or in the configuration".to_string(),
                    (DateOrigin::FrontMatter, _) => ", in the front matter".to_string(),
                    (DateOrigin::Text, Some(span)) => format!(", line {}", doc.source.line_col(span.start).0),
                    (DateOrigin::Text, None) => String::new(),
                },
                one_line(doc.text(written.anchor_span))
            ),
            span: written.span,
            related,
            fix: None,
        });
    }
}

/// The first and last day a relative date may be, counted from `story`.
fn days(when: When, story: Date) -> Option<(Date, Date)> {
    let monday = story
        .checked_sub(i32::from(story.weekday().to_monday_zero_offset()).days())
        .ok()?;
    let add = |d: Date, n: i32| d.checked_add(n.days()).ok();
    let month = |step: i8| {
        let first = story
            .first_of_month()
            .checked_add(i32::from(step).months())
            .ok()?;
        Some((first, first.last_of_month()))
    };
    match when {
        When::Day(n) => {
            let day = add(story, n)?;
            Some((day, day))
        }
        When::Week(-1) => Some((add(monday, -7)?, add(story, -1)?)),
        When::Week(0) => Some((monday, add(monday, 6)?)),
        When::Week(_) => Some((add(story, 1)?, add(monday, 13)?)),
        When::Month(step) => month(step),
        When::Year(step) => {
            let year = i32::from(story.year()) + i32::from(step);
            Some((civil(year, 1, 1)?, civil(year, 12, 31)?))
        }
        When::Ago(n, unit) => {
            let n = i32::from(n);
            let (back, slack) = match unit {
                Unit::Week => (story.checked_sub((7 * n).days()).ok()?, 3),
                Unit::Month => (story.checked_sub(n.months()).ok()?, 15),
                Unit::Year => (story.checked_sub(n.years()).ok()?, 183),
            };
            Some((add(back, -slack)?, add(back, slack)?))
        }
    }
}

/// True when the anchor may fall between `first` and `last`. A date
/// written without its year may be in any year.
fn fits(anchor: Anchor, first: Date, last: Date) -> bool {
    let within = |d: Date| first <= d && d <= last;
    let years = i32::from(first.year())..=i32::from(last.year());
    match anchor {
        Anchor::Weekday(w) => {
            let span = (last - first).get_days();
            span >= 6 || (0..=span).any(|n| first.checked_add(n.days()).is_ok_and(|d| weekday_of(d) == w))
        }
        Anchor::Year(y) => years.contains(&y),
        Anchor::Month(m) => month_fits(m, None, first, last),
        Anchor::Date(value) => match (value.month(), value.day()) {
            (Some(m), Some(d)) => match value.year() {
                Some(y) => civil(y, m, d).is_none_or(within),
                None => (years.start() - 1..=years.end() + 1)
                    .filter_map(|y| civil(y, m, d))
                    .any(within),
            },
            (Some(m), None) => month_fits(m as i8, value.year(), first, last),
            _ => value.year().is_none_or(|y| years.contains(&y)),
        },
    }
}

/// True when month `m` (of `year`, or of any year) overlaps `first..=last`.
fn month_fits(m: i8, year: Option<i32>, first: Date, last: Date) -> bool {
    let years = match year {
        Some(y) => y..=y,
        None => i32::from(first.year()) - 1..=i32::from(last.year()) + 1,
    };
    years
        .filter_map(|y| civil(y, m as u8, 1))
        .any(|start| start <= last && first <= start.last_of_month())
}

/// What a relative date names, for the message, its dates in `order`.
fn describe(when: When, first: Date, last: Date, order: DateOrder) -> String {
    match when {
        When::Day(_) => format!("is {}", order.write_long(first)),
        When::Month(_) => format!("is {} {}", month_name(first.month()), first.year()),
        When::Year(_) => format!("is {}", first.year()),
        When::Week(_) | When::Ago(..) => {
            format!(
                "falls between {} and {}",
                order.write_long(first),
                order.write_long(last)
            )
        }
    }
}

/// Words as one line: "next\nmonth" as "next month".
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        civil(y, m, d).unwrap()
    }

    fn messages(text: &str, given: Option<Date>) -> Vec<String> {
        let checker = crate::Checker::new(Pack::builtin().unwrap()).with_date(given);
        let source = crate::source::Source::new("a.md", text, crate::source::Format::Markdown);
        checker
            .check(&source)
            .into_iter()
            .filter(|f| f.rule == Attribute::RelativeDate.code())
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn the_story_date_is_given_in_the_front_matter_or_in_a_dateline() {
        let slip = "The talks ended yesterday, on Tuesday, officials said.";
        assert_eq!(
            messages(slip, Some(date(2025, 3, 4))),
            ["\"yesterday\" is Monday, March 3, 2025 by the story's date (Tuesday, March 4, 2025, given with --date or in the configuration), not Tuesday"]
        );
        assert_eq!(
            messages(&format!("---\ndate: 2025-03-04\n---\n\n{slip}\n"), None),
            ["\"yesterday\" is Monday, March 3, 2025 by the story's date (Tuesday, March 4, 2025, in the front matter), not Tuesday"]
        );
        assert_eq!(messages(slip, None), Vec::<String>::new());
        // A first date that opens a sentence of the story is no dateline.
        let opening = format!("On Tuesday 4 March 2025, ministers met. {slip}");
        assert_eq!(messages(&opening, None), Vec::<String>::new());
        let dateline = format!("Talks end in Geneva\n\nGENEVA (Reuters), 4 March 2025 - {slip}");
        assert_eq!(messages(&dateline, None).len(), 1);
    }

    #[test]
    fn weeks_run_from_monday_and_months_and_years_are_the_calendars() {
        // Tuesday 4 March 2025.
        let story = date(2025, 3, 4);
        assert_eq!(
            days(When::Day(-1), story),
            Some((date(2025, 3, 3), date(2025, 3, 3)))
        );
        assert_eq!(
            days(When::Week(-1), story),
            Some((date(2025, 2, 24), date(2025, 3, 3)))
        );
        assert_eq!(
            days(When::Week(0), story),
            Some((date(2025, 3, 3), date(2025, 3, 9)))
        );
        assert_eq!(
            days(When::Week(1), story),
            Some((date(2025, 3, 5), date(2025, 3, 16)))
        );
        assert_eq!(
            days(When::Month(-3), story),
            Some((date(2024, 12, 1), date(2024, 12, 31)))
        );
        assert_eq!(
            days(When::Year(1), story),
            Some((date(2026, 1, 1), date(2026, 12, 31)))
        );
    }

    #[test]
    fn weeks_months_and_years_ago_are_about_that_long_before() {
        let story = date(2025, 3, 4);
        assert_eq!(
            days(When::Ago(2, Unit::Week), story),
            Some((date(2025, 2, 15), date(2025, 2, 21)))
        );
        assert_eq!(
            days(When::Ago(3, Unit::Month), story),
            Some((date(2024, 11, 19), date(2024, 12, 19)))
        );
        let (first, last) = days(When::Ago(2, Unit::Year), story).unwrap();
        assert_eq!((first, last), (date(2022, 9, 2), date(2023, 9, 3)));
        // "two years ago, in 2022" is near enough; "in 2021" is not.
        assert!(fits(Anchor::Year(2022), first, last));
        assert!(!fits(Anchor::Year(2021), first, last));
    }

    #[test]
    fn a_date_without_its_year_may_be_in_the_year_before() {
        // "last week, on December 30" in a story of 2 January.
        let (first, last) = days(When::Week(-1), date(2025, 1, 2)).unwrap();
        let december = Anchor::Date(DateValue::new(None, Some(12), Some(30)).unwrap());
        assert!(fits(december, first, last));
        let june = Anchor::Date(DateValue::new(None, Some(6), Some(30)).unwrap());
        assert!(!fits(june, first, last));
        assert!(fits(Anchor::Weekday(Weekday::Sunday), first, last));
    }
}
