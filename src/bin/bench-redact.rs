//! The redaction benchmark (`cargo run --profile native --bin bench-redact`):
//! masks 1 MB pastes natively and prints the median time of repeated runs,
//! beside a plain byte scan of the same text as the peer in the same run (so
//! the figure can be read on a slow or a fast machine). Exits non-zero when
//! the fastest run on real error text is over the README's budget:
//! 20 ms per MB (the fastest run is the cost of the code; the others add the
//! noise of a shared machine, which a budget check must not fail on).
//!
//! Pastes: the golden corpus and the look-alike corpus repeated to 1 MB (real
//! error text: few secrets, many ids; the budget applies to it), and the
//! redaction suite repeated to 1 MB (a secret every few hundred bytes: the
//! worst case for the detectors, reported beside it).

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use errlens::redact::{redact, RedactOptions};

/// Budget per megabyte (the README's "Budgets").
const BUDGET: Duration = Duration::from_millis(20);
const RUNS: usize = 15;
const MEGABYTE: usize = 1 << 20;

/// The payloads of every `.txt` case under `dir` (the part after `---`).
fn payloads(dir: &Path) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|x| x == "txt") && !p.ends_with("test-sources.txt"));
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|text| text.split_once("\n---\n").map_or(text.clone(), |(_, body)| body.to_string()))
        .collect()
}

/// `parts` repeated until the text is 1 MB.
fn megabyte(parts: &[String]) -> String {
    let mut text = String::with_capacity(MEGABYTE + 64 * 1024);
    while text.len() < MEGABYTE && !parts.is_empty() {
        for part in parts {
            text.push_str(part);
            text.push('\n');
        }
    }
    text
}

/// The median and the fastest of `runs`.
fn median_and_min(mut runs: Vec<Duration>) -> (Duration, Duration) {
    runs.sort();
    (runs[runs.len() / 2], runs[0])
}

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut real = payloads(&root.join("golden"));
    real.extend(payloads(&root.join("corpus/lookalikes")));
    // (name, text, held to the budget)
    let pastes = [("real error text", megabyte(&real), true), ("secret-dense", megabyte(&payloads(&root.join("redaction"))), false)];
    let options = RedactOptions::default();
    let mut over = false;
    println!("redaction of 1 MB, {RUNS} runs (budget {} ms per MB, on the fastest run)", BUDGET.as_millis());
    println!("{:<16} {:>6} {:>10} {:>10} {:>8} {:>12}", "paste", "MB", "median", "fastest", "MB/s", "vs byte scan");
    for (name, text, budgeted) in &pastes {
        let mut times = Vec::with_capacity(RUNS);
        let mut scans = Vec::with_capacity(RUNS);
        let mut found = 0;
        for _ in 0..RUNS {
            let started = Instant::now();
            let (masked, secrets) = redact(std::hint::black_box(text), &options);
            times.push(started.elapsed());
            found = secrets.len();
            std::hint::black_box(masked);
            // The peer: one pass counting line ends, the least any detector does.
            let started = Instant::now();
            std::hint::black_box(text.bytes().filter(|&b| b == b'\n').count());
            scans.push(started.elapsed());
        }
        let ((time, fastest), (scan, _)) = (median_and_min(times), median_and_min(scans));
        let mb = text.len() as f64 / MEGABYTE as f64;
        let per_mb = fastest.div_f64(mb);
        println!(
            "{name:<16} {mb:>6.2} {:>7.1} ms {:>7.1} ms {:>8.0} {:>10.0}x   {found} secrets",
            time.as_secs_f64() * 1e3,
            fastest.as_secs_f64() * 1e3,
            mb / time.as_secs_f64(),
            time.as_secs_f64() / scan.as_secs_f64().max(1e-9)
        );
        if per_mb > BUDGET && *budgeted {
            println!("  over budget: {:.1} ms per MB", per_mb.as_secs_f64() * 1e3);
            over = true;
        }
    }
    if over {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
