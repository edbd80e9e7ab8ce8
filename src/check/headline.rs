//! `claims.headline`: a headline that gives a number the body does not.
//!
//! Why: the headline is written last and in a hurry, often from an earlier
//! version of the story: "Five killed in Leeds blast" above a body that
//! says four people were killed, "£5m" above a body's "£5bn". Desks publish
//! a correction for it every week.
//!
//! What is compared:
//! - the headline's toll ("Five killed", "Blast kills 12", "Three hurt in
//!   crash") with the body's counts of the same kind (the `dead` and
//!   `injured` counts of `claims.count`). A finding only where the
//!   headline's number fits none of the body's, nor their sum (a headline
//!   may add two incidents up); a hedged headline ("At least five killed",
//!   "Dozens hurt") and a body with no count of that kind give nothing, as
//!   do body counts of another incident (another incident word, or a year:
//!   "In 2019, 30 people died").
//! - the headline's sums of money ("£5m", "$2.5bn") with the body's sums of
//!   the same currency and figure: a finding where the body writes the
//!   figure only with another scale ("£5bn"), never the headline's.
//!
//! The standfirst and each caption ([`crate::source::Part`]) are compared
//! with the body the same way, and the message names the part ("the
//! standfirst says £5m, the body says £5bn, line 11"). The headline is
//! compared with all that follows it but captions and pull quotes; the
//! standfirst and captions with the body alone.
//!
//! Headline style ("5m", no full stop, "Kerry, Lavrov meet") is read as
//! headline style: nothing here flags the headline on its own.

use crate::check::Document;
use crate::claim::{self, Value};
use crate::finding::{Finding, Span};
use crate::rules::claim::Attribute;
use crate::rules::Pack;
use crate::source::Part;

/// Words before a number that make it an estimate ("At least five killed").
const HEDGES: &[&str] = &[
    "least",
    "over",
    "more",
    "than",
    "nearly",
    "almost",
    "about",
    "around",
    "some",
    "up",
    "to",
    "approximately",
    "roughly",
    "many",
    "estimated",
    "dozens",
    "hundreds",
    "thousands",
    "scores",
];

/// What a headline's number counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Toll {
    Dead,
    Injured,
}

impl Toll {
    /// The name of the `claims.count` rule that counts the same.
    fn rule_name(self) -> &'static str {
        match self {
            Toll::Dead => "dead",
            Toll::Injured => "injured",
        }
    }
}

/// A word of the headline, in lower case, with where it is written.
struct Word<'a> {
    text: String,
    raw: &'a str,
    span: Span,
}

/// The headline's words: runs of letters, digits and the marks inside a
/// figure ("2.5", "1,200", "£5m").
fn words(text: &str, headline: Span) -> Vec<Word<'_>> {
    let slice = headline.slice(text);
    let mut words = Vec::new();
    let mut start = None;
    let inside = |c: char| c.is_alphanumeric() || matches!(c, '£' | '$' | '€' | '\'' | '’');
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // A point or comma between two digits is part of the figure.
        let joins = matches!(c, '.' | ',')
            && start.is_some()
            && slice[..i].ends_with(|p: char| p.is_ascii_digit())
            && chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit());
        if inside(c) || joins {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            words.push(word(slice, headline.start, s, i));
        }
    }
    if let Some(s) = start {
        words.push(word(slice, headline.start, s, slice.len()));
    }
    words
}

fn word(slice: &str, base: usize, start: usize, end: usize) -> Word<'_> {
    let raw = &slice[start..end];
    Word {
        text: raw.to_lowercase(),
        raw,
        span: Span::new(base + start, base + end),
    }
}

/// The number a word writes: digits ("12", "1,200") or a number word.
fn number(word: &str) -> Option<f64> {
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        return claim::digits(word);
    }
    claim::number_word(word)
}

/// The tolls a headline gives, the first of each kind ("Five killed, 20
/// hurt in Kabul bombing"): the number, what it counts, and where the
/// number is written. A hedged number ("At least five") and an age ("Man,
/// 45, killed") are no toll.
fn tolls(text: &str, words: &[Word<'_>]) -> Vec<(f64, Toll, Span)> {
    let kind = |w: &str| match w {
        "killed" | "dead" | "die" | "died" | "dies" => Some(Toll::Dead),
        "injured" | "hurt" | "wounded" => Some(Toll::Injured),
        _ => None,
    };
    let verb = |w: &str| match w {
        "kills" | "kill" | "killing" => Some(Toll::Dead),
        "injures" | "injure" | "injuring" | "hurts" | "wounds" => Some(Toll::Injured),
        _ => None,
    };
    let mut found: Vec<(f64, Toll, Span)> = Vec::new();
    let mut add = |n: f64, toll: Toll, span: Span| {
        if found.iter().all(|(_, t, _)| *t != toll) {
            found.push((n, toll, span));
        }
    };
    for (i, w) in words.iter().enumerate() {
        let Some(n) = number(&w.text) else { continue };
        let hedged = i > 0 && HEDGES.contains(&words[i - 1].text.as_str());
        let age = text[w.span.end..].starts_with(',') && text[..w.span.start].trim_end().ends_with(',');
        if hedged || age {
            continue;
        }
        // "Five killed", "Five people killed", "Five people are killed".
        let mut k = i + 1;
        for filler in ["people", "more", "are", "were", "have", "been"] {
            if words.get(k).is_some_and(|w| w.text == filler) {
                k += 1;
            }
        }
        if let Some(toll) = words.get(k).and_then(|w| kind(&w.text)) {
            add(n, toll, w.span);
        } else if let Some(toll) = i.checked_sub(1).and_then(|p| verb(&words[p].text)) {
            // "Blast kills five", "Crash injures 12".
            add(n, toll, w.span);
        }
    }
    found
}

/// A sum of money: currency, figure, scale, and where it is written.
#[derive(Clone, Debug)]
struct Money {
    currency: char,
    figure: String,
    scale: &'static str,
    span: Span,
}

/// The scale a suffix or word gives, in one spelling.
fn scale(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "k" | "thousand" => "thousand",
        "m" | "mn" | "million" => "million",
        "bn" | "b" | "billion" => "billion",
        "tn" | "trillion" => "trillion",
        _ => return None,
    })
}

/// The sums of money written in `text` from `from` on: a currency sign, a
/// figure, and a scale ("£5m", "$2.5 billion", "€300k").
fn money(text: &str, from: usize, to: usize) -> Vec<Money> {
    let mut found = Vec::new();
    let slice = &text[from..to];
    for (at, currency) in slice.match_indices(['£', '$', '€']) {
        let rest = &slice[at + currency.len()..];
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(rest.len());
        let figure = rest[..digits].trim_end_matches(['.', ',']);
        if figure.is_empty() {
            continue;
        }
        let after = &rest[figure.len()..];
        let gap = after.len() - after.trim_start_matches(' ').len();
        let suffix = &after[gap..];
        let end = suffix
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(suffix.len());
        let Some(scale) = scale(&suffix[..end]) else {
            continue;
        };
        // "£5 m" is rare; "£5 million" is usual: a one-letter scale is
        // written against the figure.
        if gap > 0 && end < 3 {
            continue;
        }
        let start = from + at;
        let stop = start + currency.len() + figure.len() + gap + end;
        let figure = figure.replace(',', "");
        found.push(Money {
            currency: currency.chars().next().unwrap_or('$'),
            figure,
            scale,
            span: Span::new(start, stop),
        });
    }
    found
}

/// Checks the toll and sums of the headline, the standfirst and each
/// caption against the body.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let Some((_, rule)) = claim::rule_of(pack, Attribute::Headline) else {
        return;
    };
    let display = doc.headline().map(|h| (h, Part::Headline)).into_iter().chain(
        doc.parts()
            .iter()
            .copied()
            .filter(|(_, p)| matches!(p, Part::Standfirst | Part::Caption)),
    );
    let text = &doc.source.text;
    let mut found = Vec::new();
    let mut compared: Vec<Span> = Vec::new();
    for (span, part) in display {
        let words = words(text, span);
        let before = found.len();
        for toll in tolls(text, &words) {
            found.extend(toll_finding(doc, pack, toll, part));
        }
        if words.iter().any(|w| w.raw.starts_with(['£', '$', '€'])) {
            found.extend(money_finding(doc, span, part));
        }
        if found.len() > before {
            compared.push(span);
        }
    }
    if found.is_empty() {
        return;
    }
    // The part's count, compared by `claims.count` as any other, is this
    // finding said less well.
    let touches = |s: Span| compared.iter().any(|c| c.overlaps(s));
    findings.retain(|f| {
        !(f.rule == Attribute::Count.code() && (touches(f.span) || f.related.iter().any(|r| touches(*r))))
    });
    for (message, span, related) in found {
        findings.push(Finding {
            rule: Attribute::Headline.code(),
            origin: None,
            severity: rule.severity,
            message,
            span,
            related,
            fix: None,
        });
    }
}

/// Whether `span` is in what `part` is compared with: for the headline
/// everything after it but captions and pull quotes (a Markdown standfirst
/// is often the story's opening paragraph); for the others the body.
fn in_body(doc: &Document<'_>, span: Span, part: Part) -> bool {
    let after = doc.headline().is_none_or(|h| span.start >= h.end);
    match (part, doc.part(span)) {
        (Part::Headline, Part::Body | Part::Standfirst) | (_, Part::Body) => after,
        _ => false,
    }
}

/// A part's toll against the body's counts of the same kind.
fn toll_finding(
    doc: &Document<'_>,
    pack: &Pack,
    (n, toll, span): (f64, Toll, Span),
    part: Part,
) -> Option<(String, Span, Vec<Span>)> {
    let body: Vec<(&claim::Claim, claim::Amount)> = doc
        .claims
        .iter()
        .filter(|c| in_body(doc, c.span, part))
        .filter(|c| pack.claims[c.rule].name.as_deref() == Some(toll.rule_name()))
        .filter(|c| same_incident(&c.subject))
        .filter_map(|c| match c.value {
            Value::Amount(a) => Some((c, a)),
            _ => None,
        })
        .collect();
    let (first, _) = body.first()?;
    let fits = |lo: f64, hi: f64| lo <= n && n <= hi;
    if body.iter().any(|(_, a)| fits(a.lo, a.hi)) {
        return None;
    }
    let mut distinct: Vec<f64> = body.iter().map(|(_, a)| a.hi).collect();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    if distinct.len() > 1 && distinct.iter().sum::<f64>() == n {
        return None;
    }
    let what = match toll {
        Toll::Dead => "dead",
        Toll::Injured => "injured",
    };
    let message = format!(
        "the {} says {} {what}, the body says {}, line {}",
        part.name(),
        doc.text(span).to_lowercase(),
        doc.text(first.span).to_lowercase(),
        doc.source.line_col(first.span.start).0
    );
    Some((message, span, body.iter().map(|(c, _)| c.span).collect()))
}

/// Whether a body count's subject ("dead (blast in Leeds)") may be the
/// headline's incident: not when a year dates it ("In 2019, 30 people
/// died"). Another incident word is no sign of another incident: a story
/// calls one blast an explosion too.
fn same_incident(subject: &str) -> bool {
    let anchor = subject.split_once('(').map_or("", |(_, a)| a);
    !anchor
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && d.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y)))
}

/// Whether the body's figure is the headline's, or the headline's rounded
/// ("$25.4bn" under a headline's "$25bn").
fn rounds_to(body: &str, head: &str) -> bool {
    if body == head {
        return true;
    }
    match (body.parse::<f64>(), head.parse::<f64>()) {
        (Ok(b), Ok(h)) if !head.contains('.') => b.trunc() == h || b.round() == h,
        _ => false,
    }
}

/// A part's sums against the body's: a finding for each sum the body
/// writes only at another scale.
fn money_finding(doc: &Document<'_>, span: Span, part: Part) -> Vec<(String, Span, Vec<Span>)> {
    let text = &doc.source.text;
    let heads = money(text, span.start, span.end);
    if heads.is_empty() {
        return Vec::new();
    }
    let body: Vec<Money> = doc
        .source
        .blocks
        .iter()
        .map(|b| b.span())
        .filter(|&b| in_body(doc, b, part))
        .flat_map(|b| money(text, b.start, b.end))
        .collect();
    let mut found = Vec::new();
    for head in heads {
        let same = |m: &&Money| m.currency == head.currency && rounds_to(&m.figure, &head.figure);
        if body.iter().filter(same).any(|m| m.scale == head.scale) {
            continue;
        }
        let Some(other) = body.iter().find(same) else {
            continue;
        };
        found.push((
            format!(
                "the {} says {}, the body says {}, line {}",
                part.name(),
                doc.text(head.span),
                doc.text(other.span),
                doc.source.line_col(other.span.start).0
            ),
            head.span,
            vec![other.span],
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_read_with_their_scale() {
        let text = "Firm fined £5m, not $2.5 billion or €1,200k or £7 m";
        let found: Vec<(char, String, &str)> = money(text, 0, text.len())
            .into_iter()
            .map(|m| (m.currency, m.figure, m.scale))
            .collect();
        assert_eq!(
            found,
            vec![
                ('£', "5".to_string(), "million"),
                ('$', "2.5".to_string(), "billion"),
                ('€', "1200".to_string(), "thousand"),
            ]
        );
    }

    #[test]
    fn a_headline_figure_may_be_rounded() {
        assert!(rounds_to("25.4", "25"));
        assert!(rounds_to("27.6", "28"));
        assert!(rounds_to("2.5", "2.5"));
        assert!(!rounds_to("2.4", "2.5"));
        assert!(!rounds_to("26", "25"));
    }

    #[test]
    fn a_headline_toll_is_read_before_or_after_its_verb() {
        let read = |h: &str| {
            let w = words(h, Span::new(0, h.len()));
            tolls(h, &w)
                .into_iter()
                .map(|(n, t, s)| (n, t, s.slice(h).to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            read("Five killed in Leeds blast"),
            vec![(5.0, Toll::Dead, "Five".into())]
        );
        assert_eq!(
            read("Crash injures 12 on M6"),
            vec![(12.0, Toll::Injured, "12".into())]
        );
        assert_eq!(
            read("Two people dead after fire"),
            vec![(2.0, Toll::Dead, "Two".into())]
        );
        assert_eq!(
            read("Five killed, 20 hurt in Kabul bombing"),
            vec![
                (5.0, Toll::Dead, "Five".into()),
                (20.0, Toll::Injured, "20".into())
            ]
        );
        assert_eq!(read("At least five killed in blast"), vec![]);
        assert_eq!(read("Dozens hurt in crash"), vec![]);
        assert_eq!(read("Man, 45, killed in crash"), vec![]);
        assert_eq!(read("Kerry, Lavrov meet"), vec![]);
    }
}
