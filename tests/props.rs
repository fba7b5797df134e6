//! Property tests of the core's promises on any input (issue 8): the
//! diagnoser never panics, its evidence spans lie inside the paste on
//! character boundaries and say what they quote, its confidences are in 0..1
//! and ranked; redaction never panics, gives sorted non-overlapping spans on
//! char boundaries and never lets a secret it found back into its output;
//! search never panics and keeps to its limit.
//!
//! Inputs are arbitrary strings and golden payloads mutated the way pastes
//! get damaged (bytes inserted, deleted or replaced, lines doubled, text cut).
//! Case counts are small so the run stays well under 30 s on 2 cores;
//! `PROPTEST_CASES` raises them for a longer run. Native only: proptest is a
//! dev-dependency that never reaches the wasm. This file must never weaken an
//! invariant to make a case pass: fix the code and add a regression test.

#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::Config;

mod common;

use errlens::catalogue::Catalogue;
use errlens::diagnose::{diagnose, DiagnoseOptions, Diagnosis};
use errlens::redact::{find_secrets, mask, RedactOptions, Secret};
use errlens::search::Index;
use errlens::text;

/// The corpus payloads mutations start from (tests/common).
fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| common::seeds().into_iter().map(|b| String::from_utf8_lossy(&b).into_owned()).collect())
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(Catalogue::builtin)
}

fn search_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::build(catalogue()))
}

/// Cases per property: `default`, or `PROPTEST_CASES` when set.
fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    // No regression files in the source tree: a failure becomes a unit test instead.
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// One way a paste gets damaged; positions are fractions of its length.
#[derive(Clone, Debug)]
enum Mutation {
    Insert(f64, Vec<u8>),
    Delete(f64, usize),
    Replace(f64, u8),
    DuplicateLine(f64),
    Truncate(f64),
}

/// Bytes detectors and parsers care about, so inserts hit interesting paths.
const INTERESTING: &[&[u8]] = &[
    b"{", b"}", b"[", b"]", b"\"", b"'", b"\\", b"<", b">", b":", b"=", b"\n", b"\r\n", b" ", b"HTTP/1.1 429 ", b"Retry-After: ",
    b"Bearer ", b"eyJ", b"-----BEGIN PRIVATE KEY-----", b"\xc3\xa9", b"\xf0\x9f\x94\x91", b"\xff", b"\x00", b"status code ", b"curl: (",
    b"Caused by: ", b"ERROR ", b"SQLSTATE", b"password=", b"://", b"@", b"req_", b"<title>", b"error=\"",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64, prop_oneof![proptest::collection::vec(any::<u8>(), 1..8), proptest::sample::select(INTERESTING).prop_map(<[u8]>::to_vec)])
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        (0.0..1.0f64, 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (0.0..1.0f64, any::<u8>()).prop_map(|(at, b)| Mutation::Replace(at, b)),
        (0.0..1.0f64).prop_map(Mutation::DuplicateLine),
        (0.0..1.0f64).prop_map(Mutation::Truncate),
    ]
}

fn at(len: usize, fraction: f64) -> usize {
    ((len as f64) * fraction) as usize
}

/// Applies the mutations to the bytes of `seed`; invalid UTF-8 becomes U+FFFD,
/// as a browser's paste would.
fn mutate(seed: &str, mutations: &[Mutation]) -> String {
    let mut bytes = seed.as_bytes().to_vec();
    for m in mutations {
        let len = bytes.len();
        match m {
            Mutation::Insert(f, ins) => {
                let p = at(len, *f);
                bytes.splice(p..p, ins.iter().copied());
            }
            Mutation::Delete(f, n) => {
                let p = at(len, *f);
                bytes.drain(p..(p + n).min(len));
            }
            Mutation::Replace(f, b) => {
                if let Some(slot) = bytes.get_mut(at(len, *f)) {
                    *slot = *b;
                }
            }
            Mutation::DuplicateLine(f) => {
                let p = at(len, *f);
                let start = bytes[..p].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                let end = bytes[p..].iter().position(|&b| b == b'\n').map_or(len, |i| p + i + 1);
                let line = bytes[start..end].to_vec();
                bytes.splice(start..start, line);
            }
            Mutation::Truncate(f) => bytes.truncate(at(len, *f)),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A damaged corpus payload.
fn mutated_seed() -> impl Strategy<Value = String> {
    (proptest::sample::select(seeds()), proptest::collection::vec(mutation(), 0..6)).prop_map(|(seed, ms)| mutate(&seed, &ms))
}

/// Arbitrary text, biased towards the pieces the readers look for.
fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(prop_oneof![proptest::sample::select(INTERESTING).prop_map(<[u8]>::to_vec), proptest::collection::vec(any::<u8>(), 0..6)], 0..40)
            .prop_map(|parts| String::from_utf8_lossy(&parts.concat()).into_owned()),
    ]
}

/// The shared checks, as proptest failures.
fn check_diagnosis(paste: &str, d: &Diagnosis) -> Result<(), TestCaseError> {
    common::check_diagnosis(paste, d).map_err(TestCaseError::fail)
}

fn check_redaction(input: &str, options: &RedactOptions) -> Result<(), TestCaseError> {
    common::check_redaction(input, options).map_err(TestCaseError::fail)
}

fn options() -> DiagnoseOptions {
    DiagnoseOptions { now_unix_s: Some(1_700_000_000), integration: None }
}

proptest! {
    #![proptest_config(config(160))]

    #[test]
    fn diagnose_holds_its_promises_on_damaged_payloads(paste in mutated_seed()) {
        let d = diagnose(&paste, catalogue(), &options());
        check_diagnosis(&paste, &d)?;
    }

    #[test]
    fn diagnose_holds_its_promises_on_any_text(paste in arbitrary_text()) {
        let d = diagnose(&paste, catalogue(), &options());
        check_diagnosis(&paste, &d)?;
    }

    #[test]
    fn redaction_holds_its_promises_on_damaged_payloads(input in mutated_seed(), emails in any::<bool>()) {
        check_redaction(&input, &RedactOptions { emails })?;
    }

    #[test]
    fn redaction_holds_its_promises_on_any_text(input in arbitrary_text(), emails in any::<bool>()) {
        check_redaction(&input, &RedactOptions { emails })?;
    }
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn search_keeps_to_its_limit(query in prop_oneof![any::<String>(), "[a-z0-9 _.-]{0,40}", proptest::sample::select(seeds()).prop_map(|s| text::slice(&s, 0, 300).to_string())], limit in 0usize..30) {
        common::check_search(&query, limit, search_index(), catalogue().entries().len()).map_err(TestCaseError::fail)?;
    }
}

/// The checks themselves must be able to fail (a check that cannot fail is a
/// defect): a wrong evidence quote, a mask that leaks, a secret the first
/// pass missed, and a search over its limit are each caught.
#[test]
fn the_checks_catch_what_they_look_for() {
    let d = diagnose("HTTP/1.1 429 Too Many Requests\n", catalogue(), &options());
    let mut wrong = d.clone();
    if let Some(e) = wrong.findings.first_mut().and_then(|f| f.evidence.first_mut()) {
        e.text.push('x');
    }
    assert!(common::check_diagnosis("HTTP/1.1 429 Too Many Requests\n", &d).is_ok());
    assert!(common::check_diagnosis("HTTP/1.1 429 Too Many Requests\n", &wrong).is_err());

    let input = "Authorization: Bearer abcdEFGH12345678\n";
    let found = find_secrets(input, &RedactOptions::default());
    assert!(!found.is_empty());
    let leaking = vec![Secret { kind: "bearer", start: found[0].start, end: found[0].start + 1 }];
    assert!(common::count_overlapping(&mask(input, &leaking, &[]), "bcdEFGH12345678") >= 1);
    assert!(common::check_redaction(input, &RedactOptions::default()).is_ok());

    // A key left unmasked three lines away from any mark is a miss, not an effect of the mask.
    let missed = "user=a [REDACTED:password]\n\n\nkey AKIAQWERTYUIOPASDFGH\n";
    assert!(common::check_rescan(missed, &RedactOptions::default()).is_err(), "the re-scan check can fail");
    assert!(common::check_rescan("user=a [REDACTED:password]\n", &RedactOptions::default()).is_ok());

    assert!(common::check_search("429", 3, search_index(), catalogue().entries().len()).is_ok());
    assert!(common::check_search("429", 3, search_index(), 0).is_err(), "a hit outside the catalogue is caught");
}

/// A fuzz input (a PEM header broken by a pasted Authorization line): masking
/// the bearer token changes how the damaged key block reads, which the
/// re-scan check must tell from a missed secret.
#[test]
fn a_mask_inside_a_broken_pem_header_is_not_a_missed_secret() {
    let input = "-----BEGIN EC\r\nAuthorization: Bearer yk0FfwQCAJqle9wvXUxBRfzMu3a6iirGMkjszuQq\r\nAccep PRIVATE KEY-----\nxmfSAlNZbvTp+7ftXyKyYVa+Q36aI7YqQhfC7wAwZFooXbLWCPZ7o54zGLI+dhyz\njrnvKg1700000000MRD1ROJH40OM8O1Rnza2zzyFC7t9su3HPAb0uaedQueryNotFound\nYwJbFfREtmlfn/4TeQRArLGpVdObUVckM1SpdahRAl9HQ2lq7xti5MCv30zYDb6DYN\n-----END EC PRIVATE KEY-----\n";
    assert!(common::check_redaction(input, &RedactOptions::default()).is_ok(), "{:?}", common::check_redaction(input, &RedactOptions::default()));
}
