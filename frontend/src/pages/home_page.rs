//! `/`: what Constellation is and where to go next; for a signed-in member, what waits for
//! them, what is coming and their Labs.

use crate::i18n::strings;
use crate::pages::home::member_home::MemberHome;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    view! {
        <section>
            <h1>{move || t().accounts().home_title}</h1>
            <p class="lead">{move || t().accounts().home_intro}</p>
            <Show
                when=move || session.me.get().is_some()
                fallback=move || view! { <p><A href="/register" attr:class="button">{move || t().accounts().home_cta_register}</A></p> }
            >
                <p>
                    {move || t().accounts().home_welcome} " "
                    <strong>{move || session.me.get().map(|m| m.display_name).unwrap_or_default()}</strong>
                    ". " <A href="/profile">{move || t().accounts().home_cta_profile}</A>
                </p>
            </Show>
        </section>
        <Show when=move || session.me.with(Option::is_some)>
            <MemberHome />
        </Show>
    }
}
