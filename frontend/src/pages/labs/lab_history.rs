//! A Lab's recorded decisions: what, who, when, why.

use super::lab_state::LabCtx;
use crate::i18n::strings;
use constellation_shared::dto::labs::LabEvent;
use leptos::prelude::*;

#[component]
pub fn LabHistory(ctx: LabCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let events = move || {
        ctx.lab.with(|l| {
            l.as_ref()
                .map(|l| l.history.nodes().cloned().collect::<Vec<LabEvent>>())
                .unwrap_or_default()
        })
    };
    let items = move || {
        events()
            .into_iter()
            .map(|e| {
                let kind = e.kind.clone();
                let actor = e.actor.map(|a| {
                    view! { " " {move || t().labs().by} " " <span class="event-actor">{a.display_name}</span> }
                });
                let version = e.framing_version.map(|v| {
                    view! { " (" {move || t().labs().framing_version} " " {v} ")" }
                });
                let comment = e
                    .comment
                    .filter(|c| !c.trim().is_empty())
                    .map(|c| view! { <p class="event-comment text">{c}</p> });
                view! {
                    <li class="event" data-kind=e.kind.clone()>
                        <time datetime=e.at.clone()>{e.at.clone()}</time>
                        " — "
                        <span class="event-kind">{move || t().labs().lab_event(&kind).to_owned()}</span>
                        {actor}
                        {version}
                        {comment}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section aria-labelledby="history-h">
            <h2 id="history-h">{move || t().labs().history_title}</h2>
            <Show when=move || events().is_empty()>
                <p>{move || t().labs().history_empty}</p>
            </Show>
            <ol id="history" class="rows">{items}</ol>
        </section>
    }
}
