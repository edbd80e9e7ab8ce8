//! The SARIF report validates against the SARIF 2.1.0 JSON schema
//! (vendored under `tests/sarif/`, with its licence), for the example
//! article, several files at once, odd paths and unreadable files.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/sarif/sarif-2.1.0-rtm.5.json"
    ))
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn sarif(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::cargo_bin("claimlint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--isolated", "--format", "sarif"])
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn assert_valid(log: &serde_json::Value) {
    let validator = schema();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
}

#[test]
fn the_example_article_validates() {
    let log = sarif(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["examples/kerry-lavrov.txt"],
    );
    assert_valid(&log);
    // The schema does catch a broken log.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    broken["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = "not a uri".into();
    assert_eq!(schema().iter_errors(&broken).count(), 2);
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        assert!(result["partialFingerprints"]["claimlint/v1"].is_string());
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], result["ruleId"]);
    }
}

#[test]
fn many_files_odd_paths_and_unreadable_files_validate() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("a dir")).unwrap();
    std::fs::write(
        dir.path().join("a dir/dépêche.md"),
        "\u{feff}# Kiev\r\n\r\nThe cease-fire held. The ceasefire broke.\r\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("clean.txt"), "Nothing to see.\n").unwrap();
    let log = sarif(dir.path(), &["a dir", "clean.txt", "missing.txt"]);
    assert_valid(&log);
    let run = &log["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a%20dir/d%C3%A9p%C3%AAche.md"
    );
    // A BOM counts in byte offsets, not in columns.
    let region = &run["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 1);
    assert_eq!(region["startColumn"], 3);
    assert_eq!(region["byteOffset"], 5);
}

#[test]
fn fingerprints_survive_an_edit_above() {
    let dir = TempDir::new().unwrap();
    let draft = dir.path().join("d.txt");
    std::fs::write(
        &draft,
        "Officials in Kiev met.\nThe cease-fire held. The ceasefire broke.\n",
    )
    .unwrap();
    let prints = |log: serde_json::Value| -> Vec<String> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["claimlint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let before = prints(sarif(dir.path(), &["d.txt"]));
    std::fs::write(
        &draft,
        "A new first paragraph about talks in Moscow.\n\nOfficials in Kiev met.\nThe cease-fire held. The ceasefire broke.\n",
    )
    .unwrap();
    let after = prints(sarif(dir.path(), &["d.txt"]));
    assert_eq!(before.len(), 2);
    assert_eq!(before, after);
}
