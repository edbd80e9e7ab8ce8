//! The tokens a document keeps, read by their index in the whole draft.
//!
//! A short draft keeps every token. A long one is parsed a segment at a
//! time, and once a segment's checks have run, only the tokens the
//! draft-wide checks still read are kept: each name's words, and the words
//! on either side of a one-word name. Indices stay those of the whole
//! draft, so a check reads `tokens[i]` the same way in both cases, and
//! `tokens.get(i)` is `None` for a token not kept.

use std::ops::Range;

use super::{narrow, Token, TokenKind};

/// Tokens by their index in the whole draft: all of them, or runs of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokens {
    /// Each run of consecutive kept tokens: the draft index of its first
    /// token, and where that token is in `kept`. Sorted, disjoint, never
    /// touching. In 32 bits, as a long draft keeps a run a name.
    runs: Vec<(u32, u32)>,
    /// The kept tokens, run after run.
    kept: Vec<Token>,
    /// How many tokens the draft has, kept or not.
    len: usize,
    /// When every token from some index on is held (a whole draft or
    /// segment): that index, so that a token is read with no search.
    all_from: Option<usize>,
    /// For every [`Tokens::STEP`] tokens of the draft, the first run that
    /// starts at or after them: a token is then looked for among the few
    /// runs of its step, not all of them. Built on the first search.
    steps: std::sync::OnceLock<Vec<u32>>,
}

/// What reading a token that was not kept gives: an empty punctuation mark
/// at the start of the draft. Only a check that reads past what the
/// document keeps would see it, and the tests that check a draft in
/// segments and whole catch such a check.
const ABSENT: Token = Token {
    kind: TokenKind::Punct,
    start: 0,
    end: 0,
};

impl Tokens {
    /// The tokens a step of the search index covers.
    const STEP: usize = 256;

    /// Every token of a draft, or of a segment of it whose first token has
    /// index `base`.
    pub fn all(base: usize, tokens: Vec<Token>) -> Tokens {
        let len = base + tokens.len();
        let runs = if tokens.is_empty() {
            Vec::new()
        } else {
            vec![(narrow(base), 0)]
        };
        Tokens {
            runs,
            kept: tokens,
            len,
            all_from: Some(base),
            steps: std::sync::OnceLock::new(),
        }
    }

    /// How many tokens the draft (or the segment, with the tokens before
    /// it) has: one past the last index.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are no tokens at all.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Token `i`, or tokens `i` (a range), when kept.
    #[inline]
    pub fn get<I: TokenIndex>(&self, i: I) -> Option<&I::Output> {
        i.get(self)
    }

    /// Token `i`, when kept. Every token of a segment is read this way as
    /// its claims are extracted: a table of one run (a whole draft or
    /// segment) is read with no search.
    #[inline]
    fn token(&self, i: usize) -> Option<&Token> {
        match self.all_from {
            Some(base) => self.kept.get(i.checked_sub(base)?),
            None => self.kept_token(i),
        }
    }

    /// Token `i` of a table of runs, found by a search.
    #[inline(never)]
    fn kept_token(&self, i: usize) -> Option<&Token> {
        self.range(i..i + 1).and_then(|t| t.first())
    }

    /// The kept tokens `range`, when they are all kept and in one run.
    fn range(&self, range: Range<usize>) -> Option<&[Token]> {
        if range.start > range.end || range.end > self.len {
            return None;
        }
        if range.is_empty() {
            return Some(&[]);
        }
        if let Some(base) = self.all_from {
            return self.kept.get(range.start.checked_sub(base)?..range.end - base);
        }
        // The run that holds the range starts at or before it: the run
        // before its step's first, or one of its step's.
        let steps = self.steps.get_or_init(|| self.steps());
        let step = range.start / Tokens::STEP;
        let from = steps
            .get(step)
            .map_or(self.runs.len(), |&k| k as usize)
            .saturating_sub(1);
        let to = steps.get(step + 1).map_or(self.runs.len(), |&k| k as usize);
        let run = from
            + self.runs[from..to.max(from)]
                .partition_point(|r| r.0 as usize <= range.start)
                .checked_sub(1)?;
        let (first, at) = (self.runs[run].0 as usize, self.runs[run].1 as usize);
        let next = self.runs.get(run + 1).map_or(self.kept.len(), |r| r.1 as usize);
        let from = at + (range.start - first);
        let to = at + (range.end - first);
        (to <= next).then(|| &self.kept[from..to])
    }

    /// The search index: for each step, the first run that starts at or
    /// after it.
    fn steps(&self) -> Vec<u32> {
        let mut steps = Vec::with_capacity(self.len / Tokens::STEP + 1);
        let mut k = 0;
        for step in 0..=self.len / Tokens::STEP {
            while self
                .runs
                .get(k)
                .is_some_and(|r| (r.0 as usize) < step * Tokens::STEP)
            {
                k += 1;
            }
            steps.push(narrow(k));
        }
        steps
    }

    /// Appends the tokens `range` of the draft (given as `tokens`), which
    /// start at or after every token held; the count grows to cover them.
    fn push(&mut self, range: Range<usize>, tokens: &[Token]) {
        self.steps.take();
        let end_held = self
            .runs
            .last()
            .map_or(0, |&(first, at)| first as usize + (self.kept.len() - at as usize));
        let start = range.start.max(end_held);
        if start >= range.end {
            return;
        }
        let new = &tokens[start - range.start..];
        match self.runs.last() {
            Some(_) if start == end_held => {}
            _ => self.runs.push((narrow(start), narrow(self.kept.len()))),
        }
        self.kept.extend_from_slice(new);
        self.len = self.len.max(range.end);
    }

    /// Says that the draft has `len` tokens in all.
    fn set_len(&mut self, len: usize) {
        self.steps.take();
        self.len = self.len.max(len);
    }

    /// How many tokens are held.
    pub fn held(&self) -> usize {
        self.kept.len()
    }
}

/// The tokens of a segment, read by the draft's index: the first is token
/// `base` of the draft. What a segment's claims and scans read, token
/// after token, with no more than a subtraction.
#[derive(Clone, Copy, Debug)]
pub struct Window<'t> {
    base: usize,
    tokens: &'t [Token],
}

impl<'t> Window<'t> {
    /// `tokens`, the draft's tokens from index `base` on.
    pub fn new(base: usize, tokens: &'t [Token]) -> Window<'t> {
        Window { base, tokens }
    }

    /// The draft index of the first token.
    pub fn base(&self) -> usize {
        self.base
    }

    /// One past the last token's draft index.
    pub fn len(&self) -> usize {
        self.base + self.tokens.len()
    }

    /// True when the window holds no token.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Token `i`, or tokens `i` (a range), when in the window.
    #[inline]
    pub fn get<I: WindowIndex>(&self, i: I) -> Option<&'t I::Output> {
        i.get(*self)
    }

    /// Every token with its draft index.
    pub fn indexed(&self) -> impl Iterator<Item = (usize, &'t Token)> {
        let base = self.base;
        self.tokens.iter().enumerate().map(move |(k, t)| (base + k, t))
    }

    /// The draft index of the first token for which `before` is false (as
    /// `slice::partition_point`).
    pub fn partition_point(&self, before: impl FnMut(&Token) -> bool) -> usize {
        self.base + self.tokens.partition_point(before)
    }

    /// Appends to `out` the tokens of the window in `ranges` (in any order,
    /// perhaps overlapping or reaching past the window), the window coming
    /// after every token `out` holds; indices stay the draft's.
    pub fn keep_into(&self, ranges: impl IntoIterator<Item = Range<usize>>, out: &mut Tokens) {
        let end = self.len();
        let mut ranges: Vec<Range<usize>> = ranges
            .into_iter()
            .map(|r| r.start.max(self.base)..r.end.min(end))
            .filter(|r| !r.is_empty())
            .collect();
        ranges.sort_by_key(|r| r.start);
        for r in ranges {
            out.push(r.clone(), &self.tokens[r.start - self.base..r.end - self.base]);
        }
        out.set_len(end);
    }
}

/// What [`Window::get`] takes: an index or a range of them.
pub trait WindowIndex {
    /// A token, or a slice of them.
    type Output: ?Sized;
    /// What `window` holds at `self`.
    fn get<'t>(self, window: Window<'t>) -> Option<&'t Self::Output>;
}

impl WindowIndex for usize {
    type Output = Token;
    #[inline]
    fn get<'t>(self, window: Window<'t>) -> Option<&'t Token> {
        // Wraps past the end for a token before the window.
        window.tokens.get(self.wrapping_sub(window.base))
    }
}

impl WindowIndex for Range<usize> {
    type Output = [Token];
    #[inline]
    fn get<'t>(self, window: Window<'t>) -> Option<&'t [Token]> {
        let base = window.base;
        window
            .tokens
            .get(self.start.checked_sub(base)?..self.end.checked_sub(base)?)
    }
}

impl std::ops::Index<usize> for Window<'_> {
    type Output = Token;

    /// Token `i`, which must be in the window.
    #[inline]
    fn index(&self, i: usize) -> &Token {
        &self.tokens[i - self.base]
    }
}

/// What [`Tokens::get`] takes: an index or a range of them.
pub trait TokenIndex {
    /// A token, or a slice of them.
    type Output: ?Sized;
    /// What `tokens` keeps at `self`.
    fn get(self, tokens: &Tokens) -> Option<&Self::Output>;
}

impl TokenIndex for usize {
    type Output = Token;
    #[inline]
    fn get(self, tokens: &Tokens) -> Option<&Token> {
        tokens.token(self)
    }
}

impl TokenIndex for Range<usize> {
    type Output = [Token];
    fn get(self, tokens: &Tokens) -> Option<&[Token]> {
        tokens.range(self)
    }
}

impl std::ops::Index<usize> for Tokens {
    type Output = Token;

    /// Token `i`; `ABSENT` when it is not kept (which a debug build
    /// reports as a bug).
    #[inline]
    fn index(&self, i: usize) -> &Token {
        self.get(i).unwrap_or_else(|| {
            debug_assert!(false, "token {i} of {} is not kept", self.len);
            &ABSENT
        })
    }
}

impl std::ops::Index<Range<usize>> for Tokens {
    type Output = [Token];

    /// Tokens `range`; none when they are not all kept (which a debug
    /// build reports as a bug).
    fn index(&self, range: Range<usize>) -> &[Token] {
        self.get(range.clone()).unwrap_or_else(|| {
            debug_assert!(false, "tokens {range:?} of {} are not all kept", self.len);
            &[]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Span;

    fn token(n: usize) -> Token {
        Token::new(TokenKind::Word, Span::new(n * 2, n * 2 + 1))
    }

    fn tokens(range: Range<usize>) -> Vec<Token> {
        range.map(token).collect()
    }

    #[test]
    fn a_segment_is_read_by_the_drafts_index() {
        let all = tokens(10..15);
        let w = Window::new(10, &all);
        assert_eq!(w.len(), 15);
        assert_eq!(w[12], token(12));
        assert_eq!(w.get(9), None);
        assert_eq!(w.get(15), None);
        assert_eq!(w.get(11..14), Some(&tokens(11..14)[..]));
        assert_eq!(w.get(9..12), None);
        assert_eq!(w.indexed().next(), Some((10, &token(10))));
        assert_eq!(w.partition_point(|x| x.span().start < 26), 13);
        let t = Tokens::all(10, all.clone());
        assert_eq!(t[12], token(12));
        assert_eq!(t.get(11..14), Some(&tokens(11..14)[..]));
        assert_eq!(t.get(9), None);
    }

    #[test]
    fn kept_runs_answer_for_their_tokens_only() {
        let all = tokens(0..20);
        let mut kept = Tokens::default();
        Window::new(0, &all).keep_into([8..11, 2..4, 3..5, 19..25], &mut kept);
        assert_eq!(kept.len(), 20);
        assert_eq!(kept.held(), 3 + 3 + 1);
        assert_eq!(kept.get(2..5), Some(&tokens(2..5)[..]));
        assert_eq!(kept.get(4..9), None);
        assert_eq!(kept.get(9), Some(&token(9)));
        assert_eq!(kept.get(19), Some(&token(19)));
        assert_eq!(kept.get(5), None);
        assert_eq!(kept.get(20), None);
    }

    #[test]
    fn a_token_is_found_among_many_runs() {
        let all = tokens(0..3000);
        let mut kept = Tokens::default();
        // Every third token, and a long run across several steps.
        let long = std::iter::once(1000..1600);
        let ranges = (0..900).step_by(3).map(|i| i..i + 1).chain(long);
        Window::new(0, &all).keep_into(ranges, &mut kept);
        for (i, token) in all.iter().enumerate() {
            let held = (i < 900 && i % 3 == 0) || (1000..1600).contains(&i);
            assert_eq!(kept.get(i), held.then_some(token), "{i}");
        }
        assert_eq!(kept.get(1200..1500), Some(&all[1200..1500]));
        assert_eq!(kept.get(999..1001), None);
    }

    #[test]
    fn segments_kept_in_turn_join_the_run_they_touch() {
        let mut t = Tokens::default();
        Window::new(0, &tokens(0..5)).keep_into([0..3, 3..5], &mut t);
        Window::new(5, &tokens(5..12)).keep_into([2..7, 9..10], &mut t);
        assert_eq!(t.get(0..7), Some(&tokens(0..7)[..]));
        assert_eq!(t.get(9), Some(&token(9)));
        assert_eq!(t.get(8), None);
        assert_eq!(t.len(), 12);
    }
}
