//! A pool: its kind, unit and description, and each period's usage. On the pools page the
//! board also changes capacities and adds periods here.

use super::add_period_form::AddPeriodForm;
use super::capacity_form::CapacityForm;
use super::period_usage::PeriodUsage;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::resources::Pool;
use leptos::prelude::*;

#[component]
pub fn PoolCard(
    pools: RwSignal<Vec<Pool>>,
    pool_id: String,
    /// Show the board's forms (to board members only).
    #[prop(default = false)]
    manage: bool,
    /// Where the board's forms report success.
    #[prop(optional)]
    note: Option<RwSignal<Option<&'static str>>>,
    /// The heading level of the pool's name (2 or 3), after the page's own headings.
    #[prop(default = 2)]
    level: u8,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let note = note.unwrap_or_else(|| RwSignal::new(None));
    let id = pool_id.clone();
    let pool = Memo::new(move |_| pools.with(|ps| ps.iter().find(|p| p.id == id).cloned()));
    let pool_signal: Signal<Option<Pool>> = pool.into();
    let text = move |f: fn(&Pool) -> &String| {
        pool.with(|p| p.as_ref().map(|p| f(p).clone()).unwrap_or_default())
    };
    let name = move || text(|p| &p.name);
    let unit = move || text(|p| &p.unit);
    let description = move || text(|p| &p.description);
    let kind = move || pool.with(|p| p.as_ref().map(|p| p.kind));
    let period_ids = move || {
        pool.with(|p| {
            p.as_ref()
                .map(|p| p.periods.iter().map(|x| x.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let can_manage = move || manage && session.is_board();
    view! {
        <li class="pool" data-name=name data-id=pool_id.clone() data-kind=move || kind().map(|k| k.as_str())>
            {if level >= 3 {
                view! { <h3 class="pool-name">{name}</h3> }.into_any()
            } else {
                view! { <h2 class="pool-name">{name}</h2> }.into_any()
            }}
            <p class="muted">
                <span class="pool-kind">{move || kind().map(|k| t().resources().pool_kind(k))}</span>
                " · " {move || t().resources().pool_unit} " "
                <span class="pool-unit">{unit}</span>
            </p>
            <Show when=move || !description().trim().is_empty()>
                <p class="pool-description text">{description}</p>
            </Show>
            <Show when=move || period_ids().is_empty()>
                <p class="muted">{move || t().resources().no_periods}</p>
            </Show>
            <For
                each=period_ids
                key=|id| id.clone()
                children=move |period_id: String| {
                    let form_period = period_id.clone();
                    view! {
                        <PeriodUsage pool=pool_signal period_id=period_id>
                            <Show when=can_manage>
                                <CapacityForm pools=pools pool=pool_signal period_id=form_period.clone() note=note />
                            </Show>
                        </PeriodUsage>
                    }
                }
            />
            <Show when=can_manage>
                <AddPeriodForm pools=pools pool=pool_signal note=note />
            </Show>
        </li>
    }
}
