//! A long draft is read a segment at a time; what it is found to say must
//! not depend on where the segments end. Every fixture, both examples and
//! a draft written to put each check's two halves in different segments
//! are checked whole and in segments of one block, and of a few blocks,
//! with and without each house style.

use std::path::{Path, PathBuf};

use claimlint::check::Compiled;
use claimlint::check::Document;
use claimlint::rules::Pack;
use claimlint::source::{Format, Source};
use claimlint::Checker;

/// A draft whose every check pairs a sentence near the top with one far
/// below, a paragraph a line: in segments of one block, every pair is split.
const SPLIT: &str = "\
Kerry calls for FSA talks

Foreign Minister Sergey Lavrov met John Kerry on Tuesday, Dec. 14, in Moscow.

The FSA regrouped on Monday, Dec. 14, as the peacekeepers arrived.

Mitch killed 10,000 people.

A cease fire was agreed, and the air strikes stopped.

The Free Syrian Army (FSA) said the truce would hold.

Sergei Lavrov, 65, said the Russian Federation wanted peace.

Lavrov, 66, left Moscow. Putin said nothing.

The ceasefire held for a day; the airstrikes resumed.

Later the FSA (Free Syria Army) denied it, and the Free Syrian Army fought on.

Officials said Mitch killed 12,000 people.

The storm called Mitch was the deadliest in the region, Mr. Putin's aides said.

Russia and the U.S. met at the UN on Wednesday, December 16, 2015.

The cease-fire broke. The US and the USA disagreed, and the peace keepers left.
";

fn inputs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = Vec::new();
    for dir in std::fs::read_dir(root.join("tests/fixtures")).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            paths.push(file.unwrap().path());
        }
    }
    for example in ["kerry-lavrov.txt", "contradictions.md"] {
        paths.push(root.join("examples").join(example));
    }
    paths.sort();
    let mut inputs: Vec<(String, String)> = paths
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    inputs.push(("split.txt".to_string(), SPLIT.to_string()));
    // Found by fuzzing: a title ending one paragraph was taken for the name
    // opening the next, only when both were in one segment.
    inputs.push((
        "title.md".to_string(),
        "The union met the finance minister\n\nBerg, 56, said the talks would go on.\n\n\
         Defence Minister Anna Berg visited the port.\n"
            .to_string(),
    ));
    // Found by fuzzing too: "an" ending one paragraph made the title
    // opening the next a qualified one.
    inputs.push((
        "qualified.txt".to_string(),
        "Anna Berg is Defence Minister.\n\nThe union would not make an\n\n\
         Finance Minister Anna Berg said so.\n"
            .to_string(),
    ));
    // Everything one after another: names, acronyms and words of one
    // draft met again in another.
    let all: Vec<&str> = inputs.iter().map(|(_, text)| text.as_str()).collect();
    inputs.push(("all.md".to_string(), all.join("\n\n")));
    inputs
}

fn source(path: &str, text: &str) -> Source {
    let format = if path.ends_with(".md") {
        Format::Markdown
    } else {
        Format::Text
    };
    Source::new(path, text, format)
}

#[test]
fn findings_do_not_depend_on_the_segments() {
    for style in [None, Some("ap"), Some("reuters")] {
        let mut pack = Pack::builtin().unwrap();
        if let Some(style) = style {
            pack = pack.with_style(style).unwrap();
        }
        let checker = Checker::new(pack);
        for (path, text) in inputs() {
            let source = source(&path, &text);
            let whole = checker.check(&source);
            for bytes in [1, 300] {
                let segmented = Checker::new(checker.pack().clone()).with_segments(bytes);
                assert_eq!(
                    segmented.check(&source),
                    whole,
                    "{path} in segments of {bytes} bytes, style {style:?}"
                );
            }
        }
    }
}

#[test]
fn what_a_document_holds_does_not_depend_on_the_segments() {
    let pack = Pack::builtin().unwrap();
    let compiled = Compiled::new(&pack);
    for (path, text) in inputs() {
        let source = source(&path, &text);
        let whole = Document::new(&source, &compiled, &pack, None);
        let segmented = Document::in_segments(&source, &compiled, &pack, None, 1);
        assert_eq!(segmented.mentions, whole.mentions, "{path}");
        assert_eq!(segmented.claims, whole.claims, "{path}");
        assert_eq!(segmented.sentences, whole.sentences, "{path}");
        assert_eq!(segmented.story_date, whole.story_date, "{path}");
        assert_eq!(segmented.headline(), whole.headline(), "{path}");
        assert_eq!(segmented.tokens.len(), whole.tokens.len(), "{path}");
        // Only the tokens around names are kept.
        assert!(segmented.tokens.held() <= whole.tokens.held(), "{path}");
        if path.starts_with("split") || path.starts_with("all") {
            assert!(segmented.tokens.held() < whole.tokens.held(), "{path}");
        }
    }
}

#[test]
fn the_split_draft_finds_each_pair_across_segments() {
    let checker = Checker::new(Pack::builtin().unwrap()).with_segments(1);
    let rules: Vec<&str> = checker
        .check(&source("split.txt", SPLIT))
        .iter()
        .map(|f| f.rule)
        .collect();
    let terms: Vec<&&str> = rules.iter().filter(|r| **r == "terms.hyphenation").collect();
    // ceasefire, airstrikes, and peacekeepers written closed first.
    assert_eq!(terms.len(), 3, "{rules:?}");
    for rule in [
        "naming.variant",
        "acronym.conflict",
        "acronym.early",
        "terms.hyphenation",
        "claims.age",
        "claims.count",
        "claims.weekday",
        "naming.abbreviation",
        "naming.entity",
    ] {
        assert!(rules.contains(&rule), "{rule} not found in {rules:?}");
    }
}

#[test]
fn rule_examples_hold_in_segments_of_one_block() {
    let checker = Checker::new(Pack::builtin().unwrap()).with_segments(1);
    let outcome = claimlint::example::run(&checker);
    assert!(outcome.run > 100, "{}", outcome.run);
    assert_eq!(outcome.failures, vec![]);
}

#[test]
fn the_parts_of_a_draft_do_not_depend_on_the_segments() {
    use claimlint::source::Part;
    let pack = Pack::builtin().unwrap();
    let compiled = Compiled::new(&pack);
    let text = "# Five killed in Leeds blast\n\nFour people died, police say\n\n\
                ![The factory](f.jpg)\n\n*Firefighters at the site*\n\n\
                Police said four people were killed.\n\n> \"It shook the street,\" one man said.\n";
    let draft = source("parts.md", text);
    let whole = Document::new(&draft, &compiled, &pack, None);
    let parts: Vec<(Part, &str)> = whole
        .parts()
        .iter()
        .map(|&(span, part)| (part, span.slice(text)))
        .collect();
    assert_eq!(
        parts,
        vec![
            (Part::Headline, "Five killed in Leeds blast"),
            (Part::Standfirst, "Four people died, police say"),
            (Part::Caption, "The factory"),
            (Part::Caption, "Firefighters at the site"),
            (Part::PullQuote, "\"It shook the street,\" one man said."),
        ]
    );
    let parts_of_sentences: Vec<Part> = (0..whole.sentences.len())
        .map(|i| whole.sentence_part(i))
        .collect();
    assert_eq!(
        parts_of_sentences,
        [
            Part::Headline,
            Part::Standfirst,
            Part::Caption,
            Part::Caption,
            Part::Body,
            Part::PullQuote
        ]
    );
    for (path, text) in inputs() {
        let source = source(&path, &text);
        let whole = Document::new(&source, &compiled, &pack, None);
        let segmented = Document::in_segments(&source, &compiled, &pack, None, 1);
        assert_eq!(segmented.parts(), whole.parts(), "{path}");
    }
}
