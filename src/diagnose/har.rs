//! HAR exports (the browser's "Save all as HAR"): every failing entry (status
//! 400 and above, or 0 with a network error) gives a status scoped to that
//! entry's part of the file, its retry and request-id headers, and the
//! signals of its response body.
//!
//! Works on the already parsed value; the byte regions of entries are found
//! by their `"request"` keys, which a HAR writes once per entry (bodies are
//! escaped strings, so they cannot fake one). Never panics.

use serde_json::Value;

use super::http::{self, Header};
use super::json;
use super::signals::{find_between, Collected, StatusSig};

/// What was read from a HAR.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Info {
    /// How many entries the HAR holds.
    pub n_entries: usize,
    /// How many of them failed.
    pub n_failing: usize,
}

/// The entries of a HAR value, when it is one.
pub fn entries(value: &Value) -> Option<&Vec<Value>> {
    value.get("log")?.get("entries")?.as_array()
}

/// Byte offsets of each `"request":` key in `text_in[from..to]`.
fn request_keys(text_in: &str, from: usize, to: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = from;
    while let Some(i) = find_between(text_in, "\"request\"", at, to) {
        let after = text_in.get(i + 9..).unwrap_or("").trim_start();
        if after.starts_with(':') {
            out.push(i);
        }
        at = i + 9;
    }
    out
}

/// Reads every failing entry of the HAR at `span` into `found`.
pub fn scan(value: &Value, text_in: &str, span: (usize, usize), now_unix_s: Option<i64>, found: &mut Collected) -> Info {
    let Some(items) = entries(value) else { return Info::default() };
    let starts = request_keys(text_in, span.0, span.1);
    let mut info = Info { n_entries: items.len(), n_failing: 0 };
    for (i, entry) in items.iter().enumerate().take(2000) {
        let response = entry.get("response");
        let status = response.and_then(|r| r.get("status")).and_then(Value::as_u64).unwrap_or(0);
        let net_error = response
            .and_then(|r| r.get("_error"))
            .or_else(|| entry.get("_error"))
            .and_then(Value::as_str)
            .filter(|e| !e.is_empty());
        if status < 400 && !(status == 0 && net_error.is_some()) {
            continue;
        }
        info.n_failing += 1;
        let region_start = starts.get(i).copied().unwrap_or(span.0);
        let region_end = starts.get(i + 1).copied().unwrap_or(span.1);
        let scope = (region_start, region_end);
        if info.n_failing == 1 {
            let request = entry.get("request");
            found.method = request.and_then(|r| r.get("method")).and_then(Value::as_str).map(str::to_string).or(found.method.take());
            found.url = request.and_then(|r| r.get("url")).and_then(Value::as_str).map(str::to_string).or(found.url.take());
        }
        if let Some(url) = entry.get("request").and_then(|r| r.get("url")).and_then(Value::as_str) {
            if let Some(p) = super::signals::host_of(url).and_then(super::signals::provider_of_host) {
                found.provider(p);
            }
        }
        if let Some(code) = u16::try_from(status).ok().filter(|c| (100..=599).contains(c)) {
            let response_at = find_between(text_in, "\"response\"", region_start, region_end).unwrap_or(region_start);
            let status_at = find_between(text_in, "\"status\"", response_at, region_end);
            let (start, end) = match status_at {
                Some(at) => {
                    let digits = find_between(text_in, &code.to_string(), at, region_end).unwrap_or(at);
                    (at, digits + 3)
                }
                None => (region_start, region_start + 1),
            };
            found.statuses.push(StatusSig { code, start, end, rank: 1, why: "failing call in the HAR", scope: Some(scope) });
        }
        if let Some(error) = net_error {
            if let Some(at) = find_between(text_in, error, region_start, region_end) {
                found.code(error, at, at + error.len(), 0.88, "network error in the HAR");
                if let Some((_, short)) = error.split_once("::") {
                    found.code(short, at + error.len() - short.len(), at + error.len(), 0.88, "network error in the HAR");
                }
            }
        }
        let headers: Vec<Header<'_>> = response
            .and_then(|r| r.get("headers"))
            .and_then(Value::as_array)
            .map(|hs| {
                hs.iter()
                    .filter_map(|h| {
                        let name = h.get("name")?.as_str()?;
                        let value = h.get("value")?.as_str()?;
                        let at = find_between(text_in, name, region_start, region_end)?;
                        let end = find_between(text_in, value, at, region_end).map_or(at + name.len(), |v| v + value.len());
                        Some(Header { name: name.to_ascii_lowercase(), value, line: (at, end) })
                    })
                    .collect()
            })
            .unwrap_or_default();
        http::apply_headers(&headers, now_unix_s, found, Some(scope));
        let content = response.and_then(|r| r.get("content"));
        let encoding = content.and_then(|c| c.get("encoding")).and_then(Value::as_str);
        if let Some(body) = content.and_then(|c| c.get("text")).and_then(Value::as_str) {
            if encoding == Some("base64") {
                found.notes.push(format!("The body of failing call {} is base64-encoded and was not read.", info.n_failing));
            } else if let Ok(parsed) = serde_json::from_str::<Value>(body.trim()) {
                json::extract(&parsed, text_in, scope, scope, now_unix_s, found);
            } else {
                found.message(3, crate::text::slice(body.trim(), 0, 200));
            }
        }
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_failing_entry() {
        let har = r#"{"log":{"version":"1.2","entries":[
 {"request":{"method":"GET","url":"https://api.example.com/ok"},"response":{"status":200,"headers":[],"content":{"text":"{}"}}},
 {"request":{"method":"POST","url":"https://api.example.com/token"},"response":{"status":400,"headers":[],"content":{"mimeType":"application/json","text":"{\"error\":\"invalid_grant\"}"}}},
 {"request":{"method":"GET","url":"https://api.example.com/items"},"response":{"status":429,"headers":[{"name":"Retry-After","value":"12"}],"content":{"text":""}}}
]}}"#;
        let value: Value = serde_json::from_str(har).unwrap_or(Value::Null);
        let mut found = Collected::default();
        let info = scan(&value, har, (0, har.len()), None, &mut found);
        assert_eq!(info, Info { n_entries: 3, n_failing: 2 });
        let statuses: Vec<u16> = found.statuses.iter().map(|s| s.code).collect();
        assert_eq!(statuses, vec![400, 429]);
        for s in &found.statuses {
            assert_eq!(har.get(s.end - 3..s.end), Some(s.code.to_string().as_str()));
        }
        assert_eq!(found.codes.first().map(|c| c.code.as_str()), Some("invalid_grant"));
        assert_eq!(found.retries.first().map(|r| r.seconds), Some(12));
        assert_eq!(found.method.as_deref(), Some("POST"));
    }
}
