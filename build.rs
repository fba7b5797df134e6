//! Compiles the catalogue data files (`src/catalogue/data/*.toml`) into two
//! packed strings that the crate borrows its texts from, so opening the
//! widget parses no TOML or JSON, and refuses to
//! build when an entry is invalid: the message names the file, entry and field.
//!
//! A build script reports by panicking, and writing to a `String` cannot
//! fail: `unwrap` is the honest spelling here, unlike in the library.
#![allow(clippy::unwrap_used)]

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

#[path = "src/redact/pattern.rs"]
#[allow(dead_code)]
mod pattern;

#[path = "src/diagnose/features.rs"]
#[allow(dead_code)]
mod features;

#[path = "tests/corpus/split.rs"]
#[allow(dead_code)]
mod split;

use entry::Entry;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DataFile {
    entry: Vec<Entry>,
}

fn main() {
    families();
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
    // Every built-in entry, packed: the scalar fields and list lengths in
    // one string, the list items in another, each field ended by a NUL, in
    // `Entry`'s field order. Texts are borrowed from these two strings when
    // the catalogue is first used, so the wasm holds the words once and no
    // table of pointers.
    let mut fields = String::with_capacity(1 << 19);
    let mut items = String::with_capacity(1 << 19);
    let mut field = |s: &str| {
        assert!(!s.contains('\0'), "a catalogue text contains a NUL: {s:?}");
        fields.push_str(s);
        fields.push('\0');
    };
    let mut list = |l: &[entry::Text], fields: &mut dyn FnMut(&str)| {
        fields(&l.len().to_string());
        for item in l {
            assert!(!item.contains('\0'), "a catalogue text contains a NUL: {item:?}");
            items.push_str(item);
            items.push('\0');
        }
    };
    for e in &entries {
        field(&e.id);
        field(&e.title);
        field(e.category.as_str());
        field(e.kind.as_str());
        field(e.error_type.as_str());
        field(e.layer.as_str());
        list(&e.codes, &mut field);
        list(&e.aliases, &mut field);
        list(&e.patterns, &mut field);
        list(&e.providers, &mut field);
        field(&e.summary);
        field(&e.meaning);
        list(&e.causes, &mut field);
        list(&e.fixes, &mut field);
        field(e.action.as_str());
        field(e.retryable.as_str());
        field(e.severity.as_str());
        list(&e.related, &mut field);
        field(&e.parent);
        list(&e.symptoms, &mut field);
        list(&e.references, &mut field);
        field(&e.overlap);
    }
    writeln!(out, "/// How many entries are built in.").unwrap();
    writeln!(out, "pub const N_ENTRIES: usize = {};", entries.len()).unwrap();
    writeln!(out, "/// Each entry's texts, vocabulary words and list lengths, in `Entry`'s field order, each ended by a NUL.").unwrap();
    writeln!(out, "pub static FIELDS: &str = {fields:?};").unwrap();
    writeln!(out, "/// The items of every entry's lists, in the same order, each ended by a NUL.").unwrap();
    writeln!(out, "pub static ITEMS: &str = {items:?};").unwrap();
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("catalogue_data.rs");
    fs::write(dest, out).unwrap();
    model(&entries);
}

/// The labelled texts of a folder (`tests/golden`, `tests/corpus/pastes`),
/// as (source, kind, paste).
fn labelled(dir: &str) -> Vec<(String, vocab::Kind, String)> {
    println!("cargo:rerun-if-changed={dir}");
    let mut paths: Vec<_> = fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "txt") && !p.ends_with("test-sources.txt"));
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let raw = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let Some((labels, text)) = split::parse(&raw) else { panic!("{}: no `---` line", path.display()) };
        let get = |k: &str| labels.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
        let kind = vocab::Kind::parse(&get("kind")).unwrap_or_else(|| panic!("{}: kind `{}` is not a kind", path.display(), get("kind")));
        out.push((get("source"), kind, text.to_string()));
    }
    out
}

/// Learns the diagnoser's class model (`src/diagnose/features.rs`) from the
/// catalogue's cue texts, the golden suite and the development part of the
/// real-paste corpus (never its sealed test part), and compiles it to
/// `model_data.rs`: the features in one sorted string, and per feature its
/// class weights in sixteenths.
fn model(entries: &[Entry]) {
    println!("cargo:rerun-if-changed=src/diagnose/features.rs");
    println!("cargo:rerun-if-changed=tests/corpus/split.rs");
    let class = |k: vocab::Kind| vocab::Kind::ALL.iter().position(|x| *x == k).unwrap();
    let mut docs: Vec<features::Doc> = entries
        .iter()
        .map(|e| features::Doc { features: features::features(&e.cue_text()), class: class(e.kind), weight: features::ENTRY_WEIGHT })
        .collect();
    for (_, kind, text) in labelled("tests/golden") {
        docs.push(features::Doc { features: features::features(&text), class: class(kind), weight: 1.0 });
    }
    let sealed = split::test_sources(&fs::read_to_string("tests/corpus/pastes/test-sources.txt").unwrap_or_default());
    for (source, kind, text) in labelled("tests/corpus/pastes") {
        if !sealed.contains(&split::source_key(&source)) {
            docs.push(features::Doc { features: features::features(&text), class: class(kind), weight: 1.0 });
        }
    }
    let learned = features::learn(&docs, vocab::Kind::ALL.len(), &features::LEARNING);
    let mut names = String::new();
    let mut counts: Vec<u8> = Vec::new();
    let mut weights = String::new();
    for (i, (feature, per_class)) in learned.iter().enumerate() {
        if i > 0 {
            names.push('\n');
        }
        names.push_str(feature);
        for (c, w) in per_class {
            let q = (w * 16.0).round().clamp(-127.0, 127.0) as i8;
            write!(weights, "({c},{q}),").unwrap();
        }
        counts.push(per_class.len() as u8);
    }
    let mut out = String::new();
    writeln!(out, "/// The model's features, sorted, one per line.").unwrap();
    writeln!(out, "pub static FEATURES: &str = {names:?};").unwrap();
    writeln!(out, "/// How many weights each feature has, in order: feature i's follow feature i - 1's.").unwrap();
    writeln!(out, "pub static COUNTS: &[u8] = &{counts:?};").unwrap();
    writeln!(out, "/// (class, weight in sixteenths).").unwrap();
    writeln!(out, "pub static WEIGHTS: &[(u8, i8)] = &[{weights}];").unwrap();
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("model_data.rs");
    fs::write(dest, out).unwrap();
}

/// One secret family as written in `src/redact/families.toml`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyDef {
    id: String,
    name: String,
    vendor: String,
    group: String,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default = "yes")]
    live: bool,
    #[serde(default)]
    mixed_case: bool,
    #[serde(default)]
    rotate: Option<String>,
    references: Vec<String>,
    tp: Vec<String>,
    fp: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyFile {
    family: Vec<FamilyDef>,
}

const GROUPS: &[&str] = &[
    "cloud", "code", "ci", "registry", "chat", "payments", "saas", "crm", "ai", "database", "monitoring", "email", "crypto", "identity",
    "infra", "generic",
];

/// Compiles the secret families into `families_data.rs`: the families, their
/// patterns as token tables, the byte sets, and the lookup by first byte.
fn families() {
    let path = Path::new("src/redact/families.toml");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(path).expect("src/redact/families.toml must exist");
    let file: FamilyFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut problems = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let mut sets: Vec<[u8; 32]> = Vec::new();
    let mut patterns_out = String::new();
    let mut by_byte: Vec<Vec<(usize, usize)>> = vec![Vec::new(); 256];
    let (mut infix, mut keyword) = (Vec::new(), Vec::new());
    let mut n_patterns = 0;
    let mut prefix_of: Vec<pattern::Token> = Vec::new();
    for (family_idx, f) in file.family.iter().enumerate() {
        let mut problem = |what: String| problems.push(format!("family {:?}: {what}", f.id));
        if !ids.insert(f.id.clone()) {
            problem("the id is used twice".into());
        }
        if f.id.is_empty() || !f.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            problem("the id must be snake_case".into());
        }
        if !GROUPS.contains(&f.group.as_str()) {
            problem(format!("group {:?} is not one of {GROUPS:?}", f.group));
        }
        if f.name.trim().is_empty() || f.vendor.trim().is_empty() || f.references.is_empty() {
            problem("name, vendor and references must not be empty".into());
        }
        if f.tp.len() < 2 || f.fp.len() < 2 {
            problem("needs two or more tp and fp fixtures".into());
        }
        if f.keywords.iter().any(|k| k.len() < 3 || k.bytes().any(|b| b.is_ascii_uppercase())) {
            problem("keywords are three bytes or more, lower case".into());
        }
        let all: Vec<&String> = f.pattern.iter().chain(&f.patterns).collect();
        if all.is_empty() || (f.pattern.is_some() && !f.patterns.is_empty()) {
            problem("give exactly one of pattern and patterns".into());
        }
        for source in all {
            let tokens = match pattern::parse(source) {
                Ok(tokens) => tokens,
                Err(e) => {
                    problem(format!("pattern {source:?}: {e}"));
                    continue;
                }
            };
            let anchor = match pattern::anchor(&tokens, !f.keywords.is_empty()) {
                Ok(anchor) => anchor,
                Err(e) => {
                    problem(format!("pattern {source:?}: {e}"));
                    continue;
                }
            };
            let mut segs = Vec::new();
            for token in &tokens {
                match token {
                    pattern::Token::Literal(bytes) => segs.push(format!("Seg::Literal(b{:?})", String::from_utf8_lossy(bytes))),
                    pattern::Token::Class { set, min, max } => {
                        let set_idx = sets.iter().position(|s| s == set).unwrap_or_else(|| {
                            sets.push(*set);
                            sets.len() - 1
                        });
                        segs.push(format!("Seg::Class({set_idx}, {min}, {max})"));
                    }
                }
            }
            let anchor_code = match anchor {
                pattern::Anchor::Prefix => {
                    let pattern::Token::Literal(prefix) = &tokens[0] else { unreachable!() };
                    by_byte[usize::from(prefix[0])].push((prefix.len(), n_patterns));
                    "Anchor::Prefix".to_string()
                }
                pattern::Anchor::Infix(n) => {
                    infix.push(n_patterns);
                    format!("Anchor::Infix({n})")
                }
                pattern::Anchor::Keyword => {
                    keyword.push(n_patterns);
                    "Anchor::Keyword".to_string()
                }
            };
            writeln!(patterns_out, "Pattern {{ family: {family_idx}, anchor: {anchor_code}, segs: &[{}] }},", segs.join(", ")).unwrap();
            prefix_of.push(tokens[0].clone());
            n_patterns += 1;
        }
    }
    if !problems.is_empty() {
        panic!("{} is invalid:\n  {}", path.display(), problems.join("\n  "));
    }
    let mut out = String::new();
    // `vendor` and `group` stay in the data file for people; the wasm needs neither.
    writeln!(out, "/// Every family, in data-file order.").unwrap();
    writeln!(out, "pub static FAMILIES: &[Family] = &[").unwrap();
    for f in &file.family {
        writeln!(
            out,
            "Family {{ id: {:?}, name: {:?}, live: {}, mixed_case: {}, rotate: {:?}, keywords: &{:?} }},",
            f.id,
            f.name,
            f.live,
            f.mixed_case,
            f.rotate.clone().unwrap_or_default(),
            f.keywords
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out, "/// Every pattern; `family` indexes [`FAMILIES`].").unwrap();
    writeln!(out, "pub static PATTERNS: &[Pattern] = &[\n{patterns_out}];").unwrap();
    writeln!(out, "/// The byte sets of class tokens (256-bit masks).").unwrap();
    writeln!(out, "static SETS: &[[u8; 32]] = &{sets:?};").unwrap();
    // Prefix patterns by the first two bytes of their prefix (sorted, longest
    // prefix first within a pair), and which bytes start any prefix at all.
    let mut pairs: Vec<(u16, usize, usize)> = Vec::new();
    let mut first = [false; 256];
    for (byte, list) in by_byte.iter().enumerate() {
        for &(len, idx) in list {
            let pattern::Token::Literal(prefix) = &prefix_of[idx] else { unreachable!() };
            first[byte] = true;
            pairs.push((u16::from(prefix[0]) << 8 | u16::from(prefix[1]), usize::MAX - len, idx));
        }
    }
    pairs.sort();
    let _ = first;
    let mut ranges = [(0usize, 0usize); 256];
    for (k, (pair, _, _)) in pairs.iter().enumerate() {
        let b = usize::from(pair >> 8);
        if ranges[b].0 == ranges[b].1 {
            ranges[b] = (k, k);
        }
        ranges[b].1 = k + 1;
    }
    writeln!(out, "/// For each byte, the range of [`PREFIX_PAIRS`] whose prefixes start with it.").unwrap();
    writeln!(out, "static FIRST_RANGE: [(u16, u16); 256] = {ranges:?};").unwrap();
    writeln!(out, "/// Prefix patterns as (first two bytes, pattern), sorted; longest prefix first within a pair.").unwrap();
    let listed: Vec<String> = pairs.iter().map(|(pair, _, idx)| format!("({pair},{idx})")).collect();
    writeln!(out, "static PREFIX_PAIRS: &[(u16, u16)] = &[{}];", listed.join(",")).unwrap();
    writeln!(out, "/// Patterns found by an inner literal.").unwrap();
    writeln!(out, "static INFIX: &[u16] = &{infix:?};").unwrap();
    writeln!(out, "/// Patterns that apply only under a keyword-named field.").unwrap();
    writeln!(out, "static KEYWORD: &[u16] = &{keyword:?};").unwrap();
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("families_data.rs");
    fs::write(dest, out).unwrap();
}
