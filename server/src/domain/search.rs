//! The end-user search request: parse and validate query parameters the way Dialogporten does,
//! collecting every field error (so a client sees them all at once).

use std::collections::BTreeMap;

use dialogporten::{ContinuationToken, DialogStatus, OrderBy, PartyUrn, SystemLabel, UtcDateTime};

use super::DomainError;
use crate::store::DialogFilter;

pub const MAX_PARTIES: usize = 100;
pub const MAX_SERVICE_RESOURCES: usize = 20;
pub const MAX_ORGS: usize = 20;
pub const MAX_EXTENDED_STATUSES: usize = 20;
pub const DEFAULT_LIMIT: u32 = 100;
pub const MAX_LIMIT: u32 = 1000;
pub const MIN_SEARCH_LEN: usize = 3;

#[derive(Default)]
struct Errors(BTreeMap<String, Vec<String>>);

impl Errors {
    fn add(&mut self, field: &str, msg: impl Into<String>) {
        self.0.entry(field.to_owned()).or_default().push(msg.into());
    }
}

/// A parsed request before authorization narrows the parties.
pub struct SearchRequest {
    pub filter: DialogFilter,
    pub requested_parties: Vec<String>,
}

/// `pairs` are the raw query parameters, repeated keys allowed (`party=a&party=b`).
pub fn parse(pairs: &[(String, String)], now: UtcDateTime) -> Result<SearchRequest, DomainError> {
    let mut e = Errors::default();
    let mut f = DialogFilter::new(now, DEFAULT_LIMIT);
    let mut parties = Vec::new();
    let mut token = None;
    for (key, value) in pairs {
        // ASP.NET binds query names case-insensitively.
        match key.to_ascii_lowercase().as_str() {
            "party" => match PartyUrn::parse(value) {
                Ok(p) => parties.push(p.to_string()),
                Err(err) => e.add("Party", err.to_string()),
            },
            "serviceresource" => {
                if value.to_ascii_lowercase().starts_with("urn:altinn:resource:") {
                    f.service_resources.push(value.clone());
                } else {
                    e.add("ServiceResource", format!("'{value}' must start with urn:altinn:resource:"));
                }
            }
            "org" => f.orgs.push(value.to_ascii_lowercase()),
            "extendedstatus" => f.extended_statuses.push(value.clone()),
            "externalreference" => f.external_reference = Some(value.clone()),
            "process" => f.process = Some(value.to_lowercase()),
            "status" => match value.parse::<DialogStatus>() {
                Ok(s) => f.statuses.push(s),
                Err(err) => e.add("Status", err.to_string()),
            },
            "systemlabel" => match value.parse::<SystemLabel>() {
                Ok(l) => f.system_labels.push(l),
                Err(err) => e.add("SystemLabel", err.to_string()),
            },
            "createdafter" => date(&mut e, "CreatedAfter", value, &mut f.created_after),
            "createdbefore" => date(&mut e, "CreatedBefore", value, &mut f.created_before),
            "updatedafter" => date(&mut e, "UpdatedAfter", value, &mut f.updated_after),
            "updatedbefore" => date(&mut e, "UpdatedBefore", value, &mut f.updated_before),
            "contentupdatedafter" => date(&mut e, "ContentUpdatedAfter", value, &mut f.content_updated_after),
            "contentupdatedbefore" => date(&mut e, "ContentUpdatedBefore", value, &mut f.content_updated_before),
            "dueafter" => date(&mut e, "DueAfter", value, &mut f.due_after),
            "duebefore" => date(&mut e, "DueBefore", value, &mut f.due_before),
            "search" => {
                if value.trim().chars().count() < MIN_SEARCH_LEN {
                    e.add("Search", format!("The search string must be at least {MIN_SEARCH_LEN} characters long."));
                } else {
                    f.search = Some(value.trim().to_lowercase());
                }
            }
            "iscontentseen" => boolean(&mut e, "IsContentSeen", value, |b| f.is_content_seen = Some(b)),
            "excludeapionly" => boolean(&mut e, "ExcludeApiOnly", value, |b| f.exclude_api_only = b),
            "limit" => match value.parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => f.limit = n,
                _ => e.add("Limit", format!("Limit must be a whole number from 1 to {MAX_LIMIT}.")),
            },
            "orderby" => match OrderBy::parse(value) {
                Ok(o) => f.order = o,
                Err(msg) => e.add("OrderBy", msg),
            },
            "continuationtoken" => token = Some(value.clone()),
            _ => {}
        }
    }
    if let Some(t) = token.filter(|t| !t.is_empty()) {
        match ContinuationToken::parse(&t, f.order) {
            Ok(t) => f.after = Some(t),
            Err(err) => e.add("ContinuationToken", err.to_string()),
        }
    }
    if parties.len() > MAX_PARTIES {
        e.add("Party", format!("At most {MAX_PARTIES} parties can be searched at once."));
    }
    if f.service_resources.len() > MAX_SERVICE_RESOURCES {
        e.add("ServiceResource", format!("At most {MAX_SERVICE_RESOURCES} service resources can be searched at once."));
    }
    if f.extended_statuses.len() > MAX_EXTENDED_STATUSES {
        e.add("ExtendedStatus", format!("At most {MAX_EXTENDED_STATUSES} extended statuses can be searched at once."));
    }
    if f.orgs.len() > MAX_ORGS {
        e.add("Org", format!("At most {MAX_ORGS} service owners can be searched at once."));
    }
    if parties.is_empty() && f.service_resources.is_empty() {
        e.add("Party", "Either Party or ServiceResource must be specified.");
    }
    for (name, after, before) in [
        ("CreatedAfter", f.created_after, f.created_before),
        ("UpdatedAfter", f.updated_after, f.updated_before),
        ("ContentUpdatedAfter", f.content_updated_after, f.content_updated_before),
        ("DueAfter", f.due_after, f.due_before),
    ] {
        if let (Some(a), Some(b)) = (after, before) {
            if a > b {
                e.add(name, format!("{name} must be before or equal to the matching 'Before' date."));
            }
        }
    }
    if !e.0.is_empty() {
        return Err(DomainError::Validation(e.0));
    }
    Ok(SearchRequest { filter: f, requested_parties: parties })
}

fn date(e: &mut Errors, field: &str, value: &str, slot: &mut Option<UtcDateTime>) {
    match UtcDateTime::parse(value) {
        Ok(d) => *slot = Some(d),
        Err(err) => e.add(field, err.to_string()),
    }
}

fn boolean(e: &mut Errors, field: &str, value: &str, set: impl FnOnce(bool)) {
    match value.to_ascii_lowercase().as_str() {
        "true" => set(true),
        "false" => set(false),
        _ => e.add(field, format!("'{value}' is not a valid boolean (true or false).")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_now(p: &[(String, String)]) -> Result<SearchRequest, DomainError> {
        parse(p, crate::domain::now())
    }

    fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
        q.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn collects_every_field_error() {
        let Err(DomainError::Validation(errors)) = parse_now(&pairs(&[
            ("party", "urn:altinn:organization:identifier-no:974760674"),
            ("status", "Sent"),
            ("limit", "0"),
            ("createdAfter", "2024-01-01"),
            ("search", "ab"),
        ])) else {
            panic!("expected validation errors");
        };
        let fields: Vec<&str> = errors.keys().map(String::as_str).collect();
        assert_eq!(fields, ["CreatedAfter", "Limit", "Party", "Search", "Status"]);
    }

    #[test]
    fn needs_a_party_or_service_resource() {
        assert!(matches!(parse_now(&pairs(&[("limit", "5")])), Err(DomainError::Validation(_))));
        let ok = parse_now(&pairs(&[("ServiceResource", "urn:altinn:resource:skattemelding"), ("limit", "5")])).unwrap();
        assert_eq!(ok.filter.limit, 5);
    }

    #[test]
    fn rejects_after_later_than_before() {
        let r = parse_now(&pairs(&[
            ("party", "urn:altinn:organization:identifier-no:974760673"),
            ("dueAfter", "2025-01-02T00:00:00Z"),
            ("dueBefore", "2025-01-01T00:00:00Z"),
        ]));
        assert!(matches!(r, Err(DomainError::Validation(e)) if e.contains_key("DueAfter")));
    }
}
