//! The command line as a user meets it: exact output and exit statuses.

use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use tempfile::TempDir;

fn claimlint() -> Command {
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

#[test]
fn the_example_article_pretty() {
    let mut cmd = claimlint();
    cmd.args(["check", "examples/kerry-lavrov.txt"]);
    cmd.assert().code(1);
    insta::assert_snapshot!(stdout(&mut cmd));
}

#[test]
fn the_example_article_json() {
    let mut cmd = claimlint();
    cmd.args(["check", "--format", "json", "examples/kerry-lavrov.txt"]);
    cmd.assert().code(1);
    let out = stdout(&mut cmd);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    insta::assert_json_snapshot!(value);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = stdout(claimlint().args(["check", "examples/kerry-lavrov.txt"]));
    assert!(!plain.contains('\u{1b}'));
    let forced = stdout(claimlint().args(["check", "--color", "always", "examples/kerry-lavrov.txt"]));
    assert!(forced.contains('\u{1b}'));
}

#[test]
fn a_clean_draft_exits_zero() {
    let dir = TempDir::new().unwrap();
    let draft = dir.path().join("clean.md");
    std::fs::write(&draft, "# Talks\n\nRussia and Ukraine met in Kyiv on Monday.\n").unwrap();
    claimlint()
        .arg("check")
        .arg(&draft)
        .assert()
        .code(0)
        .stdout("No findings in 1 file.\n");
}

#[test]
fn an_empty_file_is_clean() {
    let dir = TempDir::new().unwrap();
    let draft = dir.path().join("empty.txt");
    std::fs::write(&draft, "").unwrap();
    claimlint()
        .arg("check")
        .arg(&draft)
        .assert()
        .code(0)
        .stdout("No findings in 1 file.\n");
}

#[test]
fn stdin_is_read_for_a_dash() {
    claimlint()
        .args(["check", "--format", "json", "-"])
        .write_stdin("The cease-fire held. The ceasefire broke.\n")
        .assert()
        .code(1)
        .stdout(predicates::str::contains("\"path\": \"<stdin>\""))
        .stdout(predicates::str::contains("\"rule\": \"terms.hyphenation\""));
}

#[test]
fn a_missing_file_beside_a_good_one_is_an_error_and_the_other_is_checked() {
    let dir = TempDir::new().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "The cease-fire held. The ceasefire broke.\n").unwrap();
    let missing = dir.path().join("missing.md");
    let out = claimlint()
        .args(["check", "--format", "json"])
        .arg(&missing)
        .arg(&good)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["summary"]["files"], 1);
    assert_eq!(value["summary"]["findings"], 1);
    assert_eq!(value["errors"][0]["path"], missing.display().to_string());
    assert_eq!(value["errors"][0]["message"], "No such file or directory");
}

#[test]
fn a_file_that_is_not_utf8_names_the_offset() {
    let dir = TempDir::new().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"Caf\xe9 in Kiev\n").unwrap();
    let out = stdout(claimlint().arg("check").arg(&bad));
    assert_eq!(
        out,
        format!(
            "error: {}: not valid UTF-8: invalid byte at offset 3\n\nNo findings in 0 files; 1 file could not be read.\n",
            bad.display()
        )
    );
    claimlint().arg("check").arg(&bad).assert().code(2);
}

#[test]
fn a_rule_file_with_a_typo_is_located() {
    let dir = TempDir::new().unwrap();
    let rules = dir.path().join("house.yaml");
    std::fs::write(
        &rules,
        "entities:\n  - name: Russia\n    alias: [Russian Federation]\n",
    )
    .unwrap();
    claimlint()
        .args(["check", "--rules"])
        .arg(&rules)
        .arg("examples/kerry-lavrov.txt")
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "error: {}:3:5: entities[0]: unknown field `alias`, expected one of `name`, `kind`, `aliases`, \
             `prefer`, `adjectives`, `exceptions`, `severity`, `examples`\n",
            rules.display()
        ));
}

#[test]
fn house_rules_add_to_the_builtin_pack() {
    let dir = TempDir::new().unwrap();
    let rules = dir.path().join("house");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(
        rules.join("names.yml"),
        "abbreviations:\n  - name: United States\n    forms: [US, U.S.]\n    prefer: U.S.\n",
    )
    .unwrap();
    let out = stdout(
        claimlint()
            .args(["check", "--format", "json", "--no-default-rules", "--rules"])
            .arg(&rules)
            .arg("-")
            .write_stdin("The US said so. U.S. officials agreed. The US left.\n"),
    );
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let finding = &value["files"][0]["findings"][0];
    assert_eq!(finding["rule"], "naming.abbreviation");
    assert_eq!(
        finding["message"],
        "\"US\" and \"U.S.\" are one abbreviation (United States) written two ways; use \"U.S.\" (house rule)"
    );
    assert_eq!(finding["fix"]["edits"].as_array().unwrap().len(), 2);
}

#[test]
fn directories_are_walked_for_drafts() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "The cease-fire held. The ceasefire broke.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("sub/b.txt"), "Officials in Kiev met.\n").unwrap();
    std::fs::write(dir.path().join("sub/c.rs"), "// Kiev cease-fire ceasefire\n").unwrap();
    let out = stdout(claimlint().args(["check", "--format", "json"]).arg(dir.path()));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> = value["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("a.md") && paths[1].ends_with("b.txt"),
        "{paths:?}"
    );
    assert_eq!(value["summary"]["findings"], 2);
}

#[test]
fn bad_arguments_exit_two() {
    claimlint()
        .args(["check", "--format", "xml", "x.md"])
        .assert()
        .code(2);
    claimlint().arg("check").assert().code(2);
    claimlint().arg("frobnicate").assert().code(2);
    claimlint().arg("--help").assert().code(0);
}

#[test]
fn rules_test_runs_every_example() {
    claimlint()
        .args(["rules", "test"])
        .assert()
        .code(0)
        .stdout(predicates::str::is_match(r"^\d+ examples, \d+ passed, 0 failed\n$").unwrap());
}

#[test]
fn rules_test_reports_a_rotten_rule() {
    let dir = TempDir::new().unwrap();
    let rules = dir.path().join("rotten.yaml");
    std::fs::write(
        &rules,
        "style:\n  - use: Kyiv\n    instead_of: [Kiev]\n    examples:\n      good: [\"Kiev is the capital.\"]\n",
    )
    .unwrap();
    claimlint()
        .args(["rules", "test", "--no-default-rules", "--rules"])
        .arg(&rules)
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "FAIL style.substitution (Kyiv): good example flagged: \"Kiev is the capital.\"",
        ));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = TempDir::new().unwrap();
    let article =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kerry-lavrov.txt")).unwrap();
    for i in 0..60 {
        std::fs::write(dir.path().join(format!("{i:02}.txt")), &article).unwrap();
    }
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("claimlint"))
        .arg("check")
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert_eq!(status.code(), Some(1), "stderr: {stderr}");
    assert_eq!(stderr, "");
}

fn example(args: &[&str]) -> Command {
    let mut cmd = claimlint();
    cmd.args(["check", "--isolated"])
        .args(args)
        .arg("examples/kerry-lavrov.txt");
    cmd
}

#[test]
fn the_example_article_json_lines() {
    let mut cmd = example(&["--format", "json-lines"]);
    cmd.assert().code(1);
    insta::assert_snapshot!(stdout(&mut cmd));
}

#[test]
fn the_example_article_github() {
    let mut cmd = example(&["--format", "github"]);
    cmd.assert().code(1);
    insta::assert_snapshot!(stdout(&mut cmd));
}

#[test]
fn the_example_article_sarif() {
    let mut cmd = example(&["--format", "sarif"]);
    cmd.assert().code(1);
    let mut log: serde_json::Value = serde_json::from_str(&stdout(&mut cmd)).unwrap();
    // Rule metadata is every rule's documentation (tested in tests/sarif.rs
    // and the sarif module); the snapshot keeps to the results.
    let driver = &mut log["runs"][0]["tool"]["driver"];
    driver["rules"] = serde_json::Value::Null;
    driver["version"] = "VERSION".into();
    driver["semanticVersion"] = "VERSION".into();
    insta::assert_json_snapshot!(log);
}

#[test]
fn the_example_article_diff() {
    let mut cmd = example(&["--diff"]);
    cmd.assert().code(1).stderr("Would fix 6 findings in 1 file.\n");
    insta::assert_snapshot!(stdout(&mut cmd));
    let mut cmd = example(&["--diff", "--unsafe-fixes"]);
    cmd.assert().code(1).stderr("Would fix 8 findings in 1 file.\n");
    insta::assert_snapshot!(stdout(&mut cmd));
}

#[test]
fn severity_sets_what_is_shown_and_the_exit_status() {
    example(&["--severity", "error"])
        .assert()
        .code(0)
        .stdout("No findings in 1 file.\n");
    let all = stdout(&mut example(&[]));
    assert_eq!(stdout(&mut example(&["--severity", "info"])), all);
    // Each threshold keeps exactly the findings at or above it.
    let severities = |args: &[&str]| -> Vec<String> {
        let out = stdout(&mut example(&[&["--format", "json-lines"], args].concat()));
        out.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["severity"].to_string())
            .collect()
    };
    let every = severities(&[]);
    let warnings: Vec<String> = every.iter().filter(|s| *s != "\"info\"").cloned().collect();
    assert!(warnings.len() >= 8 && warnings.len() <= every.len());
    assert_eq!(severities(&["--severity", "warning"]), warnings);
    claimlint()
        .args(["check", "--isolated", "--severity", "fatal", "-"])
        .assert()
        .code(2);
}

#[test]
fn exit_zero_reports_but_exits_zero() {
    let all = stdout(&mut example(&[]));
    let mut cmd = example(&["--exit-zero"]);
    cmd.assert().code(0);
    assert_eq!(stdout(&mut cmd), all);
    // Errors still exit 2.
    claimlint()
        .args(["check", "--isolated", "--exit-zero", "missing.md"])
        .assert()
        .code(2);
}

#[test]
fn disable_turns_rules_and_families_off() {
    claimlint()
        .args(["check", "--isolated", "--format", "github", "--disable", "naming", "--disable", "terms.hyphenation", "-"])
        .write_stdin("The cease-fire held in Kiev. The ceasefire broke. The US and U.S. met.\n")
        .assert()
        .code(1)
        .stdout(
            "::warning file=<stdin>,line=1,col=24,endLine=1,endColumn=28,title=style.substitution::house style \
             writes \"Kyiv\", not \"Kiev\": AP and most English-language desks have written \"Kyiv\" since 2019\n",
        );
    claimlint()
        .args(["check", "--isolated", "--disable", "nam", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with(
            "error: --disable: unknown rule or family `nam`; rules: naming.entity, ",
        ));
}

#[test]
fn date_must_be_a_day() {
    claimlint()
        .args(["check", "--isolated", "--date", "2015-12-16", "-"])
        .write_stdin("Nothing.\n")
        .assert()
        .code(0);
    claimlint()
        .args(["check", "--isolated", "--date", "2015-13-01", "-"])
        .write_stdin("Nothing.\n")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad date \"2015-13-01\": no such day"));
}

#[test]
fn explain_prints_a_rules_documentation() {
    let out = stdout(claimlint().args(["explain", "style.substitution"]));
    insta::assert_snapshot!(out);
    let family = stdout(claimlint().args(["explain", "naming"]));
    assert!(family.contains("naming.entity: ") && family.contains("\nnaming.variant: "));
    let list = stdout(claimlint().arg("explain"));
    assert!(
        list.lines().any(
            |l| l.starts_with("naming.entity ") && l.ends_with("  one entity called by two of its names")
        ),
        "{list}"
    );
    claimlint()
        .args(["explain", "naming.entty"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with(
            "error: unknown rule or family `naming.entty`",
        ));
}

#[test]
fn rules_list_names_every_loaded_rule_and_its_file() {
    let dir = TempDir::new().unwrap();
    let house = dir.path().join("house.yaml");
    std::fs::write(
        &house,
        "style:\n  - use: email\n    instead_of: [e-mail]\n    severity: info\n",
    )
    .unwrap();
    let out = stdout(
        claimlint()
            .args(["rules", "list", "--isolated", "--rules"])
            .arg(&house),
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines.iter().any(|l| l.starts_with("naming.entity ")
            && l.contains(" warning  Russia ")
            && l.ends_with("(built in) rules/countries.yaml")),
        "{out}"
    );
    let last = lines.last().unwrap().split_whitespace().collect::<Vec<_>>();
    assert_eq!(
        last,
        vec![
            "style.substitution",
            "info",
            "email",
            &house.display().to_string()
        ]
    );
}

#[test]
fn init_writes_a_config_and_a_pack_that_pass_their_own_tests() {
    let dir = TempDir::new().unwrap();
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(dir.path()).arg("init").assert().code(0);
    assert!(dir.path().join(".claimlint.yaml").is_file());
    assert!(dir.path().join("house-rules/house.yaml").is_file());
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(dir.path())
        .args(["rules", "test", "--no-default-rules"])
        .assert()
        .code(0)
        .stdout("2 examples, 2 passed, 0 failed\n");
    std::fs::write(dir.path().join("d.md"), "Send an e-mail to the desk.\n").unwrap();
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "--format", "github", "."])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "title=style.substitution::house style writes \"email\"",
        ));
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(dir.path()).arg("init").assert().code(2);
}

#[test]
fn threads_do_not_change_the_output() {
    let dir = TempDir::new().unwrap();
    let article =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kerry-lavrov.txt")).unwrap();
    for i in 0..12 {
        std::fs::write(dir.path().join(format!("{i:02}.txt")), &article).unwrap();
    }
    let run = |threads: &str| {
        stdout(
            claimlint()
                .args(["check", "--isolated", "--format", "json", "--threads", threads])
                .arg(dir.path()),
        )
    };
    let one = run("1");
    assert_eq!(run("2"), one);
    assert_eq!(run("4"), one);
}

#[test]
fn info_findings_fail_a_run_only_when_the_bar_is_lowered() {
    let dir = TempDir::new().unwrap();
    let draft = dir.path().join("d.txt");
    std::fs::write(
        &draft,
        "Smith said the plan would work.\n\nJohn Smith, the chief executive, said more on Monday.\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let mut cmd = claimlint();
        cmd.current_dir(dir.path()).arg("check").args(args).arg(&draft);
        cmd.output().unwrap().status.code()
    };
    assert_eq!(run(&["--isolated"]), Some(0));
    assert_eq!(run(&["--isolated", "--fail-on", "info"]), Some(1));
    assert_eq!(run(&["--isolated", "--fail-on", "error"]), Some(0));
    std::fs::write(dir.path().join(".claimlint.yaml"), "fail_on: info\n").unwrap();
    assert_eq!(run(&[]), Some(1));
    assert_eq!(run(&["--fail-on", "warning"]), Some(0));
}

#[test]
fn a_short_first_line_does_not_hide_the_body() {
    claimlint()
        .args(["check", "--isolated", "--format", "json-lines", "-"])
        .write_stdin("In Paris\nUS troops arrived.\nThe U.S. embassy said nothing.\n")
        .assert()
        .code(1)
        .stdout(predicates::str::contains("\"rule\":\"naming.abbreviation\""));
}

#[test]
fn a_duplicate_rule_entry_is_a_warning_on_stderr_and_the_check_goes_on() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("house.yaml"),
        "entities:\n  - name: NATO\n    aliases: [Nato]\n  - name: NATO\n    aliases: [Nato]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("d.txt"), "NATO met. Nato agreed.\n").unwrap();
    let out = claimlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--isolated",
            "--no-default-rules",
            "--rules",
            "house.yaml",
            "d.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "warning: house.yaml:4:5: duplicate entry: entities already has \"NATO\" (line 2); both are loaded\n"
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains("naming.entity"));
}
