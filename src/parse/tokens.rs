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

    /// The draft index of the first token held, and the tokens from there
    /// on, when they are all held (a whole draft or a segment).
    fn whole(&self) -> Option<(usize, &[Token])> {
        match self.runs.as_slice() {
            [] => Some((self.len, &[])),
            &[(base, 0)] if base as usize + self.kept.len() == self.len => Some((base as usize, &self.kept)),
            _ => None,
        }
    }

    /// Token `i`, or tokens `i` (a range), when kept.
    pub fn get<I: TokenIndex>(&self, i: I) -> Option<&I::Output> {
        i.get(self)
    }

    /// The kept tokens `range`, when they are all kept and in one run.
    fn range(&self, range: Range<usize>) -> Option<&[Token]> {
        if range.start > range.end || range.end > self.len {
            return None;
        }
        if range.is_empty() {
            return Some(&[]);
        }
        let run = self
            .runs
            .partition_point(|r| r.0 as usize <= range.start)
            .checked_sub(1)?;
        let (first, at) = (self.runs[run].0 as usize, self.runs[run].1 as usize);
        let next = self.runs.get(run + 1).map_or(self.kept.len(), |r| r.1 as usize);
        let from = at + (range.start - first);
        let to = at + (range.end - first);
        (to <= next).then(|| &self.kept[from..to])
    }

    /// Every token with its draft index, when all are held (a whole draft
    /// or a segment); none otherwise.
    pub fn indexed(&self) -> impl Iterator<Item = (usize, &Token)> {
        let (base, tokens) = self.whole().unwrap_or((0, &[]));
        tokens.iter().enumerate().map(move |(k, t)| (base + k, t))
    }

    /// The index of the first held token for which `before` is false, when
    /// all are held and `before` is true of a first part of them (as
    /// `slice::partition_point`); `len()` when none is held.
    pub fn partition_point(&self, before: impl FnMut(&Token) -> bool) -> usize {
        match self.whole() {
            Some((base, tokens)) => base + tokens.partition_point(before),
            None => self.len,
        }
    }

    /// The tokens of `self` (a whole draft or segment) in `ranges` and no
    /// others; indices stay the draft's. The ranges may overlap and come
    /// in any order.
    pub fn keep(&self, ranges: impl IntoIterator<Item = Range<usize>>) -> Tokens {
        let mut kept = Tokens {
            len: self.len,
            ..Tokens::default()
        };
        self.keep_into(ranges, &mut kept);
        kept
    }

    /// Appends to `out` the tokens of `self` (a whole draft or segment,
    /// after every token `out` holds) in `ranges`, as [`Tokens::keep`].
    pub fn keep_into(&self, ranges: impl IntoIterator<Item = Range<usize>>, out: &mut Tokens) {
        let Some((base, tokens)) = self.whole() else {
            return;
        };
        let mut ranges: Vec<Range<usize>> = ranges
            .into_iter()
            .map(|r| r.start.max(base)..r.end.min(self.len))
            .filter(|r| !r.is_empty())
            .collect();
        ranges.sort_by_key(|r| r.start);
        for r in ranges {
            out.push(r.clone(), &tokens[r.start - base..r.end - base]);
        }
        out.set_len(self.len);
    }

    /// Appends the tokens `range` of the draft (given as `tokens`), which
    /// start at or after every token held; the count grows to cover them.
    fn push(&mut self, range: Range<usize>, tokens: &[Token]) {
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
    pub fn set_len(&mut self, len: usize) {
        self.len = self.len.max(len);
    }

    /// How many tokens are held.
    pub fn held(&self) -> usize {
        self.kept.len()
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
    fn get(self, tokens: &Tokens) -> Option<&Token> {
        tokens.range(self..self + 1).and_then(|t| t.first())
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

    /// Token `i`; [`ABSENT`] when it is not kept (which a debug build
    /// reports as a bug).
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
        let t = Tokens::all(10, tokens(10..15));
        assert_eq!(t.len(), 15);
        assert_eq!(t[12], token(12));
        assert_eq!(t.get(9), None);
        assert_eq!(t.get(15), None);
        assert_eq!(t.get(11..14), Some(&tokens(11..14)[..]));
        assert_eq!(t.indexed().next(), Some((10, &token(10))));
        assert_eq!(t.partition_point(|x| x.span().start < 26), 13);
    }

    #[test]
    fn kept_runs_answer_for_their_tokens_only() {
        let all = Tokens::all(0, tokens(0..20));
        let kept = all.keep([8..11, 2..4, 3..5, 19..25]);
        assert_eq!(kept.len(), 20);
        assert_eq!(kept.held(), 3 + 3 + 1);
        assert_eq!(kept.get(2..5), Some(&tokens(2..5)[..]));
        assert_eq!(kept.get(4..9), None);
        assert_eq!(kept.get(9), Some(&token(9)));
        assert_eq!(kept.get(19), Some(&token(19)));
        assert_eq!(kept.get(5), None);
        assert_eq!(kept.get(20), None);
        assert_eq!(kept.indexed().count(), 0);
    }

    #[test]
    fn segments_kept_in_turn_join_the_run_they_touch() {
        let mut t = Tokens::default();
        Tokens::all(0, tokens(0..5)).keep_into([0..3, 3..5], &mut t);
        Tokens::all(5, tokens(5..12)).keep_into([2..7, 9..10], &mut t);
        assert_eq!(t.get(0..7), Some(&tokens(0..7)[..]));
        assert_eq!(t.get(9), Some(&token(9)));
        assert_eq!(t.get(8), None);
        assert_eq!(t.len(), 12);
    }
}
