//! `/notifications`: the signed-in member's notifications, their preferences and their
//! private calendar address.

use super::calendar_link::CalendarLink;
use super::notification_list::NotificationList;
use super::preferences_form::{load_settings, PreferencesForm};
use crate::api::ApiError;
use crate::i18n::strings;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let signed_in = move || session.token.with(Option::is_some);
    let settings_error = RwSignal::new(None::<ApiError>);
    let settings = load_settings(settings_error);
    view! {
        <section aria-labelledby="notifications-h">
            <h1 id="notifications-h">{move || t().reach().notifications_title}</h1>
            <p class="lead">{move || t().reach().notifications_intro}</p>
            <Show when=move || session.ready.get() && !signed_in()>
                <p class="notice">
                    {move || t().sign_in_required} " " <A href="/login">{move || t().nav_login}</A>
                </p>
            </Show>
            <Show when=signed_in>
                <NotificationList />
            </Show>
        </section>
        <Show when=signed_in>
            <PreferencesForm settings=settings error=settings_error />
            <CalendarLink settings=settings />
        </Show>
    }
}
