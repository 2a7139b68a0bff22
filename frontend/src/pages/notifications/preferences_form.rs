//! How the member hears of each kind: one labelled drop-down per kind, grouped by part of
//! the association (a fieldset each: Labs, assemblies, barcamp, the transition), saved as
//! soon as it changes. The convocation stays by e-mail (the law requires it): its control is
//! disabled and says why.

use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::reach::{NotificationChannel, NotificationSection};
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::reach::{self as q, NotificationPreference};
use leptos::prelude::*;

/// The settings query's answer (preferences and the calendar address).
pub type Settings = RwSignal<Option<q::NotificationSettingsData>>;

/// Reads the preferences and the calendar address (again when the account changes).
pub fn load_settings(error: RwSignal<Option<ApiError>>) -> Settings {
    let session = use_session();
    let settings: Settings = RwSignal::new(None);
    Effect::new(move |_| {
        let Some(token) = session.token.get() else {
            settings.set(None);
            return;
        };
        leptos::task::spawn_local(async move {
            match api::request::<_, q::NotificationSettingsData>(
                q::NOTIFICATION_SETTINGS,
                NoVars {},
                Some(token),
            )
            .await
            {
                Ok(d) => {
                    settings.try_set(Some(d));
                    error.try_set(None);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    });
    settings
}

#[component]
pub fn PreferencesForm(settings: Settings, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let prefs = move || {
        settings.with(|s| {
            s.as_ref()
                .map(|s| s.notification_preferences.clone())
                .unwrap_or_default()
        })
    };
    // The kinds of each section, in the server's order; empty sections left out.
    let sections = move || {
        let prefs = prefs();
        NotificationSection::ALL
            .iter()
            .filter_map(|s| {
                let rows: Vec<NotificationPreference> = prefs
                    .iter()
                    .filter(|p| p.kind.section() == *s)
                    .cloned()
                    .collect();
                (!rows.is_empty()).then_some((*s, rows))
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section aria-labelledby="preferences-h">
            <h2 id="preferences-h">{move || t().reach().preferences_title}</h2>
            <p class="muted">{move || t().reach().preferences_intro}</p>
            <FormError error=error />
            <form id="preferences" class="preferences" on:submit=|ev| ev.prevent_default()>
                <For
                    each=sections
                    key=|(s, rows)| (*s, rows.iter().map(|p| p.kind).collect::<Vec<_>>())
                    children=move |(s, rows)| {
                        view! {
                            <fieldset
                                class="preference-group"
                                id=format!("prefs-{}", s.as_str().to_lowercase())
                            >
                                <legend>{move || t().reach().section(s)}</legend>
                                {rows
                                    .into_iter()
                                    .map(|p| view! { <PreferenceRow preference=p /> })
                                    .collect_view()}
                            </fieldset>
                        }
                    }
                />
            </form>
        </section>
    }
}

#[component]
fn PreferenceRow(preference: NotificationPreference) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let kind = preference.kind;
    let mandatory = preference.mandatory;
    let value = RwSignal::new(preference.channel);
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let id = format!("pref-{}", kind.as_str().to_lowercase().replace('_', "-"));
    let note_id = format!("{id}-note");
    let described = mandatory.then(|| note_id.clone());
    let save = move |ev: leptos::ev::Event| {
        let Some(channel) = NotificationChannel::parse(&event_target_value(&ev)) else {
            return;
        };
        let before = value.get_untracked();
        value.set(channel);
        note.set(None);
        error.set(None);
        let token = session.token();
        leptos::task::spawn_local(async move {
            let result = api::request::<_, q::SetNotificationPreferenceData>(
                q::SET_NOTIFICATION_PREFERENCE,
                q::SetNotificationPreferenceVars { kind, channel },
                token,
            )
            .await;
            match result {
                Ok(d) => {
                    value.try_set(d.set_notification_preference.channel);
                    note.try_set(Some(
                        strings(session.lang.get_untracked())
                            .reach()
                            .preference_saved,
                    ));
                }
                Err(e) => {
                    value.try_set(before);
                    error.try_set(Some(e));
                }
            }
        });
    };
    let channels: &'static [NotificationChannel] = if mandatory {
        &[NotificationChannel::Email]
    } else {
        NotificationChannel::ALL
    };
    let options = channels
        .iter()
        .map(|c| {
            let c = *c;
            view! {
                <option value=c.as_str() prop:selected=move || value.get() == c>
                    {move || t().reach().channel(c)}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field preference" data-kind=kind.as_str()>
            <label for=id.clone()>{move || t().reach().kind(kind)}</label>
            <select
                id=id
                name=kind.as_str()
                disabled=mandatory
                aria-describedby=described
                prop:value=move || value.get().as_str()
                on:change=save
            >
                {options}
            </select>
            <Show when=move || mandatory>
                <p id=note_id.clone() class="field-msg">{move || t().reach().mandatory_note}</p>
            </Show>
            <FormError error=error />
            <FormNote text=note.into() />
        </div>
    }
}
