//! "Ask for help" about a service: a support request to the working group (subject,
//! question), and the member's requests about this service with their answers.

use super::service_state::ServiceCtx;
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::text_area::TextArea;
use crate::i18n::{fill, strings};
use crate::pages::resources::date_of;
use constellation_shared::dto::transition::{SupportInput, SupportRequest};
use constellation_shared::queries::transition as tq;
use constellation_shared::queries::transition::member as q;
use leptos::prelude::*;

const FIELDS: &[&str] = &["subject", "body"];

#[component]
pub fn SupportForm(ctx: ServiceCtx) -> impl IntoView {
    let session = ctx.session;
    let t = move || strings(session.lang.get()).transition();
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let requests = RwSignal::new(Vec::<SupportRequest>::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);

    Effect::new(move |_| {
        let id = ctx.id.get();
        if id.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let r = crate::api::Call::unscoped(session)
                .all(
                    q::MY_SUPPORT,
                    |first, after| tq::PageVars { first, after },
                    |d: q::MySupportData| d.support_requests,
                )
                .await;
            match r {
                Ok(all) => requests.set(
                    all.into_iter()
                        .filter(|r| r.service.as_ref().is_some_and(|s| s.id == id))
                        .map(|r| r.request)
                        .collect(),
                ),
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let vars = tq::AskSupportVars {
            input: SupportInput {
                service_id: Some(ctx.id.get_untracked()),
                subject: subject.get_untracked().trim().to_owned(),
                body: body.get_untracked().trim().to_owned(),
            },
        };
        mutate(
            session,
            tq::ASK_SUPPORT,
            vars,
            error,
            busy,
            move |d: tq::SupportResult| {
                if let Some(r) = d.into_inner() {
                    requests.update(|rs| rs.push(r));
                }
                subject.set(String::new());
                body.set(String::new());
                note.set(Some(
                    strings(session.lang.get_untracked())
                        .transition()
                        .support_sent,
                ));
            },
        );
    };

    let items = move || {
        requests
            .get()
            .into_iter()
            .map(|r| {
                let status = r.status;
                let assignee = r.assignee.as_ref().map(|a| a.display_name.clone());
                let answer = r.answer.clone();
                view! {
                    <li class="support-request" data-id=r.id.clone() data-status=status.as_str()>
                        <h4>{r.subject.clone()}</h4>
                        <p class="muted">
                            <time datetime=r.created_at.clone()>{date_of(&r.created_at)}</time> " — "
                            <span class="badge" data-status=status.as_str()>{move || t().support_status(status)}</span>
                            {assignee.map(|a| view! { " — " {move || fill(t().support_handled_by, &[&a])} })}
                        </p>
                        <p class="support-body">{r.body.clone()}</p>
                        <div class="support-answer">
                            {match answer {
                                Some(a) => view! {
                                    <p><strong>{move || t().support_answer_label}</strong></p>
                                    <p class="support-answer-text">{a}</p>
                                }.into_any(),
                                None => view! { <p class="muted">{move || t().support_no_answer}</p> }.into_any(),
                            }}
                        </div>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <Show when=move || ctx.is_holder()>
            <section aria-labelledby="support-h">
                <h2 id="support-h">{move || t().support_title}</h2>
                <p>{move || t().support_intro}</p>
                <form id="support-form" on:submit=submit novalidate>
                    <Field name="subject" id="support-subject" label=|s| s.transition().support_subject value=subject error=error />
                    <TextArea name="body" id="support-body" label=|s| s.transition().support_body value=body error=error rows=5 />
                    <FormError error=error fields=FIELDS />
                    <FormNote text=note.into() />
                    <button type="submit" id="support-submit" disabled=move || busy.get()>{move || t().support_submit}</button>
                </form>
                <h3 id="my-requests-h">{move || t().my_requests_title}</h3>
                <Show when=move || requests.with(Vec::is_empty)>
                    <p id="my-requests-empty">{move || t().my_requests_empty}</p>
                </Show>
                <ul id="my-requests" class="cards" aria-labelledby="my-requests-h">{items}</ul>
            </section>
        </Show>
    }
}
