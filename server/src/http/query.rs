//! Query strings with repeated keys (`party=a&party=b`, which serde_urlencoded cannot bind to
//! lists).

use axum::{extract::FromRequestParts, http::request::Parts};

pub struct QueryPairs(pub Vec<(String, String)>);

/// The first value of `name` (any case, as ASP.NET binds query names).
pub fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or_default();
        Ok(Self(form_urlencoded::parse(q.as_bytes()).into_owned().collect()))
    }
}
