//! The viewer's own standing in a Lab: join, ask to join, accept or decline an invitation,
//! withdraw a request to join, or leave.

use super::lab_state::LabCtx;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use constellation_shared::dto::labs::{MemberState, MembershipPolicy};
use constellation_shared::queries::labs as q;
use leptos::prelude::*;

#[component]
pub fn MembershipActions(ctx: LabCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let join = move |_| {
        let vars = q::LabIdVars { lab_id: ctx.id() };
        ctx.mutate(q::JOIN_LAB, vars, error, busy, || ());
    };
    let leave = move |_| {
        let vars = q::LabIdVars { lab_id: ctx.id() };
        ctx.mutate(q::LEAVE_LAB, vars, error, busy, || ());
    };
    // What the join button says, when there is one.
    let join_label = move || {
        let t = t();
        match ctx.my_membership() {
            Some(m) if m.state == MemberState::Invited => Some(t.labs().accept_invitation),
            Some(_) => None,
            None if ctx.is_active() => match ctx.policy() {
                Some(MembershipPolicy::Open) => Some(t.labs().join_open),
                Some(MembershipPolicy::OnApproval) => Some(t.labs().join_request),
                _ => None,
            },
            None => None,
        }
    };
    let state = move || ctx.my_membership().map(|m| m.state);
    let role_line = move || {
        ctx.my_membership()
            .filter(|m| m.state == MemberState::Active)
            .map(|m| t().labs().lab_role(m.role))
    };
    view! {
        <Show when=move || {
            ctx.signed_in()
                && !ctx.read_only()
                && (ctx.my_membership().is_some() || join_label().is_some())
        }>
            <section aria-labelledby="standing-h" id="my-membership">
                <h2 id="standing-h">{move || t().labs().my_standing}</h2>
                <Show when=move || role_line().is_some()>
                    <p id="my-role">{role_line}</p>
                </Show>
                <Show when=move || state() == Some(MemberState::Requested)>
                    <p id="request-pending" role="status">{move || t().labs().request_pending}</p>
                </Show>
                <Show when=move || join_label().is_some()>
                    <button type="button" id="join" on:click=join disabled=move || busy.get()>
                        {join_label}
                    </button>
                </Show>
                {move || {
                    // Leaving also withdraws a request to join or declines an invitation.
                    let (id, label) = match state()? {
                        MemberState::Active => ("leave", t().labs().leave),
                        MemberState::Requested => ("withdraw-request", t().labs().withdraw_join_request),
                        MemberState::Invited => ("decline-invitation", t().labs().decline_invitation),
                    };
                    Some(view! {
                        <button type="button" id=id class="secondary" on:click=leave disabled=move || busy.get()>
                            {label}
                        </button>
                    })
                }}
                <FormError error=error />
            </section>
        </Show>
    }
}
