//! Writes `rules/countries.yaml` from the mledoze/countries data
//! (ODbL-1.0), so the pack can be regenerated when the data changes:
//!
//! ```sh
//! cargo run --example gen_countries -- ../shared/data/countries/mledoze-countries.json > rules/countries.yaml
//! ```
//!
//! Each country becomes one entity: its common name, its official name
//! and the English alternative spellings, with its demonyms as adjectives
//! (never variants of the name). What is left out, for precision:
//!
//! - codes and abbreviations ("RU", "CN", "DRC", "UAE"): any form with a
//!   word in capitals. `rules/abbreviations.yaml` handles "US"/"U.S.";
//!   mixing "the United Arab Emirates" with "the UAE" is normal;
//! - names in other languages and scripts ("Shqipëri", "Nippon",
//!   "Российская Федерация") and inverted index forms ("Bolivia,
//!   Plurinational State of");
//! - one-word alternatives, which are often English words or adjectives
//!   ("Island" for Iceland, "Saudi", "Thai", "Emirates"), unless they are
//!   the common name without its accents ("Curacao") or an English name
//!   listed in `ONE_WORD` ("Holland", "Burma").
//!
//! `OVERRIDES` then records the news usage the data cannot know: the
//! official forms that are normal in news and so no variant ("Republic of
//! Ireland"), the Congos, Turkey and Türkiye, and the names no desk
//! prefers over another.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use serde_json::Value;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Alternative names that English-language news uses but that the rules
/// below would leave out (one word, or not English-looking).
const KNOWN: &[&str] = &[
    "Côte d'Ivoire",
    "Cote d'Ivoire",
    "Holland",
    "Burma",
    "Swaziland",
    "Macedonia",
    "Congo-Kinshasa",
    "Congo-Brazzaville",
    "Bosnia-Herzegovina",
];

/// What the data cannot know, by common name.
struct Override {
    common: &'static str,
    /// Replaces the name (the common name becomes an alias).
    name: Option<&'static str>,
    /// Forms to add, with "the " where they take it.
    add: &'static [&'static str],
    /// Forms to leave out (normal in news, or another thing's name).
    drop: &'static [&'static str],
    /// Phrases that contain a form but are something else.
    exceptions: &'static [&'static str],
    /// Extra adjectives.
    adjectives: &'static [&'static str],
    /// No name is preferred: desks differ, the draft's majority wins.
    no_prefer: bool,
}

const NONE: Override = Override {
    common: "",
    name: None,
    add: &[],
    drop: &[],
    exceptions: &[],
    adjectives: &[],
    no_prefer: false,
};

const OVERRIDES: &[Override] = &[
    // "Democratic Republic of Congo" is the usual news name (BBC,
    // Reuters); "DR Congo" too. Neither is "Congo", the other country.
    Override {
        common: "DR Congo",
        name: Some("the Democratic Republic of Congo"),
        no_prefer: true,
        ..NONE
    },
    Override {
        common: "Congo",
        add: &["the Republic of Congo"],
        no_prefer: true,
        ..NONE
    },
    // "Republic of Ireland" is the normal name beside "Northern Ireland",
    // and a football team's.
    Override {
        common: "Ireland",
        drop: &["Republic of Ireland"],
        ..NONE
    },
    // "Great Britain" is the island and a sports team, not a slip for the
    // United Kingdom.
    Override {
        common: "United Kingdom",
        drop: &["Great Britain"],
        ..NONE
    },
    // Desks still write "Turkey" (AP, Reuters, BBC); the UN and the
    // government write "Türkiye". A style pack makes the choice.
    Override {
        common: "Türkiye",
        name: Some("Turkey"),
        add: &["Türkiye"],
        adjectives: &["Turks"],
        no_prefer: true,
        ..NONE
    },
    // "the Czech Republic" is still the usual news name; Czechia gains.
    Override {
        common: "Czechia",
        name: Some("the Czech Republic"),
        add: &["Czechia"],
        no_prefer: true,
        ..NONE
    },
    // AP and Reuters write "Ivory Coast", French-speaking desks "Côte
    // d'Ivoire"; both are the country's own English usage.
    Override {
        common: "Ivory Coast",
        no_prefer: true,
        ..NONE
    },
    Override {
        common: "Timor-Leste",
        no_prefer: true,
        ..NONE
    },
    Override {
        common: "Cape Verde",
        add: &["Cabo Verde"],
        no_prefer: true,
        ..NONE
    },
    Override {
        common: "Myanmar",
        no_prefer: true,
        ..NONE
    },
    Override {
        common: "Saudi Arabia",
        adjectives: &["Saudi", "Saudis"],
        ..NONE
    },
    Override {
        common: "Thailand",
        adjectives: &["Thai", "Thais"],
        ..NONE
    },
    Override {
        common: "Brunei",
        drop: &["Abode of Peace"],
        ..NONE
    },
    // The British territory's official name is also the US one's common
    // name.
    Override {
        common: "British Virgin Islands",
        drop: &["Virgin Islands"],
        ..NONE
    },
    Override {
        common: "Netherlands",
        name: Some("the Netherlands"),
        ..NONE
    },
    Override {
        common: "Vietnam",
        add: &["Viet Nam"],
        ..NONE
    },
];

/// Words that make a name take "the" ("the Russian Federation").
const ARTICLE_WORDS: &[&str] = &[
    "Republic",
    "Kingdom",
    "State",
    "States",
    "Federation",
    "Commonwealth",
    "Union",
    "Principality",
    "Sultanate",
    "Emirates",
    "Islands",
    "Confederation",
    "Territory",
    "Department",
    "Collectivity",
    "Bailiwick",
    "Nation",
    "Region",
    "Country",
    "Abode",
];

/// Common names that take "the" without such a word.
const ARTICLE_NAMES: &[&str] = &[
    "Netherlands",
    "Bahamas",
    "Gambia",
    "Philippines",
    "Maldives",
    "Comoros",
];

/// Words that show a multi-word alternative is English.
const ENGLISH_WORDS: &[&str] = &[
    "Republic",
    "Kingdom",
    "State",
    "States",
    "Federation",
    "Union",
    "Islands",
    "Island",
    "Commonwealth",
    "Principality",
    "Confederation",
    "Democratic",
    "People's",
    "Territory",
    "Coast",
    "East",
    "Great",
    "United",
    "Federal",
    "Federated",
    "Sultanate",
    "Emirates",
    "of",
    "and",
    "the",
];

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: gen_countries PATH/TO/mledoze-countries.json > rules/countries.yaml");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2);
    });
    let data: Vec<Value> = serde_json::from_str(&text).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    print!("{}", generate(&data));
}

fn generate(countries: &[Value]) -> String {
    let mut out = String::from(
        "# Generated by `cargo run --example gen_countries -- mledoze-countries.json`;\n\
         # edit examples/gen_countries.rs, not this file.\n\
         about: >\n  Every country and territory: its common name, its official name and its\n  \
         English alternative names, with its demonyms as adjectives. Derived from\n  \
         mledoze/countries (https://github.com/mledoze/countries), made available\n  \
         under the Open Database License (ODbL-1.0): this pack is a derived database\n  \
         under the same licence (see rules/LICENSE-countries-ODbL), apart from the\n  \
         licence of claimlint's code. The common name is preferred (desks write\n  \
         \"Russia\", not \"Russian Federation\"), except where desks differ.\n\
         entities:\n",
    );
    let mut entries: Vec<Entry> = countries.iter().filter_map(entry).collect();
    entries.sort_by(|a, b| a.common.cmp(&b.common));
    let forms: HashSet<String> = entries
        .iter()
        .flat_map(|e| e.forms.iter().map(|f| strip_article(f).to_string()))
        .collect();
    // A demonym two entries share ("French") goes to the first
    // independent country that has it, else the first territory.
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for pass in [true, false] {
        for (i, e) in entries.iter().enumerate().filter(|(_, e)| e.independent == pass) {
            for a in &e.adjectives {
                if !forms.contains(a) {
                    owner.entry(a).or_insert(i);
                }
            }
        }
    }
    for (i, e) in entries.iter().enumerate() {
        let adjectives: Vec<&String> = e
            .adjectives
            .iter()
            .filter(|a| owner.get(a.as_str()) == Some(&i))
            .collect();
        write_entry(&mut out, e, &adjectives);
    }
    out
}

struct Entry {
    common: String,
    independent: bool,
    /// The name first, then the aliases; "the " where they take it.
    forms: Vec<String>,
    prefer: bool,
    adjectives: Vec<String>,
    exceptions: Vec<String>,
}

fn entry(country: &Value) -> Option<Entry> {
    let common = country["name"]["common"].as_str()?.to_string();
    let official = country["name"]["official"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let over = OVERRIDES.iter().find(|o| o.common == common).unwrap_or(&NONE);
    let natives: Vec<String> = country["name"]["native"]
        .as_object()
        .map(|m| {
            m.values()
                .flat_map(|n| [n["common"].as_str(), n["official"].as_str()])
                .flatten()
                .map(fold)
                .collect()
        })
        .unwrap_or_default();
    let mut candidates: Vec<String> = vec![official];
    candidates.extend(
        country["altSpellings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string)),
    );
    let name = over
        .name
        .map(str::to_string)
        .unwrap_or_else(|| with_article(&common, true));
    let mut forms: Vec<String> = vec![name.clone()];
    let push = |form: String, forms: &mut Vec<String>| {
        let bare = strip_article(&form);
        if over.drop.contains(&bare)
            || forms
                .iter()
                .any(|f| strip_article(f).to_lowercase() == bare.to_lowercase())
        {
            return;
        }
        forms.push(form);
    };
    if over.name.is_some() {
        push(with_article(&common, true), &mut forms);
    }
    for (i, candidate) in candidates.into_iter().enumerate() {
        // The official name is English even where a native name is too.
        let natives: &[String] = if i == 0 { &[] } else { &natives };
        if keep_alternative(&candidate, &common, natives) {
            push(with_article(&candidate, false), &mut forms);
        }
    }
    for add in over.add {
        push(add.to_string(), &mut forms);
    }
    let mut adjectives: Vec<String> = Vec::new();
    if let Some(eng) = country["demonyms"]["eng"].as_object() {
        for key in ["m", "f"] {
            for demonym in eng
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .split(',')
            {
                let demonym = demonym.trim();
                if demonym.is_empty() || adjectives.iter().any(|a| a == demonym) {
                    continue;
                }
                adjectives.push(demonym.to_string());
                // "Russians", "Iraqis"; not "Chineses" or "Swisss".
                if demonym.ends_with('n') || demonym.ends_with('i') {
                    adjectives.push(format!("{demonym}s"));
                }
            }
        }
    }
    for a in over.adjectives {
        if !adjectives.iter().any(|x| x == a) {
            adjectives.push(a.to_string());
        }
    }
    Some(Entry {
        common,
        independent: country["independent"].as_bool().unwrap_or(false),
        prefer: !over.no_prefer && forms.len() > 1,
        forms,
        adjectives,
        exceptions: over.exceptions.iter().map(|s| s.to_string()).collect(),
    })
}

/// Whether an alternative spelling is an English name worth an alias.
fn keep_alternative(alt: &str, common: &str, natives: &[String]) -> bool {
    let words: Vec<&str> = alt.split_whitespace().collect();
    let latin = alt
        .chars()
        .all(|c| c.is_ascii() || matches!(c, 'à'..='ÿ' | 'À'..='Þ' | '’') || fold(&c.to_string()).is_ascii());
    let capitals = words.iter().any(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    });
    if KNOWN.contains(&alt) {
        return true;
    }
    if !latin || capitals || alt.contains(',') || alt.contains('(') || alt == common {
        return false;
    }
    if words.len() == 1 {
        return fold(alt) == fold(common);
    }
    if natives.contains(&fold(alt)) {
        return false;
    }
    words.iter().any(|w| ENGLISH_WORDS.contains(w))
}

/// "the " before a name that takes it. A common name takes it only when
/// it is a plural or a "Republic"-like name; `common` says which rule.
fn with_article(name: &str, common: bool) -> String {
    if name.starts_with("the ") || name.starts_with("The ") {
        return format!("the {}", &name[4..]);
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let takes = ARTICLE_NAMES.contains(&name)
        || words.iter().any(|w| ARTICLE_WORDS.contains(w))
        || (!common && words.contains(&"of"));
    if takes {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

fn strip_article(form: &str) -> &str {
    form.strip_prefix("the ").unwrap_or(form)
}

/// Lower case without accents, for comparing names.
fn fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn yaml_string(s: &str) -> String {
    let plain = s
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '’'))
        && !s.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn list(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|s| yaml_string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A sentence opening with a form: "The Russian Federation".
fn opening(form: &str) -> String {
    match form.strip_prefix("the ") {
        Some(rest) => format!("The {rest}"),
        None => form.to_string(),
    }
}

fn write_entry(out: &mut String, e: &Entry, adjectives: &[&String]) {
    let name = &e.forms[0];
    let _ = writeln!(out, "  - name: {}", yaml_string(name));
    let _ = writeln!(out, "    kind: country");
    if e.forms.len() > 1 {
        let aliases: Vec<&str> = e.forms[1..].iter().map(String::as_str).collect();
        let _ = writeln!(out, "    aliases: {}", list(&aliases));
        if e.prefer {
            let _ = writeln!(out, "    prefer: {}", yaml_string(strip_article(name)));
        }
    }
    if !adjectives.is_empty() {
        let adjectives: Vec<&str> = adjectives.iter().map(|s| s.as_str()).collect();
        let _ = writeln!(out, "    adjectives: {}", list(&adjectives));
    }
    if !e.exceptions.is_empty() {
        let exceptions: Vec<&str> = e.exceptions.iter().map(String::as_str).collect();
        let _ = writeln!(out, "    exceptions: {}", list(&exceptions));
    }
    if e.forms.len() > 1 {
        // Every alias mixed with the name must be found; the name alone
        // must not.
        let bad: Vec<String> = e.forms[1..]
            .iter()
            .map(|alias| {
                format!(
                    "{} signed the treaty. Officials from {name} said so.",
                    opening(alias)
                )
            })
            .collect();
        let good = format!(
            "{} signed the treaty. Officials from {name} said so.",
            opening(name)
        );
        let bad: Vec<&str> = bad.iter().map(String::as_str).collect();
        let _ = writeln!(out, "    examples:");
        let _ = writeln!(out, "      bad: {}", list(&bad));
        let _ = writeln!(out, "      good: {}", list(&[good.as_str()]));
    }
}
