//! The support ticket: drafted from a diagnosis, the entry the user read and
//! the host context, in the fields support teams ask for, and rendered as
//! plain text, Markdown or a `mailto:` link.
//!
//! Every rendering passes every text field through redaction once more (a
//! user may type or paste a secret into the description), so nothing secret
//! leaves through a ticket. Pure core: no web imports, never panics.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnose::Diagnosis;
use crate::redact::{self, RedactOptions};

/// Longest `mailto:` body, in bytes after percent-encoding. Mail clients and
/// browsers cut or refuse longer links (some near 2,000 characters in all).
pub const MAX_MAILTO_BODY: usize = 1800;

/// What the host told us about where the user is (`ErrLens.setContext`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Context {
    /// The integration or connector, e.g. `salesforce`.
    #[serde(default)]
    pub integration: Option<String>,
    /// The workspace, account or contract.
    #[serde(default)]
    pub workspace: Option<String>,
    /// The flow, sync or pipeline.
    #[serde(default)]
    pub flow: Option<String>,
    /// Anything else the host passes, shown as-is in the ticket.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A support ticket draft; every field is editable in the Ticket view.
/// Missing fields default when a stored draft is read back, so drafts saved
/// by an older version still load.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ticket {
    /// One line: what failed, where.
    pub title: String,
    /// What happened, in the user's words (prefilled from the diagnosis).
    pub description: String,
    /// Fixes the user already tried (the ones ticked in the entry).
    pub tried: Vec<String>,
    /// The integration or connector, from the host context.
    pub integration: String,
    /// The workspace, from the host context.
    pub workspace: String,
    /// The flow, sync or pipeline, from the host context.
    pub flow: String,
    /// The error text, redacted.
    pub error_text: String,
    /// Log lines the user adds, redacted like the error text.
    pub logs: String,
    /// Request ids support can look up in its own logs.
    pub request_ids: Vec<String>,
    /// When the error was first seen: ISO 8601 with the zone.
    pub first_observed: String,
    /// `low`, `normal`, `high` or `urgent`.
    pub priority: String,
    /// True when the error blocks the user's work.
    pub blocker: bool,
    /// When the user needs it solved (free text or ISO 8601), empty for none.
    pub deadline: String,
    /// The catalogue entry the diagnosis pointed at.
    pub entry_id: String,
    /// The catalogue version the entry comes from.
    pub catalogue_version: String,
    /// Whether the user read the help entry before asking.
    pub docs_checked: bool,
    /// The HTTP status the failing call got, if the paste showed one.
    pub status: Option<u16>,
    /// The diagnosed kind (`auth`, `rate_limit`...), empty when unknown.
    pub kind: String,
    /// Other host context (`ErrLens.setContext` keys beyond the three above).
    pub extra: BTreeMap<String, String>,
    /// Values the user marked as not secret (false positives); they stay
    /// readable in every rendering. Everything else found is masked.
    pub unmasked: Vec<String>,
    /// The fields the user edited (`title`, `integration`...): the draft
    /// follows the host's context and new diagnoses in the others only.
    pub edited: Vec<String>,
    /// Which diagnosis the error text comes from ([`source_of`]); empty for none.
    pub source: String,
}

/// A short fingerprint of the diagnosis a draft describes: the FNV-1a hash
/// of its masked paste, so a new paste is told from the same one re-read.
pub fn source_of(diagnosis: Option<&Diagnosis>) -> String {
    let Some(d) = diagnosis else { return String::new() };
    let hash = d.redacted.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

/// Drafts a ticket. `now_iso` is the time to use for "first observed" (the
/// caller's clock, ISO 8601 with the zone); `catalogue_version` is written
/// as-is. With no diagnosis, the ticket holds the context alone.
pub fn draft(diagnosis: Option<&Diagnosis>, context: &Context, now_iso: &str, catalogue_version: &str) -> Ticket {
    let mut ticket = Ticket {
        integration: context.integration.clone().unwrap_or_default(),
        workspace: context.workspace.clone().unwrap_or_default(),
        flow: context.flow.clone().unwrap_or_default(),
        first_observed: now_iso.to_string(),
        priority: "normal".into(),
        catalogue_version: catalogue_version.to_string(),
        docs_checked: true,
        extra: context
            .extra
            .iter()
            .map(|(key, value)| (key.clone(), value.as_str().map_or_else(|| value.to_string(), str::to_string)))
            .collect(),
        ..Ticket::default()
    };
    let place = match (ticket.integration.as_str(), ticket.flow.as_str()) {
        ("", "") => String::new(),
        (integration, "") | ("", integration) => format!(" in {integration}"),
        (integration, flow) => format!(" in {integration} ({flow})"),
    };
    let Some(d) = diagnosis else {
        ticket.title = format!("Integration error{place}");
        return ticket;
    };
    let top = d.findings.first();
    ticket.status = d.status;
    ticket.kind = d.kind.as_str().to_string();
    if ticket.kind == "unknown" {
        ticket.kind.clear();
    }
    ticket.title = match (top, d.status) {
        (Some(top), _) => format!("{}{place}", top.title),
        (None, Some(status)) => format!("HTTP {status}{place}"),
        (None, None) => format!("Integration error{place}"),
    };
    if let Some(top) = top {
        ticket.entry_id = top.entry.clone();
    }
    ticket.error_text = d.redacted.clone();
    ticket.source = source_of(Some(d));
    let mut ids: Vec<String> = Vec::new();
    for id in d.signals.request_ids.iter().chain(d.signals.request_id.iter()) {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    ticket.request_ids = ids;
    let mut description = String::from("What happened: ");
    description.push_str(if ticket.flow.is_empty() { "an integration call failed" } else { "the flow failed" });
    if let Some(status) = d.status {
        description.push_str(&format!(" with HTTP {status}"));
    }
    description.push('.');
    if let Some(message) = &d.signals.message {
        description.push_str(&format!(" The error says: \"{}\".", one_line(message)));
    }
    if let Some(top) = top {
        description.push_str(&format!(
            " errlens matched it to \"{}\" ({}, {} confidence, {:.0}%).",
            top.title,
            top.entry,
            crate::diagnose::Confidence::of(top.confidence).as_str(),
            (top.confidence * 100.0).clamp(0.0, 100.0)
        ));
    }
    ticket.description = description;
    ticket
}

impl Ticket {
    /// Shows `value` (a secret found in `payload`) in the error text when
    /// `shown` (the user says it is not secret), or masks it again; the error
    /// text is rebuilt from the paste with every other secret masked.
    pub fn set_unmasked(&mut self, payload: &str, secrets: &[redact::Secret], value: &str, shown: bool) {
        self.unmasked.retain(|v| v != value);
        if shown {
            self.unmasked.push(value.to_string());
        }
        self.error_text = redact::mask_except(payload, secrets, &self.unmasked);
    }

    /// Records that the user changed `field`, so the draft stops following
    /// the host there.
    pub fn mark_edited(&mut self, field: &str) {
        if !self.edited.iter().any(|f| f == field) {
            self.edited.push(field.to_string());
        }
    }

    fn edited(&self, field: &str) -> bool {
        self.edited.iter().any(|f| f == field)
    }

    /// True when `fresh` (a draft of the current diagnosis) describes another
    /// error than this one, so the user may want its error text instead.
    pub fn is_stale(&self, fresh: &Ticket) -> bool {
        !fresh.source.is_empty() && fresh.source != self.source
    }

    /// This draft brought up to date with `fresh`, a new draft of the current
    /// diagnosis and host context. The context fields follow the host unless
    /// the user edited them. What comes from the diagnosis (error text,
    /// status, kind, entry, request ids, and the title and description the
    /// user did not write) follows only when `take_error` is true, or by
    /// itself while the user has edited nothing: nothing typed is lost
    /// without the user asking. Applying it twice changes nothing more.
    pub fn follow(&self, fresh: &Ticket, take_error: bool) -> Ticket {
        let mut next = self.clone();
        let keep = |field: &str| self.edited(field);
        if !keep("integration") {
            next.integration = fresh.integration.clone();
        }
        if !keep("workspace") {
            next.workspace = fresh.workspace.clone();
        }
        if !keep("flow") {
            next.flow = fresh.flow.clone();
        }
        next.extra = fresh.extra.clone();
        next.tried = fresh.tried.clone();
        next.catalogue_version = fresh.catalogue_version.clone();
        let replace = self.is_stale(fresh) && (take_error || self.edited.is_empty());
        let same = fresh.source == self.source;
        if replace || same {
            // The title and description name the context too: redraft the
            // ones the user did not write.
            if !keep("title") {
                next.title = fresh.title.clone();
            }
            if !keep("description") {
                next.description = fresh.description.clone();
            }
        }
        if replace {
            next.error_text = fresh.error_text.clone();
            next.edited.retain(|f| f != "error_text");
            next.unmasked.clear();
            next.status = fresh.status;
            next.kind = fresh.kind.clone();
            next.entry_id = fresh.entry_id.clone();
            next.request_ids = fresh.request_ids.clone();
            next.source = fresh.source.clone();
        }
        next
    }

    /// A copy with every text field redacted. The renderings use it; the UI
    /// can show it as the "what will be sent" preview.
    pub fn redacted(&self) -> Ticket {
        let options = RedactOptions::default();
        let clean = |text: &str| redact::mask_except(text, &redact::find_secrets(text, &options), &self.unmasked);
        Ticket {
            title: clean(&self.title),
            description: clean(&self.description),
            tried: self.tried.iter().map(|t| clean(t)).collect(),
            integration: clean(&self.integration),
            workspace: clean(&self.workspace),
            flow: clean(&self.flow),
            error_text: clean(&self.error_text),
            logs: clean(&self.logs),
            request_ids: self.request_ids.iter().map(|t| clean(t)).collect(),
            first_observed: clean(&self.first_observed),
            priority: clean(&self.priority),
            blocker: self.blocker,
            deadline: clean(&self.deadline),
            entry_id: clean(&self.entry_id),
            catalogue_version: clean(&self.catalogue_version),
            docs_checked: self.docs_checked,
            status: self.status,
            kind: clean(&self.kind),
            extra: self.extra.iter().map(|(k, v)| (clean(k), clean(v))).collect(),
            unmasked: self.unmasked.clone(),
            edited: self.edited.clone(),
            source: self.source.clone(),
        }
    }

    /// The one-line fields as (label, value) pairs, in the order support reads them.
    fn fields(&self) -> Vec<(&'static str, String)> {
        let or_none = |s: &str| if s.trim().is_empty() { "none".to_string() } else { one_line(s) };
        let mut fields = vec![
            ("Priority", or_none(&self.priority)),
            ("Blocker", if self.blocker { "yes" } else { "no" }.to_string()),
            ("Deadline", or_none(&self.deadline)),
            ("Integration", or_none(&self.integration)),
            ("Workspace", or_none(&self.workspace)),
            ("Flow", or_none(&self.flow)),
            ("First observed", or_none(&self.first_observed)),
        ];
        if let Some(status) = self.status {
            let kind = if self.kind.is_empty() { String::new() } else { format!(" ({})", one_line(&self.kind)) };
            fields.push(("HTTP status", format!("{status}{kind}")));
        }
        fields.push(("Request ids", if self.request_ids.is_empty() { "none".into() } else { one_line(&self.request_ids.join(", ")) }));
        let entry = if self.entry_id.is_empty() { "none".to_string() } else { one_line(&self.entry_id) };
        fields.push(("Catalogue entry", format!("{entry} (catalogue {})", or_none(&self.catalogue_version))));
        fields.push(("Docs checked", if self.docs_checked { "yes" } else { "no" }.to_string()));
        for (key, value) in &self.extra {
            fields.push(("", format!("{}: {}", one_line(key), one_line(value))));
        }
        fields
    }

    /// The ticket as plain text, every field redacted once more.
    pub fn to_text(&self) -> String {
        let t = self.redacted();
        let mut out = format!("{}\n\n", one_line(&t.title));
        for (label, value) in t.fields() {
            if label.is_empty() {
                out.push_str(&format!("{value}\n"));
            } else {
                out.push_str(&format!("{label}: {value}\n"));
            }
        }
        out.push_str(&format!("\nWhat happened:\n{}\n", t.description.trim_end()));
        if !t.tried.is_empty() {
            out.push_str("\nWhat was tried:\n");
            for step in &t.tried {
                out.push_str(&format!("- {}\n", one_line(step)));
            }
        }
        if !t.error_text.trim().is_empty() {
            out.push_str(&format!("\nError text:\n{}\n", t.error_text.trim_end()));
        }
        if !t.logs.trim().is_empty() {
            out.push_str(&format!("\nLogs:\n{}\n", t.logs.trim_end()));
        }
        out
    }

    /// The ticket as Markdown: the error text and logs in code fences longer
    /// than any run of backticks inside them, so a pasted fence cannot close
    /// the block early. Every field is redacted once more.
    pub fn to_markdown(&self) -> String {
        let t = self.redacted();
        let mut out = format!("## {}\n\n", escape_inline(&one_line(&t.title)));
        for (label, value) in t.fields() {
            if label.is_empty() {
                out.push_str(&format!("- {}\n", escape_inline(&value)));
            } else {
                out.push_str(&format!("- **{label}:** {}\n", escape_inline(&value)));
            }
        }
        out.push_str(&format!("\n### What happened\n\n{}\n", t.description.trim_end()));
        if !t.tried.is_empty() {
            out.push_str("\n### What was tried\n\n");
            for step in &t.tried {
                out.push_str(&format!("- {}\n", escape_inline(&one_line(step))));
            }
        }
        for (heading, body) in [("Error text", &t.error_text), ("Logs", &t.logs)] {
            if body.trim().is_empty() {
                continue;
            }
            let fence = "`".repeat(longest_backtick_run(body).max(2) + 1);
            out.push_str(&format!("\n### {heading}\n\n{fence}text\n{}\n{fence}\n", body.trim_end()));
        }
        out
    }

    /// A `mailto:` link to `address` with the title as subject and the plain
    /// text as body (RFC 6068), percent-encoded. A body longer than
    /// [`MAX_MAILTO_BODY`] encoded bytes is cut at a character, with a note
    /// asking to paste the full ticket.
    pub fn mailto(&self, address: &str) -> String {
        const NOTE: &str = "\r\n\r\n[Cut to fit an e-mail link: paste the full ticket copied as text.]";
        let subject = percent_encode(&one_line(&self.redacted().title));
        let text = self.to_text().replace("\r\n", "\n").replace('\n', "\r\n");
        let mut body = String::new();
        let budget = MAX_MAILTO_BODY - percent_encode(NOTE).len();
        let mut cut = false;
        let mut buf = [0u8; 4];
        for c in text.chars() {
            let encoded = percent_encode(c.encode_utf8(&mut buf));
            if body.len() + encoded.len() > budget {
                cut = true;
                break;
            }
            body.push_str(&encoded);
        }
        if cut {
            body.push_str(&percent_encode(NOTE));
        }
        let to: String = address.trim().chars().map(|c| if c == '@' { "@".to_string() } else { percent_encode(c.encode_utf8(&mut buf)) }).collect();
        format!("mailto:{to}?subject={subject}&body={body}")
    }
}

/// Percent-encodes every byte outside RFC 3986's unreserved set.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Line breaks and tabs to single spaces: for fields shown on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes the characters that would turn a one-line value into Markdown
/// structure (emphasis, links, code, HTML).
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn longest_backtick_run(text: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}
