//! The edition's time slots: a day, a start and an end in the venue's local time. Gaps
//! between slots are breaks a session cannot cross.

use super::state::BarcampCtx;
use super::{day_label, hh_mm};
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use constellation_shared::dto::barcamp::{Slot, SlotInput};
use constellation_shared::queries::barcamp as q;
use leptos::prelude::*;

const FIELDS: &[&str] = &["day", "start", "end"];

#[component]
pub fn SlotsEditor(ctx: BarcampCtx) -> impl IntoView {
    let t = move || strings(ctx.session.lang.get());
    let slots = move || {
        ctx.edition
            .with(|e| e.as_ref().map(|e| e.slots.clone()).unwrap_or_default())
    };
    let day = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vars = q::AddSlotVars {
            edition_id: ctx.id(),
            input: SlotInput {
                day: day.get_untracked(),
                start: hh_mm(&start.get_untracked()),
                end: hh_mm(&end.get_untracked()),
            },
        };
        ctx.mutate_edition(q::ADD_SLOT, vars, error, busy, move || {
            for s in [day, start, end] {
                s.set(String::new());
            }
        });
    };
    view! {
        <section aria-labelledby="slots-h">
            <h2 id="slots-h">{move || t().barcamp().slots_title}</h2>
            <p class="muted">{move || t().barcamp().slots_intro}</p>
            <Show when=move || slots().is_empty()>
                <p id="slots-empty">{move || t().barcamp().slots_empty}</p>
            </Show>
            <ul id="slots" class="rows">
                <For
                    each=slots
                    key=|s| s.id.clone()
                    children=move |s| view! { <SlotRow ctx=ctx entry=s /> }
                />
            </ul>
            <h3>{move || t().barcamp().slot_add_title}</h3>
            <form class="inline-form" on:submit=submit novalidate>
                <Field name="day" id="slot-day" kind="date" label=|s| s.barcamp().slot_day value=day error=error hint=|s| s.barcamp().slot_day_hint />
                <Field name="start" id="slot-start" label=|s| s.barcamp().slot_start value=start error=error hint=|s| s.barcamp().slot_time_hint />
                <Field name="end" id="slot-end" label=|s| s.barcamp().slot_end value=end error=error hint=|s| s.barcamp().slot_time_hint />
                <button type="submit" id="slot-add" disabled=move || busy.get()>{move || t().barcamp().slot_add}</button>
                <FormError error=error fields=FIELDS />
            </form>
        </section>
    }
}

#[component]
fn SlotRow(ctx: BarcampCtx, entry: Slot) -> impl IntoView {
    let lang = ctx.session.lang;
    let t = move || strings(lang.get());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let slot = entry;
    let id = slot.id.clone();
    let remove = move |_| {
        let vars = q::SlotIdVars {
            slot_id: id.clone(),
        };
        ctx.mutate_edition(q::REMOVE_SLOT, vars, error, busy, || ());
    };
    let times = format!("{}–{}", slot.start, slot.end);
    let day = slot.day.clone();
    let label = {
        let day = day.clone();
        let times = times.clone();
        move || format!("{}, {times}", day_label(&day, lang.get()))
    };
    view! {
        <li class="slot" data-slot-id=slot.id.clone() data-day=day>
            <span>{label.clone()}</span>
            <button type="button" class="danger" on:click=remove disabled=move || busy.get()>
                {move || t().remove} <span class="sr-only">" — " {label.clone()}</span>
            </button>
            <FormError error=error />
        </li>
    }
}
