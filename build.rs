//! Collects each rule's documentation from the doc comment of its check
//! module, so that `claimlint explain RULE` and the SARIF rule metadata say
//! what the source says, and a rule cannot be added without its docs
//! reaching the user.
//!
//! A check module documents its rule in its leading `//!` lines, starting
//! with the rule code in backticks and a colon:
//!
//! ```text
//! //! `naming.entity`: one entity called by two of its names in one draft
//! //! ("Russian Federation" and "Russia").
//! //!
//! //! Why: ...
//! ```
//!
//! A module whose first doc line names several codes (`` `a.b`, `a.c`: ``)
//! documents each of them; one whose first doc line opens with
//! `` `family.*`: `` documents each code of the family its first paragraph
//! names that no module documents alone. The table is written to
//! `$OUT_DIR/rule_docs.rs` as `(code, doc)` pairs sorted by code.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_string());
    let check = Path::new(&manifest).join("src").join("check");
    println!("cargo:rerun-if-changed=src/check");
    let mut files = Vec::new();
    collect(&check, &mut files);
    files.sort();
    let mut docs: Vec<(String, String)> = Vec::new();
    // Modules that document a family (`claims.*`), read after the rest.
    let mut shared: Vec<(Vec<String>, String)> = Vec::new();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        let doc: Vec<&str> = text
            .lines()
            .take_while(|l| l.trim_start().starts_with("//!"))
            .map(|l| {
                let l = l.trim_start().trim_start_matches("//!");
                l.strip_prefix(' ').unwrap_or(l)
            })
            .collect();
        let Some(first) = doc.first() else {
            continue;
        };
        let Some((head, _)) = first.split_once(':') else {
            continue;
        };
        let body = doc.join("\n").trim().to_string();
        // `family.*`: the module documents each code of the family its
        // first paragraph names, that no module of its own documents.
        if let Some(family) = head.trim().strip_prefix('`').and_then(|h| h.strip_suffix(".*`")) {
            let first = body.split("\n\n").next().unwrap_or("").to_string();
            let prefix = format!("{family}.");
            let named: Vec<String> = first
                .split('`')
                .skip(1)
                .step_by(2)
                .filter(|c| c.starts_with(&prefix) && is_code(c))
                .map(str::to_string)
                .collect();
            shared.push((named, body));
            continue;
        }
        let codes: Vec<&str> = head
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|c| is_code(c))
            .collect();
        if codes.is_empty() || !head.trim_start().starts_with('`') {
            continue;
        }
        for code in codes {
            if !docs.iter().any(|(c, _)| c == code) {
                docs.push((code.to_string(), body.clone()));
            }
        }
    }
    for (named, body) in shared {
        for code in named {
            if !docs.iter().any(|(c, _)| *c == code) {
                docs.push((code, body.clone()));
            }
        }
    }
    docs.sort();
    let mut out = String::from("/// Each rule's documentation, from its check module: `(code, doc)`.\n");
    out.push_str("pub const RULE_DOCS: &[(&str, &str)] = &[\n");
    for (code, doc) in &docs {
        out.push_str(&format!("    ({code:?}, {doc:?}),\n"));
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".to_string());
    let target = Path::new(&out_dir).join("rule_docs.rs");
    if fs::read_to_string(&target).ok().as_deref() != Some(out.as_str()) {
        fs::write(&target, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
    }
}

/// `family.name`: lower-case words joined by dots, at least two of them.
fn is_code(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
