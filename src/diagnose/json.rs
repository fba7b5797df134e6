//! JSON error bodies: finds JSON (or JS-object-ish / Python-dict-ish dumps)
//! anywhere in a paste, and reads the common vendor error shapes out of it:
//! RFC 9457 problem details, Google `error.status` / `errors[].reason` /
//! `ErrorInfo`, Microsoft Graph `error.code` / `innerError`, OAuth
//! `error` / `error_description`, Stripe `error.type` / `code`, Salesforce
//! `[{errorCode}]`, Slack `{"ok":false,"error"}`, AWS `__type`, GraphQL
//! `errors[].extensions.code`, and retry hints (`retryDelay`, `retry_after`).
//!
//! Bounded work: a byte budget caps the scanning, nesting and node counts are
//! capped, and JSON that cannot be read is skipped (the caller adds a note).
//! Never panics.

use serde_json::Value;

use super::retry;
use super::signals::{self, Collected, RetrySig, StatusSig};

/// One JSON value found in the paste.
#[derive(Clone, Debug)]
pub struct Found {
    /// Byte span in the paste.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The parsed value.
    pub value: Value,
    /// True when it was read leniently (unquoted keys, single quotes).
    pub relaxed: bool,
}

/// What the search for JSON saw besides the values.
#[derive(Clone, Debug, Default)]
pub struct Search {
    /// Values found, in order.
    pub values: Vec<Found>,
    /// Start of a `{` that looked like a body but could not be read.
    pub unreadable_at: Option<usize>,
    /// True when the work budget ran out before the end of the paste.
    pub budget_out: bool,
}

/// Finds the JSON values in `text_in`, outermost first, skipping nested ones.
pub fn find_values(text_in: &str) -> Search {
    let bytes = text_in.as_bytes();
    let mut search = Search::default();
    let mut budget: usize = bytes.len().saturating_mul(4) + 65_536;
    let mut pos = 0;
    while pos < bytes.len() && search.values.len() < 64 {
        let Some(next) = memchr2(bytes, pos, b'{', b'[') else { break };
        pos = next;
        let open = bytes[pos];
        if open == b'[' {
            // Only arrays of objects (Salesforce, GraphQL batches) are bodies;
            // "[2024-01-01]" and "[INFO]" are not.
            let after = bytes.get(pos + 1..).and_then(|s| s.iter().position(|b| !b.is_ascii_whitespace())).map(|n| pos + 1 + n);
            if after.and_then(|i| bytes.get(i)) != Some(&b'{') {
                pos += 1;
                continue;
            }
        }
        let (end, scanned) = match_close(bytes, pos);
        budget = budget.saturating_sub(scanned);
        if budget == 0 {
            search.budget_out = true;
            break;
        }
        let Some(end) = end else {
            if looks_like_body(bytes, pos) && search.unreadable_at.is_none() && search.values.is_empty() {
                search.unreadable_at = Some(pos);
            }
            pos += 1;
            continue;
        };
        if end - pos < 7 {
            pos += 1;
            continue;
        }
        let slice = text_in.get(pos..end).unwrap_or("");
        if let Ok(value) = serde_json::from_str::<Value>(slice) {
            search.values.push(Found { start: pos, end, value, relaxed: false });
            pos = end;
            continue;
        }
        if slice.len() <= 256 * 1024 {
            if let Some(value) = relaxed(slice).and_then(|s| serde_json::from_str::<Value>(&s).ok()) {
                if value.as_object().is_some_and(|m| !m.is_empty()) || value.as_array().is_some_and(|a| !a.is_empty()) {
                    search.values.push(Found { start: pos, end, value, relaxed: true });
                    pos = end;
                    continue;
                }
            }
        }
        if looks_like_body(bytes, pos) && search.unreadable_at.is_none() && search.values.is_empty() {
            search.unreadable_at = Some(pos);
        }
        pos += 1;
    }
    search
}

fn memchr2(bytes: &[u8], from: usize, a: u8, b: u8) -> Option<usize> {
    bytes.get(from..)?.iter().position(|&c| c == a || c == b).map(|n| from + n)
}

/// `{"` or `{\n  "` : a `{` that opens what looks like a JSON object.
fn looks_like_body(bytes: &[u8], pos: usize) -> bool {
    bytes.get(pos + 1..).and_then(|s| s.iter().find(|b| !b.is_ascii_whitespace())) == Some(&b'"')
}

/// The end (exclusive) of the bracket opened at `pos`, honouring strings in
/// either quote, and how many bytes were looked at.
fn match_close(bytes: &[u8], pos: usize) -> (Option<usize>, usize) {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    let mut i = pos;
    while let Some(&c) = bytes.get(i) {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            } else if c == b'\n' && q == b'\'' {
                // A lone apostrophe in prose is not a string.
                quote = None;
            }
        } else {
            match c {
                b'"' => quote = Some(c),
                b'\'' if bytes.get(i.wrapping_sub(1)).is_some_and(|p| !p.is_ascii_alphanumeric()) => quote = Some(c),
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return (Some(i + 1), i + 1 - pos);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    (None, i - pos)
}

/// Rewrites a JS-object or Python-dict dump into JSON: quotes bare keys and
/// words, turns single-quoted strings into double-quoted ones, maps
/// `True/False/None/undefined` and drops trailing commas.
pub fn relaxed(src: &str) -> Option<String> {
    let mut out = String::with_capacity(src.len() + 32);
    let mut chars = src.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '"' | '\'' => {
                out.push('"');
                let mut escaped = false;
                for (_, s) in chars.by_ref() {
                    if escaped {
                        if s == '\'' {
                            out.pop();
                        }
                        out.push(s);
                        escaped = false;
                    } else if s == '\\' {
                        out.push('\\');
                        escaped = true;
                    } else if s == c {
                        break;
                    } else if s == '"' {
                        out.push_str("\\\"");
                    } else if s == '\n' {
                        out.push_str("\\n");
                    } else {
                        out.push(s);
                    }
                }
                out.push('"');
            }
            '}' | ']' => {
                while out.ends_with(|w: char| w.is_whitespace()) {
                    out.pop();
                }
                if out.ends_with(',') {
                    out.pop();
                }
                out.push(c);
            }
            c if c.is_alphabetic() || c == '_' || c == '$' => {
                let mut word = String::from(c);
                while let Some(&(_, n)) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' || n == '$' || n == '.' || n == '-' {
                        word.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                match word.as_str() {
                    "true" | "True" => out.push_str("true"),
                    "false" | "False" => out.push_str("false"),
                    "null" | "None" | "undefined" | "NaN" | "Infinity" => out.push_str("null"),
                    _ => {
                        out.push('"');
                        out.push_str(&word);
                        out.push('"');
                    }
                }
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

/// Keys whose string value is a vendor error code, and what one is worth.
const CODE_KEYS: &[(&str, f32)] = &[
    ("code", 0.9),
    ("error_code", 0.9),
    ("errorcode", 0.9),
    ("__type", 0.9),
    ("reason", 0.88),
    ("faultcode", 0.9),
    ("error", 0.9),
    ("status", 0.85),
    ("error_type", 0.8),
    ("errortype", 0.8),
    ("type", 0.75),
    ("subcode", 0.8),
    ("error_subcode", 0.8),
    ("decline_code", 0.9),
    ("sqlstate", 0.88),
    ("errno", 0.85),
    ("exception", 0.8),
    ("exceptiontype", 0.8),
    ("exception_class", 0.8),
    ("error_name", 0.8),
    ("name", 0.7),
    ("errorkey", 0.85),
];

/// Keys whose value is the human message, with a priority (lower is better).
const MESSAGE_KEYS: &[(&str, u8)] = &[
    ("error_description", 1),
    ("message", 2),
    ("detail", 2),
    ("errormessage", 2),
    ("error_message", 2),
    ("faultstring", 2),
    ("msg", 3),
    ("title", 3),
    ("description", 3),
];

/// Keys whose integer value is the HTTP status.
const STATUS_KEYS: &[&str] = &["status", "statuscode", "status_code", "httpstatus", "http_status", "httpstatuscode", "code"];

/// Keys (lower case, without `-` and `_`) that hold a request id.
const REQUEST_ID_KEYS: &[&str] = &["requestid", "xrequestid", "correlationid", "clientrequestid", "traceid", "xamznrequestid"];

/// Reading state for one JSON value.
struct Reader<'a> {
    text: &'a str,
    span: (usize, usize),
    scope: (usize, usize),
    cursor: usize,
    nodes: usize,
    now_unix_s: Option<i64>,
    graphql: bool,
}

/// Reads vendor signals out of one JSON value at `span` of the paste; `scope`
/// is where its codes may be highlighted (the value itself, or a HAR entry
/// when the JSON was an escaped string inside it). Returns true for a GraphQL
/// error response.
pub fn extract(value: &Value, text_in: &str, span: (usize, usize), scope: (usize, usize), now_unix_s: Option<i64>, found: &mut Collected) -> bool {
    let mut reader = Reader { text: text_in, span, scope, cursor: span.0, nodes: 0, now_unix_s, graphql: false };
    shape_markers(value, found, &mut reader);
    reader.walk(value, "", 0, true, found);
    reader.graphql
}

/// Provider and format hints from the shape of the top-level value.
fn shape_markers(value: &Value, found: &mut Collected, reader: &mut Reader<'_>) {
    match value {
        Value::Object(map) => {
            if map.get("ok") == Some(&Value::Bool(false)) && map.get("error").is_some_and(Value::is_string) {
                found.provider("slack");
            }
            if map.contains_key("__type") {
                found.provider("aws");
            }
            if let Some(Value::Array(errors)) = map.get("errors") {
                reader.graphql = errors.iter().any(|e| {
                    e.get("message").is_some() && (e.get("extensions").is_some() || e.get("locations").is_some() || e.get("path").is_some())
                });
            }
            if let Some(err) = map.get("error").and_then(Value::as_object) {
                if err.contains_key("innerError") || err.contains_key("innererror") {
                    found.provider("microsoft");
                }
                if err.get("errors").and_then(Value::as_array).is_some_and(|a| a.iter().any(|e| e.get("domain").is_some())) {
                    found.provider("google");
                }
                if err.contains_key("request_log_url") || err.get("doc_url").and_then(Value::as_str).is_some_and(|u| u.contains("stripe.com")) {
                    found.provider("stripe");
                }
            }
            if map.contains_key("odata.error") {
                found.provider("microsoft");
            }
        }
        Value::Array(items)
            if items.iter().any(|i| i.get("errorCode").is_some()) => {
                found.provider("salesforce");
            }
        _ => {}
    }
}

impl Reader<'_> {
    fn walk(&mut self, value: &Value, key: &str, depth: usize, error_context: bool, found: &mut Collected) {
        self.nodes += 1;
        if depth > 16 || self.nodes > 4000 {
            return;
        }
        match value {
            Value::Object(map) => {
                let errorish = error_context
                    || key.eq_ignore_ascii_case("error")
                    || key.eq_ignore_ascii_case("errors")
                    || key.eq_ignore_ascii_case("fault")
                    || key.eq_ignore_ascii_case("extensions")
                    || key.eq_ignore_ascii_case("innererror");
                for (k, v) in map {
                    self.field(k, v, errorish, found);
                    if matches!(v, Value::Object(_) | Value::Array(_)) {
                        let child_context = errorish && !k.eq_ignore_ascii_case("request") && !k.eq_ignore_ascii_case("headers");
                        self.walk(v, k, depth + 1, child_context, found);
                    } else if let Value::String(s) = v {
                        self.embedded(s, depth, found);
                    }
                }
            }
            Value::Array(items) => {
                for item in items.iter().take(200) {
                    self.walk(item, key, depth + 1, error_context, found);
                }
            }
            Value::String(s) => self.embedded(s, depth, found),
            _ => {}
        }
    }

    /// A string that is itself JSON (a HAR body, a logged response) is read too.
    fn embedded(&mut self, s: &str, depth: usize, found: &mut Collected) {
        let t = s.trim();
        if t.len() >= 7 && ((t.starts_with('{') && t.ends_with('}')) || (t.starts_with('[') && t.ends_with(']'))) {
            if let Ok(inner) = serde_json::from_str::<Value>(t) {
                let saved = self.span;
                self.span = self.scope;
                shape_markers(&inner, found, self);
                self.walk(&inner, "", depth + 1, true, found);
                self.span = saved;
            }
        }
    }

    fn field(&mut self, key: &str, value: &Value, errorish: bool, found: &mut Collected) {
        let lower = key.to_ascii_lowercase();
        let squashed: String = lower.chars().filter(|c| *c != '-' && *c != '_').collect();
        match value {
            Value::String(s) => {
                if let Some(&(_, weight)) = CODE_KEYS.iter().find(|(k, _)| *k == lower) {
                    self.string_code(&lower, s, weight, errorish, found);
                }
                if let Some(&(_, priority)) = MESSAGE_KEYS.iter().find(|(k, _)| *k == lower) {
                    if errorish || lower != "title" {
                        found.message(priority, s);
                    }
                }
                if REQUEST_ID_KEYS.contains(&squashed.as_str()) {
                    found.request_id(s);
                }
                if squashed == "retrydelay" {
                    if let Some(seconds) = retry::duration(s) {
                        self.retry(seconds, s, "retryDelay in the body", found);
                    }
                }
                if lower == "@type" && s.contains("googleapis.com") {
                    found.provider("google");
                }
                if lower == "request_log_url" {
                    if let Some(at) = s.find("req_") {
                        found.request_id(s.get(at..).unwrap_or("").split(['?', '&', '"']).next().unwrap_or(""));
                    }
                }
            }
            Value::Number(n) => {
                if STATUS_KEYS.contains(&squashed.as_str()) {
                    if let Some(code) = n.as_u64().filter(|c| (100..=599).contains(c)) {
                        if squashed != "code" || errorish {
                            let needle = n.to_string();
                            let (start, end) = self.locate(&needle);
                            found.statuses.push(StatusSig { code: code as u16, start, end, rank: 2, why: "status in the body", scope: None });
                            return;
                        }
                    }
                }
                if matches!(squashed.as_str(), "code" | "errorcode" | "errno" | "subcode" | "errorsubcode") && errorish && n.is_u64() {
                    let needle = n.to_string();
                    let (start, end) = self.locate(&needle);
                    found.code(&needle, start, end, 0.8, "error number in the body");
                }
                if matches!(squashed.as_str(), "retryafter" | "retryafterseconds" | "retryafters") {
                    if let Some(seconds) = n.as_f64().filter(|f| f.is_finite() && *f >= 0.0 && *f < 1e9) {
                        let needle = n.to_string();
                        self.retry(seconds.ceil() as u64, &needle, "retry_after in the body", found);
                    }
                }
            }
            _ => {}
        }
    }

    fn string_code(&mut self, key: &str, s: &str, weight: f32, errorish: bool, found: &mut Collected) {
        let s = s.trim();
        if s.is_empty() || s.len() > 160 {
            return;
        }
        if s.contains(char::is_whitespace) {
            // `"error": "Something broke"` is a message, not a code.
            if key == "error" {
                found.message(2, s);
            }
            return;
        }
        // A URL (RFC 9457 `type`): its last path segment names the problem.
        let code = if s.starts_with("http://") || s.starts_with("https://") {
            if s == "about:blank" {
                return;
            }
            s.trim_end_matches('/').rsplit('/').next().unwrap_or("")
        } else if let Some((_, after)) = s.rsplit_once('#') {
            after
        } else {
            s
        };
        let (weight, keep) = match key {
            "type" => (weight, errorish || code.contains('_') || code.ends_with("Exception") || code.ends_with("Error")),
            "name" => (weight, code.ends_with("Error") || code.ends_with("Exception")),
            "status" => (weight, code.chars().any(|c| c.is_ascii_uppercase() || c == '_')),
            _ => (weight, true),
        };
        if !keep || code.is_empty() {
            return;
        }
        let (start, end) = self.locate(code);
        found.code(code, start, end, weight, "error code in the body");
    }

    fn retry(&mut self, seconds: u64, needle: &str, why: &'static str, found: &mut Collected) {
        let (start, end) = self.locate(needle);
        let _ = self.now_unix_s;
        found.retries.push(RetrySig { seconds, start, end, rank: 2, why, scope: None });
    }

    /// Where `needle` is written, searching forward from the last hit, then the
    /// span, then the scope; the span's first character when nowhere.
    fn locate(&mut self, needle: &str) -> (usize, usize) {
        let found = signals::find_between(self.text, needle, self.cursor, self.scope.1.max(self.span.1))
            .or_else(|| signals::find_between(self.text, needle, self.span.0, self.span.1))
            .or_else(|| signals::find_between(self.text, needle, self.scope.0, self.scope.1));
        match found {
            Some(at) => {
                self.cursor = at + needle.len();
                (at, at + needle.len())
            }
            None => (self.span.0, crate::text::ceil_char_boundary(self.text, self.span.0 + 1).min(self.span.1.max(self.span.0))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text_in: &str, codes: &[&str], status: Option<u16>, message: Option<&str>) {
        let search = find_values(text_in);
        let mut found = Collected::default();
        for v in &search.values {
            extract(&v.value, text_in, (v.start, v.end), (v.start, v.end), None, &mut found);
        }
        let got: Vec<&str> = found.codes.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(got, codes, "codes of {text_in}");
        assert_eq!(found.statuses.first().map(|s| s.code), status, "status of {text_in}");
        let best = found.messages.iter().min_by_key(|m| m.0).map(|m| m.1.as_str());
        assert_eq!(best, message, "message of {text_in}");
        for c in &found.codes {
            assert_eq!(text_in.get(c.start..c.end), Some(c.code.as_str()), "span of {}", c.code);
        }
    }

    #[test]
    fn reads_vendor_shapes() {
        check(r#"{"error":"invalid_grant","error_description":"Bad Request"}"#, &["invalid_grant"], None, Some("Bad Request"));
        check(r#"{"ok":false,"error":"ratelimited"}"#, &["ratelimited"], None, None);
        check(
            r#"{"error":{"code":403,"message":"Rate Limit Exceeded","errors":[{"domain":"usageLimits","reason":"rateLimitExceeded"}],"status":"PERMISSION_DENIED"}}"#,
            &["rateLimitExceeded", "PERMISSION_DENIED"],
            Some(403),
            Some("Rate Limit Exceeded"),
        );
        check(r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#, &["INVALID_SESSION_ID"], None, Some("Session expired or invalid"));
        check(r#"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Rate exceeded"}"#, &["ProvisionedThroughputExceededException"], None, Some("Rate exceeded"));
        check(r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403}"#, &["out-of-credit"], Some(403), Some("You do not have enough credit."));
    }

    #[test]
    fn reads_json_inside_log_lines_and_js_dumps() {
        check(r#"Error: 400 - {"error":{"type":"invalid_request_error","code":"resource_missing"}}"#, &["resource_missing", "invalid_request_error"], None, None);
        check("err: { code: 'ECONNRESET', errno: -104, syscall: 'read' }", &["ECONNRESET"], None, None);
        check("{'error': {'code': 'invalid_auth', 'message': \"Bad token\"}}", &["invalid_auth"], None, Some("Bad token"));
        check("[INFO] started {0} of {1}", &[], None, None);
    }

    #[test]
    fn survives_deep_and_broken_input() {
        let deep = "[".repeat(5000) + "{\"a\":1}" + &"]".repeat(5000);
        let _ = find_values(&deep);
        let broken = "{\"error\": {\"code\": \"x\"".repeat(2000);
        let search = find_values(&broken);
        assert!(search.values.is_empty());
        assert!(search.unreadable_at.is_some());
    }
}
