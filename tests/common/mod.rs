//! What the fuzzer (`tests/fuzz.rs`) and the property tests
//! (`tests/props.rs`) share: the seed corpus and the core's invariants, each
//! check returning what broke. `tests/props.rs` shows every check can fail.

#![allow(dead_code)] // each test target uses its own part

use std::fs;
use std::path::Path;

use errlens::diagnose::Diagnosis;
use errlens::redact::{find_secrets, mask, RedactOptions};
use errlens::search::{Index, SearchOptions};
use errlens::text;

/// The payloads mutations start from: the golden cases (after their header)
/// and the redaction cases, in file order.
pub fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = Vec::new();
    for dir in ["golden", "redaction"] {
        let mut paths: Vec<_> = fs::read_dir(root.join(dir)).expect("corpus folder").filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if let Ok(raw) = fs::read(&path) {
                let payload = raw.windows(5).position(|w| w == b"\n---\n").map_or(raw.clone(), |at| raw[at + 5..].to_vec());
                out.push(payload);
            }
        }
    }
    assert!(out.len() >= 150, "the seed corpus is missing ({} seeds)", out.len());
    out
}

/// The diagnoser's promises on one paste: confidences in 0..1 and ranked;
/// evidence inside the paste, on character boundaries, quoting it (redacted).
pub fn check_diagnosis(paste: &str, d: &Diagnosis) -> Result<(), String> {
    let n_units = paste.encode_utf16().count();
    let mut previous = f32::INFINITY;
    for f in &d.findings {
        if !(0.0..=1.0).contains(&f.confidence) {
            return Err(format!("confidence {} of {} is outside 0..1", f.confidence, f.entry));
        }
        if f.confidence > previous {
            return Err("findings are not sorted by confidence".into());
        }
        previous = f.confidence;
        for e in &f.evidence {
            if !(e.start <= e.end && e.end <= n_units) {
                return Err(format!("evidence {}..{} outside the paste of {n_units} UTF-16 units", e.start, e.end));
            }
            let (start, end) = (text::byte_offset_from_utf16(paste, e.start), text::byte_offset_from_utf16(paste, e.end));
            // A span that splits a surrogate pair would not map back to the same offsets.
            if text::utf16_offset(paste, start) != e.start || text::utf16_offset(paste, end) != e.end {
                return Err(format!("evidence {}..{} splits a character", e.start, e.end));
            }
            let quoted = errlens::redact::redact(text::slice(paste, start, end), &RedactOptions::default()).0;
            if quoted != e.text {
                return Err(format!("evidence text {:?} differs from the paste's {quoted:?} ({})", e.text, e.why));
            }
        }
    }
    Ok(())
}

/// Redaction's promises on one text: sorted, disjoint spans on character
/// boundaries; no found value of 8+ bytes left after masking; a second scan
/// of the masked text finds nothing the masks do not explain.
pub fn check_redaction(input: &str, options: &RedactOptions) -> Result<(), String> {
    let found = find_secrets(input, options);
    for s in &found {
        if !(s.start < s.end && s.end <= input.len() && input.is_char_boundary(s.start) && input.is_char_boundary(s.end)) {
            return Err(format!("bad span {s:?}"));
        }
    }
    if found.windows(2).any(|p| p[0].end > p[1].start) {
        return Err("spans overlap or are unsorted".into());
    }
    let masked = mask(input, &found, &[]);
    for s in &found {
        let value = &input[s.start..s.end];
        // The marks themselves (`[REDACTED:private_key]`) may spell a short value; they are not the value.
        if value.len() >= 8 && count_overlapping(&strip_marks(&masked), value) >= count_overlapping(input, value) {
            return Err(format!("the {} value {value:?} survives masking", s.kind));
        }
    }
    check_rescan(&masked, options)
}

/// A second scan of masked text may find only what a mask explains: a span on
/// a line with a mark, or next to one (a mask can change how its line reads),
/// or a private key whose header lines above it hold a mark (a PEM block reads
/// its header and body together: a mask in a broken header shortens it).
/// Anything else is a secret the first pass missed.
pub fn check_rescan(masked: &str, options: &RedactOptions) -> Result<(), String> {
    let marks = mask_spans(masked);
    let line_of = |at: usize| masked[..at.min(masked.len())].matches('\n').count();
    let marked_lines: Vec<usize> = marks.iter().flat_map(|&(s, e)| line_of(s)..=line_of(e)).collect();
    for again in find_secrets(masked, options) {
        let (first, last) = (line_of(again.start), line_of(again.end));
        let reach = if again.kind == "private_key" { 3 } else { 1 };
        let explained = marked_lines.iter().any(|&l| l + reach >= first && l <= last + 1);
        if !explained {
            return Err(format!("re-scan of the masked text finds a {} at {}..{}: {:?}", again.kind, again.start, again.end, &masked[again.start..again.end]));
        }
    }
    Ok(())
}

/// Search's promises: within its limit, every hit a real entry with a finite score.
pub fn check_search(query: &str, limit: usize, index: &Index, n_entries: usize) -> Result<(), String> {
    let hits = index.search(query, &SearchOptions { limit, integration: None });
    let max = if limit == 0 { 10 } else { limit };
    if hits.len() > max {
        return Err(format!("{} hits for limit {limit}", hits.len()));
    }
    if let Some(h) = hits.iter().find(|h| h.entry_idx >= n_entries || !h.score.is_finite()) {
        return Err(format!("bad hit {h:?}"));
    }
    Ok(())
}

pub fn count_overlapping(hay: &str, needle: &str) -> usize {
    (0..hay.len()).filter(|&i| hay.is_char_boundary(i) && hay[i..].starts_with(needle)).count()
}

/// Masked text with each `[REDACTED:kind]` mark replaced by U+0001.
pub fn strip_marks(masked: &str) -> String {
    let parts: Vec<&str> = masked
        .split("[REDACTED:")
        .enumerate()
        .map(|(i, part)| if i == 0 { part } else { part.split_once(']').map_or("", |(_, rest)| rest) })
        .collect();
    parts.join("\u{1}")
}

/// Byte spans of the `[REDACTED:kind]` marks in masked text.
pub fn mask_spans(masked: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = masked[from..].find("[REDACTED:") {
        let start = from + at;
        let end = masked[start..].find(']').map_or(masked.len(), |n| start + n + 1);
        out.push((start, end));
        from = end;
    }
    out
}
