//! The claim pattern language on any text: a pattern or an error whose
//! offset lies inside the text.
#![no_main]

use claimlint::rules::pattern::Pattern;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(e) = Pattern::parse(text) {
        assert!(e.offset <= text.len());
    }
});
