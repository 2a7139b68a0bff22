//! `/resources`: every pool with, per period, its capacity, what is granted and what
//! remains. Board members create pools, add periods and change capacities here.

use super::create_pool_form::CreatePoolForm;
use super::load_pools;
use super::pool_card::PoolCard;
use crate::api;
use crate::components::form_error::FormNote;
use crate::components::loaded::Loaded;
use crate::i18n::strings;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PoolsPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let note = RwSignal::new(None::<&'static str>);
    let signed_in = Memo::new(move |_| session.me.with(Option::is_some));
    let loaded = api::load(session, move |call| {
        let signed_in = signed_in.get();
        async move {
            if !signed_in {
                return Ok(Vec::new());
            }
            load_pools(&call).await
        }
    });

    view! {
        <Show
            when=move || signed_in.get()
            fallback=move || view! {
                <p>{move || if session.ready.get() { t().sign_in_required } else { t().loading }}</p>
            }
        >
            <section aria-labelledby="pools-h">
                <h1 id="pools-h">{move || t().resources().pools_title}</h1>
                <p class="lead">{move || t().resources().pools_intro}</p>
                <p>
                    <A href="/transparency">{move || t().resources().transparency_title}</A>
                    <Show when=move || session.is_board()>
                        " · " <A href="/resources/queue">{move || t().resources().queue_title}</A>
                    </Show>
                </p>
                <FormNote text=note.into() />
                <Loaded data=loaded let:list>
                // The page's working copy: the board's changes land here.
                {let pools = RwSignal::new(list);
                let pool_ids = move || pools.with(|ps| ps.iter().map(|p| p.id.clone()).collect::<Vec<_>>());
                view! {
                <Show when=move || pools.with(Vec::is_empty)>
                    <p id="pools-empty">{move || t().resources().pools_empty}</p>
                </Show>
                <ul id="pools" class="cards">
                    <For
                        each=pool_ids
                        key=|id| id.clone()
                        children=move |id: String| view! { <PoolCard pools=pools pool_id=id manage=true note=note /> }
                    />
                </ul>
                <Show when=move || session.is_board()>
                    <CreatePoolForm pools=pools />
                </Show>
                }}
                </Loaded>
            </section>
        </Show>
    }
}
