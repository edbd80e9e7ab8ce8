//! Mentions: the places a draft names something. Every surface form the
//! loaded rules know is matched whole-word and longest-first; the
//! capitalised phrases left over are names, split from the titles before
//! them and linked to the full name a later surname continues.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::finding::Span;
use crate::parse::{self, Token, TokenKind};
use crate::rules::Pack;
use crate::source::Block;

/// What a known surface form is, in the pack it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// Form `form` (0 = the name, then the aliases) of entity `rule`.
    Entity {
        /// Index into `Pack::entities`.
        rule: usize,
        /// Index into the entity's forms.
        form: usize,
    },
    /// An adjective of entity `rule`: never a variant of its name.
    Adjective {
        /// Index into `Pack::entities`.
        rule: usize,
    },
    /// Form `form` of abbreviation `rule`.
    Abbreviation {
        /// Index into `Pack::abbreviations`.
        rule: usize,
        /// Index into the rule's forms.
        form: usize,
    },
    /// Form `form` of title `rule` (matched without regard to case).
    Title {
        /// Index into `Pack::titles`.
        rule: usize,
        /// Index into the rule's forms.
        form: usize,
    },
    /// Form `form` of the `instead_of` list of style rule `rule`.
    Style {
        /// Index into `Pack::style`.
        rule: usize,
        /// Index into the rule's `instead_of`.
        form: usize,
    },
    /// A phrase that contains a known form but is something else
    /// (`USA TODAY`).
    Exception,
}

impl Target {
    /// Titles are matched without regard to case; everything else must
    /// match exactly (`US` is the country, `us` is not).
    fn case_sensitive(self) -> bool {
        !matches!(self, Target::Title { .. })
    }

    /// Exceptions beat forms of the same length.
    fn rank(self) -> u8 {
        match self {
            Target::Exception => 0,
            _ => 1,
        }
    }
}

/// A known surface form found in the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    /// Where it is.
    pub span: Span,
    /// Its tokens, as an index range into the document's tokens.
    pub tokens: Range<usize>,
    /// What it is.
    pub target: Target,
}

/// A capitalised phrase no rule knows: a person, place or organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// Where it is.
    pub span: Span,
    /// Its tokens, as an index range into the document's tokens.
    pub tokens: Range<usize>,
    /// True when the phrase opens its sentence (its capital may only mark
    /// the start of the sentence).
    pub sentence_initial: bool,
    /// The title right before it, as an index into `Mentions::known`
    /// ("Foreign Minister" in "Foreign Minister Sergey Lavrov").
    pub title: Option<usize>,
    /// For a one-word name, the earlier full name whose last word it is,
    /// as an index into `Mentions::names` ("Lavrov" after "Sergey Lavrov").
    pub continues: Option<usize>,
}

/// Every mention in a document, each list sorted by position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mentions {
    /// Surface forms the rules know.
    pub known: Vec<Known>,
    /// Capitalised phrases no rule knows.
    pub names: Vec<Name>,
}

/// The compiled matcher for every surface form of a pack. Built once per
/// run and shared by every document.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// `None` when the pack has no surface form at all.
    automaton: Option<AhoCorasick>,
    /// The normalised patterns, in the automaton's order.
    patterns: Vec<String>,
    /// For each pattern, the targets it stands for.
    targets: Vec<Vec<Target>>,
}

impl Lexicon {
    /// Compiles every surface form of `pack`.
    pub fn new(pack: &Pack) -> Lexicon {
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut add = |form: &str, target: Target| {
            let key = normalize_phrase(form);
            if key.is_empty() {
                return;
            }
            let at = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                targets.push(Vec::new());
                targets.len() - 1
            });
            if !targets[at].contains(&target) {
                targets[at].push(target);
            }
        };
        for (rule, e) in pack.entities.iter().enumerate() {
            for (form, name) in e.forms().enumerate() {
                add(name, Target::Entity { rule, form });
            }
            for adjective in &e.adjectives {
                add(adjective, Target::Adjective { rule });
            }
            for exception in &e.exceptions {
                add(exception, Target::Exception);
            }
        }
        for (rule, a) in pack.abbreviations.iter().enumerate() {
            for (form, text) in a.forms.iter().enumerate() {
                add(text, Target::Abbreviation { rule, form });
            }
            for exception in &a.exceptions {
                add(exception, Target::Exception);
            }
        }
        for (rule, t) in pack.titles.iter().enumerate() {
            for (form, text) in t.forms.iter().enumerate() {
                add(text, Target::Title { rule, form });
            }
            for exception in &t.exceptions {
                add(exception, Target::Exception);
            }
        }
        for (rule, s) in pack.style.iter().enumerate() {
            for (form, text) in s.instead_of.iter().enumerate() {
                add(text, Target::Style { rule, form });
            }
            for exception in &s.exceptions {
                add(exception, Target::Exception);
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            // Building fails only past the automaton's size limits, far
            // beyond any rule pack; a pack that large matches nothing
            // rather than panicking.
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(&patterns)
                .ok()
        };
        Lexicon {
            automaton,
            patterns,
            targets,
        }
    }
}

/// A phrase as the matcher sees it: its tokens joined by single spaces,
/// with curly apostrophes made straight. Rule forms and drafts are both
/// normalised this way, so "People’s Republic" in a draft matches
/// "People's Republic" in a rule, across a line break too.
pub fn normalize_phrase(phrase: &str) -> String {
    let block = Block {
        pieces: vec![Span::new(0, phrase.len())],
    };
    let parsed = parse::parse(phrase, std::slice::from_ref(&block));
    let mut out = String::with_capacity(phrase.len());
    for token in &parsed.tokens {
        if !out.is_empty() {
            out.push(' ');
        }
        push_normalized(&mut out, token.span.slice(phrase));
    }
    out
}

fn push_normalized(out: &mut String, text: &str) {
    if text.contains('’') {
        out.extend(text.chars().map(|c| if c == '’' { '\'' } else { c }));
    } else {
        out.push_str(text);
    }
}

/// The draft's tokens joined into one string the matcher runs over, with
/// the position of each token in it. Blocks are joined by a newline, which
/// no pattern contains, so no match crosses a block.
struct Stream {
    text: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Stream {
    /// `group[i]` says which sentence token `i` is in.
    fn new(text: &str, tokens: &[Token], group: &[usize]) -> Stream {
        let mut stream = Stream {
            text: String::with_capacity(text.len()),
            starts: Vec::with_capacity(tokens.len()),
            ends: Vec::with_capacity(tokens.len()),
        };
        for (i, token) in tokens.iter().enumerate() {
            if i > 0 {
                let joint = if group[i] == group[i - 1] { ' ' } else { '\n' };
                stream.text.push(joint);
            }
            stream.starts.push(stream.text.len());
            push_normalized(&mut stream.text, token.span.slice(text));
            stream.ends.push(stream.text.len());
        }
        stream
    }

    /// The tokens a match covers, if it starts and ends on token bounds.
    fn tokens(&self, start: usize, end: usize) -> Option<Range<usize>> {
        let first = self.starts.binary_search(&start).ok()?;
        let last = self.ends.binary_search(&end).ok()?;
        (first <= last).then_some(first..last + 1)
    }
}

/// Words that may join the parts of a name ("Bashar al-Assad" is one
/// token, "Ursula von der Leyen" is not).
const NAME_JOINERS: &[&str] = &[
    "al", "bin", "bint", "ibn", "da", "de", "del", "della", "der", "den", "di", "do", "dos", "du", "el",
    "la", "le", "van", "von", "y",
];

/// Finds every mention in a parsed document.
pub fn find(text: &str, tokens: &[Token], sentences: &[parse::Sentence], lexicon: &Lexicon) -> Mentions {
    let mut sentence_of = vec![0usize; tokens.len()];
    for (s, sentence) in sentences.iter().enumerate() {
        for slot in &mut sentence_of[sentence.tokens.clone()] {
            *slot = s;
        }
    }
    let known = find_known(text, tokens, &sentence_of, lexicon);
    let names = find_names(text, tokens, sentences, &known);
    Mentions { known, names }
}

fn find_known(text: &str, tokens: &[Token], sentence_of: &[usize], lexicon: &Lexicon) -> Vec<Known> {
    let Some(automaton) = &lexicon.automaton else {
        return Vec::new();
    };
    // Joined sentence by sentence: no match crosses a sentence.
    let stream = Stream::new(text, tokens, sentence_of);
    // Every candidate: (first token, token count, rank, target).
    let mut candidates: Vec<(usize, usize, u8, Target)> = Vec::new();
    for m in automaton.find_overlapping_iter(&stream.text) {
        let Some(range) = stream.tokens(m.start(), m.end()) else {
            continue;
        };
        let found = &stream.text[m.start()..m.end()];
        let pattern = m.pattern().as_usize();
        // The automaton ignores ASCII case; case-sensitive targets need
        // the exact form.
        let exact = found == lexicon.patterns[pattern];
        for &target in &lexicon.targets[pattern] {
            if target.case_sensitive() && !exact {
                continue;
            }
            candidates.push((range.start, range.len(), target.rank(), target));
        }
    }
    // Longest first at each position, exceptions before forms of the same
    // length; then keep the leftmost non-overlapping ones.
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut known = Vec::new();
    let mut covered_to = 0usize;
    for (first, len, _, target) in candidates {
        if first < covered_to {
            continue;
        }
        covered_to = first + len;
        let span = Span::new(tokens[first].span.start, tokens[first + len - 1].span.end);
        known.push(Known {
            span,
            tokens: first..first + len,
            target,
        });
    }
    known
}

fn find_names(text: &str, tokens: &[Token], sentences: &[parse::Sentence], known: &[Known]) -> Vec<Name> {
    // Which known mention, if any, covers each token.
    let mut cover: Vec<Option<usize>> = vec![None; tokens.len()];
    for (k, mention) in known.iter().enumerate() {
        for slot in &mut cover[mention.tokens.clone()] {
            *slot = Some(k);
        }
    }
    let breaks = |i: usize| match cover[i] {
        Some(k) => !matches!(known[k].target, Target::Adjective { .. }),
        None => false,
    };
    let is_name_word = |i: usize| {
        let token = tokens[i];
        matches!(
            token.kind,
            TokenKind::Word | TokenKind::Compound | TokenKind::Initial
        ) && parse::is_capitalized(token.span.slice(text))
            && !breaks(i)
    };
    let mut names: Vec<Name> = Vec::new();
    for sentence in sentences {
        let mut i = sentence.tokens.start;
        while i < sentence.tokens.end {
            if !is_name_word(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            loop {
                if end < sentence.tokens.end && is_name_word(end) {
                    end += 1;
                } else if end + 1 < sentence.tokens.end
                    && tokens[end].kind == TokenKind::Word
                    && NAME_JOINERS.contains(&tokens[end].span.slice(text))
                    && is_name_word(end + 1)
                {
                    end += 2;
                } else {
                    break;
                }
            }
            // A phrase made only of adjectives ("Russian") is no name.
            if (start..end).all(|t| cover[t].is_some()) {
                i = end;
                continue;
            }
            let title = start
                .checked_sub(1)
                .and_then(|before| cover[before])
                .filter(|&k| matches!(known[k].target, Target::Title { .. }));
            names.push(Name {
                span: Span::new(tokens[start].span.start, tokens[end - 1].span.end),
                tokens: start..end,
                sentence_initial: start == sentence.tokens.start,
                title,
                continues: None,
            });
            i = end;
        }
    }
    link_surnames(text, tokens, &mut names);
    names
}

/// Links each one-word name to the latest earlier full name it ends.
fn link_surnames(text: &str, tokens: &[Token], names: &mut [Name]) {
    let mut full_by_last: HashMap<&str, usize> = HashMap::new();
    for n in 0..names.len() {
        let range = names[n].tokens.clone();
        let last = tokens[range.end - 1].span.slice(text);
        if range.len() >= 2 {
            full_by_last.insert(last, n);
        } else if let Some(&full) = full_by_last.get(last) {
            names[n].continues = Some(full);
        }
    }
}
