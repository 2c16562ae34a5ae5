//! Localized content values: `{ mediaType, value: [{ languageCode, value }] }`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Localization {
    pub language_code: String,
    pub value: String,
}

impl Localization {
    pub fn new(language_code: &str, value: impl Into<String>) -> Self {
        Self { language_code: language_code.to_owned(), value: value.into() }
    }
}

#[serde_with::skip_serializing_none]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentValue {
    #[serde(default, skip_serializing_if = "crate::is_empty")]
    pub value: Vec<Localization>,
    #[serde(default)]
    pub media_type: String,
    #[serde(default)]
    pub is_authorized: Option<bool>,
}

impl ContentValue {
    pub const PLAIN: &'static str = "text/plain";

    pub fn plain(localizations: Vec<Localization>) -> Self {
        Self { value: localizations, media_type: Self::PLAIN.to_owned(), is_authorized: None }
    }

    pub fn with_media_type(media_type: &str, localizations: Vec<Localization>) -> Self {
        Self { value: localizations, media_type: media_type.to_owned(), is_authorized: None }
    }

    /// The text in the first of `preferred` languages that exists, else the first one given.
    pub fn text<'a>(&'a self, preferred: &[&str]) -> Option<&'a str> {
        pick(&self.value, preferred)
    }
}

/// Picks the best localization for a ranked language list, falling back to the first.
pub fn pick<'a>(values: &'a [Localization], preferred: &[&str]) -> Option<&'a str> {
    preferred
        .iter()
        .find_map(|lang| values.iter().find(|l| l.language_code.eq_ignore_ascii_case(lang)))
        .or_else(|| values.first())
        .map(|l| l.value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_preferred_language_then_falls_back() {
        let c = ContentValue::plain(vec![Localization::new("nb", "Hei"), Localization::new("en", "Hi")]);
        assert_eq!(c.text(&["en", "nb"]), Some("Hi"));
        assert_eq!(c.text(&["nn"]), Some("Hei"));
        assert_eq!(ContentValue::default().text(&["nb"]), None);
    }
}
