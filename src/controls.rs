//! Inline controls: comments in a Markdown draft that turn rules off for a
//! stretch of it.
//!
//! ```markdown
//! <!-- claimlint-disable naming.variant -->
//! Quotes from the wire copy keep their spelling: "Sergey Lavrov said..."
//! <!-- claimlint-enable naming.variant -->
//!
//! <!-- claimlint-disable-next-line style -->
//! A recipe for Chicken Kiev.
//! ```
//!
//! - `claimlint-disable RULE...` turns the rules off from the end of the
//!   comment until a `claimlint-enable` naming the same rules (or naming
//!   none) or the end of the draft.
//! - `claimlint-disable-next-line RULE...` turns them off on the line after
//!   the comment's.
//! - With no rule, every rule is turned off (or on). Rules are listed
//!   separated by spaces or commas; a family (`naming`) stands for every
//!   rule in it (`naming.entity`, `naming.variant`...). Text after `--`
//!   is a comment for people (`<!-- claimlint-disable naming -- wire copy -->`).
//!
//! A finding is suppressed when the start of its span (the odd one out) is
//! where its rule is off. Only HTML comments that Markdown reads as HTML
//! count: one inside a code block or code span is text.

use pulldown_cmark::{Event, Options, Parser};

use crate::finding::{Finding, Span};
use crate::source::{Format, Source};

/// True when `selector` names `rule` or the family it belongs to.
pub fn selects(selector: &str, rule: &str) -> bool {
    rule == selector
        || rule
            .strip_prefix(selector)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// A stretch of a draft where some rules are off.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Region {
    /// The rules or families off; empty for every rule.
    rules: Vec<String>,
    /// The bytes where they are off.
    span: Span,
}

impl Region {
    fn suppresses(&self, finding: &Finding) -> bool {
        self.span.start <= finding.span.start
            && finding.span.start < self.span.end
            && (self.rules.is_empty() || self.rules.iter().any(|r| selects(r, finding.rule)))
    }
}

/// The inline controls of one draft.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Controls {
    regions: Vec<Region>,
    /// Rules a control names that do not exist: where, and the name.
    unknown: Vec<(Span, String)>,
}

/// One `claimlint-…` comment.
#[derive(Debug, PartialEq, Eq)]
enum Directive {
    Disable(Vec<String>),
    Enable(Vec<String>),
    DisableNextLine(Vec<String>),
}

impl Controls {
    /// Reads the controls of a draft; plain-text drafts have none.
    pub fn of(source: &Source) -> Controls {
        if source.format != Format::Markdown || !source.text.contains("claimlint-") {
            return Controls::default();
        }
        let text = &source.text;
        let mut regions = Vec::new();
        // Regions opened by `disable` and not yet closed: rules, start.
        let mut open: Vec<(Vec<String>, usize)> = Vec::new();
        let mut unknown = Vec::new();
        for (comment, body) in html_comments(source) {
            let Some(directive) = parse(body) else {
                continue;
            };
            let (Directive::Disable(rules) | Directive::Enable(rules) | Directive::DisableNextLine(rules)) =
                &directive;
            let mut from = 0;
            for rule in rules {
                let at = body[from..].find(rule.as_str()).map_or(0, |at| from + at);
                from = at + rule.len();
                if !crate::docs::is_known_selector(rule) {
                    let start = comment.start + 4 + at;
                    unknown.push((Span::new(start, start + rule.len()), rule.clone()));
                }
            }
            match directive {
                Directive::Disable(rules) => open.push((rules, comment.end)),
                Directive::Enable(rules) => {
                    let mut still_open = Vec::new();
                    for (off, start) in open.drain(..) {
                        if rules.is_empty() || off == rules {
                            regions.push(Region {
                                rules: off,
                                span: Span::new(start, comment.start),
                            });
                        } else if off.is_empty() {
                            // `disable` (all) then `enable naming`: every
                            // rule stays off but those.
                            regions.push(Region {
                                rules: Vec::new(),
                                span: Span::new(start, comment.start),
                            });
                            still_open.push((complement_marker(&rules), comment.end));
                        } else {
                            let kept: Vec<String> =
                                off.iter().filter(|r| !rules.contains(r)).cloned().collect();
                            regions.push(Region {
                                rules: off.clone(),
                                span: Span::new(start, comment.start),
                            });
                            if !kept.is_empty() {
                                still_open.push((kept, comment.end));
                            }
                        }
                    }
                    open = still_open;
                }
                Directive::DisableNextLine(rules) => {
                    let (line, _) = source.line_col(comment.end.saturating_sub(1));
                    if line < source.line_count() {
                        let next = source.line_span(line + 1);
                        regions.push(Region {
                            rules,
                            span: Span::new(next.start, next.end.max(next.start + 1)),
                        });
                    }
                }
            }
        }
        for (rules, start) in open {
            regions.push(Region {
                rules,
                span: Span::new(start, text.len() + 1),
            });
        }
        // `complement_marker` regions are every rule but some: expand them.
        let regions = regions
            .into_iter()
            .flat_map(|r| match r.rules.first().and_then(|f| f.strip_prefix(NOT)) {
                Some(except) => all_but(except, r.span),
                None => vec![r],
            })
            .collect();
        Controls { regions, unknown }
    }

    /// The rules the controls name that do not exist, with where each is
    /// written.
    pub fn unknown(&self) -> &[(Span, String)] {
        &self.unknown
    }

    /// True when no rule is turned off anywhere.
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    /// Whether an inline control turns the finding's rule off where it is.
    pub fn suppresses(&self, finding: &Finding) -> bool {
        self.regions.iter().any(|r| r.suppresses(finding))
    }

    /// The findings not suppressed.
    pub fn filter(&self, findings: Vec<Finding>) -> Vec<Finding> {
        if self.is_empty() {
            return findings;
        }
        findings.into_iter().filter(|f| !self.suppresses(f)).collect()
    }
}

/// Marks a region where every rule but the listed ones is off.
const NOT: &str = "!";

fn complement_marker(rules: &[String]) -> Vec<String> {
    vec![format!("{NOT}{}", rules.join(","))]
}

/// Every known rule not selected by `except` (comma-separated selectors),
/// as one region each.
fn all_but(except: &str, span: Span) -> Vec<Region> {
    let except: Vec<&str> = except.split(',').collect();
    let rules: Vec<String> = crate::docs::codes()
        .into_iter()
        .filter(|code| !except.iter().any(|e| selects(e, code)))
        .map(str::to_string)
        .collect();
    if rules.is_empty() {
        return Vec::new();
    }
    vec![Region { rules, span }]
}

/// Reads a comment's body as a directive; `None` for any other comment.
fn parse(body: &str) -> Option<Directive> {
    let body = body.trim();
    let body = body.split(" --").next().unwrap_or(body);
    let (keyword, rest) = match body.find(char::is_whitespace) {
        Some(at) => (&body[..at], &body[at..]),
        None => (body, ""),
    };
    let rules: Vec<String> = rest
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    match keyword {
        "claimlint-disable" => Some(Directive::Disable(rules)),
        "claimlint-enable" => Some(Directive::Enable(rules)),
        "claimlint-disable-next-line" => Some(Directive::DisableNextLine(rules)),
        _ => None,
    }
}

/// Every HTML comment Markdown reads as HTML: its span and its body.
fn html_comments(source: &Source) -> Vec<(Span, &str)> {
    let text = &source.text;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut html: Vec<Span> = Vec::new();
    for (event, range) in Parser::new_ext(&text[bom..], options).into_offset_iter() {
        if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            let span = Span::new(range.start + bom, range.end + bom);
            match html.last_mut() {
                Some(last) if last.end >= span.start => last.end = last.end.max(span.end),
                _ => html.push(span),
            }
        }
    }
    let mut comments = Vec::new();
    for region in html {
        let mut at = region.start;
        while let Some(found) = text.get(at..region.end).and_then(|t| t.find("<!--")) {
            let start = at + found;
            let body_start = start + 4;
            let Some(close) = text[body_start..].find("-->") else {
                break;
            };
            let end = body_start + close + 3;
            comments.push((Span::new(start, end), &text[body_start..body_start + close]));
            at = end;
        }
    }
    comments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Pack;
    use crate::Checker;

    fn rules_left(text: &str) -> Vec<(&'static str, String)> {
        let source = Source::new("a.md", text, Format::Markdown);
        let checker = Checker::new(Pack::builtin().unwrap());
        let controls = Controls::of(&source);
        controls
            .filter(checker.check(&source))
            .into_iter()
            .map(|f| (f.rule, f.span.slice(&source.text).to_string()))
            .collect()
    }

    #[test]
    fn a_disabled_region_suppresses_its_rules_only() {
        let text = "The ceasefire held. The ceasefire again.\n\n<!-- claimlint-disable terms -->\n\nThe cease-fire broke in Kiev.\n\n<!-- claimlint-enable terms -->\n\nKiev.\n";
        assert_eq!(rules_left(text), vec![("style.substitution", "Kiev".to_string())]);
        let without = text.replace("claimlint-disable terms", "x");
        assert_eq!(rules_left(&without).len(), 2);
    }

    #[test]
    fn disable_without_rules_turns_everything_off_until_enabled() {
        let text = "Officials in Kiev met.\n\n<!-- claimlint-disable -->\nThe ceasefire broke in Kiev. The cease-fire.\n<!-- claimlint-enable -->\n\nKiev again. The cease-fire held.\n";
        assert_eq!(rules_left(text), vec![("style.substitution", "Kiev".to_string())]);
    }

    #[test]
    fn disable_next_line_covers_one_line() {
        let text = "Kiev first.\n<!-- claimlint-disable-next-line terms.hyphenation, style -- wire copy -->\nThe ceasefire broke in Kiev.\n\nThe cease-fire held. The cease-fire.\n";
        assert_eq!(rules_left(text), vec![("style.substitution", "Kiev".to_string())]);
        let later = "Kiev first.\n\nThe cease-fire held. The cease-fire.\n<!-- claimlint-disable-next-line terms -->\n\nThe ceasefire broke.\n";
        assert_eq!(rules_left(later).len(), 2, "a blank line is the next line");
    }

    #[test]
    fn comments_in_code_and_plain_text_are_not_controls() {
        let text = "`<!-- claimlint-disable -->` is how.\n\nThe cease-fire held. The ceasefire broke.\n";
        assert_eq!(rules_left(text).len(), 1);
        let plain = Source::new("a.txt", "<!-- claimlint-disable -->\n", Format::Text);
        assert!(Controls::of(&plain).is_empty());
    }

    #[test]
    fn enable_of_one_family_after_disable_all() {
        let text = "<!-- claimlint-disable -->\n<!-- claimlint-enable style -->\nThe cease-fire held. The ceasefire broke in Kiev.\n";
        assert_eq!(rules_left(text), vec![("style.substitution", "Kiev".to_string())]);
    }

    #[test]
    fn selectors_match_rules_and_families() {
        assert!(selects("naming", "naming.entity"));
        assert!(selects("naming.entity", "naming.entity"));
        assert!(!selects("nam", "naming.entity"));
        assert!(!selects("naming.entity", "naming.entity2"));
    }
}
