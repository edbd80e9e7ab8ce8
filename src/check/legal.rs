//! `claims.legal_status`: one person given two legal statuses that cannot
//! both hold ("charged with murder" and "convicted of murder", "found
//! guilty" and "acquitted", "fraudster" for someone only accused), with
//! nothing in the draft that marks a change in time.
//!
//! Why: a wrong legal status is a libel risk. Calling someone who is only
//! charged a "murderer", or "convicted" where the court acquitted, is the
//! kind of slip a paper pays for and corrects.
//!
//! The status is read from the sentence's structure, not from any name
//! nearby: the name right before the status words, past an age, a comma,
//! "who" and the verb's auxiliaries (`Smith, 34, was charged with murder`,
//! `Smith, who denies the charges`, `Mr Smith is accused of fraud`), or
//! right after a label (`convicted fraudster John Smith`, `the accused,
//! John Smith,`, `Smith, a convicted murderer,`), or right after a verb
//! whose agent stands before it (`a jury convicted Smith of murder`,
//! `police arrested John Smith`, `the court acquitted her`). "Admitted"
//! is a plea of guilt only when an offence, a charge or a count follows
//! it (`Smith admitted two counts of theft`, not `admitted to hospital`),
//! and "appealing against his conviction" is guilty so far, of the
//! offence the draft convicted the person of. The person is one
//! whatever the draft calls them: "John Smith", "Smith" and "Mr Smith" are
//! linked through the surname. Where an offence is named ("charged with
//! fraud") the status is kept per person and offence; "all charges" and a
//! status with no offence apply to every offence of the person.
//!
//! Two statuses conflict when one says the person is only accused
//! (suspected, arrested, charged, on trial, denies) and the other guilty
//! (convicted, found guilty, pleaded guilty, jailed, a label such as
//! "murderer"), or one guilty and the other cleared (acquitted, found not
//! guilty), of the same offence; unless the draft marks a change in time
//! in a sentence that gives the person one of the two stages ("later",
//! "has since", "subsequently", "on appeal", "quashed"), or the accused
//! step is told in the past with a date ("was arrested in 2021"), or
//! before another step ("had been charged"). "He" or "she" stands for the
//! person of the status just before, unless someone else is named between.
//! Quiet: two statuses in one sentence (a sentence that says both tells
//! the story of the case), a status inside a quotation, a hypothesis ("if
//! convicted, he faces"), a denied one ("was not charged"), and a label
//! that names no one ("fraudsters target the elderly"). The words of each
//! status are the pack's (`accused`, `guilty`, `cleared`, `labels`,
//! `offences`, `changes`, `hypotheticals` in the `legal_status` claim
//! rule), so a desk may extend them. The finding has no fix: which status
//! is right is the court's record.

use rustc_hash::FxHashMap as HashMap;

use crate::check::{Document, Segment};
use crate::claim::{self};
use crate::finding::{Finding, Span};
use crate::mention::Name;
use crate::parse::TokenKind;
use crate::rules::claim::StatusStage as Stage;
use crate::rules::claim::{Attribute, ClaimRule};
use crate::rules::Pack;

/// The tense a status is told in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tense {
    /// "is charged", "denies": where the person stands now.
    Present,
    /// "was charged", "pleaded not guilty".
    Past,
    /// "had been charged", "had denied": before another step.
    Pluperfect,
}

/// A legal status the draft gives a person, found as the draft is read.
#[derive(Clone, Debug)]
pub(crate) struct WrittenStatus {
    /// The person: the full name a surname continues, or the name itself.
    person: String,
    stage: Stage,
    /// The offence named ("murder"), or none for every offence.
    offence: Option<String>,
    /// The status words.
    span: Span,
    /// The sentence, as an index into the draft's sentences.
    sentence: usize,
    /// True when its sentence marks a change in time ("later"), or it is
    /// told before another step ("had been charged").
    changed: bool,
    /// True when it is told in the past with a date ("was arrested in
    /// 2021", "was convicted of drink-driving in 2009"): a step in the
    /// person's history, which an accusation or a conviction at another
    /// time does not contradict.
    dated: bool,
    /// True when it refers to a conviction told elsewhere ("appealing
    /// against her conviction"), whose offence it shares.
    refers_back: bool,
}

/// The grammar between a name and its status: words that may stand
/// between them without making someone else the subject.
const BETWEEN: &[&str] = &[
    ",",
    "who",
    "has",
    "have",
    "had",
    "also",
    "already",
    "since",
    "later",
    "subsequently",
    "eventually",
    "then",
    "now",
    "currently",
    "yesterday",
    "today",
    "aged",
    "previously",
    "formally",
    "both",
    "jointly",
    "-",
    "–",
    "—",
    "(",
    ")",
    "was",
    "is",
    "were",
    "are",
    "been",
    "being",
    "be",
    "on",
];

/// Words before a name that make it part of a phrase about someone
/// else ("the leader of the BNP", "Smith and Jones").
const PHRASE_WORDS: &[&str] = &[
    "of", "from", "for", "at", "in", "with", "by", "to", "the", "a", "an", "and", "or",
];

/// Forms of "to be" that a phrase opening with `be` follows.
const BE: &[&str] = &["was", "is", "were", "are", "been", "being", "be"];

/// Words that make a status someone else's judgement of it ("wrongly
/// convicted"): the status then says nothing the draft stands behind.
const DISOWNED: &[&str] = &["wrongly", "wrongfully", "falsely"];

/// Words between a label and the name it sits beside ("Smith, the
/// convicted fraudster,").
const BEFORE_LABEL: &[&str] = &[
    "a",
    "an",
    "the",
    "convicted",
    "self-confessed",
    "serial",
    "double",
    "notorious",
];

/// Who puts a person at a stage of a case in the active voice ("a jury
/// convicted Smith", "police arrested him"): the word before the verb,
/// or the first or last word of the name before it ("Judge Brown",
/// "Leeds Crown Court", "West Yorkshire Police").
const AGENTS: &[&str] = &[
    "police",
    "officers",
    "detectives",
    "prosecutors",
    "cps",
    "jury",
    "jurors",
    "judge",
    "judges",
    "court",
    "magistrates",
    "magistrate",
    "justices",
    "recorder",
    "sheriff",
];

/// Words that may stand between an agent and its verb ("police have now
/// charged", "a jury on Friday convicted").
const AFTER_AGENT: &[&str] = &[
    "have",
    "has",
    "had",
    "also",
    "now",
    "later",
    "then",
    "today",
    "yesterday",
    "on",
    "formally",
    "eventually",
    "subsequently",
];

/// Verbs of admission, a status of guilt only when an offence follows
/// ("Smith admitted fraud", "admitted two counts of theft"), never
/// otherwise ("admitted to hospital", "admitted he was tired").
const ADMISSIONS: &[&str] = &["admitted", "admits", "admit"];

/// Words an admitted offence may open with that name no offence of the
/// pack's: a charge or count, or the act charged ("admitted causing
/// death by dangerous driving").
const ADMITTED: &[&str] = &[
    "charge",
    "charges",
    "count",
    "counts",
    "offence",
    "offences",
    "causing",
    "killing",
    "murdering",
    "stealing",
    "assaulting",
    "possessing",
    "possession",
    "supplying",
    "attempted",
    "attempting",
    "conspiracy",
    "conspiring",
    "defrauding",
    "wounding",
    "robbing",
    "raping",
    "harassing",
    "stalking",
    "smuggling",
    "laundering",
];

/// Words between an admission verb and its offence ("admitted two
/// counts", "admitted the charge").
const BEFORE_ADMITTED: &[&str] = &[
    "a", "an", "the", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "all",
    "both", "several", "further", "separate",
];

/// Words of a status that refers to a conviction the draft names
/// elsewhere ("appealing against his conviction"): it is of that
/// conviction's offence.
const REFERS_BACK: &[&str] = &["conviction", "convictions", "sentence"];

/// How far after a status an offence is looked for.
const OFFENCE_WINDOW: usize = 12;

/// The names of one segment, by their first and last token.
struct NameIndex<'m> {
    names: &'m [Name],
    by_start: HashMap<usize, usize>,
    by_end: HashMap<usize, usize>,
}

impl<'m> NameIndex<'m> {
    fn new(names: &'m [Name], segment: std::ops::Range<usize>) -> NameIndex<'m> {
        let mut by_start = HashMap::default();
        let mut by_end = HashMap::default();
        for n in segment {
            if let Some(name) = names.get(n) {
                by_start.insert(name.tokens().start, n);
                by_end.insert(name.tokens().end - 1, n);
            }
        }
        NameIndex {
            names,
            by_start,
            by_end,
        }
    }

    /// True when a person other than `person` is named between byte
    /// `from` and byte `to` of the segment: a pronoun after it is theirs.
    fn someone_else_between(&self, from: usize, to: usize, person: &str, text: &str) -> bool {
        let start = self.names.partition_point(|n| n.span().start < from);
        self.names
            .iter()
            .enumerate()
            .skip(start)
            .take_while(|(_, n)| n.span().start < to)
            .any(|(k, _)| self.person(k, text).is_some_and(|p| p != person))
    }

    /// The person a name stands for, when it is surely a person or a body:
    /// a full name, a surname that continues one, or a name with a title.
    fn person(&self, n: usize, text: &str) -> Option<String> {
        let name = self.names.get(n)?;
        let sure = name.tokens().len() >= 2 || name.continues().is_some() || name.title().is_some();
        if !sure {
            return None;
        }
        let full = self.names.get(name.continues().unwrap_or(n))?;
        Some(
            full.span()
                .slice(text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

/// Gathers the legal statuses of a segment. `names` is every name of the
/// draft so far, `segment_names` the segment's, and `first_sentence` the
/// draft's index of the segment's first sentence.
pub(crate) fn scan(
    segment: &Segment<'_, '_>,
    pack: &Pack,
    names: &[Name],
    segment_names: std::ops::Range<usize>,
    first_sentence: usize,
    out: &mut Vec<WrittenStatus>,
) {
    let Some((_, rule)) = claim::rule_of(pack, Attribute::LegalStatus) else {
        return;
    };
    let text = segment.source.text.as_str();
    let mut index: Option<NameIndex<'_>> = None;
    for (k, sentence) in segment.sentences.iter().enumerate() {
        let range = sentence.tokens();
        let word = |i: usize| {
            if range.contains(&i) {
                segment.words.get(i)
            } else {
                ""
            }
        };
        let mut i = range.start;
        while i < range.end {
            let w = segment.words.get(i);
            // One look-up for the many words that start no status.
            if !rule.status_sketch.may_contain(w.as_bytes()) || !rule.status_starts.contains(w) {
                i += 1;
                continue;
            }
            let label = rule.status_labels.get(w).map(String::as_str);
            let candidates = rule.status_phrases.get(w);
            let index = index.get_or_insert_with(|| NameIndex::new(names, segment_names.clone()));
            // "He was later convicted": the person of the status just
            // before, in this sentence or the two before it.
            let sentence_number = first_sentence + k;
            let recent = out
                .last()
                .filter(|s| s.sentence + 2 >= sentence_number)
                .filter(|s| {
                    let here = segment.tokens.get(i).map_or(0, |t| t.span().start);
                    !index.someone_else_between(s.span.end, here, &s.person, text)
                })
                .map(|s| s.person.clone());
            let mut found = None;
            for phrase in candidates.into_iter().flatten() {
                let len = phrase.words.len();
                if !(0..len).all(|n| word(i + n) == phrase.words[n]) {
                    continue;
                }
                let end = i + len;
                let first = phrase.words.first().map_or("", String::as_str);
                // "admitted fraud", not "admitted to hospital".
                if ADMISSIONS.contains(&first) && !admits_offence(rule, &word, end) {
                    continue;
                }
                // "alleged fraudster John Smith": the label is the phrase's.
                let labelled = rule.status_labels.get(word(end)).map(String::as_str);
                let after = end + usize::from(labelled.is_some());
                // Where the offence is looked for: past the person when
                // the verb names them after it ("charged Smith, 29, with").
                let mut offence_from = after;
                // "the alleged killer", not "the paper alleged Acme ...".
                let set_off = i == range.start || matches!(word(i - 1), "the" | "a" | "an" | "," | "(");
                let subject = if phrase.before_name {
                    if agent_before(segment, index, &range, i) {
                        // "A jury convicted Smith", "the court acquitted
                        // her": the person after the verb.
                        let tense = if first.ends_with("ed") {
                            Tense::Past
                        } else {
                            Tense::Present
                        };
                        offence_from = past_object(segment, index, after);
                        subject_after(segment, index, text, &range, after)
                            .or_else(|| object_pronoun(&word, after).then(|| recent.clone()).flatten())
                            .map(|p| (p, tense))
                    } else {
                        set_off
                            .then(|| subject_after(segment, index, text, &range, after))
                            .flatten()
                            .map(|p| (p, Tense::Present))
                    }
                } else {
                    subject_before(
                        segment,
                        index,
                        text,
                        rule,
                        &range,
                        i,
                        phrase.after_be,
                        recent.as_deref(),
                    )
                    .map(|(p, tense)| {
                        // "was charged", "pleaded not guilty": a step
                        // told in the past.
                        let past_verb = !phrase.after_be && (first.ends_with("ed") || first == "went");
                        match tense {
                            Tense::Present if past_verb => (p, Tense::Past),
                            _ => (p, tense),
                        }
                    })
                };
                if let Some((person, tense)) = subject {
                    let offence = match labelled {
                        Some(o) if !o.is_empty() => Some(o.to_string()),
                        _ => offence_after(rule, &word, offence_from, range.end),
                    };
                    let refers_back = phrase.words.iter().any(|w| REFERS_BACK.contains(&w.as_str()));
                    found = Some((person, phrase.stage, offence, i, after, tense, refers_back));
                    break;
                }
            }
            if found.is_none() {
                if let Some(offence) = label {
                    let subject = subject_after(segment, index, text, &range, i + 1)
                        .or_else(|| label_apposition(segment, index, text, &range, i));
                    if let Some(person) = subject {
                        let offence = (!offence.is_empty()).then(|| offence.to_string());
                        // "the convicted fraudster" reads as one status.
                        let start = if i > range.start && word(i - 1) == "convicted" {
                            i - 1
                        } else {
                            i
                        };
                        found = Some((
                            person,
                            Stage::Guilty,
                            offence,
                            start,
                            i + 1,
                            Tense::Present,
                            false,
                        ));
                    }
                }
            }
            let hedged = || (range.start..i).any(|j| hypothetical(segment, rule, &range, j));
            let Some((person, stage, offence, start, end, tense, refers_back)) = found.filter(|_| !hedged())
            else {
                i += 1;
                continue;
            };
            // The status's own words ("appealing against his conviction")
            // mark no change.
            let changed = says_change(rule, &word, range.clone(), start..end);
            // "was arrested in 2021": a dated step of the case, history.
            let dated = tense == Tense::Past && dated(segment, &range);
            let span = Span::new(
                segment.tokens.get(start).map_or(0, |t| t.span().start),
                segment.tokens.get(end - 1).map_or(0, |t| t.span().end),
            );
            out.push(WrittenStatus {
                person,
                stage,
                offence,
                span,
                sentence: first_sentence + k,
                // "had denied the charges": a step before another.
                changed: changed || tense == Tense::Pluperfect,
                dated,
                refers_back,
            });
            i = end.max(i + 1);
        }
    }
}

/// The person right before the status at token `at`: past the grammar of
/// [`BETWEEN`], which must hold a form of "to be" when `after_be`. `None`
/// when a hypothesis, a negation or someone else's judgement stands
/// between them, or when the sentence opens with a hypothesis ("If Smith
/// is convicted"). A pronoun ("he", "she") stands for `recent`, the
/// person of the status just before. With the person, the tense the
/// status is told in.
#[allow(clippy::too_many_arguments)]
fn subject_before(
    segment: &Segment<'_, '_>,
    index: &NameIndex<'_>,
    text: &str,
    rule: &ClaimRule,
    range: &std::ops::Range<usize>,
    at: usize,
    after_be: bool,
    recent: Option<&str>,
) -> Option<(String, Tense)> {
    let word = |i: usize| segment.words.get(i);
    let hypothetical = |i: usize| hypothetical(segment, rule, range, i);
    let mut be = false;
    let mut tense = Tense::Present;
    let mut k = at;
    while k > range.start {
        k -= 1;
        let w = word(k);
        if matches!(w, "he" | "she") {
            let hedged = (range.start..k).any(&hypothetical);
            return recent
                .filter(|_| !hedged && (be || !after_be))
                .map(|p| (p.to_string(), tense));
        }
        if let Some(&n) = index.by_end.get(&k) {
            if after_be && !be {
                return None;
            }
            if (range.start..k).any(&hypothetical) {
                return None;
            }
            // Inside a phrase set off by commas ("Smith, of Leeds,",
            // "Griffin, the leader of the BNP,"): the subject is before it.
            let start = index.names.get(n).map_or(k, |n| n.tokens().start);
            let inside = start > range.start && PHRASE_WORDS.contains(&word(start - 1));
            if inside {
                match (range.start..start).rev().take(10).find(|&c| word(c) == ",") {
                    Some(comma) => {
                        k = comma;
                        continue;
                    }
                    None => return None,
                }
            }
            if let Some(person) = index.person(n, text) {
                return Some((person, tense));
            }
            return None;
        }
        if hypothetical(k) || rule.negations.contains(w) || DISOWNED.contains(&w) || w.ends_with("n't") {
            return None;
        }
        be |= BE.contains(&w);
        tense = match w {
            "had" => Tense::Pluperfect,
            "was" | "were" if tense == Tense::Present => Tense::Past,
            _ => tense,
        };
        let number = segment.tokens.get(k).is_some_and(|t| t.kind == TokenKind::Number);
        let weekday = segment
            .tokens
            .get(k)
            .is_some_and(|t| matches!(t.kind, TokenKind::Weekday(_)));
        if !(BETWEEN.contains(&w) || number || weekday) {
            return None;
        }
    }
    None
}

/// True when a sentence gives a date: a date, a weekday, a year,
/// "yesterday" or "last week", "last month", "last year".
fn dated(segment: &Segment<'_, '_>, range: &std::ops::Range<usize>) -> bool {
    range.clone().any(|i| {
        let Some(token) = segment.tokens.get(i) else {
            return false;
        };
        let w = segment.words.get(i);
        let next = if i + 1 < range.end {
            segment.words.get(i + 1)
        } else {
            ""
        };
        match token.kind {
            TokenKind::Date(_) | TokenKind::Weekday(_) => true,
            TokenKind::Number => w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y)),
            _ => w == "yesterday" || (w == "last" && matches!(next, "week" | "month" | "year")),
        }
    })
}

/// True when token `i` of a sentence makes a hypothesis ("if", "could").
/// "In May" is a month, not a hypothesis.
fn hypothetical(
    segment: &Segment<'_, '_>,
    rule: &ClaimRule,
    range: &std::ops::Range<usize>,
    i: usize,
) -> bool {
    rule.hypotheticals.contains(segment.words.get(i))
        && segment.tokens.get(i).is_some_and(|t| {
            t.kind == TokenKind::Word
                && (i == range.start || !segment.text(t.span()).starts_with(char::is_uppercase))
        })
}

/// The person whose name starts at token `at` (past a comma): "murderer
/// John Smith", "the accused, John Smith,". Not a possessive ("the murder
/// of John Smith's wife" names the victim's family).
fn subject_after(
    segment: &Segment<'_, '_>,
    index: &NameIndex<'_>,
    text: &str,
    range: &std::ops::Range<usize>,
    mut at: usize,
) -> Option<String> {
    if at < range.end && segment.words.get(at) == "," {
        at += 1;
    }
    let &n = index.by_start.get(&at)?;
    let end = index.names.get(n)?.tokens().end;
    let possessive = end < range.end
        && segment
            .tokens
            .get(end)
            .is_some_and(|t| t.kind == TokenKind::Possessive);
    if possessive {
        return None;
    }
    index.person(n, text)
}

/// True when the verb at token `verb` has an agent of [`AGENTS`] before
/// it, past the words of [`AFTER_AGENT`] and a weekday: "police
/// arrested", "a jury on Friday convicted", "Judge Brown jailed", "Leeds
/// Crown Court acquitted". A negation between them ("police have not
/// charged") leaves it no agent.
fn agent_before(
    segment: &Segment<'_, '_>,
    index: &NameIndex<'_>,
    range: &std::ops::Range<usize>,
    verb: usize,
) -> bool {
    let mut k = verb;
    while k > range.start {
        k -= 1;
        let w = segment.words.get(k);
        if AGENTS.contains(&w) {
            return true;
        }
        if let Some(name) = index.by_end.get(&k).and_then(|&n| index.names.get(n)) {
            let opens = segment.words.get(name.tokens().start);
            return AGENTS.contains(&opens);
        }
        let weekday = segment
            .tokens
            .get(k)
            .is_some_and(|t| matches!(t.kind, TokenKind::Weekday(_)));
        if !(AFTER_AGENT.contains(&w) || weekday) {
            return false;
        }
    }
    false
}

/// The token after the object of a verb that starts at token `at`: a
/// name and the age set off after it ("Smith, 29,"), or a pronoun.
fn past_object(segment: &Segment<'_, '_>, index: &NameIndex<'_>, at: usize) -> usize {
    let Some(name) = index.by_start.get(&at).and_then(|&n| index.names.get(n)) else {
        return at + 1;
    };
    let end = name.tokens().end;
    let age = segment.words.get(end) == ","
        && segment
            .tokens
            .get(end + 1)
            .is_some_and(|t| t.kind == TokenKind::Number)
        && segment.words.get(end + 2) == ",";
    if age {
        end + 3
    } else {
        end
    }
}

/// True when the word at token `at` is a pronoun object of the verb
/// before it: "him", or "her" when no noun follows ("acquitted her of",
/// not "arrested her husband").
fn object_pronoun<'w>(word: &impl Fn(usize) -> &'w str, at: usize) -> bool {
    match word(at) {
        "him" => true,
        "her" => matches!(
            word(at + 1),
            "" | "."
                | ","
                | ";"
                | "of"
                | "for"
                | "with"
                | "in"
                | "on"
                | "at"
                | "after"
                | "over"
                | "and"
                | "to"
        ),
        _ => false,
    }
}

/// True when an offence follows an admission verb ending at token `at`:
/// one of the rule's offences, a charge or count, or the act charged, past
/// an article or a number ("admitted fraud", "admitted two counts of
/// theft", "admitted causing death by dangerous driving").
fn admits_offence<'w>(rule: &ClaimRule, word: &impl Fn(usize) -> &'w str, at: usize) -> bool {
    let mut k = at;
    while BEFORE_ADMITTED.contains(&word(k)) && k < at + 3 {
        k += 1;
    }
    let w = word(k);
    ADMITTED.contains(&w) || rule.offences.contains(w)
}

/// The person a label at token `at` is set beside: "Smith, a convicted
/// murderer,".
fn label_apposition(
    segment: &Segment<'_, '_>,
    index: &NameIndex<'_>,
    text: &str,
    range: &std::ops::Range<usize>,
    at: usize,
) -> Option<String> {
    let mut k = at;
    while k > range.start && BEFORE_LABEL.contains(&segment.words.get(k - 1)) {
        k -= 1;
    }
    // The label must be set off: "Smith, a convicted murderer,".
    if k == at || k < range.start + 2 || segment.words.get(k - 1) != "," {
        return None;
    }
    let after = at + 1;
    if after < range.end && !matches!(segment.words.get(after), "," | "." | ")" | "-" | "–" | "—") {
        return None;
    }
    let &n = index.by_end.get(&(k - 2))?;
    index.person(n, text)
}

/// The offence named after a status, before its clause ends: "charged
/// with fraud", "accused of overseeing an $11bn fraud". "All charges"
/// names every offence.
fn offence_after<'w>(
    rule: &ClaimRule,
    word: &impl Fn(usize) -> &'w str,
    at: usize,
    end: usize,
) -> Option<String> {
    for k in at..end.min(at + OFFENCE_WINDOW) {
        let w = word(k);
        if rule.offences.contains(w) {
            return Some(w.to_string());
        }
        if matches!(
            w,
            "," | ";" | ":" | "." | "all" | "but" | "who" | "and" | "after" | "before"
        ) {
            return None;
        }
    }
    None
}

/// True when a sentence marks a change in time outside the tokens `own`
/// of the status: one of the rule's `changes` (a word, or words in a row:
/// "went on to").
fn says_change<'w>(
    rule: &ClaimRule,
    word: &impl Fn(usize) -> &'w str,
    range: std::ops::Range<usize>,
    own: std::ops::Range<usize>,
) -> bool {
    range.clone().filter(|i| !own.contains(i)).any(|i| {
        rule.changes.iter().any(|change| {
            change
                .split_whitespace()
                .enumerate()
                .all(|(n, part)| i + n < range.end && word(i + n) == part)
        })
    })
}

/// The most statuses of one person compared pairwise: more than a court
/// report gives anyone, and a bound on the work a long draft costs.
const MOST_STATUSES: usize = 64;

/// Reports each person given two statuses that cannot both hold.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let Some((_, rule)) = claim::rule_of(pack, Attribute::LegalStatus) else {
        return;
    };
    let mut people: Vec<(&str, Vec<&WrittenStatus>)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::default();
    for status in doc.written_statuses() {
        if doc.quoted(status.span) {
            continue;
        }
        let n = *at.entry(status.person.as_str()).or_insert_with(|| {
            people.push((status.person.as_str(), Vec::new()));
            people.len() - 1
        });
        if let Some((_, list)) = people.get_mut(n) {
            if list.len() < MOST_STATUSES {
                list.push(status);
            }
        }
    }
    for (person, statuses) in &people {
        // "Appealing against her conviction" is of the offence the draft
        // convicted her of, when it names one.
        let convicted: Vec<&str> = statuses
            .iter()
            .filter(|s| s.stage == Stage::Guilty && !s.refers_back)
            .filter_map(|s| s.offence.as_deref())
            .collect();
        let one = convicted
            .first()
            .copied()
            .filter(|o| convicted.iter().all(|c| c == o));
        let offences: Vec<Option<&str>> = statuses
            .iter()
            .map(|s| match s.offence.as_deref() {
                None if s.refers_back => one,
                offence => offence,
            })
            .collect();
        for pair in [(Stage::Accused, Stage::Guilty), (Stage::Guilty, Stage::Cleared)] {
            // A draft that marks the change once ("he was later
            // convicted") tells the case in order.
            if statuses
                .iter()
                .any(|s| s.changed && (s.stage == pair.0 || s.stage == pair.1))
            {
                continue;
            }
            let mut conflicts: Vec<(usize, usize)> = Vec::new();
            for (j, later) in statuses.iter().enumerate() {
                for (i, earlier) in statuses[..j].iter().enumerate() {
                    if conflict((earlier, offences[i]), (later, offences[j]), pair) {
                        conflicts.push((i, j));
                    }
                }
            }
            let Some(&(i, j)) = conflicts.first() else {
                continue;
            };
            let (earlier, later) = (statuses[i], statuses[j]);
            let mut related: Vec<Span> = conflicts
                .iter()
                .flat_map(|&(a, b)| [statuses[a].span, statuses[b].span])
                .filter(|&s| s != later.span)
                .collect();
            related.sort();
            related.dedup();
            let line = doc.source.line_col(earlier.span.start).0;
            findings.push(Finding {
                rule: Attribute::LegalStatus.code(),
                origin: None,
                severity: rule.severity,
                message: format!(
                    "{person} is {} here but {} on line {line}, and nothing marks a change in time between them \
                     (\"later\", \"has since\"): a wrong legal status is a libel risk, so check it against the court \
                     record",
                    describe(doc, later),
                    describe(doc, earlier),
                ),
                span: later.span,
                related,
                fix: None,
            });
        }
    }
}

/// True when two statuses of one person, each with the offence it is of,
/// of the stages of `pair` (in either order), cannot both hold.
fn conflict(
    (a, a_offence): (&WrittenStatus, Option<&str>),
    (b, b_offence): (&WrittenStatus, Option<&str>),
    pair: (Stage, Stage),
) -> bool {
    let stages = (a.stage == pair.0 && b.stage == pair.1) || (a.stage == pair.1 && b.stage == pair.0);
    let same_offence = match (a_offence, b_offence) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    // A dated step is history beside an accusation or a conviction of
    // another offence, or of one the draft does not name; an acquittal and
    // a conviction of one offence clash whenever they were.
    let named_alike = a_offence.is_some() && a_offence == b_offence;
    let history = pair.0 == Stage::Accused && (a.dated || b.dated) && !named_alike;
    stages && same_offence && a.sentence != b.sentence && !history
}

/// `"charged with" murder`, as the message quotes a status.
fn describe(doc: &Document<'_>, status: &WrittenStatus) -> String {
    let words = doc
        .text(status.span)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let stage = match status.stage {
        Stage::Accused => "only accused",
        Stage::Guilty => "guilty",
        Stage::Cleared => "cleared",
    };
    match &status.offence {
        Some(offence) if !words.to_lowercase().contains(offence.as_str()) => {
            format!("{stage} (\"{words}\", of {offence})")
        }
        _ => format!("{stage} (\"{words}\")"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The messages of the claim rule `attribute` for a Markdown draft,
    /// checked with the builtin pack.
    pub(crate) fn rule_messages(text: &str, attribute: Attribute) -> Vec<String> {
        let checker = crate::Checker::new(Pack::builtin().unwrap());
        let source = crate::source::Source::new("a.md", text, crate::source::Format::Markdown);
        checker
            .check(&source)
            .into_iter()
            .filter(|f| f.rule == attribute.code())
            .map(|f| f.message)
            .collect()
    }

    fn messages(text: &str) -> Vec<String> {
        rule_messages(text, Attribute::LegalStatus)
    }

    #[track_caller]
    fn finds(text: &str) {
        assert_eq!(messages(text).len(), 1, "{text}");
    }

    #[track_caller]
    fn quiet(text: &str) {
        assert_eq!(messages(text), Vec::<String>::new(), "{text}");
    }

    #[test]
    fn charged_beside_convicted_is_a_libel_risk() {
        let text = "John Smith, 34, was charged with murder. \
                    Prosecutors said the case was strong. Mr Smith was found guilty of murder.";
        assert_eq!(
            messages(text),
            ["John Smith is guilty (\"found guilty\", of murder) here but only accused (\"charged with\", of \
              murder) on line 1, and nothing marks a change in time between them (\"later\", \"has since\"): a \
              wrong legal status is a libel risk, so check it against the court record"]
        );
    }

    #[test]
    fn each_way_of_naming_a_status_is_read() {
        finds("John Smith was charged with fraud. Convicted fraudster John Smith left the court.");
        finds("Police named murderer John Smith. Smith, who denies the charges, appeared in court.");
        finds("The accused, John Smith, sat in the dock. Smith was found guilty of fraud.");
        finds("John Smith was acquitted of all charges. Smith, who was convicted of fraud, left.");
        finds("John Smith is accused of theft. Smith, a convicted thief, left the court.");
        finds("John Smith was cleared of assault. Smith was convicted of assault.");
        finds("John Smith, who was arrested after the raid, spoke. Smith was jailed for six years.");
        finds("John Smith, of Leeds, is on trial for fraud. Smith pleaded guilty to fraud.");
        finds("John Smith, the former head of the Leeds Trust, was convicted. Smith is accused of fraud.");
        finds(
            "John Smith was convicted of fraud. Police named the alleged fraudster, John Smith, on Monday.",
        );
        finds("John Smith is accused of fraud. The trial ended on Friday. He was convicted of fraud.");
    }

    #[test]
    fn an_agent_before_the_verb_names_the_person_after_it() {
        finds("John Smith was charged with murder. A jury convicted Smith of murder.");
        finds("Mary Jones was found guilty of theft. The court acquitted her of theft.");
        finds("Prosecutors charged Dan Wood with fraud. Judge Ann Price jailed Dan Wood for fraud.");
        finds("Leeds Crown Court convicted Tom Hall of arson. Hall was cleared of arson.");
        finds(
            "Police have charged Dan Wood with fraud. Magistrates remanded him in custody. Wood was jailed.",
        );
        // Told in the past with a date: the case's history.
        quiet("Police arrested John Brown on Tuesday. Brown was jailed for six years.");
        quiet("Police have not charged Dan Wood. Wood was jailed for fraud.");
        quiet("Mary Wood was convicted of fraud. Police arrested her husband on suspicion of fraud.");
        quiet("Dan Wood was convicted of fraud. The firm charged Dan Wood £500 for repairs.");
    }

    #[test]
    fn an_admitted_offence_is_guilt_and_an_admission_to_hospital_is_not() {
        finds("Tom Hall is accused of fraud. Tom Hall admitted two counts of fraud.");
        finds("Sam Bell admitted causing death by dangerous driving. Bell was cleared of all charges.");
        finds("Sam Bell admits theft. Bell was acquitted of theft.");
        finds("Sam Bell has admitted the charge. Bell is on trial for fraud.");
        quiet("Ann Cole was admitted to hospital. Cole was acquitted of assault.");
        quiet("Ann Cole admitted she was tired. Cole was acquitted of assault.");
        quiet("Ann Cole admitted the mistake. Cole was acquitted of assault.");
    }

    #[test]
    fn appealing_against_a_conviction_is_guilty_so_far() {
        quiet("Karen Lowe was convicted of theft. Ms Lowe is appealing against her conviction.");
        quiet("Karen Lowe was convicted of theft and acquitted of fraud. Ms Lowe is appealing against her conviction.");
        finds("Paul Reed was acquitted of fraud. Reed is appealing against his conviction.");
        finds(
            "Paul Reed was cleared of theft. Reed, who is appealing against his conviction for theft, spoke.",
        );
        quiet("Paul Reed was convicted of fraud. Reed has since been acquitted on appeal.");
    }

    #[test]
    fn a_change_in_time_makes_a_progression() {
        quiet(
            "John Smith was charged with murder. He was later convicted. Smith was found guilty of murder.",
        );
        quiet("John Smith was charged with murder in May. Smith was later found guilty of murder.");
        // A dated step told in the past is the case's history.
        quiet("Graham Hulme was arrested in 2021. Hulme was jailed for eight years on Friday.");
        finds("Graham Hulme is charged with assault. Hulme was jailed for eight years.");
        quiet(
            "Richard Cole is charged with false accounting. Mr Cole was convicted of drink-driving in 2009.",
        );
        finds("Mary Jones was found guilty of theft on Friday. Ms Jones was acquitted of all charges.");
        quiet("John Smith, 34, was charged with murder in May. He was later found guilty. Smith was jailed for life.");
        quiet("John Smith was convicted of fraud. Smith has since been cleared of fraud on appeal.");
        quiet("John Smith, who had been charged with fraud, appeared. Smith was convicted of fraud.");
    }

    #[test]
    fn two_people_or_two_offences_are_two_statuses() {
        quiet("John Smith was charged with fraud. Mary Jones was convicted of fraud.");
        quiet("John Smith was convicted of fraud. Smith was acquitted of murder.");
        quiet("John Smith, who has previous convictions for theft, was charged with burglary.");
        quiet("John Smith was charged with burglary. Smith, a convicted fraudster, denies it.");
    }

    #[test]
    fn hypotheses_quotations_denials_and_generic_labels_are_quiet() {
        quiet("John Smith is accused of fraud. If convicted, he faces ten years. If Smith is convicted, he appeals.");
        quiet("John Smith is accused of fraud. Smith could be jailed for ten years.");
        quiet("John Smith pleaded not guilty. If convicted, John Smith faces ten years.");
        quiet("John Smith is accused of fraud. \"Smith was convicted of fraud before,\" a neighbour said.");
        quiet("John Smith is accused of fraud. Smith was not convicted of fraud.");
        quiet("John Smith is accused of fraud. Fraudsters target the elderly, police said.");
        quiet("John Smith, who was charged with fraud, was convicted of fraud in a single sentence.");
        quiet("John Smith was convicted of fraud. Smith alleged that the police had lied.");
        // "Alleged" in the report of a court's finding says nothing of him.
        quiet("John Smith was convicted of fraud. The judge found Smith had taken the money, as the Crown alleged.");
        quiet("John Smith was convicted of fraud. The jury found the offences alleged against Smith proved.");
        quiet("Acme Holdings was convicted of fraud. The Sunday Times alleged Acme Holdings paid bribes.");
        quiet("Nick Green, the leader of the Green Alliance, was convicted. The Green Alliance is accused of fraud.");
        quiet("John Smith accused the bank of fraud. Smith was convicted of fraud in 1998.");
        quiet("John Smith is accused of fraud. The murder of John Smith's wife was solved.");
        quiet("John Smith was convicted of arson. His lawyer once acted for singer Bryn F&#244;n when he was arrested.");
    }
}
