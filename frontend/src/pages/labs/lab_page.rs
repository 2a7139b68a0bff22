//! `/labs/:slug`: a Lab's framing, members, projects, resource requests and history, with
//! the actions the viewer may take.

use super::archive_form::ArchiveForm;
use super::board_review::BoardReview;
use super::framing_view::FramingView;
use super::lab_history::LabHistory;
use super::lab_members::LabMembers;
use super::lab_projects::LabProjects;
use super::lab_state::LabCtx;
use super::membership_actions::MembershipActions;
use super::propose_project_form::ProposeProjectForm;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::pages::resources::lab_resources::LabResources;
use crate::session::use_session;
use constellation_shared::dto::labs::LabStatus;
use constellation_shared::queries::labs as q;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn LabPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let ctx = LabCtx::for_route(session);

    let fallback = move || {
        if !ctx.loaded.get() {
            view! { <p>{move || t().loading}</p> }.into_any()
        } else if ctx.load_error.with(Option::is_some) {
            view! { <FormError error=ctx.load_error /> }.into_any()
        } else {
            view! { <h1 id="lab-not-found">{move || t().labs().lab_not_found}</h1> }.into_any()
        }
    };

    view! {
        <Show when=move || ctx.lab.with(Option::is_some) fallback=fallback>
            <LabHeader ctx=ctx />
            <section aria-labelledby="framing-h">
                <h2 id="framing-h">{move || t().labs().framing_title}</h2>
                <div id="framing">
                    {move || ctx.lab.with(|l| l.as_ref().map(|l| view! { <FramingView framing=l.framing.clone() /> }))}
                </div>
                <EditFramingLink ctx=ctx />
            </section>
            <Show when=move || ctx.has_pending_change()>
                <section aria-labelledby="pending-framing-h" class="pending">
                    <h2 id="pending-framing-h">{move || t().labs().pending_framing_title}</h2>
                    <div id="pending-framing">
                        {move || ctx.lab.with(|l| {
                            l.as_ref()
                                .and_then(|l| l.pending_framing.clone())
                                .map(|f| view! { <FramingView framing=f /> })
                        })}
                    </div>
                </section>
            </Show>
            <BoardReview ctx=ctx />
            <ArchiveForm ctx=ctx />
            <MembershipActions ctx=ctx />
            <LabMembers ctx=ctx />
            <LabProjects ctx=ctx />
            <Show when=move || ctx.is_active_member()><p><A href=move || format!("/polls?lab={}", ctx.id()) attr:id="lab-polls">{move || t().polls().lab_link}</A></p></Show>
            <ProposeProjectForm ctx=ctx />
            <LabResources ctx=ctx />
            <LabHistory ctx=ctx />
        </Show>
    }
}

/// The name, the status, and the notices that concern the whole Lab.
#[component]
fn LabHeader(ctx: LabCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let status = move || ctx.status().unwrap_or(LabStatus::Proposed);
    let name = move || ctx.lab.with(|l| l.as_ref().map(|l| l.name.clone()));
    let ack_due = move || {
        ctx.lab
            .with(|l| l.as_ref().is_some_and(|l| l.rules_acknowledgement_due))
            && !ctx.read_only()
    };
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let acknowledge = move |_| {
        let vars = q::LabIdVars { lab_id: ctx.id() };
        ctx.mutate(q::ACKNOWLEDGE_RULES, vars, error, busy, || ());
    };
    view! {
        <h1>{name}</h1>
        <p>
            <span class="muted">{move || t().status_label}</span> " "
            <span id="lab-status" class="badge" data-status=move || status().as_str()>
                {move || t().labs().lab_status(status())}
            </span>
        </p>
        <Show when=move || ctx.status() == Some(LabStatus::Archived)>
            <p class="notice" id="lab-archived">{move || t().labs().lab_archived_note}</p>
        </Show>
        <Show when=move || ctx.status() == Some(LabStatus::Rejected)>
            <p class="notice" id="lab-rejected">{move || t().labs().lab_rejected_note}</p>
        </Show>
        <Show when=ack_due>
            <div class="notice" id="rules-ack">
                <p>{move || t().labs().rules_ack_due} " " <A href="/rules">{move || t().labs().rules_title}</A></p>
                <Show when=move || ctx.is_coordinator()>
                    <button type="button" id="acknowledge-rules" on:click=acknowledge disabled=move || busy.get()>
                        {move || t().labs().acknowledge_rules}
                    </button>
                </Show>
                <FormError error=error />
            </div>
        </Show>
    }
}

/// Coordinators edit a proposal, or propose a change to an active Lab's framing.
#[component]
fn EditFramingLink(ctx: LabCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let label = move || match ctx.status() {
        Some(LabStatus::Active) => Some(t().labs().propose_change_link),
        Some(LabStatus::Proposed | LabStatus::ChangesRequested) => {
            Some(t().labs().edit_framing_link)
        }
        _ => None,
    };
    view! {
        <Show when=move || ctx.is_coordinator() && label().is_some()>
            <p>
                <A href=move || format!("/labs/{}/edit", ctx.slug()) attr:id="edit-framing" attr:class="button">
                    {label}
                </A>
            </p>
        </Show>
    }
}
