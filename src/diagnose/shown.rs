//! What the Diagnose view shows of a paste: a window around the first piece
//! of evidence (a large paste is shown in part), the evidence marked and the
//! secrets masked. The view renders these segments as they are.

use super::Diagnosis;
use crate::redact::{self, RedactOptions};
use crate::text;

/// Bytes of the paste shown around the proof; a larger paste is shown in part.
pub const SHOWN: usize = 24 * 1024;
/// Extra bytes scanned for secrets on each side of the shown part, so a token
/// or key block crossing the window's edge is still found whole.
const MARGIN: usize = 8 * 1024;

/// One run of the shown paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment<'p> {
    /// Text as pasted.
    Plain(&'p str),
    /// Text a finding cites as evidence.
    Evidence(&'p str),
    /// A secret, shown only as its mask (`[REDACTED:<kind>]`).
    Secret {
        /// The family id.
        kind: &'static str,
        /// What the user reads ("Bearer token").
        label: &'static str,
        /// The mask shown in its place.
        mask: String,
    },
}

/// The shown part of a paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown<'p> {
    /// True when text before the first segment is not shown.
    pub cut_before: bool,
    /// The runs, in paste order.
    pub segments: Vec<Segment<'p>>,
    /// True when text after the last segment is not shown.
    pub cut_after: bool,
}

/// The paste as the Diagnose view shows it. Secrets are looked for in the
/// shown part plus a margin cut at line ends, so megabytes are never scanned
/// again on the main thread, and no secret crossing the window's edge shows.
pub fn shown<'p>(paste: &'p str, d: &Diagnosis) -> Shown<'p> {
    let mut marks: Vec<(usize, usize)> = d
        .findings
        .iter()
        .flat_map(|f| f.evidence.iter())
        .map(|e| (text::byte_offset_from_utf16(paste, e.start), text::byte_offset_from_utf16(paste, e.end)))
        .filter(|(s, e)| s < e)
        .collect();
    marks.sort_unstable();
    let (from, to) = if paste.len() <= SHOWN {
        (0, paste.len())
    } else {
        let center = marks.first().map_or(0, |m| m.0);
        let from = text::floor_char_boundary(paste, center.saturating_sub(SHOWN / 2));
        (from, text::ceil_char_boundary(paste, from + SHOWN))
    };
    let scan_from = paste[..text::floor_char_boundary(paste, from.saturating_sub(MARGIN))]
        .rfind('\n')
        .map_or(0, |n| n + 1);
    let scan_to = text::ceil_char_boundary(paste, to + MARGIN);
    let scan_to = paste[scan_to..].find('\n').map_or(paste.len(), |n| scan_to + n);
    let secrets: Vec<redact::Secret> = redact::find_secrets(&paste[scan_from..scan_to], &RedactOptions::default())
        .into_iter()
        .map(|s| redact::Secret { start: s.start + scan_from, end: s.end + scan_from, ..s })
        .collect();

    let mut segments = Vec::new();
    let mut at = from;
    while at < to {
        if let Some(secret) = secrets.iter().find(|s| s.start <= at && at < s.end) {
            segments.push(Segment::Secret {
                kind: secret.kind,
                label: redact::families::label(secret.kind),
                mask: redact::mask_of(secret.kind),
            });
            at = secret.end;
            continue;
        }
        let in_mark = marks.iter().find(|m| m.0 <= at && at < m.1).copied();
        let next_secret = secrets.iter().map(|s| s.start).filter(|&s| s > at).min().unwrap_or(to);
        let end = match in_mark {
            Some(m) => m.1.min(next_secret).min(to),
            None => marks.iter().map(|m| m.0).filter(|&s| s > at).min().unwrap_or(to).min(next_secret).min(to),
        };
        let end = text::ceil_char_boundary(paste, end.max(at + 1));
        let piece = text::slice(paste, at, end);
        segments.push(if in_mark.is_some() { Segment::Evidence(piece) } else { Segment::Plain(piece) });
        at = end;
    }
    // A secret crossing the window's end is masked whole; the cut follows it.
    Shown { cut_before: from > 0, segments, cut_after: at < paste.len() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::diagnose::{diagnose, DiagnoseOptions};

    fn view(paste: &str) -> (Shown<'_>, Diagnosis) {
        let d = diagnose(paste, &Catalogue::builtin(), &DiagnoseOptions::default());
        (shown(paste, &d), d)
    }

    fn plain_text(s: &Shown<'_>) -> String {
        s.segments
            .iter()
            .map(|seg| match seg {
                Segment::Plain(t) | Segment::Evidence(t) => t.to_string(),
                Segment::Secret { mask, .. } => mask.clone(),
            })
            .collect()
    }

    #[test]
    fn a_small_paste_is_shown_whole_with_its_evidence_marked() {
        let paste = "HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n\n{\"error\":\"rate_limited\"}";
        let (s, _) = view(paste);
        assert!(!s.cut_before && !s.cut_after);
        assert_eq!(plain_text(&s), paste);
        let marked: Vec<&str> = s.segments.iter().filter_map(|seg| if let Segment::Evidence(t) = seg { Some(*t) } else { None }).collect();
        assert!(marked.iter().any(|t| t.contains("429")), "{marked:?}");
    }

    #[test]
    fn secrets_show_as_their_mask_only() {
        let paste = "HTTP/1.1 401 Unauthorized\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWZha2UtMTIzNDU2\n";
        let (s, _) = view(paste);
        let text = plain_text(&s);
        assert!(!text.contains("eyJzdWIi"), "{text}");
        assert!(text.contains("[REDACTED:"), "{text}");
        assert!(s.segments.iter().any(|seg| matches!(seg, Segment::Secret { label, .. } if !label.is_empty())));
    }

    #[test]
    fn a_large_paste_is_shown_around_the_proof_with_the_secret_beside_it_masked() {
        let filler = "INFO sync step ok\n".repeat(4000);
        let key = "AKIAIOSFODNN7EXAMPLF";
        let paste = format!("{filler}aws_access_key_id = {key}\nERROR Connection refused: connect ECONNREFUSED 10.0.0.7:5432\n{filler}");
        let (s, _) = view(&paste);
        assert!(s.cut_before && s.cut_after);
        let text = plain_text(&s);
        assert!(text.len() <= SHOWN + 64, "{}", text.len());
        assert!(text.contains("ECONNREFUSED"));
        assert!(!text.contains(key), "the key near the proof must be masked");
    }

    #[test]
    fn a_secret_the_window_starts_inside_shows_no_fragment() {
        let token: String = (0..300).map(|i| char::from(b'a' + (i * 7 % 26) as u8)).collect();
        let head = "INFO sync step ok\n".repeat(4000);
        let secret_line = format!("Authorization: Bearer {token}\n");
        let evidence = "ERROR connect ECONNREFUSED 10.0.0.7:5432\n";
        // The window starts SHOWN/2 bytes before the evidence: put the
        // token's middle there.
        let gap = SHOWN / 2 - secret_line.len() / 2;
        let filler: String = "x".repeat(gap - 1) + "\n";
        let paste = format!("{head}{secret_line}{filler}{evidence}{head}");
        let (s, _) = view(&paste);
        assert!(s.cut_before);
        let text = plain_text(&s);
        assert!(text.contains("ECONNREFUSED"));
        assert!(!text.contains(&token[100..140]) && !text.contains(&token[200..240]), "a piece of the token shows");
        assert!(matches!(s.segments.first(), Some(Segment::Secret { .. })), "{:?}", s.segments.first());
    }

    #[test]
    fn segments_never_split_a_character() {
        let paste = "Fehler: Zeitüberschreitung — 接続がタイムアウトしました 504 Gateway Timeout 🙂";
        let (s, _) = view(paste);
        assert_eq!(plain_text(&s), paste);
    }
}
