//! The `learn` command: reading an archive (files, folders, JSON-lines
//! exports), mapping its articles on every core, merging, and writing the
//! learned file or the map output.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Deserialize;

use super::{archive, Counts, Mapper, Tally};
use crate::source::{Format, Source};

/// `claimlint learn`'s arguments.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Published articles: files, folders (their .md, .markdown and .txt
    /// files, and .jsonl/.ndjson files), or JSON-lines exports (.jsonl,
    /// .ndjson: one article a line, with `text` and an optional `date`).
    /// With --merge: map outputs (JSON lines) and learned files (.yaml).
    #[arg(required = true, value_name = "ARCHIVE")]
    pub archive: Vec<PathBuf>,
    /// Write here instead of to standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Write the map step only: one JSON line per article with the people
    /// and organisations it names, for a merge elsewhere.
    #[arg(long, conflicts_with = "merge")]
    pub map: bool,
    /// Merge map outputs and learned files into one learned file.
    #[arg(long)]
    pub merge: bool,
}

/// Exit status: a file could not be read (the others still were).
const ERROR: u8 = 2;

/// The articles read and mapped at once: enough to keep every core busy,
/// little enough that memory stays flat however big the archive.
const BATCH_BYTES: usize = 32 << 20;

/// One item of input waiting to be mapped.
enum Item {
    /// A file that is one article.
    File(PathBuf),
    /// One line of a JSON-lines file: the file, its 1-based line, its text.
    Line(std::sync::Arc<str>, usize, String),
}

/// What one item gave.
type Mapped = Result<Option<Counts>, String>;

/// Runs `claimlint learn`; returns the exit status (0, or 2 when any input
/// could not be read: each is named on standard error, and the rest are
/// still learned).
pub fn run(args: &Args) -> u8 {
    let mut failed = false;
    let mut fail = |message: String| {
        eprintln!("error: {message}");
        failed = true;
    };
    let files = files(&args.archive, args.merge, &mut fail);
    let mapper = Mapper::default();
    let mut tally = Tally::default();
    // Learned files merged whole, beside the lines merged one by one.
    let mut parts = Tally::default();
    let mut map_out: Vec<u8> = Vec::new();
    let mut out = match open_out(args.out.as_deref()) {
        Ok(out) => out,
        Err(e) => {
            fail(e);
            return ERROR;
        }
    };
    let mut write_error = None;
    {
        let mut take = |mapped: Vec<Mapped>, fail: &mut dyn FnMut(String)| {
            for m in mapped {
                match m {
                    Ok(Some(counts)) if args.map => {
                        map_out.clear();
                        if serde_json::to_writer(&mut map_out, &counts).is_ok() {
                            map_out.push(b'\n');
                            if let Err(e) = out.write_all(&map_out) {
                                write_error.get_or_insert(e.to_string());
                            }
                        }
                    }
                    Ok(Some(counts)) => tally.add(counts),
                    Ok(None) => {}
                    Err(message) => fail(message),
                }
            }
        };
        let process = |item: &Item| -> Mapped {
            match item {
                Item::File(path) => {
                    let source = Source::read(path).map_err(|e| e.to_string())?;
                    Ok(Some(mapper.map(&source, None)))
                }
                Item::Line(path, line, text) if args.merge => map_line(path, *line, text),
                Item::Line(path, line, text) => article_line(&mapper, path, *line, text),
            }
        };
        let mut batch: Vec<Item> = Vec::new();
        let mut bytes = 0;
        let mut flush = |batch: &mut Vec<Item>, fail: &mut dyn FnMut(String)| {
            let mapped: Vec<Mapped> = batch.par_iter().map(process).collect();
            batch.clear();
            take(mapped, fail);
        };
        for file in files {
            let yaml = matches!(file.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
            if args.merge && yaml {
                match learned(&file) {
                    Ok(part) => parts.merge(part),
                    Err(e) => fail(e),
                }
            } else if args.merge || lines_file(&file) {
                let display: std::sync::Arc<str> = file.display().to_string().into();
                let reader = match std::fs::File::open(&file) {
                    Ok(f) => BufReader::new(f),
                    Err(e) => {
                        fail(format!("{display}: {e}"));
                        continue;
                    }
                };
                for (n, line) in reader.split(b'\n').enumerate() {
                    let line = match line.map(String::from_utf8) {
                        Ok(Ok(line)) => line,
                        Ok(Err(_)) => {
                            fail(format!("{display}:{}: not valid UTF-8", n + 1));
                            continue;
                        }
                        Err(e) => {
                            fail(format!("{display}:{}: {e}", n + 1));
                            break;
                        }
                    };
                    bytes += line.len();
                    batch.push(Item::Line(display.clone(), n + 1, line));
                    if bytes >= BATCH_BYTES {
                        flush(&mut batch, &mut fail);
                        bytes = 0;
                    }
                }
            } else {
                bytes += std::fs::metadata(&file).map_or(0, |m| m.len() as usize);
                batch.push(Item::File(file));
                if bytes >= BATCH_BYTES {
                    flush(&mut batch, &mut fail);
                    bytes = 0;
                }
            }
        }
        flush(&mut batch, &mut fail);
    }
    tally.merge(parts);
    if !args.map {
        if let Err(e) = out.write_all(archive::to_yaml(&tally).as_bytes()) {
            write_error.get_or_insert(e.to_string());
        }
    }
    if let Err(e) = out.flush() {
        write_error.get_or_insert(e.to_string());
    }
    if let Some(e) = write_error {
        let to = args
            .out
            .as_ref()
            .map_or("standard output".to_string(), |p| p.display().to_string());
        // A closed pipe (`| head`) is the reader's choice, not an error.
        if !e.contains("Broken pipe") {
            fail(format!("{to}: {e}"));
        }
    }
    if failed {
        ERROR
    } else {
        0
    }
}

/// Where the output goes.
fn open_out(path: Option<&Path>) -> Result<Box<dyn Write>, String> {
    match path {
        Some(p) => std::fs::File::create(p)
            .map(|f| Box::new(std::io::BufWriter::new(f)) as Box<dyn Write>)
            .map_err(|e| format!("{}: {e}", p.display())),
        None => Ok(Box::new(std::io::BufWriter::new(std::io::stdout().lock()))),
    }
}

/// Whether a file holds JSON lines, by its extension.
fn lines_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson" | "json")
    )
}

/// The files the arguments name, folders walked (respecting `.gitignore`)
/// in path order.
fn files(paths: &[PathBuf], merge: bool, fail: &mut dyn FnMut(String)) -> Vec<PathBuf> {
    let wanted = |p: &Path| {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if merge {
            matches!(ext, "jsonl" | "ndjson" | "json" | "yaml" | "yml")
        } else {
            matches!(ext, "md" | "markdown" | "txt" | "jsonl" | "ndjson")
        }
    };
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => fail(format!("{}: {e}", path.display())),
            Ok(meta) if meta.is_dir() => {
                let mut found: Vec<PathBuf> = Vec::new();
                for entry in ignore::WalkBuilder::new(path).build() {
                    match entry {
                        Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && wanted(e.path()) => {
                            found.push(e.into_path())
                        }
                        Ok(_) => {}
                        Err(e) => fail(format!("{}: {e}", path.display())),
                    }
                }
                found.sort();
                out.extend(found);
            }
            Ok(_) => out.push(path.clone()),
        }
    }
    out
}

/// A line of a JSON-lines export: an article.
#[derive(Deserialize)]
struct ArticleLine {
    text: String,
    #[serde(default, deserialize_with = "lenient_day")]
    date: Option<Date>,
}

/// A date written `YYYY-MM-DD`, perhaps with a time after it
/// (`2005-03-01T09:30:00Z`): the day is enough.
fn lenient_day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    let Some(text) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    let day = text
        .get(..10)
        .filter(|_| text.len() == 10 || text[10..].starts_with(['T', ' ', 't']));
    day.and_then(|d| d.parse::<Date>().ok())
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom(format!("invalid date {text:?}, expected YYYY-MM-DD")))
}

/// `path:line:column: message` for a JSON error on line `line`.
fn json_error(path: &str, line: usize, e: &serde_json::Error) -> String {
    let mut message = e.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    format!("{path}:{line}:{}: {message}", e.column())
}

/// Maps one line of an export; a blank line is no article.
fn article_line(mapper: &Mapper, path: &str, line: usize, text: &str) -> Mapped {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let article: ArticleLine = serde_json::from_str(text).map_err(|e| json_error(path, line, &e))?;
    let source = Source::new(format!("{path}:{line}"), article.text, Format::Text);
    Ok(Some(mapper.map(&source, article.date)))
}

/// Reads one line of a map output.
fn map_line(path: &str, line: usize, text: &str) -> Mapped {
    if text.trim().is_empty() {
        return Ok(None);
    }
    serde_json::from_str::<Counts>(text)
        .map(Some)
        .map_err(|e| json_error(path, line, &e))
}

/// The tally of a learned file.
fn learned(path: &Path) -> Result<Tally, String> {
    let display = path.display().to_string();
    let text = crate::source::read_utf8(path).map_err(|e| format!("{display}: {e}"))?;
    let file = crate::rules::parse_file(&display, &text).map_err(|e| e.to_string())?;
    match file.archive {
        Some(section) => Ok(archive::tally_of(section)),
        None => Err(format!("{display}: no `archive:` section; is it a learned file?")),
    }
}
