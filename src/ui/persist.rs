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
