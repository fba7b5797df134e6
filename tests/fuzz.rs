//! Bounded mutation fuzzing of the three entry points that take user text:
//! `diagnose`, `redact` and `search` (issue 8). cargo-fuzz needs a nightly
//! toolchain this project's machines do not have, so this is the documented
//! equivalent: a coverage-free mutation fuzzer seeded with the golden corpus
//! (`tests/golden/`) and the redaction cases (`tests/redaction/`), checking
//! the invariants of `tests/common` (shared with `tests/props.rs`) on every input.
//!
//! `ERRLENS_FUZZ_SECONDS` (default 20, shared by the three targets) bounds
//! the run and `ERRLENS_FUZZ_SEED` fixes the random sequence, so a run can be
//! replayed; for hours of fuzzing set the seconds high and vary the seed. A
//! panic or a broken invariant writes the input to
//! `target/fuzz-crashes/<target>-<hash>.txt` and fails with that path. It must
//! never swallow a failure: every input is checked, nothing is retried.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

mod common;

use errlens::catalogue::Catalogue;
use errlens::diagnose::{diagnose, DiagnoseOptions};
use errlens::redact::RedactOptions;
use errlens::search::Index;
use errlens::text;

/// A small fast generator (SplitMix64): the same seed gives the same run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Byte strings the readers and detectors branch on, spliced into inputs.
const DICTIONARY: &[&[u8]] = &[
    b"{", b"}", b"[", b"]", b"\"", b"'", b"\\", b"\\\"", b"<", b">", b"</", b":", b"=", b"\n", b"\r\n", b"\t", b" ", b"HTTP/1.1 ",
    b"HTTP/2 ", b":status: ", b"Retry-After: ", b"X-RateLimit-Reset: ", b"WWW-Authenticate: Bearer error=\"", b"Authorization: Bearer ",
    b"Basic ", b"eyJ", b"-----BEGIN PRIVATE KEY-----", b"-----END", b"\xc3\xa9", b"\xf0\x9f\x94\x91", b"\xe2\x82\xac", b"\xff", b"\x00",
    b"status code ", b"curl: (", b"Caused by: ", b"Traceback (most recent call last):", b"ERROR ", b"SQLSTATE", b"password=",
    b"://", b"@", b"req_", b"<title>", b"<html>", b"\"error\":", b"\"errors\":[", b"\"log\":{\"entries\":[", b"AKIA", b"sk_live_",
    b"Cookie: ", b"?api_key=", b"999", b"429", b"1700000000", b"Tue, 14 Nov 2023 22:14:20 GMT", b"ECONNRESET", b"\"status\":503",
];

/// One random mutation of `bytes`.
fn mutate_once(bytes: &mut Vec<u8>, rng: &mut Rng, seeds: &[Vec<u8>]) {
    let len = bytes.len();
    match rng.below(9) {
        0 => {
            let p = rng.below(len + 1);
            let word = DICTIONARY[rng.below(DICTIONARY.len())];
            bytes.splice(p..p, word.iter().copied());
        }
        1 => {
            let p = rng.below(len + 1);
            let n = 1 + rng.below(8);
            bytes.splice(p..p, (0..n).map(|_| rng.next() as u8));
        }
        2 if len > 0 => {
            let p = rng.below(len);
            let n = 1 + rng.below(64.min(len - p));
            bytes.drain(p..p + n);
        }
        3 if len > 0 => {
            let p = rng.below(len);
            bytes[p] = rng.next() as u8;
        }
        4 if len > 0 => {
            // Flip the case of a byte: readers lower-case, detectors do not.
            let p = rng.below(len);
            bytes[p] ^= 0x20 * u8::from(bytes[p].is_ascii_alphabetic());
        }
        5 if len > 0 => {
            let p = rng.below(len);
            let start = bytes[..p].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let end = bytes[p..].iter().position(|&b| b == b'\n').map_or(len, |i| p + i + 1);
            let line = bytes[start..end].to_vec();
            let times = 1 + rng.below(3);
            for _ in 0..times {
                bytes.splice(start..start, line.iter().copied());
            }
        }
        6 => bytes.truncate(rng.below(len + 1)),
        7 if !seeds.is_empty() => {
            // Splice a piece of another seed: mixed formats in one paste.
            let other = &seeds[rng.below(seeds.len())];
            let a = rng.below(other.len() + 1);
            let b = a + rng.below(other.len() - a + 1).min(512);
            let p = rng.below(len + 1);
            bytes.splice(p..p, other[a..b].iter().copied());
        }
        _ => {
            // Deep nesting, the shape that breaks recursive readers.
            let p = rng.below(len + 1);
            let depth = 1 + rng.below(300);
            let open = if rng.below(2) == 0 { b'{' } else { b'[' };
            bytes.splice(p..p, std::iter::repeat_n(open, depth));
        }
    }
}

/// The invariants of `diagnose` on one paste (tests/common).
fn check_diagnose(paste: &str, catalogue: &Catalogue) -> Result<(), String> {
    let d = diagnose(paste, catalogue, &DiagnoseOptions { now_unix_s: Some(1_700_000_000), integration: None });
    common::check_diagnosis(paste, &d)
}

/// Runs one input through a check, turning a panic into an error.
fn run(check: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    match catch_unwind(AssertUnwindSafe(check)) {
        Ok(result) => result,
        Err(panic) => Err(format!(
            "panic: {}",
            panic.downcast_ref::<String>().map(String::as_str).or_else(|| panic.downcast_ref::<&str>().copied()).unwrap_or("(no message)")
        )),
    }
}

/// Saves a failing input and returns the message to fail with.
fn save_crash(target: &str, input: &str, why: &str) -> String {
    let mut hasher = DefaultHasher::new();
    input.hash(&mut hasher);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-crashes");
    let path = dir.join(format!("{target}-{:016x}.txt", hasher.finish()));
    let saved = fs::create_dir_all(&dir).and_then(|()| fs::write(&path, input));
    format!("fuzz target {target} failed: {why}\ninput saved to {} ({saved:?})", path.display())
}

#[test]
fn fuzz_diagnose_redact_search() {
    // catch_unwind only works where panics unwind; under `panic = "abort"` the
    // first crash would kill the run without saving its input.
    if cfg!(not(panic = "unwind")) {
        panic!("fuzzing needs panic = \"unwind\" (run it with `cargo test --profile native` or the dev profile)");
    }
    let seconds: f64 = std::env::var("ERRLENS_FUZZ_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(20.0);
    let seed: u64 = std::env::var("ERRLENS_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5eed_e11e);
    let seeds = common::seeds();
    let catalogue = Catalogue::builtin();
    let index = Index::build(&catalogue);
    let n_entries = catalogue.entries().len();
    // Quiet the default hook so caught panics do not flood the output; the
    // failure message carries the panic's text.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed);
    let budget = Duration::from_secs_f64(seconds.max(0.0) / 3.0);
    let mut execs = [0usize; 3];
    let mut failure = None;
    'targets: for (t, target) in ["diagnose", "redact", "search"].into_iter().enumerate() {
        let started = Instant::now();
        // Every seed once as it is, then mutants, until the target's share of time is spent.
        let mut k = 0usize;
        while k < seeds.len() || started.elapsed() < budget {
            let mut bytes = seeds[k % seeds.len()].clone();
            if k >= seeds.len() {
                for _ in 0..1 + rng.below(6) {
                    mutate_once(&mut bytes, &mut rng, &seeds);
                }
            }
            k += 1;
            let input = String::from_utf8_lossy(&bytes).into_owned();
            let result = match target {
                "diagnose" => run(|| check_diagnose(&input, &catalogue)),
                "redact" => {
                    let emails = rng.below(2) == 0;
                    run(|| common::check_redaction(&input, &RedactOptions { emails }))
                }
                _ => {
                    // Queries are short: a slice of the input, cut on a char boundary.
                    let start = text::floor_char_boundary(&input, rng.below(input.len() + 1));
                    let query = text::slice(&input, start, start + rng.below(300)).to_string();
                    let limit = rng.below(30);
                    run(|| common::check_search(&query, limit, &index, n_entries))
                }
            };
            execs[t] += 1;
            if let Err(why) = result {
                failure = Some(save_crash(target, &input, &why));
                break 'targets;
            }
        }
    }
    std::panic::set_hook(hook);
    println!("fuzz: diagnose {} execs, redact {} execs, search {} execs (seed {seed}, {seconds} s)", execs[0], execs[1], execs[2]);
    if let Some(message) = failure {
        panic!("{message}");
    }
}

/// The harness must catch a panic and report it, not die with it.
#[test]
fn a_panicking_target_is_caught_and_reported() {
    // The panic hook stays as it is: the fuzz test beside this one owns it.
    let result = run(|| panic!("boom"));
    assert_eq!(result, Err("panic: boom".to_string()));
}
