//! `/barcamp`: every edition, newest first; the board creates the next one here.

use super::create_edition_form::CreateEditionForm;
use crate::api;
use crate::components::loaded::Loaded;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::barcamp::EditionSummary;
use constellation_shared::queries::barcamp as q;
use leptos::prelude::*;
use leptos_router::components::A;

/// Newest year first.
pub fn sort_editions(editions: &mut [EditionSummary]) {
    editions.sort_by_key(|e| std::cmp::Reverse(e.year));
}

#[component]
pub fn EditionsPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let editions = api::load(session, |call| async move {
        let vars = |first, after| q::EditionsVars { first, after };
        let mut list = call
            .all(q::EDITIONS, vars, |d: q::EditionsData| d.barcamp_editions)
            .await?;
        sort_editions(&mut list);
        Ok(list)
    });

    view! {
        <section aria-labelledby="editions-h">
            <h1 id="editions-h">{move || t().barcamp().barcamp_title}</h1>
            <p class="lead">{move || t().barcamp().barcamp_intro}</p>
            <Loaded data=editions let:list>
                <Show when={let empty = list.is_empty(); move || empty}>
                    <p id="editions-empty">{move || t().barcamp().editions_empty}</p>
                </Show>
                <ul id="editions" class="cards">
                    {list.clone().into_iter().map(|e| view! { <EditionCard edition=e /> }).collect_view()}
                </ul>
            </Loaded>
        </section>
        <Show when=move || session.is_board()>
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
