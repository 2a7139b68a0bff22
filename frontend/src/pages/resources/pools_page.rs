//! `/resources`: every pool with, per period, its capacity, what is granted and what
//! remains. Board members create pools, add periods and change capacities here.

use super::create_pool_form::CreatePoolForm;
use super::pool_card::PoolCard;
use super::{is_board, load_pools};
use crate::api::ApiError;
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::resources::Pool;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn PoolsPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let pools = RwSignal::new(Vec::<Pool>::new());
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let signed_in = Memo::new(move |_| session.me.with(Option::is_some));

    Effect::new(move |_| {
        if signed_in.get() {
            leptos::task::spawn_local(async move {
                let result = load_pools(session).await;
                loaded.set(true);
                match result {
                    Ok(p) => pools.set(p),
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    });

    let pool_ids = move || pools.with(|ps| ps.iter().map(|p| p.id.clone()).collect::<Vec<_>>());

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
                    <Show when=move || is_board(session)>
                        " · " <A href="/resources/queue">{move || t().resources().queue_title}</A>
                    </Show>
                </p>
                <FormError error=error />
                <FormNote text=note.into() />
                <Show when=move || !loaded.get()>
                    <p>{move || t().loading}</p>
                </Show>
                <Show when=move || loaded.get() && pools.with(Vec::is_empty)>
                    <p id="pools-empty">{move || t().resources().pools_empty}</p>
                </Show>
                <ul id="pools" class="cards">
                    <For
                        each=pool_ids
                        key=|id| id.clone()
                        children=move |id: String| view! { <PoolCard pools=pools pool_id=id manage=true note=note /> }
                    />
                </ul>
            </section>
            <Show when=move || is_board(session)>
                <CreatePoolForm pools=pools />
            </Show>
        </Show>
    }
}
