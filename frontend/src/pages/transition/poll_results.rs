//! The CHATONS interest poll's results (pt. 4), for the board: the counts, and who answered
//! what (not a secret vote), a page at a time.

use super::board_api::{date_of, next_cursor, PAGE_SIZE};
use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::{PollAnswer, PollResults as Results};
use constellation_shared::queries::transition::board as b;
use leptos::prelude::*;

#[component]
pub fn PollResults() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let tr = move || strings(session.lang.get()).transition();
    let counts = RwSignal::new(None::<Results>);
    let rows = RwSignal::new(Vec::<PollAnswer>::new());
    let after = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);

    let load = move |more: bool| {
        let vars = b::PageVars {
            first: Some(PAGE_SIZE),
            after: if more { after.get_untracked() } else { None },
        };
        leptos::task::spawn_local(async move {
            match api::request::<_, b::PollResultsData>(b::POLL_RESULTS, vars, session.token())
                .await
            {
                Ok(d) => {
                    let r = d.chatons_poll_results;
                    after.try_set(next_cursor(&r.rows));
                    let page: Vec<_> = r.rows.edges.iter().map(|e| e.node.clone()).collect();
                    rows.try_update(|v| {
                        if !more {
                            v.clear();
                        }
                        v.extend(page);
                    });
                    counts.try_set(Some(r));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    load(false);

    let yes_no = move |b: bool| tr().yes_no(b);
    let count_row =
        move |label: fn(&crate::i18n::transition_board::TransitionBoardStrings) -> &'static str,
              class: &'static str,
              n: fn(&Results) -> i64| {
            view! {
                <tr>
                    <th scope="row">{move || label(t())}</th>
                    <td class=class>{move || counts.with(|c| c.as_ref().map(n).unwrap_or(0))}</td>
                </tr>
            }
        };

    view! {
        <section aria-labelledby="poll-h" id="poll-results">
            <h2 id="poll-h">{move || t().poll_title}</h2>
            <p class="muted">{move || t().poll_intro}</p>
            <FormError error=error />
            <table id="poll-counts">
                <caption>{move || t().poll_counts_caption}</caption>
                <tbody>
                    {count_row(|s| s.poll_answers, "poll-answers", |c| c.answers)}
                    {count_row(|s| s.poll_as_client, "poll-as-client", |c| c.as_client)}
                    {count_row(|s| s.poll_as_stakeholder, "poll-as-stakeholder", |c| c.as_stakeholder)}
                    {count_row(|s| s.poll_both, "poll-both", |c| c.both)}
                    {count_row(|s| s.poll_neither, "poll-neither", |c| c.neither)}
                </tbody>
            </table>
            <Show when=move || rows.with(Vec::is_empty)>
                <p id="poll-empty" class="muted">{move || t().poll_empty}</p>
            </Show>
            <Show when=move || !rows.with(Vec::is_empty)>
                <table id="poll-who">
                    <caption>{move || t().poll_who_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t().poll_member}</th>
                            <th scope="col">{move || t().poll_as_client}</th>
                            <th scope="col">{move || t().poll_as_stakeholder}</th>
                            <th scope="col">{move || t().poll_comment}</th>
                            <th scope="col">{move || t().poll_answered_on}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows.get().into_iter().map(|a| view! {
                            <tr class="poll-row">
                                <th scope="row">{a.member.as_ref().map(|m| m.display_name.clone()).unwrap_or_default()}</th>
                                <td class="poll-row-client">{move || yes_no(a.as_client)}</td>
                                <td class="poll-row-stakeholder">{move || yes_no(a.as_stakeholder)}</td>
                                <td class="text">{a.comment.clone()}</td>
                                <td><time datetime=a.answered_at.clone()>{date_of(&a.answered_at)}</time></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
            <Show when=move || after.with(Option::is_some)>
                <button type="button" id="poll-more" class="secondary" on:click=move |_| load(true)>
                    {move || t().load_more}
                </button>
            </Show>
        </section>
    }
}
