//! Volunteers' offers (pt. 3.a), for the board: to take a service over, in full or in part,
//! or to help; accepted or declined with a reason (accepting a take-over sets the path).

use super::board_api::{next_cursor, PAGE_SIZE};
use super::offer_item::OfferItem;
use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
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
    let offers = RwSignal::new(Vec::<Offer>::new());
    let after = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);

    let load = move |more: bool| {
        let vars = b::OffersVars {
            status: OfferStatus::parse(&status.get_untracked()),
            first: Some(PAGE_SIZE),
            after: if more { after.get_untracked() } else { None },
        };
        leptos::task::spawn_local(async move {
            match api::request::<_, b::OffersData>(b::OFFERS, vars, session.token()).await {
                Ok(d) => {
                    let c = d.transition_offers;
                    after.try_set(next_cursor(&c));
                    let page: Vec<_> = c.edges.into_iter().map(|e| e.node).collect();
                    offers.try_update(|v| {
                        if !more {
                            v.clear();
                        }
                        v.extend(page);
                    });
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    Effect::new(move |_| {
        status.track();
        load(false);
    });
    let decided = Callback::new(move |o: Offer| {
        offers.update(|v| {
            if let Some(x) = v.iter_mut().find(|x| x.id == o.id) {
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
            <FormError error=error />
            <FormNote text=note.into() />
            <Show when=move || offers.with(Vec::is_empty)>
                <p id="offers-empty" class="muted">{move || t().offers_empty}</p>
            </Show>
            <ul id="offers" class="cards">
                <For
                    each=move || offers.get()
                    key=|o| serde_json::to_string(o).unwrap_or_else(|_| o.id.clone())
                    children=move |o| view! { <OfferItem offer=o decided=decided /> }
                />
            </ul>
            <Show when=move || after.with(Option::is_some)>
                <button type="button" id="offers-more" class="secondary" on:click=move |_| load(true)>
                    {move || t().load_more}
                </button>
            </Show>
        </section>
    }
}
