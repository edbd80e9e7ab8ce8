//! How alike two words of names are: the folding of case, accents and
//! romanization habits that `naming.variant` compares names by.
//!
//! Every comparison goes through [`FoldedWord`], a word with its plain
//! form, fold and skeleton each worked out when first needed and kept: the
//! detector keeps one per distinct word of a draft, and the public
//! functions build theirs on the spot. A word's fold and skeleton are also
//! kept for the drafts after it on the same thread ([`KEPT_KEYS`] words).
//!
//! How the folds work family by family, with the figures that decided each
//! habit and what was left out, is in `docs/variants.md`.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use rustc_hash::FxHashMap;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Shortest word (in letters) that a one-word name must have to be
/// compared: shorter names collide too often ("Kale"/"Kalle").
pub(super) const MIN_SINGLE: usize = 5;
/// Shortest word (in letters) that may fold with another at all. A
/// doubled letter is a habit from here on ("Hasan"/"Hassan",
/// "Jana"/"Janna"), where it is one name far more often than two;
/// shorter words are left apart
/// ("Ana"/"Anna", "Cao"/"Kao") but for the two habits of [`short_habit`]
/// ("Ben"/"Benn", "Ali"/"Aly").
const MIN_FOLDED: usize = 4;
/// Shortest word the vowel-only comparison applies to.
const MIN_NEAR: usize = 5;

/// The keys a word of a name is filed under: its fold; for a word whose
/// marks spell letters out ("Puškin", "Lukić") or that has an inner "ai"
/// ("Said") a second fold, with those letters spelt out and the "ai" read
/// a-i, when that differs; and for a word with both a `č` or `ć` and a
/// `š` or `ž` a third, with the one spelt "ch" and the other's accent
/// dropped ("Lukšić" as "Luksich"). Two words [`likeness`] calls folded
/// share a key.
pub fn fold_keys(word: &str) -> Vec<String> {
    FoldedWord::new(word).bucket_keys().map(str::to_string).collect()
}

/// Whether two one-word names are one name spelt two ways: alike once
/// folded, or (alone, a vowel change is too weak a sign) apart only in an
/// initial q written g or k ("Qaddafi"/"Gaddafi"). Both must have at
/// least five letters.
pub fn alike_alone(a: &str, b: &str) -> bool {
    FoldedWord::new(a).alike_alone(&FoldedWord::new(b))
}

pub(super) fn letters(word: &str) -> usize {
    word.chars().filter(|c| c.is_alphabetic()).count()
}

/// Whether two words are one once lower-cased (as `str::to_lowercase`
/// has it), without lower-casing ASCII words into new strings.
pub(super) fn same_lower(a: &str, b: &str) -> bool {
    // Most words met again are spelt as before.
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
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
    FoldedWord::new(a).likeness(&FoldedWord::new(b))
}

/// A word's fold and the fold's skeleton, the keys it is bucketed by.
struct Keys {
    folded: String,
    skeleton: String,
}

/// How many words' keys a thread keeps: enough for the names a run of news
/// articles repeats from one article to the next, and at most about a
/// megabyte.
const KEPT_KEYS: usize = 8192;

thread_local! {
    /// The keys of the words folded on this thread, by the word as
    /// written: a run checks many drafts that name the same people, and
    /// folding is most of what comparing names costs.
    static KEYS: RefCell<FxHashMap<Box<str>, Rc<Keys>>> = RefCell::default();
}

impl Keys {
    /// The keys of `word`, folded now or kept from an earlier draft.
    fn of(word: &str) -> Rc<Keys> {
        KEYS.with(|kept| {
            if let Some(keys) = kept.borrow().get(word) {
                return Rc::clone(keys);
            }
            let folded = fold_word(word);
            let keys = Rc::new(Keys {
                skeleton: skeleton(&folded),
                folded,
            });
            let mut kept = kept.borrow_mut();
            if kept.len() >= KEPT_KEYS {
                kept.clear();
            }
            kept.insert(word.into(), Rc::clone(&keys));
            keys
        })
    }
}

/// A word of a name with what comparing it needs, each worked out on first
/// use and kept: a draft compares one word with many, and folding is most
/// of the cost. Everything here depends only on the word lower-cased, so
/// any spelling of a word (ignoring case) stands for all of them.
pub(super) struct FoldedWord<'a> {
    /// The word as written.
    word: &'a str,
    /// [`plain`].
    plain: OnceCell<String>,
    /// [`fold_word`] and the [`skeleton`] of the fold, shared with every
    /// other `FoldedWord` of the same word on this thread (see
    /// [`Keys::of`]).
    keys: OnceCell<Rc<Keys>>,
    /// [`FoldedWord::spelt`].
    spelt: OnceCell<Option<String>>,
    /// [`FoldedWord::soft_c_spelt`].
    soft_c_spelt: OnceCell<Option<String>>,
}

impl<'a> FoldedWord<'a> {
    pub(super) fn new(word: &'a str) -> FoldedWord<'a> {
        FoldedWord {
            word,
            plain: OnceCell::new(),
            keys: OnceCell::new(),
            spelt: OnceCell::new(),
            soft_c_spelt: OnceCell::new(),
        }
    }

    /// Every key the word is filed under, its fold first (see
    /// [`fold_keys`]): two words [`FoldedWord::likeness`] calls folded
    /// share one.
    pub(super) fn bucket_keys(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.folded())
            .chain(self.spelt())
            .chain(self.soft_c_spelt())
    }

    fn plain(&self) -> &str {
        self.plain.get_or_init(|| plain(self.word))
    }

    /// The word folded, the key of the names it may be one with.
    pub(super) fn folded(&self) -> &str {
        &self.keys().folded
    }

    /// The fold's skeleton, the key of the names it may be near.
    pub(super) fn skeleton(&self) -> &str {
        &self.keys().skeleton
    }

    fn keys(&self) -> &Keys {
        self.keys.get_or_init(|| Keys::of(self.word))
    }

    /// The word folded with the letters its marks spell out so spelt
    /// ("Puškin" as "pushkin", "Lukić" as "lukich"; see
    /// [`Marks::spelling_out`]) and an inner "ai" read as two vowels
    /// ("Said" as "said", not "seid"; see [`Marks::hiatus`]), when that is
    /// not [`FoldedWord::folded`]: the second key of the names it may be
    /// one with.
    pub(super) fn spelt(&self) -> Option<&str> {
        self.spelt
            .get_or_init(|| {
                let mut marks = Marks::of(self.word).spelling_out();
                // "Said" read "Sa-id", as "Saeed" and "Saïd" spell it.
                marks.hiatus = if self.word.is_ascii() {
                    has_inner_ai(plain_ascii(self.word))
                } else {
                    has_inner_ai(self.plain().chars())
                };
                if marks == Marks::default() {
                    return None;
                }
                let spelt = fold(self.word, marks);
                (spelt != self.folded()).then_some(spelt)
            })
            .as_deref()
    }

    /// The word folded with its `č`, `ć` or `ç` spelt "ch" but every other
    /// accent dropped, for a word that also has a letter
    /// [`Marks::softened`] spells out ("Lukšić" as "luksich"): the key of
    /// the spelling that [`FoldedWord::drops_accents_of`] finds, which
    /// neither of the word's other keys is. (Without such a letter, that
    /// spelling's key is [`FoldedWord::spelt`].)
    fn soft_c_spelt(&self) -> Option<&str> {
        self.soft_c_spelt
            .get_or_init(|| {
                let marks = Marks::of(self.word);
                if !(marks.soft_c && marks.softened) {
                    return None;
                }
                let soft_c = Marks {
                    soft_c: true,
                    ..Marks::default()
                };
                let spelt = fold(self.word, soft_c);
                (spelt != self.folded() && Some(spelt.as_str()) != self.spelt()).then_some(spelt)
            })
            .as_deref()
    }

    /// [`likeness`] of the two words.
    pub(super) fn likeness(&self, other: &FoldedWord<'_>) -> Likeness {
        if same_lower(self.word, other.word) {
            return Likeness::Same;
        }
        let (pa, pb) = (self.plain(), other.plain());
        if pa == pb || self.drops_accents_of(other) || other.drops_accents_of(self) {
            // Accents, apostrophes or hyphens apart ("José"/"Jose").
            return Likeness::Folded;
        }
        let shortest = sounded_letters(pa).min(sounded_letters(pb));
        if self.folded() == other.folded() {
            if (shortest < MIN_FOLDED && !short_habit(pa, pb)) || !self.marks_agree(other) {
                return Likeness::Different;
            }
            return Likeness::Folded;
        }
        if shortest >= MIN_FOLDED && self.spelt_alike(other) {
            return Likeness::Folded;
        }
        if self.near(other) {
            return Likeness::Near;
        }
        Likeness::Different
    }

    /// Whether two words that fold alike still fold alike once the marks
    /// either carries narrow the fold (see [`Marks`]): "Ichijō" and
    /// "Ichiyō", "Erić" and "Erick" fold alike but are two names. Marks
    /// only ever part words the key joins, so the key stays the bucket.
    fn marks_agree(&self, other: &FoldedWord<'_>) -> bool {
        if self.word.is_ascii() && other.word.is_ascii() {
            return true;
        }
        let marks = Marks::of(self.word).or(Marks::of(other.word));
        marks == Marks::default() || fold(self.word, marks) == fold(other.word, marks)
    }

    /// Whether `other` is this word with its accents dropped but for a
    /// `č`, `ć` or `ç` spelt "ch", as English writes Slavic names
    /// ("Milosevich" for "Milošević"): its `š` is then no sign of another
    /// language, as [`Marks::softened`] takes a plain s to be.
    fn drops_accents_of(&self, other: &FoldedWord<'_>) -> bool {
        !self.word.is_ascii() && {
            let marks = Marks::of(self.word);
            marks.soft_c
                && plain_unicode(
                    self.word,
                    Marks {
                        soft_c: true,
                        ..Marks::default()
                    },
                ) == other.plain()
        }
    }

    /// Whether two words that fold apart fold alike once the letters the
    /// marks of either spell out are so spelt ("Puškin" and "Pushkin",
    /// "Lukić" and "Lukich"), or once the second key of one is the key of
    /// the other ("Said" and "Saeed"). The pair meets in a bucket through
    /// [`FoldedWord::spelt`].
    fn spelt_alike(&self, other: &FoldedWord<'_>) -> bool {
        // "Said" and "Saeed": one word's second key is the other's key.
        let hiatus = (self.spelt() == Some(other.folded()) || other.spelt() == Some(self.folded()))
            && self.marks_agree(other);
        if hiatus || (self.word.is_ascii() && other.word.is_ascii()) {
            return hiatus;
        }
        let marks = Marks::of(self.word).or(Marks::of(other.word));
        marks.spelling_out() != Marks::default() && fold(self.word, marks) == fold(other.word, marks)
    }

    /// Whether the two folds differ only in a vowel or two put for
    /// another (the consonant skeletons agree, and so do the lengths and
    /// the last letters), and are long enough for that to mean something.
    fn near(&self, other: &FoldedWord<'_>) -> bool {
        let (fa, fb) = (self.folded(), other.folded());
        let (la, lb) = (fa.chars().count(), fb.chars().count());
        let shortest = la.min(lb);
        if shortest < MIN_NEAR
            || self.skeleton() != other.skeleton()
            || fa.chars().last() != fb.chars().last()
        {
            return false;
        }
        // Vowel for vowel, letter for letter.
        let allowed = if shortest >= 7 { 2 } else { 1 };
        la == lb && fa.chars().zip(fb.chars()).filter(|(x, y)| x != y).count() <= allowed
    }

    /// Whether the two words are apart by one weak habit only: one vowel
    /// put for another, c for k, g for q or k, t for g, an initial j for
    /// y, a letter doubled or an h dropped ("Graves"/"Groves",
    /// "Viktor"/"Victor", "Abbot"/"Abbott", "Chada"/"Chadha"). Such a
    /// pair is as often two people as one, so the detector reports it as
    /// a possible variant unless the draft ties the two spellings to one
    /// person. A word with marks is never weak: its pair is a letter the
    /// marks spell out ("Puškin", "Pushkin"), a habit of transliteration.
    pub(super) fn weak_pair(&self, other: &FoldedWord<'_>) -> bool {
        if !self.word.is_ascii() || !other.word.is_ascii() {
            return false;
        }
        let a: Vec<char> = self.plain().chars().collect();
        let b: Vec<char> = other.plain().chars().collect();
        let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
        match long.len() - short.len() {
            0 => {
                let mut diffs = short.iter().zip(long.iter()).filter(|(x, y)| x != y);
                let (Some((&x, &y)), None) = (diffs.next(), diffs.next()) else {
                    return false;
                };
                let plain_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
                let (x, y) = (x.min(y), x.max(y));
                (plain_vowel(x) && plain_vowel(y))
                    || matches!(
                        (x, y),
                        ('c', 'k') | ('g', 'q') | ('k', 'q') | ('g', 'k') | ('g', 't')
                    )
                    || ((x, y) == ('j', 'y') && short.first() != long.first())
            }
            1 => {
                let at = short
                    .iter()
                    .zip(long.iter())
                    .position(|(x, y)| x != y)
                    .unwrap_or(short.len());
                let dropped = long[at];
                // A doubled y or i is the Ukrainian and Russian ending
                // ("Zelenskyy", "Dmitrii"), a habit of transliteration.
                let doubled = (at > 0 && long[at - 1] == dropped) || long.get(at + 1) == Some(&dropped);
                long[at + 1..] == short[at..]
                    && (dropped == 'h' || (doubled && !matches!(dropped, 'y' | 'i')))
            }
            _ => false,
        }
    }

    /// [`alike_alone`] of the two words.
    pub(super) fn alike_alone(&self, other: &FoldedWord<'_>) -> bool {
        if letters(self.word).min(letters(other.word)) < MIN_SINGLE {
            return false;
        }
        match self.likeness(other) {
            Likeness::Folded => true,
            // "Qaddafi" and "Gaddafi" or "Kaddafi": the Arabic q.
            Likeness::Near => {
                let (fa, fb) = (self.folded(), other.folded());
                // The first letter lower-cased, as `to_lowercase` would
                // begin the word.
                let starts_q = |w: &str| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.to_lowercase().next() == Some('q'))
                };
                (starts_q(self.word) || starts_q(other.word))
                    && fa.get(1..).is_some()
                    && fa.get(1..) == fb.get(1..)
            }
            _ => false,
        }
    }
}

/// Whether two [`plain`] words, the shorter of three letters, are apart
/// only by one of the few habits that hold in so short a word: a final
/// consonant doubled ("Ben" and "Benn", "Gil" and "Gill"; not a `c` or
/// `k`: "Jac" is not "Jack") or a final `i` written `y` ("Ali" and
/// "Aly"). Any other difference in so short a word is as often another
/// name as the same ("Cao" and "Kao", "Nie" and "Nye", "Haj" and
/// "Hay").
fn short_habit(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if !short.is_ascii() || !long.is_ascii() || short.len() != 3 {
        return false;
    }
    let (s, l) = (short.as_bytes(), long.as_bytes());
    match l.len() {
        // "Ben" and "Benn".
        4 => l.starts_with(s) && l[3] == s[2] && !is_vowel(char::from(s[2])) && !matches!(s[2], b'c' | b'k'),
        // "Ali" and "Aly".
        3 => s[..2] == l[..2] && matches!((s[2], l[2]), (b'i', b'y') | (b'y', b'i')),
        _ => false,
    }
}

/// Whether letters of a [`plain`] word have an "ai" that does not begin
/// the word (for [`Marks::hiatus`]).
fn has_inner_ai(letters: impl Iterator<Item = char>) -> bool {
    let mut prev = None;
    for (i, c) in letters.enumerate() {
        if i >= 2 && prev == Some('a') && c == 'i' {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// How many letters of a [`plain`] word are sounded, as far as the
/// shortest word that may fold ([`MIN_FOLDED`]) is concerned: all but an
/// English silent e, a final e after a consonant after a vowel ("Hope",
/// "Cole", "Case", "Lyle"). Such a word is as short as "Hop" once said,
/// and the spellings it folds with are mostly another language's name,
/// whose e is sounded ("Hoppe", "Kolle", "Kase", "Lille").
fn sounded_letters(plain: &str) -> usize {
    let count = plain.chars().count();
    let mut last = plain.chars().rev();
    match (last.next(), last.next(), last.next()) {
        (Some('e'), Some(c), Some(v)) if !is_vowel(c) && is_vowel(v) => count - 1,
        _ => count,
    }
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

/// A word lower-cased, without accents, apostrophes or hyphens. Letters
/// that decompose into no base letter are spelt out (`ł` as `l`, `ß` as
/// `ss`); a caron goes like any accent (`š` is `s`, as in "Milosevic").
pub fn plain(word: &str) -> String {
    if word.is_ascii() {
        let mut out = String::with_capacity(word.len());
        out.extend(plain_ascii(word));
        out
    } else {
        plain_unicode(word, Marks::default())
    }
}

/// The letters of [`plain`] of most names, one by one: no accent to take
/// off, so no decomposition either. Gives what [`plain_unicode`] gives for
/// ASCII words.
fn plain_ascii(word: &str) -> impl Iterator<Item = char> + '_ {
    word.bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| char::from(b.to_ascii_lowercase()))
}

/// [`plain`] of any word, but for the letters `marks` spells out: with
/// [`Marks::soft_c`], `č`, `ć` and `ç` are "ch"; with
/// [`Marks::softened`], `š` and `ş` are "sh", `ž` "zh", and `ň`, `ť` and
/// `ď` "ny", "ty" and "dy".
fn plain_unicode(word: &str, marks: Marks) -> String {
    let lower = word.to_lowercase();
    let mut spelt = String::with_capacity(lower.len());
    for c in lower.chars() {
        match c {
            'č' | 'ć' | 'ç' if marks.soft_c => spelt.push_str("ch"),
            'š' | 'ş' | 'ș' if marks.softened => spelt.push_str("sh"),
            'ž' if marks.softened => spelt.push_str("zh"),
            'ň' if marks.softened => spelt.push_str("ny"),
            'ť' if marks.softened => spelt.push_str("ty"),
            'ď' if marks.softened => spelt.push_str("dy"),
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

/// Spellings of one sound that begin with `first`, longest first, each
/// made the same: the habits a letter may open, found by a match rather
/// than by trying every habit at every letter.
fn habits(first: char) -> &'static [(&'static str, &'static str)] {
    match first {
        's' => &[("shch", "sh"), ("sch", "sh")],
        't' => &[("tsch", "ch"), ("tch", "ch"), ("th", "t")],
        'c' => &[("chr", "kr"), ("chol", "kol"), ("ck", "k"), ("ch", "h")],
        'd' => &[("dzh", "j"), ("dh", "d")],
        'k' => &[("kh", "h")],
        'p' => &[("ph", "f")],
        'g' => &[("gh", "g")],
        'o' => &[("ou", "u"), ("oo", "u")],
        'e' => &[("ee", "i"), ("ey", "ei")],
        'a' => &[("ay", "ei"), ("ai", "ei")],
        'q' => &[("q", "k")],
        'x' => &[("x", "ks")],
        'w' => &[("w", "v")],
        _ => &[],
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// What the accents of a word tell of its language, which the key fold
/// (made of [`plain`] letters) cannot see. Two words the key joins are
/// compared again by a fold that heeds the marks of either
/// ([`FoldedWord::marks_agree`]); with no marks that fold is the key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Marks {
    /// A long o or u written with a macron ("Ichijō", "Yūko"), in a word
    /// with no other Latvian letter ("Jūlija", "Valentīna"): Hepburn
    /// romanization of Japanese, where j and y are two sounds
    /// ("Ichijō"/"Ichiyō", "Kojō"/"Kōyō"), so neither is a habit.
    japanese: bool,
    /// A `č` or `ć` ("Erić", "Vučković"), or a `ç` ("Kılıç", "Çolak"):
    /// the Slavic and Turkish ch (or the French s), spelt out as "ch"
    /// rather than made a k ("Erić" is not "Erick", "Anić" not "Anik",
    /// "Çolak" not "Kolak"), as the final "vic" already is ("Milošević").
    soft_c: bool,
    /// A `š` or `ş` ("Puškin", "Şahin"), a `ž` ("Nadežda"), or a Czech
    /// `ň`, `ť` or `ď` ("Soňa", "Taťána"): letters whose mark makes them
    /// another sound, spelt out as "sh", "zh", "ny", "ty" and "dy"
    /// ("Puškin" is "Pushkin", "Soňa" is "Sonya"). A spelling that keeps
    /// the plain letter is the name read in another language ("Thomas" is
    /// not "Tomáš", "Lucas" not "Lukáš", "Sassa" not "Saša"), unless it
    /// only drops the accents ([`FoldedWord::likeness`]: "Milosevic",
    /// "Milosevich").
    softened: bool,
    /// A non-initial "ai" read as two vowels, a-i, as Arabic names have
    /// it ("Said", "Sa'id" and "Saïd" are "Saeed"), rather than as the
    /// diphthong of "Hussain" and "Hussein". Never read from the marks
    /// ([`Marks::of`] leaves it out): it only makes a word's second key
    /// ([`FoldedWord::spelt`]), so that "Said" folds both with "Saeed"
    /// and, by its first key, with "Seid".
    hiatus: bool,
    /// A final "ée" ("Renée", "Aimée", "Andrée"): the French feminine,
    /// said é, so its "ee" is not the i of English "Rasheed" ("Renée" is
    /// not "Reni", "Josée" not "Josy").
    french_ee: bool,
}

impl Marks {
    fn of(word: &str) -> Marks {
        if word.is_ascii() {
            return Marks::default();
        }
        let mut marks = Marks::default();
        let mut latvian = false;
        // The last two letters, accents composed, for a final "ée".
        let mut ending = ['\0'; 2];
        for c in word.nfc().flat_map(char::to_lowercase) {
            if c.is_alphabetic() {
                ending = [ending[1], c];
            }
            match c {
                'č' | 'ć' | 'ç' => marks.soft_c = true,
                'š' | 'ş' | 'ș' | 'ž' | 'ň' | 'ť' | 'ď' => marks.softened = true,
                'ō' | 'ū' => marks.japanese = true,
                // Latvian, which writes "Valentīna" and "Jūlija".
                'ā' | 'ē' | 'ī' | 'ģ' | 'ķ' | 'ļ' | 'ņ' => latvian = true,
                _ => {}
            }
        }
        marks.japanese &= !latvian;
        marks.french_ee = ending == ['é', 'e'];
        marks
    }

    /// Only the marks that spell letters out ([`Marks::soft_c`],
    /// [`Marks::softened`]): those that, with [`Marks::hiatus`], give a
    /// word a second key.
    fn spelling_out(self) -> Marks {
        Marks {
            soft_c: self.soft_c,
            softened: self.softened,
            ..Marks::default()
        }
    }

    fn or(self, other: Marks) -> Marks {
        Marks {
            japanese: self.japanese || other.japanese,
            soft_c: self.soft_c || other.soft_c,
            softened: self.softened || other.softened,
            hiatus: self.hiatus || other.hiatus,
            french_ee: self.french_ee || other.french_ee,
        }
    }
}

/// One word reduced to what its romanizations share: [`plain`], then the
/// habits of `letter_habits` and `habits` where `habit_holds` has
/// them (but an initial "ai" or "ay" is not "ei": "Aiki" and "Eiki" are
/// two names),
/// `c` as `k` (but before e, i, y, h, in the Czech final "ec" of
/// "Adamec" and the Turkish final "can" of "Ercan"), `y` as `i`, a final
/// `f` as `v` ("Smirnoff"), an initial `ye` as `e` ("Yevgeny"), doubled
/// letters once, and the final "ee" of a French feminine as "eé"
/// (`french_ee`).
pub fn fold_word(word: &str) -> String {
    fold(word, Marks::default())
}

/// [`fold_word`], narrowed by `marks`.
fn fold(word: &str, marks: Marks) -> String {
    if word.is_ascii() {
        fold_letters(word, plain_ascii(word), word.len(), marks)
    } else {
        let plain = plain_unicode(word, marks);
        fold_letters(word, plain.chars(), plain.len(), marks)
    }
}

/// Letters a word may have for [`fold_letters`] to keep them on the
/// stack; longer words (hardly names) take a buffer on the heap.
const STACK_LETTERS: usize = 48;

/// [`fold`] of `word`, whose [`plain`] form is `plain`, of at most `most`
/// letters.
fn fold_letters(word: &str, plain: impl Iterator<Item = char>, most: usize, marks: Marks) -> String {
    // The letters, with room for the "h" of a final "vic".
    let mut stack = ['\0'; STACK_LETTERS];
    let mut heap = Vec::new();
    let room: &mut [char] = if most < STACK_LETTERS {
        &mut stack[..=most]
    } else {
        heap.resize(most + 1, '\0');
        &mut heap
    };
    let mut count = 0;
    for (slot, c) in room.iter_mut().zip(plain) {
        *slot = c;
        count += 1;
    }
    // "el-Sisi" and "al-Sisi" (the hyphen is gone by now).
    if let ['e', 'l', ..] = room[..count] {
        if word
            .chars()
            .flat_map(char::to_lowercase)
            .take(3)
            .eq("el-".chars())
        {
            room[0] = 'a';
        }
    }
    // "Jusuf" and "Yusuf", "Jelena" and "Yelena": an initial j before a
    // vowel is the y of Slavic, Finnish, Turkish and Indonesian
    // spellings, in words of five letters or more ("Juan" and "Yuan",
    // "Juri" and "Yuri" are as often two names). A habit the detector
    // counts weak (see `weak_pair`).
    if count >= 5 && !marks.japanese && room[0] == 'j' && matches!(room[1], 'a' | 'e' | 'i' | 'o' | 'u') {
        room[0] = 'y';
    }
    // "Yevgeny" and "Evgeny".
    let (room, count) = match room[..count] {
        ['y', 'e', ..] => (&mut room[1..], count - 1),
        _ => (room, count),
    };
    let count = letter_habits(room, count, marks.japanese);
    let letters = &room[..count];
    let mut out = String::with_capacity(count + 2);
    // Doubled letters are made one as they are written out.
    let push = |out: &mut String, c: char| {
        if !out.ends_with(c) {
            out.push(c);
        }
    };
    let mut i = 0;
    while let Some(&c) = letters.get(i) {
        // An initial "Ai" is not "Ei" ("Aiki", "Eiki").
        let opened = if i == 0 && c == 'a' { &[][..] } else { habits(c) };
        let rest = &letters[i..];
        // "Renee" and "Renée" (see `french_ee`), apart from "René" once
        // doubled letters are made one.
        if rest == ['e', 'e'] && french_ee(&letters[..i], marks) {
            push(&mut out, 'e');
            out.push('é');
            break;
        }
        if let Some((from, to)) = opened.iter().find(|(from, _)| {
            rest.len() >= from.len()
                && rest.iter().copied().zip(from.chars()).all(|(x, y)| x == y)
                && habit_holds(
                    from,
                    &letters[..i],
                    &rest[from.len()..],
                    rest.len() == from.len(),
                    marks,
                )
        }) {
            to.chars().for_each(|t| push(&mut out, t));
            i += from.len();
            continue;
        }
        let next = letters.get(i + 1).copied();
        let last = i + 1 == letters.len();
        let folded = match c {
            // "Adamec" is not "Adamek": the Czech and Slovene ts of a
            // final "ec" ("Alec" is too short to tell).
            'c' if last && i >= 4 && letters[i - 1] == 'e' => c,
            // "Ercan" is not "Erkan", "Özcan" not "Özkan": the Turkish c
            // (said j) of a final "can" after a consonant.
            'c' if i > 0 && !is_vowel(letters[i - 1]) && rest == ['c', 'a', 'n'] => c,
            'c' if !matches!(next, Some('e' | 'i' | 'y' | 'h')) => 'k',
            'y' if !marks.japanese => 'i',
            _ => c,
        };
        push(&mut out, folded);
        i += 1;
    }
    // "Ralph", "Rudolf" and "Smirnov".
    if out.ends_with('f') {
        out.pop();
        push(&mut out, 'v');
    }
    out
}

/// Whether a habit of [`habits`] that begins with `from` holds where it is
/// found, between the letters `before` and `after`, `last` when it ends
/// the word (each habit, its examples and figures: `docs/variants.md`):
///
/// - "oo" is the long o of Japanese, Finnish and Estonian names when final,
///   initial or before a consonant and a, i, o or u ("Tomoo", "Hirooka"),
///   and the English u elsewhere ("Cooper", "Hooper");
/// - a final "ee" of a French feminine ([`french_ee`]) is not i;
/// - "tch" is the French ch of Russian names only at the end, the start or
///   after a ("Pavlovitch", "Tchaikovsky"); elsewhere it is English
///   ("Mitchell" is not "Michel");
/// - an initial "ee" (Estonian "Eerik") and an initial "dh" (the Indian
///   aspirate of "Dhillon") are kept;
/// - "ch" is the kh of German and Hebrew spellings before "ai", "aj" or
///   "ay" but at the start ("Michail", "Mordechai"), and after a vowel and
///   before l, m, n or r ("Achmed");
/// - "chol" after an `i` is the English k of "Nicholas";
/// - with [`Marks::japanese`], no habit of j or y holds, and "ou" is the
///   long o, not u ("Ōuchi" is not "Uchi").
fn habit_holds(from: &str, before: &[char], after: &[char], last: bool, marks: Marks) -> bool {
    match from {
        "oo" if last => false,
        "oo" => !(before.is_empty() || matches!(after, [c, 'a' | 'i' | 'o' | 'u', ..] if !is_vowel(*c))),
        "ee" if last => !french_ee(before, marks),
        "tch" => last || matches!(before, [] | [.., 'a']),
        "ee" | "dh" => !before.is_empty(),
        "chol" => matches!(before, [.., 'i']),
        "ch" => {
            !before.is_empty()
                && (matches!(after, ['a', 'i' | 'j' | 'y', ..])
                    || (before.last().is_some_and(|&c| is_vowel(c))
                        && matches!(after, ['l' | 'm' | 'n' | 'r', ..])))
        }
        "ou" if marks.japanese => false,
        "ai" => !marks.hiatus,
        _ => !(marks.japanese && from.contains(['j', 'y'])),
    }
}

/// Whether a final "ee" after the letters `before` is the é and silent e
/// of a French feminine: any final "ée" ([`Marks::french_ee`]), and a
/// final "ee" after a single consonant after a vowel, the same written
/// without its accent ("Renee", "Aimee", "Dorothee"). It is neither the
/// English ee of "Rasheed" or "Hardee" ("Renee" is not "Reni" or
/// "Renny") nor the e of the masculine ("Renee" is not "René",
/// "Desiree" not "Désiré").
fn french_ee(before: &[char], marks: Marks) -> bool {
    marks.french_ee || matches!(before, [.., v, c] if is_vowel(*v) && !is_vowel(*c))
}

/// The habits that hang on single letters, before the others, applied in
/// place to the first `count` letters of `room` (which has room for one
/// more); returns how many letters there are now. Each habit, with its
/// examples and figures, is in `docs/variants.md`:
///
/// - `j` or `y` between `e` or `i` and `a`, `e` or `u` is silent
///   ("Andreyev", "Mariya"), but not the ei of "Meyer" before an `e` that
///   does not begin -ev, nor the Japanese ji and yo before `i` or `o`
///   ("Eijiro");
/// - `j`, `y` or `i` before the Russian -ev, after a vowel or a consonant,
///   is silent ("Nikolayevich", "Vasilyev", "Vasil'ev"); the -ev is an `e`
///   and a `v` or `w` before anything but another `e`;
/// - `j` or `y` after an `i` that begins the word or follows another `i`
///   is the Japanese y ("Iyama");
/// - `j` after another vowel is `i` ("Sergej"), but not before `i`, the
///   "ee" said i or `o` ("Kajiyama", "Rajeev", "Rojo");
/// - `j` or `y` between `l` and `u` is silent ("Lyudmila", "Ludmila");
/// - `j` after a consonant but `d` and before a, e, o or u is `y`
///   ("Tanja"); an initial `j` is left to [`fold_letters`];
/// - a `kh` or `ch` where a silent h would be, in words of seven letters
///   or more, goes with it ("Akhmedov", "Achmedov");
/// - a final `ff` is `f` ("Smirnoff");
/// - `h` between a vowel and an `l`, `m`, `n` or `r` that ends the word or
///   comes before a consonant or an `e` is silent in words of six letters
///   or more ("Kohlberg", "Mahler"), but not in "John";
/// - a final `h` after `a` is silent in words of six letters or more
///   ("Hamzah"), after `o` in words of five or more ("Satoh");
/// - a final `vic` is `vich` ("Milosevic", from "Milošević").
///
/// With `japanese` ([`Marks::japanese`]), `j` and `y` are left as they are.
fn letter_habits(room: &mut [char], count: usize, japanese: bool) -> usize {
    let count = count.min(room.len());
    // Letters are only ever dropped or replaced one for one, so each is
    // written at or before where it was read; `prev` keeps the letter as
    // it was.
    let mut kept = 0;
    let mut prev = None;
    let mut before_prev = None;
    for i in 0..count {
        let c = room[i];
        let next = room[..count].get(i + 1).copied();
        let written = match c {
            'j' | 'y' if japanese => Some(c),
            // "Andrejev", "Andreyev" and "Andreev"; "Mariya" and "Maria";
            // not "Meyer" or "Reyes".
            // "Iyama" and "Iiyama" are not "Yama".
            'j' | 'y' if prev == Some('i') && matches!(before_prev, None | Some('i')) => Some('j'),
            'j' | 'y' if matches!(prev, Some('e' | 'i')) && matches!(next, Some('a' | 'u' | 'y')) => None,
            // "Nikolayevich", "Alekseievich" and "Nikolaevich"; "Vasilyev",
            // "Vasiliev", "Vasil'ev" and "Vasilev".
            'j' | 'y' | 'i' if prev.is_some() && russian_ev(&room[..count], i + 1) => None,
            // "Vasiliyev" and "Vasiljew", as "Vasilev".
            'i' if prev.is_some_and(|p| !is_vowel(p))
                && matches!(next, Some('j' | 'y'))
                && russian_ev(&room[..count], i + 2) =>
            {
                None
            }
            // "Eijiro" and "Eiro", "Tomiyo" and "Tomio": the Japanese
            // syllables ji and yo.
            'j' | 'y' if matches!(prev, Some('e' | 'i')) && matches!(next, Some('i' | 'o')) => Some('j'),
            'j' if prev.is_some_and(is_vowel) && next == Some('o') => Some('j'),
            // "Rajeev" and "Rajiv".
            'j' if prev.is_some_and(is_vowel) && room[..count].get(i + 1..i + 3) == Some(&['e', 'e'][..]) => {
                Some('j')
            }
            'j' if prev.is_some_and(is_vowel) && next != Some('i') => Some('i'),
            // "Lyudmila", "Ljudmila" and "Ludmila".
            'j' | 'y' if prev == Some('l') && next == Some('u') => None,
            // "Anja" and "Anya".
            'j' if i > 0 && prev != Some('d') && matches!(next, Some('a' | 'e' | 'o' | 'u')) => Some('y'),
            // "Mahler" and "Maler", "Mendelsohn" and "Mendelson"; not
            // "Zahra", "Bahr" or "Johnson".
            'h' if count >= 6
                && prev.is_some_and(is_vowel)
                && silent_h_before(&room[..count], i)
                && !(prev == Some('o') && matches!(before_prev, Some('j' | 'y'))) =>
            {
                None
            }
            // "Akhmedov" and "Achmedov" as "Ahmedov": a kh or ch where a
            // silent h would be, in a word one letter longer than the
            // silent h needs.
            'k' | 'c'
                if count >= 7
                    && prev.is_some_and(is_vowel)
                    && next == Some('h')
                    && silent_h_before(&room[..count], i + 1) =>
            {
                None
            }
            'h' if count >= 7
                && matches!(prev, Some('k' | 'c'))
                && before_prev.is_some_and(is_vowel)
                && silent_h_before(&room[..count], i) =>
            {
                None
            }
            'h' if next.is_none() && i >= 5 && prev == Some('a') => None,
            // "Satoh" and "Sato".
            'h' if next.is_none() && i >= 4 && prev == Some('o') => None,
            _ => Some(c),
        };
        if let Some(w) = written {
            room[kept] = w;
            kept += 1;
        }
        before_prev = prev;
        prev = Some(c);
    }
    if room[..kept].ends_with(&['f', 'f']) {
        kept -= 1;
    }
    if room[..kept].ends_with(&['v', 'i', 'c']) {
        if let Some(slot) = room.get_mut(kept) {
            *slot = 'h';
            kept += 1;
        }
    }
    kept
}

/// Whether the `h` at `at` comes where German and Scandinavian names have
/// a silent one: before an `l`, `m`, `n` or `r` that ends the word or
/// comes before a consonant or an `e` (see [`letter_habits`]).
fn silent_h_before(letters: &[char], at: usize) -> bool {
    matches!(letters.get(at + 1), Some('l' | 'm' | 'n' | 'r'))
        && letters.get(at + 2).is_none_or(|&c| c == 'e' || !is_vowel(c))
}

/// Whether `letters` has the Russian -ev (-ев, "Vasilev", "Andreevich",
/// "Grigorjewitsch") at `at`: an "e" and a "v" or "w" not followed by
/// another "e" (English "Grieve" has no -ev).
fn russian_ev(letters: &[char], at: usize) -> bool {
    matches!(letters.get(at..), Some(['e', 'v' | 'w', rest @ ..]) if rest.first() != Some(&'e'))
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
    fn weak_habits_are_told_from_strong_ones() {
        let weak = |a: &str, b: &str| FoldedWord::new(a).weak_pair(&FoldedWord::new(b));
        for (a, b) in [
            ("Graves", "Groves"),
            ("Viktor", "Victor"),
            ("Abbot", "Abbott"),
            ("Chada", "Chadha"),
            ("Nakata", "Nagata"),
            ("Lapin", "Lappin"),
            ("Miguel", "Miquel"),
            ("Jusuf", "Yusuf"),
            ("Qaddafi", "Gaddafi"),
        ] {
            assert!(weak(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("Sergei", "Sergey"),
            ("Yusuf", "Yousef"),
            ("Kowalenko", "Kovalenko"),
            ("Akhmedov", "Ahmedov"),
            ("Mohammed", "Muhammad"),
            ("José", "Jose"),
            ("Puškin", "Pushkin"),
            ("Zelensky", "Zelenskyy"),
        ] {
            assert!(!weak(a, b), "{a} / {b}");
        }
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
        alike("Akhmedov", "Ahmedov");
        alike("Achmedov", "Ahmedov");
        alike("Achmed", "Ahmed");
        alike("Akhmed", "Ahmed");
        alike("Jusuf", "Yusuf");
        alike("Jelena", "Yelena");
        alike("Tchaikovsky", "Chaikovsky");
        alike("Savić", "Savich");
        alike("Ralph", "Ralf");
        alike("Anja", "Anya");
        alike("Tatjana", "Tatyana");
        alike("Andrejev", "Andreyev");
        alike("Dejan", "Deyan");
        alike("Christian", "Cristian");
        alike("Hasan", "Hassan");
        alike("Asad", "Assad");
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
        alike("Mariya", "Maria");
        alike("Yūko", "Yuuko");
        alike("Savić", "Savich");
        alike("Milošević", "Milosevich");
        alike("Vitālijs", "Vitalijs");
        alike("Alec", "Alek");
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
        assert!(!alike_alone("Kale", "Kalle"));
        assert!(!alike_alone("Yusuf", "Yousef"));
    }

    /// Words that try the corners of the fold: habits at the edges, marks,
    /// letters that spell out, case that lower-cases oddly, no letters.
    const TRICKY: &[&str] = &[
        "",
        "-",
        "'",
        "’",
        "q",
        "Q",
        "x",
        "ff",
        "vic",
        "ye",
        "YE",
        "el",
        "el-",
        "El-Sisi",
        "EL-SISI",
        "elsisi",
        "O'Brien",
        "al-Assad",
        "Sergej",
        "Yevgeny",
        "Smirnoff",
        "Milosevic",
        "Tchaikovsky",
        "Shchukin",
        "Aiki",
        "Ayyad",
        "Fatimah",
        "Sabah",
        "Kajiyama",
        "Djamel",
        "Ljubov",
        "Andrejev",
        "Chris",
        "Dzhokhar",
        "Ck",
        "G20",
        "McDonald",
        "Milošević",
        "Ichijō",
        "ICHIJŌ",
        "Yūko",
        "Erić",
        "ĆOSIĆ",
        "Valentīna",
        "Adamec",
        "José",
        "Nikolaï",
        "Łukasz",
        "Straße",
        "ẞ",
        "Þór",
        "Øyvind",
        "Æsir",
        "ĦAMRUN",
        "ODYSSEAS",
        "ΟΔΥΣΣΕΑΣ",
        "\u{212A}ATE",
        "İstanbul",
        "Ǆemal",
        "ﬁona",
        "ℌelen",
        "Ye\u{301}vgeny",
        "Дмитрий",
        "محمد",
        "李",
        "e\u{301}l-Sisi",
    ];

    #[test]
    fn the_ascii_path_gives_what_the_unicode_path_gives() {
        for word in TRICKY {
            let upper = word.to_uppercase();
            for word in [*word, &upper] {
                if word.is_ascii() {
                    assert_eq!(
                        plain_ascii(word).collect::<String>(),
                        plain_unicode(word, Marks::default()),
                        "{word}"
                    );
                    let unicode = fold_letters(
                        word,
                        plain_unicode(word, Marks::default()).chars(),
                        word.len(),
                        Marks::default(),
                    );
                    assert_eq!(fold_word(word), unicode, "{word}");
                }
            }
        }
    }

    #[test]
    fn long_words_fold_on_the_heap_as_short_ones_on_the_stack() {
        let long = "Sergej".repeat(10);
        assert!(long.len() > STACK_LETTERS);
        assert_eq!(fold_word(&long), fold_word("Sergej").repeat(10));
        assert_eq!(
            fold_word(&format!("{long}vic")),
            format!("{}vich", fold_word("Sergej").repeat(10))
        );
    }

    /// The detector compares each word (ignoring case) once, whichever of
    /// its spellings it met first.
    #[track_caller]
    fn compares_as_any_spelling(a: &str, a_again: &str, b: &str) {
        if a.to_lowercase() != a_again.to_lowercase() {
            return;
        }
        assert_eq!(fold_word(a), fold_word(a_again), "{a} / {a_again}");
        assert_eq!(plain(a), plain(a_again), "{a} / {a_again}");
        assert_eq!(likeness(a, b), likeness(a_again, b), "{a} / {a_again} / {b}");
        assert_eq!(
            alike_alone(a, b),
            alike_alone(a_again, b),
            "{a} / {a_again} / {b}"
        );
    }

    #[test]
    fn any_spelling_of_a_word_compares_alike() {
        for a in TRICKY {
            for b in TRICKY {
                compares_as_any_spelling(a, &a.to_uppercase(), b);
                compares_as_any_spelling(a, &a.to_lowercase(), b);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_fold_alike_on_both_paths(word in "[a-zA-Z'-]{0,60}") {
            proptest::prop_assert_eq!(plain_ascii(&word).collect::<String>(), plain_unicode(&word, Marks::default()));
            let unicode = fold_letters(&word, plain_unicode(&word, Marks::default()).chars(), word.len(), Marks::default());
            proptest::prop_assert_eq!(fold_word(&word), unicode);
        }

        #[test]
        fn words_compare_as_their_lower_case(
            a in "[a-zA-ZéÉšŠïłŁßİΣσςДд\u{212A}\u{301}'’-]{0,12}",
            b in "[a-zA-ZéšïłßΣσςд'-]{0,12}",
        ) {
            let flipped: String = a
                .chars()
                .map(|c| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
                .collect();
            compares_as_any_spelling(&a, &flipped, &b);
            compares_as_any_spelling(&a, &a.to_lowercase(), &b);
        }
    }

    #[test]
    fn different_names_stay_apart() {
        apart("Maria", "Marina");
        apart("Petrov", "Petrova");
        apart("Alexander", "Alexandra");
        apart("Daniel", "Daniela");
        apart("Maria", "Mario");
        apart("Ana", "Anna");
        apart("Juan", "Yuan");
        apart("Kenji", "Kenny");
        apart("Aiki", "Eiki");
        apart("Sergeyev", "Sergeyeva");
        apart("John", "Jon");
        apart("Ivanov", "Ivanova");
    }

    #[test]
    fn marks_part_what_the_fold_joins() {
        // A macron: Japanese, whose j and y are two sounds.
        apart("Ichijō", "Ichiyō");
        apart("Kojō", "Kōyō");
        apart("Raikō", "Rajko");
        // A caron or acute c: the Slavic ch.
        apart("Erić", "Erick");
        apart("Bilić", "Bilik");
        // A cedilla c: the Turkish ch.
        apart("Çolak", "Kolak");
        apart("Kılıç", "Killick");
        alike("Kılıç", "Kilic");
        alike("Çelik", "Celik");
        assert_eq!(fold_word("Bilić"), fold_word("Bilik"));
    }

    #[test]
    fn japanese_syllables_ji_and_yo_stay() {
        apart("Eijiro", "Eiro");
        apart("Ichiji", "Ichi");
        apart("Kuniji", "Kunii");
        apart("Tomiyo", "Tomio");
        apart("Yukiyo", "Yukio");
        alike("Tomiyo", "Tomijo");
    }

    #[test]
    fn a_silent_e_does_not_make_a_word_long_enough() {
        apart("Hope", "Hoppe");
        apart("Pope", "Poppe");
        apart("Case", "Kase");
        apart("Cole", "Kolle");
        apart("Hale", "Halle");
        apart("Hyde", "Hide");
        alike("Jose", "José");
        alike("Lynne", "Linne");
        alike("Jeanne", "Jeane");
        alike("Carole", "Karole");
        alike("Blake", "Blaake");
    }

    #[test]
    fn j_or_y_between_e_and_e_is_silent_only_in_the_russian_ev() {
        alike("Meyer", "Meier");
        alike("Meijer", "Meyer");
        alike("Dreyer", "Dreier");
        alike("Verheyen", "Verheijen");
        apart("Meyer", "Meer");
        apart("Meyer", "Mir");
        apart("Reyes", "Rees");
        apart("Réjean", "Ryan");
        alike("Andreyev", "Andreev");
        alike("Andrejew", "Andreev");
        alike("Sergeyeva", "Sergeeva");
        alike("Sergeyevich", "Sergeevich");
    }

    #[test]
    fn yu_after_l_is_u() {
        alike("Lyudmila", "Ludmila");
        alike("Ljudmila", "Lyudmila");
        alike("Lyubov", "Lubov");
        alike("Ljubomir", "Lubomir");
    }

    #[test]
    fn a_final_oh_is_a_long_o() {
        alike("Satoh", "Sato");
        alike("Saitoh", "Saitō");
        alike("Katoh", "Kato");
        apart("Itoh", "Ito");
    }

    #[test]
    fn a_final_oo_is_a_long_o() {
        alike("Tomoo", "Tomo");
        alike("Yokoo", "Yōko");
        apart("Tomoo", "Tomu");
        apart("Mizoo", "Mizu");
        alike("Mahmood", "Mahmud");
        alike("Mansoor", "Mansour");
    }

    #[test]
    fn oo_before_a_syllable_is_a_long_o() {
        alike("Tooru", "Toru");
        alike("Hirooka", "Hiroka");
        alike("Noora", "Nora");
        alike("Ooyama", "Ōyama");
        apart("Ooyama", "Uyama");
        alike("Cooper", "Couper");
        assert_ne!(fold_word("Hooper"), fold_word("Hopper"));
        alike("Mahmood", "Mahmud");
    }

    #[test]
    fn a_french_final_ee_is_not_i() {
        apart("Renée", "Reni");
        apart("Renée", "Renny");
        apart("Aimée", "Aimi");
        apart("Josée", "Josy");
        apart("Andrée", "Andriy");
        alike("Renée", "Renee");
        alike("Rasheed", "Rashid");
        alike("Hardee", "Hardy");
    }

    #[test]
    fn j_between_vowels_before_o_is_a_consonant() {
        apart("Rojo", "Royo");
        apart("Arrojo", "Arroyo");
        apart("Bajo", "Bayo");
        apart("Tojo", "Toyo");
        apart("Major", "Mayor");
        alike("Stojan", "Stoyan");
        alike("Bojan", "Boyan");
        alike("Arroyo", "Arroio");
    }

    #[test]
    fn softened_letters_are_spelt_out() {
        alike("Puškin", "Pushkin");
        alike("Nadežda", "Nadezhda");
        alike("Şahin", "Shahin");
        alike("Soňa", "Sonya");
        alike("Taťána", "Tatyana");
        alike("Lukić", "Lukich");
        alike("Mkrtčyan", "Mkrtchyan");
        // Accents dropped, as English writes Slavic names.
        alike("Milošević", "Milosevic");
        alike("Nadežda", "Nadezda");
        // A plain s or z is the name read in another language.
        apart("Tomáš", "Thomas");
        apart("Lukáš", "Lucas");
        apart("Saša", "Sassa");
        apart("Kašpar", "Caspar");
        apart("Tomaž", "Thomaz");
        apart("Ștefan", "Stephan");
        alike("Ștefan", "Shtefan");
        assert_eq!(fold_keys("Puškin"), ["puskin", "pushkin"]);
        assert_eq!(fold_keys("Pushkin"), ["pushkin"]);
        assert_eq!(fold_keys("Milošević"), ["milosevich", "miloshevich"]);
    }

    #[test]
    fn a_word_with_both_a_soft_c_and_a_caron_s_has_a_third_key() {
        // English spells the ć out and drops the caron of the š.
        alike("Lukšić", "Luksich");
        alike("Lukšić", "Lukshich");
        alike("Lukšić", "Luksic");
        assert_eq!(fold_keys("Lukšić"), ["luksik", "lukshich", "luksich"]);
        assert_eq!(fold_keys("Luksich"), ["luksich"]);
        // A final "vić" already folds to "vich".
        assert_eq!(fold_keys("Milošević"), ["milosevich", "miloshevich"]);
        assert_eq!(fold_keys("Lukić"), ["lukik", "lukich"]);
    }

    #[test]
    fn tch_is_ch_only_where_french_writes_russian_so() {
        alike("Pavlovitch", "Pavlovich");
        alike("Ilitch", "Ilyich");
        alike("Viatcheslav", "Vyacheslav");
        alike("Tchaikovsky", "Chaikovsky");
        alike("Mitchel", "Mitchell");
        apart("Mitchell", "Michel");
        apart("Butcher", "Bucher");
        apart("Pritchard", "Prichard");
    }

    #[test]
    fn an_unaccented_french_feminine_ee_is_neither_i_nor_e() {
        apart("Renee", "Reni");
        apart("Renee", "Renny");
        apart("Renee", "René");
        apart("Renée", "René");
        apart("Desiree", "Désiré");
        apart("Aimee", "Aimi");
        alike("Renee", "Renée");
        alike("Hardee", "Hardy");
        alike("Kellee", "Kelly");
    }

    #[test]
    fn j_y_or_i_before_the_russian_ev_is_silent() {
        alike("Nikolayevich", "Nikolaevich");
        alike("Nikolajevič", "Nikolaevich");
        alike("Alekseievich", "Alekseyevich");
        alike("Belyayev", "Belyaev");
        alike("Andreïev", "Andrejew");
    }

    #[test]
    fn the_soft_sign_before_the_russian_ev_is_silent() {
        alike("Vasilyev", "Vasilev");
        alike("Vasiliev", "Vasilev");
        alike("Vasiliev", "Vasilyev");
        alike("Wassiljew", "Vasil'ev");
        alike("Vasil'evich", "Vasilyevich");
        alike("Vasil’evna", "Vassilievna");
        alike("Grigorjevich", "Grigorevich");
        alike("Dementiev", "Dementyev");
        alike("Vasiliyev", "Vasilev");
        // Only before the -ev.
        apart("Tatyana", "Tatana");
        apart("Grieve", "Greve");
        alike("Vasilyeva", "Vasileva");
        apart("Vasilyeva", "Vasilev");
    }

    #[test]
    fn ch_before_ai_is_kh() {
        alike("Michail", "Mikhail");
        alike("Michail", "Mihail");
        alike("Michajlovič", "Mikhailovich");
        alike("Michailowitsch", "Mykhailovych");
        alike("Mordechai", "Mordehai");
        assert_eq!(fold_word("Michael"), "michael");
        assert_ne!(fold_word("Chai"), fold_word("Hai"));
    }

    #[test]
    fn a_german_h_before_l_m_n_or_r_is_silent() {
        alike("Mahler", "Maler");
        alike("Kohlberg", "Kolberg");
        alike("Dahlmann", "Dalman");
        alike("Mendelsohn", "Mendelson");
        alike("Ehrlich", "Erlich");
        alike("Uhlmann", "Ullman");
        // Before a vowel: Arabic.
        apart("Zahran", "Zaran");
        apart("Rahman", "Raman");
        apart("Bahrami", "Barami");
        // Short words.
        apart("Bahr", "Barr");
        apart("Stahl", "Staal");
        // English.
        apart("Johnson", "Jonsson");
    }

    #[test]
    fn three_letter_words_fold_only_by_a_final_doubled_consonant_or_y() {
        alike("Ali", "Aly");
        alike("Alí", "Aly");
        alike("Ben", "Benn");
        alike("Gil", "Gill");
        alike("Tod", "Todd");
        apart("Jac", "Jack");
        apart("Mac", "Mak");
        apart("Cao", "Kao");
        apart("Nie", "Nye");
        apart("Haj", "Hay");
        apart("Ana", "Anna");
        apart("Ian", "Yan");
        // Four letters with a silent e are as short.
        apart("Hope", "Hoppe");
    }

    #[test]
    fn ch_in_nichol_is_k() {
        alike("Nicholas", "Nicolás");
        alike("Nicholas", "Nikolas");
        alike("Nicholson", "Nicolson");
        alike("Nichola", "Nikola");
        assert_eq!(fold_word("Michel"), "michel");
        assert_eq!(fold_word("Cholmondeley"), "cholmondelei");
    }

    #[test]
    fn an_initial_ee_is_a_long_e() {
        alike("Eerik", "Erik");
        alike("Eemil", "Emil");
    }

    #[test]
    fn an_initial_dh_is_the_indian_aspirate() {
        apart("Dhillon", "Dillon");
        apart("Dhani", "Dani");
        alike("Fayadh", "Fayad");
    }

    #[test]
    fn a_turkish_final_can_is_not_kan() {
        apart("Ercan", "Erkan");
        apart("Sercan", "Serkan");
        alike("Marcus", "Markus");
    }

    #[test]
    fn y_after_an_initial_i_is_japanese() {
        apart("Iyama", "Yama");
        apart("Iiyama", "Yama");
        apart("Iyanaga", "Yanaga");
        alike("Iiyama", "Iyama");
        alike("Mariya", "Maria");
    }

    #[test]
    fn a_japanese_ou_is_not_u() {
        apart("Ōuchi", "Uchi");
        apart("Yūichi", "Youichi");
        alike("Yousef", "Yusef");
    }

    #[test]
    fn an_inner_ai_may_be_two_vowels() {
        alike("Said", "Saeed");
        alike("Saïd", "Saeed");
        alike("Sa'id", "Saeed");
        alike("Said", "Seid");
        alike("Hussain", "Hussein");
        apart("Aiki", "Eiki");
        assert_eq!(fold_keys("Said"), ["seid", "said"]);
        assert_eq!(fold_keys("Aida"), ["aida"]);
    }

    #[test]
    fn j_before_ee_is_a_consonant() {
        alike("Rajeev", "Rajiv");
        alike("Najeeb", "Najib");
        apart("Rajeev", "Raif");
    }

    #[test]
    fn a_final_ec_is_ts() {
        apart("Adamec", "Adamek");
        apart("Martinec", "Martinek");
    }
}
