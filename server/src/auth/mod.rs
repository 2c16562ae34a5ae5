//! Tokens: our dev issuer signs JWTs shaped like those of Altinn's test token generator, and every
//! API request is checked against the same key. EdDSA (Ed25519), so the public key can be published.

mod jwt;

pub use jwt::{AuthorizationDetail, Claims, Consumer, JwtError, Keys, SYSTEM_USER_DETAIL};

pub const SCOPE_END_USER: &str = "digdir:dialogporten";
pub const SCOPE_SERVICE_PROVIDER: &str = "digdir:dialogporten.serviceprovider";
pub const SCOPE_SERVICE_PROVIDER_SEARCH: &str = "digdir:dialogporten.serviceprovider.search";
pub const SCOPE_SERVICE_PROVIDER_ADMIN: &str = "digdir:dialogporten.serviceprovider.admin";
