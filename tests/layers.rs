//! The layer order that `ARCHITECTURE.md` writes down is the one the code
//! keeps: every module of `src/` has a layer, and a module names only
//! modules of lower layers (`use crate::...`, `crate::...` paths, and the
//! crate root's `Checker`). A module added without a layer, or an import
//! that runs up or across, fails here with the file and the line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The crate root's own items (`Checker`) count as the module `lib`.
const ROOT_ITEMS: &[&str] = &["Checker"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `layer N  a b c` lines of ARCHITECTURE.md: module to layer.
fn layers() -> BTreeMap<String, u32> {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let mut layers = BTreeMap::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("layer ") else {
            continue;
        };
        let mut words = rest.split_whitespace();
        let n: u32 = words.next().and_then(|n| n.parse().ok()).expect("a layer number");
        for module in words {
            let module = module.trim_end_matches(',');
            assert!(
                layers.insert(module.to_string(), n).is_none(),
                "{module} has two layers in ARCHITECTURE.md"
            );
        }
    }
    layers
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`check` for
/// `src/check/claims.rs`), `lib` for the crate root, `None` for the binary.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    match first {
        "main.rs" => None,
        "lib.rs" => Some("lib".into()),
        _ => Some(first.trim_end_matches(".rs").to_string()),
    }
}

/// The library code of a file: its test module and comments left out.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let end = text
        .match_indices("#[cfg(test)]\n")
        .find(|(at, mark)| {
            let next = text[at + mark.len()..]
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start();
            next.starts_with("mod ") || next.starts_with("pub(crate) mod ") || next.starts_with("pub mod ")
        })
        .map_or(text.len(), |(at, _)| at);
    text[..end]
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or_default()))
}

/// The crate modules (or root items) a line names, as `(name, line)`.
/// Paths start `crate::` anywhere on the line; a `use crate::{a, b::c}`
/// group (which may run over several lines) names each of its top-level
/// entries; in the crate root, a path starts at a module's name.
fn named(text: &str, in_root: bool, modules: &BTreeMap<String, u32>) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut group: Option<(usize, String)> = None;
    for (number, line) in code_lines(text) {
        if let Some((start, body)) = group.as_mut() {
            body.push_str(line);
            if line.contains("};") {
                let (start, body) = (*start, std::mem::take(body));
                group = None;
                out.extend(group_entries(&body).into_iter().map(|n| (n, start)));
            }
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(body) = rest.strip_prefix('{') {
                if body.contains("};") {
                    out.extend(group_entries(body).into_iter().map(|n| (n, number)));
                } else {
                    group = Some((number, body.to_string()));
                }
                break;
            }
            out.push((ident(rest).to_string(), number));
        }
        if in_root && !line.trim_start().starts_with("pub mod") {
            for word in line.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
                if let Some((first, _)) = word.split_once("::") {
                    if modules.contains_key(first) && first != "lib" {
                        out.push((first.to_string(), number));
                    }
                }
            }
        }
    }
    out
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The top-level entries of a `{a, b::{c, d}, e}` group body.
fn group_entries(body: &str) -> Vec<String> {
    let mut entries = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in body.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => entries.push(std::mem::take(&mut current)),
            _ if depth == 0 => current.push(c),
            _ => {}
        }
    }
    entries.push(current);
    entries
        .iter()
        .map(|e| ident(e.trim()).to_string())
        .filter(|e| !e.is_empty() && e != "self")
        .collect()
}

#[test]
fn every_import_runs_down_the_layers_of_architecture_md() {
    let layers = layers();
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let Some(module) = module_of(relative) else {
            continue;
        };
        let Some(&layer) = layers.get(&module) else {
            wrong.push(format!(
                "src/{}: module `{module}` has no layer in ARCHITECTURE.md",
                relative.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (name, line) in named(&text, module == "lib", &layers) {
            let target = if ROOT_ITEMS.contains(&name.as_str()) {
                "lib".to_string()
            } else {
                name
            };
            if target == module {
                continue;
            }
            match layers.get(&target) {
                Some(&other) if other < layer => {}
                Some(&other) => wrong.push(format!(
                    "src/{}:{line}: `{module}` (layer {layer}) names `{target}` (layer {other}); \
                     a module names only lower layers",
                    relative.display()
                )),
                None => wrong.push(format!(
                    "src/{}:{line}: `{module}` names `crate::{target}`, which has no layer in ARCHITECTURE.md",
                    relative.display()
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_layered_module_exists() {
    let src = root().join("src");
    for module in layers().keys() {
        let exists = module == "lib"
            || src.join(format!("{module}.rs")).is_file()
            || src.join(module).join("mod.rs").is_file();
        assert!(
            exists,
            "ARCHITECTURE.md gives a layer to `{module}`, which is not a module of src/"
        );
    }
}

#[test]
fn the_reader_sees_groups_paths_and_the_root() {
    let modules: BTreeMap<String, u32> = [("check", 1), ("rules", 1), ("source", 1), ("lib", 2)]
        .into_iter()
        .map(|(m, n)| (m.to_string(), n))
        .collect();
    let text = "use crate::{\n    check::Document,\n    rules::{Pack, Rule},\n};\n\
                // crate::source is a comment\nlet p = crate::source::Source::new();\n";
    assert_eq!(
        named(text, false, &modules),
        vec![
            ("check".to_string(), 1),
            ("rules".to_string(), 1),
            ("source".to_string(), 6)
        ]
    );
    let root = "pub mod check;\nuse rules::Pack;\nfn f() { check::run(); }\n";
    assert_eq!(
        named(root, true, &modules),
        vec![("rules".to_string(), 2), ("check".to_string(), 3)]
    );
    let tests = "use crate::rules::Pack;\n#[cfg(test)]\nmod tests {\n    use crate::check::Document;\n}\n";
    assert_eq!(named(tests, false, &modules), vec![("rules".to_string(), 1)]);
    let shared =
        "use crate::rules::Pack;\n#[cfg(test)]\npub(crate) mod tests {\n    use crate::check::Document;\n}\n";
    assert_eq!(named(shared, false, &modules), vec![("rules".to_string(), 1)]);
}
