//! End-user use cases on dialogs: search and open.

use dialogporten::{serviceowner::ServiceOwnerDialog, Actor, ActorType, Dialog, PaginatedList, SearchDialog, SystemLabel, UtcDateTime};
use uuid::Uuid;

use super::{
    access,
    authorization::Access,
    caller::{EndUser, Subject},
    labels, search, view, DomainError,
};
use crate::{
    auth::Authority,
    store::{DialogRow, SeenEntry, Store},
};

pub async fn search(
    store: &Store,
    user: &EndUser,
    pairs: &[(String, String)],
    now: UtcDateTime,
) -> Result<PaginatedList<SearchDialog>, DomainError> {
    let search::SearchRequest { mut filter, requested_parties } = search::parse(pairs, now)?;
    // Parties the user may not represent are dropped, as Dialogporten does; with a service-resource
    // search and no party, the user's own parties are searched.
    filter.parties = access::chosen_or_all(store, user, requested_parties).await?;
    let order = filter.order.clone();
    if filter.parties.is_empty() {
        return Ok(PaginatedList { items: Vec::new(), has_next_page: false, continuation_token: None, order_by: order.to_string() });
    }
    filter.seen_by = user.actor_id();
    filter.hidden = access::hidden_by_policy(store, user, &filter.parties).await?;
    let page = store.search_dialogs(&filter).await?;
    let continuation_token = page.rows.last().filter(|_| page.has_next_page).map(|r| Store::token_after(r, &order));
    // Who has seen each dialog since it changed, read for the whole page at once.
    let ids: Vec<Uuid> = page.rows.iter().map(|r| r.stored.dialog.id).collect();
    let mut seen: std::collections::HashMap<Uuid, SeenLogs> = std::collections::HashMap::new();
    for (id, entry) in store.seen_logs_of(&ids).await? {
        seen.entry(id).or_default().0.push(entry);
    }
    let reader = user.actor_id();
    let items = page
        .rows
        .into_iter()
        .map(|r| {
            let mut d = view::personalise(view::end_user(r.stored), r.content_seen_by_user);
            seen.remove(&d.id).unwrap_or_default().fill(&mut d, view::SeenBy::EndUser(&reader));
            view::to_search(&d)
        })
        .collect();
    Ok(PaginatedList { items, has_next_page: page.has_next_page, continuation_token, order_by: order.to_string() })
}

/// What to answer for a soft-deleted dialog: 410 where the contract has it, else 404.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    Gone,
    NotFound,
}

/// A dialog the user may see, or the error Dialogporten gives: 404 unknown (or not visible yet,
/// or expired), 403 another party's, 410/404 deleted.
pub async fn load(store: &Store, user: &EndUser, id: Uuid, deleted: Deleted, now: UtcDateTime) -> Result<DialogRow, DomainError> {
    Ok(load_as(store, user, id, deleted, now).await?.0)
}

/// As [`load`], with the role and rights by which the user sees the dialog (what they may do with it).
pub async fn load_as(
    store: &Store,
    user: &EndUser,
    id: Uuid,
    deleted: Deleted,
    now: UtcDateTime,
) -> Result<(DialogRow, Access), DomainError> {
    let Some(row) = store.get_dialog(id, &user.actor_id(), now).await? else {
        return Err(not_yet_visible(store, user, id, now).await?.unwrap_or_else(|| DomainError::not_found("DialogEntity", id)));
    };
    checked(store, user, row, deleted).await
}

/// As [`load`], visible or not: labels and the label log ignore `visibleFrom` and expiry in
/// Dialogporten; only reading the dialog itself waits for `visibleFrom`.
pub async fn load_whenever_visible(store: &Store, user: &EndUser, id: Uuid, deleted: Deleted) -> Result<DialogRow, DomainError> {
    let row = store.get_dialog_any(id).await?.ok_or_else(|| DomainError::not_found("DialogEntity", id))?;
    Ok(checked(store, user, row, deleted).await?.0)
}

/// Dialogporten's words when a service demands a higher assurance level than the login has; the
/// app offers to log in again at a higher level when it reads them.
pub const AUTH_LEVEL_TOO_LOW: &str = "Altinn authentication level too low.";

/// The user's access to a found dialog: 403 another party's (or a service its policy does not
/// let them see), 410/404 deleted.
async fn checked(store: &Store, user: &EndUser, row: DialogRow, deleted: Deleted) -> Result<(DialogRow, Access), DomainError> {
    let id = row.dialog().id;
    // No role for the party, or no rule for the reader in the service resource's policy.
    let access = access::access_for(store, user, row.dialog()).await?.filter(|a| a.sees(&row.dialog().service_resource));
    let Some(access) = access else {
        return Err(DomainError::Forbidden(format!("Unauthorized to access dialog '{id}'.")));
    };
    if row.deleted() {
        return Err(match deleted {
            Deleted::Gone => DomainError::gone("DialogEntity", id),
            Deleted::NotFound => DomainError::not_found("DialogEntity", id),
        });
    }
    if i64::from(user.auth_level) < access.min_auth_level {
        return Err(DomainError::Forbidden(AUTH_LEVEL_TOO_LOW.into()));
    }
    Ok((row, access))
}

/// A dialog hidden only until its `visibleFrom`, of a party the user may see: Dialogporten's
/// 404 that tells when to come back. Anything else stays a plain 404.
async fn not_yet_visible(store: &Store, user: &EndUser, id: Uuid, now: UtcDateTime) -> Result<Option<DomainError>, DomainError> {
    let Some(row) = store.get_dialog_any(id).await? else { return Ok(None) };
    let Some(visible_from) = row.stored.visible_from.filter(|v| *v > now && !row.deleted()) else { return Ok(None) };
    if !access::may_see(store, user, &row.dialog().party).await? {
        return Ok(None);
    }
    Ok(Some(DomainError::NotYetVisible { id, visible_from }))
}

/// The user as an actor in logs: their own identifier and name.
pub async fn actor(store: &Store, user: &EndUser) -> Result<Actor, DomainError> {
    let name = match &user.subject {
        Subject::Person(_) => store.party(&user.actor_id()).await?.map(|p| p.name),
        Subject::SystemUser(id) => store.system_user_name(*id).await?,
    };
    Ok(Actor { actor_type: ActorType::PartyRepresentative, actor_id: Some(user.actor_id()), actor_name: name })
}

/// Opens a dialog: records the seen log and clears `MarkedAsUnopened`, as a GET does upstream.
pub async fn open(store: &Store, keys: &Authority, user: &EndUser, id: Uuid, now: UtcDateTime) -> Result<Dialog, DomainError> {
    let (row, access) = load_as(store, user, id, Deleted::Gone, now).await?;
    let mut seen = SeenLogs::read(store, row.dialog()).await?;
    let stored = visit(store, &row, user, Via::EndUser, now, &mut seen).await?;
    let mut dialog = view::for_reader(stored, &access, now);
    let reader = user.actor_id();
    seen.fill(&mut dialog, view::SeenBy::EndUser(&reader));
    dialog.dialog_token = Some(dialog_token(keys, user, &dialog, now));
    Ok(view::personalise(dialog, true))
}

/// Who recorded a visit: the user, or a service owner reading on the user's behalf.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Via {
    EndUser,
    ServiceOwner,
}

/// Records that the user has seen the dialog: a seen-log entry unless they have seen this version
/// already (also added to `seen`), and `MarkedAsUnopened` cleared (logged as the user). Returns the
/// stored dialog afterwards.
pub async fn visit(
    store: &Store,
    row: &DialogRow,
    user: &EndUser,
    via: Via,
    now: UtcDateTime,
    seen: &mut SeenLogs,
) -> Result<ServiceOwnerDialog, DomainError> {
    let reader = user.actor_id();
    let unopened = row.dialog().end_user_context.has(SystemLabel::MarkedAsUnopened);
    // As Dialogporten's UpdateSeenAt: one entry per reader per version of the dialog, so a
    // reader opening it again before it changes writes nothing (and reads stay reads).
    let seen_already = seen.0.iter().any(|e| e.seen_by == reader && e.at >= row.dialog().updated_at);
    if seen_already && !unopened {
        return Ok(row.stored.clone());
    }
    let me = actor(store, user).await?;
    if !seen_already {
        let entry = SeenEntry {
            id: Uuid::now_v7(),
            seen_by: reader,
            name: me.actor_name.clone(),
            at: now,
            via_service_owner: via == Via::ServiceOwner,
        };
        store.add_seen_log(&entry, row.dialog().id).await?;
        seen.0.insert(0, entry);
    }
    if unopened {
        let change = labels::LabelChange { add: Vec::new(), remove: vec![SystemLabel::MarkedAsUnopened] };
        // A concurrent label change wins; the next open clears the label then.
        if let Some(changed) = labels::apply_one(store, row, &change, &me, now).await? {
            return Ok(changed);
        }
    }
    Ok(row.stored.clone())
}

/// A dialog's seen log since the earlier of its last update and last content update, newest
/// first: all that a visit and the two "seen since" lists need, read once.
#[derive(Default)]
pub struct SeenLogs(Vec<SeenEntry>);

impl SeenLogs {
    pub async fn read(store: &Store, dialog: &Dialog) -> Result<Self, DomainError> {
        Ok(Self(store.seen_logs_since(dialog.id, dialog.updated_at.min(dialog.content_updated_at)).await?))
    }

    /// Fills `seenSinceLastUpdate` and `seenSinceLastContentUpdate` as `reader` may see them.
    pub fn fill(&self, dialog: &mut Dialog, reader: view::SeenBy<'_>) {
        let since = |t: UtcDateTime| self.0.iter().filter(move |e| e.at >= t);
        dialog.seen_since_last_update = view::seen_logs(since(dialog.updated_at), reader);
        dialog.seen_since_last_content_update = view::seen_logs(since(dialog.content_updated_at), reader);
    }
}

/// A short-lived token the dialog's own service can verify against our JWKS.
fn dialog_token(keys: &Authority, user: &EndUser, d: &Dialog, now: UtcDateTime) -> String {
    let iat = now.unix_seconds();
    // Only what the user may do: the dialog's services check the token's actions.
    let mut actions: Vec<&str> = d.gui_actions.iter().filter(|a| a.is_authorized == Some(true)).map(|a| a.action.as_str()).collect();
    actions.push("read");
    actions.sort_unstable();
    actions.dedup();
    let claims = serde_json::json!({
        "jti": Uuid::new_v4(), "l": 3, "c": user.actor_id(), "p": d.party, "s": d.service_resource, "i": d.id, "a": actions.join(";"),
    });
    let serde_json::Value::Object(claims) = claims else { unreachable!("a JSON object literal") };
    keys.sign_dialog_token(iat, claims)
}

/// Our counters extension: per-folder totals and unread for the given parties (all the user's
/// parties when none are given); parties the user may not represent are ignored.
pub async fn counters(
    store: &Store,
    user: &EndUser,
    pairs: &[(String, String)],
    now: UtcDateTime,
) -> Result<dialogporten::FolderCounters, DomainError> {
    let parties = chosen_parties(store, user, pairs).await?;
    let hidden = access::hidden_by_policy(store, user, &parties).await?;
    Ok(store.folder_counters(&parties, &hidden, &user.actor_id(), now).await?)
}

/// Our services extension: the service resources of the dialogs shown for the given parties (all
/// the user's parties when none are given), so a service filter offers only what was received.
pub async fn services_received(
    store: &Store,
    user: &EndUser,
    pairs: &[(String, String)],
    now: UtcDateTime,
) -> Result<dialogporten::ServicesReceived, DomainError> {
    let parties = chosen_parties(store, user, pairs).await?;
    let hidden = access::hidden_by_policy(store, user, &parties).await?;
    Ok(dialogporten::ServicesReceived { service_resources: store.services_received(&parties, &hidden, now).await? })
}

/// The `party` parameters the user may represent, or all parties they may represent when none
/// is named (our extensions' rule: a party one may not represent is dropped, as search does).
pub async fn chosen_parties(store: &Store, user: &EndUser, pairs: &[(String, String)]) -> Result<Vec<String>, DomainError> {
    let mut requested = Vec::new();
    for (k, v) in pairs.iter().filter(|(k, _)| k.eq_ignore_ascii_case("party")) {
        let urn = dialogporten::PartyUrn::parse(v).map_err(|e| DomainError::invalid("party", format!("{k}: {e}")))?;
        requested.push(urn.to_string());
    }
    Ok(access::chosen_or_all(store, user, requested).await?)
}
