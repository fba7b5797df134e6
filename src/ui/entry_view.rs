//! One catalogue entry in the widget: the same article the help-center pages
//! render (`pages::EntryArticle`), with its live parts: the "what to do now"
//! button the host wires to its own routine, a "tried it" box after each fix,
//! and related entries opened in place.

use std::rc::Rc;

use yew::prelude::*;

use super::app::{EventSink, View};
use super::i18n::t;
use super::pages::{EntryArticle, Links, Live};
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
    crate::contract::json(&crate::contract::EntryAction { action: action.as_str(), entry: &entry.id, title: &entry.title, diagnosis })
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
        Callback::from(move |()| {
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
    // The "tried it" box after each fix: ticked fixes go into the ticket.
    let fix_control = {
        let (tried, ontried, fixes) = (props.tried.clone(), props.ontried.clone(), entry.fixes.clone());
        Callback::from(move |i: usize| {
            let Some(fix) = fixes.get(i).map(|f| f.to_string()) else { return Html::default() };
            let checked = tried.contains(&fix);
            let ontried = ontried.clone();
            let onchange = Callback::from(move |e: Event| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                ontried.emit((fix.clone(), input.checked()));
            });
            html! { <label class="el-tried"><input type="checkbox" {checked} {onchange} />{ t("entry.tried") }</label> }
        })
    };
    let onentry = {
        let onnavigate = props.onnavigate.clone();
        Callback::from(move |id: String| onnavigate.emit(View::Entry(id)))
    };
    let related: Vec<(AttrValue, AttrValue)> = entry
        .related
        .iter()
        .filter_map(|id| engine.catalogue.get(id))
        .map(|r| (AttrValue::from(r.id.to_string()), AttrValue::from(r.title.to_string())))
        .collect();
    let live = Live { onaction: on_action, fix_control, onentry };
    html! {
        <div class="el-entry">
            <button type="button" class="el-link-button" onclick={onback}>{ format!("‹ {}", t("entry.back")) }</button>
            <EntryArticle {entry} {related} links={Links::Hash} level={3} testid="errlens-entry" live={Some(live)} />
            <p class="el-row"><button type="button" class="el-button" onclick={to_ticket}>{ t("tab.ticket") }</button></p>
        </div>
    }
}
