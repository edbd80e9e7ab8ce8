//! Fix application on any text: fixing runs to a fixpoint and the fixed
//! text is checked again without a panic.
#![no_main]

use std::sync::OnceLock;

use claimlint::fix::{fix, FixMode};
use claimlint::rules::Pack;
use claimlint::source::{Format, Source};
use claimlint::Checker;
use libfuzzer_sys::fuzz_target;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(Pack::builtin().expect("the built-in pack loads")))
}

fuzz_target!(|text: &str| {
    let source = Source::new("fuzz", text, Format::Text);
    let fixed = fix(&source, FixMode::Unsafe, |s| checker().check(s));
    assert!(fixed.passes <= claimlint::fix::MAX_PASSES);
});
