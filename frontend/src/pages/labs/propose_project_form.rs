//! Active members of an active Lab propose a project.

use super::lab_state::LabCtx;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use constellation_shared::dto::labs::ProjectInput;
use constellation_shared::queries::labs as q;
use leptos::prelude::*;

const FIELDS: &[&str] = &["title", "description", "goals", "resourcesNeeded"];

#[component]
pub fn ProposeProjectForm(ctx: LabCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let goals = RwSignal::new(String::new());
    let resources = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let vars = q::ProposeProjectVars {
            lab_id: ctx.id(),
            input: ProjectInput {
                title: title.get_untracked().trim().to_owned(),
                description: description.get_untracked(),
                goals: goals.get_untracked(),
                resources_needed: resources.get_untracked(),
            },
        };
        ctx.mutate_project(q::PROPOSE_PROJECT, vars, error, busy, move || {
            title.set(String::new());
            description.set(String::new());
            goals.set(String::new());
            resources.set(String::new());
            note.set(Some(
                strings(ctx.session.lang.get_untracked())
                    .labs()
                    .project_proposed_note,
            ));
        });
    };
    view! {
        <Show when=move || ctx.is_active() && ctx.is_active_member()>
            <section aria-labelledby="propose-project-h">
                <h2 id="propose-project-h">{move || t().labs().propose_project_title}</h2>
                <form on:submit=submit novalidate>
                    <Field name="title" label=|s| s.labs().project_title value=title error=error />
                    <TextArea name="description" label=|s| s.description value=description error=error />
                    <TextArea name="goals" label=|s| s.labs().goals value=goals error=error />
                    <TextArea name="resourcesNeeded" label=|s| s.labs().resources_needed value=resources error=error />
                    <FormError error=error fields=FIELDS />
                    <FormNote text=note.into() />
                    <button type="submit" id="propose-project" disabled=move || busy.get()>
                        {move || t().labs().propose_project_submit}
                    </button>
                </form>
            </section>
        </Show>
    }
}
