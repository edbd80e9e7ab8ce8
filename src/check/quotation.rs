//! Direct quotations: the stretches of a draft between quotation marks,
//! which are the speaker's words. Checks leave a name inside one alone
//! where an editor could not change it ("never inside quotations"), and a
//! fix that would rewrite one is unsafe.
//!
//! Marks pair within a block (a paragraph or, in plain text, a line): `“`,
//! `„` and `«` open, `”` and `»` close, a straight `"` opens unless it
//! touches the word before it. Single marks (`‘ ’`, and a straight `'`
//! that the tokenizer took for a mark) quote only where no double
//! quotation is open. A quotation left open runs to the end of its block,
//! as a quotation that goes on into the next paragraph does in news copy.

use crate::finding::Span;
use crate::parse::{Token, TokenKind};
use crate::source::Block;

/// The quotations of one segment's blocks, appended to `out` in order.
/// `tokens` are the segment's, in order.
pub(crate) fn find(text: &str, blocks: &[Block], tokens: &[Token], out: &mut Vec<Span>) {
    let mut tokens = tokens.iter().peekable();
    for block in blocks {
        let (Some(first), Some(last)) = (block.pieces.first(), block.pieces.last()) else {
            continue;
        };
        let (start, end) = (first.start, last.end);
        // Where the open double and single quotations began.
        let mut double: Option<usize> = None;
        let mut single: Option<usize> = None;
        let mut previous_end = None;
        while let Some(token) = tokens.next_if(|t| t.span().start < end) {
            let span = token.span();
            let touches = previous_end == Some(span.start);
            previous_end = Some(span.end);
            if token.kind != TokenKind::Quote || span.start < start {
                continue;
            }
            match span.slice(text) {
                "“" | "„" | "«" => {
                    double.get_or_insert(span.start);
                }
                "”" | "»" => close(&mut double, span.end, out),
                "\"" if touches && double.is_some() => close(&mut double, span.end, out),
                "\"" if double.is_none() => double = Some(span.start),
                "\"" => close(&mut double, span.end, out),
                "‘" | "‛" | "‚" if double.is_none() => {
                    single.get_or_insert(span.start);
                }
                "’" | "'" if double.is_none() && single.is_some() => close(&mut single, span.end, out),
                "'" if double.is_none() && !touches => single = Some(span.start),
                _ => {}
            }
        }
        // A quotation still open runs to the end of its block.
        let open = [double, single].into_iter().flatten().min();
        if let Some(from) = open {
            out.push(Span::new(from, end));
        }
    }
    // Nested or overlapping stretches (a single quotation closed after an
    // open double one) merge, so that the list is sorted and disjoint.
    out.sort_by_key(|s| s.start);
    out.dedup_by(|later, earlier| {
        if later.start < earlier.end {
            earlier.end = earlier.end.max(later.end);
            true
        } else {
            false
        }
    });
}

/// Closes the quotation `open` (if one is open) at `end`.
fn close(open: &mut Option<usize>, end: usize, out: &mut Vec<Span>) {
    if let Some(start) = open.take() {
        out.push(Span::new(start, end));
    }
}

/// True when `span` lies inside one of `quotations` (sorted and
/// disjoint).
pub fn contains(quotations: &[Span], span: Span) -> bool {
    let at = quotations.partition_point(|q| q.end <= span.start);
    quotations
        .get(at)
        .is_some_and(|q| q.start <= span.start && span.end <= q.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, Source};

    fn quoted(text: &str, format: Format) -> Vec<String> {
        let source = Source::new("t", text, format);
        let parsed = crate::parse::parse(&source.text, &source.blocks);
        let mut out = Vec::new();
        find(&source.text, &source.blocks, &parsed.tokens, &mut out);
        out.iter().map(|s| s.slice(&source.text).to_string()).collect()
    }

    #[test]
    fn curly_and_straight_quotations_pair_within_a_paragraph() {
        assert_eq!(
            quoted(
                "“We will win,” Smith said. He added: \"Nobody doubts it.\" Then he left.",
                Format::Text
            ),
            ["“We will win,”", "\"Nobody doubts it.\""]
        );
    }

    #[test]
    fn an_open_quotation_runs_to_the_end_of_its_paragraph_only() {
        assert_eq!(
            quoted(
                "He said: \"We will win.\n\nThe second paragraph.\n",
                Format::Markdown
            ),
            ["\"We will win."]
        );
    }

    #[test]
    fn single_marks_quote_and_an_apostrophe_does_not() {
        assert_eq!(
            quoted("The ‘Iron Lady’ said the firms' staff were paid.", Format::Text),
            ["‘Iron Lady’"]
        );
        assert!(quoted("It's the Smiths' house, isn't it.", Format::Text).is_empty());
    }

    #[test]
    fn contains_needs_the_whole_span_inside() {
        let quotes = [Span::new(5, 10), Span::new(20, 30)];
        assert!(contains(&quotes, Span::new(6, 9)));
        assert!(contains(&quotes, Span::new(20, 30)));
        assert!(!contains(&quotes, Span::new(8, 12)));
        assert!(!contains(&quotes, Span::new(0, 4)));
        assert!(!contains(&quotes, Span::new(31, 33)));
    }
}
