//! `/review`: what the board has to review, new proposals and framing changes.

use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::labs::LabStatus;
use constellation_shared::queries::labs as q;
use leptos::prelude::*;
use leptos_router::components::A;

const PAGE_SIZE: i32 = 50;

#[derive(serde::Serialize)]
struct PageVars {
    first: Option<i32>,
    after: Option<String>,
}

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let items = RwSignal::new(Vec::<q::ReviewItem>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let is_board = move || {
        session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.is_board || m.is_admin))
    };

    let fetch = move |after: Option<String>| {
        let append = after.is_some();
        let vars = PageVars {
            first: Some(PAGE_SIZE),
            after,
        };
        leptos::task::spawn_local(async move {
            let result =
                api::request::<_, q::ReviewQueueData>(q::REVIEW_QUEUE, vars, session.token()).await;
            loaded.set(true);
            match result {
                Ok(d) => {
                    let c = d.lab_review_queue;
                    let page: Vec<q::ReviewItem> = c.nodes().cloned().collect();
                    next_cursor.set(
                        c.page_info
                            .has_next_page
                            .then_some(c.page_info.end_cursor)
                            .flatten(),
                    );
                    if append {
                        items.update(|i| i.extend(page));
                    } else {
                        items.set(page);
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    Effect::new(move |_| {
        if is_board() {
            fetch(None);
        }
    });

    let list = move || {
        items
            .get()
            .into_iter()
            .map(|item| {
                let lab = item.lab;
                let status = lab.status;
                // A proposal always carries its framing as pending; only an active Lab with a
                // pending framing is a change.
                let what = match (status, item.pending_framing.as_ref()) {
                    (LabStatus::Active, Some(f)) => {
                        let v = f.version;
                        view! { <span class="pending-what" data-pending="FRAMING_CHANGE">{move || t().labs().review_framing_change} " " {v}</span> }.into_any()
                    }
                    _ => view! { <span class="pending-what" data-pending="NEW_PROPOSAL">{move || t().labs().review_new_proposal}</span> }.into_any(),
                };
                let coordinators = lab
                    .coordinators
                    .iter()
                    .map(|c| c.display_name.clone())
                    .collect::<Vec<_>>()
                    .join(", ");
                let themes = lab.framing.themes.join(", ");
                view! {
                    <li class="review-item" data-slug=lab.slug.clone() data-status=status.as_str()>
                        <h2><A href=format!("/labs/{}", lab.slug)>{lab.name.clone()}</A></h2>
                        <p>{what} " · " <span class="badge" data-status=status.as_str()>{move || t().labs().lab_status(status)}</span></p>
                        <dl class="facts">
                            <dt>{move || t().labs().coordinators_label}</dt>
                            <dd class="coordinators">{coordinators}</dd>
                            <dt>{move || t().labs().themes_label}</dt>
                            <dd class="themes">{themes}</dd>
                        </dl>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <Show
            when=is_board
            fallback=move || view! {
                <p id="board-only">{move || if session.ready.get() { t().board_only } else { t().loading }}</p>
            }
        >
            <section>
                <h1>{move || t().labs().review_title}</h1>
                <FormError error=error />
                <Show when=move || loaded.get() && items.with(Vec::is_empty)>
                    <p id="review-empty">{move || t().labs().review_empty}</p>
                </Show>
                <Show when=move || !loaded.get()>
                    <p>{move || t().loading}</p>
                </Show>
                <ul id="review-queue" class="cards">{list}</ul>
                <Show when=move || next_cursor.get().is_some()>
                    <button type="button" id="load-more" on:click=move |_| {
                        if let Some(c) = next_cursor.get_untracked() {
                            fetch(Some(c));
                        }
                    }>{move || t().load_more}</button>
                </Show>
            </section>
        </Show>
    }
}
