//! `/api/v1/enduser/…`

use axum::{
    extract::State,
    http::StatusCode,
    response::IntoResponse,
    routing::{get, post, put},
    Json, Router,
};
use dialogporten::{BulkSetSystemLabels, Parties, SetSystemLabels};

use super::{
    body::{etag, JsonBody},
    extract::{Activity, DialogId, ElementId, IfMatch, Now, SeenLog, Transmission},
    language::AcceptLanguage,
    query::QueryPairs,
    ApiError, AuthenticatedEndUser,
};
use crate::{
    domain::{access, context, dialogs, elements, lookup},
    AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/enduser/dialogs", get(search_dialogs))
        .route("/api/v1/enduser/dialogs/{dialog_id}", get(get_dialog))
        .route("/api/v1/enduser/dialogs/{dialog_id}/activities", get(list_activities))
        .route("/api/v1/enduser/dialogs/{dialog_id}/activities/{id}", get(get_activity))
        .route("/api/v1/enduser/dialogs/{dialog_id}/transmissions", get(list_transmissions))
        .route("/api/v1/enduser/dialogs/{dialog_id}/transmissions/{id}", get(get_transmission))
        .route("/api/v1/enduser/dialogs/{dialog_id}/seenlog", get(list_seen_logs))
        .route("/api/v1/enduser/dialogs/{dialog_id}/seenlog/{id}", get(get_seen_log))
        .route("/api/v1/enduser/dialogs/{dialog_id}/context/labellog", get(label_log))
        .route("/api/v1/enduser/dialogs/{dialog_id}/context/systemlabels", put(set_system_labels))
        .route("/api/v1/enduser/dialogs/context/systemlabels/actions/bulkset", post(bulk_set_system_labels))
        .route("/api/v1/enduser/parties", get(get_parties))
        .route("/api/v1/enduser/serviceresources", get(service_resources))
        .route("/api/v1/enduser/dialoglookup", get(dialog_lookup))
}

async fn search_dialogs(
    State(state): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    lang: AcceptLanguage,
    QueryPairs(pairs): QueryPairs,
) -> Result<impl IntoResponse, ApiError> {
    state.search_allowed(&user.actor_id()).await?;
    lang.answer(&dialogs::search(&state.store, &user, &pairs, now).await?)
}

async fn get_dialog(
    State(state): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    lang: AcceptLanguage,
    DialogId(id): DialogId,
) -> Result<impl IntoResponse, ApiError> {
    let mut dialog = dialogs::open(&state.store, &state.keys, &user, id, now).await?;
    crate::domain::view::own_urls_absolute(&mut dialog, state.public_url.as_str());
    Ok((etag(dialog.revision), lang.answer(&dialog)?))
}

async fn list_activities(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    lang: AcceptLanguage,
    DialogId(dialog): DialogId,
) -> Result<impl IntoResponse, ApiError> {
    lang.answer(&elements::activities(&s.store, &user, dialog, now).await?)
}

async fn get_activity(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    lang: AcceptLanguage,
    DialogId(dialog): DialogId,
    ElementId(id, _): ElementId<Activity>,
) -> Result<impl IntoResponse, ApiError> {
    lang.answer(&elements::activity(&s.store, &user, dialog, id, now).await?)
}

async fn list_transmissions(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    lang: AcceptLanguage,
    DialogId(dialog): DialogId,
) -> Result<impl IntoResponse, ApiError> {
    lang.answer(&elements::transmissions(&s.store, &user, dialog, now).await?)
}

async fn get_transmission(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    lang: AcceptLanguage,
    DialogId(dialog): DialogId,
    ElementId(id, _): ElementId<Transmission>,
) -> Result<impl IntoResponse, ApiError> {
    lang.answer(&elements::transmission(&s.store, &user, dialog, id, now).await?)
}

async fn list_seen_logs(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    DialogId(dialog): DialogId,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(elements::seen_logs(&s.store, &user, dialog, now).await?))
}

async fn get_seen_log(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    DialogId(dialog): DialogId,
    ElementId(id, _): ElementId<SeenLog>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(elements::seen_log(&s.store, &user, dialog, id, now).await?))
}

async fn label_log(
    State(s): State<AppState>,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    DialogId(dialog): DialogId,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(context::label_log(&s.store, &user, dialog).await?))
}

async fn set_system_labels(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    DialogId(id): DialogId,
    IfMatch(if_match): IfMatch,
    JsonBody(req): JsonBody<SetSystemLabels>,
) -> Result<impl IntoResponse, ApiError> {
    let revision = context::set_labels(&s.store, &user, id, &req, if_match, now).await?;
    Ok((StatusCode::NO_CONTENT, etag(revision)))
}

async fn bulk_set_system_labels(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    JsonBody(req): JsonBody<BulkSetSystemLabels>,
) -> Result<impl IntoResponse, ApiError> {
    context::bulk_set_labels(&s.store, &user, &req, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn get_parties(
    State(state): State<AppState>,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
) -> Result<impl IntoResponse, ApiError> {
    let authorized_parties = access::authorized_parties(&state.store, &user).await?;
    Ok(Json(Parties { authorized_parties }))
}

async fn service_resources(
    State(s): State<AppState>,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    QueryPairs(pairs): QueryPairs,
    lang: AcceptLanguage,
) -> Result<impl IntoResponse, ApiError> {
    lang.answer(&lookup::authorized_resources(&s.store, &user, &pairs).await?)
}

/// `instanceRef` from the query (required).
pub(super) fn instance_ref(pairs: &[(String, String)]) -> Result<&str, ApiError> {
    pairs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("instanceRef"))
        .map(|(_, v)| v.as_str())
        .ok_or_else(|| crate::domain::DomainError::invalid("InstanceRef", "'InstanceRef' must not be empty.").into())
}

async fn dialog_lookup(
    State(s): State<AppState>,
    AuthenticatedEndUser(user): AuthenticatedEndUser,
    lang: AcceptLanguage,
    QueryPairs(pairs): QueryPairs,
) -> Result<impl IntoResponse, ApiError> {
    lang.answer(&lookup::lookup(&s.store, lookup::Caller::EndUser(&user), instance_ref(&pairs)?).await?)
}
