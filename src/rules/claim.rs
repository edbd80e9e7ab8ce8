//! Claim rules in a rule file: which attributes are functional (one value
//! per subject at one time) and the patterns that extract them.

use serde::Deserialize;

use crate::finding::Severity;
use crate::rules::examples::Examples;
use crate::rules::pattern::{Pattern, Slot};

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
    /// A relative date ("yesterday") beside a date it cannot be.
    #[serde(rename = "relative_date")]
    RelativeDate,
    /// A headline that gives a number the body does not.
    Headline,
    /// A person's legal status (charged, convicted, acquitted) given two
    /// ways that cannot both hold.
    #[serde(rename = "legal_status")]
    LegalStatus,
    /// A quotation given to two speakers, or in two wordings.
    Quotation,
    /// A statement made twice, once denied or with another value.
    Statement,
}

impl Attribute {
    /// The rule of contradictions of this attribute.
    pub const fn rule(self) -> &'static crate::registry::Rule {
        use crate::registry;
        match self {
            Attribute::Age => &registry::AGE,
            Attribute::Birth => &registry::BIRTH,
            Attribute::Title => &registry::CLAIMED_TITLE,
            Attribute::Count => &registry::COUNT,
            Attribute::Event => &registry::EVENT,
            Attribute::Weekday => &registry::WEEKDAY,
            Attribute::RelativeDate => &registry::RELATIVE_DATE,
            Attribute::Headline => &registry::HEADLINE,
            Attribute::LegalStatus => &registry::LEGAL_STATUS,
            Attribute::Quotation => &registry::QUOTATION,
            Attribute::Statement => &registry::STATEMENT,
        }
    }

    /// The rule code of contradictions of this attribute.
    pub const fn code(self) -> &'static str {
        self.rule().code
    }

    /// The slots a pattern for this attribute must have.
    fn required_slots(self) -> &'static [Slot] {
        match self {
            Attribute::Age => &[Slot::Person, Slot::Number],
            Attribute::Birth => &[Slot::Person],
            Attribute::Title => &[Slot::Person, Slot::Title],
            Attribute::Count => &[Slot::Number],
            Attribute::Event
            | Attribute::Weekday
            | Attribute::RelativeDate
            | Attribute::Headline
            | Attribute::LegalStatus
            | Attribute::Quotation
            | Attribute::Statement => &[],
        }
    }
}

/// A pattern as written in a rule file, compiled when the file is read (so
/// a malformed one is reported at its own line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternText(pub Pattern);

impl<'de> Deserialize<'de> for PatternText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = PatternText;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a pattern such as \"{person}, {number},\"")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<PatternText, E> {
                Pattern::parse(text)
                    .map(PatternText)
                    .map_err(|e| E::custom(format!("pattern {text:?}: {e}")))
            }
        }
        deserializer.deserialize_str(Visitor)
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
    /// For titles: the nouns that head a role ("director", "coach"), so
    /// that a role no list names is read from its apposition ("Smith, the
    /// company's finance director,").
    pub roles: Words,
    /// For titles: roles one person often holds together ("chairman" and
    /// "chief executive"): two of one group are reported as possibly both
    /// right, at the info level.
    pub held_together: Vec<Vec<String>>,
    /// For titles: roles that say only that someone leads ("head",
    /// "boss"): alone, they contradict no other role.
    pub generic: Vec<String>,
    /// For statements: the words that deny a statement ("not", "never").
    pub negations: Words,
    /// For statements: verbs that report what someone said ("said",
    /// "told"): a statement is attributed to whoever they follow.
    pub reporting: Words,
    /// For statements: words that make a value change over time or a
    /// statement a report of something else ("rose", "expected").
    pub changes: Words,
    /// The shapes of `negations`, `reporting` and `changes`, which a
    /// statement asks of each of its words: most are passed over without
    /// hashing them.
    pub statement_sketch: crate::parse::Sketch,
    /// For legal status: the phrases that say a person is only suspected,
    /// arrested, charged, accused or on trial ("be charged with",
    /// "denies"). A phrase that opens with `be` follows a form of "to be"
    /// ("was charged", "has been charged", "is charged").
    pub accused: Vec<String>,
    /// For legal status: the phrases that say a person was found guilty
    /// ("be convicted of", "pleaded guilty").
    pub guilty: Vec<String>,
    /// For legal status: the phrases that say a person was cleared ("be
    /// acquitted of").
    pub cleared: Vec<String>,
    /// For legal status: nouns that call a person guilty ("murderer"),
    /// with the offence each names ("murder"; empty for any offence).
    pub labels: Vec<(String, String)>,
    /// For legal status: the phrases of `accused`, `guilty` and `cleared`
    /// compiled, by their first word after a leading `be`, longest first.
    pub status_phrases: rustc_hash::FxHashMap<String, Vec<StatusPhrase>>,
    /// For legal status: each label with the offence it names.
    pub status_labels: rustc_hash::FxHashMap<String, String>,
    /// For legal status: the words a status phrase or a label starts with
    /// (after a leading `be`), so that a draft with none of them is passed
    /// over with one look-up a word.
    pub status_starts: Words,
    /// The shapes of `status_starts`, which pass over most words without
    /// hashing them.
    pub status_sketch: crate::parse::Sketch,
    /// For legal status: the offences a status may name ("murder",
    /// "fraud"), so that a status is kept per person and offence.
    pub offences: Words,
    /// For legal status: words that make a status a hypothesis ("if",
    /// "could"): such a status says nothing of the person.
    pub hypotheticals: Words,
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
    roles: Vec<String>,
    #[serde(default)]
    held_together: Vec<Vec<String>>,
    #[serde(default)]
    generic: Vec<String>,
    #[serde(default)]
    negations: Vec<String>,
    #[serde(default)]
    reporting: Vec<String>,
    #[serde(default)]
    changes: Vec<String>,
    #[serde(default)]
    accused: Vec<String>,
    #[serde(default)]
    guilty: Vec<String>,
    #[serde(default)]
    cleared: Vec<String>,
    #[serde(default)]
    labels: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    offences: Vec<String>,
    #[serde(default)]
    hypotheticals: Vec<String>,
    /// The rule's severity, when not the registry's.
    #[serde(default)]
    severity: Option<Severity>,
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
        let (accused, guilty, cleared) = (lower(raw.accused), lower(raw.guilty), lower(raw.cleared));
        let labels: Vec<(String, String)> = raw
            .labels
            .into_iter()
            .map(|(label, offence)| (label.to_lowercase(), offence.to_lowercase()))
            .collect();
        let status_phrases = status_phrases(&accused, &guilty, &cleared);
        let status_labels: rustc_hash::FxHashMap<String, String> = labels.iter().cloned().collect();
        let status_starts: Words = status_phrases
            .keys()
            .chain(status_labels.keys())
            .cloned()
            .collect();
        let negations: Words = lower(raw.negations).into_iter().collect();
        let reporting: Words = lower(raw.reporting).into_iter().collect();
        let changes: Words = lower(raw.changes).into_iter().collect();
        Ok(ClaimRule {
            attribute: raw.attribute,
            name: raw.name,
            patterns,
            events: raw.events,
            honorifics: raw.honorifics,
            roles: lower(raw.roles).into_iter().collect(),
            held_together: raw.held_together.into_iter().map(lower).collect(),
            generic: lower(raw.generic),
            statement_sketch: sketch(negations.iter().chain(&reporting).chain(&changes)),
            negations,
            reporting,
            changes,
            status_sketch: sketch(&status_starts),
            status_phrases,
            status_labels,
            status_starts,
            accused,
            guilty,
            cleared,
            labels,
            offences: lower(raw.offences).into_iter().collect(),
            hypotheticals: lower(raw.hypotheticals).into_iter().collect(),
            severity: raw.severity.unwrap_or(raw.attribute.rule().severity),
            examples: raw.examples,
        })
    }
}

/// Where a person stands in a case, as far as a draft's conflicts go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusStage {
    /// Suspected, arrested, questioned, charged, accused, on trial,
    /// denying the charges.
    Accused,
    /// Convicted, found guilty, pleaded guilty, jailed, sentenced, or
    /// called by a noun that says so ("murderer").
    Guilty,
    /// Acquitted, cleared, found not guilty.
    Cleared,
}

/// A legal-status phrase of a rule, compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusPhrase {
    /// The stage it says.
    pub stage: StatusStage,
    /// Its words, without the leading `be` and the trailing `{person}`.
    pub words: Vec<String>,
    /// True when it follows a form of "to be" (`be charged with`).
    pub after_be: bool,
    /// True when it names the person after it (`alleged {person}`), not
    /// before it.
    pub before_name: bool,
}

/// The legal-status phrases by their first word, longest first (so that
/// "found not guilty" wins over "found").
fn status_phrases(
    accused: &[String],
    guilty: &[String],
    cleared: &[String],
) -> rustc_hash::FxHashMap<String, Vec<StatusPhrase>> {
    let mut by_first: rustc_hash::FxHashMap<String, Vec<StatusPhrase>> = Default::default();
    for (stage, list) in [
        (StatusStage::Accused, accused),
        (StatusStage::Guilty, guilty),
        (StatusStage::Cleared, cleared),
    ] {
        for text in list {
            let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            let after_be = words.first().is_some_and(|w| w == "be") && words.len() > 1;
            if after_be {
                words.remove(0);
            }
            let before_name = words.last().is_some_and(|w| w == "{person}");
            if before_name {
                words.pop();
            }
            let Some(first) = words.first().cloned() else {
                continue;
            };
            by_first.entry(first).or_default().push(StatusPhrase {
                stage,
                words,
                after_be,
                before_name,
            });
        }
    }
    for list in by_first.values_mut() {
        list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }
    by_first
}

/// The shapes of `words`, as a draft may write them.
fn sketch<'w>(words: impl IntoIterator<Item = &'w String>) -> crate::parse::Sketch {
    let mut sketch = crate::parse::Sketch::default();
    for word in words {
        sketch.insert(word.as_bytes(), word.len());
    }
    sketch
}

/// A rule's vocabulary, looked up a token at a time.
pub type Words = rustc_hash::FxHashSet<String>;

/// Vocabulary is compared in lower case, with single spaces.
fn lower(words: Vec<String>) -> Vec<String> {
    words
        .into_iter()
        .map(|w| w.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
        .collect()
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

#[cfg(test)]
mod tests {
    use crate::rules::parse_file;

    #[test]
    fn a_malformed_pattern_is_located_at_its_own_line() {
        let text = "claims:\n  - attribute: age\n    patterns:\n      - \"{person}, {number},\"\n      - \"{person} aged {nmber}\"\n";
        let e = parse_file("house.yaml", text).unwrap_err();
        assert_eq!(
            e.to_string(),
            "house.yaml:5:9: claims[0].patterns[1]: pattern \"{person} aged {nmber}\": unknown slot; expected a \
             slot: {person}, {number}, {year}, {date}, {weekday}, {place}, {title} or {event} (at character 15)"
        );
    }

    #[test]
    fn a_pattern_must_have_the_slots_its_attribute_needs() {
        let text = "claims:\n  - attribute: age\n    patterns: [\"{person} was here\"]\n";
        let e = parse_file("house.yaml", text).unwrap_err();
        assert!(e.to_string().contains("needs a {number} slot"), "{e}");
        let text = "claims:\n  - attribute: count\n    patterns: [\"{number} dead\"]\n";
        assert!(parse_file("house.yaml", text)
            .unwrap_err()
            .to_string()
            .contains("a count rule needs a name"));
        let text = "claims:\n  - attribute: mood\n";
        assert!(parse_file("house.yaml", text)
            .unwrap_err()
            .to_string()
            .contains("unknown variant `mood`"));
    }
}
