//! `claims.quotation`: one quotation given to two speakers, or one
//! speaker's quotation given twice in slightly different words.
//!
//! Why: a quotation is a speaker's exact words. `"We will not back down,"
//! said Smith.` and later `Jones said: "We will not back down."` puts the
//! words in two mouths; `"We will win"` and later `"We shall win"` from the
//! same speaker misquotes one of the two times.
//!
//! A quotation's speaker is read from the sentence around it, as news
//! writes it: `"...," said Smith.`, `"...," Smith said.`, `Smith said:
//! "..."`, `"...," said Mr Smith, the minister.`, `"...," said the
//! party's leader, John Smith.`, `according to Smith`. A body speaks as a
//! person does (`the Home Office said`, `"...," said Acme in a
//! statement.`). A speaker named only by role (`a police spokeswoman
//! said`) is one speaker with the same role, and is never compared with a
//! named one: a draft that does not name them does not say who they are.
//! `"...," she said.` counts for the speaker last named only when the last
//! name before it is that speaker's, and a quotation alone in its sentence
//! right after a speaker's carries on their words (as into the next
//! paragraph); neither of these counts when two speakers are compared.
//! Speakers are one person by surname ("John Smith", "Smith", "Mr Smith").
//! Quotations are compared by their words, folding case and punctuation;
//! only quotations of five words or more count, so a scare quote or a
//! short phrase ("safe haven") is never compared. Words a speaker repeats
//! exactly, two different quotations, and a quotation that is part of a
//! longer one are all left alone. Paraphrase outside quotation marks is
//! not a quotation. The finding has no fix.

use std::collections::HashMap;

use crate::check::{quotation, Document, Segment};
use crate::claim::{self};
use crate::finding::{Finding, Span};
use crate::mention::Name;
use crate::parse::TokenKind;
use crate::rules::claim::Attribute;
use crate::rules::Pack;

/// Quotations shorter than this many words are never compared.
const MIN_WORDS: usize = 5;

/// How many earlier quotations of one bucket a quotation is compared with.
const BUCKET_REACH: usize = 16;

/// Verbs that attribute a quotation to the subject beside them.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "explained",
    "warned",
    "insisted",
    "argued",
    "claimed",
    "stated",
    "declared",
    "wrote",
    "writes",
    "continued",
    "replied",
    "admitted",
    "noted",
    "stressed",
    "commented",
    "conceded",
    "acknowledged",
    "agreed",
    "urged",
    "recalled",
    "suggested",
    "concluded",
    "announced",
    "asked",
    "predicted",
];

/// Words that may stand between a speaker and their verb ("Smith has said").
const BETWEEN: &[&str] = &[
    "has",
    "had",
    "have",
    "also",
    "later",
    "then",
    "previously",
    "earlier",
    "once",
];

/// Words before a name that make it someone other than the speaker ("a
/// spokesman for Smith said").
const NOT_SPEAKER: &[&str] = &[
    "for", "of", "to", "at", "with", "from", "by", "in", "on", "about", "against", "under", "and", "or",
];

/// Nouns that name a speaker by role ("a police spokeswoman said"): a
/// speaker of their own, never one of the people the draft names.
const ROLES: &[&str] = &["spokesman", "spokeswoman", "spokesperson"];

/// Words after a name right after its verb that end the speaker's part
/// of the clause (`"...," said Acme in a statement.`).
const AFTER_SPEAKER: &[&str] = &[
    "in",
    "on",
    "at",
    "yesterday",
    "today",
    "last",
    "after",
    "when",
    "during",
    "before",
    "as",
    "earlier",
    "this",
];

/// Honorifics a name may open with ("Mr Smith" is Smith).
const HONORIFICS: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "dr",
    "dr.",
    "sir",
    "lord",
    "lady",
    "dame",
    "prof",
    "prof.",
    "professor",
];

/// How sure the speaker of a quotation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum By {
    /// Named beside it.
    Named,
    /// A pronoun beside it, or the quotation carries on the one before.
    Carried,
    /// A role beside it and no name ("a police spokeswoman said"): its
    /// quotations are compared only with the same role's, and never give
    /// one quotation to two speakers.
    Role,
}

/// A speaker as the draft names them: the surname, and the first name and
/// surname when known.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Speaker {
    surname: String,
    full: Option<String>,
}

/// A quotation, its words and its speaker, found as the draft is read.
#[derive(Clone, Debug)]
pub(crate) struct WrittenQuote {
    span: Span,
    /// Its words as written, punctuation left out.
    words: Vec<String>,
    speaker: Option<(Speaker, By)>,
    /// The sentence its attribution (or its end) is in.
    last_sentence: usize,
}

/// What is carried from one segment to the next while the draft is read.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    pub(crate) quotes: Vec<WrittenQuote>,
    /// The full names (first name and surname) seen for each surname.
    full_names: HashMap<String, Vec<String>>,
    /// The speaker last named beside a quotation.
    last_named: Option<Speaker>,
    /// The last name outside a quotation in the segments before.
    last_name: Option<Speaker>,
}

/// The lower-cased words of a name, honorifics dropped.
fn name_words(segment: &Segment<'_, '_>, name: &Name) -> Vec<String> {
    let mut words: Vec<String> = name
        .tokens()
        .map(|i| segment.words.get(i).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    while words.len() > 1 && words.first().is_some_and(|w| HONORIFICS.contains(&w.as_str())) {
        words.remove(0);
    }
    words
}

/// The speaker a name names: its surname, and its first name and surname
/// when it gives both. A surname alone is matched to the draft's full
/// names once the whole draft is read ([`person`]), so that the speaker
/// does not depend on where a long draft's segments fall.
fn speaker_of(segment: &Segment<'_, '_>, name: &Name) -> Option<Speaker> {
    let words = name_words(segment, name);
    if HONORIFICS.contains(&words.first()?.as_str()) {
        return None;
    }
    let surname = words.last()?.clone();
    let full = (words.len() >= 2).then(|| words[words.len() - 2..].join(" "));
    Some(Speaker { surname, full })
}

/// Gathers the quotations of one segment, with their speakers.
/// `quotations` and `names` are the segment's.
pub(crate) fn scan(
    segment: &Segment<'_, '_>,
    pack: &Pack,
    quotations: &[Span],
    names: &[Name],
    facts: &mut Facts,
) {
    if claim::rule_of(pack, Attribute::Quotation).is_none() {
        return;
    }
    // The full names, by surname ("Smith": "john smith"), read without
    // building a string for the names already known: a draft names many
    // people many times.
    for name in names.iter().filter(|n| n.tokens().len() >= 2) {
        let mut words = name
            .tokens()
            .rev()
            .map(|i| segment.words.get(i))
            .filter(|w| !w.is_empty());
        let (Some(surname), Some(first)) = (words.next(), words.next()) else {
            continue;
        };
        if HONORIFICS.contains(&first) {
            continue;
        }
        let is_full = |k: &String| {
            k.len() == first.len() + 1 + surname.len() && k.starts_with(first) && k.ends_with(surname)
        };
        match facts.full_names.get_mut(surname) {
            Some(known) if known.iter().any(is_full) => {}
            Some(known) if known.len() >= 4 => {}
            Some(known) => known.push(format!("{first} {surname}")),
            None => {
                facts
                    .full_names
                    .insert(surname.to_string(), vec![format!("{first} {surname}")]);
            }
        }
    }
    let tokens = segment.tokens;
    let sentence_of = |i: usize| {
        segment.sentences.partition_point(|s| s.tokens().end <= i) + segment_first_sentence(segment)
    };
    let name_ending_at = |end: usize| {
        let at = names.partition_point(|n| n.tokens().end < end);
        names.get(at).filter(|n| n.tokens().end == end)
    };
    let word = |i: usize| segment.words.get(i);
    let kind = |i: usize| tokens.get(i).map(|t| t.kind);
    let is_word = |i: usize| {
        kind(i).is_some_and(|k| !matches!(k, TokenKind::Punct | TokenKind::Quote | TokenKind::Terminal))
    };
    let stop = |i: usize| matches!(kind(i), None | Some(TokenKind::Quote | TokenKind::Terminal));
    let name_starting_at = |start: usize| {
        let at = names.partition_point(|n| n.tokens().start < start);
        names.get(at).filter(|n| n.tokens().start == start)
    };
    // A speaker named by role at the end of tokens `from..to`: "a police
    // spokeswoman", "later the Home Office spokesman", as "a police
    // spokeswoman". Not "a spokesman for Acme", whose role is Acme's.
    let role = |from: usize, mut to: usize| -> Option<String> {
        while to > from && BETWEEN.contains(&word(to - 1)) {
            to -= 1;
        }
        let from = (from..to)
            .rev()
            .find(|&i| matches!(word(i), "a" | "an" | "the"))?;
        let closes = to > from + 1 && ROLES.contains(&word(to - 1));
        let plain = (from + 1..to).all(|i| is_word(i) && !NOT_SPEAKER.contains(&word(i)));
        (closes && plain && to - from <= 6).then(|| {
            let mut key = String::from("a");
            for t in tokens.get(from + 1..to).into_iter().flatten() {
                key.push(' ');
                key.push_str(segment.text(t.span()));
            }
            key
        })
    };
    // The speaker of a subject ending just before token `verb`, no
    // further back than `from`.
    let subject = |verb: usize, from: usize| -> Option<(Option<&Name>, bool)> {
        let mut end = verb;
        while end > from && BETWEEN.contains(&word(end - 1)) {
            end -= 1;
        }
        if end > from && matches!(word(end - 1), "he" | "she") {
            return Some((None, true));
        }
        // "The shadow minister, Mary Jones, said": a name set off by commas.
        if end > from + 1 && word(end - 1) == "," && name_ending_at(end - 1).is_some() {
            end -= 1;
        }
        let name = name_ending_at(end)?;
        let start = name.tokens().start;
        if start < from || (from..start).any(|i| NOT_SPEAKER.contains(&word(i))) {
            return None;
        }
        Some((Some(name), false))
    };
    for &q in quotations {
        let qs = tokens.partition_point(|t| t.span().start < q.start);
        let qe = tokens.partition_point(|t| t.span().start < q.end);
        let words: Vec<String> = (qs..qe)
            .filter(|&i| is_word(i))
            .filter_map(|i| tokens.get(i).map(|t| segment.text(t.span()).to_string()))
            .collect();
        let last_inner = (qs..qe).rev().find(|&i| kind(i) != Some(TokenKind::Quote));
        let ends_sentence = last_inner.is_some_and(|i| word(i) == ".");
        let mut found: Option<(Option<&Name>, bool)> = None;
        let mut by_role: Option<String> = None;
        let mut last_sentence = sentence_of(qe.saturating_sub(1).max(qs));
        // After the quotation: `"...," said Smith.` / `"...," Smith said.`
        if !ends_sentence {
            let mut i = qe;
            while i < qe + 10 && !stop(i) {
                if SPEECH.contains(&word(i)) {
                    let first_word = (qe..i).find(|&j| is_word(j));
                    if first_word.is_none() {
                        // Verb first: the name that ends the clause after it.
                        let mut end = i + 1;
                        while end < i + 9 && is_word(end) {
                            end += 1;
                        }
                        if matches!(word(i + 1), "he" | "she") && end == i + 2 {
                            found = Some((None, true));
                        } else if let Some(name) = name_ending_at(end) {
                            let start = name.tokens().start;
                            if start > i && !(i + 1..start).any(|j| NOT_SPEAKER.contains(&word(j))) {
                                found = Some((Some(name), false));
                            }
                        }
                        if found.is_none() {
                            // `said the party's leader, John Smith.`: the
                            // name set off after the role.
                            let apposed = name_starting_at(end + 1)
                                .filter(|_| word(end) == "," && end > i + 1)
                                .filter(|n| !is_word(n.tokens().end));
                            // `said Acme in a statement.`
                            let first = name_starting_at(i + 1)
                                .filter(|n| AFTER_SPEAKER.contains(&word(n.tokens().end)));
                            found = apposed.or(first).map(|n| (Some(n), false));
                        }
                        if found.is_none() {
                            by_role = role(i + 1, end);
                        }
                    } else {
                        found = subject(i, qe);
                        if found.is_none() {
                            by_role = first_word.and_then(|f| role(f, i));
                        }
                    }
                    last_sentence = sentence_of(i);
                    break;
                }
                i += 1;
            }
            if found.is_none() && word(qe) == "," && word(qe + 1) == "according" && word(qe + 2) == "to" {
                let mut end = qe + 3;
                while end < qe + 8 && is_word(end) {
                    end += 1;
                }
                found = name_ending_at(end)
                    .filter(|n| n.tokens().start == qe + 3)
                    .map(|n| (Some(n), false));
            }
        }
        // Before it: `Smith said: "..."` / `Smith told the BBC: "..."`.
        if found.is_none() {
            let sentence_start = segment
                .sentences
                .get(sentence_of(qs) - segment_first_sentence(segment))
                .map_or(qs, |s| s.tokens().start);
            let floor = qs.saturating_sub(12).max(sentence_start);
            let verb = (floor..qs)
                .rev()
                .take_while(|&i| !stop(i))
                .find(|&i| SPEECH.contains(&word(i)));
            if let Some(v) = verb {
                let object = v + 1..qs;
                let ends_well = object.is_empty() || matches!(word(qs - 1), ":" | ",");
                if ends_well && object.len() <= 7 {
                    let clause = (sentence_start..v.saturating_sub(1))
                        .rev()
                        .find(|&i| word(i) == ",")
                        .map_or(sentence_start, |c| c + 1);
                    found = subject(v, clause);
                    if found.is_none() {
                        let first = (clause..v).find(|&i| is_word(i)).unwrap_or(v);
                        by_role = role(first, v);
                    }
                }
            } else if qs >= 4 && word(qs - 1) == "," {
                // `According to Smith, "..."`.
                let at = (floor..qs).find(|&i| word(i) == "according" && word(i + 1) == "to");
                if let Some(a) = at {
                    found = name_ending_at(qs - 1)
                        .filter(|n| n.tokens().start == a + 2)
                        .map(|n| (Some(n), false));
                }
            }
        }
        let speaker = match found {
            Some((Some(name), _)) => speaker_of(segment, name).map(|s| (s, By::Named)),
            None if by_role.is_some() => by_role.map(|key| {
                let speaker = Speaker {
                    surname: key.clone(),
                    full: Some(key),
                };
                (speaker, By::Role)
            }),
            Some((None, true)) => {
                // A pronoun: the last speaker named, when the last name
                // before the quotation is theirs.
                let before = names.partition_point(|n| n.span().start < q.start);
                let last_name = names[..before]
                    .iter()
                    .rev()
                    .filter(|n| !(n.sentence_initial && n.tokens().len() == 1))
                    .find(|n| !quotation::contains(quotations, n.span()));
                let last = match last_name {
                    Some(n) => speaker_of(segment, n),
                    None => facts.last_name.clone(),
                };
                match (&facts.last_named, last) {
                    (Some(named), Some(last)) if named.surname == last.surname => {
                        Some((named.clone(), By::Carried))
                    }
                    _ => None,
                }
            }
            _ => {
                // Alone in its sentence right after a speaker's quotation:
                // their words go on.
                let first_sentence = sentence_of(qs);
                let alone = segment
                    .sentences
                    .get(first_sentence - segment_first_sentence(segment))
                    .is_some_and(|s| s.tokens().start == qs || (s.tokens().start..qs).all(|i| !is_word(i)))
                    && !(qe..qe + 3).any(|i| is_word(i) && sentence_of(i) == last_sentence);
                let previous = facts.quotes.last();
                match (alone, previous) {
                    (true, Some(p))
                        if p.last_sentence + 1 >= first_sentence && p.last_sentence <= first_sentence =>
                    {
                        p.speaker.clone().map(|(s, _)| (s, By::Carried))
                    }
                    _ => None,
                }
            }
        };
        if let Some((s, By::Named)) = &speaker {
            facts.last_named = Some(s.clone());
        }
        facts.quotes.push(WrittenQuote {
            span: q,
            words,
            speaker,
            last_sentence,
        });
    }
    let last_name = names
        .iter()
        .rev()
        .filter(|n| !(n.sentence_initial && n.tokens().len() == 1))
        .find(|n| !quotation::contains(quotations, n.span()));
    if let Some(n) = last_name {
        facts.last_name = speaker_of(segment, n);
    }
}

/// The draft's index of the segment's first sentence.
fn segment_first_sentence(segment: &Segment<'_, '_>) -> usize {
    segment.first_sentence
}

/// A quotation's words as they are compared: [`written`], in lower case
/// with curly apostrophes straightened.
fn compared(words: &[String]) -> Vec<String> {
    written(words).into_iter().map(crate::parse::normalize).collect()
}

/// A speaker as one person: the first name and surname, or the one full
/// name the draft gives that surname; `None` when the surname is two
/// people's.
fn person(speaker: &Speaker, full_names: &HashMap<String, Vec<String>>) -> Option<String> {
    if let Some(full) = &speaker.full {
        return Some(full.clone());
    }
    match full_names.get(&speaker.surname).map(Vec::as_slice) {
        None | Some([]) => Some(speaker.surname.clone()),
        Some([one]) => Some(one.clone()),
        Some(_) => None,
    }
}

/// True when `short` is a run of consecutive words of `long`.
fn part_of(short: &[String], long: &[String]) -> bool {
    short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

/// The word diff of two quotations, when they differ by a small edit: at
/// most two words substituted, inserted or removed, and most words the
/// same. `old` and `new` are the words as written.
pub(crate) fn small_word_diff(old: &[String], new: &[String]) -> Option<String> {
    let (ok, nk) = (compared(old), compared(new));
    if ok == nk || part_of(&ok, &nk) || part_of(&nk, &ok) {
        return None;
    }
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &ok, &nk);
    let mut changed = 0;
    let mut same = 0;
    for op in &ops {
        match op.tag() {
            similar::DiffTag::Equal => same += op.old_range().len(),
            _ => changed += op.old_range().len().max(op.new_range().len()),
        }
    }
    let longer = ok.len().max(nk.len());
    if changed == 0 || changed > 2 || same < 4 || same * 4 < longer * 3 {
        return None;
    }
    // Rendered in the words as written, which `compared` keeps one for one.
    let (ow, nw) = (written(old), written(new));
    let mut shown: Vec<String> = Vec::new();
    for op in &ops {
        let join = |ws: &[&str]| ws.join(" ");
        match op.tag() {
            similar::DiffTag::Equal => shown.push(join(&nw[op.new_range()])),
            _ => {
                let gone = join(&ow[op.old_range()]);
                let added = join(&nw[op.new_range()]);
                let mut change = String::new();
                if !gone.is_empty() {
                    change.push_str(&format!("[-{gone}-]"));
                }
                if !added.is_empty() {
                    change.push_str(&format!("{{+{added}+}}"));
                }
                shown.push(change);
            }
        }
    }
    Some(shown.join(" "))
}

/// The written words as they are compared: a hyphenated word is its
/// parts ("double-act" is "double act": hyphenation is the terms
/// family's), and punctuation around a word is dropped.
fn written(words: &[String]) -> Vec<&str> {
    words
        .iter()
        .flat_map(|w| w.split(['-', '\u{2010}', '\u{2011}']))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The quotation findings of a draft.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let Some((_, rule)) = claim::rule_of(pack, Attribute::Quotation) else {
        return;
    };
    let facts = doc.quote_facts();
    let quotes = &facts.quotes;
    let people: Vec<Option<(String, By)>> = quotes
        .iter()
        .map(|q| {
            q.speaker
                .as_ref()
                .and_then(|(s, by)| person(s, &facts.full_names).map(|p| (p, *by)))
        })
        .collect();
    // Only a quotation with a speaker is compared: most have none.
    let keys: Vec<Vec<String>> = quotes
        .iter()
        .zip(&people)
        .map(|(q, who)| who.as_ref().map(|_| compared(&q.words)).unwrap_or_default())
        .collect();
    let line = |span: Span| doc.source.line_col(span.start).0;
    let shown_name = |n: usize| match &people[n] {
        Some((p, By::Role)) => p.clone(),
        Some((p, _)) => title_case(p),
        None => String::new(),
    };
    let mut reported = vec![false; quotes.len()];
    // The same words, two speakers named.
    let mut exact: HashMap<&[String], usize> = HashMap::new();
    for (n, key) in keys.iter().enumerate() {
        if key.len() < MIN_WORDS {
            continue;
        }
        let Some((who, By::Named)) = &people[n] else {
            continue;
        };
        match exact.get(key.as_slice()) {
            None => {
                exact.insert(key, n);
            }
            Some(&m) => {
                let Some((other, _)) = &people[m] else { continue };
                if other == who {
                    continue;
                }
                reported[n] = true;
                findings.push(Finding {
                    rule: Attribute::Quotation.code(),
                    origin: None,
                    severity: rule.severity,
                    message: format!(
                        "the quotation \"{}\" is given to {} here but to {} on line {}",
                        written(&quotes[n].words).join(" "),
                        shown_name(n),
                        shown_name(m),
                        line(quotes[m].span)
                    ),
                    span: quotes[n].span,
                    related: vec![quotes[m].span],
                    fix: None,
                });
            }
        }
    }
    // One speaker, nearly the same words: quotations of one speaker that
    // share their first two or their last two words are compared.
    let mut buckets: HashMap<(&str, &[String], bool), Vec<usize>> = HashMap::new();
    for (n, key) in keys.iter().enumerate() {
        let Some((who, _)) = &people[n] else { continue };
        if key.len() < MIN_WORDS || reported[n] {
            continue;
        }
        let mut done = false;
        for (ends, at_end) in [(&key[..2], false), (&key[key.len() - 2..], true)] {
            let bucket = buckets.entry((who.as_str(), ends, at_end)).or_default();
            for &m in bucket.iter().rev().take(BUCKET_REACH) {
                if done {
                    break;
                }
                let Some(diff) = small_word_diff(&quotes[m].words, &quotes[n].words) else {
                    continue;
                };
                done = true;
                findings.push(Finding {
                    rule: Attribute::Quotation.code(),
                    origin: None,
                    severity: rule.severity,
                    message: format!(
                        "{} is quoted here in other words than on line {}: \"{diff}\"",
                        shown_name(n),
                        line(quotes[m].span)
                    ),
                    span: quotes[n].span,
                    related: vec![quotes[m].span],
                    fix: None,
                });
            }
            bucket.push(n);
        }
    }
}

/// "john smith" as "John Smith".
fn title_case(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    fn messages(text: &str) -> Vec<String> {
        crate::check::legal::tests::rule_messages(text, Attribute::Quotation)
    }

    #[test]
    fn a_speaker_named_after_the_verb_is_read_past_a_role_and_an_age() {
        assert_eq!(
            messages(
                "\"We will not back down on fares,\" said the party's leader, John Smith.\n\n\
                 \"We shall not back down on fares,\" said Smith, 54, in Leeds."
            ),
            ["John Smith is quoted here in other words than on line 1: \"We [-will-]{+shall+} not back down on fares\""]
        );
    }

    #[test]
    fn an_organisation_speaks_as_a_speaker() {
        assert_eq!(
            messages(
                "Acme said in a statement: \"We are reviewing the decision carefully.\"\n\n\
                 \"We are reviewing the decision closely,\" said Acme in a statement."
            ),
            ["Acme is quoted here in other words than on line 1: \"We are reviewing the decision [-carefully-]{+closely+}\""]
        );
    }

    #[test]
    fn a_role_is_one_speaker_with_itself_and_never_with_a_name() {
        assert_eq!(
            messages(
                "\"We are reviewing the decision carefully,\" said a police spokeswoman.\n\n\
                 A police spokeswoman said: \"We are reviewing the decision closely.\""
            ),
            ["a police spokeswoman is quoted here in other words than on line 1: \"We are reviewing the decision \
              [-carefully-]{+closely+}\""]
        );
        // An unnamed speaker is not shown to be someone else.
        assert_eq!(
            messages(
                "\"Nobody will lose their job at the plant,\" a Home Office spokesman said.\n\n\
                 John Smith said: \"Nobody will lose their job at the plant.\""
            ),
            Vec::<String>::new()
        );
        // Two roles of two bodies, and two roles told apart, are two speakers.
        assert_eq!(
            messages(
                "\"The firm will appeal against the ruling today,\" a spokesman for Acme said.\n\n\
                 \"The firm will appeal against the ruling tomorrow,\" a spokesman for Labour said.\n\n\
                 \"We will study the report very closely,\" a police spokesman said.\n\n\
                 \"We will study the report very carefully,\" a council spokeswoman said."
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_word_substituted_shows_as_a_word_diff() {
        assert_eq!(
            small_word_diff(&words("We will win this vote"), &words("We shall win this vote")).as_deref(),
            Some("We [-will-]{+shall+} win this vote")
        );
    }

    #[test]
    fn a_word_inserted_is_a_small_edit_and_a_part_is_not() {
        assert!(small_word_diff(
            &words("We will win the vote today"),
            &words("We will surely win the vote today")
        )
        .is_some());
        assert!(small_word_diff(
            &words("We will win the vote"),
            &words("We will win the vote, he said")
        )
        .is_none());
        assert!(small_word_diff(&words("We will win the vote"), &words("“We will win the vote,”")).is_none());
        assert!(small_word_diff(
            &words("You see this double-act every day"),
            &words("You see this double act every day")
        )
        .is_none());
        assert!(small_word_diff(
            &words("We will win the vote"),
            &words("Nobody can stop the rise of prices")
        )
        .is_none());
    }
}
