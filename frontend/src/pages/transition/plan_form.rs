//! The plan's form (board): sets the transition up when there is none (which also creates
//! its working group's Lab), else edits it. The end date is what the days left count down to.

use super::board_api::non_empty;
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::{PlanDetail, PlanInput};
use constellation_shared::queries::transition::board as b;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

const FIELDS: &[&str] = &[
    "title",
    "endsOn",
    "decisionMotionId",
    "decisionNote",
    "atRiskDays",
];

#[component]
pub fn PlanForm(plan: RwSignal<Option<PlanDetail>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let title = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    let motion = RwSignal::new(String::new());
    let decision = RwSignal::new(String::new());
    let at_risk = RwSignal::new("30".to_owned());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);

    // The form follows the plan as loaded or saved (not its milestones, edited beside it,
    // which would otherwise reset what is being typed here).
    let saved = Memo::new(move |_| {
        plan.with(|p| {
            p.as_ref().map(|p| {
                (
                    p.title.clone(),
                    p.ends_on.clone(),
                    p.decision_motion_id.clone(),
                    p.decision_note.clone(),
                    p.at_risk_days,
                )
            })
        })
    });
    Effect::new(move |_| {
        if let Some((t, e, m, n, d)) = saved.get() {
            title.set(t);
            ends_on.set(e);
            motion.set(m.unwrap_or_default());
            decision.set(n);
            at_risk.set(d.to_string());
        }
    });
    let exists = move || plan.with(Option::is_some);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let Ok(days) = at_risk.get_untracked().trim().parse::<i32>() else {
            error.set(Some(ApiError::invalid(
                "atRiskDays",
                ValidationReason::Invalid,
            )));
            return;
        };
        let input = PlanInput {
            title: title.get_untracked().trim().to_owned(),
            decision_motion_id: non_empty(&motion.get_untracked()),
            decision_note: decision.get_untracked().trim().to_owned(),
            ends_on: ends_on.get_untracked().trim().to_owned(),
            at_risk_days: days,
        };
        let creating = plan.with_untracked(Option::is_none);
        let doc = if creating {
            b::CREATE_PLAN
        } else {
            b::UPDATE_PLAN
        };
        mutate(
            session,
            doc,
            b::PlanVars { input },
            error,
            busy,
            move |r: b::PlanResult| {
                let s = strings(session.lang.get_untracked()).transition_board();
                note.try_set(Some(if creating {
                    s.plan_created
                } else {
                    s.plan_updated
                }));
                plan.try_set(r.into_inner());
            },
        );
    };

    view! {
        <section aria-labelledby="plan-h">
            <h2 id="plan-h">{move || t().plan_title}</h2>
            <p class="muted">{move || t().plan_intro}</p>
            {move || plan.get().map(|p| view! {
                <p id="plan-days-left" class="lead">{t().days_left(p.days_left)}</p>
            })}
            <form id="plan-form" on:submit=submit novalidate>
                <Field name="title" id="plan-title" label=|s| s.transition_board().plan_name value=title error=error />
                <Field name="endsOn" id="plan-ends-on" kind="date" label=|s| s.transition_board().plan_ends_on value=ends_on error=error />
                <Field name="atRiskDays" id="plan-at-risk" kind="number" inputmode="numeric" label=|s| s.transition_board().plan_at_risk hint=|s| s.transition_board().plan_at_risk_hint value=at_risk error=error />
                <Field name="decisionMotionId" id="plan-motion" required=false label=|s| s.transition_board().plan_motion hint=|s| s.transition_board().plan_motion_hint value=motion error=error />
                <TextArea name="decisionNote" id="plan-note" required=false rows=3 label=|s| s.transition_board().plan_note value=decision error=error />
                <FormError error=error fields=FIELDS />
                <FormNote text=note.into() />
                <button type="submit" id="plan-submit" disabled=move || busy.get()>
                    {move || if busy.get() {
                        strings(session.lang.get()).working
                    } else if exists() {
                        t().plan_update
                    } else {
                        t().plan_create
                    }}
                </button>
            </form>
        </section>
    }
}
