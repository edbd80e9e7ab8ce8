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
//! more, al-/el-), each where its context says it holds (tch only at the
//! end or start of a word or after a: "Pavlovitch", not "Mitchell"; ch
//! before ai is the German kh: "Michail"; a soft sign before the Russian
//! -ev is silent: "Vasil'ev", "Vasilyev", "Vasiliev", "Vasilev"; a German
//! h before l, m, n or r and no vowel is silent: "Mahler", "Maler"), and
//! narrowed where a word's marks tell its language (a macron: Japanese,
//! whose j and y are two sounds and whose ou is not u; `č`, `ć` and `ç`:
//! ch, not k; `š`, `ş`, `ž`: sh and zh, not s and z, so "Tomáš" is not
//! "Thomas"; a final "ée": the French é, not i). Which habits count is
//! measured on Wikidata name pairs by `examples/fold_pairs.rs`. Marks
//! mostly part words the key joins; a word whose marks spell a letter out
//! ("Puškin" as "Pushkin", "Lukić" as "Lukich") or that has an inner ai
//! that may be two vowels ("Said" as "Saeed") is filed under that
//! reading's fold as a second key (and "Lukšić" under "Luksich" as a
//! third), and a full name under every combination of its words' keys
//! ("Miloš Puškin" also as "Milosh Pushkin"), so names are still only
//! compared within a bucket. Two names are one name spelt two ways when their
//! words fold alike, or when every word but one agrees and that one
//! differs only in its vowels, as romanizations of Arabic do
//! ("Mohammed"/"Muhammad"). A word must have four letters to fold, not
//! counting an English silent e ("Hope"/"Hoppe" stay apart), but for a
//! word of three that is the other with its final consonant doubled
//! ("Ben"/"Benn") or its final i written y ("Ali"/"Aly"). A word's last letter must agree, so gendered forms
//! ("Petrov"/"Petrova") and different given names ("Maria"/"Marina
//! Petrova") stay apart. One-word names ("Gaddafi", or the surname of a
//! full name) are compared too, when each is evidently a name (written
//! capitalised inside a sentence, or the last word of a full name) and at
//! least five letters long. Names are bucketed by their folded keys (one
//! per name, and a few more for words with other keys, at most 16 per
//! name, or one per key past that), so the detector is linear in the number of names, and each word is folded once
//! however often the draft writes it. The fix is unsafe: it rests on the
//! guess that the two spellings name one person.
//!
//! A one-word pair apart only by a weak habit (one vowel, c/k, g/q, a
//! doubled letter, a dropped h: `fold::FoldedWord::weak_pair`) is as
//! often two people as one: it is a warning only when exactly one full
//! name in the draft ends in either spelling, no finding when two given
//! names tell two people apart, and otherwise an info-level possible
//! variant.

use std::hash::{Hash, Hasher};
use std::ops::Range;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};

mod fold;

pub use fold::{alike_alone, fold_keys, fold_word, likeness, plain, skeleton, Likeness};
use fold::{letters, same_lower, FoldedWord, MIN_SINGLE};

use crate::check::{quote_list, Document, Inconsistency, Use};
use crate::finding::{Applicability, Finding, Severity, Span};
use crate::mention::Name;
use crate::rules::Pack;

/// The rule code.
pub const CODE: &str = crate::registry::VARIANT.code;

/// Reports each name the draft spells two ways.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let severity = pack
        .variants
        .severity
        .unwrap_or(crate::registry::VARIANT.severity);
    let roles: HashSet<&str> = pack
        .claims
        .iter()
        .flat_map(|rule| rule.roles.iter().map(String::as_str))
        .collect();
    let names = Names::collect(doc, &roles);
    let mut reported_words: HashSet<(usize, usize)> = HashSet::default();
    let groups = full_name_groups(&names, &mut reported_words);
    let mut all: Vec<(Vec<Use>, bool)> = groups.into_iter().map(|g| (g, false)).collect();
    all.extend(single_word_groups(&names, &reported_words));
    for (uses, possible) in &all {
        // A weak habit the draft ties to no one person: shown, not failed.
        let severity = if *possible { Severity::Info } else { severity };
        let inconsistency = Inconsistency {
            rule: CODE,
            origin: None,
            severity,
            uses,
            prefer: None,
            fallback: None,
            fullest: true,
            applicability: Applicability::Unsafe,
            match_case: false,
            rewrite: None,
            accepted: &pack.accepted,
        };
        findings.extend(inconsistency.finding(|names, _| {
            if *possible {
                format!(
                    "{} may be one name spelt two ways (they differ by a letter or two, and nothing \
                     in the draft ties them to one person)",
                    quote_list(names)
                )
            } else {
                format!("{} look like one name spelt two ways", quote_list(names))
            }
        }));
    }
}

/// The draft's name mentions as the detector sees them: each distinct word
/// (ignoring case) known by a number and folded once, each distinct
/// spelling of a full name by the numbers of its words, and each distinct
/// last word the one-word pass compares. Nothing is kept a mention: the
/// few mentions a finding names are read again from the document.
struct Names<'d, 'a> {
    doc: &'d Document<'a>,
    /// Role nouns ("economist", "striker"): one that opens a sentence
    /// before a full name is no word of the name ("Economist Ivan
    /// Kowalenko").
    roles: &'d HashSet<&'d str>,
    /// The number of each distinct word: its index in `distinct`.
    number: HashMap<Caseless<'a>, usize>,
    /// Each distinct word, as first written, ready to be compared.
    distinct: Vec<FoldedWord<'a>>,
    /// The words (numbers) of every distinct spelling of a full name, one
    /// spelling after another.
    spelling_words: Vec<usize>,
    /// Each distinct spelling of a full name (two words or more), in order
    /// of first use: its words in `spelling_words`, and the mention that
    /// first writes it.
    spellings: Vec<(Range<usize>, usize)>,
    /// The spelling of each list of word numbers.
    spelling_of: HashMap<Box<[usize]>, usize>,
    /// Each distinct last word the one-word pass compares, in order of
    /// first use.
    singles: Vec<Single<'a>>,
    /// The index in `singles` of each distinct word, when it is one.
    single_of: Vec<Option<usize>>,
}

/// A distinct last word of a name, as the one-word pass compares it.
struct Single<'a> {
    /// As first written.
    spelling: &'a str,
    /// Its number.
    number: usize,
    /// Some mention is this word alone.
    alone: bool,
    /// Some mention is evidently a name: a full name, or a word written
    /// capitalised inside a sentence or after a title.
    evident: bool,
}

/// The last word of a mention, when the one-word pass compares it: its
/// text and span, whether it is the whole mention, and whether the mention
/// is evidently a name.
fn last_word<'a>(doc: &Document<'a>, name: &Name) -> Option<(&'a str, Span, bool, bool)> {
    let tokens = doc.tokens.get(name.tokens())?;
    let last = tokens.last()?;
    let text = doc.text(last.span());
    if tokens.len() == 1 && (doc.text(name.span()).len() < MIN_SINGLE || is_all_caps(text)) {
        return None;
    }
    if !text
        .chars()
        .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
    {
        return None;
    }
    let evident = tokens.len() >= 2 || !name.sentence_initial || name.title().is_some();
    Some((text, last.span(), tokens.len() == 1, evident))
}

impl<'d, 'a> Names<'d, 'a> {
    fn collect(doc: &'d Document<'a>, roles: &'d HashSet<&'d str>) -> Names<'d, 'a> {
        let mut names = Names {
            doc,
            roles,
            number: HashMap::default(),
            // Distinct words are far fewer than words, and each holds its
            // folds: grown as found, not sized for every word.
            distinct: Vec::new(),
            spelling_words: Vec::new(),
            spellings: Vec::new(),
            spelling_of: HashMap::default(),
            singles: Vec::new(),
            single_of: Vec::new(),
        };
        let mut numbers: Vec<usize> = Vec::new();
        for (m, name) in doc.mentions.names.iter().enumerate() {
            numbers.clear();
            for token in doc.tokens.get(names.tokens(name)).unwrap_or_default() {
                numbers.push(names.number_or_new(doc.text(token.span())));
            }
            if numbers.len() >= 2 && !names.spelling_of.contains_key(numbers.as_slice()) {
                let start = names.spelling_words.len();
                names.spelling_words.extend_from_slice(&numbers);
                names.spellings.push((start..names.spelling_words.len(), m));
                names
                    .spelling_of
                    .insert(numbers.clone().into_boxed_slice(), names.spellings.len() - 1);
            }
            if let (Some((text, _, alone, evident)), Some(&number)) = (last_word(doc, name), numbers.last()) {
                let f = *names.single_of[number].get_or_insert_with(|| {
                    names.singles.push(Single {
                        spelling: text,
                        number,
                        alone: false,
                        evident: false,
                    });
                    names.singles.len() - 1
                });
                names.singles[f].alone |= alone;
                names.singles[f].evident |= evident;
            }
        }
        names
    }

    /// The tokens of a mention that are the name: all of them, but for a
    /// role noun that opens the sentence before a full name ("Economist
    /// Ivan Kowalenko", "Striker Mohamed Salah").
    fn tokens(&self, name: &Name) -> Range<usize> {
        let tokens = name.tokens();
        if name.sentence_initial && tokens.len() >= 3 {
            let first = self.doc.text(self.doc.tokens[tokens.start].span());
            if self.roles.contains(first.to_lowercase().as_str()) {
                return tokens.start + 1..tokens.end;
            }
        }
        tokens
    }

    /// The span of the name in a mention (see [`Names::tokens`]).
    fn span(&self, name: &Name) -> Span {
        let tokens = self.tokens(name);
        if tokens == name.tokens() {
            return name.span();
        }
        let doc = self.doc;
        Span::new(doc.tokens[tokens.start].span().start, name.span().end)
    }

    /// The number of a word, numbering it if it is new.
    fn number_or_new(&mut self, text: &'a str) -> usize {
        let next = self.distinct.len();
        let n = *self.number.entry(Caseless(text)).or_insert(next);
        if n == next {
            self.distinct.push(FoldedWord::new(text));
            self.single_of.push(None);
        }
        n
    }

    /// The numbers of the words of a mention written before (all of them
    /// are numbered), into `out`.
    fn numbers_of(&self, name: &Name, out: &mut Vec<usize>) {
        out.clear();
        let doc = self.doc;
        for token in doc.tokens.get(self.tokens(name)).unwrap_or_default() {
            out.extend(self.number.get(&Caseless(doc.text(token.span()))));
        }
    }

    /// The numbers of the words of spelling `f`: two spellings with the
    /// same are one spelling ignoring case ("SERGEI LAVROV" and "Sergei
    /// Lavrov").
    fn numbers(&self, f: usize) -> &[usize] {
        self.spellings
            .get(f)
            .and_then(|(words, _)| self.spelling_words.get(words.clone()))
            .unwrap_or_default()
    }

    /// Distinct word `n`, ready to be compared.
    fn word(&self, n: usize) -> &FoldedWord<'a> {
        &self.distinct[n]
    }

    /// Spelling `f` as first written: its words joined by single spaces.
    fn spelling(&self, f: usize) -> String {
        let doc = self.doc;
        let Some(name) = self
            .spellings
            .get(f)
            .and_then(|&(_, m)| doc.mentions.names.get(m))
        else {
            return String::new();
        };
        let words: Vec<&str> = doc
            .tokens
            .get(self.tokens(name))
            .unwrap_or_default()
            .iter()
            .map(|t| doc.text(t.span()))
            .collect();
        words.join(" ")
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

/// How many later names of its bucket a name is compared with. A draft's
/// bucket holds a handful of names; only a text built of thousands of
/// names that differ in their vowels alone ("Bacado", "Becodu"…) fills one
/// with more, and comparing all of their pairs would make the check
/// quadratic in the text. A bucket of up to this many names and one more
/// is compared in full.
const BUCKET_WINDOW: usize = 64;

/// The pairs of names filed under one key, as (key, name) entries: only
/// names that share a folded key are ever compared, each with the next
/// [`BUCKET_WINDOW`] names of its bucket. Sorting the entries puts each
/// bucket together, its names in order, with no list allocated per
/// bucket, and makes the result independent of any map's order.
fn bucket_pairs(mut filed: Vec<(u64, usize)>) -> Vec<(usize, usize)> {
    filed.sort_unstable();
    let mut pairs = Vec::new();
    for bucket in filed.chunk_by(|x, y| x.0 == y.0) {
        for (x, &(_, a)) in bucket.iter().enumerate() {
            pairs.extend(bucket[x + 1..].iter().take(BUCKET_WINDOW).map(|&(_, b)| (a, b)));
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
fn full_name_groups(names: &Names<'_, '_>, reported: &mut HashSet<(usize, usize)>) -> Vec<Vec<Use>> {
    let forms = names.spellings.len();
    // Buckets: the whole folded name, once for each reading of its words
    // (each word read by any of its keys: "Miloš Puškin" is also "Milosh
    // Pushkin"), and for each word position the folded name with that
    // word reduced to its skeleton.
    let mut buckets: Vec<(u64, usize)> = Vec::with_capacity(forms * 3);
    let (mut keys, mut read) = (Vec::new(), Vec::new());
    for f in 0..forms {
        let words = names.numbers(f);
        keys.clear();
        keys.extend(words.iter().map(|&w| names.word(w).bucket_keys().count()));
        readings(&keys, &mut read);
        for reading in read.chunks(words.len().max(1)) {
            let key = bucket_key(|h| {
                usize::MAX.hash(h);
                h.write_usize(words.len());
                for (&w, &k) in words.iter().zip(reading) {
                    let word = names.word(w);
                    word.bucket_keys().nth(k).unwrap_or_else(|| word.folded()).hash(h);
                }
            });
            buckets.push((key, f));
        }
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
    let mut sets = Sets::new(forms);
    for (a, b) in bucket_pairs(buckets) {
        if let Some(pairs) = same_name(names, names.numbers(a), names.numbers(b)) {
            sets.join(a, b);
            reported.extend(pairs);
        }
    }
    // Only sets of two or more spellings can be a finding: the uses of
    // every other name are never built.
    let spellings = sets.sizes();
    if spellings.iter().all(|&n| n < 2) {
        return Vec::new();
    }
    let doc = names.doc;
    let mut groups: HashMap<usize, Vec<Use>> = HashMap::default();
    let mut spelt: HashMap<usize, String> = HashMap::default();
    let mut numbers = Vec::new();
    for name in doc.mentions.names.iter().filter(|n| names.tokens(n).len() >= 2) {
        names.numbers_of(name, &mut numbers);
        let Some(&f) = names.spelling_of.get(numbers.as_slice()) else {
            continue;
        };
        let root = sets.root(f);
        if spellings[root] < 2 {
            continue;
        }
        // The spelling of a name is the one it is first written with.
        let form = spelt.entry(f).or_insert_with(|| names.spelling(f));
        let span = names.span(name);
        groups.entry(root).or_default().push(Use {
            form: form.clone(),
            span,
            edit: span,
            text: doc.text(span).to_string(),
        });
    }
    let mut out: Vec<(usize, Vec<Use>)> = groups.into_iter().collect();
    out.sort_by_key(|g| g.0);
    out.into_iter().map(|g| g.1).collect()
}

/// Most readings of one full name [`readings`] gives in full: a name
/// with more words that have a second key is read more sparingly.
const MOST_READINGS: usize = 16;

/// The readings of a full name whose words have `keys[j]` keys each (the
/// fold first), into `out`: each reading is `keys.len()` entries, the
/// index of the key each word is read by. Two names whose words pairwise
/// share a key share a reading. Every combination of keys, when there
/// are at most [`MOST_READINGS`]; past that (a long name with many marked
/// words, hardly ever met), the folds, the folds with any one word read
/// by another key, and every word read by its last key: the detector
/// stays linear, at the cost of a rare pair of such names never compared.
fn readings(keys: &[usize], out: &mut Vec<usize>) {
    out.clear();
    let all = keys
        .iter()
        .try_fold(1usize, |n, &k| n.checked_mul(k.max(1)))
        .filter(|&n| n <= MOST_READINGS);
    if let Some(all) = all {
        for mut r in 0..all {
            for &k in keys {
                out.push(r % k.max(1));
                r /= k.max(1);
            }
        }
        return;
    }
    out.extend(keys.iter().map(|_| 0));
    for (j, &k) in keys.iter().enumerate() {
        for key in 1..k {
            out.extend((0..keys.len()).map(|i| if i == j { key } else { 0 }));
        }
    }
    out.extend(keys.iter().map(|&k| k.saturating_sub(1)));
}

/// Whether two full names (as the numbers of their words) are one name
/// spelt two ways: the same number of words, each pair of words alike, at
/// most one of them only near. Returns the differing word pairs (as
/// [`word_pair`]s) when they are.
fn same_name(names: &Names<'_, '_>, a: &[usize], b: &[usize]) -> Option<Vec<(usize, usize)>> {
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

/// One-word names (and the last words of full names) spelt two ways, each
/// group with whether it is only a possible variant: its spellings are
/// apart by a weak habit ([`FoldedWord::weak_pair`], or a vowel) and the
/// draft does not tie them to one person (exactly one given name among
/// the full names that end in any of them: "Ravi Chadha" and a lone
/// "Chada" are one man, and a lone "Abbot" beside a lone "Abbott" is
/// undecided). Where two given names are found ("Anna Lapin", "Mark
/// Lappin"), the draft tells two people apart and a weak pair is no
/// finding.
fn single_word_groups(names: &Names<'_, '_>, reported: &HashSet<(usize, usize)>) -> Vec<(Vec<Use>, bool)> {
    let forms = &names.singles;
    let mut buckets: Vec<(u64, usize)> = Vec::with_capacity(forms.len() * 2);
    for (f, form) in forms.iter().enumerate() {
        if letters(form.spelling) < MIN_SINGLE {
            continue;
        }
        let word = names.word(form.number);
        let keys = std::iter::once((0u8, word.skeleton())).chain(word.bucket_keys().map(|key| (1, key)));
        for (tag, key) in keys {
            let key = bucket_key(|h| {
                tag.hash(h);
                key.hash(h);
            });
            buckets.push((key, f));
        }
    }
    let mut sets = Sets::new(forms.len());
    let mut weak_joins = Vec::new();
    for (a, b) in bucket_pairs(buckets) {
        let (na, nb) = (forms[a].number, forms[b].number);
        // One of them must be a one-word mention: two full names are the
        // full-name pass's business. One must be evidently a name; a
        // sentence-initial word ("Lewandovski said") may be the other
        // when it folds with it.
        if !(forms[a].alone || forms[b].alone)
            || !(forms[a].evident || forms[b].evident)
            || reported.contains(&word_pair(na, nb))
        {
            continue;
        }
        let (wa, wb) = (names.word(na), names.word(nb));
        let likeness = wa.likeness(wb);
        // A vowel apart ("Hamid", "Hamed") only between evident names.
        let alike = match likeness {
            Likeness::Folded => true,
            Likeness::Near => wa.alike_alone(wb) || (forms[a].evident && forms[b].evident),
            _ => false,
        };
        if alike {
            sets.join(a, b);
            if likeness == Likeness::Near || wa.weak_pair(wb) {
                weak_joins.push(a);
            }
        }
    }
    let spellings = sets.sizes();
    if spellings.iter().all(|&n| n < 2) {
        return Vec::new();
    }
    let mut weak: HashSet<usize> = HashSet::default();
    for a in weak_joins {
        weak.insert(sets.root(a));
    }
    let doc = names.doc;
    // The given names of the full names ending in each group's words.
    let mut given: HashMap<usize, Vec<&str>> = HashMap::default();
    let mut numbers = Vec::new();
    // Only weak groups need their given names.
    let full_names = doc.mentions.names.iter().filter(|_| !weak.is_empty());
    for name in full_names.filter(|n| n.tokens().len() >= 2) {
        names.numbers_of(name, &mut numbers);
        let (Some(&first), Some(&last)) = (numbers.first(), numbers.last()) else {
            continue;
        };
        if numbers.len() < 2 {
            continue;
        }
        let Some(f) = names.single_of[last] else {
            continue;
        };
        let root = sets.root(f);
        if spellings[root] < 2 || !weak.contains(&root) {
            continue;
        }
        let first = names.word(first);
        if HONORIFICS.iter().any(|h| same_lower(h, first.folded())) {
            continue;
        }
        let first = first.folded();
        let seen = given.entry(root).or_default();
        if !seen.contains(&first) {
            seen.push(first);
        }
    }
    let mut groups: HashMap<usize, Vec<Use>> = HashMap::default();
    for name in &doc.mentions.names {
        let Some((text, span, ..)) = last_word(doc, name) else {
            continue;
        };
        let Some(f) = names
            .number
            .get(&Caseless(text))
            .and_then(|&n| names.single_of[n])
        else {
            continue;
        };
        let root = sets.root(f);
        if spellings[root] < 2 {
            continue;
        }
        groups.entry(root).or_default().push(Use {
            form: forms[f].spelling.to_string(),
            span,
            edit: span,
            text: text.to_string(),
        });
    }
    let mut out: Vec<(usize, Vec<Use>)> = groups.into_iter().filter(|g| g.1.len() >= 2).collect();
    out.sort_by_key(|g| g.0);
    out.into_iter()
        .filter_map(|(root, uses)| {
            let people = given.get(&root).map_or(0, Vec::len);
            // Two given names ("Anna Lapin", "Mark Lappin"): the draft
            // itself tells two people apart.
            (people < 2).then_some((uses, weak.contains(&root) && people == 0))
        })
        .collect()
}

/// Words before a surname that are no given name ("Mr Chadha"), as
/// folded.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "mis", "dr", "sir", "lord", "lady", "prof", "dame",
];

fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_readings(keys: &[usize]) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        readings(keys, &mut out);
        out.chunks(keys.len()).map(<[usize]>::to_vec).collect()
    }

    #[test]
    fn a_bucket_is_compared_in_full_up_to_its_window_and_linearly_beyond() {
        let filed = |names: usize| (0..names).map(|n| (7, n)).chain([(9, names)]).collect::<Vec<_>>();
        let all = bucket_pairs(filed(BUCKET_WINDOW + 1));
        assert_eq!(all.len(), (BUCKET_WINDOW + 1) * BUCKET_WINDOW / 2);
        assert!(all.contains(&(0, BUCKET_WINDOW)));
        let capped = bucket_pairs(filed(10 * BUCKET_WINDOW));
        assert!(capped.len() <= 10 * BUCKET_WINDOW * BUCKET_WINDOW);
        assert!(capped.contains(&(0, BUCKET_WINDOW)) && !capped.contains(&(0, BUCKET_WINDOW + 1)));
    }

    #[test]
    fn a_name_is_read_by_every_combination_of_its_words_keys() {
        // "Miloš Puškin": each word by its fold or spelt out.
        assert_eq!(all_readings(&[2, 2]), [[0, 0], [1, 0], [0, 1], [1, 1]]);
        assert_eq!(all_readings(&[1, 3]), [[0, 0], [0, 1], [0, 2]]);
        assert_eq!(all_readings(&[1, 1, 1]), [[0, 0, 0]]);
    }

    #[test]
    fn a_name_of_many_marked_words_is_read_sparingly() {
        let read = all_readings(&[2; 5]);
        assert_eq!(read.len(), 7);
        assert_eq!(read[0], [0; 5]);
        assert_eq!(read[1], [1, 0, 0, 0, 0]);
        assert_eq!(read[5], [0, 0, 0, 0, 1]);
        assert_eq!(read[6], [1; 5]);
    }
}
