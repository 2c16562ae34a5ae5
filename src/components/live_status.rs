//! Says so while live updates cannot reach the server, so a list that has stopped changing is
//! not taken for a quiet inbox. Offline, the offline notice says more and this stays quiet.

use leptos::prelude::*;

use crate::{
    i18n::I18n,
    live::{Link, Live},
    offline::Offline,
};

#[component]
pub fn LiveStatus() -> impl IntoView {
    let i18n = I18n::get();
    let (live, offline) = (Live::get(), Offline::get());
    let lost = move || live.link.get() == Link::Lost && offline.online.get();
    view! {
        <div class="live-status" role="status">
            {move || lost().then(|| view! { <p class="ds-alert" data-color="info" data-size="sm">{move || i18n.t("live.lost")}</p> })}
        </div>
    }
}
