use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

use crate::{folders::Folder, i18n::I18n};

/// The folder list; the current folder is marked for assistive technology too.
#[component]
pub fn FolderNav() -> impl IntoView {
    let i18n = I18n::get();
    let location = use_location();
    view! {
        <nav class="folder-nav" aria-label=move || i18n.t("nav.label")>
            <ul class="ds-list--unstyled">
                {Folder::ALL
                    .into_iter()
                    .map(|folder| {
                        let current = move || location.pathname.get() == folder.path();
                        view! {
                            <li>
                                <A href=folder.path() attr:class="folder-link" attr:aria-current=move || current().then_some("page")>
                                    {move || i18n.t(folder.label_key())}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
