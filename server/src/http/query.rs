//! Request facts the handlers read: query strings with repeated keys (`party=a&party=b`, which
//! serde_urlencoded cannot bind to lists) and the origin the client reached us by.

use axum::{extract::FromRequestParts, http::request::Parts};

pub struct QueryPairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or_default();
        Ok(Self(form_urlencoded::parse(q.as_bytes()).into_owned().collect()))
    }
}

/// `http://host[:port]` as the client addressed this server (`X-Forwarded-Proto` names the scheme
/// behind a TLS proxy): the base of the URLs we hand out for ourselves.
pub struct Origin(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let header = |name| parts.headers.get(name).and_then(|h: &axum::http::HeaderValue| h.to_str().ok());
        let host = header(axum::http::header::HOST).filter(|h| !h.is_empty() && !h.contains(['/', ' ', '@'])).unwrap_or("127.0.0.1:8080");
        let scheme = match header(axum::http::HeaderName::from_static("x-forwarded-proto")) {
            Some("https") => "https",
            _ => "http",
        };
        Ok(Self(format!("{scheme}://{host}")))
    }
}
