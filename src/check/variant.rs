//! `naming.variant`: one name spelt two ways that no rule lists ("Sergei
//! Lavrov" and "Sergey Lavrov", "Gaddafi" and "Qaddafi").
//!
//! Why: a name transliterated two ways reads as two people, and is the
//! slip lists can never catch: nobody lists every spelling of every name.
//!
//! Example: "his Russian counterpart Sergei Lavrov ... Russian Foreign
//! Minister Sergey Lavrov". Use instead: one spelling throughout.
//!
//! Each word of a name is folded: case and accents are dropped and the
//! usual romanization habits are made one (ei/ey, i/y, ii/iy, j/i, j/y
//! after a consonant, kh/h, dh/d, th/t, ph/f, q/k, c/k, chr/kr, w/v, x/ks,
//! ou/u, ee/i, sch/sh, ch/tch, doubled letters in words of four letters or
//! more, al-/el-), and narrowed where a word's marks tell its language (a
//! macron: Japanese, whose j and y are two sounds; `č`, `ć` and `ç`: ch,
//! not k; a final "ée": the French é, not i). Which habits count is
//! measured on Wikidata name pairs by `examples/fold_pairs.rs`. Marks only
//! part words the key joins, so the folded key stays the bucket. Two names
//! are one name spelt two ways when their words fold alike, or when every
//! word but one agrees and that one differs only in its vowels, as
//! romanizations of Arabic do ("Mohammed"/"Muhammad"). A word must have
//! four letters to fold, not counting an English silent e ("Hope"/"Hoppe"
//! stay apart). A word's last letter must agree, so gendered forms
//! ("Petrov"/"Petrova") and different given names ("Maria"/"Marina
//! Petrova") stay apart. One-word names ("Gaddafi", or the surname of a
//! full name) are compared too, when each is evidently a name (written
//! capitalised inside a sentence, or the last word of a full name) and at
//! least five letters long. Names are bucketed by their folded key, so the
//! detector is linear in the number of names, and each word is folded once
//! however often the draft writes it. The fix is unsafe: it rests on the
//! guess that the two spellings name one person.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};

mod fold;

pub use fold::{alike_alone, fold_word, likeness, plain, skeleton, Likeness};
use fold::{letters, same_lower, FoldedWord, MIN_SINGLE};

use crate::check::{quote_list, Document, Inconsistency, Use};
use crate::finding::{Applicability, Finding, Span};
use crate::rules::Pack;

/// The rule code.
pub const CODE: &str = "naming.variant";

/// Reports each name the draft spells two ways.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let severity = pack.variants.severity.unwrap_or_default();
    let names = Names::collect(doc);
    let mut reported_words: HashSet<(usize, usize)> = HashSet::default();
    let groups = full_name_groups(&names, &mut reported_words);
    let mut all: Vec<Vec<Use>> = groups;
    all.extend(single_word_groups(&names, &reported_words));
    for uses in &all {
        let inconsistency = Inconsistency {
            rule: CODE,
            origin: None,
            severity,
            uses,
            prefer: None,
            applicability: Applicability::Unsafe,
            match_case: false,
            rewrite: None,
            accepted: &pack.accepted,
        };
        findings.extend(
            inconsistency
                .finding(|names, _| format!("{} look like one name spelt two ways", quote_list(names))),
        );
    }
}

/// One name mention, as the detector sees it.
struct Seen<'a> {
    /// Where it is.
    span: Span,
    /// The text as written.
    text: &'a str,
    /// Its words, as a range of [`Names::words`] and [`Names::words_of`].
    words: Range<usize>,
    /// Whether the mention opens its sentence.
    sentence_initial: bool,
    /// Whether a title stands before it.
    titled: bool,
}

/// The draft's name mentions, with their words borrowed from the draft and
/// each distinct word (ignoring case) known by a number, so that spellings
/// are told apart and compared without a string built per mention, and a
/// word is folded once however often it is written.
struct Names<'a> {
    /// Every mention, in order.
    seen: Vec<Seen<'a>>,
    /// Every word of every mention, mention after mention, with its span.
    words: Vec<(&'a str, Span)>,
    /// The number of each of `words`: its index in `distinct`.
    words_of: Vec<usize>,
    /// Each distinct word, as first written, ready to be compared.
    distinct: Vec<FoldedWord<'a>>,
}

impl<'a> Names<'a> {
    fn collect(doc: &Document<'a>) -> Names<'a> {
        let words: usize = doc.mentions.names.iter().map(|name| name.tokens.len()).sum();
        let mut names = Names {
            seen: Vec::with_capacity(doc.mentions.names.len()),
            words: Vec::with_capacity(words),
            words_of: Vec::with_capacity(words),
            // Distinct words are far fewer than words, and each holds its
            // folds: grown as found, not sized for every word.
            distinct: Vec::new(),
        };
        let mut number: HashMap<Caseless<'a>, usize> = HashMap::default();
        for name in &doc.mentions.names {
            let first = names.words.len();
            for token in doc.tokens.get(name.tokens.clone()).unwrap_or(&[]) {
                let text = doc.text(token.span());
                let n = *number.entry(Caseless(text)).or_insert_with(|| {
                    names.distinct.push(FoldedWord::new(text));
                    names.distinct.len() - 1
                });
                names.words.push((text, token.span()));
                names.words_of.push(n);
            }
            names.seen.push(Seen {
                span: name.span,
                text: doc.text(name.span),
                words: first..names.words.len(),
                sentence_initial: name.sentence_initial,
                titled: name.title.is_some(),
            });
        }
        names
    }

    /// The numbers of a mention's words: two mentions with the same are
    /// one spelling ignoring case ("SERGEI LAVROV" and "Sergei Lavrov").
    fn numbers(&self, seen: &Seen<'_>) -> &[usize] {
        self.words_of.get(seen.words.clone()).unwrap_or(&[])
    }

    /// A mention's words, with their spans.
    fn words(&self, seen: &Seen<'_>) -> &[(&'a str, Span)] {
        self.words.get(seen.words.clone()).unwrap_or(&[])
    }

    /// Distinct word `n`, ready to be compared.
    fn word(&self, n: usize) -> &FoldedWord<'a> {
        &self.distinct[n]
    }

    /// A mention's spelling: its words joined by single spaces.
    fn spelling(&self, seen: &Seen<'_>) -> String {
        let mut out = String::with_capacity(seen.text.len());
        for (i, (word, _)) in self.words(seen).iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }
}

/// A word as a map key that ignores case as `str::to_lowercase` does, with
/// no lower-cased copy made of ASCII words.
struct Caseless<'a>(&'a str);

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        same_lower(self.0, other.0)
    }
}

impl Eq for Caseless<'_> {}

impl Hash for Caseless<'_> {
    /// The bytes of the word lower-cased, one by one in both cases so that
    /// an ASCII word and a non-ASCII one that lower-case alike (the Kelvin
    /// sign is a `k`) hash alike.
    fn hash<H: Hasher>(&self, state: &mut H) {
        if self.0.is_ascii() {
            self.0
                .bytes()
                .for_each(|b| state.write_u8(b.to_ascii_lowercase()));
        } else {
            self.0.to_lowercase().bytes().for_each(|b| state.write_u8(b));
        }
    }
}

/// A bucket key: the hash of what `write` feeds it, so that no key string
/// is built. Two keys that collide only put more names in one bucket, and
/// every pair of a bucket is still compared word by word.
fn bucket_key(write: impl FnOnce(&mut FxHasher)) -> u64 {
    let mut hasher = FxHasher::default();
    write(&mut hasher);
    hasher.finish()
}

/// Every pair of names filed under one key, as (key, name) entries: only
/// names that share a folded key are ever compared. Sorting the entries
/// puts each bucket together, its names in order, with no list allocated
/// per bucket, and makes the result independent of any map's order.
fn bucket_pairs(mut filed: Vec<(u64, usize)>) -> Vec<(usize, usize)> {
    filed.sort_unstable();
    let mut pairs = Vec::new();
    for bucket in filed.chunk_by(|x, y| x.0 == y.0) {
        for (x, &(_, a)) in bucket.iter().enumerate() {
            pairs.extend(bucket[x + 1..].iter().map(|&(_, b)| (a, b)));
        }
    }
    pairs
}

/// A small union-find over form indices.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Sets {
        Sets((0..n).collect())
    }
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    /// For each root, how many members its set has (0 for non-roots).
    fn sizes(&mut self) -> Vec<usize> {
        let mut sizes = vec![0usize; self.0.len()];
        for i in 0..self.0.len() {
            sizes[self.root(i)] += 1;
        }
        sizes
    }
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Names of two or more words that are one name spelt two ways, as groups
/// of uses. Records the word pairs that differ, so that the one-word pass
/// does not report them again.
fn full_name_groups(names: &Names<'_>, reported: &mut HashSet<(usize, usize)>) -> Vec<Vec<Use>> {
    // Distinct spellings, in order of first use, and the spelling of each
    // mention of two or more words.
    let mut forms: Vec<&Seen<'_>> = Vec::with_capacity(names.seen.len());
    let mut index: HashMap<&[usize], usize> =
        HashMap::with_capacity_and_hasher(names.seen.len(), Default::default());
    let mut form_of: Vec<usize> = Vec::with_capacity(names.seen.len());
    for seen in names.seen.iter().filter(|s| s.words.len() >= 2) {
        let f = *index.entry(names.numbers(seen)).or_insert_with(|| {
            forms.push(seen);
            forms.len() - 1
        });
        form_of.push(f);
    }
    // Buckets: the whole folded name, and for each word position the
    // folded name with that word reduced to its skeleton.
    let mut buckets: Vec<(u64, usize)> = Vec::with_capacity(forms.len() * 3);
    for (f, seen) in forms.iter().enumerate() {
        let words = names.numbers(seen);
        let whole = bucket_key(|h| {
            usize::MAX.hash(h);
            h.write_usize(words.len());
            words.iter().for_each(|&w| names.word(w).folded().hash(h));
        });
        buckets.push((whole, f));
        for i in 0..words.len() {
            let key = bucket_key(|h| {
                i.hash(h);
                for (j, &w) in words.iter().enumerate() {
                    let word = names.word(w);
                    if j == i { word.skeleton() } else { word.folded() }.hash(h);
                }
            });
            buckets.push((key, f));
        }
    }
    let mut sets = Sets::new(forms.len());
    for (a, b) in bucket_pairs(buckets) {
        if let Some(pairs) = same_name(names, names.numbers(forms[a]), names.numbers(forms[b])) {
            sets.join(a, b);
            reported.extend(pairs);
        }
    }
    // Only sets of two or more spellings can be a finding: the uses of
    // every other name are never built.
    let spellings = sets.sizes();
    let mut groups: HashMap<usize, Vec<Use>> = HashMap::default();
    let mut spelt: HashMap<usize, String> = HashMap::default();
    let multiword = names.seen.iter().filter(|s| s.words.len() >= 2);
    for (seen, &f) in multiword.zip(&form_of) {
        let root = sets.root(f);
        if spellings[root] < 2 {
            continue;
        }
        // The spelling of a name is the one it is first written with.
        let form = spelt.entry(f).or_insert_with(|| names.spelling(forms[f]));
        groups.entry(root).or_default().push(Use {
            form: form.clone(),
            span: seen.span,
            edit: seen.span,
            text: seen.text.to_string(),
        });
    }
    let mut out: Vec<(usize, Vec<Use>)> = groups.into_iter().collect();
    out.sort_by_key(|g| g.0);
    out.into_iter().map(|g| g.1).collect()
}

/// Whether two full names (as the numbers of their words) are one name
/// spelt two ways: the same number of words, each pair of words alike, at
/// most one of them only near. Returns the differing word pairs (as
/// [`word_pair`]s) when they are.
fn same_name(names: &Names<'_>, a: &[usize], b: &[usize]) -> Option<Vec<(usize, usize)>> {
    if a.len() != b.len() {
        return None;
    }
    let mut near_words = 0;
    let mut pairs = Vec::new();
    for (&wa, &wb) in a.iter().zip(b) {
        match names.word(wa).likeness(names.word(wb)) {
            Likeness::Same => continue,
            Likeness::Folded => {}
            Likeness::Near => near_words += 1,
            Likeness::Different => return None,
        }
        pairs.push(word_pair(wa, wb));
    }
    (!pairs.is_empty() && near_words <= 1 && near_words < a.len()).then_some(pairs)
}

/// Two distinct words (by number) in an order of their own, so that a pair
/// is found whichever way round it was met.
fn word_pair(a: usize, b: usize) -> (usize, usize) {
    (a.min(b), a.max(b))
}

/// One-word names (and the last words of full names) spelt two ways.
fn single_word_groups(names: &Names<'_>, reported: &HashSet<(usize, usize)>) -> Vec<Vec<Use>> {
    // Every candidate word: (spelling, span, number, is a one-word mention).
    struct Word<'a> {
        text: &'a str,
        span: Span,
        number: usize,
        alone: bool,
        evident: bool,
    }
    let mut words: Vec<Word<'_>> = Vec::with_capacity(names.seen.len());
    for seen in &names.seen {
        let (Some(&(last, span)), Some(&number)) = (names.words(seen).last(), names.numbers(seen).last())
        else {
            continue;
        };
        if seen.words.len() == 1 && (seen.text.len() < MIN_SINGLE || is_all_caps(last)) {
            continue;
        }
        if !last
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        {
            continue;
        }
        words.push(Word {
            text: last,
            span,
            number,
            alone: seen.words.len() == 1,
            evident: seen.words.len() >= 2 || !seen.sentence_initial || seen.titled,
        });
    }
    // Distinct spellings (ignoring case), with what is known of them.
    struct Form<'a> {
        spelling: &'a str,
        number: usize,
        alone: bool,
        evident: bool,
    }
    let mut forms: Vec<Form<'_>> = Vec::with_capacity(words.len());
    // The form of each distinct word, by its number.
    let mut index: Vec<Option<usize>> = vec![None; names.distinct.len()];
    let mut of_word: Vec<usize> = Vec::with_capacity(words.len());
    for w in &words {
        let f = *index[w.number].get_or_insert_with(|| {
            forms.push(Form {
                spelling: w.text,
                number: w.number,
                alone: false,
                evident: false,
            });
            forms.len() - 1
        });
        forms[f].alone |= w.alone;
        forms[f].evident |= w.evident;
        of_word.push(f);
    }
    let mut buckets: Vec<(u64, usize)> = Vec::with_capacity(forms.len() * 2);
    for (f, form) in forms.iter().enumerate() {
        if !form.evident || letters(form.spelling) < MIN_SINGLE {
            continue;
        }
        let word = names.word(form.number);
        for (tag, key) in [(0u8, word.skeleton()), (1, word.folded())] {
            let key = bucket_key(|h| {
                tag.hash(h);
                key.hash(h);
            });
            buckets.push((key, f));
        }
    }
    let mut sets = Sets::new(forms.len());
    for (a, b) in bucket_pairs(buckets) {
        let (na, nb) = (forms[a].number, forms[b].number);
        // One of them must be a one-word mention: two full names are the
        // full-name pass's business.
        if !(forms[a].alone || forms[b].alone) || reported.contains(&word_pair(na, nb)) {
            continue;
        }
        if names.word(na).alike_alone(names.word(nb)) {
            sets.join(a, b);
        }
    }
    let spellings = sets.sizes();
    let mut groups: HashMap<usize, Vec<Use>> = HashMap::default();
    for (w, &f) in words.iter().zip(&of_word) {
        let root = sets.root(f);
        if spellings[root] < 2 {
            continue;
        }
        groups.entry(root).or_default().push(Use {
            form: forms[f].spelling.to_string(),
            span: w.span,
            edit: w.span,
            text: w.text.to_string(),
        });
    }
    let mut out: Vec<(usize, Vec<Use>)> = groups.into_iter().filter(|g| g.1.len() >= 2).collect();
    out.sort_by_key(|g| g.0);
    out.into_iter().map(|g| g.1).collect()
}

fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}
