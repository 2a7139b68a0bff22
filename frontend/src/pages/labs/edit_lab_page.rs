//! `/labs/:slug/edit`: coordinators edit and resubmit a proposal, or propose a change to an
//! active Lab's framing. Either way it goes back to the board.

use super::framing_form::{FramingFields, FramingForm, FRAMING_FIELDS};
use super::lab_state::LabCtx;
use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::labs::LabStatus;
use constellation_shared::queries::labs as q;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn EditLabPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let params = use_params_map();
    let ctx = LabCtx::for_route(session);
    let loaded = ctx.loaded;
    let framing = FramingFields::new();
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let navigate = use_navigate();

    // Once read: start from the change awaiting the board if there is one, else the framing.
    let filled = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(e) = ctx.load_error.get() {
            error.set(Some(e));
        }
        ctx.lab.with(|l| {
            if let Some(l) = l.as_ref().filter(|_| !filled.get_value()) {
                filled.set_value(true);
                framing.fill(l.pending_framing.as_ref().unwrap_or(&l.framing));
            }
        });
    });

    // Resubmitting a proposal, or proposing a change to an active Lab.
    let resubmit = move || {
        matches!(
            ctx.status(),
            Some(LabStatus::Proposed | LabStatus::ChangesRequested)
        )
    };
    let allowed = move || ctx.is_coordinator() && (resubmit() || ctx.is_active());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let document = if resubmit() {
            q::RESUBMIT_LAB
        } else {
            q::PROPOSE_FRAMING_CHANGE
        };
        pending.set(true);
        error.set(None);
        let vars = q::FramingVars {
            lab_id: ctx.id(),
            framing: framing.to_input(),
        };
        let navigate = navigate.clone();
        let current_slug = params.with_untracked(|p| p.get("slug")).unwrap_or_default();
        leptos::task::spawn_local(async move {
            let result = api::request::<_, q::LabResult>(document, vars, session.token()).await;
            pending.set(false);
            match result {
                Ok(r) => {
                    let slug = r.into_inner().map(|l| l.slug).unwrap_or(current_slug);
                    navigate(&format!("/labs/{slug}"), Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let title = move || {
        if resubmit() {
            t().labs().edit_framing_title
        } else {
            t().labs().propose_change_title
        }
    };
    let fallback = move || {
        if !loaded.get() {
            view! { <p>{move || t().loading}</p> }.into_any()
        } else if ctx.lab.with(Option::is_none) {
            view! {
                <h1>{move || t().labs().lab_not_found}</h1>
                <FormError error=error />
            }
            .into_any()
        } else {
            view! {
                <p id="edit-not-allowed">{move || t().labs().edit_not_allowed}</p>
                <p><A href=move || format!("/labs/{}", ctx.slug())>{move || t().labs().back_to_lab}</A></p>
            }
            .into_any()
        }
    };

    view! {
        <Show when=move || loaded.get() && allowed() fallback=fallback>
            <section class="wide-form">
                <p><A href=move || format!("/labs/{}", ctx.slug())>{move || t().labs().back_to_lab}</A></p>
                <h1>{title}</h1>
                <p class="lead">{move || ctx.lab.with(|l| l.as_ref().map(|l| l.name.clone()))}</p>
                <form on:submit=submit.clone() novalidate>
                    <FramingForm fields=framing error=error />
                    <FormError error=error fields=FRAMING_FIELDS />
                    <button type="submit" id="submit-framing" disabled=move || pending.get()>
                        {move || if pending.get() { t().working } else if resubmit() { t().labs().resubmit_submit } else { t().labs().propose_change_submit }}
                    </button>
                </form>
            </section>
        </Show>
    }
}
