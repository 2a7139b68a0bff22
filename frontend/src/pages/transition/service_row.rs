//! One service of the inventory (board): what it is, its holders, path, status and
//! hand-over, a link to its page, and the board's actions: set the status (backwards only
//! with a reason), waive the hand-over with a reason, edit.

use super::board_api::non_empty;
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::{Service, ServiceStatus};
use constellation_shared::queries::transition::board as b;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ServiceRow(
    service: Service,
    changed: Callback<(Service, &'static str)>,
    edit: Callback<Service>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let tr = move || strings(session.lang.get()).transition();
    let s = service;
    let id = s.id.clone();
    let status = RwSignal::new(s.status.as_str().to_owned());
    let reason = RwSignal::new(String::new());
    let waive_reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);

    let set_status = {
        let id = id.clone();
        move |_| {
            let Some(to) = ServiceStatus::parse(&status.get_untracked()) else {
                return;
            };
            let vars = b::SetStatusVars {
                service_id: id.clone(),
                status: to,
                reason: non_empty(&reason.get_untracked()),
            };
            mutate(
                session,
                b::SET_STATUS,
                vars,
                error,
                busy,
                move |r: b::ServiceResult| {
                    if let Some(s) = r.into_inner() {
                        changed.run((
                            s,
                            strings(session.lang.get_untracked())
                                .transition_board()
                                .status_set,
                        ));
                    }
                },
            );
        }
    };
    let waive = {
        let id = id.clone();
        move |_| {
            let vars = b::WaiveVars {
                service_id: id.clone(),
                reason: waive_reason.get_untracked().trim().to_owned(),
            };
            mutate(
                session,
                b::WAIVE_HANDOVER,
                vars,
                error,
                busy,
                move |r: b::ServiceResult| {
                    if let Some(s) = r.into_inner() {
                        changed.run((
                            s,
                            strings(session.lang.get_untracked())
                                .transition_board()
                                .waived,
                        ));
                    }
                },
            );
        }
    };

    let kind = s.kind;
    let path = s.path;
    let current = s.status;
    let holders = s
        .holders
        .iter()
        .map(|h| h.display_name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let target = s.target_host.clone();
    let group = s.group.as_ref().map(|g| g.name.clone());
    let handed = s.handover.iter().filter(|i| i.handed_at.is_some()).count();
    let items = s.handover.len();
    let confirmed = s.handover_confirmed_at.is_some();
    let waived = s.handover_waived_reason.clone();
    let may_waive = !confirmed && waived.is_none() && !s.internal;
    let handover = {
        let waived = waived.clone();
        move || match (&waived, confirmed) {
            (Some(r), _) => crate::i18n::fill(t().handover_waived, &[r]),
            (None, true) => t().handover_confirmed.to_owned(),
            (None, false) if handed == 0 => t().handover_pending.to_owned(),
            (None, false) => crate::i18n::fill(
                t().handover_progress,
                &[&handed.to_string(), &items.to_string()],
            ),
        }
    };
    let what = s.name.clone();
    let options = ServiceStatus::ALL
        .iter()
        .map(|st| {
            let st = *st;
            view! {
                <option value=st.as_str() prop:selected=move || status.get() == st.as_str()>
                    {move || tr().status(st)}
                </option>
            }
        })
        .collect_view();
    let to_edit = s.clone();
    let (what_status, what_waive, what_edit, what_open) =
        (what.clone(), what.clone(), what.clone(), what.clone());

    view! {
        <tr class="inventory-service" data-id=id.clone() data-status=current.as_str() data-kind=kind.as_str() data-internal=s.internal.to_string()>
            <th scope="row">
                <A href=format!("/transition/services/{id}")>
                    <span class="inventory-name">{s.name.clone()}</span>
                    <span class="sr-only">" — " {move || t().open_service}</span>
                </A>
                <br />
                <span class="muted inventory-kind">{move || tr().kind(kind)}</span>
                {(!s.address.is_empty()).then(|| view! { " · " <span class="inventory-address">{s.address.clone()}</span> })}
                {s.internal.then(|| view! { " " <span class="badge inventory-internal">{move || t().internal_badge}</span> })}
            </th>
            <td class="inventory-holders">{holders}</td>
            <td class="inventory-path" data-path=path.map(|p| p.as_str()).unwrap_or("")>
                {move || tr().path(path)}
                {(!target.is_empty()).then(|| view! { <br /><span class="muted">{target.clone()}</span> })}
                {group.map(|g| view! { <br /><span class="muted inventory-group">{g}</span> })}
            </td>
            <td class="inventory-status">{move || tr().status(current)}</td>
            <td class="inventory-handover">{handover}</td>
            <td>
                <details class="service-manage">
                    <summary>
                        {move || t().manage}
                        <span class="sr-only">" — " {what_open.clone()}</span>
                    </summary>
                    <div class="field">
                        <label for=format!("status-{id}")>{move || t().new_status}</label>
                        <select id=format!("status-{id}") class="service-status-select" prop:value=move || status.get() on:change=move |ev| status.set(event_target_value(&ev))>
                            {options}
                        </select>
                    </div>
                    <div class="field">
                        <label for=format!("status-reason-{id}")>{move || t().status_reason}</label>
                        <input
                            id=format!("status-reason-{id}")
                            class="service-status-reason"
                            aria-describedby=format!("status-reason-{id}-hint")
                            prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))
                        />
                        <p id=format!("status-reason-{id}-hint") class="field-msg">{move || t().status_reason_hint}</p>
                    </div>
                    <button type="button" class="service-status-submit" disabled=move || busy.get() on:click=set_status>
                        {move || t().status_submit}
                        <span class="sr-only">" — " {what_status.clone()}</span>
                    </button>
                    {may_waive.then(|| view! {
                        <div class="field">
                            <label for=format!("waive-{id}")>{move || t().waive_reason}</label>
                            <input
                                id=format!("waive-{id}")
                                class="service-waive-reason"
                                prop:value=move || waive_reason.get()
                                on:input=move |ev| waive_reason.set(event_target_value(&ev))
                            />
                        </div>
                        <button type="button" class="service-waive-submit secondary" disabled=move || busy.get() on:click=waive>
                            {move || t().waive_submit}
                            <span class="sr-only">" — " {what_waive.clone()}</span>
                        </button>
                    })}
                    <button type="button" class="service-edit secondary" on:click=move |_| edit.run(to_edit.clone())>
                        {move || t().edit}
                        <span class="sr-only">" — " {what_edit.clone()}</span>
                    </button>
                    <FormError error=error fields=&[] />
                </details>
            </td>
        </tr>
    }
}
