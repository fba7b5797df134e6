//! The widget's Yew components and the few browser helpers they share.
//!
//! Web layer: it may use `yew`, `web_sys` and `js_sys`, but it keeps no
//! knowledge the core lacks: every decision (what matches, what is secret,
//! what a ticket says) is the core's. Browser calls are only made in event
//! handlers and effects, never while rendering, so the same components render
//! on the server for the static help-center pages.

pub mod app;
pub mod diagnose_view;
pub mod entry_view;
pub mod i18n;
pub mod masked;
pub mod pages;
pub mod persist;
pub mod search_view;
pub mod store;
pub mod ticket_view;

pub use app::{App, AppProps, Command, Mode, View};

use crate::diagnose::{self, DiagnoseOptions, Diagnosis};
use store::Engine;

/// The deep link of an entry: `#errlens/<id>` on the current page. In the
/// browser the page's path is written out, so the link reads as a link to a
/// view of this page rather than a skip link to an element id.
pub fn entry_href(id: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let path = location.pathname().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        return format!("{path}{search}#errlens/{id}");
    }
    format!("#errlens/{id}")
}

/// Diagnoses a paste with the engine's catalogue and context, at the browser's time.
pub fn diagnose_now(engine: &Engine, text: &str) -> Diagnosis {
    let options = DiagnoseOptions {
        now_unix_s: now_unix_s(),
        integration: engine.context.integration.clone(),
    };
    diagnose::diagnose(text, &engine.catalogue, &options)
}

/// Seconds since the Unix epoch from the browser clock; `None` off the browser.
pub fn now_unix_s() -> Option<i64> {
    #[cfg(target_arch = "wasm32")]
    {
        Some((js_sys::Date::now() / 1000.0) as i64)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// The browser's current time in ISO 8601 with its zone offset.
pub fn now_iso() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new_0();
        let offset = -(date.get_timezone_offset() as i32);
        let sign = if offset >= 0 { '+' } else { '-' };
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}",
            date.get_full_year(),
            date.get_month() + 1,
            date.get_date(),
            date.get_hours(),
            date.get_minutes(),
            date.get_seconds(),
            sign,
            offset.abs() / 60,
            offset.abs() % 60
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// The local wall-clock time `seconds` from now, as `14:32:05`.
pub fn clock_after(seconds: u64) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(js_sys::Date::now() + seconds as f64 * 1000.0));
        Some(format!("{:02}:{:02}:{:02}", date.get_hours(), date.get_minutes(), date.get_seconds()))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = seconds;
        None
    }
}

/// The value of the input or textarea an `input` event came from.
pub fn input_value(e: &yew::InputEvent) -> String {
    use wasm_bindgen::JsCast;
    let target = e.target();
    if let Some(input) = target.as_ref().and_then(|t| t.dyn_ref::<web_sys::HtmlInputElement>()) {
        return input.value();
    }
    target
        .as_ref()
        .and_then(|t| t.dyn_ref::<web_sys::HtmlTextAreaElement>())
        .map(|area| area.value())
        .unwrap_or_default()
}

/// Writes text to the clipboard; a refusal (no permission) leaves the preview to copy by hand.
pub fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// Reads a dropped file as text and hands it over.
pub fn read_file(file: web_sys::File, done: yew::Callback<String>) {
    let promise = file.text();
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(value) = wasm_bindgen_futures::JsFuture::from(promise).await {
            done.emit(value.as_string().unwrap_or_default());
        }
    });
}
