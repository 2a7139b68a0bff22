//! App-wide state: the session token, the signed-in account and the language.

use crate::api;
use constellation_shared::dto::accounts::Me;
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::accounts as q;
use constellation_shared::Language;
use leptos::prelude::*;

const TOKEN_KEY: &str = "constellation.token";
const LANG_KEY: &str = "constellation.lang";

#[derive(Clone, Copy)]
pub struct Session {
    pub token: RwSignal<Option<String>>,
    pub me: RwSignal<Option<Me>>,
    pub lang: RwSignal<Language>,
    /// False until the stored token has been checked.
    pub ready: RwSignal<bool>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn browser_language() -> Language {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Language::from_code(&l))
        .unwrap_or_default()
}

impl Session {
    pub fn new() -> Self {
        let stored_lang = storage()
            .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
            .and_then(|l| Language::from_code(&l));
        let token = storage().and_then(|s| s.get_item(TOKEN_KEY).ok().flatten());
        let session = Self {
            token: RwSignal::new(token.clone()),
            me: RwSignal::new(None),
            lang: RwSignal::new(stored_lang.unwrap_or_else(browser_language)),
            ready: RwSignal::new(token.is_none()),
        };
        if let Some(t) = token {
            leptos::task::spawn_local(async move {
                match api::request::<_, q::MeData>(q::ME, NoVars {}, Some(t)).await {
                    Ok(q::MeData { me: Some(me) }) => session.signed_in(None, me),
                    _ => session.sign_out(),
                }
                session.ready.set(true);
            });
        }
        session
    }

    /// Board members and administrators.
    pub fn is_board(&self) -> bool {
        self.me
            .with(|m| m.as_ref().is_some_and(|m| m.is_board || m.is_admin))
    }

    pub fn token(&self) -> Option<String> {
        self.token.get_untracked()
    }

    /// Stores the session; the account's language becomes the page's.
    pub fn signed_in(&self, token: Option<String>, me: Me) {
        if let Some(t) = token {
            if let Some(s) = storage() {
                let _ = s.set_item(TOKEN_KEY, &t);
            }
            self.token.set(Some(t));
        }
        self.set_lang_local(me.language);
        self.me.set(Some(me));
    }

    pub fn sign_out(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(TOKEN_KEY);
        }
        self.token.set(None);
        self.me.set(None);
    }

    fn set_lang_local(&self, lang: Language) {
        if let Some(s) = storage() {
            let _ = s.set_item(LANG_KEY, lang.code());
        }
        self.lang.set(lang);
    }

    /// Switches the language, and stores it on the account when signed in.
    pub fn switch_language(&self, lang: Language) {
        self.set_lang_local(lang);
        let Some(token) = self.token() else { return };
        let me = self.me;
        leptos::task::spawn_local(async move {
            let vars = q::UpdateProfileVars {
                input: constellation_shared::dto::accounts::ProfileInput {
                    display_name: None,
                    language: Some(lang),
                },
            };
            if let Ok(d) =
                api::request::<_, q::UpdateProfileData>(q::UPDATE_PROFILE, vars, Some(token)).await
            {
                me.set(Some(d.update_profile));
            }
        });
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_default()
}
