//! Fixing: `--fix` and `--diff` as a user meets them, the fixpoint on every
//! fixture and example, and writes that lose nothing (BOM, CRLF,
//! permissions, untouched bytes) and never overwrite a file changed on
//! disk.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use claimlint::finding::Applicability;
use claimlint::fix::{self, FixMode};
use claimlint::rules::Pack;
use claimlint::source::Source;
use claimlint::Checker;
use tempfile::TempDir;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn claimlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("check")
        .arg("--isolated");
    cmd
}

/// Every draft the test suite ships: fixtures' bad texts and examples.
fn drafts() -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in ["tests/fixtures", "examples"] {
        let mut stack = vec![Path::new(ROOT).join(dir)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if path.is_dir() {
                    stack.push(path);
                } else if matches!(ext, "md" | "txt" | "markdown")
                    && (dir.ends_with("examples") || name.starts_with("bad."))
                {
                    found.push(path);
                }
            }
        }
    }
    found.sort();
    found
}

#[test]
fn fixing_reaches_a_fixpoint_on_every_fixture_and_example() {
    let checker = Checker::new(Pack::builtin().unwrap());
    let drafts = drafts();
    assert!(drafts.len() >= 7, "{drafts:?}");
    for path in drafts {
        let source = Source::read(&path).unwrap();
        for mode in [FixMode::Safe, FixMode::Unsafe] {
            let fixed = fix::fix(&source, mode, |s| checker.check(s));
            assert!(
                fixed.converged,
                "{}: {mode:?} fixes did not settle in {} passes",
                path.display(),
                fixed.passes
            );
            // A second run finds nothing more to fix.
            let again = fix::fix(&fixed.source, mode, |s| checker.check(s));
            assert_eq!(again.passes, 0, "{}", path.display());
            assert_eq!(again.source.text, fixed.source.text);
        }
    }
}

/// Applies reported fixes as a user reading the JSON report would: fixes of
/// the allowed applicability, in order, skipping one that overlaps an edit
/// already taken; then checks again, until nothing is left to apply.
fn apply_reported(dir: &Path, text: &str, allowed: &[&str]) -> String {
    let mut text = text.to_string();
    for _ in 0..fix::MAX_PASSES {
        std::fs::write(dir.join("scratch.txt"), &text).unwrap();
        let out = claimlint(dir)
            .args(["--format", "json", "scratch.txt"])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut taken: Vec<(usize, usize, String)> = Vec::new();
        for finding in report["files"][0]["findings"].as_array().unwrap() {
            let fix = &finding["fix"];
            if fix.is_null() || !allowed.contains(&fix["applicability"].as_str().unwrap()) {
                continue;
            }
            let edits: Vec<(usize, usize, String)> = fix["edits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["start"].as_u64().unwrap() as usize,
                        e["end"].as_u64().unwrap() as usize,
                        e["replacement"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            let clash = edits
                .iter()
                .any(|(s, e, _)| taken.iter().any(|(ts, te, _)| (s < te && ts < e) || s == ts));
            if !clash {
                taken.extend(edits);
            }
        }
        if taken.is_empty() {
            break;
        }
        taken.sort_by_key(|t| std::cmp::Reverse(t.0));
        for (start, end, replacement) in taken {
            text.replace_range(start..end, &replacement);
        }
    }
    text
}

#[test]
fn fix_on_a_copy_of_the_example_leaves_nothing_fixable_and_changes_only_reported_fixes() {
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string(Path::new(ROOT).join("examples/kerry-lavrov.txt")).unwrap();
    let draft = dir.path().join("kerry-lavrov.txt");
    std::fs::write(&draft, &original).unwrap();

    let diff = claimlint(dir.path())
        .args(["--diff", "kerry-lavrov.txt"])
        .output()
        .unwrap();
    assert_eq!(diff.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&diff.stderr).starts_with("Would fix "));

    let out = claimlint(dir.path())
        .args(["--fix", "--format", "json", "kerry-lavrov.txt"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("Fixed ") && stderr.ends_with(" in 1 file.\n"),
        "{stderr}"
    );
    let fixed = std::fs::read_to_string(&draft).unwrap();
    assert_ne!(fixed, original);

    // The report after fixing describes the fixed file: nothing safe to fix.
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for finding in report["files"][0]["findings"].as_array().unwrap() {
        assert_ne!(finding["fix"]["applicability"], "safe", "{finding}");
    }
    let again = claimlint(dir.path())
        .args(["--format", "json", "kerry-lavrov.txt"])
        .output()
        .unwrap();
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["files"][0]["findings"], report["files"][0]["findings"]);

    // Every change is one of the reported fixes.
    assert_eq!(apply_reported(dir.path(), &original, &["safe"]), fixed);

    // And the diff printed before is exactly that change.
    let copy = dir.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    std::fs::write(copy.join("kerry-lavrov.txt"), &original).unwrap();
    let status = std::process::Command::new("patch")
        .current_dir(&copy)
        .args(["-s", "-p1"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(&diff.stdout)?;
            child.wait()
        });
    if let Ok(status) = status {
        assert!(status.success());
        assert_eq!(
            std::fs::read_to_string(copy.join("kerry-lavrov.txt")).unwrap(),
            fixed
        );
    }
}

#[test]
fn unsafe_fixes_leave_no_fixable_finding() {
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string(Path::new(ROOT).join("examples/kerry-lavrov.txt")).unwrap();
    std::fs::write(dir.path().join("k.txt"), &original).unwrap();
    claimlint(dir.path())
        .args(["--fix", "--unsafe-fixes", "k.txt"])
        .output()
        .unwrap();
    let fixed = std::fs::read_to_string(dir.path().join("k.txt")).unwrap();
    assert!(fixed.contains("Sergei Lavrov") && !fixed.contains("Sergey"));
    let out = claimlint(dir.path())
        .args(["--format", "json", "k.txt"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for finding in report["files"][0]["findings"].as_array().unwrap() {
        let applicability = &finding["fix"]["applicability"];
        assert!(
            applicability.is_null() || applicability == "display-only",
            "{finding}"
        );
    }
    assert_eq!(apply_reported(dir.path(), &original, &["safe", "unsafe"]), fixed);
}

#[test]
fn the_diff_applies_with_git_apply() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("d.md"),
        "# Talks\n\nThe cease-fire held.\n\nThe ceasefire broke. A ceasefire.\n",
    )
    .unwrap();
    let out = claimlint(dir.path()).args(["--diff", "d.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout.clone()).unwrap(),
        "--- a/d.md\n+++ b/d.md\n@@ -1,5 +1,5 @@\n # Talks\n \n-The cease-fire held.\n+The ceasefire held.\n \n The ceasefire broke. A ceasefire.\n"
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Would fix 1 finding in 1 file.\n"
    );
    assert!(run_with_input(dir.path(), "git", &["apply", "-"], &out.stdout));
    let text = std::fs::read_to_string(dir.path().join("d.md")).unwrap();
    assert_eq!(
        text,
        "# Talks\n\nThe ceasefire held.\n\nThe ceasefire broke. A ceasefire.\n"
    );
    // Nothing left: the diff is empty and the status 0.
    claimlint(dir.path())
        .args(["--diff", "d.md"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("Nothing to fix.\n");
}

/// Runs `program args` in `dir` with `input` on standard input and says
/// whether it succeeded.
fn run_with_input(dir: &Path, program: &str, args: &[&str], input: &[u8]) -> bool {
    use std::io::Write;
    let mut child = std::process::Command::new(program)
        .current_dir(dir)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} must be installed for this test: {e}"));
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait().unwrap().success()
}

#[test]
fn the_diff_applies_with_git_apply_and_patch_for_every_line_end() {
    // Findings on the first, a middle and the last line, which has no
    // line end of its own.
    let lines = [
        "The cease-fire held in Kiev.",
        "The ceasefire broke.",
        "A ceasefire, then another ceasefire.",
        "Nothing here.",
        "The cease-fire ended.",
    ];
    let styles: [(&str, &[&str]); 4] = [
        ("lf", &["\n"]),
        ("crlf", &["\r\n"]),
        ("cr", &["\r"]),
        ("mixed", &["\r", "\r\n", "\n", "\r"]),
    ];
    for (name, ends) in styles {
        let mut text = String::new();
        for (i, line) in lines.iter().enumerate() {
            text.push_str(line);
            if i + 1 < lines.len() {
                text.push_str(ends[i % ends.len()]);
            }
        }
        let file = format!("{name}.txt");
        let fixed_dir = TempDir::new().unwrap();
        std::fs::write(fixed_dir.path().join(&file), &text).unwrap();
        claimlint(fixed_dir.path())
            .args(["--fix", &file])
            .assert()
            .code(0);
        let fixed = std::fs::read(fixed_dir.path().join(&file)).unwrap();
        assert_ne!(fixed, text.as_bytes(), "{name}: --fix changes the file");

        let dir = TempDir::new().unwrap();
        std::fs::write(dir.path().join(&file), &text).unwrap();
        let out = claimlint(dir.path()).args(["--diff", &file]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        for (program, args) in [("git", &["apply", "-"][..]), ("patch", &["-p1", "-s"][..])] {
            std::fs::write(dir.path().join(&file), &text).unwrap();
            assert!(
                run_with_input(dir.path(), program, args, &out.stdout),
                "{program} refused the {name} patch:\n{}",
                String::from_utf8_lossy(&out.stdout)
            );
            let applied = std::fs::read(dir.path().join(&file)).unwrap();
            assert_eq!(applied, fixed, "{program} on the {name} patch");
        }
    }
}

#[test]
fn a_lone_carriage_return_ends_a_line_in_every_report() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("cr.txt"),
        "Talks\rThe cease-fire held.\rThe ceasefire broke.\r",
    )
    .unwrap();
    let out = claimlint(dir.path())
        .args(["--format", "github", "cr.txt"])
        .output()
        .unwrap();
    let github = String::from_utf8(out.stdout).unwrap();
    assert!(
        github.contains("file=cr.txt,line=3,col=5,endLine=3,endColumn=14"),
        "{github}"
    );
    let out = claimlint(dir.path())
        .args(["--format", "json", "cr.txt"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let span = &json["files"][0]["findings"][0]["span"];
    assert_eq!(
        (span["line"].as_u64(), span["column"].as_u64()),
        (Some(3), Some(5)),
        "{json}"
    );
    let out = claimlint(dir.path()).arg("cr.txt").output().unwrap();
    let pretty = String::from_utf8(out.stdout).unwrap();
    assert!(pretty.contains("cr.txt:3:5"), "{pretty}");
}

#[test]
fn bom_crlf_permissions_and_untouched_bytes_survive() {
    let dir = TempDir::new().unwrap();
    let draft = dir.path().join("d.txt");
    let text = "\u{feff}Kiev  talks\r\nThe cease-fire held.\r\n\r\nThe ceasefire broke, the ceasefire \t failed.\r\nno newline at end";
    std::fs::write(&draft, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&draft, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    claimlint(dir.path())
        .args(["--fix", "d.txt"])
        .assert()
        .code(0)
        .stderr("Fixed 2 findings in 1 file.\n");
    assert_eq!(
        std::fs::read(&draft).unwrap(),
        "\u{feff}Kyiv  talks\r\nThe ceasefire held.\r\n\r\nThe ceasefire broke, the ceasefire \t failed.\r\nno newline at end".as_bytes()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&draft).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("d.txt")]);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let dir = TempDir::new().unwrap();
    let draft = dir.path().join("d.txt");
    std::fs::write(&draft, "saved by an editor meanwhile").unwrap();
    let e = claimlint::file::write_atomic(&draft, b"as it was read", b"fixed").unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{}: the file changed on disk while it was checked; not overwritten (run again)",
            draft.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(&draft).unwrap(),
        "saved by an editor meanwhile"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    claimlint::file::write_atomic(&draft, b"saved by an editor meanwhile", b"fixed").unwrap();
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), "fixed");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_followed_and_kept() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("real.txt"), "Officials in Kiev met.\n").unwrap();
    std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).unwrap();
    claimlint(dir.path()).args(["--fix", "link.txt"]).assert().code(0);
    assert!(std::fs::symlink_metadata(dir.path().join("link.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("real.txt")).unwrap(),
        "Officials in Kyiv met.\n"
    );
}

#[cfg(unix)]
#[test]
fn a_file_with_a_second_hard_link_is_written_in_place_and_keeps_it() {
    use std::os::unix::fs::MetadataExt;
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("draft.txt"), "Officials in Kiev met.\n").unwrap();
    std::fs::hard_link(dir.path().join("draft.txt"), dir.path().join("copy.txt")).unwrap();
    claimlint(dir.path())
        .args(["--fix", "draft.txt"])
        .assert()
        .code(0)
        .stderr(
            "note: draft.txt has 2 hard links: written in place to keep them\nFixed 1 finding in 1 file.\n",
        );
    let (a, b) = (
        std::fs::metadata(dir.path().join("draft.txt")).unwrap(),
        std::fs::metadata(dir.path().join("copy.txt")).unwrap(),
    );
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("copy.txt")).unwrap(),
        "Officials in Kyiv met.\n"
    );
    // No temporary file is left beside them.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn standard_input_is_fixed_to_standard_output() {
    let dir = TempDir::new().unwrap();
    claimlint(dir.path())
        .args(["--fix", "-"])
        .write_stdin("Officials in Kiev met. Sergei Lavrov and Sergey Lavrov.\n")
        .assert()
        .code(1)
        .stdout("Officials in Kyiv met. Sergei Lavrov and Sergey Lavrov.\n")
        .stderr("Fixed 1 finding in 1 file.\n");
}

#[test]
fn display_only_and_unsafe_fixes_are_not_applied_by_fix() {
    let finding = |applicability| claimlint::finding::Finding {
        rule: "t.r",
        origin: None,
        severity: claimlint::finding::Severity::Warning,
        message: String::new(),
        span: claimlint::finding::Span::new(0, 1),
        related: vec![],
        fix: claimlint::finding::Fix::new(
            applicability,
            vec![claimlint::finding::Edit {
                span: claimlint::finding::Span::new(0, 1),
                replacement: "X".into(),
            }],
        ),
    };
    for mode in [FixMode::Safe, FixMode::Unsafe] {
        assert_eq!(
            fix::apply("a", &[finding(Applicability::DisplayOnly)], mode),
            None
        );
    }
    assert_eq!(
        fix::apply("a", &[finding(Applicability::Unsafe)], FixMode::Safe),
        None
    );
}

#[test]
fn unsafe_fixes_need_fix_or_diff() {
    let dir = TempDir::new().unwrap();
    claimlint(dir.path())
        .args(["--unsafe-fixes", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr("error: --unsafe-fixes needs --fix or --diff\n");
}

#[test]
fn fix_reports_what_remains() {
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string(Path::new(ROOT).join("examples/kerry-lavrov.txt")).unwrap();
    std::fs::write(dir.path().join("kerry-lavrov.txt"), original).unwrap();
    let out = claimlint(dir.path())
        .args(["--fix", "kerry-lavrov.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "Fixed 6 findings in 1 file.\n"
    );
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn a_fix_inside_a_direct_quotation_waits_for_unsafe_fixes() {
    let dir = TempDir::new().unwrap();
    let draft = "Officials in Kyiv met US envoys. \"We trust the U.S. to stay,\" the minister said.\n";
    claimlint(dir.path())
        .args(["--fix", "-"])
        .write_stdin(draft)
        .assert()
        .code(1)
        .stdout(draft)
        .stderr("Fixed 0 findings in 0 files.\n");
    claimlint(dir.path())
        .args(["--fix", "--unsafe-fixes", "-"])
        .write_stdin(draft)
        .assert()
        .code(0)
        .stdout("Officials in Kyiv met US envoys. \"We trust the US to stay,\" the minister said.\n")
        .stderr("Fixed 1 finding in 1 file.\n");
}
