//! `/resources/queue`: the board's pending resource requests, oldest first, each with what
//! remains in its period and the decision form.

use super::load_requests;
use super::queue_item::QueueItem;
use crate::api::{self, with_loaded};
use crate::components::form_error::FormNote;
use crate::components::loaded::Awaited;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::resources::{RequestStatus, ResourceRequest};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn RequestQueuePage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let note = RwSignal::new(None::<&'static str>);
    let board = Memo::new(move |_| session.is_board());
    let items = api::load(session, move |call| {
        let board = board.get();
        async move {
            if !board {
                return Ok(Vec::new());
            }
            load_requests(&call, Some(RequestStatus::Pending), None).await
        }
    });

    let decided = Callback::new(move |()| {
        note.set(Some(
            strings(session.lang.get_untracked())
                .resources()
                .decision_recorded,
        ));
        items.refetch();
    });

    view! {
        <Show
            when=move || board.get()
            fallback=move || view! {
                <p id="board-only">{move || if session.ready.get() { t().board_only } else { t().loading }}</p>
            }
        >
            <section aria-labelledby="queue-h">
                <h1 id="queue-h">{move || t().resources().queue_title}</h1>
                <p class="lead">{move || t().resources().queue_intro}</p>
                <p><A href="/resources">{move || t().resources().see_pools}</A></p>
                <FormNote text=note.into() />
                <Awaited data=items>
                <Show when=move || with_loaded(items, Vec::is_empty)>
                    <p id="queue-empty">{move || t().resources().queue_empty}</p>
                </Show>
                <ul id="request-queue" class="cards">
                    <For
                        each=move || with_loaded(items, Clone::clone)
                        key=|r| r.id.clone()
                        children=move |r: ResourceRequest| {
                            // Keyed by id alone, so a decision elsewhere keeps what was typed
                            // here; the figures follow the reloaded list.
                            let id = r.id.clone();
                            let live = Memo::new(move |_| {
                                with_loaded(items, |v| v.iter().find(|x| x.id == id).cloned())
                                    .unwrap_or_else(|| r.clone())
                            });
                            view! { <QueueItem request=live decided=decided /> }
                        }
                    />
                </ul>
                </Awaited>
            </section>
        </Show>
    }
}
