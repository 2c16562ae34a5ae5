//! The list's search, filters and sort, kept in the URL so back/forward, reload and bookmarks
//! work: `?search=skatt&org=skd&status=RequiresAttention&unread=true&sort=due`.

use dialogporten::{DialogStatus, Folder};

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

    pub fn label_key(self) -> &'static str {
        match self {
            Sort::Updated => "sort.updated",
            Sort::UpdatedOldest => "sort.oldest",
            Sort::Due => "sort.due",
            Sort::Created => "sort.created",
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

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub search: Option<String>,
    pub orgs: Vec<String>,
    pub statuses: Vec<DialogStatus>,
    pub unread_only: bool,
    pub sort: Sort,
}

/// Searches shorter than this are not sent (Dialogporten requires three characters).
pub const MIN_SEARCH: usize = 3;

impl ListQuery {
    /// From URL query pairs; unknown or malformed values are ignored rather than failing the page.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = ListQuery::default();
        for (k, v) in pairs {
            match k {
                "search" if v.trim().chars().count() >= MIN_SEARCH => q.search = Some(v.trim().to_owned()),
                "org" if !v.is_empty() => q.orgs.push(v.to_ascii_lowercase()),
                "status" => q.statuses.extend(v.parse::<DialogStatus>().ok()),
                "unread" => q.unread_only = v == "true",
                "sort" => q.sort = Sort::from_id(v).unwrap_or_default(),
                _ => {}
            }
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
        out.extend(self.statuses.iter().map(|s| ("status", s.as_str().to_owned())));
        if self.unread_only {
            out.push(("unread", "true".into()));
        }
        if self.sort != Sort::default() {
            out.push(("sort", self.sort.id().into()));
        }
        out
    }

    pub fn is_filtered(&self) -> bool {
        self.search.is_some() || !self.orgs.is_empty() || !self.statuses.is_empty() || self.unread_only
    }

    /// Dialogporten search parameters for this query within a folder. A status filter narrows the
    /// folder's own statuses (Utkast stays drafts only).
    pub fn api_filters(&self, folder: Folder) -> Vec<(&'static str, String)> {
        let mut out = vec![("systemLabel", folder.label().as_str().to_owned())];
        let statuses: Vec<DialogStatus> = match (folder.statuses(), self.statuses.is_empty()) {
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
        if let Some(s) = &self.search {
            out.push(("search", s.clone()));
        }
        if self.unread_only {
            out.push(("isContentSeen", "false".into()));
        }
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
fn encode(s: &str) -> String {
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
        let q = ListQuery::from_pairs([("search", "skatt"), ("org", "SKD"), ("status", "Completed"), ("status", "Bogus"), ("unread", "true"), ("sort", "due")]);
        assert_eq!(q.orgs, vec!["skd"]);
        assert_eq!(q.statuses, vec![DialogStatus::Completed]);
        assert_eq!(ListQuery::from_pairs(q.to_pairs().iter().map(|(k, v)| (*k, v.as_str()))), q);
        assert_eq!(q.to_url_query(), "?search=skatt&org=skd&status=Completed&unread=true&sort=due");
        assert_eq!(ListQuery::from_pairs([("search", "ab")]).search, None, "too short to send");
        assert_eq!(ListQuery::from_pairs([("search", "æøå skatt")]).to_url_query(), "?search=%C3%A6%C3%B8%C3%A5%20skatt");
    }

    #[test]
    fn status_filter_narrows_the_folder() {
        let q = ListQuery { statuses: vec![DialogStatus::Completed, DialogStatus::Draft], ..Default::default() };
        let inbox = q.api_filters(Folder::Inbox);
        assert!(inbox.contains(&("status", "Completed".into())) && !inbox.contains(&("status", "Draft".into())));
        let q = ListQuery { statuses: vec![DialogStatus::Completed], unread_only: true, ..Default::default() };
        let drafts = q.api_filters(Folder::Drafts);
        assert!(drafts.contains(&("systemLabel", "Bin".into())), "nothing matches: {drafts:?}");
        assert!(q.api_filters(Folder::Archive).contains(&("isContentSeen", "false".into())));
    }
}
