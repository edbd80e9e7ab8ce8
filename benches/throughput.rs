//! Throughput of a whole check (read, parse, mentions, every rule) over
//! about 5 MB of news prose, on one core; each stage alone; and how the
//! time of one draft grows with its size (1, 4 and 16 MB); and `learn`'s
//! map and merge.
//!
//! The input is the example article repeated; set `CLAIMLINT_CORPUS` to a
//! directory of `.txt` articles to measure real news instead (read at bench
//! time, never copied into the repository).

#[path = "../tests/common/hostile.rs"]
mod hostile;

use std::path::Path;

use claimlint::check::Compiled;
use claimlint::check::Document;
use claimlint::mention::Lexicon;
use claimlint::rules::Pack;
use claimlint::source::{Format, Source};
use claimlint::Checker;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The binary's allocator, so that the figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TARGET_BYTES: usize = 5 * 1024 * 1024;

/// Articles to check: the corpus when one is named, else the example.
fn articles() -> Vec<String> {
    if let Ok(dir) = std::env::var("CLAIMLINT_CORPUS") {
        let mut found = Vec::new();
        collect(Path::new(&dir), &mut found);
        if !found.is_empty() {
            return found;
        }
    }
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kerry-lavrov.txt");
    vec![std::fs::read_to_string(example).expect("the example article is in the repository")]
}

fn collect(dir: &Path, found: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, found);
        } else if path.extension().is_some_and(|e| e == "txt") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                found.push(text);
            }
        }
    }
}

fn throughput(c: &mut Criterion) {
    let checker = Checker::new(Pack::builtin().expect("the built-in pack loads"));
    let articles = articles();
    let mut drafts = Vec::new();
    let mut total = 0;
    while total < TARGET_BYTES {
        for text in &articles {
            total += text.len();
            drafts.push(Source::new("bench.txt", text.clone(), Format::Text));
        }
    }
    let one_draft = Source::new(
        "bench.txt",
        drafts
            .iter()
            .map(|d| d.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
        Format::Text,
    );

    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("articles", |b| {
        b.iter(|| drafts.iter().map(|d| checker.check(d).len()).sum::<usize>())
    });
    group.throughput(Throughput::Bytes(one_draft.text.len() as u64));
    group.bench_function("one_5mb_draft", |b| b.iter(|| checker.check(&one_draft).len()));
    group.finish();

    // The stages, each including the ones before it.
    let pack = checker.pack();
    let lexicon = Lexicon::new(pack);
    let compiled = Compiled::new(pack);
    let mut stages = c.benchmark_group("stages");
    stages.sample_size(10);
    stages.throughput(Throughput::Bytes(total as u64));
    stages.bench_function("parse", |b| {
        b.iter(|| {
            drafts
                .iter()
                .map(|d| claimlint::parse::parse(&d.text, &d.blocks).tokens.len())
                .sum::<usize>()
        })
    });
    stages.bench_function("parse_mentions", |b| {
        b.iter(|| {
            drafts
                .iter()
                .map(|d| {
                    let parsed = claimlint::parse::parse(&d.text, &d.blocks);
                    claimlint::mention::find(&d.text, &parsed.tokens, &parsed.sentences, &lexicon)
                        .names
                        .len()
                })
                .sum::<usize>()
        })
    });
    stages.bench_function("parse_mentions_claims", |b| {
        b.iter(|| {
            drafts
                .iter()
                .map(|d| Document::new(d, &compiled, pack, None).claims.len())
                .sum::<usize>()
        })
    });
    stages.finish();
}

/// One draft of 1, 4 and 16 MB made of the same articles: the time per
/// byte must stay flat (4x the input at most 4.4x the time).
fn scaling(c: &mut Criterion) {
    let checker = Checker::new(Pack::builtin().expect("the built-in pack loads"));
    let articles = articles();
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for megabytes in [1usize, 4, 16] {
        let target = megabytes * 1024 * 1024;
        let mut text = String::with_capacity(target + 64 * 1024);
        'fill: loop {
            for article in &articles {
                if text.len() >= target {
                    break 'fill;
                }
                text.push_str(article);
                text.push_str("\n\n");
            }
        }
        let draft = Source::new("bench.txt", text, Format::Text);
        group.throughput(Throughput::Bytes(draft.text.len() as u64));
        group.bench_function(format!("{megabytes}mb"), |b| {
            b.iter(|| checker.check(&draft).len())
        });
    }
    group.finish();
}

/// Inputs built to defeat a stage: one sentence repeated (one finding
/// gathering tens of thousands of places, and its fix), 2 and 8 MB. The
/// time per byte must stay flat: 8 MB within 4.4 times 2 MB.
fn hostile(c: &mut Criterion) {
    let checker = Checker::new(Pack::builtin().expect("the built-in pack loads"));
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    let sizes: &[(&str, usize)] = &[("2mb", 2 * 1024 * 1024), ("8mb", 8 * 1024 * 1024)];
    for &(name, build) in hostile::INPUTS {
        for &(size, bytes) in sizes {
            let draft = Source::new("bench.txt", build(bytes), Format::Text);
            group.throughput(Throughput::Bytes(draft.text.len() as u64));
            group.bench_function(format!("{name}_{size}"), |b| {
                b.iter(|| {
                    let findings = checker.check(&draft);
                    claimlint::fix::apply(&draft.text, &findings, claimlint::fix::FixMode::Safe)
                        .map(|a| a.fixed.len())
                })
            });
        }
    }
    group.finish();
}

/// `learn`'s map and merge over about 5 MB of articles, on one core: the
/// map is what a core does per byte of archive; the merge and the learned
/// file are paid per distinct name.
fn learn(c: &mut Criterion) {
    use claimlint::learn::{archive, Mapper, Tally};
    let mapper = Mapper::new(&Pack::builtin().expect("the built-in pack loads"));
    let articles = articles();
    let mut sources = Vec::new();
    let mut total = 0;
    while total < TARGET_BYTES {
        for text in &articles {
            total += text.len();
            sources.push(Source::new("bench.txt", text.clone(), Format::Text));
        }
    }
    let mut group = c.benchmark_group("learn");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("map", |b| {
        b.iter(|| {
            sources
                .iter()
                .map(|s| mapper.map(s, None).people.len())
                .sum::<usize>()
        })
    });
    group.bench_function("map_merge_write", |b| {
        b.iter(|| {
            let mut tally = Tally::default();
            for s in &sources {
                tally.add(mapper.map(s, None));
            }
            archive::to_yaml(&tally).len()
        })
    });
    group.finish();
}

criterion_group!(benches, throughput, scaling, hostile, learn);
criterion_main!(benches);
