//! The golden corpus of the diagnoser: real-shaped error payloads (from
//! public API documentation and public issue threads, secrets replaced by fake
//! values of the same shape), each with the diagnosis a person expects.
//!
//! Each case is `tests/golden/<nnn-name>.txt`: header lines `# field: value`
//! (kind, status, retryable, retry_after_s, entry, source), a `---` line, then
//! the payload exactly as pasted. The run reports accuracy per field and per
//! kind and fails below 0.95 on kind, 0.97 on status, 0.87 on the top entry,
//! 0.98 on retryable, on any retry_after_s mismatch, or on an expected entry
//! id the catalogue lacks.
//! `UPDATE_GOLDEN=1` rewrites the headers from the current output, for review
//! in the diff; it never touches a payload.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use errlens::catalogue::Catalogue;
use errlens::diagnose::{diagnose, DiagnoseOptions};

/// The fixed "now" of the corpus: 2023-11-14T22:13:20Z.
const NOW: i64 = 1_700_000_000;

const FIELDS: &[&str] = &["kind", "status", "retryable", "retry_after_s", "entry"];

struct Case {
    name: String,
    header: BTreeMap<String, String>,
    source: String,
    payload: String,
}

fn read_case(path: &Path) -> Case {
    let raw = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (head, payload) = raw.split_once("\n---\n").unwrap_or_else(|| panic!("{}: no `---` line after the header", path.display()));
    let mut header = BTreeMap::new();
    let mut source = String::new();
    for line in head.lines() {
        let line = line.trim_start_matches('#').trim();
        if let Some((k, v)) = line.split_once(':') {
            if k.trim() == "source" {
                source = v.trim().to_string();
            } else {
                header.insert(k.trim().to_string(), v.trim().to_string());
            }
        }
    }
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Case { name, header, source, payload: payload.to_string() }
}

fn show<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "null".to_string(), |v| v.to_string())
}

#[test]
fn golden_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut paths: Vec<_> = fs::read_dir(&dir).expect("tests/golden exists").filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    paths.sort();
    assert!(paths.len() >= 150, "the corpus needs at least 150 cases, has {}", paths.len());
    let catalogue = Catalogue::builtin();
    let options = DiagnoseOptions { now_unix_s: Some(NOW), integration: None };
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut right: BTreeMap<&str, usize> = BTreeMap::new();
    let mut per_kind: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut per_format: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut retry_failures = Vec::new();
    let mut unknown_ids = Vec::new();
    for path in &paths {
        let case = read_case(path);
        let d = diagnose(&case.payload, &catalogue, &options);
        let got: BTreeMap<&str, String> = [
            ("kind", d.kind.as_str().to_string()),
            ("status", show(d.status)),
            ("retryable", show(d.retryable)),
            ("retry_after_s", show(d.retry_after_s)),
            ("entry", d.findings.first().map_or_else(|| "null".to_string(), |f| f.entry.clone())),
        ]
        .into_iter()
        .collect();
        *per_format.entry(d.input.format.to_string()).or_default() += 1;
        if update {
            let mut text = String::new();
            for f in FIELDS {
                text.push_str(&format!("# {f}: {}\n", got[f]));
            }
            text.push_str(&format!("# source: {}\n---\n{}", case.source, case.payload));
            fs::write(path, text).expect("write golden case");
            continue;
        }
        let expected_kind = case.header.get("kind").cloned().unwrap_or_default();
        let slot = per_kind.entry(expected_kind.clone()).or_default();
        slot.1 += 1;
        for f in FIELDS {
            let want = case.header.get(*f).map(String::as_str).unwrap_or("null");
            if want == got[f] {
                *right.entry(f).or_default() += 1;
                if *f == "kind" {
                    slot.0 += 1;
                }
            } else {
                let line = format!("{}: {f} expected {want}, got {}", case.name, got[f]);
                if *f == "retry_after_s" {
                    retry_failures.push(line.clone());
                }
                failures.push(line);
            }
        }
        if let Some(id) = case.header.get("entry").filter(|id| id.as_str() != "null") {
            if catalogue.get(id).is_none() {
                unknown_ids.push(format!("{}: entry `{id}` is not in the catalogue", case.name));
            }
        }
    }
    if update {
        println!("rewrote {} golden headers; review the diff", paths.len());
        return;
    }
    let n = paths.len() as f64;
    println!("golden corpus: {} cases", paths.len());
    for f in FIELDS {
        println!("  {f:<14} {:.3}", *right.get(f).unwrap_or(&0) as f64 / n);
    }
    println!("per kind (kind accuracy):");
    for (kind, (ok, total)) in &per_kind {
        println!("  {kind:<18} {ok}/{total}");
    }
    println!("formats detected: {per_format:?}");
    for f in &failures {
        println!("  miss {f}");
    }
    let accuracy = |f: &str| *right.get(f).unwrap_or(&0) as f64 / n;
    assert!(unknown_ids.is_empty(), "{}", unknown_ids.join("\n"));
    assert!(retry_failures.is_empty(), "retry_after_s must match on every case:\n{}", retry_failures.join("\n"));
    assert!(accuracy("kind") >= 0.95, "kind accuracy {:.3} < 0.95", accuracy("kind"));
    assert!(accuracy("status") >= 0.97, "status accuracy {:.3} < 0.97", accuracy("status"));
    // Last measured: entry 0.879, retryable 0.990.
    assert!(accuracy("entry") >= 0.87, "top-entry accuracy {:.3} < 0.87", accuracy("entry"));
    assert!(accuracy("retryable") >= 0.98, "retryable accuracy {:.3} < 0.98", accuracy("retryable"));
}

/// A connector log of about `bytes` bytes: INFO noise with JSON, URLs and
/// request ids, one buried ERROR line in the middle (the root cause).
fn synthetic_log(bytes: usize) -> String {
    let mut log = String::with_capacity(bytes + 200);
    let mut i = 0usize;
    let middle = bytes / 2;
    let mut buried = false;
    while log.len() < bytes {
        let second = i % 60;
        let line = match i % 4 {
            0 => format!("2023-11-14T22:13:{second:02}.000Z INFO  sync.worker - fetched page {i} of contacts (100 records) {{\"page\":{i},\"ok\":true}}\n"),
            1 => format!("2023-11-14T22:13:{second:02}.120Z DEBUG http.client - GET https://api.example.com/v3/contacts?page={i} -> 200 OK in 85 ms (x-request-id: 9f1c{i:08x})\n"),
            2 => format!("2023-11-14T22:13:{second:02}.240Z INFO  sync.loader - upserted 100 rows into analytics.contacts, batch {i}, status: ok\n"),
            _ => format!("2023-11-14T22:13:{second:02}.360Z WARN  sync.worker - slow page {i}: 1200 ms, retrying later is not needed\n"),
        };
        log.push_str(&line);
        i += 1;
        if !buried && log.len() >= middle {
            log.push_str("2023-11-14T22:13:20.000Z ERROR sync.loader - Error: connect ECONNREFUSED 10.0.0.5:5432\n");
            buried = true;
        }
    }
    log
}

/// Not a timed test: prints the median time of `diagnose` on logs of 1 KB
/// to 10 MB (release builds are the meaningful figures; the README's budget
/// is 50 ms at 1 MB in the browser), and checks the buried failure is still
/// found in each, so the log is read whole (or, past the limit, head and tail).
#[test]
fn timing_by_paste_size() {
    let catalogue = Catalogue::builtin();
    let options = DiagnoseOptions { now_unix_s: Some(NOW), integration: None };
    let mut report = Vec::new();
    for (label, bytes, runs) in [("1 KB", 1_000, 21), ("100 KB", 100_000, 11), ("1 MB", 1_000_000, 5), ("5 MB", 5_000_000, 3), ("10 MB", 10_000_000, 3)] {
        let log = synthetic_log(bytes);
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let started = std::time::Instant::now();
            last = Some(diagnose(&log, &catalogue, &options));
            times.push(started.elapsed());
        }
        times.sort();
        let d = last.expect("at least one run");
        report.push(format!("  {label:>6}: median {:?} over {runs} runs{}", times[runs / 2], if d.input.truncated { " (cut to head and tail)" } else { "" }));
        // Past the limit the middle (where the ERROR line sits) is skipped, with a note.
        if d.input.truncated {
            assert!(d.notes.iter().any(|n| n.contains("skipped")), "{:?}", d.notes);
        } else if bytes >= 100_000 {
            assert_eq!(d.kind.as_str(), "network", "{label}: {:#?}", d.findings.first());
        }
    }
    println!("diagnose timing (native, this build's profile):\n{}", report.join("\n"));
}

/// Not a timed test: prints how long a 1 MB log takes (release builds are
/// the meaningful figure) and checks the buried failure is still found.
#[test]
fn one_megabyte_log_is_read_whole() {
    let mut log = String::new();
    let mut i = 0;
    while log.len() < 1_000_000 {
        log.push_str(&format!("2023-11-14T22:13:{:02}.000Z INFO  sync.worker - fetched page {i} of contacts (100 records) {{\"page\":{i},\"ok\":true}}\n", i % 60));
        i += 1;
        if i == 6000 {
            log.push_str("2023-11-14T22:13:20.000Z ERROR sync.loader - Error: connect ECONNREFUSED 10.0.0.5:5432\n");
        }
    }
    let catalogue = Catalogue::builtin();
    let options = DiagnoseOptions { now_unix_s: Some(NOW), integration: None };
    let started = std::time::Instant::now();
    let d = diagnose(&log, &catalogue, &options);
    println!("diagnose on {} bytes: {:?}", log.len(), started.elapsed());
    assert_eq!(d.kind.as_str(), "network", "{:#?}", d.findings.first());
}

/// A draft restored after a reload holds the paste with its secrets masked
/// (issue 11): it must still diagnose to the same kind and status. Checked on
/// the golden corpus, the redaction suite's payloads (full of secrets) and
/// the real-paste corpus.
#[test]
fn sealed_drafts_diagnose_like_the_raw_paste() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut pastes: Vec<(String, String)> = Vec::new();
    for dir in ["golden", "redaction", "corpus/pastes"] {
        let mut paths: Vec<_> = fs::read_dir(root.join(dir))
            .expect("test folder exists")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt") && !p.ends_with("test-sources.txt"))
            .collect();
        paths.sort();
        for path in paths {
            let raw = fs::read_to_string(&path).expect("utf-8 case");
            let payload = raw.split_once("\n---\n").map_or(raw.as_str(), |(_, p)| p).to_string();
            pastes.push((path.file_name().unwrap_or_default().to_string_lossy().into_owned(), payload));
        }
    }
    let catalogue = Catalogue::builtin();
    let options = DiagnoseOptions { now_unix_s: Some(NOW), integration: None };
    let (mut n_masked, mut differ) = (0, Vec::new());
    for (name, payload) in &pastes {
        let draft = errlens::draft::Draft { payload: payload.clone(), ..Default::default() };
        let restored = errlens::draft::Draft::restore(&draft.to_stored()).expect("a sealed draft reads back");
        if restored.payload == *payload {
            continue;
        }
        n_masked += 1;
        let (raw, sealed) = (diagnose(payload, &catalogue, &options), diagnose(&restored.payload, &catalogue, &options));
        if (raw.kind, raw.status) != (sealed.kind, sealed.status) {
            differ.push(format!("{name}: {:?}/{:?} -> {:?}/{:?}", raw.kind, raw.status, sealed.kind, sealed.status));
        }
    }
    println!("{n_masked} of {} pastes hold secrets; {} diagnose differently once sealed", pastes.len(), differ.len());
    assert!(n_masked >= 80, "only {n_masked} pastes hold a secret: the check lost its material");
    assert!(differ.is_empty(), "sealed drafts diagnose differently:\n{}", differ.join("\n"));
}
