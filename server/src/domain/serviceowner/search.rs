//! `GET /serviceowner/dialogs`: the owner's own dialogs, any party, deleted ones on request.

use dialogporten::{
    serviceowner::{ServiceOwnerDialog, ServiceOwnerSearchDialog},
    PaginatedList,
};

use super::ServiceOwner;
use crate::{
    domain::{now, search, view, DomainError},
    store::Store,
};

/// The search row as the owner sees it.
fn row(stored: ServiceOwnerDialog) -> ServiceOwnerSearchDialog {
    let revision = stored.dialog.revision;
    let (non_sensitive_title, non_sensitive_summary) =
        (stored.dialog.content.non_sensitive_title.clone(), stored.dialog.content.non_sensitive_summary.clone());
    let mut dialog = view::to_search(&view::personalise(stored.dialog, false));
    dialog.content.non_sensitive_title = non_sensitive_title;
    dialog.content.non_sensitive_summary = non_sensitive_summary;
    ServiceOwnerSearchDialog {
        revision,
        dialog,
        visible_from: stored.visible_from,
        deleted_at: stored.deleted_at,
        service_owner_context: stored.service_owner_context,
    }
}

pub async fn search(store: &Store, so: &ServiceOwner, pairs: &[(String, String)]) -> Result<PaginatedList<ServiceOwnerSearchDialog>, DomainError> {
    let search::SearchRequest { mut filter, requested_parties } = search::parse_for(pairs, now(), search::Audience::ServiceOwner)?;
    // Even the admin scope does not widen a search beyond the caller's own org.
    filter.org = Some(so.org.clone());
    filter.parties = requested_parties;
    let order = filter.order;
    let page = store.search_dialogs(&filter).await?;
    let continuation_token = page.rows.last().filter(|_| page.has_next_page).map(|r| Store::token_after(r, order).to_string());
    Ok(PaginatedList {
        items: page.rows.into_iter().map(|r| row(r.stored)).collect(),
        has_next_page: page.has_next_page,
        continuation_token,
        order_by: order.to_string(),
    })
}
