//! Volunteers' offers (pt. 3.a), for the board: to take a service over, in full or in part,
//! or to help; accepted or declined with a reason (accepting a take-over sets the path).

use super::board_api::PAGE_SIZE;
use super::offer_item::OfferItem;
use crate::api;
use crate::components::form_error::FormNote;
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::{Offer, OfferStatus};
use constellation_shared::queries::transition::board as b;
use leptos::prelude::*;

#[component]
pub fn OffersReview() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let tr = move || strings(session.lang.get()).transition();
    let status = RwSignal::new(OfferStatus::Pending.as_str().to_owned());
    let note = RwSignal::new(None::<&'static str>);
    let offers = api::paged(session, move |call, after| {
        let vars = b::OffersVars {
            status: OfferStatus::parse(&status.get()),
            first: Some(PAGE_SIZE),
            after,
        };
        async move {
            call.page(b::OFFERS, vars, |d: b::OffersData| d.transition_offers)
                .await
        }
    });
    let decided = Callback::new(move |o: Offer| {
        api::update_loaded(offers.data, |v| {
            if let Some(x) = v.items.iter_mut().find(|x| x.id == o.id) {
                *x = o;
            }
        });
        note.set(Some(
            strings(session.lang.get_untracked())
                .transition_board()
                .offer_decided,
        ));
    });

    view! {
        <section aria-labelledby="offers-h">
            <h2 id="offers-h">{move || t().offers_title}</h2>
            <p class="muted">{move || t().offers_intro}</p>
            <div class="field">
                <label for="offers-status">{move || t().offers_filter}</label>
                <select id="offers-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="" prop:selected=move || status.get().is_empty()>{move || t().any}</option>
                    {OfferStatus::ALL.iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.as_str() prop:selected=move || status.get() == s.as_str()>{move || tr().offer_status(s)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <FormNote text=note.into() />
            <Awaited data=offers.data>
            <Show when=move || offers.is_empty()>
                <p id="offers-empty" class="muted">{move || t().offers_empty}</p>
            </Show>
            <ul id="offers" class="cards">
                <For
                    each=move || offers.items()
                    key=|o| serde_json::to_string(o).unwrap_or_else(|_| o.id.clone())
                    children=move |o| view! { <OfferItem offer=o decided=decided /> }
                />
            </ul>
            <MoreButton list=offers id="offers-more" />
            </Awaited>
        </section>
    }
}
