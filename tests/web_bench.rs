//! `make bench-spa`, not `make test`: how long the SPA takes to turn a 1,000-dialog search page
//! (JSON as Dialogporten sends it) into list items in the DOM, in headless Chromium. Run in the
//! SPA's size profile (`--profile wasm-release`); prints one Markdown row for docs/benchmarks.md.
#![cfg(target_arch = "wasm32")]

use dialogporten::{PaginatedList, SearchDialog};
use inbox::{
    i18n::{I18n, Lang},
    inbox::dialog_item::DialogItem,
};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RUNS: usize = 12;
const DIALOGS: usize = 1000;

/// A search page of `n` distinct dialogs built from the contract's example dialog.
fn page_json(n: usize) -> String {
    let one: serde_json::Value =
        serde_json::from_str(include_str!("../crates/dialogporten/tests/fixtures/enduser_search_dialog.json")).unwrap();
    let items: Vec<_> = (0..n)
        .map(|i| {
            let mut d = one.clone();
            d["id"] = format!("0190f2e6-8b1a-7c3d-9e4f-{i:012x}").into();
            d["content"]["title"]["value"][0] = serde_json::json!({ "languageCode": "nb", "value": format!("Melding nummer {i}") });
            d
        })
        .collect();
    serde_json::json!({ "items": items, "hasNextPage": true, "continuationToken": "next", "orderBy": "contentupdatedat_desc" }).to_string()
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

#[wasm_bindgen_test]
async fn map_1000_dialogs_to_list_items() {
    let json = page_json(DIALOGS);
    let doc = web_sys::window().unwrap().document().unwrap();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
        doc.body().unwrap().append_child(&el).unwrap();
        let start = now();
        let page: PaginatedList<SearchDialog> = serde_json::from_str(&json).unwrap();
        let handle = leptos::mount::mount_to(el.clone(), move || {
            provide_context(I18n { lang: RwSignal::new(Lang::Nb) });
            view! {
                <Router>
                    <ul>{page.items.into_iter().map(|d| view! { <DialogItem dialog=d party_name=None search=None /> }).collect_view()}</ul>
                </Router>
            }
        });
        times.push(now() - start);
        assert_eq!(el.query_selector_all(".dialog-item").unwrap().length() as usize, DIALOGS);
        drop(handle);
        el.remove();
    }
    times.sort_by(f64::total_cmp);
    let median = (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2.0;
    let (min, max) = (times[0], times[RUNS - 1]);
    let verdict = if median <= 4.0 { "met" } else { "**not met**" };
    console_log!("BENCHROW | map 1,000 dialogs to list items (JSON page → DialogItem rows in the DOM; tests/web_bench.rs) | {median:.1} ms | {min:.1}–{max:.1} ms | {RUNS} | ≤ 4 ms | {verdict} | — |");
}
