//! nb (default), nn and en. Strings are data in `content/i18n/*.txt`; this module only looks
//! them up, and a test fails if any language lacks a key another has or the code uses.

use std::{collections::HashMap, sync::OnceLock};

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Nb,
    Nn,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Nn, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Self::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// Content languages to prefer, best first: the UI language, then its nearest neighbours.
    pub fn content_preference(self) -> [&'static str; 3] {
        match self {
            Lang::Nb => ["nb", "nn", "en"],
            Lang::Nn => ["nn", "nb", "en"],
            Lang::En => ["en", "nb", "nn"],
        }
    }

    pub(crate) fn source(self) -> &'static str {
        match self {
            Lang::Nb => include_str!("../../content/i18n/nb.txt"),
            Lang::Nn => include_str!("../../content/i18n/nn.txt"),
            Lang::En => include_str!("../../content/i18n/en.txt"),
        }
    }
}

/// `key = value` lines; `#` starts a comment line.
pub(crate) fn parse(source: &'static str) -> HashMap<&'static str, &'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

fn table(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static TABLES: OnceLock<[HashMap<&'static str, &'static str>; 3]> = OnceLock::new();
    let tables = TABLES.get_or_init(|| Lang::ALL.map(|l| parse(l.source())));
    &tables[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]
}

/// The text for `key`; a missing key shows as the key itself (and fails the i18n test).
pub fn lookup(lang: Lang, key: &str) -> &'static str {
    table(lang).get(key).copied().or_else(|| table(Lang::Nb).get(key).copied()).unwrap_or("⟨missing text⟩")
}

/// The current UI language, provided at the root.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

const STORAGE_KEY: &str = "inbox.lang";

impl I18n {
    pub fn provide() -> Self {
        let stored = crate::session::storage_get(STORAGE_KEY).and_then(|c| Lang::from_code(&c));
        let i18n = Self { lang: RwSignal::new(stored.unwrap_or(Lang::Nb)) };
        Effect::new(move |_| {
            let lang = i18n.lang.get();
            crate::session::storage_set(STORAGE_KEY, lang.code());
            if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
                let _ = html.set_attribute("lang", lang.code());
            }
        });
        provide_context(i18n);
        i18n
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// Reactive: tracks the language when called inside a view closure.
    pub fn t(&self, key: &str) -> &'static str {
        lookup(self.lang.get(), key)
    }

    /// `t` with `{name}` placeholders filled in.
    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        args.iter().fold(self.t(key).to_owned(), |s, (k, v)| s.replace(&format!("{{{k}}}"), v))
    }
}

/// A reactive text node for a key: `{tr("folder.inbox")}`.
pub fn tr(key: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = I18n::get();
    move || i18n.t(key)
}

#[cfg(test)]
mod tests;
