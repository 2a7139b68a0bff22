//! `/barcamp/:year/agenda`: one's sessions (interest or hosting) in time order with their
//! clashes, the ones not placed yet, and the calendar feeds. Kept up to date live.

use super::edition_page::{edition_fallback, EditionLinks};
use super::feed_links::FeedLinks;
use super::live::{follow_changes, LiveNotice};
use super::state::BarcampCtx;
use super::{placement, time_key};
use crate::api::{self, with_loaded};
use crate::components::loaded::Awaited;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::barcamp::{AgendaItem, SessionStatus};
use constellation_shared::queries::barcamp as q;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn AgendaPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let ctx = BarcampCtx::for_route(session, false);
    // My sessions of the edition, once I am registered; again after a live change.
    let wanted = Memo::new(move |_| ctx.registered().then(|| ctx.tracked_id()).flatten());
    let items = api::load(session, move |call| {
        let wanted = wanted.get();
        async move {
            let Some(edition_id) = wanted else {
                return Ok(Vec::new());
            };
            let d: q::AgendaData = call
                .request(q::MY_AGENDA, q::AgendaVars { edition_id })
                .await?;
            Ok(d.my_barcamp_agenda)
        }
    });
    let updated = follow_changes(ctx, move || {
        ctx.reload();
        items.refetch();
    });

    let placed = move || {
        let mut list: Vec<AgendaItem> = with_loaded(items, |is| {
            is.iter()
                .filter(|i| !i.session.slots.is_empty())
                .cloned()
                .collect()
        });
        list.sort_by_key(|i| time_key(&i.session));
        list
    };
    let unplaced = move || {
        with_loaded(items, |is| {
            is.iter()
                .filter(|i| i.session.slots.is_empty())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let title = move || {
        ctx.edition.with(|e| {
            e.as_ref()
                .map(|e| format!("{} — {} {}", t().barcamp().agenda_title, e.title, e.year))
                .unwrap_or_default()
        })
    };
    let not_registered = move || {
        let year = ctx.year();
        view! {
            <p id="agenda-not-registered" class="notice">
                {move || if ctx.signed_in() { t().barcamp().agenda_register_first } else { t().sign_in_required }} " "
                <A href=format!("/barcamp/{year}")>{move || t().barcamp().edition_home}</A>
            </p>
        }
    };

    view! {
        <Show when=move || ctx.edition.with(Option::is_some) fallback=move || edition_fallback(ctx)>
            <h1>{title}</h1>
            <EditionLinks ctx=ctx />
            <LiveNotice updated=updated />
            <Show when=move || ctx.registered() fallback=not_registered>
                <Awaited data=items>
                <section aria-labelledby="agenda-h">
                    <h2 id="agenda-h">{move || t().barcamp().agenda_placed}</h2>
                    <Show when=move || placed().is_empty()>
                        <p id="agenda-empty">{move || t().barcamp().agenda_empty}</p>
                    </Show>
                    <ul id="agenda" class="cards">
                        {move || placed().into_iter().map(|i| view! { <AgendaEntry item=i /> }).collect_view()}
                    </ul>
                </section>
                <section aria-labelledby="agenda-unplaced-h">
                    <h2 id="agenda-unplaced-h">{move || t().barcamp().agenda_unplaced}</h2>
                    <Show when=move || unplaced().is_empty()>
                        <p>{move || t().barcamp().agenda_unplaced_empty}</p>
                    </Show>
                    <ul id="agenda-unplaced" class="rows">
                        {move || unplaced().into_iter().map(|i| view! { <AgendaEntry item=i /> }).collect_view()}
                    </ul>
                </section>
                </Awaited>
                <FeedLinks ctx=ctx />
            </Show>
        </Show>
    }
}

#[component]
fn AgendaEntry(item: AgendaItem) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let s = item.session;
    let cancelled = s.status == SessionStatus::Cancelled;
    let status = s.status;
    let title = if cancelled {
        view! { <s>{s.title.clone()}</s> }.into_any()
    } else {
        view! { <span>{s.title.clone()}</span> }.into_any()
    };
    let when = {
        let s = s.clone();
        move || placement(&s, session.lang.get())
    };
    let reason = s.status_reason.clone();
    let status_note = (status != SessionStatus::Proposed).then(|| {
        view! {
            <p class="status-note">
                <span class="badge session-status" data-status=status.as_str()>{move || t().barcamp().session_status(status)}</span>
                " " {reason}
            </p>
        }
    });
    let clashes = (!item.clashes_with.is_empty()).then(|| {
        let with = item
            .clashes_with
            .iter()
            .map(|c| c.title.clone())
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p class="clash">{move || t().barcamp().clashes_with} " " {with}</p> }
    });
    view! {
        <li data-session-id=s.id.clone() data-status=status.as_str() class="agenda-item">
            <h3 class="session-title">{title}</h3>
            <p class="when">{when}</p>
            {status_note}
            {clashes}
        </li>
    }
}
