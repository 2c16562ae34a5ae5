//! "Legg til filter": one menu of facets (folder, status, unread, date, sender, service), each opening
//! its choices; a choice becomes a chip under the search (af.altinn.no's "Add filter"). The
//! menu is a chunk of its own, fetched when first opened (or once the list has shown).

use dialogporten::{Day, DialogStatus, Folder};
use leptos::{ev::KeyboardEvent, html, prelude::*, task::spawn_local};

use crate::{
    api::{self, ApiError},
    components::deferred::{split_point, Deferred},
    i18n::{keys, I18n, Key},
    list_query::{toggle, ListQuery, Period, MAX_SERVICES},
    orgs,
    resources::PartiesResource,
    services::Service,
    session::SessionState,
};
use crate::{
    components::icon::{icon, Icon},
    parties::party_nav::list_href,
};

/// What the menu changes and reads: the list's query, how to open another, and the services'
/// names (loaded once wanted, by the toolbar: the menu reads plain signals, as a resource read
/// under the chunk's `Suspense` would suspend the open menu).
#[derive(Clone, Copy)]
pub struct FilterTarget {
    pub query: Memo<ListQuery>,
    pub folder: Folder,
    pub go: Callback<ListQuery>,
    pub services: Signal<Vec<Service>>,
    pub services_wanted: RwSignal<bool>,
    /// The toolbar's owner, outside the chunk's `Suspense` (see `FilterMenu`).
    pub outside: StoredValue<Owner>,
}

/// The button, and the menu under it while open.
#[component]
pub fn AddFilter(target: FilterTarget) -> impl IntoView {
    let i18n = I18n::get();
    let open = RwSignal::new(false);
    let toggle_ref = NodeRef::<html::Button>::new();
    let close = move || {
        open.set(false);
        if let Some(b) = toggle_ref.get_untracked() {
            let _ = b.focus();
        }
    };
    crate::components::menus::close_on_press_outside(open, ".filter-menu-anchor");
    view! {
        <div class="filter-menu-anchor" on:keydown=move |ev: KeyboardEvent| if ev.key() == "Escape" && open.get_untracked() { ev.prevent_default(); close(); }>
            <button type="button" class="ds-button add-filter" data-variant="secondary" data-size="sm" node_ref=toggle_ref
                aria-expanded=move || open.get().to_string() aria-controls="filter-menu"
                on:click=move |_| open.update(|o| *o = !*o)>
                {icon(Icon::Plus)}
                {move || i18n.t(k!("filter.add"))}
            </button>
            <Show when=move || open.get()>
                <Deferred load=move || filter_menu(target, Callback::new(move |_| close())) />
            </Show>
        </div>
    }
}

split_point! {
    filter_menu, preload prefetch_filter_menu;
    pub fn filter_menu(target: FilterTarget, close: Callback<()>) -> Result<AnyView, ApiError> {
        Ok(view! { <FilterMenu target close /> }.into_any())
    }
}

/// The facets of the menu; unread has no choices of its own (it is one).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Folder,
    Status,
    Date,
    Sender,
    Service,
}

impl Facet {
    fn label_key(self) -> Key {
        match self {
            Facet::Folder => k!("filter.folder"),
            Facet::Status => k!("filter.status"),
            Facet::Date => k!("filter.date"),
            Facet::Sender => k!("filter.sender"),
            Facet::Service => k!("filter.service"),
        }
    }

    fn icon(self) -> Icon {
        match self {
            Facet::Folder => Icon::Folder,
            Facet::Status => Icon::Status,
            Facet::Date => Icon::Deadline,
            Facet::Sender => Icon::Sender,
            Facet::Service => Icon::Service,
        }
    }
}

/// A choice in a facet: its words, its value in the address (`org=skd`), what choosing does.
type Choice = (String, String, Box<dyn Fn() + Send + Sync>);

#[component]
fn FilterMenu(target: FilterTarget, close: Callback<()>) -> impl IntoView {
    let i18n = I18n::get();
    let FilterTarget { query, folder, go, services, services_wanted, outside } = target;
    // Loaded under the toolbar's owner, not the chunk's `Suspense`: awaiting the parties there
    // would make the Suspense wait on them, and suspend (dispose) the open menu.
    let apart = outside.with_value(Owner::child);
    let received = apart.with(|| received_services(services_wanted.into(), query));
    on_cleanup(move || apart.cleanup());
    // A custom period starts (and is edited) here: its dates show at once.
    let facet = RwSignal::new(query.with_untracked(|q| matches!(q.period, Period::Custom { .. })).then_some(Facet::Date));
    let menu_ref = NodeRef::<html::Div>::new();
    let navigate = leptos_router::hooks::use_navigate();
    let open_folder = Callback::new(move |href: String| navigate(&href, Default::default()));
    // Focus goes to the first choice whenever the menu opens or changes level.
    Effect::new(move |_| {
        facet.track();
        request_animation_frame(move || {
            let first = menu_ref.get_untracked().and_then(|m| m.query_selector("button, input").ok().flatten());
            if let Some(el) = first.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                let _ = el.focus();
            }
        });
    });
    let apply = move |f: &dyn Fn(&mut ListQuery)| {
        let mut q = query.get_untracked();
        f(&mut q);
        go.run(q);
    };
    let pick = move |f: &dyn Fn(&mut ListQuery)| {
        apply(f);
        close.run(());
    };
    let choice = move |(text, value, on): Choice| {
        view! { <li><button type="button" class="menu-link" value=value on:click=move |_| on()>{text}</button></li> }
    };
    let facet_button = move |f: Facet| {
        view! {
            <li>
                <button type="button" class="menu-link" on:click=move |_| {
                    if f == Facet::Service {
                        services_wanted.set(true);
                    }
                    facet.set(Some(f));
                }>
                    {icon(f.icon())}
                    <span class="menu-text">{move || i18n.t(f.label_key())}</span>
                    {icon(Icon::Next)}
                </button>
            </li>
        }
    };
    let choices = move |f: Facet| -> Vec<Choice> {
        let q = query.get();
        let lang = i18n.lang.get();
        match f {
            // Another folder, with the same search and filters (a folder is the address itself).
            Facet::Folder => Folder::ALL
                .into_iter()
                .filter(|other| *other != folder)
                .map(|other| {
                    let href = list_href(other, &q);
                    let on: Box<dyn Fn() + Send + Sync> = Box::new(move || {
                        close.run(());
                        open_folder.run(href.clone());
                    });
                    (i18n.t(crate::i18n::keys::folder(other)).to_owned(), other.path().to_owned(), on)
                })
                .collect(),
            Facet::Status => folder
                .statuses()
                .unwrap_or_else(|| DialogStatus::ALL.to_vec())
                .into_iter()
                .filter(|s| !q.statuses.contains(s))
                .map(|s| {
                    let on: Box<dyn Fn() + Send + Sync> = Box::new(move || pick(&|q| toggle(&mut q.statuses, s, true)));
                    (i18n.t(keys::status(s)).to_owned(), s.as_str().to_owned(), on)
                })
                .collect(),
            Facet::Sender => orgs::all()
                .iter()
                .filter(|o| !q.orgs.contains(&o.org))
                .map(|o| {
                    let org = o.org.clone();
                    let on: Box<dyn Fn() + Send + Sync> = Box::new(move || pick(&|q| toggle(&mut q.orgs, org.clone(), true)));
                    (orgs::name(&o.org, lang.code()), o.org.clone(), on)
                })
                .collect(),
            Facet::Service => {
                if q.services.len() >= MAX_SERVICES {
                    return Vec::new();
                }
                // Those received (once known), of the chosen senders if any, not yet chosen.
                let received = received.try_get().flatten();
                services
                    .get()
                    .into_iter()
                    .filter(|s| received.as_ref().is_none_or(|r| r.contains(&s.urn)))
                    .filter(|s| (q.orgs.is_empty() || q.orgs.contains(&s.org)) && !q.services.iter().any(|c| c == s.short()))
                    .map(|s| {
                        let short = s.short().to_owned();
                        let on: Box<dyn Fn() + Send + Sync> = Box::new(move || pick(&|q| toggle(&mut q.services, short.clone(), true)));
                        (s.name.clone(), s.short().to_owned(), on)
                    })
                    .collect()
            }
            Facet::Date => Period::CHOICES
                .into_iter()
                .filter(|p| *p != Period::Any && !matches!(p, Period::Custom { .. }) && *p != q.period)
                .map(|p| {
                    let on: Box<dyn Fn() + Send + Sync> = Box::new(move || pick(&|q| q.period = p));
                    (i18n.t(p.label_key()).to_owned(), p.id().to_owned(), on)
                })
                .collect(),
        }
    };
    view! {
        <div id="filter-menu" class="filter-menu" node_ref=menu_ref role="group" aria-label=move || i18n.t(k!("filter.add"))>
            {move || match facet.get() {
                None => view! {
                    <ul class="ds-list--unstyled">
                        {facet_button(Facet::Folder)}
                        {facet_button(Facet::Status)}
                        <li>
                            <button type="button" class="menu-link" aria-pressed=move || query.get().unread_only.to_string()
                                on:click=move |_| pick(&|q| q.unread_only = !q.unread_only)>
                                {icon(Icon::Unread)}
                                <span class="menu-text">{move || i18n.t(k!("filter.unread"))}</span>
                            </button>
                        </li>
                        {facet_button(Facet::Date)}
                        {facet_button(Facet::Sender)}
                        {facet_button(Facet::Service)}
                    </ul>
                }
                .into_any(),
                Some(f) => view! {
                    <button type="button" class="menu-link menu-back" on:click=move |_| facet.set(None)>
                        {icon(Icon::Back)}
                        <span class="menu-text">{move || i18n.t(f.label_key())}</span>
                    </button>
                    <ul class="ds-list--unstyled filter-choices">
                        {move || {
                            let list = choices(f);
                            if list.is_empty() && f != Facet::Date {
                                let key = if f == Facet::Service && services.with(Vec::is_empty) { k!("app.loading") } else { k!("filter.none_left") };
                                return view! { <li class="menu-none">{i18n.t(key)}</li> }.into_any();
                            }
                            list.into_iter().map(choice).collect_view().into_any()
                        }}
                    </ul>
                    {(f == Facet::Date).then(|| view! { <CustomPeriod query=query apply=Callback::new(move |p: Period| apply(&|q| q.period = p)) /> })}
                }
                .into_any(),
            }}
        </div>
    }
}

/// A period of one's own: from and to, as native date inputs (keyboard and screen-reader
/// friendly); either may be left open. Each change applies at once and the menu stays open.
#[component]
fn CustomPeriod(query: Memo<ListQuery>, apply: Callback<Period>) -> impl IntoView {
    let i18n = I18n::get();
    let bounds = move || match query.get().period {
        Period::Custom { from, to } => (from, to),
        _ => (None, None),
    };
    let day_input = move |label: Key, id: &'static str, is_from: bool| {
        view! {
            <div class="ds-field">
                <label class="ds-label" data-size="sm" for=id>{move || i18n.t(label)}</label>
                <input
                    id=id
                    class="ds-input"
                    data-size="sm"
                    type="date"
                    prop:value=move || { let (f, t) = bounds(); if is_from { f } else { t }.map(|d| d.to_string()).unwrap_or_default() }
                    on:change:target=move |ev| {
                        let day = Day::parse(&ev.target().value());
                        let (from, to) = bounds();
                        apply.run(if is_from { Period::Custom { from: day, to } } else { Period::Custom { from, to: day } });
                    }
                />
            </div>
        }
    };
    view! {
        <fieldset class="custom-period">
            <legend class="ds-label" data-size="sm">{move || i18n.t(k!("date.custom"))}</legend>
            {day_input(k!("date.from"), "period-from", true)}
            {day_input(k!("date.to"), "period-to", false)}
        </fieldset>
    }
}

/// The services the parties in view have received (our extension), once `wanted`; `None` while
/// loading, or against a Dialogporten without the extension (the whole catalogue is offered; the
/// extension is not asked for when the server forwards to another Dialogporten).
fn received_services(wanted: Signal<bool>, query: Memo<ListQuery>) -> RwSignal<Option<Vec<String>>> {
    let (state, parties) = (SessionState::get(), PartiesResource::get());
    let scope = Memo::new(move |_| query.with(|q| q.scope.clone()));
    let received = RwSignal::new(None);
    Effect::new(move |_| {
        let key = scope.get();
        if !wanted.get() || !state.logged_in() || state.upstream() {
            return;
        }
        spawn_local(async move {
            let Ok(page) = parties.page(&key).await else { return };
            if let Ok(r) = api::dialogs::services_received(&page.parties).await {
                received.try_set(Some(r.service_resources));
            }
        });
    });
    received
}
