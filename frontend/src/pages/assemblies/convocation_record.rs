//! For the board, once the assembly is convened: the sending record of its convocation —
//! every mail, to whom, when, delivered or failed — the association's proof that it went
//! out in time.

use super::instant_label;
use super::state::AssemblyCtx;
use crate::api::{self, with_loaded};
use crate::components::loaded::Awaited;
use crate::i18n::{fill, strings};
use constellation_shared::dto::assemblies::AssemblyStatus;
use constellation_shared::queries::accounts::{self as q, MailDelivery, MailStatus};
use leptos::prelude::*;

#[component]
pub fn ConvocationRecord(ctx: AssemblyCtx) -> impl IntoView {
    let shown = move || ctx.chair() && !matches!(ctx.status(), None | Some(AssemblyStatus::Draft));
    view! {
        <Show when=shown>
            <Record ctx=ctx />
        </Show>
    }
}

#[component]
fn Record(ctx: AssemblyCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    // Again when the assembly changes state (convening writes the mails).
    let mails = api::load(ctx.session, move |call| {
        ctx.status();
        let id = ctx.route_id.get();
        async move {
            let Some(id) = id else { return Ok(Vec::new()) };
            let vars = |first, after| q::MailDeliveriesVars {
                subject_type: "assembly".to_owned(),
                subject_id: id.clone(),
                first,
                after,
            };
            call.all(q::MAIL_DELIVERIES, vars, |d: q::MailDeliveriesData| {
                d.mail_deliveries
            })
            .await
        }
    });
    let count =
        move |s: MailStatus| with_loaded(mails, |m| m.iter().filter(|d| d.status == s).count());
    let summary = move || {
        fill(
            t().members().deliveries_summary,
            &[
                &count(MailStatus::Sent).to_string(),
                &count(MailStatus::Pending).to_string(),
                &count(MailStatus::Failed).to_string(),
            ],
        )
    };
    view! {
        <section aria-labelledby="deliveries-h" class="board">
            <h2 id="deliveries-h">{move || t().members().deliveries_title}</h2>
            <p class="muted">{move || t().members().deliveries_intro}</p>
            <Awaited data=mails>
            <Show when=move || with_loaded(mails, Vec::is_empty)>
                <p id="deliveries-empty">{move || t().members().deliveries_empty}</p>
            </Show>
            <Show when=move || with_loaded(mails, |m| !m.is_empty())>
                <p id="deliveries-summary">{summary}</p>
                <div class="table-wrap" role="region" aria-labelledby="deliveries-caption" tabindex="0">
                    <table id="deliveries">
                        <caption id="deliveries-caption">{move || t().members().deliveries_caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || t().members().col_recipient}</th>
                                <th scope="col">{move || t().members().col_status}</th>
                                <th scope="col">{move || t().members().col_attempts}</th>
                                <th scope="col">{move || t().members().col_sent_at}</th>
                                <th scope="col">{move || t().members().col_error}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || with_loaded(mails, Clone::clone)
                                key=|m| (m.id.clone(), m.status as u8, m.attempts)
                                children=move |m| view! { <DeliveryRow ctx=ctx mail=m /> }
                            />
                        </tbody>
                    </table>
                </div>
            </Show>
            </Awaited>
        </section>
    }
}

#[component]
fn DeliveryRow(ctx: AssemblyCtx, mail: MailDelivery) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let m = mail;
    let status = m.status;
    let (wire, label): (&'static str, fn(&crate::i18n::Strings) -> &'static str) = match status {
        MailStatus::Sent => ("SENT", |s| s.members().mail_sent),
        MailStatus::Pending => ("PENDING", |s| s.members().mail_pending),
        MailStatus::Failed => ("FAILED", |s| s.members().mail_failed),
    };
    let who = match &m.user {
        Some(u) if !u.display_name.is_empty() => format!("{} <{}>", u.display_name, m.recipient),
        _ => m.recipient.clone(),
    };
    let sent_at = m.sent_at.clone();
    view! {
        <tr class="delivery" data-status=wire data-recipient=m.recipient.clone()>
            <td>{who}</td>
            <td><span class="badge" data-status=wire>{move || label(t())}</span></td>
            <td class="num">{m.attempts}</td>
            <td>
                {move || sent_at.as_deref().map(|at| instant_label(at, lang.get())).unwrap_or_default()}
            </td>
            <td class="text">{m.last_error.clone().unwrap_or_default()}</td>
        </tr>
    }
}
