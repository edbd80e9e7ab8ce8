//! Every example of every shipped rule: a bad example must produce a
//! finding of its rule, a good one must not.

use claimlint::rules::Pack;
use claimlint::Checker;

#[test]
fn every_shipped_example_behaves() {
    let outcome = claimlint::example::run(&Checker::new(Pack::builtin().unwrap()));
    let failures: Vec<String> = outcome.failures.iter().map(ToString::to_string).collect();
    assert!(
        failures.is_empty(),
        "{} of {} examples failed:\n{}",
        failures.len(),
        outcome.run,
        failures.join("\n")
    );
    assert!(outcome.run >= 40, "only {} examples ran", outcome.run);
}
