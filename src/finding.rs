//! Findings: what a check reports, where, and the edits that would fix it.

use std::fmt;

/// A set of spans asked whether it overlaps a span, in logarithmic time:
/// the spans merged into disjoint ones, in order. Filters that drop a
/// finding overlapping any of thousands of places stay linear in the
/// places.
#[derive(Clone, Debug, Default)]
pub struct SpanSet(Vec<Span>);

impl SpanSet {
    /// The set of `spans`, in any order. Empty spans cover nothing.
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanSet {
        let mut spans: Vec<Span> = spans.into_iter().filter(|s| s.start < s.end).collect();
        spans.sort_unstable();
        let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        SpanSet(merged)
    }

    /// True when no span is in the set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether some span of the set overlaps `span` (shares a byte).
    pub fn overlaps(&self, span: Span) -> bool {
        let at = self.0.partition_point(|t| t.end <= span.start);
        self.0.get(at).is_some_and(|t| t.overlaps(span))
    }
}

/// A byte range into the original file, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// The range `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Number of bytes covered.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers in `text`.
    ///
    /// Returns `""` for a span that does not fall on character boundaries
    /// inside `text`, so a stale span can never panic a renderer.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never a slip on its own.
    Info,
    /// An inconsistency an editor should resolve.
    #[default]
    Warning,
    /// A slip that must not be published.
    Error,
}

impl Severity {
    /// The lower-case name used in reports and rule files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without a human reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Applicability {
    /// A mechanical rename of one name to another name of the same thing;
    /// applying it cannot change what the sentence says.
    Safe,
    /// Probably right, but it rests on a guess (for example that two
    /// spellings name one person); a human should confirm it.
    Unsafe,
    /// Shown to the reader as a suggestion, never applied.
    DisplayOnly,
}

impl Applicability {
    /// The lower-case name used in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Edit {
    /// The bytes replaced.
    pub span: Span,
    /// What replaces them.
    pub replacement: String,
}

/// Edits that together make the draft consistent, sorted by span and never
/// overlapping, with how safe they are to apply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// How safe the edits are to apply unattended.
    pub applicability: Applicability,
    /// Sorted, non-overlapping edits.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// Builds a fix from edits, sorting them; `None` when there is no edit
    /// or two edits overlap (a fix that cannot be applied is no fix).
    pub fn new(applicability: Applicability, mut edits: Vec<Edit>) -> Option<Fix> {
        edits.sort();
        edits.dedup();
        if edits.is_empty() || edits.windows(2).any(|w| w[0].span.overlaps(w[1].span)) {
            return None;
        }
        Some(Fix { applicability, edits })
    }

    /// Applies the edits to `text`. Bytes outside the edits are copied as
    /// they are. Returns `None` if an edit does not fall on character
    /// boundaries inside `text`.
    pub fn apply(&self, text: &str) -> Option<String> {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for edit in &self.edits {
            out.push_str(text.get(at..edit.span.start)?);
            text.get(edit.span.start..edit.span.end)?;
            out.push_str(&edit.replacement);
            at = edit.span.end;
        }
        out.push_str(text.get(at..)?);
        Some(out)
    }
}

/// One inconsistency in one file, pointing at every place involved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule code, `family.name` (`naming.entity`).
    pub rule: &'static str,
    /// Which rule-file entry produced it (`Russia`), when one did.
    pub origin: Option<String>,
    /// How serious it is.
    pub severity: Severity,
    /// One sentence an editor can act on.
    pub message: String,
    /// The odd one out.
    pub span: Span,
    /// The other places involved, sorted.
    pub related: Vec<Span>,
    /// The edits that would make the draft consistent.
    pub fix: Option<Fix>,
}

impl Finding {
    /// The key findings are sorted by within one file: span, then rule.
    pub fn sort_key(&self) -> (Span, &'static str, &str) {
        (self.span, self.rule, &self.message)
    }
}

#[cfg(test)]
mod span_set_tests {
    use super::*;

    #[test]
    fn a_span_set_finds_any_overlap() {
        let set = SpanSet::new([
            Span::new(10, 20),
            Span::new(0, 3),
            Span::new(15, 25),
            Span::new(40, 40),
        ]);
        assert!(set.overlaps(Span::new(2, 5)));
        assert!(set.overlaps(Span::new(24, 30)));
        assert!(!set.overlaps(Span::new(3, 10)));
        assert!(!set.overlaps(Span::new(25, 50)));
        // As `Span::overlaps` has it, a point inside a span is in it.
        assert!(set.overlaps(Span::new(12, 12)));
        assert!(SpanSet::new([]).is_empty());
    }
}
