//! End-user search results, ordering and continuation tokens.
//!
//! Tokens keep Dialogporten's readable shape (`contentupdatedat_2024-07-31T09:09:03.0257090Z,id_<uuid>`):
//! the last row's sort keys and id, so the next page starts strictly after it however the data changes.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    dialog::{Activity, EndUserContext, SeenLog},
    ContentValue, DialogStatus, SystemLabel, UtcDateTime,
};

/// `V1EndUserDialogsQueriesSearch_Content`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchDialogContent {
    pub title: ContentValue,
    #[serde(default)]
    pub summary: Option<ContentValue>,
    #[serde(default)]
    pub sender_name: Option<ContentValue>,
    #[serde(default)]
    pub extended_status: Option<ContentValue>,
    /// Service-owner view only.
    #[serde(default)]
    pub non_sensitive_title: Option<ContentValue>,
    #[serde(default)]
    pub non_sensitive_summary: Option<ContentValue>,
}

/// `V1EndUserDialogsQueriesSearch_Dialog`: one row of `GET /api/v1/enduser/dialogs`.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchDialog {
    pub id: Uuid,
    pub org: String,
    pub service_resource: String,
    pub service_resource_type: String,
    pub party: String,
    #[serde(default)]
    pub progress: Option<i32>,
    #[serde(default)]
    pub process: Option<String>,
    #[serde(default)]
    pub preceding_process: Option<String>,
    #[serde(default)]
    pub gui_attachment_count: Option<i32>,
    #[serde(default)]
    pub extended_status: Option<String>,
    #[serde(default)]
    pub external_reference: Option<String>,
    pub created_at: UtcDateTime,
    pub updated_at: UtcDateTime,
    pub content_updated_at: UtcDateTime,
    #[serde(default)]
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
    #[serde(default)]
    pub latest_activity: Option<Activity>,
    pub content: SearchDialogContent,
    pub end_user_context: EndUserContext,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub seen_since_last_update: Vec<SeenLog>,
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub seen_since_last_content_update: Vec<SeenLog>,
}

/// `PaginatedListOf…`: a page of results.
#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaginatedList<T> {
    #[serde(default = "Vec::new", skip_serializing_if = "crate::is_empty")]
    pub items: Vec<T>,
    #[serde(default)]
    pub has_next_page: bool,
    #[serde(default)]
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

/// A search's order, as Dialogporten's `OrderSet`: one or more date fields, each ascending or
/// descending, then the id (descending unless `id_asc` is asked for) that breaks every tie.
/// `dueAt_desc,updatedAt_desc` sorts by due date, then by update, then by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderBy {
    /// Never empty, each field once.
    pub fields: Vec<(OrderField, Direction)>,
    pub id: Direction,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

impl Direction {
    fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "asc" | "1" => Some(Self::Ascending),
            "desc" | "2" => Some(Self::Descending),
            _ => None,
        }
    }

    pub fn is_descending(self) -> bool {
        self == Self::Descending
    }

    fn key(self) -> &'static str {
        match self {
            Self::Ascending => "asc",
            Self::Descending => "desc",
        }
    }
}

impl Default for OrderBy {
    fn default() -> Self {
        Self { fields: vec![(OrderField::ContentUpdatedAt, Direction::Descending)], id: Direction::Descending }
    }
}

/// An `orderBy` that does not parse: Dialogporten's model-binding message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Value [{0}] is not valid for a [OrderSet`2] property!")]
pub struct OrderError(String);

impl OrderBy {
    /// Parses `dueAt_desc,updatedAt_asc` (comma-separated, trimmed; direction desc when left out;
    /// names and directions in any case; `id` may be given, and goes last). Refused: an unknown
    /// field or direction, a field twice, nothing at all.
    pub fn parse(s: &str) -> Result<Self, OrderError> {
        let fail = || OrderError(s.to_owned());
        let mut fields: Vec<(OrderField, Direction)> = Vec::new();
        let mut id = None;
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, dir) = part.split_once('_').unwrap_or((part, "desc"));
            let dir = Direction::parse(dir).ok_or_else(fail)?;
            if name == "id" {
                if id.replace(dir).is_some() {
                    return Err(fail());
                }
                continue;
            }
            let field = OrderField::parse(name).ok_or_else(fail)?;
            if fields.iter().any(|(f, _)| *f == field) {
                return Err(fail());
            }
            fields.push((field, dir));
        }
        if fields.is_empty() && id.is_none() {
            return Err(fail());
        }
        if fields.is_empty() {
            fields = Self::default().fields;
        }
        Ok(Self { fields, id: id.unwrap_or(Direction::Descending) })
    }
}

impl fmt::Display for OrderBy {
    /// The form Dialogporten echoes: `dueat_desc,updatedat_asc,id_desc`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (field, dir) in &self.fields {
            write!(f, "{}_{},", field.key(), dir.key())?;
        }
        write!(f, "id_{}", self.id.key())
    }
}

/// Where the next page starts: the last row's value of each order field (none for a missing due
/// date) and its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContinuationToken {
    /// In the order's field order.
    pub values: Vec<Option<UtcDateTime>>,
    pub id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("Value [{0}] is not valid for a [ContinuationTokenSet`2] property!")]
    Malformed(String),
    /// Keyed `ContinuationToken`, as Dialogporten keys it.
    #[error("ContinuationToken does not match OrderBy. Missing token keys: [{0}].")]
    WrongOrder(String),
}

impl ContinuationToken {
    /// Reads `dueat_,updatedat_2024-07-31T09:09:03.0257090Z,id_<uuid>` for `order` (an empty
    /// value is a missing due date; `null`, which earlier versions wrote, is read as one too).
    pub fn parse(s: &str, order: &OrderBy) -> Result<Self, TokenError> {
        let malformed = || TokenError::Malformed(s.to_owned());
        let mut parts = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part.split_once('_').ok_or_else(malformed)?;
            parts.push((key.to_ascii_lowercase(), value));
        }
        let value_of = |key: &str| parts.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
        let missing: Vec<&str> = order.fields.iter().map(|(f, _)| f.key()).chain(["id"]).filter(|k| value_of(k).is_none()).collect();
        if !missing.is_empty() {
            return Err(TokenError::WrongOrder(missing.join(",")));
        }
        let mut values = Vec::with_capacity(order.fields.len());
        for (field, _) in &order.fields {
            values.push(match value_of(field.key()) {
                Some("" | "null") | None => None,
                Some(v) => Some(UtcDateTime::parse(v).map_err(|_| malformed())?),
            });
        }
        let id = value_of("id").and_then(|v| Uuid::parse_str(v).ok()).ok_or_else(malformed)?;
        Ok(Self { values, id })
    }

    /// The token as Dialogporten writes it, for `order`'s fields.
    pub fn write(&self, order: &OrderBy) -> String {
        let mut out = String::new();
        for ((field, _), value) in order.fields.iter().zip(&self.values) {
            out.push_str(field.key());
            out.push('_');
            if let Some(v) = value {
                out.push_str(&v.to_string());
            }
            out.push(',');
        }
        out.push_str(&format!("id_{}", self.id));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_by_parses_and_echoes_like_dialogporten() {
        assert_eq!(OrderBy::default().to_string(), "contentupdatedat_desc,id_desc");
        assert_eq!(OrderBy::parse("createdAt_asc").unwrap().to_string(), "createdat_asc,id_desc");
        assert_eq!(OrderBy::parse("contentupdatedat_desc,id_desc").unwrap(), OrderBy::default());
        assert_eq!(OrderBy::parse(" dueAt_desc , UPDATEDAT_asc,").unwrap().to_string(), "dueat_desc,updatedat_asc,id_desc");
        assert_eq!(OrderBy::parse("id_asc,createdAt").unwrap().to_string(), "createdat_desc,id_asc", "id goes last");
        assert_eq!(OrderBy::parse("id_asc").unwrap().to_string(), "contentupdatedat_desc,id_asc", "a date field first");
        for bad in ["title_asc", "createdAt_up", "createdAt_asc_x", "dueAt,dueAt_asc", "", " , "] {
            assert_eq!(OrderBy::parse(bad), Err(OrderError(bad.to_owned())), "{bad}");
        }
    }

    #[test]
    fn tokens_round_trip_and_must_match_the_order() {
        let example = "createdat_2024-07-31T09:09:03.0257090Z,id_0c089101-b7cf-a476-955c-f00a78d74a4e";
        let order = OrderBy::parse("createdAt").unwrap();
        let t = ContinuationToken::parse(example, &order).unwrap();
        assert_eq!(t.write(&order), example);
        assert_eq!(ContinuationToken::parse(example, &OrderBy::default()), Err(TokenError::WrongOrder("contentupdatedat".into())));
        assert!(matches!(ContinuationToken::parse("garbage", &order), Err(TokenError::Malformed(_))));
        assert!(matches!(ContinuationToken::parse("createdat_x,id_y", &order), Err(TokenError::Malformed(_))));
        let two = OrderBy::parse("dueAt_asc,updatedAt_desc").unwrap();
        let t = ContinuationToken { values: vec![None, Some(UtcDateTime::parse("2024-07-31T09:09:03Z").unwrap())], id: Uuid::nil() };
        let text = t.write(&two);
        assert!(text.starts_with("dueat_,updatedat_2024-07-31T09:09:03"), "{text}");
        assert_eq!(ContinuationToken::parse(&text, &two), Ok(t));
        assert_eq!(
            ContinuationToken::parse("dueat_null,id_00000000-0000-0000-0000-000000000000", &OrderBy::parse("dueAt").unwrap())
                .unwrap()
                .values,
            vec![None],
            "tokens written by earlier versions still read"
        );
    }
}
