//! The rule-file loader on any text: a rule file or a located error, never
//! a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = claimlint::rules::parse_file("fuzz.yaml", text);
});
