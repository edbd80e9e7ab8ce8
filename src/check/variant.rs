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
//! usual romanization habits are made one (ei/ey, i/y, ii/iy, j/i, kh/h,
//! dh/d, th/t, ph/f, q/k, c/k, w/v, x/ks, ou/u, ee/i, sch/sh, ch/tch,
//! doubled letters, al-/el-). Two names are one name spelt two ways when
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

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::check::{quote_list, Document, Inconsistency, Use};
use crate::finding::{Applicability, Finding, Span};
use crate::rules::Pack;

/// The rule code.
pub const CODE: &str = "naming.variant";

/// Shortest word (in letters) that a one-word name must have to be
/// compared: shorter names collide too often ("Kale"/"Kalle").
const MIN_SINGLE: usize = 5;
/// Shortest word whose only difference may be a doubled consonant
/// ("Hassan"/"Hasan"); shorter ones are often two names ("Ayad"/"Ayyad").
const MIN_DOUBLING: usize = 6;
/// Shortest word the vowel-only comparison applies to.
const MIN_NEAR: usize = 5;

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

/// Every pair of members of a bucket, buckets in key order so the result
/// does not depend on hashing: only names that share a folded key are ever
/// compared.
fn bucket_pairs(buckets: &HashMap<String, Vec<usize>>) -> Vec<(usize, usize)> {
    let mut keys: Vec<&String> = buckets.keys().collect();
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
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::default();
    for (f, seen) in forms.iter().enumerate() {
        // Folded once per spelling, not once per mention.
        let folded: Vec<String> = seen.words.iter().map(|w| fold_word(w.0)).collect();
        buckets.entry(folded.join(" ")).or_default().push(f);
        for i in 0..folded.len() {
            let mut key = format!("{i}|");
            for (j, w) in folded.iter().enumerate() {
                if j == i {
                    key.push('~');
                    key.push_str(&skeleton(w));
                } else {
                    key.push_str(w);
                }
                key.push(' ');
            }
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
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::default();
    for (f, form) in forms.iter().enumerate() {
        if !form.evident || letters(&form.spelling) < MIN_SINGLE {
            continue;
        }
        let folded = fold_word(&form.spelling);
        buckets
            .entry(format!("~{}", skeleton(&folded)))
            .or_default()
            .push(f);
        buckets.entry(folded).or_default().push(f);
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

/// Whether two one-word names are one name spelt two ways: alike once
/// folded, or (alone, a vowel change is too weak a sign) apart only in an
/// initial q written g or k ("Qaddafi"/"Gaddafi"). Both must have at
/// least five letters.
pub fn alike_alone(a: &str, b: &str) -> bool {
    if letters(a).min(letters(b)) < MIN_SINGLE {
        return false;
    }
    match likeness(a, b) {
        Likeness::Folded => true,
        // "Qaddafi" and "Gaddafi" or "Kaddafi": the Arabic q.
        Likeness::Near => {
            let (fa, fb) = (fold_word(a), fold_word(b));
            let starts = |w: &str, c: char| w.to_lowercase().starts_with(c);
            (starts(a, 'q') || starts(b, 'q')) && fa.get(1..).is_some() && fa.get(1..) == fb.get(1..)
        }
        _ => false,
    }
}

fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

fn letters(word: &str) -> usize {
    word.chars().filter(|c| c.is_alphabetic()).count()
}

/// How alike two words of names are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Likeness {
    /// The same word but for case.
    Same,
    /// Alike once accents and the romanization habits are folded
    /// ("Sergei"/"Sergey", "José"/"Jose").
    Folded,
    /// The same consonants, first and last letters; only the vowels differ
    /// ("Mohammed"/"Muhammad"). Only a sign when the rest of the name
    /// agrees.
    Near,
    /// Two different words.
    Different,
}

/// Compares two words of names.
pub fn likeness(a: &str, b: &str) -> Likeness {
    if a.to_lowercase() == b.to_lowercase() {
        return Likeness::Same;
    }
    let (pa, pb) = (plain(a), plain(b));
    if pa == pb {
        // Accents, apostrophes or hyphens apart ("José"/"Jose").
        return Likeness::Folded;
    }
    let (fa, fb) = (fold_word(a), fold_word(b));
    let shortest = pa.chars().count().min(pb.chars().count());
    if fa == fb {
        if shortest < 4 {
            return Likeness::Different;
        }
        // Only a doubled letter apart: a sign for long words only.
        if shortest < MIN_DOUBLING && fold(a, false) != fold(b, false) {
            return Likeness::Different;
        }
        return Likeness::Folded;
    }
    if near(&fa, &fb) {
        return Likeness::Near;
    }
    Likeness::Different
}

/// Whether two folded words differ only in a vowel or two put for
/// another (the consonant skeletons agree, and so do the lengths and the
/// last letters), and are long enough for that to mean something.
fn near(fa: &str, fb: &str) -> bool {
    let (la, lb) = (fa.chars().count(), fb.chars().count());
    let shortest = la.min(lb);
    if shortest < MIN_NEAR || skeleton(fa) != skeleton(fb) || fa.chars().last() != fb.chars().last() {
        return false;
    }
    // Vowel for vowel, letter for letter.
    let allowed = if shortest >= 7 { 2 } else { 1 };
    la == lb && fa.chars().zip(fb.chars()).filter(|(x, y)| x != y).count() <= allowed
}

/// A folded word without its vowels (but its first letter), with g and k
/// made one: the key the vowel-only comparison buckets by.
pub fn skeleton(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    for (i, c) in folded.chars().enumerate() {
        let c = if c == 'g' { 'k' } else { c };
        if i == 0 || !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u') {
            out.push(c);
        }
    }
    out
}

/// A word lower-cased, without accents, apostrophes or hyphens. Letters that decompose into no base letter are spelt out
/// (`ł` as `l`, `ß` as `ss`); a caron goes like any accent (`š` is `s`,
/// as in "Milosevic").
pub fn plain(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut spelt = String::with_capacity(lower.len());
    for c in lower.chars() {
        match c {
            'ł' => spelt.push('l'),
            'ø' => spelt.push('o'),
            'ß' => spelt.push_str("ss"),
            'æ' => spelt.push_str("ae"),
            'œ' => spelt.push_str("oe"),
            'đ' | 'ð' => spelt.push('d'),
            'þ' => spelt.push_str("th"),
            'ı' => spelt.push('i'),
            'ħ' => spelt.push('h'),
            _ => spelt.push(c),
        }
    }
    spelt
        .nfkd()
        .filter(|c| !is_combining_mark(*c) && c.is_alphabetic())
        .collect()
}

/// Spellings of one sound, longest first, each made the same.
const HABITS: &[(&str, &str)] = &[
    ("shch", "sh"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("kh", "h"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("gh", "g"),
    ("ck", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("iy", "i"),
    ("ij", "i"),
    ("ay", "ei"),
    ("ai", "ei"),
    ("ey", "ei"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// One word reduced to what its romanizations share: [`plain`], then the
/// habits of [`letter_habits`] and [`HABITS`], `c` as `k` (but before e,
/// i, y, h), `y` as `i`, a final `f` as `v` ("Smirnoff"), an initial `ye`
/// as `e` ("Yevgeny"), and doubled letters once.
pub fn fold_word(word: &str) -> String {
    fold(word, true)
}

fn fold(word: &str, collapse: bool) -> String {
    let plain = plain(word);
    let plain = match plain.strip_prefix("el") {
        // "el-Sisi" and "al-Sisi" (the hyphen is gone by now).
        Some(rest) if word.to_lowercase().starts_with("el-") => format!("al{rest}"),
        _ => plain,
    };
    // "Yevgeny" and "Evgeny".
    let body = if plain.starts_with("ye") {
        &plain[1..]
    } else {
        &plain
    };
    let chars = letter_habits(body);
    let mut out = String::with_capacity(plain.len());
    let mut i = 0;
    'outer: while i < chars.len() {
        for (from, to) in HABITS {
            let n = from.len();
            if i + n <= chars.len() && chars[i..i + n].iter().copied().eq(from.chars()) {
                out.push_str(to);
                i += n;
                continue 'outer;
            }
        }
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let folded = match c {
            'c' if !matches!(next, Some('e' | 'i' | 'y' | 'h')) => 'k',
            'y' => 'i',
            _ => c,
        };
        out.push(folded);
        i += 1;
    }
    // "Ralph", "Rudolf" and "Smirnov".
    if out.ends_with('f') {
        out.pop();
        out.push('v');
    }
    let mut collapsed = String::with_capacity(out.len());
    let mut last: Option<char> = None;
    for c in out.chars() {
        if collapse && last == Some(c) {
            continue;
        }
        collapsed.push(c);
        last = Some(c);
    }
    collapsed
}

/// The habits that hang on single letters, before the others: `j` after a
/// vowel is `i` ("Sergej", "Stojan"), and before one at the start is `y`
/// ("Jusuf"); `y` between `e` or `i` and a vowel is
/// silent ("Andreyev", "Mariya"); a final `ff` is `f` ("Smirnoff"); a
/// final `h` after a vowel is silent ("Hamzah"); a final `vic` is `vich`
/// ("Milosevic", from "Milošević").
fn letter_habits(body: &str) -> Vec<char> {
    let chars: Vec<char> = body.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len() + 1);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        match c {
            'j' if prev.is_some_and(is_vowel) => out.push('i'),
            // "Jusuf" and "Yusuf", "Jelena" and "Yelena".
            'j' if i == 0 && next.is_some_and(is_vowel) => out.push('y'),
            'y' if matches!(prev, Some('e' | 'i')) && next.is_some_and(is_vowel) => {}
            'h' if next.is_none() && i >= 3 && prev.is_some_and(is_vowel) => {}
            _ => out.push(c),
        }
    }
    if out.ends_with(&['f', 'f']) {
        out.pop();
    }
    if out.ends_with(&['v', 'i', 'c']) {
        out.push('h');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn alike(a: &str, b: &str) {
        assert_eq!(
            likeness(a, b),
            Likeness::Folded,
            "{a} / {b}: {} / {}",
            fold_word(a),
            fold_word(b)
        );
    }

    #[track_caller]
    fn apart(a: &str, b: &str) {
        assert_eq!(
            likeness(a, b),
            Likeness::Different,
            "{a} / {b}: {} / {}",
            fold_word(a),
            fold_word(b)
        );
    }

    #[test]
    fn romanization_habits_fold_together() {
        alike("Sergei", "Sergey");
        alike("Sergej", "Sergey");
        alike("Zelensky", "Zelenskyy");
        alike("Zelenskiy", "Zelensky");
        alike("Dmitry", "Dmitri");
        alike("Dmitrii", "Dmitriy");
        alike("Yevgeny", "Evgeny");
        alike("Mikhail", "Mihail");
        alike("Khodorkovsky", "Hodorkovsky");
        alike("Yousef", "Yusef");
        alike("Rasheed", "Rashid");
        alike("Hussein", "Husayn");
        alike("Smirnoff", "Smirnov");
        alike("Tchaikovsky", "Chaikovsky");
        alike("Savić", "Savich");
        alike("Ralph", "Ralf");
        alike("Jusuf", "Yusuf");
        alike("Mohammed", "Mohamed");
        alike("Wladimir", "Vladimir");
        alike("Aleksandr", "Alexandr");
        alike("el-Sisi", "al-Sisi");
        alike("José", "Jose");
        alike("Andreyev", "Andreev");
        alike("Nikolaj", "Nikolaï");
        alike("Milosevic", "Milošević");
        alike("Fatimah", "Fatima");
        alike("Stojan", "Stoyan");
        assert_eq!(likeness("LAVROV", "Lavrov"), Likeness::Same);
    }

    #[test]
    fn vowels_alone_are_near() {
        assert_eq!(likeness("Mohammed", "Muhammad"), Likeness::Near);
        assert_eq!(likeness("Gaddafi", "Qaddafi"), Likeness::Near);
        assert_eq!(likeness("Yusuf", "Yousef"), Likeness::Near);
    }

    #[test]
    fn one_word_names_need_more() {
        assert!(alike_alone("Gaddafi", "Qaddafi"));
        assert!(alike_alone("Zelensky", "Zelenskyy"));
        assert!(!alike_alone("Galloway", "Calloway"));
        assert!(!alike_alone("Jones", "Jonas"));
        assert!(!alike_alone("Yusuf", "Yousef"));
    }

    #[test]
    fn different_names_stay_apart() {
        apart("Maria", "Marina");
        apart("Petrov", "Petrova");
        apart("Alexander", "Alexandra");
        apart("Daniel", "Daniela");
        apart("Maria", "Mario");
        apart("Ayad", "Ayyad");
        apart("Kale", "Kalle");
        apart("John", "Jon");
        apart("Ivanov", "Ivanova");
    }
}
