//! One support request in the working group's queue: who asks (and whether they took part
//! in the group, which gives them priority), about which service, what; assign it to
//! oneself, answer it, close it.

use super::board_api::date_of;
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::{SupportRequestOnService, SupportStatus};
use constellation_shared::queries::transition::board as b;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SupportItem(
    request: SupportRequestOnService,
    changed: Callback<(SupportRequestOnService, &'static str)>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let tr = move || strings(session.lang.get()).transition();
    let r = request.request;
    let id = r.id.clone();
    let answer = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let open = r.status != SupportStatus::Closed;
    // The server assigns only a request not answered yet.
    let assignable = matches!(r.status, SupportStatus::Open | SupportStatus::Assigned);
    let done =
        move |msg: fn(&crate::i18n::transition_board::TransitionBoardStrings) -> &'static str| {
            move |res: b::RequestResult| {
                if let Some(x) = res.into_inner() {
                    changed.run((
                        x,
                        msg(strings(session.lang.get_untracked()).transition_board()),
                    ));
                }
            }
        };
    let assign = {
        let id = id.clone();
        move |_| {
            let vars = b::AssignVars {
                id: id.clone(),
                assignee_id: None,
            };
            mutate(
                session,
                b::ASSIGN_SUPPORT,
                vars,
                error,
                busy,
                done(|s| s.assigned),
            );
        }
    };
    let send_answer = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let vars = b::AnswerVars {
                id: id.clone(),
                answer: answer.get_untracked().trim().to_owned(),
            };
            mutate(
                session,
                b::ANSWER_SUPPORT,
                vars,
                error,
                busy,
                done(|s| s.answered),
            );
        }
    };
    let close = {
        let id = id.clone();
        move |_| {
            mutate(
                session,
                b::CLOSE_SUPPORT,
                b::IdVars { id: id.clone() },
                error,
                busy,
                done(|s| s.closed),
            );
        }
    };
    let status = r.status;
    let took_part = r.requester_in_working_group;
    let requester = r
        .requester
        .as_ref()
        .map(|p| p.display_name.clone())
        .unwrap_or_default();
    let assignee = r.assignee.as_ref().map(|p| p.display_name.clone());
    let service = request.service.clone();
    let subject = r.subject.clone();
    let heading = format!("support-{id}-h");
    let heading_id = heading.clone();
    let (what_assign, what_close) = (subject.clone(), subject.clone());
    let answer_id = format!("support-answer-{id}");
    let given = r.answer.clone();

    view! {
        <li class="support-item card" data-id=id.clone() data-status=status.as_str() data-participant=took_part.to_string() aria-labelledby=heading.clone()>
            <h2 id=heading_id class="support-subject">{subject.clone()}</h2>
            <dl class="facts">
                <dt>{move || t().col_status}</dt>
                <dd class="support-status">{move || tr().support_status(status)}</dd>
                <dt>{move || t().requester}</dt>
                <dd class="support-requester">
                    {requester}
                    " "
                    <span class=if took_part { "badge support-participant" } else { "badge muted support-not-participant" }>
                        {move || if took_part { t().took_part } else { t().did_not_take_part }}
                    </span>
                </dd>
                <dt>{move || t().about_service}</dt>
                <dd class="support-service">
                    {match service {
                        Some(s) => view! {
                            <A href=format!("/transition/services/{}", s.id)>{s.name.clone()}</A>
                            " (" {move || tr().kind(s.kind)} ")"
                        }.into_any(),
                        None => view! { {move || t().general_request} }.into_any(),
                    }}
                </dd>
                <dt>{move || t().assignee}</dt>
                <dd class="support-assignee">{move || assignee.clone().unwrap_or_else(|| t().unassigned.to_owned())}</dd>
                <dt>{move || t().asked_on}</dt>
                <dd><time datetime=r.created_at.clone()>{date_of(&r.created_at)}</time></dd>
            </dl>
            <p class="support-body text">{r.body.clone()}</p>
            {given.map(|a| view! {
                <h3>{move || t().answer_given}</h3>
                <p class="support-given text">{a}</p>
            })}
            {open.then(|| view! {
                {assignable.then(|| view! {
                    <div class="actions">
                        <button type="button" class="support-assign secondary" disabled=move || busy.get() on:click=assign>
                            {move || t().assign_me}
                            <span class="sr-only">" — " {what_assign.clone()}</span>
                        </button>
                    </div>
                })}
                <form class="support-answer" on:submit=send_answer novalidate>
                    <div class="field">
                        <label for=answer_id.clone()>{move || t().answer_label}</label>
                        <textarea
                            id=answer_id.clone()
                            class="support-answer-body"
                            name="answer"
                            rows="4"
                            prop:value=move || answer.get()
                            on:input=move |ev| answer.set(event_target_value(&ev))
                        ></textarea>
                        <p class="field-msg" aria-live="polite">
                            {move || error.get().and_then(|e| e.for_field("answer", session.lang.get()))}
                        </p>
                    </div>
                    <button type="submit" class="support-answer-submit" disabled=move || busy.get()>
                        {move || t().answer_submit}
                    </button>
                </form>
                <div class="actions">
                    <button type="button" class="support-close danger" disabled=move || busy.get() on:click=close>
                        {move || t().close_request}
                        <span class="sr-only">" — " {what_close.clone()}</span>
                    </button>
                </div>
            })}
            <FormError error=error fields=&["answer"] />
        </li>
    }
}
