//! The redaction suite: every file in `tests/redaction/` is a payload with the
//! secrets that must vanish and the strings that must survive redaction.
//!
//! Case format (one file per case, UTF-8):
//!
//! ```text
//! # optional comment lines
//! options: emails          (optional: redact with e-mail masking on)
//! leak: <a secret that must not appear in the redacted text>
//! keep: <a string that must appear in the redacted text unchanged>
//! ---
//! <the payload, verbatim, to the end of the file>
//! ```
//!
//! Files named `*-lookalike-*` hold no `leak:` lines: they are look-alikes
//! (request ids, UUIDs, error messages about tokens) that must survive whole.
//! The test fails on any leak, any lost look-alike, a second redaction pass
//! that changes the text, or a span off a char boundary; it prints the counts.
//! It never prints a secret's value in full: leaks are shown by file and the
//! first four characters only. `REDACTION_SHOW=<part of a file name>` prints
//! the redacted text of matching cases.

use std::fs;
use std::path::Path;

use errlens::redact::{find_secrets, redact, RedactOptions};

struct Case {
    name: String,
    options: RedactOptions,
    leaks: Vec<String>,
    keeps: Vec<String>,
    payload: String,
}

fn parse(name: &str, text: &str) -> Case {
    let (head, payload) = text.split_once("\n---\n").or_else(|| text.strip_prefix("---\n").map(|p| ("", p))).unwrap_or_else(|| panic!("{name}: no `---` line"));
    let mut case = Case { name: name.to_string(), options: RedactOptions::default(), leaks: Vec::new(), keeps: Vec::new(), payload: payload.to_string() };
    for line in head.lines() {
        if let Some(v) = line.strip_prefix("leak: ") {
            case.leaks.push(v.to_string());
        } else if let Some(v) = line.strip_prefix("keep: ") {
            case.keeps.push(v.to_string());
        } else if line.trim() == "options: emails" {
            case.options.emails = true;
        } else if !line.starts_with('#') && !line.trim().is_empty() {
            panic!("{name}: unknown line {line:?}");
        }
    }
    for s in case.leaks.iter().chain(&case.keeps) {
        assert!(case.payload.contains(s.as_str()), "{name}: {s:?} is not in the payload");
    }
    case
}

fn load() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/redaction");
    let mut names: Vec<_> = fs::read_dir(&dir).expect("tests/redaction exists").filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    names.sort();
    names.iter().map(|p| parse(&p.file_name().unwrap_or_default().to_string_lossy(), &fs::read_to_string(p).expect("utf-8 case"))).collect()
}

fn preview(secret: &str) -> String {
    format!("{}...", secret.chars().take(4).collect::<String>())
}

#[test]
fn redaction_suite_has_no_leaks_and_keeps_lookalikes() {
    let cases = load();
    let (mut n_payloads, mut n_secrets, mut n_lookalike_files, mut n_keeps) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for case in &cases {
        if case.leaks.is_empty() {
            n_lookalike_files += 1;
        } else {
            n_payloads += 1;
        }
        n_secrets += case.leaks.len();
        n_keeps += case.keeps.len();
        let (text, found) = redact(&case.payload, &case.options);
        // `REDACTION_SHOW=<part of a file name>` prints that case's redacted text to debug it.
        if std::env::var("REDACTION_SHOW").is_ok_and(|show| !show.is_empty() && case.name.contains(&show)) {
            println!("--- {} ---\n{text}\n{found:?}", case.name);
        }
        for leak in &case.leaks {
            if text.contains(leak.as_str()) {
                failures.push(format!("LEAK {}: {}", case.name, preview(leak)));
            }
        }
        for keep in &case.keeps {
            if !text.contains(keep.as_str()) {
                failures.push(format!("LOST {}: {keep:?}", case.name));
            }
        }
        for pair in found.windows(2) {
            if pair[0].end > pair[1].start {
                failures.push(format!("OVERLAP {}: {:?}", case.name, pair));
            }
        }
        if found.iter().any(|s| !case.payload.is_char_boundary(s.start) || !case.payload.is_char_boundary(s.end)) {
            failures.push(format!("BOUNDARY {}", case.name));
        }
        if redact(&text, &case.options).0 != text {
            failures.push(format!("NOT IDEMPOTENT {}", case.name));
        }
        // The findings list alone must cover every secret (the preview and unmasking use it).
        let spans = find_secrets(&case.payload, &case.options);
        for leak in &case.leaks {
            let at = case.payload.find(leak.as_str()).unwrap_or(0);
            if !spans.iter().any(|s| s.start <= at && at < s.end) {
                failures.push(format!("UNCOVERED {}: {}", case.name, preview(leak)));
            }
        }
    }
    let n_leaks = failures.iter().filter(|f| f.starts_with("LEAK")).count();
    let n_lost = failures.iter().filter(|f| f.starts_with("LOST")).count();
    println!(
        "redaction suite: {} files, {n_payloads} payloads with {n_secrets} secrets, {n_lookalike_files} look-alike files, {n_keeps} strings to keep; {n_leaks} leaks, {n_lost} lost",
        cases.len()
    );
    for failure in &failures {
        println!("  {failure}");
    }
    assert!(n_payloads >= 70, "the suite needs at least 70 payloads, has {n_payloads}");
    assert!(n_lookalike_files >= 40, "the suite needs at least 40 look-alikes, has {n_lookalike_files}");
    assert!(failures.is_empty(), "{} failures", failures.len());
}

/// A 1 MB paste made of every case, repeated: redaction must stay linear and
/// its spans valid at the size the diagnoser accepts. Prints the time taken
/// (budgets are checked by benchmarks, not by timed tests).
#[test]
fn one_megabyte_paste_is_redacted_whole() {
    let cases = load();
    let mut paste = String::new();
    while paste.len() < 1024 * 1024 {
        for case in &cases {
            paste.push_str(&case.payload);
        }
    }
    let started = std::time::Instant::now();
    let (text, found) = redact(&paste, &RedactOptions::default());
    let elapsed = started.elapsed();
    println!("redacted {} bytes in {:.1} ms: {} secrets", paste.len(), elapsed.as_secs_f64() * 1000.0, found.len());
    for case in cases.iter().filter(|c| !c.options.emails) {
        for leak in &case.leaks {
            assert!(!text.contains(leak.as_str()), "{}: leaks {}", case.name, preview(leak));
        }
    }
    assert!(found.windows(2).all(|p| p[0].end <= p[1].start));
}

/// Hostile shapes that would make a naive scanner quadratic or panic: long
/// runs of separators, unclosed quotes, repeated names, half prefixes.
#[test]
fn hostile_pastes_finish_and_keep_spans_valid() {
    let shapes = [
        "token=".repeat(50_000),
        "\"password\":\"".repeat(40_000),
        "Bearer ".repeat(60_000),
        "eyJ".repeat(100_000),
        "a@".repeat(100_000),
        "-----BEGIN PRIVATE KEY-----".repeat(10_000),
        format!("x://{}", "u:p@".repeat(50_000)),
        "\"cookies\": [".repeat(30_000),
        format!("{}é", "sk_live_".repeat(30_000)),
    ];
    for paste in &shapes {
        let started = std::time::Instant::now();
        let found = find_secrets(paste, &RedactOptions { emails: true });
        assert!(started.elapsed().as_secs() < 5, "{} took {:?}", &paste[..20], started.elapsed());
        assert!(found.iter().all(|s| paste.is_char_boundary(s.start) && paste.is_char_boundary(s.end) && s.start < s.end));
        assert!(found.windows(2).all(|p| p[0].end <= p[1].start));
    }
}

/// The fixtures of `src/redact/families.toml`: every `tp` is masked and
/// named after its family wherever it sits in a paste (a log line, a JSON
/// body, a header), and no `fp` is claimed by its family. Prints the count per group.
#[test]
fn every_family_masks_its_fixtures_and_keeps_its_look_alikes() {
    #[derive(serde::Deserialize)]
    struct File {
        family: Vec<Def>,
    }
    #[derive(serde::Deserialize)]
    struct Def {
        id: String,
        group: String,
        #[serde(default)]
        keywords: Vec<String>,
        tp: Vec<String>,
        fp: Vec<String>,
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/redact/families.toml");
    let file: File = toml::from_str(&fs::read_to_string(path).expect("families.toml")).expect("valid TOML");
    let options = RedactOptions::default();
    let mut failures = Vec::new();
    let mut per_group: std::collections::BTreeMap<&str, usize> = Default::default();
    let (mut n_tp, mut n_fp) = (0, 0);
    let mut masked_fps = Vec::new();
    for def in &file.family {
        *per_group.entry(def.group.as_str()).or_default() += 1;
        for tp in &def.tp {
            n_tp += 1;
            // A keyword family's fixture is a whole assignment; a prefixed one is a bare value.
            let pastes = if def.keywords.is_empty() {
                vec![
                    format!("2024-05-02T10:00:01Z ERROR sync failed: request with {tp} was rejected (401)\n"),
                    format!("{{\"error\": {{\"message\": \"Invalid credentials\", \"credential\": \"{tp}\"}}}}"),
                    format!("HTTP/1.1 401 Unauthorized\nX-Api-Key: {tp}\nContent-Type: application/json\n"),
                ]
            } else {
                vec![format!("2024-05-02T10:00:01Z ERROR connector config:\n  {tp}\n  timeout_ms=3000\n")]
            };
            for paste in pastes {
                let found = find_secrets(&paste, &options);
                let (text, _) = redact(&paste, &options);
                // The secret is the whole fixture, or in an assignment its longest run.
                let Some(&(start, end)) = errlens::redact::families::spans_of(&def.id, tp).first() else {
                    failures.push(format!("PATTERN {}: its pattern does not match its fixture {}", def.id, preview(tp)));
                    continue;
                };
                let value = &tp[start..end];
                if text.contains(value) {
                    failures.push(format!("LEAK {}: {}", def.id, if std::env::var_os("REDACTION_SHOW").is_some() { tp.clone() } else { preview(tp) }));
                } else if !found.iter().any(|s| s.kind == def.id) {
                    let kinds: Vec<_> = found.iter().map(|s| s.kind).collect();
                    failures.push(format!("NAMED {}: {} found as {kinds:?}", def.id, preview(tp)));
                }
            }
        }
        for fp in &def.fp {
            n_fp += 1;
            let paste = format!("2024-05-02T10:00:01Z WARN see {fp} in the docs\n");
            // Another detector may rightly mask it (a short value under `API_KEY=` is
            // still a secret); this family must not claim it.
            let found = find_secrets(&paste, &options);
            if found.iter().any(|s| s.kind == def.id) {
                failures.push(format!("CLAIMED {}: {fp:?}", def.id));
            }
            if !found.is_empty() {
                masked_fps.push(format!("{}: {fp:?} as {:?}", def.id, found.iter().map(|s| s.kind).collect::<Vec<_>>()));
            }
        }
    }
    println!(
        "{} families, {n_tp} true and {n_fp} false fixtures, none claimed by its own family ({} masked by another \
         detector: a sibling family's format, or a short value under a secret's name); by group: {per_group:?}",
        file.family.len(),
        masked_fps.len()
    );
    if std::env::var_os("REDACTION_SHOW").is_some() {
        masked_fps.iter().for_each(|fp| println!("  also masked: {fp}"));
    }
    for failure in &failures {
        println!("  {failure}");
    }
    assert!(file.family.len() >= 150, "gitleaks-level coverage needs about 150 families, have {}", file.family.len());
    assert!(failures.is_empty(), "{} fixture failures", failures.len());
}
