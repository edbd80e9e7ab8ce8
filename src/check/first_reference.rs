//! `naming.first_reference`: a person first named by surname alone
//! ("Putin said", with no "Vladimir Putin" before).
//!
//! Why: a reader meeting a bare surname does not know who is meant; news
//! style gives the full name at the first reference and the surname after.
//!
//! Example: "Okafor said the plan was fair ... Finance Minister Chidi
//! Okafor". Use instead: "Chidi Okafor said the plan was fair ... Okafor".
//!
//! Reported only where the surname is evidently a person's and its full
//! name is known, so that the finding can suggest it: a title or
//! honorific stands before the surname ("Mr Okafor") or a verb of speech
//! after it ("Okafor said"), and the draft gives the full name later (two
//! or three capitalised words, not "The Tories"). A style that wants the
//! full name at first reference (`first_reference: full_name_first: true`,
//! set by the AP and Reuters packs) also reports a surname the draft never
//! expands when the pack's `first_reference: people:` list has a full name
//! ending in it ("Putin said" suggests "Vladimir Putin"). "Police said" is
//! no person. A surname after a regnal title ("King Charles") is a given
//! name, a name right after another name of the pack ("Chad Smith") is
//! not alone, a headline (a first line with no full stop) or a caption
//! may use surnames, and a name inside a direct quotation is the speaker's. Info
//! level; the suggestion is display-only.

use std::cell::LazyCell;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::check::Document;
use crate::finding::{Applicability, Edit, Finding, Fix, Span};
use crate::mention::Target;
use crate::parse::TokenKind;
use crate::rules::Pack;

/// The rule code.
pub const CODE: &str = crate::registry::FIRST_REFERENCE.code;

/// Titles that go before a given name, not a surname.
const REGNAL: &[&str] = &[
    "king", "queen", "prince", "princess", "pope", "emperor", "sheikh", "saint", "st",
];

/// Honorifics, which a full name replaces ("Mr Okafor" becomes "Chidi
/// Okafor").
const HONORIFICS: &[&str] = &["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr."];

/// Verbs of speech that show the word before them is a person.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "warned",
    "argued",
    "insisted",
    "stated",
    "announced",
    "claimed",
    "denied",
    "admitted",
    "urged",
    "wrote",
];

/// Reports each person whose first reference is a bare surname.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let settings = &pack.first_reference;
    let severity = settings
        .severity
        .unwrap_or(crate::registry::FIRST_REFERENCE.severity);
    let full_name_first = settings.full_name_first.unwrap_or(false);
    let names = &doc.mentions.names;
    // The first full name (two or more words) ending in each word. Built
    // on first use, as the other tests turn away most names before it.
    let full_by_last = LazyCell::new(|| {
        let mut full_by_last: HashMap<&str, usize> = HashMap::default();
        for (n, name) in names.iter().enumerate() {
            if name.tokens().len() >= 2 {
                let last = doc.text(doc.tokens[name.tokens().end - 1].span());
                full_by_last.entry(last).or_insert(n);
            }
        }
        full_by_last
    });
    // Where each word first stands in a name of two or more words, past
    // its first word ("Kelly" in "Ruth Kelly MP"). Built on first use too.
    let earlier_surnames = LazyCell::new(|| {
        let mut earlier_surnames: HashMap<&str, usize> = HashMap::default();
        for name in names.iter().filter(|n| n.tokens().len() >= 2) {
            for t in &doc.tokens[name.tokens().start + 1..name.tokens().end] {
                earlier_surnames
                    .entry(doc.text(t.span()))
                    .or_insert(t.span().start);
            }
        }
        earlier_surnames
    });
    // The person of the pack with this surname (the last word of the full
    // name); the last listed, where two share it. A scan of a short list,
    // and only for the few names that get this far, costs less than a map
    // built for every draft.
    let person = |surname: &str| {
        let last_word = |p: &&String| {
            p.strip_suffix(surname)
                .is_some_and(|given| given.is_empty() || given.ends_with(' '))
        };
        settings
            .people
            .iter()
            .rfind(last_word)
            .filter(|_| !surname.contains(' '))
    };
    // A headline (and a caption) names people by surname as a matter of
    // course.
    let headline = doc.headline();
    let mut reported: HashSet<&str> = HashSet::default();
    for name in names {
        if name.tokens().len() != 1 || name.continues().is_some() {
            continue;
        }
        if headline.is_some_and(|h| h.end >= name.span().end)
            || doc.in_display(name.span())
            || doc.quoted(name.span())
        {
            continue;
        }
        let token = doc.tokens[name.tokens().start];
        let word = doc.text(token.span());
        if reported.contains(word)
            || word.chars().filter(|c| c.is_alphabetic()).count() < 2
            || BODIES.contains(&word)
        {
            continue;
        }
        if word.chars().all(|c| !c.is_lowercase()) {
            continue;
        }
        let title = name.title().map(|k| &doc.mentions.known[k]);
        let title_text = title.map(|k| doc.text(k.span).to_lowercase());
        if title_text.as_deref().is_some_and(|t| REGNAL.contains(&t)) {
            continue;
        }
        let honorific = title_text.as_deref().is_some_and(|t| HONORIFICS.contains(&t));
        let spoken = doc
            .tokens
            .get(name.tokens().end)
            .is_some_and(|t| SPEECH.contains(&doc.text(t.span())));
        // The surname must evidently be a person's: a title before it or
        // (for a name the pack knows) a verb of speech after it. "Police
        // said" and "Continental said" are not people.
        if title.is_none() && !spoken {
            continue;
        }
        // "Chad Smith": a name of the pack right before it. Known mentions
        // are sorted and disjoint: at most one ends where the name starts.
        let mentioned = &doc.mentions.known;
        let at = mentioned.partition_point(|k| k.tokens.end < name.tokens().start);
        let after_known = mentioned.get(at).is_some_and(|k| {
            k.tokens.end == name.tokens().start
                && !matches!(k.target, Target::Title { .. } | Target::Exception)
        });
        if after_known {
            continue;
        }
        // "Bank of America", "Lord Roberts of Conwy": part of a longer name.
        let after_of = name
            .tokens()
            .start
            .checked_sub(1)
            .and_then(|before| doc.tokens.get(before))
            .is_some_and(|t| doc.text(t.span()) == "of");
        // "Ruth Kelly MP ... Ms Kelly": an earlier name holds the surname.
        if after_of
            || earlier_surnames
                .get(word)
                .is_some_and(|&at| at < name.span().start)
        {
            continue;
        }
        let later = full_by_last
            .get(word)
            .map(|&n| &names[n])
            .filter(|full| full.span().start > name.span().start && looks_like_full_name(doc, full))
            .map(|full| {
                doc.text(full.span())
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            });
        // The pack's people stand in for a full name the draft never gives
        // only in a style that wants the full name first.
        let known = || {
            person(word)
                .filter(|_| full_name_first)
                .filter(|_| title.is_some() || word.chars().count() >= 4)
                .cloned()
        };
        let Some(full) = later.or_else(known) else {
            continue;
        };
        reported.insert(word);
        let replaced = match title {
            Some(k) if honorific => Span::new(k.span.start, token.span().end),
            _ => token.span(),
        };
        findings.push(Finding {
            rule: CODE,
            origin: None,
            severity,
            message: format!(
                "\"{word}\" is named by surname before any full name; on first reference write \"{full}\""
            ),
            span: token.span(),
            related: Vec::new(),
            fix: Fix::new(
                Applicability::DisplayOnly,
                vec![Edit {
                    span: replaced,
                    replacement: full,
                }],
            ),
        });
    }
}

/// Words that end the name of a body, not a person ("Strathclyde Police
/// said"): never a surname to expand.
pub(crate) const BODIES: &[&str] = &[
    "Police",
    "Council",
    "Airlines",
    "Airways",
    "Party",
    "Group",
    "Bank",
    "Army",
    "Court",
    "Office",
    "Department",
    "Ministry",
    "Commission",
    "Government",
    "Club",
    "Trust",
    "Union",
    "Service",
    "Services",
    "Board",
    "Agency",
    "Company",
    "Corporation",
    "Authority",
    "Committee",
    "Institute",
    "University",
    "College",
    "School",
    "Hospital",
    "Association",
    "Federation",
];

/// Capitalised words that open a name phrase without being a given name
/// ("The Tories", "At Heathrow", "New Labour").
pub(crate) const NOT_GIVEN_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "At",
    "If",
    "But",
    "However",
    "In",
    "On",
    "When",
    "What",
    "Where",
    "Why",
    "How",
    "Several",
    "Former",
    "New",
    "Old",
    "And",
    "Or",
    "As",
    "For",
    "From",
    "With",
    "By",
    "To",
    "Of",
    "After",
    "Before",
    "While",
    "Although",
    "Though",
    "Since",
    "Until",
    "Many",
    "Some",
    "Most",
    "All",
    "Both",
    "This",
    "That",
    "These",
    "Those",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Labour",
    "Tory",
    "Tories",
    "Conservative",
    "Liberal",
    "Law",
    "Lord",
    "Lords",
    "Sir",
    "Dame",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Only",
    "Even",
    "So",
    "Yet",
    "Then",
    "Now",
    "Meanwhile",
    "Under",
    "Over",
    "Last",
    "Next",
    "Every",
    "Each",
    "No",
    "Not",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "Speaking",
    "According",
    "Shares",
    "Gen",
    "Gov",
    "Sen",
    "Rep",
    "Col",
    "Capt",
    "Lt",
    "Sgt",
    "President",
    "General",
    "King",
    "Queen",
    "Prince",
    "Pope",
    "Radio",
];

/// Whether a name phrase reads as a person's full name: two or three
/// words, each capitalised, the first not a word that opens other phrases.
fn looks_like_full_name(doc: &Document<'_>, name: &crate::mention::Name) -> bool {
    full_name_tokens(&doc.source.text, &doc.tokens[name.tokens()])
}

/// Whether a name phrase's tokens (in `text`) read as a person's full
/// name, as [`looks_like_full_name`] has it; `claimlint learn` files people
/// by the same test.
pub(crate) fn full_name_tokens(text: &str, tokens: &[crate::parse::Token]) -> bool {
    let word = |t: &crate::parse::Token| t.span().slice(text);
    (2..=3).contains(&tokens.len())
        && tokens.iter().all(|t| {
            let w = word(t);
            matches!(t.kind, TokenKind::Word | TokenKind::Compound | TokenKind::Initial)
                && w.chars().any(char::is_lowercase)
        })
        && !NOT_GIVEN_NAMES.contains(&word(&tokens[0]))
        // "Houston-based Continental": a compound before the last word
        // describes; it is no given name.
        && tokens[0].kind != TokenKind::Compound
}

#[cfg(test)]
mod tests {
    use crate::rules::Pack;
    use crate::source::{Format, Source};
    use crate::Checker;

    fn found(text: &str) -> Vec<(String, String)> {
        found_with(Pack::builtin().unwrap(), text)
    }

    fn found_with(pack: Pack, text: &str) -> Vec<(String, String)> {
        let source = Source::new("t.txt", text, Format::Text);
        Checker::new(pack)
            .check(&source)
            .into_iter()
            .filter(|f| f.rule == super::CODE)
            .map(|f| {
                let fix = f
                    .fix
                    .map(|x| x.apply(text).unwrap_or_default())
                    .unwrap_or_default();
                (f.span.slice(text).to_string(), fix)
            })
            .collect()
    }

    #[test]
    fn a_surname_before_the_full_name_is_found_with_the_full_name() {
        assert_eq!(
            found("Mr Okafor said the plan was fair. Finance Minister Chidi Okafor left."),
            [(
                "Okafor".to_string(),
                "Chidi Okafor said the plan was fair. Finance Minister Chidi Okafor left.".to_string()
            )]
        );
        // The default pack waits for the draft's own full name; AP style
        // wants one at first reference and knows Putin's.
        assert_eq!(found("Putin said the talks would go on."), []);
        let ap = crate::setup::with_style(Pack::builtin().unwrap(), "ap").unwrap();
        assert_eq!(
            found_with(ap, "Putin said the talks would go on."),
            [(
                "Putin".to_string(),
                "Vladimir Putin said the talks would go on.".to_string()
            )]
        );
    }

    #[test]
    fn later_references_titles_and_unknown_names_are_left_alone() {
        assert_eq!(found("Vladimir Putin said so. Putin then left."), []);
        assert_eq!(found("Mr Hale said the budget was fair."), []);
        assert_eq!(found("King Charles spoke. Tesco said profits rose."), []);
        assert_eq!(found("Brown rice sales rose."), []);
        assert_eq!(found("\"Mr Okafor will wait,\" she said. Chidi Okafor left."), []);
        assert_eq!(
            found("Continental said so. Houston-based Continental cut jobs."),
            []
        );
        assert_eq!(found("Police said so. Strathclyde Police asked for help."), []);
    }
}
