//! Whose dialogs the inbox shows: the user's own, one party, a main unit with its sub-units, or a
//! group ("Alle virksomheter", "Alle personer"), and which page of at most 100 parties when a
//! group is larger than Dialogporten searches at once.
//!
//! In the URL (so reload, back and bookmarks keep it): `party=` is an organisation number, a
//! person's opaque party UUID (`p-…`; never an identity number), or a group name; `units=all`
//! adds a main unit's sub-units; `partyPage=` picks a page. No `party` means the user's own.

use std::collections::HashMap;

use dialogporten::AuthorizedParty;

/// Dialogporten takes at most this many parties per search.
pub const PARTIES_PER_SEARCH: usize = 100;

const ORG_PREFIX: &str = "urn:altinn:organization:identifier-no:";
const ALL_ORGANISATIONS: &str = "all-organisations";
const ALL_PERSONS: &str = "all-persons";

/// The scope as the URL holds it; [`PartyIndex::resolve`] gives it meaning.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScopeKey {
    pub party: Option<String>,
    pub all_units: bool,
    /// 0-based page of parties (shown 1-based in the URL).
    pub page: usize,
}

impl ScopeKey {
    /// From URL query pairs; unknown pairs are left to others.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut key = ScopeKey::default();
        for (k, v) in pairs {
            match k {
                "party" if !v.is_empty() => key.party = Some(v.to_owned()),
                "units" => key.all_units = v == "all",
                "partyPage" => key.page = v.parse::<usize>().ok().filter(|p| *p >= 1).map_or(0, |p| p - 1),
                _ => {}
            }
        }
        key
    }

    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(p) = &self.party {
            out.push(("party", p.clone()));
        }
        if self.all_units {
            out.push(("units", "all".into()));
        }
        if self.page > 0 {
            out.push(("partyPage", (self.page + 1).to_string()));
        }
        out
    }

    pub fn all_organisations() -> Self {
        ScopeKey { party: Some(ALL_ORGANISATIONS.into()), ..Default::default() }
    }

    pub fn all_persons() -> Self {
        ScopeKey { party: Some(ALL_PERSONS.into()), ..Default::default() }
    }

    pub fn with_page(&self, page: usize) -> Self {
        ScopeKey { page, ..self.clone() }
    }
}

/// What a scope key means for this user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One party (the user, a person, an organisation or a sub-unit): index into the directory.
    One(usize),
    /// A main unit and all its sub-units.
    WithUnits(usize),
    AllOrganisations,
    AllPersons,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Person,
    Organisation,
    /// A sub-unit, with the index of its main unit.
    SubUnit(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub urn: String,
    pub name: String,
    pub kind: Kind,
    pub own: bool,
    pub deleted: bool,
    /// The URL key: organisation number, or `p-<party uuid>` for a person.
    pub key: String,
    /// Lower-cased name and organisation number, for the menu's search.
    haystack: String,
    pub sub_units: Vec<usize>,
}

impl Entry {
    pub fn org_number(&self) -> Option<&str> {
        self.urn.strip_prefix(ORG_PREFIX)
    }
}

/// Every party the user may act for, flattened and indexed once per login: the account menu,
/// its search and the list's recipient names all read this instead of walking 15,000 parties.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartyIndex {
    pub entries: Vec<Entry>,
    by_urn: HashMap<String, usize>,
    by_key: HashMap<String, usize>,
}

impl PartyIndex {
    pub fn new(parties: &[AuthorizedParty]) -> Self {
        let mut index = PartyIndex::default();
        for p in parties {
            let main = index.push(p, if p.is_person() { Kind::Person } else { Kind::Organisation });
            for s in &p.sub_parties {
                let sub = index.push(s, Kind::SubUnit(main));
                index.entries[main].sub_units.push(sub);
            }
        }
        index
    }

    fn push(&mut self, p: &AuthorizedParty, kind: Kind) -> usize {
        let i = self.entries.len();
        let key = match p.party.strip_prefix(ORG_PREFIX) {
            Some(org_no) => org_no.to_owned(),
            None => format!("p-{}", p.party_uuid.simple()),
        };
        let haystack = format!("{} {}", p.name.to_lowercase(), p.party.strip_prefix(ORG_PREFIX).unwrap_or_default());
        self.by_urn.insert(p.party.clone(), i);
        self.by_key.insert(key.clone(), i);
        self.entries.push(Entry {
            urn: p.party.clone(),
            name: p.name.clone(),
            kind,
            own: p.is_current_end_user,
            deleted: p.is_deleted,
            key,
            haystack,
            sub_units: Vec::new(),
        });
        i
    }

    pub fn own(&self) -> Option<usize> {
        self.entries.iter().position(|e| e.own).or((!self.entries.is_empty()).then_some(0))
    }

    pub fn position(&self, urn: &str) -> Option<usize> {
        self.by_urn.get(urn).copied()
    }

    pub fn by_urn(&self, urn: &str) -> Option<&Entry> {
        self.by_urn.get(urn).map(|&i| &self.entries[i])
    }

    pub fn organisations(&self) -> impl Iterator<Item = usize> + '_ {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.deleted && matches!(e.kind, Kind::Organisation | Kind::SubUnit(_)))
            .map(|(i, _)| i)
    }

    pub fn persons(&self) -> impl Iterator<Item = usize> + '_ {
        self.entries.iter().enumerate().filter(|(_, e)| !e.deleted && e.kind == Kind::Person).map(|(i, _)| i)
    }

    /// Groups are offered only when they would hold at least two parties (as af.altinn.no does).
    pub fn offers_all_organisations(&self) -> bool {
        self.organisations().nth(1).is_some()
    }

    pub fn offers_all_persons(&self) -> bool {
        self.persons().nth(1).is_some()
    }

    /// The scope a key names; anything unknown (another user's bookmark, a removed role) is the user's own.
    pub fn resolve(&self, key: &ScopeKey) -> Option<Scope> {
        let own = || self.own().map(Scope::One);
        match key.party.as_deref() {
            None => own(),
            Some(ALL_ORGANISATIONS) if self.offers_all_organisations() => Some(Scope::AllOrganisations),
            Some(ALL_PERSONS) if self.offers_all_persons() => Some(Scope::AllPersons),
            Some(k) => match self.by_key.get(k) {
                Some(&i) if key.all_units && !self.entries[i].sub_units.is_empty() => Some(Scope::WithUnits(i)),
                Some(&i) => Some(Scope::One(i)),
                None => own(),
            },
        }
    }

    /// Whether the key names a party this user cannot act for (another person's bookmark, a
    /// role since removed): `resolve` then gives their own, and the page says so.
    pub fn refuses(&self, key: &ScopeKey) -> bool {
        match key.party.as_deref() {
            None | Some(ALL_ORGANISATIONS | ALL_PERSONS) => false,
            Some(k) => !self.by_key.contains_key(k),
        }
    }

    /// The key that names a scope (no party for the user's own).
    pub fn key_of(&self, scope: &Scope) -> ScopeKey {
        match scope {
            Scope::One(i) if self.entries[*i].own => ScopeKey::default(),
            Scope::One(i) => ScopeKey { party: Some(self.entries[*i].key.clone()), ..Default::default() },
            Scope::WithUnits(i) => ScopeKey { party: Some(self.entries[*i].key.clone()), all_units: true, page: 0 },
            Scope::AllOrganisations => ScopeKey::all_organisations(),
            Scope::AllPersons => ScopeKey::all_persons(),
        }
    }

    /// Every party URN in the scope, in directory order.
    pub fn members(&self, scope: &Scope) -> Vec<String> {
        let urns = |it: &mut dyn Iterator<Item = usize>| it.map(|i| self.entries[i].urn.clone()).collect();
        match scope {
            Scope::One(i) => vec![self.entries[*i].urn.clone()],
            Scope::WithUnits(i) => urns(&mut std::iter::once(*i).chain(self.entries[*i].sub_units.iter().copied())),
            Scope::AllOrganisations => urns(&mut self.organisations()),
            Scope::AllPersons => urns(&mut self.persons()),
        }
    }

    /// Entries whose name or organisation number holds every word of `query`, in directory order.
    pub fn search(&self, query: &str) -> Vec<usize> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.entries.iter().enumerate().filter(|(_, e)| words.iter().all(|w| e.haystack.contains(w.as_str()))).map(|(i, _)| i).collect()
    }
}

/// One page of a scope's parties, and how many pages there are.
pub fn page_of(members: &[String], page: usize) -> (&[String], usize) {
    let pages = members.len().div_ceil(PARTIES_PER_SEARCH).max(1);
    let page = page.min(pages - 1);
    let start = page * PARTIES_PER_SEARCH;
    (&members[start.min(members.len())..(start + PARTIES_PER_SEARCH).min(members.len())], pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn party(urn: &str, name: &str, subs: Vec<AuthorizedParty>) -> AuthorizedParty {
        let person = urn.contains(":person:");
        AuthorizedParty {
            party: urn.into(),
            party_id: 1,
            party_uuid: Uuid::from_u128(urn.len() as u128 * 7919 + name.len() as u128),
            name: name.into(),
            party_type: if person { "Person" } else { "Organization" }.into(),
            date_of_birth: None,
            is_deleted: false,
            has_key_role: false,
            is_current_end_user: name == "Kari Nordmann",
            is_main_administrator: false,
            is_access_manager: false,
            has_only_access_to_sub_parties: false,
            sub_parties: subs,
        }
    }

    fn kari() -> PartyIndex {
        PartyIndex::new(&[
            party("urn:altinn:person:identifier-no:12838512345", "Kari Nordmann", vec![]),
            party(
                "urn:altinn:organization:identifier-no:310000001",
                "Nordmann Regnskap AS",
                vec![party("urn:altinn:organization:identifier-no:310000002", "Nordmann Regnskap AS avd. Bergen", vec![])],
            ),
            party("urn:altinn:organization:identifier-no:310000003", "Fjordbakeriet AS", vec![]),
        ])
    }

    #[test]
    fn keys_never_hold_an_identity_number() {
        let index = kari();
        for (i, e) in index.entries.iter().enumerate() {
            let key = index.key_of(&Scope::One(i));
            let text = format!("{key:?}");
            assert!(!text.contains("12838512345"), "{text}");
            assert_eq!(index.resolve(&key), Some(Scope::One(i)), "{}", e.name);
        }
        assert_eq!(index.key_of(&Scope::One(0)), ScopeKey::default(), "own is no parameter");
    }

    #[test]
    fn scopes_resolve_to_their_members() {
        let index = kari();
        let with_units = ScopeKey::from_pairs([("party", "310000001"), ("units", "all")]);
        assert_eq!(index.resolve(&with_units), Some(Scope::WithUnits(1)));
        assert_eq!(index.members(&Scope::WithUnits(1)).len(), 2);
        assert_eq!(index.members(&Scope::AllOrganisations).len(), 3, "main units and sub-units");
        assert_eq!(index.resolve(&ScopeKey::all_persons()), Some(Scope::One(0)), "one person is no group");
        assert_eq!(index.resolve(&ScopeKey::from_pairs([("party", "999999999")])), Some(Scope::One(0)), "unknown is own");
        assert!(index.refuses(&ScopeKey::from_pairs([("party", "999999999")])), "and is said to be refused");
        assert!(!index.refuses(&ScopeKey::default()) && !index.refuses(&with_units) && !index.refuses(&ScopeKey::all_persons()));
        let key = ScopeKey::from_pairs([("party", "all-organisations"), ("partyPage", "3"), ("units", "no")]);
        assert_eq!(key.page, 2);
        assert_eq!(ScopeKey::from_pairs(key.to_pairs().iter().map(|(k, v)| (*k, v.as_str()))), key);
    }

    #[test]
    fn search_matches_every_word_in_name_or_number() {
        let index = kari();
        assert_eq!(index.search("nordmann"), vec![0, 1, 2]);
        assert_eq!(index.search("regnskap bergen"), vec![2]);
        assert_eq!(index.search("310000003"), vec![3]);
        assert!(index.search("12838512345").is_empty(), "no one is found by identity number");
    }

    #[test]
    fn pages_of_one_hundred() {
        let members: Vec<String> = (0..250).map(|i| i.to_string()).collect();
        let (page, pages) = page_of(&members, 2);
        assert_eq!((page.len(), pages, page[0].as_str()), (50, 3, "200"));
        assert_eq!(page_of(&members, 9).0[0], "200", "past the end is the last page");
        assert_eq!(page_of(&[], 0), (&[][..], 1));
    }
}
