//! `/transition/services/:id`: a service's details, holders, status and history, with the
//! path form (holders), the hand-over checklist, "ask for help" (holders) and the offer to
//! take it over or help (other members who may see it: the working group, the board).

use super::handover_list::HandoverList;
use super::offer_form::OfferForm;
use super::path_form::PathForm;
use super::service_history::ServiceHistory;
use super::service_state::ServiceCtx;
use super::support_form::SupportForm;
use crate::components::form_error::FormError;
use crate::i18n::{fill, strings};
use crate::session::use_session;
use constellation_shared::dto::transition::ServiceStatus;
use constellation_shared::ErrorCode;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ServicePage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let tr = move || t().transition();
    let params = use_params_map();
    let ctx = ServiceCtx::new(session);

    Effect::new(move |_| {
        let id = params.read().get("id").unwrap_or_default();
        session.token.track();
        ctx.id.set(id);
        ctx.reload();
    });

    let fallback = move || {
        let missing = ctx
            .error
            .with(|e| e.as_ref().is_some_and(|e| e.code == ErrorCode::NotFound));
        if !ctx.loaded.get() {
            view! { <p>{move || t().loading}</p> }.into_any()
        } else if ctx.error.with(Option::is_some) && !missing {
            view! { <FormError error=ctx.error /> }.into_any()
        } else {
            view! {
                <h1 id="service-not-found">{move || tr().service_not_found}</h1>
                <p><A href="/transition/mine">{move || tr().back_to_mine}</A></p>
            }
            .into_any()
        }
    };
    let field = move |f: fn(&constellation_shared::dto::transition::Service) -> String| {
        move || ctx.service.with(|s| s.as_ref().map(f).unwrap_or_default())
    };
    let status = move || ctx.status().unwrap_or(ServiceStatus::ToPlan);
    let kind = move || ctx.service.with(|s| s.as_ref().map(|s| s.kind));
    let path = move || ctx.service.with(|s| s.as_ref().and_then(|s| s.path));
    let step = field(|s| s.next_step.clone());
    let days = move || {
        let done = ctx.internal() || status().rank() >= ServiceStatus::Migrated.rank();
        ctx.plan
            .with(|p| p.as_ref().map(|p| p.days_left))
            .filter(|_| !done)
    };
    let group = move || {
        ctx.service.with(|s| {
            s.as_ref()
                .and_then(|s| s.group.as_ref().map(|g| g.name.clone()))
        })
    };
    let others_may_offer = move || {
        !ctx.is_holder() && !ctx.internal() && status().rank() < ServiceStatus::Migrated.rank()
    };

    view! {
        <Show when=move || ctx.service.with(Option::is_some) fallback=fallback>
            <p><A href="/transition/mine">{move || tr().back_to_mine}</A> " · " <A href="/transition">{move || tr().back_to_overview}</A></p>
            <h1 id="service-name">{field(|s| s.name.clone())}</h1>
            <p>
                <span class="muted">{move || tr().status_label}</span> " "
                <span id="service-status" class="badge" data-status=move || status().as_str()>
                    {move || tr().status(status())}
                </span>
            </p>
            <Show when=move || ctx.internal()>
                <p class="notice" id="service-internal">{move || tr().internal_note}</p>
            </Show>
            <section aria-labelledby="service-details-h">
                <h2 id="service-details-h">{move || tr().details_title}</h2>
                <dl class="facts" id="service-details">
                    <dt>{move || tr().kind_label}</dt>
                    <dd id="service-kind" data-kind=move || kind().map(|k| k.as_str())>{move || kind().map(|k| tr().kind(k))}</dd>
                    <dt>{move || tr().address_label}</dt>
                    <dd id="service-address">{field(|s| s.address.clone())}</dd>
                    <dt>{move || tr().description_label}</dt>
                    <dd id="service-description">{field(|s| s.description.clone())}</dd>
                    <dt>{move || tr().holders_label}</dt>
                    <dd id="service-holders">
                        {field(|s| s.holders.iter().map(|h| h.display_name.clone()).collect::<Vec<_>>().join(", "))}
                    </dd>
                    <dt>{move || tr().path_label}</dt>
                    <dd id="service-path" data-path=move || path().map_or("NONE", |p| p.as_str())>{move || tr().path(path())}</dd>
                    <Show when=move || group().is_some()>
                        <dt>{move || tr().group_label}</dt>
                        <dd id="service-group">{group}</dd>
                    </Show>
                    <dt>{move || tr().target_label}</dt>
                    <dd id="service-target">{field(|s| s.target_host.clone())}</dd>
                    <dt>{move || tr().next_step_label}</dt>
                    <dd id="service-next-step" data-step=step>{move || tr().next_step(&step())}</dd>
                    <Show when=move || days().is_some()>
                        <dt>{move || tr().days_left_label}</dt>
                        <dd id="service-days-left">{move || fill(tr().days_left_short, &[&days().unwrap_or(0).to_string()])}</dd>
                    </Show>
                </dl>
            </section>
            <PathForm ctx=ctx />
            <HandoverList ctx=ctx />
            <SupportForm ctx=ctx />
            <Show when=others_may_offer>
                <OfferForm service_id=ctx.id.get_untracked() />
            </Show>
            <ServiceHistory ctx=ctx />
        </Show>
    }
}
