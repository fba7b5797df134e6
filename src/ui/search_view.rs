//! The help panel's Search view: an ARIA combobox over a listbox of results,
//! search as you type, matched words highlighted, and category browse when
//! the query is empty. Keyboard: arrows, Home/End, Enter; Escape is left to
//! the dialog, which closes.

use std::rc::Rc;

use yew::prelude::*;

use super::app::{EventSink, View};
use super::i18n::t;
use super::store;
use crate::catalogue::{Category, Entry};
use crate::contract;
use crate::search::SearchOptions;

#[derive(Properties, PartialEq)]
pub struct SearchViewProps {
    pub query: String,
    pub onquery: Callback<String>,
    pub onselect: Callback<View>,
    pub onevent: EventSink,
    /// Page mode: show every category with its entries when the query is empty.
    #[prop_or_default]
    pub full_index: bool,
    /// Hands a message typed into the search box to the diagnoser.
    #[prop_or_default]
    pub onpaste: Callback<String>,
}

#[component]
pub fn SearchView(props: &SearchViewProps) -> Html {
    let engine = store::engine();
    let engine_persist = engine.persist;
    let active = use_state(|| 0usize);
    let category = use_state(|| None::<Category>);
    let hits = {
        let engine = engine.clone();
        // The host's integration ranks its entries higher: a context change
        // searches again.
        use_memo((props.query.clone(), engine.context.integration.clone()), move |(query, integration)| {
            let options = SearchOptions { limit: 8, integration: integration.clone() };
            engine.index.search(query, &options)
        })
    };
    // A whole error line typed or pasted into the box: the diagnoser reads it
    // and its finding comes first.
    let looks_like = {
        let engine = engine.clone();
        use_memo((props.query.clone(), engine.context.integration.clone()), move |(query, _)| {
            crate::search::looks_like_message(query)
                .then(|| super::diagnose_now(&engine, query))
                .and_then(|d| d.findings.into_iter().next().filter(|f| crate::diagnose::Confidence::of(f.confidence) != crate::diagnose::Confidence::Low))
        })
    };

    {
        let (onevent, query, n_hits) = (props.onevent.clone(), props.query.clone(), hits.len());
        let active = active.clone();
        use_effect_with(props.query.clone(), move |_| {
            active.set(0);
            if !query.trim().is_empty() {
                onevent.emit(("search".into(), contract::json(&contract::SearchEvent { query: &query, results: n_hits })));
                if n_hits == 0 {
                    onevent.emit(("no-match".into(), contract::json(&contract::NoMatchQuery { query: &query })));
                }
            }
        });
    }

    let oninput = {
        let onquery = props.onquery.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            onquery.emit(input.value());
        })
    };
    let onkeydown = {
        let (active, hits, onselect, query) = (active.clone(), hits.clone(), props.onselect.clone(), props.query.clone());
        let entries = engine.catalogue.entries().to_vec();
        Callback::from(move |e: KeyboardEvent| {
            let n = hits.len();
            if n == 0 {
                return;
            }
            match e.key().as_str() {
                "ArrowDown" => {
                    e.prevent_default();
                    active.set((*active + 1) % n);
                }
                "ArrowUp" => {
                    e.prevent_default();
                    active.set((*active + n - 1) % n);
                }
                "Home" if e.ctrl_key() || e.alt_key() || *active > 0 => {
                    e.prevent_default();
                    active.set(0);
                }
                "End" if e.ctrl_key() || e.alt_key() || *active > 0 => {
                    e.prevent_default();
                    active.set(n - 1);
                }
                "Enter" => {
                    e.prevent_default();
                    if let Some(entry) = hits.get(*active).and_then(|h| entries.get(h.entry_idx)) {
                        super::persist::remember_search(&query, engine_persist);
                        onselect.emit(View::Entry(entry.id.to_string()));
                    }
                }
                _ => {}
            }
        })
    };

    let entries = engine.catalogue.entries();
    let has_query = !props.query.trim().is_empty();
    let listbox = if has_query && !hits.is_empty() {
        html! {
            <ul id="errlens-listbox" role="listbox" class="el-results" data-testid="errlens-results"
                aria-label={t("search.results")}>
                { for hits.iter().enumerate().filter_map(|(i, hit)| {
                    let entry = entries.get(hit.entry_idx)?;
                    // A vendor's case right below its generic entry (or a sibling) is indented under it.
                    let nested = hit.under.is_some_and(|p| i > 0 && (hits[i - 1].entry_idx == p || hits[i - 1].under == Some(p)));
                    let selected = i == *active;
                    let onselect = props.onselect.clone();
                    let id = entry.id.to_string();
                    let query = props.query.clone();
                    let onclick = Callback::from(move |_| {
                        super::persist::remember_search(&query, engine_persist);
                        onselect.emit(View::Entry(id.clone()));
                    });
                    Some(html! {
                        <li id={format!("errlens-opt-{i}")} role="option" class={classes!("el-result", nested.then_some("el-child"))}
                            aria-selected={selected.to_string()} data-entry={entry.id.to_string()}
                            data-parent={nested.then(|| entry.parent.to_string())} {onclick}>
                            <span class="el-result-title">{ highlight(&entry.title, &hit.matched) }</span>
                            <span class="el-chip">{ entry.category.label() }</span>
                            <span class="el-result-summary">{ highlight(&entry.summary, &hit.matched) }</span>
                        </li>
                    })
                }) }
            </ul>
        }
    } else if has_query {
        let onselect = props.onselect.clone();
        let diagnose = Callback::from(move |_| onselect.emit(View::Diagnose));
        let onselect = props.onselect.clone();
        let support = Callback::from(move |_| onselect.emit(View::Ticket));
        html! {
            <div class="el-empty" data-testid="errlens-results" role="status">
                <p><strong>{ t("search.none") }</strong>{ format!(": “{}”", props.query.trim()) }</p>
                <p>{ t("search.none.hint") }</p>
                <p class="el-row">
                    <button type="button" class="el-button" onclick={diagnose}>{ t("tab.diagnose") }</button>
                    <button type="button" class="el-button" onclick={support}>{ t("tab.ticket") }</button>
                </p>
            </div>
        }
    } else {
        let recent = super::persist::recent_searches(engine.persist);
        html! {
            <>
                if !recent.is_empty() {
                    <div class="el-recent" data-testid="errlens-recent">
                        <h3 class="el-subtitle">{ t("recent") }</h3>
                        <ul class="el-chips">
                            { for recent.into_iter().map(|q| {
                                let onquery = props.onquery.clone();
                                let text = q.clone();
                                html! { <li><button type="button" class="el-chip-button" onclick={move |_| onquery.emit(text.clone())}>{ q }</button></li> }
                            }) }
                        </ul>
                    </div>
                }
                { browse(entries, &category, &props.onselect, props.full_index) }
            </>
        }
    };

    let active_id = (has_query && !hits.is_empty()).then(|| format!("errlens-opt-{}", *active));
    html! {
        <section class="el-search" aria-labelledby="errlens-search-label">
            <label id="errlens-search-label" for="errlens-search-input" class="el-label">{ t("search.label") }</label>
            <input id="errlens-search-input" class="el-input" type="search" role="combobox"
                data-testid="errlens-search-input" autocomplete="off" spellcheck="false"
                aria-autocomplete="list" aria-controls="errlens-listbox"
                aria-expanded={(has_query && !hits.is_empty()).to_string()}
                aria-activedescendant={active_id}
                placeholder={t("search.placeholder")} value={props.query.clone()} {oninput} {onkeydown} />
            if let Some(finding) = looks_like.as_ref() {
                <div class="el-looks" data-testid="errlens-looks-like" data-entry={finding.entry.clone()}>
                    <span class="el-label">{ t("search.looks") }</span>
                    <button type="button" class="el-link-button" onclick={{
                        let (onselect, id) = (props.onselect.clone(), finding.entry.clone());
                        Callback::from(move |_| onselect.emit(View::Entry(id.clone())))
                    }}>{ finding.title.clone() }</button>
                    <button type="button" class="el-button el-quiet" onclick={{
                        let (onselect, onpaste, text) = (props.onselect.clone(), props.onpaste.clone(), props.query.clone());
                        Callback::from(move |_| { onpaste.emit(text.clone()); onselect.emit(View::Diagnose) })
                    }}>{ t("search.looks.diagnose") }</button>
                </div>
            }
            <p class="el-sr" role="status" aria-live="polite">
                { if has_query { format!("{} {}", hits.len(), t("search.results")) } else { String::new() } }
            </p>
            { listbox }
        </section>
    }
}

/// The category list with counts, or one category's entries, or (page mode)
/// every category with its entries like a troubleshooting index page.
fn browse(entries: &[Entry], category: &UseStateHandle<Option<Category>>, onselect: &Callback<View>, full: bool) -> Html {
    let entry_link = |entry: &Entry| {
        let onselect = onselect.clone();
        let id = entry.id.to_string();
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            onselect.emit(View::Entry(id.clone()));
        });
        html! {
            <li class="el-index-item">
                <a href={super::entry_href(&entry.id)} class="el-link" {onclick}>{ entry.title.to_string() }</a>
                <span class="el-index-summary">{ entry.summary.to_string() }</span>
            </li>
        }
    };
    if full {
        // The help-center pages' index, with entries opened in place.
        let onselect = onselect.clone();
        let onentry = Callback::from(move |id: String| onselect.emit(View::Entry(id)));
        return html! {
            <super::pages::CategoryIndex entries={Rc::new(entries.to_vec())} links={super::pages::Links::Hash} level={3}
                testid="errlens-index" onentry={Some(onentry)} />
        };
    }
    match **category {
        Some(c) => {
            let back = {
                let category = category.clone();
                Callback::from(move |_| category.set(None))
            };
            html! {
                <div class="el-browse" data-testid="errlens-browse">
                    <button type="button" class="el-link-button" onclick={back}>{ format!("‹ {}", t("browse.all")) }</button>
                    <h3 class="el-subtitle">{ c.label() }</h3>
                    <ul class="el-index-list">{ for entries.iter().filter(|e| e.category == c).map(&entry_link) }</ul>
                </div>
            }
        }
        None => html! {
            <div class="el-browse" data-testid="errlens-browse">
                <h3 class="el-subtitle">{ t("browse.title") }</h3>
                <ul class="el-categories">
                    { for Category::ALL.iter().map(|c| {
                        let n = entries.iter().filter(|e| e.category == *c).count();
                        let category = category.clone();
                        let c = *c;
                        let onclick = Callback::from(move |_| category.set(Some(c)));
                        html! {
                            <li><button type="button" class="el-category" {onclick}>
                                <span>{ c.label() }</span><span class="el-count">{ n }</span>
                            </button></li>
                        }
                    }) }
                </ul>
            </div>
        },
    }
}

/// A result's text: the words the hit matched marked (spans from the core's
/// [`crate::search::highlight_spans`]), and backticked code spans as
/// `<code>`, as the entry itself shows them.
pub fn highlight(text: &str, matched: &[String]) -> Html {
    let segments: Vec<&str> = text.split('`').collect();
    let paired = segments.len() % 2 == 1;
    let last = segments.len().saturating_sub(1);
    html! {
        <>
            { for segments.iter().enumerate().map(|(i, segment)| {
                let marked = marked_words(segment, matched);
                if i % 2 == 1 && (paired || i < last) {
                    html! { <code>{ marked }</code> }
                } else if i % 2 == 1 {
                    html! { <>{ "`" }{ marked }</> }
                } else {
                    marked
                }
            }) }
        </>
    }
}

fn marked_words(text: &str, matched: &[String]) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    let mut at = 0;
    for (start, end) in crate::search::highlight_spans(text, matched) {
        if at < start {
            parts.push(html! { { text[at..start].to_string() } });
        }
        parts.push(html! { <mark>{ text[start..end].to_string() }</mark> });
        at = end;
    }
    if at < text.len() {
        parts.push(html! { { text[at..].to_string() } });
    }
    html! { <>{ for parts }</> }
}
