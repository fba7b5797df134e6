//! Keeps the user's draft (paste, view, ticket) across closing the drawer,
//! in-app navigation and reloads, in `localStorage` under a namespaced key.
//! Only sealed drafts ([`Draft::sealed`]) are written: nothing secret is ever
//! at rest. Storage that is full, disabled or absent (server-side rendering)
//! is a silent no-op: losing persistence must never break the widget.

pub use crate::draft::Draft;
use crate::draft;

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(target_arch = "wasm32")]
fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

#[cfg(target_arch = "wasm32")]
fn write(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

#[cfg(target_arch = "wasm32")]
fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn read(_key: &str) -> Option<String> {
    None
}

#[cfg(not(target_arch = "wasm32"))]
fn write(_key: &str, _value: &str) {}

#[cfg(not(target_arch = "wasm32"))]
fn remove(_key: &str) {}

/// Cleans what earlier versions stored in clear: a legacy draft is sealed
/// into the current key (when `persist` is on) and removed, and recent
/// searches that held a secret are dropped. Runs before any read.
fn clean_legacy(suffix: &str, persist: bool) {
    let legacy = draft::key(draft::LEGACY_KEY, suffix);
    if let Some(text) = read(&legacy) {
        let current = draft::key(draft::KEY, suffix);
        if persist && read(&current).is_none() {
            if let Some(sealed) = Draft::restore(&text) {
                write(&current, &sealed.to_stored());
            }
        }
        remove(&legacy);
    }
    if let Some(text) = read(draft::RECENT_KEY) {
        let clean = draft::restore_recent(&text);
        if persist && !clean.is_empty() {
            write(draft::RECENT_KEY, &serde_json::to_string(&clean).unwrap_or_default());
        } else {
            remove(draft::RECENT_KEY);
        }
    }
}

/// The saved draft, if any and readable, sealed again on the way in.
/// With `persist` off nothing is read (and legacy drafts are removed).
pub fn load(suffix: &str, persist: bool) -> Option<Draft> {
    clean_legacy(suffix, persist);
    if !persist {
        return None;
    }
    Draft::restore(&read(&draft::key(draft::KEY, suffix))?)
}

/// Saves the draft, sealed; errors (quota, disabled storage) are ignored on purpose.
pub fn save(suffix: &str, draft: &Draft) {
    write(&draft::key(draft::KEY, suffix), &draft.to_stored());
}

/// Forgets the draft ("discard draft").
pub fn clear(suffix: &str) {
    remove(&draft::key(draft::KEY, suffix));
    remove(&draft::key(draft::LEGACY_KEY, suffix));
}

/// The user's recent searches, newest first (those that led to an entry).
pub fn recent_searches(persist: bool) -> Vec<String> {
    if !persist {
        return Vec::new();
    }
    read(draft::RECENT_KEY).map(|text| draft::restore_recent(&text)).unwrap_or_default()
}

/// Remembers a search that led somewhere, unless it holds a secret or the
/// host turned persistence off; errors are ignored on purpose.
pub fn remember_search(query: &str, persist: bool) {
    if !persist {
        return;
    }
    let next = draft::remember(&recent_searches(true), query);
    write(draft::RECENT_KEY, &serde_json::to_string(&next).unwrap_or_default());
}
