//! The CHATONS interest poll (note, pt. 4): as a client and/or as a stakeholder, with a
//! comment; shows the member's answer, which they may change. Association members only.

use super::member_api::is_association_member;
use crate::api::mutate;
use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
use crate::components::text_area::TextArea;
use crate::i18n::{fill, strings};
use crate::pages::resources::date_of;
use crate::session::use_session;
use constellation_shared::dto::transition::{PollAnswer, PollInput};
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::transition::member as q;
use leptos::prelude::*;

const FIELDS: &[&str] = &["comment"];

#[component]
pub fn PollForm() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition();
    let mine = RwSignal::new(None::<PollAnswer>);
    let client = RwSignal::new(false);
    let stakeholder = RwSignal::new(false);
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let show = move |a: Option<PollAnswer>| {
        if let Some(a) = &a {
            client.set(a.as_client);
            stakeholder.set(a.as_stakeholder);
            comment.set(a.comment.clone());
        }
        mine.set(a);
    };
    Effect::new(move |_| {
        if !is_association_member(session) {
            return;
        }
        leptos::task::spawn_local(async move {
            let r = api::request::<_, q::MyPollAnswerData>(
                q::MY_POLL_ANSWER,
                NoVars {},
                session.token(),
            )
            .await;
            match r {
                Ok(d) => show(d.my_chatons_answer),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let vars = q::PollVars {
            input: PollInput {
                as_client: client.get_untracked(),
                as_stakeholder: stakeholder.get_untracked(),
                comment: comment.get_untracked().trim().to_owned(),
            },
        };
        mutate(
            session,
            q::ANSWER_POLL,
            vars,
            error,
            busy,
            move |d: q::AnswerPollData| {
                show(Some(d.answer_chatons_poll));
                note.set(Some(
                    strings(session.lang.get_untracked())
                        .transition()
                        .poll_saved,
                ));
            },
        );
    };
    let answer = move || {
        mine.get().map(|a| {
            view! {
                <div id="poll-mine">
                    <p>{move || fill(t().poll_your_answer, &[&date_of(&a.answered_at)])}</p>
                    <dl class="facts">
                        <dt>{move || t().poll_client}</dt>
                        <dd id="poll-mine-client">{move || t().yes_no(a.as_client)}</dd>
                        <dt>{move || t().poll_stakeholder}</dt>
                        <dd id="poll-mine-stakeholder">{move || t().yes_no(a.as_stakeholder)}</dd>
                    </dl>
                </div>
            }
        })
    };
    view! {
        <section aria-labelledby="poll-h">
            <h2 id="poll-h">{move || t().poll_title}</h2>
            <p>{move || t().poll_intro}</p>
            <Show
                when=move || is_association_member(session)
                fallback=move || view! { <p id="poll-members-only">{move || t().poll_members_only}</p> }
            >
                {answer}
                <form id="poll-form" on:submit=submit novalidate>
                    <div class="field">
                        <label>
                            <input
                                type="checkbox"
                                id="poll-client"
                                name="asClient"
                                prop:checked=move || client.get()
                                on:change=move |ev| client.set(event_target_checked(&ev))
                            />
                            " " {move || t().poll_client}
                        </label>
                    </div>
                    <div class="field">
                        <label>
                            <input
                                type="checkbox"
                                id="poll-stakeholder"
                                name="asStakeholder"
                                prop:checked=move || stakeholder.get()
                                on:change=move |ev| stakeholder.set(event_target_checked(&ev))
                            />
                            " " {move || t().poll_stakeholder}
                        </label>
                    </div>
                    <TextArea
                        name="comment"
                        id="poll-comment"
                        label=|s| s.transition().poll_comment
                        value=comment
                        error=error
                        required=false
                        rows=3
                    />
                    <FormError error=error fields=FIELDS />
                    <FormNote text=note.into() />
                    <button type="submit" id="poll-submit" disabled=move || busy.get()>
                        {move || t().poll_submit}
                    </button>
                </form>
            </Show>
        </section>
    }
}
