//! Baselines: record the findings a draft has, then report only new ones;
//! findings stay recognised when the draft is edited above them.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn claimlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("check")
        .arg("--isolated");
    cmd
}

const DRAFT: &str = "Officials in Kiev met on Monday with envoys from Paris.\nThe cease-fire held. The ceasefire broke. A ceasefire.\n";

#[test]
fn a_baseline_hides_known_findings_across_edits_above_them() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    let draft = dir.path().join("drafts/d.txt");
    std::fs::write(&draft, DRAFT).unwrap();

    claimlint(dir.path())
        .args(["--write-baseline", "baseline.json", "drafts"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("Recorded 2 findings in baseline.json.\n");
    let baseline: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap()).unwrap();
    insta::assert_json_snapshot!(baseline);

    claimlint(dir.path())
        .args(["--baseline", "baseline.json", "drafts"])
        .assert()
        .code(0)
        .stdout("No findings in 1 file.\n");

    // An unrelated paragraph above every finding, and an edit further on in
    // a finding's line.
    std::fs::write(
        &draft,
        format!(
            "MOSCOW (Reuters) - A new first paragraph.\n\n{}",
            DRAFT.replace("Paris", "Berlin")
        ),
    )
    .unwrap();
    // Run from another directory: paths are relative to the baseline.
    claimlint(&dir.path().join("drafts"))
        .args(["--baseline", "../baseline.json", "--format", "github", "d.txt"])
        .assert()
        .code(0)
        .stdout("");

    // A new slip is reported, the known ones are not.
    std::fs::write(
        &draft,
        format!("{DRAFT}The US said so. U.S. officials agreed. The US left.\n"),
    )
    .unwrap();
    claimlint(dir.path())
        .args(["--baseline", "baseline.json", "--format", "github", "drafts"])
        .assert()
        .code(1)
        .stdout(
            "::warning file=drafts/d.txt,line=3,col=17,endLine=3,endColumn=21,title=naming.abbreviation::\
             \"US\" and \"U.S.\" are one abbreviation (United States) written two ways; use \"US\" (used most, 2 times)\n",
        );
}

#[test]
fn one_more_finding_like_a_known_one_is_new() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("d.txt"), "Officials in Kiev met.\n").unwrap();
    claimlint(dir.path())
        .args(["--write-baseline", "b.json", "d.txt"])
        .assert()
        .code(0);
    std::fs::write(dir.path().join("e.txt"), "Officials in Kiev met.\n").unwrap();
    // The same text in another file is another finding.
    claimlint(dir.path())
        .args(["--baseline", "b.json", "--format", "github", "d.txt", "e.txt"])
        .assert()
        .code(1)
        .stdout(predicates::str::starts_with("::warning file=e.txt,"));
}

#[test]
fn a_bad_baseline_is_an_error() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("b.json"),
        "{\"version\": 1, \"findings\": [{\"path\": 3}]}",
    )
    .unwrap();
    claimlint(dir.path())
        .args(["--baseline", "b.json", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with("error: b.json: 1:"));
    claimlint(dir.path())
        .args(["--baseline", "missing.json", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with(
            "error: missing.json: cannot read the baseline:",
        ));
}
