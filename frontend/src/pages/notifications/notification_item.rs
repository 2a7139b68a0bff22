//! One notification: its title linking to what it is about (following it marks it read),
//! its text and time; an unread one says so in words and is marked visually.

use crate::i18n::strings;
use crate::pages::assemblies::instant_label;
use crate::session::use_session;
use constellation_shared::queries::reach::Notification;
use leptos::prelude::*;

#[component]
pub fn NotificationItem(
    notification: Notification,
    /// Marks this one read (by id).
    on_read: Callback<String>,
) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let n = notification;
    let unread = n.unread();
    let created = n.created_at.clone();
    let title = n.title.clone();
    let follow = {
        let id = n.id.clone();
        move |_: leptos::ev::MouseEvent| {
            if unread {
                on_read.run(id.clone());
            }
        }
    };
    let mark = {
        let id = n.id.clone();
        move |_| on_read.run(id.clone())
    };
    view! {
        <li
            class="notification"
            class:unread=unread
            data-notification-id=n.id.clone()
            data-kind=n.kind.as_str()
            data-unread=unread.to_string()
        >
            <p class="notification-title">
                <Show when=move || unread>
                    <span class="badge unread-badge">{move || t().reach().unread}</span>
                    " "
                </Show>
                // Runs before the router (listening on the window) navigates away.
                <a href=n.link.clone() on:click=follow>{n.title.clone()}</a>
            </p>
            <Show when={
                let empty = n.body.trim().is_empty();
                move || !empty
            }>
                <p class="notification-body text">{n.body.clone()}</p>
            </Show>
            <p class="notification-meta muted">
                <time datetime=n.created_at.clone()>{move || instant_label(&created, session.lang.get())}</time>
                " · "
                {move || t().reach().kind(n.kind)}
            </p>
            <Show when=move || unread>
                <button type="button" class="secondary mark-read" on:click=mark.clone()>
                    {move || t().reach().mark_read}
                    <span class="sr-only">" — " {title.clone()}</span>
                </button>
            </Show>
        </li>
    }
}
