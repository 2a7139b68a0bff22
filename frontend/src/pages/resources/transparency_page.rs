//! `/transparency`: for every member, each pool's capacity, granted and remaining amounts,
//! what each Lab holds, and the ledger of every movement with the board's reasons.

use super::allocation_chart::AllocationChart;
use super::ledger_table::LedgerTable;
use super::load_pools;
use super::pool_card::PoolCard;
use crate::api;
use crate::components::loaded::Loaded;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::resources as q;
use leptos::prelude::*;

#[component]
pub fn TransparencyPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let signed_in = Memo::new(move |_| session.me.with(Option::is_some));
    let loaded = api::load(session, move |call| {
        let signed_in = signed_in.get();
        async move {
            if !signed_in {
                return Ok((Vec::new(), Vec::new()));
            }
            let pools = load_pools(&call).await?;
            let a: q::AllocationsData = call.request(q::ALLOCATIONS, NoVars {}).await?;
            Ok((pools, a.allocation_totals))
        }
    });

    view! {
        <Show
            when=move || signed_in.get()
            fallback=move || view! {
                <p>{move || if session.ready.get() { t().sign_in_required } else { t().loading }}</p>
            }
        >
            <h1>{move || t().resources().transparency_title}</h1>
            <p class="lead">{move || t().resources().transparency_intro}</p>
            <Loaded data=loaded let:((pools, allocations))>
            {let pools = RwSignal::new(pools);
            let allocations = RwSignal::new(allocations);
            let pool_ids = move || pools.with(|ps| ps.iter().map(|p| p.id.clone()).collect::<Vec<_>>());
            view! {
            <section aria-labelledby="usage-h">
                <h2 id="usage-h">{move || t().resources().pools_usage_title}</h2>
                <Show when=move || pools.with(Vec::is_empty)>
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
                <AllocationChart allocations=allocations.into() />
            </section>
            }}
            </Loaded>
            <LedgerTable />
        </Show>
    }
}
