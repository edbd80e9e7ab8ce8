//! What more than one test file uses; each uses part of it.
#![allow(dead_code)]

pub mod hostile;

use claimlint::finding::Finding;
use claimlint::report::{self, Checked, OutputFormat, Run};
use claimlint::source::Source;

/// The pretty report of one checked draft, as `claimlint check` prints it
/// without colour (the text fixture snapshots hold).
pub fn pretty(source: Source, findings: Vec<Finding>) -> String {
    let run = Run {
        files: vec![Checked { source, findings }],
        errors: vec![],
    };
    let mut out = Vec::new();
    report::write(&run, OutputFormat::Pretty, false, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}
