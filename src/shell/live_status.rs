//! Says so while live updates cannot reach the server, so a list that has stopped changing is
//! not taken for a quiet inbox. Offline, the offline notice says more and this stays quiet.
//! Against another Dialogporten (the server forwards to it) there are none: a note says so.

use leptos::prelude::*;

use crate::{
    i18n::I18n,
    live::{Link, Live},
    offline::Offline,
    session::SessionState,
};

#[component]
pub fn LiveStatus() -> impl IntoView {
    let i18n = I18n::get();
    let (live, offline) = (Live::get(), Offline::get());
    let lost = move || live.link.get() == Link::Lost && offline.online.get();
    let state = SessionState::get();
    let upstream = move || state.session.with(|s| s.as_ref().is_some_and(|s| s.upstream));
    view! {
        <div class="live-status" role="status">
            {move || lost().then(|| view! { <p class="ds-alert" data-color="info" data-size="sm">{move || i18n.t(k!("live.lost"))}</p> })}
        </div>
        {move || upstream().then(|| view! { <p class="footnote">{move || i18n.t(k!("live.unavailable"))}</p> })}
    }
}
