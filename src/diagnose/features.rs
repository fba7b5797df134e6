//! The words of a paste as the class model reads them: lower-cased words of
//! any script (identifiers split at `_`, `.` and case changes as well as
//! kept whole), their first five letters (a stem that carries across
//! inflections and related languages), adjacent word pairs within a line, and
//! character pairs of Chinese, Japanese and Korean runs, which are written
//! without spaces. Each
//! feature counts once per text, so a log repeating a line a thousand times
//! says it once.
//!
//! This file is also compiled into `build.rs` (through `#[path]`), which
//! learns the model's weights from the same features: it must stay free of
//! any import beyond `std`.

use std::collections::HashSet;

/// Bytes of a paste read for features: the head and the tail of a longer
/// paste (the failure is usually at one end of a log).
pub const READ: usize = 12 * 1024;

/// Words every class of failure uses: alone or paired they name none, so
/// they are no features (the issue of a paste is never "error" or "sync").
const GENERIC: &[&str] = &[
    "error", "errors", "failed", "failure", "fail", "fails", "failing", "sync", "syncing", "synced", "syncs", "load", "loading", "loaded",
    "loads", "exception", "issue", "problem", "job", "task", "run", "running", "the", "a", "an", "to", "of", "in", "on", "at", "is", "was",
    "while", "with", "for", "and", "or", "this", "that", "it",
];

/// Letters of a word's crude stem (chosen on the development part).
const STEM: usize = 5;

/// Longest word kept (longer runs are ids, hashes or base64).
const LONGEST: usize = 40;

/// True for the scripts written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF // Han
        | 0xAC00..=0xD7AF // Hangul
    )
}

/// A word worth a feature: not a number other than a short code (a status,
/// a socket error), not an id-like run of letters and digits.
fn keep(word: &str) -> bool {
    let n = word.chars().count();
    if !(2..=LONGEST).contains(&n) {
        return false;
    }
    let digits = word.bytes().filter(u8::is_ascii_digit).count();
    if digits == word.len() {
        return (3..=5).contains(&n);
    }
    // Hex ids, uuids' parts, base64: many digits among letters.
    !(digits >= 3 && digits * 4 >= n)
}

/// The parts of an identifier at case changes: `SocketTimeoutException` ->
/// socket, timeout, exception. Only for ASCII words that change case.
fn camel_parts(word: &str) -> Vec<String> {
    let bytes = word.as_bytes();
    if !word.is_ascii() || !bytes.iter().any(u8::is_ascii_lowercase) || !bytes.iter().skip(1).any(u8::is_ascii_uppercase) {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..bytes.len() {
        let (prev, here) = (bytes[i - 1], bytes[i]);
        let next_lower = bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase);
        if here.is_ascii_uppercase() && (prev.is_ascii_lowercase() || prev.is_ascii_digit() || (prev.is_ascii_uppercase() && next_lower)) {
            parts.push(word[start..i].to_ascii_lowercase());
            start = i;
        }
    }
    parts.push(word[start..].to_ascii_lowercase());
    parts
}

/// The features of `text`, each once.
pub fn features(text: &str) -> HashSet<String> {
    features_of(read_parts(text))
}

/// The features of texts already cut to what is read, each once.
pub fn features_of<'t>(parts: impl IntoIterator<Item = &'t str>) -> HashSet<String> {
    let mut out = HashSet::new();
    for part in parts {
        read(part, &mut out);
    }
    out
}

/// The parts of `text` the features are read from: all of it, or its head
/// and tail of [`READ`] bytes each.
pub fn read_parts(text: &str) -> Vec<&str> {
    if text.len() <= 2 * READ {
        return vec![text];
    }
    let mut head = READ;
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = text.len() - READ;
    while !text.is_char_boundary(tail) {
        tail += 1;
    }
    vec![&text[..head], &text[tail..]]
}

/// How a masked secret reads (`redact::MASK_OPEN`): its words are ours, not
/// the paste's, and must weigh the same as the secret they replace.
const MASK_OPEN: &str = "[REDACTED:";

fn read(text: &str, out: &mut HashSet<String>) {
    for line in text.lines() {
        let unmasked;
        let line = if line.contains(MASK_OPEN) {
            unmasked = without_masks(line);
            unmasked.as_str()
        } else {
            line
        };
        let mut previous: Option<String> = None;
        let mut word = String::new();
        let mut cjk = String::new();
        for c in line.chars().chain(std::iter::once(' ')) {
            if is_cjk(c) {
                flush_word(&mut word, &mut previous, out);
                cjk.push(c);
                continue;
            }
            flush_cjk(&mut cjk, out);
            if c.is_alphanumeric() {
                word.push(c);
            } else {
                flush_word(&mut word, &mut previous, out);
                // A pair never spans a sentence or a field.
                if !matches!(c, ' ' | '\t' | '_' | '-' | '\'' | '"') {
                    previous = None;
                }
            }
        }
    }
}

/// The line with every `[REDACTED:<kind>]` blanked.
fn without_masks(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(MASK_OPEN) {
        out.push_str(&rest[..at]);
        out.push(' ');
        let after = &rest[at..];
        rest = after.find(']').map_or("", |end| &after[end + 1..]);
    }
    out.push_str(rest);
    out
}

fn flush_word(word: &mut String, previous: &mut Option<String>, out: &mut HashSet<String>) {
    if word.is_empty() {
        return;
    }
    let written = std::mem::take(word);
    let lower = written.to_lowercase();
    if !keep(&lower) {
        *previous = None;
        return;
    }
    if GENERIC.contains(&lower.as_str()) {
        *previous = None;
        return;
    }
    let parts = camel_parts(&written);
    if parts.len() > 1 {
        for part in parts.iter().filter(|p| keep(p)) {
            out.insert(part.clone());
        }
    }
    // A crude stem that carries across languages and inflections:
    // refused / refusal / refusée, expired / expirado, recusada / recusou.
    if lower.chars().count() > STEM && lower.chars().all(char::is_alphabetic) {
        out.insert(format!("{}~", lower.chars().take(STEM).collect::<String>()));
    }
    if let Some(prev) = previous.take() {
        out.insert(format!("{prev} {lower}"));
    }
    out.insert(lower.clone());
    *previous = Some(lower);
}

fn flush_cjk(run: &mut String, out: &mut HashSet<String>) {
    if run.is_empty() {
        return;
    }
    let chars: Vec<char> = std::mem::take(run).chars().collect();
    if chars.len() == 1 {
        out.insert(chars[0].to_string());
    }
    for pair in chars.windows(2) {
        out.insert(pair.iter().collect());
    }
}

/// One training text: its features, its class (an index into the classes)
/// and how much it counts.
pub struct Doc {
    pub features: HashSet<String>,
    pub class: usize,
    pub weight: f32,
}

/// How the built-in model is learned (chosen on the development part).
pub const LEARNING: Learning = Learning { epochs: 20, rate: 0.5, l2: 1e-3, min_docs: 2, min_weight: 1.0 };

/// How much a catalogue entry's cue text counts against one real paste.
pub const ENTRY_WEIGHT: f32 = 1.0;

/// How the weights are learned.
pub struct Learning {
    /// Passes over the training texts.
    pub epochs: usize,
    /// AdaGrad's base step.
    pub rate: f32,
    /// L2 penalty on every weight.
    pub l2: f32,
    /// A feature must occur in at least this many training texts.
    pub min_docs: usize,
    /// Weights smaller than this are dropped: they cannot decide.
    pub min_weight: f32,
}

/// Learns a multinomial logistic regression over features counted once per
/// text, a text's features scaled by one over the square root of their
/// number (so a long log is not more certain than a short message): one
/// weight per (feature, class). A word every class uses (load, failed,
/// error, sync) ends up weighing nothing and cannot decide on its own.
/// Trained with AdaGrad and an L2 penalty, in a fixed order: the result is
/// deterministic, sorted by feature.
pub fn learn(docs: &[Doc], n_classes: usize, how: &Learning) -> Vec<(String, Vec<(u8, f32)>)> {
    let k = n_classes;
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for doc in docs {
        for f in &doc.features {
            *seen.entry(f.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<&str> = seen.iter().filter(|(_, n)| **n >= how.min_docs).map(|(f, _)| *f).collect();
    names.sort_unstable();
    let index: std::collections::HashMap<&str, usize> = names.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let rows: Vec<Vec<usize>> = docs
        .iter()
        .map(|d| {
            let mut row: Vec<usize> = d.features.iter().filter_map(|f| index.get(f.as_str()).copied()).collect();
            row.sort_unstable();
            row
        })
        .collect();
    let mut w = vec![0f32; names.len() * k];
    let mut squares = vec![1e-8f32; names.len() * k];
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut z = vec![0f32; k];
    for _ in 0..how.epochs {
        for i in (1..order.len()).rev() {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        for &i in &order {
            let (Some(row), Some(doc)) = (rows.get(i), docs.get(i)) else { continue };
            if row.is_empty() {
                continue;
            }
            let norm = 1.0 / (row.len() as f32).sqrt();
            z.iter_mut().for_each(|v| *v = 0.0);
            for &f in row {
                for (c, v) in z.iter_mut().enumerate() {
                    *v += w[f * k + c] * norm;
                }
            }
            let top = z.iter().copied().fold(f32::MIN, f32::max);
            let sum: f32 = z.iter().map(|v| (v - top).exp()).sum();
            for (c, zc) in z.iter().enumerate() {
                let p = (zc - top).exp() / sum;
                let g = (p - if c == doc.class { 1.0 } else { 0.0 }) * doc.weight;
                for &f in row {
                    let at = f * k + c;
                    let grad = g * norm + how.l2 * w[at];
                    squares[at] += grad * grad;
                    w[at] -= how.rate * grad / squares[at].sqrt();
                }
            }
        }
    }
    names
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let weights: Vec<(u8, f32)> =
                (0..k).map(|c| (c as u8, w[i * k + c])).filter(|(_, v)| v.abs() >= how.min_weight).collect();
            (!weights.is_empty()).then(|| (f.to_string(), weights))
        })
        .collect()
}
