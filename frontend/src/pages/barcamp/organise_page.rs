//! `/barcamp/:year/organise`: the organisers' console — phase, organisers and
//! registrations, rooms, slots, the scheduler, and every session with its actions.

use super::edition_page::{edition_fallback, EditionLinks};
use super::organisers_form::OrganisersForm;
use super::phase_control::PhaseControl;
use super::rooms_editor::RoomsEditor;
use super::scheduler_panel::SchedulerPanel;
use super::session_actions::OrganiserSessionItem;
use super::slots_editor::SlotsEditor;
use super::state::BarcampCtx;
use crate::i18n::strings;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn OrganisePage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let ctx = BarcampCtx::for_route(session, true);
    let title = move || {
        ctx.edition.with(|e| {
            e.as_ref()
                .map(|e| format!("{} — {} {}", t().barcamp().organise_title, e.title, e.year))
                .unwrap_or_default()
        })
    };
    let ids = move || {
        ctx.talks
            .with(|ts| ts.iter().map(|x| x.id.clone()).collect::<Vec<_>>())
    };
    let refused = move || {
        view! {
            <p id="organise-refused" class="notice">
                {move || if ctx.signed_in() { t().barcamp().organisers_only } else { t().sign_in_required }}
            </p>
        }
    };

    view! {
        <Show when=move || ctx.edition.with(Option::is_some) fallback=move || edition_fallback(ctx)>
            <h1>{title}</h1>
            <EditionLinks ctx=ctx />
            <Show when=move || ctx.organiser() fallback=refused>
                <PhaseControl ctx=ctx />
                <OrganisersForm ctx=ctx />
                <RoomsEditor ctx=ctx />
                <SlotsEditor ctx=ctx />
                <SchedulerPanel ctx=ctx />
                <section aria-labelledby="organise-programme-h">
                    <h2 id="organise-programme-h">{move || t().barcamp().programme_title}</h2>
                    <Show when=move || ctx.talks.with(Vec::is_empty)>
                        <p>{move || t().barcamp().programme_empty}</p>
                    </Show>
                    <ul id="organise-programme" class="cards">
                        <For
                            each=ids
                            key=|id| id.clone()
                            children=move |id: String| view! { <OrganiserSessionItem ctx=ctx id=id /> }
                        />
                    </ul>
                </section>
            </Show>
        </Show>
    }
}
