use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_navigate;

use crate::{
    api::{
        self,
        login::{Identity, IdentityParty},
    },
    components::{error_view::ErrorView, header::LanguageSelect, loaded::Loaded, page_title::PageTitle},
    i18n::I18n,
    profile::ProfileState,
    session::{take_return_to, Session, SessionState},
};

/// Dev login: choose one of the demo people. Real deployments log in through ID-porten instead.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let identities = LocalResource::new(api::login::identities);
    let failure = RwSignal::new(None::<api::ApiError>);
    let navigate = use_navigate();
    let profile = ProfileState::get();
    let log_in = Callback::new(move |(pid, name): (String, String)| {
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::login::personal_token(&pid).await {
                Ok(token) => {
                    // The person's settings first: the language and the party to open with.
                    profile.load_at_login(&token).await;
                    state.log_in(Session { token, name, org: None });
                    navigate(&take_return_to(false), Default::default());
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    });
    let navigate_so = use_navigate();
    let log_in_owner = Callback::new(move |(org, org_no, name): (String, String, String)| {
        let navigate = navigate_so.clone();
        spawn_local(async move {
            match api::login::enterprise_token(&org, &org_no).await {
                Ok(token) => {
                    state.log_in(Session { token, name, org: Some(org) });
                    navigate(&take_return_to(true), Default::default());
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    });
    view! {
        <main id="main" class="content narrow login">
            <div class="login-top"><LanguageSelect /></div>
            <PageTitle title=Signal::derive(move || i18n.t("login.title").to_owned()) />
            <h1 class="ds-heading" data-size="lg">{move || i18n.t("login.title")}</h1>
            <Show when=move || state.expired.get()>
                <div class="ds-alert" data-color="info" role="status">{move || i18n.t("login.signed_out")}</div>
            </Show>
            <p class="ds-paragraph">{move || i18n.t("login.intro")}</p>
            {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| failure.set(None) /> })}
            <Loaded resource=identities view=move |list| view! { <IdentityList identities=list log_in=log_in log_in_owner=log_in_owner /> } />
        </main>
    }
}

#[component]
fn IdentityList(
    identities: Vec<Identity>,
    log_in: Callback<(String, String)>,
    log_in_owner: Callback<(String, String, String)>,
) -> impl IntoView {
    let i18n = I18n::get();
    let (persons, owners): (Vec<_>, Vec<_>) = identities.into_iter().partition(|i| matches!(i, Identity::Person { .. }));
    let owners: Vec<_> = owners.into_iter().filter(|i| matches!(i, Identity::ServiceOwner { .. })).collect();
    view! {
        <section aria-labelledby="persons-heading">
            <h2 id="persons-heading" class="ds-heading" data-size="sm">{move || i18n.t("login.persons")}</h2>
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
            <h2 id="owners-heading" class="ds-heading" data-size="sm">{move || i18n.t("login.service_owners")}</h2>
            <ul class="identity-list ds-list--unstyled">
                {owners
                    .into_iter()
                    .filter_map(|i| match i {
                        Identity::ServiceOwner { org, org_no, name } => {
                            let label_name = name.clone();
                            let code = org.clone();
                            Some(view! {
                                <li class="ds-card identity-card" data-variant="tinted">
                                    <button
                                        type="button"
                                        class="ds-button"
                                        data-variant="secondary"
                                        on:click=move |_| log_in_owner.run((org.clone(), org_no.clone(), name.clone()))
                                    >
                                        {move || i18n.tf("login.as", &[("name", &label_name)])}
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

fn person_card(pid: String, name: String, parties: Vec<IdentityParty>, log_in: Callback<(String, String)>) -> impl IntoView {
    let i18n = I18n::get();
    let count = parties.len();
    let orgs: Vec<String> = parties.iter().filter(|p| p.party_type == "Organization").map(|p| p.name.clone()).collect();
    let label_name = name.clone();
    view! {
        <li class="ds-card identity-card">
            <button
                type="button"
                class="ds-button identity-button"
                data-variant="primary"
                on:click=move |_| log_in.run((pid.clone(), name.clone()))
            >
                {move || i18n.tf("login.as", &[("name", &label_name)])}
            </button>
            <span class="identity-meta">{move || i18n.tn("login.parties_count", count, &[])}</span>
            {(!orgs.is_empty()).then(|| view! { <span class="identity-orgs">{orgs.join(", ")}</span> })}
        </li>
    }
}
