//! Compact JWS with EdDSA, written by hand: a dozen lines instead of a crypto-backend choice,
//! and the rules a token must meet for each use.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64, Engine};
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

use super::keys::SigningKeys;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum JwtError {
    #[error("the token is not a well-formed JWT")]
    Malformed,
    #[error("the token's signature is not valid")]
    BadSignature,
    #[error("the token has expired")]
    Expired,
    #[error("the token is not valid yet")]
    NotYetValid,
    #[error("the token is signed by a key this server does not trust")]
    UnknownKey,
    #[error("the token's issuer is not trusted")]
    WrongIssuer,
    #[error("the token is not meant for this server")]
    WrongAudience,
    #[error("the token's lifetime is longer than allowed")]
    TooLong,
}

/// `consumer` as Maskinporten writes it: `{"authority":"iso6523-actorid-upis","ID":"0192:<orgNo>"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consumer {
    pub authority: String,
    #[serde(rename = "ID")]
    pub id: String,
}

/// The claims we issue and read. Identity comes only from these.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    /// Written when signing; [`verify`] checks it before the claims are read.
    #[serde(default, skip_deserializing, skip_serializing_if = "Option::is_none")]
    pub aud: Option<String>,
    pub iat: i64,
    /// Some issuers leave it out; then the token is valid from `iat`.
    #[serde(default)]
    pub nbf: i64,
    pub exp: i64,
    #[serde(default)]
    pub jti: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumer: Option<Consumer>,
    #[serde(rename = "urn:altinn:org", default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(rename = "urn:altinn:authlevel", default, skip_serializing_if = "Option::is_none")]
    pub auth_level: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acr: Option<String>,
    /// A system user's grant, as Altinn's tokens carry it (Maskinporten's rich authorization).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authorization_details: Vec<AuthorizationDetail>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
}

/// `{"type":"urn:altinn:systemuser","systemuser_id":["<uuid>"],"systemuser_org":{…},"system_id":"…"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizationDetail {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub systemuser_id: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub systemuser_org: Option<Consumer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_id: Option<String>,
}

pub const SYSTEM_USER_DETAIL: &str = "urn:altinn:systemuser";

/// ID-porten's assurance levels (`acr`) and the Altinn level each counts as.
pub const ACR_SUBSTANTIAL: &str = "idporten-loa-substantial";
pub const ACR_HIGH: &str = "idporten-loa-high";

pub fn level_of_acr(acr: &str) -> u8 {
    match acr {
        ACR_SUBSTANTIAL => 3,
        ACR_HIGH => 4,
        // `idporten-loa-low`, `selfregistered-email` and anything unknown.
        _ => 0,
    }
}

impl Claims {
    /// The assurance level as Dialogporten reads it: Altinn's `urn:altinn:authlevel`, else
    /// ID-porten's `acr`, else 3 for a system user; 0 when nothing says.
    pub fn auth_level(&self) -> u8 {
        match (self.auth_level, self.acr.as_deref()) {
            (Some(level), _) => level,
            (None, Some(acr)) => level_of_acr(acr),
            (None, None) if self.system_user_id().is_some() => 3,
            (None, None) => 0,
        }
    }

    pub fn has_scope(&self, scope: &str) -> bool {
        self.scope.split_whitespace().any(|s| s == scope)
    }

    /// The system user the token is for: the first `urn:altinn:systemuser` detail's first id,
    /// as Dialogporten reads it.
    pub fn system_user_id(&self) -> Option<uuid::Uuid> {
        let detail = self.authorization_details.iter().find(|d| d.kind == SYSTEM_USER_DETAIL)?;
        uuid::Uuid::parse_str(detail.systemuser_id.first()?).ok()
    }
}

/// Who may have signed a token for one use, and what it must say.
struct Rules<'a> {
    /// The public key of a key id.
    keys: &'a dyn Fn(&str) -> Option<VerifyingKey>,
    issuer: &'a str,
    audience: &'a str,
    /// The longest `exp - iat` accepted: a token signed for ten years is refused, not trusted.
    max_lifetime: i64,
}

/// Access tokens (the `Authorization: Bearer` of API calls) are read by this server only.
pub const ACCESS_AUDIENCE: &str = "inbox-server/api";
/// Dialog tokens are read by the dialog's services; they are never access tokens.
pub const DIALOG_TOKEN_AUDIENCE: &str = "inbox-server/dialog-token";
/// The dev token generator's issuer (`--dev-login`).
pub const DEV_ISSUER: &str = "inbox-server/dev-login";
/// The longest access token the dev token generator mints and the API accepts.
pub const MAX_ACCESS_LIFETIME: i64 = 24 * 60 * 60;
/// A dialog token's lifetime, as Dialogporten's.
pub const DIALOG_TOKEN_LIFETIME: i64 = 600;
/// Clock skew tolerated between issuer and verifier.
const SKEW: i64 = 60;

/// The keys this server signs with and trusts: the API's own (dialog tokens, published at
/// `/api/v1/.well-known/jwks.json`) and, in dev mode only, the dev token generator's, which
/// live as long as the process so a dev token never outlives dev mode.
pub struct Authority {
    api: SigningKeys,
    api_issuer: String,
    dev: Option<SigningKeys>,
    trusted: Option<TrustedIssuer>,
}

/// Another issuer whose access tokens this server accepts (`--trust-issuer`): an OpenID provider
/// standing in for Altinn's in tests and trials. Its public Ed25519 keys, read from its JWKS.
#[derive(Clone, Debug)]
pub struct TrustedIssuer {
    pub issuer: String,
    /// The `aud` its tokens must name: this server's public URL.
    pub audience: String,
    pub keys: Vec<(String, VerifyingKey)>,
}

impl Authority {
    /// `api_issuer` is the public base URL plus `/api/v1`, as Dialogporten's issuer.
    pub fn new(api: SigningKeys, api_issuer: String, dev: Option<SigningKeys>) -> Self {
        Self { api, api_issuer, dev, trusted: None }
    }

    /// Also accepts the access tokens of `issuer`.
    pub fn trusting(self, issuer: TrustedIssuer) -> Self {
        Self { trusted: Some(issuer), ..self }
    }

    pub fn api_keys(&self) -> &SigningKeys {
        &self.api
    }

    pub fn api_issuer(&self) -> &str {
        &self.api_issuer
    }

    pub fn dev_mode(&self) -> bool {
        self.dev.is_some()
    }

    /// Signs an access token as the dev token generator; `None` outside dev mode.
    pub fn sign_dev_access(&self, claims: &Claims) -> Option<String> {
        let mut claims = claims.clone();
        claims.iss = DEV_ISSUER.into();
        claims.aud = Some(ACCESS_AUDIENCE.into());
        Some(self.dev.as_ref()?.sign("JWT", &claims))
    }

    /// The claims of a valid access token: one of the dev token generator (dev mode) or of the
    /// trusted issuer (`--trust-issuer`). Otherwise no access token is trusted: the app's own
    /// users come through sessions (`http::session`).
    pub fn verify_access(&self, token: &str, now_unix: i64) -> Result<Claims, JwtError> {
        if let Some(t) = self.trusted.as_ref().filter(|t| unverified_issuer(token).as_deref() == Some(t.issuer.as_str())) {
            let keys = |kid: &str| t.keys.iter().find(|(k, _)| k == kid).map(|(_, key)| *key);
            return verify(
                &Rules { keys: &keys, issuer: &t.issuer, audience: &t.audience, max_lifetime: MAX_ACCESS_LIFETIME },
                token,
                now_unix,
            );
        }
        let dev = self.dev.as_ref().ok_or(JwtError::UnknownKey)?;
        let keys = |kid: &str| dev.find(kid);
        verify(&Rules { keys: &keys, issuer: DEV_ISSUER, audience: ACCESS_AUDIENCE, max_lifetime: MAX_ACCESS_LIFETIME }, token, now_unix)
    }

    /// A dialog token (claims as Dialogporten's: `c`, `p`, `s`, `i`, `a`, …) valid from `iat`.
    pub fn sign_dialog_token(&self, iat: i64, mut claims: serde_json::Map<String, serde_json::Value>) -> String {
        let set = [
            ("iss", self.api_issuer.clone().into()),
            ("aud", DIALOG_TOKEN_AUDIENCE.into()),
            ("iat", iat.into()),
            ("nbf", iat.into()),
            ("exp", (iat + DIALOG_TOKEN_LIFETIME).into()),
        ];
        claims.extend(set.map(|(k, v): (&str, serde_json::Value)| (k.to_owned(), v)));
        self.api.sign("JWT", &claims)
    }

    pub fn verify_dialog_token<T: serde::de::DeserializeOwned>(&self, token: &str, now_unix: i64) -> Result<T, JwtError> {
        let keys = |kid: &str| self.api.find(kid);
        let rules = Rules { keys: &keys, issuer: &self.api_issuer, audience: DIALOG_TOKEN_AUDIENCE, max_lifetime: DIALOG_TOKEN_LIFETIME };
        verify(&rules, token, now_unix)
    }
}

/// The `iss` a token says it has, before anything is checked: only to pick the rules to check by.
fn unverified_issuer(token: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Iss {
        iss: String,
    }
    let payload = B64.decode(token.split('.').nth(1)?).ok()?;
    serde_json::from_slice::<Iss>(&payload).ok().map(|i| i.iss)
}

/// Checks header, signature, issuer, audience and lifetime, then reads the claims as `T`.
fn verify<T: serde::de::DeserializeOwned>(rules: &Rules, token: &str, now: i64) -> Result<T, JwtError> {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(JwtError::Malformed);
    };
    #[derive(Deserialize)]
    struct Header {
        alg: String,
        #[serde(default)]
        kid: String,
    }
    let header: Header = serde_json::from_slice(&B64.decode(h).map_err(|_| JwtError::Malformed)?).map_err(|_| JwtError::Malformed)?;
    if header.alg != "EdDSA" {
        return Err(JwtError::BadSignature);
    }
    let key = (rules.keys)(&header.kid).ok_or(JwtError::UnknownKey)?;
    let sig: [u8; 64] = B64.decode(s).ok().and_then(|b| b.try_into().ok()).ok_or(JwtError::Malformed)?;
    key.verify(format!("{h}.{p}").as_bytes(), &Signature::from_bytes(&sig)).map_err(|_| JwtError::BadSignature)?;
    let payload = B64.decode(p).map_err(|_| JwtError::Malformed)?;
    #[derive(Deserialize)]
    struct Envelope {
        iss: String,
        #[serde(default)]
        aud: serde_json::Value,
        iat: i64,
        nbf: Option<i64>,
        exp: i64,
    }
    let env: Envelope = serde_json::from_slice(&payload).map_err(|_| JwtError::Malformed)?;
    if env.iss != rules.issuer {
        return Err(JwtError::WrongIssuer);
    }
    let audience_named = match &env.aud {
        serde_json::Value::String(a) => a == rules.audience,
        serde_json::Value::Array(list) => list.iter().any(|a| a.as_str() == Some(rules.audience)),
        _ => false,
    };
    if !audience_named {
        return Err(JwtError::WrongAudience);
    }
    if env.exp < env.iat || env.exp - env.iat > rules.max_lifetime {
        return Err(JwtError::TooLong);
    }
    if env.exp + SKEW < now {
        return Err(JwtError::Expired);
    }
    if env.nbf.unwrap_or(env.iat) - SKEW > now || env.iat - SKEW > now {
        return Err(JwtError::NotYetValid);
    }
    serde_json::from_slice(&payload).map_err(|_| JwtError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn dev() -> SigningKeys {
        SigningKeys::from_seeds("dev", &[[7; 32]]).unwrap()
    }

    fn authority(dev_mode: bool) -> Authority {
        Authority::new(SigningKeys::from_seeds("api", &[[1; 32]]).unwrap(), "http://inbox.test/api/v1".into(), dev_mode.then(dev))
    }

    fn claims(iat: i64, exp: i64) -> Claims {
        Claims { iat, nbf: iat, exp, jti: "j".into(), scope: "digdir:dialogporten".into(), ..Claims::default() }
    }

    /// Signs what the dev generator would, with the fields given (no defaults filled in).
    fn raw(keys: &SigningKeys, claims: serde_json::Value) -> String {
        keys.sign("JWT", &claims)
    }

    #[test]
    fn signs_and_verifies_within_the_lifetime() {
        let a = authority(true);
        let t = a.sign_dev_access(&claims(NOW, NOW + 1800)).unwrap();
        assert_eq!(a.verify_access(&t, NOW + 10).unwrap().scope, "digdir:dialogporten");
        assert_eq!(a.verify_access(&t, NOW + 1800 + SKEW + 1).unwrap_err(), JwtError::Expired);
        assert_eq!(a.verify_access(&t, NOW - SKEW - 1).unwrap_err(), JwtError::NotYetValid);
    }

    #[test]
    fn refuses_other_keys_issuers_audiences_and_long_lives() {
        let a = authority(true);
        let good = |iss: &str, aud: &str, exp: i64| serde_json::json!({"iss": iss, "aud": aud, "iat": NOW, "nbf": NOW, "exp": exp, "jti": "j", "scope": "x"});
        assert!(a.verify_access(&raw(&dev(), good(DEV_ISSUER, ACCESS_AUDIENCE, NOW + 60)), NOW).is_ok());
        let other = SigningKeys::from_seeds("dev", &[[8; 32]]).unwrap();
        assert_eq!(a.verify_access(&raw(&other, good(DEV_ISSUER, ACCESS_AUDIENCE, NOW + 60)), NOW).unwrap_err(), JwtError::UnknownKey);
        assert_eq!(a.verify_access(&raw(&dev(), good("https://evil", ACCESS_AUDIENCE, NOW + 60)), NOW).unwrap_err(), JwtError::WrongIssuer);
        assert_eq!(a.verify_access(&raw(&dev(), good(DEV_ISSUER, "someone-else", NOW + 60)), NOW).unwrap_err(), JwtError::WrongAudience);
        let ten_years = NOW + 10 * 365 * 86_400;
        assert_eq!(a.verify_access(&raw(&dev(), good(DEV_ISSUER, ACCESS_AUDIENCE, ten_years)), NOW).unwrap_err(), JwtError::TooLong);
        // Tampering breaks the signature.
        let t = raw(&dev(), good(DEV_ISSUER, ACCESS_AUDIENCE, NOW + 60));
        let mut parts: Vec<String> = t.split('.').map(String::from).collect();
        parts[1] = B64.encode(good(DEV_ISSUER, ACCESS_AUDIENCE, NOW + 120).to_string());
        assert_eq!(a.verify_access(&parts.join("."), NOW).unwrap_err(), JwtError::BadSignature);
        assert_eq!(a.verify_access("a.b", NOW).unwrap_err(), JwtError::Malformed);
    }

    #[test]
    fn outside_dev_mode_no_dev_token_is_trusted_and_none_is_minted() {
        let t = authority(true).sign_dev_access(&claims(NOW, NOW + 60)).unwrap();
        assert_eq!(authority(false).verify_access(&t, NOW).unwrap_err(), JwtError::UnknownKey);
        assert!(authority(false).sign_dev_access(&claims(NOW, NOW + 60)).is_none());
    }

    #[test]
    fn a_dialog_token_is_never_an_access_token_and_the_other_way_round() {
        let a = authority(true);
        let dialog = a.sign_dialog_token(NOW, serde_json::Map::from_iter([("i".to_owned(), "d".into())]));
        let back: serde_json::Value = a.verify_dialog_token(&dialog, NOW).unwrap();
        assert_eq!(back["i"], "d");
        assert_eq!(a.verify_access(&dialog, NOW).unwrap_err(), JwtError::UnknownKey);
        let access = a.sign_dev_access(&claims(NOW, NOW + 60)).unwrap();
        assert_eq!(a.verify_dialog_token::<serde_json::Value>(&access, NOW).unwrap_err(), JwtError::UnknownKey);
    }

    #[test]
    fn every_key_verifies_the_first_signs() {
        let old = SigningKeys::from_seeds("api", &[[1; 32]]).unwrap();
        let rotated = Authority::new(SigningKeys::from_seeds("api", &[[2; 32], [1; 32]]).unwrap(), "http://inbox.test/api/v1".into(), None);
        let before = Authority::new(old, "http://inbox.test/api/v1".into(), None).sign_dialog_token(NOW, serde_json::Map::new());
        assert!(rotated.verify_dialog_token::<serde_json::Value>(&before, NOW).is_ok(), "a token of the previous key still verifies");
        let after = rotated.sign_dialog_token(NOW, serde_json::Map::new());
        assert_ne!(after.split('.').next(), before.split('.').next(), "the new key (another kid) signs");
    }
}
