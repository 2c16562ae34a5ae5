use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::{
    api::{
        self,
        login::{DevLogin, Identity, IdentityParty, ServerSession, User},
        ApiError,
    },
    components::{
        error_view::{ErrorView, Loading},
        loaded::Loaded,
        page_title::PageTitle,
    },
    i18n::I18n,
    profile_state::ProfileState,
    session::{remember_return_to, take_return_to, Session, SessionState},
    shell::header::LanguageSelect,
};

/// The login page. The server says how one logs in here (`GET /auth/session`): in dev mode as one
/// of the demo identities; with a sign-in service (ID-porten), through it, by one button that
/// leaves the app and comes back to it. A session the server already has while this tab has
/// none (back from the sign-in service, or after this tab forgot it) is taken up at once.
#[component]
pub fn LoginPage() -> impl IntoView {
    let state = SessionState::get();
    // A logout leaves its page at once (`SessionState::sign_out`); what its sweep of the offline
    // shell could not finish there (a cache the old worker was still writing) is finished here.
    if !state.logged_in() {
        spawn_local(crate::offline_store::forget());
    }
    let profile = ProfileState::get();
    let query = use_query_map();
    let param = move |key: &str| query.with_untracked(|q| q.get(key)).filter(|v| !v.is_empty());
    // `/auth/login?returnTo=…&acr=…` sends here in dev mode; the sign-in service's failures come back as `?error=`.
    let (asked_return, acr, error) = (param("returnTo"), param("acr"), param("error"));
    let server = LocalResource::new(api::login::session);
    let navigate = use_navigate();
    // Logged in, by the server's word: the person's settings, this tab's session, and on to
    // where they were going.
    let kept_return = asked_return.clone();
    let enter = Callback::new(move |(user, upstream): (User, bool)| {
        let (navigate, asked_return) = (navigate.clone(), kept_return.clone());
        spawn_local(async move {
            let owner = user.org.is_some();
            if !owner {
                // The language and the party to open with.
                profile.load_at_login().await;
            }
            state.log_in(Session { name: user.name, org: user.org, upstream, level: user.level });
            navigate(&take_return_to(owner, asked_return), Default::default());
        });
    });
    // Not when a higher level is asked for (the session there is too low), nor when this tab is
    // logged in (in dev mode, /login is where one changes who one is).
    let wants_new = acr.is_none();
    Effect::new(move |_| {
        if let Some(Ok(ServerSession { user: Some(user), upstream, .. })) = server.get() {
            if wants_new && !state.logged_in() {
                enter.run((user, upstream));
            }
        }
    });
    view! {
        <main id="main" class="content narrow login">
            <div class="login-top"><LanguageSelect /></div>
            <Loaded
                resource=server
                view=move |s: ServerSession| {
                    if s.user.is_some() && wants_new && !state.logged_in() {
                        // Taken up at once (the effect above): nothing to choose.
                        view! { <Loading /> }.into_any()
                    } else if s.login == "oidc" {
                        sign_in(asked_return.clone(), acr.clone(), error.clone()).into_any()
                    } else {
                        view! { <DevLoginForm upstream=s.upstream acr=acr.clone() enter=enter /> }.into_any()
                    }
                }
            />
        </main>
    }
}

/// The notice that the session ended, when it did.
fn signed_out() -> impl IntoView {
    let (i18n, state) = (I18n::get(), SessionState::get());
    view! {
        <Show when=move || state.expired.get()>
            <div class="ds-alert" data-color="info" role="status">{move || i18n.t(k!("login.signed_out"))}</div>
        </Show>
    }
}

/// Through the sign-in service: one button, and what went wrong there, if it did, with a way to
/// try again.
fn sign_in(asked_return: Option<String>, acr: Option<String>, error: Option<String>) -> impl IntoView {
    let i18n = I18n::get();
    // A full page load: the server sends the browser on to the sign-in service, which sends it
    // back to `returnTo`. That place is kept here too, for the login page to go on to should the
    // app land there first.
    let go = Callback::new(move |()| {
        let to = take_return_to(false, asked_return.clone());
        remember_return_to(&to);
        let mut pairs = vec![("returnTo", to)];
        pairs.extend(acr.clone().map(|a| ("acr", a)));
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(&format!("/auth/login?{}", api::query(&pairs)));
        }
    });
    let problem = error.map(|code| match code.as_str() {
        "denied" => k!("login.error.denied"),
        "state" => k!("login.error.state"),
        "provider" => k!("login.error.provider"),
        "token" => k!("login.error.token"),
        _ => k!("login.error.other"),
    });
    view! {
        <PageTitle title=Signal::derive(move || i18n.t(k!("login.oidc_title")).to_owned()) />
        <h1 class="ds-heading" data-size="lg">{move || i18n.t(k!("login.oidc_title"))}</h1>
        {signed_out()}
        <p class="ds-paragraph">{move || i18n.t(k!("login.oidc_intro"))}</p>
        {problem.map(|key| view! {
            <div class="ds-alert error-view" data-color="danger" role="alert">
                <h2 class="ds-heading" data-size="xs">{move || i18n.t(k!("error.title"))}</h2>
                <p class="ds-paragraph">{move || i18n.t(key)}</p>
                <button type="button" class="ds-button" data-variant="secondary" on:click=move |_| go.run(())>{move || i18n.t(k!("app.retry"))}</button>
            </div>
        })}
        <button type="button" class="ds-button" data-variant="primary" on:click=move |_| go.run(())>{move || i18n.t(k!("login.button"))}</button>
    }
}

/// Dev login: choose one of the demo people or service owners.
#[component]
fn DevLoginForm(upstream: bool, acr: Option<String>, enter: Callback<(User, bool)>) -> impl IntoView {
    let i18n = I18n::get();
    let identities = LocalResource::new(api::login::identities);
    let failure = RwSignal::new(None::<ApiError>);
    let log_in = Callback::new(move |mut who: DevLogin| {
        who.acr = acr.clone();
        spawn_local(async move {
            match api::login::dev_login(&who).await {
                Ok(user) => enter.run((user, upstream)),
                Err(e) => failure.set(Some(e)),
            }
        });
    });
    view! {
        <PageTitle title=Signal::derive(move || i18n.t(k!("login.title")).to_owned()) />
        <h1 class="ds-heading" data-size="lg">{move || i18n.t(k!("login.title"))}</h1>
        {signed_out()}
        <p class="ds-paragraph">{move || i18n.t(k!("login.intro"))}</p>
        {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| failure.set(None) /> })}
        <Loaded resource=identities view=move |list| view! { <IdentityList identities=list log_in=log_in /> } />
    }
}

#[component]
fn IdentityList(identities: Vec<Identity>, log_in: Callback<DevLogin>) -> impl IntoView {
    let i18n = I18n::get();
    let (persons, owners): (Vec<_>, Vec<_>) = identities.into_iter().partition(|i| matches!(i, Identity::Person { .. }));
    let owners: Vec<_> = owners.into_iter().filter(|i| matches!(i, Identity::ServiceOwner { .. })).collect();
    view! {
        <section aria-labelledby="persons-heading">
            <h2 id="persons-heading" class="ds-heading" data-size="sm">{move || i18n.t(k!("login.persons"))}</h2>
            <ul class="identity-list ds-list--unstyled">
                {persons
                    .into_iter()
                    .filter_map(|i| match i {
                        Identity::Person { pid, name, parties } => Some(person_card(pid, name, parties, log_in)),
                        Identity::ServiceOwner { .. } | Identity::Other => None,
                    })
                    .collect_view()}
            </ul>
        </section>
        <section aria-labelledby="owners-heading">
            <h2 id="owners-heading" class="ds-heading" data-size="sm">{move || i18n.t(k!("login.service_owners"))}</h2>
            <ul class="identity-list ds-list--unstyled">
                {owners
                    .into_iter()
                    .filter_map(|i| match i {
                        Identity::ServiceOwner { org, org_no, name } => {
                            let code = org.clone();
                            Some(view! {
                                <li class="ds-card identity-card" data-variant="tinted">
                                    <button
                                        type="button"
                                        class="ds-button"
                                        data-variant="secondary"
                                        on:click=move |_| {
                                            log_in.run(DevLogin { org: Some(org.clone()), org_no: Some(org_no.clone()), ..Default::default() })
                                        }
                                    >
                                        {move || i18n.tf(k!("login.as"), &[("name", &name)])}
                                    </button>
                                    <span class="identity-meta">{code}</span>
                                </li>
                            })
                        }
                        Identity::Person { .. } | Identity::Other => None,
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

fn person_card(pid: String, name: String, parties: Vec<IdentityParty>, log_in: Callback<DevLogin>) -> impl IntoView {
    let i18n = I18n::get();
    let count = parties.len();
    let orgs: Vec<String> = parties.iter().filter(|p| p.party_type == "Organization").map(|p| p.name.clone()).collect();
    view! {
        <li class="ds-card identity-card">
            <button
                type="button"
                class="ds-button identity-button"
                data-variant="primary"
                on:click=move |_| log_in.run(DevLogin { pid: Some(pid.clone()), ..Default::default() })
            >
                {move || i18n.tf(k!("login.as"), &[("name", &name)])}
            </button>
            <span class="identity-meta">{move || i18n.tn(k!("login.parties_count"), count, &[])}</span>
            {(!orgs.is_empty()).then(|| view! { <span class="identity-orgs">{orgs.join(", ")}</span> })}
        </li>
    }
}

crate::components::deferred::pages! {
    login => fn login_page() -> LoginPage;
}
