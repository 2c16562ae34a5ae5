//! Reading offline, as the person sees it: the "you are offline" notice with the copies that can
//! be read, and the per-device switch in the profile.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    format,
    i18n::I18n,
    offline::{Offline, Shell},
    offline_store::{self, RETENTION_DAYS},
};

/// Shown above every page while the network is gone.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let i18n = I18n::get();
    let offline = Offline::get();
    let lang = move || i18n.lang.get();
    let copies = LocalResource::new(move || {
        let wanted = !offline.online.get() && offline.enabled.get();
        async move {
            if wanted {
                offline_store::copies().await
            } else {
                Vec::new()
            }
        }
    });
    view! {
        <Show when=move || !offline.online.get()>
            <section class="ds-alert offline-banner" data-color="warning" aria-labelledby="offline-heading">
                <h2 id="offline-heading" class="ds-heading" data-size="2xs">{move || i18n.t(k!("offline.title"))}</h2>
                <p class="ds-paragraph" data-size="sm" role="status">
                    {move || i18n.t(if offline.enabled.get() { k!("offline.body") } else { k!("offline.body_off") })}
                </p>
                {move || {
                    let list = copies.get().unwrap_or_default();
                    (!list.is_empty()).then(|| view! {
                        <ul class="offline-copies">
                            {list.into_iter().map(|c| {
                                let href = format!("/inbox/{}", c.dialog.id);
                                let title = c.dialog.content.title.value.clone();
                                let at = c.saved_at;
                                view! {
                                    <li>
                                        <A href=href attr:class="ds-link">{move || format::localized(&title, lang())}</A>
                                        " "
                                        <span class="account-detail">{move || i18n.tf(k!("offline.saved_at"), &[("date", &format::date_time(at, lang()))])}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    })
                }}
            </section>
        </Show>
    }
}

/// The profile's switch: this device keeps copies of the dialogs opened, until logout.
#[component]
pub fn OfflineSetting() -> impl IntoView {
    let i18n = I18n::get();
    let offline = Offline::get();
    let days = RETENTION_DAYS.to_string();
    let state = move || match offline.shell.get() {
        Shell::Absent => None,
        Shell::Installing => Some(k!("offline.installing")),
        Shell::Ready => Some(k!("offline.ready")),
        Shell::Unsupported => Some(k!("offline.unsupported")),
        Shell::Failed => Some(k!("offline.failed")),
    };
    view! {
        <section class="profile-section" aria-labelledby="offline-setting-heading">
            <h2 id="offline-setting-heading" class="ds-heading" data-size="sm">{move || i18n.t(k!("offline.setting_title"))}</h2>
            <p class="ds-paragraph" data-size="sm" id="offline-setting-about">{move || i18n.tf(k!("offline.setting_about"), &[("days", &days)])}</p>
            <label class="ds-checkbox profile-check">
                <input type="checkbox" aria-describedby="offline-setting-about" prop:checked=move || offline.enabled.get()
                    on:change:target=move |ev| offline.set_enabled(ev.target().checked()) />
                <span>{move || i18n.t(k!("offline.setting"))}</span>
            </label>
            <p class="profile-saved" role="status">{move || state().map(|k| i18n.t(k))}</p>
        </section>
    }
}
