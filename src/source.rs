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

/// The part of a story a block belongs to. Display copy (a headline, a
/// standfirst, a caption) is written in its own style and is compared with
/// the body rather than read as more of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Part {
    /// The first `#` heading of a Markdown draft; the first line of a
    /// plain-text draft when a blank line follows it.
    Headline,
    /// The paragraph, or the `>` block, right after a Markdown headline.
    Standfirst,
    /// The story itself.
    #[default]
    Body,
    /// An image's alt text, or a short paragraph right under an image
    /// (emphasised or short, with no quotation).
    Caption,
    /// A `>` block that is not the standfirst.
    PullQuote,
}

impl Part {
    /// The part as a message names it ("the caption says ...").
    pub fn name(self) -> &'static str {
        match self {
            Part::Headline => "headline",
            Part::Standfirst => "standfirst",
            Part::Body => "body",
            Part::Caption => "caption",
            Part::PullQuote => "pull quote",
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
    /// The part of the story it is.
    pub part: Part,
}

impl Block {
    /// How many bytes of prose the block holds.
    pub fn prose(&self) -> usize {
        self.pieces.iter().map(|p| p.end.saturating_sub(p.start)).sum()
    }

    /// From the start of its first piece to the end of its last (empty for
    /// a block with no pieces).
    pub fn span(&self) -> Span {
        match (self.pieces.first(), self.pieces.last()) {
            (Some(first), Some(last)) => Span::new(first.start, last.end.max(first.start)),
            _ => Span::default(),
        }
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
/// The first line is the headline when a blank line follows it.
fn text_blocks(text: &str, lines: &Lines, bom: usize) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    // The block of the first line, while the line after it is not read.
    let mut first: Option<usize> = None;
    for line in 0..lines.count() {
        let at = lines.start(text, line).max(bom);
        let content = &text[at..lines.content_end(text, line).max(at)];
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if trimmed.is_empty() {
            if let Some(block) = first.take().and_then(|b| blocks.get_mut(b)) {
                if reads_as_headline(block.span().slice(text)) {
                    block.part = Part::Headline;
                }
            }
            continue;
        }
        first = None;
        if blocks.is_empty() {
            first = Some(0);
        }
        let start = at + lead;
        blocks.push(Block {
            pieces: vec![Span::new(start, start + trimmed.len())],
            part: Part::Body,
        });
    }
    // A lone line with nothing after it is no headline over a body.
    if blocks.len() < 2 {
        for block in &mut blocks {
            block.part = Part::Body;
        }
    }
    blocks
}

/// Whether a first line reads as a headline rather than a paragraph: it
/// does not end in a full stop and is a line's length, not a paragraph's
/// ("Could Yukos be a blessing in disguise?").
fn reads_as_headline(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '\'', '’', '”', ')']);
    !end.ends_with('.') && line.split_whitespace().count() <= HEADLINE_WORDS
}

/// The most words a headline line holds.
const HEADLINE_WORDS: usize = 25;

/// Markdown: the text of paragraphs, headings, list items, quotes, table
/// cells and image captions (alt text, a block of its own: "![Colonel
/// Gaddafi in Rome](g.jpg)"); never code, HTML, autolinks or front matter.
/// Each block is given its part of the story ([`Parts`]).
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
    let mut parts = Parts::default();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let span = Span::new(range.start + bom, range.end + bom);
        match event {
            Event::Start(Tag::Image { .. }) if interrupted.is_none() => {
                interrupted = Some(std::mem::take(&mut current));
                current.part = Part::Caption;
                parts.image();
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
                    current.part = parts.start(&tag);
                }
                parts.enter(&tag);
                let skip = skips(&tag);
                skip_depth += usize::from(skip);
                open.push(skip);
            }
            Event::End(tag) => {
                if is_block_end(tag) {
                    if tag == TagEnd::Paragraph && parts.caption_under_image(&current, text) {
                        current.part = Part::Caption;
                    }
                    flush(&mut blocks, &mut current);
                }
                parts.leave(tag);
                if open.pop() == Some(true) {
                    skip_depth -= 1;
                }
            }
            Event::Text(_) if skip_depth == 0 => {
                parts.text(interrupted.is_some());
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

/// The most words a paragraph under an image holds to be its caption when
/// it is not emphasised.
const CAPTION_WORDS: usize = 25;

/// What came last at the top level of a Markdown draft, as the part of the
/// next block depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Before {
    /// Nothing yet (front matter aside).
    #[default]
    Nothing,
    /// The headline.
    Headline,
    /// A paragraph that is only an image (or images).
    Image,
    /// Anything else.
    Other,
}

/// The parts of a Markdown draft as its events go by: the first `#`
/// heading, before any other text, is the headline; the paragraph or `>`
/// block right after it the standfirst; image alt text a caption, and so
/// is a paragraph right under a paragraph that is only an image when it is
/// emphasised or short and quotes nobody; any other `>` block a pull quote;
/// the rest body.
#[derive(Debug, Default)]
struct Parts {
    before: Before,
    /// Open containers (quotes, lists, items, tables, footnotes): blocks
    /// inside one are not at the top level.
    containers: usize,
    /// The part of the blocks inside the open top-level `>` block.
    quote: Option<Part>,
    /// The part of the open top-level block.
    top: Part,
    /// The open top-level paragraph follows an image-only paragraph.
    under_image: bool,
    /// Open emphasis (`*`, `**`).
    emphasis: usize,
    /// The open paragraph holds an image, text outside images, text
    /// outside emphasis.
    has_image: bool,
    has_text: bool,
    has_plain: bool,
}

impl Parts {
    /// The part of a block that starts with `tag`.
    fn start(&mut self, tag: &Tag<'_>) -> Part {
        if let Some(part) = self.quote {
            return part;
        }
        if self.containers > 0 {
            return Part::Body;
        }
        self.under_image = false;
        self.top = match tag {
            Tag::Heading { level, .. }
                if *level == pulldown_cmark::HeadingLevel::H1 && self.before == Before::Nothing =>
            {
                Part::Headline
            }
            Tag::BlockQuote(_) if self.before == Before::Headline => Part::Standfirst,
            Tag::BlockQuote(_) => Part::PullQuote,
            Tag::Paragraph if self.before == Before::Headline => Part::Standfirst,
            Tag::Paragraph => {
                self.under_image = self.before == Before::Image;
                Part::Body
            }
            _ => Part::Body,
        };
        if matches!(tag, Tag::BlockQuote(_)) {
            self.quote = Some(self.top);
        }
        self.top
    }

    /// Opens a tag.
    fn enter(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::Table(_) | Tag::FootnoteDefinition(_) => {
                self.containers += 1
            }
            Tag::Emphasis | Tag::Strong => self.emphasis += 1,
            Tag::Paragraph if self.containers == 0 => {
                (self.has_image, self.has_text, self.has_plain) = (false, false, false);
            }
            _ => {}
        }
    }

    /// An image starts.
    fn image(&mut self) {
        self.has_image = true;
    }

    /// Prose text, inside an image's alt text or not.
    fn text(&mut self, in_image: bool) {
        if !in_image {
            self.has_text = true;
            self.has_plain |= self.emphasis == 0;
        }
    }

    /// Closes a tag: a top-level block that ends says what came last.
    fn leave(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::FootnoteDefinition => {
                self.containers = self.containers.saturating_sub(1);
                if self.containers == 0 {
                    self.quote = None;
                    self.before = Before::Other;
                }
            }
            TagEnd::Emphasis | TagEnd::Strong => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::MetadataBlock(_) => {}
            _ if self.containers > 0 => {}
            TagEnd::Heading(_) if self.top == Part::Headline => self.before = Before::Headline,
            TagEnd::Paragraph if self.has_image && !self.has_text => self.before = Before::Image,
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                self.before = Before::Other
            }
            _ => {}
        }
    }

    /// Whether the paragraph `block`, now ending, is the caption of the
    /// image above it: emphasised or short, and quoting nobody.
    fn caption_under_image(&self, block: &Block, text: &str) -> bool {
        if !self.under_image || self.containers > 0 || block.part != Part::Body {
            return false;
        }
        let emphasised = self.has_text && !self.has_plain;
        let words: usize = block
            .pieces
            .iter()
            .map(|p| p.slice(text).split_whitespace().count())
            .sum();
        let quotes = block
            .pieces
            .iter()
            .any(|p| p.slice(text).contains(['"', '“', '”', '«', '»']));
        (emphasised || words <= CAPTION_WORDS) && !quotes
    }
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

    fn parts(source: &Source) -> Vec<(Part, &str)> {
        source
            .blocks
            .iter()
            .map(|b| (b.part, b.span().slice(&source.text)))
            .collect()
    }

    #[test]
    fn markdown_blocks_know_their_part_of_the_story() {
        let md = "---\ndate: 2015-12-16\n---\n\n# Kerry, Lavrov meet\n\nThe two met in Geneva\n\n\
                  ![Kerry in Geneva](k.jpg)\n\n*Kerry arrives on Monday*\n\nThe talks began at noon.\n\n\
                  > \"We will talk again,\" Kerry said.\n\n# Later\n\n![Lavrov](l.jpg)\n\n\
                  \"We agreed,\" he said after the talks.\n";
        let s = Source::new("a.md", md, Format::Markdown);
        assert_eq!(
            parts(&s),
            vec![
                (Part::Headline, "Kerry, Lavrov meet"),
                (Part::Standfirst, "The two met in Geneva"),
                (Part::Caption, "Kerry in Geneva"),
                (Part::Caption, "Kerry arrives on Monday"),
                (Part::Body, "The talks began at noon."),
                (Part::PullQuote, "\"We will talk again,\" Kerry said."),
                (Part::Body, "Later"),
                (Part::Caption, "Lavrov"),
                // A quotation under an image is no caption.
                (Part::Body, "\"We agreed,\" he said after the talks."),
            ]
        );
    }

    #[test]
    fn a_quote_block_under_the_headline_is_the_standfirst_and_a_heading_after_text_no_headline() {
        let md = "# Five killed in Leeds blast\n\n> Four people died, police say\n\nPolice said so.\n";
        let s = Source::new("a.md", md, Format::Markdown);
        assert_eq!(
            parts(&s),
            vec![
                (Part::Headline, "Five killed in Leeds blast"),
                (Part::Standfirst, "Four people died, police say"),
                (Part::Body, "Police said so."),
            ]
        );
        let s = Source::new("b.md", "Police said so.\n\n# Five killed\n", Format::Markdown);
        assert_eq!(
            parts(&s),
            vec![(Part::Body, "Police said so."), (Part::Body, "Five killed")]
        );
    }

    #[test]
    fn a_plain_text_first_line_over_a_blank_line_is_the_headline() {
        let s = Source::new(
            "a.txt",
            "Could Yukos be a blessing?\n\nShares rose.\n",
            Format::Text,
        );
        assert_eq!(
            parts(&s),
            vec![
                (Part::Headline, "Could Yukos be a blessing?"),
                (Part::Body, "Shares rose.")
            ]
        );
        // No blank line after it, a full stop, or nothing after it: body.
        for text in [
            "In Paris\nUS troops arrived.\n",
            "Shares rose on Monday.\n\nThey fell on Tuesday.\n",
            "Kerry in Moscow\n\n",
        ] {
            let s = Source::new("b.txt", text, Format::Text);
            assert!(s.blocks.iter().all(|b| b.part == Part::Body), "{text:?}");
        }
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
