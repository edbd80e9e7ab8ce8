//! Rule codes are declared once, in `src/registry.rs`: a code written as a
//! string anywhere else in the program's source (tests aside) is a second
//! list that can drift from the first.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The program text of a source file: its lines before its test module,
/// without comments (which may name codes, as documentation does).
fn program(text: &str) -> Vec<(usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, line)| line.trim() != "#[cfg(test)]")
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(n, line)| (n + 1, line))
        .collect()
}

/// The rule codes written as string literals in `line`.
fn code_literals(line: &str) -> Vec<String> {
    let families: Vec<&str> = claimlint::registry::families();
    line.split('"')
        .skip(1)
        .step_by(2)
        .filter(|literal| {
            literal.split_once('.').is_some_and(|(family, name)| {
                families.contains(&family)
                    && !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            })
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn no_rule_code_is_written_outside_the_registry() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files.sort();
    let registry = root.join("src/registry.rs");
    let mut found = Vec::new();
    for file in files.iter().filter(|f| **f != registry) {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in program(&text) {
            for code in code_literals(line) {
                found.push(format!(
                    "{}:{n}: {code}",
                    file.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "rule codes written outside src/registry.rs:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_a_code_where_one_is_written() {
    assert_eq!(
        code_literals(r#"    add("naming.entity", r.severity, "x.y");"#),
        ["naming.entity"]
    );
    assert!(code_literals(r#"let s = "acronym.";"#).is_empty());
    assert_eq!(
        program("let a = 1;\n// \"naming.entity\"\n#[cfg(test)]\nlet b;"),
        [(1, "let a = 1;")]
    );
}
