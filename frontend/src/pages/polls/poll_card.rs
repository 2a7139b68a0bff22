//! One poll in the list: its question as a link, open or closed, whether I answered, who is
//! asked, how one answers, when it closes and how many answered.

use super::audience_words;
use crate::i18n::{fill, strings};
use crate::pages::assemblies::instant_label;
use crate::session::use_session;
use constellation_shared::dto::polls::Poll;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PollCard(poll: Poll) -> impl IntoView {
    let session = use_session();
    let p = move || strings(session.lang.get()).polls();
    let lang = move || session.lang.get();
    let status = if poll.closed { "CLOSED" } else { "OPEN" };
    let closed = poll.closed;
    let answered = poll.answered;
    let kind = poll.kind;
    let closes_at = poll.closes_at.clone();
    let count = poll.answer_count.to_string();
    let audience = {
        let poll = poll.clone();
        move || audience_words(&poll, lang())
    };
    let when = move || {
        let at = instant_label(&closes_at, lang());
        fill(if closed { p().closed_on } else { p().closes_on }, &[&at])
    };
    view! {
        <li class="poll" data-poll-id=poll.id.clone() data-status=status>
            <h2><A href=format!("/polls/{}", poll.id)>{poll.title.clone()}</A></h2>
            <p>
                <span class="badge" data-status=status>
                    {move || if closed { p().closed_badge } else { p().open_badge }}
                </span>
                <Show when=move || answered>
                    " " <span class="badge answered">{move || p().answered_badge}</span>
                </Show>
            </p>
            <dl class="facts">
                <dt>{move || p().audience_fact}</dt>
                <dd>{audience}</dd>
                <dt>{move || p().kind_fact}</dt>
                <dd>{move || p().kind(kind)}</dd>
                <dt>{move || p().closes_fact}</dt>
                <dd><time datetime=poll.closes_at.clone()>{when}</time></dd>
                <dt>{move || p().answers_fact}</dt>
                <dd>{move || fill(p().answer_count, &[&count])}</dd>
            </dl>
        </li>
    }
}
