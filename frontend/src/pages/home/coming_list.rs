//! "Coming": the next general assembly (date and place) and the barcamp edition under way.

use crate::i18n::strings;
use crate::pages::assemblies::instant_label;
use crate::pages::barcamp::day_label;
use crate::session::use_session;
use constellation_shared::dto::assemblies::AssemblySummary;
use constellation_shared::dto::barcamp::EditionSummary;
use constellation_shared::queries::reach::Home;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ComingList(home: Memo<Option<Home>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let assembly = move || home.with(|h| h.as_ref().and_then(|h| h.next_assembly.clone()));
    let barcamp = move || home.with(|h| h.as_ref().and_then(|h| h.barcamp.clone()));
    view! {
        <section id="home-coming" aria-labelledby="home-coming-h">
            <h2 id="home-coming-h">{move || t().reach().home_coming}</h2>
            <Show when=move || assembly().is_none() && barcamp().is_none()>
                <p id="home-coming-empty">{move || t().reach().home_coming_empty}</p>
            </Show>
            <ul class="cards coming">
                {move || assembly().map(|a| view! { <NextAssembly assembly=a /> })}
                {move || barcamp().map(|e| view! { <Barcamp edition=e /> })}
            </ul>
        </section>
    }
}

#[component]
fn NextAssembly(assembly: AssemblySummary) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let a = assembly;
    let status = a.status;
    let starts_at = a.starts_at.clone();
    view! {
        <li class="coming-item" data-kind="assembly" data-assembly-id=a.id.clone() data-status=status.as_str()>
            <h3>
                <span class="muted">{move || t().reach().home_next_assembly} " — "</span>
                <A href=format!("/assemblies/{}", a.id)>{a.title.clone()}</A>
            </h3>
            <dl class="facts">
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

#[component]
fn Barcamp(edition: EditionSummary) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let e = edition;
    let phase = e.phase;
    let (starts, ends) = (e.starts_on.clone(), e.ends_on.clone());
    view! {
        <li class="coming-item" data-kind="barcamp" data-year=e.year data-phase=phase.as_str()>
            <h3>
                <span class="muted">{move || t().reach().home_barcamp} " — "</span>
                <A href=format!("/barcamp/{}", e.year)>{e.year} " — " {e.title.clone()}</A>
            </h3>
            <dl class="facts">
                <dt>{move || t().barcamp().edition_dates}</dt>
                <dd>
                    {move || {
                        let lang = session.lang.get();
                        format!("{} → {}", day_label(&starts, lang), day_label(&ends, lang))
                    }}
                </dd>
                <dt>{move || t().barcamp().edition_venue}</dt>
                <dd>{e.venue.clone()}</dd>
                <dt>{move || t().barcamp().edition_phase}</dt>
                <dd><span class="badge phase" data-phase=phase.as_str()>{move || t().barcamp().barcamp_phase(phase)}</span></dd>
            </dl>
        </li>
    }
}
