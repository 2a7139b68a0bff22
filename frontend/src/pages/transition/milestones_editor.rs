//! The plan's milestones (board): listed by date, added one at a time, removed.

use crate::api::mutate;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::PlanDetail;
use constellation_shared::queries::transition::board as b;
use leptos::prelude::*;

const FIELDS: &[&str] = &["label", "dueOn"];

#[component]
pub fn MilestonesEditor(plan: RwSignal<Option<PlanDetail>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let label = RwSignal::new(String::new());
    let due_on = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let vars = b::MilestoneVars {
            label: label.get_untracked().trim().to_owned(),
            due_on: due_on.get_untracked().trim().to_owned(),
        };
        mutate(
            session,
            b::ADD_MILESTONE,
            vars,
            error,
            busy,
            move |r: b::MilestoneResult| {
                if let Some(m) = r.into_inner() {
                    plan.try_update(|p| {
                        if let Some(p) = p {
                            p.milestones.push(m);
                            p.milestones.sort_by(|a, b| a.due_on.cmp(&b.due_on));
                        }
                    });
                }
                label.try_set(String::new());
                due_on.try_set(String::new());
                note.try_set(Some(
                    strings(session.lang.get_untracked())
                        .transition_board()
                        .milestone_added,
                ));
            },
        );
    };

    let remove = move |id: String| {
        note.set(None);
        let gone = id.clone();
        mutate(
            session,
            b::REMOVE_MILESTONE,
            b::IdVars { id },
            error,
            busy,
            move |_: b::Done| {
                plan.try_update(|p| {
                    if let Some(p) = p {
                        p.milestones.retain(|m| m.id != gone);
                    }
                });
                note.try_set(Some(
                    strings(session.lang.get_untracked())
                        .transition_board()
                        .milestone_removed,
                ));
            },
        );
    };

    let items = move || plan.with(|p| p.as_ref().map(|p| p.milestones.clone()).unwrap_or_default());

    view! {
        <section aria-labelledby="milestones-h">
            <h3 id="milestones-h">{move || t().milestones_title}</h3>
            <Show when=move || items().is_empty()>
                <p id="milestones-empty" class="muted">{move || t().milestones_empty}</p>
            </Show>
            <ul id="milestones">
                <For
                    each=items
                    key=|m| m.id.clone()
                    children=move |m| {
                        let id = m.id.clone();
                        let what = m.label.clone();
                        view! {
                            <li class="milestone" data-id=m.id.clone()>
                                <time datetime=m.due_on.clone()>{m.due_on.clone()}</time>
                                " — "
                                <span class="milestone-label">{m.label.clone()}</span>
                                " "
                                <button type="button" class="milestone-remove secondary" disabled=move || busy.get() on:click=move |_| remove(id.clone())>
                                    {move || t().remove}
                                    <span class="sr-only">" — " {what.clone()}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <form id="milestone-form" on:submit=add novalidate>
                <Field name="label" id="milestone-label" label=|s| s.transition_board().milestone_label value=label error=error />
                <Field name="dueOn" id="milestone-due" kind="date" label=|s| s.transition_board().milestone_due value=due_on error=error />
                <FormError error=error fields=FIELDS />
                <FormNote text=note.into() />
                <button type="submit" id="milestone-submit" disabled=move || busy.get()>
                    {move || t().milestone_add}
                </button>
            </form>
        </section>
    }
}
