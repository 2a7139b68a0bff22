//! The board creates a pool with its first period.

use super::{checked_amount, replace_pool};
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::{FormError, FormNote};
use crate::components::select::{Choice, EnumSelect};
use crate::components::text_area::TextArea;
use crate::i18n::{strings, Strings};
use crate::session::use_session;
use constellation_shared::dto::resources::{PeriodInput, Pool, PoolInput, PoolKind};
use constellation_shared::queries::resources as q;
use constellation_shared::rules::amount::MAX_SCALE;
use constellation_shared::ValidationReason;
use leptos::prelude::*;

const FIELDS: &[&str] = &[
    "name",
    "kind",
    "unit",
    "scale",
    "description",
    "label",
    "startsOn",
    "endsOn",
    "capacity",
];

fn kind_options() -> Vec<Choice<PoolKind>> {
    let options: [Choice<PoolKind>; 6] = [
        (PoolKind::Money, |s: &Strings| s.resources().kind_money),
        (PoolKind::Server, |s: &Strings| s.resources().kind_server),
        (PoolKind::Room, |s: &Strings| s.resources().kind_room),
        (PoolKind::Equipment, |s: &Strings| {
            s.resources().kind_equipment
        }),
        (PoolKind::ServiceHours, |s: &Strings| {
            s.resources().kind_service_hours
        }),
        (PoolKind::Other, |s: &Strings| s.resources().kind_other),
    ];
    options.to_vec()
}

/// The scale typed, when it is one the amount rules accept.
fn scale(raw: &str) -> Result<i32, ApiError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ApiError::invalid("scale", ValidationReason::Required));
    }
    raw.parse::<u32>()
        .ok()
        .filter(|s| *s <= MAX_SCALE)
        .and_then(|s| i32::try_from(s).ok())
        .ok_or_else(|| ApiError::invalid("scale", ValidationReason::Invalid))
}

#[component]
pub fn CreatePoolForm(pools: RwSignal<Vec<Pool>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(PoolKind::Money);
    let unit = RwSignal::new(String::new());
    let scale_raw = RwSignal::new("2".to_owned());
    let description = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let starts_on = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    let capacity = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let checked = scale(&scale_raw.get_untracked()).and_then(|s| {
            checked_amount(&capacity.get_untracked(), s, "capacity", true).map(|c| (s, c))
        });
        let (scale, capacity_value) = match checked {
            Ok(v) => v,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let vars = q::CreatePoolVars {
            input: PoolInput {
                name: name.get_untracked().trim().to_owned(),
                kind: kind.get_untracked(),
                unit: unit.get_untracked().trim().to_owned(),
                scale,
                description: description.get_untracked(),
                period: PeriodInput {
                    label: label.get_untracked().trim().to_owned(),
                    starts_on: starts_on.get_untracked(),
                    ends_on: ends_on.get_untracked(),
                    capacity: capacity_value,
                },
            },
        };
        mutate(
            session,
            q::CREATE_POOL,
            vars,
            error,
            busy,
            move |r: q::PoolResult| {
                for s in [name, unit, description, label, starts_on, ends_on, capacity] {
                    s.set(String::new());
                }
                note.set(Some(
                    strings(session.lang.get_untracked())
                        .resources()
                        .pool_created,
                ));
                if let Some(p) = r.into_inner() {
                    replace_pool(pools, p);
                }
            },
        );
    };
    view! {
        <section aria-labelledby="create-pool-h" class="board">
            <h2 id="create-pool-h">{move || t().resources().create_pool_title}</h2>
            <form id="create-pool" on:submit=submit novalidate>
                <Field name="name" label=|s| s.resources().pool_name value=name error=error />
                <EnumSelect name="kind" label=|s| s.resources().pool_kind value=kind error=error options=kind_options() />
                <Field name="unit" label=|s| s.resources().pool_unit value=unit error=error hint=|s| s.resources().pool_unit_hint />
                <Field name="scale" label=|s| s.resources().pool_scale value=scale_raw error=error kind="number" hint=|s| s.resources().pool_scale_hint />
                <TextArea name="description" label=|s| s.description value=description error=error required=false />
                <fieldset>
                    <legend>{move || t().resources().first_period}</legend>
                    <Field name="label" label=|s| s.resources().period_label value=label error=error hint=|s| s.resources().period_label_hint />
                    <Field name="startsOn" label=|s| s.resources().period_starts value=starts_on error=error kind="date" />
                    <Field name="endsOn" label=|s| s.resources().period_ends value=ends_on error=error kind="date" />
                    <Field name="capacity" label=|s| s.resources().capacity value=capacity error=error inputmode="decimal" />
                </fieldset>
                <FormError error=error fields=FIELDS />
                <FormNote text=note.into() />
                <button type="submit" id="create-pool-submit" disabled=move || busy.get()>
                    {move || t().resources().create_pool_submit}
                </button>
            </form>
        </section>
    }
}
