//! The service-owner search as URL state: every filter of the service-owner search API that the
//! workspace offers, under the API's own parameter names, so a URL reads like the API call it
//! makes. Dates are whole days in the URL (`createdAfter=2025-01-31`) and local-day boundaries in
//! the API call. A person's identity number never goes into the URL: the party filter there takes
//! organisation numbers only, and the end user a free-text search is made for (`endUserId`, a
//! person) is kept for the tab in sessionStorage, never in the URL.

use dialogporten::{Day, DialogStatus, SystemLabel, UtcDateTime};

use crate::{i18n::Key, list_query::encode};

/// What a filter holds, which decides its input and how it becomes an API value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A day; `after` filters start at its beginning, `before` filters at the next day's.
    Day {
        before: bool,
    },
    /// One of these values (first = none).
    Choice(&'static [Choice]),
    /// An organisation number, sent as a party URN.
    Organisation,
    /// One of the service owner's own service resources (a URN).
    Resource,
}

#[derive(Clone, Copy, Debug)]
pub struct Filter {
    pub key: &'static str,
    pub label: Key,
    pub kind: Kind,
}

/// A value on the wire and the text shown for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: &'static str,
    pub text: Key,
}

const fn choice(value: &'static str, text: Key) -> Choice {
    Choice { value, text }
}

const STATUSES: &[Choice] = &[
    choice("", k!("filter.any")),
    choice("NotApplicable", k!("status.NotApplicable")),
    choice("InProgress", k!("status.InProgress")),
    choice("Draft", k!("status.Draft")),
    choice("Awaiting", k!("status.Awaiting")),
    choice("RequiresAttention", k!("status.RequiresAttention")),
    choice("Completed", k!("status.Completed")),
];
const LABELS: &[Choice] = &[
    choice("", k!("filter.any")),
    choice("Default", k!("so.label.Default")),
    choice("Archive", k!("so.label.Archive")),
    choice("Bin", k!("so.label.Bin")),
    choice("Sent", k!("so.label.Sent")),
    choice("MarkedAsUnopened", k!("so.label.MarkedAsUnopened")),
];
const DELETED: &[Choice] =
    &[choice("", k!("so.deleted.exclude")), choice("Include", k!("so.deleted.include")), choice("Only", k!("so.deleted.only"))];
/// The orders a search may ask for; the first is the default.
pub const SORTS: &[Choice] = &[
    choice("updatedAt_desc", k!("so.sort.updatedAt_desc")),
    choice("updatedAt_asc", k!("so.sort.updatedAt_asc")),
    choice("createdAt_desc", k!("so.sort.createdAt_desc")),
    choice("createdAt_asc", k!("so.sort.createdAt_asc")),
    choice("dueAt_asc", k!("so.sort.dueAt_asc")),
    choice("dueAt_desc", k!("so.sort.dueAt_desc")),
];

pub const FILTERS: &[Filter] = &[
    Filter { key: "search", label: k!("so.filter.search"), kind: Kind::Text },
    Filter { key: "party", label: k!("so.filter.party"), kind: Kind::Organisation },
    Filter { key: "serviceResource", label: k!("so.fact.resource"), kind: Kind::Resource },
    Filter { key: "status", label: k!("filter.status"), kind: Kind::Choice(STATUSES) },
    Filter { key: "systemLabel", label: k!("so.filter.system_label"), kind: Kind::Choice(LABELS) },
    Filter { key: "extendedStatus", label: k!("so.status.extended"), kind: Kind::Text },
    Filter { key: "externalReference", label: k!("so.external_reference"), kind: Kind::Text },
    Filter { key: "process", label: k!("so.filter.process"), kind: Kind::Text },
    Filter { key: "serviceOwnerLabels", label: k!("so.fact.labels"), kind: Kind::Text },
    Filter { key: "createdAfter", label: k!("so.filter.created_after"), kind: Kind::Day { before: false } },
    Filter { key: "createdBefore", label: k!("so.filter.created_before"), kind: Kind::Day { before: true } },
    Filter { key: "updatedAfter", label: k!("so.filter.updated_after"), kind: Kind::Day { before: false } },
    Filter { key: "updatedBefore", label: k!("so.filter.updated_before"), kind: Kind::Day { before: true } },
    Filter { key: "dueAfter", label: k!("so.filter.due_after"), kind: Kind::Day { before: false } },
    Filter { key: "dueBefore", label: k!("so.filter.due_before"), kind: Kind::Day { before: true } },
    Filter { key: "deleted", label: k!("so.deleted"), kind: Kind::Choice(DELETED) },
];

/// The chosen filters (key → value as in the URL) and the order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnerQuery {
    pub values: Vec<(&'static str, String)>,
    pub order_by: Option<&'static str>,
}

fn valid(kind: Kind, v: &str) -> bool {
    match kind {
        Kind::Text => !v.trim().is_empty(),
        Kind::Day { .. } => Day::parse(v).is_some(),
        Kind::Choice(allowed) => !v.is_empty() && allowed.iter().any(|c| c.value == v),
        Kind::Organisation => v.len() == 9 && v.bytes().all(|b| b.is_ascii_digit()),
        Kind::Resource => v.starts_with("urn:altinn:resource:") && v.len() > "urn:altinn:resource:".len(),
    }
}

impl OwnerQuery {
    /// From URL pairs; unknown keys and malformed values are dropped (a person number too).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = OwnerQuery::default();
        for (k, v) in pairs {
            if k == "orderBy" {
                q.order_by = SORTS.iter().map(|c| c.value).find(|s| *s == v);
            } else if let Some(f) = FILTERS.iter().find(|f| f.key == k).filter(|f| valid(f.kind, v.trim())) {
                q.set(f.key, v.trim());
            }
        }
        q
    }

    pub fn get(&self, key: &str) -> &str {
        self.values.iter().find(|(k, _)| *k == key).map_or("", |(_, v)| v.as_str())
    }

    /// Sets (or with an empty or invalid value, clears) one filter.
    pub fn set(&mut self, key: &'static str, value: &str) {
        self.values.retain(|(k, _)| *k != key);
        if let Some(f) = FILTERS.iter().find(|f| f.key == key).filter(|f| valid(f.kind, value.trim())) {
            self.values.push((f.key, value.trim().to_owned()));
            // Keep the URL's order stable: the table's order.
            self.values.sort_by_key(|(k, _)| FILTERS.iter().position(|f| f.key == *k));
        }
    }

    pub fn to_url_query(&self) -> String {
        let mut pairs: Vec<String> = self.values.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        pairs.extend(self.order_by.map(|o| format!("orderBy={o}")));
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }

    /// The service-owner search's parameters, with days as instants in this browser's zone.
    pub fn api_pairs(&self, offset_at: &dyn Fn(UtcDateTime) -> i32) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = self
            .values
            .iter()
            .filter_map(|(k, v)| {
                let kind = FILTERS.iter().find(|f| f.key == *k)?.kind;
                let value = match kind {
                    Kind::Day { before } => {
                        let day = Day::parse(v)?;
                        let day = if before { day.plus_days(1) } else { day };
                        day.start_in(offset_at)?.to_string()
                    }
                    Kind::Organisation => format!("urn:altinn:organization:identifier-no:{v}"),
                    Kind::Text | Kind::Choice(_) | Kind::Resource => v.clone(),
                };
                Some((*k, value))
            })
            .collect();
        out.push(("orderBy", self.order_by.unwrap_or(SORTS[0].value).to_owned()));
        out
    }

    pub fn is_filtered(&self) -> bool {
        !self.values.is_empty()
    }
}

/// Status and label choices are the wire enums' names; checked so a rename cannot slip by.
pub fn choices_are_wire_values() -> bool {
    STATUSES.iter().skip(1).all(|c| c.value.parse::<DialogStatus>().is_ok())
        && LABELS.iter().skip(1).all(|c| c.value.parse::<SystemLabel>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_round_trip_through_the_url_and_junk_is_dropped() {
        let q = OwnerQuery::from_pairs([
            ("status", "Completed"),
            ("party", "12345678901"),
            ("party", "310000001"),
            ("createdAfter", "2025-01-31"),
            ("dueBefore", "not a day"),
            ("bogus", "x"),
            ("serviceResource", "skattemelding"),
            ("orderBy", "dueAt_asc"),
        ]);
        assert_eq!(q.get("party"), "310000001", "a person number never stays in the URL");
        assert_eq!(q.get("dueBefore"), "");
        assert_eq!(q.get("serviceResource"), "", "only resource URNs");
        assert_eq!(q.to_url_query(), "?party=310000001&status=Completed&createdAfter=2025-01-31&orderBy=dueAt_asc");
        let api = q.api_pairs(&|_| 60);
        assert!(api.contains(&("createdAfter", "2025-01-30T23:00:00.0000000Z".into())), "{api:?}");
        assert!(api.contains(&("party", "urn:altinn:organization:identifier-no:310000001".into())));
        assert!(choices_are_wire_values());
    }

    #[test]
    fn before_days_include_the_whole_day() {
        let q = OwnerQuery::from_pairs([("updatedBefore", "2025-12-31")]);
        assert_eq!(q.api_pairs(&|_| 0)[0], ("updatedBefore", "2026-01-01T00:00:00.0000000Z".into()));
        assert_eq!(q.api_pairs(&|_| 0)[1], ("orderBy", "updatedAt_desc".into()), "newest first by default");
    }
}
