//! `/polls`: the polls asking me (and those I asked), open ones first — the soonest to close
//! at the top — then closed ones, a page at a time; `?lab=<id>` keeps one Lab's.

use super::poll_card::PollCard;
use super::PAGE_SIZE;
use crate::api::{self, Page};
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::queries::polls as q;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PollsPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let p = move || t().polls();
    let query = use_query_map();
    let lab = move || query.read().get("lab").filter(|l| !l.is_empty());
    let polls = api::paged(session, move |call, after| {
        let vars = q::PollsVars {
            lab_id: lab(),
            first: Some(PAGE_SIZE),
            after,
        };
        async move {
            if !call.signed_in() {
                return Ok(Page::default());
            }
            call.page(q::POLLS, vars, |d: q::PollsData| d.polls).await
        }
    });

    view! {
        <section aria-labelledby="polls-h">
            <h1 id="polls-h">{move || p().polls_title}</h1>
            <p class="lead">{move || p().polls_intro}</p>
            <Show when=move || session.ready.get() && session.token.with(Option::is_none)>
                <p class="notice">
                    {move || t().sign_in_required} " " <A href="/login">{move || t().nav_login}</A>
                </p>
            </Show>
            <Show when=move || lab().is_some()>
                <p id="polls-lab-only">
                    {move || p().lab_only} " " <A href="/polls">{move || p().all_polls}</A>
                </p>
            </Show>
            <Show when=move || session.token.with(Option::is_some)>
                <p>
                    <A
                        href=move || lab().map_or("/polls/new".to_owned(), |l| format!("/polls/new?lab={l}"))
                        attr:id="new-poll"
                        attr:class="button"
                    >
                        {move || p().new_poll}
                    </A>
                </p>
            </Show>
            <Awaited data=polls.data>
                <Show when=move || session.token.with(Option::is_some) && polls.is_empty()>
                    <p id="polls-empty">{move || p().polls_empty}</p>
                </Show>
                <ul id="polls" class="cards">
                    <For
                        each=move || polls.items()
                        key=|p| (p.id.clone(), p.closed, p.answered, p.answer_count)
                        children=move |poll| view! { <PollCard poll=poll /> }
                    />
                </ul>
                <MoreButton list=polls id="polls-more" />
            </Awaited>
        </section>
    }
}
