//! `/barcamp`: every edition, newest first; the board creates the next one here.

use super::create_edition_form::CreateEditionForm;
use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::{use_session, Session};
use constellation_shared::dto::barcamp::EditionSummary;
use constellation_shared::queries::barcamp as q;
use leptos::prelude::*;
use leptos_router::components::A;

const PAGE_SIZE: i32 = 100;
const MAX_PAGES: usize = 20;

async fn load_editions(session: Session) -> Result<Vec<EditionSummary>, ApiError> {
    let mut all = Vec::new();
    let mut after = None;
    for _ in 0..MAX_PAGES {
        let vars = q::EditionsVars {
            first: Some(PAGE_SIZE),
            after,
        };
        let d = api::request::<_, q::EditionsData>(q::EDITIONS, vars, session.token()).await?;
        let c = d.barcamp_editions;
        all.extend(c.nodes().cloned());
        after = c
            .page_info
            .has_next_page
            .then_some(c.page_info.end_cursor)
            .flatten();
        if after.is_none() {
            break;
        }
    }
    Ok(all)
}

/// Newest year first.
pub fn sort_editions(editions: &mut [EditionSummary]) {
    editions.sort_by_key(|e| std::cmp::Reverse(e.year));
}

#[component]
pub fn EditionsPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let editions = RwSignal::new(Vec::<EditionSummary>::new());
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let is_board = move || {
        session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.is_board || m.is_admin))
    };

    Effect::new(move |_| {
        session.token.track();
        leptos::task::spawn_local(async move {
            let result = load_editions(session).await;
            loaded.set(true);
            match result {
                Ok(mut list) => {
                    sort_editions(&mut list);
                    editions.set(list);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });

    view! {
        <section aria-labelledby="editions-h">
            <h1 id="editions-h">{move || t().barcamp().barcamp_title}</h1>
            <p class="lead">{move || t().barcamp().barcamp_intro}</p>
            <FormError error=error />
            <Show when=move || !loaded.get()>
                <p>{move || t().loading}</p>
            </Show>
            <Show when=move || loaded.get() && editions.with(Vec::is_empty)>
                <p id="editions-empty">{move || t().barcamp().editions_empty}</p>
            </Show>
            <ul id="editions" class="cards">
                <For
                    each=move || editions.get()
                    key=|e| (e.id.clone(), e.phase, e.title.clone())
                    children=move |e| view! { <EditionCard edition=e /> }
                />
            </ul>
        </section>
        <Show when=is_board>
            <CreateEditionForm editions=editions />
        </Show>
    }
}

#[component]
fn EditionCard(edition: EditionSummary) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let e = edition;
    let phase = e.phase;
    view! {
        <li class="edition" data-year=e.year data-phase=phase.as_str()>
            <h2><A href=format!("/barcamp/{}", e.year)>{e.year} " — " {e.title.clone()}</A></h2>
            <dl class="facts">
                <dt>{move || t().barcamp().edition_dates}</dt>
                <dd>{format!("{} → {}", e.starts_on, e.ends_on)}</dd>
                <dt>{move || t().barcamp().edition_venue}</dt>
                <dd>{e.venue.clone()}</dd>
                <dt>{move || t().barcamp().edition_phase}</dt>
                <dd><span class="badge phase" data-phase=phase.as_str()>{move || t().barcamp().barcamp_phase(phase)}</span></dd>
            </dl>
        </li>
    }
}
