//! claimlint checks a news article draft against itself.
#![deny(missing_docs)]

pub mod finding;
pub mod source;
