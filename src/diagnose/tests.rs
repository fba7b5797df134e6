//! Tests of the whole diagnoser against a small catalogue of its own, so they
//! pin the diagnoser's behaviour whatever the built-in data says.

use super::*;

/// A catalogue with a few entries of every shape the diagnoser relies on.
fn catalogue() -> Vec<Entry> {
    let e = |id: &str, kind: &str, codes: &[&str], patterns: &[&str], providers: &[&str], retryable: &str| {
        serde_json::json!({
            "id": id, "title": id, "category": "integration_extraction", "kind": kind, "error_type": "sync",
            "layer": "source_api", "codes": codes, "patterns": patterns, "providers": providers,
            "summary": "s", "meaning": "m", "causes": ["c"], "fixes": ["f"], "action": "fix_request",
            "retryable": retryable, "severity": "error",
        })
    };
    let entries = serde_json::Value::Array(vec![
        e("t-http-400", "bad_request", &["400"], &["bad request"], &[], "no"),
        e("http-401", "auth", &["401"], &["unauthorized"], &[], "no"),
        e("http-403", "permission", &["403"], &["forbidden"], &[], "no"),
        e("http-502", "unavailable", &["502"], &["bad gateway"], &[], "yes"),
        e("http-522", "unavailable", &["522"], &[], &[], "yes"),
        e("http-nonstandard", "unknown", &[], &[], &[], "depends"),
        e("t-invalid-grant", "auth", &["invalid_grant"], &[], &[], "no"),
        e("t-invalid-token", "auth", &["invalid_token"], &[], &[], "no"),
        e("t-slack-ratelimited", "rate_limit", &["ratelimited"], &[], &["slack"], "yes"),
        e("t-google-rate", "rate_limit", &["rateLimitExceeded"], &[], &["google"], "yes"),
        e("t-insufficient-quota", "payment", &["insufficient_quota"], &[], &["openai"], "no"),
        e("t-refused", "network", &["ECONNREFUSED", "CURLE_COULDNT_CONNECT"], &["connection refused"], &[], "yes"),
        e("t-read-timeout", "timeout", &["SocketTimeoutException"], &["read timed out"], &[], "yes"),
        e("t-pool", "server", &["ResourceAccessException"], &[], &[], "depends"),
        e("t-relation", "database", &["42P01", "UndefinedTable"], &["does not exist"], &[], "no"),
        e("t-noise", "rate_limit", &[], &["retrying"], &[], "yes"),
        e("t-request-id", "unknown", &[], &["request id"], &[], "depends"),
        e("http-429", "rate_limit", &["429"], &["too many requests"], &[], "yes"),
    ]);
    let out: Vec<Entry> = serde_json::from_value(entries).unwrap_or_default();
    assert_eq!(out.len(), 18, "every test entry deserializes");
    out
}

const NOW: i64 = 1_700_000_000;

#[track_caller]
fn check(text: &str, format: &str, status: Option<u16>, kind: Kind, top: Option<&str>, retry_after_s: Option<u64>) -> Diagnosis {
    let d = diagnose_with(text, &catalogue(), &DiagnoseOptions { now_unix_s: Some(NOW), integration: None });
    assert_eq!(d.input.format, format, "format; notes {:?}", d.notes);
    assert_eq!(d.status, status, "status");
    assert_eq!(d.kind, kind, "kind; findings {:#?}", d.findings);
    assert_eq!(d.findings.first().map(|f| f.entry.as_str()), top, "top entry; findings {:#?}", d.findings);
    assert_eq!(d.retry_after_s, retry_after_s, "retry_after_s");
    let n_units = text.encode_utf16().count();
    for f in &d.findings {
        assert!(!f.evidence.is_empty(), "{} has no evidence", f.entry);
        assert!((0.0..=1.0).contains(&f.confidence));
        for e in &f.evidence {
            assert!(e.start <= e.end && e.end <= n_units, "evidence {e:?} out of the paste");
        }
    }
    d
}

#[test]
fn reads_status_and_retry_after() {
    let d = check("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\n\r\n", "http_raw", Some(429), Kind::RateLimit, Some("http-429"), Some(30));
    assert_eq!(d.retryable, Some(true));
    let c = d.findings[0].confidence;
    assert!((0.7..=0.9).contains(&c), "a status line alone is fairly sure, not certain: {c}");
}

#[test]
fn the_body_beats_a_contradicting_status() {
    check("HTTP/1.1 200 OK\ncontent-type: application/json\n\n{\"ok\":false,\"error\":\"ratelimited\"}", "http_raw", Some(200), Kind::RateLimit, Some("t-slack-ratelimited"), None);
    let d = check("HTTP/1.1 400 Bad Request\n\n{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}", "http_raw", Some(400), Kind::Auth, Some("t-invalid-grant"), None);
    assert!(d.findings.iter().any(|f| f.entry == "t-http-400"), "the status stays as a runner-up");
    assert_eq!(d.signals.message.as_deref(), Some("Token has been expired or revoked."));
    check(
        "HTTP/2 403\n\n{\"error\":{\"code\":403,\"message\":\"Rate Limit Exceeded\",\"errors\":[{\"domain\":\"usageLimits\",\"reason\":\"rateLimitExceeded\"}]}}",
        "http_raw",
        Some(403),
        Kind::RateLimit,
        Some("t-google-rate"),
        None,
    );
    let d = check(
        "HTTP/1.1 429 Too Many Requests\n\n{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}",
        "http_raw",
        Some(429),
        Kind::Payment,
        Some("t-insufficient-quota"),
        None,
    );
    assert_eq!(d.retryable, Some(false));
}

#[test]
fn highlights_the_www_authenticate_header() {
    let text = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"expired\"\r\n\r\n";
    let d = check(text, "http_raw", Some(401), Kind::Auth, Some("t-invalid-token"), None);
    let e = &d.findings[0].evidence[0];
    assert!(e.text.starts_with("WWW-Authenticate"), "{e:?}");
    assert!(d.findings[0].confidence >= 0.9);
}

#[test]
fn the_root_cause_wins_in_a_stack_trace() {
    let text = "org.springframework.web.client.ResourceAccessException: I/O error on GET request for \"https://api.example.com\": Read timed out\n\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:785)\nCaused by: java.net.SocketTimeoutException: Read timed out\n\tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:168)\n";
    check(text, "stack_trace", None, Kind::Timeout, Some("t-read-timeout"), None);
}

#[test]
fn the_root_cause_beats_noise_in_a_long_log() {
    let mut log = String::new();
    for i in 0..200 {
        log.push_str(&format!("2024-05-01T10:00:{:02}Z INFO sync.worker - retrying page {i}, request id abc{i}\n", i % 60));
    }
    log.push_str("2024-05-01T10:03:20Z ERROR sync.loader - psycopg2.errors.UndefinedTable: relation \"public.orders\" does not exist\n");
    for i in 0..50 {
        log.push_str(&format!("2024-05-01T10:04:{:02}Z INFO sync.worker - retrying page {i}\n", i % 60));
    }
    let d = check(&log, "log", None, Kind::Database, Some("t-relation"), None);
    assert_eq!(d.signals.timestamp.as_deref(), Some("2024-05-01T10:00:00Z"));
}

#[test]
fn reads_every_failing_call_of_a_har() {
    let har = r#"{"log":{"version":"1.2","entries":[
 {"request":{"method":"POST","url":"https://oauth2.googleapis.com/token"},"response":{"status":400,"headers":[],"content":{"text":"{\"error\":\"invalid_grant\"}"}}},
 {"request":{"method":"GET","url":"https://api.example.com/items"},"response":{"status":502,"headers":[{"name":"Retry-After","value":"12"}],"content":{"text":"<html><title>502 Bad Gateway</title></html>"}}}
]}}"#;
    let d = check(har, "har", Some(400), Kind::Auth, Some("t-invalid-grant"), None);
    assert!(d.findings.iter().any(|f| f.entry == "http-502"), "{:#?}", d.findings);
    assert_eq!(d.signals.method.as_deref(), Some("POST"));
}

#[test]
fn reads_network_proxies_and_curl() {
    check("curl: (7) Failed to connect to api.example.com port 443 after 3 ms: Connection refused\n", "curl", None, Kind::Network, Some("t-refused"), None);
    check("Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\n", "stack_trace", None, Kind::Network, Some("t-refused"), None);
    check("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.25.3</center></body></html>", "html", Some(502), Kind::Unavailable, Some("http-502"), None);
    check("HTTP/1.1 418 I'm a teapot\n", "http_raw", Some(418), Kind::Unknown, Some("http-nonstandard"), None);
}

#[test]
fn converts_retry_dates_and_epochs() {
    check("HTTP/1.1 429 Too Many Requests\nRetry-After: Tue, 14 Nov 2023 22:14:20 GMT\n", "http_raw", Some(429), Kind::RateLimit, Some("http-429"), Some(60));
    check("HTTP/1.1 429 Too Many Requests\nX-RateLimit-Remaining: 0\nX-RateLimit-Reset: 1700000090\n", "http_raw", Some(429), Kind::RateLimit, Some("http-429"), Some(90));
    // A reset header on a call that was not limited is not a wait.
    check("HTTP/1.1 401 Unauthorized\nX-RateLimit-Remaining: 4999\nX-RateLimit-Reset: 1700000090\n", "http_raw", Some(401), Kind::Auth, Some("http-401"), None);
    check("{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"30s\"}]}}", "json", Some(429), Kind::RateLimit, Some("http-429"), Some(30));
}

#[test]
fn offsets_are_utf16_and_never_split_a_char() {
    let text = "😀 é HTTP/1.1 429 x\nHTTP/1.1 429 Too Many Requests\n";
    let d = check(text, "http_raw", Some(429), Kind::RateLimit, Some("http-429"), None);
    let e = &d.findings[0].evidence[0];
    let units: Vec<u16> = text.encode_utf16().collect();
    let shown = String::from_utf16_lossy(units.get(e.start..e.end).unwrap_or(&[]));
    assert_eq!(shown, e.text);
}

#[test]
fn never_fails_on_odd_input() {
    let c = catalogue();
    let o = DiagnoseOptions::default();
    let deep = "{\"a\":".repeat(10_000);
    let garbage: String = (0..5000u32).map(|i| char::from_u32(i * 7 % 0x2FF).unwrap_or('x')).collect();
    let braces = "{".repeat(100_000);
    for input in ["", " ", "\0\0\u{1}", "{", "HTTP/", "<", "curl: (", deep.as_str(), garbage.as_str(), braces.as_str(), "é".repeat(1000).as_str()] {
        let d = diagnose_with(input, &c, &o);
        assert!(d.findings.is_empty() || d.findings[0].confidence <= 0.97);
    }
    let d = diagnose_with("", &c, &o);
    assert!(d.notes.iter().any(|n| n.contains("empty")));
    assert_eq!(d.kind, Kind::Unknown);
}

#[test]
fn a_bare_error_is_not_a_sure_thing() {
    let d = diagnose_with("error", &catalogue(), &DiagnoseOptions::default());
    assert!(d.findings.first().is_none_or(|f| f.confidence < 0.6));
}

#[test]
fn cuts_huge_pastes_to_head_and_tail() {
    let mut big = String::from("HTTP/1.1 503 Service Unavailable\n");
    while big.len() <= MAX_PASTE + 1000 {
        big.push_str("2024-05-01T10:00:00Z INFO filler line without anything wrong in it at all\n");
    }
    big.push_str("ERROR connect ECONNREFUSED 10.0.0.5:443\n");
    let d = diagnose_with(&big, &catalogue(), &DiagnoseOptions::default());
    assert!(d.input.truncated);
    assert!(d.notes.iter().any(|n| n.contains("skipped")));
    let refused = d.findings.iter().find(|f| f.entry == "t-refused");
    let e = refused.and_then(|f| f.evidence.first());
    let units: Vec<u16> = big.encode_utf16().collect();
    let shown = e.map(|e| String::from_utf16_lossy(units.get(e.start..e.end).unwrap_or(&[])));
    assert_eq!(shown.as_deref(), Some("ECONNREFUSED"), "tail evidence maps back to the paste");
}

/// The byte-counting UTF-16 conversion of evidence offsets must agree with
/// the char-walking one in `text`, inside characters and past the end too.
#[test]
fn utf16_offsets_agree_with_the_text_helper() {
    for text in ["", "abc", "é429 ok", "😀x😀", "a\u{fffd}b€c", "日本語 HTTP/1.1 500"] {
        let offsets: Vec<usize> = (0..=text.len() + 2).rev().collect();
        assert_eq!(utf16_offsets(text, &offsets), crate::text::utf16_offsets(text, &offsets), "{text:?}");
    }
}

/// Regression, fuzz crash `diagnose-7d2c58f0a0d797fb` (golden case
/// 038-google-rate-limit-403 as it is): lowering the contradicted status
/// entry after ranking left it above a weaker finding, so the findings were
/// not best first. Ranking now sorts again after the adjustment.
#[test]
fn findings_stay_sorted_after_a_contradicted_status_is_lowered() {
    let paste = "HTTP/1.1 403 Forbidden\nContent-Type: application/json; charset=UTF-8\n\n{\n  \"error\": {\n    \"errors\": [\n      {\n        \"domain\": \"usageLimits\",\n        \"message\": \"Rate Limit Exceeded\",\n        \"reason\": \"rateLimitExceeded\"\n      }\n    ],\n    \"code\": 403,\n    \"message\": \"Rate Limit Exceeded\"\n  }\n}\n";
    let d = diagnose(paste, &crate::catalogue::Catalogue::builtin(), &DiagnoseOptions::default());
    assert_eq!(d.kind, Kind::RateLimit);
    assert!(d.findings.len() >= 3, "{:#?}", d.findings);
    let confidences: Vec<f32> = d.findings.iter().map(|f| f.confidence).collect();
    assert!(confidences.windows(2).all(|w| w[0] >= w[1]), "not best first: {confidences:?}");
}

#[test]
fn confidence_bands_match_the_widget_and_the_ticket() {
    use crate::diagnose::Confidence;
    assert_eq!(Confidence::of(0.95), Confidence::High);
    assert_eq!(Confidence::of(0.8), Confidence::High);
    assert_eq!(Confidence::of(0.79), Confidence::Medium);
    assert_eq!(Confidence::of(0.5), Confidence::Medium);
    assert_eq!(Confidence::of(0.49), Confidence::Low);
    assert_eq!(Confidence::of(0.8).as_str(), "high");
}
