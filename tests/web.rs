//! Browser tests of the Yew components (wasm-bindgen-test in headless
//! Chromium): mount the widget into a real DOM, type, and see what a user sees.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use errlens::ui::{App, AppProps, Mode, View};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount(mode: Mode, view: View) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = AppProps {
        mode,
        initial_view: view,
        command: None,
        command_seq: 0,
        onevent: Default::default(),
        engine_seq: 0,
        storage_key: format!("test-{}", js_sys::Math::random()).into(),
        offload: None,
    };
    yew::Renderer::<App>::with_root_and_props(root.clone().into(), props).render();
    root
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn by_testid(root: &HtmlElement, id: &str) -> Option<web_sys::Element> {
    root.query_selector(&format!("[data-testid=\"{id}\"]")).unwrap()
}

/// Sets a field's value and fires the `input` event a user's typing would.
async fn type_into(field: &web_sys::Element, value: &str) {
    if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    }
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event: web_sys::Event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap().into();
    field.dispatch_event(&event).unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn typing_a_code_lists_its_entry_first() {
    let root = mount(Mode::Inline, View::Search);
    settle().await;
    type_into(&by_testid(&root, "errlens-search-input").unwrap(), "429").await;
    let results = by_testid(&root, "errlens-results").expect("results appear as you type");
    let first = results.query_selector("[role=option]").unwrap().expect("at least one result");
    assert_eq!(first.get_attribute("data-entry").as_deref(), Some("http-429"));
    assert!(first.inner_html().contains("<mark>429</mark>"), "the matched code is highlighted");
}

#[wasm_bindgen_test]
async fn empty_query_browses_categories_with_counts() {
    let root = mount(Mode::Inline, View::Search);
    settle().await;
    let browse = by_testid(&root, "errlens-browse").expect("category browse when the query is empty");
    let text = browse.text_content().unwrap_or_default();
    assert!(text.contains("Network and security"), "{text}");
    assert!(browse.query_selector_all(".el-category").unwrap().length() >= 9);
}

#[wasm_bindgen_test]
async fn pasting_a_response_shows_the_diagnosis() {
    let root = mount(Mode::Inline, View::Diagnose);
    settle().await;
    type_into(&by_testid(&root, "errlens-payload-input").unwrap(), "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 120\r\n\r\n").await;
    let diagnosis = by_testid(&root, "errlens-diagnosis").expect("a diagnosis appears");
    assert_eq!(diagnosis.get_attribute("data-kind").as_deref(), Some("unavailable"));
    let text = diagnosis.text_content().unwrap_or_default();
    assert!(text.contains("503"), "{text}");
    assert!(text.contains("in 120 s"), "retry advice: {text}");
}
