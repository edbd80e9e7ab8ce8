//! Claim rules in a rule file: which attributes are functional (one value
//! per subject at one time) and the patterns that extract them.

use serde::Deserialize;

use crate::claim::pattern::{Pattern, Slot};
use crate::finding::Severity;
use crate::rules::Examples;

/// What a claim says about its subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attribute {
    /// A person's age.
    Age,
    /// A person's year or date of birth.
    Birth,
    /// A person's title.
    Title,
    /// How many people an event killed or injured.
    Count,
    /// When and where a named event takes place.
    Event,
    /// A weekday written beside a date.
    Weekday,
}

impl Attribute {
    /// The rule code of contradictions of this attribute.
    pub const fn code(self) -> &'static str {
        match self {
            Attribute::Age => "claims.age",
            Attribute::Birth => "claims.birth",
            Attribute::Title => "claims.title",
            Attribute::Count => "claims.count",
            Attribute::Event => "claims.event",
            Attribute::Weekday => "claims.weekday",
        }
    }

    /// The slots a pattern for this attribute must have.
    fn required_slots(self) -> &'static [Slot] {
        match self {
            Attribute::Age => &[Slot::Person, Slot::Number],
            Attribute::Birth => &[Slot::Person],
            Attribute::Title => &[Slot::Person, Slot::Title],
            Attribute::Count => &[Slot::Number],
            Attribute::Event | Attribute::Weekday => &[],
        }
    }
}

/// A pattern as written in a rule file, compiled when the file is read.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct PatternText(pub Pattern);

impl TryFrom<String> for PatternText {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        Pattern::parse(&text)
            .map(PatternText)
            .map_err(|e| format!("pattern {text:?}: {e}"))
    }
}

/// One claim rule.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, try_from = "RawClaimRule")]
pub struct ClaimRule {
    /// The attribute it extracts and checks.
    pub attribute: Attribute,
    /// For counts: what is counted (`dead`, `injured`); counts are only
    /// compared with counts of the same name.
    pub name: Option<String>,
    /// Extraction patterns.
    pub patterns: Vec<Pattern>,
    /// For events: the words that name an event (`meeting`, `talks`); for
    /// counts: the words that name an incident (`blast`, `earthquake`), so
    /// that counts of two incidents are not compared.
    pub events: Vec<String>,
    /// For titles: forms of address and ranks held beside an office
    /// (`Mr`, `Dr`, `General`), never contradicted by another title.
    pub honorifics: Vec<String>,
    /// Severity of the finding.
    pub severity: Severity,
    /// Examples run by the test suite.
    pub examples: Examples,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaimRule {
    attribute: Attribute,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    patterns: Vec<PatternText>,
    #[serde(default)]
    events: Vec<String>,
    #[serde(default)]
    honorifics: Vec<String>,
    #[serde(default)]
    severity: Severity,
    #[serde(default)]
    examples: Examples,
}

impl TryFrom<RawClaimRule> for ClaimRule {
    type Error = String;
    fn try_from(raw: RawClaimRule) -> Result<Self, String> {
        let patterns: Vec<Pattern> = raw.patterns.into_iter().map(|p| p.0).collect();
        for pattern in &patterns {
            let slots: Vec<Slot> = pattern.slots().collect();
            for needed in raw.attribute.required_slots() {
                if !slots.contains(needed) {
                    return Err(format!(
                        "pattern {:?} of a {:?} rule needs a {} slot",
                        pattern.source,
                        raw.attribute,
                        slot_name(*needed)
                    ));
                }
            }
        }
        if raw.attribute == Attribute::Count && raw.name.is_none() {
            return Err("a count rule needs a name (what is counted, such as dead)".to_string());
        }
        Ok(ClaimRule {
            attribute: raw.attribute,
            name: raw.name,
            patterns,
            events: raw.events,
            honorifics: raw.honorifics,
            severity: raw.severity,
            examples: raw.examples,
        })
    }
}

fn slot_name(slot: Slot) -> &'static str {
    match slot {
        Slot::Person => "{person}",
        Slot::Number => "{number}",
        Slot::Year => "{year}",
        Slot::Date => "{date}",
        Slot::Weekday => "{weekday}",
        Slot::Place => "{place}",
        Slot::Title => "{title}",
        Slot::Event => "{event}",
    }
}
