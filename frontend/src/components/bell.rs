//! The header's bell: a link to the notifications page named with the unread count
//! ("Notifications, 3 unread"), kept live; a new notification is announced politely.

use crate::i18n::{fill, strings};
use crate::notices::use_notices;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Bell() -> impl IntoView {
    let session = use_session();
    let notices = use_notices();
    let t = move || strings(session.lang.get());
    let count = move || notices.unread.get().unwrap_or(0);
    let said = move || {
        notices
            .arrived
            .get()
            .map(|n| fill(t().bell_new, &[&n.title]))
    };
    view! {
        <A
            href="/notifications"
            attr:id="nav-notifications"
            attr:class="bell"
            attr:aria-label=move || t().bell(count())
            attr:data-unread=move || count().to_string()
        >
            <svg class="bell-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6v-5a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
            </svg>
            <span class="bell-text">{move || t().nav_notifications}</span>
            <Show when=move || { count() > 0 }>
                <span id="bell-count" class="bell-count">{count}</span>
            </Show>
        </A>
        <span id="bell-live" class="sr-only" role="status" aria-live="polite">{said}</span>
    }
}
