//! The person's settings and favourite parties, kept on the server (our `/api/v1/inbox/profile`)
//! so they follow them to another device. The one owner of both: read once per page load (at
//! login, or when a view first needs the favourites), the settings also cached in localStorage so
//! no page load waits for them; every change is written through to the server.

use std::collections::BTreeSet;

use dialogporten::inbox::{Profile, ProfileSettings, UiLanguage};
use leptos::{prelude::*, task::spawn_local};

use crate::{
    api::{self, ApiError},
    i18n::{I18n, Lang},
    session::SessionState,
    shortcuts::Shortcuts,
};

const CACHE_KEY: &str = "inbox.profile";

pub fn lang_of(l: UiLanguage) -> Lang {
    match l {
        UiLanguage::Nb => Lang::Nb,
        UiLanguage::Nn => Lang::Nn,
        UiLanguage::En => Lang::En,
    }
}

pub fn ui_language(l: Lang) -> UiLanguage {
    match l {
        Lang::Nb => UiLanguage::Nb,
        Lang::Nn => UiLanguage::Nn,
        Lang::En => UiLanguage::En,
    }
}

#[derive(Clone, Copy)]
pub struct ProfileState {
    pub settings: RwSignal<ProfileSettings>,
    /// Set at login when the person preselected a party: the first list shown opens it.
    pub preselect: RwSignal<Option<String>>,
    /// The starred parties, for the account menu and the profile page alike; `None` until read.
    pub favourites: RwSignal<Option<BTreeSet<String>>>,
    /// A read of the profile is under way (so views asking at once share it).
    reading: StoredValue<bool>,
    // Taken at start: saves and logins finish in tasks, which have no context to look these up in.
    i18n: I18n,
    session: SessionState,
    /// What the server last took, to go back to when a save fails.
    confirmed: StoredValue<Option<ProfileSettings>>,
    saving: StoredValue<bool>,
    /// Settings changed while a save was under way: send them when it is done.
    again: StoredValue<bool>,
}

impl ProfileState {
    pub fn provide() {
        let cached = crate::storage::get(CACHE_KEY).and_then(|s| serde_json::from_str::<ProfileSettings>(&s).ok()).unwrap_or_default();
        let state = ProfileState {
            settings: RwSignal::new(cached.clone()),
            preselect: RwSignal::new(None),
            favourites: RwSignal::new(None),
            reading: StoredValue::new(false),
            i18n: I18n::get(),
            session: SessionState::get(),
            confirmed: StoredValue::new(Some(cached)),
            saving: StoredValue::new(false),
            again: StoredValue::new(false),
        };
        provide_context(state);
        // Whoever logs out, in this tab or another, leaves no settings behind for the next person.
        Effect::new(move |was_in: Option<bool>| {
            let is_in = state.session.session.with(Option::is_some);
            if was_in == Some(true) && !is_in {
                state.forget();
            }
            is_in
        });
        // The shortcuts follow the setting, wherever it was changed.
        let shortcuts = Shortcuts::get();
        Effect::new(move |_| shortcuts.enabled.set(state.settings.with(|s| s.keyboard_shortcuts)));
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    fn apply(self, settings: ProfileSettings) {
        if let Ok(json) = serde_json::to_string(&settings) {
            crate::storage::set(CACHE_KEY, &json);
        }
        if let Some(l) = settings.language {
            if self.i18n.lang.get_untracked() != lang_of(l) {
                self.i18n.choose(lang_of(l));
            }
        }
        self.settings.set(settings);
    }

    /// Right after an end user's login: the settings from the server (a failure keeps the
    /// cached ones; the inbox works without them).
    pub async fn load_at_login(self) {
        self.favourites.set(None);
        if let Ok(profile) = self.read().await {
            self.preselect.set(profile.settings.preselected_party.clone());
            self.keep(profile);
        }
    }

    /// The profile as the server holds it, read once per page load: at once when it is here or a
    /// read is under way (the favourites signal fills when it lands); a failure is returned, and
    /// the next call reads again.
    pub async fn load(self) -> Result<(), ApiError> {
        if self.favourites.with_untracked(Option::is_some) || self.reading.get_value() {
            return Ok(());
        }
        let profile = self.read().await?;
        self.keep(profile);
        Ok(())
    }

    async fn read(self) -> Result<Profile, ApiError> {
        self.reading.set_value(true);
        let result = api::preferences::profile().await;
        self.reading.set_value(false);
        result
    }

    fn keep(self, profile: Profile) {
        self.adopt(profile.settings);
        self.favourites.set(Some(profile.favourite_parties.into_iter().collect()));
    }

    /// Stars the party if it is not starred, else unstars it: here at once, then on the server;
    /// on failure the star goes back and the error is returned.
    pub async fn toggle_favourite(self, party: String) -> Result<(), ApiError> {
        let on = !self.favourites.with_untracked(|f| f.as_ref().is_some_and(|f| f.contains(&party)));
        let star = |on: bool| {
            self.favourites.update(|f| {
                if let Some(f) = f {
                    if on {
                        f.insert(party.clone());
                    } else {
                        f.remove(&party);
                    }
                }
            })
        };
        star(on);
        let result = api::preferences::set_favourite(&party, on).await;
        if result.is_err() {
            star(!on);
        }
        result
    }

    /// Whether `party` is starred (tracked).
    pub fn is_favourite(self, party: &str) -> bool {
        self.favourites.with(|f| f.as_ref().is_some_and(|f| f.contains(party)))
    }

    /// The server's settings, as they are: applied here and remembered as confirmed.
    pub fn adopt(self, settings: ProfileSettings) {
        self.confirmed.set_value(Some(settings.clone()));
        self.apply(settings);
    }

    /// Changes the settings at once and saves them. Saves go one at a time, the latest settings
    /// each time, so quick changes (nb, then nn, then en) end on the server as they end here, and
    /// answers cannot arrive out of order. On failure the settings go back to what the server
    /// last took. The outcome, when asked for, says "saved" or why not.
    pub fn save(self, change: impl FnOnce(&mut ProfileSettings), outcome: Option<RwSignal<Option<Result<(), ApiError>>>>) {
        let mut next = self.settings.get_untracked();
        change(&mut next);
        if next == self.settings.get_untracked() {
            return;
        }
        self.apply(next);
        if !self.session.logged_in() {
            return;
        }
        if self.saving.get_value() {
            // The save under way sends what is current when it is done.
            self.again.set_value(true);
            return;
        }
        self.saving.set_value(true);
        spawn_local(async move {
            let result = loop {
                self.again.set_value(false);
                let sending = self.settings.get_untracked();
                match api::preferences::put_settings(&sending).await {
                    Ok(_) => {
                        self.confirmed.set_value(Some(sending));
                        if !self.again.get_value() {
                            break Ok(());
                        }
                    }
                    Err(e) => break Err(e),
                }
            };
            self.saving.set_value(false);
            if result.is_err() {
                if let Some(last) = self.confirmed.get_value() {
                    self.apply(last);
                }
            }
            if let Some(o) = outcome {
                o.try_set(Some(result));
            }
        });
    }

    /// Before logging out of this tab with a full page load (`SessionState::sign_out`), which
    /// runs none of the effects below: the next person on this computer gets no settings.
    pub fn forget_cached(self) {
        crate::storage::remove(CACHE_KEY);
    }

    /// On logout: the next person on this computer starts from the defaults.
    fn forget(self) {
        self.forget_cached();
        self.preselect.set(None);
        self.favourites.set(None);
        self.confirmed.set_value(None);
        self.settings.set(ProfileSettings::default());
    }
}
