//! The end-user search request: parse and validate query parameters the way Dialogporten does,
//! collecting every field error (so a client sees them all at once).

use dialogporten::{ContinuationToken, DialogStatus, OrderBy, PartyUrn, SystemLabel, TokenError, UtcDateTime};

use super::{uri::is_well_formed_uri, DomainError, FieldErrors};
use crate::store::{Deleted, DialogFilter};

pub const MAX_PARTIES: usize = 100;
pub const MAX_PARTIES_SERVICE_OWNER: usize = 20;
pub const MAX_SERVICE_RESOURCES: usize = 20;
pub const MAX_ORGS: usize = 20;
pub const MAX_EXTENDED_STATUSES: usize = 20;
pub const DEFAULT_LIMIT: u32 = 100;
pub const MAX_LIMIT: u32 = 1000;
pub const MIN_SEARCH_LEN: usize = 3;

/// A parsed request before authorization narrows the parties.
pub struct SearchRequest {
    pub filter: DialogFilter,
    pub requested_parties: Vec<String>,
}

/// Who searches: end users and service owners share most parameters; these differ.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    EndUser,
    ServiceOwner,
}

/// `pairs` are the raw query parameters, repeated keys allowed (`party=a&party=b`).
pub fn parse(pairs: &[(String, String)], now: UtcDateTime) -> Result<SearchRequest, DomainError> {
    parse_for(pairs, now, Audience::EndUser)
}

/// A token that does not read is keyed by the query parameter; one made for another order by
/// `ContinuationToken`, as Dialogporten keys them.
pub fn token_error_key(e: &TokenError) -> &'static str {
    match e {
        TokenError::Malformed(_) => "continuationToken",
        TokenError::WrongOrder(_) => "ContinuationToken",
    }
}

pub fn parse_for(pairs: &[(String, String)], now: UtcDateTime, audience: Audience) -> Result<SearchRequest, DomainError> {
    let owner = audience == Audience::ServiceOwner;
    let max_parties = if owner { MAX_PARTIES_SERVICE_OWNER } else { MAX_PARTIES };
    let mut e = FieldErrors::default();
    let mut f = DialogFilter::new(now, DEFAULT_LIMIT);
    let mut parties = Vec::new();
    let mut token = None;
    // The service owner acting for an end user (validated by the caller): enables free text.
    let end_user = owner && pairs.iter().any(|(k, _)| k.eq_ignore_ascii_case("enduserid"));
    for (key, value) in pairs {
        // ASP.NET binds query names case-insensitively.
        match key.to_ascii_lowercase().as_str() {
            "party" => match PartyUrn::parse(value) {
                Ok(p) => parties.push(p.to_string()),
                Err(err) => e.add("party", err.to_string()),
            },
            "serviceresource" => {
                if value.to_ascii_lowercase().starts_with("urn:altinn:resource:") {
                    f.service_resources.push(value.clone());
                } else {
                    e.add("serviceResource", format!("'{value}' must start with urn:altinn:resource:"));
                }
            }
            "org" if !owner => f.orgs.push(value.to_ascii_lowercase()),
            "deleted" if owner => match value.to_ascii_lowercase().as_str() {
                "exclude" => f.deleted = Deleted::Exclude,
                "include" => f.deleted = Deleted::Include,
                "only" => f.deleted = Deleted::Only,
                _ => e.add("deleted", format!("'{value}' is not a valid Deleted value; expected Exclude, Include or Only.")),
            },
            "visibleafter" if owner => date(&mut e, "visibleAfter", value, &mut f.visible_after),
            "visiblebefore" if owner => date(&mut e, "visibleBefore", value, &mut f.visible_before),
            "serviceownerlabels" if owner => {
                let label = value.trim().to_lowercase();
                let n = label.chars().count();
                if !(3..=255).contains(&n) {
                    e.add(
                        "serviceOwnerLabels",
                        format!("The length of 'ServiceOwnerLabels' must be between 3 and 255 characters. You entered {n} characters."),
                    );
                } else if label.trim_end_matches('*').contains('*') {
                    e.add("serviceOwnerLabels", "'*' is only allowed at the end of a label, for a prefix search.");
                } else {
                    f.service_owner_labels.push(label);
                }
            }
            "extendedstatus" => f.extended_statuses.push(value.clone()),
            "externalreference" => f.external_reference = Some(value.clone()),
            "process" if !is_well_formed_uri(value) => e.add("process", "'Process' is not a well-formatted URI."),
            "process" => f.process = Some(value.to_lowercase()),
            "status" => match value.parse::<DialogStatus>() {
                Ok(s) => f.statuses.push(s),
                Err(err) => e.add("status", err.to_string()),
            },
            "systemlabel" => match value.parse::<SystemLabel>() {
                Ok(l) => f.system_labels.push(l),
                Err(err) => e.add("systemLabel", err.to_string()),
            },
            "createdafter" => date(&mut e, "createdAfter", value, &mut f.created_after),
            "createdbefore" => date(&mut e, "createdBefore", value, &mut f.created_before),
            "updatedafter" => date(&mut e, "updatedAfter", value, &mut f.updated_after),
            "updatedbefore" => date(&mut e, "updatedBefore", value, &mut f.updated_before),
            "contentupdatedafter" => date(&mut e, "contentUpdatedAfter", value, &mut f.content_updated_after),
            "contentupdatedbefore" => date(&mut e, "contentUpdatedBefore", value, &mut f.content_updated_before),
            "dueafter" => date(&mut e, "dueAfter", value, &mut f.due_after),
            "duebefore" => date(&mut e, "dueBefore", value, &mut f.due_before),
            "search" => {
                if value.trim().chars().count() < MIN_SEARCH_LEN {
                    e.add("search", format!("The search string must be at least {MIN_SEARCH_LEN} characters long."));
                } else {
                    f.search = Some(value.trim().to_lowercase());
                }
            }
            "iscontentseen" => boolean(&mut e, "isContentSeen", value, |b| f.is_content_seen = Some(b)),
            "excludeapionly" => boolean(&mut e, "excludeApiOnly", value, |b| f.exclude_api_only = b),
            "limit" => match value.parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => f.limit = n,
                _ => e.add("limit", format!("Limit must be a whole number from 1 to {MAX_LIMIT}.")),
            },
            "orderby" => match OrderBy::parse(value) {
                Ok(o) => f.order = o,
                Err(err) => e.add(key.as_str(), err.to_string()),
            },
            "continuationtoken" => token = Some(value.clone()),
            _ => {}
        }
    }
    if let Some(t) = token.filter(|t| !t.is_empty()) {
        match ContinuationToken::parse(&t, &f.order) {
            Ok(t) => f.after = Some(t),
            Err(err) => e.add(token_error_key(&err), err.to_string()),
        }
    }
    if parties.len() > max_parties {
        e.add("party", format!("At most {max_parties} parties can be searched at once."));
    }
    if owner && f.search.is_some() && !end_user {
        e.add("search", "'EndUserId' must be specified if Search is provided.");
    }
    if end_user && parties.is_empty() && f.service_resources.is_empty() {
        e.add("endUserId", "Either 'ServiceResource' or 'Party' must be specified if 'EndUserId' is provided.");
    }
    if f.service_resources.len() > MAX_SERVICE_RESOURCES {
        e.add("serviceResource", format!("At most {MAX_SERVICE_RESOURCES} service resources can be searched at once."));
    }
    if f.extended_statuses.len() > MAX_EXTENDED_STATUSES {
        e.add("extendedStatus", format!("At most {MAX_EXTENDED_STATUSES} extended statuses can be searched at once."));
    }
    if f.orgs.len() > MAX_ORGS {
        e.add("org", format!("At most {MAX_ORGS} service owners can be searched at once."));
    }
    if !owner && parties.is_empty() && f.service_resources.is_empty() {
        e.add("party", "Either Party or ServiceResource must be specified.");
    }
    for (key, name, after, before) in [
        ("createdAfter", "Created", f.created_after, f.created_before),
        ("updatedAfter", "Updated", f.updated_after, f.updated_before),
        ("contentUpdatedAfter", "ContentUpdated", f.content_updated_after, f.content_updated_before),
        ("dueAfter", "Due", f.due_after, f.due_before),
    ] {
        if let (Some(a), Some(b)) = (after, before) {
            e.check(a <= b, key, format!("'{name}After' must be less than or equal to '{name}Before'."));
        }
    }
    e.into_result()?;
    Ok(SearchRequest { filter: f, requested_parties: parties })
}

fn date(e: &mut FieldErrors, field: &str, value: &str, slot: &mut Option<UtcDateTime>) {
    match UtcDateTime::parse(value) {
        Ok(d) => *slot = Some(d),
        Err(err) => e.add(field, err.to_string()),
    }
}

fn boolean(e: &mut FieldErrors, field: &str, value: &str, set: impl FnOnce(bool)) {
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
        parse(p, UtcDateTime::from_unix_seconds(1_800_000_000).expect("2027"))
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
        assert_eq!(fields, ["createdAfter", "limit", "party", "search", "status"]);
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
        assert!(matches!(r, Err(DomainError::Validation(e)) if e.contains_key("dueAfter")));
    }
}
