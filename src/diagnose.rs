//! The diagnoser: any pasted text in, a [`Diagnosis`] out.
//!
//! Pipeline: cut to the size limit -> sniff the format -> parse -> extract
//! signals (status, vendor codes, messages, request ids, retry timing) ->
//! match catalogue entries through their `codes` and `patterns` -> rank with a
//! calibrated confidence -> redact. It never fails and never panics: what it
//! could not read goes into `notes`. Evidence offsets in the returned value are
//! UTF-16 code units into the text as pasted. Pure core: no web imports.

use serde::Serialize;

use crate::catalogue::{Action, Catalogue, Kind, Layer};
use crate::redact::{self, RedactOptions};

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
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputInfo {
    /// `http_raw`, `json`, `xml`, `html`, `har`, `curl`, `graphql`, `stack_trace`, `log` or `text`.
    pub format: &'static str,
    /// Size of the paste in bytes (UTF-8).
    pub bytes: usize,
    /// True when the paste was cut to the size limit.
    pub truncated: bool,
}

/// A span of the paste that supports a finding.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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

/// The diagnosis of one paste (PRODUCT.md, "Diagnosis").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnosis {
    pub input: InputInfo,
    /// The HTTP status the failing call got, as the paste says.
    pub status: Option<u16>,
    /// What actually went wrong: the top finding's kind, or `unknown`.
    pub kind: Kind,
    pub retryable: Option<bool>,
    pub retry_after_s: Option<u64>,
    /// Ranked, best first.
    pub findings: Vec<Finding>,
    pub signals: Signals,
    /// The paste with secrets masked.
    pub redacted: String,
    /// What else was noticed, and what could not be read.
    pub notes: Vec<String>,
}

/// Diagnoses `text` against `catalogue`. Never panics; any input gives a Diagnosis.
pub fn diagnose(text: &str, catalogue: &Catalogue, options: &DiagnoseOptions) -> Diagnosis {
    let _ = options;
    let mut notes = Vec::new();
    let (text, truncated) = if text.len() > MAX_PASTE {
        notes.push(format!("The paste is {} bytes; only the first {} were read.", text.len(), MAX_PASTE));
        (crate::text::slice(text, 0, MAX_PASTE), true)
    } else {
        (text, false)
    };
    let status = status_line(text);
    let mut findings = Vec::new();
    if let Some((code, start, end)) = status {
        if let Some(entry) = catalogue.get(&format!("http-{code}")) {
            findings.push(Finding {
                entry: entry.id.to_string(),
                title: entry.title.to_string(),
                confidence: 0.9,
                evidence: vec![Evidence {
                    start: crate::text::utf16_offset(text, start),
                    end: crate::text::utf16_offset(text, end),
                    text: text[start..end].to_string(),
                    why: "status line".into(),
                }],
                action: entry.action,
                kind: entry.kind,
                layer: entry.layer,
            });
        }
    }
    let retry_after_s = header(text, "retry-after").and_then(|v| v.trim().parse().ok());
    let top = findings.first().and_then(|f| catalogue.get(&f.entry));
    if text.trim().is_empty() {
        notes.push("The paste is empty: paste the error response, log lines or a HAR file.".into());
    }
    Diagnosis {
        input: InputInfo { format: if status.is_some() { "http_raw" } else { "text" }, bytes: text.len(), truncated },
        status: status.map(|s| s.0),
        kind: top.map_or(Kind::Unknown, |e| e.kind),
        retryable: top.and_then(|e| e.retryable.as_option()),
        retry_after_s,
        findings,
        signals: Signals::default(),
        redacted: redact::redact(text, &RedactOptions::default()).0,
        notes,
    }
}

/// `HTTP/1.1 429 Too Many Requests` at the start of a line: the code and its span.
fn status_line(text: &str) -> Option<(u16, usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if let Some(rest) = trimmed.strip_prefix("HTTP/") {
            let mut parts = rest.splitn(2, ' ');
            let _version = parts.next();
            if let Some(tail) = parts.next() {
                if let Ok(code) = tail.get(..3).unwrap_or("").parse::<u16>() {
                    return Some((code, offset, offset + trimmed.len()));
                }
            }
        }
        offset += line.len();
    }
    None
}

/// The value of the first header named `name` (lower case).
fn header<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then_some(value.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_status_and_retry_after() {
        let d = diagnose("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\n\r\n", &Catalogue::builtin(), &DiagnoseOptions::default());
        assert_eq!(d.status, Some(429));
        assert_eq!(d.kind, Kind::RateLimit);
        assert_eq!(d.retry_after_s, Some(30));
    }
}
