//! Every example of every shipped rule: a bad example must produce a
//! finding of its rule, a good one must not.

use claimlint::rules::Pack;
use claimlint::Checker;

#[test]
fn every_shipped_example_behaves() {
    let outcome = claimlint::example::run(&Checker::new(Pack::builtin().unwrap()));
    let failures: Vec<String> = outcome.failures.iter().map(ToString::to_string).collect();
    assert!(
        failures.is_empty(),
        "{} of {} examples failed:\n{}",
        failures.len(),
        outcome.run,
        failures.join("\n")
    );
    assert!(outcome.run >= 40, "only {} examples ran", outcome.run);
}

/// The `(text, bad)` examples of a YAML rule file: every string under an
/// `examples:` key, bad when under its `bad:` list.
fn example_texts(yaml: &str) -> Vec<(String, bool)> {
    fn walk(value: &serde_yaml::Value, inside: Option<bool>, out: &mut Vec<(String, bool)>) {
        match value {
            serde_yaml::Value::String(s) => {
                if let Some(bad) = inside {
                    out.push((s.clone(), bad));
                }
            }
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| walk(v, inside, out)),
            serde_yaml::Value::Mapping(map) => {
                for (key, v) in map {
                    let inside = match key.as_str() {
                        Some("examples") => Some(false),
                        Some("bad") if inside.is_some() => Some(true),
                        _ => inside,
                    };
                    walk(v, inside, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_yaml::from_str(yaml).unwrap(), None, &mut out);
    out
}

/// A style pack's own examples behave with the style loaded (the default
/// pack's examples may not: a style changes what is a slip).
#[test]
fn every_style_pack_example_behaves() {
    for &(style, _, yaml) in claimlint::rules::STYLES {
        let own = example_texts(yaml);
        assert!(!own.is_empty(), "--style {style} has no examples");
        let pack = claimlint::setup::with_style(Pack::builtin().unwrap(), style).unwrap();
        let outcome = claimlint::example::run(&Checker::new(pack));
        let failures: Vec<String> = outcome
            .failures
            .iter()
            .filter(|f| own.contains(&(f.text.clone(), f.bad)))
            .map(ToString::to_string)
            .collect();
        assert!(
            failures.is_empty(),
            "--style {style}: {} examples failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
