//! `/transition/group` (working group and board): the recommended hosts and the guides;
//! for the board, the volunteers' offers to decide and the CHATONS poll's results.

use super::board_api::staff_access;
use super::guides_editor::GuidesEditor;
use super::hosts_editor::HostsEditor;
use super::offers_review::OffersReview;
use super::poll_results::PollResults;
use crate::i18n::strings;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn WorkingGroupPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let board = Memo::new(move |_| session.is_board());
    // `None` until known: the board, or a member of the working group.
    let allowed = staff_access(session);

    view! {
        <Show
            when=move || allowed.get() == Some(true)
            fallback=move || view! {
                <p id="group-only">
                    {move || if allowed.get() == Some(false) || (session.ready.get() && session.me.with(Option::is_none)) {
                        t().group_only
                    } else {
                        strings(session.lang.get()).loading
                    }}
                </p>
            }
        >
            <section aria-labelledby="wg-h" id="transition-group">
                <h1 id="wg-h">{move || t().wg_title}</h1>
                <p class="lead">{move || t().wg_intro}</p>
                <nav class="links" aria-label=move || t().wg_title>
                    <A href="/transition">{move || t().see_overview}</A>
                    " · "
                    <A href="/transition/support">{move || t().see_support}</A>
                    <Show when=move || board.get()>
                        " · "
                        <A href="/transition/inventory">{move || t().see_inventory}</A>
                    </Show>
                </nav>
                <HostsEditor />
                <GuidesEditor />
                <Show when=move || board.get()>
                    <OffersReview />
                    <PollResults />
                </Show>
            </section>
        </Show>
    }
}
