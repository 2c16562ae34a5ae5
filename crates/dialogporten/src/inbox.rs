//! Our extensions under `/api/v1/inbox/…` that keep a user's choices across devices: favourite
//! parties and saved searches (af.altinn.no keeps both in its own back end, not in Dialogporten).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod notifications;

use crate::{PersonId, UtcDateTime};

/// `GET /api/v1/inbox/profile`: the settings and the favourites, in one flat object.
/// Read through [`ProfileWire`]: `#[serde(flatten)]` on the read side costs the SPA serde's
/// buffering `FlatMapDeserializer` (tens of kB of WebAssembly in the first load).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", from = "ProfileWire")]
pub struct Profile {
    /// Party URNs, in the order they were starred.
    #[serde(default)]
    pub favourite_parties: Vec<String>,
    #[serde(flatten)]
    pub settings: ProfileSettings,
}

/// [`Profile`] as it is read: the settings' fields beside the favourites, each defaulting as in
/// [`ProfileSettings::default`].
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct ProfileWire {
    favourite_parties: Vec<String>,
    language: Option<UiLanguage>,
    preselected_party: Option<String>,
    show_deleted_parties: bool,
    show_sub_units: bool,
    keyboard_shortcuts: bool,
}

impl Default for ProfileWire {
    fn default() -> Self {
        Profile::default().into()
    }
}

impl From<Profile> for ProfileWire {
    fn from(p: Profile) -> Self {
        let ProfileSettings { language, preselected_party, show_deleted_parties, show_sub_units, keyboard_shortcuts } = p.settings;
        Self {
            favourite_parties: p.favourite_parties,
            language,
            preselected_party,
            show_deleted_parties,
            show_sub_units,
            keyboard_shortcuts,
        }
    }
}

impl From<ProfileWire> for Profile {
    fn from(w: ProfileWire) -> Self {
        let ProfileWire { favourite_parties, language, preselected_party, show_deleted_parties, show_sub_units, keyboard_shortcuts } = w;
        Self {
            favourite_parties,
            settings: ProfileSettings { language, preselected_party, show_deleted_parties, show_sub_units, keyboard_shortcuts },
        }
    }
}

/// The language of the app's own texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UiLanguage {
    Nb,
    Nn,
    En,
}

/// `PUT /api/v1/inbox/profile/settings` takes the whole of it; absent fields get their defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProfileSettings {
    /// `None`: follow the browser (bokmål when it asks for none of the three).
    pub language: Option<UiLanguage>,
    /// The party whose inbox opens after login (`None`: the user's own).
    pub preselected_party: Option<String>,
    /// Whether the account menu lists parties that have been deleted (af.altinn.no hides them).
    pub show_deleted_parties: bool,
    /// Whether the account menu lists sub-units under their main units.
    pub show_sub_units: bool,
    pub keyboard_shortcuts: bool,
}

impl Default for ProfileSettings {
    fn default() -> Self {
        Self { language: None, preselected_party: None, show_deleted_parties: false, show_sub_units: true, keyboard_shortcuts: true }
    }
}

/// `GET /api/v1/inbox/profile/roles`: by which roles the person acts for a party. Dialogporten's
/// parties list says only whether one holds a key role; the profile names them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartyRoles {
    pub party: String,
    /// Enhetsregisteret's role codes (`DAGL`, `REGNA`, `REVI`, …), `fullmakt` for a power of
    /// attorney; a sub-unit holds the roles of its main unit.
    pub roles: Vec<String>,
}

/// `GET /api/v1/inbox/saved-searches` lists these, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedSearch {
    pub id: Uuid,
    /// May be empty: af.altinn.no lets searches go unnamed and shows them by date.
    pub name: String,
    /// The list's app route with its query (`/archive?search=skatt&org=skd`).
    pub query: String,
    pub created_at: UtcDateTime,
    pub updated_at: UtcDateTime,
}

/// `POST /api/v1/inbox/saved-searches`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewSavedSearch {
    #[serde(default)]
    pub name: String,
    pub query: String,
}

/// `PATCH /api/v1/inbox/saved-searches/{id}`: a new name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedSearchRename {
    pub name: String,
}

pub const SAVED_SEARCH_NAME_MAX: usize = 100;
pub const SAVED_SEARCH_QUERY_MAX: usize = 1024;
/// Per user, so a runaway client cannot fill the database.
pub const SAVED_SEARCHES_MAX: usize = 100;
/// The list routes a saved search may open.
pub const SAVED_SEARCH_PATHS: [&str; 5] = ["/", "/drafts", "/sent", "/archive", "/bin"];

/// Why a saved search is refused, keyed by field as problem details key them.
pub fn saved_search_errors(name: &str, query: &str) -> Vec<(&'static str, String)> {
    let mut errors = Vec::new();
    if name.chars().count() > SAVED_SEARCH_NAME_MAX {
        errors.push(("name", format!("The length of 'name' must be {SAVED_SEARCH_NAME_MAX} characters or fewer.")));
    }
    let path = query.split('?').next().unwrap_or_default();
    if query.len() > SAVED_SEARCH_QUERY_MAX {
        errors.push(("query", format!("The length of 'query' must be {SAVED_SEARCH_QUERY_MAX} characters or fewer.")));
    } else if !SAVED_SEARCH_PATHS.contains(&path) {
        errors.push(("query", "'query' must be one of the list routes (/, /drafts, /sent, /archive, /bin) with its query string.".into()));
    } else if holds_person_id(query) {
        errors.push(("query", "'query' must not contain a national identity number.".into()));
    }
    errors
}

/// Whether any run of 11 digits in the text is a valid national identity number.
pub fn holds_person_id(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() >= 11 && (0..=run.len() - 11).any(|i| PersonId::parse(&run[i..i + 11]).is_ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_default_field_by_field_and_flatten_into_the_profile() {
        let s: ProfileSettings = serde_json::from_str(r#"{"language":"nn"}"#).unwrap();
        assert_eq!(s, ProfileSettings { language: Some(UiLanguage::Nn), ..Default::default() });
        assert!(serde_json::from_str::<ProfileSettings>(r#"{"language":"de"}"#).is_err());
        let p = Profile { favourite_parties: vec!["urn:altinn:organization:identifier-no:310000001".into()], settings: s };
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["language"], "nn");
        assert_eq!(json["showSubUnits"], true);
        assert_eq!(serde_json::from_value::<Profile>(json).unwrap(), p);
        // Read without flatten: absent settings take their defaults, as through ProfileSettings.
        let bare: Profile = serde_json::from_str(r#"{"favouriteParties":[]}"#).unwrap();
        assert_eq!(bare, Profile::default());
        assert!(bare.settings.show_sub_units && bare.settings.keyboard_shortcuts);
        assert!(serde_json::from_str::<Profile>(r#"{"language":"de"}"#).is_err());
    }

    #[test]
    fn list_routes_only_and_no_identity_numbers() {
        assert!(saved_search_errors("Skatt", "/archive?search=skatt&org=skd").is_empty());
        assert!(saved_search_errors("", "/").is_empty());
        assert_eq!(saved_search_errors("x", "/inbox/123")[0].0, "query");
        assert_eq!(saved_search_errors("x", "https://evil.example/")[0].0, "query");
        let kari = (100..1000).find_map(|i| PersonId::complete(&format!("128385{i}"))).unwrap();
        assert!(holds_person_id(&format!("/?party=urn:altinn:person:identifier-no:{}", kari.as_str())));
        assert_eq!(saved_search_errors("x", &format!("/?search={}", kari.as_str()))[0].0, "query");
        let mut wrong = kari.as_str().to_owned();
        let last = wrong.pop().unwrap();
        wrong.push(if last == '0' { '1' } else { '0' });
        assert!(!holds_person_id(&format!("/?party=310000001&search={wrong}")), "a number failing the check digits is not one");
        assert_eq!(saved_search_errors(&"n".repeat(101), "/")[0].0, "name");
    }
}
