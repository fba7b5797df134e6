//! The catalogue of integration errors: entry types, the built-in data, its
//! validation, and the host's extension.
//!
//! The built-in entries are compiled from `src/catalogue/data/*.toml` by
//! `build.rs` into two packed strings that the entries borrow their texts
//! from: no TOML or JSON is parsed when the widget opens.
//! Host entries (JSON) are validated one by one; a bad one is reported with
//! its id and field and skipped, and the built-in catalogue is never lost.
//! This module is part of the pure core: it never imports a web crate.

pub mod entry;
pub mod validate;
pub mod vocab;

use std::sync::{Arc, OnceLock};

pub use entry::{Entry, List, Text};
pub use validate::Problem;
pub use vocab::{Action, Category, ErrorType, Kind, Layer, Retryable, Severity};

// The packed strings end fields with NUL, which a list length may follow.
#[allow(clippy::octal_escapes)]
mod data {
    include!(concat!(env!("OUT_DIR"), "/catalogue_data.rs"));
}

/// The built-in catalogue's content version, written into tickets.
pub const VERSION: &str = data::VERSION;

/// Largest host catalogue JSON accepted, in bytes.
pub const MAX_HOST_JSON: usize = 2 * 1024 * 1024;

/// Every built-in entry, unpacked on first use: texts are borrowed from the
/// packed strings `build.rs` wrote, so this allocates only the entries and
/// one slice of list items.
pub fn builtin() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    static ITEMS: OnceLock<Vec<Text>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let items = ITEMS.get_or_init(|| data::ITEMS.split_terminator('\0').map(Text::Borrowed).collect());
        unpack(data::FIELDS, items)
    })
}

/// Reads the packed fields in `Entry`'s field order (see `build.rs`).
fn unpack(fields: &'static str, items: &'static [Text]) -> Vec<Entry> {
    let mut fields = fields.split_terminator('\0');
    let mut at = 0usize;
    let mut entries = Vec::with_capacity(data::N_ENTRIES);
    let mut text = || -> &'static str { fields.next().unwrap_or_default() };
    while entries.len() < data::N_ENTRIES {
        let mut list = |n: &str| -> List {
            let n: usize = n.parse().unwrap_or(0);
            let slice = items.get(at..at + n).unwrap_or_default();
            at += n;
            List::Borrowed(slice)
        };
        let id = text();
        let title = text();
        let (category, kind, error_type, layer) = (text(), text(), text(), text());
        let (codes, aliases, patterns, providers) = (list(text()), list(text()), list(text()), list(text()));
        let (summary, meaning) = (text(), text());
        let (causes, fixes) = (list(text()), list(text()));
        let (action, retryable, severity) = (text(), text(), text());
        let related = list(text());
        let parent = text();
        let (symptoms, references) = (list(text()), list(text()));
        let overlap = text();
        entries.push(Entry {
            id: Text::Borrowed(id),
            title: Text::Borrowed(title),
            category: Category::parse(category).unwrap_or(Category::ALL[0]),
            kind: Kind::parse(kind).unwrap_or(Kind::Unknown),
            error_type: ErrorType::parse(error_type).unwrap_or(ErrorType::ALL[0]),
            layer: Layer::parse(layer).unwrap_or(Layer::ALL[0]),
            codes,
            aliases,
            patterns,
            providers,
            summary: Text::Borrowed(summary),
            meaning: Text::Borrowed(meaning),
            causes,
            fixes,
            action: Action::parse(action).unwrap_or(Action::ALL[0]),
            retryable: Retryable::parse(retryable).unwrap_or(Retryable::Depends),
            severity: Severity::parse(severity).unwrap_or(Severity::ALL[0]),
            related,
            parent: Text::Borrowed(parent),
            symptoms,
            references,
            overlap: Text::Borrowed(overlap),
        });
    }
    entries
}

/// A catalogue: the built-in entries with the host's additions and overrides.
#[derive(Clone, Debug)]
pub struct Catalogue {
    entries: Vec<Entry>,
    n_host: usize,
    /// The diagnoser's lookup tables over `entries`: built on the first
    /// diagnosis, shared by clones, dropped when the entries change.
    matching: Arc<OnceLock<crate::diagnose::Tables>>,
}

impl Default for Catalogue {
    fn default() -> Self {
        Catalogue { entries: builtin().to_vec(), n_host: 0, matching: Arc::default() }
    }
}

impl Catalogue {
    /// The built-in catalogue alone.
    pub fn builtin() -> Catalogue {
        Catalogue::default()
    }

    /// All entries, built-in first (overridden ones in place), then host additions.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The diagnoser's lookup tables over [`Catalogue::entries`], built once.
    pub fn matching(&self) -> &crate::diagnose::Tables {
        self.matching.get_or_init(|| crate::diagnose::Tables::new(&self.entries))
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The position of the entry with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.id == id)
    }

    /// How many entries came from the host.
    pub fn n_host(&self) -> usize {
        self.n_host
    }

    /// The version: the built-in one, with a marker when host entries are in.
    pub fn version(&self) -> String {
        if self.n_host == 0 {
            VERSION.to_string()
        } else {
            format!("{VERSION}+host{}", self.n_host)
        }
    }

    /// Adds or overrides entries from host JSON: either `{"entries": [...]}` or
    /// a bare array. An entry whose id is built in may give only the fields it
    /// changes. Returns the problems of the entries that were skipped.
    pub fn extend_from_json(&mut self, json: &str) -> Vec<Problem> {
        if json.len() > MAX_HOST_JSON {
            return vec![problem(
                "(catalogue)",
                "entries",
                format!("the JSON is {} bytes; the limit is {MAX_HOST_JSON}, split it or trim long texts", json.len()),
            )];
        }
        let value: serde_json::Value = match serde_json::from_str(json) {
            Ok(v) => v,
            Err(e) => return vec![problem("(catalogue)", "entries", format!("is not valid JSON: {e}"))],
        };
        self.extend_from_value(value)
    }

    /// As [`Catalogue::extend_from_json`], from an already parsed value.
    pub fn extend_from_value(&mut self, value: serde_json::Value) -> Vec<Problem> {
        let items = match value {
            serde_json::Value::Array(items) => items,
            serde_json::Value::Object(mut map) => match map.remove("entries") {
                Some(serde_json::Value::Array(items)) => items,
                _ => {
                    return vec![problem(
                        "(catalogue)",
                        "entries",
                        "pass {\"entries\": [ ... ]} with an array of entry objects".into(),
                    )]
                }
            },
            _ => {
                return vec![problem(
                    "(catalogue)",
                    "entries",
                    "pass {\"entries\": [ ... ]} with an array of entry objects".into(),
                )]
            }
        };
        let mut problems = Vec::new();
        let mut accepted: Vec<Entry> = Vec::new();
        for (position, item) in items.into_iter().enumerate() {
            match self.host_entry(position, item) {
                Ok(entry) => accepted.push(entry),
                Err(p) => problems.push(p),
            }
        }
        // A host entry may relate to a built-in entry or to another host entry
        // of the same batch.
        let known: std::collections::HashSet<String> = self
            .entries
            .iter()
            .map(|e| e.id.to_string())
            .chain(accepted.iter().map(|e| e.id.to_string()))
            .collect();
        for entry in accepted {
            if let Some(missing) = entry.related.iter().find(|r| !known.contains(r.as_ref())) {
                problems.push(problem(&entry.id, "related", format!("`{missing}` is not an entry id")));
                continue;
            }
            match self.index_of(&entry.id) {
                Some(i) => self.entries[i] = entry,
                None => self.entries.push(entry),
            }
            self.matching = Arc::default();
        }
        self.n_host = self
            .entries
            .iter()
            .filter(|e| builtin().iter().find(|b| b.id == e.id) != Some(*e))
            .count();
        problems
    }

    fn host_entry(&self, position: usize, item: serde_json::Value) -> Result<Entry, Problem> {
        let label = item
            .get("id")
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .unwrap_or_else(|| format!("#{position}"));
        let serde_json::Value::Object(fields) = item else {
            return Err(problem(&label, "entry", "must be an object with id, title, summary...".into()));
        };
        // A partial override starts from the built-in entry.
        let mut merged = match self.get(&label) {
            Some(existing) => match serde_json::to_value(existing) {
                Ok(serde_json::Value::Object(map)) => map,
                _ => serde_json::Map::new(),
            },
            None => serde_json::Map::new(),
        };
        for (key, value) in fields {
            merged.insert(key, value);
        }
        check_shape(&label, &merged)?;
        let entry: Entry = serde_json::from_value(serde_json::Value::Object(merged))
            .map_err(|e| problem(&label, "entry", e.to_string()))?;
        match validate::check_entry(&entry).into_iter().next() {
            Some(p) => Err(p),
            None => Ok(entry),
        }
    }
}

/// The entry fields by name, for error messages.
const FIELDS: &[&str] = &[
    "id", "title", "category", "kind", "error_type", "layer", "codes", "aliases", "patterns", "providers",
    "summary", "meaning", "causes", "fixes", "action", "retryable", "severity", "related", "parent", "symptoms",
    "references", "overlap",
];

/// Fields every entry needs (the rest default to empty).
const REQUIRED: &[&str] = &[
    "id", "title", "category", "kind", "error_type", "layer", "summary", "meaning", "causes", "fixes", "action",
    "retryable", "severity",
];

/// Checks field names and value types before deserializing, so a problem
/// names the field and says what to write instead.
fn check_shape(label: &str, fields: &serde_json::Map<String, serde_json::Value>) -> Result<(), Problem> {
    use serde_json::Value;
    for key in fields.keys() {
        if !FIELDS.contains(&key.as_str()) {
            let field = FIELDS.iter().copied().find(|f| f.eq_ignore_ascii_case(key)).unwrap_or("entry");
            return Err(problem(label, field, format!("`{key}` is not an entry field; the fields are {}", FIELDS.join(", "))));
        }
    }
    if !matches!(fields.get("id"), Some(Value::String(id)) if validate::is_kebab_case(id)) {
        return Err(problem(label, "id", "is required: a kebab-case string like `acme-export-locked`".into()));
    }
    type Closed = (&'static str, fn(&str) -> bool, String);
    let closed: [Closed; 7] = [
        ("category", |v| Category::parse(v).is_some(), Category::expected()),
        ("kind", |v| Kind::parse(v).is_some(), Kind::expected()),
        ("error_type", |v| ErrorType::parse(v).is_some(), ErrorType::expected()),
        ("layer", |v| Layer::parse(v).is_some(), Layer::expected()),
        ("action", |v| Action::parse(v).is_some(), Action::expected()),
        ("retryable", |v| Retryable::parse(v).is_some(), Retryable::expected()),
        ("severity", |v| Severity::parse(v).is_some(), Severity::expected()),
    ];
    for (field, accepts, expected) in closed {
        match fields.get(field) {
            Some(Value::String(v)) if accepts(v) => {}
            Some(other) => return Err(problem(label, field, format!("{other} is not one of: {expected}"))),
            None => {}
        }
    }
    for (field, value) in fields {
        let field = FIELDS.iter().copied().find(|f| f == field).unwrap_or("entry");
        let is_list = matches!(
            field,
            "codes" | "aliases" | "patterns" | "providers" | "causes" | "fixes" | "related" | "symptoms" | "references"
        );
        let ok = if is_list {
            matches!(value, Value::Array(items) if items.iter().all(Value::is_string))
        } else {
            value.is_string()
        };
        if !ok {
            let want = if is_list { "an array of strings" } else { "a string" };
            return Err(problem(label, field, format!("must be {want}")));
        }
    }
    for field in REQUIRED {
        if !fields.contains_key(*field) {
            return Err(problem(label, field, "is required".into()));
        }
    }
    Ok(())
}

fn problem(entry: &str, field: &'static str, message: String) -> Problem {
    Problem { entry: entry.to_string(), field, message }
}

#[cfg(test)]
mod tests;
