//! `/assemblies`: every general assembly, newest first; the board prepares the next one here.

use super::create_assembly_form::CreateAssemblyForm;
use super::{instant_label, sort_assemblies};
use crate::api::{self, ApiError};
use crate::components::loaded::Loaded;
use crate::i18n::strings;
use crate::session::{use_session, Session};
use constellation_shared::dto::assemblies::AssemblySummary;
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;
use leptos_router::components::A;

/// Every assembly, newest first; nothing when signed out (the page asks to sign in).
pub fn load_assemblies(session: Session) -> LocalResource<Result<Vec<AssemblySummary>, ApiError>> {
    api::load(session, |call| async move {
        if !call.signed_in() {
            return Ok(Vec::new());
        }
        let vars = |first, after| q::PageVars { first, after };
        let mut list = call
            .all(q::ASSEMBLIES, vars, |d: q::AssembliesData| d.assemblies)
            .await?;
        sort_assemblies(&mut list);
        Ok(list)
    })
}

#[component]
pub fn AssembliesPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let assemblies = load_assemblies(session);

    view! {
        <section aria-labelledby="assemblies-h">
            <h1 id="assemblies-h">{move || t().assemblies().assemblies_title}</h1>
            <p class="lead">{move || t().assemblies().assemblies_intro}</p>
            <Show when=move || session.ready.get() && session.token.with(Option::is_none)>
                <p class="notice">
                    {move || t().sign_in_required} " " <A href="/login">{move || t().nav_login}</A>
                </p>
            </Show>
            <Loaded data=assemblies let:list>
                <Show when={let empty = list.is_empty(); move || empty && session.token.with(Option::is_some)}>
                    <p id="assemblies-empty">{move || t().assemblies().assemblies_empty}</p>
                </Show>
                <ul id="assemblies" class="cards">
                    {list.clone().into_iter().map(|a| view! { <AssemblyCard assembly=a /> }).collect_view()}
                </ul>
            </Loaded>
        </section>
        <Show when=move || session.is_board()>
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
