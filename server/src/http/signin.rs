//! Signing in and out (`/auth/…`): the OpenID Connect code flow with a real provider
//! (`--oidc-issuer`), or the demo's identity picker (`--dev-login`), both ending in a session
//! cookie (`http::session`). The answers are redirects and small JSON documents for the app.

use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Json, Router,
};
use dialogporten::PersonId;
use serde::{Deserialize, Serialize};

use super::{
    query::{param, QueryPairs},
    session::{cookie, cookie_name, hashed, live_session, random_id, same_origin, set_cookie, ABSOLUTE_SECONDS},
    ApiError,
};
use crate::{
    auth::{level_of_acr, Claims, ACR_HIGH, ACR_SUBSTANTIAL, SCOPE_END_USER},
    domain::DomainError,
    store::{PendingSignIn, SessionRecord},
    AppState,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/session", get(session))
        .route("/auth/dev-login", post(dev_login))
        .route("/auth/login", get(login))
        .route("/auth/callback", get(callback))
        .route("/auth/logout", post(logout))
        .route("/auth/frontchannel-logout", get(frontchannel_logout))
}

/// The cookie that ties a sign-in to the browser that began it.
const BINDING_COOKIE: &str = "inbox_signin";
/// A sign-in not back from the provider within this long is void.
const SIGN_IN_SECONDS: i64 = 10 * 60;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SessionView {
    login: &'static str,
    upstream: bool,
    user: Option<User>,
}

#[derive(Serialize)]
struct User {
    name: String,
    org: Option<String>,
    level: u8,
}

fn user_of(record: &SessionRecord) -> Option<User> {
    let claims: Claims = serde_json::from_str(&record.claims).ok()?;
    Some(User { name: record.name.clone(), level: claims.auth_level(), org: claims.org })
}

/// Who is signed in here, and how one signs in.
async fn session(State(state): State<AppState>, headers: HeaderMap) -> Result<impl IntoResponse, ApiError> {
    let user = match cookie(&headers, cookie_name(&state)) {
        Some(id) => live_session(&state, id, state.now_unix()).await?.as_ref().and_then(user_of),
        None => None,
    };
    let login = if state.sign_in.is_some() { "oidc" } else { "dev" };
    Ok(Json(SessionView { login, upstream: state.upstream.is_some(), user }))
}

/// A new session for `claims`; the answer sets its cookie.
async fn begin(
    state: &AppState,
    claims: &Claims,
    name: String,
    tokens: Option<crate::auth::oidc::Tokens>,
    sid: Option<String>,
) -> Result<HeaderValue, ApiError> {
    let now = state.now_unix();
    let id = random_id()?;
    let record = SessionRecord {
        claims: serde_json::to_string(claims).map_err(|e| DomainError::Store(crate::store::StoreError::Corrupt(e.to_string())))?,
        name,
        tokens: tokens.map(Into::into),
        sid,
        created_at: now,
        last_seen_at: now,
    };
    state.store.create_session(&hashed(&id), &record).await?;
    state.store.purge_sessions(now - super::session::IDLE_SECONDS, now - ABSOLUTE_SECONDS, now - SIGN_IN_SECONDS).await?;
    Ok(set_cookie(state, cookie_name(state), Some(&id), "/"))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DevLogin {
    pid: Option<String>,
    org: Option<String>,
    org_no: Option<String>,
    acr: Option<String>,
}

/// The demo's login: a person or a service owner from the register, no password (dev mode only).
async fn dev_login(State(state): State<AppState>, headers: HeaderMap, Json(body): Json<DevLogin>) -> Result<Response, ApiError> {
    if !state.dev_login {
        return Err(DomainError::NotFound("Route".into(), "No dev login on this server.".into()).into());
    }
    if !same_origin(&headers, &state) {
        return Err(ApiError::CrossOrigin);
    }
    let acr = body.acr.as_deref().unwrap_or(ACR_SUBSTANTIAL);
    let (claims, name) = match (body.pid, body.org, body.org_no) {
        (Some(pid), None, None) => {
            let pid = PersonId::parse(&pid).map_err(|e| DomainError::invalid("pid", e.to_string()))?;
            let name = state.store.party(&format!("urn:altinn:person:identifier-no:{}", pid.as_str())).await?.map(|p| p.name);
            let name = name.ok_or_else(|| DomainError::invalid("pid", "No person in the register has this number."))?;
            (super::devlogin::person_claims(&pid, acr, state.now_unix(), ABSOLUTE_SECONDS), name)
        }
        (None, Some(org), Some(org_no)) => {
            let owner = state.store.service_owners().await?.into_iter().find(|o| o.org == org && o.org_no == org_no);
            let owner = owner.ok_or_else(|| DomainError::invalid("org", "No service owner has this code and number."))?;
            (super::devlogin::owner_claims(&owner.org, &owner.org_no, state.now_unix(), ABSOLUTE_SECONDS), owner.name)
        }
        _ => return Err(DomainError::invalid("pid", "Give either pid, or org and orgNo.").into()),
    };
    let cookie = begin(&state, &claims, name.clone(), None, None).await?;
    let user = User { name, org: claims.org.clone(), level: claims.auth_level() };
    Ok(([(header::SET_COOKIE, cookie)], Json(user)).into_response())
}

/// A path of this app to come back to: local, not `//host`, nothing that leaves the site.
fn local_path(p: Option<&str>) -> String {
    p.filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.chars().any(char::is_control))
        .unwrap_or("/")
        .to_owned()
}

fn login_error(code: &str) -> Response {
    Redirect::to(&format!("/login?error={code}")).into_response()
}

/// Begins a sign-in: to the provider, asking for the level given (`acr`), or with dev login to
/// the app's own login page.
async fn login(State(state): State<AppState>, QueryPairs(pairs): QueryPairs) -> Result<Response, ApiError> {
    let return_to = local_path(param(&pairs, "returnTo"));
    let acr = if param(&pairs, "acr") == Some(ACR_HIGH) { ACR_HIGH } else { ACR_SUBSTANTIAL };
    let Some(sign_in) = state.sign_in.as_ref() else {
        let query = form_urlencoded::Serializer::new(String::new()).append_pair("returnTo", &return_to).append_pair("acr", acr).finish();
        return Ok(Redirect::to(&format!("/login?{query}")).into_response());
    };
    let rp = match sign_in.get().await {
        Ok(rp) => rp,
        Err(e) => {
            tracing::warn!(event = "sign_in_provider_unreachable", error = %e);
            return Ok(login_error("provider"));
        }
    };
    let auth = rp.authorize(acr);
    let binding = random_id()?;
    let pending = PendingSignIn {
        binding_hash: hashed(&binding),
        nonce: auth.nonce,
        pkce_verifier: auth.pkce_verifier,
        return_to,
        acr: acr.to_owned(),
        created_at: state.now_unix(),
    };
    state.store.put_sign_in(&hashed(&auth.state), &pending).await?;
    let cookie = set_cookie(&state, BINDING_COOKIE, Some(&binding), "/auth");
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&auth.url)).into_response())
}

/// The provider's answer: the code traded for tokens, the ID token checked, a session begun.
/// Every failure lands on the login page with a reason the app puts into words.
async fn callback(State(state): State<AppState>, headers: HeaderMap, QueryPairs(pairs): QueryPairs) -> Result<Response, ApiError> {
    let Some(sign_in) = state.sign_in.as_ref() else {
        return Err(DomainError::NotFound("Route".into(), "No sign-in on this server.".into()).into());
    };
    let clear_binding = set_cookie(&state, BINDING_COOKIE, None, "/auth");
    let fail = |code: &str| ([(header::SET_COOKIE, clear_binding.clone())], login_error(code)).into_response();
    // The state works once, for the browser that began the sign-in, within its time.
    let pending = match param(&pairs, "state") {
        Some(s) => state.store.take_sign_in(&hashed(s)).await?,
        None => None,
    };
    let binding = cookie(&headers, BINDING_COOKIE).map(hashed);
    let Some(pending) = pending.filter(|p| Some(&p.binding_hash) == binding.as_ref() && state.now_unix() - p.created_at <= SIGN_IN_SECONDS)
    else {
        tracing::warn!(event = "sign_in_state_refused");
        return Ok(fail("state"));
    };
    if let Some(error) = param(&pairs, "error") {
        tracing::info!(event = "sign_in_refused_by_provider", error);
        return Ok(fail(if error == "access_denied" { "denied" } else { "provider" }));
    }
    let rp = match sign_in.get().await {
        Ok(rp) => rp,
        Err(_) => return Ok(fail("provider")),
    };
    // RFC 9207: an answer that says it is from another issuer is not ours.
    if param(&pairs, "iss").is_some_and(|iss| iss != rp.issuer()) {
        return Ok(fail("token"));
    }
    let Some(code) = param(&pairs, "code") else { return Ok(fail("state")) };
    let signed_in = match rp.finish(code, &pending.nonce, &pending.pkce_verifier, &pending.acr, state.now_unix()).await {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(event = "sign_in_failed", error = %e);
            return Ok(fail(match e {
                crate::auth::oidc::OidcError::Unreachable(_) => "provider",
                crate::auth::oidc::OidcError::Refused(_) => "state",
                crate::auth::oidc::OidcError::Untrusted(_) => "token",
            }));
        }
    };
    let now = state.now_unix();
    let claims = Claims {
        iss: rp.issuer().to_owned(),
        iat: now,
        nbf: now,
        exp: now + ABSOLUTE_SECONDS,
        jti: random_id()?,
        scope: SCOPE_END_USER.into(),
        pid: Some(signed_in.pid.clone()),
        auth_level: Some(level_of_acr(&signed_in.acr)),
        acr: Some(signed_in.acr.clone()),
        ..Claims::default()
    };
    let name = match own_name(&state, &signed_in.pid, &signed_in.tokens.access_token).await {
        Some(name) => name,
        None => signed_in.name.clone().unwrap_or_default(),
    };
    tracing::info!(event = "signed_in", subject = %super::request_id::pseudonym(&signed_in.pid), acr = %signed_in.acr);
    let cookie = begin(&state, &claims, name, Some(signed_in.tokens), signed_in.sid).await?;
    let mut res = Redirect::to(&pending.return_to).into_response();
    res.headers_mut().append(header::SET_COOKIE, clear_binding);
    res.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(res)
}

/// The person's name as Dialogporten's parties endpoint gives it (upstream, whose answer is also
/// copied here: `access::mirror_parties`), else from the register here.
async fn own_name(state: &AppState, pid: &str, access_token: &str) -> Option<String> {
    let own = format!("urn:altinn:person:identifier-no:{pid}");
    let Some(up) = state.upstream.as_ref() else { return state.store.party(&own).await.ok().flatten().map(|p| p.name) };
    let res = up.http.get(format!("{}/api/v1/enduser/parties", up.base)).bearer_auth(access_token).send().await.ok()?;
    let parties: dialogporten::Parties = serde_json::from_slice(&res.error_for_status().ok()?.bytes().await.ok()?).ok()?;
    if let Err(e) = crate::domain::access::mirror_parties(&state.store, pid, &parties.authorized_parties).await {
        tracing::warn!(event = "parties_not_copied", error = %e);
    }
    parties.authorized_parties.into_iter().find(|p| p.party == own).map(|p| p.name)
}

#[derive(Serialize)]
struct LoggedOut {
    /// The provider's end-session page, for the app to go to; none with dev login.
    redirect: Option<String>,
}

/// Ends the session here, and tells the app where to end the provider's.
async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    if !same_origin(&headers, &state) {
        return Err(ApiError::CrossOrigin);
    }
    let mut id_token = None;
    if let Some(id) = cookie(&headers, cookie_name(&state)) {
        let hash = hashed(id);
        id_token = state.store.session(&hash).await?.and_then(|s| s.tokens).and_then(|t| t.id_token);
        state.store.delete_session(&hash).await?;
    }
    let redirect = match state.sign_in.as_ref() {
        Some(s) => s.get().await.ok().and_then(|rp| rp.end_session_url(id_token.as_deref(), &format!("{}/login", state.public_url))),
        None => None,
    };
    tracing::info!(event = "logged_out");
    Ok(([(header::SET_COOKIE, set_cookie(&state, cookie_name(&state), None, "/"))], Json(LoggedOut { redirect })).into_response())
}

/// The provider ending its session (OpenID Connect Front-Channel Logout): every session of that
/// `sid` ends here too. Loaded in a frame of the provider's page, so it needs no cookie.
async fn frontchannel_logout(State(state): State<AppState>, QueryPairs(pairs): QueryPairs) -> Result<Response, ApiError> {
    let Some(sign_in) = state.sign_in.as_ref() else {
        return Err(DomainError::NotFound("Route".into(), "No sign-in on this server.".into()).into());
    };
    let issuer_ok = match param(&pairs, "iss") {
        Some(iss) => iss == sign_in.settings.issuer,
        None => true,
    };
    if let (true, Some(sid)) = (issuer_ok, param(&pairs, "sid")) {
        let ended = state.store.delete_sessions_of_sid(sid).await?;
        tracing::info!(event = "frontchannel_logout", sessions = ended);
    }
    // The provider's page frames this; modern browsers let `frame-ancestors` override the
    // site-wide `X-Frame-Options: DENY`. Nothing is shown, so nothing else is allowed.
    let issuer = url::Url::parse(&sign_in.settings.issuer).map(|u| u.origin().ascii_serialization()).unwrap_or_default();
    let policy = HeaderValue::from_str(&format!("default-src 'none'; frame-ancestors {issuer}"))
        .unwrap_or(HeaderValue::from_static("default-src 'none'"));
    Ok((StatusCode::OK, [(header::CACHE_CONTROL, HeaderValue::from_static("no-store")), (header::CONTENT_SECURITY_POLICY, policy)], "")
        .into_response())
}
