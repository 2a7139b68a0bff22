//! `/projects/:id`: one project, with a link back to its Lab.

use crate::api;
use crate::components::loaded::Loaded;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::queries::labs as q;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ProjectPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let params = use_params_map();
    let page = api::load(session, move |call| {
        let id = params.read().get("id").unwrap_or_default();
        async move {
            let d: q::ProjectData = call.request(q::PROJECT, q::ProjectVars { id }).await?;
            Ok(d.project)
        }
    });

    let shown = move |page: Option<q::ProjectPage>| {
        let Some(pp) = page else {
            return view! { <h1 id="project-not-found">{move || t().labs().project_not_found}</h1> }
                .into_any();
        };
        let p = pp.project;
        let status = p.status;
        let proposer = p.proposed_by.map(|who| {
            view! {
                <dt>{move || t().labs().proposed_by}</dt>
                <dd class="proposed-by">{who.display_name}</dd>
            }
        });
        view! {
            <article class="project-page" data-status=status.as_str()>
                <p>
                    <span class="muted">{move || t().labs().project_lab}</span> " "
                    <A href=format!("/labs/{}", pp.lab.slug) attr:id="project-lab">{pp.lab.name.clone()}</A>
                </p>
                <h1>{p.title.clone()}</h1>
                <p class="description text">{p.description.clone()}</p>
                <dl class="facts">
                    <dt>{move || t().status_label}</dt>
                    <dd><span id="project-status" class="badge" data-status=status.as_str()>{move || t().labs().project_status(status)}</span></dd>
                    <dt>{move || t().labs().goals}</dt>
                    <dd class="goals text">{p.goals.clone()}</dd>
                    <dt>{move || t().labs().resources_needed}</dt>
                    <dd class="resources text">{p.resources_needed.clone()}</dd>
                    <dt>{move || t().labs().support_count}</dt>
                    <dd class="support-count">{p.support_count}</dd>
                    {proposer}
                </dl>
                <Show when=move || p.supported_by_me>
                    <p class="supported">{move || t().labs().supported}</p>
                </Show>
            </article>
        }
        .into_any()
    };
    view! { <Loaded data=page let:page>{shown(page)}</Loaded> }
}
