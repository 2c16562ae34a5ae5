//! `/profile`: the person's settings (kept on the server, so on every device) and the parties
//! they may act for: find one, star it, choose the one the inbox opens with, or go to its inbox.

use std::collections::HashMap;

use dialogporten::Folder;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    api::{self, ApiError},
    components::{
        breadcrumbs::{list_crumb, Breadcrumbs},
        error_view::ErrorView,
        loaded::Loaded,
        page_title::PageTitle,
    },
    i18n::{I18n, Key, Lang},
    list_query::ListQuery,
    parties::{
        account_menu::{party_detail, Shown},
        party_nav::list_href,
    },
    party_scope::{Kind, Scope},
    profile::notification_settings::NotificationSection,
    profile_state::{lang_of, ui_language, ProfileState},
    resources::PartiesResource,
    session::SessionState,
    shell::{offline::OfflineSetting, Shell},
};

/// Parties shown at once; "Vis flere" adds as many again (15,000 must not render at once).
const PAGE: usize = 50;

#[component]
pub fn ProfilePage() -> impl IntoView {
    view! { <Shell><ProfileView /></Shell> }
}

#[component]
fn ProfileView() -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let profile = ProfileState::get();
    // The server's copy as this page load read it (at login or here), not the cached settings:
    // they may have changed on another device.
    let loaded = LocalResource::new(move || {
        let logged_in = state.session.with(Option::is_some);
        async move {
            if !logged_in {
                return Err(ApiError::Unauthorized);
            }
            profile.load().await
        }
    });
    view! {
        <PageTitle title=Signal::derive(move || i18n.t(k!("profile.title")).to_owned()) />
        <Breadcrumbs trail=vec![list_crumb()] here=Signal::derive(move || i18n.t(k!("profile.title")).to_owned()) />
        <h1 class="ds-heading" data-size="md">{move || i18n.t(k!("profile.title"))}</h1>
        <Loaded resource=loaded view=move |()| view! {
            <Settings />
            <NotificationSection />
            <OfflineSetting />
            <Parties />
        } />
    }
}

#[component]
fn Settings() -> impl IntoView {
    let i18n = I18n::get();
    let profile = ProfileState::get();
    let parties = PartiesResource::get();
    let outcome = RwSignal::new(None::<Result<(), ApiError>>);
    let settings = profile.settings;
    let save = move |change: Box<dyn FnOnce(&mut dialogporten::inbox::ProfileSettings)>| {
        outcome.set(None);
        profile.save(change, Some(outcome));
    };
    let preselected = move || {
        let urn = settings.with(|s| s.preselected_party.clone())?;
        Some(parties.index().and_then(|ix| ix.by_urn(&urn).map(|e| e.name.clone())).unwrap_or(urn))
    };
    let check = move |label: Key,
                      get: fn(&dialogporten::inbox::ProfileSettings) -> bool,
                      set: fn(&mut dialogporten::inbox::ProfileSettings, bool)| {
        view! {
            <label class="ds-checkbox profile-check">
                <input type="checkbox" prop:checked=move || settings.with(get)
                    on:change:target=move |ev| { let on = ev.target().checked(); save(Box::new(move |s| set(s, on))) } />
                <span>{move || i18n.t(label)}</span>
            </label>
        }
    };
    view! {
        <section class="profile-section" aria-labelledby="settings-heading">
            <h2 id="settings-heading" class="ds-heading" data-size="sm">{move || i18n.t(k!("profile.settings"))}</h2>
            <label class="ds-field profile-field">
                <span class="ds-label" data-size="sm">{move || i18n.t(k!("profile.language"))}</span>
                <select class="ds-input" data-size="sm" on:change:target=move |ev| {
                    let lang = Lang::from_code(&ev.target().value());
                    if let Some(l) = lang {
                        i18n.choose(l);
                    }
                    save(Box::new(move |s| s.language = lang.map(ui_language)));
                }>
                    <option value="" selected=move || settings.with(|s| s.language.is_none())>{move || i18n.t(k!("profile.language_browser"))}</option>
                    {Lang::ALL.into_iter().map(|l| view! {
                        <option value=l.code() selected=move || settings.with(|s| s.language.map(lang_of) == Some(l))>
                            {l.own_name()}
                        </option>
                    }).collect_view()}
                </select>
            </label>
            <p class="ds-paragraph" data-size="sm">
                {move || match preselected() {
                    Some(name) => i18n.tf(k!("profile.preselected"), &[("name", &name)]),
                    None => i18n.t(k!("profile.preselected_none")).to_owned(),
                }}
                " "
                <Show when=move || preselected().is_some()>
                    <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| save(Box::new(|s| s.preselected_party = None))>
                        {move || i18n.t(k!("profile.preselected_clear"))}
                    </button>
                </Show>
            </p>
            {check(k!("profile.show_deleted"), |s| s.show_deleted_parties, |s, on| s.show_deleted_parties = on)}
            {check(k!("profile.show_sub_units"), |s| s.show_sub_units, |s, on| s.show_sub_units = on)}
            {check(k!("profile.shortcuts"), |s| s.keyboard_shortcuts, |s, on| s.keyboard_shortcuts = on)}
            <p class="profile-saved" role="status">
                {move || outcome.get().and_then(|r| r.ok()).map(|_| i18n.t(k!("profile.saved")))}
            </p>
            {move || outcome.get().and_then(|r| r.err()).map(|e| view! { <ErrorView error=e retry=move |_| outcome.set(None) /> })}
        </section>
    }
}

#[component]
fn Parties() -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let profile = ProfileState::get();
    let parties = PartiesResource::get();
    let filter = RwSignal::new(String::new());
    let limit = RwSignal::new(PAGE);
    // The roles held are a detail: without them the list still works, so a failure shows none.
    let roles = LocalResource::new(move || {
        let logged_in = state.logged_in();
        async move {
            if !logged_in {
                return HashMap::new();
            }
            api::preferences::roles().await.map(|rs| rs.into_iter().map(|r| (r.party, r.roles)).collect()).unwrap_or_default()
        }
    });
    let matches = Memo::new(move |_| {
        let ix = parties.index()?;
        // The same parties as the account menu lists.
        let shown = profile.settings.with(Shown::of);
        let found: Vec<usize> = ix.search(&filter.get()).into_iter().filter(|&i| shown.admits(&ix.entries[i])).collect();
        Some((ix, found))
    });
    let starring = Action::new_local(move |party: &String| profile.toggle_favourite(party.clone()));
    let failure = move || starring.value().get().and_then(Result::err);
    let star = move |urn: String| {
        if state.logged_in() {
            starring.dispatch(urn);
        }
    };
    view! {
        <section class="profile-section" aria-labelledby="parties-heading">
            <h2 id="parties-heading" class="ds-heading" data-size="sm">{move || i18n.t(k!("profile.parties"))}</h2>
            <label class="saved-filter">
                <span>{move || i18n.t(k!("accounts.search"))}</span>
                <input type="search" class="ds-input" data-size="sm" prop:value=move || filter.get()
                    on:input:target=move |ev| { filter.set(ev.target().value()); limit.set(PAGE); } />
            </label>
            {move || failure().map(|e| view! { <ErrorView error=e retry=move |_| starring.value().set(None) /> })}
            {move || matches.get().map(|(ix, found)| {
                let total = found.len();
                let shown: Vec<usize> = found.into_iter().take(limit.get()).collect();
                view! {
                    <p class="ds-paragraph" data-size="sm" aria-live="polite">
                        {i18n.tf(k!("profile.parties_count"), &[("shown", &shown.len().to_string()), ("total", &total.to_string())])}
                    </p>
                    <ul class="profile-parties ds-list--unstyled">
                        {shown.into_iter().map(|i| {
                            let e = ix.entries[i].clone();
                            let (urn, name) = (e.urn.clone(), e.name.clone());
                            // Copy closures over one stored URN, for the several attributes that read them.
                            let held = StoredValue::new(urn.clone());
                            let starred = move || held.with_value(|u| profile.is_favourite(u));
                            let own = e.own;
                            let chosen = move || profile.settings.with(|s| match &s.preselected_party {
                                Some(p) => held.with_value(|u| p == u),
                                None => own,
                            });
                            let inbox = list_href(Folder::Inbox, &ListQuery { scope: ix.key_of(&Scope::One(i)), ..Default::default() });
                            let (star_urn, pick_urn, name_star, name_pick) = (urn.clone(), urn.clone(), name.clone(), name.clone());
                            view! {
                                <li class="profile-party" class:sub-unit=matches!(e.kind, Kind::SubUnit(_))>
                                    <span class="account-name">{name.clone()}</span>
                                    {party_detail(&e, i18n).map(|d| view! { <span class="account-detail">{d}</span> })}
                                    {e.deleted.then(|| view! { <span class="account-detail">{move || i18n.t(k!("accounts.deleted"))}</span> })}
                                    {
                                        // A sub-unit is acted for by the roles held in its main unit.
                                        let main = match e.kind { Kind::SubUnit(m) => Some(ix.entries[m].urn.clone()), _ => None };
                                        let urn = e.urn.clone();
                                        move || roles.get().and_then(|held: HashMap<String, Vec<String>>| {
                                            let codes = held.get(&urn).or_else(|| main.as_ref().and_then(|m| held.get(m)))?;
                                            let names: Vec<String> = codes.iter().map(|c| role_name(c, i18n)).collect();
                                            Some(view! { <span class="account-detail">{i18n.tf(k!("profile.roles"), &[("roles", &names.join(", "))])}</span> })
                                        })
                                    }
                                    <span class="profile-party-actions">
                                        <button type="button" class="account-star" aria-pressed=move || starred().to_string()
                                            aria-label=move || i18n.tf(if starred() { k!("accounts.unstar") } else { k!("accounts.star") }, &[("name", &name_star)])
                                            on:click=move |_| star(star_urn.clone())>
                                            {move || if starred() { "★" } else { "☆" }}
                                        </button>
                                        <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" aria-pressed=move || chosen().to_string()
                                            aria-label=move || i18n.tf(k!("profile.open_at_login"), &[("name", &name_pick)])
                                            on:click=move |_| {
                                                let urn = pick_urn.clone();
                                                profile.save(move |s| s.preselected_party = (!own).then_some(urn), None);
                                            }>
                                            {move || i18n.t(k!("profile.open_at_login_short"))}
                                        </button>
                                        <A href=inbox attr:class="ds-link">{move || i18n.t(k!("profile.open_inbox"))}</A>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {(total > limit.get_untracked()).then(|| view! {
                        <button type="button" class="ds-button" data-variant="secondary" data-size="sm" on:click=move |_| limit.update(|l| *l += PAGE)>
                            {move || i18n.t(k!("inbox.load_more"))}
                        </button>
                    })}
                }
            })}
        </section>
    }
}

/// A role code by its name, or as it is when we know no name for it.
fn role_name(code: &str, i18n: I18n) -> String {
    let key = match code.to_ascii_uppercase().as_str() {
        "DAGL" => k!("role.dagl"),
        "REGNA" => k!("role.regna"),
        "REGN" => k!("role.regn"),
        "REVI" => k!("role.revi"),
        "LEDE" => k!("role.lede"),
        "FULLMAKT" => k!("role.fullmakt"),
        _ => return code.to_owned(),
    };
    i18n.t(key).to_owned()
}
