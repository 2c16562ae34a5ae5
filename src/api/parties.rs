//! `/api/v1/enduser/parties`

use dialogporten::Parties;

use super::{get_json, ApiError};

pub async fn list() -> Result<Parties, ApiError> {
    get_json("/api/v1/enduser/parties").await
}
