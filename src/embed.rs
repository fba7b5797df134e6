//! The only `#[wasm_bindgen]` surface: the JS API behind `window.ErrLens`
//! and the mount/unmount pair the loader's custom element calls.
//!
//! Types that cross to JavaScript are a contract (the README's API section): they are built
//! here, serialized once with `serde-wasm-bindgen` as plain JSON-compatible
//! objects. Bad arguments become a JS `Error` whose message says what to pass
//! instead; nothing here panics on caller input.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::catalogue::Entry;
use crate::contract::{RedactFinding, Redacted, SearchHit};
use crate::redact::{self, RedactOptions};
use crate::search::SearchOptions;
use crate::ui::{self, i18n, store};

/// Serializes to a plain JS value (objects, not Maps; `None` as `null`).
/// Everything goes through `serde_json::Value`, so the JS conversion code is
/// instantiated once rather than once per type (a real saving in wasm size).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    serde_json::to_value(value)
        .map_err(|e| e.to_string())
        .and_then(|v| v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| e.to_string()))
        .map_err(|e| JsError::new(&format!("errlens could not hand back its result: {e}")))
}

/// Reads an optional options object; `undefined`/`null` give the default.
fn options<T: for<'de> Deserialize<'de> + Default>(value: JsValue, call: &str, example: &str) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value::<serde_json::Value>(value)
        .map_err(|e| e.to_string())
        .and_then(|v| serde_json::from_value(v).map_err(|e| e.to_string()))
        .map_err(|e| JsError::new(&format!("{call}: the options are not usable ({e}); pass an object like {example}")))
}

fn string_arg(value: &JsValue, call: &str, example: &str) -> Result<String, JsError> {
    value
        .as_string()
        .ok_or_else(|| JsError::new(&format!("{call}: pass a string, e.g. {example}")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SearchArgs {
    limit: Option<usize>,
}

/// `ErrLens.search(query, {limit})`: the best entries, best first.
#[wasm_bindgen]
pub fn search(query: JsValue, opts: JsValue) -> Result<JsValue, JsError> {
    let query = string_arg(&query, "ErrLens.search(query)", "ErrLens.search(\"401\")")?;
    let args: SearchArgs = options(opts, "ErrLens.search(query, options)", "{limit: 5}")?;
    let engine = store::engine();
    let options = SearchOptions { limit: args.limit.unwrap_or(10).clamp(1, 100), integration: engine.context.integration.clone() };
    let hits = engine.index.search(&query, &options);
    let results: Vec<SearchHit> = hits
        .iter()
        .filter_map(|hit| {
            let entry = engine.catalogue.entries().get(hit.entry_idx)?;
            Some(SearchHit {
                id: &entry.id,
                title: &entry.title,
                summary: &entry.summary,
                category: entry.category.as_str(),
                kind: entry.kind.as_str(),
                score: hit.score,
                matched: &hit.matched,
                parent: hit.under.and_then(|p| engine.catalogue.entries().get(p)).map(|p| p.id.as_ref()),
            })
        })
        .collect();
    to_js(&results)
}

/// `ErrLens.entry(id)`: the full entry, or `null`.
#[wasm_bindgen]
pub fn entry(id: JsValue) -> Result<JsValue, JsError> {
    let id = string_arg(&id, "ErrLens.entry(id)", "ErrLens.entry(\"http-429\")")?;
    let engine = store::engine();
    match engine.catalogue.get(&id) {
        Some(entry) => to_js::<Entry>(entry),
        None => Ok(JsValue::NULL),
    }
}

/// Every entry id with its title and category, for indexes and tests.
#[wasm_bindgen]
pub fn entries() -> Result<JsValue, JsError> {
    let engine = store::engine();
    let list: Vec<serde_json::Value> = engine
        .catalogue
        .entries()
        .iter()
        .map(|e| serde_json::json!({"id": e.id, "title": e.title, "category": e.category, "kind": e.kind}))
        .collect();
    to_js(&list)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DiagnoseArgs {
    integration: Option<String>,
}

/// `ErrLens.diagnose(text, options?)`: a Diagnosis (the README's "Diagnosis"). Never fails on text.
#[wasm_bindgen]
pub fn diagnose(text: JsValue, opts: JsValue) -> Result<JsValue, JsError> {
    let text = string_arg(&text, "ErrLens.diagnose(text)", "ErrLens.diagnose(responseText)")?;
    let args: DiagnoseArgs = options(opts, "ErrLens.diagnose(text, options)", "{integration: \"stripe\"}")?;
    let engine = store::engine();
    // One pass: the caller's integration, else the host context's.
    let options = crate::diagnose::DiagnoseOptions {
        now_unix_s: ui::now_unix_s(),
        integration: args.integration.or_else(|| engine.context.integration.clone()),
    };
    to_js(&crate::diagnose::diagnose(&text, &engine.catalogue, &options))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RedactArgs {
    emails: bool,
}

/// `ErrLens.redact(text)`: `{text, findings: [{kind, label, rotate?, start, end}]}`,
/// offsets in UTF-16 units; `kind` names the family, `label` says it in words,
/// `rotate` links the vendor's rotation page for a live credential.
#[wasm_bindgen]
pub fn redact(text: JsValue, opts: JsValue) -> Result<JsValue, JsError> {
    let text = string_arg(&text, "ErrLens.redact(text)", "ErrLens.redact(logText)")?;
    let args: RedactArgs = options(opts, "ErrLens.redact(text, options)", "{emails: true}")?;
    let (masked, secrets) = redact::redact(&text, &RedactOptions { emails: args.emails });
    let bounds: Vec<usize> = secrets.iter().flat_map(|s| [s.start, s.end]).collect();
    let units = crate::text::utf16_offsets(&text, &bounds);
    let findings: Vec<RedactFinding> = secrets
        .iter()
        .zip(units.chunks(2))
        .map(|(s, u)| {
            let family = redact::families::by_id(s.kind).filter(|f| f.live && !f.rotate.is_empty());
            RedactFinding { kind: s.kind, label: redact::families::label(s.kind), rotate: family.map(|f| f.rotate), start: u[0], end: u[1] }
        })
        .collect();
    to_js(&Redacted { text: masked, findings })
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ConfigureArgs {
    catalogue: Option<serde_json::Value>,
    locale: Option<String>,
    translations: Option<std::collections::HashMap<String, String>>,
    context: Option<crate::ticket::Context>,
    support_email: Option<String>,
    persist: Option<bool>,
}

/// `ErrLens.configure(options)` (the wasm part: catalogue, locale, strings,
/// context, support e-mail, persistence). Returns `{problems, entries, version}`:
/// the host entries that were rejected, each naming the entry and field.
#[wasm_bindgen]
pub fn configure(opts: JsValue) -> Result<JsValue, JsError> {
    let value: serde_json::Value = options(opts, "ErrLens.configure(options)", "{locale: \"de\", catalogue: {entries: [...]}}")?;
    let args: ConfigureArgs = serde_json::from_value(value).map_err(|e| {
        JsError::new(&format!("ErrLens.configure(options): {e}; see the README for the accepted options"))
    })?;
    if let Some(locale) = &args.locale {
        i18n::set_locale(locale);
    }
    if let Some(translations) = args.translations {
        i18n::set_translations(translations);
    }
    let mut problems = Vec::new();
    if let Some(catalogue) = args.catalogue {
        problems = store::extend_catalogue(catalogue);
    }
    store::update(|engine| {
        if let Some(context) = args.context {
            engine.context = context;
        }
        if args.support_email.is_some() {
            engine.support_email = args.support_email;
        }
        if let Some(persist) = args.persist {
            engine.persist = persist;
        }
    });
    let engine = store::engine();
    let problems: Vec<serde_json::Value> = problems
        .iter()
        .map(|p| serde_json::json!({"entry": p.entry, "field": p.field, "message": p.to_string()}))
        .collect();
    to_js(&serde_json::json!({
        "problems": problems,
        "entries": engine.catalogue.entries().len(),
        "version": engine.catalogue.version(),
    }))
}

/// `ErrLens.setContext({integration, workspace, flow, ...})`.
#[wasm_bindgen(js_name = setContext)]
pub fn set_context(context: JsValue) -> Result<(), JsError> {
    let context: crate::ticket::Context =
        options(context, "ErrLens.setContext(context)", "{integration: \"salesforce\", workspace: \"acme\"}")?;
    store::update(|engine| engine.context = context);
    Ok(())
}

/// The loader's words in the current locale, through the translation table
/// (so `configure({translations})` rewords them too).
#[wasm_bindgen(js_name = loaderStrings)]
pub fn loader_strings() -> Result<JsValue, JsError> {
    use i18n::t;
    to_js(&crate::contract::LoaderStrings {
        launcher: t("title"),
        loading: t("loader.loading"),
        failed: t("loader.failed"),
        crashed: t("loader.crashed"),
        reload: t("loader.reload"),
    })
}

/// The catalogue version (content hash, plus a host marker).
#[wasm_bindgen(js_name = catalogueVersion)]
pub fn catalogue_version() -> String {
    store::engine().catalogue.version()
}

#[cfg(target_arch = "wasm32")]
pub use mount::{mount, Widget};

#[cfg(target_arch = "wasm32")]
mod mount {
    use super::*;
    use crate::ui::{App, AppProps, Command, Mode, View};
    use wasm_bindgen::JsCast;
    use yew::{AppHandle, Callback};

    #[derive(Deserialize, Default)]
    #[serde(default, rename_all = "camelCase")]
    struct MountArgs {
        mode: Option<String>,
        view: Option<String>,
        entry: Option<String>,
        storage_key: Option<String>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct OpenArgs {
        view: Option<String>,
        query: Option<String>,
        payload: Option<String>,
        entry: Option<String>,
    }

    /// A mounted widget; the loader keeps it and destroys it on disconnect.
    #[wasm_bindgen]
    pub struct Widget {
        offload: Option<crate::ui::app::Offload>,
        handle: Option<AppHandle<App>>,
        mode: Mode,
        initial_view: View,
        onevent: Callback<(String, serde_json::Value)>,
        storage_key: String,
        command: Option<Command>,
        command_seq: u32,
        engine_seq: u32,
    }

    impl Widget {
        fn props(&self) -> AppProps {
            AppProps {
                mode: self.mode,
                initial_view: self.initial_view.clone(),
                command: self.command.clone(),
                command_seq: self.command_seq,
                onevent: self.onevent.clone(),
                engine_seq: self.engine_seq,
                storage_key: self.storage_key.clone().into(),
                offload: self.offload.clone(),
            }
        }
    }

    /// Mounts a widget into `root` (an element inside the shadow root).
    /// `sink(name, detail)` receives the widget's events.
    #[wasm_bindgen]
    pub fn mount(root: web_sys::Element, opts: JsValue, sink: js_sys::Function, offload: JsValue) -> Result<Widget, JsError> {
        let args: MountArgs = options(opts, "mount(root, options)", "{mode: \"page\"}")?;
        let mode = match args.mode.as_deref() {
            Some("page") => Mode::Page,
            Some("inline") => Mode::Inline,
            _ => Mode::Drawer,
        };
        let initial_view = args
            .view
            .as_deref()
            .and_then(|v| View::parse(v, args.entry.as_deref()))
            .unwrap_or(View::Search);
        let onevent = Callback::from(move |(name, detail): (String, serde_json::Value)| {
            let detail = to_js(&detail).unwrap_or(JsValue::NULL);
            let _ = sink.call2(&JsValue::NULL, &JsValue::from_str(&name), &detail);
        });
        let offload = offload.dyn_into::<js_sys::Function>().ok().map(|diagnose_elsewhere| {
            Callback::from(move |(text, done): (String, Callback<crate::diagnose::Diagnosis>)| {
                let Ok(promise) = diagnose_elsewhere
                    .call1(&JsValue::NULL, &JsValue::from_str(&text))
                    .and_then(|v| v.dyn_into::<js_sys::Promise>())
                else {
                    return;
                };
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(value) = wasm_bindgen_futures::JsFuture::from(promise).await {
                        let parsed = serde_wasm_bindgen::from_value::<serde_json::Value>(value)
                            .ok()
                            .and_then(|v| serde_json::from_value(v).ok());
                        if let Some(diagnosis) = parsed {
                            done.emit(diagnosis);
                        }
                    }
                });
            })
        });
        let mut widget = Widget {
            offload,
            handle: None,
            mode,
            initial_view,
            onevent,
            storage_key: args.storage_key.unwrap_or_default(),
            command: None,
            command_seq: 0,
            engine_seq: 0,
        };
        widget.handle = Some(yew::Renderer::<App>::with_root_and_props(root, widget.props()).render());
        Ok(widget)
    }

    #[wasm_bindgen]
    impl Widget {
        /// Shows a view: `{view, query?, payload?, entry?}` (what `ErrLens.open` takes).
        pub fn navigate(&mut self, opts: JsValue) -> Result<(), JsError> {
            let args: OpenArgs = options(opts, "ErrLens.open(options)", "{view: \"diagnose\", payload: text}")?;
            if let Some(view) = args.view.as_deref() {
                if View::parse(view, args.entry.as_deref().or(Some(""))).is_none() {
                    return Err(JsError::new(&format!(
                        "ErrLens.open: unknown view \"{view}\"; pass one of search, diagnose, entry (with entry: id), ticket"
                    )));
                }
            }
            self.command = Some(Command { view: args.view, query: args.query, payload: args.payload, entry: args.entry });
            self.command_seq += 1;
            let props = self.props();
            if let Some(handle) = self.handle.as_mut() {
                handle.update(props);
            }
            Ok(())
        }

        /// Re-renders after the catalogue, locale or context changed.
        pub fn refresh(&mut self) {
            self.engine_seq += 1;
            let props = self.props();
            if let Some(handle) = self.handle.as_mut() {
                handle.update(props);
            }
        }

        /// Unmounts the widget.
        pub fn destroy(mut self) {
            if let Some(handle) = self.handle.take() {
                handle.destroy();
            }
        }
    }
}

/// Panics on purpose, so tests can check that a crash stays inside the
/// widget: the loader shows a readable error and restarts on a fresh instance.
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic() {
    panic!("errlens: debugPanic() was called to test crash isolation");
}
