//! The relying party of real sign-in: OpenID Connect's authorization-code flow with PKCE, `state`
//! and `nonce`, through the `openidconnect` crate (discovery, the ID token checked against the
//! provider's JWKS, issuer, audience, nonce and expiry), plus the `acr` the login reached.
//!
//! Also reads a trusted issuer's public keys (`--trust-issuer`, for an inbox-server standing in
//! for Dialogporten behind a test provider).

use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64, Engine};
use openidconnect::{
    core::{CoreAuthenticationFlow, CoreClient},
    AuthenticationContextClass, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, ProviderMetadataWithLogout, RedirectUrl, RefreshToken,
    RequestTokenError, Scope, TokenResponse,
};
use serde::Deserialize;

use super::jwt::{level_of_acr, TrustedIssuer};

/// What the operator configured (`--oidc-*`).
#[derive(Clone, Debug)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Besides `openid`, which is always asked for.
    pub scopes: Vec<String>,
}

/// The scopes af.altinn.no asks Altinn's provider for.
pub const DEFAULT_SCOPES: &str = "openid digdir:dialogporten.noconsent altinn:portal/enduser";

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// Unreachable, slow, or an answer that is not OpenID Connect.
    #[error("the login service did not answer as expected: {0}")]
    Unreachable(String),
    /// The provider refused the code or refresh token (used, expired, not ours).
    #[error("the login service refused: {0}")]
    Refused(String),
    /// An ID token that fails a check, or a login below the level asked for.
    #[error("the login service's answer could not be trusted: {0}")]
    Untrusted(String),
}

/// A sign-in to send the browser off with: the provider's URL and what must come back.
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// The tokens of a session, for calls upstream.
#[derive(Clone, Debug)]
pub struct Tokens {
    pub access_token: String,
    /// Unix seconds.
    pub access_expires_at: i64,
    pub refresh_token: Option<String>,
    pub id_token: Option<String>,
}

/// A completed login: the person, the level reached, and the provider's session.
#[derive(Debug)]
pub struct SignedIn {
    pub pid: String,
    pub name: Option<String>,
    pub acr: String,
    pub sid: Option<String>,
    pub tokens: Tokens,
}

type Client = CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// The client as discovered from the provider's metadata.
pub struct RelyingParty {
    client: Client,
    http: reqwest::Client,
    issuer: String,
    client_id: String,
    scopes: Vec<String>,
    end_session: Option<url::Url>,
}

/// An HTTP client for the provider and upstream: no redirects followed (a token request that
/// is redirected is an error, not something to chase), and a deadline.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .expect("a TLS backend is compiled in")
}

impl RelyingParty {
    /// Reads the provider's `/.well-known/openid-configuration` and JWKS. `redirect` is where
    /// the provider sends the browser back (`{public_url}/auth/callback`).
    pub async fn discover(settings: &OidcSettings, redirect: &str) -> Result<Self, OidcError> {
        let http = http_client();
        let issuer = IssuerUrl::new(settings.issuer.clone()).map_err(|e| OidcError::Unreachable(e.to_string()))?;
        let metadata =
            ProviderMetadataWithLogout::discover_async(issuer, &http).await.map_err(|e| OidcError::Unreachable(error_chain(&e)))?;
        let end_session = metadata.additional_metadata().end_session_endpoint.as_ref().map(|u| u.url().clone());
        let redirect = RedirectUrl::new(redirect.to_owned()).map_err(|e| OidcError::Unreachable(e.to_string()))?;
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(settings.client_id.clone()),
            Some(ClientSecret::new(settings.client_secret.clone())),
        )
        .set_redirect_uri(redirect);
        let scopes = settings.scopes.iter().filter(|s| *s != "openid").cloned().collect();
        Ok(Self { client, http, issuer: settings.issuer.clone(), client_id: settings.client_id.clone(), scopes, end_session })
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// A new sign-in asking for assurance level `acr`.
    pub fn authorize(&self, acr: &str) -> Authorization {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = self
            .client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(challenge)
            .add_auth_context_value(AuthenticationContextClass::new(acr.to_owned()));
        for scope in &self.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Authorization {
            url: url.into(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        }
    }

    /// Trades the code for tokens and checks the ID token: signature, issuer, audience, expiry,
    /// `nonce`, and an `acr` at least as high as `acr_asked`.
    pub async fn finish(&self, code: &str, nonce: &str, pkce_verifier: &str, acr_asked: &str, now: i64) -> Result<SignedIn, OidcError> {
        let request =
            self.client.exchange_code(AuthorizationCode::new(code.to_owned())).map_err(|e| OidcError::Unreachable(e.to_string()))?;
        let response = request
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(token_error)?;
        let id_token = response.id_token().ok_or_else(|| OidcError::Untrusted("no ID token".into()))?;
        let claims = id_token
            .claims(&self.client.id_token_verifier(), &Nonce::new(nonce.to_owned()))
            .map_err(|e| OidcError::Untrusted(e.to_string()))?;
        let acr = claims.auth_context_ref().map(|a| a.as_str().to_owned()).unwrap_or_default();
        if level_of_acr(&acr) < level_of_acr(acr_asked) {
            return Err(OidcError::Untrusted(format!("the login reached '{acr}', not '{acr_asked}'")));
        }
        // The signature is checked above; what the crate does not type is read from the payload.
        let raw = id_token.to_string();
        let extra = payload::<Extra>(&raw).ok_or_else(|| OidcError::Untrusted("unreadable ID token".into()))?;
        let pid = extra.pid.filter(|p| p.len() == 11 && p.bytes().all(|b| b.is_ascii_digit()));
        let pid = pid.ok_or_else(|| OidcError::Untrusted("the ID token names no person (pid)".into()))?;
        let tokens = Tokens {
            access_token: response.access_token().secret().clone(),
            access_expires_at: now + response.expires_in().map_or(300, |d| d.as_secs() as i64),
            refresh_token: response.refresh_token().map(|r| r.secret().clone()),
            id_token: Some(raw),
        };
        Ok(SignedIn { pid, name: extra.name, acr, sid: extra.sid, tokens })
    }

    /// New tokens for a refresh token.
    pub async fn refresh(&self, refresh_token: &str, now: i64) -> Result<Tokens, OidcError> {
        let token = RefreshToken::new(refresh_token.to_owned());
        let request = self.client.exchange_refresh_token(&token).map_err(|e| OidcError::Unreachable(e.to_string()))?;
        let response = request.request_async(&self.http).await.map_err(token_error)?;
        Ok(Tokens {
            access_token: response.access_token().secret().clone(),
            access_expires_at: now + response.expires_in().map_or(300, |d| d.as_secs() as i64),
            refresh_token: response.refresh_token().map(|r| r.secret().clone()),
            id_token: response.id_token().map(|t| t.to_string()),
        })
    }

    /// Where to send the browser to end the provider's session too (RP-initiated logout).
    pub fn end_session_url(&self, id_token: Option<&str>, post_logout_redirect: &str) -> Option<String> {
        let mut url = self.end_session.clone()?;
        {
            let mut q = url.query_pairs_mut();
            if let Some(hint) = id_token {
                q.append_pair("id_token_hint", hint);
            }
            q.append_pair("client_id", &self.client_id);
            q.append_pair("post_logout_redirect_uri", post_logout_redirect);
        }
        Some(url.into())
    }
}

/// Claims of the ID token the crate leaves untyped: Altinn's and ID-porten's `pid`, and `sid`.
#[derive(Deserialize)]
struct Extra {
    pid: Option<String>,
    sid: Option<String>,
    name: Option<String>,
}

fn payload<T: serde::de::DeserializeOwned>(jwt: &str) -> Option<T> {
    serde_json::from_slice(&B64.decode(jwt.split('.').nth(1)?).ok()?).ok()
}

fn token_error<RE: std::error::Error + 'static, T: openidconnect::ErrorResponse + 'static>(e: RequestTokenError<RE, T>) -> OidcError {
    match e {
        RequestTokenError::ServerResponse(r) => OidcError::Refused(r.to_string()),
        other => OidcError::Unreachable(error_chain(&other)),
    }
}

/// An error with its causes, for the log.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// The Ed25519 keys of `issuer`'s JWKS, read once at start: the issuer is a test provider on
/// loopback or a trial setup, not a production trust anchor (docs/deploy.md).
pub async fn trusted_issuer(issuer: &str, audience: &str) -> Result<TrustedIssuer, OidcError> {
    #[derive(Deserialize)]
    struct Discovery {
        jwks_uri: String,
    }
    #[derive(Deserialize)]
    struct Jwks {
        keys: Vec<Jwk>,
    }
    #[derive(Deserialize)]
    struct Jwk {
        kty: String,
        #[serde(default)]
        crv: String,
        #[serde(default)]
        kid: String,
        #[serde(default)]
        x: String,
    }
    let http = http_client();
    let get = |url: String| {
        let http = http.clone();
        async move {
            let res = http.get(&url).send().await.map_err(|e| OidcError::Unreachable(format!("{url}: {}", error_chain(&e))))?;
            res.error_for_status()
                .map_err(|e| OidcError::Unreachable(e.to_string()))?
                .bytes()
                .await
                .map_err(|e| OidcError::Unreachable(e.to_string()))
        }
    };
    let discovery = get(format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/'))).await?;
    let discovery: Discovery = serde_json::from_slice(&discovery).map_err(|e| OidcError::Unreachable(e.to_string()))?;
    let jwks: Jwks = serde_json::from_slice(&get(discovery.jwks_uri).await?).map_err(|e| OidcError::Unreachable(e.to_string()))?;
    let keys: Vec<_> = jwks
        .keys
        .into_iter()
        .filter(|k| k.kty == "OKP" && k.crv == "Ed25519")
        .filter_map(|k| {
            let bytes: [u8; 32] = B64.decode(&k.x).ok()?.try_into().ok()?;
            Some((k.kid, ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok()?))
        })
        .collect();
    if keys.is_empty() {
        return Err(OidcError::Untrusted(format!("{issuer} publishes no Ed25519 key")));
    }
    Ok(TrustedIssuer { issuer: issuer.to_owned(), audience: audience.to_owned(), keys })
}
