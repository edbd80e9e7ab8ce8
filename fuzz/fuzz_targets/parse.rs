//! The sentence and token parser on any text, read as plain text and as
//! Markdown: it never panics, every token lies inside the text on
//! character boundaries, and the runs a long draft's read-ahead reads
//! (`parse::runs`) offer every word, compound of letters and pair of words
//! the parser finds.
#![no_main]

use claimlint::source::{Format, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for format in [Format::Text, Format::Markdown] {
        let source = Source::new("fuzz", text, format);
        let parsed = claimlint::parse::parse(&source.text, &source.blocks);
        for token in &parsed.tokens {
            assert!(source.text.get(token.span().start..token.span().end).is_some());
        }
        if let Some(missed) = claimlint::parse::missed_by_runs(&source.text, &source.blocks) {
            panic!("the runs miss {missed}");
        }
    }
});
