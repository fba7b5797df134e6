//! Keeps the user's draft (paste, view, ticket) across closing the drawer,
//! in-app navigation and reloads, in `localStorage` under a namespaced key.
//! Storage that is full, disabled or absent (server-side rendering) is a
//! silent no-op: losing persistence must never break the widget.

use serde::{Deserialize, Serialize};

use crate::ticket::Ticket;

/// What is saved.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub view: String,
    #[serde(default)]
    pub entry: Option<String>,
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub payload: String,
    #[serde(default)]
    pub tried: Vec<String>,
    #[serde(default)]
    pub ticket: Option<Ticket>,
}

/// Largest payload kept in storage; bigger pastes are kept in memory only.
const MAX_SAVED_PAYLOAD: usize = 512 * 1024;

fn key(suffix: &str) -> String {
    if suffix.is_empty() {
        "errlens:draft:v1".to_string()
    } else {
        format!("errlens:draft:v1:{suffix}")
    }
}

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved draft, if any and readable.
pub fn load(suffix: &str) -> Option<Draft> {
    #[cfg(target_arch = "wasm32")]
    {
        let text = storage()?.get_item(&key(suffix)).ok().flatten()?;
        serde_json::from_str(&text).ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key(suffix);
        None
    }
}

/// Saves the draft; errors (quota, disabled storage) are ignored on purpose.
pub fn save(suffix: &str, draft: &Draft) {
    #[cfg(target_arch = "wasm32")]
    {
        let mut draft = draft.clone();
        if draft.payload.len() > MAX_SAVED_PAYLOAD {
            draft.payload = crate::text::slice(&draft.payload, 0, MAX_SAVED_PAYLOAD).to_string();
        }
        if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&draft)) {
            let _ = storage.set_item(&key(suffix), &text);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (suffix, draft, MAX_SAVED_PAYLOAD);
    }
}

/// Forgets the draft ("discard draft").
pub fn clear(suffix: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(suffix));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = suffix;
}

const RECENT_KEY: &str = "errlens:recent:v1";
/// How many recent searches are kept.
const MAX_RECENT: usize = 5;

/// The user's recent searches, newest first (those that led to an entry).
pub fn recent_searches() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    {
        storage()
            .and_then(|s| s.get_item(RECENT_KEY).ok().flatten())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (RECENT_KEY, MAX_RECENT);
        Vec::new()
    }
}

/// Remembers a search that led somewhere; errors are ignored on purpose.
pub fn remember_search(query: &str) {
    let query = query.trim();
    if query.is_empty() || query.len() > 120 {
        return;
    }
    let mut recent = recent_searches();
    recent.retain(|q| !q.eq_ignore_ascii_case(query));
    recent.insert(0, query.to_string());
    recent.truncate(MAX_RECENT);
    #[cfg(target_arch = "wasm32")]
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&recent)) {
        let _ = storage.set_item(RECENT_KEY, &text);
    }
}
