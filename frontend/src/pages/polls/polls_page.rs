//! `/polls`: the polls asking me (and those I asked), open ones first — the soonest to close
//! at the top — then closed ones, a page at a time; `?lab=<id>` keeps one Lab's.

use super::poll_card::PollCard;
use super::{PollError, PAGE_SIZE};
use crate::api::{self, ApiError};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::polls::Poll;
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
    let polls = RwSignal::new(Vec::<Poll>::new());
    let next = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);

    let fetch = move |after: Option<String>, lab_id: Option<String>| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let vars = q::PollsVars {
                lab_id,
                first: Some(PAGE_SIZE),
                after: after.clone(),
            };
            let r = api::request::<_, q::PollsData>(q::POLLS, vars, session.token()).await;
            busy.try_set(false);
            loaded.try_set(true);
            match r {
                Ok(d) => {
                    let c = d.polls;
                    let more = c
                        .page_info
                        .has_next_page
                        .then(|| c.page_info.end_cursor.clone())
                        .flatten();
                    let rows: Vec<Poll> = c.nodes().cloned().collect();
                    polls.try_update(|all| {
                        if after.is_none() {
                            all.clear();
                        }
                        all.extend(rows);
                    });
                    next.try_set(more);
                    error.try_set(None);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };

    Effect::new(move |_| {
        let lab_id = lab();
        if session.token.with(Option::is_none) {
            loaded.set(session.ready.get());
            return;
        }
        fetch(None, lab_id);
    });
    let more = move |_| {
        if let Some(after) = next.get_untracked() {
            fetch(Some(after), lab());
        }
    };

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
            <PollError error=error />
            <Show when=move || !loaded.get()>
                <p>{move || t().loading}</p>
            </Show>
            <Show when=move || loaded.get() && session.token.with(Option::is_some) && polls.with(Vec::is_empty) && error.with(Option::is_none)>
                <p id="polls-empty">{move || p().polls_empty}</p>
            </Show>
            <ul id="polls" class="cards">
                <For
                    each=move || polls.get()
                    key=|p| (p.id.clone(), p.closed, p.answered, p.answer_count)
                    children=move |poll| view! { <PollCard poll=poll /> }
                />
            </ul>
            <Show when=move || next.with(Option::is_some)>
                <button type="button" id="polls-more" on:click=more disabled=move || busy.get()>
                    {move || t().load_more}
                </button>
            </Show>
        </section>
    }
}
