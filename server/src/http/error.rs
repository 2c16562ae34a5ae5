//! One error type at the edge; every failure leaves as RFC 9457 problem details.

use axum::{
    http::{header, HeaderValue, StatusCode, Uri},
    response::{IntoResponse, Response},
    Json,
};
use dialogporten::ProblemDetails;

use crate::domain::DomainError;

#[derive(Debug)]
pub enum ApiError {
    /// No bearer token, or not one at all: `WWW-Authenticate: Bearer`.
    Unauthorized(String),
    /// A bearer token that does not verify (signature, lifetime, form): as ASP.NET's JwtBearer
    /// answers, `WWW-Authenticate: Bearer error="invalid_token", error_description="…"`.
    InvalidToken(String),
    /// A token that is valid but lacks a scope or claim the endpoint's policy needs: ASP.NET
    /// answers 403 with no body, and so do we.
    PolicyForbidden,
    UnsupportedMediaType,
    /// More requests in progress than the server takes at once (`http::limits`).
    Busy,
    /// A body over the limit (axum's default, 2 MB; Dialogporten's own is smaller still).
    PayloadTooLarge,
    /// The upstream Dialogporten could not be reached (502) or did not answer in time (504).
    Upstream(StatusCode, String),
    /// A state-changing request with a session cookie from another origin (CSRF).
    CrossOrigin,
    Domain(DomainError),
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        Self::Domain(e)
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> Self {
        Self::Domain(e.into())
    }
}

fn problem(status: StatusCode, p: ProblemDetails) -> Response {
    let mut res = (status, Json(p)).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/problem+json"));
    res
}

/// How long a caller should wait when the database is overloaded or unreachable.
const UNAVAILABLE_RETRY_SECONDS: u64 = 5;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut retry_after = None;
        let mut challenge = HeaderValue::from_static("Bearer");
        let mut expires = None;
        let (status, p) = match self {
            ApiError::Domain(DomainError::TooMany { what, wait }) => {
                let seconds = wait.as_secs_f64().ceil().max(1.0) as u64;
                retry_after = Some(seconds);
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    ProblemDetails::for_status(429).with_detail(format!("Too many {what}. Try again in {seconds} s.")),
                )
            }
            ApiError::PolicyForbidden => {
                tracing::warn!(event = "access_denied", why = "the token does not meet the endpoint's policy");
                return StatusCode::FORBIDDEN.into_response();
            }
            ApiError::Busy => {
                retry_after = Some(1);
                (StatusCode::SERVICE_UNAVAILABLE, ProblemDetails::for_status(503).with_detail("The service is busy. Try again in 1 s."))
            }
            ApiError::Unauthorized(why) => (StatusCode::UNAUTHORIZED, ProblemDetails::for_status(401).with_detail(why)),
            ApiError::InvalidToken(why) => {
                // The description is ours (no quotes or control characters); fall back to the bare error.
                challenge =
                    HeaderValue::from_str(&format!("Bearer error=\"invalid_token\", error_description=\"{}\"", why.replace('"', "'")))
                        .unwrap_or(HeaderValue::from_static("Bearer error=\"invalid_token\""));
                (StatusCode::UNAUTHORIZED, ProblemDetails::for_status(401).with_detail(why))
            }
            ApiError::Domain(DomainError::Validation(errors)) => {
                (StatusCode::BAD_REQUEST, ProblemDetails { errors, ..ProblemDetails::for_status(400) })
            }
            ApiError::Domain(DomainError::NotFound(key, message)) => {
                (StatusCode::NOT_FOUND, ProblemDetails::for_status(404).with_error(&key, message))
            }
            ApiError::Domain(DomainError::Unprocessable(key, message)) => {
                (StatusCode::UNPROCESSABLE_ENTITY, ProblemDetails::for_status(422).with_error(&key, message))
            }
            ApiError::Domain(DomainError::NotYetVisible { visible_from, .. }) => {
                expires = Some(visible_from);
                (
                    StatusCode::NOT_FOUND,
                    // Upstream's words, the time as .NET's `:s` writes it (no fraction, no zone).
                    ProblemDetails::for_status(404).with_error(
                        "DialogEntity",
                        format!("Dialog is not visible until {}", visible_from.to_string().get(..19).unwrap_or_default()),
                    ),
                )
            }
            ApiError::Domain(DomainError::Forbidden(d)) => {
                (StatusCode::FORBIDDEN, ProblemDetails::for_status(403).with_error("Forbidden", d))
            }
            ApiError::Upstream(status, detail) => (status, ProblemDetails::for_status(status.as_u16()).with_detail(detail)),
            ApiError::CrossOrigin => (
                StatusCode::FORBIDDEN,
                ProblemDetails::for_status(403).with_detail("A request that changes something must come from this site (Origin)."),
            ),
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ProblemDetails::for_status(413).with_detail("The request body is larger than this server accepts (2 MB)."),
            ),
            ApiError::Domain(DomainError::TooLarge(d)) => (StatusCode::PAYLOAD_TOO_LARGE, ProblemDetails::for_status(413).with_detail(d)),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ProblemDetails::for_status(415).with_detail("Send the body as JSON with Content-Type: application/json."),
            ),
            ApiError::Domain(DomainError::Gone(key, message)) => {
                (StatusCode::GONE, ProblemDetails::for_status(410).with_error(&key, message))
            }
            ApiError::Domain(DomainError::PreconditionFailed(d)) => {
                (StatusCode::PRECONDITION_FAILED, ProblemDetails::for_status(412).with_detail(d))
            }
            ApiError::Domain(DomainError::Conflict(key, message)) => {
                (StatusCode::CONFLICT, ProblemDetails::for_status(409).with_error(&key, message))
            }
            ApiError::Domain(DomainError::Store(e)) if e.is_unavailable() => {
                tracing::warn!("storage unavailable: {e}");
                retry_after = Some(UNAVAILABLE_RETRY_SECONDS);
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    ProblemDetails::for_status(503)
                        .with_detail(format!("The service is busy. Try again in {UNAVAILABLE_RETRY_SECONDS} s.")),
                )
            }
            ApiError::Domain(DomainError::Store(e)) => {
                tracing::error!("storage failure: {e}");
                (StatusCode::INTERNAL_SERVER_ERROR, ProblemDetails::for_status(500))
            }
        };
        match status {
            StatusCode::UNAUTHORIZED => tracing::warn!(event = "authentication_failed", detail = p.detail.as_deref().unwrap_or_default()),
            StatusCode::FORBIDDEN => tracing::warn!(event = "access_denied"),
            _ => {}
        }
        // As Dialogporten's JwtBearer answers: a 401 is its challenge header and no body (the
        // reason an invalid token was refused is in the challenge's `error_description`).
        let mut res = if status == StatusCode::UNAUTHORIZED { status.into_response() } else { problem(status, p) };
        if let Some(seconds) = retry_after {
            res.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
        }
        if let Some(at) = expires.and_then(|t| HeaderValue::from_str(&http_date(t)).ok()) {
            res.headers_mut().insert(header::EXPIRES, at);
        }
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, challenge);
        }
        res
    }
}

/// `Thu, 03 Dec 2026 16:00:00 GMT` (RFC 9110 IMF-fixdate), whole seconds.
pub fn http_date(t: dialogporten::UtcDateTime) -> String {
    let secs = u64::try_from(t.unix_seconds()).unwrap_or(0);
    httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
}

pub async fn unknown_api_path(uri: Uri) -> Response {
    problem(StatusCode::NOT_FOUND, ProblemDetails::for_status(404).with_error("Path", format!("No API endpoint at {}.", uri.path())))
}
