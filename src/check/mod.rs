//! Checks: one module per rule family, each a stateless function of the
//! parsed document and the pack. This module owns the parsed document and
//! what the naming families share: choosing the form that wins and building
//! the one finding that points at every place involved.

use crate::claim::{self, Claim};
use crate::finding::{Applicability, Edit, Finding, Fix, Severity, Span, SpanSet};
use crate::mention::{self, Known, Lexicon, Mentions, Target};
use crate::parse::{self, Sentence, Tokens, Window};
use crate::rules::Pack;
use crate::source::{Part, Source};

pub mod abbreviation;
pub mod acronym;
pub mod archive;
pub mod claims;
pub mod control;
pub mod entity;
pub mod first_reference;
pub mod headline;
pub mod legal;
pub(crate) mod listed;
pub mod quotation;
pub mod quote;
pub mod relative;
pub mod style;
pub mod term;
pub mod title;
pub mod variant;

/// A pack compiled for reading drafts: the matcher of its surface forms
/// and the index of its claim patterns. Built once per pack and shared by
/// every document.
#[derive(Clone, Debug)]
pub struct Compiled {
    lexicon: Lexicon,
    claims: claim::Dispatch,
    archive: archive::Index,
}

impl Compiled {
    /// Compiles the forms and claim patterns of `pack`.
    pub fn new(pack: &Pack) -> Compiled {
        Compiled {
            lexicon: Lexicon::new(pack),
            claims: claim::Dispatch::new(pack),
            archive: archive::Index::new(pack),
        }
    }
}

/// How much prose a segment holds before it is closed: a long draft is
/// parsed and read a segment at a time, so that the tables of one segment
/// stay in the processor's cache and the token table of the whole draft is
/// never built. A draft shorter than this is one segment.
pub const SEGMENT_BYTES: usize = 256 * 1024;

/// A draft parsed once, before any check runs.
///
/// It is read a segment at a time (blocks of about [`SEGMENT_BYTES`] of
/// prose): each segment is parsed, its mentions found and its claims
/// extracted, and the checks that read every token gather what they need
/// of it (`Facts`); then only what the checks of the whole draft read is
/// kept. Indices (of tokens, sentences, mentions) are always the whole
/// draft's.
#[derive(Debug)]
pub struct Document<'a> {
    /// The draft.
    pub source: &'a Source,
    /// Its tokens, by index: all of them when the draft is one segment;
    /// otherwise each name's, the words on either side of a one-word name,
    /// the first and last token of each segment, and no others.
    pub tokens: Tokens,
    /// Its sentences, in order.
    pub sentences: Vec<Sentence>,
    /// What it names, and how.
    pub mentions: Mentions,
    /// What it states, reduced to claims, sorted by span.
    pub claims: Vec<Claim>,
    /// The story's own date ("today"), when known.
    pub story_date: Option<jiff::civil::Date>,
    /// The story's date as relative dates count from it, when certain.
    dateline: Option<relative::Dateline>,
    /// The headline, when the draft opens with one.
    headline: Option<Span>,
    /// Where the parts of the story other than the body are, in order:
    /// the blocks the source gave a part, and a headline found as the
    /// first sentence with no full stop.
    parts: Vec<(Span, Part)>,
    /// Its direct quotations, sorted and disjoint.
    quotations: Vec<Span>,
    /// What the checks that read every token found in the segments.
    facts: Facts,
}

/// What the checks that read every token gather from each segment, for
/// their findings once the whole draft is read.
#[derive(Debug, Default)]
struct Facts {
    terms: term::Facts,
    acronyms: acronym::Facts,
    weekdays: Vec<claims::WrittenWeekday>,
    relatives: Vec<relative::WrittenRelative>,
    statuses: Vec<legal::WrittenStatus>,
    quotes: quote::Facts,
    said: Vec<archive::said::Said>,
    said_date: Option<jiff::civil::Date>,
}

/// One segment of a draft, parsed: what the checks that read every token
/// see of it.
pub(crate) struct Segment<'a, 's> {
    /// The draft.
    pub source: &'a Source,
    /// The segment's tokens, by the draft's index.
    pub tokens: Window<'s>,
    /// The segment's sentences.
    pub sentences: &'s [Sentence],
    /// The segment's tokens as rules compare them, by the draft's index.
    pub words: &'s parse::Words,
    /// The draft's index of the segment's first sentence.
    pub first_sentence: usize,
}

impl<'a> Segment<'a, '_> {
    /// The text a span covers.
    pub(crate) fn text(&self, span: Span) -> &'a str {
        span.slice(&self.source.text)
    }
}

/// The blocks of each segment: consecutive blocks holding at least
/// `bytes` of prose, the last one perhaps less. A draft with no blocks is
/// one empty segment.
fn segments(blocks: &[crate::source::Block], bytes: usize) -> Vec<std::ops::Range<usize>> {
    let mut segments = Vec::new();
    let (mut start, mut prose) = (0, 0);
    for (b, block) in blocks.iter().enumerate() {
        prose += block.prose();
        if prose >= bytes {
            segments.push(start..b + 1);
            (start, prose) = (b + 1, 0);
        }
    }
    if start < blocks.len() || segments.is_empty() {
        segments.push(start..blocks.len());
    }
    segments
}

impl<'a> Document<'a> {
    /// Parses a source, finds its mentions and extracts its claims. `date`
    /// is the publication date given on the command line or in the
    /// configuration, if any.
    pub fn new(
        source: &'a Source,
        compiled: &Compiled,
        pack: &Pack,
        date: Option<jiff::civil::Date>,
    ) -> Document<'a> {
        Document::in_segments(source, compiled, pack, date, SEGMENT_BYTES)
    }

    /// [`Document::new`], reading segments of at least `bytes` of prose
    /// (one block at a time with `bytes` 1). The result is the same for any
    /// size; only the time and memory it takes differ.
    pub fn in_segments(
        source: &'a Source,
        compiled: &Compiled,
        pack: &Pack,
        date: Option<jiff::civil::Date>,
        bytes: usize,
    ) -> Document<'a> {
        let text = source.text.as_str();
        let segments = segments(&source.blocks, bytes);
        let mut facts = Facts::default();
        let whole = segments.len() == 1;
        if !whole {
            facts.terms = term::Facts::ahead(source, &segments, pack);
        }
        let mut kept = Tokens::default();
        let mut sentences: Vec<Sentence> = Vec::new();
        let mut mentions = Mentions::default();
        let mut links = mention::SurnameLinks::default();
        let mut claims = claim::Claims::default();
        let given = claim::calendar::story_date(source, &[], date);
        let mut story_date = given.map(|(d, _)| d);
        let mut dateline = None;
        let mut headline = None;
        let mut quotations = Vec::new();
        let mut base = 0;
        for (n, blocks) in segments.into_iter().enumerate() {
            let blocks = source.blocks.get(blocks).unwrap_or_default();
            let parsed = parse::parse(text, blocks);
            let quoted = quotations.len();
            quotation::find(text, blocks, &parsed.tokens, &mut quotations);
            let mut found =
                mention::find_unlinked(text, &parsed.tokens, &parsed.sentences, &compiled.lexicon);
            found.shift(base, mentions.known.len());
            let names = mentions.names.len()..mentions.names.len() + found.names.len();
            let known = mentions.known.len()..mentions.known.len() + found.known.len();
            mentions.known.append(&mut found.known);
            mentions.names.append(&mut found.names);
            links.link(&mut mentions.names[names.clone()], names.start, |name| {
                parsed
                    .tokens
                    .get(name.tokens().end - 1 - base)
                    .map_or("", |t| t.span().slice(text))
            });
            let words = parse::Words::segment(base, text, &parsed.tokens);
            let segment_sentences: Vec<Sentence> = parsed
                .sentences
                .into_iter()
                .map(|s| {
                    let tokens = s.tokens();
                    Sentence::new(s.span(), tokens.start + base..tokens.end + base)
                })
                .collect();
            if story_date.is_none() {
                story_date = claim::calendar::first_full_date(&parsed.tokens);
            }
            let tokens = Window::new(base, &parsed.tokens);
            claims.extract(&claim::Context {
                text,
                tokens,
                sentences: &segment_sentences,
                first_sentence: sentences.len(),
                mentions: &mentions,
                names: names.clone(),
                known,
                pack,
                words: &words,
                dispatch: &compiled.claims,
            });
            if n == 0 {
                headline = headline_in(&source.blocks, tokens, &segment_sentences);
            }
            let segment = Segment {
                source,
                tokens,
                sentences: &segment_sentences,
                words: &words,
                first_sentence: sentences.len(),
            };
            facts.terms.scan(&segment, pack);
            facts.acronyms.scan(&segment, pack);
            claims::scan_weekdays(&segment, pack, &mut facts.weekdays);
            quote::scan(
                &segment,
                pack,
                &quotations[quoted..],
                &mentions.names[names.clone()],
                &mut facts.quotes,
            );
            // The story's date is in the first two sentences or nowhere:
            // past them, a draft with none needs no relative dates read.
            if dateline.is_none() && sentences.len() < 2 {
                dateline = relative::dateline(given, &segment, sentences.len(), headline);
            }
            if dateline.is_some() || sentences.len() + segment_sentences.len() < 2 {
                relative::scan(&segment, pack, &mut facts.relatives);
            }
            legal::scan(
                &segment,
                pack,
                &mentions.names,
                names.clone(),
                sentences.len(),
                &mut facts.statuses,
            );
            if !pack.archive.is_empty() {
                if n == 0 {
                    facts.said_date = archive::said::certain_date(text, tokens, &segment_sentences, given);
                }
                let read = archive::said::Segment {
                    text,
                    tokens,
                    sentences: &segment_sentences,
                    names: &mentions.names,
                    known: &mentions.known,
                };
                archive::said::scan(read, names.clone(), &compiled.archive.offices, &mut facts.said);
            }
            let end = tokens.len();
            if whole {
                kept = Tokens::all(base, parsed.tokens);
            } else {
                // A name's words, and for a one-word name the words on
                // either side ("of" before it, "said" after it); the first
                // and last token of the segment stand beside the names of
                // the segments around it.
                let word = |i: usize| tokens.get(i).is_some_and(|t| t.kind == parse::TokenKind::Word);
                let around = mentions.names[names].iter().flat_map(|n| {
                    let (start, end) = (n.tokens().start, n.tokens().end);
                    let single = n.tokens().len() == 1;
                    let before = start.checked_sub(1).filter(|&b| single && word(b));
                    let after = Some(end).filter(|&a| single && word(a));
                    [
                        before.map_or(start..start, |b| b..b + 1),
                        n.tokens(),
                        after.map_or(end..end, |a| a..a + 1),
                    ]
                });
                tokens.keep_into(
                    around.chain([base..base + 1, end.saturating_sub(1)..end]),
                    &mut kept,
                );
            }
            sentences.extend(segment_sentences);
            base = end;
        }
        let claims = claims.finish(text, &mentions);
        let parts = parts_of(&source.blocks, headline);
        Document {
            source,
            tokens: kept,
            sentences,
            mentions,
            claims,
            story_date,
            dateline,
            headline,
            parts,
            quotations,
            facts,
        }
    }

    /// The headline: the block the source reads as one (a Markdown `#`
    /// heading, a plain-text first line over a blank line), or else a
    /// first sentence with no full stop ("Kerry calls for common ground").
    /// It names people and bodies by their short names as a matter of
    /// course.
    pub fn headline(&self) -> Option<Span> {
        self.headline
    }

    /// The part of the story `span` is in (where it starts).
    pub fn part(&self, span: Span) -> Part {
        let after = self.parts.partition_point(|(s, _)| s.start <= span.start);
        match after.checked_sub(1).and_then(|i| self.parts.get(i)) {
            Some((s, part)) if span.start < s.end || span.start == s.start => *part,
            _ => Part::Body,
        }
    }

    /// The part of the story sentence `i` is in.
    pub fn sentence_part(&self, i: usize) -> Part {
        self.sentences.get(i).map_or(Part::Body, |s| self.part(s.span()))
    }

    /// The parts of the story other than the body, in order, each with
    /// where it is: a part of several blocks (a standfirst in two
    /// paragraphs) is listed once a block.
    pub fn parts(&self) -> &[(Span, Part)] {
        &self.parts
    }

    /// Whether `span` is in display copy (a headline, a caption), written
    /// in a style of its own: short names, no full stop. A standfirst is
    /// not: it is often the story's opening paragraph.
    pub fn in_display(&self, span: Span) -> bool {
        matches!(self.part(span), Part::Headline | Part::Caption)
    }

    /// True when `span` lies inside a direct quotation: the speaker's
    /// words, which an editor does not rewrite.
    pub fn quoted(&self, span: Span) -> bool {
        quotation::contains(&self.quotations, span)
    }

    /// The text a span covers.
    pub fn text(&self, span: Span) -> &'a str {
        span.slice(&self.source.text)
    }

    /// The story's date as relative dates count from it, when certain.
    fn dateline(&self) -> Option<relative::Dateline> {
        self.dateline
    }

    /// The relative dates written beside a date, in order.
    fn written_relatives(&self) -> &[relative::WrittenRelative] {
        &self.facts.relatives
    }

    /// The legal statuses the draft gives people, in order.
    fn written_statuses(&self) -> &[legal::WrittenStatus] {
        &self.facts.statuses
    }

    /// The quotations, with their speakers, in order.
    fn quote_facts(&self) -> &quote::Facts {
        &self.facts.quotes
    }

    /// The titles and ages given to people that `naming.archive` compares
    /// with the archive's, in order.
    fn archive_said(&self) -> &[archive::said::Said] {
        &self.facts.said
    }

    /// The story's own date when certain, as `naming.archive` compares ages
    /// and titles at it ([`archive::said::certain_date`]).
    fn archive_date(&self) -> Option<jiff::civil::Date> {
        self.facts.said_date
    }

    /// The weekdays written beside a date, in order.
    fn written_weekdays(&self) -> &[claims::WrittenWeekday] {
        &self.facts.weekdays
    }

    /// The known mentions of one rule family, grouped by rule and in
    /// document order: `pick` says which rule and form a target is, when it
    /// belongs to the family. Only rules the draft uses appear, so a family
    /// costs the draft's mentions, not the pack's size.
    pub fn uses_by_rule(
        &self,
        pick: impl Fn(Target) -> Option<(usize, usize)>,
    ) -> std::collections::BTreeMap<usize, Vec<(usize, &Known)>> {
        let mut by_rule: std::collections::BTreeMap<usize, Vec<(usize, &Known)>> = Default::default();
        for known in &self.mentions.known {
            if let Some((rule, form)) = pick(known.target) {
                by_rule.entry(rule).or_default().push((form, known));
            }
        }
        by_rule
    }
}

/// The headline: the block the source gave that part (the first sentence
/// in it with no full stop, when it has one, as before), or else the first
/// sentence with no full stop, when it is in the body (not a caption).
fn headline_in(blocks: &[crate::source::Block], tokens: Window<'_>, sentences: &[Sentence]) -> Option<Span> {
    let first = blocks.first()?;
    let sentence = headline_of(tokens, sentences);
    match first.part {
        Part::Headline => {
            let block = first.span();
            Some(
                sentence
                    .filter(|s| block.start <= s.start && s.end <= block.end)
                    .unwrap_or(block),
            )
        }
        Part::Body => sentence,
        _ => None,
    }
}

/// Where the parts other than the body are: the blocks' own, and the
/// headline when no block was given that part.
fn parts_of(blocks: &[crate::source::Block], headline: Option<Span>) -> Vec<(Span, Part)> {
    let mut parts: Vec<(Span, Part)> = Vec::new();
    if let Some(h) = headline.filter(|_| blocks.first().is_some_and(|b| b.part == Part::Body)) {
        parts.push((h, Part::Headline));
    }
    parts.extend(
        blocks
            .iter()
            .filter(|b| b.part != Part::Body)
            .map(|b| (b.span(), b.part)),
    );
    parts
}

/// The first sentence, when it has no full stop.
fn headline_of(tokens: Window<'_>, sentences: &[Sentence]) -> Option<Span> {
    sentences
        .first()
        .filter(|s| {
            !tokens
                .get(s.tokens())
                .unwrap_or_default()
                .iter()
                .any(|t| t.kind == parse::TokenKind::Terminal)
        })
        .map(|s| s.span())
}

/// Runs every check over a document; findings sorted by span, then rule.
pub fn run(doc: &Document<'_>, compiled: &Compiled, pack: &Pack) -> Vec<Finding> {
    let mut findings = Vec::new();
    entity::check(doc, pack, &mut findings);
    abbreviation::check(doc, pack, &mut findings);
    title::check(doc, pack, &mut findings);
    variant::check(doc, pack, &mut findings);
    first_reference::check(doc, pack, &mut findings);
    archive::check(doc, pack, &compiled.archive, &mut findings);
    acronym::check(doc, pack, &mut findings);
    term::check(doc, pack, &mut findings);
    style::check(doc, pack, &mut findings);
    claims::check(doc, pack, &mut findings);
    relative::check(doc, pack, &mut findings);
    headline::check(doc, pack, &mut findings);
    legal::check(doc, pack, &mut findings);
    quote::check(doc, pack, &mut findings);
    drop_terms_the_house_style_settles(&mut findings);
    name_the_parts(doc, &mut findings);
    leave_quotations_to_a_human(doc, &mut findings);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

/// The naming rules that compare two spellings in one draft.
const SPELLINGS: [&str; 4] = [
    variant::CODE,
    crate::registry::ENTITY.code,
    crate::registry::ABBREVIATION.code,
    crate::registry::TITLE.code,
];

/// A naming finding whose spellings are not all in the body says where
/// each is: `the caption writes "Gadaffi", the body "Gaddafi" (line 7)`,
/// after what the rule says and before which form to use. A finding of
/// the body alone is left as it is.
fn name_the_parts(doc: &Document<'_>, findings: &mut [Finding]) {
    if doc.parts.is_empty() {
        return;
    }
    for finding in findings.iter_mut().filter(|f| SPELLINGS.contains(&f.rule)) {
        let Some(places) = where_written(doc, finding.span, &finding.related) else {
            continue;
        };
        let at = finding.message.find("; use \"").unwrap_or(finding.message.len());
        finding.message.insert_str(at, &format!(": {places}"));
    }
}

/// Where each spelling of a finding is written, when one of them is
/// outside the body: each spelling (compared without case) once, the
/// finding's own first, at a place outside the body where it has one.
fn where_written(doc: &Document<'_>, primary: Span, related: &[Span]) -> Option<String> {
    let key = |s: Span| doc.text(s).to_lowercase();
    let mut spellings: Vec<(String, Span)> = vec![(key(primary), primary)];
    for &span in related {
        let k = key(span);
        match spellings.iter_mut().find(|(known, _)| *known == k) {
            Some((_, at)) if doc.part(*at) == Part::Body && doc.part(span) != Part::Body => *at = span,
            Some(_) => {}
            None => spellings.push((k, span)),
        }
    }
    if spellings.len() < 2 || spellings.iter().all(|&(_, at)| doc.part(at) == Part::Body) {
        return None;
    }
    let mut out = String::new();
    for (n, &(_, at)) in spellings.iter().enumerate() {
        let part = doc.part(at).name();
        let text = doc.text(at);
        if n == 0 {
            out.push_str(&format!("the {part} writes \"{text}\""));
        } else {
            out.push_str(&format!(", the {part} \"{text}\""));
        }
        if at != primary {
            out.push_str(&format!(" (line {})", doc.source.line_col(at.start).0));
        }
    }
    Some(out)
}

/// A quotation is the speaker's words: a fix that would change one is
/// shown but applied only with `--unsafe-fixes`, and says why.
fn leave_quotations_to_a_human(doc: &Document<'_>, findings: &mut [Finding]) {
    if doc.quotations.is_empty() {
        return;
    }
    for finding in findings {
        let Some(fix) = &mut finding.fix else { continue };
        if fix.applicability == Applicability::Safe && fix.edits.iter().any(|e| doc.quoted(e.span)) {
            fix.applicability = Applicability::Unsafe;
            finding
                .message
                .push_str("; the fix changes a direct quotation, so confirm the speaker's words");
        }
    }
}

/// A style pack that writes "cease-fire" reports every "ceasefire"; the
/// hyphenation finding about the same words would say it a second time.
fn drop_terms_the_house_style_settles(findings: &mut Vec<Finding>) {
    let settled = SpanSet::new(
        findings
            .iter()
            .filter(|f| f.rule == style::CODE)
            .flat_map(|f| std::iter::once(f.span).chain(f.related.iter().copied())),
    );
    if settled.is_empty() {
        return;
    }
    findings.retain(|f| {
        f.rule != term::CODE
            || !std::iter::once(f.span)
                .chain(f.related.iter().copied())
                .any(|s| settled.overlaps(s))
    });
}

/// The first accepted form (in the order the desk listed them) that is one
/// of `forms`, or the text of a use of one: compared exactly, then without
/// regard to case. Returns the form.
fn accepted_form<'u>(
    accepted: &[String],
    forms: &[(&'u str, usize, usize)],
    uses: &'u [Use],
) -> Option<&'u str> {
    accepted.iter().find_map(|a| {
        let a = a.split_whitespace().collect::<Vec<_>>().join(" ");
        let exact = forms.iter().map(|f| f.0).find(|f| *f == a).or_else(|| {
            uses.iter()
                .find(|u| u.text.split_whitespace().collect::<Vec<_>>().join(" ") == a)
                .map(|u| u.form.as_str())
        });
        exact.or_else(|| {
            let lower = a.to_lowercase();
            forms.iter().map(|f| f.0).find(|f| f.to_lowercase() == lower)
        })
    })
}

/// One place a form of something is used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Use {
    /// The form, as the family compares and names forms (`ceasefire`,
    /// `US`, `Sergey Lavrov`).
    pub form: String,
    /// Where it is.
    pub span: Span,
    /// What a fix replaces (usually `span`; for "Sergey Lavrov" only
    /// "Sergey").
    pub edit: Span,
    /// The text of `edit`; the winner's is what replaces the others'.
    pub text: String,
}

impl Use {
    /// The use of a known mention whose form, as its rule names it, is
    /// `form`.
    pub fn of_known(doc: &Document<'_>, known: &Known, form: &str) -> Use {
        Use {
            form: form.to_string(),
            span: known.span,
            edit: known.span,
            text: doc.text(known.span).to_string(),
        }
    }
}

/// How the winning form was chosen, for the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// A rule in the pack prefers it.
    HouseRule,
    /// The desk's configuration accepts it (`Pack::accepted`).
    Accepted,
    /// The draft uses it most, this many times.
    UsedMost(usize),
    /// The forms are used equally often; it is the fullest of them
    /// ("European Commission" over "EU Commission"; "Abbott" over
    /// "Abbot": a dropped letter is the commoner slip).
    Fullest,
    /// The forms are used equally often; the rule names it as the usual
    /// form.
    RuleDefault,
    /// The forms are used equally often; it came first.
    UsedFirst,
}

impl Why {
    fn describe(self) -> String {
        match self {
            Why::HouseRule => "house rule".to_string(),
            Why::Accepted => "accepted by this desk".to_string(),
            Why::UsedMost(n) => format!("used most, {n} times"),
            Why::Fullest => "as common as the others, and the fullest form".to_string(),
            Why::RuleDefault => "as common as the others, and the usual form".to_string(),
            Why::UsedFirst => "as common as the others, and used first".to_string(),
        }
    }
}

/// Builds the edit for one use from the winner's text.
pub type Rewrite<'a> = dyn Fn(&Use, &str) -> Edit + 'a;

/// A group of uses of one thing in several forms, reduced to one finding.
pub struct Inconsistency<'u> {
    /// The rule code.
    pub rule: &'static str,
    /// The rule-file entry that produced it.
    pub origin: Option<String>,
    /// The finding's severity.
    pub severity: Severity,
    /// Every use, in document order.
    pub uses: &'u [Use],
    /// The form the pack prefers, if any: it wins outright.
    pub prefer: Option<&'u str>,
    /// The form the rule names as usual, if any: it wins between forms
    /// used equally often ("Maldives" over "Maldive Islands").
    pub fallback: Option<&'u str>,
    /// Whether, between forms used equally often and none of them the
    /// usual one, the fullest (the most
    /// letters) wins: for names, where a shortened or misspelt form is
    /// shorter ("EU Commission", "Abbot"); not for spellings of one word
    /// ("email", "e-mail"), where length says nothing.
    pub fullest: bool,
    /// How safe replacing the other forms is.
    pub applicability: Applicability,
    /// Whether a replacement takes on the casing of the text it replaces
    /// (terms and titles) or is written as the rule spells it (names).
    pub match_case: bool,
    /// Builds the edit for one use, given the winner's text, where the
    /// family needs more than a replacement of `Use::edit` (an entity
    /// that takes "the" where the other does not).
    pub rewrite: Option<&'u Rewrite<'u>>,
    /// The forms the desk accepted (`Pack::accepted`): one of them wins
    /// over the pack's preference and the majority.
    pub accepted: &'u [String],
}

impl<'u> Inconsistency<'u> {
    /// The finding, or `None` when the uses agree. `describe` words the
    /// message from the forms in order of first use and the winning form;
    /// the message then says which form to use and why.
    pub fn finding(self, describe: impl FnOnce(&[&str], &str) -> String) -> Option<Finding> {
        let mut forms: Vec<(&str, usize, usize)> = Vec::new(); // form, count, first use
        for (i, u) in self.uses.iter().enumerate() {
            match forms.iter_mut().find(|(f, _, _)| *f == u.form) {
                Some(entry) => entry.1 += 1,
                None => forms.push((&u.form, 1, i)),
            }
        }
        if forms.len() < 2 {
            return None;
        }
        let accepted = accepted_form(self.accepted, &forms, self.uses);
        let prefer = if accepted.is_some() { None } else { self.prefer };
        let (winner, why) = match (accepted, prefer) {
            (Some(form), _) => (form, Why::Accepted),
            (None, Some(p)) => (p, Why::HouseRule),
            (None, None) => {
                let most = forms.iter().map(|f| f.1).max().unwrap_or(0);
                // `forms` is in order of first use, so the first of the
                // tied ones is the earliest.
                let tied: Vec<&str> = forms.iter().filter(|f| f.1 == most).map(|f| f.0).collect();
                let letters = |form: &str| form.chars().filter(|c| c.is_alphanumeric()).count();
                let longest = tied.iter().map(|f| letters(f)).max().unwrap_or(0);
                let fullest: Vec<&str> = tied.iter().copied().filter(|f| letters(f) == longest).collect();
                let usual = self.fallback.and_then(|d| tied.iter().copied().find(|f| *f == d));
                match (&tied[..], usual) {
                    ([only], _) => (*only, Why::UsedMost(most)),
                    (_, Some(usual)) => (usual, Why::RuleDefault),
                    _ if self.fullest && fullest.len() == 1 => (fullest[0], Why::Fullest),
                    _ => (tied.first().copied().unwrap_or(""), Why::UsedFirst),
                }
            }
        };
        let losers: Vec<&Use> = self.uses.iter().filter(|u| u.form != winner).collect();
        let primary = losers.first()?.span;
        let mut related: Vec<Span> = self
            .uses
            .iter()
            .map(|u| u.span)
            .filter(|&s| s != primary)
            .collect();
        related.sort();
        related.dedup();
        // The winner as the draft writes it, unless a rule spells it.
        let winner_text = match (prefer, why) {
            (Some(p), _) => p,
            (None, Why::RuleDefault) => self.fallback.unwrap_or(winner),
            (None, _) => self
                .uses
                .iter()
                .find(|w| w.form == winner)
                .map_or(winner, |w| w.text.as_str()),
        };
        let replacement_of = |u: &Use| {
            if self.match_case {
                match_case(&u.text, winner_text)
            } else {
                winner_text.to_string()
            }
        };
        let edits = losers
            .iter()
            .map(|u| match self.rewrite {
                Some(rewrite) => rewrite(u, &replacement_of(u)),
                None => Edit {
                    span: u.edit,
                    replacement: replacement_of(u),
                },
            })
            .zip(&losers)
            .filter(|(e, u)| e.span != u.edit || e.replacement != u.text)
            .map(|(e, _)| e)
            .collect();
        // Forms are named as first written ("Time Warner", not the key).
        let uses = self.uses;
        let written = |form: &'u str| {
            uses.iter()
                .find(|u| u.form == form)
                .map_or(form, |u| u.text.as_str())
        };
        let names: Vec<&str> = forms.iter().map(|f| written(f.0)).collect();
        // The message quotes what the fix writes where the odd one out is
        // (in its case: a sentence-initial "E-mail" becomes "Email").
        let primary_fix = losers
            .first()
            .filter(|_| self.match_case)
            .map(|u| replacement_of(u));
        let shown = match &primary_fix {
            Some(fixed) => fixed.as_str(),
            None if prefer.is_some() => winner,
            None => written(winner),
        };
        let message = format!(
            "{}; use \"{shown}\" ({})",
            describe(&names, shown),
            why.describe()
        );
        Some(Finding {
            rule: self.rule,
            origin: self.origin,
            severity: self.severity,
            message,
            span: primary,
            related,
            fix: Fix::new(self.applicability, edits),
        })
    }
}

/// `"A" and "B"`, `"A", "B" and "C"`.
pub fn quote_list(items: &[&str]) -> String {
    let mut out = String::with_capacity(items.iter().map(|i| i.len() + 6).sum());
    for (n, item) in items.iter().enumerate() {
        if n + 1 == items.len() && n > 0 {
            out.push_str(" and ");
        } else if n > 0 {
            out.push_str(", ");
        }
        out.push('"');
        out.push_str(item);
        out.push('"');
    }
    out
}

/// `two`, `three`... for small counts in messages.
pub fn count_word(n: usize) -> String {
    match n {
        2 => "two".into(),
        3 => "three".into(),
        4 => "four".into(),
        5 => "five".into(),
        _ => n.to_string(),
    }
}

/// `replacement` in the casing pattern of `original`: ALL CAPS stays all
/// caps, a capital first letter stays capital, all lower case stays lower.
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters = || original.chars().filter(|c| c.is_alphabetic());
    let upper = letters().filter(|c| c.is_uppercase()).count();
    let total = letters().count();
    if total > 1 && upper == total && replacement.chars().any(char::is_lowercase) {
        return replacement.to_uppercase();
    }
    if upper == 0 && total > 0 {
        return replacement.to_lowercase();
    }
    match (original.chars().next(), replacement.chars().next()) {
        (Some(o), Some(r)) if o.is_uppercase() && r.is_lowercase() => {
            let mut out: String = r.to_uppercase().collect();
            out.push_str(&replacement[r.len_utf8()..]);
            out
        }
        _ => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_house_style_spelling_is_reported_once_not_also_as_a_hyphenation_slip() {
        let pack = Pack::builtin().unwrap().with_style("ap").unwrap();
        let checker = crate::Checker::new(pack);
        let source = Source::new(
            "d.txt",
            "The cease-fire held. A ceasefire is planned.",
            crate::source::Format::Text,
        );
        let rules: Vec<&str> = checker.check(&source).iter().map(|f| f.rule).collect();
        assert_eq!(rules, [style::CODE]);
    }

    #[test]
    fn match_case_keeps_the_pattern() {
        assert_eq!(match_case("SERGEI", "Sergey"), "SERGEY");
        assert_eq!(match_case("Cease-fire", "ceasefire"), "Ceasefire");
        assert_eq!(match_case("cease-fire", "Ceasefire"), "ceasefire");
        assert_eq!(
            match_case("State Secretary", "Secretary of State"),
            "Secretary of State"
        );
        assert_eq!(match_case("US", "U.S."), "U.S.");
    }

    #[test]
    fn quote_list_joins_with_and() {
        assert_eq!(quote_list(&[]), "");
        assert_eq!(quote_list(&["US"]), "\"US\"");
        assert_eq!(quote_list(&["US", "USA"]), "\"US\" and \"USA\"");
        assert_eq!(quote_list(&["US", "U.S.", "USA"]), "\"US\", \"U.S.\" and \"USA\"");
    }
}
