//! The root component: one widget instance (the launcher's drawer, an inline
//! `<err-lens>` or a help-center page) with its views and its draft.
//!
//! Commands from the JS API (`ErrLens.open`) arrive as new props with a higher
//! `command_seq`. Events for the host leave through `onevent`. The state a
//! user would hate to lose (the paste, the view, the ticket draft) is saved on
//! every change. Never renders raw HTML: every text goes through Yew's escaping.

use std::rc::Rc;

use yew::prelude::*;

use super::diagnose_view::DiagnoseView;
use super::entry_view::EntryView;
use super::i18n::t;
use super::persist::{self, Draft};
use super::search_view::SearchView;
use super::store;
use super::ticket_view::TicketView;
use crate::diagnose::Diagnosis;

/// Where the widget lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Inside the launcher's dialog.
    Drawer,
    /// Inline in the host page (`<err-lens view="diagnose">`).
    Inline,
    /// A full help-center page (`<err-lens mode="page">`).
    Page,
}

/// The view shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    Search,
    Entry(String),
    Diagnose,
    Ticket,
}

impl View {
    /// Parses `search`, `diagnose`, `ticket` or `entry` (with an id).
    pub fn parse(name: &str, entry: Option<&str>) -> Option<View> {
        match name {
            "search" => Some(View::Search),
            "diagnose" => Some(View::Diagnose),
            "ticket" => Some(View::Ticket),
            "entry" => entry.map(|id| View::Entry(id.to_string())),
            _ => None,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            View::Search => "search",
            View::Entry(_) => "entry",
            View::Diagnose => "diagnose",
            View::Ticket => "ticket",
        }
    }
}

/// A request from the host (`ErrLens.open`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Command {
    pub view: Option<String>,
    pub query: Option<String>,
    pub payload: Option<String>,
    pub entry: Option<String>,
}

/// Raised to the host: `(event name, detail)`.
pub type EventSink = Callback<(String, serde_json::Value)>;

/// Diagnoses a paste elsewhere (a Web Worker) and hands the result back.
pub type Offload = Callback<(String, Callback<Diagnosis>)>;

/// Pastes larger than this (bytes) are diagnosed off the main thread when the
/// host page can run a worker, so the page never freezes.
pub const LARGE_PASTE: usize = 256 * 1024;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub mode: Mode,
    /// The first view when there is no saved draft.
    #[prop_or(View::Search)]
    pub initial_view: View,
    /// The latest host command and its sequence number.
    #[prop_or_default]
    pub command: Option<Command>,
    #[prop_or_default]
    pub command_seq: u32,
    #[prop_or_default]
    pub onevent: EventSink,
    /// Bumped by the host when the catalogue or context changes.
    #[prop_or_default]
    pub engine_seq: u32,
    /// Storage key suffix, so two widgets keep separate drafts.
    #[prop_or_default]
    pub storage_key: AttrValue,
    /// Where large pastes are diagnosed; `None` diagnoses them here.
    #[prop_or_default]
    pub offload: Option<Offload>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let storage_key = props.storage_key.clone();
    let persist_on = store::engine().persist;
    let restored = use_memo(storage_key.clone(), move |key| persist::load(key, persist_on));
    let view = use_state(|| {
        restored
            .as_ref()
            .as_ref()
            .and_then(|d| View::parse(&d.view, d.entry.as_deref()))
            .unwrap_or_else(|| props.initial_view.clone())
    });
    let back_stack = use_mut_ref(Vec::<View>::new);
    let query = use_state(|| restored.as_ref().as_ref().map(|d| d.query.clone()).unwrap_or_default());
    let payload = use_state(|| restored.as_ref().as_ref().map(|d| d.payload.clone()).unwrap_or_default());
    let tried = use_state(|| restored.as_ref().as_ref().map(|d| d.tried.clone()).unwrap_or_default());
    let ticket = use_state(|| restored.as_ref().as_ref().and_then(|d| d.ticket.clone()));
    let engine = store::engine();
    let _ = props.engine_seq;

    let offloaded = use_state(|| None::<(Rc<String>, Rc<Option<Diagnosis>>)>);
    let large = payload.len() > LARGE_PASTE && props.offload.is_some();
    let local: Rc<Option<Diagnosis>> = {
        let text = (*payload).clone();
        let engine = engine.clone();
        use_memo((text, props.engine_seq, large), move |(text, _, large)| {
            if text.trim().is_empty() || *large {
                None
            } else {
                Some(super::diagnose_now(&engine, text))
            }
        })
    };
    {
        let (offloaded, offload) = (offloaded.clone(), props.offload.clone());
        use_effect_with(((*payload).clone(), props.engine_seq), move |(text, _)| {
            if let Some(offload) = offload.filter(|_| text.len() > LARGE_PASTE) {
                let key = Rc::new(text.clone());
                let done = Callback::from(move |d: Diagnosis| offloaded.set(Some((key.clone(), Rc::new(Some(d))))));
                offload.emit((text.clone(), done));
            }
        });
    }
    let diagnosis: Rc<Option<Diagnosis>> = match (&*offloaded, large) {
        (Some((key, d)), true) if **key == *payload => d.clone(),
        (_, true) => Rc::new(None),
        _ => local,
    };
    let pending = large && diagnosis.is_none();
    let restored_masked = restored
        .as_ref()
        .as_ref()
        .filter(|d| d.payload == *payload && d.payload.contains(crate::redact::MASK_OPEN))
        .map_or(0, |d| d.masked);

    // Host commands.
    {
        let (view, query, payload, back_stack) = (view.clone(), query.clone(), payload.clone(), back_stack.clone());
        let command = props.command.clone();
        use_effect_with(props.command_seq, move |_| {
            if let Some(command) = command {
                if let Some(q) = command.query {
                    query.set(q);
                }
                if let Some(p) = command.payload {
                    payload.set(p);
                }
                let entry = command.entry.clone();
                let name = command.view.as_deref().unwrap_or(if entry.is_some() { "entry" } else { "search" });
                if let Some(next) = View::parse(name, entry.as_deref()) {
                    back_stack.borrow_mut().push((*view).clone());
                    view.set(next);
                }
            }
        });
    }

    // Save the draft on every change.
    {
        let draft = Draft {
            view: view.name().to_string(),
            entry: match &*view {
                View::Entry(id) => Some(id.clone()),
                _ => None,
            },
            query: (*query).clone(),
            payload: (*payload).clone(),
            tried: (*tried).clone(),
            ticket: (*ticket).clone(),
            masked: 0,
        };
        let persist_on = engine.persist;
        use_effect_with((draft, storage_key.clone()), move |(draft, key)| {
            if persist_on {
                persist::save(key, draft);
            }
        });
    }

    let navigate = {
        let (view, back_stack, onevent) = (view.clone(), back_stack.clone(), props.onevent.clone());
        Callback::from(move |next: View| {
            if let View::Entry(id) = &next {
                onevent.emit(("entry".into(), crate::contract::json(&crate::contract::EntryOpened { id })));
            }
            back_stack.borrow_mut().push((*view).clone());
            view.set(next);
        })
    };
    let go_back = {
        let (view, back_stack) = (view.clone(), back_stack.clone());
        Callback::from(move |_| {
            let previous = back_stack.borrow_mut().pop().unwrap_or(View::Search);
            view.set(previous);
        })
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |q: String| query.set(q))
    };
    let on_payload = {
        let payload = payload.clone();
        // An open ticket draft is kept: it offers the new error when shown.
        Callback::from(move |p: String| payload.set(p))
    };
    let on_tried = {
        let tried = tried.clone();
        Callback::from(move |(fix, checked): (String, bool)| {
            let mut next = (*tried).clone();
            next.retain(|f| f != &fix);
            if checked {
                next.push(fix);
            }
            tried.set(next);
        })
    };
    let on_ticket = {
        let ticket = ticket.clone();
        Callback::from(move |t: Option<crate::ticket::Ticket>| ticket.set(t))
    };
    let on_discard = {
        let (ticket, payload, tried, query, view) = (ticket.clone(), payload.clone(), tried.clone(), query.clone(), view.clone());
        let key = storage_key.clone();
        Callback::from(move |_| {
            ticket.set(None);
            payload.set(String::new());
            tried.set(Vec::new());
            query.set(String::new());
            view.set(View::Search);
            persist::clear(&key);
        })
    };

    let tab = |target: View, key: &str, testid: &'static str| {
        let selected = std::mem::discriminant(&*view) == std::mem::discriminant(&target)
            || (matches!(*view, View::Entry(_)) && target == View::Search);
        let navigate = navigate.clone();
        let onclick = Callback::from(move |_| navigate.emit(target.clone()));
        html! {
            <button type="button" role="tab" class="el-tab" aria-selected={selected.to_string()}
                data-testid={testid} {onclick}>{ t(key) }</button>
        }
    };

    let body = match &*view {
        View::Search => html! {
            <SearchView query={(*query).clone()} onquery={on_query.clone()} onselect={navigate.clone()} onpaste={on_payload.clone()}
                onevent={props.onevent.clone()} full_index={props.mode == Mode::Page} />
        },
        View::Entry(id) => html! {
            <EntryView id={id.clone()} onnavigate={navigate.clone()} onback={go_back.clone()}
                tried={(*tried).clone()} ontried={on_tried.clone()} onevent={props.onevent.clone()}
                diagnosis={diagnosis.clone()} />
        },
        View::Diagnose => html! {
            <DiagnoseView payload={(*payload).clone()} onpayload={on_payload.clone()} {pending} {restored_masked}
                diagnosis={diagnosis.clone()} onnavigate={navigate.clone()} onevent={props.onevent.clone()} />
        },
        View::Ticket => html! {
            <TicketView diagnosis={diagnosis.clone()} payload={(*payload).clone()} tried={(*tried).clone()} ticket={(*ticket).clone()}
                onticket={on_ticket.clone()} ondiscard={on_discard.clone()} onevent={props.onevent.clone()} />
        },
    };

    let close = {
        let onevent = props.onevent.clone();
        Callback::from(move |_| onevent.emit(("request-close".into(), serde_json::Value::Null)))
    };
    let mode_class = match props.mode {
        Mode::Drawer => "el-app el-drawer",
        Mode::Inline => "el-app el-inline",
        Mode::Page => "el-app el-page",
    };
    html! {
        <div class={mode_class} lang={super::i18n::locale()}>
            // Plain divs, not <header>/<main>: the widget sits inside the host's
            // page, which has its own banner and main landmarks (axe: one each).
            <div class="el-head">
                <h2 class="el-title" id="errlens-title">{ t("title") }</h2>
                <nav class="el-tabs" role="tablist" aria-label={t("title")}>
                    { tab(View::Search, "tab.search", "errlens-tab-search") }
                    { tab(View::Diagnose, "tab.diagnose", "errlens-tab-diagnose") }
                    { tab(View::Ticket, "tab.ticket", "errlens-tab-ticket") }
                </nav>
                if props.mode == Mode::Drawer {
                    <button type="button" class="el-close" part="close" aria-label={t("close")}
                        data-testid="errlens-close" onclick={close}>{ "×" }</button>
                }
            </div>
            <div class="el-body">{ body }</div>
        </div>
    }
}
