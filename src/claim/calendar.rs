//! The calendar: the story's own date ("today"), and the weekday of a date.
//! Arithmetic is jiff's; nothing here counts days by hand.

use jiff::civil::Date;

use crate::parse::{DateValue, Token, TokenKind, Weekday};
use crate::source::Source;

/// Where the story's date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrigin {
    /// `--date` or the configuration.
    Given,
    /// The front matter's `date:`.
    FrontMatter,
    /// The first full date written in the text (a dateline or the like).
    Text,
}

/// The story's date, in order: the one given, the front matter's `date:`,
/// the first full date in the text; `None` when there is none (checks that
/// need it are then skipped, never guessed).
pub fn story_date(source: &Source, tokens: &[Token], given: Option<Date>) -> Option<(Date, DateOrigin)> {
    if let Some(d) = given {
        return Some((d, DateOrigin::Given));
    }
    if let Some(d) = front_matter_date(&source.text) {
        return Some((d, DateOrigin::FrontMatter));
    }
    first_full_date(tokens).map(|date| (date, DateOrigin::Text))
}

/// The first full date (day, month and year) written among `tokens`.
pub fn first_full_date<'t>(tokens: impl IntoIterator<Item = &'t Token>) -> Option<Date> {
    tokens.into_iter().find_map(|t| match t.kind {
        TokenKind::Date(date) => {
            let (y, m, d) = date.full()?;
            civil(y, m, d)
        }
        _ => None,
    })
}

/// The `date:` of a YAML front matter block (`---` ... `---` at the top).
fn front_matter_date(text: &str) -> Option<Date> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = body
        .strip_prefix("---\n")
        .or_else(|| body.strip_prefix("---\r\n"))?;
    for line in rest.lines() {
        let line = line.trim_end_matches('\r');
        if line == "---" || line == "..." {
            break;
        }
        if let Some(value) = line.strip_prefix("date:") {
            let value = value.trim().trim_matches(['"', '\'']);
            // "2015-12-16" or "2015-12-16T10:00:00Z": the day is enough.
            return value.get(..10).and_then(|d| d.parse().ok());
        }
    }
    None
}

/// A valid calendar date, or `None`.
pub fn civil(year: i32, month: u8, day: u8) -> Option<Date> {
    let year = i16::try_from(year).ok()?;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The weekday of a date.
pub fn weekday_of(date: Date) -> Weekday {
    match date.weekday() {
        jiff::civil::Weekday::Monday => Weekday::Monday,
        jiff::civil::Weekday::Tuesday => Weekday::Tuesday,
        jiff::civil::Weekday::Wednesday => Weekday::Wednesday,
        jiff::civil::Weekday::Thursday => Weekday::Thursday,
        jiff::civil::Weekday::Friday => Weekday::Friday,
        jiff::civil::Weekday::Saturday => Weekday::Saturday,
        jiff::civil::Weekday::Sunday => Weekday::Sunday,
    }
}

/// The full date a written date stands for, taking a missing year from
/// the story's date.
pub fn complete(date: DateValue, story: Option<Date>) -> Option<Date> {
    let year = date.year().or_else(|| story.map(|s| i32::from(s.year())))?;
    civil(year, date.month()?, date.day()?)
}

/// A weekday's English name.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// A month's English name.
pub fn month_name(month: i8) -> &'static str {
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
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("?")
}

/// How a draft writes its dates, so that a message writes a date as the
/// draft does: "4 March 2025" beside a British dateline, "March 4, 2025"
/// beside an American one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// "4 March 2025".
    DayFirst,
    /// "March 4, 2025".
    #[default]
    MonthFirst,
}

impl DateOrder {
    /// The order of a date as written ("Tuesday 4 March 2025", "Dec. 15,
    /// 2015", "4th March"): day first when its day stands before its
    /// month's name. `None` for a date with no day or no month name
    /// ("2025-03-04", "March 2025").
    pub fn of(written: &str) -> Option<DateOrder> {
        let words: Vec<&str> = written
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let is_day = |w: &&str| {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            !digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit())
        };
        let day = words.iter().position(is_day)?;
        let month = words.iter().position(|w| crate::parse::is_month_name(w))?;
        Some(if day < month {
            DateOrder::DayFirst
        } else {
            DateOrder::MonthFirst
        })
    }

    /// A full date in this order: "4 March 2025" or "March 4, 2025".
    pub fn write(self, date: Date) -> String {
        let month = month_name(date.month());
        match self {
            DateOrder::DayFirst => format!("{} {month} {}", date.day(), date.year()),
            DateOrder::MonthFirst => format!("{month} {}, {}", date.day(), date.year()),
        }
    }

    /// A full date with its weekday: "Tuesday, 4 March 2025" or
    /// "Tuesday, March 4, 2025".
    pub fn write_long(self, date: Date) -> String {
        format!("{}, {}", weekday_name(weekday_of(date)), self.write(date))
    }

    /// A date as far as it is known, in this order: "12 May 2025", "12
    /// May", "May 2025" (day first) or "May 12, 2025", "May 12".
    pub fn describe(self, date: DateValue) -> String {
        match (self, date.day(), date.month()) {
            (DateOrder::DayFirst, Some(d), Some(m)) => match date.year() {
                Some(y) => format!("{d} {} {y}", month_name(m as i8)),
                None => format!("{d} {}", month_name(m as i8)),
            },
            _ => describe(date),
        }
    }
}

/// "December 15, 2015" or "December 15".
pub fn describe(date: DateValue) -> String {
    let month = date.month().map_or("?", |m| month_name(m as i8));
    match (date.day(), date.year()) {
        (Some(d), Some(y)) => format!("{month} {d}, {y}"),
        (Some(d), None) => format!("{month} {d}"),
        (None, Some(y)) => format!("{month} {y}"),
        (None, None) => month.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    #[test]
    fn the_story_date_comes_from_the_flag_then_front_matter_then_text() {
        let md = "---\ntitle: x\ndate: 2015-12-16\n---\n\nTalks on Dec. 15, 2015.\n";
        let source = Source::new("a.md", md, Format::Markdown);
        let parsed = crate::parse::parse(&source.text, &source.blocks);
        let given = civil(2020, 1, 1);
        assert_eq!(
            story_date(&source, &parsed.tokens, given),
            Some((given.unwrap(), DateOrigin::Given))
        );
        assert_eq!(
            story_date(&source, &parsed.tokens, None),
            Some((civil(2015, 12, 16).unwrap(), DateOrigin::FrontMatter))
        );
        let plain = Source::new("a.txt", "Talks began on Tuesday, Dec. 15, 2015.", Format::Text);
        let parsed = crate::parse::parse(&plain.text, &plain.blocks);
        assert_eq!(
            story_date(&plain, &parsed.tokens, None),
            Some((civil(2015, 12, 15).unwrap(), DateOrigin::Text))
        );
        let undated = Source::new("a.txt", "Talks began on Tuesday.", Format::Text);
        assert_eq!(story_date(&undated, &[], None), None);
    }

    #[test]
    fn weekdays_come_from_the_calendar() {
        assert_eq!(weekday_of(civil(2015, 12, 15).unwrap()), Weekday::Tuesday);
        assert_eq!(weekday_of(civil(2000, 2, 29).unwrap()), Weekday::Tuesday);
        assert_eq!(civil(2015, 2, 29), None);
        let dec15 = DateValue::new(None, Some(12), Some(15)).unwrap();
        assert_eq!(complete(dec15, civil(2015, 6, 1)), civil(2015, 12, 15));
        assert_eq!(complete(dec15, None), None);
        assert_eq!(describe(dec15), "December 15");
    }

    #[test]
    fn a_message_writes_a_date_in_the_order_the_draft_does() {
        assert_eq!(DateOrder::of("Tuesday 4 March 2025"), Some(DateOrder::DayFirst));
        assert_eq!(DateOrder::of("4th March"), Some(DateOrder::DayFirst));
        assert_eq!(
            DateOrder::of("Tuesday, March 4, 2025"),
            Some(DateOrder::MonthFirst)
        );
        assert_eq!(DateOrder::of("Dec. 15, 2015"), Some(DateOrder::MonthFirst));
        assert_eq!(DateOrder::of("2025-03-04"), None);
        assert_eq!(DateOrder::of("March 2025"), None);
        assert_eq!(DateOrder::of("Tuesday"), None);
        let date = civil(2025, 3, 4).unwrap();
        assert_eq!(DateOrder::DayFirst.write_long(date), "Tuesday, 4 March 2025");
        assert_eq!(DateOrder::MonthFirst.write(date), "March 4, 2025");
        let may12 = DateValue::new(Some(2025), Some(5), Some(12)).unwrap();
        assert_eq!(DateOrder::DayFirst.describe(may12), "12 May 2025");
        assert_eq!(DateOrder::MonthFirst.describe(may12), "May 12, 2025");
        assert_eq!(DateOrder::DayFirst.describe(may12.without_year()), "12 May");
    }
}
