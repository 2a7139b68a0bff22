//! `/transparency`: for every member, each pool's capacity, granted and remaining amounts,
//! what each Lab holds, and the ledger of every movement with the board's reasons.

use super::allocation_chart::AllocationChart;
use super::ledger_table::LedgerTable;
use super::load_pools;
use super::pool_card::PoolCard;
use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::resources::{AllocationTotal, Pool};
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::resources as q;
use leptos::prelude::*;

#[component]
pub fn TransparencyPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let pools = RwSignal::new(Vec::<Pool>::new());
    let allocations = RwSignal::new(Vec::<AllocationTotal>::new());
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let signed_in = Memo::new(move |_| session.me.with(Option::is_some));

    Effect::new(move |_| {
        if !signed_in.get() {
            return;
        }
        leptos::task::spawn_local(async move {
            let p = load_pools(session).await;
            let a =
                api::request::<_, q::AllocationsData>(q::ALLOCATIONS, NoVars {}, session.token())
                    .await;
            loaded.set(true);
            match p {
                Ok(p) => pools.set(p),
                Err(e) => error.set(Some(e)),
            }
            match a {
                Ok(a) => allocations.set(a.allocation_totals),
                Err(e) => error.set(Some(e)),
            }
        });
    });

    let pool_ids = move || pools.with(|ps| ps.iter().map(|p| p.id.clone()).collect::<Vec<_>>());

    view! {
        <Show
            when=move || signed_in.get()
            fallback=move || view! {
                <p>{move || if session.ready.get() { t().sign_in_required } else { t().loading }}</p>
            }
        >
            <h1>{move || t().resources().transparency_title}</h1>
            <p class="lead">{move || t().resources().transparency_intro}</p>
            <FormError error=error />
            <Show when=move || !loaded.get()>
                <p>{move || t().loading}</p>
            </Show>
            <section aria-labelledby="usage-h">
                <h2 id="usage-h">{move || t().resources().pools_usage_title}</h2>
                <Show when=move || loaded.get() && pools.with(Vec::is_empty)>
                    <p>{move || t().resources().pools_empty}</p>
                </Show>
                <ul id="transparency-pools" class="cards">
                    <For
                        each=pool_ids
                        key=|id| id.clone()
                        children=move |id: String| view! { <PoolCard pools=pools pool_id=id level=3 /> }
                    />
                </ul>
            </section>
            <section aria-labelledby="allocations-h">
                <h2 id="allocations-h">{move || t().resources().allocations_title}</h2>
                <Show when=move || loaded.get()>
                    <AllocationChart allocations=allocations.into() />
                </Show>
            </section>
            <LedgerTable />
        </Show>
    }
}
