//! Signing keys: Ed25519 seeds from a file or the environment, never from the database. The first
//! key signs; every key verifies and is published, so a new key can be put first while tokens
//! signed with the old one are still in use (docs/security.md, "Keys").

use std::path::Path;

use base64::{
    engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD as B64},
    Engine,
};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read the key file {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("key {line}: not a base64 Ed25519 seed of 32 bytes")]
    Bad { line: usize },
    #[error("no key given")]
    Empty,
    #[error("no randomness for a new key: {0}")]
    Random(String),
}

/// One or more keys under one name prefix (`api`, `dev`); the `kid` is the prefix and a hash-like
/// prefix of the public key, so a verifier picks the key without trying each.
#[derive(Clone)]
pub struct SigningKeys {
    keys: Vec<(String, SigningKey)>,
}

impl std::fmt::Debug for SigningKeys {
    /// Only the key ids: a private key never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.keys.iter().map(|(kid, _)| kid)).finish()
    }
}

/// A new random seed, base64url, as a key file line (`inbox-server new-key`).
pub fn new_seed() -> Result<String, KeyError> {
    let mut seed = [0u8; 32];
    getrandom::getrandom(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
    Ok(B64.encode(seed))
}

impl SigningKeys {
    pub fn from_seeds(prefix: &str, seeds: &[[u8; 32]]) -> Result<Self, KeyError> {
        if seeds.is_empty() {
            return Err(KeyError::Empty);
        }
        let keys = seeds
            .iter()
            .map(|seed| {
                let key = SigningKey::from_bytes(seed);
                let kid = format!("{prefix}-{}", &B64.encode(key.verifying_key().as_bytes())[..12]);
                (kid, key)
            })
            .collect();
        Ok(Self { keys })
    }

    /// A fresh key that lives as long as this process.
    pub fn generate(prefix: &str) -> Result<Self, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::getrandom(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
        Self::from_seeds(prefix, &[seed])
    }

    /// Seeds separated by whitespace or commas (the environment's form) or one per line with
    /// `#` comments (a file's); base64url or standard base64.
    pub fn parse(prefix: &str, text: &str) -> Result<Self, KeyError> {
        let seeds = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or_default())
            .flat_map(|l| l.split([' ', '\t', ',']))
            .filter(|s| !s.is_empty())
            .enumerate()
            .map(|(i, s)| {
                let bytes = B64.decode(s.trim_end_matches('=')).or_else(|_| STANDARD.decode(s)).ok();
                bytes.and_then(|b| <[u8; 32]>::try_from(b).ok()).ok_or(KeyError::Bad { line: i + 1 })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Self::from_seeds(prefix, &seeds)
    }

    pub fn read(prefix: &str, path: &Path) -> Result<Self, KeyError> {
        let text = std::fs::read_to_string(path).map_err(|source| KeyError::Read { path: path.display().to_string(), source })?;
        #[cfg(unix)]
        if let Ok(meta) = std::fs::metadata(path) {
            use std::os::unix::fs::PermissionsExt;
            if meta.permissions().mode() & 0o077 != 0 {
                tracing::warn!(path = %path.display(), "the signing key file can be read by others than its owner (chmod 600)");
            }
        }
        Self::parse(prefix, &text)
    }

    /// The key that signs, and its id.
    fn current(&self) -> &(String, SigningKey) {
        &self.keys[0]
    }

    pub fn find(&self, kid: &str) -> Option<VerifyingKey> {
        self.keys.iter().find(|(k, _)| k == kid).map(|(_, key)| key.verifying_key())
    }

    /// Every key id with its public key, the current one first.
    pub fn public_keys(&self) -> impl Iterator<Item = (&str, VerifyingKey)> {
        self.keys.iter().map(|(kid, key)| (kid.as_str(), key.verifying_key()))
    }

    /// A compact JWS of `claims` with the current key, `typ` in the header.
    pub fn sign<T: serde::Serialize>(&self, typ: &str, claims: &T) -> String {
        let (kid, key) = self.current();
        let header = serde_json::json!({ "alg": "EdDSA", "typ": typ, "kid": kid });
        let mut token = format!("{}.{}", B64.encode(header.to_string()), B64.encode(serde_json::to_vec(claims).unwrap_or_default()));
        let sig = key.sign(token.as_bytes());
        token.push('.');
        token.push_str(&B64.encode(sig.to_bytes()));
        token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_files_and_environment_values_and_refuses_bad_seeds() {
        let (a, b) = (B64.encode([1u8; 32]), STANDARD.encode([2u8; 32]));
        let keys = SigningKeys::parse("api", &format!("# current first\n{a}\n\n{b}  # the one before\n")).unwrap();
        assert_eq!(keys.keys.len(), 2);
        assert_eq!(SigningKeys::parse("api", &format!("{a},{b}")).unwrap().keys.len(), 2);
        assert!(matches!(SigningKeys::parse("api", "# nothing"), Err(KeyError::Empty)));
        assert!(matches!(SigningKeys::parse("api", &format!("{a}\nshort")), Err(KeyError::Bad { line: 2 })));
        assert!(!format!("{keys:?}").contains(&a), "Debug shows key ids only");
    }
}
