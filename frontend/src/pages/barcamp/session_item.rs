//! One session of the programme: what it is, who hosts it, how many want it; registered
//! attendees mark their interest, hosts edit it while proposals are open.

use super::session_form::SessionForm;
use super::state::BarcampCtx;
use super::{names, placement};
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use constellation_shared::dto::barcamp::{Session as Talk, SessionLabRef, SessionStatus};
use constellation_shared::queries::barcamp as q;
use leptos::prelude::*;
use leptos_router::components::A;

/// The session `id` as last loaded in `ctx.talks`.
pub fn talk_memo(ctx: BarcampCtx, id: String) -> Memo<Option<Talk>> {
    Memo::new(move |_| ctx.talks.with(|ts| ts.iter().find(|t| t.id == id).cloned()))
}

#[component]
pub fn SessionItem(
    ctx: BarcampCtx,
    id: String,
    labs: RwSignal<Vec<SessionLabRef>>,
) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let talk = talk_memo(ctx, id.clone());
    let get = move |f: fn(&Talk) -> String| talk.with(|x| x.as_ref().map(f).unwrap_or_default());
    let status = move || talk.with(|x| x.as_ref().map_or(SessionStatus::Proposed, |x| x.status));
    let interested = move || talk.with(|x| x.as_ref().is_some_and(|x| x.interested));
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let toggle = {
        let id = id.clone();
        move |_| {
            let vars = q::SetInterestVars {
                session_id: id.clone(),
                interested: !interested(),
            };
            ctx.mutate_talk(q::SET_INTEREST, vars, error, busy, |_| ());
        }
    };
    let can_mark = move || ctx.registered() && status() == SessionStatus::Proposed;
    let can_edit = move || {
        talk.with(|x| x.as_ref().is_some_and(|x| x.can_edit)) && status() == SessionStatus::Proposed
    };
    let lab = move || {
        talk.with(|x| x.as_ref().and_then(|x| x.lab.clone()))
            .map(|l| {
                view! {
                    <dt>{move || t().barcamp().session_lab}</dt>
                    <dd><A href=format!("/labs/{}", l.slug)>{l.name}</A></dd>
                }
            })
    };
    let reason = move || {
        talk.with(|x| x.as_ref().and_then(|x| x.status_reason.clone()))
            .map(|r| view! { <p class="status-reason">{move || t().barcamp().status_reason} " " {r}</p> })
    };
    let merged = move || {
        talk.with(|x| x.as_ref().and_then(|x| x.merged_into.clone()))
            .map(|m| view! { <p class="merged-into">{move || t().barcamp().merged_into} " " {m.title}</p> })
    };
    let when = move || {
        talk.with(|x| {
            x.as_ref()
                .and_then(|x| placement(x, ctx.session.lang.get()))
        })
        .map(|p| view! { <p class="placement">{p}</p> })
    };
    let edit_form = move || {
        talk.get_untracked().map(|x| {
            let prefix = format!("edit-{}", x.id);
            view! { <SessionForm ctx=ctx prefix=prefix labs=labs existing=x /> }
        })
    };

    view! {
        <li class="session" data-session-id=id.clone() data-status=move || status().as_str()>
            <h3 class="session-title">{move || get(|x| x.title.clone())}</h3>
            <p class="description text">{move || get(|x| x.description.clone())}</p>
            <dl class="facts">
                <dt>{move || t().barcamp().session_format}</dt>
                <dd class="session-format">{move || talk.with(|x| x.as_ref().map(|x| t().barcamp().session_format_label(x.format)))}</dd>
                <dt>{move || t().barcamp().session_length}</dt>
                <dd class="session-length">{move || talk.with(|x| x.as_ref().map(|x| t().barcamp().slots_count(x.length)))}</dd>
                <dt>{move || t().barcamp().session_hosts}</dt>
                <dd class="session-hosts">{move || talk.with(|x| x.as_ref().map(|x| names(&x.hosts)))}</dd>
                {lab}
                <dt>{move || t().status_label}</dt>
                <dd><span class="badge session-status" data-status=move || status().as_str()>{move || t().barcamp().session_status(status())}</span></dd>
                <dt>{move || t().barcamp().interest_label}</dt>
                <dd><span class="interest-count">{move || talk.with(|x| x.as_ref().map_or(0, |x| x.interest_count))}</span></dd>
            </dl>
            {when}
            {reason}
            {merged}
            <Show when=can_mark>
                <button
                    type="button"
                    class="interest-toggle"
                    aria-pressed=move || interested().to_string()
                    on:click=toggle.clone()
                    disabled=move || busy.get()
                >
                    {move || t().barcamp().interest_toggle}
                    <span class="sr-only">" — " {move || get(|x| x.title.clone())}</span>
                </button>
            </Show>
            <FormError error=error />
            <Show when=can_edit>
                <details class="edit-session">
                    <summary>{move || t().barcamp().edit_session} <span class="sr-only">" — " {move || get(|x| x.title.clone())}</span></summary>
                    {edit_form}
                </details>
            </Show>
        </li>
    }
}
