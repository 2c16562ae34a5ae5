//! The services behind the demo dialogs: what a service owner's own systems do when a user acts
//! in a dialog, so the inbox exercises them for real. Only with `--dev-login`.
//! - `GET /api/demo/content/{dialog}/{name}`: front-channel embeds (markdown or legacy HTML) in
//!   the language `Accept-Language` ranks first; `restricted` always answers 403.
//! - `POST /api/demo/service/{dialog}/{operation}`: the Altinn 2 message-box operations as GUI
//!   actions (confirm, sign, pay, submit, validate, update, delete); each records its activity
//!   (and status) on the dialog through the service-owner rules, so the user sees the effect.
//!
//! Both check the dialog token as a real service would: our signature, this dialog, and the
//! action among those the token grants.

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use dialogporten::{
    serviceowner::{NewActivity, NewTransmission},
    Actor, ActorType, DialogStatus, Localization, TransmissionType, UtcDateTime,
};
use serde::Deserialize;
use uuid::Uuid;

use super::{extract::Now, ApiError};
use crate::{
    demo::operations::Operation,
    domain::{
        serviceowner::{children, manage, ServiceOwner},
        DomainError,
    },
    AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/demo/content/{dialog}/{name}", get(content)).route("/api/demo/service/{dialog}/{operation}", post(operation))
}

/// The claims of our dialog token that a service reads (see `domain::dialogs::dialog_token`).
#[derive(Deserialize)]
pub struct DialogToken {
    /// The acting person (`urn:altinn:person:identifier-no:…`).
    pub c: String,
    /// The dialog.
    pub i: Uuid,
    /// Granted actions, `;`-separated.
    pub a: String,
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")
}

/// The verified dialog token for `dialog` granting `action`.
fn authorised(s: &AppState, headers: &HeaderMap, dialog: Uuid, action: &str, now: UtcDateTime) -> Result<DialogToken, ApiError> {
    let token = bearer(headers).ok_or_else(|| ApiError::Unauthorized("A dialog token is required.".into()))?;
    let claims: DialogToken = s
        .keys
        .verify_dialog_token(token, now.unix_seconds())
        .map_err(|e| ApiError::InvalidToken(format!("The dialog token is not valid: {e}.")))?;
    if claims.i != dialog {
        return Err(DomainError::Forbidden("The dialog token is for another dialog.".into()).into());
    }
    if !claims.a.split(';').any(|a| a == action) {
        return Err(DomainError::Forbidden(format!("The dialog token does not grant '{action}'.")).into());
    }
    Ok(claims)
}

/// The body and media type of a demo embed, in the preferred language (nb unless nn or en
/// is ranked first).
fn embed_body(name: &str, lang: &str) -> Option<(&'static str, &'static str)> {
    let md = "text/markdown; charset=utf-8";
    let html = "text/html; charset=utf-8";
    Some(match (name, lang) {
        ("vedtak", "en") => (md, include_str!("../../../content/demo-embeds/vedtak.en.md")),
        ("vedtak", "nn") => (md, include_str!("../../../content/demo-embeds/vedtak.nn.md")),
        ("vedtak", _) => (md, include_str!("../../../content/demo-embeds/vedtak.nb.md")),
        ("skjema", _) => (html, include_str!("../../../content/demo-embeds/skjema.html")),
        _ => return None,
    })
}

/// The first of nb, nn and en in `Accept-Language` order (quality values respected).
fn preferred_language(headers: &HeaderMap) -> &'static str {
    let header = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mut ranked: Vec<(f32, &'static str)> = header
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(';');
            let tag = it.next()?.trim().to_ascii_lowercase();
            let q = it.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse().ok())).unwrap_or(1.0);
            let lang = match tag.split('-').next()? {
                "nb" | "no" => "nb",
                "nn" => "nn",
                "en" => "en",
                _ => return None,
            };
            Some((q, lang))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map_or("nb", |r| r.1)
}

async fn content(
    State(s): State<AppState>,
    Now(now): Now,
    Path((dialog, name)): Path<(Uuid, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    authorised(&s, &headers, dialog, "read", now)?;
    if name == "restricted" {
        return Err(DomainError::Forbidden("This content is only for the organisation's managing director.".into()).into());
    }
    let lang = preferred_language(&headers);
    let (media_type, body) =
        embed_body(&name, lang).ok_or_else(|| DomainError::NotFound("Content".into(), format!("No demo content '{name}'.")))?;
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    h.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang));
    // Read by the inbox as text; never a page of its own in this origin.
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'"));
    Ok(res)
}

/// Archived tax forms must be kept for ten years (bokføringsloven): the demo service refuses
/// to delete them before then, as services with a grace period do.
const KEEP_YEARS: i64 = 10;

fn deletion_allowed_at(resource: &str, created: UtcDateTime) -> Option<UtcDateTime> {
    resource.contains("app_skd_").then(|| UtcDateTime::from_unix_seconds(created.unix_seconds() + KEEP_YEARS * 365 * 86_400).ok()).flatten()
}

/// The owner of the dialog, as its service acts towards Dialogporten.
async fn owner_of(s: &AppState, org: &str) -> Result<ServiceOwner, ApiError> {
    let owner = s
        .store
        .service_owners()
        .await?
        .into_iter()
        .find(|o| o.org == org)
        .ok_or_else(|| DomainError::Forbidden(format!("No service owner '{org}'.")))?;
    // The service itself acts, so it may touch its own correspondence.
    Ok(ServiceOwner {
        org: owner.org,
        org_no: owner.org_no,
        admin: false,
        can_search: false,
        can_change_transmissions: false,
        can_correspond: true,
    })
}

/// The service records what the reader did as a silent update: a non-silent one would move the
/// dialog back to the inbox (Dialogporten's rule), undoing the reader's own archiving.
const SILENT: bool = true;

async fn operation(
    State(s): State<AppState>,
    Now(now): Now,
    Path((dialog, slug)): Path<(Uuid, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let op = Operation::ALL
        .into_iter()
        .find(|o| o.slug() == slug)
        .ok_or_else(|| DomainError::NotFound("Operation".into(), format!("No operation '{slug}'.")))?;
    let token = authorised(&s, &headers, dialog, op.action(), now)?;
    let row = s.store.get_dialog_any(dialog).await?.ok_or_else(|| DomainError::not_found("DialogEntity", dialog))?;
    let so = owner_of(&s, &row.dialog().org).await?;
    let name = s.store.party(&token.c).await?.map(|p| p.name);
    // Named as the register names them (an actor has an id or a name, not both).
    let user = match name {
        Some(n) => Actor { actor_type: ActorType::PartyRepresentative, actor_id: None, actor_name: Some(n) },
        None => Actor { actor_type: ActorType::PartyRepresentative, actor_id: Some(token.c.clone()), actor_name: None },
    };
    if op == Operation::Delete {
        if let Some(at) = deletion_allowed_at(&row.dialog().service_resource, row.dialog().created_at).filter(|at| *at > now) {
            let days = (at.unix_seconds() - row.dialog().created_at.unix_seconds()) / 86_400;
            let body = serde_json::json!({
                "type": "https://tools.ietf.org/html/rfc4918#section-11.2",
                "title": "The dialog cannot be deleted yet.",
                "status": 422,
                "detail": format!("Archived forms are kept for {KEEP_YEARS} years."),
                "deletionAllowedAt": at.to_string(),
                "gracePeriodDays": days,
            });
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, [(header::CONTENT_TYPE, "application/problem+json")], Json(body)).into_response());
        }
        manage::delete(&s.store, &so, dialog, None, now).await?;
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    if op == Operation::Submit {
        let submission = NewTransmission {
            id: None,
            idempotent_key: None,
            // The server stamps it on arrival.
            created_at: None,
            authorization_attribute: None,
            extended_type: None,
            external_reference: None,
            related_transmission_id: None,
            transmission_type: TransmissionType::Submission,
            sender: user.clone(),
            content: Some(dialogporten::TransmissionContent {
                title: dialogporten::ContentValue::plain(vec![Localization::new("nb", "Skjema sendt inn")]),
                summary: Some(dialogporten::ContentValue::plain(vec![Localization::new("nb", "Skjemaet er sendt inn fra innboksen.")])),
                content_reference: None,
            }),
            attachments: Vec::new(),
            navigational_actions: Vec::new(),
        };
        children::add_transmission(&s.store, &so, dialog, submission, SILENT, None, now).await?;
        manage::set_status(&s.store, &so, dialog, DialogStatus::Completed, now).await?;
    }
    if let Some((kind, description)) = op.activity() {
        let activity = NewActivity {
            id: None,
            created_at: None,
            extended_type: None,
            activity_type: kind,
            transmission_id: None,
            performed_by: user,
            description: description.map(|d| vec![Localization::new("nb", d)]).unwrap_or_default(),
        };
        children::add_activity(&s.store, &so, dialog, activity, SILENT, None, now).await?;
    }
    if op.once() {
        let url = format!("/api/demo/service/{dialog}/{slug}");
        for action in row.dialog().gui_actions.iter().filter(|a| a.url.ends_with(&url)) {
            manage::withdraw_gui_action(&s.store, &so, dialog, action.id, now).await?;
        }
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}
