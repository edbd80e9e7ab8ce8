//! Rule files: the YAML format, loading it into typed rules with located
//! errors, and the built-in pack embedded in the binary.
//!
//! A rule file is a YAML mapping whose keys name rule families; each family
//! holds a list of entries (or, for the detectors that need no list, a
//! settings mapping). A pack is every file of a directory, in path order.
//! The format is documented in `docs/rules.md`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::finding::Severity;
use crate::source::FileMistake;

pub mod archive;
pub mod claim;
pub mod examples;
mod locate;
pub mod pattern;

pub use examples::Examples;

use locate::Names;

/// A rule pack that cannot be loaded: the file (or `--style`), located at
/// `path:line:column` where the place is known. Every one makes a run exit
/// 2 before any draft is checked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// A rules path (`--rules`, `rules:`) that cannot be opened or listed.
    #[error("{path}: cannot read rules: {}", cause.full())]
    Unlisted {
        /// The path as given.
        path: String,
        /// What the system said.
        cause: crate::file::IoCause,
    },
    /// A rule file that cannot be read.
    #[error("{path}: cannot read rule file: {cause}")]
    Unreadable {
        /// The rule file.
        path: String,
        /// What the system said.
        cause: crate::file::IoCause,
    },
    /// A rule file that is not UTF-8, or whose YAML does not parse or
    /// does not fit the format (an unknown family or key, a bad value).
    #[error(transparent)]
    Mistake(#[from] FileMistake),
    /// A `prefer:` entry that names no entity, abbreviation or title.
    #[error("{path}:{line}:{column}: prefer: no entity, abbreviation or title is named {name:?}")]
    PreferNoRule {
        /// The rule file.
        path: String,
        /// 1-based line of the entry.
        line: usize,
        /// 1-based column of the entry.
        column: usize,
        /// The name it gives.
        name: String,
    },
    /// A `prefer:` entry whose form is none of the named rule's forms.
    #[error(
        "{path}:{line}:{column}: prefer: {form:?} is not one of the forms of {name:?} ({})",
        quoted(forms)
    )]
    PreferNoForm {
        /// The rule file.
        path: String,
        /// 1-based line of the entry.
        line: usize,
        /// 1-based column of the entry.
        column: usize,
        /// The rule it names.
        name: String,
        /// The form it asks for.
        form: String,
        /// The forms of every rule of that name.
        forms: Vec<String>,
    },
    /// A style pack that is not embedded (`--style`).
    #[error("--style: unknown style `{name}`, expected one of {}", styles().join(", "))]
    UnknownStyle {
        /// The name asked for.
        name: String,
    },
}

/// Forms as a rule error lists them: `"US", "U.S."`.
fn quoted(forms: &[String]) -> String {
    let quoted: Vec<String> = forms.iter().map(|f| format!("{f:?}")).collect();
    quoted.join(", ")
}

/// Something odd but not wrong in a rule file: both entries are loaded
/// and the run goes on, the caller shows it as a warning.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RuleWarning {
    /// A second entry of one name in one family of a file.
    #[error(
        "{path}:{line}:{column}: duplicate entry: {family} already has {name:?} (line {first}); both are loaded"
    )]
    Duplicate {
        /// The rule file.
        path: String,
        /// 1-based line of the second entry.
        line: usize,
        /// 1-based column of the second entry.
        column: usize,
        /// The family (`entities`).
        family: &'static str,
        /// The entry's name.
        name: String,
        /// The line of the first entry.
        first: usize,
    },
    /// Past the duplicates shown, how many more a file has.
    #[error("{path}:{line}:{column}: {more} more duplicate entries from here on in this file")]
    MoreDuplicates {
        /// The rule file.
        path: String,
        /// 1-based line of the first duplicate not shown.
        line: usize,
        /// 1-based column of it.
        column: usize,
        /// How many are not shown.
        more: usize,
    },
}

/// One entity (a country, person, organisation or place) with every name
/// it goes by. Mixing two of its names in one draft is a finding.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, try_from = "raw::Entity")]
pub struct EntityRule {
    /// The usual name; also the label of the rule.
    pub name: String,
    /// For the name and each alias in order: whether it takes "the"
    /// ("the Netherlands", "the Russian Federation"). Written in the rule
    /// file as a leading "the " on the name.
    pub articles: Vec<bool>,
    /// What kind of thing it is (`country`, `organisation`...), for messages.
    pub kind: String,
    /// Other names of the same entity.
    pub aliases: Vec<String>,
    /// The name a draft should use, if the pack has decided; otherwise the
    /// name the draft uses most wins.
    pub prefer: Option<String>,
    /// The built-in pack's `prefer`: in the default pack only the form
    /// that wins between forms used equally often (the majority decides
    /// first; a style pack or a desk's own rule file decides outright).
    pub fallback: Option<String>,
    /// Words derived from the name that are never variants of it
    /// (`Russian`). They are recognised so that they are not taken for
    /// names of something else.
    pub adjectives: Vec<String>,
    /// Phrases that contain a name but are not it (`USA TODAY`).
    pub exceptions: Vec<String>,
    /// Severity of the finding.
    pub severity: Severity,
    /// Examples run by `claimlint rules test` and the test suite.
    pub examples: Examples,
}

impl EntityRule {
    /// The name first, then the aliases (without their article).
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// Whether the form with this text takes "the".
    pub fn takes_article(&self, form: &str) -> bool {
        self.forms().zip(&self.articles).any(|(f, &a)| a && f == form)
    }
}

/// One thing written several ways: an abbreviation (`US`, `U.S.`, `USA`)
/// or a title (`Secretary of State`, `State Secretary`). A title with one
/// form is still useful: it tells the naming stage that the words before a
/// name are a title, not part of the name.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, try_from = "raw::Forms")]
pub struct FormsRule {
    /// The label of the rule: what an abbreviation stands for (`United
    /// States`), a title's usual wording; the first form when not given.
    pub name: String,
    /// The ways of writing it (titles are matched without regard to case).
    pub forms: Vec<String>,
    /// The form a draft should use, if the pack has decided.
    pub prefer: Option<String>,
    /// The built-in pack's `prefer`, which breaks ties only (see
    /// [`EntityRule::fallback`]).
    pub fallback: Option<String>,
    /// Phrases that contain a form but are something else (`USA TODAY`).
    pub exceptions: Vec<String>,
    /// Severity of the finding.
    pub severity: Severity,
    /// Examples run by the test suite.
    pub examples: Examples,
}

/// One abbreviation written several ways (`US`, `U.S.`, `USA`).
pub type AbbreviationRule = FormsRule;

/// One title worded several ways (`Secretary of State`, `State Secretary`).
pub type TitleRule = FormsRule;

/// A house-style substitution: write `use`, never any of `instead_of`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, try_from = "raw::Style")]
pub struct StyleRule {
    /// The form to write (`Kyiv`).
    pub replacement: String,
    /// The forms to replace (`Kiev`).
    pub instead_of: Vec<String>,
    /// Why, in a few words, for the message.
    pub reason: Option<String>,
    /// Phrases that contain a form but keep it (`Chicken Kiev`).
    pub exceptions: Vec<String>,
    /// Severity of the finding.
    pub severity: Severity,
    /// Examples run by the test suite.
    pub examples: Examples,
}

/// Settings of the detector of hyphenation and spacing variants, which
/// needs no list: it finds `cease-fire`/`ceasefire` for any word.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsSettings {
    /// Severity of the finding (default warning).
    #[serde(default)]
    pub severity: Option<Severity>,
    /// Closed forms whose open or hyphenated spelling is a different
    /// word, never a variant (`everyday`, `maybe`, `setup`).
    #[serde(default)]
    pub distinct: Vec<String>,
    /// Words that, as the second part of an open form, make it a phrasal
    /// verb rather than a spelling of the closed noun (`take over` and
    /// `takeover`).
    #[serde(default)]
    pub particles: Vec<String>,
    /// Examples run by the test suite.
    #[serde(default)]
    pub examples: Examples,
}

/// Settings of the detector of unlisted name variants (`Sergei` and
/// `Sergey Lavrov`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantSettings {
    /// Severity of the finding (default warning).
    #[serde(default)]
    pub severity: Option<Severity>,
    /// Examples run by the test suite.
    #[serde(default)]
    pub examples: Examples,
}

/// Settings of the acronym checks: an acronym defined two ways, used
/// before its definition, defined and never used, or (where the pack asks)
/// spelled out again after its definition.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcronymSettings {
    /// Severity of a clash or a use before the definition (default
    /// warning); an acronym defined and never used is always info.
    #[serde(default)]
    pub severity: Option<Severity>,
    /// Acronyms every reader knows, which need no definition (`UN`, `NATO`).
    #[serde(default)]
    pub known: Vec<String>,
    /// Whether a spelled-out form after the definition is a finding (a
    /// house choice: some desks repeat the full name for variety).
    #[serde(default)]
    pub mixed: Option<bool>,
    /// Whether an acronym defined and never used is a finding (a house
    /// choice: some desks define an acronym for the reader's sake alone).
    #[serde(default)]
    pub unused: Option<bool>,
    /// Examples run by the test suite.
    #[serde(default)]
    pub examples: Examples,
}

/// Settings of the first-reference check: a person first named by
/// surname alone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstReferenceSettings {
    /// Severity of the finding (default info).
    #[serde(default)]
    pub severity: Option<Severity>,
    /// Full names of people news names often (`Vladimir Putin`), which
    /// give the finding its suggestion when the draft has no full name.
    #[serde(default)]
    pub people: Vec<String>,
    /// Whether a surname at first reference is reported even when the
    /// draft never gives the full name (AP and Reuters style: the full
    /// name at first reference), suggesting the listed person's. Without
    /// it, only a surname used before the draft's own full name is.
    #[serde(default)]
    pub full_name_first: Option<bool>,
    /// Examples run by the test suite.
    #[serde(default)]
    pub examples: Examples,
}

/// A house choice among the forms of a rule another file defines: a style
/// pack's `prefer: [{name: United States, use: U.S.}]`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preference {
    /// The name of an entity, abbreviation or title rule.
    pub name: String,
    /// The form to prefer; one of the rule's forms.
    #[serde(rename = "use")]
    pub form: String,
}

/// What one rule file holds. Every key is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Free text about the file: its source and licence.
    #[serde(default)]
    pub about: Option<String>,
    /// Entities and their names.
    #[serde(default)]
    pub entities: Vec<EntityRule>,
    /// Abbreviations and their spellings.
    #[serde(default)]
    pub abbreviations: Vec<AbbreviationRule>,
    /// Titles and their wordings.
    #[serde(default)]
    pub titles: Vec<TitleRule>,
    /// House-style substitutions.
    #[serde(default)]
    pub style: Vec<StyleRule>,
    /// The hyphenation and spacing detector's settings.
    #[serde(default)]
    pub terms: Option<TermsSettings>,
    /// The unlisted-variant detector's settings.
    #[serde(default)]
    pub variants: Option<VariantSettings>,
    /// Claims: which attributes are functional and how to extract them.
    #[serde(default)]
    pub claims: Vec<claim::ClaimRule>,
    /// The acronym checks' settings.
    #[serde(default)]
    pub acronyms: Option<AcronymSettings>,
    /// The first-reference check's settings.
    #[serde(default)]
    pub first_reference: Option<FirstReferenceSettings>,
    /// House choices among the forms of rules other files define.
    #[serde(default)]
    pub prefer: Vec<Preference>,
    /// A desk's archive of names, as `claimlint learn` writes it.
    #[serde(default)]
    pub archive: Option<archive::ArchiveSection>,
}

/// Every rule loaded for a run: the union of its rule files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pack {
    /// Entities and their names.
    pub entities: Vec<EntityRule>,
    /// Abbreviations and their spellings.
    pub abbreviations: Vec<AbbreviationRule>,
    /// Titles and their wordings.
    pub titles: Vec<TitleRule>,
    /// House-style substitutions.
    pub style: Vec<StyleRule>,
    /// The hyphenation and spacing detector's settings (merged: lists are
    /// joined, the last severity wins).
    pub terms: TermsSettings,
    /// The unlisted-variant detector's settings.
    pub variants: VariantSettings,
    /// Claim rules.
    pub claims: Vec<claim::ClaimRule>,
    /// Forms a desk has decided on (`accept:` in `.claimlint.yaml`): when
    /// an inconsistency's forms include one, it wins over the pack's
    /// `prefer` and over the majority.
    pub accepted: Vec<String>,
    /// The acronym checks' settings (merged like `terms`).
    pub acronyms: AcronymSettings,
    /// The first-reference check's settings.
    pub first_reference: FirstReferenceSettings,
    /// The archives of names loaded (`claimlint learn`'s files).
    pub archive: archive::Archive,
    /// What is odd but not wrong in the rule files loaded (a duplicate
    /// entry), located; the caller shows them.
    pub warnings: Vec<RuleWarning>,
}

/// The style packs embedded in the binary, by name: each sets the forms
/// one desk prefers where desks differ. Chosen with [`Pack::with_style`].
pub const STYLES: &[(&str, &str, &str)] = &[
    (
        "ap",
        "rules/styles/ap.yaml",
        include_str!("../rules/styles/ap.yaml"),
    ),
    (
        "bbc",
        "rules/styles/bbc.yaml",
        include_str!("../rules/styles/bbc.yaml"),
    ),
    (
        "reuters",
        "rules/styles/reuters.yaml",
        include_str!("../rules/styles/reuters.yaml"),
    ),
];

/// The names of the embedded style packs (`ap`, `bbc`, `reuters`).
pub fn styles() -> Vec<&'static str> {
    STYLES.iter().map(|s| s.0).collect()
}

/// The built-in pack: every file under `rules/` (outside `rules/styles/`),
/// embedded at build time so the binary works from any directory.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "rules/abbreviations.yaml",
        include_str!("../rules/abbreviations.yaml"),
    ),
    ("rules/acronyms.yaml", include_str!("../rules/acronyms.yaml")),
    ("rules/claims.yaml", include_str!("../rules/claims.yaml")),
    ("rules/countries.yaml", include_str!("../rules/countries.yaml")),
    (
        "rules/first_reference.yaml",
        include_str!("../rules/first_reference.yaml"),
    ),
    (
        "rules/organisations.yaml",
        include_str!("../rules/organisations.yaml"),
    ),
    ("rules/places.yaml", include_str!("../rules/places.yaml")),
    ("rules/style.yaml", include_str!("../rules/style.yaml")),
    ("rules/terms.yaml", include_str!("../rules/terms.yaml")),
    ("rules/titles.yaml", include_str!("../rules/titles.yaml")),
    ("rules/variants.yaml", include_str!("../rules/variants.yaml")),
];

impl Pack {
    /// The built-in pack.
    pub fn builtin() -> Result<Pack, RuleError> {
        let mut pack = Pack::default();
        for (path, text) in BUILTIN {
            pack.add(parse_file(path, text)?);
        }
        // The default pack checks consistency and suggests the majority
        // form; its own preferences only break ties.
        for e in &mut pack.entities {
            e.fallback = e.prefer.take();
        }
        for r in pack.abbreviations.iter_mut().chain(&mut pack.titles) {
            r.fallback = r.prefer.take();
        }
        Ok(pack)
    }

    /// Adds the rules of a file, or of every `.yaml`/`.yml` file under a
    /// directory (recursively, in path order).
    pub fn load(&mut self, path: &Path) -> Result<(), RuleError> {
        for file in rule_files(path)? {
            let display = file.display().to_string();
            let text = crate::source::read_settings(&file, |cause| RuleError::Unreadable {
                path: display.clone(),
                cause,
            })?;
            let file = parse_file(&display, &text)?;
            self.warnings.extend(duplicate_entries(&display, &text, &file));
            self.add_checked(&display, &text, file)?;
        }
        Ok(())
    }

    /// Adds a style pack by name ([`styles`] lists them): its rules, and
    /// its choices among the forms of the rules already loaded.
    pub fn with_style(mut self, name: &str) -> Result<Pack, RuleError> {
        let Some((_, path, text)) = STYLES.iter().find(|s| s.0 == name) else {
            return Err(RuleError::UnknownStyle {
                name: name.to_string(),
            });
        };
        self.add_checked(path, text, parse_file(path, text)?)?;
        Ok(self)
    }

    /// Adds the rules of one parsed file, first checking that each of its
    /// `prefer` entries names a rule and one of its forms. `text` is the
    /// file's text, where a mistake is located.
    pub fn add_checked(&mut self, path: &str, text: &str, file: RuleFile) -> Result<(), RuleError> {
        for (i, p) in file.prefer.iter().enumerate() {
            let named: Vec<Vec<&str>> = self
                .entities
                .iter()
                .chain(&file.entities)
                .filter(|e| e.name == p.name)
                .map(|e| e.forms().collect())
                .chain(
                    self.abbreviations
                        .iter()
                        .chain(&file.abbreviations)
                        .filter(|a| a.name == p.name)
                        .map(|a| a.forms.iter().map(String::as_str).collect()),
                )
                .chain(
                    self.titles
                        .iter()
                        .chain(&file.titles)
                        .filter(|t| t.name == p.name)
                        .map(|t| t.forms.iter().map(String::as_str).collect()),
                )
                .collect();
            let form = p.form.strip_prefix("the ").unwrap_or(&p.form);
            if named.iter().any(|forms| forms.contains(&form)) {
                continue;
            }
            let n = file.prefer[..i].iter().filter(|q| q.name == p.name).count();
            let (line, column) = Names::scan(text).nth("prefer", &p.name, n);
            let (path, name) = (path.to_string(), p.name.clone());
            return Err(if named.is_empty() {
                RuleError::PreferNoRule {
                    path,
                    line,
                    column,
                    name,
                }
            } else {
                RuleError::PreferNoForm {
                    path,
                    line,
                    column,
                    name,
                    form: p.form.clone(),
                    forms: named.iter().flatten().map(|f| f.to_string()).collect(),
                }
            });
        }
        self.add(file);
        Ok(())
    }

    /// Adds the rules of one parsed file. A `prefer` entry that names no
    /// loaded rule is ignored here; [`Pack::add_checked`] reports it.
    pub fn add(&mut self, file: RuleFile) {
        self.entities.extend(file.entities);
        self.abbreviations.extend(file.abbreviations);
        self.titles.extend(file.titles);
        self.style.extend(file.style);
        self.claims.extend(file.claims);
        if let Some(terms) = file.terms {
            self.terms.severity = terms.severity.or(self.terms.severity);
            self.terms.distinct.extend(terms.distinct);
            self.terms.particles.extend(terms.particles);
            self.terms.examples.bad.extend(terms.examples.bad);
            self.terms.examples.good.extend(terms.examples.good);
        }
        if let Some(variants) = file.variants {
            self.variants.severity = variants.severity.or(self.variants.severity);
            self.variants.examples.bad.extend(variants.examples.bad);
            self.variants.examples.good.extend(variants.examples.good);
        }
        if let Some(acronyms) = file.acronyms {
            self.acronyms.severity = acronyms.severity.or(self.acronyms.severity);
            self.acronyms.mixed = acronyms.mixed.or(self.acronyms.mixed);
            self.acronyms.unused = acronyms.unused.or(self.acronyms.unused);
            self.acronyms.known.extend(acronyms.known);
            self.acronyms.examples.bad.extend(acronyms.examples.bad);
            self.acronyms.examples.good.extend(acronyms.examples.good);
        }
        if let Some(first) = file.first_reference {
            self.first_reference.severity = first.severity.or(self.first_reference.severity);
            self.first_reference.people.extend(first.people);
            self.first_reference.full_name_first =
                first.full_name_first.or(self.first_reference.full_name_first);
            self.first_reference.examples.bad.extend(first.examples.bad);
            self.first_reference.examples.good.extend(first.examples.good);
        }
        if let Some(archive) = file.archive {
            self.archive.add(archive);
        }
        // A choice goes to the rule of that name that has the form: the
        // country "United States" and the abbreviation share a name.
        for p in file.prefer {
            let form = p.form.strip_prefix("the ").unwrap_or(&p.form).to_string();
            if let Some(e) = self
                .entities
                .iter_mut()
                .find(|e| e.name == p.name && e.forms().any(|f| f == form))
            {
                e.prefer = Some(form);
            } else if let Some(a) = self
                .abbreviations
                .iter_mut()
                .find(|a| a.name == p.name && a.forms.contains(&form))
            {
                a.prefer = Some(form);
            } else if let Some(t) = self
                .titles
                .iter_mut()
                .find(|t| t.name == p.name && t.forms.contains(&form))
            {
                t.prefer = Some(form);
            }
        }
    }
}

/// The most duplicate entries reported one by one for a file; the rest are
/// counted in one more warning.
const MAX_DUPLICATES_SHOWN: usize = 10;

/// Warnings for the entries of `file` whose family already has an entry of
/// that name in the same file. Both are loaded; the warning says where the
/// second is and where the first was.
fn duplicate_entries(path: &str, text: &str, file: &RuleFile) -> Vec<RuleWarning> {
    let families: [(&str, Vec<&str>); 3] = [
        (
            "entities",
            file.entities.iter().map(|e| e.name.as_str()).collect(),
        ),
        (
            "abbreviations",
            file.abbreviations.iter().map(|a| a.name.as_str()).collect(),
        ),
        ("titles", file.titles.iter().map(|t| t.name.as_str()).collect()),
    ];
    // (family, name, how many before this one)
    let mut repeats = Vec::new();
    for (family, names) in &families {
        let mut seen: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        for name in names {
            let count = seen.entry(name).or_insert(0);
            if *count > 0 {
                repeats.push((*family, *name, *count));
            }
            *count += 1;
        }
    }
    if repeats.is_empty() {
        return Vec::new();
    }
    let names = Names::scan(text);
    let mut warnings: Vec<RuleWarning> = repeats
        .iter()
        .take(MAX_DUPLICATES_SHOWN)
        .map(|&(family, name, before)| {
            let (first, _) = names.nth(family, name, 0);
            let (line, column) = names.nth(family, name, before);
            RuleWarning::Duplicate {
                path: path.to_string(),
                line,
                column,
                family,
                name: name.to_string(),
                first,
            }
        })
        .collect();
    if let Some(&(family, name, before)) = repeats.get(MAX_DUPLICATES_SHOWN) {
        let (line, column) = names.nth(family, name, before);
        warnings.push(RuleWarning::MoreDuplicates {
            path: path.to_string(),
            line,
            column,
            more: repeats.len() - MAX_DUPLICATES_SHOWN,
        });
    }
    warnings
}

/// The rule files a path names: itself, or the `.yaml`/`.yml` files under
/// it, sorted.
fn rule_files(path: &Path) -> Result<Vec<PathBuf>, RuleError> {
    let error = |e: std::io::Error| RuleError::Unlisted {
        path: path.display().to_string(),
        cause: e.into(),
    };
    let meta = std::fs::metadata(path).map_err(error)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    let mut dirs = vec![path.to_path_buf()];
    let mut seen = std::collections::HashSet::new();
    while let Some(dir) = dirs.pop() {
        // A symlink loop would otherwise walk forever.
        let canonical = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !seen.insert(canonical) {
            continue;
        }
        let entries = std::fs::read_dir(&dir).map_err(error)?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Parses one rule file's text. `path` is only used in errors.
pub fn parse_file(path: &str, text: &str) -> Result<RuleFile, RuleError> {
    if text.trim().is_empty() {
        return Ok(RuleFile::default());
    }
    serde_yaml::from_str::<RuleFile>(text).map_err(|e| FileMistake::yaml(path, &e, |at, _| at).into())
}

/// The shapes rule entries are read in, before they are checked.
mod raw {
    use serde::Deserialize;

    use super::{EntityRule, Examples, FormsRule, StyleRule};
    use crate::finding::Severity;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Entity {
        name: String,
        #[serde(default = "default_kind")]
        kind: String,
        #[serde(default)]
        aliases: Vec<String>,
        #[serde(default)]
        prefer: Option<String>,
        #[serde(default)]
        adjectives: Vec<String>,
        #[serde(default)]
        exceptions: Vec<String>,
        #[serde(default)]
        severity: Severity,
        #[serde(default)]
        examples: Examples,
    }

    fn default_kind() -> String {
        "entity".to_string()
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Forms {
        name: Option<String>,
        forms: Vec<String>,
        #[serde(default)]
        prefer: Option<String>,
        #[serde(default)]
        exceptions: Vec<String>,
        #[serde(default)]
        severity: Severity,
        #[serde(default)]
        examples: Examples,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Style {
        #[serde(rename = "use")]
        replacement: String,
        instead_of: Vec<String>,
        #[serde(default)]
        reason: Option<String>,
        #[serde(default)]
        exceptions: Vec<String>,
        #[serde(default)]
        severity: Severity,
        #[serde(default)]
        examples: Examples,
    }

    /// Every form must be a non-empty phrase without surrounding spaces.
    fn check_phrases<'a>(what: &str, phrases: impl IntoIterator<Item = &'a String>) -> Result<(), String> {
        for phrase in phrases {
            if phrase.trim().is_empty() {
                return Err(format!("{what} must not be empty"));
            }
            if phrase.trim() != phrase {
                return Err(format!("{what} {phrase:?} has spaces around it"));
            }
        }
        Ok(())
    }

    fn check_prefer(prefer: &Option<String>, forms: &[&String]) -> Result<(), String> {
        match prefer {
            Some(p) if !forms.contains(&p) => Err(format!(
                "prefer: {p:?} is not one of the forms ({})",
                forms
                    .iter()
                    .map(|f| format!("{f:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            _ => Ok(()),
        }
    }

    impl TryFrom<Entity> for EntityRule {
        type Error = String;
        fn try_from(e: Entity) -> Result<Self, String> {
            check_phrases("a name", std::iter::once(&e.name).chain(&e.aliases))?;
            check_phrases("an adjective", &e.adjectives)?;
            check_phrases("an exception", &e.exceptions)?;
            let strip = |form: String| match form.strip_prefix("the ").or_else(|| form.strip_prefix("The ")) {
                Some(rest) => (rest.to_string(), true),
                None => (form, false),
            };
            let (name, article) = strip(e.name);
            let (aliases, mut articles): (Vec<String>, Vec<bool>) = e.aliases.into_iter().map(strip).unzip();
            articles.insert(0, article);
            let prefer = e.prefer.map(|p| strip(p).0);
            let forms: Vec<&String> = std::iter::once(&name).chain(&aliases).collect();
            check_prefer(&prefer, &forms)?;
            Ok(EntityRule {
                name,
                articles,
                kind: e.kind,
                aliases,
                prefer,
                fallback: None,
                adjectives: e.adjectives,
                exceptions: e.exceptions,
                severity: e.severity,
                examples: e.examples,
            })
        }
    }

    impl Forms {
        fn validated(self) -> Result<Self, String> {
            if self.forms.is_empty() {
                return Err("forms must list at least one form".to_string());
            }
            check_phrases("a form", &self.forms)?;
            check_phrases("an exception", &self.exceptions)?;
            check_prefer(&self.prefer, &self.forms.iter().collect::<Vec<_>>())?;
            Ok(self)
        }
    }

    impl TryFrom<Forms> for FormsRule {
        type Error = String;
        fn try_from(f: Forms) -> Result<Self, String> {
            let f = f.validated()?;
            Ok(FormsRule {
                name: f.name.unwrap_or_else(|| f.forms[0].clone()),
                forms: f.forms,
                prefer: f.prefer,
                fallback: None,
                exceptions: f.exceptions,
                severity: f.severity,
                examples: f.examples,
            })
        }
    }

    impl TryFrom<Style> for StyleRule {
        type Error = String;
        fn try_from(s: Style) -> Result<Self, String> {
            check_phrases("use", std::iter::once(&s.replacement))?;
            if s.instead_of.is_empty() {
                return Err("instead_of must list at least one form".to_string());
            }
            check_phrases("a form", &s.instead_of)?;
            check_phrases("an exception", &s.exceptions)?;
            Ok(StyleRule {
                replacement: s.replacement,
                instead_of: s.instead_of,
                reason: s.reason,
                exceptions: s.exceptions,
                severity: s.severity,
                examples: s.examples,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_pack_loads() {
        let pack = Pack::builtin().unwrap();
        assert!(pack.entities.iter().any(|e| e.name == "Russia"));
    }

    #[test]
    fn every_builtin_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .map(|p| format!("rules/{}", p.file_name().unwrap().to_string_lossy()))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = BUILTIN.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn every_style_pack_is_embedded_and_loads() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules").join("styles");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .map(|p| format!("rules/styles/{}", p.file_name().unwrap().to_string_lossy()))
            .collect();
        on_disk.sort();
        let embedded: Vec<&str> = STYLES.iter().map(|s| s.1).collect();
        assert_eq!(on_disk, embedded);
        for name in styles() {
            let pack = Pack::builtin().unwrap().with_style(name).unwrap();
            assert!(pack
                .abbreviations
                .iter()
                .any(|a| a.name == "United States" && a.prefer.is_some()));
        }
        let e = Pack::builtin().unwrap().with_style("nyt").unwrap_err();
        assert_eq!(
            e.to_string(),
            "--style: unknown style `nyt`, expected one of ap, bbc, reuters"
        );
    }

    #[test]
    fn a_preference_must_name_a_rule_and_one_of_its_forms() {
        let mut pack = Pack::builtin().unwrap();
        let file = parse_file("s.yaml", "prefer:\n  - {name: United States, use: USA}\n").unwrap();
        pack.add_checked("s.yaml", "", file).unwrap();
        assert!(pack
            .abbreviations
            .iter()
            .any(|a| a.prefer.as_deref() == Some("USA")));
        let text = "prefer:\n  - {name: NATO, use: Nato}\n  - {name: United States, use: Amerika}\n";
        let e = pack
            .add_checked("s.yaml", text, parse_file("s.yaml", text).unwrap())
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("s.yaml:3:6: prefer: \"Amerika\" is not one of the forms"),
            "{e}"
        );
        let text = "prefer:\n  - {name: Atlantis, use: A}\n";
        let e = pack
            .add_checked("s.yaml", text, parse_file("s.yaml", text).unwrap())
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "s.yaml:2:6: prefer: no entity, abbreviation or title is named \"Atlantis\""
        );
    }

    #[test]
    fn a_duplicate_entry_is_a_located_warning_and_many_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("house.yaml");
        let text = "entities:\n  - name: NATO\n    aliases: [Nato]\n  - name: Gaza\n  - name: NATO\n    aliases: [N.A.T.O.]\ntitles:\n  - name: NATO\n    forms: [NATO chief]\n";
        std::fs::write(&path, text).unwrap();
        let mut pack = Pack::default();
        pack.load(&path).unwrap();
        let shown: Vec<String> = pack.warnings.iter().map(|w| w.to_string()).collect();
        let display = path.display();
        assert_eq!(
            shown,
            [format!(
                "{display}:5:5: duplicate entry: entities already has \"NATO\" (line 2); both are loaded"
            )]
        );
        assert_eq!(pack.entities.len(), 3);

        let many = format!("entities:\n{}", "  - name: NATO\n".repeat(100));
        std::fs::write(&path, many).unwrap();
        let mut pack = Pack::default();
        pack.load(&path).unwrap();
        assert_eq!(pack.warnings.len(), MAX_DUPLICATES_SHOWN + 1);
        assert_eq!(
            pack.warnings[MAX_DUPLICATES_SHOWN].to_string(),
            format!("{display}:13:5: 89 more duplicate entries from here on in this file")
        );
    }

    #[test]
    fn no_builtin_or_style_file_has_a_duplicate_entry() {
        for (path, text) in BUILTIN.iter().copied().chain(STYLES.iter().map(|s| (s.1, s.2))) {
            let file = parse_file(path, text).unwrap();
            assert_eq!(duplicate_entries(path, text, &file), [], "{path}");
        }
    }

    #[test]
    fn a_typo_is_located() {
        let text = "entities:\n  - name: Russia\n    alias: [Russian Federation]\n";
        let e = parse_file("house.yaml", text).unwrap_err();
        assert_eq!(
            e.to_string(),
            "house.yaml:3:5: entities[0]: unknown field `alias`, expected one of `name`, `kind`, \
             `aliases`, `prefer`, `adjectives`, `exceptions`, `severity`, `examples`"
        );
    }

    #[test]
    fn an_unknown_family_lists_the_valid_ones() {
        let e = parse_file("house.yaml", "entitys: []\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "house.yaml:1:1: unknown field `entitys`, expected one of `about`, `entities`, \
             `abbreviations`, `titles`, `style`, `terms`, `variants`, `claims`, `acronyms`, \
             `first_reference`, `prefer`, `archive`"
        );
    }

    #[test]
    fn prefer_must_be_a_form() {
        let text = "abbreviations:\n  - forms: [US, U.S.]\n    prefer: USA\n";
        let e = parse_file("house.yaml", text).unwrap_err();
        assert!(
            e.to_string()
                .contains("prefer: \"USA\" is not one of the forms (\"US\", \"U.S.\")"),
            "{e}"
        );
        assert!(
            matches!(&e, RuleError::Mistake(FileMistake::Invalid { path, .. }) if path == "house.yaml"),
            "{e:?}"
        );
    }

    #[test]
    fn a_bad_severity_and_bad_yaml_are_located() {
        let e = parse_file(
            "a.yaml",
            "style:\n  - use: Kyiv\n    instead_of: [Kiev]\n    severity: fatal\n",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("a.yaml:"), "{e}");
        assert!(e.to_string().contains("unknown variant `fatal`"), "{e}");
        let e = parse_file("b.yaml", "entities: [\n").unwrap_err();
        assert!(
            matches!(e, RuleError::Mistake(FileMistake::Invalid { line: 2, .. })),
            "{e:?}"
        );
    }

    #[test]
    fn a_yaml_bomb_is_refused() {
        let mut text =
            String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for i in 1..9u8 {
            let prev = (b'a' + i - 1) as char;
            let name = (b'a' + i) as char;
            text.push_str(&format!(
                "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        assert!(parse_file("bomb.yaml", &text).is_err());
    }
}
