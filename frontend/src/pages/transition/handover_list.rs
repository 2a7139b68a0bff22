//! The hand-over checklist: each item with who handed it over and when, and when it was
//! confirmed; the working group or the board marks an item handed over, the holder confirms
//! they received it. Refusals (`HANDOVER_PENDING`, an item already ticked) show here.

use super::service_state::ServiceCtx;
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::{fill, strings};
use crate::pages::resources::date_of;
use constellation_shared::dto::labs::PersonRef;
use constellation_shared::dto::transition::{HandoverDetail, ServiceStatus};
use constellation_shared::queries::transition as tq;
use leptos::prelude::*;

#[component]
pub fn HandoverList(ctx: ServiceCtx) -> impl IntoView {
    let session = ctx.session;
    let t = move || strings(session.lang.get()).transition();
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let act = move |doc: &'static str,
                    item_id: String,
                    done: fn(&crate::i18n::Strings) -> &'static str| {
        note.set(None);
        let vars = tq::ItemVars { item_id };
        // The answer is the bare item: the page reads it again with its people and status.
        mutate(session, doc, vars, error, busy, move |_: tq::ItemResult| {
            note.set(Some(done(strings(session.lang.get_untracked()))));
            ctx.reload();
        });
    };
    let closed = move || ctx.status() == Some(ServiceStatus::Closed);
    let who = move |p: &Option<PersonRef>| {
        p.as_ref()
            .map(|p| p.display_name.clone())
            .unwrap_or_else(|| t().someone.to_owned())
    };
    let state = move |i: &HandoverDetail| -> (String, &'static str) {
        match (&i.handed_at, &i.confirmed_at) {
            (_, Some(c)) => (
                fill(
                    t().handover_confirmed,
                    &[
                        &who(&i.handed_by),
                        &date_of(i.handed_at.as_deref().unwrap_or(c)),
                        &who(&i.confirmed_by),
                        &date_of(c),
                    ],
                ),
                "CONFIRMED",
            ),
            (Some(h), None) => (
                fill(t().handover_handed, &[&who(&i.handed_by), &date_of(h)]),
                "HANDED",
            ),
            (None, None) => (t().handover_waiting.to_owned(), "WAITING"),
        }
    };
    let items = move || {
        ctx.handover
            .get()
            .into_iter()
            .map(|i| {
                let kind = i.item;
                let label_id = format!("handover-{}-label", i.id);
                let text_and_state = {
                    let i = i.clone();
                    move || state(&i)
                };
                let state_key = text_and_state().1;
                let can_mark = i.handed_at.is_none();
                let can_confirm = i.handed_at.is_some() && i.confirmed_at.is_none();
                let (mark_id, confirm_id) = (i.id.clone(), i.id.clone());
                let (mark_label, confirm_label) = (label_id.clone(), label_id.clone());
                view! {
                    <li class="handover-item" data-id=i.id.clone() data-item=kind.as_str() data-state=state_key>
                        <strong id=label_id.clone()>{move || t().item(kind)}</strong>
                        " — "
                        <span class="handover-state">{move || text_and_state().0}</span>
                        <Show when=move || can_mark && ctx.can_mark() && !closed()>
                            <button
                                type="button"
                                class="handover-mark"
                                aria-describedby=mark_label.clone()
                                disabled=move || busy.get()
                                on:click={
                                    let id = mark_id.clone();
                                    move |_| act(tq::MARK_HANDED_OVER, id.clone(), |s| s.transition().handover_marked_note)
                                }
                            >
                                {move || t().handover_mark}
                            </button>
                        </Show>
                        <Show when=move || can_confirm && ctx.is_holder()>
                            <button
                                type="button"
                                class="handover-confirm"
                                aria-describedby=confirm_label.clone()
                                disabled=move || busy.get()
                                on:click={
                                    let id = confirm_id.clone();
                                    move |_| act(tq::CONFIRM_HANDOVER, id.clone(), |s| s.transition().handover_confirmed_note)
                                }
                            >
                                {move || t().handover_confirm}
                            </button>
                        </Show>
                    </li>
                }
            })
            .collect_view()
    };
    let confirmed_at = move || {
        ctx.service
            .with(|s| s.as_ref().and_then(|s| s.handover_confirmed_at.clone()))
    };
    let waived = move || {
        ctx.service
            .with(|s| s.as_ref().and_then(|s| s.handover_waived_reason.clone()))
    };
    view! {
        <Show when=move || !ctx.internal()>
            <section aria-labelledby="handover-h">
                <h2 id="handover-h">{move || t().handover_title}</h2>
                <p>{move || t().handover_intro}</p>
                {move || waived().map(|r| view! { <p id="handover-waived" class="notice">{move || fill(t().handover_waived, &[&r])}</p> })}
                {move || confirmed_at().map(|c| view! { <p id="handover-all-confirmed">{move || fill(t().handover_all_confirmed, &[&date_of(&c)])}</p> })}
                <ul id="handover" class="rows">{items}</ul>
                <FormError error=error />
                <FormNote text=note.into() />
            </section>
        </Show>
    }
}
