//! The header: navigation, the notifications bell and the language switch.

use crate::components::bell::Bell;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::Language;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Nav() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let navigate = use_navigate();
    let logout = move |_| {
        session.sign_out();
        navigate("/", Default::default());
    };
    view! {
        <a class="skip" href="#main">{move || t().skip_to_content}</a>
        <header class="top">
            <A href="/" attr:class="brand">{move || t().app_name}</A>
            <nav aria-label=move || t().nav_label>
                <ul>
                    <li><A href="/">{move || t().nav_home}</A></li>
                    <li><A href="/labs" attr:id="nav-labs">{move || t().nav_labs}</A></li>
                    <li><A href="/rules" attr:id="nav-rules">{move || t().nav_rules}</A></li>
                    <li><A href="/resources" attr:id="nav-resources">{move || t().nav_resources}</A></li>
                    <li><A href="/transparency" attr:id="nav-transparency">{move || t().nav_transparency}</A></li>
                    <li><A href="/barcamp" attr:id="nav-barcamp">{move || t().nav_barcamp}</A></li>
                    <li><A href="/assemblies" attr:id="nav-assemblies">{move || t().nav_assemblies}</A></li>
                    <Show when=move || session.me.get().is_some()>
                        <li><A href="/transition" attr:id="nav-transition">{move || t().nav_transition}</A></li>
                        <li><A href="/polls" attr:id="nav-polls">{move || t().nav_polls}</A></li>
                    </Show>
                    <Show when=move || session.me.get().is_some_and(|m| m.is_board || m.is_admin)>
                        <li><A href="/review" attr:id="nav-review">{move || t().nav_review}</A></li>
                    </Show>
                    <Show when=move || session.me.get().is_some_and(|m| m.is_board || m.is_admin)>
                        <li><A href="/resources/queue" attr:id="nav-requests">{move || t().nav_requests}</A></li>
                    </Show>
                    <Show when=move || session.me.get().is_some_and(|m| m.is_board || m.is_admin)>
                        <li><A href="/members" attr:id="nav-members">{move || t().nav_members}</A></li>
                        <li><A href="/audit" attr:id="nav-audit">{move || t().nav_audit}</A></li>
                    </Show>
                    <Show when=move || session.me.get().is_some_and(|m| m.is_admin)>
                        <li><A href="/mail-failures" attr:id="nav-mail">{move || t().nav_mail}</A></li>
                    </Show>
                    <Show
                        when=move || session.me.get().is_some()
                        fallback=move || view! {
                            <li><A href="/login">{move || t().nav_login}</A></li>
                            <li><A href="/register">{move || t().nav_register}</A></li>
                        }
                    >
                        <li><Bell /></li>
                        <li><A href="/profile">{move || t().nav_profile}</A></li>
                        <li><button type="button" class="link" on:click=logout.clone()>{move || t().nav_logout}</button></li>
                    </Show>
                </ul>
            </nav>
            <label class="lang">
                <span>{move || t().language}</span>
                <select
                    id="language"
                    on:change=move |ev| {
                        if let Some(l) = Language::from_code(&event_target_value(&ev)) {
                            session.switch_language(l);
                        }
                    }
                    prop:value=move || session.lang.get().code()
                >
                    <option value="fr">"Français"</option>
                    <option value="en">"English"</option>
                </select>
            </label>
        </header>
    }
}
