//! A Lab's projects: members support them, coordinators move them along.

use super::lab_state::LabCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use constellation_shared::dto::labs::{Project, ProjectStatus};
use constellation_shared::queries::labs as q;
use leptos::prelude::*;
use leptos_router::components::A;

/// The class of the button that moves a project to `s`.
fn move_class(s: ProjectStatus) -> &'static str {
    match s {
        ProjectStatus::Proposed => "move",
        ProjectStatus::Accepted => "move accept",
        ProjectStatus::InProgress => "move start",
        ProjectStatus::Done => "move finish",
        ProjectStatus::Abandoned => "move abandon secondary",
    }
}

#[component]
pub fn LabProjects(ctx: LabCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let projects = move || {
        ctx.lab.with(|l| {
            l.as_ref()
                .map(|l| l.projects.nodes().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        <section aria-labelledby="projects-h">
            <h2 id="projects-h">{move || t().labs().projects_title}</h2>
            <Show when=move || projects().is_empty()>
                <p>{move || t().labs().projects_empty}</p>
            </Show>
            <ul id="projects" class="cards">
                <For
                    each=projects
                    key=|p| (p.id.clone(), p.status, p.support_count, p.supported_by_me)
                    children=move |p| view! { <ProjectItem ctx=ctx project=p error=error busy=busy /> }
                />
            </ul>
            <FormError error=error />
        </section>
    }
}

#[component]
fn ProjectItem(
    ctx: LabCtx,
    project: Project,
    error: RwSignal<Option<ApiError>>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let p = project;
    let status = p.status;
    let supported = p.supported_by_me;
    let id = p.id.clone();
    let support = {
        let id = id.clone();
        move |_| {
            let vars = q::ProjectIdVars {
                project_id: id.clone(),
            };
            ctx.mutate_project(q::SUPPORT_PROJECT, vars, error, busy, || ());
        }
    };
    // Rebuilt each time the coordinator's controls are shown (a view is not `Clone`).
    let moves = {
        let id = id.clone();
        let title = p.title.clone();
        move || {
            ProjectStatus::ALL
                .iter()
                .copied()
                .filter(|next| status.can_move_to(*next))
                .map(|next| {
                    let id = id.clone();
                    let title = title.clone();
                    let on_click = move |_| {
                        let vars = q::SetProjectStatusVars {
                            project_id: id.clone(),
                            status: next,
                        };
                        ctx.mutate_project(q::SET_PROJECT_STATUS, vars, error, busy, || ());
                    };
                    view! {
                        <button type="button" class=move_class(next) data-to=next.as_str() on:click=on_click disabled=move || busy.get()>
                            {move || t().labs().project_move(next)}
                            <span class="sr-only">" — " {title}</span>
                        </button>
                    }
                })
                .collect_view()
        }
    };
    let can_support = move || ctx.is_active_member() && !supported && !ctx.read_only();
    let manage = move || ctx.is_coordinator() && !ctx.read_only();
    let proposer = p.proposed_by.as_ref().map(|who| {
        let name = who.display_name.clone();
        view! {
            <dt>{move || t().labs().proposed_by}</dt>
            <dd class="proposed-by">{name}</dd>
        }
    });
    let title = p.title.clone();
    let link_text = p.title.clone();
    let href = format!("/projects/{}", p.id);
    view! {
        <li class="project" data-id=p.id.clone() data-title=p.title.clone() data-status=status.as_str()>
            <h3><A href=href>{link_text}</A></h3>
            <p class="description text">{p.description.clone()}</p>
            <dl class="facts">
                <dt>{move || t().labs().goals}</dt>
                <dd class="goals text">{p.goals.clone()}</dd>
                <dt>{move || t().labs().resources_needed}</dt>
                <dd class="resources text">{p.resources_needed.clone()}</dd>
                <dt>{move || t().status_label}</dt>
                <dd><span class="badge project-status" data-status=status.as_str()>{move || t().labs().project_status(status)}</span></dd>
                <dt>{move || t().labs().support_count}</dt>
                <dd class="support-count">{p.support_count}</dd>
                {proposer}
            </dl>
            <Show when=move || supported>
                <p class="supported">{move || t().labs().supported}</p>
            </Show>
            <div class="actions">
                <Show when=can_support>
                    <button type="button" class="support" on:click=support.clone() disabled=move || busy.get()>
                        {move || t().labs().support}
                        <span class="sr-only">" — " {title.clone()}</span>
                    </button>
                </Show>
                <Show when=manage>{moves.clone()}</Show>
            </div>
        </li>
    }
}
