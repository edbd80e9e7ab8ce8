//! Where a rule file's entries are, for messages that point at one.
//! serde_yaml keeps no positions of the values it reads, so the text is
//! scanned once, line by line, for the `name:` keys of each top-level
//! section (`entities:`, `titles:`, `prefer:`…), in block style
//! (`- name: NATO`) or flow style (`{name: NATO, use: Nato}`).

use rustc_hash::FxHashMap as HashMap;

/// A 1-based line and column.
pub type Place = (usize, usize);

/// The `name:` values of a rule file, by section and value, in file order.
#[derive(Debug, Default)]
pub struct Names {
    places: HashMap<(String, String), Vec<Place>>,
    sections: HashMap<String, Place>,
}

impl Names {
    /// Scans `text` once.
    pub fn scan(text: &str) -> Names {
        let mut names = Names::default();
        let mut section = String::new();
        for (i, line) in text.lines().enumerate() {
            if let Some(key) = top_level_key(line) {
                section = key.to_string();
                names.sections.entry(section.clone()).or_insert((i + 1, 1));
            }
            for (column, value) in name_values(line) {
                names
                    .places
                    .entry((section.clone(), value))
                    .or_default()
                    .push((i + 1, column));
            }
        }
        names
    }

    /// Where the `n`th (0-based) entry named `value` of `section` is; else
    /// where the section starts; else the file's start.
    pub fn nth(&self, section: &str, value: &str, n: usize) -> Place {
        self.places
            .get(&(section.to_string(), value.to_string()))
            .and_then(|places| places.get(n))
            .or_else(|| self.sections.get(section))
            .copied()
            .unwrap_or((1, 1))
    }
}

/// The key of a line that opens a top-level mapping entry (`titles:`).
fn top_level_key(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if !(first.is_alphanumeric() || first == '_') {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    Some(key.trim())
}

/// The values of the `name:` keys on a line, with the 1-based column (in
/// characters) of each key.
fn name_values(line: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (at, _) in line.match_indices("name:") {
        let before = line[..at].chars().next_back();
        if !matches!(before, None | Some(' ' | '\t' | '-' | '{' | ',')) {
            continue;
        }
        let rest = line[at + "name:".len()..].trim_start();
        let value = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().unwrap_or(""),
            _ => rest.split([',', '}', '#']).next().unwrap_or("").trim_end(),
        };
        found.push((line[..at].chars().count() + 1, value.to_string()));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_and_flow_names_are_found_in_their_sections() {
        let text = "entities:\n  - name: NATO\n    aliases: [Nato]\n  - name: \"NATO\"\nprefer:\n  - {name: NATO, use: Nato}\n";
        let names = Names::scan(text);
        assert_eq!(names.nth("entities", "NATO", 0), (2, 5));
        assert_eq!(names.nth("entities", "NATO", 1), (4, 5));
        assert_eq!(names.nth("prefer", "NATO", 0), (6, 6));
        // Not found: the section, else the file's start.
        assert_eq!(names.nth("entities", "NATO", 2), (1, 1));
        assert_eq!(names.nth("prefer", "Gaza", 0), (5, 1));
        assert_eq!(names.nth("titles", "Gaza", 0), (1, 1));
    }

    #[test]
    fn a_key_ending_in_name_is_not_a_name() {
        assert!(name_values("  surname: Lavrov").is_empty());
        assert_eq!(
            name_values("- name: 'Sergei Lavrov' # the minister"),
            [(3, "Sergei Lavrov".to_string())]
        );
    }
}
