//! `claimlint learn` as a user meets it: a folder of published articles
//! and a JSON-lines export learned into a rule file, the map and merge
//! steps a cluster would run apart, and a draft checked against what was
//! learned.
//!
//! The archive is `tests/learn/`: six articles and a four-line export
//! (one blank line, one article without a date), all written for the
//! suite.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

fn claimlint() -> Command {
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
}

/// Runs `claimlint ARGS`, expecting `code`; its standard output.
fn run(args: &[&str], code: i32) -> String {
    let out = claimlint().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "claimlint {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const ARCHIVE: &str = "tests/learn/archive";
const EXPORT: &str = "tests/learn/export.jsonl";

/// The six archive articles, in path order.
fn articles() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(ARCHIVE);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 6);
    files
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The learned file of the whole archive.
fn whole() -> String {
    run(&["learn", ARCHIVE, EXPORT], 0)
}

#[test]
fn a_folder_and_an_export_learn_into_a_readable_rule_file() {
    insta::assert_snapshot!(whole());
}

#[test]
fn the_map_step_writes_one_json_line_per_article() {
    insta::assert_snapshot!(run(&["learn", "--map", EXPORT], 0));
}

#[test]
fn learning_two_halves_and_merging_them_gives_the_whole() {
    let dir = TempDir::new().unwrap();
    let at = |name: &str| dir.path().join(name).display().to_string();
    let files = articles();
    let (first, second) = files.split_at(3);
    let mut half_a: Vec<&str> = vec!["learn"];
    half_a.extend(first.iter().map(|p| path_str(p)));
    let mut half_b: Vec<&str> = vec!["learn"];
    half_b.extend(second.iter().map(|p| path_str(p)));
    half_b.push(EXPORT);

    // Map outputs, merged in either order.
    let (map_a, map_b) = (at("a.jsonl"), at("b.jsonl"));
    run(&[&half_a[..], &["--map", "--out", &map_a]].concat(), 0);
    run(&[&half_b[..], &["--map", "--out", &map_b]].concat(), 0);
    let whole = whole();
    assert_eq!(run(&["learn", "--merge", &map_a, &map_b], 0), whole);
    assert_eq!(run(&["learn", "--merge", &map_b, &map_a], 0), whole);

    // Learned files, merged with each other and with a map output.
    let (learned_a, learned_b) = (at("a.yaml"), at("b.yaml"));
    run(&[&half_a[..], &["--out", &learned_a]].concat(), 0);
    run(&[&half_b[..], &["--out", &learned_b]].concat(), 0);
    assert_ne!(std::fs::read_to_string(&learned_a).unwrap(), whole);
    assert_eq!(run(&["learn", "--merge", &learned_a, &learned_b], 0), whole);
    assert_eq!(run(&["learn", "--merge", &learned_b, &map_a], 0), whole);

    // Merging a merge again changes nothing: the file holds every count.
    let merged = at("merged.yaml");
    run(&["learn", "--merge", &learned_a, &learned_b, "--out", &merged], 0);
    assert_eq!(run(&["learn", "--merge", &merged], 0), whole);
}

#[test]
fn a_draft_misspelling_a_name_the_archive_knows_is_found() {
    let dir = TempDir::new().unwrap();
    let names = dir.path().join("names.yaml").display().to_string();
    run(&["learn", ARCHIVE, EXPORT, "--out", &names], 0);
    insta::assert_snapshot!(run(&["check", "--rules", &names, "tests/learn/draft.md"], 1));
    // Without the learned file the draft agrees with itself.
    assert_eq!(
        run(&["check", "tests/learn/draft.md"], 0),
        "No findings in 1 file.\n"
    );
    // The usual spelling, and a name the archive never wrote, stay quiet.
    let good = dir.path().join("good.md");
    std::fs::write(
        &good,
        "# Minister visits Wakefield\n\nHealth Secretary Margaret Thornbury met \
         Sunita Ramsden, the hospital's chief executive, on Friday.\n",
    )
    .unwrap();
    assert_eq!(
        run(&["check", "--rules", &names, path_str(&good)], 0),
        "No findings in 1 file.\n"
    );
}

#[test]
fn a_bad_line_is_named_and_the_rest_still_learned() {
    let dir = TempDir::new().unwrap();
    let export = dir.path().join("bad.jsonl");
    std::fs::write(
        &export,
        "{\"text\": \"Margaret Thornbury spoke.\", \"date\": \"2024-07-01\"}\n\
         {\"text\": \"Margaret Thornbury left.\", \"date\": \"July 2024\"}\n\
         {\"body\": \"no text field\"}\n",
    )
    .unwrap();
    let out = claimlint().args(["learn", path_str(&export)]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let display = export.display();
    assert_eq!(
        stderr,
        format!(
            "error: {display}:2:57: invalid date \"July 2024\", expected YYYY-MM-DD\n\
             error: {display}:3:25: missing field `text`\n"
        )
    );
    let learned = String::from_utf8(out.stdout).unwrap();
    assert!(
        learned.contains(
            "  articles: 1\n  people:\n    - name: \"Margaret Thornbury\"\n      spellings:\n        \
             - {spelling: \"Margaret Thornbury\", count: 1, first: 2024-07-01, last: 2024-07-01}\n"
        ),
        "{learned}"
    );
}

#[test]
fn a_merge_of_a_file_that_was_not_learned_is_an_error() {
    let out = claimlint()
        .args(["learn", "--merge", "rules/claims.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: rules/claims.yaml: no `archive:` section; is it a learned file?\n"
    );
}

/// A second archive, of a chancellor moved to the Home Office and her
/// successor, and of people whose ages it gives with dates.
const PEOPLE: &str = "tests/learn/people";

#[test]
fn titles_and_ages_are_learned_with_their_dates() {
    let learned = run(&["learn", PEOPLE], 0);
    insta::assert_snapshot!(learned);
    // The map step carries them too, and merging the map outputs gives the
    // same file.
    let dir = TempDir::new().unwrap();
    let map = dir.path().join("people.jsonl").display().to_string();
    run(&["learn", "--map", PEOPLE, "--out", &map], 0);
    let lines = std::fs::read_to_string(&map).unwrap();
    assert!(
        lines.contains(r#""titles":{"Priya Kaul":{"chancellor":1},"Rupert Ashdown":{"home secretary":1}},"ages":{"Priya Kaul":{"41":1}}"#),
        "{lines}"
    );
    assert_eq!(run(&["learn", "--merge", &map], 0), learned);
}

#[test]
fn a_title_the_archive_gave_someone_else_and_an_age_that_does_not_fit_are_found() {
    let dir = TempDir::new().unwrap();
    let names = dir.path().join("names.yaml").display().to_string();
    run(&["learn", PEOPLE, "--out", &names], 0);
    insta::assert_snapshot!(run(
        &["check", "--rules", &names, "tests/learn/people-draft.md"],
        1
    ));
    // The archive's holder, a former holder, a person who held another
    // office, ages that fit, titles many hold at once and a title of
    // another country's: all quiet.
    assert_eq!(
        run(&["check", "--rules", &names, "tests/learn/people-quiet.md"], 0),
        "No findings in 1 file.\n"
    );
    // Without a date there is no age to expect.
    assert_eq!(
        run(&["check", "--rules", &names, "tests/learn/people-undated.md"], 0),
        "No findings in 1 file.\n"
    );
    // With --date, there is.
    let dated = run(
        &[
            "check",
            "--rules",
            &names,
            "--date",
            "2024-05-02",
            "tests/learn/people-undated.md",
        ],
        1,
    );
    assert!(
        dated.contains("Helen Marsh's age as 53 on 2023-04-12, so about 54 on 2024-05-02"),
        "{dated}"
    );
}

#[test]
fn a_learned_file_without_titles_or_ages_still_loads_and_checks() {
    // The file `learn` wrote before titles and ages were kept.
    let old =
        "archive:\n  articles: 2\n  people:\n    - name: \"Gurinder Chadha\"\n      spellings:\n        \
               - {spelling: \"Gurinder Chadha\", count: 212, first: 2004-01-02, last: 2005-03-01}\n  \
               organisations: []\n";
    let dir = TempDir::new().unwrap();
    let names = dir.path().join("old.yaml");
    std::fs::write(&names, old).unwrap();
    let draft = dir.path().join("d.md");
    std::fs::write(
        &draft,
        "# Film\n\nOn 3 May 2005, Film-maker Gurinder Chada, 45, spoke.\n",
    )
    .unwrap();
    let out = run(&["check", "--rules", path_str(&names), path_str(&draft)], 1);
    assert!(
        out.contains("the archive writes \"Gurinder Chadha\" 212 times"),
        "{out}"
    );
    assert_eq!(out.matches("warning[naming.archive]").count(), 1, "{out}");
    // And a merge of it writes the same file, titles and ages still absent.
    let merged = run(&["learn", "--merge", path_str(&names)], 0);
    assert!(
        merged.ends_with(&old[old.find("  people:").unwrap()..]),
        "{merged}"
    );
}

#[test]
fn the_learned_fixture_examples_behave() {
    // Spellings, titles and ages: each bad example fires, each good one
    // stays quiet.
    let out = run(&["rules", "test", "tests/fixtures/naming.archive/names.yaml"], 0);
    assert!(out.contains(" passed, 0 failed"), "{out}");
}
