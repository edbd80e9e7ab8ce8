//! Sources: reading a draft, finding its prose, and mapping byte offsets to
//! lines and columns.
//!
//! A [`Source`] keeps the file's text exactly as it was read (a byte-order
//! mark and CRLF line endings included), so every span in the pipeline is a
//! byte range into the original file. What is prose is described by
//! [`Block`]s: Markdown code, HTML, URLs and front matter are left out.

use std::path::Path;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::file::IoCause;
use crate::finding::Span;
use crate::lines::{Lines, Unit};

/// How a draft's text is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text: every non-blank line is a paragraph.
    Text,
    /// CommonMark, with YAML front matter, tables and footnotes.
    Markdown,
}

impl Format {
    /// The format a path's extension names: `.md` and `.markdown` are
    /// Markdown, anything else plain text.
    pub fn of_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") => {
                Format::Markdown
            }
            _ => Format::Text,
        }
    }
}

/// One paragraph-like run of prose: a heading, a paragraph, a list item or
/// a table cell. Sentences never cross a block. Its pieces are the byte
/// ranges that are prose, in order; markup between them is not.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Block {
    /// The prose ranges of this block, sorted and disjoint.
    pub pieces: Vec<Span>,
}

impl Block {
    /// How many bytes of prose the block holds.
    pub fn prose(&self) -> usize {
        self.pieces.iter().map(|p| p.end.saturating_sub(p.start)).sum()
    }
}

/// A draft read into memory.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path as the user gave it (`<stdin>` for standard input).
    pub path: String,
    /// The file's text, exactly as read.
    pub text: String,
    /// How the text was read.
    pub format: Format,
    /// The prose, block by block, in order.
    pub blocks: Vec<Block>,
    /// The lines, as every output counts them.
    lines: Lines,
    /// Length of the byte-order mark, if the file starts with one.
    bom: usize,
}

/// Why a draft could not be read, or its fixes not written back. Every
/// variant carries the path as the user gave it; reports show
/// [`InputError::path`] and [`InputError::message`] apart, and the
/// `Display` form is `path: message`. All of them make a run exit 2
/// while the other files are still checked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", self.path(), self.message())]
pub enum InputError {
    /// The file could not be read: missing, a directory, not allowed.
    Unreadable {
        /// The path as the user gave it.
        path: String,
        /// What the system said.
        cause: IoCause,
    },
    /// Standard input could not be read.
    Stdin {
        /// What the system said.
        cause: IoCause,
    },
    /// The file starts with a UTF-16 byte-order mark.
    Utf16 {
        /// The path as the user gave it.
        path: String,
    },
    /// A byte that is not UTF-8.
    NotUtf8 {
        /// The path as the user gave it.
        path: String,
        /// The byte offset of the first bad byte.
        offset: usize,
    },
    /// A directory being walked for drafts had an entry that could not be
    /// read (the walker's own message names the entry).
    Walk {
        /// The directory named on the command line.
        path: String,
        /// What the walker said.
        reason: String,
    },
    /// The fixed draft could not be written back to its file.
    NotWritten(crate::file::WriteError),
    /// Standard output did not take the text of a draft read from
    /// standard input.
    Output {
        /// The draft (`<stdin>`).
        path: String,
        /// Whether the text was fixed (`--fix` wrote the fixed text) or
        /// left as it was.
        fixed: bool,
        /// What the system said.
        cause: IoCause,
    },
}

impl InputError {
    /// The path as the user gave it (`<stdin>` for standard input).
    pub fn path(&self) -> &str {
        match self {
            InputError::Stdin { .. } => "<stdin>",
            InputError::NotWritten(e) => &e.path,
            InputError::Unreadable { path, .. }
            | InputError::Utf16 { path }
            | InputError::NotUtf8 { path, .. }
            | InputError::Walk { path, .. }
            | InputError::Output { path, .. } => path,
        }
    }

    /// What went wrong, for a person, without the path: the one place
    /// these messages are written.
    pub fn message(&self) -> String {
        match self {
            InputError::Unreadable { cause, .. } => cause.to_string(),
            InputError::Stdin { cause } => cause.full().to_string(),
            InputError::Utf16 { .. } => "the file is UTF-16 (it starts with a UTF-16 byte-order mark); \
                                         claimlint reads UTF-8: convert it first"
                .to_string(),
            InputError::NotUtf8 { offset, .. } => format!("not valid UTF-8: invalid byte at offset {offset}"),
            InputError::Walk { reason, .. } => reason.clone(),
            InputError::NotWritten(e) => e.failure.to_string(),
            InputError::Output { fixed, cause, .. } => {
                let what = if *fixed { "the fixed text" } else { "the text" };
                format!("cannot write {what}: {}", cause.full())
            }
        }
    }

    /// The error a directory walk met below `dir`, if it is one: a
    /// symbolic-link loop is walked once and is no error.
    pub fn walking(dir: &Path, error: &ignore::Error) -> Option<InputError> {
        fn is_loop(error: &ignore::Error) -> bool {
            match error {
                ignore::Error::Loop { .. } => true,
                ignore::Error::WithPath { err, .. }
                | ignore::Error::WithDepth { err, .. }
                | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
                ignore::Error::Partial(errors) => errors.iter().all(is_loop),
                _ => false,
            }
        }
        (!is_loop(error)).then(|| InputError::Walk {
            path: dir.display().to_string(),
            reason: error.to_string(),
        })
    }
}

const BOM: &str = "\u{feff}";

impl Source {
    /// Reads a file from disk; its format comes from its extension.
    pub fn read(path: &Path) -> Result<Source, InputError> {
        let display = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| InputError::Unreadable {
            path: display.clone(),
            cause: e.into(),
        })?;
        Source::from_bytes(display, bytes, Format::of_path(path))
    }

    /// Decodes bytes as UTF-8; a file that is not UTF-8 is an error naming
    /// the offset of the first bad byte.
    pub fn from_bytes(path: String, bytes: Vec<u8>, format: Format) -> Result<Source, InputError> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(InputError::Utf16 { path });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(path, text, format)),
            Err(e) => Err(InputError::NotUtf8 {
                path,
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }

    /// A source from text already in memory.
    pub fn new(path: impl Into<String>, text: impl Into<String>, format: Format) -> Source {
        let text = text.into();
        let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let lines = Lines::new(&text);
        let blocks = match format {
            Format::Text => text_blocks(&text, &lines, bom),
            Format::Markdown => markdown_blocks(&text, bom),
        };
        Source {
            path: path.into(),
            text,
            format,
            blocks,
            lines,
            bom,
        }
    }

    /// The 1-based line and column (counted in characters) of a byte
    /// offset. An offset inside a character counts as that character; the
    /// byte-order mark is no column.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.lines.line(offset.min(self.text.len()));
        let start = self.lines.start(&self.text, line).max(self.bom);
        let column = self.lines.column(&self.text, offset, start, Unit::Chars);
        (line + 1, column + 1)
    }

    /// The byte span of the 1-based line `line`, without its line ending.
    pub fn line_span(&self, line: usize) -> Span {
        let i = line.saturating_sub(1).min(self.lines.count() - 1);
        let start = self.lines.start(&self.text, i).max(self.bom);
        let end = self.lines.content_end(&self.text, i);
        Span::new(start, end.max(start))
    }

    /// Number of lines in the file.
    pub fn line_count(&self) -> usize {
        self.lines.count()
    }

    /// The line index every output counts lines and columns with.
    pub fn lines(&self) -> &Lines {
        &self.lines
    }
}

/// Why a settings file (a rule pack, the configuration) could not be read
/// as UTF-8 text. The caller names the file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TextFileError {
    /// The file could not be read.
    #[error("{0}")]
    Unreadable(IoCause),
    /// The bytes are not UTF-8, at a known place.
    #[error("{encoding}")]
    Encoding {
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
        /// 1-based column (in characters) of that byte.
        column: usize,
        /// What is wrong with the bytes.
        encoding: Encoding,
    },
}

/// How a settings file's bytes fail to be UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Encoding {
    /// The file starts with a UTF-16 byte-order mark.
    #[error(
        "the file is UTF-16; it must be UTF-8 (convert it, for example with `iconv -f UTF-16 -t UTF-8`)"
    )]
    Utf16,
    /// A byte that is no UTF-8.
    #[error("byte 0x{0:02X} is not UTF-8; the file must be UTF-8")]
    NotUtf8(u8),
}

/// What is wrong inside a settings file (a rule pack, the configuration),
/// located at `path:line:column` where the place is known: the part of
/// [`crate::config::ConfigError`] and [`crate::rules::RuleError`] they
/// share.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileMistake {
    /// The bytes are not UTF-8.
    #[error("{path}:{line}:{column}: {encoding}")]
    Encoding {
        /// The settings file.
        path: String,
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong with the bytes.
        encoding: Encoding,
    },
    /// YAML that does not parse or does not fit the format (an unknown
    /// key, a bad value), as the YAML reader and our checks word it.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        /// The settings file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Like [`FileMistake::Invalid`], where the YAML reader gives no place.
    #[error("{path}: {message}")]
    InvalidSomewhere {
        /// The settings file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl FileMistake {
    /// The YAML reader's error for the file at `path`, located where
    /// `locate` moves the reader's place to (the reader's place itself
    /// unless a check of ours knows better).
    pub fn yaml(
        path: &str,
        error: &serde_yaml::Error,
        locate: impl FnOnce((usize, usize), &str) -> (usize, usize),
    ) -> FileMistake {
        let mut message = error.to_string();
        // serde_yaml appends " at line L column C"; the location is already
        // in front of the message.
        if let Some(at) = message.rfind(" at line ") {
            message.truncate(at);
        }
        let path = path.to_string();
        match error.location() {
            Some(l) => {
                let (line, column) = locate((l.line(), l.column()), &message);
                FileMistake::Invalid {
                    path,
                    line,
                    column,
                    message,
                }
            }
            None => FileMistake::InvalidSomewhere { path, message },
        }
    }

    /// The 1-based line and column of the mistake, when known.
    pub fn location(&self) -> Option<(usize, usize)> {
        match self {
            FileMistake::Encoding { line, column, .. } | FileMistake::Invalid { line, column, .. } => {
                Some((*line, *column))
            }
            FileMistake::InvalidSomewhere { .. } => None,
        }
    }
}

/// Reads a settings file that must be UTF-8, as [`read_utf8`] does; a
/// file that cannot be read is the caller's `unreadable` error, one that
/// is not UTF-8 a located [`FileMistake`].
pub fn read_settings<E: From<FileMistake>>(
    path: &Path,
    unreadable: impl FnOnce(IoCause) -> E,
) -> Result<String, E> {
    read_utf8(path).map_err(|e| match e {
        TextFileError::Unreadable(cause) => unreadable(cause),
        TextFileError::Encoding {
            line,
            column,
            encoding,
        } => E::from(FileMistake::Encoding {
            path: path.display().to_string(),
            line,
            column,
            encoding,
        }),
    })
}

/// Reads a settings file that must be UTF-8: a UTF-16 file (by its
/// byte-order mark) or a byte that is no UTF-8 is an error that says
/// where, and that the file must be UTF-8.
pub fn read_utf8(path: &Path) -> Result<String, TextFileError> {
    let bytes = std::fs::read(path).map_err(|e| TextFileError::Unreadable(e.into()))?;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(TextFileError::Encoding {
            line: 1,
            column: 1,
            encoding: Encoding::Utf16,
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
        TextFileError::Encoding {
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            encoding: Encoding::NotUtf8(bytes[at]),
        }
    })
}

/// Plain text: each non-blank line is a block (drafts put one paragraph on
/// a line; a headline has no closing full stop, so a line must end it).
fn text_blocks(text: &str, lines: &Lines, bom: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    for line in 0..lines.count() {
        let at = lines.start(text, line).max(bom);
        let content = &text[at..lines.content_end(text, line).max(at)];
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if !trimmed.is_empty() {
            let start = at + lead;
            blocks.push(Block {
                pieces: vec![Span::new(start, start + trimmed.len())],
            });
        }
    }
    blocks
}

/// Markdown: the text of paragraphs, headings, list items, quotes, table
/// cells and image captions (alt text, a block of its own: "![Colonel
/// Gaddafi in Rome](g.jpg)"); never code, HTML, autolinks or front matter.
fn markdown_blocks(text: &str, bom: usize) -> Vec<Block> {
    let body = &text[bom..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut blocks = Vec::new();
    let mut current = Block::default();
    // One entry per open tag: whether its text is skipped.
    let mut open: Vec<bool> = Vec::new();
    let mut skip_depth = 0usize;
    // The block an image's caption interrupts, resumed after it.
    let mut interrupted: Option<Block> = None;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let span = Span::new(range.start + bom, range.end + bom);
        match event {
            Event::Start(Tag::Image { .. }) if interrupted.is_none() => {
                interrupted = Some(std::mem::take(&mut current));
                open.push(false);
            }
            Event::End(TagEnd::Image) if open.last() == Some(&false) && interrupted.is_some() => {
                flush(&mut blocks, &mut current);
                current = interrupted.take().unwrap_or_default();
                open.pop();
            }
            Event::Start(tag) => {
                if is_block(&tag) {
                    flush(&mut blocks, &mut current);
                }
                let skip = skips(&tag);
                skip_depth += usize::from(skip);
                open.push(skip);
            }
            Event::End(tag) => {
                if is_block_end(tag) {
                    flush(&mut blocks, &mut current);
                }
                if open.pop() == Some(true) {
                    skip_depth -= 1;
                }
            }
            Event::Text(_) if skip_depth == 0 => {
                // pulldown-cmark splits text at entities and brackets; a
                // piece that continues the previous one is merged with it.
                match current.pieces.last_mut() {
                    Some(last) if last.end == span.start => last.end = span.end,
                    _ => current.pieces.push(span),
                }
            }
            _ => {}
        }
    }
    flush(&mut blocks, &mut current);
    blocks
}

fn flush(blocks: &mut Vec<Block>, current: &mut Block) {
    if !current.pieces.is_empty() {
        blocks.push(std::mem::take(current));
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::Item
            | Tag::TableCell
            | Tag::BlockQuote(_)
            | Tag::FootnoteDefinition(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::MetadataBlock(_)
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
    )
}

/// Tags whose text is not prose.
fn skips(tag: &Tag<'_>) -> bool {
    match tag {
        Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => true,
        Tag::Link { link_type, .. } => {
            matches!(link_type, LinkType::Autolink | LinkType::Email)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(source: &Source) -> Vec<Vec<&str>> {
        source
            .blocks
            .iter()
            .map(|b| b.pieces.iter().map(|p| p.slice(&source.text)).collect())
            .collect()
    }

    #[test]
    fn plain_text_lines_are_blocks_and_bom_is_skipped() {
        let s = Source::new(
            "a.txt",
            "\u{feff}Headline\r\n\r\n  Body one.\r\nBody two.",
            Format::Text,
        );
        assert_eq!(
            prose(&s),
            vec![vec!["Headline"], vec!["Body one."], vec!["Body two."]]
        );
        assert_eq!(s.line_col(3), (1, 1));
        assert_eq!(s.line_col(s.text.find("Body one").unwrap()), (3, 3));
        assert_eq!(s.line_span(1).slice(&s.text), "Headline");
        assert_eq!(s.line_span(3).slice(&s.text), "  Body one.");
    }

    #[test]
    fn columns_count_characters() {
        let s = Source::new("a.txt", "Kerry’s visit to Kiev", Format::Text);
        assert_eq!(s.line_col(s.text.find("visit").unwrap()), (1, 9));
        // An offset inside "’" counts as that character.
        assert_eq!(s.line_col(6), (1, 6));
        assert_eq!(s.line_col(7), (1, 6));
        assert_eq!(s.line_col(usize::MAX), (1, 22));
    }

    #[test]
    fn columns_on_a_long_line_count_characters_across_marks() {
        let text = format!("{}Kiev", "é".repeat(3000));
        let s = Source::new("a.txt", text.as_str(), Format::Text);
        assert_eq!(s.line_col(text.find("Kiev").unwrap()), (1, 3001));
        assert_eq!(s.line_col(2049), (1, 1025));
    }

    #[test]
    fn an_offset_inside_the_bom_does_not_panic() {
        let s = Source::new("a.txt", "\u{feff}Kiev", Format::Text);
        assert_eq!(s.line_col(1), (1, 1));
        assert_eq!(s.line_col(3), (1, 1));
        assert_eq!(s.line_col(4), (1, 2));
    }

    #[test]
    fn markdown_code_html_urls_and_front_matter_are_not_prose() {
        let md = "---\ndate: 2015-12-16\n---\n\n# Kerry in *Moscow*\n\nSee `US` and <https://example.com> and <b>x</b>.\n\n```\nUSA\n```\n\n    indented USA\n\n- item one\n";
        let s = Source::new("a.md", md, Format::Markdown);
        assert_eq!(
            prose(&s),
            vec![
                vec!["Kerry in ", "Moscow"],
                vec!["See ", " and ", " and ", "x", "."],
                vec!["item one"],
            ]
        );
    }

    #[test]
    fn an_image_caption_is_a_block_of_its_own() {
        let md =
            "# Gaddafi in Rome\n\n![Colonel Gadaffi arrives](g.jpg)\n\nHe arrived ![map](m.png) on Monday.\n";
        let s = Source::new("a.md", md, Format::Markdown);
        assert_eq!(
            prose(&s),
            vec![
                vec!["Gaddafi in Rome"],
                vec!["Colonel Gadaffi arrives"],
                vec!["map"],
                vec!["He arrived ", " on Monday."],
            ]
        );
    }

    #[test]
    fn bad_utf8_names_the_offset_and_utf16_is_refused() {
        let e = Source::from_bytes("x.txt".into(), b"ok \xff".to_vec(), Format::Text).unwrap_err();
        assert_eq!(e.to_string(), "x.txt: not valid UTF-8: invalid byte at offset 3");
        assert_eq!(
            e,
            InputError::NotUtf8 {
                path: "x.txt".into(),
                offset: 3
            }
        );
        let e = Source::from_bytes("y.txt".into(), vec![0xFF, 0xFE, b'a', 0], Format::Text).unwrap_err();
        assert!(matches!(e, InputError::Utf16 { .. }));
        assert!(e.message().contains("UTF-16"));
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_and_a_block() {
        let s = Source::new("a.txt", "Headline\rBody one.\r\rBody two.\r", Format::Text);
        assert_eq!(
            prose(&s),
            vec![vec!["Headline"], vec!["Body one."], vec!["Body two."]]
        );
        assert_eq!(s.line_col(s.text.find("Body two").unwrap()), (4, 1));
        assert_eq!(s.line_span(2).slice(&s.text), "Body one.");
        assert_eq!(s.line_count(), 5);
    }
}
