//! The board raises or lowers a period's capacity (never below what is granted: the server
//! answers `CAPACITY_BELOW_GRANTED`, shown here).

use super::{checked_amount, replace_pool};
use crate::api::mutate;
use crate::api::ApiError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::resources::Pool;
use constellation_shared::queries::resources as q;
use leptos::prelude::*;

#[component]
pub fn CapacityForm(
    pools: RwSignal<Vec<Pool>>,
    pool: Signal<Option<Pool>>,
    period_id: String,
    note: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let pid = period_id.clone();
    let current = move || {
        pool.with_untracked(|p| {
            p.as_ref()
                .and_then(|p| p.periods.iter().find(|x| x.id == pid))
                .map(|x| x.capacity.clone())
        })
    };
    let value = RwSignal::new(current().unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let input_id = format!("capacity-{period_id}");
    let msg_id = format!("{input_id}-msg");
    let pid = period_id.clone();
    let context = move || {
        pool.with(|p| {
            p.as_ref()
                .map(|p| {
                    let label = p
                        .periods
                        .iter()
                        .find(|x| x.id == pid)
                        .map(|x| x.label.as_str())
                        .unwrap_or_default();
                    format!("{} {label}", p.name)
                })
                .unwrap_or_default()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let scale = pool.with_untracked(|p| p.as_ref().map_or(0, |p| p.scale));
        let capacity = match checked_amount(&value.get_untracked(), scale, "capacity", true) {
            Ok(c) => c,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let vars = q::SetCapacityVars {
            period_id: period_id.clone(),
            capacity,
        };
        let pid = period_id.clone();
        mutate(
            session,
            q::SET_CAPACITY,
            vars,
            error,
            busy,
            move |r: q::PoolResult| {
                if let Some(p) = r.into_inner() {
                    if let Some(x) = p.periods.iter().find(|x| x.id == pid) {
                        value.set(x.capacity.clone());
                    }
                    replace_pool(pools, p);
                }
                note.set(Some(
                    strings(session.lang.get_untracked())
                        .resources()
                        .capacity_saved,
                ));
            },
        );
    };
    let message = move || error.get().map(|e| e.message(session.lang.get()));
    view! {
        <form class="capacity-form inline-form" on:submit=submit novalidate>
            <div class="field">
                <label for=input_id.clone()>
                    {move || t().resources().new_capacity}
                    <span class="sr-only">" — " {context}</span>
                </label>
                <input
                    id=input_id
                    class="capacity-input"
                    name="capacity"
                    type="text"
                    inputmode="decimal"
                    required
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby=msg_id.clone()
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
            <button type="submit" class="set-capacity" disabled=move || busy.get()>
                {move || t().resources().set_capacity}
            </button>
            <p id=msg_id class="form-error" role="alert">{message}</p>
        </form>
    }
}
