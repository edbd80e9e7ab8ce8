//! The pretty format: one block per finding for a person at a terminal, in
//! the manner of rustc and ruff diagnostics.
//!
//! ```text
//! warning[naming.entity]: "Russian Federation" and "Russia" name one country; use "Russia" (house rule)
//!  --> draft.txt:3:137
//!   |
//! 1 | Kerry seeks common ground with Russia on Syria, Ukraine
//!   |                                ------
//! 3 | … Tuesday. Russian Federation jets have been striking Syria since September, and Russia says the …
//!   |            ^^^^^^^^^^^^^^^^^^                                                    ------
//! 3 | … of Syrian President Bashar al-Assad, whom Russia has backed throughout the war. Officials said …
//!   |                                             ------
//! 5 | “We’re not seeking to isolate Russia,” Kerry said after meeting Sergey Lavrov.
//!   |                               ------
//!   = fix (safe):
//!   - 3 | … Vladimir Putin in Moscow on Tuesday. Russian Federation jets have been striking Syria since …
//!   + 3 | … Vladimir Putin in Moscow on Tuesday. Russia jets have been striking Syria since …
//! ```
//!
//! - The header is `severity[rule]: message`, then `-->` and the
//!   `path:line:column` of the finding's span.
//! - Every line a span touches is shown once, in line order, with all the
//!   spans on it underlined: `^` under the finding's span, `-` under the
//!   related ones. Columns count characters. A span over more than four
//!   lines shows its first and last line only.
//! - A line longer than [`WIDTH`] characters is shown through a window of
//!   at most that many characters around its spans, cut between words where
//!   possible, with `…` where it was cut; spans too far apart for one window
//!   show the line once per window.
//! - A fix is shown as `- N | old line` / `+ N | new line` for every line
//!   its edits touch, windowed the same way. With colour the old line is
//!   red, the new one green, and the words that changed are shown in
//!   reverse video (a word diff by `similar`).
//! - Findings are separated by a blank line; files that could not be read
//!   follow as `error: <path>: <message>`; the last line sums up the run
//!   (see [`write()`]).
//!
//! Control characters in the draft are shown as spaces and invisible
//! formatting characters (zero-width spaces, bidirectional overrides,
//! soft hyphens) as `�`, so nothing in a draft can move the underlines or
//! send escape codes to the terminal.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io;

use anstyle::{AnsiColor, Color, Style};
use similar::{ChangeTag, TextDiff};

use super::{Checked, Run, Totals};
use crate::finding::{Finding, Severity, Span};
use crate::lines::Lines;
use crate::source::{InputError, Source};

/// The most characters of one line shown at once.
pub const WIDTH: usize = 100;

/// Spans on one line share a window while they fit in it with at least
/// this many characters of context on each side.
const CONTEXT: usize = 10;

/// How far a window edge may move to fall between two words.
const SNAP: usize = 12;

/// Writes every finding of `run`, then the files that could not be read,
/// then one summary line. `color` adds ANSI colours; without it the output
/// holds no escape code.
///
/// The summary line reads, with `M` the number of files checked and `K` the
/// number that could not be read:
///
/// - `No findings in M files.` when there is no finding,
/// - `Found 1 finding in M files.` / `Found N findings in M files.`
///   otherwise (`1 file` when `M` is 1),
/// - followed, when `K > 0`, by `; 1 file could not be read.` or
///   `; K files could not be read.` in place of the full stop.
pub fn write(run: &Run, color: bool, out: &mut dyn io::Write) -> io::Result<()> {
    for checked in &run.files {
        write_file(checked, color, out)?;
    }
    write_end(&run.errors, Totals::of(run), color, out)
}

/// Writes every finding of one file.
pub(super) fn write_file(checked: &Checked, color: bool, out: &mut dyn io::Write) -> io::Result<()> {
    let palette = Palette { color };
    let mut lines = LineChars::default();
    for finding in &checked.findings {
        write_finding(&checked.source, finding, &palette, &mut lines, out)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Writes the files that could not be read, then the summary line.
pub(super) fn write_end(
    errors: &[InputError],
    totals: Totals,
    color: bool,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let palette = Palette { color };
    for error in errors {
        writeln!(
            out,
            "{}{}",
            palette.paint(palette.error(), "error"),
            palette.paint(
                palette.bold(),
                format_args!(": {}: {}", clean(error.path()), clean(&error.message()))
            ),
        )?;
    }
    if !errors.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "{}", palette.paint(palette.bold(), summary(totals)))
}

/// The last line of the report; its wording is documented on [`write()`].
fn summary(totals: Totals) -> String {
    let files = count(totals.files, "file", "files");
    let mut line = match totals.findings {
        0 => format!("No findings in {files}"),
        n => format!("Found {} in {files}", count(n, "finding", "findings")),
    };
    match totals.errors {
        0 => {}
        k => line.push_str(&format!("; {} could not be read", count(k, "file", "files"))),
    }
    line.push('.');
    line
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The styles of the report; all plain when colour is off.
struct Palette {
    color: bool,
}

impl Palette {
    fn pick(&self, style: Style) -> Style {
        if self.color {
            style
        } else {
            Style::new()
        }
    }

    fn severity(&self, severity: Severity) -> Style {
        let color = match severity {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
            Severity::Info => AnsiColor::Blue,
        };
        self.pick(fg(color).bold())
    }

    fn error(&self) -> Style {
        self.severity(Severity::Error)
    }

    fn bold(&self) -> Style {
        self.pick(Style::new().bold())
    }

    fn gutter(&self) -> Style {
        self.pick(fg(AnsiColor::BrightBlue).bold())
    }

    fn removed(&self) -> Style {
        self.pick(fg(AnsiColor::Red))
    }

    fn added(&self) -> Style {
        self.pick(fg(AnsiColor::Green))
    }

    fn paint<T: fmt::Display>(&self, style: Style, text: T) -> Painted<T> {
        Painted {
            style: self.pick(style),
            text,
        }
    }
}

fn fg(color: AnsiColor) -> Style {
    Style::new().fg_color(Some(Color::Ansi(color)))
}

/// Text written between a style's escape code and its reset.
struct Painted<T> {
    style: Style,
    text: T,
}

impl<T: fmt::Display> fmt::Display for Painted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.style.is_plain() {
            write!(f, "{}", self.text)
        } else {
            write!(
                f,
                "{}{}{}",
                self.style.render(),
                self.text,
                self.style.render_reset()
            )
        }
    }
}

/// A range of characters `start..end` within one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Range {
    start: usize,
    end: usize,
}

/// A span's part on one line: a character range and whether it is the
/// finding's own span (`^`) or a related one (`-`).
#[derive(Clone, Copy, Debug)]
struct Mark {
    range: Range,
    primary: bool,
}

/// The characters of the lines findings were shown on, each line read
/// once per file: a draft of one long line with a finding every few words
/// would otherwise read the whole line again for each finding.
#[derive(Default)]
struct LineChars {
    lines: HashMap<usize, Vec<char>>,
}

impl LineChars {
    fn get(&mut self, source: &Source, number: usize) -> &[char] {
        self.lines
            .entry(number)
            .or_insert_with(|| source.line_span(number).slice(&source.text).chars().collect())
    }
}

fn write_finding(
    source: &Source,
    finding: &Finding,
    p: &Palette,
    lines: &mut LineChars,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let text = source.text.as_str();
    let span = clamp(finding.span, text);
    let (line, column) = source.line_col(span.start);

    // A finding may point at thousands of places (one spelling in every
    // paragraph of a long file): a person reads the first few.
    let shown_related = &finding.related[..finding.related.len().min(MAX_PLACES)];
    let mut marks: BTreeMap<usize, Vec<Mark>> = BTreeMap::new();
    for (span, primary) in
        std::iter::once((finding.span, true)).chain(shown_related.iter().map(|&related| (related, false)))
    {
        for (line, range) in line_parts(source, clamp(span, text)) {
            marks.entry(line).or_default().push(Mark { range, primary });
        }
    }
    let mut hunks = finding
        .fix
        .as_ref()
        .map(|fix| hunks(source, &fix.edits[..fix.edits.len().min(MAX_PLACES)]))
        .unwrap_or_default();
    hunks.truncate(MAX_PLACES);

    let last_line = marks
        .keys()
        .copied()
        .chain(hunks.iter().map(|h| h.last))
        .max()
        .unwrap_or(line);
    let w = last_line.to_string().len();
    let gutter = p.gutter();
    let severity = p.severity(finding.severity);

    writeln!(
        out,
        "{}{}",
        p.paint(
            severity,
            format_args!("{}[{}]", finding.severity, clean(finding.rule))
        ),
        p.paint(p.bold(), format_args!(": {}", clean(&finding.message))),
    )?;
    writeln!(
        out,
        "{:w$}{} {}:{line}:{column}",
        "",
        p.paint(gutter, "-->"),
        clean(&source.path)
    )?;
    writeln!(out, "{:w$} {}", "", p.paint(gutter, "|"))?;

    for (&number, line_marks) in &marks {
        let chars = lines.get(source, number);
        let ranges: Vec<Range> = line_marks.iter().map(|m| m.range).collect();
        for window in windows(chars, &ranges) {
            let excerpt = Excerpt::plain(chars, window);
            writeln!(
                out,
                "{}{}{excerpt}",
                p.paint(gutter, format_args!("{number:>w$} |")),
                excerpt.gap(),
            )?;
            let underline = underline(window, line_marks);
            write!(out, "{:w$} {}", "", p.paint(gutter, "|"))?;
            if !underline.is_empty() {
                let underline = Underline {
                    marks: &underline,
                    palette: p,
                    severity,
                };
                write!(out, " {underline}")?;
            }
            writeln!(out)?;
        }
    }
    let hidden = finding.related.len() - shown_related.len();
    if hidden > 0 {
        let places = if hidden == 1 { "place" } else { "places" };
        writeln!(
            out,
            "{:w$} {} and {hidden} more {places}",
            "",
            p.paint(gutter, "=")
        )?;
    }

    if let Some(fix) = &finding.fix {
        writeln!(
            out,
            "{:w$} {} {}",
            "",
            p.paint(gutter, "="),
            p.paint(p.bold(), format_args!("fix ({}):", fix.applicability.as_str())),
        )?;
        for hunk in &hunks {
            write_hunk(source, hunk, w, p, out)?;
        }
        let hidden = fix.edits.len().saturating_sub(MAX_PLACES);
        if hidden > 0 {
            let edits = if hidden == 1 { "edit" } else { "edits" };
            writeln!(
                out,
                "{:w$} {} and {hidden} more {edits}",
                "",
                p.paint(gutter, "=")
            )?;
        }
    }
    Ok(())
}

/// How many related places, and how many edits of a fix, a finding shows;
/// the rest are counted (the machine formats list them all).
const MAX_PLACES: usize = 12;

/// `span` moved inside `text` and onto character boundaries; a span that
/// ends before it starts becomes empty.
fn clamp(span: Span, text: &str) -> Span {
    let start = floor(text, span.start);
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// The character boundary at or before `at`, at most the end of `text`.
fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The first and last line a clamped span touches.
fn line_range(source: &Source, span: Span) -> (usize, usize) {
    let first = source.line_col(span.start).0;
    let last = if span.end > span.start {
        source.line_col(floor(&source.text, span.end - 1)).0
    } else {
        first
    };
    (first, last.max(first))
}

/// The character range of `span` on `line`: its bytes within the line,
/// counted in characters of the line.
fn line_range_of(source: &Source, line: usize, span: Span) -> Range {
    let line_span = source.line_span(line);
    // Columns come from the source's character index: counting the line
    // for each span would make a long line with many spans quadratic.
    let column = |at: usize| source.line_col(at.clamp(line_span.start, line_span.end)).1 - 1;
    let start = column(span.start);
    Range {
        start,
        end: column(span.end).max(start),
    }
}

/// Byte ranges of `text` as character ranges, counting the text once
/// however many ranges there are.
fn char_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<Range> {
    let mut offsets: Vec<usize> = ranges.iter().flat_map(|&(s, e)| [s, e]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut counts = Vec::with_capacity(offsets.len());
    let (mut byte, mut chars) = (0, 0);
    for &target in &offsets {
        let target = target.min(text.len());
        let part = text.get(byte..target).map_or(0, |p| p.chars().count());
        if text.is_char_boundary(target) && target >= byte {
            chars += part;
            byte = target;
        }
        counts.push(chars);
    }
    let count = |at: usize| offsets.binary_search(&at).map_or(0, |i| counts[i]);
    ranges
        .iter()
        .map(|&(s, e)| Range {
            start: count(s),
            end: count(e).max(count(s)),
        })
        .collect()
}

/// The parts of a clamped span on each line it touches. A span over more
/// than four lines shows only its first and last.
fn line_parts(source: &Source, span: Span) -> Vec<(usize, Range)> {
    let (first, last) = line_range(source, span);
    let lines: Vec<usize> = if last - first >= 4 {
        vec![first, last]
    } else {
        (first..=last).collect()
    };
    lines
        .into_iter()
        .map(|line| (line, line_range_of(source, line, span)))
        .collect()
}

/// The windows through which a line is shown so that every range is
/// seen: the whole line when it is short, else one window of at most
/// [`WIDTH`] characters per group of nearby ranges.
fn windows(chars: &[char], ranges: &[Range]) -> Vec<Range> {
    let len = chars.len();
    if len <= WIDTH {
        return vec![Range { start: 0, end: len }];
    }
    let mut sorted = ranges.to_vec();
    sorted.sort();
    let mut groups: Vec<Range> = Vec::new();
    for range in sorted {
        let range = Range {
            start: range.start.min(len),
            end: range.end.min(len),
        };
        match groups.last_mut() {
            Some(group) if range.end.max(group.end) - group.start <= WIDTH - 2 * CONTEXT => {
                group.end = group.end.max(range.end);
            }
            _ => groups.push(range),
        }
    }
    if groups.is_empty() {
        groups.push(Range { start: 0, end: 0 });
    }
    groups.into_iter().map(|group| place(chars, group)).collect()
}

/// A window of at most [`WIDTH`] characters around `group`, centred where
/// the line allows, its edges moved up to [`SNAP`] characters inwards to
/// fall on a space.
fn place(chars: &[char], group: Range) -> Range {
    let len = chars.len();
    let is_space = |i: usize| chars.get(i).is_some_and(|c| c.is_whitespace());
    let extent = group.end - group.start;
    if extent + CONTEXT >= WIDTH {
        let start = group.start.saturating_sub(CONTEXT);
        return Range {
            start,
            end: (start + WIDTH).min(len),
        };
    }
    let slack = WIDTH - extent;
    let mut left = slack / 2;
    let mut right = slack - left;
    if group.start < left {
        right += left - group.start;
        left = group.start;
    }
    if group.end + right > len {
        left += group.end + right - len;
        right = len - group.end;
    }
    let mut start = group.start.saturating_sub(left);
    let mut end = group.end + right;
    if start > 0 {
        if let Some(space) = (start..group.start.min(start + SNAP)).find(|&i| is_space(i)) {
            start = space;
        }
    }
    if end < len {
        if let Some(space) = (group.end.max(end.saturating_sub(SNAP))..end)
            .rev()
            .find(|&i| is_space(i))
        {
            end = space + 1;
        }
    }
    Range { start, end }
}

/// The chars of a line shown through a window, with `…` where it was cut.
struct Excerpt<'a> {
    chars: &'a [char],
    window: Range,
    /// Character ranges of the line to emphasise, and the styles.
    emphasis: &'a [Range],
    base: Style,
    strong: Style,
}

impl<'a> Excerpt<'a> {
    fn plain(chars: &'a [char], window: Range) -> Self {
        Excerpt {
            chars,
            window,
            emphasis: &[],
            base: Style::new(),
            strong: Style::new(),
        }
    }

    /// The space between the gutter and the excerpt: none when there is
    /// nothing to show, so no line ends in a space.
    fn gap(&self) -> &'static str {
        if self.chars.is_empty() {
            ""
        } else {
            " "
        }
    }

    /// Display column of the window's first character.
    fn offset(window: Range) -> usize {
        usize::from(window.start > 0)
    }
}

impl fmt::Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Range { start, end } = self.window;
        let shown = self.chars.get(start..end).unwrap_or(&[]);
        let mut run = String::new();
        let mut run_strong = false;
        let flush = |f: &mut fmt::Formatter<'_>, run: &mut String, strong: bool| {
            if run.is_empty() {
                return Ok(());
            }
            let style = if strong { self.strong } else { self.base };
            let painted = Painted {
                style,
                text: run.as_str(),
            };
            let result = write!(f, "{painted}");
            run.clear();
            result
        };
        if start > 0 {
            run.push('…');
        }
        for (i, &c) in shown.iter().enumerate() {
            let at = start + i;
            let strong = self.emphasis.iter().any(|r| r.start <= at && at < r.end);
            if strong != run_strong {
                flush(f, &mut run, run_strong)?;
                run_strong = strong;
            }
            run.push(visible(c));
        }
        if end < self.chars.len() {
            if run_strong {
                flush(f, &mut run, run_strong)?;
                run_strong = false;
            }
            run.push('…');
        }
        flush(f, &mut run, run_strong)
    }
}

/// How a character of the draft is shown: control characters as a space,
/// invisible formatting characters as `�`, so every character takes one
/// column and none reaches the terminal as a command.
fn visible(c: char) -> char {
    match c {
        c if c.is_control() => ' ',
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}' => '\u{FFFD}',
        c => c,
    }
}

/// Text from a finding or a path with its characters made [`visible`].
fn clean(text: &str) -> String {
    text.chars().map(visible).collect()
}

/// What to draw under each column of a window: nothing, `-` or `^`.
fn underline(window: Range, marks: &[Mark]) -> Vec<char> {
    let offset = Excerpt::offset(window);
    let mut row: Vec<char> = Vec::new();
    // Related spans first, so the finding's own `^` wins where they overlap.
    for primary in [false, true] {
        for mark in marks.iter().filter(|m| m.primary == primary) {
            let Range { start, end } = mark.range;
            let visible = if start == end {
                window.start <= start && start <= window.end
            } else {
                start < window.end && window.start < end
            };
            if !visible {
                continue;
            }
            let from = start.max(window.start);
            let to = end.min(window.end).max(from + 1);
            let columns = (offset + from - window.start)..(offset + to - window.start);
            if row.len() < columns.end {
                row.resize(columns.end, ' ');
            }
            for column in columns {
                row[column] = if primary { '^' } else { '-' };
            }
        }
    }
    row
}

/// An underline row, `^` in the severity's colour and `-` in the gutter's.
struct Underline<'a> {
    marks: &'a [char],
    palette: &'a Palette,
    severity: Style,
}

impl fmt::Display for Underline<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.marks;
        while let Some(&c) = rest.first() {
            let run = rest.iter().take_while(|&&d| d == c).count();
            let text: String = rest[..run].iter().collect();
            let style = match c {
                '^' => self.severity,
                '-' => self.palette.gutter(),
                _ => Style::new(),
            };
            write!(f, "{}", Painted { style, text })?;
            rest = &rest[run..];
        }
        Ok(())
    }
}

/// Edits of a fix that touch the lines `first..=last` and no line of
/// another hunk, as clamped spans with their replacements.
struct Hunk<'a> {
    first: usize,
    last: usize,
    edits: Vec<(Span, &'a str)>,
}

/// The edits grouped by the lines they touch. Edits are sorted; one that
/// overlaps an earlier edit cannot be applied and is left out.
fn hunks<'a>(source: &Source, edits: &'a [crate::finding::Edit]) -> Vec<Hunk<'a>> {
    let text = source.text.as_str();
    let mut sorted: Vec<(Span, &str)> = edits
        .iter()
        .map(|e| (clamp(e.span, text), e.replacement.as_str()))
        .collect();
    sorted.sort_by_key(|&(span, _)| (span.start, span.end));
    let mut hunks: Vec<Hunk<'a>> = Vec::new();
    let mut applied_to = 0;
    for (span, replacement) in sorted {
        if span.start < applied_to {
            continue;
        }
        applied_to = span.end;
        let (first, last) = line_range(source, span);
        match hunks.last_mut() {
            Some(hunk) if first <= hunk.last => {
                hunk.last = hunk.last.max(last);
                hunk.edits.push((span, replacement));
            }
            _ => hunks.push(Hunk {
                first,
                last,
                edits: vec![(span, replacement)],
            }),
        }
    }
    hunks
}

/// The part of `line` that a one-line hunk's windows can show: the edits
/// and, on each side, enough bytes for a full window of characters, or the
/// whole line where it is shorter. A window never reaches a cut edge, so
/// the rows are those of the whole line; a draft of one long line with a
/// fix every sentence reads a few hundred bytes per fix, not the line.
fn around_edits(text: &str, line: Span, edits: &[(Span, &str)]) -> (usize, usize) {
    // A character has at most four bytes.
    const REACH: usize = 4 * (WIDTH + 2 * CONTEXT + SNAP);
    let from = edits.iter().map(|(s, _)| s.start).min().unwrap_or(line.start);
    let to = edits.iter().map(|(s, _)| s.end).max().unwrap_or(line.end);
    let start = from.saturating_sub(REACH).max(line.start);
    let end = to.saturating_add(REACH).min(line.end).max(start);
    (floor(text, start), ceil(text, end))
}

/// `at`, moved forward to a character boundary.
fn ceil(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// One line of a fix, old or new.
struct Row<'a> {
    sign: char,
    number: usize,
    chars: &'a [char],
}

/// Writes a hunk as its old lines and its new lines. A hunk on one line
/// keeps its old and new windows aligned and, with colour, emphasises the
/// words that changed.
fn write_hunk(
    source: &Source,
    hunk: &Hunk<'_>,
    w: usize,
    p: &Palette,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let text = source.text.as_str();
    let first = source.line_span(hunk.first);
    let last = source.line_span(hunk.last);
    let (base, end) = if hunk.first == hunk.last {
        around_edits(text, first, &hunk.edits)
    } else {
        (first.start, last.end.max(first.start))
    };
    let old = text.get(base..end).unwrap_or("");

    // The new text, and where each edit's bytes are in the old and new text.
    let mut new = String::with_capacity(old.len());
    let mut at = 0;
    let mut old_ranges = Vec::new();
    let mut new_ranges = Vec::new();
    for &(span, replacement) in &hunk.edits {
        let start = span.start.clamp(base, end) - base;
        let stop = span.end.clamp(base, end) - base;
        if start < at {
            continue;
        }
        new.push_str(old.get(at..start).unwrap_or(""));
        let new_start = new.len();
        new.push_str(replacement);
        old_ranges.push((start, stop));
        new_ranges.push((new_start, new.len()));
        at = stop;
    }
    new.push_str(old.get(at..).unwrap_or(""));

    if hunk.first == hunk.last && !new.contains('\n') {
        let edited = EditedLine {
            number: hunk.first,
            old,
            new: &new,
            old_ranges: &old_ranges,
            new_ranges: &new_ranges,
        };
        return write_line_change(&edited, w, p, out);
    }

    // Edits across lines: the old lines, then the new ones, each windowed
    // around its own changes.
    for (sign, text, ranges) in [('-', old, &old_ranges), ('+', new.as_str(), &new_ranges)] {
        let lines = Lines::new(text);
        for i in 0..lines.count() {
            let line_start = lines.start(text, i);
            let line_end = lines.content_end(text, i);
            let line = &text[line_start..line_end];
            let chars: Vec<char> = line.chars().collect();
            let to_chars = |byte: usize| {
                let byte = byte.clamp(line_start, line_start + line.len()) - line_start;
                line.get(..byte).map_or(0, |s| s.chars().count())
            };
            let changed: Vec<Range> = ranges
                .iter()
                .filter(|&&(s, e)| s <= line_end && line_start <= e)
                .map(|&(s, e)| Range {
                    start: to_chars(s),
                    end: to_chars(e),
                })
                .collect();
            let row = Row {
                sign,
                number: hunk.first + i,
                chars: &chars,
            };
            let emphasis = if p.color { changed.as_slice() } else { &[] };
            for window in windows(&chars, &changed) {
                write_row(&row, window, emphasis, w, p, out)?;
            }
        }
    }
    Ok(())
}

/// One line before and after a fix, with the byte ranges of each edit in
/// both.
struct EditedLine<'a> {
    number: usize,
    old: &'a str,
    new: &'a str,
    old_ranges: &'a [(usize, usize)],
    new_ranges: &'a [(usize, usize)],
}

/// Writes an edited line as `- N | old` and `+ N | new` through windows
/// that start at the same character, so the two read as one comparison.
fn write_line_change(
    edited: &EditedLine<'_>,
    w: usize,
    p: &Palette,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let &EditedLine {
        number,
        old,
        new,
        old_ranges,
        new_ranges,
    } = edited;
    let old_chars: Vec<char> = old.chars().collect();
    let new_chars: Vec<char> = new.chars().collect();
    let old_changed = char_ranges(old, old_ranges);
    let new_changed = char_ranges(new, new_ranges);

    // A position of the old line in the new one: shifted by the edits
    // before it; inside an edit, kept inside its replacement. A window's
    // start stays before an insertion there, its end goes after it.
    let to_new = |at: usize, is_end: bool| {
        let mut shift_old = 0;
        let mut shift_new = 0;
        for (o, n) in old_changed.iter().zip(&new_changed) {
            if o.end <= at && (is_end || o.start < at) {
                shift_old += o.end - o.start;
                shift_new += n.end - n.start;
            } else if at > o.start {
                return n.start + (at - o.start).min(n.end - n.start);
            }
        }
        (at + shift_new).saturating_sub(shift_old)
    };

    let old_row = Row {
        sign: '-',
        number,
        chars: &old_chars,
    };
    let new_row = Row {
        sign: '+',
        number,
        chars: &new_chars,
    };
    for window in windows(&old_chars, &old_changed) {
        let new_start = to_new(window.start, false).min(new_chars.len());
        let new_end = if window.end >= old_chars.len() {
            new_chars.len()
        } else {
            to_new(window.end, true)
        };
        let new_window = Range {
            start: new_start,
            end: new_end
                .clamp(new_start, new_chars.len())
                .min(new_start + WIDTH + 2 * CONTEXT),
        };
        let (old_words, new_words) = if p.color {
            changed_words(&old_chars, window, &new_chars, new_window)
        } else {
            (Vec::new(), Vec::new())
        };
        write_row(&old_row, window, &old_words, w, p, out)?;
        write_row(&new_row, new_window, &new_words, w, p, out)?;
    }
    Ok(())
}

/// The words that differ between two windows, as character ranges of the
/// old line and of the new line.
fn changed_words(
    old: &[char],
    old_window: Range,
    new: &[char],
    new_window: Range,
) -> (Vec<Range>, Vec<Range>) {
    let old_text: String = old
        .get(old_window.start..old_window.end)
        .unwrap_or(&[])
        .iter()
        .collect();
    let new_text: String = new
        .get(new_window.start..new_window.end)
        .unwrap_or(&[])
        .iter()
        .collect();
    let diff = TextDiff::configure().diff_words(old_text.as_str(), new_text.as_str());
    let (mut at_old, mut at_new) = (old_window.start, new_window.start);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for change in diff.iter_all_changes() {
        let n = change.value().chars().count();
        match change.tag() {
            ChangeTag::Equal => {
                at_old += n;
                at_new += n;
            }
            ChangeTag::Delete => {
                removed.push(Range {
                    start: at_old,
                    end: at_old + n,
                });
                at_old += n;
            }
            ChangeTag::Insert => {
                added.push(Range {
                    start: at_new,
                    end: at_new + n,
                });
                at_new += n;
            }
        }
    }
    (removed, added)
}

/// Writes `  - N | text` for one window of a fix's line, `emphasis`
/// marking the characters shown in reverse video.
fn write_row(
    row: &Row<'_>,
    window: Range,
    emphasis: &[Range],
    w: usize,
    p: &Palette,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let base = if row.sign == '-' { p.removed() } else { p.added() };
    let excerpt = Excerpt {
        chars: row.chars,
        window,
        emphasis,
        base,
        strong: p.pick(base.invert()),
    };
    writeln!(
        out,
        "{:w$} {} {}{}{excerpt}",
        "",
        p.paint(base, row.sign),
        p.paint(p.gutter(), format_args!("{:>w$} |", row.number)),
        excerpt.gap(),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::finding::{Applicability, Edit, Fix};
    use crate::report::Checked;
    use crate::source::{Format, InputError};

    /// A draft with a headline, a 470-character paragraph and short
    /// paragraphs, some with curly quotes before the names.
    pub(crate) const DRAFT: &str = "\
Kerry seeks common ground with Russia on Syria, Ukraine

MOSCOW — US Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov and President Vladimir Putin in Moscow on Tuesday. Russian Federation jets have been striking Syria since September, and Russia says the strikes are aimed at ISIS. The talks turned on how far Washington and Moscow could work together while they remain at odds over Ukraine, sanctions and the fate of Syrian President Bashar al-Assad, whom Russia has backed throughout the war. Officials said 12 fighters were killed.

“We’re not seeking to isolate Russia,” Kerry said after meeting Sergey Lavrov.

Sergey Lavrov told reporters the talks had been “frank and useful”.

The two men will meet again in New York on December 18.

Lavrov’s ministry said later that 21 fighters were killed.
";

    /// The span of `word` where it follows `before` in `text`.
    pub(crate) fn at(text: &str, before: &str, word: &str) -> Span {
        let found = text
            .find(&format!("{before}{word}"))
            .unwrap_or_else(|| panic!("{before}{word:?} is not in the draft"));
        let start = found + before.len();
        Span::new(start, start + word.len())
    }

    fn edit(span: Span, replacement: &str) -> Edit {
        Edit {
            span,
            replacement: replacement.to_string(),
        }
    }

    /// The draft with three findings: a country named two ways (safe fix,
    /// related spans on the finding's own line), a minister spelt two ways
    /// (unsafe fix on two lines), and two death tolls (no fix); a second
    /// file without findings, and a file that could not be read.
    pub(crate) fn sample_run() -> Run {
        let t = DRAFT;
        let country = Finding {
            rule: "naming.entity",
            origin: Some("Russia".to_string()),
            severity: Severity::Warning,
            message: "\"Russian Federation\" and \"Russia\" name one country; use \"Russia\" (house rule)"
                .to_string(),
            span: at(t, "Tuesday. ", "Russian Federation"),
            related: vec![
                at(t, "with ", "Russia"),
                at(t, ", and ", "Russia"),
                at(t, "whom ", "Russia"),
                at(t, "isolate ", "Russia"),
            ],
            fix: Fix::new(
                Applicability::Safe,
                vec![edit(at(t, "Tuesday. ", "Russian Federation"), "Russia")],
            ),
        };
        let minister = Finding {
            rule: "naming.person",
            origin: None,
            severity: Severity::Error,
            message: "\"Sergey Lavrov\" and \"Sergei Lavrov\" may name one person".to_string(),
            span: at(t, "meeting ", "Sergey Lavrov"),
            related: vec![
                at(t, "Minister ", "Sergei Lavrov"),
                at(t, "\n\n", "Sergey Lavrov"),
            ],
            fix: Fix::new(
                Applicability::Unsafe,
                vec![
                    edit(at(t, "meeting ", "Sergey"), "Sergei"),
                    edit(at(t, "\n\n", "Sergey"), "Sergei"),
                ],
            ),
        };
        let toll = Finding {
            rule: "claims.number",
            origin: None,
            severity: Severity::Info,
            message: "21 fighters were killed, or 12?".to_string(),
            span: at(t, "that ", "21 fighters were killed"),
            related: vec![at(t, "said ", "12 fighters were killed")],
            fix: None,
        };
        Run {
            files: vec![
                Checked {
                    source: Source::new("draft.txt", DRAFT, Format::Text),
                    findings: vec![country, minister, toll],
                },
                Checked {
                    source: Source::new("brief.txt", "Kerry met Lavrov.\n", Format::Text),
                    findings: vec![],
                },
            ],
            errors: vec![InputError::Unreadable {
                path: "missing.md".to_string(),
                cause: std::io::Error::from(std::io::ErrorKind::NotFound).into(),
            }],
        }
    }

    /// A run with one finding whose spans and edits are all wrong: out of
    /// range, inside a character, backwards, across lines.
    pub(crate) fn broken_run() -> Run {
        let text = "“Kerry” met\r\nLavrov’s aide.\r\n";
        let finding = Finding {
            rule: "naming.person",
            origin: None,
            severity: Severity::Warning,
            message: "spans out of range".to_string(),
            span: Span::new(500, 600),
            related: vec![
                Span::new(1, 2),
                Span { start: 12, end: 4 },
                Span::new(8, 20),
                Span::new(0, usize::MAX),
            ],
            fix: Some(Fix {
                applicability: Applicability::DisplayOnly,
                edits: vec![
                    edit(Span::new(1, 5), "x"),
                    edit(Span::new(3, 4), "overlapping"),
                    edit(Span::new(12, 16), "\n"),
                    edit(Span::new(700, 800), "beyond"),
                ],
            }),
        };
        Run {
            files: vec![Checked {
                source: Source::new("broken.txt", text, Format::Text),
                findings: vec![finding],
            }],
            errors: vec![],
        }
    }

    pub(crate) fn write_to_string(write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("the report is UTF-8")
    }

    fn render(run: &Run, color: bool) -> String {
        write_to_string(|out| write(run, color, out))
    }

    #[test]
    fn sample_run_for_a_person() {
        insta::assert_snapshot!(render(&sample_run(), false));
    }

    #[test]
    fn broken_spans_are_shown_without_panicking() {
        let run = broken_run();
        render(&run, true);
        insta::assert_snapshot!(render(&run, false));
    }

    #[test]
    fn colour_only_when_asked() {
        let run = sample_run();
        let plain = render(&run, false);
        let coloured = render(&run, true);
        assert!(!plain.contains('\x1b'), "{plain}");
        assert!(
            coloured.contains("\x1b[1m\x1b[31merror[naming.person]"),
            "{coloured}"
        );
        assert!(coloured.contains("\x1b[33m"), "{coloured}");
        assert!(
            coloured.contains("\x1b[7m"),
            "changed words are reversed: {coloured}"
        );
    }

    #[test]
    fn changed_words_are_emphasised_with_colour() {
        let run = sample_run();
        let coloured = render(&run, true);
        let removed = "\x1b[7m\x1b[31mRussian Federation\x1b[0m";
        let added = "\x1b[7m\x1b[32mRussia\x1b[0m";
        assert!(coloured.contains(removed), "{coloured:?}");
        assert!(coloured.contains(added), "{coloured:?}");
    }

    #[test]
    fn no_line_is_longer_than_a_window() {
        for line in render(&sample_run(), false).lines() {
            assert!(line.chars().count() <= WIDTH + 20, "{line}");
        }
    }

    #[test]
    fn summary_wording() {
        let mut run = Run::default();
        assert_eq!(summary(Totals::of(&run)), "No findings in 0 files.");
        run = sample_run();
        assert_eq!(
            summary(Totals::of(&run)),
            "Found 3 findings in 2 files; 1 file could not be read."
        );
        run.files.truncate(1);
        run.files[0].findings.truncate(1);
        run.errors.clear();
        assert_eq!(summary(Totals::of(&run)), "Found 1 finding in 1 file.");
    }
}
