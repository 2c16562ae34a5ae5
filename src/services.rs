//! Service resources by name, from Dialogporten's public catalogue
//! (`/api/v1/metadata/serviceresources`): the inbox's service filter and the service-owner forms
//! both list them.

use leptos::prelude::*;

use crate::{api, format, i18n::I18n};

const PREFIX: &str = "urn:altinn:resource:";

#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub urn: String,
    /// The service owner's org code.
    pub org: String,
    pub name: String,
}

impl Service {
    /// The id without `urn:altinn:resource:`, as the inbox's URL holds it.
    pub fn short(&self) -> &str {
        self.urn.trim_start_matches(PREFIX)
    }
}

/// The catalogue in the reader's language, sorted by name; empty while loading or after a failure
/// (a filter then offers fewer choices, nothing breaks). Fetched once `wanted` turns true, so a
/// page that may never need it (the inbox, until its service filter is used) does not wait for it.
pub fn catalogue(wanted: Signal<bool>) -> Signal<Vec<Service>> {
    let i18n = I18n::get();
    let loaded = LocalResource::new(move || {
        let wanted = wanted.get();
        async move {
            if !wanted {
                return Ok(dialogporten::ServiceResourceCatalogue::default());
            }
            api::get_json::<dialogporten::ServiceResourceCatalogue>("/api/v1/metadata/serviceresources").await
        }
    });
    Signal::derive(move || {
        let lang = i18n.lang.get();
        let mut all: Vec<Service> = loaded
            .get()
            .and_then(|r| r.ok())
            .map(|c| {
                c.items
                    .into_iter()
                    .map(|i| {
                        let urn = i.service_resource.id;
                        let name = Some(format::localized(&i.service_resource.name, lang))
                            .filter(|n| !n.is_empty())
                            .unwrap_or_else(|| urn.trim_start_matches(PREFIX).to_owned());
                        Service { urn, org: i.service_owner.code, name }
                    })
                    .collect()
            })
            .unwrap_or_default();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all
    })
}
