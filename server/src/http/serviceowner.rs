//! `/api/v1/serviceowner/…`

use axum::{
    extract::{Path, State},
    http::{header, HeaderValue, StatusCode},
    response::IntoResponse,
    routing::{get, post},
    Json, Router,
};
use dialogporten::serviceowner::{
    BulkSetSystemLabelsOnBehalf, CreateDialog, DialogChanges, NewActivity, NewTransmission, NotificationConditionType,
    SetSystemLabelsOnBehalf, Value,
};
use uuid::Uuid;

use super::{
    body::{etag, JsonBody},
    extract::{uuid_param, Activity, DialogId, ElementId, IfMatch, Now, SeenLog, Silent, Transmission},
    query::QueryPairs,
    ApiError, AuthenticatedServiceOwner, NotificationChecker,
};
use crate::{
    domain::{
        lookup,
        serviceowner::{children, context, create, manage, search, update},
        DomainError,
    },
    AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/serviceowner/dialogs", post(create_dialog).get(search_dialogs))
        .route("/api/v1/serviceowner/dialoglookup", get(dialog_lookup))
        .route("/api/v1/serviceowner/dialogs/endusercontext", get(end_user_contexts))
        .route("/api/v1/serviceowner/dialogs/endusercontext/systemlabels/actions/bulkset", post(bulk_set_labels))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/endusercontext/systemlabels", axum::routing::put(set_labels))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}", get(get_dialog).delete(delete_dialog).put(update_dialog).patch(patch_dialog))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/actions/restore", post(restore_dialog))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/actions/purge", post(purge_dialog))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/actions/freeze", post(freeze_dialog))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/activities", post(add_activity).get(list_activities))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/activities/{id}", get(get_activity))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/seenlog", get(list_seen_logs))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/seenlog/{id}", get(get_seen_log))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/context/labels", get(get_labels).post(add_label))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/context/labels/{label}", axum::routing::delete(delete_label))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/actions/should-send-notification", get(should_send_notification))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/transmissions", post(add_transmission).get(list_transmissions))
        .route("/api/v1/serviceowner/dialogs/{dialog_id}/transmissions/{id}", get(get_transmission).put(correct_transmission))
}

async fn create_dialog(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    Silent(silent): Silent,
    JsonBody(req): JsonBody<CreateDialog>,
) -> Result<impl IntoResponse, ApiError> {
    let stored = create::create(&s.store, &so, req, silent, now).await?;
    let id = stored.dialog.id;
    Ok(created(&format!("/api/v1/serviceowner/dialogs/{id}"), id, stored.dialog.revision))
}

/// 201 with the new id as a JSON string, `Location` and the dialog's new `Etag`.
fn created(location: &str, id: Uuid, revision: Uuid) -> impl IntoResponse {
    let mut headers = etag(revision);
    if let Ok(location) = HeaderValue::from_str(location) {
        headers.insert(header::LOCATION, location);
    }
    (StatusCode::CREATED, headers, Json(id.to_string()))
}

async fn add_activity(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(dialog): DialogId,
    Silent(silent): Silent,
    IfMatch(if_match): IfMatch,
    JsonBody(body): JsonBody<NewActivity>,
) -> Result<impl IntoResponse, ApiError> {
    let (id, revision) = children::add_activity(&s.store, &so, dialog, body, silent, if_match, now).await?;
    Ok(created(&format!("/api/v1/serviceowner/dialogs/{dialog}/activities/{id}"), id, revision))
}

async fn add_transmission(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(dialog): DialogId,
    Silent(silent): Silent,
    IfMatch(if_match): IfMatch,
    JsonBody(body): JsonBody<NewTransmission>,
) -> Result<impl IntoResponse, ApiError> {
    let (id, revision) = children::add_transmission(&s.store, &so, dialog, body, silent, if_match, now).await?;
    Ok(created(&format!("/api/v1/serviceowner/dialogs/{dialog}/transmissions/{id}"), id, revision))
}

async fn search_dialogs(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    QueryPairs(pairs): QueryPairs,
) -> Result<impl IntoResponse, ApiError> {
    if !so.can_search {
        return Err(ApiError::PolicyForbidden);
    }
    s.search_allowed(&format!("org:{}", so.org)).await?;
    Ok(Json(search::search(&s.store, &so, &pairs, now).await?))
}

async fn get_dialog(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(id): DialogId,
    QueryPairs(pairs): QueryPairs,
) -> Result<impl IntoResponse, ApiError> {
    let user = context::end_user_param(&pairs)?;
    let mut dialog = manage::get(&s.store, &so, id, user.as_ref(), now).await?;
    crate::domain::view::own_urls_absolute(&mut dialog.dialog, s.public_url.as_str());
    Ok((etag(dialog.dialog.revision), Json(dialog)))
}

async fn update_dialog(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(id): DialogId,
    Silent(silent): Silent,
    IfMatch(if_match): IfMatch,
    JsonBody(body): JsonBody<DialogChanges>,
) -> Result<impl IntoResponse, ApiError> {
    let revision = update::update(&s.store, &so, id, body, silent, if_match, now).await?;
    Ok((StatusCode::NO_CONTENT, etag(revision)))
}

async fn patch_dialog(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(id): DialogId,
    Silent(silent): Silent,
    IfMatch(if_match): IfMatch,
    JsonBody(ops): JsonBody<serde_json::Value>,
) -> Result<impl IntoResponse, ApiError> {
    // `application/json-patch+json` or `application/json`, as upstream accepts both.
    let revision = update::patch(&s.store, &so, id, ops, silent, if_match, now).await?;
    Ok((StatusCode::NO_CONTENT, etag(revision)))
}

async fn delete_dialog(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(id): DialogId,
    IfMatch(if_match): IfMatch,
) -> Result<impl IntoResponse, ApiError> {
    let revision = manage::delete(&s.store, &so, id, if_match, now).await?;
    Ok((StatusCode::NO_CONTENT, etag(revision)))
}

async fn restore_dialog(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(id): DialogId,
    IfMatch(if_match): IfMatch,
) -> Result<impl IntoResponse, ApiError> {
    let revision = manage::restore(&s.store, &so, id, if_match, now).await?;
    Ok((StatusCode::NO_CONTENT, etag(revision)))
}

async fn purge_dialog(
    State(s): State<AppState>,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(id): DialogId,
    IfMatch(if_match): IfMatch,
) -> Result<impl IntoResponse, ApiError> {
    manage::purge(&s.store, &so, id, if_match).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_activities(
    State(s): State<AppState>,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(d): DialogId,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(context::activities(&s.store, &so, d).await?))
}

async fn get_activity(
    State(s): State<AppState>,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(d): DialogId,
    ElementId(id, _): ElementId<Activity>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(context::activity(&s.store, &so, d, id).await?))
}

async fn list_seen_logs(
    State(s): State<AppState>,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(d): DialogId,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(context::seen_logs(&s.store, &so, d).await?))
}

async fn get_seen_log(
    State(s): State<AppState>,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(d): DialogId,
    ElementId(id, _): ElementId<SeenLog>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(context::seen_log(&s.store, &so, d, id).await?))
}

async fn get_labels(
    State(s): State<AppState>,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(d): DialogId,
) -> Result<impl IntoResponse, ApiError> {
    let ctx = context::labels(&s.store, &so, d).await?;
    Ok((etag(ctx.revision), Json(ctx.service_owner_labels)))
}

async fn add_label(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(d): DialogId,
    IfMatch(if_match): IfMatch,
    JsonBody(label): JsonBody<Value>,
) -> Result<impl IntoResponse, ApiError> {
    let revision = context::change_label(&s.store, &so, d, Some(&label.value), None, if_match, now).await?;
    Ok((StatusCode::NO_CONTENT, etag(revision)))
}

async fn delete_label(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(d): DialogId,
    Path((_, label)): Path<(String, String)>,
    IfMatch(if_match): IfMatch,
) -> Result<impl IntoResponse, ApiError> {
    let revision = context::change_label(&s.store, &so, d, None, Some(&label), if_match, now).await?;
    Ok((StatusCode::NO_CONTENT, etag(revision)))
}

async fn should_send_notification(
    State(s): State<AppState>,
    _: NotificationChecker,
    DialogId(d): DialogId,
    QueryPairs(pairs): QueryPairs,
) -> Result<impl IntoResponse, ApiError> {
    let param = |name: &str| pairs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    let condition = match param("conditionType").map(str::to_ascii_lowercase).as_deref() {
        Some("notexists") => NotificationConditionType::NotExists,
        Some("exists") => NotificationConditionType::Exists,
        _ => return Err(DomainError::invalid("conditionType", "'ConditionType' must be NotExists or Exists.").into()),
    };
    let activity_type = param("activityType")
        .and_then(|a| a.parse::<dialogporten::ActivityType>().ok())
        .ok_or_else(|| DomainError::invalid("activityType", "'ActivityType' must be an activity type."))?;
    let transmission = match param("transmissionId").filter(|t| !t.is_empty()) {
        Some(t) => Some(uuid_param("transmissionId", t)?),
        None => None,
    };
    Ok(Json(context::should_send_notification(&s.store, d, condition, activity_type, transmission).await?))
}

async fn dialog_lookup(
    State(s): State<AppState>,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    QueryPairs(pairs): QueryPairs,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(lookup::lookup(&s.store, lookup::Caller::ServiceOwner(&so), super::enduser::instance_ref(&pairs)?).await?))
}

async fn end_user_contexts(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    QueryPairs(pairs): QueryPairs,
) -> Result<impl IntoResponse, ApiError> {
    if !so.can_search {
        return Err(ApiError::PolicyForbidden);
    }
    Ok(Json(context::end_user_contexts(&s.store, &so, &pairs, now).await?))
}

async fn set_labels(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(d): DialogId,
    QueryPairs(pairs): QueryPairs,
    IfMatch(if_match): IfMatch,
    JsonBody(body): JsonBody<SetSystemLabelsOnBehalf>,
) -> Result<impl IntoResponse, ApiError> {
    let user = context::end_user_param(&pairs)?;
    let revision = context::set_labels_on_behalf(&s.store, &so, d, user, &body, if_match, now).await?;
    Ok((StatusCode::NO_CONTENT, etag(revision)))
}

async fn bulk_set_labels(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    QueryPairs(pairs): QueryPairs,
    JsonBody(body): JsonBody<BulkSetSystemLabelsOnBehalf>,
) -> Result<impl IntoResponse, ApiError> {
    let user = context::end_user_param(&pairs)?;
    context::bulk_set_labels_on_behalf(&s.store, &so, user, &body, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_transmissions(
    State(s): State<AppState>,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(d): DialogId,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(context::transmissions(&s.store, &so, d).await?))
}

async fn get_transmission(
    State(s): State<AppState>,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(d): DialogId,
    ElementId(id, _): ElementId<Transmission>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(context::transmission(&s.store, &so, d, id).await?))
}

async fn freeze_dialog(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(id): DialogId,
    IfMatch(if_match): IfMatch,
) -> Result<impl IntoResponse, ApiError> {
    let revision = manage::freeze(&s.store, &so, id, if_match, now).await?;
    Ok((StatusCode::NO_CONTENT, etag(revision)))
}

// One extractor per part of the request, as axum has it.
#[allow(clippy::too_many_arguments)]
async fn correct_transmission(
    State(s): State<AppState>,
    Now(now): Now,
    AuthenticatedServiceOwner(so): AuthenticatedServiceOwner,
    DialogId(d): DialogId,
    ElementId(id, _): ElementId<Transmission>,
    Silent(silent): Silent,
    IfMatch(if_match): IfMatch,
    JsonBody(body): JsonBody<dialogporten::serviceowner::TransmissionCorrection>,
) -> Result<impl IntoResponse, ApiError> {
    let revision = children::correct_transmission(&s.store, &so, d, id, body, silent, if_match, now).await?;
    Ok((StatusCode::NO_CONTENT, etag(revision)))
}
