//! The support ticket: drafted from a diagnosis, the entry the user read and
//! the host context, in the fields support teams ask for, always redacted.
//! Pure core: no web imports.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnose::Diagnosis;
use crate::redact::{self, RedactOptions};

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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    pub title: String,
    pub description: String,
    /// Fixes the user already tried.
    pub tried: Vec<String>,
    pub integration: String,
    pub workspace: String,
    pub flow: String,
    /// The error text, redacted.
    pub error_text: String,
    pub request_ids: Vec<String>,
    /// ISO 8601 with the zone.
    pub first_observed: String,
    pub priority: String,
    pub blocker: bool,
    pub deadline: String,
    pub entry_id: String,
    pub catalogue_version: String,
    pub docs_checked: bool,
}

/// Drafts a ticket. `now_iso` is the time to use for "first observed".
pub fn draft(diagnosis: Option<&Diagnosis>, context: &Context, now_iso: &str, catalogue_version: &str) -> Ticket {
    let mut ticket = Ticket {
        integration: context.integration.clone().unwrap_or_default(),
        workspace: context.workspace.clone().unwrap_or_default(),
        flow: context.flow.clone().unwrap_or_default(),
        first_observed: now_iso.to_string(),
        priority: "normal".into(),
        catalogue_version: catalogue_version.to_string(),
        docs_checked: true,
        ..Ticket::default()
    };
    if let Some(d) = diagnosis {
        if let Some(top) = d.findings.first() {
            ticket.title = top.title.clone();
            ticket.entry_id = top.entry.clone();
        }
        ticket.error_text = d.redacted.clone();
        ticket.request_ids = d.signals.request_id.iter().cloned().collect();
    }
    ticket
}

impl Ticket {
    /// The ticket as plain text, redacted once more in case the user typed a secret.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n\n{}\n", self.title, self.description);
        out.push_str(&format!("\nError text:\n{}\n", self.error_text));
        redact::redact(&out, &RedactOptions::default()).0
    }
}
