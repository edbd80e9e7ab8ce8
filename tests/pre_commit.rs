//! The hooks of `.pre-commit-hooks.yaml` run as pre-commit runs them: the
//! entry split on spaces, the staged files that match `files` appended.
//! (`.ci/run` also runs them through `pre-commit try-repo` itself.)

use std::path::Path;

use assert_cmd::Command;
use serde::Deserialize;
use tempfile::TempDir;

#[derive(Deserialize)]
struct Hook {
    id: String,
    entry: String,
    language: String,
    files: String,
    types_or: Vec<String>,
}

fn hooks() -> Vec<Hook> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Runs `hook` on the staged `files` of `dir`, as pre-commit would.
fn run(hook: &Hook, dir: &Path, files: &[&str]) -> std::process::Output {
    let mut words = hook.entry.split_whitespace();
    assert_eq!(words.next(), Some("claimlint"), "{}", hook.entry);
    let files_re = matches_files(&hook.files);
    let staged: Vec<&str> = files.iter().copied().filter(|f| files_re(f)).collect();
    Command::cargo_bin("claimlint")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(words)
        .args(staged)
        .output()
        .unwrap()
}

/// The hooks' `files` pattern, `\.(md|markdown|txt)$`, as a test of a
/// name: the one pattern the file uses, spelt out.
fn matches_files(pattern: &str) -> impl Fn(&str) -> bool {
    assert_eq!(
        pattern, r"\.(md|markdown|txt)$",
        "update the test for the new pattern"
    );
    |name: &str| [".md", ".markdown", ".txt"].iter().any(|ext| name.ends_with(ext))
}

fn newsroom() -> TempDir {
    let dir = TempDir::new().unwrap();
    let article =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kerry-lavrov.txt"))
            .unwrap();
    std::fs::write(dir.path().join("draft.txt"), article).unwrap();
    std::fs::write(
        dir.path().join("clean.md"),
        "# Talks\n\nRussia and Ukraine met in Kyiv on Monday.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("build.sh"), "echo Kiev\n").unwrap();
    dir
}

#[test]
fn the_hooks_are_rust_hooks_for_drafts() {
    let hooks = hooks();
    let ids: Vec<&str> = hooks.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["claimlint", "claimlint-fix"]);
    for hook in &hooks {
        assert_eq!(hook.language, "rust");
        assert_eq!(hook.types_or, ["markdown", "text"]);
    }
}

#[test]
fn the_report_hook_fails_a_commit_with_findings_and_passes_a_clean_one() {
    let hooks = hooks();
    let hook = hooks.iter().find(|h| h.id == "claimlint").unwrap();
    let dir = newsroom();
    let out = run(hook, dir.path(), &["draft.txt", "clean.md", "build.sh"]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("draft.txt:6:91") && report.contains("naming.variant"),
        "{report}"
    );
    assert!(report.ends_with("in 2 files.\n"), "{report}");
    let out = run(hook, dir.path(), &["clean.md", "build.sh"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_fix_hook_applies_the_safe_fixes_and_reports_what_remains() {
    let hooks = hooks();
    let hook = hooks.iter().find(|h| h.id == "claimlint-fix").unwrap();
    let dir = newsroom();
    let out = run(hook, dir.path(), &["draft.txt", "build.sh"]);
    // The variant's fix is unsafe: it remains, and the commit stops.
    assert_eq!(out.status.code(), Some(1));
    let fixed = std::fs::read_to_string(dir.path().join("draft.txt")).unwrap();
    assert!(fixed.contains("Kyiv") && !fixed.contains("Kiev"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("build.sh")).unwrap(),
        "echo Kiev\n"
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains("naming.variant"));
}
