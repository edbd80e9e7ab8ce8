//! The whole check on any bytes: a clear input error or findings whose
//! spans lie inside the file on character boundaries, the same whether the
//! draft is read whole or in segments of a few blocks.
#![no_main]

use std::sync::OnceLock;

use claimlint::rules::Pack;
use claimlint::source::{Format, Source};
use claimlint::Checker;
use libfuzzer_sys::fuzz_target;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(Pack::builtin().expect("the built-in pack loads")))
}

fn in_segments() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(checker().pack().clone()).with_segments(64))
}

fuzz_target!(|bytes: &[u8]| {
    let format = if bytes.first().is_some_and(|b| b & 1 == 1) {
        Format::Markdown
    } else {
        Format::Text
    };
    let Ok(source) = Source::from_bytes("fuzz".into(), bytes.to_vec(), format) else {
        return;
    };
    let findings = checker().check(&source);
    assert_eq!(in_segments().check(&source), findings);
    for finding in findings {
        for span in std::iter::once(finding.span).chain(finding.related.iter().copied()) {
            assert!(source.text.get(span.start..span.end).is_some(), "{finding:?}");
        }
        let _ = source.line_col(finding.span.start);
    }
});
