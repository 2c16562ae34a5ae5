//! Components mounted in a real DOM, in headless Chromium (wasm-bindgen-test-runner + chromedriver).
#![cfg(target_arch = "wasm32")]

use dialogporten::DialogStatus;
use inbox::{
    api::ApiError,
    components::{error_view::ErrorView, status_tag::StatusTag},
    i18n::{I18n, Lang},
    session::SessionState,
    shell::header::LanguageSelect,
};
use leptos::{prelude::*, task::tick};
use wasm_bindgen::{prelude::*, JsCast};
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
    // The app fetches a catalogue other than Bokmål when chosen; this runner serves no content.
    inbox::i18n::install(Lang::En, include_str!("../content/i18n/en.txt").to_owned());
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
        view! { <ErrorView error=ApiError::Timeout retry=move |_| retries.update(|n| *n += 1) /> }
    });
    tick().await;
    assert!(el.text_content().unwrap().contains("Tjenesten svarer ikke akkurat nå"));
    let alert = el.query_selector("[role=alert]").unwrap();
    assert!(alert.is_some(), "announced as an alert");
    let button: web_sys::HtmlElement = el.query_selector("button").unwrap().unwrap().unchecked_into();
    assert_eq!(button.text_content().unwrap().trim(), "Prøv igjen");
    button.click();
    tick().await;
    assert_eq!(retries.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn error_view_offers_the_way_back_where_trying_again_cannot_help() {
    let el = container();
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(I18n { lang: RwSignal::new(Lang::Nb) });
        SessionState::provide();
        view! { <ErrorView error=ApiError::NotFound("dialogId: 'x' is not a valid id".into()) retry=|_| () /> }
    });
    tick().await;
    let visible: web_sys::HtmlElement = el.query_selector("[role=alert]").unwrap().unwrap().unchecked_into();
    assert!(visible.inner_text().contains("Fant ikke det du lette etter"));
    assert!(!visible.inner_text().contains("dialogId"), "the API's words are folded away");
    assert!(el.query_selector("button").unwrap().is_none(), "no retry");
    let link = el.query_selector("a[href='/']").unwrap().expect("the way back");
    assert_eq!(link.text_content().unwrap().trim(), "Gå til innboksen");
}

#[wasm_bindgen_test]
async fn error_view_offers_a_higher_login_level_when_the_dialog_needs_one() {
    let el = container();
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(I18n { lang: RwSignal::new(Lang::Nb) });
        SessionState::provide();
        // As our server words it (a field's message); Dialogporten's detail ends the same way.
        view! { <ErrorView error=ApiError::Forbidden("Forbidden: Altinn authentication level too low.".into()) retry=|_| () /> }
    });
    tick().await;
    let visible: web_sys::HtmlElement = el.query_selector("[role=alert]").unwrap().unwrap().unchecked_into();
    assert!(visible.inner_text().contains("høyere sikkerhetsnivå"));
    let link = el.query_selector("a[rel=external]").unwrap().expect("the way to log in again");
    assert_eq!(link.text_content().unwrap().trim(), "Logg inn på nytt med høyere sikkerhetsnivå");
    let href = link.get_attribute("href").unwrap();
    assert!(href.starts_with("/auth/login?acr=idporten-loa-high&returnTo=%2F"), "{href}");
}

#[wasm_bindgen_test]
async fn language_select_switches_the_document_language() {
    let el = container();
    let _handle = leptos::mount::mount_to(el.clone(), move || {
        I18n::provide();
        // A logged-out select: the language is kept here, not in a profile.
        inbox::session::SessionState::provide();
        inbox::shortcuts::Shortcuts::provide();
        inbox::profile_state::ProfileState::provide();
        view! { <LanguageSelect /> }
    });
    tick().await;
    inbox::i18n::install(Lang::Nn, include_str!("../content/i18n/nn.txt").to_owned());
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
    use inbox::{
        components::rich_text::RichText,
        rich_text::{parse, Format},
    };
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

#[wasm_bindgen(inline_js = "
export function rawCopy(id) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('inbox-offline');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('copies').objectStore('copies').get(id);
      get.onsuccess = () => { open.result.close(); resolve(get.result ? new TextDecoder('latin1').decode(get.result.data) : null); };
      get.onerror = () => reject(get.error);
    };
  });
}
export async function databaseNames() { return (await indexedDB.databases()).map((d) => d.name); }
")]
extern "C" {
    #[wasm_bindgen(js_name = rawCopy)]
    fn raw_copy(id: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = databaseNames)]
    fn database_names() -> js_sys::Promise;
}

/// The app loads `/offline-store.js` from its own origin; this runner serves no such file, so the
/// script goes into the page inline, and the test waits until it has published its functions.
async fn load_offline_store() {
    let window = web_sys::window().unwrap();
    let script = window.document().unwrap().create_element("script").unwrap();
    script.set_attribute("type", "module").unwrap();
    script.set_text_content(Some(include_str!("../public/offline-store.js")));
    window.document().unwrap().head().unwrap().append_child(&script).unwrap();
    for _ in 0..100 {
        if !js_sys::Reflect::get(&window, &JsValue::from_str("inboxOfflineStore")).unwrap().is_undefined() {
            return;
        }
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::new(&mut |resolve, _| {
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
        }))
        .await
        .unwrap();
    }
    panic!("the offline store did not load");
}

#[wasm_bindgen_test]
async fn offline_copies_are_encrypted_kept_for_a_while_and_forgotten() {
    use inbox::offline_store::{self as store, RETENTION_DAYS};
    use wasm_bindgen_futures::JsFuture;
    load_offline_store().await;
    let mut dialog: dialogporten::Dialog =
        serde_json::from_str(include_str!("../crates/dialogporten/tests/fixtures/enduser_dialog.json")).unwrap();
    dialog.id = uuid::Uuid::from_u128(1);
    dialog.content.title.value[0].value = "Skattemelding for 2025, plain text on disk?".into();
    dialog.org = "unique-service-owner".into();
    let mut old = dialog.clone();
    old.id = uuid::Uuid::from_u128(2);
    let now = inbox::format::now();
    let long_ago = dialogporten::UtcDateTime::from_unix_seconds(now.unix_seconds() - (RETENTION_DAYS + 1) * 24 * 3600).unwrap();
    let kept = |dialog: &dialogporten::Dialog, saved_at| store::OfflineCopy {
        saved_at,
        dialog: dialog.clone(),
        recipient: Some("Kari Nordmann".into()),
    };
    store::save(&kept(&dialog, now)).await.unwrap();
    store::save(&kept(&old, long_ago)).await.unwrap();

    let copy = store::copy_of(&dialog.id.to_string()).await.expect("the copy reads back");
    assert_eq!(copy, kept(&dialog, now));
    let raw = JsFuture::from(raw_copy(&dialog.id.to_string())).await.unwrap().as_string().unwrap();
    assert!(!raw.contains("Skattemelding") && !raw.contains(&dialog.org), "stored encrypted");
    assert!(store::copy_of(&old.id.to_string()).await.is_none(), "past keeping, not shown");
    assert_eq!(store::copies().await.iter().map(|c| c.dialog.id).collect::<Vec<_>>(), vec![dialog.id]);
    assert_eq!(store::purge(now).await, 1);
    assert_eq!(store::purge(now).await, 0);

    store::forget().await;
    // Looking for a copy afterwards must not bring an (empty) database back either.
    assert!(store::copy_of(&dialog.id.to_string()).await.is_none());
    assert!(store::copies().await.is_empty());
    let names = JsFuture::from(database_names()).await.unwrap();
    let names: Vec<String> = js_sys::Array::from(&names).iter().filter_map(|n| n.as_string()).collect();
    assert!(names.is_empty(), "no database left: {names:?}");
}
