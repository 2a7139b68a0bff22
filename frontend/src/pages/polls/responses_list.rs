//! Who answered what, in an open poll: member, answer in words, when; a page at a time.
//! Read again whenever the poll changes (an answer given or changed here).

use super::{answer_words, PollError, PAGE_SIZE};
use crate::api::{self, ApiError};
use crate::i18n::strings;
use crate::pages::assemblies::instant_label;
use crate::session::use_session;
use constellation_shared::dto::polls::{Poll, PollResponse, PollVisibility};
use constellation_shared::queries::polls as q;
use leptos::prelude::*;

#[component]
pub fn ResponsesList(poll: RwSignal<Option<Poll>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let p = move || t().polls();
    let rows = RwSignal::new(Vec::<PollResponse>::new());
    let next = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // What should trigger a new read: the poll, its number of answers, my answer.
    let version = Memo::new(move |_| {
        poll.with(|p| {
            p.as_ref()
                .filter(|p| p.visibility == PollVisibility::Open)
                .map(|p| (p.id.clone(), p.answer_count, p.my_choice.clone()))
        })
    });
    let fetch = move |id: String, after: Option<String>| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let vars = q::ResponsesVars {
                id,
                first: Some(PAGE_SIZE),
                after: after.clone(),
            };
            let r =
                api::request::<_, q::ResponsesData>(q::POLL_RESPONSES, vars, session.token()).await;
            busy.try_set(false);
            match r {
                Ok(d) => {
                    let Some(c) = d.poll.responses else { return };
                    let more = c
                        .page_info
                        .has_next_page
                        .then(|| c.page_info.end_cursor.clone())
                        .flatten();
                    let page: Vec<PollResponse> = c.nodes().cloned().collect();
                    rows.try_update(|all| {
                        if after.is_none() {
                            all.clear();
                        }
                        all.extend(page);
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
        if let Some((id, _, _)) = version.get() {
            fetch(id, None);
        }
    });
    let more = move |_| {
        if let (Some((id, _, _)), Some(after)) = (version.get_untracked(), next.get_untracked()) {
            fetch(id, Some(after));
        }
    };
    let body = move || {
        let lang = session.lang.get();
        let s = strings(lang).polls();
        poll.with(|current| {
            let current = current.as_ref()?;
            let list = rows
                .get()
                .into_iter()
                .map(|r| {
                    let who = r
                        .member
                        .as_ref()
                        .map_or(s.deleted_member.to_owned(), |m| m.display_name.clone());
                    let answer = answer_words(current, &r.choice);
                    let when = instant_label(&r.answered_at, lang);
                    view! {
                        <tr>
                            <th scope="row">{who}</th>
                            <td>{answer}</td>
                            <td><time datetime=r.answered_at.clone()>{when}</time></td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <div class="table-wrap">
                    <table id="poll-responses">
                        <caption class="sr-only">{s.responses_title}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{s.member_column}</th>
                                <th scope="col">{s.choice_column}</th>
                                <th scope="col">{s.when_column}</th>
                            </tr>
                        </thead>
                        <tbody>{list}</tbody>
                    </table>
                </div>
            })
        })
    };
    view! {
        <Show when=move || version.with(Option::is_some)>
            <section aria-labelledby="responses-h">
                <h2 id="responses-h">{move || p().responses_title}</h2>
                <PollError error=error />
                <Show
                    when=move || rows.with(|r| !r.is_empty())
                    fallback=move || view! { <p id="responses-empty">{move || p().responses_empty}</p> }
                >
                    {body}
                </Show>
                <Show when=move || next.with(Option::is_some)>
                    <button type="button" id="responses-more" on:click=more disabled=move || busy.get()>
                        {move || t().load_more}
                    </button>
                </Show>
            </section>
        </Show>
    }
}
