//! The diagnoser: any pasted text in, a [`Diagnosis`] out.
//!
//! Pipeline: cut to the size limit -> sniff the format -> parse -> extract
//! signals (status, vendor codes, messages, request ids, retry timing) ->
//! match catalogue entries through their `codes` and `patterns` -> rank with a
//! calibrated confidence -> redact. It never fails and never panics: what it
//! could not read goes into `notes`. Evidence offsets in the returned value are
//! UTF-16 code units into the text as pasted. Pure core: no web imports.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::catalogue::{Action, Catalogue, Entry, Kind, Layer};
use crate::redact::{self, RedactOptions};

pub mod classify;
mod curl;
pub mod features;
mod har;
mod html;
mod http;
mod json;
mod log;
mod matching;
mod retry;
pub mod shown;
mod signals;
mod sniff;
mod stack;
mod xml;

pub use matching::Tables;

/// How many findings a diagnosis keeps (the top one and its runner-ups).
pub const MAX_FINDINGS: usize = 5;

/// Pastes longer than this (bytes) are cut to their head and tail, with a note.
pub const MAX_PASTE: usize = 5 * 1024 * 1024;

/// Options of one diagnosis.
#[derive(Clone, Debug, Default)]
pub struct DiagnoseOptions {
    /// The current time, seconds since the Unix epoch, to turn HTTP dates and
    /// epoch resets into a wait in seconds. `None`: such values are ignored.
    pub now_unix_s: Option<i64>,
    /// The host's current integration, used as a provider hint.
    pub integration: Option<String>,
}

/// What was pasted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputInfo {
    /// `http_raw`, `json`, `xml`, `html`, `har`, `curl`, `graphql`, `stack_trace`, `log` or `text`.
    pub format: std::borrow::Cow<'static, str>,
    /// Size of the paste in bytes (UTF-8).
    pub bytes: usize,
    /// True when the paste was cut to the size limit.
    pub truncated: bool,
}

/// A span of the paste that supports a finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Start, UTF-16 code units into the paste.
    pub start: usize,
    /// End (exclusive), UTF-16 code units.
    pub end: usize,
    /// The text of the span (redacted when it holds a secret).
    pub text: String,
    /// Why it counts: "status line", "error code", ...
    pub why: String,
}

/// One candidate explanation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The catalogue entry id.
    pub entry: String,
    /// The entry's title.
    pub title: String,
    /// 0..1; how sure the diagnoser is.
    pub confidence: f32,
    /// Spans of the paste that led here.
    pub evidence: Vec<Evidence>,
    /// What to do now.
    pub action: Action,
    /// The entry's kind.
    pub kind: Kind,
    /// Whose problem it is.
    pub layer: Layer,
}

/// Facts read off the paste.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Signals {
    /// The vendor the paste comes from (`stripe`, `google`, `aws`...).
    pub provider: Option<String>,
    /// Vendor error codes, exception and errno names, in order of appearance.
    pub codes: Vec<String>,
    /// The most telling error message.
    pub message: Option<String>,
    /// The first request id (`x-request-id`, `cf-ray`, Stripe `req_`...).
    pub request_id: Option<String>,
    /// Every request id seen.
    pub request_ids: Vec<String>,
    /// The first timestamp seen.
    pub timestamp: Option<String>,
    /// Method of the failing call.
    pub method: Option<String>,
    /// URL of the failing call (secrets in it redacted).
    pub url: Option<String>,
}

/// How sure a finding is, in the three bands the widget and the ticket both
/// word it with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confidence {
    /// 0.8 and above.
    High,
    /// From 0.5.
    Medium,
    /// Below 0.5.
    Low,
}

impl Confidence {
    /// The band of a finding's confidence (0..1).
    pub fn of(confidence: f32) -> Confidence {
        if confidence >= 0.8 {
            Confidence::High
        } else if confidence >= 0.5 {
            Confidence::Medium
        } else {
            Confidence::Low
        }
    }

    /// `high`, `medium` or `low`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

/// The diagnosis of one paste (the README's "Diagnosis" section).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// What was pasted.
    pub input: InputInfo,
    /// The HTTP status the failing call got, as the paste says.
    pub status: Option<u16>,
    /// What actually went wrong: the top finding's kind, or `unknown`.
    pub kind: Kind,
    /// Whether retrying can succeed; `None` when unknown.
    pub retryable: Option<bool>,
    /// Seconds to wait before retrying, when the paste says.
    pub retry_after_s: Option<u64>,
    /// Ranked, best first.
    pub findings: Vec<Finding>,
    /// Facts read off the paste.
    pub signals: Signals,
    /// The paste with secrets masked.
    pub redacted: String,
    /// What else was noticed, and what could not be read.
    pub notes: Vec<String>,
}

/// Diagnoses `text` against `catalogue`. Never panics; any input gives a Diagnosis.
pub fn diagnose(text: &str, catalogue: &Catalogue, options: &DiagnoseOptions) -> Diagnosis {
    diagnose_in(text, catalogue.entries(), catalogue.matching(), classify::Model::builtin(), options)
}

/// [`diagnose`] with a class model of the caller's (the corpus test learns
/// one per fold, so no paste is read by a model that learned from it).
pub fn diagnose_using(text: &str, catalogue: &Catalogue, model: &classify::Model, options: &DiagnoseOptions) -> Diagnosis {
    diagnose_in(text, catalogue.entries(), catalogue.matching(), model, options)
}

/// [`diagnose`] against any list of entries (the tests use a small one of their own).
#[cfg(test)]
fn diagnose_with(text: &str, entries: &[Entry], options: &DiagnoseOptions) -> Diagnosis {
    diagnose_in(text, entries, &Tables::new(entries), classify::Model::builtin(), options)
}

/// [`diagnose`] against `entries` and their lookup tables.
fn diagnose_in(text: &str, entries: &[Entry], tables: &Tables, model: &classify::Model, options: &DiagnoseOptions) -> Diagnosis {
    let mut notes = Vec::new();
    let (work, cut) = cut_to_limit(text);
    if let Some(cut) = &cut {
        notes.push(format!(
            "The paste is {} bytes; only its first {} and last {} bytes were read (the middle {} bytes were skipped).",
            text.len(),
            cut.head_end,
            text.len() - cut.tail_start,
            cut.tail_start - cut.head_end,
        ));
    }
    let work: &str = &work;
    let lower = work.to_ascii_lowercase();
    let mut found = signals::Collected::default();
    let mut seen = sniff::Seen::default();

    // Structured readers first: they claim method, URL and statuses with the
    // best ranks before the prose readers look.
    let search = json::find_values(work);
    let mut largest_json = 0;
    for v in &search.values {
        largest_json = largest_json.max(v.end - v.start);
        if har::entries(&v.value).is_some() {
            let info = har::scan(&v.value, work, (v.start, v.end), options.now_unix_s, &mut found);
            seen.har = true;
            notes.push(match info.n_failing {
                0 => format!("The HAR holds {} calls and none of them failed; export it again right after the failure.", info.n_entries),
                n => format!("The HAR holds {} calls; {n} of them failed and each was read.", info.n_entries),
            });
        } else {
            if v.relaxed && !notes.iter().any(|n: &String| n.contains("leniently")) {
                notes.push("A JavaScript-object or Python-dict dump was read leniently as JSON.".into());
            }
            // Phrases inside an error body say more than the same words in prose.
            found.adjust.push((v.start, v.end, 1.15));
            seen.graphql |= json::extract(&v.value, work, (v.start, v.end), (v.start, v.end), options.now_unix_s, &mut found);
        }
    }
    if let Some(at) = search.unreadable_at {
        notes.push(format!(
            "The JSON starting at character {} could not be read (cut off or not valid JSON); it was read as plain text.",
            crate::text::utf16_offset(text, original_offset(&cut, at))
        ));
    }
    if search.budget_out {
        notes.push("The paste holds more JSON than the diagnoser reads at once; only the first part was read as JSON.".into());
    }
    seen.json_share = if work.trim().is_empty() { 0.0 } else { largest_json as f32 / work.trim().len() as f32 };
    http::scan(work, &lower, options.now_unix_s, &mut found);
    seen.status_line = found.statuses.iter().any(|s| s.rank == 0);
    seen.curl_trace_lines = curl::scan(work, &mut found);
    seen.curl_exit = found.codes.iter().any(|c| c.code.starts_with("curl-"));
    if work.contains('<') {
        xml::scan(work, &mut found);
        if ["<html", "<title", "<h1", "<body", "<!doctype"].iter().any(|m| lower.contains(m)) {
            html::scan(work, &lower, &mut found);
        }
    }
    let trace = stack::scan(work, &mut found);
    seen.n_exceptions = trace.exceptions.len();
    seen.n_frames = trace.n_frames;
    signals::scan_text(work, &lower, &mut found);
    let lines = log::Lines::read(work);
    seen.n_levelled = lines.n_levelled;
    seen.n_lines = lines.len();
    let format = sniff::format(work, &seen);
    http::drop_smtp_replies(work, &lower, &mut found.statuses);

    // Match and rank against the catalogue.
    let index = matching::Index::new(entries, tables);
    let provisional = choose_status(&found.statuses, None);
    let hits = matching::hits(&index, work, &lower, &found, &lines, provisional);
    let providers = ordered_providers(&found.providers);
    let context = matching::RankContext { status_entry: provisional.and_then(|s| index.by_status(s.code)), providers: &providers };
    let ranked = matching::rank(&index, hits, &context, MAX_FINDINGS);
    let succeeded = !found.statuses.is_empty() && found.statuses.iter().all(|s| s.code < 400);
    // The words are read from the masked paste, so a sealed draft (stored
    // masked) reads exactly as the paste did.
    let redacted = redact::redact(work, &RedactOptions::default()).0;
    let ranked = classify::settle(ranked, work, &redacted, classify::Seen { har: seen.har, succeeded }, entries, tables, model);
    let top_at = ranked.first().and_then(|r| r.hits.first()).map(|h| h.start);
    let status = choose_status(&found.statuses, top_at);
    let top = ranked.first().and_then(|r| entries.get(r.entry));

    // Retry timing: the failing call's own headers first.
    let scope = status.and_then(|s| s.scope);
    let rate_limited = found.quota_exhausted || status.is_some_and(|s| s.code == 429) || top.is_some_and(|e| e.kind == Kind::RateLimit);
    let retry = found
        .retries
        .iter()
        .filter(|r| r.rank < 3 || rate_limited)
        .filter(|r| scope.is_none() || r.scope.is_none() || r.scope == scope)
        .min_by_key(|r| (r.scope != scope, r.rank));
    let retry_after_s = retry.map(|r| r.seconds);
    // The entry says; else a stated wait does; else the class of failure.
    let retryable = match top {
        Some(entry) => entry.retryable.as_option().or(retry_after_s.map(|_| true)).or(entry.kind.retryable()),
        None => retry_after_s.map(|_| true),
    };

    let findings = build_findings(text, work, &cut, entries, &ranked);
    if findings.is_empty() {
        if work.trim().is_empty() {
            notes.push("The paste is empty: paste the error response, the log lines around the failure, or a HAR export.".into());
        } else if looks_binary(work) {
            notes.push("The paste looks like binary data, not text; paste the response body or log as text.".into());
        } else if let Some(code) = status.map(|s| s.code).filter(|_| succeeded) {
            notes.push(format!(
                "Nothing failed here: the response says {code}, a success. Paste the response of the call that failed, or the log lines around the failure."
            ));
        } else if lines.loudest() == Some(log::Level::Warn) {
            notes.push("Only warnings here, no error: a warning alone rarely stops a sync. Paste the lines where the run failed, or the error it ended with.".into());
        } else {
            notes.push("No known error was recognised. Paste the whole response (status line, headers and body), the log lines around the failure, or a HAR export.".into());
        }
    }
    notes.append(&mut found.notes);

    let message = found.messages.iter().min_by_key(|m| m.0).map(|m| m.1.clone());
    let mut codes: Vec<(usize, String)> = found.codes.iter().map(|c| (c.start, c.code.clone())).collect();
    for r in &ranked {
        for h in r.hits.iter().filter(|h| h.why == matching::PROSE_CODE) {
            codes.push((h.start, work.get(h.start..h.end).unwrap_or("").to_string()));
        }
    }
    codes.sort_by_key(|c| c.0);
    let mut unique: Vec<String> = Vec::new();
    for (_, c) in codes {
        if !c.starts_with("x-ratelimit") && !unique.contains(&c) && unique.len() < 20 {
            unique.push(c);
        }
    }
    let redact_one = |s: &str| redact::redact(s, &RedactOptions::default()).0;
    let signals = Signals {
        provider: providers.first().map(|p| p.to_string()).or_else(|| options.integration.clone()),
        codes: unique,
        message: message.map(|m| redact_one(&m)),
        request_id: found.request_ids.first().cloned(),
        request_ids: found.request_ids.clone(),
        timestamp: found.timestamp.clone(),
        method: found.method.clone(),
        url: found.url.as_deref().map(redact_one),
    };
    Diagnosis {
        input: InputInfo { format: format.into(), bytes: text.len(), truncated: cut.is_some() },
        status: status.map(|s| s.code),
        kind: top.map_or(Kind::Unknown, |e| e.kind),
        retryable,
        retry_after_s,
        findings,
        signals,
        redacted,
        notes,
    }
}

/// Where a paste over [`MAX_PASTE`] was cut: bytes `head_end..tail_start` of
/// the original were replaced by a marker line.
struct Cut {
    head_end: usize,
    tail_start: usize,
    marker_len: usize,
}

const CUT_MARKER: &str = "\n[... errlens skipped the middle of this paste ...]\n";

/// The text to read: the paste, or its head and tail when it is too long.
fn cut_to_limit(text: &str) -> (Cow<'_, str>, Option<Cut>) {
    if text.len() <= MAX_PASTE {
        return (Cow::Borrowed(text), None);
    }
    let half = MAX_PASTE / 2;
    let head_end = crate::text::floor_char_boundary(text, half);
    let tail_start = crate::text::ceil_char_boundary(text, text.len() - half);
    let mut work = String::with_capacity(MAX_PASTE + CUT_MARKER.len());
    work.push_str(text.get(..head_end).unwrap_or(""));
    work.push_str(CUT_MARKER);
    work.push_str(text.get(tail_start..).unwrap_or(""));
    (Cow::Owned(work), Some(Cut { head_end, tail_start, marker_len: CUT_MARKER.len() }))
}

/// A byte offset in the text read back to one in the paste.
fn original_offset(cut: &Option<Cut>, at: usize) -> usize {
    match cut {
        Some(c) if at >= c.head_end + c.marker_len => at - c.head_end - c.marker_len + c.tail_start,
        Some(c) if at > c.head_end => c.head_end,
        _ => at,
    }
}

/// The status of the failing call: the most trustworthy kind of source, a
/// failing status before a passing one; within a HAR, the call the top
/// finding's evidence belongs to.
fn choose_status(statuses: &[signals::StatusSig], top_at: Option<usize>) -> Option<&signals::StatusSig> {
    if let Some(at) = top_at {
        if let Some(s) = statuses.iter().find(|s| s.scope.is_some_and(|(a, b)| a <= at && at < b)) {
            return Some(s);
        }
    }
    let best_rank = statuses.iter().map(|s| s.rank).min()?;
    let same: Vec<&signals::StatusSig> = statuses.iter().filter(|s| s.rank == best_rank).collect();
    same.iter().find(|s| s.code >= 400).or(same.last()).copied()
}

/// Providers with the proxies and CDNs last: a Cloudflare page in front of
/// Stripe is still about Stripe.
fn ordered_providers(providers: &[&'static str]) -> Vec<&'static str> {
    const PROXIES: &[&str] = &["cloudflare", "nginx", "apache", "akamai", "varnish", "heroku"];
    let mut out: Vec<&'static str> = providers.iter().copied().filter(|p| !PROXIES.contains(p)).collect();
    out.extend(providers.iter().copied().filter(|p| PROXIES.contains(p)));
    out
}

/// True when the start of the text is mostly control bytes.
fn looks_binary(work: &str) -> bool {
    let head = crate::text::slice(work, 0, 4096);
    let n = head.chars().count().max(1);
    let control = head.chars().filter(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || *c == '\u{fffd}').count();
    control * 10 > n
}

/// Byte offsets into `text` as UTF-16 code units, each moved back to a char
/// boundary first (as [`crate::text::utf16_offsets`] does), in one pass over
/// the bytes: a char takes one unit per byte that is not a continuation
/// byte, two for a four-byte char. Byte counting keeps a 5 MB paste with
/// its evidence at the end a plain loop rather than a walk char by char.
fn utf16_offsets(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
    order.sort_by_key(|&i| byte_offsets.get(i).copied().unwrap_or(0));
    let mut out = vec![0; byte_offsets.len()];
    let (mut at, mut units) = (0usize, 0usize);
    for i in order {
        let target = crate::text::floor_char_boundary(text, byte_offsets.get(i).copied().unwrap_or(0));
        if let Some(run) = bytes.get(at..target) {
            units += run.iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum::<usize>();
            at = target;
        }
        if let Some(slot) = out.get_mut(i) {
            *slot = units;
        }
    }
    out
}

/// Findings with evidence converted to UTF-16 offsets into the paste in one pass.
fn build_findings(text: &str, work: &str, cut: &Option<Cut>, entries: &[Entry], ranked: &[matching::Ranked]) -> Vec<Finding> {
    let mut offsets = Vec::new();
    for r in ranked {
        for h in &r.hits {
            offsets.push(original_offset(cut, h.start));
            offsets.push(original_offset(cut, h.end));
        }
    }
    let units = utf16_offsets(text, &offsets);
    let mut k = 0;
    let mut findings = Vec::new();
    for r in ranked {
        let Some(entry) = entries.get(r.entry) else { continue };
        let mut evidence = Vec::new();
        for h in &r.hits {
            let (start, end) = (units.get(k).copied().unwrap_or(0), units.get(k + 1).copied().unwrap_or(0));
            k += 2;
            let span = crate::text::slice(work, h.start, h.end);
            evidence.push(Evidence {
                start,
                end: end.max(start),
                text: redact::redact(span, &RedactOptions::default()).0,
                why: h.why.to_string(),
            });
        }
        evidence.sort_by_key(|e| e.start);
        findings.push(Finding {
            entry: entry.id.to_string(),
            title: entry.title.to_string(),
            confidence: (r.confidence * 100.0).round() / 100.0,
            evidence,
            action: entry.action,
            kind: entry.kind,
            layer: entry.layer,
        });
    }
    findings
}

#[cfg(test)]
mod tests;
