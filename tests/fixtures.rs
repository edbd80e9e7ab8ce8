//! One fixture directory per rule code under `tests/fixtures/`, each with a
//! bad text (the rule must fire) and a good text (nothing may fire), and
//! for `naming.archive` the learned file (`names.yaml`) both are checked
//! with. The pretty report of every fixture is an insta snapshot.

use std::path::Path;

use claimlint::policy::Policy;
use claimlint::report::{self, Checked, OutputFormat, Run};
use claimlint::rules::Pack;
use claimlint::source::Source;
use claimlint::Checker;

fn report(path: &Path) -> (Vec<&'static str>, String) {
    let mut pack = Pack::builtin().unwrap();
    // A learned file beside the fixture is loaded as `--rules` would.
    let learned = path.with_file_name("names.yaml");
    if let Ok(text) = std::fs::read_to_string(&learned) {
        pack.add(claimlint::rules::parse_file("names.yaml", &text).unwrap());
    }
    let checker = Checker::new(pack);
    let mut source = Source::read(path).unwrap();
    // Snapshots name the fixture the same way on every machine.
    source.path = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    // As the command line reports them: inline controls applied.
    let findings = Policy::default().report(&source, checker.check(&source));
    let rules = findings.iter().map(|f| f.rule).collect();
    let run = Run {
        files: vec![Checked { source, findings }],
        errors: vec![],
    };
    let mut out = Vec::new();
    report::write(&run, OutputFormat::Pretty, false, &mut out).unwrap();
    (rules, String::from_utf8(out).unwrap())
}

#[test]
fn bad_fixtures_fire_their_rule() {
    insta::glob!("fixtures/*/bad.*", |path| {
        let code = path.parent().unwrap().file_name().unwrap().to_str().unwrap();
        let (rules, text) = report(path);
        assert!(
            rules.contains(&code),
            "{code} did not fire on {}:\n{text}",
            path.display()
        );
        insta::assert_snapshot!(text);
    });
}

#[test]
fn good_fixtures_are_clean() {
    insta::glob!("fixtures/*/good.*", |path| {
        let (rules, text) = report(path);
        assert!(rules.is_empty(), "findings on {}:\n{text}", path.display());
    });
}
