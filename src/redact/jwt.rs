//! JSON Web Tokens: finding them in text and reading their header and claims
//! (RFC 7519, RFC 7515) so a user can see who issued a token, for whom, and
//! whether it has expired, which explains many 401 and 403 responses.
//!
//! The signature segment is never decoded, stored or returned; a JWE's
//! encrypted parts are never touched. Pure; never panics on any input.

use serde_json::Value;

/// Longest token read, in bytes; longer runs are not inspected.
const MAX_TOKEN: usize = 64 * 1024;

/// What a JWT's header and claims say. Holds no part of the signature.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct JwtInfo {
    /// Header `alg`, e.g. `RS256` (`none` means an unsigned token).
    pub alg: Option<String>,
    /// Header `typ`, e.g. `JWT` or `at+jwt`.
    pub typ: Option<String>,
    /// Header `kid`: which of the issuer's keys signed it.
    pub kid: Option<String>,
    /// Claim `iss`: who issued the token.
    pub iss: Option<String>,
    /// Claim `aud`: who the token is for (a string or an array in the token).
    pub aud: Vec<String>,
    /// Claim `sub`: whom the token is about.
    pub sub: Option<String>,
    /// Scopes and roles from `scope` (space separated), `scp` and `roles`.
    pub scopes: Vec<String>,
    /// Claim `exp`, seconds since the Unix epoch.
    pub exp: Option<i64>,
    /// Claim `iat`, seconds since the Unix epoch.
    pub iat: Option<i64>,
    /// Claim `nbf`, seconds since the Unix epoch.
    pub nbf: Option<i64>,
    /// True when the token carries a non-empty signature segment.
    pub signed: bool,
}

/// Byte spans of every JWT in `text`: `eyJ` (a base64url `{"`), a header
/// segment, a dot, a payload segment, and optionally more dot-separated
/// segments (the signature; JWE has five). Linear in the text.
pub fn find_jwts(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i + 3 <= bytes.len() {
        // `J` is rare in text and `memchr` skips to it many bytes at a time.
        let Some(j) = memchr::memchr(b'J', &bytes[i + 2..]) else { break };
        i += j;
        if bytes.get(i..i + 3) != Some(b"eyJ") || (i > 0 && is_b64url(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let (end, n_segments, second_len) = scan_segments(bytes, i);
        if n_segments >= 2 && second_len >= 2 && end - i >= 16 {
            spans.push((i, end));
        }
        i = end.max(i + 1);
    }
    spans
}

/// From `start`, the end of a run of base64url segments joined by single
/// dots, how many segments it has, and the length of the second one.
fn scan_segments(bytes: &[u8], start: usize) -> (usize, usize, usize) {
    let mut i = start;
    let mut n_segments = 1;
    let mut second_len = 0;
    let mut seg_start = start;
    while i < bytes.len() {
        let b = bytes[i];
        if is_b64url(b) {
            i += 1;
        } else if b == b'.' && n_segments < 5 && bytes.get(i + 1).is_some_and(|&c| is_b64url(c) || c == b'.') {
            if n_segments == 2 {
                second_len = i - seg_start;
            }
            n_segments += 1;
            i += 1;
            seg_start = i;
        } else if b == b'.' && n_segments == 2 {
            // An unsecured token (`alg: none`) ends with an empty signature.
            second_len = i - seg_start;
            n_segments += 1;
            i += 1;
            break;
        } else {
            break;
        }
    }
    if n_segments == 2 {
        second_len = i - seg_start;
    }
    (i, n_segments, second_len)
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Decodes base64 in either alphabet (RFC 4648 sections 4 and 5), padding
/// optional. `None` on any other byte or an impossible length.
pub fn decode_base64(input: &str) -> Option<Vec<u8>> {
    let trimmed = input.trim_end_matches('=');
    let mut out = Vec::with_capacity(trimmed.len() * 3 / 4);
    let (mut acc, mut n_bits) = (0u32, 0u32);
    for b in trimmed.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        n_bits += 6;
        if n_bits >= 8 {
            n_bits -= 8;
            out.push((acc >> n_bits) as u8);
            acc &= (1 << n_bits) - 1;
        }
    }
    // A lone trailing character carries fewer than 8 bits: not valid base64.
    (trimmed.len() % 4 != 1).then_some(out)
}

/// Decodes a base64url segment into a JSON object.
fn decode_object(segment: &str) -> Option<serde_json::Map<String, Value>> {
    match serde_json::from_slice(&decode_base64(segment)?).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// Reads a JWT's header and claims. `None` when `token` is not a JWS-shaped
/// token whose header is a JSON object. A token whose payload is not JSON
/// (a JWE) gives the header fields alone.
pub fn inspect(token: &str) -> Option<JwtInfo> {
    let token = token.trim();
    if token.len() > MAX_TOKEN {
        return None;
    }
    let mut parts = token.split('.');
    let header = decode_object(parts.next()?)?;
    let payload = parts.next()?;
    let signature = parts.next();
    let claims = decode_object(payload).unwrap_or_default();
    let text = |map: &serde_json::Map<String, Value>, name: &str| map.get(name).and_then(Value::as_str).map(str::to_string);
    let number = |name: &str| {
        claims.get(name).and_then(Value::as_f64).filter(|n| n.is_finite() && n.abs() < 1e15).map(|n| n as i64)
    };
    let mut scopes = Vec::new();
    for name in ["scope", "scp", "roles"] {
        match claims.get(name) {
            Some(Value::String(s)) => scopes.extend(s.split_whitespace().map(str::to_string)),
            Some(Value::Array(items)) => scopes.extend(items.iter().filter_map(Value::as_str).map(str::to_string)),
            _ => {}
        }
    }
    let aud = match claims.get("aud") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    };
    Some(JwtInfo {
        alg: text(&header, "alg"),
        typ: text(&header, "typ"),
        kid: text(&header, "kid"),
        iss: text(&claims, "iss"),
        aud,
        sub: text(&claims, "sub"),
        scopes,
        exp: number("exp"),
        iat: number("iat"),
        nbf: number("nbf"),
        signed: signature.is_some_and(|s| !s.is_empty()),
    })
}

/// One sentence on the token's validity window at `now_unix_s`: "expired 3 h
/// ago", "expires in 12 min", "not valid until 2024-05-01T10:00:00Z (in 2 h)"
/// or "no expiry (no exp claim)".
pub fn describe_expiry(info: &JwtInfo, now_unix_s: i64) -> String {
    if let Some(nbf) = info.nbf.filter(|&nbf| nbf > now_unix_s) {
        return format!("not valid until {} (in {})", iso_utc(nbf), duration(nbf.saturating_sub(now_unix_s)));
    }
    match info.exp {
        Some(exp) if exp <= now_unix_s => format!("expired {} ago", duration(now_unix_s.saturating_sub(exp))),
        Some(exp) => format!("expires in {}", duration(exp.saturating_sub(now_unix_s))),
        None => "no expiry (no exp claim)".to_string(),
    }
}

/// A rough human duration: seconds, minutes, hours, then days.
fn duration(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 => format!("{} min", s / 60),
        3600..=172_799 => format!("{} h", s / 3600),
        _ => format!("{} days", s / 86_400),
    }
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian,
/// days-to-civil conversion done with era arithmetic).
pub fn iso_utc(unix_s: i64) -> String {
    let days = unix_s.div_euclid(86_400);
    let secs = unix_s.rem_euclid(86_400);
    // Shift the epoch to 0000-03-01 so leap days fall at the end of a year.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    // header {"alg":"HS256","typ":"JWT"}, claims {"sub":"1234567890","name":"John Doe","iat":1516239022}
    const SAMPLE: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    #[track_caller]
    fn check(text: &str, expected: &[&str]) {
        let found: Vec<&str> = find_jwts(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn finds_tokens_in_text() {
        check(&format!("Authorization: Bearer {SAMPLE}\r\n"), &[SAMPLE]);
        check(&format!("{{\"id_token\":\"{SAMPLE}\"}}"), &[SAMPLE]);
        check(&format!("token={SAMPLE}. Next"), &[SAMPLE]);
        check("eyJust a word. eyJ", &[]);
        check("", &[]);
    }

    #[test]
    fn reads_header_and_claims_never_the_signature() {
        let info = inspect(SAMPLE).expect("sample decodes");
        assert_eq!(info.alg.as_deref(), Some("HS256"));
        assert_eq!(info.typ.as_deref(), Some("JWT"));
        assert_eq!(info.sub.as_deref(), Some("1234567890"));
        assert_eq!(info.iat, Some(1_516_239_022));
        assert!(info.signed);
        let shown = format!("{info:?}");
        assert!(!shown.contains("SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"));
        assert_eq!(inspect("eyJnot.base64!"), None);
        assert_eq!(inspect("hello"), None);
    }

    #[test]
    fn describes_expiry_against_a_clock() {
        let info = JwtInfo { exp: Some(1_000_000), ..JwtInfo::default() };
        assert_eq!(describe_expiry(&info, 1_000_000 + 3 * 3600), "expired 3 h ago");
        assert_eq!(describe_expiry(&info, 1_000_000 - 12 * 60), "expires in 12 min");
        let early = JwtInfo { nbf: Some(86_400), ..JwtInfo::default() };
        assert_eq!(describe_expiry(&early, 0), "not valid until 1970-01-02T00:00:00Z (in 24 h)");
        assert_eq!(describe_expiry(&JwtInfo::default(), 0), "no expiry (no exp claim)");
    }

    #[test]
    fn iso_dates_cross_leap_years() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_utc(1_700_000_000), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn base64_accepts_both_alphabets() {
        assert_eq!(decode_base64("dXNlcjpwYXNz").as_deref(), Some(&b"user:pass"[..]));
        assert_eq!(decode_base64("-_8"), Some(vec![0xfb, 0xff]));
        assert_eq!(decode_base64("a"), None);
        assert_eq!(decode_base64("a*b"), None);
    }
}
