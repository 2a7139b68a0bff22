//! One volunteer's offer (pt. 3.a) as the board reviews it: what, by whom, for which
//! service; accepted or declined with a reason while pending.

use super::board_api::date_of;
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::transition::{Offer, OfferStatus};
use constellation_shared::queries::transition::board as b;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn OfferItem(offer: Offer, decided: Callback<Offer>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition_board();
    let tr = move || strings(session.lang.get()).transition();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let id = offer.id.clone();
    let decide = {
        let id = id.clone();
        move |accept: bool| {
            let vars = b::DecideOfferVars {
                id: id.clone(),
                accept,
                reason: reason.get_untracked().trim().to_owned(),
            };
            mutate(
                session,
                b::DECIDE_OFFER,
                vars,
                error,
                busy,
                move |r: b::OfferResult| {
                    if let Some(o) = r.into_inner() {
                        decided.run(o);
                    }
                },
            );
        }
    };
    let (accept, decline) = (decide.clone(), decide);
    let kind = offer.kind;
    let status = offer.status;
    let who = offer
        .offered_by
        .as_ref()
        .map(|p| p.display_name.clone())
        .unwrap_or_default();
    let what = format!(
        "{} — {}",
        who,
        offer
            .service
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default()
    );
    let (what_accept, what_decline) = (what.clone(), what.clone());
    let reason_id = format!("offer-reason-{id}");
    view! {
        <li class="offer card" data-id=id.clone() data-status=status.as_str() data-kind=kind.as_str()>
            <h3>{move || tr().offer_kind(kind)} " — " <span class="offer-status">{move || tr().offer_status(status)}</span></h3>
            <dl class="facts">
                <dt>{move || t().about_service}</dt>
                <dd class="offer-service">
                    {match offer.service.clone() {
                        Some(s) => view! { <A href=format!("/transition/services/{}", s.id)>{s.name.clone()}</A> }.into_any(),
                        None => view! { {move || t().offer_general} }.into_any(),
                    }}
                </dd>
                <dt>{move || t().offered_by}</dt>
                <dd class="offer-by">{who.clone()}</dd>
                {offer.lab.clone().map(|l| view! {
                    <dt>{move || t().offer_lab}</dt>
                    <dd><A href=format!("/labs/{}", l.slug)>{l.name.clone()}</A></dd>
                })}
                <dt>{move || t().asked_on}</dt>
                <dd><time datetime=offer.created_at.clone()>{date_of(&offer.created_at)}</time></dd>
                {offer.decision_reason.clone().map(|r| view! {
                    <dt>{move || t().decision_reason}</dt>
                    <dd class="offer-decision text">{r}</dd>
                })}
            </dl>
            <p class="offer-note text">{offer.note.clone()}</p>
            {(status == OfferStatus::Pending).then(|| view! {
                <div class="decision" role="group" aria-label=what.clone()>
                    <div class="field">
                        <label for=reason_id.clone()>{move || t().offer_reason}</label>
                        <textarea
                            id=reason_id.clone()
                            class="offer-reason"
                            rows="2"
                            prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))
                        ></textarea>
                    </div>
                    <button type="button" class="offer-accept" disabled=move || busy.get() on:click=move |_| accept(true)>
                        {move || t().offer_accept}
                        <span class="sr-only">" — " {what_accept.clone()}</span>
                    </button>
                    <button type="button" class="offer-decline danger" disabled=move || busy.get() on:click=move |_| decline(false)>
                        {move || t().offer_decline}
                        <span class="sr-only">" — " {what_decline.clone()}</span>
                    </button>
                    <FormError error=error fields=&[] />
                </div>
            })}
        </li>
    }
}
