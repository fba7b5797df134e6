//! The diagnoser measured on pastes we did not write: `tests/corpus/pastes/`
//! holds error pastes copied from public issue threads, forums and Q&A, each
//! labelled by the rules in its README with its source and a one-line reason.
//! (`tests/golden` holds the pastes from vendor docs and our own; it is a
//! regression suite, not this measure.)
//!
//! The corpus is split by source (repository, or site) into a development
//! part and a sealed test part named in `test-sources.txt`; the run prints
//! both parts per field and per kind, and the corpus counts (items, sources,
//! vendors, runtimes, platforms, languages). The goals are kind 0.90,
//! status 0.95 and retryable 0.85; the gates hold each part to its last
//! measured figures so that no change makes it worse.
//! `CORPUS_SHOW=development` lists that part's misses; `CORPUS_EXPLAIN=1`
//! prints, for each development paste, the label, the answer, what the
//! class model read and the top finding's evidence.
//!
//! The class model learns from the development part (`build.rs`), so that
//! part is measured by cross-validation: its sources fall into five folds,
//! and each fold is diagnosed by a model learned without it. The test part
//! is diagnosed by the built-in model, which never saw it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use errlens::catalogue::{Catalogue, Kind};
use errlens::diagnose::classify::Model;
use errlens::diagnose::features::{self, Doc};
use errlens::diagnose::{diagnose, diagnose_using, DiagnoseOptions};

#[path = "corpus/split.rs"]
mod split;
use split::source_key;

/// Folds of the development part's cross-validation.
const FOLDS: u32 = 5;

fn fold_of(key: &str) -> u32 {
    key.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b))) % FOLDS
}

fn kind_class(kind: &str) -> usize {
    let kind = Kind::parse(kind).unwrap_or_else(|| panic!("`{kind}` is not a kind"));
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// The model `build.rs` learns, less one fold of the development part.
fn model_without(fold: u32, catalogue: &Catalogue, pastes: &[Paste], sealed: &BTreeSet<String>) -> Model {
    let mut docs: Vec<Doc> = catalogue
        .entries()
        .iter()
        .map(|e| Doc { features: features::features(&e.cue_text()), class: kind_class(e.kind.as_str()), weight: features::ENTRY_WEIGHT })
        .collect();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut paths: Vec<PathBuf> = fs::read_dir(golden).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    for path in paths {
        let raw = fs::read_to_string(&path).unwrap_or_default();
        if let Some((labels, text)) = split::parse(&raw) {
            if let Some((_, kind)) = labels.iter().find(|(k, _)| k == "kind") {
                docs.push(Doc { features: features::features(text), class: kind_class(kind), weight: 1.0 });
            }
        }
    }
    for paste in pastes {
        let key = source_key(&paste.source);
        if !sealed.contains(&key) && fold_of(&key) != fold {
            docs.push(Doc { features: features::features(&paste.text), class: kind_class(&paste.labels["kind"]), weight: 1.0 });
        }
    }
    Model::from_learned(features::learn(&docs, Kind::ALL.len(), &features::LEARNING))
}

struct Paste {
    file: String,
    source: String,
    labels: BTreeMap<String, String>,
    text: String,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/pastes")
}

fn load() -> Vec<Paste> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir())
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt") && !p.ends_with("test-sources.txt"));
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let raw = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let (labels, text) = split::parse(&raw).unwrap_or_else(|| panic!("{}: no `---` line", path.display()));
            let labels: BTreeMap<String, String> = labels.into_iter().collect();
            for field in ["source", "format", "kind", "status", "retryable", "retry_after_s", "why"] {
                assert!(labels.contains_key(field), "{}: no `{field}:` line", path.display());
            }
            let file = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            Paste { file, source: labels["source"].clone(), labels, text: text.to_string() }
        })
        .collect()
}

fn show<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "null".to_string(), |v| v.to_string())
}

#[derive(Default)]
struct Part {
    n: usize,
    right: BTreeMap<&'static str, usize>,
    /// kind -> (right, total)
    per_kind: BTreeMap<String, (usize, usize)>,
    misses: Vec<String>,
}

const FIELDS: [&str; 4] = ["kind", "status", "retryable", "retry_after_s"];

/// Lowest share right a part may fall to, per field (kind, status,
/// retryable, retry_after_s): the last measured figures less 0.01. Last
/// measured: development 0.861 / 0.977 / 0.850 / 0.993 on 1,002 pastes
/// (cross-validated), test 0.854 / 0.951 / 0.842 / 0.992 on 735.
const FLOORS: [(&str, [f64; 4]); 2] = [("development", [0.851, 0.967, 0.840, 0.983]), ("test", [0.844, 0.941, 0.832, 0.982])];

#[test]
fn real_pastes_by_part_field_and_kind() {
    let pastes = load();
    assert!(pastes.len() >= 1730, "the corpus lost its pastes: {} left", pastes.len());
    let sealed = split::test_sources(&fs::read_to_string(dir().join("test-sources.txt")).expect("test-sources.txt is committed"));
    let catalogue = Catalogue::builtin();
    let options = DiagnoseOptions { now_unix_s: None, integration: None };
    let folds: Vec<Model> = (0..FOLDS).map(|f| model_without(f, &catalogue, &pastes, &sealed)).collect();
    let mut parts: BTreeMap<&str, Part> = BTreeMap::new();
    let mut counts: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for paste in &pastes {
        let key = source_key(&paste.source);
        counts.entry("sources").or_default().insert(key.clone());
        for field in ["vendor", "runtime", "platform", "language", "format"] {
            if let Some(v) = paste.labels.get(field).filter(|v| !v.is_empty() && *v != "-") {
                counts.entry(field).or_default().insert(v.to_ascii_lowercase());
            }
        }
        let part = parts.entry(if sealed.contains(&key) { "test" } else { "development" }).or_default();
        part.n += 1;
        let d = if sealed.contains(&key) {
            diagnose(&paste.text, &catalogue, &options)
        } else {
            diagnose_using(&paste.text, &catalogue, &folds[fold_of(&key) as usize], &options)
        };
        let got = [d.kind.as_str().to_string(), show(d.status), show(d.retryable), show(d.retry_after_s)];
        if std::env::var("CORPUS_EXPLAIN").is_ok() && !sealed.contains(&key) {
            let m = &folds[fold_of(&key) as usize];
            let r = m.read(&d.redacted);
            let rk = r.as_ref().map_or("none".to_string(), |r| format!("{}:{:.2}", r.kind.as_str(), r.probability));
            let top = d.findings.first().map_or("-".to_string(), |f| format!("{}:{}", f.entry, f.evidence.iter().map(|e| e.why.clone()).collect::<Vec<_>>().join("|")));
            println!("explain {} label={} final={} model={} top={}", paste.file, paste.labels["kind"], got[0], rk, top);
        }
        let mut wrong = Vec::new();
        for (field, got) in FIELDS.iter().zip(&got) {
            if paste.labels[*field] == *got {
                *part.right.entry(field).or_default() += 1;
            } else {
                wrong.push(format!("{field} {} -> {got}", paste.labels[*field]));
            }
        }
        let kind = part.per_kind.entry(paste.labels["kind"].clone()).or_default();
        kind.1 += 1;
        if paste.labels["kind"] == got[0] {
            kind.0 += 1;
        }
        if !wrong.is_empty() {
            part.misses.push(format!("{}: {}", paste.file, wrong.join(", ")));
        }
    }
    let summary: Vec<String> = counts.iter().map(|(k, v)| format!("{} {k}", v.len())).collect();
    println!("diagnoser on real pastes: {} pastes; {}", pastes.len(), summary.join(", "));
    for (name, part) in &parts {
        let share = |field: &str| part.right.get(field).copied().unwrap_or(0) as f64 / part.n.max(1) as f64;
        println!(
            "  {name:<11} {:>4} pastes  kind {:.3}  status {:.3}  retryable {:.3}  retry_after_s {:.3}",
            part.n,
            share("kind"),
            share("status"),
            share("retryable"),
            share("retry_after_s")
        );
        let kinds: Vec<String> = part.per_kind.iter().map(|(k, (r, t))| format!("{k} {r}/{t}")).collect();
        println!("    by kind: {}", kinds.join(", "));
        if std::env::var("CORPUS_SHOW").is_ok_and(|v| v == *name || v == "all") {
            part.misses.iter().for_each(|m| println!("    {m}"));
        }
    }
    // Every figure is printed before any gate can stop the run.
    let mut fallen = Vec::new();
    for (name, part) in &parts {
        let share = |field: &str| part.right.get(field).copied().unwrap_or(0) as f64 / part.n.max(1) as f64;
        let floors = FLOORS.iter().find(|(p, _)| p == name).map_or([0.0; 4], |(_, f)| *f);
        for (field, floor) in FIELDS.iter().zip(floors) {
            if share(field) + 1e-9 < floor {
                fallen.push(format!("{name} part: {field} {:.3} fell below {floor:.3}", share(field)));
            }
        }
    }
    assert!(fallen.is_empty(), "{}", fallen.join("\n"));
}
