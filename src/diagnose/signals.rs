//! The facts the format readers collect, and the readers of facts that do not
//! belong to one format: request ids, timestamps, method and URL, provider,
//! SQLSTATEs and database error numbers, errno-like names.
//!
//! Everything here works on byte offsets into the (possibly cut) paste and
//! never panics: every slice goes through `crate::text::slice` or `get`.

use crate::text;

/// A vendor code, exception or errno name read from a known place.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeSig {
    /// The code as written (`rateLimitExceeded`, `ECONNRESET`, `23505`).
    pub code: String,
    /// Byte span of the evidence.
    pub start: usize,
    /// End of the span (exclusive).
    pub end: usize,
    /// How much this place is worth, 0..1.
    pub weight: f32,
    /// Why it counts, shown next to the highlight.
    pub why: &'static str,
}

/// An HTTP status the paste shows.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusSig {
    /// The status code.
    pub code: u16,
    /// Byte span of the evidence.
    pub start: usize,
    /// End of the span (exclusive).
    pub end: usize,
    /// Lower is more trustworthy: 0 status line, 1 HAR, 2 body field, 3 HTML, 4 prose.
    pub rank: u8,
    /// Why it counts.
    pub why: &'static str,
    /// The part of the paste this status belongs to (a HAR entry), if any.
    pub scope: Option<(usize, usize)>,
}

/// A wait before retrying, already in seconds.
#[derive(Clone, Debug, PartialEq)]
pub struct RetrySig {
    /// Seconds to wait.
    pub seconds: u64,
    /// Byte span of the evidence.
    pub start: usize,
    /// End of the span (exclusive).
    pub end: usize,
    /// Lower wins: 0 Retry-After, 1 RateLimit-Reset, 2 body delay, 3 X-RateLimit-Reset.
    pub rank: u8,
    /// Why it counts.
    pub why: &'static str,
    /// The part of the paste it belongs to (a HAR entry), if any.
    pub scope: Option<(usize, usize)>,
}

/// Everything the readers found, before matching.
#[derive(Clone, Debug, Default)]
pub struct Collected {
    pub codes: Vec<CodeSig>,
    pub statuses: Vec<StatusSig>,
    pub retries: Vec<RetrySig>,
    /// `X-RateLimit-Remaining: 0` (or the like) was seen.
    pub quota_exhausted: bool,
    /// Messages with a priority (lower is better).
    pub messages: Vec<(u8, String)>,
    pub request_ids: Vec<String>,
    pub providers: Vec<&'static str>,
    pub method: Option<String>,
    pub url: Option<String>,
    pub timestamp: Option<String>,
    pub notes: Vec<String>,
    /// Byte spans whose hits are worth more or less than elsewhere (root
    /// cause line, wrapping exceptions, stack frames), with the factor.
    pub adjust: Vec<(usize, usize, f32)>,
}

impl Collected {
    /// Adds a code, keeping the better weight when the same span comes twice.
    pub fn code(&mut self, code: &str, start: usize, end: usize, weight: f32, why: &'static str) {
        let code = code.trim();
        if code.is_empty() || code.len() > 120 {
            return;
        }
        if let Some(old) = self.codes.iter_mut().find(|c| c.start == start && c.end == end && c.code == code) {
            old.weight = old.weight.max(weight);
            return;
        }
        if self.codes.len() < 400 {
            self.codes.push(CodeSig { code: code.to_string(), start, end, weight, why });
        }
    }

    /// Records a message; the best-priority one becomes `signals.message`.
    pub fn message(&mut self, priority: u8, message: &str) {
        let message = message.trim();
        if !message.is_empty() && self.messages.len() < 50 {
            let cut = text::slice(message, 0, 300);
            self.messages.push((priority, cut.to_string()));
        }
    }

    /// Records a request id once.
    pub fn request_id(&mut self, id: &str) {
        let id = id.trim().trim_matches(|c| c == '"' || c == '\'' || c == ',');
        if id.len() >= 4 && id.len() <= 200 && !self.request_ids.iter().any(|r| r == id) && self.request_ids.len() < 20 {
            self.request_ids.push(id.to_string());
        }
    }

    /// Records a provider once.
    pub fn provider(&mut self, provider: &'static str) {
        if !self.providers.contains(&provider) {
            self.providers.push(provider);
        }
    }
}

/// The first occurrence of `needle` in `hay[from..to]`, as an absolute offset.
pub fn find_between(hay: &str, needle: &str, from: usize, to: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let from = text::floor_char_boundary(hay, from);
    let to = text::floor_char_boundary(hay, to.max(from));
    hay.get(from..to)?.find(needle).map(|i| from + i)
}

/// How common a byte is in logs and error bodies, roughly (higher is more
/// common): [`find_bytes`] scans for the needle's least common byte.
fn commonness(b: u8) -> u8 {
    match b {
        b' ' | b'e' | b't' | b'a' | b'o' | b'i' | b'n' | b's' | b'r' => 9,
        b'0'..=b'9' | b'h' | b'l' | b'd' | b'c' | b'u' | b'm' => 7,
        b'f' | b'p' | b'g' | b'w' | b'y' | b'b' | b'.' | b',' | b'-' | b'"' | b':' => 5,
        b'a'..=b'z' | b'A'..=b'Z' | b'/' | b'=' => 3,
        _ => 1,
    }
}

/// The first occurrence of `needle` in `hay`: a scan for the needle's least
/// common byte, then a compare around it. The needles of the line readers
/// are short and so are the lines, so this beats building a two-way
/// searcher per line and needle, which was most of the time on long logs.
pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let anchor = (0..needle.len()).min_by_key(|&i| commonness(needle[i]))?;
    let key = needle[anchor];
    let mut from = anchor;
    while let Some(n) = hay.get(from..)?.iter().position(|&b| b == key) {
        let at = from + n - anchor;
        if hay.get(at..at + needle.len()) == Some(needle) {
            return Some(at);
        }
        from += n + 1;
    }
    None
}

/// [`find_bytes`] on text.
pub fn find_str(hay: &str, needle: &str) -> Option<usize> {
    find_bytes(hay.as_bytes(), needle.as_bytes())
}

/// Header names that carry a request id, lower case.
pub const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id", "request-id", "x-amzn-requestid", "x-amz-request-id", "x-amz-cf-id", "cf-ray",
    "x-ms-request-id", "client-request-id", "x-github-request-id", "x-correlation-id", "x-trace-id",
    "apigw-requestid", "x-shopify-request-id", "x-slack-req-id", "x-hubspot-correlation-id",
    "x-goog-request-id", "x-cloud-trace-context", "sforce-request-id", "x-zendesk-request-id",
    "intuit_tid", "x-envoy-request-id",
];

/// Host name endings and the provider they mean. Data, not logic: add a row per vendor.
const PROVIDER_HOSTS: &[(&str, &str)] = &[
    ("stripe.com", "stripe"),
    ("googleapis.com", "google"),
    ("google.com", "google"),
    ("graph.microsoft.com", "microsoft"),
    ("microsoftonline.com", "microsoft"),
    ("office.com", "microsoft"),
    ("dynamics.com", "microsoft"),
    ("salesforce.com", "salesforce"),
    ("force.com", "salesforce"),
    ("slack.com", "slack"),
    ("amazonaws.com", "aws"),
    ("hubapi.com", "hubspot"),
    ("hubspot.com", "hubspot"),
    ("myshopify.com", "shopify"),
    ("shopify.com", "shopify"),
    ("github.com", "github"),
    ("githubusercontent.com", "github"),
    ("zendesk.com", "zendesk"),
    ("atlassian.net", "atlassian"),
    ("openai.com", "openai"),
    ("openai.azure.com", "openai"),
    ("anthropic.com", "anthropic"),
    ("mistral.ai", "mistral"),
    ("cohere.com", "cohere"),
    ("cohere.ai", "cohere"),
    ("twilio.com", "twilio"),
    ("intuit.com", "quickbooks"),
    ("snowflakecomputing.com", "snowflake"),
    ("netsuite.com", "netsuite"),
    ("xero.com", "xero"),
    ("mailchimp.com", "mailchimp"),
    ("api.intercom.io", "intercom"),
    ("notion.com", "notion"),
    ("api.notion.com", "notion"),
    ("airtable.com", "airtable"),
    ("pipedrive.com", "pipedrive"),
    ("facebook.com", "facebook"),
    ("linkedin.com", "linkedin"),
];

/// Header names that give the provider away.
const PROVIDER_HEADERS: &[(&str, &str)] = &[
    ("x-amzn-requestid", "aws"),
    ("x-amz-request-id", "aws"),
    ("x-amz-cf-id", "aws"),
    ("x-ms-request-id", "microsoft"),
    ("client-request-id", "microsoft"),
    ("x-github-request-id", "github"),
    ("x-shopify-request-id", "shopify"),
    ("x-slack-req-id", "slack"),
    ("x-hubspot-correlation-id", "hubspot"),
    ("sforce-limit-info", "salesforce"),
    ("stripe-version", "stripe"),
    ("cf-ray", "cloudflare"),
];

/// The provider a header name gives away.
pub fn provider_of_header(name_lower: &str) -> Option<&'static str> {
    PROVIDER_HEADERS.iter().find(|(h, _)| *h == name_lower).map(|(_, p)| *p)
}

/// The provider a host name belongs to.
pub fn provider_of_host(host: &str) -> Option<&'static str> {
    let host = host.to_ascii_lowercase();
    PROVIDER_HOSTS
        .iter()
        .find(|(suffix, _)| host == *suffix || host.ends_with(&format!(".{suffix}")))
        .map(|(_, p)| *p)
}

/// The host of an absolute URL.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let end = rest.find(['/', ':', '?', '#']).unwrap_or(rest.len());
    rest.get(..end).filter(|h| !h.is_empty())
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Where each of [`METHODS`] followed by a space first occurs in `line`, in
/// one pass that only looks closer at a space after a capital letter.
fn first_methods(line: &[u8]) -> [Option<usize>; 7] {
    let mut first = [None; 7];
    for p in 3..line.len() {
        if line[p] != b' ' || !matches!(line[p - 1], b'T' | b'E' | b'H' | b'D' | b'S') {
            continue;
        }
        for (slot, method) in first.iter_mut().zip(METHODS) {
            if slot.is_none() && line[..p].ends_with(method.as_bytes()) {
                *slot = Some(p - method.len());
            }
        }
    }
    first
}

/// Runs of 4 or 5 digits right after a space and followed by `" ("`, `:`,
/// a blank or the end, as `(start, len)`: what a database error number
/// after `error `/`errno ` looks like. Lines without one skip the markers.
fn db_numbers(line: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 1;
    std::iter::from_fn(move || {
        while i < line.len() {
            if !line[i].is_ascii_digit() || line[i - 1] != b' ' {
                i += 1;
                continue;
            }
            let start = i;
            while i < line.len() && line[i].is_ascii_digit() {
                i += 1;
            }
            let next = line.get(i..).unwrap_or(&[]);
            if matches!(i - start, 4 | 5) && (next.is_empty() || matches!(next[0], b':' | b' ' | b'\r' | b'\n')) {
                return Some((start, i - start));
            }
        }
        None
    })
}

fn is_url_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '"' | '\'' | '<' | '>' | '`' | ')' | ']' | '}' | '\\')
}

/// Reads method, URL, timestamp, request ids, providers, SQLSTATEs and
/// database error numbers from the whole text, in one pass over its lines.
pub fn scan_text(text_in: &str, lower: &str, found: &mut Collected) {
    let mut first_url: Option<String> = None;
    let mut offset = 0;
    for line in text_in.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if line.len() > 20_000 {
            continue;
        }
        let lower_line = lower.get(line_start..line_start + line.len()).unwrap_or("");
        // Method + URL: "GET https://..." or "> GET /path HTTP/1.1".
        if found.method.is_none() {
            for (method, first) in METHODS.iter().zip(first_methods(line.as_bytes())) {
                if let Some(at) = first {
                    let before_ok = at == 0 || !line.as_bytes().get(at - 1).is_some_and(|b| b.is_ascii_alphanumeric());
                    let rest = line.get(at + method.len() + 1..).unwrap_or("").trim_start_matches(['"', ' ']);
                    if before_ok && (rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with('/')) {
                        let end = rest.find(|c: char| !is_url_char(c)).unwrap_or(rest.len());
                        let mut url = rest.get(..end).unwrap_or("").to_string();
                        if url.starts_with('/') {
                            if let Some(host) = header_in(text_in, "host") {
                                url = format!("https://{host}{url}");
                            }
                        }
                        found.method = Some(method.to_string());
                        found.url = Some(url);
                        break;
                    }
                }
            }
        }
        if first_url.is_none() {
            if let Some(at) = find_str(lower_line, "https://").or_else(|| find_str(lower_line, "http://")) {
                let rest = line.get(at..).unwrap_or("");
                let end = rest.find(|c: char| !is_url_char(c)).unwrap_or(rest.len());
                first_url = rest.get(..end).map(str::to_string);
            }
        }
        // Every host named anywhere hints at the provider.
        let mut from = 0;
        while let Some(at) = lower_line.get(from..).and_then(|l| find_str(l, "://")) {
            let rest = line.get(from + at + 3..).unwrap_or("");
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-')).unwrap_or(rest.len());
            if let Some(p) = rest.get(..end).and_then(provider_of_host) {
                found.provider(p);
            }
            from += at + 3;
        }
        if found.timestamp.is_none() {
            found.timestamp = timestamp_in(line);
        }
        // Stripe request ids have a recognisable shape anywhere.
        if let Some(at) = find_str(line, "req_") {
            let rest = line.get(at..).unwrap_or("");
            let end = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(rest.len());
            if end >= 12 && (at == 0 || !line.as_bytes().get(at - 1).is_some_and(|b| b.is_ascii_alphanumeric())) {
                found.request_id(rest.get(..end).unwrap_or(""));
            }
        }
        if let Some(at) = find_str(lower_line, "ray id:") {
            let rest = line.get(at + 7..).unwrap_or("");
            let rest = strip_tags(rest);
            let id: String = rest.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            found.request_id(&id);
        }
        sqlstate_in(line, lower_line, line_start, found);
    }
    if found.url.is_none() {
        found.url = first_url;
    }
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars().take(200) {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The value of the first `name: value` header line (curl's `< ` prefix allowed).
pub fn header_in<'a>(text_in: &'a str, name: &str) -> Option<&'a str> {
    text_in.lines().take(2000).find_map(|line| {
        let line = line.trim_start_matches(['<', '>', ' ']);
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then_some(value.trim())
    })
}

/// The first ISO-8601-like timestamp (`2024-05-01T12:00:00Z`, `2024-05-01 12:00:00,123`) in a line.
pub fn timestamp_in(line: &str) -> Option<String> {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i + 19 <= bytes.len() {
        let w = bytes.get(i..i + 19)?;
        let digits = |r: std::ops::Range<usize>| w.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
        if digits(0..4) && w[4] == b'-' && digits(5..7) && w[7] == b'-' && digits(8..10)
            && (w[10] == b'T' || w[10] == b' ') && digits(11..13) && w[13] == b':' && digits(14..16) && w[16] == b':' && digits(17..19)
        {
            let rest = line.get(i..)?;
            let end = rest
                .char_indices()
                .skip(19)
                .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | 'Z' | '+' | '-' | ':')))
                .map_or(rest.len(), |(n, _)| n);
            return rest.get(..end).map(str::to_string);
        }
        i += 1;
    }
    None
}

/// SQLSTATEs (`SQLSTATE[23505]`, `(SQLSTATE 42P01)`, `sqlstate=08006`) and
/// MySQL-style `ERROR 1045 (28000)` numbers, as codes.
fn sqlstate_in(line: &str, lower_line: &str, line_start: usize, found: &mut Collected) {
    let mut from = 0;
    while let Some(at) = lower_line.get(from..).and_then(|l| find_str(l, "sqlstate")) {
        let abs = from + at + "sqlstate".len();
        let rest = line.get(abs..).unwrap_or("");
        let skip = rest.find(|c: char| c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        if skip <= 4 {
            let value = rest.get(skip..).unwrap_or("");
            let len = value.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(value.len());
            if len == 5 {
                let start = line_start + abs + skip;
                found.code(value.get(..5).unwrap_or(""), start, start + 5, 0.88, "SQLSTATE");
            }
        }
        from = abs;
    }
    // MySQL: "ERROR 1045 (28000): Access denied" and "Error Code: 1062".
    // Marker by marker, number by number, as a search for each marker would
    // visit them (no marker overlaps itself), but only where a number stands.
    if db_numbers(line.as_bytes()).next().is_none() {
        return;
    }
    for marker in ["error ", "error code: ", "errno: ", "errno "] {
        for (abs, len) in db_numbers(line.as_bytes()) {
            if !lower_line.get(..abs).is_some_and(|before| before.ends_with(marker)) {
                continue;
            }
            let rest = line.get(abs..).unwrap_or("");
            let next = rest.get(len..).unwrap_or("");
            let start = line_start + abs;
            found.code(rest.get(..len).unwrap_or(""), start, start + len, 0.85, "database error number");
            if let Some(paren) = next.strip_prefix(" (") {
                if paren.len() >= 6 && paren.as_bytes().get(5) == Some(&b')') {
                    let s = start + len + 2;
                    found.code(paren.get(..5).unwrap_or(""), s, s + 5, 0.85, "SQLSTATE");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text_in: &str, codes: &[&str], request_id: Option<&str>, provider: Option<&str>) {
        let mut found = Collected::default();
        scan_text(text_in, &text_in.to_ascii_lowercase(), &mut found);
        let got: Vec<&str> = found.codes.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(got, codes);
        assert_eq!(found.request_ids.first().map(String::as_str), request_id);
        assert_eq!(found.providers.first().copied(), provider);
    }

    #[test]
    fn reads_database_codes_request_ids_and_providers() {
        check("ERROR 1045 (28000): Access denied for user 'etl'@'10.0.0.4'", &["1045", "28000"], None, None);
        check("pq: duplicate key value (SQLSTATE 23505)", &["23505"], None, None);
        check("POST https://api.stripe.com/v1/charges -> req_AbCdEf0123456789", &[], Some("req_AbCdEf0123456789"), Some("stripe"));
        check("Cloudflare Ray ID: <strong>8a1b2c3d4e5f6a7b</strong>", &[], Some("8a1b2c3d4e5f6a7b"), None);
    }

    #[test]
    fn finds_method_url_and_timestamp() {
        let mut found = Collected::default();
        let t = "2024-03-01T10:00:00.123Z ERROR GET https://www.googleapis.com/drive/v3/files failed";
        scan_text(t, &t.to_ascii_lowercase(), &mut found);
        assert_eq!(found.method.as_deref(), Some("GET"));
        assert_eq!(found.url.as_deref(), Some("https://www.googleapis.com/drive/v3/files"));
        assert_eq!(found.timestamp.as_deref(), Some("2024-03-01T10:00:00.123Z"));
        assert_eq!(found.providers, vec!["google"]);
    }
}
