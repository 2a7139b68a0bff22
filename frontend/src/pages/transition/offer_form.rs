//! The call for volunteers (note, pt. 3.a): on a service's page, another member offers to
//! take it over (in full or in part) or to help with it; on the overview, to help in
//! general. Lists the volunteer's own offers there, which they may withdraw while pending.

use super::member_api::{is_association_member, my_id};
use crate::api::mutate;
use crate::api::ApiError;
use crate::components::form_error::{FormError, FormNote};
use crate::components::select::EnumSelect;
use crate::components::text_area::TextArea;
use crate::i18n::{fill, strings};
use crate::session::use_session;
use constellation_shared::dto::transition::{Offer, OfferInput, OfferKind, OfferStatus};
use constellation_shared::queries::transition as tq;
use constellation_shared::queries::transition::member as q;
use leptos::prelude::*;

const FIELDS: &[&str] = &["kind", "note"];

#[component]
pub fn OfferForm(#[prop(optional, into)] service_id: Option<String>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get()).transition();
    let on_service = service_id.is_some();
    let kind = RwSignal::new(if on_service {
        OfferKind::TakeOverFull
    } else {
        OfferKind::Help
    });
    let note_text = RwSignal::new(String::new());
    let offers = RwSignal::new(Vec::<Offer>::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<&'static str>);
    let sid = StoredValue::new(service_id);
    let mine = move |o: &Offer| {
        let me = my_id(session);
        let by_me = o.offered_by.as_ref().map(|p| p.id.to_string()) == me;
        let here = o.service.as_ref().map(|s| s.id.clone()) == sid.get_value();
        by_me && here
    };
    Effect::new(move |_| {
        if !is_association_member(session) {
            return;
        }
        leptos::task::spawn_local(async move {
            let r = crate::api::Call::unscoped(session)
                .all(
                    q::MY_OFFERS,
                    |first, after| tq::PageVars { first, after },
                    |d: q::OffersData| d.transition_offers,
                )
                .await;
            match r {
                Ok(all) => offers.set(all.into_iter().filter(|o| mine(o)).collect()),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let put = move |o: Offer| {
        offers.update(|os| match os.iter_mut().find(|x| x.id == o.id) {
            Some(x) => *x = o,
            None => os.push(o),
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        note.set(None);
        let vars = q::OfferVars {
            input: OfferInput {
                kind: kind.get_untracked(),
                service_id: sid.get_value(),
                lab_id: None,
                note: note_text.get_untracked().trim().to_owned(),
            },
        };
        mutate(
            session,
            q::OFFER_TO_HELP,
            vars,
            error,
            busy,
            move |d: q::OfferResult| {
                if let Some(o) = d.into_inner() {
                    put(o);
                }
                note_text.set(String::new());
                note.set(Some(
                    strings(session.lang.get_untracked())
                        .transition()
                        .offer_sent,
                ));
            },
        );
    };
    let withdraw = move |id: String| {
        note.set(None);
        let vars = tq::IdVars { id };
        mutate(
            session,
            q::WITHDRAW_OFFER,
            vars,
            error,
            busy,
            move |d: q::OfferResult| {
                if let Some(o) = d.into_inner() {
                    put(o);
                }
                note.set(Some(
                    strings(session.lang.get_untracked())
                        .transition()
                        .offer_withdrawn,
                ));
            },
        );
    };
    let list = move || {
        offers
            .get()
            .into_iter()
            .map(|o| {
                let (k, s) = (o.kind, o.status);
                let id = o.id.clone();
                let reason = o.decision_reason.clone();
                view! {
                    <li class="my-offer" data-id=o.id.clone() data-status=s.as_str()>
                        <strong>{move || t().offer_kind(k)}</strong> " — "
                        <span class="badge offer-status" data-status=s.as_str()>{move || t().offer_status(s)}</span>
                        <p>{o.note.clone()}</p>
                        {reason.map(|r| view! { <p class="offer-reason">{move || fill(t().offer_reason, &[&r])}</p> })}
                        <Show when=move || s == OfferStatus::Pending>
                            <button
                                type="button"
                                class="offer-withdraw"
                                disabled=move || busy.get()
                                on:click={
                                    let id = id.clone();
                                    move |_| withdraw(id.clone())
                                }
                            >
                                {move || t().offer_withdraw}
                            </button>
                        </Show>
                    </li>
                }
            })
            .collect_view()
    };
    let kinds = vec![
        (
            OfferKind::TakeOverFull,
            (|s| s.transition().offer_take_over_full) as fn(&crate::i18n::Strings) -> &'static str,
        ),
        (OfferKind::TakeOverPart, |s| {
            s.transition().offer_take_over_part
        }),
        (OfferKind::Help, |s| s.transition().offer_help),
    ];
    view! {
        <Show when=move || is_association_member(session)>
            <section aria-labelledby="offer-h">
                <h2 id="offer-h">
                    {move || if on_service { t().offer_service_title } else { t().offer_help_title }}
                </h2>
                <p>{move || if on_service { t().offer_service_intro } else { t().offer_help_intro }}</p>
                <form id="offer-form" on:submit=submit novalidate>
                    {on_service.then(|| view! {
                        <EnumSelect name="kind" id="offer-kind" label=|s| s.transition().offer_kind_label value=kind error=error options=kinds.clone() />
                    })}
                    <TextArea name="note" id="offer-note" label=|s| s.transition().offer_note_label value=note_text error=error rows=3 />
                    <FormError error=error fields=FIELDS />
                    <FormNote text=note.into() />
                    <button type="submit" id="offer-submit" disabled=move || busy.get()>
                        {move || t().offer_submit}
                    </button>
                </form>
                <Show when=move || !offers.with(Vec::is_empty)>
                    <h3>{move || t().my_offers_title}</h3>
                    <ul id="my-offers" class="rows">{list}</ul>
                </Show>
            </section>
        </Show>
    }
}
