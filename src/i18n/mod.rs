//! nb (default), nn and en. Strings are data in `content/i18n/*.txt`; this module only looks
//! them up. The code names a text by [`Key`], made by `k!("…")`, which does not compile unless
//! Bokmål has the key; a test fails if nynorsk or English lacks a key Bokmål has.

use std::{collections::HashMap, sync::OnceLock};

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Nb = 0,
    Nn = 1,
    En = 2,
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

    /// The language's name in itself ("English", "Norsk (nynorsk)"), whatever the UI language:
    /// Bokmål's catalogue, always here, writes each so.
    pub fn own_name(self) -> &'static str {
        lookup(Lang::Nb, keys::language(self))
    }

    /// The catalogue's text as written in `content/i18n/` (for the tests, which check all three).
    #[cfg(test)]
    pub(crate) fn source(self) -> &'static str {
        match self {
            Lang::Nb => BOKMAL,
            Lang::Nn => include_str!("../../content/i18n/nn.txt"),
            Lang::En => include_str!("../../content/i18n/en.txt"),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A key of the text catalogue, made only by `k!`, so every key the code holds is one the
/// catalogue has: the check is the compiler's, not a scan of the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key(&'static str);

impl Key {
    /// For `k!`: a key Bokmål has, or an error when compiling (the macro makes this a constant).
    #[doc(hidden)]
    pub const fn checked(key: &'static str) -> Key {
        assert!(has_key(BOKMAL.as_bytes(), key.as_bytes()), "content/i18n/nb.txt has no such key");
        Key(key)
    }

    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

/// A text key checked when compiling: `k!("folder.inbox")`.
macro_rules! k {
    ($key:literal) => {{
        const KEY: $crate::i18n::Key = $crate::i18n::Key::checked($key);
        KEY
    }};
}

pub mod keys;

const fn blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Whether a `key = value` line of `catalogue` has `key` (what [`parse`] reads, in a const fn).
const fn has_key(catalogue: &[u8], key: &[u8]) -> bool {
    let mut line = 0;
    while line < catalogue.len() {
        let mut at = line;
        while at < catalogue.len() && blank(catalogue[at]) {
            at += 1;
        }
        // A comment line has no key (as `parse` reads it).
        let comment = at < catalogue.len() && catalogue[at] == b'#';
        let mut n = 0;
        while !comment && n < key.len() && at + n < catalogue.len() && catalogue[at + n] == key[n] {
            n += 1;
        }
        if !comment && n == key.len() && n > 0 {
            let mut after = at + n;
            while after < catalogue.len() && blank(catalogue[after]) {
                after += 1;
            }
            if after < catalogue.len() && catalogue[after] == b'=' {
                return true;
            }
        }
        while line < catalogue.len() && catalogue[line] != b'\n' {
            line += 1;
        }
        line += 1;
    }
    false
}

/// Bokmål is in the app; nynorsk and English are fetched when chosen (`/content/i18n/<code>.txt`,
/// copied beside the app), so the first load carries one catalogue, not three (issue 30).
const BOKMAL: &str = include_str!("../../content/i18n/nb.txt");

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

/// The catalogues there are, by [`Lang::index`]: Bokmål from the start, the others once installed.
static TABLES: [OnceLock<HashMap<&'static str, &'static str>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

fn table(lang: Lang) -> Option<&'static HashMap<&'static str, &'static str>> {
    if lang == Lang::Nb {
        return Some(TABLES[0].get_or_init(|| parse(BOKMAL)));
    }
    TABLES[lang.index()].get()
}

/// Whether `lang`'s texts are here (Bokmål always is).
pub fn installed(lang: Lang) -> bool {
    table(lang).is_some()
}

/// Makes `source` the catalogue of `lang` (kept for the session; a second install is ignored).
pub fn install(lang: Lang, source: String) {
    if !installed(lang) {
        let _ = TABLES[lang.index()].set(parse(Box::leak(source.into_boxed_str())));
    }
}

/// The text for `key`; Bokmål while `lang`'s catalogue is not here.
pub fn lookup(lang: Lang, key: Key) -> &'static str {
    find(lang, key.0)
}

/// A key's text (a plural's `.one` form is looked up by name); a missing one shows as a marker.
fn find(lang: Lang, key: &str) -> &'static str {
    table(lang).and_then(|t| t.get(key).copied()).or_else(|| table(Lang::Nb).and_then(|t| t.get(key).copied())).unwrap_or("⟨missing text⟩")
}

/// The current UI language, provided at the root.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

const STORAGE_KEY: &str = "inbox.lang";

impl I18n {
    pub fn provide() -> Self {
        let stored = crate::storage::get(STORAGE_KEY).and_then(|c| Lang::from_code(&c));
        let i18n = Self { lang: RwSignal::new(Lang::Nb) };
        i18n.choose(stored.unwrap_or(Lang::Nb));
        Effect::new(move |before: Option<()>| {
            let lang = i18n.lang.get();
            // Not at start: the stored choice stands until its catalogue is here.
            if before.is_some() {
                crate::storage::set(STORAGE_KEY, lang.code());
            }
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

    /// Switches to `lang` once its catalogue is here: at once when it is, after fetching it when
    /// not. A catalogue that cannot be fetched (offline) leaves the language as it is; choosing it
    /// again tries again.
    pub fn choose(self, lang: Lang) {
        if installed(lang) {
            self.lang.set(lang);
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(source) = crate::api::content::catalogue(lang.code()).await {
                install(lang, source);
                self.lang.try_set(lang);
            }
        });
    }

    /// Reactive: tracks the language when called inside a view closure.
    pub fn t(&self, key: Key) -> &'static str {
        lookup(self.lang.get(), key)
    }

    /// `t` with `{name}` placeholders filled in.
    pub fn tf(&self, key: Key, args: &[(&str, &str)]) -> String {
        args.iter().fold(self.t(key).to_owned(), |s, (k, v)| s.replace(&format!("{{{k}}}"), v))
    }

    /// A text with a count in the right grammatical number: `key.one` for one where the
    /// catalogue has it, else `key` (the plural); `{count}` and `args` filled in.
    pub fn tn(&self, key: Key, count: usize, args: &[(&str, &str)]) -> String {
        let lang = self.lang.get();
        let one = format!("{}.one", key.0);
        let key = if count == 1 && table(lang).or_else(|| table(Lang::Nb)).is_some_and(|t| t.contains_key(one.as_str())) {
            one.as_str()
        } else {
            key.0
        };
        let count = count.to_string();
        args.iter().chain([&("count", count.as_str())]).fold(find(lang, key).to_owned(), |s, (k, v)| s.replace(&format!("{{{k}}}"), v))
    }
}

/// A reactive text node for a key: `{tr(k!("folder.inbox"))}`.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = I18n::get();
    move || i18n.t(key)
}

#[cfg(test)]
mod tests;
