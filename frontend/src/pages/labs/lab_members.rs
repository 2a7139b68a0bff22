//! A Lab's members; coordinators answer requests, promote participants and invite people.

use super::lab_state::LabCtx;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use constellation_shared::dto::labs::{LabMember, LabRole, MemberState};
use constellation_shared::queries::labs as q;
use leptos::prelude::*;

#[component]
pub fn LabMembers(ctx: LabCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let members = move || {
        ctx.lab.with(|l| {
            l.as_ref()
                .map(|l| l.members.nodes().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let manage = move || ctx.is_coordinator() && !ctx.read_only();
    view! {
        <section aria-labelledby="members-h">
            <h2 id="members-h">{move || t().labs().members_title}</h2>
            <Show when=move || members().is_empty()>
                <p>{move || t().labs().members_empty}</p>
            </Show>
            <ul id="members" class="rows">
                <For
                    each=members
                    key=|m| (m.user.id, m.role, m.state)
                    children=move |m| view! { <MemberRow ctx=ctx member=m manage=Signal::derive(manage) error=error busy=busy /> }
                />
            </ul>
            <FormError error=error />
            <Show when=manage>
                <InviteForm ctx=ctx />
            </Show>
        </section>
    }
}

#[component]
fn MemberRow(
    ctx: LabCtx,
    member: LabMember,
    manage: Signal<bool>,
    error: RwSignal<Option<ApiError>>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let user_id = member.user.id.to_string();
    let name = member.user.display_name.clone();
    let role = member.role;
    let state = member.state;
    let decide = {
        let user_id = user_id.clone();
        move |accept: bool| {
            let vars = q::DecideJoinVars {
                lab_id: ctx.id(),
                user_id: user_id.clone(),
                accept,
            };
            ctx.mutate(q::DECIDE_JOIN_REQUEST, vars, error, busy, || ());
        }
    };
    let decide_no = decide.clone();
    let promote = move |_| {
        let vars = q::SetLabRoleVars {
            lab_id: ctx.id(),
            user_id: user_id.clone(),
            role: LabRole::Coordinator,
        };
        ctx.mutate(q::SET_LAB_ROLE, vars, error, busy, || ());
    };
    let who = name.clone();
    let who2 = name.clone();
    let who3 = name.clone();
    view! {
        <li class="member" data-user-id=member.user.id.to_string() data-name=name.clone() data-role=role.as_str() data-state=state.as_str()>
            <span class="member-name">{name.clone()}</span>
            " "
            <span class="member-role badge">{move || t().labs().lab_role(role)}</span>
            " "
            <span class="member-state" data-state=state.as_str()>{move || t().labs().member_state(state)}</span>
            <Show when=move || manage.get() && state == MemberState::Requested>
                <button type="button" class="accept-request" on:click={
                    let decide = decide.clone();
                    move |_| decide(true)
                } disabled=move || busy.get()>
                    {move || t().labs().accept_request}
                    <span class="sr-only">" — " {who.clone()}</span>
                </button>
                <button type="button" class="decline-request secondary" on:click={
                    let decide = decide_no.clone();
                    move |_| decide(false)
                } disabled=move || busy.get()>
                    {move || t().labs().decline_request}
                    <span class="sr-only">" — " {who2.clone()}</span>
                </button>
            </Show>
            <Show when=move || manage.get() && state == MemberState::Active && role == LabRole::Participant>
                <button type="button" class="promote secondary" on:click=promote.clone() disabled=move || busy.get()>
                    {move || t().labs().promote}
                    <span class="sr-only">" — " {who3.clone()}</span>
                </button>
            </Show>
        </li>
    }
}

#[component]
fn InviteForm(ctx: LabCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let vars = q::InviteVars {
            lab_id: ctx.id(),
            email: email.get_untracked().trim().to_owned(),
        };
        ctx.mutate(q::INVITE_TO_LAB, vars, error, busy, move || {
            email.set(String::new());
            note.set(Some(
                strings(ctx.session.lang.get_untracked()).labs().invite_sent,
            ));
        });
    };
    view! {
        <form class="invite" on:submit=submit novalidate aria-labelledby="invite-h">
            <h3 id="invite-h">{move || t().labs().invite_title}</h3>
            <Field name="email" id="invite-email" label=|s| s.labs().invite_email value=email error=error kind="email" autocomplete="off" />
            <FormError error=error fields=&["email"] />
            <FormNote text=note.into() />
            <button type="submit" id="invite" disabled=move || busy.get()>{move || t().labs().invite_submit}</button>
        </form>
    }
}
