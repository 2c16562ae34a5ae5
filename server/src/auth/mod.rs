//! Tokens: our dev issuer signs JWTs shaped like those of Altinn's test token generator (dev mode
//! only, with a key of its own), the API signs dialog tokens with keys from a file, and every
//! token is checked for key, issuer, audience and lifetime. EdDSA (Ed25519), so public keys can
//! be published.

mod jwt;
mod keys;
pub mod oidc;

pub use jwt::{
    level_of_acr, Authority, AuthorizationDetail, Claims, Consumer, JwtError, TrustedIssuer, ACCESS_AUDIENCE, ACR_HIGH, ACR_SUBSTANTIAL,
    DEV_ISSUER, DIALOG_TOKEN_AUDIENCE, MAX_ACCESS_LIFETIME, SYSTEM_USER_DETAIL,
};
pub use keys::{new_seed, KeyError, SigningKeys};

pub const SCOPE_END_USER: &str = "digdir:dialogporten";
/// What Altinn's own portal asks for: the end-user API without a consent screen.
pub const SCOPE_END_USER_NO_CONSENT: &str = "digdir:dialogporten.noconsent";
pub const SCOPE_SERVICE_PROVIDER: &str = "digdir:dialogporten.serviceprovider";
pub const SCOPE_SERVICE_PROVIDER_SEARCH: &str = "digdir:dialogporten.serviceprovider.search";
pub const SCOPE_SERVICE_PROVIDER_ADMIN: &str = "digdir:dialogporten.serviceprovider.admin";
