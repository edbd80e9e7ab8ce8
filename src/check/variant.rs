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
//! more, al-/el-). Which habits count is measured on Wikidata name pairs by
//! `examples/fold_pairs.rs`. Two names are one name spelt two ways when
//! their words fold alike, or when every word but one agrees and that one
//! differs only in its vowels, as romanizations of Arabic do
//! ("Mohammed"/"Muhammad"). A word's last letter must agree, so gendered
//! forms ("Petrov"/"Petrova") and different given names ("Maria"/"Marina
//! Petrova") stay apart. One-word names ("Gaddafi", or the surname of a
//! full name) are compared too, when each is evidently a name (written
//! capitalised inside a sentence, or the last word of a full name) and at
//! least five letters long. Names are bucketed by their folded key, so the
//! detector is linear in the number of names. The fix is unsafe: it rests
//! on the guess that the two spellings name one person.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet, FxHasher};

mod fold;

pub use fold::{alike_alone, fold_word, likeness, plain, skeleton, Likeness};
use fold::{letters, MIN_SINGLE};

use crate::check::{quote_list, Document, Inconsistency, Use};
use crate::finding::{Applicability, Finding, Span};
use crate::rules::Pack;

/// The rule code.
pub const CODE: &str = "naming.variant";

/// Reports each name the draft spells two ways.
pub fn check(doc: &Document<'_>, pack: &Pack, findings: &mut Vec<Finding>) {
    let severity = pack.variants.severity.unwrap_or_default();
    let names = collect_names(doc);
    let mut reported_words: HashSet<(String, String)> = HashSet::default();
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
    /// The spelling: words joined by single spaces, as first written
    /// ignoring case ("SERGEI LAVROV" counts as "Sergei Lavrov").
    form: String,
    /// Where it is.
    span: Span,
    /// The text as written.
    text: &'a str,
    /// Each word with its span.
    words: Vec<(&'a str, Span)>,
    /// Whether the mention opens its sentence.
    sentence_initial: bool,
    /// Whether a title stands before it.
    titled: bool,
}

fn collect_names<'a>(doc: &Document<'a>) -> Vec<Seen<'a>> {
    let mut spelling: HashMap<String, String> = HashMap::default();
    doc.mentions
        .names
        .iter()
        .map(|name| {
            let text = doc.text(name.span);
            let words: Vec<(&str, Span)> = doc.tokens[name.tokens.clone()]
                .iter()
                .map(|t| (doc.text(t.span), t.span))
                .collect();
            let form = words.iter().map(|w| w.0).collect::<Vec<_>>().join(" ");
            let form = spelling.entry(form.to_lowercase()).or_insert(form).clone();
            Seen {
                form,
                span: name.span,
                text,
                words,
                sentence_initial: name.sentence_initial,
                titled: name.title.is_some(),
            }
        })
        .collect()
}

/// A bucket key: the hash of what `write` feeds it, so that no key string
/// is built. Two keys that collide only put more names in one bucket, and
/// every pair of a bucket is still compared word by word.
fn bucket_key(write: impl FnOnce(&mut FxHasher)) -> u64 {
    let mut hasher = FxHasher::default();
    write(&mut hasher);
    hasher.finish()
}

/// Every pair of members of a bucket, buckets in key order so the result
/// does not depend on the map's order: only names that share a folded key
/// are ever compared.
fn bucket_pairs(buckets: &HashMap<u64, Vec<usize>>) -> Vec<(usize, usize)> {
    let mut keys: Vec<&u64> = buckets.keys().collect();
    keys.sort();
    let mut pairs = Vec::new();
    for key in keys {
        let members = &buckets[key];
        for (x, &a) in members.iter().enumerate() {
            pairs.extend(members[x + 1..].iter().map(|&b| (a, b)));
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
fn full_name_groups(names: &[Seen<'_>], reported: &mut HashSet<(String, String)>) -> Vec<Vec<Use>> {
    // Distinct spellings, in order of first use.
    let mut forms: Vec<&Seen<'_>> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::default();
    for seen in names.iter().filter(|s| s.words.len() >= 2) {
        index.entry(seen.form.as_str()).or_insert_with(|| {
            forms.push(seen);
            forms.len() - 1
        });
    }
    // Buckets: the whole folded name, and for each word position the
    // folded name with that word reduced to its skeleton.
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::default();
    for (f, seen) in forms.iter().enumerate() {
        // Folded once per spelling, not once per mention.
        let folded: Vec<String> = seen.words.iter().map(|w| fold_word(w.0)).collect();
        let whole = bucket_key(|h| {
            usize::MAX.hash(h);
            folded.hash(h);
        });
        buckets.entry(whole).or_default().push(f);
        for i in 0..folded.len() {
            let reduced = skeleton(&folded[i]);
            let key = bucket_key(|h| {
                i.hash(h);
                for (j, w) in folded.iter().enumerate() {
                    if j == i { &reduced } else { w }.hash(h);
                }
            });
            buckets.entry(key).or_default().push(f);
        }
    }
    let mut sets = Sets::new(forms.len());
    for (a, b) in bucket_pairs(&buckets) {
        if let Some(pairs) = same_name(&forms[a].words, &forms[b].words) {
            sets.join(a, b);
            reported.extend(pairs);
        }
    }
    // Only sets of two or more spellings can be a finding: the uses of
    // every other name are never built.
    let spellings = sets.sizes();
    let mut groups: HashMap<usize, Vec<Use>> = HashMap::default();
    for seen in names.iter().filter(|s| s.words.len() >= 2) {
        let root = sets.root(index[seen.form.as_str()]);
        if spellings[root] < 2 {
            continue;
        }
        groups.entry(root).or_default().push(Use {
            form: seen.form.clone(),
            span: seen.span,
            edit: seen.span,
            text: seen.text.to_string(),
        });
    }
    let mut out: Vec<(usize, Vec<Use>)> = groups.into_iter().collect();
    out.sort_by_key(|g| g.0);
    out.into_iter().map(|g| g.1).collect()
}

/// Whether two full names are one name spelt two ways: the same number of
/// words, each pair of words alike, at most one of them only near. Returns
/// the differing word pairs (folded, sorted) when they are.
fn same_name(a: &[(&str, Span)], b: &[(&str, Span)]) -> Option<Vec<(String, String)>> {
    if a.len() != b.len() {
        return None;
    }
    let mut near_words = 0;
    let mut pairs = Vec::new();
    for ((wa, _), (wb, _)) in a.iter().zip(b) {
        match likeness(wa, wb) {
            Likeness::Same => continue,
            Likeness::Folded => {}
            Likeness::Near => near_words += 1,
            Likeness::Different => return None,
        }
        pairs.push(word_pair(wa, wb));
    }
    (!pairs.is_empty() && near_words <= 1 && near_words < a.len()).then_some(pairs)
}

fn word_pair(a: &str, b: &str) -> (String, String) {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// One-word names (and the last words of full names) spelt two ways.
fn single_word_groups(names: &[Seen<'_>], reported: &HashSet<(String, String)>) -> Vec<Vec<Use>> {
    // Every candidate word: (spelling, span, is a one-word mention).
    struct Word<'a> {
        text: &'a str,
        span: Span,
        alone: bool,
        evident: bool,
    }
    let mut words: Vec<Word<'_>> = Vec::new();
    for seen in names {
        let Some(&(last, span)) = seen.words.last() else {
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
            alone: seen.words.len() == 1,
            evident: seen.words.len() >= 2 || !seen.sentence_initial || seen.titled,
        });
    }
    // Distinct spellings (ignoring case), with what is known of them.
    struct Form {
        spelling: String,
        alone: bool,
        evident: bool,
    }
    let mut forms: Vec<Form> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::default();
    let mut of_word: Vec<usize> = Vec::with_capacity(words.len());
    for w in &words {
        let f = *index.entry(w.text.to_lowercase()).or_insert_with(|| {
            forms.push(Form {
                spelling: w.text.to_string(),
                alone: false,
                evident: false,
            });
            forms.len() - 1
        });
        forms[f].alone |= w.alone;
        forms[f].evident |= w.evident;
        of_word.push(f);
    }
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::default();
    for (f, form) in forms.iter().enumerate() {
        if !form.evident || letters(&form.spelling) < MIN_SINGLE {
            continue;
        }
        let folded = fold_word(&form.spelling);
        let reduced = skeleton(&folded);
        for (tag, key) in [(0u8, &reduced), (1, &folded)] {
            let key = bucket_key(|h| {
                tag.hash(h);
                key.hash(h);
            });
            buckets.entry(key).or_default().push(f);
        }
    }
    let mut sets = Sets::new(forms.len());
    for (a, b) in bucket_pairs(&buckets) {
        let (sa, sb) = (&forms[a].spelling, &forms[b].spelling);
        // One of them must be a one-word mention: two full names are the
        // full-name pass's business.
        if !(forms[a].alone || forms[b].alone) || reported.contains(&word_pair(sa, sb)) {
            continue;
        }
        if alike_alone(sa, sb) {
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
            form: forms[f].spelling.clone(),
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
