//! `/review`: what the board has to review, new proposals and framing changes.

use crate::api::{self, Page};
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
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
    let board = Memo::new(move |_| session.is_board());
    let items = api::paged(session, move |call, after| {
        let board = board.get();
        let vars = PageVars {
            first: Some(PAGE_SIZE),
            after,
        };
        async move {
            if !board {
                return Ok(Page::default());
            }
            call.page(q::REVIEW_QUEUE, vars, |d: q::ReviewQueueData| {
                d.lab_review_queue
            })
            .await
        }
    });

    let list = move || {
        items
            .items()
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
            when=move || board.get()
            fallback=move || view! {
                <p id="board-only">{move || if session.ready.get() { t().board_only } else { t().loading }}</p>
            }
        >
            <section>
                <h1>{move || t().labs().review_title}</h1>
                <Awaited data=items.data>
                    <Show when=move || items.is_empty()>
                        <p id="review-empty">{move || t().labs().review_empty}</p>
                    </Show>
                    <ul id="review-queue" class="cards">{list}</ul>
                    <MoreButton list=items id="load-more" />
                </Awaited>
            </section>
        </Show>
    }
}
