//! `/barcamp/:year`: an edition's dates, venue and phase, registration, the programme with
//! interest, and the proposal form.

use super::session_form::SessionForm;
use super::session_item::SessionItem;
use super::state::BarcampCtx;
use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::{use_session, Session};
use constellation_shared::dto::barcamp::SessionLabRef;
use constellation_shared::dto::labs::LabStatus;
use constellation_shared::queries::barcamp as q;
use constellation_shared::queries::labs as lq;
use leptos::prelude::*;
use leptos_router::components::A;

/// The active Labs one belongs to, to attach a session to.
async fn my_labs(session: Session) -> Vec<SessionLabRef> {
    let vars = lq::LabsVars {
        first: Some(100),
        status: Some(LabStatus::Active),
        mine: Some(true),
        ..Default::default()
    };
    match api::request::<_, lq::LabsData>(lq::LABS, vars, session.token()).await {
        Ok(d) => d
            .labs
            .nodes()
            .map(|l| SessionLabRef {
                id: l.id.clone(),
                slug: l.slug.clone(),
                name: l.name.clone(),
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[component]
pub fn EditionPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let ctx = BarcampCtx::for_route(session, true);
    let labs = RwSignal::new(Vec::<SessionLabRef>::new());
    let signed_in = Memo::new(move |_| session.me.with(Option::is_some));
    Effect::new(move |_| {
        if signed_in.get() {
            leptos::task::spawn_local(async move { labs.set(my_labs(session).await) });
        }
    });

    let fallback = move || edition_fallback(ctx);
    let ids = move || {
        ctx.talks
            .with(|ts| ts.iter().map(|x| x.id.clone()).collect::<Vec<_>>())
    };
    let can_propose = move || ctx.registered() && ctx.proposals_open();

    view! {
        <Show when=move || ctx.edition.with(Option::is_some) fallback=fallback>
            <EditionHeader ctx=ctx />
            <Registration ctx=ctx />
            <section aria-labelledby="programme-h">
                <h2 id="programme-h">{move || t().barcamp().programme_title}</h2>
                <Show when=move || ctx.talks.with(Vec::is_empty)>
                    <p id="programme-empty">{move || t().barcamp().programme_empty}</p>
                </Show>
                <ul id="programme" class="cards">
                    <For
                        each=ids
                        key=|id| id.clone()
                        children=move |id: String| view! { <SessionItem ctx=ctx id=id labs=labs /> }
                    />
                </ul>
            </section>
            <Show when=can_propose>
                <section aria-labelledby="propose-session-h">
                    <h2 id="propose-session-h">{move || t().barcamp().propose_session_title}</h2>
                    <SessionForm ctx=ctx prefix="session".to_owned() labs=labs />
                </section>
            </Show>
        </Show>
    }
}

/// While loading, on error, or when there is no such edition.
pub fn edition_fallback(ctx: BarcampCtx) -> AnyView {
    let t = move || strings(ctx.session.lang.get());
    if !ctx.loaded.get() {
        view! { <p>{move || t().loading}</p> }.into_any()
    } else if ctx.load_error.with(Option::is_some) {
        view! { <FormError error=ctx.load_error /> }.into_any()
    } else {
        view! {
            <h1 id="edition-not-found">{move || t().barcamp().edition_not_found}</h1>
            <p><A href="/barcamp">{move || t().barcamp().barcamp_title}</A></p>
        }
        .into_any()
    }
}

/// The edition's title and facts, and the links to its other pages.
#[component]
pub fn EditionHeader(ctx: BarcampCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let field = move |f: fn(&constellation_shared::dto::barcamp::Edition) -> String| {
        ctx.edition.with(|e| e.as_ref().map(f).unwrap_or_default())
    };
    let phase = move || {
        ctx.phase()
            .unwrap_or(constellation_shared::dto::barcamp::BarcampPhase::Proposals)
    };
    view! {
        <h1>{move || field(|e| format!("{} — {}", e.year, e.title))}</h1>
        <dl class="facts">
            <dt>{move || t().barcamp().edition_dates}</dt>
            <dd id="edition-dates">{move || field(|e| format!("{} → {}", e.starts_on, e.ends_on))}</dd>
            <dt>{move || t().barcamp().edition_venue}</dt>
            <dd id="edition-venue">{move || field(|e| e.venue.clone())}</dd>
            <dt>{move || t().barcamp().edition_phase}</dt>
            <dd>
                <span id="edition-phase" class="badge phase" data-phase=move || phase().as_str()>
                    {move || t().barcamp().barcamp_phase(phase())}
                </span>
            </dd>
        </dl>
        <EditionLinks ctx=ctx />
    }
}

/// The edition's pages, as a small navigation.
#[component]
pub fn EditionLinks(ctx: BarcampCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let base = move || format!("/barcamp/{}", ctx.year());
    view! {
        <nav class="edition-links" aria-label=move || t().barcamp().edition_pages>
            <ul>
                <li><A href=base exact=true>{move || t().barcamp().edition_home}</A></li>
                <li><A href=move || format!("{}/schedule", base()) attr:id="link-schedule">{move || t().barcamp().schedule_title}</A></li>
                <Show when=move || ctx.registered()>
                    <li><A href=move || format!("{}/agenda", base()) attr:id="link-agenda">{move || t().barcamp().agenda_title}</A></li>
                </Show>
                <Show when=move || ctx.organiser()>
                    <li><A href=move || format!("{}/organise", base()) attr:id="link-organise">{move || t().barcamp().organise_title}</A></li>
                </Show>
                <li><A href=move || format!("{}/screen", base()) attr:id="link-screen">{move || t().barcamp().screen_title}</A></li>
            </ul>
        </nav>
    }
}

/// Register, or say one is registered and offer to withdraw.
#[component]
fn Registration(ctx: BarcampCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let register = move |_| {
        let vars = q::EditionIdVars {
            edition_id: ctx.id(),
        };
        ctx.mutate_edition(q::REGISTER, vars, error, busy, || ());
    };
    let unregister = move |_| {
        let vars = q::EditionIdVars {
            edition_id: ctx.id(),
        };
        ctx.mutate_edition(q::UNREGISTER, vars, error, busy, move || {
            ctx.refresh_talks()
        });
    };
    view! {
        <section aria-labelledby="registration-h" class="registration">
            <h2 id="registration-h">{move || t().barcamp().registration_title}</h2>
            <Show
                when=move || ctx.signed_in()
                fallback=move || view! {
                    <p>
                        {move || t().barcamp().register_sign_in} " "
                        <A href="/login">{move || t().nav_login}</A>
                    </p>
                }
            >
                <Show
                    when=move || ctx.registered()
                    fallback=move || view! {
                        <button type="button" id="barcamp-register" on:click=register disabled=move || busy.get()>
                            {move || t().barcamp().barcamp_register}
                        </button>
                    }
                >
                    <p id="barcamp-registered" class="registered">{move || t().barcamp().barcamp_registered}</p>
                    <button type="button" id="barcamp-unregister" class="secondary" on:click=unregister disabled=move || busy.get()>
                        {move || t().barcamp().barcamp_unregister}
                    </button>
                </Show>
            </Show>
            <FormError error=error />
        </section>
    }
}
