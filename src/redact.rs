//! Finds and masks secrets in pasted text before it is shown, copied or handed
//! to the host, and reads JWTs for the inspector.
//!
//! Spans are byte offsets into the input and always lie on char boundaries,
//! sorted and non-overlapping; the JS layer converts them to UTF-16 offsets.
//! Masking never reveals any part of a secret's value; what support needs
//! (request ids, UUIDs, commit SHAs, status lines, error messages that merely
//! mention a token or a key) is kept. Redacting redacted text changes nothing.
//! Pure core: no web imports, no regex engine, linear time, never panics.
//!
//! Vendor formats are data ([`families`], compiled from `families.toml`);
//! the detectors for headers, fields, URLs, PEM blocks and JWTs live in
//! [`rules`], value-shape tests in [`entropy`], JWT decoding in [`jwt`].

pub mod entropy;
pub mod families;
pub mod jwt;
pub mod pattern;
pub mod rules;

use serde::Serialize;

pub use jwt::{describe_expiry, find_jwts, inspect, iso_utc, JwtInfo};

/// Largest text scanned, in bytes; the widget cuts pastes before this.
pub const MAX_TEXT: usize = 16 * 1024 * 1024;

/// How every mask begins: `[REDACTED:<kind>]`.
pub const MASK_OPEN: &str = "[REDACTED:";

/// What stands in for a secret of this family: `[REDACTED:<kind>]`.
pub fn mask_of(kind: &str) -> String {
    format!("{MASK_OPEN}{kind}]")
}

/// Options of a redaction pass.
#[derive(Clone, Debug, Default)]
pub struct RedactOptions {
    /// Also mask e-mail addresses.
    pub emails: bool,
}

/// One secret found: its kind (`bearer`, `jwt`, `aws_access_key_id`...) and
/// its byte span in the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Secret {
    /// What kind of secret, snake_case.
    pub kind: &'static str,
    /// Start byte offset (inclusive).
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// Every secret in `text`, sorted by start, non-overlapping. Where two
/// detectors disagree on a span, the union is masked (a leak is worse than
/// an extra mask) and the more specific detector names it.
pub fn find_secrets(text: &str, options: &RedactOptions) -> Vec<Secret> {
    let mut hits = Vec::new();
    rules::scan_all(text, options.emails, &mut hits);
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut merged: Vec<rules::Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        let start = crate::text::floor_char_boundary(text, hit.start);
        let end = ceil_char_boundary(text, hit.end);
        if start >= end {
            continue;
        }
        match merged.last_mut() {
            Some(last) if start < last.end => {
                last.end = last.end.max(end);
                if hit.rank > last.rank {
                    last.rank = hit.rank;
                    last.kind = hit.kind;
                }
            }
            _ => merged.push(rules::Hit { start, end, ..hit }),
        }
    }
    merged.into_iter().map(|h| Secret { kind: h.kind, start: h.start, end: h.end }).collect()
}

/// The smallest char boundary at or after `index` (clamped to the text).
fn ceil_char_boundary(text: &str, index: usize) -> usize {
    let mut i = index.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The text with every span replaced by `[REDACTED:<kind>]`, skipping the spans
/// whose positions are in `keep` (false positives the user unmasked). Spans
/// that overlap an earlier one or do not fit the text are skipped.
pub fn mask(text: &str, secrets: &[Secret], keep: &[usize]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (i, secret) in secrets.iter().enumerate() {
        if keep.contains(&i) || secret.start < at {
            continue;
        }
        let (Some(before), true) = (text.get(at..secret.start), text.get(secret.start..secret.end).is_some()) else {
            continue;
        };
        out.push_str(before);
        out.push_str(&mask_of(secret.kind));
        at = secret.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// As [`mask`], but keeps readable every secret whose value is one of
/// `shown` (values the user marked as not secret).
pub fn mask_except(text: &str, secrets: &[Secret], shown: &[String]) -> String {
    let keep: Vec<usize> = secrets
        .iter()
        .enumerate()
        .filter(|(_, s)| text.get(s.start..s.end).is_some_and(|v| shown.iter().any(|u| u == v)))
        .map(|(i, _)| i)
        .collect();
    mask(text, secrets, &keep)
}

/// What was masked, by family: what the user reads, how many, and where to
/// rotate it when it is a live vendor credential.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Masked {
    /// The family id (the findings' `kind`).
    pub kind: &'static str,
    /// What the user reads: "Stripe live secret key", "Password".
    pub label: &'static str,
    /// How many values of this family were masked.
    pub count: usize,
    /// The vendor's page to revoke and rotate it: only for live credentials
    /// of a known vendor (a pasted live key must be assumed leaked).
    pub rotate: Option<&'static str>,
}

/// The findings grouped by family, in order of first appearance.
pub fn masked_summary(secrets: &[Secret]) -> Vec<Masked> {
    let mut summary: Vec<Masked> = Vec::new();
    for secret in secrets {
        if let Some(known) = summary.iter_mut().find(|m| m.kind == secret.kind) {
            known.count += 1;
            continue;
        }
        let rotate = families::by_id(secret.kind).filter(|f| f.live && !f.rotate.is_empty()).map(|f| f.rotate);
        summary.push(Masked { kind: secret.kind, label: families::label(secret.kind), count: 1, rotate });
    }
    summary
}

/// The same summary read back from masked text (the `[REDACTED:<kind>]`
/// marks of [`mask`]), so a view can show it from a diagnosis's `redacted`
/// text without scanning the paste again. Marks of unknown kinds are skipped.
pub fn masked_summary_of_text(masked: &str) -> Vec<Masked> {
    let secrets: Vec<Secret> = masked
        .match_indices(MASK_OPEN)
        .filter_map(|(at, _)| {
            let rest = &masked[at + MASK_OPEN.len()..];
            let kind = &rest[..rest.find(']')?];
            let (kind, _) = families::known_kind(kind)?;
            Some(Secret { kind, start: at, end: at })
        })
        .collect();
    masked_summary(&secrets)
}

/// Finds and masks in one call.
pub fn redact(text: &str, options: &RedactOptions) -> (String, Vec<Secret>) {
    let secrets = find_secrets(text, options);
    (mask(text, &secrets, &[]), secrets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: &str) {
        let (text, found) = redact(input, &RedactOptions::default());
        assert_eq!(text, expected, "input: {input:?}");
        for pair in found.windows(2) {
            assert!(pair[0].end <= pair[1].start, "overlap in {found:?}");
        }
        // Redaction is idempotent: masked text holds nothing more to mask.
        assert_eq!(redact(&text, &RedactOptions::default()).0, text, "second pass changed {text:?}");
    }

    #[test]
    fn headers_keep_the_scheme_and_cookie_names() {
        check("Authorization: Bearer abc.def-123\n", "Authorization: Bearer [REDACTED:bearer]\n");
        check("Proxy-Authorization: Basic dXNlcjpwYXNz\r\n", "Proxy-Authorization: Basic [REDACTED:basic_auth]\r\n");
        check("authorization: sekrit\n", "authorization: [REDACTED:authorization]\n");
        check("Cookie: sid=abc123; theme=dark\n", "Cookie: sid=[REDACTED:cookie]; theme=[REDACTED:cookie]\n");
        check(
            "Set-Cookie: sid=abc123; Path=/; HttpOnly; Secure\n",
            "Set-Cookie: sid=[REDACTED:cookie]; Path=/; HttpOnly; Secure\n",
        );
        check("-H 'Authorization: Bearer t0k3n-abc' \\\n", "-H 'Authorization: Bearer [REDACTED:bearer]' \\\n");
    }

    #[test]
    fn named_fields_in_every_syntax() {
        check(r#"{"password": "hunter2"}"#, r#"{"password": "[REDACTED:password]"}"#);
        check("GET /v1?api_key=abcd1234efgh&limit=5", "GET /v1?api_key=[REDACTED:api_key]&limit=5");
        check("clientSecret: 'Zx9-aa1'\n", "clientSecret: '[REDACTED:secret]'\n");
        check(r#"{\"password\":\"hunter2\"}"#, r#"{\"password\":\"[REDACTED:password]\"}"#);
        check("<Password>hunter2</Password>", "<Password>[REDACTED:password]</Password>");
        check("DB_PASSWORD=hunter2 next", "DB_PASSWORD=[REDACTED:password] next");
    }

    #[test]
    fn keeps_messages_that_mention_secrets() {
        check(r#"{"error": "invalid_token", "code": "ERR_BAD_REQUEST"}"#, r#"{"error": "invalid_token", "code": "ERR_BAD_REQUEST"}"#);
        check("token expired", "token expired");
        check("password: is too short", "password: is too short");
        check(r#"{"token_type": "Bearer", "expires_in": 3600}"#, r#"{"token_type": "Bearer", "expires_in": 3600}"#);
        check("WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"", "WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"");
    }

    #[test]
    fn urls_lose_only_the_password() {
        check("postgres://app:s3cret@db.internal:5432/prod", "postgres://app:[REDACTED:url_password]@db.internal:5432/prod");
        check("https://example.com/a@b", "https://example.com/a@b");
    }

    #[test]
    fn spans_stay_on_char_boundaries_with_non_ascii_text() {
        for input in ["pässword=ü1234567", "token=é", "Bearer ééééééééé", "-----BEGIN PRIVATE KEY-----é", "a@ü.com", "🔑=🔑"] {
            let found = find_secrets(input, &RedactOptions { emails: true });
            for s in &found {
                assert!(input.is_char_boundary(s.start) && input.is_char_boundary(s.end), "{input:?} {s:?}");
            }
            let _ = mask(input, &found, &[]);
        }
    }

    /// Random mixes of the bytes detectors care about must never panic and
    /// must give valid spans (a deterministic generator, so failures replay).
    #[test]
    fn random_pastes_never_panic() {
        let pieces = [
            "Bearer ", "Basic ", "Authorization: ", "Cookie: ", "password", "=", ":", "\"", "'", "\\", "<", ">", "/", "@", "://",
            "eyJ", ".", "-----BEGIN PRIVATE KEY-----", "-----END", "\n", " ", "AKIA", "sk_live_", "SG.", "é", "🔑", "a1B2", "[REDACTED:x]",
            "{", "[", "\"cookies\": [", "\"name\": \"token\"", "\"value\": \"", "&", "?", ";", "-b ", "--user ",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let mut paste = String::new();
            for _ in 0..(seed % 40) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                paste.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            seed = seed.wrapping_add(1);
            let found = find_secrets(&paste, &RedactOptions { emails: true });
            for pair in found.windows(2) {
                assert!(pair[0].end <= pair[1].start, "{paste:?}");
            }
            assert!(found.iter().all(|s| s.start < s.end && paste.is_char_boundary(s.start) && paste.is_char_boundary(s.end)), "{paste:?}");
            let _ = mask(&paste, &found, &[]);
        }
    }

    #[test]
    fn summary_names_each_family_and_where_to_rotate_live_keys() {
        let text = "Authorization: Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc\nSTRIPE_TEST=sk_test_9Lm2Xv4Rb8Tn1Ws6Hc3Pd0Ka\npassword=hunter2hunter2 sk_live_7Qk2mR9xVb4Tn8LwZs1Hc5Pf";
        let summary = masked_summary(&find_secrets(text, &RedactOptions::default()));
        let live = summary.iter().find(|m| m.kind == "stripe_secret_key").expect("the live key is named");
        assert_eq!((live.label, live.count), ("Stripe live secret key", 2));
        assert!(live.rotate.is_some_and(|url| url.starts_with("https://")), "{live:?}");
        let test_key = summary.iter().find(|m| m.kind == "stripe_test_secret_key").expect("the test key is named");
        assert_eq!(test_key.rotate, None, "test-mode keys open no production account");
        let password = summary.iter().find(|m| m.kind == "password").expect("the password is named");
        assert_eq!((password.label, password.rotate), ("Password", None));
    }

    #[test]
    fn summary_reads_back_from_masked_text() {
        let text = "Authorization: Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc\npassword=hunter2hunter2 [REDACTED:nonsense]";
        let found = find_secrets(text, &RedactOptions::default());
        assert_eq!(masked_summary_of_text(&mask(text, &found, &[])), masked_summary(&found));
    }

    #[test]
    fn emails_only_on_request() {
        assert_eq!(redact("mail ana@example.com", &RedactOptions::default()).0, "mail ana@example.com");
        assert_eq!(redact("mail ana@example.com", &RedactOptions { emails: true }).0, "mail [REDACTED:email]");
    }

    #[test]
    fn mask_skips_unmasked_and_bad_spans() {
        let found = vec![
            Secret { kind: "a", start: 0, end: 1 },
            Secret { kind: "b", start: 2, end: 3 },
            Secret { kind: "c", start: 5, end: 99 },
        ];
        assert_eq!(mask("xyzw", &found, &[0]), "xy[REDACTED:b]w");
    }
}
