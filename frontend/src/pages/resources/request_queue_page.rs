//! `/resources/queue`: the board's pending resource requests, oldest first, each with what
//! remains in its period and the decision form.

use super::queue_item::QueueItem;
use super::{is_board, load_requests};
use crate::api::ApiError;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::resources::{RequestStatus, ResourceRequest};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn RequestQueuePage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let items = RwSignal::new(Vec::<ResourceRequest>::new());
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let board = Memo::new(move |_| is_board(session));

    let reload = move || {
        leptos::task::spawn_local(async move {
            let result = load_requests(session, Some(RequestStatus::Pending), None).await;
            loaded.set(true);
            match result {
                Ok(r) => {
                    error.set(None);
                    items.set(r);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    Effect::new(move |_| {
        if board.get() {
            reload();
        }
    });

    let decided = Callback::new(move |()| {
        note.set(Some(
            strings(session.lang.get_untracked())
                .resources()
                .decision_recorded,
        ));
        reload();
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
                <FormError error=error />
                <FormNote text=note.into() />
                <Show when=move || !loaded.get()>
                    <p>{move || t().loading}</p>
                </Show>
                <Show when=move || loaded.get() && items.with(Vec::is_empty)>
                    <p id="queue-empty">{move || t().resources().queue_empty}</p>
                </Show>
                <ul id="request-queue" class="cards">
                    <For
                        each=move || items.get()
                        key=|r| r.id.clone()
                        children=move |r: ResourceRequest| {
                            // Keyed by id alone, so a decision elsewhere keeps what was typed
                            // here; the figures follow the reloaded list.
                            let id = r.id.clone();
                            let live = Memo::new(move |_| {
                                items
                                    .with(|v| v.iter().find(|x| x.id == id).cloned())
                                    .unwrap_or_else(|| r.clone())
                            });
                            view! { <QueueItem request=live decided=decided /> }
                        }
                    />
                </ul>
            </section>
        </Show>
    }
}
