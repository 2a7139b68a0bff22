//! The board opens a new period for a pool (e.g. next year's budget).

use super::{checked_amount, replace_pool};
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::resources::{PeriodInput, Pool};
use constellation_shared::queries::resources as q;
use leptos::prelude::*;

const FIELDS: &[&str] = &["label", "startsOn", "endsOn", "capacity"];

#[component]
pub fn AddPeriodForm(
    pools: RwSignal<Vec<Pool>>,
    pool: Signal<Option<Pool>>,
    note: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let (pool_id, pool_name) = pool.with_untracked(|p| {
        p.as_ref()
            .map(|p| (p.id.clone(), p.name.clone()))
            .unwrap_or_default()
    });
    let label = RwSignal::new(String::new());
    let starts_on = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    let capacity = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let heading_id = format!("add-period-h-{pool_id}");
    let labelled_by = heading_id.clone();
    let id = pool_id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let scale = pool.with_untracked(|p| p.as_ref().map_or(0, |p| p.scale));
        let capacity_value =
            match checked_amount(&capacity.get_untracked(), scale, "capacity", true) {
                Ok(c) => c,
                Err(e) => {
                    error.set(Some(e));
                    return;
                }
            };
        let vars = q::AddPeriodVars {
            pool_id: id.clone(),
            input: PeriodInput {
                label: label.get_untracked().trim().to_owned(),
                starts_on: starts_on.get_untracked(),
                ends_on: ends_on.get_untracked(),
                capacity: capacity_value,
            },
        };
        mutate(
            session,
            q::ADD_PERIOD,
            vars,
            error,
            busy,
            move |r: q::PoolResult| {
                label.set(String::new());
                starts_on.set(String::new());
                ends_on.set(String::new());
                capacity.set(String::new());
                note.set(Some(
                    strings(session.lang.get_untracked())
                        .resources()
                        .period_added,
                ));
                if let Some(p) = r.into_inner() {
                    replace_pool(pools, p);
                }
            },
        );
    };
    view! {
        <form class="add-period" aria-labelledby=labelled_by on:submit=submit novalidate>
            <h3 id=heading_id>
                {move || t().resources().add_period_title}
                <span class="sr-only">" — " {pool_name}</span>
            </h3>
            <div class="field-row">
                <Field name="label" id=format!("label-{pool_id}") label=|s| s.resources().period_label value=label error=error hint=|s| s.resources().period_label_hint />
                <Field name="startsOn" id=format!("startsOn-{pool_id}") label=|s| s.resources().period_starts value=starts_on error=error kind="date" />
                <Field name="endsOn" id=format!("endsOn-{pool_id}") label=|s| s.resources().period_ends value=ends_on error=error kind="date" />
                <Field name="capacity" id=format!("capacity-new-{pool_id}") label=|s| s.resources().capacity value=capacity error=error inputmode="decimal" />
            </div>
            <FormError error=error fields=FIELDS />
            <button type="submit" class="add-period-submit" disabled=move || busy.get()>
                {move || t().resources().add_period_submit}
            </button>
        </form>
    }
}
