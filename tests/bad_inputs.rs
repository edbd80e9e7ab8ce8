//! The bad-input catalogue: each input a CI job may meet gives a clear
//! message or a correct result, in bounded time, and never a crash.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

fn claimlint() -> Command {
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.env("NO_COLOR", "1").timeout(Duration::from_secs(120));
    cmd
}

fn write(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

#[test]
fn only_whitespace_is_clean() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "blank.md", " \n\t\r\n   \n");
    claimlint()
        .arg("check")
        .arg(&path)
        .assert()
        .code(0)
        .stdout("No findings in 1 file.\n");
}

#[test]
fn a_100_mb_file_with_no_newline_is_checked() {
    let dir = TempDir::new().unwrap();
    let sentence = "Officials in Kyiv said on Tuesday that the talks would go on. ";
    let mut text = sentence.repeat(100 * 1024 * 1024 / sentence.len());
    text.push_str("The cease-fire held. A second ceasefire is planned.");
    let path = write(&dir, "huge.txt", &text);
    let out = stdout(claimlint().args(["check", "--format", "json"]).arg(&path));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = value["files"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["rule"], "terms.hyphenation");
}

#[test]
fn ten_thousand_nested_quotes_and_brackets() {
    let dir = TempDir::new().unwrap();
    let mut text = String::new();
    for _ in 0..10_000 {
        text.push_str("(“[‘");
    }
    text.push_str("Kiev");
    for _ in 0..10_000 {
        text.push_str("’]”)");
    }
    let path = write(&dir, "nested.txt", &text);
    let out = stdout(claimlint().args(["check", "--format", "json"]).arg(&path));
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["files"][0]["findings"][0]["rule"], "style.substitution");
}

#[test]
fn binary_data_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let path = write(&dir, "image.txt", &bytes);
    let assert = claimlint().arg("check").arg(&path).assert().code(2);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(out.contains("not valid UTF-8: invalid byte at offset"), "{out}");
}

#[test]
fn utf16_with_a_bom_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("Kiev".encode_utf16().flat_map(u16::to_le_bytes));
    let path = write(&dir, "utf16.txt", &bytes);
    let assert = claimlint().arg("check").arg(&path).assert().code(2);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(out.contains("the file is UTF-16"), "{out}");
}

#[test]
fn a_rule_file_of_one_megabyte_loads() {
    let dir = TempDir::new().unwrap();
    let mut yaml = String::from("style:\n");
    let mut i = 0;
    while yaml.len() < 1024 * 1024 {
        yaml.push_str(&format!("  - use: Placename{i}\n    instead_of: [Oldname{i}]\n"));
        i += 1;
    }
    let rules = write(&dir, "big.yaml", &yaml);
    let draft = write(&dir, "d.txt", "They moved from Oldname7 to Placename8.\n");
    let out = stdout(
        claimlint()
            .args(["check", "--format", "json", "--rules"])
            .arg(&rules)
            .arg(&draft),
    );
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["files"][0]["findings"][0]["text"], "Oldname7");
}

#[test]
fn a_yaml_bomb_is_refused_not_expanded() {
    let dir = TempDir::new().unwrap();
    let mut yaml =
        String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for level in 1..9u8 {
        let (prev, name) = ((b'a' + level - 1) as char, (b'a' + level) as char);
        yaml.push_str(&format!(
            "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    let rules = write(&dir, "bomb.yaml", &yaml);
    let draft = write(&dir, "d.txt", "Kiev.\n");
    let assert = claimlint()
        .args(["check", "--rules"])
        .arg(&rules)
        .arg(&draft)
        .assert()
        .code(2);
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(err.starts_with(&format!("error: {}", rules.display())), "{err}");
}

#[test]
fn a_pattern_with_many_slots_stays_linear() {
    let dir = TempDir::new().unwrap();
    let pattern = vec!["{person}"; 200].join(" ");
    let rules = write(
        &dir,
        "slots.yaml",
        format!("claims:\n  - attribute: title\n    patterns: [\"{pattern} {{title}}\"]\n"),
    );
    let draft = write(&dir, "d.txt", "Anna Berg met Tomas Berg. ".repeat(20_000));
    claimlint()
        .args(["check", "--rules"])
        .arg(&rules)
        .arg(&draft)
        .assert()
        .code(0);
}

#[cfg(unix)]
#[test]
fn a_directory_loop_through_a_symlink_ends() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    write(&dir, "drafts/a.txt", "Officials in Kiev met.\n");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("drafts/loop")).unwrap();
    let out = stdout(
        claimlint()
            .args(["check", "--format", "json"])
            .arg(dir.path().join("drafts")),
    );
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> = value["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.iter().any(|p| Path::new(p).ends_with("drafts/a.txt")),
        "{paths:?}"
    );
    assert!(paths.len() <= 2, "{paths:?}");
}

#[test]
fn a_rule_file_that_is_not_utf8_is_located() {
    let dir = TempDir::new().unwrap();
    let draft = write(&dir, "d.txt", "Officials in Kiev met.\n");
    let bad = write(
        &dir,
        "bad.yaml",
        b"entities:\n  - name: Ruritania\n    aliases: [Rur\xffit]\n",
    );
    let utf16 = write(&dir, "utf16.yaml", b"\xff\xfee\x00n\x00");
    for (rules, error) in [
        (&bad, "3:18: byte 0xFF is not UTF-8; the file must be UTF-8"),
        (
            &utf16,
            "1:1: the file is UTF-16; it must be UTF-8 (convert it, for example with `iconv -f UTF-16 -t UTF-8`)",
        ),
    ] {
        claimlint()
            .args(["check", "--isolated", "--rules"])
            .arg(rules)
            .arg(&draft)
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!("error: {}:{error}\n", rules.display()));
    }
}
