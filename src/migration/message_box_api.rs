use dialogporten::{
    migration::{MessageBoxApi, OperationState, Section},
    Folder,
};
use leptos::prelude::*;

use crate::{
    api,
    components::{
        breadcrumbs::{crumb, Breadcrumbs},
        loaded::Loaded,
        page_title::PageTitle,
        rich_text::Markdown,
    },
    i18n::I18n,
    shell::footer::PublicPage,
};

/// For system vendors: each Altinn 2 message box operation and what replaces it.
#[component]
pub fn MessageBoxApiPage() -> impl IntoView {
    let data = LocalResource::new(api::migration::message_box_api);
    view! {
        <PublicPage class="content wide migration-status message-box-api">
            <Loaded resource=data view=|d| view! { <ApiView data=d /> } />
        </PublicPage>
    }
}

#[component]
fn ApiView(data: MessageBoxApi) -> impl IntoView {
    let i18n = I18n::get();
    let lang = move || i18n.lang.get().code();
    let d = StoredValue::new(data);
    let t = move |f: fn(&MessageBoxApi) -> &dialogporten::migration::Text| {
        Signal::derive(move || d.with_value(|d| f(d).get(lang()).to_owned()))
    };
    let section = move |s: Section, level: &'static str| {
        let heading = s.heading.clone();
        view! {
            <section>
                <h2 class="ds-heading" data-size=level>{move || heading.get(lang()).to_owned()}</h2>
                <Markdown source=Signal::derive(move || s.text.get(lang()).to_owned()) />
            </section>
        }
    };
    let operations = d.with_value(|d| d.operations.clone());
    let sections = d.with_value(|d| [d.what_happens.clone(), d.consequences.clone(), d.replacing_services.clone()]);
    view! {
        <PageTitle title=t(|d| &d.title) />
        <Breadcrumbs trail=vec![crumb(crate::i18n::keys::folder(Folder::Inbox), "/"), crumb(k!("footer.migration"), "/migration-status")] here=t(|d| &d.title) />
        <h1 class="ds-heading" data-size="lg">{t(|d| &d.title)}</h1>
        <div class="ds-alert" data-color="info"><Markdown source=t(|d| &d.under_construction) /></div>
        <Markdown source=t(|d| &d.intro) />
        <Markdown source=t(|d| &d.services_intro) />
        <section aria-labelledby="operations-heading">
            <h2 id="operations-heading" class="ds-heading" data-size="md">{t(|d| &d.operations_heading)}</h2>
            <div class="table-scroll">
                <table class="ds-table operations">
                    <thead>
                        <tr>
                            <th scope="col">{t(|d| &d.columns.operation)}</th>
                            <th scope="col">{t(|d| &d.columns.resources)}</th>
                            <th scope="col">{t(|d| &d.columns.a2)}</th>
                            <th scope="col">{t(|d| &d.columns.replacement)}</th>
                            <th scope="col">{t(|d| &d.columns.state)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {operations
                            .into_iter()
                            .map(|op| {
                                let (name, a2, replacement) = (op.name.clone(), op.a2.clone(), op.replacement.clone());
                                let state = op.state;
                                let state_text = move || d.with_value(|d| {
                                    let l = &d.state_labels;
                                    match state {
                                        OperationState::Available => l.available.get(lang()).to_owned(),
                                        OperationState::Planned => l.planned.get(lang()).to_owned(),
                                        OperationState::NotReplaced => l.not_replaced.get(lang()).to_owned(),
                                    }
                                });
                                view! {
                                    <tr data-operation=op.id.clone()>
                                        <th scope="row">{move || name.get(lang()).to_owned()}</th>
                                        <td>{op.resources.join(", ")}</td>
                                        <td>{move || a2.get(lang()).to_owned()}</td>
                                        <td><Markdown source=Signal::derive(move || replacement.get(lang()).to_owned()) /></td>
                                        <td>{state_text}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <Markdown source=t(|d| &d.replacements_note) />
        </section>
        {sections.into_iter().map(|s| section(s, "sm")).collect_view()}
    }
}
