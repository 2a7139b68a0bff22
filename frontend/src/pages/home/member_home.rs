//! Reads the member's home and lays out its three sections.

use super::coming_list::ComingList;
use super::my_labs_list::MyLabsList;
use super::waiting_list::WaitingList;
use crate::api::{self, with_loaded};
use crate::components::loaded::Awaited;
use crate::notices::use_notices;
use crate::session::use_session;
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::reach as q;
use leptos::prelude::*;

#[component]
pub fn MemberHome() -> impl IntoView {
    let session = use_session();
    let notices = use_notices();
    // Again when the account changes and after each notification (a proxy asked, voting open…).
    let data = api::load(session, move |call| {
        notices.changes.track();
        async move {
            if !call.signed_in() {
                return Ok(None);
            }
            let d: q::HomeData = call.request(q::HOME, NoVars {}).await?;
            Ok(Some(d.home))
        }
    });
    let home = Memo::new(move |_| with_loaded(data, Clone::clone));
    view! {
        <Awaited data=data>
            <WaitingList home=home />
            <ComingList home=home />
            <MyLabsList home=home />
        </Awaited>
    }
}
