//! errlens: an error help widget for products that run integrations.
//!
//! A host page embeds it with one script tag; it ships a catalogue of
//! integration errors compiled into WebAssembly and gives the host's users a
//! searchable help panel, a diagnoser for pasted error payloads, a redacted
//! support-ticket draft and help-center pages. Everything runs in the browser:
//! no pasted byte leaves it.
//!
//! Modules, in reading order:
//!
//! - [`catalogue`]: entries, the built-in data compiled from TOML, validation, host extension.
//! - [`search`]: the index over the catalogue and the per-keystroke query.
//! - [`redact`]: finds and masks secrets in pasted text; JWT inspection.
//! - [`diagnose`]: sniff the format, parse, extract signals, match entries, rank.
//! - [`ticket`]: the support ticket drafted from a diagnosis and the host context.
//! - [`draft`]: the user's draft as it may be stored: sealed, nothing secret at rest.
//! - [`text`]: UTF-16 offsets and char-boundary slicing shared by the core.
//! - [`ui`]: Yew components (web layer), also rendered server-side by
//!   `src/bin/export.rs` for the static help-center pages ([`ui::pages`]).
//! - [`embed`]: the only `#[wasm_bindgen]` surface: mount/unmount and the JS API.
//!
//! Invariants: the first seven modules are the pure core and never import a web
//! crate (`tests/purity.rs` enforces it); the diagnoser never fails and never
//! panics on any input; offsets handed to JavaScript are UTF-16 code units.

pub mod catalogue;
pub mod contract;
pub mod diagnose;
pub mod draft;
pub mod redact;
pub mod search;
pub mod text;
pub mod ticket;

pub mod embed;
pub mod ui;
