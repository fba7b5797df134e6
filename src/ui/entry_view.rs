//! One catalogue entry: summary, what to do now (an action button the host
//! wires to its own routine), meaning, causes, numbered fixes the user can
//! tick as tried, related entries and references.

use std::rc::Rc;

use yew::prelude::*;

use super::app::{EventSink, View};
use super::i18n::t;
use super::store;
use crate::catalogue::{Action, Entry};
use crate::diagnose::Diagnosis;

#[derive(Properties, PartialEq)]
pub struct EntryViewProps {
    pub id: String,
    pub onnavigate: Callback<View>,
    pub onback: Callback<()>,
    pub tried: Vec<String>,
    pub ontried: Callback<(String, bool)>,
    pub onevent: EventSink,
    pub diagnosis: Rc<Option<Diagnosis>>,
}

/// The `action` event's detail: what to do, for which entry, with the diagnosis.
pub fn action_detail(action: Action, entry: &Entry, diagnosis: Option<&Diagnosis>) -> serde_json::Value {
    serde_json::json!({
        "action": action.as_str(),
        "entry": entry.id,
        "title": entry.title,
        "diagnosis": diagnosis,
    })
}

#[component]
pub fn EntryView(props: &EntryViewProps) -> Html {
    let engine = store::engine();
    let Some(entry) = engine.catalogue.get(&props.id).cloned() else {
        let onback = props.onback.clone();
        return html! {
            <section class="el-entry" data-testid="errlens-entry">
                <p>{ format!("{} “{}”.", t("search.none"), props.id) }</p>
                <button type="button" class="el-button" onclick={move |_| onback.emit(())}>{ t("entry.back") }</button>
            </section>
        };
    };
    let onback = {
        let onback = props.onback.clone();
        Callback::from(move |_| onback.emit(()))
    };
    let on_action = {
        let (onevent, onnavigate, entry) = (props.onevent.clone(), props.onnavigate.clone(), entry.clone());
        let diagnosis = props.diagnosis.clone();
        Callback::from(move |_| {
            onevent.emit(("action".into(), action_detail(entry.action, &entry, diagnosis.as_ref().as_ref())));
            if entry.action == Action::ContactSupport {
                onnavigate.emit(View::Ticket);
            }
        })
    };
    let to_ticket = {
        let onnavigate = props.onnavigate.clone();
        Callback::from(move |_| onnavigate.emit(View::Ticket))
    };
    html! {
        <article class="el-entry" data-testid="errlens-entry" data-entry={entry.id.to_string()}>
            <button type="button" class="el-link-button" onclick={onback}>{ format!("‹ {}", t("entry.back")) }</button>
            <h3 class="el-entry-title">{ entry.title.to_string() }</h3>
            <p class="el-meta">
                <span class="el-chip">{ entry.category.label() }</span>
                <span class="el-chip">{ entry.kind.label() }</span>
                <span class="el-chip">{ format!("{}: {}", t("entry.whose"), entry.layer.label()) }</span>
            </p>
            <p class="el-summary">{ entry.summary.to_string() }</p>
            <div class="el-now">
                <span class="el-now-label">{ t("entry.now") }</span>
                <button type="button" class="el-button el-primary" part="primary-button"
                    data-testid="errlens-action" data-action={entry.action.as_str()} onclick={on_action}>
                    { entry.action.label() }
                </button>
                <span class="el-retry">{ entry.retryable.label() }</span>
            </div>
            <h4>{ t("entry.fixes") }</h4>
            <ol class="el-fixes">
                { for entry.fixes.iter().map(|fix| {
                    let checked = props.tried.iter().any(|f| f == fix.as_ref());
                    let ontried = props.ontried.clone();
                    let text = fix.to_string();
                    let onchange = Callback::from(move |e: Event| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        ontried.emit((text.clone(), input.checked()));
                    });
                    html! {
                        <li>
                            <span class="el-fix">{ fix.to_string() }</span>
                            <label class="el-tried"><input type="checkbox" {checked} {onchange} />{ t("entry.tried") }</label>
                        </li>
                    }
                }) }
            </ol>
            <h4>{ t("entry.meaning") }</h4>
            <p>{ entry.meaning.to_string() }</p>
            <h4>{ t("entry.causes") }</h4>
            <ul>{ for entry.causes.iter().map(|c| html! { <li>{ c.to_string() }</li> }) }</ul>
            if !entry.related.is_empty() {
                <h4>{ t("entry.related") }</h4>
                <ul class="el-related">
                    { for entry.related.iter().filter_map(|id| engine.catalogue.get(id)).map(|r| {
                        let onnavigate = props.onnavigate.clone();
                        let id = r.id.to_string();
                        let onclick = Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            onnavigate.emit(View::Entry(id.clone()));
                        });
                        html! { <li><a class="el-link" href={super::entry_href(&r.id)} {onclick}>{ r.title.to_string() }</a></li> }
                    }) }
                </ul>
            }
            if !entry.references.is_empty() {
                <h4>{ t("entry.references") }</h4>
                <ul class="el-refs">{ for entry.references.iter().map(|r| html! { <li>{ r.to_string() }</li> }) }</ul>
            }
            <p class="el-row"><button type="button" class="el-button" onclick={to_ticket}>{ t("tab.ticket") }</button></p>
        </article>
    }
}
