//! The list's search, filters and sort, kept in the URL so back/forward, reload and bookmarks
//! work: `?search=skatt&org=skd&status=RequiresAttention&unread=true&sort=due`.

use dialogporten::{Day, DialogStatus, Folder, UtcDateTime};

use crate::i18n::Key;
use crate::party_scope::ScopeKey;

/// The user's choice of order; `Updated` (newest first) is the default, as af.altinn.no shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Updated,
    UpdatedOldest,
    Due,
    Created,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Updated, Sort::UpdatedOldest, Sort::Due, Sort::Created];

    pub fn id(self) -> &'static str {
        match self {
            Sort::Updated => "updated",
            Sort::UpdatedOldest => "oldest",
            Sort::Due => "due",
            Sort::Created => "created",
        }
    }

    pub fn label_key(self) -> Key {
        match self {
            Sort::Updated => k!("sort.updated"),
            Sort::UpdatedOldest => k!("sort.oldest"),
            Sort::Due => k!("sort.due"),
            Sort::Created => k!("sort.created"),
        }
    }

    /// Dialogporten's `orderBy`.
    pub fn order_by(self) -> &'static str {
        match self {
            Sort::Updated => "contentUpdatedAt_desc",
            Sort::UpdatedOldest => "contentUpdatedAt_asc",
            Sort::Due => "dueAt_asc",
            Sort::Created => "createdAt_desc",
        }
    }

    fn from_id(id: &str) -> Option<Sort> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// The date filter on "content updated", as af.altinn.no offers it; days are the user's own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Period {
    #[default]
    Any,
    Today,
    Week,
    Month,
    Months6,
    Months12,
    OlderThanYear,
    /// From and to are whole days, both included; either may be open.
    Custom {
        from: Option<Day>,
        to: Option<Day>,
    },
}

impl Period {
    pub const CHOICES: [Period; 8] = [
        Period::Any,
        Period::Today,
        Period::Week,
        Period::Month,
        Period::Months6,
        Period::Months12,
        Period::OlderThanYear,
        Period::Custom { from: None, to: None },
    ];

    pub fn id(self) -> &'static str {
        match self {
            Period::Any => "",
            Period::Today => "today",
            Period::Week => "week",
            Period::Month => "month",
            Period::Months6 => "6m",
            Period::Months12 => "12m",
            Period::OlderThanYear => "older",
            Period::Custom { .. } => "custom",
        }
    }

    pub fn label_key(self) -> Key {
        match self {
            Period::Any => k!("date.any"),
            Period::Today => k!("date.today"),
            Period::Week => k!("date.week"),
            Period::Month => k!("date.month"),
            Period::Months6 => k!("date.6m"),
            Period::Months12 => k!("date.12m"),
            Period::OlderThanYear => k!("date.older"),
            Period::Custom { .. } => k!("date.custom"),
        }
    }

    /// Whether the period narrows the list: "choose a period" without dates does not (yet).
    pub fn narrows(self) -> bool {
        !matches!(self, Period::Any | Period::Custom { from: None, to: None })
    }

    fn from_id(id: &str) -> Option<Period> {
        Self::CHOICES.into_iter().find(|p| p.id() == id && *p != Period::Any)
    }

    /// `(after, before)` for `contentUpdatedAfter`/`contentUpdatedBefore`, with days starting at
    /// local midnight in the zone `offset_at` describes (each day with its own offset).
    pub fn bounds(self, now: UtcDateTime, offset_at: &dyn Fn(UtcDateTime) -> i32) -> (Option<UtcDateTime>, Option<UtcDateTime>) {
        let today = now.day_at(offset_at(now));
        let start = |d: Day| d.start_in(offset_at);
        let year_ago = today.months_back(12);
        match self {
            Period::Any => (None, None),
            Period::Today => (start(today), None),
            Period::Week => (start(today.plus_days(-today.days_from_monday())), None),
            Period::Month => (start(Day { day: 1, ..today }), None),
            Period::Months6 => (start(today.months_back(6)), None),
            Period::Months12 => (start(year_ago), None),
            Period::OlderThanYear => (None, start(year_ago)),
            Period::Custom { from, to } => (from.and_then(start), to.map(|d| d.plus_days(1)).and_then(start)),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub search: Option<String>,
    pub orgs: Vec<String>,
    /// Service resources by their id without `urn:altinn:resource:` (at most [`MAX_SERVICES`]).
    pub services: Vec<String>,
    pub statuses: Vec<DialogStatus>,
    pub unread_only: bool,
    pub period: Period,
    pub sort: Sort,
    /// A search from Innboks spans every folder (as af.altinn.no's does) unless narrowed to it.
    pub inbox_only: bool,
    /// Whose dialogs: kept in the same URL so every list link carries it.
    pub scope: ScopeKey,
}

/// Searches shorter than this are not sent (Dialogporten requires three characters).
pub const MIN_SEARCH: usize = 3;

/// What a typed search asks Dialogporten for. Dialogporten matches the whole search as one
/// phrase, so quotes a person types to mean "this phrase" would otherwise be searched for as
/// characters and find nothing: they are dropped, and runs of spaces become one.
pub fn phrase(typed: &str) -> String {
    const QUOTES: [char; 7] = ['"', '\u{201c}', '\u{201d}', '\u{201e}', '\u{ab}', '\u{bb}', '\u{2033}'];
    typed.split(|c: char| c.is_whitespace() || QUOTES.contains(&c)).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}
/// Dialogporten takes at most this many service resources per search (af.altinn.no's limit too).
pub const MAX_SERVICES: usize = 20;
const RESOURCE_PREFIX: &str = "urn:altinn:resource:";

/// Adds `value` unless it is there already; removes it when `on` is false.
pub fn toggle<T: PartialEq>(list: &mut Vec<T>, value: T, on: bool) {
    match (list.iter().position(|v| *v == value), on) {
        (None, true) => list.push(value),
        (Some(i), false) => {
            list.remove(i);
        }
        _ => {}
    }
}

impl ListQuery {
    /// From URL query pairs; unknown or malformed values are ignored rather than failing the page.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
        let mut q = ListQuery { scope: ScopeKey::from_pairs(pairs.iter().copied()), ..Default::default() };
        let (mut from, mut to) = (None, None);
        for (k, v) in pairs {
            match k {
                "search" if phrase(v).chars().count() >= MIN_SEARCH => q.search = Some(phrase(v)),
                "org" if !v.is_empty() => toggle(&mut q.orgs, v.to_ascii_lowercase(), true),
                "service" if !v.is_empty() && q.services.len() < MAX_SERVICES => {
                    toggle(&mut q.services, v.trim_start_matches(RESOURCE_PREFIX).to_owned(), true)
                }
                "status" => {
                    if let Ok(status) = v.parse::<DialogStatus>() {
                        toggle(&mut q.statuses, status, true);
                    }
                }
                "unread" => q.unread_only = v == "true",
                "sort" => q.sort = Sort::from_id(v).unwrap_or_default(),
                "date" => q.period = Period::from_id(v).unwrap_or_default(),
                "from" => from = Day::parse(v),
                "to" => to = Day::parse(v),
                "in" => q.inbox_only = v == "inbox",
                _ => {}
            }
        }
        if let Period::Custom { .. } = q.period {
            q.period = Period::Custom { from, to };
        }
        q
    }

    /// Back to URL query pairs, in a stable order, leaving out defaults.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(s) = &self.search {
            out.push(("search", s.clone()));
        }
        out.extend(self.orgs.iter().map(|o| ("org", o.clone())));
        out.extend(self.services.iter().map(|r| ("service", r.clone())));
        out.extend(self.statuses.iter().map(|s| ("status", s.as_str().to_owned())));
        if self.unread_only {
            out.push(("unread", "true".into()));
        }
        if self.period != Period::Any {
            out.push(("date", self.period.id().into()));
        }
        if let Period::Custom { from, to } = self.period {
            out.extend(from.map(|d| ("from", d.to_string())));
            out.extend(to.map(|d| ("to", d.to_string())));
        }
        if self.sort != Sort::default() {
            out.push(("sort", self.sort.id().into()));
        }
        if self.inbox_only && self.search.is_some() {
            out.push(("in", "inbox".into()));
        }
        out.extend(self.scope.to_pairs());
        out
    }

    /// Whether the list in `folder` searches every folder.
    pub fn spans_folders(&self, folder: Folder) -> bool {
        folder == Folder::Inbox && self.search.is_some() && !self.inbox_only
    }

    /// How many filters are on (the search not counted).
    pub fn filter_count(&self) -> usize {
        self.orgs.len() + self.services.len() + self.statuses.len() + usize::from(self.unread_only) + usize::from(self.period.narrows())
    }

    pub fn is_filtered(&self) -> bool {
        self.search.is_some() || self.filter_count() > 0
    }

    /// Dialogporten search parameters for this query within a folder. A status filter narrows the
    /// folder's own statuses (Utkast stays drafts only).
    pub fn api_filters(&self, folder: Folder, now: UtcDateTime, offset_at: &dyn Fn(UtcDateTime) -> i32) -> Vec<(&'static str, String)> {
        let everywhere = self.spans_folders(folder);
        let mut out = if everywhere { Vec::new() } else { vec![("systemLabel", folder.label().as_str().to_owned())] };
        let allowed = if everywhere { None } else { folder.statuses() };
        let statuses: Vec<DialogStatus> = match (allowed, self.statuses.is_empty()) {
            (Some(allowed), true) => allowed,
            (Some(allowed), false) => self.statuses.iter().copied().filter(|s| allowed.contains(s)).collect(),
            (None, _) => self.statuses.clone(),
        };
        if statuses.is_empty() && !self.statuses.is_empty() {
            // The chosen statuses cannot occur in this folder: ask for one that matches nothing here.
            out.push(("status", DialogStatus::Draft.as_str().to_owned()));
            out.push(("systemLabel", dialogporten::SystemLabel::Bin.as_str().to_owned()));
        }
        out.extend(statuses.into_iter().map(|s| ("status", s.as_str().to_owned())));
        out.extend(self.orgs.iter().map(|o| ("org", o.clone())));
        out.extend(self.services.iter().map(|r| ("serviceResource", format!("{RESOURCE_PREFIX}{r}"))));
        if let Some(s) = &self.search {
            out.push(("search", s.clone()));
        }
        if self.unread_only {
            out.push(("isContentSeen", "false".into()));
        }
        let (after, before) = self.period.bounds(now, offset_at);
        out.extend(after.map(|t| ("contentUpdatedAfter", t.to_string())));
        out.extend(before.map(|t| ("contentUpdatedBefore", t.to_string())));
        out.push(("orderBy", self.sort.order_by().into()));
        out
    }

    /// `?a=b&…` for links, or empty.
    pub fn to_url_query(&self) -> String {
        let pairs = self.to_pairs();
        if pairs.is_empty() {
            return String::new();
        }
        let encoded: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        format!("?{}", encoded.join("&"))
    }
}

/// Percent-encoding for query values (RFC 3986 unreserved characters kept).
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_url_and_ignores_junk() {
        let q = ListQuery::from_pairs([
            ("search", "skatt"),
            ("org", "SKD"),
            ("status", "Completed"),
            ("status", "Bogus"),
            ("unread", "true"),
            ("sort", "due"),
        ]);
        assert_eq!(q.orgs, vec!["skd"]);
        assert_eq!(q.statuses, vec![DialogStatus::Completed]);
        assert_eq!(ListQuery::from_pairs(q.to_pairs().iter().map(|(k, v)| (*k, v.as_str()))), q);
        assert_eq!(q.to_url_query(), "?search=skatt&org=skd&status=Completed&unread=true&sort=due");
        assert_eq!(ListQuery::from_pairs([("search", "ab")]).search, None, "too short to send");
        assert_eq!(ListQuery::from_pairs([("search", "æøå skatt")]).to_url_query(), "?search=%C3%A6%C3%B8%C3%A5%20skatt");
    }

    #[test]
    fn a_quoted_phrase_is_searched_as_the_phrase() {
        assert_eq!(phrase("\"melding om  skattetrekk\""), "melding om skattetrekk");
        assert_eq!(phrase("«Melding om» \u{201c}skattetrekk\u{201d} "), "Melding om skattetrekk");
        assert_eq!(ListQuery::from_pairs([("search", "\"ab\"")]).search, None, "two characters once the quotes are gone");
        assert_eq!(ListQuery::from_pairs([("search", "\"skatt\"")]).search.as_deref(), Some("skatt"));
    }

    #[test]
    fn several_senders_services_and_statuses_at_once() {
        let q = ListQuery::from_pairs([
            ("org", "skd"),
            ("org", "nav"),
            ("org", "SKD"),
            ("service", "urn:altinn:resource:skattemelding"),
            ("service", "foreldrepenger"),
            ("status", "Completed"),
            ("status", "Awaiting"),
        ]);
        assert_eq!(q.orgs, ["skd", "nav"], "each once");
        assert_eq!(q.services, ["skattemelding", "foreldrepenger"], "kept short in the URL");
        assert_eq!(q.to_url_query(), "?org=skd&org=nav&service=skattemelding&service=foreldrepenger&status=Completed&status=Awaiting");
        let f = q.api_filters(Folder::Inbox, UtcDateTime::parse("2026-11-23T10:00:00Z").unwrap(), &|_| 0);
        assert!(f.contains(&("serviceResource", "urn:altinn:resource:foreldrepenger".into())), "{f:?}");
        assert_eq!(f.iter().filter(|(k, _)| *k == "status").count(), 2);
        assert!(q.is_filtered());
        let many: Vec<(&str, String)> = (0..25).map(|i| ("service", format!("s{i}"))).collect();
        assert_eq!(ListQuery::from_pairs(many.iter().map(|(k, v)| (*k, v.as_str()))).services.len(), MAX_SERVICES);
    }

    #[test]
    fn a_search_from_the_inbox_spans_every_folder_unless_narrowed() {
        let now = UtcDateTime::parse("2026-11-23T10:00:00Z").unwrap();
        let q = ListQuery::from_pairs([("search", "skatt"), ("party", "all-organisations"), ("partyPage", "2")]);
        let f = q.api_filters(Folder::Inbox, now, &|_| 0);
        assert!(!f.iter().any(|(k, _)| *k == "systemLabel" || *k == "status"), "{f:?}");
        assert!(q.api_filters(Folder::Archive, now, &|_| 0).contains(&("systemLabel", "Archive".into())));
        let narrowed = ListQuery::from_pairs([("search", "skatt"), ("in", "inbox")]);
        assert!(narrowed.api_filters(Folder::Inbox, now, &|_| 0).contains(&("systemLabel", "Default".into())));
        assert_eq!(q.to_url_query(), "?search=skatt&party=all-organisations&partyPage=2", "the scope travels with the list");
        assert_eq!(narrowed.to_url_query(), "?search=skatt&in=inbox");
        assert!(!ListQuery::from_pairs([("party", "310000001")]).is_filtered(), "a party is no filter");
    }

    #[test]
    fn status_filter_narrows_the_folder() {
        let q = ListQuery { statuses: vec![DialogStatus::Completed, DialogStatus::Draft], ..Default::default() };
        let now = UtcDateTime::parse("2026-11-23T10:00:00Z").unwrap();
        let inbox = q.api_filters(Folder::Inbox, now, &|_| 0);
        assert!(inbox.contains(&("status", "Completed".into())) && !inbox.contains(&("status", "Draft".into())));
        let q = ListQuery { statuses: vec![DialogStatus::Completed], unread_only: true, ..Default::default() };
        let drafts = q.api_filters(Folder::Drafts, now, &|_| 0);
        assert!(drafts.contains(&("systemLabel", "Bin".into())), "nothing matches: {drafts:?}");
        assert!(q.api_filters(Folder::Archive, now, &|_| 0).contains(&("isContentSeen", "false".into())));
    }

    #[test]
    fn periods_start_at_local_midnight_and_round_trip() {
        let now = UtcDateTime::parse("2026-11-23T10:00:00Z").unwrap(); // a Monday
        let at = |s: &str| Some(UtcDateTime::parse(s).unwrap());
        assert_eq!(Period::Today.bounds(now, &|_| 60), (at("2026-11-22T23:00:00Z"), None));
        assert_eq!(Period::Week.bounds(now, &|_| 0), (at("2026-11-23T00:00:00Z"), None));
        assert_eq!(Period::Month.bounds(now, &|_| 0), (at("2026-11-01T00:00:00Z"), None));
        assert_eq!(Period::Months6.bounds(now, &|_| 0), (at("2026-05-23T00:00:00Z"), None));
        assert_eq!(Period::OlderThanYear.bounds(now, &|_| 0), (None, at("2025-11-23T00:00:00Z")));
        let q = ListQuery::from_pairs([("date", "custom"), ("from", "2024-01-05"), ("to", "2024-02-01"), ("date", "bogus")]);
        assert_eq!(q.period, Period::Any, "the last word wins, and junk means no filter");
        let q = ListQuery::from_pairs([("date", "custom"), ("from", "2024-01-05"), ("to", "2024-02-01")]);
        assert_eq!(q.to_url_query(), "?date=custom&from=2024-01-05&to=2024-02-01");
        let f = q.api_filters(Folder::Inbox, now, &|_| 0);
        assert!(f.contains(&("contentUpdatedAfter", "2024-01-05T00:00:00.0000000Z".into())), "{f:?}");
        assert!(f.contains(&("contentUpdatedBefore", "2024-02-02T00:00:00.0000000Z".into())), "{f:?}");
    }

    #[test]
    fn a_custom_period_in_summer_starts_at_summer_midnight_even_when_chosen_in_winter() {
        // Oslo: +01:00 in January, +02:00 in July; chosen on a January day.
        let oslo = |t: UtcDateTime| if (4..10).contains(&t.to_offset_parts(0).1) { 120 } else { 60 };
        let now = UtcDateTime::parse("2026-01-20T10:00:00Z").unwrap();
        let january = Period::Custom { from: Day::parse("2026-01-15"), to: Day::parse("2026-01-15") };
        let july = Period::Custom { from: Day::parse("2026-07-15"), to: Day::parse("2026-07-15") };
        let at = |s: &str| Some(UtcDateTime::parse(s).unwrap());
        assert_eq!(january.bounds(now, &oslo), (at("2026-01-14T23:00:00Z"), at("2026-01-15T23:00:00Z")));
        assert_eq!(july.bounds(now, &oslo), (at("2026-07-14T22:00:00Z"), at("2026-07-15T22:00:00Z")));
    }
}
