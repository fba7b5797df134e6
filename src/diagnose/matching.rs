//! Matching and ranking: signals to catalogue entries, through the entries'
//! own data (`codes`: exact tokens, `patterns`: lower-case phrases), never
//! through a list of vendor names in code.
//!
//! One index is built per call from the catalogue (codes in a hash map,
//! patterns keyed by their first bytes), then the text is read once for
//! identifier-like tokens and once for phrases, both at word starts. Each hit
//! carries a weight from where it was found (a code in a body field outweighs
//! a status line, which outweighs a phrase in a log line); an entry's
//! confidence is its best hit plus small bonuses, calibrated so a status line
//! alone is about 0.75-0.8 and a vendor code agreeing with its status is 0.9+.

use std::collections::HashMap;

use crate::catalogue::{Entry, Kind};

use super::log::Lines;
use super::signals::{Collected, StatusSig};

/// Why a code found as a word of the prose counts.
pub const PROSE_CODE: &str = "error code in the text";

/// One reason to believe an entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index of the entry in the catalogue.
    pub entry: usize,
    /// 0..1.
    pub weight: f32,
    /// Byte span of the evidence.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// Why it counts.
    pub why: &'static str,
    /// True for exact codes and statuses; false for phrases.
    pub exact: bool,
    /// True when the hit is an HTTP status (which the body's words may overrule).
    pub status: bool,
}

/// An entry with its confidence and best evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// Index of the entry in the catalogue.
    pub entry: usize,
    /// 0..1.
    pub confidence: f32,
    /// Up to three distinct hits, best first.
    pub hits: Vec<Hit>,
}

/// Lookup tables built from a catalogue's codes and patterns. They own their
/// keys, so a [`crate::catalogue::Catalogue`] keeps them with its entries and
/// they are built once per catalogue, not once per diagnosis.
pub struct Tables {
    codes: HashMap<String, Vec<(usize, Box<str>)>>,
    patterns: HashMap<u32, Vec<(Box<str>, usize)>>,
    short_patterns: bool,
    /// First two bytes (lower case) of every code, then of every pattern of
    /// two bytes or more, and the first byte of one-byte patterns: a hash
    /// look-up at every word of a long paste cost more than the rest of the
    /// matching, and these tables turn almost all of them away first.
    code_pairs: PairSet,
    pattern_pairs: PairSet,
    pattern_singles: [bool; 256],
    /// Each entry's cue features, to pick the entry within a class the words
    /// decided; read on the first paste that needs them, not before.
    cues: std::sync::OnceLock<Cues>,
}

/// Each entry's cue features ([`Entry::cue_text`]) and in how many entries'
/// cues each feature occurs.
pub struct Cues {
    pub per_entry: Vec<std::collections::HashSet<String>>,
    pub entries_with: HashMap<String, u32>,
}

impl std::fmt::Debug for Tables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tables").field("codes", &self.codes.len()).field("patterns", &self.patterns.len()).finish()
    }
}

/// The entries with their tables: what matching reads.
pub struct Index<'c> {
    entries: &'c [Entry],
    tables: &'c Tables,
}

/// A set of byte pairs, one bit each (8 KB).
struct PairSet(Vec<u64>);

impl PairSet {
    fn new() -> PairSet {
        PairSet(vec![0; 1024])
    }

    fn slot(a: u8, b: u8) -> (usize, u64) {
        let k = usize::from(a) << 8 | usize::from(b);
        (k >> 6, 1u64 << (k & 63))
    }

    fn insert(&mut self, bytes: &[u8]) {
        if let [a, b, ..] = bytes {
            let (i, bit) = PairSet::slot(*a, *b);
            if let Some(w) = self.0.get_mut(i) {
                *w |= bit;
            }
        }
    }

    /// True when the first two bytes of `bytes` may start a member.
    fn may_start(&self, bytes: &[u8]) -> bool {
        match bytes {
            [a, b, ..] => {
                let (i, bit) = PairSet::slot(*a, *b);
                self.0.get(i).is_some_and(|w| w & bit != 0)
            }
            _ => false,
        }
    }
}

fn key(bytes: &[u8]) -> u32 {
    let n = bytes.len().min(3);
    let mut k = (n as u32) << 24;
    for (i, b) in bytes.iter().take(3).enumerate() {
        k |= u32::from(*b) << (16 - 8 * i);
    }
    k
}

impl Tables {
    /// Indexes the codes and patterns of `entries`.
    pub fn new(entries: &[Entry]) -> Tables {
        let mut codes: HashMap<String, Vec<(usize, Box<str>)>> = HashMap::new();
        let mut patterns: HashMap<u32, Vec<(Box<str>, usize)>> = HashMap::new();
        let mut short_patterns = false;
        let (mut code_pairs, mut pattern_pairs, mut pattern_singles) = (PairSet::new(), PairSet::new(), [false; 256]);
        for (i, entry) in entries.iter().enumerate() {
            for code in entry.codes.iter() {
                let lower = code.to_ascii_lowercase();
                code_pairs.insert(lower.as_bytes());
                codes.entry(lower).or_default().push((i, code.as_ref().into()));
            }
            for pattern in entry.patterns.iter() {
                let p: &str = pattern.as_ref();
                if p.len() < 3 {
                    short_patterns = true;
                }
                match p.as_bytes() {
                    [] => {}
                    [one] => pattern_singles[usize::from(*one)] = true,
                    more => pattern_pairs.insert(more),
                }
                if !p.is_empty() {
                    patterns.entry(key(p.as_bytes())).or_default().push((p.into(), i));
                }
            }
        }
        Tables { codes, patterns, short_patterns, code_pairs, pattern_pairs, pattern_singles, cues: std::sync::OnceLock::new() }
    }

    /// The cue features of `entries` (the ones these tables were built from).
    pub fn cues(&self, entries: &[Entry]) -> &Cues {
        self.cues.get_or_init(|| {
            let per_entry: Vec<std::collections::HashSet<String>> = entries.iter().map(|e| super::features::features(&e.cue_text())).collect();
            let mut entries_with: HashMap<String, u32> = HashMap::new();
            for f in per_entry.iter().flatten() {
                *entries_with.entry(f.clone()).or_default() += 1;
            }
            Cues { per_entry, entries_with }
        })
    }
}

impl<'c> Index<'c> {
    /// `entries` with the tables built from them by [`Tables::new`].
    pub fn new(entries: &'c [Entry], tables: &'c Tables) -> Index<'c> {
        Index { entries, tables }
    }

    /// The entries claiming `code` (ASCII case-insensitive).
    pub fn by_code(&self, code: &str) -> &'c [(usize, Box<str>)] {
        self.tables.codes.get(&code.to_ascii_lowercase()).map_or(&[], Vec::as_slice)
    }

    /// As [`Index::by_code`] for a code already in lower case (no allocation).
    fn by_lower(&self, lower_code: &str) -> &'c [(usize, Box<str>)] {
        self.tables.codes.get(lower_code).map_or(&[], Vec::as_slice)
    }

    /// The entry of an HTTP status: `http-<code>`, else one claiming the
    /// code, else the entry for non-standard codes.
    pub fn by_status(&self, code: u16) -> Option<usize> {
        let id = format!("http-{code}");
        if let Some(i) = self.entries.iter().position(|e| e.id == id) {
            return Some(i);
        }
        if let Some(&(i, _)) = self.by_code(&code.to_string()).first() {
            return Some(i);
        }
        const NONSTANDARD: &[&str] = &["http-nonstandard", "http-non-standard", "http-other", "http-unknown-status", "http-nonstandard-code"];
        self.entries.iter().position(|e| NONSTANDARD.contains(&e.id.as_ref()))
    }
}

/// Factor of the adjusted span holding `at` (root cause line, frames...), 1 elsewhere.
fn adjust_at(adjust: &[(usize, usize, f32)], at: usize) -> f32 {
    let i = adjust.partition_point(|a| a.0 <= at);
    match i.checked_sub(1).and_then(|j| adjust.get(j)) {
        Some(&(s, e, f)) if s <= at && at < e => f,
        _ => 1.0,
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Collects every hit: statuses, structured codes, tokens and phrases.
pub fn hits(index: &Index<'_>, text_in: &str, lower: &str, found: &Collected, lines: &Lines, chosen: Option<&StatusSig>) -> Vec<Hit> {
    let mut adjust = found.adjust.clone();
    adjust.sort_by_key(|a| a.0);
    let factor = |at: usize| (lines.level_at(at).factor() * adjust_at(&adjust, at)).min(1.15);
    let mut out = Vec::new();
    for s in &found.statuses {
        if s.code < 400 {
            continue;
        }
        let Some(entry) = index.by_status(s.code) else { continue };
        let base = match s.rank {
            0 | 1 => 0.78,
            2 | 3 => 0.74,
            _ => 0.62 * lines.level_at(s.start).factor().min(1.05),
        };
        let is_chosen = chosen.is_some_and(|c| c.start == s.start && c.code == s.code);
        let weight = if is_chosen { base } else { base * 0.92 };
        out.push(Hit { entry, weight, start: s.start, end: s.end, why: s.why, exact: true, status: true });
    }
    let mut structured: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for c in &found.codes {
        let lc = c.code.to_ascii_lowercase();
        for &(entry, _) in index.by_code(&c.code) {
            let f = adjust_at(&adjust, c.start).clamp(0.8, 1.0);
            out.push(Hit { entry, weight: c.weight * f, start: c.start, end: c.end, why: c.why, exact: true, status: false });
        }
        structured.entry(lc).or_default().push((c.start, c.end));
    }
    tokens(index, text_in, lower, &structured, &factor, &mut out);
    phrases(index, lower, &factor, &mut out);
    out
}

/// Identifier-like tokens (`ECONNRESET`, `invalid_grant`, `ORA-12154`,
/// `java.net.SocketTimeoutException` and its last part) that are catalogue codes.
fn tokens(index: &Index<'_>, text_in: &str, lower: &str, structured: &HashMap<String, Vec<(usize, usize)>>, factor: &dyn Fn(usize) -> f32, out: &mut Vec<Hit>) {
    let bytes = text_in.as_bytes();
    let mut i = 0;
    let mut n_hits = 0;
    while i < bytes.len() {
        if !is_ident_byte(bytes[i]) {
            i += 1;
            continue;
        }
        // A compound token: identifier runs joined by '.', '-', ':' or '#'.
        let start = i;
        let mut end = i;
        let mut parts: [(usize, usize); 8] = [(0, 0); 8];
        let mut n_parts = 0;
        loop {
            let part_start = end;
            while end < bytes.len() && is_ident_byte(bytes[end]) {
                end += 1;
            }
            if n_parts < parts.len() {
                parts[n_parts] = (part_start, end);
                n_parts += 1;
            }
            let joined = end + 1 < bytes.len() && matches!(bytes[end], b'.' | b'-' | b':' | b'#') && is_ident_byte(bytes[end + 1]);
            if !joined || end - start > 200 {
                break;
            }
            end += 1;
        }
        i = end.max(start + 1);
        let check = |s: usize, e: usize, out: &mut Vec<Hit>| {
            let Some(lower_token) = lower.get(s..e) else { return };
            if lower_token.len() < 3 || !index.tables.code_pairs.may_start(lower_token.as_bytes()) || lower_token.bytes().all(|b| b.is_ascii_digit()) {
                return;
            }
            let claims = index.by_lower(lower_token);
            if claims.is_empty() {
                return;
            }
            if structured.get(lower_token).is_some_and(|spans| spans.iter().any(|&(a, b)| a <= s && e <= b)) {
                return;
            }
            let written = text_in.get(s..e).unwrap_or("");
            let identifier = written.contains(['_', '.', '-', ':'])
                || (written.len() >= 4 && written.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
                || written.bytes().skip(1).any(|b| b.is_ascii_uppercase());
            for (entry, code) in claims {
                let entry = *entry;
                let weight = if identifier && &**code == written { 0.76 } else if identifier { 0.62 } else { 0.5 };
                out.push(Hit { entry, weight: weight * factor(s), start: s, end: e, why: PROSE_CODE, exact: true, status: false });
            }
        };
        if n_hits < 2000 {
            let before = out.len();
            check(start, end, out);
            if n_parts > 1 {
                for &(s, e) in parts.iter().take(n_parts) {
                    check(s, e, out);
                }
            }
            n_hits += out.len() - before;
        }
    }
}

/// Catalogue phrases, at word starts of the lower-cased text.
fn phrases(index: &Index<'_>, lower: &str, factor: &dyn Fn(usize) -> f32, out: &mut Vec<Hit>) {
    if index.tables.patterns.is_empty() {
        return;
    }
    let bytes = lower.as_bytes();
    let mut per_entry: HashMap<usize, usize> = HashMap::new();
    for p in 0..bytes.len() {
        let at_word_start = p == 0 || !bytes[p - 1].is_ascii_alphanumeric() || !bytes[p].is_ascii_alphanumeric();
        if !at_word_start {
            continue;
        }
        let rest = &bytes[p..];
        let single = index.tables.pattern_singles[usize::from(bytes[p])];
        if !single && !index.tables.pattern_pairs.may_start(rest) {
            continue;
        }
        let lens: &[usize] = if index.tables.short_patterns { &[3, 2, 1] } else { &[3] };
        for &n in lens {
            if rest.len() < n {
                continue;
            }
            let Some(candidates) = index.tables.patterns.get(&key(&rest[..n])) else { continue };
            for (pattern, entry) in candidates {
                let entry = *entry;
                if rest.starts_with(pattern.as_bytes()) {
                    let count = per_entry.entry(entry).or_default();
                    *count += 1;
                    if *count > 64 {
                        continue;
                    }
                    let weight = (0.45 + 0.015 * pattern.len() as f32).min(0.72) * factor(p);
                    out.push(Hit { entry, weight, start: p, end: p + pattern.len(), why: "telling phrase", exact: false, status: false });
                }
            }
        }
    }
}

/// Context the ranking needs beyond the hits.
pub struct RankContext<'a> {
    /// The status the paste shows, if any.
    pub status_entry: Option<usize>,
    /// Providers detected, most specific first.
    pub providers: &'a [&'static str],
}

/// Ranks entries by confidence, best first, at most `limit`.
pub fn rank(index: &Index<'_>, mut hits: Vec<Hit>, context: &RankContext<'_>, limit: usize) -> Vec<Ranked> {
    hits.sort_by(|a, b| a.entry.cmp(&b.entry).then(b.weight.total_cmp(&a.weight)).then(a.start.cmp(&b.start)));
    let mut ranked = Vec::new();
    let mut i = 0;
    while i < hits.len() {
        let entry_idx = hits[i].entry;
        let mut j = i;
        let mut taken: Vec<Hit> = Vec::new();
        let mut n_distinct: usize = 0;
        while j < hits.len() && hits[j].entry == entry_idx {
            let h = &hits[j];
            if !taken.iter().any(|t| t.start < h.end && h.start < t.end) {
                n_distinct += 1;
                if taken.len() < 3 {
                    taken.push(h.clone());
                }
            }
            j += 1;
        }
        i = j;
        let Some(entry) = index.entries.get(entry_idx) else { continue };
        let best = taken.first().map_or(0.0, |h| h.weight);
        let mut confidence = best + 0.04 * (n_distinct.saturating_sub(1).min(2) as f32);
        let exact = taken.iter().any(|h| h.exact);
        if let Some(status_entry) = context.status_entry.and_then(|s| index.entries.get(s)) {
            if Some(entry_idx) != context.status_entry && status_entry.kind == entry.kind && exact {
                confidence += 0.05;
            }
        }
        if !entry.providers.is_empty() {
            let matches = entry.providers.iter().any(|p| context.providers.contains(&p.as_ref()));
            if matches {
                confidence += 0.03;
            } else if !context.providers.is_empty() {
                confidence -= 0.12;
            } else if !exact {
                confidence *= 0.85;
            }
        }
        if entry.kind == Kind::Unknown {
            confidence *= 0.6;
        }
        let confidence = confidence.clamp(0.0, 0.97);
        if confidence >= 0.3 {
            ranked.push(Ranked { entry: entry_idx, confidence, hits: taken });
        }
    }
    let order = |a: &Ranked, b: &Ranked| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(b.hits.iter().any(|h| h.exact).cmp(&a.hits.iter().any(|h| h.exact)))
            .then(a.entry.cmp(&b.entry))
    };
    ranked.sort_by(order);
    // A status contradicted by a stronger body finding of another kind is
    // shown a little less sure, so the runner-up reads as such.
    if let (Some(top), Some(status_entry)) = (ranked.first().cloned(), context.status_entry) {
        let top_kind = index.entries.get(top.entry).map(|e| e.kind);
        if top.entry != status_entry && top_kind != index.entries.get(status_entry).map(|e| e.kind) {
            for r in ranked.iter_mut().filter(|r| r.entry == status_entry) {
                r.confidence = (r.confidence * 0.9).min(top.confidence - 0.01).max(0.3);
            }
            // The lowered status entry may now rank below others: findings
            // are promised best first (the fuzzer found them out of order).
            // The top stays where it is (it is at least 0.3, the floor here).
            if let Some(rest) = ranked.get_mut(1..) {
                rest.sort_by(order);
            }
        }
    }
    ranked.truncate(limit);
    ranked
}
