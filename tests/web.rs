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
        // A logged-out select: the language is kept here, not in a profile.
        inbox::session::SessionState::provide();
        inbox::shortcuts::Shortcuts::provide();
        inbox::profile::ProfileState::provide();
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

#[wasm_bindgen_test]
fn a_dialog_token_is_renewed_in_its_last_minute() {
    use inbox::api::service::expiring;
    let token = |exp: i64| {
        let payload = web_sys::window().unwrap().btoa(&format!("{{\"exp\":{exp},\"i\":\"x\"}}")).unwrap();
        format!("eyJhbGciOiJFZERTQSJ9.{}.sig", payload.trim_end_matches('=').replace('+', "-").replace('/', "_"))
    };
    assert!(!expiring(&token(1_000_600), 1_000_000), "ten minutes left");
    assert!(expiring(&token(1_000_030), 1_000_000), "half a minute left");
    assert!(expiring("not a token", 1_000_000), "unreadable counts as expired");
}

#[wasm_bindgen_test]
async fn content_renders_as_elements_never_as_markup() {
    use inbox::{components::rich_text::RichText, rich_text::{parse, Format}};
    let el = container();
    let html = r#"<p>Hei <b>du</b></p><img src=x onerror="window.__xss=1"><script>window.__xss=2</script><a href="javascript:x">lenke</a><table><tr><td>1</td></tr></table>"#;
    let _handle = leptos::mount::mount_to(el.clone(), move || view! { <RichText nodes=parse(html, Format::Html) /> });
    tick().await;
    assert!(el.query_selector("strong").unwrap().is_some());
    assert!(el.query_selector("td").unwrap().is_some());
    assert!(el.query_selector("img, script, a").unwrap().is_none(), "{}", el.inner_html());
    assert!(el.inner_html().contains("lenke"));
    assert!(js_sys::Reflect::get(&web_sys::window().unwrap(), &wasm_bindgen::JsValue::from("__xss")).unwrap().is_undefined());
}
