//! Request validation for service-owner writes, with Dialogporten's keys (`dto.guiActions[0].url`)
//! and messages (FluentValidation's wording), so clients can map errors to their fields.

use std::collections::HashSet;

use dialogporten::{
    serviceowner::{DialogChanges, NewActivity, NewTransmission, Value},
    ActivityType, ActorType, ContentValue, GuiActionPriority, HttpVerb, Localization, PartyUrn, UtcDateTime,
};
use uuid::Uuid;

use crate::domain::{uri::is_well_formed_uri, FieldErrors};

/// Validation keeps a key prefix (`dto.`, `dto.transmissions[0].`) while it walks the body.
pub struct Check<'a> {
    pub errors: &'a mut FieldErrors,
    pub now: UtcDateTime,
}

const MAX_TEXT: usize = 255;
const MAX_URL: usize = 1023;

/// The ISO 639-1 codes Dialogporten accepts for localizations (the common ones; extend as needed).
const LANGUAGES: &[&str] = &[
    "ar", "bg", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "hr", "hu", "is", "it", "lt", "lv", "nb", "nl", "nn", "pl",
    "pt", "ro", "ru", "se", "sk", "sl", "so", "sq", "sr", "sv", "ta", "th", "ti", "tr", "uk", "ur", "vi", "zh",
];

pub fn is_https_url(s: &str) -> bool {
    s.len() <= MAX_URL && s.strip_prefix("https://").is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
}

/// A UUIDv7 whose timestamp is not in the future (15 s of clock skew allowed).
pub fn uuid_v7_problem(id: Uuid, now: UtcDateTime) -> Option<String> {
    if id.get_version_num() != 7 || (id.as_bytes()[8] & 0xc0) != 0x80 {
        return Some(format!("Invalid Id. Expected big endian UUIDv7 format. Got '{id}'."));
    }
    let millis = u64::from_be_bytes([
        0,
        0,
        id.as_bytes()[0],
        id.as_bytes()[1],
        id.as_bytes()[2],
        id.as_bytes()[3],
        id.as_bytes()[4],
        id.as_bytes()[5],
    ]);
    let limit_ms = (now.unix_seconds() + 15) * 1000;
    (millis as i64 > limit_ms)
        .then(|| format!("Invalid Id. Expected the unix timestamp portion of the UUIDv7 to be in the past. Extrapolated from '{id}'."))
}

impl Check<'_> {
    pub fn id(&mut self, key: &str, id: Option<Uuid>) {
        if let Some(problem) = id.and_then(|id| uuid_v7_problem(id, self.now)) {
            self.errors.add(key, problem);
        }
    }

    pub fn max_len(&mut self, key: &str, name: &str, value: Option<&str>, max: usize) {
        if let Some(v) = value {
            let n = v.chars().count();
            self.errors.check(
                n <= max,
                key,
                format!("The length of '{name}' must be {max} characters or fewer. You entered {n} characters."),
            );
        }
    }

    pub fn https(&mut self, key: &str, name: &str, url: &str) {
        self.errors.check(is_https_url(url), key, format!("'{name}' is not a well-formatted HTTPS URL."));
    }

    pub fn in_past(&mut self, key: &str, name: &str, t: Option<UtcDateTime>) {
        if let Some(t) = t {
            self.errors.check(t.unix_seconds() <= self.now.unix_seconds() + 15, key, format!("'{name}' must be in the past."));
        }
    }

    pub fn not_before(&mut self, key: &str, name: &str, t: Option<UtcDateTime>, other: &str, o: Option<UtcDateTime>) {
        if let (Some(t), Some(o)) = (t, o) {
            self.errors.check(t >= o, key, format!("'{name}' must be after '{other}'."));
        }
    }

    pub fn localizations(&mut self, key: &str, values: &[Localization], max: usize) {
        let mut seen = HashSet::new();
        for (i, l) in values.iter().enumerate() {
            let code = l.language_code.trim().replace('_', "-").to_ascii_lowercase();
            let code = code.split('-').next().unwrap_or_default().to_owned();
            if !LANGUAGES.contains(&code.as_str()) {
                let hint = if code == "no" { "Use 'nb' or 'nn' for Norwegian. " } else { "" };
                self.errors.add(
                    format!("{key}[{i}].languageCode"),
                    format!("'LanguageCode' '{}' is not a valid language code. {hint}Culture specific codes like 'en_GB' and 'en-US' are normalized to 'en' (ISO 639).", l.language_code),
                );
            }
            if !seen.insert(code.clone()) {
                self.errors.add(key, format!("Can not contain duplicate items: [{code}]."));
            }
            self.errors.check(!l.value.trim().is_empty(), format!("{key}[{i}].value"), "'Value' must not be empty.");
            self.max_len(&format!("{key}[{i}].value"), "Value", Some(&l.value), max);
        }
    }

    /// A content value of one of `allowed` media types (`text/plain` when none is given).
    pub fn content_value(&mut self, key: &str, name: &str, v: &ContentValue, max: usize, allowed: &[&str]) {
        let media = if v.media_type.is_empty() { ContentValue::PLAIN } else { v.media_type.as_str() };
        if !allowed.contains(&media) {
            self.errors.add(
                format!("{key}.mediaType"),
                format!(
                    "MediaType '{media}' is not allowed for content type {name}. Allowed media types are {}",
                    allowed.iter().map(|a| format!("'{a}'")).collect::<Vec<_>>().join(", ")
                ),
            );
        }
        self.errors.check(!v.value.is_empty(), format!("{key}.value"), "'Value' must not be empty.");
        self.localizations(&format!("{key}.value"), &v.value, max);
        if media.starts_with("application/vnd.dialogporten.frontchannelembed") {
            for (i, l) in v.value.iter().enumerate() {
                self.https(&format!("{key}.value[{i}].value"), "Value", &l.value);
            }
        }
    }

    pub fn actor(&mut self, key: &str, actor: &dialogporten::Actor) {
        let ok = match actor.actor_type {
            ActorType::ServiceOwner => actor.actor_id.is_none() && actor.actor_name.is_none(),
            ActorType::PartyRepresentative => actor.actor_id.is_some() != actor.actor_name.is_some(),
        };
        self.errors.check(ok, key, "If 'ActorType' is 'ServiceOwner', both 'ActorId' and 'ActorName' must be null. For any other value of 'ActorType', 'ActorId' or 'ActorName' must be set, but not both simultaneously.");
        if let Some(id) = &actor.actor_id {
            self.errors.check(PartyUrn::parse(id).is_ok(), format!("{key}.actorId"), "'ActorId' must be on format 'urn:altinn:organization:identifier-no:{norwegian org-nr}' or 'urn:altinn:person:identifier-no:{norwegian f-nr/d-nr}' with valid values, respectively.");
        }
    }

    pub fn values(&mut self, key: &str, values: &[Value], min: usize, max: usize, most: Option<(usize, &str)>) {
        let mut seen = HashSet::new();
        for (i, v) in values.iter().enumerate() {
            let n = v.value.trim().chars().count();
            self.errors.check(
                (min..=max).contains(&n),
                format!("{key}[{i}].value"),
                format!("The length of 'Value' must be between {min} and {max} characters. You entered {n} characters."),
            );
            if !seen.insert(v.value.trim().to_lowercase()) {
                self.errors.add(key, format!("Can not contain duplicate items: [{}].", v.value.trim().to_lowercase()));
            }
        }
        if let Some((most, message)) = most {
            self.errors.check(values.len() <= most, key, message);
        }
    }

    pub fn transmission(&mut self, key: &str, t: &NewTransmission, in_request: &HashSet<Uuid>, api_only: bool) {
        self.id(&format!("{key}.id"), t.id);
        self.in_past(&format!("{key}.createdAt"), "CreatedAt", t.created_at);
        self.max_len(&format!("{key}.externalReference"), "ExternalReference", t.external_reference.as_deref(), MAX_TEXT);
        if let Some(k) = &t.idempotent_key {
            let n = k.chars().count();
            self.errors.check(
                (3..=36).contains(&n),
                format!("{key}.idempotentKey"),
                format!("The length of 'IdempotentKey' must be between 3 and 36 characters. You entered {n} characters."),
            );
        }
        if let Some(related) = t.related_transmission_id {
            if Some(related) == t.id {
                self.errors
                    .add(key, format!("A transmission cannot reference itself (RelatedTransmissionId is equal to Id, '{related}')."));
            } else if !in_request.contains(&related) {
                self.errors.add(key, format!("Item '{related}' in 'Transmissions' does not exist."));
            }
        }
        self.actor(&format!("{key}.sender"), &t.sender);
        match &t.content {
            Some(c) => {
                self.content_value(&format!("{key}.content"), "Title", &c.title, MAX_TEXT, &[ContentValue::PLAIN]);
                if let Some(s) = &c.summary {
                    self.content_value(&format!("{key}.content"), "Summary", s, MAX_TEXT, &[ContentValue::PLAIN]);
                }
            }
            None if !api_only => self.errors.add(format!("{key}.content"), "'Content' must not be empty."),
            None => {}
        }
        for (i, a) in t.attachments.iter().enumerate() {
            let k = format!("{key}.attachments[{i}]");
            self.id(&format!("{k}.id"), a.id);
            self.errors.check(!a.urls.is_empty(), format!("{k}.urls"), "'Urls' must not be empty.");
            for (j, u) in a.urls.iter().enumerate() {
                self.https(&format!("{k}.urls[{j}].url"), "Url", &u.url);
            }
            self.localizations(&format!("{k}.displayName"), &a.display_name, MAX_TEXT);
        }
        self.unique(&format!("{key}.attachments"), t.attachments.iter().filter_map(|a| a.id));
        for (i, n) in t.navigational_actions.iter().enumerate() {
            let k = format!("{key}.navigationalActions[{i}]");
            self.https(&format!("{k}.url"), "Url", &n.url);
            self.errors.check(!n.title.is_empty(), format!("{k}.title"), "'Title' must not be empty.");
            self.localizations(&format!("{k}.title"), &n.title, MAX_TEXT);
        }
    }

    pub fn activity(&mut self, key: &str, a: &NewActivity, transmissions: &HashSet<Uuid>) {
        self.id(&format!("{key}.id"), a.id);
        self.in_past(&format!("{key}.createdAt"), "CreatedAt", a.created_at);
        self.actor(&format!("{key}.performedBy"), &a.performed_by);
        match (a.activity_type == ActivityType::Information, a.description.is_empty()) {
            (true, true) => self.errors.add(format!("{key}.description"), "Description is required when the type is 'Information'."),
            (false, false) => self.errors.add(format!("{key}.description"), "Description is only allowed when the type is 'Information'."),
            _ => self.localizations(&format!("{key}.description"), &a.description, MAX_TEXT),
        }
        match (a.activity_type == ActivityType::TransmissionOpened, a.transmission_id) {
            (true, None) => self
                .errors
                .add(format!("{key}.transmissionId"), "An activity of type TransmissionOpened needs to reference a transmission."),
            (false, Some(_)) => {
                self.errors.add(format!("{key}.transmissionId"), "Only activities of type TransmissionOpened can reference a transmission.")
            }
            (true, Some(t)) if !transmissions.contains(&t) => {
                self.errors.add(key, format!("Item '{t}' in 'Transmissions' does not exist."))
            }
            _ => {}
        }
    }

    /// Everything in the changeable part of a dialog (shared by create and update).
    pub fn changes(&mut self, c: &DialogChanges, existing_transmissions: &HashSet<Uuid>) {
        if let Some(p) = c.progress {
            self.errors.check((0..=100).contains(&p), "dto.progress", format!("'Progress' must be between 0 and 100. You entered {p}."));
        }
        self.max_len("dto.extendedStatus", "ExtendedStatus", c.extended_status.as_deref(), MAX_TEXT);
        self.max_len("dto.externalReference", "ExternalReference", c.external_reference.as_deref(), MAX_TEXT);
        self.not_before("dto.expiresAt", "ExpiresAt", c.expires_at, "DueAt", c.due_at);
        for (key, name, value) in
            [("dto.process", "Process", &c.process), ("dto.precedingProcess", "PrecedingProcess", &c.preceding_process)]
        {
            if let Some(v) = value {
                self.errors.check(is_well_formed_uri(v), key, format!("'{name}' is not a well-formatted URI."));
            }
            self.max_len(key, name, value.as_deref(), MAX_URL);
        }
        if c.preceding_process.is_some() && c.process.is_none() {
            self.errors.add("dto.process", "Process must not be empty when PrecedingProcess is set.");
        }
        match &c.content {
            None if !c.is_api_only => self.errors.add("dto.content", "'Content' must not be empty."),
            None => {}
            Some(content) => {
                const PLAIN: &[&str] = &[ContentValue::PLAIN];
                let fields: [(&str, Option<&ContentValue>, usize, &[&str]); 7] = [
                    ("Title", Some(&content.title), MAX_TEXT, PLAIN),
                    ("Summary", content.summary.as_ref(), MAX_TEXT, PLAIN),
                    ("NonSensitiveTitle", content.non_sensitive_title.as_ref(), MAX_TEXT, PLAIN),
                    ("NonSensitiveSummary", content.non_sensitive_summary.as_ref(), MAX_TEXT, PLAIN),
                    ("SenderName", content.sender_name.as_ref(), MAX_TEXT, PLAIN),
                    ("ExtendedStatus", content.extended_status.as_ref(), 25, PLAIN),
                    ("AdditionalInfo", content.additional_info.as_ref(), 1023, &[ContentValue::PLAIN, "text/markdown"]),
                ];
                if content.title.value.is_empty() {
                    self.errors.add("dto.content", "Title must not be empty.");
                }
                for (name, value, max, allowed) in fields {
                    if let Some(v) = value.filter(|v| !(name == "Title" && v.value.is_empty())) {
                        self.content_value("dto.content", name, v, max, allowed);
                    }
                }
                if let Some(main) = &content.main_content_reference {
                    const EMBED: &[&str] = &[
                        "application/vnd.dialogporten.frontchannelembed-url;type=text/markdown",
                        "application/vnd.dialogporten.frontchannelembed+json;type=markdown",
                    ];
                    self.content_value("dto.content", "MainContentReference", main, 1023, EMBED);
                }
            }
        }
        self.values("dto.searchTags", &c.search_tags, 3, 63, None);
        let primaries = c.gui_actions.iter().filter(|a| a.priority == GuiActionPriority::Primary).count();
        let secondaries = c.gui_actions.iter().filter(|a| a.priority == GuiActionPriority::Secondary).count();
        let tertiaries = c.gui_actions.iter().filter(|a| a.priority == GuiActionPriority::Tertiary).count();
        self.errors.check(primaries <= 1, "dto.guiActions", "Only one primary GUI action is allowed.");
        self.errors.check(secondaries <= 1, "dto.guiActions", "Only one secondary GUI action is allowed.");
        self.errors.check(tertiaries <= 5, "dto.guiActions", "Only five tertiary GUI actions are allowed.");
        for (i, a) in c.gui_actions.iter().enumerate() {
            let k = format!("dto.guiActions[{i}]");
            self.id(&format!("{k}.id"), a.id);
            self.errors.check(!a.action.trim().is_empty(), format!("{k}.action"), "'Action' must not be empty.");
            self.max_len(&format!("{k}.action"), "Action", Some(&a.action), MAX_TEXT);
            self.https(&format!("{k}.url"), "Url", &a.url);
            if let Some(m) = a.http_method {
                self.errors.check(
                    matches!(m, HttpVerb::Get | HttpVerb::Post | HttpVerb::Delete),
                    format!("{k}.httpMethod"),
                    "'HttpMethod' for GUI actions must be one of the following: [GET, POST, DELETE].",
                );
            }
            self.errors.check(!a.title.is_empty(), format!("{k}.title"), "'Title' must not be empty.");
            self.localizations(&format!("{k}.title"), &a.title, MAX_TEXT);
            self.localizations(&format!("{k}.prompt"), &a.prompt, MAX_TEXT);
        }
        for (i, a) in c.api_actions.iter().enumerate() {
            let k = format!("dto.apiActions[{i}]");
            self.id(&format!("{k}.id"), a.id);
            self.errors.check(!a.action.trim().is_empty(), format!("{k}.action"), "'Action' must not be empty.");
            self.errors.check(!a.endpoints.is_empty(), format!("{k}.endpoints"), "'Endpoints' must not be empty.");
            for (j, e) in a.endpoints.iter().enumerate() {
                self.https(&format!("{k}.endpoints[{j}].url"), "Url", &e.url);
                if e.sunset_at.is_some() && !e.deprecated {
                    self.errors.add(format!("{k}.endpoints[{j}].deprecated"), "'Deprecated' must be equal to 'True' when SunsetAt is set.");
                }
            }
        }
        for (i, a) in c.attachments.iter().enumerate() {
            let k = format!("dto.attachments[{i}]");
            self.id(&format!("{k}.id"), a.id);
            self.max_len(&format!("{k}.name"), "Name", a.name.as_deref(), MAX_TEXT);
            self.errors.check(!a.urls.is_empty(), format!("{k}.urls"), "'Urls' must not be empty.");
            for (j, u) in a.urls.iter().enumerate() {
                self.id(&format!("{k}.urls[{j}].id"), u.id);
                self.https(&format!("{k}.urls[{j}].url"), "Url", &u.url);
            }
            self.localizations(&format!("{k}.displayName"), &a.display_name, MAX_TEXT);
        }
        let mut transmission_ids: HashSet<Uuid> = existing_transmissions.clone();
        transmission_ids.extend(c.transmissions.iter().filter_map(|t| t.id));
        for (i, t) in c.transmissions.iter().enumerate() {
            self.transmission(&format!("dto.transmissions[{i}]"), t, &transmission_ids, c.is_api_only);
        }
        for (i, a) in c.activities.iter().enumerate() {
            self.activity(&format!("dto.activities[{i}]"), a, &transmission_ids);
        }
        for (key, ids) in [
            ("dto.guiActions", c.gui_actions.iter().filter_map(|a| a.id).collect::<Vec<_>>()),
            ("dto.apiActions", c.api_actions.iter().filter_map(|a| a.id).collect()),
            ("dto.attachments", c.attachments.iter().filter_map(|a| a.id).collect()),
            ("dto.transmissions", c.transmissions.iter().filter_map(|t| t.id).collect()),
            ("dto.activities", c.activities.iter().filter_map(|a| a.id).collect()),
        ] {
            self.unique(key, ids);
        }
    }

    /// FluentValidation's `UniqueBy(x => x.Id)` over the ids a client chose.
    fn unique(&mut self, key: &str, ids: impl IntoIterator<Item = Uuid>) {
        let mut seen = HashSet::new();
        let dups: Vec<String> = ids.into_iter().filter(|id| !seen.insert(*id)).map(|id| id.to_string()).collect();
        if !dups.is_empty() {
            self.errors.add(key, format!("Can not contain duplicate items: [{}].", dups.join(",")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_uuid_v7_and_future_timestamps() {
        let now = UtcDateTime::from_unix_seconds(1_800_000_000).unwrap();
        let past = uuid::Builder::from_unix_timestamp_millis(1_700_000_000_000, &[1; 10]).into_uuid();
        let future = uuid::Builder::from_unix_timestamp_millis(1_900_000_000_000, &[1; 10]).into_uuid();
        assert!(uuid_v7_problem(past, now).is_none());
        assert!(uuid_v7_problem(future, now).unwrap().contains("in the past"));
        assert!(uuid_v7_problem(Uuid::new_v4(), now).unwrap().contains("UUIDv7 format"));
    }

    #[test]
    fn processes_are_well_formed_uris_absolute_or_relative() {
        for good in ["urn:altinn:process:skatt", "https://example.com/p?a=1#x", "relative/path", "a%20b", ""] {
            assert!(is_well_formed_uri(good), "{good}");
        }
        for bad in ["has space", "https://", "1urn:x", "a%zz", "a#b#c", "æøå", "http:///x", "<x>"] {
            assert!(!is_well_formed_uri(bad), "{bad}");
        }
    }

    #[test]
    fn only_https_urls_pass() {
        assert!(is_https_url("https://example.no/a"));
        assert!(!is_https_url("http://example.no"));
        assert!(!is_https_url("javascript:alert(1)"));
        assert!(!is_https_url("https://"));
    }
}
