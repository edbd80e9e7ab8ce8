//! `claimlint check --format html`: one self-contained page per run.

use assert_cmd::Command;

fn html(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::cargo_bin("claimlint")
        .unwrap()
        .args(["check", "--isolated", "--format", "html"])
        .args(args)
        .output()
        .unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap())
}

#[test]
fn the_example_article_as_one_self_contained_page() {
    let (status, page) = html(&["examples/kerry-lavrov.txt"]);
    assert_eq!(status, Some(1), "findings exit 1, as in every format");
    assert!(page.starts_with("<!doctype html>\n<html lang=\"en\">\n"));
    assert!(page.ends_with("</html>\n"));
    assert!(page.contains("<title>claimlint: examples/kerry-lavrov.txt</title>"));
    // Nothing is loaded from anywhere: no src, no href, no URL.
    for outside in [" src=", " href=", "://", "@import", "url("] {
        assert!(!page.contains(outside), "{outside}");
    }
    // The JSON report is embedded as `--format json` writes it.
    let output = Command::cargo_bin("claimlint")
        .unwrap()
        .args([
            "check",
            "--isolated",
            "--format",
            "json",
            "examples/kerry-lavrov.txt",
        ])
        .output()
        .unwrap();
    let json = String::from_utf8(output.stdout).unwrap().replace('<', "\\u003c");
    assert!(page.contains(&format!("{{\"report\":{}", json.trim_end())));
    // Deterministic.
    assert_eq!(html(&["examples/kerry-lavrov.txt"]).1, page);
}

#[test]
fn a_clean_draft_exits_0_and_a_missing_one_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.txt");
    std::fs::write(&clean, "The talks went well.\n").unwrap();
    let (status, page) = html(&[clean.to_str().unwrap()]);
    assert_eq!(status, Some(0));
    assert!(page.contains("\"findings\": []"));
    // The page shows a clean draft too, though other reports keep only
    // its path.
    assert!(page.contains("The talks went well."));
    let missing = dir.path().join("missing.txt");
    let (status, page) = html(&[missing.to_str().unwrap()]);
    assert_eq!(status, Some(2));
    assert!(page.contains("<title>claimlint report</title>"));
    assert!(page.contains("\"message\": \"No such file or directory\""));
}
