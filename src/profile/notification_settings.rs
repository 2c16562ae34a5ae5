//! The profile's notifications: an e-mail address and a mobile number of the person's own and per
//! organisation, each saved only with the one-time code sent to it, and the services the person
//! wants fewer messages from. Addresses are checked here first, by the same rule the server uses.

use dialogporten::inbox::notifications::{
    AddressError, Channel, Channels, NewVerification, NotificationAddress, NotificationSettings, ServiceChoice, Verification,
    SPENT_CODE_FIELD, WRONG_CODE_FIELD,
};
use leptos::prelude::*;

use crate::{
    api::{self, ApiError},
    components::{error_view::ErrorView, loaded::Loaded},
    i18n::{I18n, Key},
    resources::PartiesResource,
    services,
    session::SessionState,
};

fn channel_key(c: Channel) -> Key {
    match c {
        Channel::Email => k!("notify.email"),
        Channel::Sms => k!("notify.sms"),
    }
}

fn address_error_key(e: AddressError) -> Key {
    match e {
        AddressError::Empty => k!("notify.error_empty"),
        AddressError::Email => k!("notify.error_email"),
        AddressError::Mobile => k!("notify.error_mobile"),
    }
}

#[component]
pub fn NotificationSection() -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let loaded = LocalResource::new(move || {
        let logged_in = state.session.with(Option::is_some);
        async move {
            if !logged_in {
                return Err(ApiError::Unauthorized);
            }
            api::preferences::notifications().await
        }
    });
    view! {
        <section class="profile-section" aria-labelledby="notify-heading">
            <h2 id="notify-heading" class="ds-heading" data-size="sm">{move || i18n.t(k!("notify.title"))}</h2>
            <p class="ds-paragraph" data-size="sm">{move || i18n.t(k!("notify.intro"))}</p>
            <Loaded resource=loaded view=move |n: NotificationSettings| view! {
                <Addresses saved=n.addresses />
                <ServiceChoices saved=n.services />
            } />
        </section>
    }
}

#[component]
fn Addresses(saved: Vec<NotificationAddress>) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let parties = PartiesResource::get();
    let saved = RwSignal::new(saved);
    let scope = RwSignal::new(None::<String>);
    let organisations = Memo::new(move |_| {
        parties
            .index()
            .map(|ix| ix.organisations().map(|i| (ix.entries[i].urn.clone(), ix.entries[i].name.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let name_of = move |party: &Option<String>| match party {
        None => i18n.t(k!("notify.own")).to_owned(),
        Some(urn) => parties.index().and_then(|ix| ix.by_urn(urn).map(|e| e.name.clone())).unwrap_or_else(|| urn.clone()),
    };
    let removal = Action::new_local(move |a: &NotificationAddress| {
        let a = a.clone();
        async move {
            match api::preferences::remove_address(a.party.as_deref(), a.channel).await {
                Ok(()) | Err(ApiError::NotFound(_)) => {
                    saved.update(|s| s.retain(|x| !(x.party == a.party && x.channel == a.channel)));
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
    });
    let failure = move || removal.value().get().and_then(Result::err);
    let remove = move |a: NotificationAddress| state.dispatch_once(removal, a);
    view! {
        <h3 class="ds-heading" data-size="xs">{move || i18n.t(k!("notify.addresses"))}</h3>
        {move || failure().map(|e| view! { <ErrorView error=e retry=move |_| removal.value().set(None) /> })}
        <Show when=move || !saved.with(Vec::is_empty) fallback=move || view! { <p class="ds-paragraph" data-size="sm">{move || i18n.t(k!("notify.none"))}</p> }>
            <ul class="notify-addresses ds-list--unstyled">
                {move || saved.get().into_iter().map(|a| {
                    let who = name_of(&a.party);
                    let label = i18n.tf(k!("notify.remove"), &[("channel", i18n.t(channel_key(a.channel))), ("name", &who)]);
                    let gone = a.clone();
                    view! {
                        <li class="notify-address">
                            <span class="account-name">{who}</span>
                            <span class="account-detail">{i18n.t(channel_key(a.channel))}": "{a.address.clone()}</span>
                            <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" aria-label=label on:click=move |_| remove(gone.clone())>
                                {move || i18n.t(k!("notify.remove_short"))}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
        <label class="ds-field profile-field">
            <span class="ds-label" data-size="sm">{move || i18n.t(k!("notify.for"))}</span>
            <select class="ds-input" data-size="sm" on:change:target=move |ev| {
                let v = ev.target().value();
                scope.set((!v.is_empty()).then_some(v));
            }>
                <option value="">{move || i18n.t(k!("notify.own"))}</option>
                {move || organisations.get().into_iter().map(|(urn, name)| view! { <option value=urn>{name}</option> }).collect_view()}
            </select>
        </label>
        {Channel::ALL.into_iter().map(|c| view! { <AddressForm channel=c scope saved /> }).collect_view()}
    }
}

/// One channel's form: the address, then the code sent to it.
#[component]
fn AddressForm(channel: Channel, scope: RwSignal<Option<String>>, saved: RwSignal<Vec<NotificationAddress>>) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    let address = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let pending = RwSignal::new(None::<Verification>);
    let problem = RwSignal::new(None::<Key>);
    let done = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let message_id = format!("notify-{}-message", channel.as_str());
    // Sending a code, then checking it: one request at a time.
    let starting = Action::new_local(move |new: &NewVerification| {
        let new = new.clone();
        async move {
            match api::preferences::start_verification(&new).await {
                Ok(v) => {
                    code.set(String::new());
                    pending.set(Some(v));
                }
                Err(ApiError::Rejected { fields, .. }) if fields.contains_key("address") => problem.set(Some(k!("notify.error_rejected"))),
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let confirming = Action::new_local(move |v: &Verification| {
        let id = v.id;
        async move {
            match api::preferences::confirm_verification(id, &code.get_untracked()).await {
                Ok(a) => {
                    saved.update(|s| {
                        s.retain(|x| !(x.party == a.party && x.channel == a.channel));
                        s.push(a);
                    });
                    pending.set(None);
                    address.set(String::new());
                    done.set(true);
                }
                Err(ApiError::Rejected { fields, .. }) if fields.contains_key(WRONG_CODE_FIELD) => {
                    problem.set(Some(k!("notify.code_wrong")))
                }
                Err(ApiError::Rejected { fields, .. }) if fields.contains_key(SPENT_CODE_FIELD) => {
                    pending.set(None);
                    problem.set(Some(k!("notify.code_spent")));
                }
                Err(ApiError::NotFound(_)) => {
                    pending.set(None);
                    problem.set(Some(k!("notify.code_spent")));
                }
                Err(e) => failure.set(Some(e)),
            }
        }
    });
    let busy = move || starting.pending().get() || confirming.pending().get();
    let send = move || {
        if !state.logged_in() {
            return;
        }
        let normalized = match channel.normalize(&address.get_untracked()) {
            Ok(a) => a,
            Err(e) => return problem.set(Some(address_error_key(e))),
        };
        starting.dispatch(NewVerification { party: scope.get_untracked(), channel, address: normalized });
    };
    let confirm = move || {
        if let (true, Some(v)) = (state.logged_in(), pending.get_untracked()) {
            confirming.dispatch(v);
        }
    };
    let described = message_id.clone();
    let described_code = message_id.clone();
    view! {
        <form class="notify-form" novalidate on:submit=move |ev| {
            ev.prevent_default();
            if busy() {
                return;
            }
            problem.set(None);
            failure.set(None);
            done.set(false);
            if pending.with_untracked(Option::is_some) { confirm() } else { send() }
        }>
            <Show when=move || pending.with(Option::is_none) fallback=move || {
                let described_code = described_code.clone();
                view! {
                    <p class="ds-paragraph" data-size="sm" role="status">
                        {move || pending.get().map(|v| i18n.tf(k!("notify.code_sent"), &[("address", &v.address)]))}
                    </p>
                    <label class="ds-field profile-field">
                        <span class="ds-label" data-size="sm">{move || i18n.tf(k!("notify.code"), &[("channel", i18n.t(channel_key(channel)))])}</span>
                        <input class="ds-input" data-size="sm" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
                            aria-invalid=move || problem.with(Option::is_some).to_string() aria-describedby=described_code
                            prop:value=move || code.get() on:input:target=move |ev| code.set(ev.target().value()) />
                    </label>
                    <span class="notify-buttons">
                        <button type="submit" class="ds-button" data-size="sm" disabled=busy>{move || i18n.t(k!("notify.confirm"))}</button>
                        <button type="button" class="ds-button" data-variant="tertiary" data-size="sm" on:click=move |_| { pending.set(None); problem.set(None) }>
                            {move || i18n.t(k!("notify.cancel"))}
                        </button>
                    </span>
                }
            }>
                <label class="ds-field profile-field">
                    <span class="ds-label" data-size="sm">{move || i18n.t(channel_key(channel))}</span>
                    <input class="ds-input" data-size="sm"
                        type=if channel == Channel::Email { "email" } else { "tel" }
                        autocomplete=if channel == Channel::Email { "email" } else { "tel" }
                        aria-invalid=move || problem.with(Option::is_some).to_string() aria-describedby=described.clone()
                        prop:value=move || address.get() on:input:target=move |ev| address.set(ev.target().value()) />
                </label>
                <button type="submit" class="ds-button" data-variant="secondary" data-size="sm" disabled=busy>{move || i18n.t(k!("notify.send_code"))}</button>
            </Show>
            <p id=message_id class="notify-message" aria-live="polite">
                {move || problem.get().map(|k| view! { <span class="ds-validation-message" data-color="danger">{i18n.t(k)}</span> })}
                {move || done.get().then(|| view! { <span>{i18n.t(k!("notify.verified"))}</span> })}
            </p>
            {move || failure.get().map(|e| view! { <ErrorView error=e retry=move |_| failure.set(None) /> })}
        </form>
    }
}

#[component]
fn ServiceChoices(saved: Vec<ServiceChoice>) -> impl IntoView {
    let i18n = I18n::get();
    let state = SessionState::get();
    // The catalogue is fetched only when there are choices to name or one is about to be made.
    let wanted = RwSignal::new(!saved.is_empty());
    let catalogue = services::catalogue(wanted.into());
    let choices = RwSignal::new(saved);
    // Each change is sent as made (two boxes ticked quickly are two changes).
    let choose = Action::new_local(move |(resource, channels): &(String, Channels)| {
        let (resource, channels) = (resource.clone(), *channels);
        async move {
            let c = api::preferences::choose_service(&resource, channels).await?;
            choices.update(|cs| {
                cs.retain(|x| x.resource != c.resource);
                if !(c.email && c.sms) {
                    cs.push(c);
                }
            });
            Ok::<_, ApiError>(())
        }
    });
    let failure = move || choose.value().get().and_then(Result::err);
    let put = move |resource: String, channels: Channels| {
        if state.logged_in() {
            choose.dispatch((resource, channels));
        }
    };
    let name_of =
        move |urn: &str| catalogue.with(|c| c.iter().find(|s| s.urn == urn).map(|s| s.name.clone())).unwrap_or_else(|| urn.to_owned());
    view! {
        <h3 class="ds-heading" data-size="xs">{move || i18n.t(k!("notify.services"))}</h3>
        <p class="ds-paragraph" data-size="sm">{move || i18n.t(k!("notify.services_intro"))}</p>
        {move || failure().map(|e| view! { <ErrorView error=e retry=move |_| choose.value().set(None) /> })}
        <ul class="notify-services ds-list--unstyled">
            {move || choices.get().into_iter().map(|c| {
                let name = name_of(&c.resource);
                let (choice, label_name) = (c.clone(), name.clone());
                let check = move |channel: Channel, on: bool| {
                    let (resource, name) = (choice.resource.clone(), label_name.clone());
                    let other = choice.clone();
                    view! {
                        <label class="ds-checkbox">
                            <input type="checkbox" prop:checked=on
                                aria-label=i18n.tf(k!("notify.service_channel"), &[("channel", i18n.t(channel_key(channel))), ("name", &name)])
                                on:change:target=move |ev| {
                                    let on = ev.target().checked();
                                    let channels = match channel {
                                        Channel::Email => Channels { email: on, sms: other.sms },
                                        Channel::Sms => Channels { email: other.email, sms: on },
                                    };
                                    put(resource.clone(), channels);
                                } />
                            <span aria-hidden="true">{i18n.t(channel_key(channel))}</span>
                        </label>
                    }
                };
                let reset = c.resource.clone();
                view! {
                    <li class="notify-service">
                        <span class="account-name">{name.clone()}</span>
                        {check(Channel::Email, c.email)}
                        {check(Channel::Sms, c.sms)}
                        <button type="button" class="ds-button" data-variant="tertiary" data-size="sm"
                            aria-label=i18n.tf(k!("notify.service_reset"), &[("name", &name)])
                            on:click=move |_| put(reset.clone(), Channels { email: true, sms: true })>
                            {move || i18n.t(k!("notify.service_reset_short"))}
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <label class="ds-field profile-field">
            <span class="ds-label" data-size="sm">{move || i18n.t(k!("notify.add_service"))}</span>
            <select class="ds-input" data-size="sm" on:focus=move |_| wanted.set(true) on:pointerdown=move |_| wanted.set(true)
                on:change:target=move |ev| {
                    let target = ev.target();
                    let urn = target.value();
                    target.set_value("");
                    if !urn.is_empty() {
                        put(urn, Channels { email: false, sms: false });
                    }
                }>
                <option value="">{move || i18n.t(k!("notify.choose_service"))}</option>
                {move || catalogue.get().into_iter()
                    .filter(|s| choices.with(|cs| cs.iter().all(|c| c.resource != s.urn)))
                    .map(|s| view! { <option value=s.urn.clone()>{s.name.clone()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
