//! Raw HTTP: status lines (`HTTP/1.1 429 ...`, `HTTP/2 403`, HTTP/2's
//! `:status: 403`, curl's `< HTTP/2 403`), header lines, and statuses told in
//! prose (`status code 502`, `403 Client Error`, `Error: 400 -`).
//!
//! Headers feed retry timing, request ids, the provider and, for
//! `WWW-Authenticate: Bearer error="..."`, an error code. Works line by line in
//! one pass; never panics.

use super::retry;
use super::signals::{self, Collected, RetrySig, StatusSig};

/// One `name: value` line: its lower-case name, value and byte spans.
#[derive(Clone, Debug, PartialEq)]
pub struct Header<'a> {
    /// Header name, lower case.
    pub name: String,
    /// Value, trimmed.
    pub value: &'a str,
    /// Byte span of the whole line (without the line break).
    pub line: (usize, usize),
}

fn three_digits(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    if b.len() >= 3 && b[..3].iter().all(u8::is_ascii_digit) && !b.get(3).is_some_and(u8::is_ascii_digit) {
        s.get(..3)?.parse().ok().filter(|c| (100..=599).contains(c))
    } else {
        None
    }
}

/// Reads status lines, headers and prose statuses into `found`.
pub fn scan(text_in: &str, lower: &str, now_unix_s: Option<i64>, found: &mut Collected) {
    let mut offset = 0;
    let mut headers = Vec::new();
    for line in text_in.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.len() > 8_000 {
            continue;
        }
        let body = line.trim_end_matches(['\n', '\r']);
        let end = start + body.len();
        let lead = body.len() - body.trim_start_matches(['<', ' ', '\t']).len();
        let content = body.get(lead..).unwrap_or("");
        if let Some(rest) = content.strip_prefix("HTTP/") {
            if let Some((_, tail)) = rest.split_once(' ') {
                if let Some(code) = three_digits(tail.trim_start()) {
                    found.statuses.push(StatusSig { code, start: start + lead, end, rank: 0, why: "status line", scope: None });
                    continue;
                }
            }
        }
        if let Some(rest) = content.strip_prefix(":status:") {
            if let Some(code) = three_digits(rest.trim_start()) {
                found.statuses.push(StatusSig { code, start: start + lead, end, rank: 0, why: "HTTP/2 :status", scope: None });
                continue;
            }
        }
        if let Some(h) = header_line(content, start + lead, end) {
            headers.push(h);
        }
        let lower_line = lower.get(start..end).unwrap_or("");
        prose_status(lower_line, start, found);
    }
    if headers.iter().all(|h| !RETRY_HEADERS.contains(&h.name.as_str())) {
        inline_headers(text_in, lower, &mut headers);
    }
    apply_headers(&headers, now_unix_s, found, None);
}

/// The headers that say when to retry.
const RETRY_HEADERS: &[&str] = &[
    "retry-after", "ratelimit-reset", "x-ratelimit-reset", "x-rate-limit-reset", "x-ratelimit-reset-after",
    "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens", "x-ratelimit-remaining", "ratelimit-remaining",
    "x-rate-limit-remaining",
];

/// Retry headers written inside a line, in any dump shape: a Python dict
/// (`{'Retry-After': '20', ...}`), a JSON object (`"retry-after": "20"`),
/// `key=value` logs (`retry-after=20`), Ruby hashes (`"Retry-After" => "20"`).
fn inline_headers<'t>(text_in: &'t str, lower: &str, headers: &mut Vec<Header<'t>>) {
    let b = lower.as_bytes();
    for name in RETRY_HEADERS {
        let mut from = 0;
        while let Some(at) = lower.get(from..).and_then(|rest| rest.find(name)).map(|i| i + from) {
            from = at + name.len();
            if at > 0 && (b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'-') {
                continue;
            }
            // Closing quote, separator (`:`, `=`, `=>`), spaces, opening quote.
            let mut i = at + name.len();
            let quote = |c: u8| matches!(c, b'\'' | b'"');
            if b.get(i).copied().is_some_and(quote) {
                i += 1;
            }
            while b.get(i) == Some(&b' ') {
                i += 1;
            }
            match (b.get(i), b.get(i + 1)) {
                (Some(b'='), Some(b'>')) => i += 2,
                (Some(b':' | b'='), _) => i += 1,
                _ => continue,
            }
            while b.get(i) == Some(&b' ') {
                i += 1;
            }
            let quoted = b.get(i).copied().filter(|c| quote(*c));
            if quoted.is_some() {
                i += 1;
            }
            let end = match quoted {
                Some(q) => b[i..].iter().position(|&c| c == q || c == b'\n').map_or(b.len(), |n| i + n),
                None => b[i..].iter().position(|&c| matches!(c, b',' | b'}' | b';' | b'\n' | b' ' | b'\r')).map_or(b.len(), |n| i + n),
            };
            if let Some(value) = text_in.get(i..end).filter(|v| !v.is_empty() && v.len() <= 40) {
                headers.push(Header { name: (*name).to_string(), value: value.trim(), line: (at, end) });
            }
        }
    }
}

/// Parses `name: value` when the name is a plausible header name.
fn header_line(content: &str, start: usize, end: usize) -> Option<Header<'_>> {
    let (name, value) = content.split_once(':')?;
    // No header name the diagnoser acts on starts with a digit; timestamps
    // (`2024-05-01T12:00:00`) would otherwise make every log line a header.
    if name.is_empty() || name.as_bytes()[0].is_ascii_digit() || name.len() > 60 || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return None;
    }
    Some(Header { name: name.to_ascii_lowercase(), value: value.trim(), line: (start, end) })
}

/// Acts on the headers that matter: retry timing, quota, request ids,
/// provider, and the OAuth error in `WWW-Authenticate`.
pub fn apply_headers(headers: &[Header<'_>], now_unix_s: Option<i64>, found: &mut Collected, scope: Option<(usize, usize)>) {
    for h in headers {
        let (start, end) = h.line;
        let name = h.name.as_str();
        if let Some(p) = signals::provider_of_header(name) {
            found.provider(p);
        }
        if signals::REQUEST_ID_HEADERS.contains(&name) {
            found.request_id(h.value);
        }
        let retry = match name {
            "retry-after" => retry::retry_after(h.value, now_unix_s).map(|s| (s, 0, "Retry-After header")),
            "ratelimit-reset" => retry::reset(h.value, now_unix_s).map(|s| (s, 1, "RateLimit-Reset header")),
            "x-ratelimit-reset" | "x-rate-limit-reset" => retry::reset(h.value, now_unix_s).map(|s| (s, 3, "X-RateLimit-Reset header")),
            "x-ratelimit-reset-after" => retry::reset(h.value, now_unix_s).map(|s| (s, 1, "X-RateLimit-Reset-After header")),
            "x-ratelimit-reset-requests" | "x-ratelimit-reset-tokens" => retry::duration(h.value).map(|s| (s, 3, "rate limit reset header")),
            "ratelimit" => ratelimit_structured(h.value).map(|s| (s, 1, "RateLimit header")),
            _ => None,
        };
        if let Some((seconds, rank, why)) = retry {
            found.retries.push(RetrySig { seconds, start, end, rank, why, scope });
        }
        if matches!(name, "x-ratelimit-remaining" | "ratelimit-remaining" | "x-rate-limit-remaining") && h.value.trim() == "0" {
            found.quota_exhausted = true;
            found.code("x-ratelimit-remaining-0", start, end, 0.7, "rate limit remaining is 0");
        }
        if name == "www-authenticate" {
            if let Some(at) = h.value.find("error=") {
                let rest = h.value.get(at + 6..).unwrap_or("").trim_start_matches('"');
                let len = rest.find(|c: char| c == '"' || c == ',' || c.is_whitespace()).unwrap_or(rest.len());
                found.code(rest.get(..len).unwrap_or(""), start, end, 0.9, "WWW-Authenticate error");
            }
            if let Some(at) = h.value.find("error_description=\"") {
                let rest = h.value.get(at + 19..).unwrap_or("");
                found.message(1, rest.split('"').next().unwrap_or(""));
            }
        }
        if name == "x-ms-ags-diagnostic" || name == "x-ms-diagnostics" {
            found.provider("microsoft");
        }
    }
}

/// The `t=` (reset) parameter of the structured `RateLimit` header draft: `limit=100, remaining=0, reset=30` or `"default";r=0;t=30`.
fn ratelimit_structured(value: &str) -> Option<u64> {
    value.split([',', ';']).find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        matches!(k.trim(), "t" | "reset").then(|| retry::reset(v, None)).flatten()
    })
}

/// Prose markers followed by a status code, lower case.
const PROSE_BEFORE: &[&str] = &[
    "status code ", "status code: ", "status code=", "statuscode: ", "statuscode=", "status_code=", "status: ",
    "status=", "status ", "http status ", "http ", "http error ", "error: ", "error ", "responded with ",
    "returned ", "response code ", "response code: ", "failed with ", "got ", "code=", "httperror ", "error code: ",
    "failed with: ", "got code ", "code: ",
];

/// The reason phrases of failing statuses (RFC 9110, RFC 6585, and the
/// codes proxies and CDNs use), letters only.
const REASONS: &[(u16, &str)] = &[
    (400, "badrequest"), (401, "unauthorized"), (402, "paymentrequired"), (403, "forbidden"), (404, "notfound"),
    (405, "methodnotallowed"), (406, "notacceptable"), (407, "proxyauthenticationrequired"), (408, "requesttimeout"),
    (409, "conflict"), (410, "gone"), (411, "lengthrequired"), (412, "preconditionfailed"), (413, "payloadtoolarge"),
    (413, "requestentitytoolarge"), (413, "contenttoolarge"), (414, "uritoolong"), (415, "unsupportedmediatype"),
    (422, "unprocessableentity"), (422, "unprocessablecontent"), (423, "locked"), (424, "faileddependency"),
    (425, "tooearly"), (428, "preconditionrequired"), (429, "toomanyrequests"), (431, "requestheaderfieldstoolarge"),
    (451, "unavailableforlegalreasons"), (500, "internalservererror"), (501, "notimplemented"), (502, "badgateway"),
    (503, "serviceunavailable"), (504, "gatewaytimeout"), (507, "insufficientstorage"), (508, "loopdetected"),
    (511, "networkauthenticationrequired"), (521, "webserverisdown"), (522, "connectiontimedout"),
    (523, "originisunreachable"), (524, "atimeoutoccurred"), (525, "sslhandshakefailed"), (526, "invalidsslcertificate"),
    (529, "overloaded"), (529, "siteisoverloaded"),
];

/// Words right before a number that make it a status (`'status': 400`,
/// `statusCode: \`429\``, `[status code] 401`, `status     = 400`).
const CUE_WORDS: &[&str] = &["status", "statuscode", "code", "http", "httpstatus", "httpcode", "responsecode", "httperror", "api"];

/// A failing status by its shape in prose, wherever it sits in the line:
/// followed by its reason phrase (`(401) Unauthorized`, `401 UNAUTHORIZED`),
/// preceded by it (`TooManyRequests (429)`), right after a status word, in
/// parentheses on an error line (`ApiException: (429)`, `API Error (529 ...`),
/// or opening a message (`"403 Exceeded rate limits`). Returns the span and code.
fn status_by_shape(lower_line: &str) -> Option<(usize, usize, u16)> {
    let b = lower_line.as_bytes();
    // English words of failure, and "error" in the languages the corpus shows
    // (Chinese, Japanese, Korean, Russian, Portuguese, German, French).
    let erring_words = [
        "error", "exception", "fail", "exceeded", "denied", "invalid", "refused", "toomany", "too many", "unable", "could not", "错误", "エラー",
        "오류", "шибк", "erro", "fehler", "erreur",
    ];
    // Read only once a failing status candidate shows up: most lines have none.
    let mut erring_seen: Option<bool> = None;
    let mut erring = || *erring_seen.get_or_insert_with(|| erring_words.iter().any(|w| lower_line.contains(w)));
    let mut i = 0;
    while i + 3 <= b.len() {
        let boundary_before = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let code = if boundary_before { lower_line.get(i..).and_then(three_digits).filter(|c| *c >= 400) } else { None };
        let Some(code) = code else {
            i += 1;
            continue;
        };
        let (start, end) = (i, i + 3);
        // Letters only, no allocation: the reason phrase after the number
        // (`(401) Unauthorized`) or before it (`TooManyRequests (429)`).
        let gap_after = b[end..].iter().take_while(|c| !c.is_ascii_alphabetic()).count();
        let gap_before = b[..start].iter().rev().take_while(|c| !c.is_ascii_alphabetic()).count();
        let reasons = || REASONS.iter().filter(|(c, _)| *c == code).map(|(_, r)| r.as_bytes());
        let letters_after = || b[end..].iter().take(48).copied().filter(u8::is_ascii_alphabetic);
        let letters_before = || b[..start].iter().rev().take(48).copied().filter(u8::is_ascii_alphabetic);
        let named_after = gap_after <= 4 && reasons().any(|r| letters_after().take(r.len()).eq(r.iter().copied()));
        let named_before = gap_before <= 3 && reasons().any(|r| letters_before().take(r.len()).eq(r.iter().rev().copied()));
        // The word right before (underscores dropped): `status`, `statusCode`,
        // `res_status`, `http_code`, `DatabaseError`.
        let word_end = start - gap_before.min(start);
        let word = b[..word_end].iter().rev().take_while(|c| c.is_ascii_alphabetic() || **c == b'_').filter(|c| **c != b'_').copied();
        let word_is = |w: &str| word.clone().take(w.len() + 1).eq(w.bytes().rev());
        let word_ends = |w: &str| word.clone().take(w.len()).eq(w.bytes().rev());
        let cued = gap_before <= 6
            && gap_before > 0
            && (CUE_WORDS.iter().any(|w| word_is(w))
                || ["status", "statuscode", "httpcode"].iter().any(|w| word_ends(w))
                || (gap_before <= 3 && ["error", "exception"].iter().any(|w| word_ends(w))));
        let text_before = lower_line.get(..start).unwrap_or("");
        let text_after = lower_line.get(end..).unwrap_or("");
        // `(403) Forbidden`, `（503）`, `ApiException: (429)`, `TransportError(400, ...`.
        let parenthesized = (text_before.ends_with('(') && text_after.starts_with([')', ' ', ','])
            || text_before.ends_with('（') && text_after.starts_with('）'))
            && erring();
        let quoted = text_before.ends_with(['"', '\'', '`', '[']);
        let opens = (quoted || (start == 0 && erring())) && b.get(end) == Some(&b' ') && b.get(end + 1).is_some_and(u8::is_ascii_alphabetic);
        // `403 - You have exceeded...`, `400: {'error': ...}`, `[400: PUT]`, `429 error responses`.
        let spaced = start == 0 || text_before.ends_with([' ', '[', '"', '\'']);
        let leads = spaced
            && (text_after.starts_with(" - ") || text_after.starts_with(": ") || text_after.starts_with(" error"))
            && erring();
        if named_after || named_before || cued || parenthesized || opens || leads {
            return Some((start, end, code));
        }
        i = end;
    }
    None
}

/// The markers after which any status counts, not only a failing one.
fn any_status_after(marker: &str) -> bool {
    matches!(marker, "status: " | "http " | "status code ")
}

/// A status told in prose within one (lower-cased) line: the first marker of
/// [`PROSE_BEFORE`] (in its order) written right before a status, at its
/// leftmost such place.
///
/// One pass finds the runs of exactly three digits reading 100..=599 (most
/// lines have none and cost nothing more); only there are the markers
/// compared, backwards from the number.
fn prose_status(lower_line: &str, line_start: usize, found: &mut Collected) {
    if found.statuses.len() > 200 {
        return;
    }
    let b = lower_line.as_bytes();
    // (marker index, marker start, number start, code) of the best match so far.
    let mut best: Option<(usize, usize, usize, u16)> = None;
    let mut any_triple = false;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - run_start < 3 {
            continue;
        }
        // The last three digits of a longer run can still precede " client error".
        any_triple |= lower_line.get(i - 3..).and_then(three_digits).is_some();
        if i - run_start != 3 {
            continue;
        }
        let Some(code) = lower_line.get(run_start..).and_then(three_digits) else { continue };
        // `GET https://api.github.com/user: 401 Bad credentials` (Go clients):
        // a request's URL, a colon, the status.
        if best.is_none() && code >= 400 && run_start >= 2 && &b[run_start - 2..run_start] == b": " {
            let token_start = b[..run_start - 2].iter().rposition(|c| c.is_ascii_whitespace()).map_or(0, |p| p + 1);
            if b[token_start..].starts_with(b"http://") || b[token_start..].starts_with(b"https://") {
                best = Some((PROSE_BEFORE.len(), run_start - 2, run_start, code));
                continue;
            }
        }
        let limit = best.map_or(PROSE_BEFORE.len(), |(m, ..)| m);
        for (m, marker) in PROSE_BEFORE.iter().enumerate().take(limit) {
            let Some(abs) = run_start.checked_sub(marker.len()) else { continue };
            // Backwards from the number: most markers fail on their last byte.
            if !b[abs..run_start].iter().rev().eq(marker.as_bytes().iter().rev()) {
                continue;
            }
            let before_ok = abs == 0 || !b.get(abs - 1).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
            if before_ok && (code >= 400 || any_status_after(marker)) {
                best = Some((m, abs, run_start, code));
                break;
            }
        }
    }
    if let Some((_, abs, value_at, code)) = best {
        found.statuses.push(StatusSig { code, start: line_start + abs, end: line_start + value_at + 3, rank: 4, why: "status in a log line", scope: None });
        return;
    }
    if !any_triple {
        return;
    }
    if let Some((start, end, code)) = status_by_shape(lower_line) {
        found.statuses.push(StatusSig { code, start: line_start + start, end: line_start + end, rank: 4, why: "status in a log line", scope: None });
        return;
    }
    // "403 Client Error: Forbidden for url" (Python requests) and "502 Server Error".
    for marker in [" client error", " server error"] {
        if let Some(at) = signals::find_str(lower_line, marker) {
            if at >= 3 {
                if let Some(code) = lower_line.get(at - 3..).and_then(three_digits) {
                    let s = line_start + at - 3;
                    found.statuses.push(StatusSig { code, start: s, end: s + 3 + marker.len(), rank: 4, why: "status in a log line", scope: None });
                    return;
                }
            }
        }
    }
}

/// Mail servers answer in three digits too (`535 5.7.139 Authentication
/// unsuccessful`, `451 4.7.1 Ratelimit exceeded`): a number read as a status
/// is an SMTP reply, not an HTTP status, when its line holds an enhanced
/// mail status code (`5.7.139`, RFC 3463) or speaks SMTP (`ESMTP`,
/// `SmtpException`, `STARTTLS`) and says nothing of HTTP. A raw status line
/// always stays.
pub fn drop_smtp_replies(work: &str, lower: &str, statuses: &mut Vec<StatusSig>) {
    if statuses.iter().all(|s| s.rank == 0) {
        return;
    }
    statuses.retain(|s| {
        if s.rank == 0 {
            return true;
        }
        let line_start = work.get(..s.start).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
        let line_end = work.get(s.end..).and_then(|t| t.find('\n')).map_or(work.len(), |i| s.end + i);
        let line = lower.get(line_start..line_end).unwrap_or("");
        let speaks_smtp = ["smtp", "starttls", "ehlo ", "rcpt to", "mail from:"].iter().any(|m| line.contains(m));
        !(has_enhanced_mail_code(line) || (speaks_smtp && !line.contains("http")))
    });
}

/// Whether `line` holds `2.x.x`, `4.x.x` or `5.x.x` standing alone (RFC 3463).
fn has_enhanced_mail_code(line: &str) -> bool {
    let b = line.as_bytes();
    let digits = |from: usize| b.get(from..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
    (0..b.len()).any(|i| {
        if !matches!(b[i], b'2' | b'4' | b'5') || b.get(i + 1) != Some(&b'.') || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.')) {
            return false;
        }
        let first = digits(i + 2);
        if !(1..=3).contains(&first) || b.get(i + 2 + first) != Some(&b'.') {
            return false;
        }
        let second = digits(i + 3 + first);
        let end = i + 3 + first + second;
        (1..=3).contains(&second) && !b.get(end).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text_in: &str, status: Option<u16>, retry: Option<u64>) {
        let mut found = Collected::default();
        scan(text_in, &text_in.to_ascii_lowercase(), Some(1_700_000_000), &mut found);
        assert_eq!(found.statuses.first().map(|s| s.code), status, "status of {text_in:?}");
        assert_eq!(found.retries.first().map(|r| r.seconds), retry, "retry of {text_in:?}");
    }

    #[test]
    fn reads_statuses_after_a_url_and_in_go_and_node_phrasing() {
        check("2024/05/01 GET https://api.github.com/orgs/acme/repos?per_page=10: 401 Bad credentials []", Some(401), None);
        check("{ Error: PUT call failed with: 400\n    at Request._callback", Some(400), None);
        check("server answered with code: 403 and no body", Some(403), None);
        // A time after a URL is no status.
        check("fetched https://example.com/feed: 200 items in 350 ms", None, None);
    }

    #[test]
    fn an_smtp_reply_is_no_http_status() {
        let statuses = |text: &str| {
            let (lower, mut found) = (text.to_ascii_lowercase(), Collected::default());
            scan(text, &lower, None, &mut found);
            drop_smtp_replies(text, &lower, &mut found.statuses);
            found.statuses.iter().map(|s| s.code).collect::<Vec<_>>()
        };
        assert_eq!(statuses("SmtpException: Error: 535 5.7.139 Authentication unsuccessful\n451 ESMTP server too busy, try later"), Vec::<u16>::new());
        assert_eq!(statuses("request failed: error 503 Service Unavailable"), [503]);
    }

    #[test]
    fn reads_status_lines_and_retry_headers() {
        check("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\n\r\n", Some(429), Some(30));
        check("HTTP/2 403\ncontent-type: application/json\n", Some(403), None);
        check(":status: 503\nretry-after: Tue, 14 Nov 2023 22:14:20 GMT\n", Some(503), Some(60));
        check("< HTTP/2 429\n< x-ratelimit-reset: 1700000045\n", Some(429), Some(45));
        check("requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://x", Some(403), None);
        check("Error: 400 - {\"error\":\"invalid_grant\"}", Some(400), None);
        check("AxiosError: Request failed with status code 401", Some(401), None);
        check("Processed 200 records", None, None);
        check("WebClientResponseException$Unauthorized: 401 Unauthorized from GET https://x", Some(401), None);
        check("Invoke-RestMethod : The remote server returned an error: (401) Unauthorized.", Some(401), None);
        check("CosmosException : Response status code does not indicate success: TooManyRequests (429); Substatus: 3200", Some(429), None);
        check("{'index': {'_id': 'x', 'status': 400, 'error': {'type': 'mapper_parsing_exception'}}}", Some(400), None);
        check("hubspot.crm.companies.exceptions.ApiException: (429)", Some(429), None);
        check("`\"403 Exceeded rate limits: too many table update operations\"`", Some(403), None);
        check("Loaded 404 rows in 500 ms", None, None);
        check("requests.exceptions.HTTPError: 429 Client Error\nheaders: {'Content-Type': 'application/json', 'Retry-After': '20', 'Date': 'x'}", Some(429), Some(20));
        check("{\"status\": 429, \"headers\": {\"retry-after\": \"7\", \"x-request-id\": \"abc\"}}", Some(429), Some(7));
        check("level=warn msg=\"throttled\" status=429 retry-after=12 path=/v1/items", Some(429), Some(12));
        check("response.headers => {\"Retry-After\" => \"5\"}", None, Some(5));
        check("error: moved 429 files", None, None);
        check("远程服务器返回错误:（503）服务器不可用。", Some(503), None);
        check("(google.cloud.bigquery.dbapi.exceptions.DatabaseError) 400 Syntax error: Unexpected", Some(400), None);
        check("scan failed: GitHub API 403 for /repos/acme/app", Some(403), None);
        check("TransportError(400, u'RemoteTransportException[[node3]]; nested: MapperParsingException')", Some(400), None);
        check("Octokit::TooManyRequests GET https://api.github.com/x: 403 - You have exceeded a secondary rate limit", Some(403), None);
        check("restfly.errors.BadRequestError ERROR [400: PUT] https://jira/api/3/issue/1", Some(400), None);
        check("res_status: 429", Some(429), None);
        check("Caused by ResponseError('too many 429 error responses')", Some(429), None);
        check("Error: copied 404 files: done", None, None);
        check("HTTP/1.1 999\n", None, None);
    }

    #[test]
    fn reads_the_oauth_error_of_www_authenticate() {
        let t = "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"The access token expired\"\n";
        let mut found = Collected::default();
        scan(t, &t.to_ascii_lowercase(), None, &mut found);
        assert_eq!(found.codes.first().map(|c| c.code.as_str()), Some("invalid_token"));
        assert_eq!(found.messages.first().map(|m| m.1.as_str()), Some("The access token expired"));
    }
}
