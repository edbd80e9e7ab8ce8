//! One fixture directory per rule code under `tests/fixtures/`, each with a
//! bad text (the rule must fire) and a good text (nothing may fire), and
//! the rule files both are checked with, if any: the learned file of
//! `naming.archive` (`names.yaml`), the desk settings that turn on
//! `acronym.unused` and `acronym.mixed` (`desk.yaml`). The pretty report
//! of every bad fixture is an insta snapshot.

mod common;

use std::path::Path;

use claimlint::policy::Policy;
use claimlint::rules::Pack;
use claimlint::source::Source;
use claimlint::Checker;

fn report(path: &Path) -> (Vec<&'static str>, String) {
    let mut pack = Pack::builtin().unwrap();
    // The rule files beside the fixture are loaded as `--rules` would.
    let mut files: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        pack.add(claimlint::rules::parse_file(&name, &text).unwrap());
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
    (rules, common::pretty(source, findings))
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

/// Every rule code has a fixture directory with a bad and a good text.
#[test]
fn every_rule_has_a_bad_and_a_good_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let has = |dir: &Path, stem: &str| {
        ["txt", "md"]
            .iter()
            .any(|ext| dir.join(format!("{stem}.{ext}")).is_file())
    };
    let missing: Vec<&str> = claimlint::registry::RULES
        .iter()
        .map(|rule| rule.code)
        .filter(|code| {
            let dir = root.join(code);
            !(has(&dir, "bad") && has(&dir, "good"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "rule codes with no tests/fixtures/<code>/bad.(txt|md) and good.(txt|md): {missing:?}"
    );
}
