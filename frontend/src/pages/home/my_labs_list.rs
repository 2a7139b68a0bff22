//! "My Labs": the Labs the member is active in.

use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::queries::reach::{Home, HomeLab};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn MyLabsList(home: Memo<Option<Home>>) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let labs = move || home.with(|h| h.as_ref().map(|h| h.my_labs.clone()).unwrap_or_default());
    view! {
        <section id="home-labs" aria-labelledby="home-labs-h">
            <h2 id="home-labs-h">{move || t().reach().home_my_labs}</h2>
            <Show
                when=move || !labs().is_empty()
                fallback=move || view! {
                    <p id="home-labs-empty">
                        {move || t().reach().home_my_labs_empty} " "
                        <A href="/labs">{move || t().reach().home_browse_labs}</A>
                    </p>
                }
            >
                <ul class="rows my-labs">
                    <For
                        each=labs
                        key=|l: &HomeLab| (l.id.clone(), l.name.clone())
                        children=|l| view! {
                            <li data-lab-slug=l.slug.clone()><A href=format!("/labs/{}", l.slug)>{l.name}</A></li>
                        }
                    />
                </ul>
            </Show>
        </section>
    }
}
