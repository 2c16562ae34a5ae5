//! `GET /serviceowner/dialogs`: the owner's own dialogs, any party, deleted ones on request.

use dialogporten::UtcDateTime;
use dialogporten::{
    serviceowner::{ServiceOwnerDialog, ServiceOwnerSearchDialog},
    PaginatedList,
};

use super::ServiceOwner;
use crate::{
    domain::{access, search, view, DomainError},
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

pub async fn search(
    store: &Store,
    so: &ServiceOwner,
    pairs: &[(String, String)],
    now: UtcDateTime,
) -> Result<PaginatedList<ServiceOwnerSearchDialog>, DomainError> {
    let end_user = super::context::end_user_param(pairs)?;
    let search::SearchRequest { mut filter, requested_parties } = search::parse_for(pairs, now, search::Audience::ServiceOwner)?;
    // Even the admin scope does not widen a search beyond the caller's own org.
    filter.org = Some(so.org.clone());
    filter.parties = requested_parties;
    // For an end user, only what that person may see: the named parties among theirs, else all of
    // theirs (the service-resource filter then narrows them).
    if let Some(user) = &end_user {
        filter.parties = access::chosen_or_all(store, user, std::mem::take(&mut filter.parties)).await?;
        if filter.parties.is_empty() {
            return Ok(PaginatedList {
                items: Vec::new(),
                has_next_page: false,
                continuation_token: None,
                order_by: filter.order.to_string(),
            });
        }
    }
    let order = filter.order.clone();
    let page = store.search_dialogs(&filter).await?;
    let continuation_token = page.rows.last().filter(|_| page.has_next_page).map(|r| Store::token_after(r, &order));
    Ok(PaginatedList {
        items: page.rows.into_iter().map(|r| row(r.stored)).collect(),
        has_next_page: page.has_next_page,
        continuation_token,
        order_by: order.to_string(),
    })
}
