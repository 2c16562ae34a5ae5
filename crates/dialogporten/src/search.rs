//! End-user search results, ordering and continuation tokens.
//!
//! Tokens keep Dialogporten's readable shape (`contentupdatedat_2024-07-31T09:09:03.0257090Z,id_<uuid>`):
//! the last row's sort key and id, so the next page starts strictly after it however the data changes.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    dialog::{Activity, EndUserContext, SeenLog},
    ContentValue, DialogStatus, SystemLabel, UtcDateTime,
};

/// `V1EndUserDialogsQueriesSearch_Content`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchDialogContent {
    pub title: ContentValue,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<ContentValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<ContentValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_status: Option<ContentValue>,
    /// Service-owner view only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_sensitive_title: Option<ContentValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_sensitive_summary: Option<ContentValue>,
}

/// `V1EndUserDialogsQueriesSearch_Dialog`: one row of `GET /api/v1/enduser/dialogs`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchDialog {
    pub id: Uuid,
    pub org: String,
    pub service_resource: String,
    pub service_resource_type: String,
    pub party: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preceding_process: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gui_attachment_count: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_reference: Option<String>,
    pub created_at: UtcDateTime,
    pub updated_at: UtcDateTime,
    pub content_updated_at: UtcDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<UtcDateTime>,
    pub status: DialogStatus,
    pub system_label: SystemLabel,
    #[serde(default)]
    pub is_api_only: bool,
    #[serde(default)]
    pub has_unopened_content: bool,
    #[serde(default)]
    pub is_content_seen: bool,
    #[serde(default)]
    pub from_service_owner_transmissions_count: i32,
    #[serde(default)]
    pub from_party_transmissions_count: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_activity: Option<Activity>,
    pub content: SearchDialogContent,
    pub end_user_context: EndUserContext,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub seen_since_last_update: Vec<SeenLog>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub seen_since_last_content_update: Vec<SeenLog>,
}

/// `PaginatedListOf…`: a page of results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaginatedList<T> {
    #[serde(default = "Vec::new", skip_serializing_if = "crate::is_empty")]
    pub items: Vec<T>,
    #[serde(default)]
    pub has_next_page: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuation_token: Option<String>,
    #[serde(default)]
    pub order_by: String,
}

/// The date a search is ordered by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderField {
    CreatedAt,
    UpdatedAt,
    ContentUpdatedAt,
    DueAt,
}

impl OrderField {
    const ALL: [OrderField; 4] = [Self::CreatedAt, Self::UpdatedAt, Self::ContentUpdatedAt, Self::DueAt];

    /// The lower-case key used in `orderBy` answers and continuation tokens.
    pub fn key(self) -> &'static str {
        match self {
            Self::CreatedAt => "createdat",
            Self::UpdatedAt => "updatedat",
            Self::ContentUpdatedAt => "contentupdatedat",
            Self::DueAt => "dueat",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key().eq_ignore_ascii_case(s))
    }
}

/// One sort field plus direction; ties are broken by id in the same direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderBy {
    pub field: OrderField,
    pub descending: bool,
}

impl Default for OrderBy {
    fn default() -> Self {
        Self { field: OrderField::ContentUpdatedAt, descending: true }
    }
}

impl OrderBy {
    /// Parses `contentUpdatedAt_desc`, `createdAt_asc`, `dueAt` (desc by default).
    /// A trailing `,id_…` (as echoed in answers) is accepted; other extra fields are not supported.
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut parts = s.split(',').map(str::trim).filter(|p| !p.is_empty());
        let first = parts.next().ok_or_else(|| "orderBy is empty".to_owned())?;
        let (name, dir) = first.split_once('_').unwrap_or((first, "desc"));
        let field = OrderField::parse(name)
            .ok_or_else(|| format!("'{name}' is not a valid order field; expected createdAt, updatedAt, contentUpdatedAt or dueAt"))?;
        let descending = match dir.to_ascii_lowercase().as_str() {
            "desc" => true,
            "asc" => false,
            other => return Err(format!("'{other}' is not a valid order direction; expected asc or desc")),
        };
        for extra in parts {
            if !extra.to_ascii_lowercase().starts_with("id_") {
                return Err(format!("ordering by more than one field ('{extra}') is not supported"));
            }
        }
        Ok(Self { field, descending })
    }

    fn dir(self) -> &'static str {
        if self.descending {
            "desc"
        } else {
            "asc"
        }
    }
}

impl fmt::Display for OrderBy {
    /// The form Dialogporten echoes: `contentupdatedat_desc,id_desc`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}_{},id_{}", self.field.key(), self.dir(), self.dir())
    }
}

/// Where the next page starts: the last row's sort value (none for a missing due date) and id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContinuationToken {
    pub field: OrderField,
    pub value: Option<UtcDateTime>,
    pub id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the continuation token is malformed")]
    Malformed,
    #[error("the continuation token was made for another orderBy; send the same orderBy with the token")]
    WrongOrder,
}

impl ContinuationToken {
    pub fn parse(s: &str, order: OrderBy) -> Result<Self, TokenError> {
        let (key_part, id_part) = s.rsplit_once(",id_").ok_or(TokenError::Malformed)?;
        let (name, value) = key_part.split_once('_').ok_or(TokenError::Malformed)?;
        let field = OrderField::parse(name).ok_or(TokenError::Malformed)?;
        if field != order.field {
            return Err(TokenError::WrongOrder);
        }
        let value = match value {
            "null" => None,
            v => Some(UtcDateTime::parse(v).map_err(|_| TokenError::Malformed)?),
        };
        let id = Uuid::parse_str(id_part).map_err(|_| TokenError::Malformed)?;
        Ok(Self { field, value, id })
    }
}

impl fmt::Display for ContinuationToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value {
            Some(v) => write!(f, "{}_{},id_{}", self.field.key(), v, self.id),
            None => write!(f, "{}_null,id_{}", self.field.key(), self.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_by_parses_and_echoes_like_dialogporten() {
        assert_eq!(OrderBy::default().to_string(), "contentupdatedat_desc,id_desc");
        let o = OrderBy::parse("createdAt_asc").unwrap();
        assert_eq!(o.to_string(), "createdat_asc,id_asc");
        assert_eq!(OrderBy::parse("contentupdatedat_desc,id_desc").unwrap(), OrderBy::default());
        assert!(OrderBy::parse("title_asc").is_err());
        assert!(OrderBy::parse("createdAt_up").is_err());
        assert!(OrderBy::parse("createdAt_asc,dueAt_desc").is_err());
    }

    #[test]
    fn tokens_round_trip_and_must_match_the_order() {
        let example = "createdat_2024-07-31T09:09:03.0257090Z,id_0c089101-b7cf-a476-955c-f00a78d74a4e";
        let order = OrderBy { field: OrderField::CreatedAt, descending: true };
        let t = ContinuationToken::parse(example, order).unwrap();
        assert_eq!(t.to_string(), example);
        assert_eq!(ContinuationToken::parse(example, OrderBy::default()), Err(TokenError::WrongOrder));
        assert_eq!(ContinuationToken::parse("garbage", order), Err(TokenError::Malformed));
        assert_eq!(ContinuationToken::parse("createdat_x,id_y", order), Err(TokenError::Malformed));
        let due = OrderBy { field: OrderField::DueAt, descending: false };
        let t = ContinuationToken { field: OrderField::DueAt, value: None, id: Uuid::nil() };
        assert_eq!(ContinuationToken::parse(&t.to_string(), due), Ok(t));
    }
}
