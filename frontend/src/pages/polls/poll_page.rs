//! `/polls/:id`: the question and its facts, the answer form, the results (once the viewer
//! may see them), who answered what in an open poll, and the author's early close.

use super::answer_form::AnswerForm;
use super::responses_list::ResponsesList;
use super::results_view::ResultsView;
use super::{audience_words, PollError};
use crate::api::mutate;
use crate::api::{self, ApiError};
use crate::components::form_error::FormNote;
use crate::i18n::{fill, strings};
use crate::pages::assemblies::instant_label;
use crate::session::use_session;
use constellation_shared::dto::polls::Poll;
use constellation_shared::queries::polls as q;
use constellation_shared::ErrorCode;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PollPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let p = move || t().polls();
    let params = use_params_map();
    let poll = RwSignal::new(None::<Poll>);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);

    Effect::new(move |_| {
        let id = params.read().get("id").unwrap_or_default();
        if session.token.with(Option::is_none) {
            loaded.set(session.ready.get());
            return;
        }
        leptos::task::spawn_local(async move {
            let r =
                api::request::<_, q::PollData>(q::POLL, q::IdVars { id }, session.token()).await;
            match r {
                Ok(d) => {
                    poll.try_set(Some(d.poll));
                    error.try_set(None);
                }
                Err(e) => {
                    poll.try_set(None);
                    error.try_set(Some(e));
                }
            }
            loaded.try_set(true);
        });
    });

    // The form is drawn again only for another poll, not at each answer.
    let shown = Memo::new(move |_| poll.with(|p| p.as_ref().map(|p| p.id.clone())));
    let text =
        move |f: fn(&Poll) -> String| move || poll.with(|p| p.as_ref().map(f).unwrap_or_default());
    let facts = move || {
        let lang = session.lang.get();
        let s = strings(lang).polls();
        poll.with(|p| {
            p.as_ref().map(|p| {
                let author = p.author.as_ref().map_or(s.deleted_member.to_owned(), |a| a.display_name.clone());
                let at = instant_label(&p.closes_at, lang);
                let when = fill(if p.closed { s.closed_on } else { s.closes_on }, &[&at]);
                let status = if p.closed { "CLOSED" } else { "OPEN" };
                let lab = p.lab.clone().map(|l| {
                    view! { " " <A href=format!("/labs/{}", l.slug)>{l.name}</A> }
                });
                view! {
                    <p>
                        <span id="poll-status" class="badge" data-status=status>
                            {if p.closed { s.closed_badge } else { s.open_badge }}
                        </span>
                    </p>
                    <p id="poll-description">{p.description.clone()}</p>
                    <dl class="facts" id="poll-facts">
                        <dt>{s.audience_fact}</dt>
                        <dd id="poll-audience" data-audience=p.audience.as_str()>{audience_words(p, lang)} {lab}</dd>
                        <dt>{s.author_fact}</dt>
                        <dd id="poll-author">{author}</dd>
                        <dt>{s.kind_fact}</dt>
                        <dd id="poll-kind" data-kind=p.kind.as_str()>{s.kind(p.kind)}</dd>
                        <dt>{s.visibility_fact}</dt>
                        <dd id="poll-visibility" data-visibility=p.visibility.as_str()>{s.visibility(p.visibility)}</dd>
                        <dt>{s.closes_fact}</dt>
                        <dd><time id="poll-closes" datetime=p.closes_at.clone()>{when}</time></dd>
                        <dt>{s.answers_fact}</dt>
                        <dd id="poll-answer-count">{p.answer_count}</dd>
                    </dl>
                    {p.closed_early.then(|| view! { <p class="notice" id="poll-closed-early">{s.closed_early_note}</p> })}
                }
            })
        })
    };
    let fallback = move || {
        let missing = error.with(|e| e.as_ref().is_some_and(|e| e.code == ErrorCode::NotFound));
        if session.ready.get() && session.token.with(Option::is_none) {
            view! {
                <p class="notice">
                    {move || t().sign_in_required} " " <A href="/login">{move || t().nav_login}</A>
                </p>
            }
            .into_any()
        } else if !loaded.get() {
            view! { <p>{move || t().loading}</p> }.into_any()
        } else if missing {
            view! {
                <h1 id="poll-not-found">{move || p().not_found}</h1>
                <p><A href="/polls">{move || p().back_to_list}</A></p>
            }
            .into_any()
        } else {
            view! { <PollError error=error /> }.into_any()
        }
    };

    view! {
        <Show when=move || poll.with(Option::is_some) fallback=fallback>
            <p><A href="/polls">{move || p().back_to_list}</A></p>
            <h1 id="poll-title">{text(|p| p.title.clone())}</h1>
            {facts}
            {move || shown.get().map(|_| view! { <AnswerForm poll=poll /> })}
            <ResultsView poll=poll />
            <ResponsesList poll=poll />
            <CloseSection poll=poll />
        </Show>
    }
}

/// The author closes the poll before its date.
#[component]
fn CloseSection(poll: RwSignal<Option<Poll>>) -> impl IntoView {
    let session = use_session();
    let p = move || strings(session.lang.get()).polls();
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let can_close = move || poll.with(|p| p.as_ref().is_some_and(|p| p.can_close));
    let close = move |_| {
        let Some(id) = poll.with_untracked(|p| p.as_ref().map(|p| p.id.clone())) else {
            return;
        };
        mutate(
            session,
            q::CLOSE_POLL,
            q::PollIdVars { poll_id: id },
            error,
            busy,
            move |d: q::CloseData| {
                poll.set(Some(d.close_poll));
                note.set(Some(
                    strings(session.lang.get_untracked()).polls().closed_saved,
                ));
            },
        );
    };
    view! {
        <FormNote text=note.into() />
        <PollError error=error />
        <Show when=can_close>
            <section aria-labelledby="close-h" class="board">
                <h2 id="close-h">{move || p().close_title}</h2>
                <p>{move || p().close_intro}</p>
                <button type="button" id="close-poll" on:click=close disabled=move || busy.get()>
                    {move || p().close_button}
                </button>
            </section>
        </Show>
    }
}
