//! `/assemblies`: every general assembly, newest first; the board prepares the next one here.

use super::create_assembly_form::CreateAssemblyForm;
use super::{instant_label, sort_assemblies};
use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::{use_session, Session};
use constellation_shared::dto::assemblies::AssemblySummary;
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;
use leptos_router::components::A;

const PAGE_SIZE: i32 = 100;
const MAX_PAGES: usize = 20;

async fn load_assemblies(session: Session) -> Result<Vec<AssemblySummary>, ApiError> {
    let mut all = Vec::new();
    let mut after = None;
    for _ in 0..MAX_PAGES {
        let vars = q::PageVars {
            first: Some(PAGE_SIZE),
            after,
        };
        let d = api::request::<_, q::AssembliesData>(q::ASSEMBLIES, vars, session.token()).await?;
        let c = d.assemblies;
        all.extend(c.nodes().cloned());
        after = c
            .page_info
            .has_next_page
            .then_some(c.page_info.end_cursor)
            .flatten();
        if after.is_none() {
            break;
        }
    }
    Ok(all)
}

#[component]
pub fn AssembliesPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let assemblies = RwSignal::new(Vec::<AssemblySummary>::new());
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let is_board = move || {
        session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.is_board || m.is_admin))
    };

    Effect::new(move |_| {
        let signed_in = session.token.with(Option::is_some);
        if !signed_in {
            loaded.set(session.ready.get());
            return;
        }
        leptos::task::spawn_local(async move {
            let result = load_assemblies(session).await;
            loaded.try_set(true);
            match result {
                Ok(mut list) => {
                    sort_assemblies(&mut list);
                    assemblies.try_set(list);
                    error.try_set(None);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    });

    view! {
        <section aria-labelledby="assemblies-h">
            <h1 id="assemblies-h">{move || t().assemblies().assemblies_title}</h1>
            <p class="lead">{move || t().assemblies().assemblies_intro}</p>
            <Show when=move || session.ready.get() && session.token.with(Option::is_none)>
                <p class="notice">
                    {move || t().sign_in_required} " " <A href="/login">{move || t().nav_login}</A>
                </p>
            </Show>
            <FormError error=error />
            <Show when=move || !loaded.get()>
                <p>{move || t().loading}</p>
            </Show>
            <Show when=move || loaded.get() && session.token.with(Option::is_some) && assemblies.with(Vec::is_empty)>
                <p id="assemblies-empty">{move || t().assemblies().assemblies_empty}</p>
            </Show>
            <ul id="assemblies" class="cards">
                <For
                    each=move || assemblies.get()
                    key=|a| (a.id.clone(), a.status, a.title.clone(), a.starts_at.clone(), a.place.clone())
                    children=move |a| view! { <AssemblyCard assembly=a /> }
                />
            </ul>
        </section>
        <Show when=is_board>
            <CreateAssemblyForm assemblies=assemblies />
        </Show>
    }
}

#[component]
fn AssemblyCard(assembly: AssemblySummary) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let a = assembly;
    let (kind, status) = (a.kind, a.status);
    let starts_at = a.starts_at.clone();
    view! {
        <li class="assembly" data-assembly-id=a.id.clone() data-status=status.as_str()>
            <h2><A href=format!("/assemblies/{}", a.id)>{a.title.clone()}</A></h2>
            <dl class="facts">
                <dt>{move || t().assemblies().assembly_kind}</dt>
                <dd>{move || t().assemblies().assembly_kind_label(kind)}</dd>
                <dt>{move || t().assemblies().assembly_date}</dt>
                <dd>
                    <time datetime=a.starts_at.clone()>
                        {move || instant_label(&starts_at, session.lang.get())}
                    </time>
                </dd>
                <dt>{move || t().assemblies().assembly_place}</dt>
                <dd>{a.place.clone()}</dd>
                <dt>{move || t().assemblies().assembly_status}</dt>
                <dd>
                    <span class="badge" data-status=status.as_str()>{move || t().assemblies().assembly_status_label(status)}</span>
                </dd>
            </dl>
        </li>
    }
}
