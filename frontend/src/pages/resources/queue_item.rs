//! One pending request in the board's queue, and the decision: approve in full, approve a
//! smaller amount, or reject, with a reason every time (the server refuses a decision
//! without one, on the field `reason`, and the refusal shows under it).

use super::{checked_amount, date_of, days_since};
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::FormError;
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::resources::{ResourceDecision, ResourceRequest};
use constellation_shared::queries::resources as q;
use leptos::prelude::*;
use leptos_router::components::A;

const FIELDS: &[&str] = &["reason", "amount"];

/// `request` is the row as last loaded: the amount, the justification and what remains in
/// the period follow it, while what was typed in the decision form stays.
#[component]
pub fn QueueItem(
    #[prop(into)] request: Signal<ResourceRequest>,
    decided: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let r = request.get_untracked();
    let amount_shown = move || request.with(|r| r.amount.clone());
    let justification = move || request.with(|r| r.justification.clone());
    let remaining = move || request.with(|r| r.period.remaining.clone());
    let capacity = move || request.with(|r| r.period.capacity.clone());
    let id = r.id.clone();
    let scale = r.pool.scale;
    let unit = r.pool.unit.clone();
    let reason = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let what = format!("{} — {} {}", r.lab.name, r.pool.name, r.period.label);
    let group_label = what.clone();
    let decide = {
        let id = id.clone();
        move |decision: ResourceDecision| {
            let partial = match decision {
                ResourceDecision::ApprovePartial => {
                    match checked_amount(&amount.get_untracked(), scale, "amount", false) {
                        Ok(a) => Some(a),
                        Err(e) => {
                            error.set(Some(e));
                            return;
                        }
                    }
                }
                ResourceDecision::Approve | ResourceDecision::Reject => None,
            };
            let vars = q::DecideRequestVars {
                request_id: id.clone(),
                decision,
                amount: partial,
                reason: reason.get_untracked().trim().to_owned(),
            };
            mutate(
                session,
                q::DECIDE_REQUEST,
                vars,
                error,
                busy,
                move |_: q::RequestResult| decided.run(()),
            );
        }
    };
    let approve = decide.clone();
    let partial = decide.clone();
    let reject = decide;
    let project = r.project.as_ref().map(|p| p.title.clone());
    let requested_by = r.requested_by.as_ref().map(|p| {
        let name = p.display_name.clone();
        view! {
            <dt>{move || t().resources().requested_by}</dt>
            <dd class="queue-by">{name}</dd>
        }
    });
    let age = days_since(&r.created_at);
    let filed = date_of(&r.created_at);
    let age_text = move || match age {
        Some(d) => t().resources().age(d),
        None => filed.clone(),
    };
    let what_reason = what.clone();
    let what_amount = what.clone();
    let what_approve = what.clone();
    let what_partial = what.clone();
    let what_reject = what;
    view! {
        <li class="queue-item" data-lab=r.lab.slug.clone() data-id=id.clone() data-pool=r.pool.name.clone() data-period=r.period.label.clone()>
            <h2>
                <A href=format!("/labs/{}", r.lab.slug)><span class="queue-lab">{r.lab.name.clone()}</span></A>
                " — "
                <span class="queue-pool">{r.pool.name.clone()}</span>
                " "
                <span class="queue-period">{r.period.label.clone()}</span>
            </h2>
            <p class="queue-figures">
                <strong><span class="queue-amount">{amount_shown}</span> " " {unit.clone()}</strong>
                " · "
                <span class="queue-remaining">
                    {move || t().resources().remaining_label} " "
                    <span class="remaining">{remaining}</span> " " {unit.clone()}
                    " / " <span class="period-capacity">{capacity}</span> " " {unit.clone()}
                </span>
            </p>
            <dl class="facts">
                <dt>{move || t().resources().request_project}</dt>
                <dd class="queue-project">
                    {move || project.clone().unwrap_or_else(|| t().resources().request_for_lab.to_owned())}
                </dd>
                <dt>{move || t().resources().request_justification}</dt>
                <dd class="queue-justification text">{justification}</dd>
                {requested_by}
                <dt>{move || t().resources().waiting}</dt>
                <dd class="queue-age">
                    <time datetime=r.created_at.clone() title=date_of(&r.created_at)>
                        {age_text}
                    </time>
                </dd>
            </dl>
            <div class="decision" role="group" aria-label=group_label>
                <TextArea
                    name="reason"
                    id=format!("reason-{id}")
                    class="decision-reason"
                    label=|s| s.decision_reason
                    context=what_reason
                    value=reason
                    error=error
                    rows=3
                />
                <Field
                    name="amount"
                    id=format!("amount-{id}")
                    class="decision-amount"
                    label=|s| s.resources().decision_amount
                    context=what_amount
                    value=amount
                    error=error
                    required=false
                    inputmode="decimal"
                />
                <div class="actions">
                    <button type="button" class="approve" disabled=move || busy.get() on:click=move |_| approve(ResourceDecision::Approve)>
                        {move || t().resources().approve_full}
                        <span class="sr-only">" — " {what_approve.clone()}</span>
                    </button>
                    <button type="button" class="approve-partial secondary" disabled=move || busy.get() on:click=move |_| partial(ResourceDecision::ApprovePartial)>
                        {move || t().resources().approve_partial}
                        <span class="sr-only">" — " {what_partial.clone()}</span>
                    </button>
                    <button type="button" class="reject danger" disabled=move || busy.get() on:click=move |_| reject(ResourceDecision::Reject)>
                        {move || t().resources().reject_request}
                        <span class="sr-only">" — " {what_reject.clone()}</span>
                    </button>
                </div>
                <FormError error=error fields=FIELDS />
            </div>
        </li>
    }
}
