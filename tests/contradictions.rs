//! The contradictions example: an article with one slip of each kind the
//! claims checks find, and the same facts stated consistently elsewhere.
//! The report finds each slip once and nothing else.

use claimlint::report::{self, Checked, OutputFormat, Run};
use claimlint::rules::Pack;
use claimlint::source::Source;
use claimlint::Checker;

#[test]
fn each_slip_is_found_once_and_nothing_else() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/contradictions.md");
    let mut source = Source::read(path.as_ref()).unwrap();
    source.path = "examples/contradictions.md".to_string();
    let findings = Checker::new(Pack::builtin().unwrap()).check(&source);
    let rules: Vec<&str> = findings.iter().map(|f| f.rule).collect();
    assert_eq!(
        rules,
        [
            "claims.birth",
            "claims.age",
            "claims.title",
            "claims.count",
            "claims.event",
            "claims.event",
            "claims.weekday"
        ]
    );
    let run = Run {
        files: vec![Checked { source, findings }],
        errors: vec![],
    };
    let mut out = Vec::new();
    report::write(&run, OutputFormat::Pretty, false, &mut out).unwrap();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}
