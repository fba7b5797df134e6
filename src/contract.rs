//! Every shape that crosses to JavaScript and is not a core type as it is:
//! search hits, redaction findings and the events' details. The JS API
//! (`embed.rs`) and the views build them here, never ad hoc, so renaming a
//! field is a change to this file, to `static/errlens.d.ts` and to the test
//! that pins both (`tests/types.rs`). Core types that cross whole
//! (`Diagnosis`, `Entry`, `Ticket`) are pinned by the same test. Pure: serde only.

use serde::Serialize;

use crate::diagnose::Diagnosis;
use crate::ticket::Ticket;

/// One search hit (`ErrLens.search`).
#[derive(Serialize)]
pub struct SearchHit<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub category: &'a str,
    pub kind: &'a str,
    pub score: f32,
    /// The query words this entry matched.
    pub matched: &'a [String],
    /// The generic entry this hit is shown under, when it is a vendor's case of it.
    pub parent: Option<&'a str>,
}

/// The loader's own words in the widget's locale (read by `errlens.js`
/// after the wasm runs; not part of the public API).
#[derive(Serialize)]
pub struct LoaderStrings {
    pub launcher: String,
    pub loading: String,
    pub failed: String,
    pub crashed: String,
    pub reload: String,
}

/// One secret found by `ErrLens.redact`; offsets in UTF-16 units.
#[derive(Serialize)]
pub struct RedactFinding {
    /// The family id, e.g. `stripe_secret_key`.
    pub kind: &'static str,
    /// What a person reads: "Stripe live secret key".
    pub label: &'static str,
    /// The vendor's page to rotate a live credential, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotate: Option<&'static str>,
    pub start: usize,
    pub end: usize,
}

/// What `ErrLens.redact` returns.
#[derive(Serialize)]
pub struct Redacted {
    pub text: String,
    pub findings: Vec<RedactFinding>,
}

/// The `search` event: a query the user typed and how many hits it had.
#[derive(Serialize)]
pub struct SearchEvent<'a> {
    pub query: &'a str,
    pub results: usize,
}

/// The `no-match` event of a search (a paste with no finding sends the diagnosis).
#[derive(Serialize)]
pub struct NoMatchQuery<'a> {
    pub query: &'a str,
}

/// The `entry` event: an entry was opened.
#[derive(Serialize)]
pub struct EntryOpened<'a> {
    pub id: &'a str,
}

/// The `ticket-copied` event.
#[derive(Serialize)]
pub struct TicketCopied<'a> {
    /// `text` or `markdown`.
    pub format: &'static str,
    pub text: &'a str,
}

/// The `action` event from an entry or a diagnosis: what to do, for which entry.
#[derive(Serialize)]
pub struct EntryAction<'a> {
    pub action: &'static str,
    pub entry: &'a str,
    pub title: &'a str,
    pub diagnosis: Option<&'a Diagnosis>,
}

/// The `action` event from the ticket: contact support with this ticket.
#[derive(Serialize)]
pub struct TicketAction<'a> {
    /// Always `contact_support`.
    pub action: &'static str,
    pub entry: Option<&'a str>,
    /// The ticket, redacted.
    pub ticket: &'a Ticket,
    /// The ticket as plain text.
    pub text: &'a str,
    pub diagnosis: Option<&'a Diagnosis>,
}

/// A value as the JSON JavaScript receives.
pub fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}
