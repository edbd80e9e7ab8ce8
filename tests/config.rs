//! Configuration files, directory walking and inline controls as a user
//! meets them: `.claimlint.yaml` found in the nearest parent, paths read
//! from its directory, `--config` and `--isolated`, located errors,
//! include/exclude and `.gitignore`, accepted forms, inline comments.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn claimlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The findings of a JSON report as `path rule severity "text"` lines.
fn findings(cmd: &mut Command) -> Vec<String> {
    let out = cmd.output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let mut lines = Vec::new();
    for file in report["files"].as_array().unwrap() {
        for f in file["findings"].as_array().unwrap() {
            lines.push(format!(
                "{} {} {} {}",
                file["path"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["severity"].as_str().unwrap(),
                f["text"]
            ));
        }
    }
    lines
}

const DRAFT: &str =
    "Officials in Kiev met. The cease-fire held. The ceasefire broke.\nThe Bugle Gazzette said so.\n";

fn newsroom() -> TempDir {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        ".claimlint.yaml",
        "rules: [house/]\ndisable: [terms]\nseverity: {style: error}\n",
    );
    write(
        dir.path(),
        "house/who.yaml",
        "style:\n  - use: Bugle Gazette\n    instead_of: [Bugle Gazzette]\n",
    );
    write(dir.path(), "desk/politics/draft.txt", DRAFT);
    dir
}

#[test]
fn the_config_in_the_nearest_parent_is_read_and_its_paths_resolved_from_it() {
    let dir = newsroom();
    let got = findings(claimlint(&dir.path().join("desk/politics")).args([
        "check",
        "--format",
        "json",
        "draft.txt",
    ]));
    assert_eq!(
        got,
        vec![
            "draft.txt style.substitution error \"Kiev\"",
            "draft.txt style.substitution error \"Bugle Gazzette\"",
        ]
    );
}

#[test]
fn isolated_ignores_the_config_and_config_names_another() {
    let dir = newsroom();
    let cwd = dir.path().join("desk/politics");
    let got = findings(claimlint(&cwd).args(["check", "--isolated", "--format", "json", "draft.txt"]));
    assert_eq!(
        got,
        vec![
            "draft.txt style.substitution warning \"Kiev\"",
            "draft.txt terms.hyphenation warning \"ceasefire\"",
        ]
    );
    write(dir.path(), "other/strict.yaml", "disable: [style, naming]\n");
    let got = findings(claimlint(&cwd).args([
        "check",
        "--config",
        "../../other/strict.yaml",
        "--format",
        "json",
        "draft.txt",
    ]));
    assert_eq!(got, vec!["draft.txt terms.hyphenation warning \"ceasefire\""]);
    claimlint(&cwd)
        .args(["check", "--config", "x.yaml", "--isolated", "draft.txt"])
        .assert()
        .code(2);
}

#[test]
fn a_typo_in_the_config_is_located_and_nothing_is_checked() {
    let dir = newsroom();
    write(
        dir.path(),
        ".claimlint.yaml",
        "rules: [house/]\nexlude: [archive/**]\n",
    );
    claimlint(&dir.path().join("desk"))
        .args(["check", "politics/draft.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: ../.claimlint.yaml:2:1: unknown field `exlude`, expected one of `rules`, `default_rules`, \
             `style`, `disable`, `severity`, `include`, `exclude`, `date`, `accept`, `fail_on`\n",
        );
    write(dir.path(), ".claimlint.yaml", "date: 2015-12-32\n");
    claimlint(dir.path())
        .args(["check", "desk"])
        .assert()
        .code(2)
        .stderr("error: .claimlint.yaml:1:7: bad date \"2015-12-32\": no such day\n");
}

#[test]
fn an_unknown_style_lists_the_known_ones() {
    let dir = newsroom();
    write(dir.path(), ".claimlint.yaml", "style: nosuch\n");
    let out = claimlint(dir.path()).args(["check", "desk"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: .claimlint.yaml:1:8: unknown style `nosuch`; available styles: "),
        "{stderr}"
    );
}

#[test]
fn walking_respects_gitignore_hidden_files_and_the_globs() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(
        root,
        ".claimlint.yaml",
        "include: [\"**/*.md\", \"notes/*.txt\"]\nexclude: [\"archive/**\"]\n",
    );
    write(root, ".gitignore", "ignored/\n*.draft.md\n");
    for path in [
        "a.md",
        "b.txt",
        "notes/c.txt",
        "notes/deep/d.txt",
        "archive/2015/e.md",
        "ignored/f.md",
        "g.draft.md",
        ".hidden/h.md",
        "sub/i.markdown",
        "sub/j.md",
    ] {
        write(root, path, "Officials in Kiev met.\n");
    }
    let got = findings(claimlint(root).args(["check", "--format", "json", "."]));
    let files: Vec<&str> = got.iter().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(files, vec!["./a.md", "./notes/c.txt", "./sub/j.md"]);
    // A file named on the command line is checked whatever the globs say.
    let got = findings(claimlint(root).args(["check", "--format", "json", "archive/2015/e.md"]));
    assert_eq!(got.len(), 1);
}

#[test]
fn accepted_forms_win() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        ".claimlint.yaml",
        "accept: [\"Sergey Lavrov\", ceasefire]\n",
    );
    let out = claimlint(dir.path())
        .args(["check", "--format", "json", "-"])
        .write_stdin("Sergei Lavrov met Kerry. Sergey Lavrov left. The cease-fire held, the cease-fire. A ceasefire.\n")
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<&str> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        vec![
            "\"Sergei Lavrov\" and \"Sergey Lavrov\" look like one name spelt two ways; use \"Sergey Lavrov\" (accepted by this desk)",
            "\"cease-fire\" and \"ceasefire\" are one word written two ways; use \"ceasefire\" (accepted by this desk)",
        ]
    );
}

#[test]
fn inline_controls_in_a_markdown_draft() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "d.md",
        "# Talks\n\nOfficials in Kyiv met.\n\n<!-- claimlint-disable style -->\nA recipe for chicken from Kiev.\n<!-- claimlint-enable style -->\n\n<!-- claimlint-disable-next-line naming -->\nThe US said so. U.S. officials agreed.\n\nKiev is a capital.\n",
    );
    let got = findings(claimlint(dir.path()).args(["check", "--isolated", "--format", "json", "d.md"]));
    assert_eq!(got, Vec::<String>::new());
    let got = findings(
        claimlint(dir.path())
            .args([
                "check",
                "--isolated",
                "--format",
                "json",
                "--disable",
                "naming",
                "-",
            ])
            .write_stdin("<!-- claimlint-disable style -->\nKiev.\n"),
    );
    // Standard input is plain text unless told: the comment is text.
    assert_eq!(got, vec!["<stdin> style.substitution warning \"Kiev\""]);
}
