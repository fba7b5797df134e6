//! Compiles the catalogue data files (`src/catalogue/data/*.toml`) into a
//! static Rust slice, so opening the widget parses nothing, and refuses to
//! build when an entry is invalid: the message names the file, entry and field.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

#[path = "src/catalogue/vocab.rs"]
#[allow(dead_code)]
mod vocab;

#[path = "src/catalogue/entry.rs"]
#[allow(dead_code)]
mod entry;

#[path = "src/catalogue/validate.rs"]
#[allow(dead_code)]
mod validate;

use entry::Entry;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DataFile {
    entry: Vec<Entry>,
}

fn main() {
    let data_dir = Path::new("src/catalogue/data");
    println!("cargo:rerun-if-changed={}", data_dir.display());
    let mut paths: Vec<_> = fs::read_dir(data_dir)
        .expect("src/catalogue/data must exist")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();

    let mut entries = Vec::new();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut failures = Vec::new();
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for byte in text.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        match toml::from_str::<DataFile>(&text) {
            Ok(file) => entries.extend(file.entry),
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
    }
    if failures.is_empty() {
        failures.extend(validate::check_all(&entries).iter().map(|p| p.to_string()));
    }
    if !failures.is_empty() {
        panic!("the catalogue data is invalid:\n  {}", failures.join("\n  "));
    }

    let mut out = String::with_capacity(1 << 20);
    writeln!(out, "/// The catalogue's content version: a hash of every data file.").unwrap();
    writeln!(out, "pub const VERSION: &str = \"{}-{:08x}\";", env!("CARGO_PKG_VERSION"), hash as u32).unwrap();
    writeln!(out, "/// Every built-in entry, in data-file order.").unwrap();
    writeln!(out, "pub static BUILTIN: &[Entry] = &[").unwrap();
    for e in &entries {
        out.push_str("Entry {");
        write!(out, "id: {},", text(&e.id)).unwrap();
        write!(out, "title: {},", text(&e.title)).unwrap();
        write!(out, "category: Category::{:?},", e.category).unwrap();
        write!(out, "kind: Kind::{:?},", e.kind).unwrap();
        write!(out, "error_type: ErrorType::{:?},", e.error_type).unwrap();
        write!(out, "layer: Layer::{:?},", e.layer).unwrap();
        write!(out, "codes: {},", list(&e.codes)).unwrap();
        write!(out, "aliases: {},", list(&e.aliases)).unwrap();
        write!(out, "patterns: {},", list(&e.patterns)).unwrap();
        write!(out, "providers: {},", list(&e.providers)).unwrap();
        write!(out, "summary: {},", text(&e.summary)).unwrap();
        write!(out, "meaning: {},", text(&e.meaning)).unwrap();
        write!(out, "causes: {},", list(&e.causes)).unwrap();
        write!(out, "fixes: {},", list(&e.fixes)).unwrap();
        write!(out, "action: Action::{:?},", e.action).unwrap();
        write!(out, "retryable: Retryable::{:?},", e.retryable).unwrap();
        write!(out, "severity: Severity::{:?},", e.severity).unwrap();
        write!(out, "related: {},", list(&e.related)).unwrap();
        write!(out, "references: {},", list(&e.references)).unwrap();
        write!(out, "overlap: {},", text(&e.overlap)).unwrap();
        out.push_str("},\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("catalogue_data.rs");
    fs::write(dest, out).unwrap();
}

fn text(s: &str) -> String {
    format!("Cow::Borrowed({s:?})")
}

fn list(items: &[entry::Text]) -> String {
    let inner: Vec<String> = items.iter().map(|s| text(s)).collect();
    format!("Cow::Borrowed(&[{}])", inner.join(","))
}
