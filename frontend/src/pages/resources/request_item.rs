//! One of a Lab's requests: what was asked, what the board decided and why. While pending,
//! coordinators edit or withdraw it; once granted, coordinators and the board give back
//! what the Lab will not use.

use super::lab_resources::LabResourcesCtx;
use super::{checked_amount, date_of, minor};
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::FormError;
use crate::components::text_area::TextArea;
use crate::i18n::strings;
use constellation_shared::dto::resources::{RequestStatus, ResourceRequest};
use constellation_shared::queries::resources as q;
use leptos::prelude::*;

const FIELDS: &[&str] = &["amount", "justification", "note"];

#[component]
pub fn RequestItem(res: LabResourcesCtx, request: ResourceRequest) -> impl IntoView {
    let session = res.lab.session;
    let t = move || strings(session.lang.get());
    let r = request;
    let id = r.id.clone();
    let status = r.status;
    let unit = r.pool.unit.clone();
    let scale = r.pool.scale;
    let what = format!("{} {}", r.pool.name, r.period.label);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let granted = matches!(
        status,
        RequestStatus::Approved | RequestStatus::PartiallyApproved | RequestStatus::Rejected
    )
    .then(|| {
        let unit = unit.clone();
        view! {
            <dt>{move || t().resources().granted_label}</dt>
            <dd><span class="request-granted">{r.granted_amount.clone()}</span> " " {unit}</dd>
        }
    });
    let released = (minor(&r.released_amount, scale) > 0).then(|| {
        let unit = unit.clone();
        view! {
            <dt>{move || t().resources().released_label}</dt>
            <dd><span class="request-released">{r.released_amount.clone()}</span> " " {unit}</dd>
        }
    });
    let reason = r
        .decision_reason
        .clone()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            view! {
                <dt>{move || t().resources().board_reason}</dt>
                <dd class="request-reason text">{s}</dd>
            }
        });
    let requested_by = r.requested_by.as_ref().map(|p| {
        let name = p.display_name.clone();
        view! {
            <dt>{move || t().resources().requested_by}</dt>
            <dd class="request-by">{name}</dd>
        }
    });
    let decided_by = r.decided_by.as_ref().map(|p| {
        let name = p.display_name.clone();
        view! {
            <dt>{move || t().resources().decided_by}</dt>
            <dd class="request-decided-by">{name}</dd>
        }
    });
    let project = r.project.as_ref().map(|p| p.title.clone());

    let can_change = move || {
        status == RequestStatus::Pending && res.lab.is_coordinator() && !res.lab.read_only()
    };
    let can_release = move || {
        matches!(
            status,
            RequestStatus::Approved | RequestStatus::PartiallyApproved
        ) && (res.lab.is_coordinator() || session.is_board())
    };
    let pending = {
        let id = id.clone();
        let what = what.clone();
        let amount = r.amount.clone();
        let justification = r.justification.clone();
        move || {
            view! {
                <PendingActions
                    res=res
                    id=id.clone()
                    what=what.clone()
                    scale=scale
                    amount=amount.clone()
                    justification=justification.clone()
                    error=error
                    busy=busy
                />
            }
        }
    };
    let release = {
        let id = id.clone();
        let what = what.clone();
        move || {
            view! { <ReleaseForm res=res id=id.clone() what=what.clone() scale=scale error=error busy=busy /> }
        }
    };
    view! {
        <li
            class="request"
            data-id=id.clone()
            data-status=status.as_str()
            data-pool=r.pool.name.clone()
            data-period=r.period.label.clone()
        >
            <h4 class="request-title">
                <span class="request-pool">{r.pool.name.clone()}</span>
                " — "
                <span class="request-period">{r.period.label.clone()}</span>
            </h4>
            <p>
                <span class="badge request-status" data-status=status.as_str()>
                    {move || t().resources().request_status(status)}
                </span>
            </p>
            <dl class="facts">
                <dt>{move || t().resources().request_project}</dt>
                <dd class="request-project">
                    {move || project.clone().unwrap_or_else(|| t().resources().request_for_lab.to_owned())}
                </dd>
                <dt>{move || t().resources().request_amount}</dt>
                <dd><span class="request-amount">{r.amount.clone()}</span> " " {unit.clone()}</dd>
                {granted}
                {released}
                <dt>{move || t().resources().request_justification}</dt>
                <dd class="request-justification text">{r.justification.clone()}</dd>
                {reason}
                {requested_by}
                <dt>{move || t().resources().filed_on}</dt>
                <dd><time datetime=r.created_at.clone()>{date_of(&r.created_at)}</time></dd>
                {decided_by}
            </dl>
            <Show when=can_change>{pending.clone()}</Show>
            <Show when=can_release>{release.clone()}</Show>
            <FormError error=error fields=FIELDS />
        </li>
    }
}

/// A pending request: withdraw it, or edit its amount and justification in place.
#[component]
fn PendingActions(
    res: LabResourcesCtx,
    id: String,
    what: String,
    scale: i32,
    amount: String,
    justification: String,
    error: RwSignal<Option<ApiError>>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let session = res.lab.session;
    let t = move || strings(session.lang.get());
    let editing = RwSignal::new(false);
    let edit_amount = RwSignal::new(amount);
    let edit_justification = RwSignal::new(justification);
    let withdraw = {
        let id = id.clone();
        move |_| {
            let vars = q::RequestIdVars {
                request_id: id.clone(),
            };
            mutate(
                session,
                q::WITHDRAW_REQUEST,
                vars,
                error,
                busy,
                move |_: q::RequestResult| {
                    res.say(|s| s.resources().request_withdrawn_note);
                    res.reload();
                },
            );
        }
    };
    let save = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let amount = match checked_amount(&edit_amount.get_untracked(), scale, "amount", false)
            {
                Ok(a) => a,
                Err(e) => {
                    error.set(Some(e));
                    return;
                }
            };
            let vars = q::EditRequestVars {
                request_id: id.clone(),
                amount,
                justification: edit_justification.get_untracked(),
            };
            mutate(
                session,
                q::EDIT_REQUEST,
                vars,
                error,
                busy,
                move |_: q::RequestResult| {
                    editing.set(false);
                    res.say(|s| s.resources().request_saved);
                    res.reload();
                },
            );
        }
    };
    let form = {
        let what = what.clone();
        move || {
            view! {
                <form class="edit-request-form" on:submit=save.clone() novalidate>
                    <Field
                        name="amount"
                        id=format!("edit-amount-{id}")
                        class="edit-amount"
                        label=|s| s.resources().request_amount
                        context=what.clone()
                        value=edit_amount
                        error=error
                        inputmode="decimal"
                    />
                    <TextArea
                        name="justification"
                        id=format!("edit-justification-{id}")
                        class="edit-justification"
                        label=|s| s.resources().request_justification
                        context=what.clone()
                        value=edit_justification
                        error=error
                    />
                    <div class="actions">
                        <button type="submit" class="save-request" disabled=move || busy.get()>
                            {move || t().resources().save_request}
                        </button>
                        <button type="button" class="cancel-edit secondary" on:click=move |_| editing.set(false)>
                            {move || t().resources().cancel}
                        </button>
                    </div>
                </form>
            }
        }
    };
    let what_withdraw = what.clone();
    view! {
        <div class="actions">
            <button
                type="button"
                class="edit-request secondary"
                aria-expanded=move || editing.get().to_string()
                on:click=move |_| editing.update(|e| *e = !*e)
            >
                {move || t().resources().edit_request}
                <span class="sr-only">" — " {what}</span>
            </button>
            <button type="button" class="withdraw danger" on:click=withdraw disabled=move || busy.get()>
                {move || t().resources().withdraw}
                <span class="sr-only">" — " {what_withdraw}</span>
            </button>
        </div>
        <Show when=move || editing.get()>{form.clone()}</Show>
    }
}

/// A granted request: give back part of it, with a note.
#[component]
fn ReleaseForm(
    res: LabResourcesCtx,
    id: String,
    what: String,
    scale: i32,
    error: RwSignal<Option<ApiError>>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let session = res.lab.session;
    let t = move || strings(session.lang.get());
    let amount = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let amount_id = format!("release-amount-{id}");
    let note_id = format!("release-note-{id}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = match checked_amount(&amount.get_untracked(), scale, "amount", false) {
            Ok(a) => a,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let vars = q::ReleaseVars {
            request_id: id.clone(),
            amount: value,
            note: note.get_untracked(),
        };
        mutate(
            session,
            q::RELEASE,
            vars,
            error,
            busy,
            move |_: q::RequestResult| {
                res.say(|s| s.resources().released);
                res.reload();
            },
        );
    };
    let what_amount = what.clone();
    let what_note = what.clone();
    view! {
        <form class="release-form inline-form" on:submit=submit novalidate>
            <Field
                name="amount"
                id=amount_id
                class="release-amount"
                label=|s| s.resources().release_amount
                context=what_amount
                value=amount
                error=error
                inputmode="decimal"
            />
            <Field
                name="note"
                id=note_id
                class="release-note"
                label=|s| s.resources().release_note
                context=what_note
                value=note
                error=error
            />
            <button type="submit" class="release" disabled=move || busy.get()>
                {move || t().resources().release}
                <span class="sr-only">" — " {what}</span>
            </button>
        </form>
    }
}
