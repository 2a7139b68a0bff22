//! Reads the member's home and lays out its three sections.

use super::coming_list::ComingList;
use super::my_labs_list::MyLabsList;
use super::waiting_list::WaitingList;
use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::notices::use_notices;
use crate::session::use_session;
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::reach::{self as q, Home};
use leptos::prelude::*;

#[component]
pub fn MemberHome() -> impl IntoView {
    let session = use_session();
    let notices = use_notices();
    let t = move || strings(session.lang.get());
    let home = RwSignal::new(None::<Home>);
    let error = RwSignal::new(None::<ApiError>);
    let generation = StoredValue::new(0u64);
    // Again when the account changes and after each notification (a proxy asked, voting open…).
    Effect::new(move |_| {
        notices.changes.track();
        let Some(token) = session.token.get() else {
            return;
        };
        let Some(mine) = generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = api::request::<_, q::HomeData>(q::HOME, NoVars {}, Some(token)).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            match result {
                Ok(d) => {
                    home.set(Some(d.home));
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    view! {
        <FormError error=error />
        <Show
            when=move || home.with(Option::is_some)
            fallback=move || view! { <p>{move || t().loading}</p> }
        >
            <WaitingList home=home />
            <ComingList home=home />
            <MyLabsList home=home />
        </Show>
    }
}
