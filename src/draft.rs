//! The user's draft as it may be stored: paste, query, ticket, ticked fixes,
//! and the rule that nothing secret is ever at rest.
//!
//! The widget keeps a draft across closing the drawer and reloading the page.
//! Whatever reaches storage goes through [`Draft::sealed`] first: every text
//! field is redacted, the user's choice to show a masked value is dropped,
//! and the draft records that it was masked so the restored view can say so.
//! [`Draft::restore`] seals again whatever it reads, so a draft written by an
//! older version (which stored the raw paste) is cleaned on first load.
//! Pure core: no web imports, never panics.

use serde::{Deserialize, Serialize};

use crate::redact::{self, RedactOptions};
use crate::ticket::Ticket;

/// Storage key of the current draft format (a suffix may follow).
pub const KEY: &str = "errlens:draft:v2";
/// Storage key of drafts written by earlier versions; cleaned on load.
pub const LEGACY_KEY: &str = "errlens:draft:v1";
/// Storage key of recent searches (redacted like drafts).
pub const RECENT_KEY: &str = "errlens:recent:v1";
/// Largest payload kept in storage, in bytes; the rest stays in memory only.
pub const MAX_SAVED_PAYLOAD: usize = 512 * 1024;
/// How many recent searches are kept.
pub const MAX_RECENT: usize = 5;

/// What is saved between visits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The view that was open (`search`, `diagnose`, `entry`, `ticket`).
    pub view: String,
    /// The entry open in the entry view.
    #[serde(default)]
    pub entry: Option<String>,
    /// The search query.
    #[serde(default)]
    pub query: String,
    /// The pasted error text.
    #[serde(default)]
    pub payload: String,
    /// Fixes the user ticked as tried.
    #[serde(default)]
    pub tried: Vec<String>,
    /// The ticket draft, if one was started.
    #[serde(default)]
    pub ticket: Option<Ticket>,
    /// How many masks the saved draft holds (secrets hidden by this save or an
    /// earlier one): the restored view tells the user their paste changed.
    #[serde(default)]
    pub masked: usize,
}

impl Draft {
    /// The draft as it may be stored: every text field redacted (no value the
    /// user unmasked stays readable), the payload cut to
    /// [`MAX_SAVED_PAYLOAD`] at a line end after masking, and `masked` counting
    /// what was hidden. Sealing a sealed draft changes nothing.
    pub fn sealed(&self) -> Draft {
        let seal = |text: &str| redact::redact(text, &RedactOptions::default()).0;
        let mut payload = seal(&self.payload);
        if payload.len() > MAX_SAVED_PAYLOAD {
            let head = crate::text::slice(&payload, 0, MAX_SAVED_PAYLOAD);
            let cut = head.rfind('\n').map_or(head.len(), |n| n + 1);
            payload.truncate(cut);
        }
        let ticket = self.ticket.as_ref().map(|ticket| {
            let mut plain = ticket.clone();
            plain.unmasked.clear();
            plain.redacted()
        });
        let mut sealed = Draft {
            view: seal(&self.view),
            entry: self.entry.as_deref().map(seal),
            query: seal(&self.query),
            payload,
            tried: self.tried.iter().map(|t| seal(t)).collect(),
            ticket,
            masked: 0,
        };
        // Counted from the masks themselves, so a draft saved again after a
        // reload still says that it was masked.
        sealed.masked = serde_json::to_string(&sealed).map_or(0, |json| json.matches(redact::MASK_OPEN).count());
        sealed
    }

    /// Reads a stored draft (any version this crate ever wrote) and seals it.
    /// Unreadable text gives `None`: a lost draft must not break the widget.
    pub fn restore(stored: &str) -> Option<Draft> {
        serde_json::from_str::<Draft>(stored).ok().map(|d| d.sealed())
    }

    /// The JSON to store: the sealed draft.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(&self.sealed()).unwrap_or_default()
    }
}

/// The note a restored draft shows: `one` when a single secret was masked,
/// else `many` with `{n}` replaced by the count.
pub fn restored_note(masked: usize, one: &str, many: &str) -> String {
    if masked == 1 {
        one.to_string()
    } else {
        many.replace("{n}", &masked.to_string())
    }
}

/// The storage key for a widget's draft (`suffix` keeps two widgets apart).
pub fn key(base: &str, suffix: &str) -> String {
    if suffix.is_empty() {
        base.to_string()
    } else {
        format!("{base}:{suffix}")
    }
}

/// A query as it may be remembered in recent searches: `None` when it held a
/// secret (a pasted line with a key is not worth keeping half-masked), is
/// empty or too long to be a search.
pub fn recent_query(query: &str) -> Option<String> {
    let query = query.trim();
    if query.is_empty() || query.len() > 120 || !redact::find_secrets(query, &RedactOptions::default()).is_empty() {
        return None;
    }
    Some(query.to_string())
}

/// Recent searches as stored: read (any version), with every entry that
/// holds a secret dropped, newest first, at most [`MAX_RECENT`].
pub fn restore_recent(stored: &str) -> Vec<String> {
    let list: Vec<String> = serde_json::from_str(stored).unwrap_or_default();
    list.iter().filter_map(|q| recent_query(q)).take(MAX_RECENT).collect()
}

/// `recent` with `query` added first (if it may be kept), without duplicates.
pub fn remember(recent: &[String], query: &str) -> Vec<String> {
    let Some(query) = recent_query(query) else { return recent.to_vec() };
    let mut next: Vec<String> = recent.iter().filter(|q| !q.eq_ignore_ascii_case(&query)).cloned().collect();
    next.insert(0, query);
    next.truncate(MAX_RECENT);
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_LIVE: &str = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

    fn draft_with_secrets() -> Draft {
        let ticket = Ticket {
            title: format!("Stripe failed with {KEY_LIVE}"),
            description: "my password=hunter2hunter2 did not work".into(),
            error_text: format!("Authorization: Bearer {KEY_LIVE}"),
            logs: "GET /v1/charges?api_key=abcd1234efgh5678 401".into(),
            deadline: "friday".into(),
            unmasked: vec![KEY_LIVE.to_string()],
            ..Ticket::default()
        };
        Draft {
            view: "ticket".into(),
            entry: None,
            query: format!("401 {KEY_LIVE}"),
            payload: format!("HTTP/1.1 401 Unauthorized\nAuthorization: Bearer {KEY_LIVE}\n\n{{\"error\":\"invalid_api_key\"}}"),
            tried: vec![format!("rotated to {KEY_LIVE}")],
            ticket: Some(ticket),
            masked: 0,
        }
    }

    #[test]
    fn sealed_draft_holds_no_secret_and_no_unmask_choice() {
        let stored = draft_with_secrets().to_stored();
        for secret in [KEY_LIVE, "hunter2hunter2", "abcd1234efgh5678"] {
            assert!(!stored.contains(secret), "{secret} is stored: {stored}");
        }
        let restored = Draft::restore(&stored).expect("readable");
        assert!(restored.ticket.as_ref().is_some_and(|t| t.unmasked.is_empty()));
        assert!(restored.masked >= 5, "masked count {}", restored.masked);
        assert!(restored.payload.contains("HTTP/1.1 401 Unauthorized"), "the clue stays: {}", restored.payload);
    }

    #[test]
    fn sealing_twice_changes_nothing() {
        let once = draft_with_secrets().sealed();
        assert_eq!(once.sealed(), once);
    }

    /// Drafts written by earlier versions held the raw paste (issue 11).
    #[test]
    fn legacy_raw_draft_is_cleaned_on_restore() {
        let legacy = format!(r#"{{"view":"diagnose","payload":"Authorization: Bearer {KEY_LIVE}","query":"","tried":[]}}"#);
        let restored = Draft::restore(&legacy).expect("old drafts still load");
        assert!(!restored.payload.contains(KEY_LIVE));
        assert_eq!(restored.masked, 1);
        assert_eq!(Draft::restore("not json"), None);
    }

    #[test]
    fn long_payload_is_cut_at_a_line_end_after_masking() {
        let line = format!("2024-01-01 ERROR key={KEY_LIVE}\n");
        let payload = line.repeat(MAX_SAVED_PAYLOAD / line.len() + 10);
        let sealed = Draft { payload, ..Draft::default() }.sealed();
        assert!(sealed.payload.len() <= MAX_SAVED_PAYLOAD);
        assert!(sealed.payload.ends_with('\n'));
        assert!(!sealed.payload.contains("sk_live_4eC"));
    }

    #[test]
    fn recent_searches_never_keep_a_secret() {
        let recent = remember(&[], "rate limit");
        let recent = remember(&recent, &format!("401 {KEY_LIVE}"));
        assert_eq!(recent, vec!["rate limit".to_string()]);
        let stored = r#"["token=ghp_R7mVq2LxN8wT4kZs9YbC1dF6hJ3pQ0aE5uGi","429"]"#.to_string();
        assert_eq!(restore_recent(&stored), vec!["429".to_string()]);
    }
}
