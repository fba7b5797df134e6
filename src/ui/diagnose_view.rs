//! The Diagnose view: paste, type or drop a file; the diagnosis appears as
//! you paste: the top finding with its confidence in words, whose problem it
//! is, what to do now, retry advice, the runner-ups, and the paste itself
//! with the proof highlighted and secrets already masked. The paste is only
//! ever rendered as text.

use std::rc::Rc;

use yew::prelude::*;

use super::app::{EventSink, View};
use super::entry_view::action_detail;
use super::i18n::t;
use super::store;
use crate::diagnose::shown::{self, Segment};
use crate::diagnose::Diagnosis;
use crate::redact;

#[derive(Properties, PartialEq)]
pub struct DiagnoseViewProps {
    pub payload: String,
    pub onpayload: Callback<String>,
    pub diagnosis: Rc<Option<Diagnosis>>,
    pub onnavigate: Callback<View>,
    pub onevent: EventSink,
    /// A large paste is being diagnosed off the main thread.
    #[prop_or_default]
    pub pending: bool,
    /// Masks in a paste restored from a saved draft (0 for a fresh paste):
    /// the user is told why parts of their paste now read `[REDACTED:...]`.
    #[prop_or_default]
    pub restored_masked: usize,
}

/// Confidence in words.
pub fn confidence_words(confidence: f32) -> String {
    t(&format!("confidence.{}", crate::diagnose::Confidence::of(confidence).as_str()))
}

#[component]
pub fn DiagnoseView(props: &DiagnoseViewProps) -> Html {
    // Read from the diagnosis's masked text (made here or in the worker):
    // the paste is not scanned again on the main thread.
    let masked = props.diagnosis.as_ref().as_ref().map(|d| redact::masked_summary_of_text(&d.redacted)).unwrap_or_default();
    let engine = store::engine();
    let oninput = {
        let onpayload = props.onpayload.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            onpayload.emit(area.value());
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let onpayload = props.onpayload.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                super::read_file(file, onpayload.clone());
            }
        })
    };

    // Tell the host once per distinct diagnosis.
    {
        let onevent = props.onevent.clone();
        use_effect_with(props.diagnosis.clone(), move |diagnosis| {
            if let Some(d) = diagnosis.as_ref() {
                let name = if d.findings.is_empty() { "no-match" } else { "diagnosed" };
                onevent.emit((name.into(), serde_json::to_value(d).unwrap_or_default()));
            }
        });
    }

    let result = match props.diagnosis.as_ref() {
        None if props.pending => html! {
            <p class="el-note" role="status" data-testid="errlens-diagnosing">{ t("diagnose.pending") }</p>
        },
        None => html! {},
        Some(d) if d.findings.is_empty() => html! {
            <section class="el-diagnosis el-nomatch" data-testid="errlens-diagnosis" data-kind="unknown">
                <h3>{ t("diagnose.none") }</h3>
                <p>{ t("diagnose.none.hint") }</p>
                { for d.notes.iter().map(|n| html! { <p class="el-note">{ n.clone() }</p> }) }
            </section>
        },
        Some(d) => {
            let top = &d.findings[0];
            let entry = engine.catalogue.get(&top.entry).cloned();
            let on_action = {
                let (onevent, entry, diagnosis, onnavigate) =
                    (props.onevent.clone(), entry.clone(), props.diagnosis.clone(), props.onnavigate.clone());
                Callback::from(move |_| {
                    if let Some(entry) = &entry {
                        onevent.emit(("action".into(), action_detail(entry.action, entry, diagnosis.as_ref().as_ref())));
                        if entry.action == crate::catalogue::Action::ContactSupport {
                            onnavigate.emit(View::Ticket);
                        }
                    }
                })
            };
            let open_entry = {
                let (onnavigate, id) = (props.onnavigate.clone(), top.entry.clone());
                Callback::from(move |_| onnavigate.emit(View::Entry(id.clone())))
            };
            let to_ticket = {
                let onnavigate = props.onnavigate.clone();
                Callback::from(move |_| onnavigate.emit(View::Ticket))
            };
            html! {
                <section class="el-diagnosis" data-testid="errlens-diagnosis" data-kind={d.kind.as_str()}
                    data-entry={top.entry.clone()}>
                    <p class="el-confidence">{ format!("{} ({:.0}%)", confidence_words(top.confidence), top.confidence * 100.0) }</p>
                    <h3 class="el-entry-title">{ top.title.clone() }</h3>
                    if let Some(entry) = &entry {
                        <p class="el-summary">{ entry.summary.to_string() }</p>
                    }
                    <dl class="el-facts">
                        <dt>{ t("diagnose.kind") }</dt><dd data-testid="errlens-kind">{ d.kind.label() }</dd>
                        <dt>{ t("diagnose.status") }</dt><dd data-testid="errlens-status">{ d.status.map(|s| s.to_string()).unwrap_or_else(|| "–".into()) }</dd>
                        <dt>{ t("entry.whose") }</dt><dd>{ top.layer.label() }</dd>
                        <dt>{ t("diagnose.format") }</dt><dd>{ d.input.format.to_string() }</dd>
                        if let Some(provider) = &d.signals.provider {
                            <dt>{ t("diagnose.provider") }</dt><dd>{ provider.clone() }</dd>
                        }
                        if let Some(id) = &d.signals.request_id {
                            <dt>{ t("diagnose.request") }</dt><dd><code>{ id.clone() }</code></dd>
                        }
                    </dl>
                    <p class="el-retry" data-testid="errlens-retry">{ retry_advice(d) }</p>
                    <div class="el-now">
                        <span class="el-now-label">{ t("entry.now") }</span>
                        <button type="button" class="el-button el-primary" part="primary-button"
                            data-testid="errlens-action" data-action={top.action.as_str()} onclick={on_action}>
                            { top.action.label() }
                        </button>
                        <button type="button" class="el-button" onclick={open_entry}>{ t("diagnose.open") }</button>
                        <button type="button" class="el-button" onclick={to_ticket}>{ t("diagnose.ticket") }</button>
                    </div>
                    if d.findings.len() > 1 {
                        <h4>{ t("diagnose.others") }</h4>
                        <ul class="el-runners">
                            { for d.findings.iter().skip(1).map(|f| {
                                let (onnavigate, id) = (props.onnavigate.clone(), f.entry.clone());
                                let onclick = Callback::from(move |_| onnavigate.emit(View::Entry(id.clone())));
                                html! { <li><button type="button" class="el-link-button" {onclick}>{ format!("{} · {}", f.title, confidence_words(f.confidence)) }</button></li> }
                            }) }
                        </ul>
                    }
                    { for d.notes.iter().map(|n| html! { <p class="el-note">{ n.clone() }</p> }) }
                    { jwt_panel(&props.payload) }
                    <h4>{ t("diagnose.proof") }</h4>
                    <pre class="el-paste" data-testid="errlens-paste">{ render_paste(&props.payload, d) }</pre>
                </section>
            }
        }
    };

    // A short announcement for screen readers. The status region is always in
    // the DOM, so its change is announced (a live region inserted together
    // with its text is not); it says the result, not the whole paste.
    let announcement = match props.diagnosis.as_ref() {
        None => String::new(),
        Some(d) => match d.findings.first() {
            None => t("diagnose.none"),
            Some(top) => format!("{} · {}", top.title, confidence_words(top.confidence)),
        },
    };
    html! {
        <section class="el-diagnose">
            <label for="errlens-payload" class="el-label">{ t("diagnose.label") }</label>
            <p class="el-hint" id="errlens-payload-hint">{ t("diagnose.hint") }</p>
            <textarea id="errlens-payload" class="el-textarea" data-testid="errlens-payload-input"
                aria-describedby="errlens-payload-hint" spellcheck="false" rows="8"
                value={props.payload.clone()} {oninput} {ondragover} {ondrop} />
            if props.restored_masked > 0 {
                <p class="el-note" data-testid="errlens-restored-masked">
                    { crate::draft::restored_note(props.restored_masked, &t("draft.masked.one"), &t("draft.masked.many")) }
                </p>
            }
            <p class="el-sr" role="status" aria-live="polite" data-testid="errlens-diagnosis-status">{ announcement }</p>
            { result }
            <super::masked::MaskedSummary summary={masked} />
        </section>
    }
}

/// "Safe to retry after 14:32:05, in 30 s", or whether retrying helps at all.
fn retry_advice(d: &Diagnosis) -> String {
    match (d.retry_after_s, d.retryable) {
        (Some(seconds), _) => match super::clock_after(seconds) {
            Some(clock) => format!("{} {clock}, in {seconds} s", t("diagnose.retry.after")),
            None => format!("{} {seconds} s", t("diagnose.retry.after")),
        },
        (None, Some(true)) => t("diagnose.retry.yes"),
        (None, Some(false)) => t("diagnose.retry.no"),
        (None, None) => String::new(),
    }
}

/// The paste as text, evidence in `<mark>`, secrets masked, as
/// [`shown::shown`] decided.
fn render_paste(paste: &str, d: &Diagnosis) -> Html {
    let view = shown::shown(paste, d);
    html! {
        <>
            if view.cut_before { <span class="el-cut">{ "…\n" }</span> }
            { for view.segments.into_iter().map(|segment| match segment {
                Segment::Plain(text) => html! { { text.to_string() } },
                Segment::Evidence(text) => html! { <mark>{ text.to_string() }</mark> },
                Segment::Secret { label, mask, .. } => html! { <span class="el-secret" title={label}>{ mask }</span> },
            }) }
            if view.cut_after { <span class="el-cut">{ "\n…" }</span> }
        </>
    }
}

/// Issuer, audience, scopes and validity of the JWTs in the paste, which
/// explain many 401s and 403s. Decoded locally; the signature is never shown.
fn jwt_panel(paste: &str) -> Html {
    let tokens: Vec<redact::JwtInfo> = redact::find_jwts(paste)
        .into_iter()
        .take(3)
        .filter_map(|(start, end)| paste.get(start..end).and_then(redact::inspect))
        .collect();
    if tokens.is_empty() {
        return html! {};
    }
    let now = super::now_unix_s();
    html! {
        <section class="el-jwt" data-testid="errlens-jwt">
            <h4>{ t("jwt.title") }</h4>
            { for tokens.iter().map(|info| html! {
                <dl class="el-facts">
                    if let Some(iss) = &info.iss { <dt>{ t("jwt.issuer") }</dt><dd>{ iss.clone() }</dd> }
                    if !info.aud.is_empty() { <dt>{ t("jwt.audience") }</dt><dd>{ info.aud.join(", ") }</dd> }
                    if let Some(sub) = &info.sub { <dt>{ t("jwt.subject") }</dt><dd>{ sub.clone() }</dd> }
                    if !info.scopes.is_empty() { <dt>{ t("jwt.scopes") }</dt><dd>{ info.scopes.join(" ") }</dd> }
                    if let Some(now) = now { <dt>{ t("jwt.expiry") }</dt><dd data-testid="errlens-jwt-expiry">{ redact::describe_expiry(info, now) }</dd> }
                    if let Some(iat) = info.iat { <dt>{ t("jwt.issued") }</dt><dd>{ redact::iso_utc(iat) }</dd> }
                </dl>
            }) }
            <p class="el-hint">{ t("jwt.note") }</p>
        </section>
    }
}
