//! The surface forms of a pack as a trie over tokens: a draft is already
//! cut into tokens, so a form is found by looking up each token once in a
//! hash table, not by running an automaton over every byte.
//!
//! A form matches a run of tokens of one sentence when each of its tokens
//! equals the draft's token there, ignoring ASCII case and reading a curly
//! apostrophe as a straight one ("People’s Republic" is "People's
//! Republic", across a line break too). Whether the case matched too is
//! told apart, for the targets that need the exact form.

use rustc_hash::FxHashMap as HashMap;

use crate::parse::Sketch;

/// One way a pack writes a form, as the draft's tokens must spell it.
#[derive(Clone, Debug)]
pub(super) struct Form {
    /// Its tokens, each with curly apostrophes made straight.
    tokens: Box<[Box<str>]>,
}

/// Every form of a pack, merged into a trie keyed by each token's
/// [`key`]. Keys may collide; a form is confirmed token by token before it
/// is reported, so a collision costs a comparison, never a wrong match.
#[derive(Clone, Debug, Default)]
pub(super) struct Forms {
    forms: Vec<Form>,
    /// The child of a node (0 is the root) for a token key.
    edges: HashMap<(u32, u64), u32>,
    /// The forms ending at each node, in the order they were added.
    ends: Vec<Vec<u32>>,
    /// The first tokens: most of a draft's tokens start no form, and this
    /// tells without hashing the whole token.
    starts: Sketch,
}

/// A form found: which form, and how many tokens it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub form: usize,
    pub len: usize,
    /// The draft writes it with the form's very letters, case included.
    pub exact: bool,
}

impl Forms {
    /// Adds a form given as its tokens (already with straight
    /// apostrophes); returns its number. An empty form is never found.
    pub fn add(&mut self, tokens: Vec<Box<str>>) -> usize {
        if self.ends.is_empty() {
            self.ends.push(Vec::new());
        }
        let number = self.forms.len();
        let mut node = 0u32;
        for (i, token) in tokens.iter().enumerate() {
            let k = key(token);
            if i == 0 {
                // A draft may write each straight apostrophe curly, two
                // bytes longer.
                let curly = token.matches('\'').count();
                for extra in 0..=curly {
                    self.starts.insert(token.as_bytes(), token.len() + 2 * extra);
                }
            }
            let next = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
            node = *self.edges.entry((node, k)).or_insert(next);
            if node == next {
                self.ends.push(Vec::new());
            }
        }
        if !tokens.is_empty() {
            if let Some(ends) = self.ends.get_mut(node as usize) {
                ends.push(u32::try_from(number).unwrap_or(u32::MAX));
            }
        }
        self.forms.push(Form {
            tokens: tokens.into_boxed_slice(),
        });
        number
    }

    /// True when no form was added.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Calls `found` for every form that starts at `word(0)`, the first of
    /// the words `word` gives (`None` past the last), shortest first, forms
    /// of one length in the order they were added.
    pub fn starting<'w>(&self, word: impl Fn(usize) -> Option<&'w str>, mut found: impl FnMut(Found)) {
        let Some(first) = word(0) else {
            return;
        };
        if !self.starts.may_contain(first.as_bytes()) {
            return;
        }
        let mut node = 0u32;
        let mut depth = 0;
        let mut next = Some(first);
        while let Some(w) = next {
            let Some(&child) = self.edges.get(&(node, key(w))) else {
                return;
            };
            node = child;
            for &form in self.ends.get(node as usize).map_or(&[][..], Vec::as_slice) {
                let form = form as usize;
                if let Some(exact) = self.confirm(form, depth + 1, &word) {
                    found(Found {
                        form,
                        len: depth + 1,
                        exact,
                    });
                }
            }
            depth += 1;
            next = word(depth);
        }
    }

    /// Whether form `form` is the first `len` words `word` gives: `None`
    /// if not, else whether exactly.
    fn confirm<'w>(&self, form: usize, len: usize, word: impl Fn(usize) -> Option<&'w str>) -> Option<bool> {
        let tokens = &self.forms.get(form)?.tokens;
        if tokens.len() != len {
            return None;
        }
        let mut exact = true;
        for (i, token) in tokens.iter().enumerate() {
            let (a, b) = (token.as_bytes(), straight(word(i)?));
            let mut b = b.peekable();
            for &x in a {
                let y = b.next()?;
                if !x.eq_ignore_ascii_case(&y) {
                    return None;
                }
                exact &= x == y;
            }
            if b.peek().is_some() {
                return None;
            }
        }
        Some(exact)
    }
}

/// The bytes of a word with each curly apostrophe (U+2019) read as `'`.
fn straight(word: &str) -> impl Iterator<Item = u8> + '_ {
    let bytes = word.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let b = *bytes.get(i)?;
        if b == 0xE2 && bytes.get(i + 1..i + 3) == Some(&[0x80, 0x99]) {
            i += 3;
            Some(b'\'')
        } else {
            i += 1;
            Some(b)
        }
    })
}

/// A token's key: a hash of its bytes with ASCII case folded and curly
/// apostrophes straight (FNV-1a), so that every spelling one form matches
/// has the form's key.
fn key(word: &str) -> u64 {
    straight(word).fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(list: &[&[&str]]) -> Forms {
        let mut forms = Forms::default();
        for tokens in list {
            forms.add(tokens.iter().map(|t| Box::from(*t)).collect());
        }
        forms
    }

    fn found(forms: &Forms, words: &[&str]) -> Vec<(usize, usize, bool)> {
        let mut out = Vec::new();
        forms.starting(|i| words.get(i).copied(), |f| out.push((f.form, f.len, f.exact)));
        out
    }

    #[test]
    fn forms_are_found_token_by_token_shortest_first() {
        let f = forms(&[
            &["Russian", "Federation"],
            &["Russia"],
            &["Russian"],
            &["russian"],
        ]);
        assert_eq!(
            found(&f, &["Russian", "Federation", "jets"]),
            [(2, 1, true), (3, 1, false), (0, 2, true)]
        );
        assert_eq!(found(&f, &["RUSSIA"]), [(1, 1, false)]);
        // Whole tokens only: "Russians" is not "Russia".
        assert_eq!(found(&f, &["Russians"]), []);
        assert_eq!(found(&f, &["Federation"]), []);
        assert_eq!(found(&f, &[]), []);
    }

    #[test]
    fn a_curly_apostrophe_reads_as_a_straight_one_and_still_matches_exactly() {
        let f = forms(&[&["People's", "Republic"]]);
        assert_eq!(found(&f, &["People’s", "Republic"]), [(0, 2, true)]);
        assert_eq!(found(&f, &["people’s", "republic"]), [(0, 2, false)]);
        assert_eq!(found(&f, &["People’", "Republic"]), []);
        // At either end of a first token too, and with both kinds in one.
        let f = forms(&[&["'Ndrangheta"], &["Jesus'"], &["rock'n'roll"]]);
        assert_eq!(found(&f, &["’Ndrangheta"]), [(0, 1, true)]);
        assert_eq!(found(&f, &["Jesus’"]), [(1, 1, true)]);
        assert_eq!(found(&f, &["rock’n'roll"]), [(2, 1, true)]);
        assert_eq!(found(&f, &["rock’n’roll"]), [(2, 1, true)]);
    }

    #[test]
    fn an_empty_set_or_an_empty_form_finds_nothing() {
        assert_eq!(found(&Forms::default(), &["Russia"]), []);
        let f = forms(&[&[]]);
        assert!(!f.is_empty());
        assert_eq!(found(&f, &["Russia"]), []);
    }
}
