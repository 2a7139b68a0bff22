//! Runs the scheduler (in the scheduling phase) and shows what it did: how many sessions it
//! placed, how good the result is next to a simple greedy placement, and why some could
//! not be placed.

use super::state::BarcampCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use constellation_shared::dto::barcamp::{BarcampPhase, SchedulerRun};
use constellation_shared::queries::barcamp as q;
use leptos::prelude::*;

#[component]
pub fn SchedulerPanel(ctx: BarcampCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<SchedulerRun>);
    let can_run = move || ctx.phase() == Some(BarcampPhase::Scheduling);
    let run = move |_| {
        let vars = q::EditionIdVars {
            edition_id: ctx.id(),
        };
        crate::api::mutate(
            ctx.session,
            q::RUN_SCHEDULER,
            vars,
            error,
            busy,
            move |d: q::RunSchedulerData| {
                result.set(Some(d.run_barcamp_scheduler));
                ctx.refresh_talks();
            },
        );
    };
    view! {
        <section aria-labelledby="scheduler-h">
            <h2 id="scheduler-h">{move || t().barcamp().scheduler_title}</h2>
            <p id="scheduler-help" class="muted">{move || t().barcamp().scheduler_help}</p>
            <button
                type="button"
                id="run-scheduler"
                aria-describedby="scheduler-help"
                on:click=run
                disabled=move || busy.get() || !can_run()
            >
                {move || if busy.get() { t().working } else { t().barcamp().run_scheduler }}
            </button>
            <FormError error=error />
            <div aria-live="polite">
                {move || result.get().map(|r| view! { <RunResult run=r /> })}
            </div>
        </section>
    }
}

#[component]
fn RunResult(run: SchedulerRun) -> impl IntoView {
    let session = crate::session::use_session();
    let t = move || strings(session.lang.get());
    let unplaced = run
        .unplaced
        .iter()
        .map(|u| {
            view! {
                <li data-session-id=u.session.id.clone() data-reason=u.reason.clone()>
                    <strong>{u.session.title.clone()}</strong> " — " {u.explanation.clone()}
                </li>
            }
        })
        .collect_view();
    let all_placed = run.unplaced.is_empty();
    view! {
        <div id="scheduler-result" class="notice" data-objective=run.objective data-placed=run.placed>
            <dl class="facts">
                <dt>{move || t().barcamp().run_placed}</dt>
                <dd class="run-placed">{run.placed}</dd>
                <dt>{move || t().barcamp().run_pinned}</dt>
                <dd class="run-pinned">{run.pinned}</dd>
                <dt>{move || t().barcamp().run_objective}</dt>
                <dd class="run-objective">{run.objective}</dd>
                <dt>{move || t().barcamp().run_greedy}</dt>
                <dd class="run-greedy">{run.greedy_objective}</dd>
                <dt>{move || t().barcamp().run_time}</dt>
                <dd class="run-time">{format!("{} ms", run.milliseconds)}</dd>
            </dl>
            <p class="muted">{move || t().barcamp().run_objective_help}</p>
            {if all_placed {
                view! { <p class="run-all-placed">{move || t().barcamp().run_all_placed}</p> }.into_any()
            } else {
                view! { <h3>{move || t().barcamp().run_unplaced}</h3> }.into_any()
            }}
            <ul class="run-unplaced">{unplaced}</ul>
        </div>
    }
}
