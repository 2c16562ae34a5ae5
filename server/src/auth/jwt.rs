//! Compact JWS with EdDSA, written by hand: a dozen lines instead of a crypto-backend choice.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64, Engine};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::store::{Store, StoreError};

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
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub jti: String,
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

impl Claims {
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

pub struct Keys {
    signing: SigningKey,
    pub key_id: String,
}

const SETTING: &str = "jwt_ed25519_seed";

impl Keys {
    /// The server's key, kept in the database so tokens survive restarts and are shared by instances.
    pub async fn load_or_create(store: &Store) -> Result<Self, StoreError> {
        let mut seed = [0u8; 32];
        getrandom::getrandom(&mut seed).map_err(|e| StoreError::Corrupt(format!("no randomness: {e}")))?;
        let stored = store.init_setting(SETTING, &B64.encode(seed)).await?;
        let bytes: [u8; 32] = B64
            .decode(stored)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| StoreError::Corrupt("signing key seed".into()))?;
        Ok(Self::from_seed(bytes))
    }

    pub fn from_seed(seed: [u8; 32]) -> Self {
        let signing = SigningKey::from_bytes(&seed);
        let key_id = format!("inbox-dev-{}", &B64.encode(signing.verifying_key().as_bytes())[..8]);
        Self { signing, key_id }
    }

    pub fn public_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    pub fn sign<T: Serialize>(&self, claims: &T) -> String {
        let header = serde_json::json!({ "alg": "EdDSA", "typ": "JWT", "kid": self.key_id });
        let mut token = format!("{}.{}", B64.encode(header.to_string()), B64.encode(serde_json::to_vec(claims).unwrap_or_default()));
        let sig = self.signing.sign(token.as_bytes());
        token.push('.');
        token.push_str(&B64.encode(sig.to_bytes()));
        token
    }

    /// Checks signature and lifetime (with a minute of clock skew) and returns the claims.
    pub fn verify(&self, token: &str, now_unix: i64) -> Result<Claims, JwtError> {
        self.verify_as(token, now_unix)
    }

    /// As [`Keys::verify`], for tokens with other claims (the dialog token).
    pub fn verify_as<T: serde::de::DeserializeOwned>(&self, token: &str, now_unix: i64) -> Result<T, JwtError> {
        let mut parts = token.split('.');
        let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(JwtError::Malformed);
        };
        let header: serde_json::Value = serde_json::from_slice(&B64.decode(h).map_err(|_| JwtError::Malformed)?).map_err(|_| JwtError::Malformed)?;
        if header.get("alg").and_then(|a| a.as_str()) != Some("EdDSA") {
            return Err(JwtError::BadSignature);
        }
        let sig: [u8; 64] = B64.decode(s).ok().and_then(|b| b.try_into().ok()).ok_or(JwtError::Malformed)?;
        self.public_key()
            .verify(format!("{h}.{p}").as_bytes(), &Signature::from_bytes(&sig))
            .map_err(|_| JwtError::BadSignature)?;
        let payload = B64.decode(p).map_err(|_| JwtError::Malformed)?;
        #[derive(Deserialize)]
        struct Lifetime {
            exp: i64,
            nbf: i64,
        }
        let life: Lifetime = serde_json::from_slice(&payload).map_err(|_| JwtError::Malformed)?;
        const SKEW: i64 = 60;
        if life.exp + SKEW < now_unix {
            return Err(JwtError::Expired);
        }
        if life.nbf - SKEW > now_unix {
            return Err(JwtError::NotYetValid);
        }
        serde_json::from_slice(&payload).map_err(|_| JwtError::Malformed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp: i64) -> Claims {
        Claims { iss: "t".into(), iat: 0, nbf: 0, exp, jti: "j".into(), scope: "digdir:dialogporten".into(), ..Claims::default() }
    }

    #[test]
    fn signs_and_verifies() {
        let keys = Keys::from_seed([7; 32]);
        let t = keys.sign(&claims(1000));
        assert_eq!(keys.verify(&t, 500).unwrap().scope, "digdir:dialogporten");
        assert_eq!(keys.verify(&t, 2000), Err(JwtError::Expired));
    }

    #[test]
    fn rejects_other_keys_and_tampering() {
        let t = Keys::from_seed([7; 32]).sign(&claims(1000));
        assert_eq!(Keys::from_seed([8; 32]).verify(&t, 500), Err(JwtError::BadSignature));
        let mut parts: Vec<String> = t.split('.').map(String::from).collect();
        parts[1] = B64.encode(br#"{"iss":"t","iat":0,"nbf":0,"exp":99999,"jti":"j","scope":"x"}"#);
        assert_eq!(Keys::from_seed([7; 32]).verify(&parts.join("."), 500), Err(JwtError::BadSignature));
        assert_eq!(Keys::from_seed([7; 32]).verify("a.b", 500), Err(JwtError::Malformed));
    }
}
