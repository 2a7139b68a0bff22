//! The plan as everyone reads it: the end of service and the days left, the decision that
//! adopted it, its milestones, and the working group's Lab.

use crate::i18n::{fill, strings};
use crate::session::use_session;
use constellation_shared::dto::transition::{Milestone, Plan};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PlanSummary(
    plan: Signal<Option<Plan>>,
    milestones: Signal<Vec<Milestone>>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition();
    let field =
        move |f: fn(&Plan) -> String| move || plan.with(|p| p.as_ref().map(f).unwrap_or_default());
    let motion = move || plan.with(|p| p.as_ref().and_then(|p| p.decision_motion_id.clone()));
    let group = move || plan.with(|p| p.as_ref().and_then(|p| p.working_group.clone()));
    let in_group = move || plan.with(|p| p.as_ref().is_some_and(|p| p.in_working_group));
    let rows = move || {
        milestones
            .get()
            .into_iter()
            .map(|m| {
                view! {
                    <tr class="transition-milestone" data-id=m.id.clone()>
                        <th scope="row">{m.label.clone()}</th>
                        <td><time datetime=m.due_on.clone()>{m.due_on.clone()}</time></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="transition-plan-h" id="transition-plan">
            <h2 id="transition-plan-h" class="sr-only">{move || t().title}</h2>
            <dl class="facts">
                <dt>{move || t().ends_on_label}</dt>
                <dd id="transition-ends-on">
                    <time datetime=field(|p| p.ends_on.clone())>{field(|p| p.ends_on.clone())}</time>
                </dd>
                <dt>{move || t().days_left_label}</dt>
                <dd id="transition-days-left">{field(|p| p.days_left.to_string())}</dd>
                <dt>{move || t().decision_label}</dt>
                <dd id="transition-decision">
                    <p>{field(|p| p.decision_note.clone())}</p>
                    {move || motion().map(|m| {
                        let shown = m.clone();
                        view! {
                            <p id="transition-decision-motion" data-motion-id=m>
                                {move || fill(t().decision_motion, &[&shown])} " "
                                <A href="/assemblies">{move || t().decision_motion_link}</A>
                            </p>
                        }
                    })}
                </dd>
            </dl>
        </section>
        <section aria-labelledby="transition-milestones-h">
            <h2 id="transition-milestones-h">{move || t().milestones_title}</h2>
            <Show
                when=move || !milestones.with(Vec::is_empty)
                fallback=move || view! { <p id="transition-milestones-empty">{move || t().milestones_empty}</p> }
            >
                <div class="table-wrap">
                    <table id="transition-milestones">
                        <caption>{move || t().milestones_caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || t().col_milestone}</th>
                                <th scope="col">{move || t().col_due}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </Show>
        </section>
        <section aria-labelledby="transition-group-h" id="transition-working-group">
            <h2 id="transition-group-h">{move || t().working_group_title}</h2>
            <p>{move || t().working_group_intro}</p>
            {move || group().map(|g| view! {
                <p>
                    <A href=format!("/labs/{}", g.slug) attr:id="transition-group-link">
                        {move || t().working_group_link} " — " {g.name.clone()}
                    </A>
                </p>
            })}
            <p id="transition-group-membership">
                {move || if in_group() { t().in_working_group } else { t().join_working_group }}
            </p>
        </section>
    }
}
