//! Components mounted in a real DOM, in headless Chromium (wasm-bindgen-test-runner + chromedriver).
#![cfg(target_arch = "wasm32")]

use dialogporten::DialogStatus;
use inbox::{
    api::ApiError,
    components::{error_view::ErrorView, header::LanguageSelect, status_tag::StatusTag},
    i18n::{I18n, Lang},
    session::SessionState,
};
use leptos::{prelude::*, task::tick};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

#[wasm_bindgen_test]
async fn status_tag_follows_the_language() {
    let el = container();
    let lang = RwSignal::new(Lang::Nb);
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(I18n { lang });
        view! { <StatusTag status=DialogStatus::RequiresAttention /> }
    });
    tick().await;
    assert_eq!(el.text_content().unwrap(), "Krever handling");
    lang.set(Lang::En);
    tick().await;
    assert_eq!(el.text_content().unwrap(), "Requires attention");
}

#[wasm_bindgen_test]
async fn error_view_explains_and_retries() {
    let el = container();
    let retries = RwSignal::new(0);
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(I18n { lang: RwSignal::new(Lang::Nb) });
        SessionState::provide();
        view! { <ErrorView error=ApiError::NotFound("x".into()) retry=move |_| retries.update(|n| *n += 1) /> }
    });
    tick().await;
    assert!(el.text_content().unwrap().contains("Fant ikke det du lette etter"));
    let alert = el.query_selector("[role=alert]").unwrap();
    assert!(alert.is_some(), "announced as an alert");
    let button: web_sys::HtmlElement = el.query_selector("button").unwrap().unwrap().unchecked_into();
    assert_eq!(button.text_content().unwrap().trim(), "Prøv igjen");
    button.click();
    tick().await;
    assert_eq!(retries.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn language_select_switches_the_document_language() {
    let el = container();
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        I18n::provide();
        view! { <LanguageSelect /> }
    });
    tick().await;
    let select: web_sys::HtmlSelectElement = el.query_selector("select").unwrap().unwrap().unchecked_into();
    select.set_value("nn");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    tick().await;
    let html = web_sys::window().unwrap().document().unwrap().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("nn"));
    assert_eq!(expect_context_lang(), Some("nn".to_owned()));
}

fn expect_context_lang() -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item("inbox.lang").ok()?
}
