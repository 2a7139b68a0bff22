//! `/barcamp/:year/schedule`: the room × time grid, kept up to date live.

use super::edition_page::{edition_fallback, EditionLinks};
use super::live::{follow_changes, LiveNotice};
use super::schedule_grid::ScheduleGrid;
use super::state::BarcampCtx;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::barcamp::BarcampPhase;
use leptos::prelude::*;

#[component]
pub fn SchedulePage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let ctx = BarcampCtx::for_route(session, true);
    let updated = follow_changes(ctx, move || ctx.reload());
    let title = move || {
        ctx.edition.with(|e| {
            e.as_ref()
                .map(|e| {
                    // An edition's title often carries its year already ("Barcamp 2027").
                    let year = e.year.to_string();
                    if e.title.contains(&year) {
                        format!("{} — {}", t().barcamp().schedule_title, e.title)
                    } else {
                        format!("{} — {} {}", t().barcamp().schedule_title, e.title, year)
                    }
                })
                .unwrap_or_default()
        })
    };
    let draft = move || ctx.organiser() && ctx.phase() != Some(BarcampPhase::Published);

    view! {
        <Show when=move || ctx.edition.with(Option::is_some) fallback=move || edition_fallback(ctx)>
            <h1>{title}</h1>
            <EditionLinks ctx=ctx />
            <LiveNotice updated=updated />
            <Show
                when=move || ctx.schedule_visible()
                fallback=move || view! { <p id="schedule-unpublished" class="notice">{move || t().barcamp().schedule_unpublished}</p> }
            >
                <Show when=draft>
                    <p id="schedule-draft" class="notice">{move || t().barcamp().schedule_draft}</p>
                </Show>
                <ScheduleGrid ctx=ctx />
            </Show>
        </Show>
    }
}
