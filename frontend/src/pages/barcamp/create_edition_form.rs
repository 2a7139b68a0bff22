//! The board creates an edition: year, title, dates, venue and its time zone.

use super::editions_page::sort_editions;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::barcamp::{EditionInput, EditionSummary};
use constellation_shared::queries::barcamp as q;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

const FIELDS: &[&str] = &["year", "title", "startsOn", "endsOn", "venue", "timezone"];
const DEFAULT_TIMEZONE: &str = "Europe/Brussels";

#[component]
pub fn CreateEditionForm(
    editions: LocalResource<Result<Vec<EditionSummary>, crate::api::ApiError>>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let year = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let starts_on = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    let venue = RwSignal::new(String::new());
    let timezone = RwSignal::new(DEFAULT_TIMEZONE.to_owned());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        if busy.get_untracked() {
            return;
        }
        let Ok(year_value) = year.get_untracked().trim().parse::<i32>() else {
            error.set(Some(ApiError::invalid("year", ValidationReason::Invalid)));
            return;
        };
        let vars = q::CreateEditionVars {
            input: EditionInput {
                year: year_value,
                title: title.get_untracked().trim().to_owned(),
                starts_on: starts_on.get_untracked(),
                ends_on: ends_on.get_untracked(),
                venue: venue.get_untracked().trim().to_owned(),
                timezone: timezone.get_untracked().trim().to_owned(),
            },
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = crate::api::request::<_, q::EditionResult>(
                q::CREATE_EDITION,
                vars,
                session.token(),
            )
            .await;
            busy.set(false);
            match result {
                Ok(r) => {
                    if let Some(e) = r.into_inner() {
                        crate::api::update_loaded(editions, |list| {
                            list.push(EditionSummary {
                                id: e.id,
                                year: e.year,
                                title: e.title,
                                starts_on: e.starts_on,
                                ends_on: e.ends_on,
                                venue: e.venue,
                                phase: e.phase,
                            });
                            sort_editions(list);
                        });
                    }
                    for s in [year, title, starts_on, ends_on, venue] {
                        s.set(String::new());
                    }
                    timezone.set(DEFAULT_TIMEZONE.to_owned());
                    note.set(Some(
                        strings(session.lang.get_untracked())
                            .barcamp()
                            .edition_created,
                    ));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    view! {
        <section aria-labelledby="create-edition-h" class="board">
            <h2 id="create-edition-h">{move || t().barcamp().create_edition_title}</h2>
            <form id="create-edition" on:submit=submit novalidate>
                <Field name="year" id="edition-year" label=|s| s.barcamp().edition_year value=year error=error kind="number" inputmode="numeric" />
                <Field name="title" id="edition-title" label=|s| s.barcamp().edition_title value=title error=error />
                <Field name="startsOn" id="edition-starts" label=|s| s.barcamp().edition_starts value=starts_on error=error kind="date" />
                <Field name="endsOn" id="edition-ends" label=|s| s.barcamp().edition_ends value=ends_on error=error kind="date" />
                <Field name="venue" id="edition-venue" label=|s| s.barcamp().edition_venue value=venue error=error />
                <Field name="timezone" id="edition-timezone" label=|s| s.barcamp().edition_timezone value=timezone error=error hint=|s| s.barcamp().edition_timezone_hint />
                <FormError error=error fields=FIELDS />
                <FormNote text=note.into() />
                <button type="submit" id="create-edition-submit" disabled=move || busy.get()>
                    {move || t().barcamp().create_edition_submit}
                </button>
            </form>
        </section>
    }
}
