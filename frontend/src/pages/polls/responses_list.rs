//! Who answered what, in an open poll: member, answer in words, when; a page at a time.
//! Read again whenever the poll changes (an answer given or changed here).

use super::{answer_words, PAGE_SIZE};
use crate::api::{self, Page};
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
use crate::i18n::strings;
use crate::pages::assemblies::instant_label;
use crate::session::use_session;
use constellation_shared::dto::polls::{Poll, PollVisibility};
use constellation_shared::queries::polls as q;
use leptos::prelude::*;

#[component]
pub fn ResponsesList(poll: RwSignal<Option<Poll>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let p = move || t().polls();
    // What should trigger a new read: the poll, its number of answers, my answer.
    let version = Memo::new(move |_| {
        poll.with(|p| {
            p.as_ref()
                .filter(|p| p.visibility == PollVisibility::Open)
                .map(|p| (p.id.clone(), p.answer_count, p.my_choice.clone()))
        })
    });
    let rows = api::paged(session, move |call, after| {
        let id = version.get().map(|(id, _, _)| id);
        async move {
            let Some(id) = id else {
                return Ok(Page::default());
            };
            let vars = q::ResponsesVars {
                id,
                first: Some(PAGE_SIZE),
                after,
            };
            let d: q::ResponsesData = call.request(q::POLL_RESPONSES, vars).await?;
            Ok(d.poll.responses.map(Page::from).unwrap_or_default())
        }
    });
    let body = move || {
        let lang = session.lang.get();
        let s = strings(lang).polls();
        poll.with(|current| {
            let current = current.as_ref()?;
            let list = rows
                .items()
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
                <Awaited data=rows.data>
                    <Show
                        when=move || !rows.is_empty()
                        fallback=move || view! { <p id="responses-empty">{move || p().responses_empty}</p> }
                    >
                        {body}
                    </Show>
                    <MoreButton list=rows id="responses-more" />
                </Awaited>
            </section>
        </Show>
    }
}
