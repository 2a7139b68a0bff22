//! The answer: radios for a single choice, checkboxes for an approval, the ranking input for
//! a ranked poll, each in a fieldset with its legend. Says what the visibility means, shows
//! one's open answer (changeable until the close), and why one cannot answer when one cannot.

use super::ranking_input::RankingInput;
use super::{answer_words, PollError};
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::form_error::FormNote;
use crate::i18n::{fill, strings};
use crate::session::use_session;
use constellation_shared::dto::polls::{Poll, PollKind, PollVisibility};
use constellation_shared::queries::polls as q;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

const FIELDS: &[&str] = &["choice"];

/// `poll` is the page's; the form starts from the poll as it was when the form appeared.
#[component]
pub fn AnswerForm(poll: RwSignal<Option<Poll>>) -> impl IntoView {
    let session = use_session();
    let p = move || strings(session.lang.get()).polls();
    let Some(start) = poll.get_untracked() else {
        return ().into_any();
    };
    let kind = start.kind;
    let options = start.options;
    let mine: Vec<usize> = start
        .my_choice
        .clone()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| usize::try_from(i).ok())
        .collect();
    let single = RwSignal::new(mine.first().copied());
    let approved = RwSignal::new(mine.clone());
    let ranked = RwSignal::new(if kind == PollKind::Ranked {
        mine
    } else {
        Vec::new()
    });
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let id = start.id;

    let flag = move |f: fn(&Poll) -> bool| move || poll.with(|p| p.as_ref().is_some_and(f));
    let closed = flag(|p| p.closed);
    let can_answer = flag(|p| p.can_answer);
    let answered = flag(|p| p.answered);
    let anonymous = flag(|p| p.visibility == PollVisibility::Anonymous);
    let not_asked = move || !closed() && !can_answer() && !answered();
    let my_answer = move || {
        poll.with(|p| {
            p.as_ref().and_then(|p| {
                p.my_choice.as_ref().map(|c| {
                    fill(
                        strings(session.lang.get()).polls().your_answer,
                        &[&answer_words(p, c)],
                    )
                })
            })
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let choice: Vec<usize> = match kind {
            PollKind::Single => single.get_untracked().into_iter().collect(),
            PollKind::Approval => approved.get_untracked(),
            PollKind::Ranked => ranked.get_untracked(),
        };
        if choice.is_empty() {
            error.set(Some(ApiError::invalid(
                "choice",
                ValidationReason::Required,
            )));
            return;
        }
        let vars = q::AnswerVars {
            poll_id: id.clone(),
            choice: choice.iter().map(|i| *i as i32).collect(),
        };
        mutate(
            session,
            q::ANSWER_POLL,
            vars,
            error,
            busy,
            move |d: q::AnswerData| {
                poll.set(Some(d.answer_poll));
                note.set(Some(
                    strings(session.lang.get_untracked()).polls().answer_saved,
                ));
            },
        );
    };
    let choice_msg = move || {
        error
            .get()
            .and_then(|e| e.for_field("choice", session.lang.get()))
    };
    let names = StoredValue::new(options);
    let inputs = move || match kind {
        PollKind::Single | PollKind::Approval => {
            let kind_attr = if kind == PollKind::Single {
                "radio"
            } else {
                "checkbox"
            };
            (0..names.with_value(Vec::len))
                .map(|i| {
                    let checked = move || match kind {
                        PollKind::Single => single.get() == Some(i),
                        _ => approved.with(|a| a.contains(&i)),
                    };
                    let change = move |ev| {
                        let on = event_target_checked(&ev);
                        if kind == PollKind::Single {
                            if on {
                                single.set(Some(i));
                            }
                        } else {
                            approved.update(|a| {
                                a.retain(|x| *x != i);
                                if on {
                                    a.push(i);
                                    a.sort_unstable();
                                }
                            });
                        }
                    };
                    view! {
                        <div class="field choice">
                            <label>
                                <input
                                    type=kind_attr
                                    name="choice"
                                    id=format!("choice-{i}")
                                    value=i
                                    aria-describedby="choice-msg"
                                    prop:checked=checked
                                    on:change=change
                                />
                                " " {names.with_value(|n| n.get(i).cloned().unwrap_or_default())}
                            </label>
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        }
        PollKind::Ranked => {
            view! { <RankingInput options=names.get_value() ranked=ranked /> }.into_any()
        }
    };

    view! {
        <section aria-labelledby="answer-h">
            <h2 id="answer-h">{move || p().answer_title}</h2>
            <p class="hint" id="visibility-note">
                {move || if anonymous() { p().anonymous_note } else { p().open_note }}
            </p>
            <p id="my-answer">{my_answer}</p>
            <Show when=move || anonymous() && answered()>
                <p id="answered-anonymous">{move || p().answered_anonymous}</p>
            </Show>
            <Show when=closed>
                <p id="answer-closed">{move || p().closed_note}</p>
            </Show>
            <Show when=not_asked>
                <p id="not-asked">{move || p().not_asked}</p>
            </Show>
            <FormNote text=note.into() />
            <Show when=can_answer>
                <form id="answer-form" on:submit=submit.clone() novalidate>
                    <fieldset aria-describedby="choice-msg">
                        <legend>{move || p().legend(kind)}</legend>
                        {inputs()}
                    </fieldset>
                    <p id="choice-msg" class="field-msg" aria-live="polite">{choice_msg}</p>
                    <PollError error=error fields=FIELDS />
                    <button type="submit" id="answer-submit" disabled=move || busy.get()>
                        {move || if answered() { p().change_answer } else { p().submit_answer }}
                    </button>
                </form>
            </Show>
            // A refusal (closed meanwhile, already answered) can hide the form: say it here too.
            <Show when=move || !can_answer()>
                <PollError error=error />
            </Show>
        </section>
    }
    .into_any()
}
