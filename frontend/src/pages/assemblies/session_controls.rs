//! The chair runs the session: opens it once convened, opens and closes the voting on each
//! motion while in session, and closes it (the minutes become available).

use super::state::AssemblyCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use constellation_shared::dto::assemblies::{AssemblyStatus, MotionStatus};
use constellation_shared::queries::assemblies as q;
use leptos::prelude::*;

#[component]
pub fn SessionControls(ctx: AssemblyCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let open = move |_| {
        let vars = q::IdVars { id: ctx.id() };
        ctx.mutate(q::OPEN_SESSION, vars, error, busy, || ());
    };
    let close = move |_| {
        let vars = q::IdVars { id: ctx.id() };
        ctx.mutate(q::CLOSE_SESSION, vars, error, busy, || ());
    };
    view! {
        <section aria-labelledby="session-controls-h">
            <h2 id="session-controls-h">{move || t().assemblies().session_controls}</h2>
            <Show when=move || ctx.status() == Some(AssemblyStatus::Convened)>
                <button type="button" id="open-session" on:click=open disabled=move || busy.get()>
                    {move || t().assemblies().open_session}
                </button>
            </Show>
            <Show when=move || ctx.status() == Some(AssemblyStatus::InSession)>
                <p class="muted" id="close-session-hint">{move || t().assemblies().close_session_hint}</p>
                <button
                    type="button"
                    id="close-session"
                    class="danger"
                    aria-describedby="close-session-hint"
                    on:click=close
                    disabled=move || busy.get()
                >
                    {move || t().assemblies().close_session}
                </button>
            </Show>
            <FormError error=error />
        </section>
    }
}

/// Open or close the voting on one motion (in session).
#[component]
pub fn VotingControls(ctx: AssemblyCtx, id: String) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let status = {
        let id = id.clone();
        Memo::new(move |_| ctx.motion(&id).map(|m| m.status))
    };
    let in_session = move || ctx.status() == Some(AssemblyStatus::InSession);
    let open = {
        let id = id.clone();
        move |_| {
            let vars = q::MotionIdVars {
                motion_id: id.clone(),
            };
            ctx.mutate(q::OPEN_VOTING, vars, error, busy, || ());
        }
    };
    let close = {
        let id = id.clone();
        move |_| {
            let vars = q::MotionIdVars {
                motion_id: id.clone(),
            };
            ctx.mutate(q::CLOSE_VOTING, vars, error, busy, || ());
        }
    };
    let name = {
        let id = id.clone();
        move || ctx.motion_name(&id).unwrap_or_default()
    };
    let (open_id, close_id, close_name) = (id.clone(), id, name.clone());
    view! {
        <div class="actions voting-controls">
            <Show when=move || in_session() && status.get() == Some(MotionStatus::Draft)>
                <button
                    type="button"
                    class="open-voting"
                    data-motion-id=open_id.clone()
                    on:click=open.clone()
                    disabled=move || busy.get()
                >
                    {move || t().assemblies().open_voting} <span class="sr-only">" — " {name.clone()}</span>
                </button>
            </Show>
            <Show when=move || status.get() == Some(MotionStatus::Open)>
                <button
                    type="button"
                    class="close-voting"
                    data-motion-id=close_id.clone()
                    on:click=close.clone()
                    disabled=move || busy.get()
                >
                    {move || t().assemblies().close_voting} <span class="sr-only">" — " {close_name.clone()}</span>
                </button>
            </Show>
        </div>
        <FormError error=error />
    }
}
