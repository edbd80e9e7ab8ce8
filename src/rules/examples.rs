//! The examples every rule carries: texts it must flag and texts it must
//! leave alone, which `claimlint rules test` and the test suite run. Plain
//! data, read by every family's rule type.

use serde::Deserialize;

/// Example texts a rule must flag (`bad`) and must leave alone (`good`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts on which the rule must report a finding.
    #[serde(default)]
    pub bad: Vec<String>,
    /// Texts on which the rule must report nothing.
    #[serde(default)]
    pub good: Vec<String>,
}
