//! The copies reading offline keeps in this browser (see `offline` for when it keeps them).
//!
//! Private by design. It is off until the person turns it on in the profile, and then only on
//! this device; it ends with the session (logout, a new login or an expired session), which
//! removes every copy, the key they were encrypted with, the service worker and the shell it
//! cached, and the setting itself. Copies older than [`RETENTION_DAYS`] are removed too. The
//! storage itself is `public/offline-store.js` (IndexedDB, AES-GCM), fetched only when needed; the
//! shell is `public/sw.js`.

use dialogporten::{Dialog, UtcDateTime};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::format;

/// How long a copy is kept after the dialog was last opened online.
pub const RETENTION_DAYS: i64 = 14;

/// Whether this device reads offline ("on" or absent), beside the copies it keeps.
pub const SETTING_KEY: &str = "inbox.offline";

// `globalThis.inboxOfflineStore`, there once `store()` has loaded the script.
#[wasm_bindgen(js_namespace = inboxOfflineStore)]
extern "C" {
    #[wasm_bindgen(js_name = saveCopy)]
    fn save_copy(id: &str, text: &str, saved_at: f64) -> js_sys::Promise;
    #[wasm_bindgen(js_name = readCopy)]
    fn read_copy(id: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = listCopies)]
    fn list_copies() -> js_sys::Promise;
    #[wasm_bindgen(js_name = purgeCopies)]
    fn purge_copies(saved_before: f64) -> js_sys::Promise;
    #[wasm_bindgen(js_name = installShell)]
    fn install_shell() -> js_sys::Promise;
    #[wasm_bindgen(js_name = forgetAll)]
    fn forget_all() -> js_sys::Promise;
}

/// Where the storage script is served (beside the app; `index.html` copies it there).
const STORE_SCRIPT: &str = "/offline-store.js";

thread_local! {
    /// The script's loading, shared by every caller until it has loaded (forgotten on failure).
    static LOADING: std::cell::RefCell<Option<js_sys::Promise>> = const { std::cell::RefCell::new(None) };
}

/// Loads the storage script once: every function of the extern block above needs it first.
async fn store() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from("no window"))?;
    if !js_sys::Reflect::get(&window, &JsValue::from("inboxOfflineStore"))?.is_undefined() {
        return Ok(());
    }
    let loading = LOADING.with_borrow_mut(|l| l.get_or_insert_with(|| load_script(&window)).clone());
    let result = JsFuture::from(loading).await.map(drop);
    if result.is_err() {
        LOADING.with_borrow_mut(|l| *l = None);
    }
    result
}

fn load_script(window: &web_sys::Window) -> js_sys::Promise {
    let document = window.document();
    js_sys::Promise::new(&mut |resolve, reject| {
        let added = document.as_ref().and_then(|d| {
            let script = d.create_element("script").ok()?.dyn_into::<web_sys::HtmlElement>().ok()?;
            script.set_attribute("type", "module").ok()?;
            script.set_attribute("src", STORE_SCRIPT).ok()?;
            // A module script's `load` comes after it has run, so the functions are there.
            script.set_onload(Some(&resolve));
            script.set_onerror(Some(&reject));
            d.head()?.append_child(&script).ok()
        });
        if added.is_none() {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from("could not add the storage script"));
        }
    })
}

/// A dialog as it was when last opened online.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfflineCopy {
    pub saved_at: UtcDateTime,
    pub dialog: Dialog,
    /// The recipient's name as the parties list had it (offline, that list cannot be loaded).
    #[serde(default)]
    pub recipient: Option<String>,
}

/// Whether a copy saved at `saved_at` is past keeping at `now`.
pub fn expired(saved_at: UtcDateTime, now: UtcDateTime) -> bool {
    now.unix_seconds() - saved_at.unix_seconds() > RETENTION_DAYS * 24 * 3600
}

fn millis(t: UtcDateTime) -> f64 {
    (t.ticks() / 10_000) as f64
}

/// Keeps a copy (replacing an earlier one of the same dialog).
pub async fn save(copy: &OfflineCopy) -> Result<(), JsValue> {
    let text = serde_json::to_string(copy).map_err(|e| JsValue::from_str(&e.to_string()))?;
    store().await?;
    JsFuture::from(save_copy(&copy.dialog.id.to_string(), &text, millis(copy.saved_at))).await.map(drop)
}

/// The copy of the dialog `id`, when there is one.
pub async fn copy_of(id: &str) -> Option<OfflineCopy> {
    store().await.ok()?;
    let text = JsFuture::from(read_copy(id)).await.ok()?.as_string()?;
    serde_json::from_str(&text).ok().filter(|c: &OfflineCopy| !expired(c.saved_at, format::now()))
}

/// What the offline notice lists of a kept copy. Read from the same text as [`OfflineCopy`] but
/// without decoding the whole dialog: the notice is in the first load, the dialog page is not.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Listed {
    pub saved_at: UtcDateTime,
    pub dialog: ListedDialog,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ListedDialog {
    pub id: uuid::Uuid,
    pub content: ListedContent,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ListedContent {
    pub title: dialogporten::ContentValue,
}

/// Every copy still kept, newest first.
pub async fn copies() -> Vec<Listed> {
    if store().await.is_err() {
        return Vec::new();
    }
    let Ok(texts) = JsFuture::from(list_copies()).await else { return Vec::new() };
    let now = format::now();
    js_sys::Array::from(&texts)
        .iter()
        .filter_map(|t| serde_json::from_str::<Listed>(&t.as_string()?).ok())
        .filter(|c| !expired(c.saved_at, now))
        .collect()
}

/// Removes the copies past keeping at `now`; returns how many went.
pub async fn purge(now: UtcDateTime) -> u32 {
    let before = millis(now) - (RETENTION_DAYS * 24 * 3600 * 1000) as f64;
    if store().await.is_err() {
        return 0;
    }
    JsFuture::from(purge_copies(before)).await.ok().and_then(|n| n.as_f64()).unwrap_or(0.0) as u32
}

/// Removes everything reading offline keeps in this browser, the setting included. Needs no
/// context, so the session can call it from anywhere.
pub async fn forget() {
    crate::storage::remove(SETTING_KEY);
    if store().await.is_ok() {
        let _ = JsFuture::from(forget_all()).await;
    }
}

/// Installs the service worker that keeps the app's shell: `Ok(false)` where the browser has
/// no service workers.
pub async fn install_shell_worker() -> Result<bool, JsValue> {
    store().await?;
    Ok(JsFuture::from(install_shell()).await?.as_bool() == Some(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_kept_for_the_retention_period_and_no_longer() {
        let saved = UtcDateTime::from_unix_seconds(1_700_000_000).unwrap();
        let day = 24 * 3600;
        assert!(!expired(saved, UtcDateTime::from_unix_seconds(1_700_000_000 + RETENTION_DAYS * day).unwrap()));
        assert!(expired(saved, UtcDateTime::from_unix_seconds(1_700_000_001 + RETENTION_DAYS * day).unwrap()));
    }
}
