//! Checks a set of entries: ids, required text, links and code claims.
//!
//! Runs at build time over the built-in data (through `build.rs`), in the test
//! suite, and at run time over host entries. It reports every problem with the
//! entry id and the field, and never panics. Imports only `std` and `super::entry`.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::entry::Entry;

/// One thing wrong with one entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The entry's id (or its position when it has none).
    pub entry: String,
    /// The field at fault.
    pub field: &'static str,
    /// What is wrong and what to write instead.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entry `{}`, field `{}`: {}", self.entry, self.field, self.message)
    }
}

/// True for lower-case ASCII words joined by single hyphens: `http-429`, `oauth-invalid-grant`.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Problems within one entry alone (no cross-entry checks).
pub fn check_entry(entry: &Entry) -> Vec<Problem> {
    let mut problems = Vec::new();
    let id = if entry.id.is_empty() { "(no id)".to_string() } else { entry.id.to_string() };
    let mut report = |field: &'static str, message: String| {
        problems.push(Problem { entry: id.clone(), field, message });
    };
    if !is_kebab_case(&entry.id) {
        report("id", "use lower-case words joined by hyphens, like `acme-token-revoked` (at most 64 characters)".into());
    }
    for (field, text, max) in [
        ("title", &entry.title, 120),
        ("summary", &entry.summary, 400),
        ("meaning", &entry.meaning, 2000),
    ] {
        if text.trim().is_empty() {
            report(field, "must not be empty".into());
        } else if text.chars().count() > max {
            report(field, format!("is longer than {max} characters; shorten it"));
        }
    }
    for (field, list) in [("causes", &entry.causes), ("fixes", &entry.fixes)] {
        if list.is_empty() {
            report(field, "needs at least one item".into());
        }
        if list.iter().any(|item| item.trim().is_empty()) {
            report(field, "has an empty item".into());
        }
    }
    for (field, list) in [
        ("codes", &entry.codes),
        ("aliases", &entry.aliases),
        ("patterns", &entry.patterns),
        ("providers", &entry.providers),
        ("related", &entry.related),
        ("symptoms", &entry.symptoms),
        ("references", &entry.references),
    ] {
        if list.iter().any(|item| item.trim().is_empty()) {
            report(field, "has an empty item".into());
        }
    }
    for pattern in entry.patterns.iter() {
        if pattern.chars().any(char::is_uppercase) {
            report("patterns", format!("`{pattern}` must be lower case (matching ignores case)"));
        }
    }
    for code in entry.codes.iter() {
        if code.chars().any(char::is_whitespace) {
            report("codes", format!("`{code}` has a space; codes are exact single tokens, put phrases in `patterns`"));
        }
    }
    if entry.related.iter().any(|r| r.as_ref() == entry.id.as_ref()) {
        report("related", "must not list the entry itself".into());
    }
    problems
}

/// Problems of a whole catalogue: each entry, duplicate ids, unknown `related`
/// ids, and exact codes claimed twice without an `overlap` reason.
pub fn check_all(entries: &[Entry]) -> Vec<Problem> {
    let mut problems: Vec<Problem> = entries.iter().flat_map(check_entry).collect();
    let mut seen = HashSet::new();
    for entry in entries {
        if !seen.insert(entry.id.as_ref()) {
            problems.push(Problem {
                entry: entry.id.to_string(),
                field: "id",
                message: "is used by another entry; ids must be unique".into(),
            });
        }
    }
    for entry in entries {
        for related in entry.related.iter() {
            if !seen.contains(related.as_ref()) {
                problems.push(Problem {
                    entry: entry.id.to_string(),
                    field: "related",
                    message: format!("`{related}` is not an entry id"),
                });
            }
        }
    }
    for entry in entries.iter().filter(|e| !e.parent.is_empty()) {
        let mut report = |message: String| problems.push(Problem { entry: entry.id.to_string(), field: "parent", message });
        match entries.iter().find(|p| p.id == entry.parent) {
            None => report(format!("`{}` is not an entry id", entry.parent)),
            Some(parent) if !parent.providers.is_empty() => {
                report(format!("`{}` is a vendor's entry; a parent is a generic entry (no providers)", entry.parent))
            }
            Some(_) if entry.providers.is_empty() => {
                report("only a vendor's entry (with providers) has a parent".into())
            }
            Some(_) => {}
        }
    }
    let mut claims: HashMap<String, Vec<&Entry>> = HashMap::new();
    for entry in entries {
        for code in entry.codes.iter() {
            claims.entry(code.to_ascii_lowercase()).or_default().push(entry);
        }
    }
    let mut shared: Vec<_> = claims.into_iter().filter(|(_, owners)| owners.len() > 1).collect();
    shared.sort_by(|a, b| a.0.cmp(&b.0));
    for (code, owners) in shared {
        let unexplained: Vec<&&Entry> = owners.iter().filter(|e| e.overlap.trim().is_empty()).collect();
        if unexplained.len() > 1 {
            let ids: Vec<&str> = owners.iter().map(|e| e.id.as_ref()).collect();
            problems.push(Problem {
                entry: unexplained[1].id.to_string(),
                field: "codes",
                message: format!(
                    "code `{code}` is claimed by {}; keep it on one entry or say why in `overlap`",
                    ids.join(", ")
                ),
            });
        }
    }
    problems
}
