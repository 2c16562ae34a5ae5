//! Extractors for what many routes take, so each handler names what it needs and a malformed
//! value is answered the same way everywhere (400 problem details keyed as Dialogporten keys it).

use std::{collections::HashMap, marker::PhantomData};

use axum::{
    extract::{FromRequestParts, Path},
    http::request::Parts,
};
use uuid::Uuid;

use super::ApiError;
use crate::{domain::DomainError, AppState};

/// A path segment that must be a UUID; `field` names it in the error.
pub fn uuid_param(field: &str, raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| DomainError::invalid(field, format!("'{raw}' is not a valid id (a UUID).")).into())
}

async fn path_param<S: Send + Sync>(parts: &mut Parts, state: &S, name: &str, field: &str) -> Result<Uuid, ApiError> {
    let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
        .await
        .map_err(|e| ApiError::from(DomainError::invalid(field, e.body_text())))?;
    let raw = params.get(name).map(String::as_str).unwrap_or_default();
    uuid_param(field, raw)
}

/// The instant of the request, from the server's clock: one "now" for every rule a request
/// applies, so a test that sets the clock sets it for all of them.
pub struct Now(pub dialogporten::UtcDateTime);

impl FromRequestParts<AppState> for Now {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(_: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Self(state.clock.now()))
    }
}

/// The route's `{dialog_id}`.
pub struct DialogId(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for DialogId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        path_param(parts, state, "dialog_id", "dialogId").await.map(Self)
    }
}

/// What an element under a dialog is called in errors (`activityId`, …).
pub trait Element {
    const FIELD: &'static str;
}

pub enum Activity {}
pub enum Transmission {}
pub enum SeenLog {}

impl Element for Activity {
    const FIELD: &'static str = "activityId";
}
impl Element for Transmission {
    const FIELD: &'static str = "transmissionId";
}
impl Element for SeenLog {
    const FIELD: &'static str = "seenLogId";
}

/// The route's `{id}` of an element under a dialog (`…/activities/{id}`).
pub struct ElementId<E: Element>(pub Uuid, pub PhantomData<E>);

impl<S: Send + Sync, E: Element> FromRequestParts<S> for ElementId<E> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        path_param(parts, state, "id", E::FIELD).await.map(|id| Self(id, PhantomData))
    }
}

/// The `If-Match` header as a revision id (quotes and `W/` tolerated); absent is `None`.
pub struct IfMatch(pub Option<Uuid>);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(axum::http::header::IF_MATCH) else { return Ok(Self(None)) };
        let text = value.to_str().unwrap_or_default().trim();
        let text = text.trim_start_matches("W/").trim_matches('"');
        Uuid::parse_str(text)
            .map(|id| Self(Some(id)))
            .map_err(|_| DomainError::invalid("If-Match", format!("'{text}' is not a revision id (a UUID).")).into())
    }
}

/// `?isSilentUpdate=true`: a service owner's change that sends no notices and leaves the
/// dialog's update time alone.
pub struct Silent(pub bool);

impl<S: Send + Sync> FromRequestParts<S> for Silent {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or_default();
        Ok(Self(
            form_urlencoded::parse(q.as_bytes()).any(|(k, v)| k.eq_ignore_ascii_case("isSilentUpdate") && v.eq_ignore_ascii_case("true")),
        ))
    }
}
