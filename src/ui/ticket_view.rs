//! The Ticket view: the support request drafted from the diagnosis and the
//! host context, every field editable, copied as text or Markdown, opened as
//! an e-mail or handed to the host. What leaves is redacted once more.

use std::rc::Rc;

use yew::prelude::*;

use super::app::EventSink;
use super::i18n::t;
use super::store;
use crate::catalogue::Action;
use crate::contract;
use crate::diagnose::Diagnosis;
use crate::redact::{self, RedactOptions};
use crate::ticket::{self, Ticket};

#[derive(Properties, PartialEq)]
pub struct TicketViewProps {
    pub diagnosis: Rc<Option<Diagnosis>>,
    /// The paste as the user gave it: the error text is masked from it, so a
    /// false positive can be shown again.
    #[prop_or_default]
    pub payload: String,
    pub tried: Vec<String>,
    /// The saved draft; `None` drafts a new one.
    pub ticket: Option<Ticket>,
    pub onticket: Callback<Option<Ticket>>,
    pub ondiscard: Callback<()>,
    pub onevent: EventSink,
}

#[component]
pub fn TicketView(props: &TicketViewProps) -> Html {
    let engine = store::engine();
    let copied = use_state(|| false);
    // A draft of the current diagnosis and host context; the saved draft
    // follows it where the user did not write (`Ticket::follow`).
    let fresh = {
        let mut draft = ticket::draft(
            props.diagnosis.as_ref().as_ref(),
            &engine.context,
            &super::now_iso(),
            &engine.catalogue.version(),
        );
        draft.tried = props.tried.clone();
        draft
    };
    let current: Ticket = match &props.ticket {
        Some(saved) => saved.follow(&fresh, false),
        None => fresh.clone(),
    };
    let stale = current.is_stale(&fresh);
    // Keep the drafted or followed ticket, so it survives a reload even before an edit.
    {
        let (onticket, current) = (props.onticket.clone(), current.clone());
        let changed = props.ticket.as_ref() != Some(&current);
        use_effect_with((changed, current.clone()), move |(changed, _)| {
            if *changed {
                onticket.emit(Some(current));
            }
        });
    }
    let take_new = {
        let (onticket, current, fresh) = (props.onticket.clone(), current.clone(), fresh.clone());
        Callback::from(move |_| onticket.emit(Some(current.follow(&fresh, true))))
    };

    let edit = |field: &'static str, apply: fn(&mut Ticket, String)| {
        let (onticket, current) = (props.onticket.clone(), current.clone());
        Callback::from(move |e: InputEvent| {
            let value = super::input_value(&e);
            let mut next = current.clone();
            apply(&mut next, value);
            next.mark_edited(field);
            onticket.emit(Some(next));
        })
    };
    let toggle = |field: &'static str, apply: fn(&mut Ticket, bool)| {
        let (onticket, current) = (props.onticket.clone(), current.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut next = current.clone();
            apply(&mut next, input.checked());
            next.mark_edited(field);
            onticket.emit(Some(next));
        })
    };
    let on_priority = {
        let (onticket, current) = (props.onticket.clone(), current.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut next = current.clone();
            next.priority = select.value();
            next.mark_edited("priority");
            onticket.emit(Some(next));
        })
    };
    let copy = |markdown: bool| {
        let (onevent, current, copied) = (props.onevent.clone(), current.clone(), copied.clone());
        Callback::from(move |_| {
            let text = if markdown { current.to_markdown() } else { current.to_text() };
            super::copy_to_clipboard(&text);
            copied.set(true);
            onevent.emit((
                "ticket-copied".into(),
                contract::json(&contract::TicketCopied { format: if markdown { "markdown" } else { "text" }, text: &text }),
            ));
        })
    };
    let send = {
        let (onevent, current, diagnosis) = (props.onevent.clone(), current.clone(), props.diagnosis.clone());
        Callback::from(move |_| {
            let redacted = current.redacted();
            onevent.emit((
                "action".into(),
                contract::json(&contract::TicketAction {
                    action: Action::ContactSupport.as_str(),
                    entry: Some(redacted.entry_id.as_str()).filter(|id| !id.is_empty()),
                    ticket: &redacted,
                    text: &current.to_text(),
                    diagnosis: diagnosis.as_ref().as_ref(),
                }),
            ))
        })
    };
    let discard = {
        let ondiscard = props.ondiscard.clone();
        Callback::from(move |_| ondiscard.emit(()))
    };
    let mailto = engine.support_email.as_ref().map(|address| current.mailto(address));
    // Found once per paste, not on every render.
    let secrets = use_memo(props.payload.clone(), |payload| redact::find_secrets(payload, &RedactOptions::default()));
    let on_unmask = |index: usize| {
        let (onticket, current, payload, secrets) = (props.onticket.clone(), current.clone(), props.payload.clone(), secrets.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(value) = secrets.get(index).and_then(|s| payload.get(s.start..s.end)) else { return };
            let mut next = current.clone();
            next.set_unmasked(&payload, &secrets, value, input.checked());
            onticket.emit(Some(next));
        })
    };

    let field = |id: &str, label: &str, value: &str, oninput: Callback<InputEvent>| {
        html! {
            <div class="el-field">
                <label for={format!("errlens-t-{id}")} class="el-label">{ t(label) }</label>
                <input id={format!("errlens-t-{id}")} class="el-input" type="text" value={value.to_string()} {oninput} />
            </div>
        }
    };
    html! {
        <section class="el-ticket" data-testid="errlens-ticket">
            if stale {
                <div class="el-note el-stale" role="status" data-testid="errlens-ticket-stale">
                    <p>{ t("ticket.stale") }</p>
                    <button type="button" class="el-button" data-testid="errlens-ticket-take-new" onclick={take_new}>{ t("ticket.stale.take") }</button>
                </div>
            }
            { field("title", "ticket.title", &current.title, edit("title", |t, v| t.title = v)) }
            <div class="el-field">
                <label for="errlens-t-description" class="el-label">{ t("ticket.description") }</label>
                <textarea id="errlens-t-description" class="el-textarea" rows="3" value={current.description.clone()}
                    oninput={edit("description", |t, v| t.description = v)} />
            </div>
            if !current.tried.is_empty() {
                <div class="el-field">
                    <span class="el-label">{ t("ticket.tried") }</span>
                    <ul>{ for current.tried.iter().map(|f| html! { <li>{ f.clone() }</li> }) }</ul>
                </div>
            }
            <div class="el-grid">
                { field("integration", "ticket.integration", &current.integration, edit("integration", |t, v| t.integration = v)) }
                { field("workspace", "ticket.workspace", &current.workspace, edit("workspace", |t, v| t.workspace = v)) }
                { field("flow", "ticket.flow", &current.flow, edit("flow", |t, v| t.flow = v)) }
                { field("observed", "ticket.observed", &current.first_observed, edit("first_observed", |t, v| t.first_observed = v)) }
                <div class="el-field">
                    <label for="errlens-t-priority" class="el-label">{ t("ticket.priority") }</label>
                    <select id="errlens-t-priority" class="el-input" onchange={on_priority}>
                        { for ["low", "normal", "high", "urgent"].iter().map(|p| html! {
                            <option value={*p} selected={current.priority == *p}>{ t(&format!("priority.{p}")) }</option>
                        }) }
                    </select>
                </div>
                { field("deadline", "ticket.deadline", &current.deadline, edit("deadline", |t, v| t.deadline = v)) }
            </div>
            <label class="el-check"><input type="checkbox" checked={current.blocker} onchange={toggle("blocker", |t, v| t.blocker = v)} />{ t("ticket.blocker") }</label>
            <label class="el-check"><input type="checkbox" checked={current.docs_checked} onchange={toggle("docs_checked", |t, v| t.docs_checked = v)} />{ t("ticket.docs") }</label>
            if !current.request_ids.is_empty() {
                <p class="el-field"><span class="el-label">{ t("ticket.requests") }</span>
                    { for current.request_ids.iter().map(|id| html! { <code class="el-code">{ id.clone() }</code> }) }</p>
            }
            <div class="el-field">
                <label for="errlens-t-error" class="el-label">{ t("ticket.error") }</label>
                <textarea id="errlens-t-error" class="el-textarea el-mono" rows="6" value={current.error_text.clone()}
                    oninput={edit("error_text", |t, v| t.error_text = v)} />
            </div>
            <super::masked::MaskedSummary summary={redact::masked_summary(&secrets)} />
            if !secrets.is_empty() {
                <details class="el-masked" data-testid="errlens-masked">
                    <summary>{ format!("{} ({})", t("ticket.masked"), secrets.len()) }</summary>
                    <p class="el-hint">{ t("ticket.masked.hint") }</p>
                    <ul class="el-masked-list">
                        { for secrets.iter().enumerate().map(|(i, secret)| {
                            let value = props.payload.get(secret.start..secret.end).unwrap_or("");
                            let shown = current.unmasked.iter().any(|u| u == value);
                            html! {
                                <li>
                                    <label class="el-check">
                                        <input type="checkbox" checked={shown} onchange={on_unmask(i)} />
                                        { format!("{} · {} {}", redact::families::label(secret.kind), value.chars().count(), t("ticket.masked.chars")) }
                                    </label>
                                </li>
                            }
                        }) }
                    </ul>
                </details>
            }
            <div class="el-row">
                <button type="button" class="el-button el-primary" part="primary-button" data-testid="errlens-copy-text" onclick={copy(false)}>{ t("ticket.copy.text") }</button>
                <button type="button" class="el-button" data-testid="errlens-copy-markdown" onclick={copy(true)}>{ t("ticket.copy.md") }</button>
                if let Some(href) = mailto {
                    <a class="el-button" data-testid="errlens-mailto" href={href}>{ t("ticket.email") }</a>
                }
                <button type="button" class="el-button" data-testid="errlens-send" onclick={send}>{ t("ticket.send") }</button>
                <button type="button" class="el-button el-quiet" data-testid="errlens-discard" onclick={discard}>{ t("ticket.discard") }</button>
            </div>
            if *copied {
                <p class="el-note" role="status">{ t("ticket.copied") }</p>
            }
            <details class="el-preview"><summary>{ t("ticket.preview") }</summary><pre class="el-paste">{ current.to_text() }</pre></details>
        </section>
    }
}

