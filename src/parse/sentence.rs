//! Sentence splitting: where, inside one block, one sentence ends and the
//! next begins.

use std::ops::Range;

use super::lexicon::{self, AbbreviationClass};
use super::{Sentence, Token, TokenKind};
use crate::finding::Span;

/// What may end a sentence at a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Boundary {
    /// `.`, `!`, `?`, `…`: ends unless the next token is glued to it or
    /// starts with a lower-case letter.
    Terminal,
    /// `U.S.`, `Inc.`, `Tue.`: ends only before a sentence opener.
    Abbreviation,
}

/// Splits the tokens `tokens[first..]`, all of one block, into sentences
/// and appends them to `out`.
pub(super) fn split_block(text: &str, tokens: &[Token], first: usize, out: &mut Vec<Sentence>) {
    let n = tokens.len();
    let mut start = first;
    let mut i = first;
    while i < n {
        if let Some(boundary) = boundary(text, tokens[i]) {
            let end = after_closers(text, tokens, i + 1);
            if ends_sentence(boundary, text, tokens, end) {
                push(out, tokens, start..end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(out, tokens, start..n);
}

/// Appends the sentence of `tokens[range]`, if it has any token.
fn push(out: &mut Vec<Sentence>, tokens: &[Token], range: Range<usize>) {
    let (Some(first), Some(last)) = (
        tokens.get(range.start),
        range.end.checked_sub(1).and_then(|i| tokens.get(i)),
    ) else {
        return;
    };
    if range.start >= range.end {
        return;
    }
    out.push(Sentence::new(
        Span::new(first.span().start, last.span().end),
        range,
    ));
}

/// Whether a sentence may end after `token`, and by which rule.
fn boundary(text: &str, token: Token) -> Option<Boundary> {
    match token.kind {
        TokenKind::Terminal => Some(Boundary::Terminal),
        TokenKind::Abbreviation | TokenKind::Weekday(_) => {
            let written = token.text(text);
            let bare = written.strip_suffix('.')?;
            let may_end = match lexicon::abbreviation(bare) {
                Some(AbbreviationClass::Closing | AbbreviationClass::Weekday { .. }) => true,
                Some(_) => false,
                // Not a listed abbreviation: a dotted initialism.
                None => token.kind == TokenKind::Abbreviation && bare.contains('.'),
            };
            may_end.then_some(Boundary::Abbreviation)
        }
        _ => None,
    }
}

/// The index after the closing quotes and brackets that touch
/// `tokens[from - 1]` and follow one another without a gap.
fn after_closers(text: &str, tokens: &[Token], from: usize) -> usize {
    let mut j = from;
    while let (Some(prev), Some(next)) = (j.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(j)) {
        if next.span().start != prev.span().end || !is_closer(text, *next) {
            break;
        }
        j += 1;
    }
    j
}

/// A closing quotation mark or bracket (straight quotes count when they
/// touch what they close).
fn is_closer(text: &str, token: Token) -> bool {
    match token.kind {
        TokenKind::Quote => !matches!(token.text(text), "“" | "‘" | "„" | "‚" | "«" | "‹" | "‟" | "‛"),
        TokenKind::Punct => matches!(token.text(text), ")" | "]" | "}"),
        _ => false,
    }
}

/// Whether the sentence ends before `tokens[end]` under `boundary`.
fn ends_sentence(boundary: Boundary, text: &str, tokens: &[Token], end: usize) -> bool {
    let (Some(last), Some(next)) = (end.checked_sub(1).and_then(|i| tokens.get(i)), tokens.get(end)) else {
        // The block ends here.
        return true;
    };
    if next.span().start <= last.span().end {
        return false;
    }
    let next_text = next.text(text);
    match boundary {
        Boundary::Terminal => !next_text.chars().next().is_some_and(char::is_lowercase),
        Boundary::Abbreviation => next.kind == TokenKind::Word && lexicon::is_sentence_opener(next_text),
    }
}
