//! The edition's phase, one step forwards or back. The last step publishes the schedule.

use super::state::BarcampCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use constellation_shared::dto::barcamp::BarcampPhase;
use constellation_shared::queries::barcamp as q;
use leptos::prelude::*;

/// The phase `step` places away from `phase` (−1 or +1), if any.
fn neighbour(phase: Option<BarcampPhase>, step: isize) -> Option<BarcampPhase> {
    let i = BarcampPhase::ALL.iter().position(|p| Some(*p) == phase)?;
    let j = i.checked_add_signed(step)?;
    BarcampPhase::ALL.get(j).copied()
}

#[component]
pub fn PhaseControl(ctx: BarcampCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let phase = move || ctx.phase().unwrap_or(BarcampPhase::Proposals);
    let previous = move || neighbour(ctx.phase(), -1);
    let next = move || neighbour(ctx.phase(), 1);
    let go = move |to: Option<BarcampPhase>| {
        let Some(phase) = to else { return };
        let vars = q::SetPhaseVars {
            edition_id: ctx.id(),
            phase,
        };
        ctx.mutate_edition(q::SET_PHASE, vars, error, busy, move || ctx.refresh_talks());
    };
    let steps = move || {
        BarcampPhase::ALL
            .iter()
            .map(|p| {
                let p = *p;
                let current = move || (phase() == p).then_some("step");
                view! { <li aria-current=current data-phase=p.as_str()>{move || t().barcamp().barcamp_phase(p)}</li> }
            })
            .collect_view()
    };
    let next_label = move || match next() {
        Some(BarcampPhase::Published) => t().barcamp().publish_schedule.to_owned(),
        Some(p) => format!(
            "{} {}",
            t().barcamp().phase_next,
            t().barcamp().barcamp_phase(p)
        ),
        None => t().barcamp().phase_last.to_owned(),
    };
    let previous_label = move || match previous() {
        Some(p) => format!(
            "{} {}",
            t().barcamp().phase_back,
            t().barcamp().barcamp_phase(p)
        ),
        None => t().barcamp().phase_first.to_owned(),
    };

    view! {
        <section aria-labelledby="phase-h">
            <h2 id="phase-h">{move || t().barcamp().edition_phase}</h2>
            <p>
                {move || t().barcamp().phase_current} " "
                <strong id="phase-current" class="badge phase" data-phase=move || phase().as_str()>
                    {move || t().barcamp().barcamp_phase(phase())}
                </strong>
            </p>
            <ol class="phases">{steps}</ol>
            <p class="muted">{move || t().barcamp().phase_help}</p>
            <div class="actions">
                <button
                    type="button"
                    id="phase-previous"
                    class="secondary"
                    on:click=move |_| go(previous())
                    disabled=move || busy.get() || previous().is_none()
                >
                    {previous_label}
                </button>
                <button
                    type="button"
                    id="phase-next"
                    on:click=move |_| go(next())
                    disabled=move || busy.get() || next().is_none()
                >
                    {next_label}
                </button>
            </div>
            <FormError error=error />
        </section>
    }
}
