//! claimlint checks a news article draft against itself: one entity
//! called by two names, one name spelt two ways, one title worded two ways,
//! one word hyphenated two ways, and forms the house style replaces.
//!
//! The pipeline is a line of stages with plain data between them:
//! [`source`] reads a draft and finds its prose, [`parse`] splits it into
//! tokens and sentences, [`mention`] finds what it names, [`check`] runs
//! one module per rule family, and [`report`] renders the findings.
//!
//! The front ends — the `claimlint` command ([`cli`]), the local web page
//! ([`serve`]) and the language server ([`lsp`]) — all check with one
//! [`setup::Setup`], so a draft gets the same findings in each. Each layer
//! has its own error type ([`source::InputError`], [`config::ConfigError`],
//! [`rules::RuleError`], [`setup::SetupError`], [`cli::CommandError`]),
//! whose variants carry the path and place and render the message.
//! `ARCHITECTURE.md` maps the stages and the layer order the imports keep.
//!
//! ```
//! use claimlint::{source::{Format, Source}, rules::Pack, Checker};
//!
//! let checker = Checker::new(Pack::builtin().unwrap());
//! let draft = Source::new("draft.txt", "The cease-fire held. The ceasefire broke.", Format::Text);
//! let findings = checker.check(&draft);
//! assert_eq!(findings.len(), 1);
//! assert_eq!(findings[0].rule, "terms.hyphenation");
//! ```
#![deny(missing_docs)]

pub mod assets;
pub mod baseline;
pub mod check;
pub mod claim;
pub mod cli;
pub mod config;
pub mod controls;
pub mod docs;
pub mod example;
pub mod file;
pub mod finding;
pub mod fix;
pub mod learn;
pub mod lines;
pub mod lsp;
pub mod mention;
pub mod parse;
pub mod policy;
pub mod registry;
pub mod report;
pub mod rule_list;
pub mod rules;
pub mod serve;
pub mod setup;
pub mod source;

use finding::Finding;
use rules::Pack;
use source::Source;

/// A pack compiled for checking; build it once and check many drafts.
#[derive(Debug, Clone)]
pub struct Checker {
    pack: Pack,
    compiled: check::Compiled,
    date: Option<jiff::civil::Date>,
    /// The prose a segment of a long draft holds (see [`Checker::with_segments`]).
    segment: usize,
}

impl Checker {
    /// Compiles a pack.
    pub fn new(pack: Pack) -> Checker {
        let compiled = check::Compiled::new(&pack);
        Checker {
            pack,
            compiled,
            date: None,
            segment: check::SEGMENT_BYTES,
        }
    }

    /// Sets the publication date (from `--date` or a config file), which
    /// calendar checks use before a date found in the draft itself.
    pub fn with_date(mut self, date: Option<jiff::civil::Date>) -> Checker {
        self.date = date;
        self
    }

    /// The publication date given with [`Checker::with_date`], if any.
    pub fn date(&self) -> Option<jiff::civil::Date> {
        self.date
    }

    /// The pack being checked against.
    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    /// Reads a long draft in segments of at least `bytes` of prose
    /// ([`check::SEGMENT_BYTES`] unless set): a segment is parsed and read
    /// at once, and only what the checks of the whole draft need of it is
    /// kept. The findings are the same for any size; smaller segments take
    /// less memory, and too small ones more time.
    pub fn with_segments(mut self, bytes: usize) -> Checker {
        self.segment = bytes.max(1);
        self
    }

    /// Checks one draft; findings sorted by span, then rule.
    pub fn check(&self, source: &Source) -> Vec<Finding> {
        let doc = check::Document::in_segments(source, &self.compiled, &self.pack, self.date, self.segment);
        check::run(&doc, &self.compiled, &self.pack)
    }
}
