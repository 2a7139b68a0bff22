//! `/mail-failures`: for administrators, the mails the outbox gave up on (after its retries,
//! or refused outright by the mail server), newest first, each with its last error and a
//! button to send it again once the cause is fixed.

use super::is_admin;
use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
use crate::i18n::strings;
use crate::pages::assemblies::instant_label;
use crate::session::use_session;
use constellation_shared::queries::accounts::{self as q, MailStatus};
use leptos::prelude::*;

const PAGE_SIZE: i32 = 50;

#[component]
pub fn MailFailuresPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    view! {
        <section aria-labelledby="failures-h">
            <h1 id="failures-h">{move || t().members().failures_title}</h1>
            <p class="lead">{move || t().members().failures_intro}</p>
            <Show
                when=move || is_admin(session)
                fallback=move || view! {
                    <p class="notice">
                        {move || if !session.ready.get() { t().loading } else if session.me.with(Option::is_none) { t().sign_in_required } else { t().members().admins_only }}
                    </p>
                }
            >
                <Failures />
            </Show>
        </section>
    }
}

#[component]
fn Failures() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let mails = api::paged(session, move |call, after| {
        let vars = q::MailFailuresVars {
            first: Some(PAGE_SIZE),
            after,
        };
        async move {
            call.page(q::MAIL_FAILURES, vars, |d: q::MailFailuresData| {
                d.mail_failures
            })
            .await
        }
    });

    let retry = move |id: String| {
        error.set(None);
        note.set(None);
        leptos::task::spawn_local(async move {
            let vars = q::RetryMailVars { id: id.clone() };
            match api::request::<_, q::RetryMailData>(q::RETRY_MAIL, vars, session.token()).await {
                Ok(d) => {
                    // Queued again: it leaves the list of failures.
                    let back = d.retry_mail;
                    api::update_loaded(mails.data, |m| m.items.retain(|x| x.id != back.id));
                    note.try_set(Some(
                        strings(session.lang.get_untracked()).members().retried,
                    ));
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };

    view! {
        <FormError error=error />
        <FormNote text=note.into() />
        <Awaited data=mails.data>
        <Show when=move || mails.is_empty()>
            <p id="failures-empty">{move || t().members().failures_empty}</p>
        </Show>
        <Show when=move || !mails.is_empty()>
            <div class="table-wrap" role="region" aria-labelledby="failures-caption" tabindex="0">
                <table id="mail-failures">
                    <caption id="failures-caption">{move || t().members().failures_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t().members().col_recipient}</th>
                            <th scope="col">{move || t().members().col_subject}</th>
                            <th scope="col">{move || t().members().col_attempts}</th>
                            <th scope="col">{move || t().members().col_when}</th>
                            <th scope="col">{move || t().members().col_error}</th>
                            <th scope="col"><span class="sr-only">{move || t().members().retry}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || mails.items()
                            key=|m| (m.id.clone(), m.attempts)
                            children=move |m| {
                                let id = m.id.clone();
                                let lang = session.lang;
                                let created = m.created_at.clone();
                                let who = match &m.user {
                                    Some(u) if !u.display_name.is_empty() => format!("{} <{}>", u.display_name, m.recipient),
                                    _ => m.recipient.clone(),
                                };
                                let failed = m.status == MailStatus::Failed;
                                view! {
                                    <tr class="mail-failure" data-recipient=m.recipient.clone()>
                                        <td>{who}</td>
                                        <td class="text">{m.subject.clone()}</td>
                                        <td class="num">{m.attempts}</td>
                                        <td>{move || instant_label(&created, lang.get())}</td>
                                        <td class="text">{m.last_error.clone().unwrap_or_default()}</td>
                                        <td>
                                            <button type="button" class="retry" disabled=!failed on:click=move |_| retry(id.clone())>
                                                {move || t().members().retry}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <MoreButton list=mails id="failures-more" />
        </Show>
        </Awaited>
    }
}
