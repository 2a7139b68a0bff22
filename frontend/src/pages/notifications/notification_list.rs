//! The list, newest first: a page at a time ("load more"), unread only on request, "mark
//! all read", and new ones added at the top as they arrive.

use super::notification_item::NotificationItem;
use super::now;
use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
use crate::i18n::strings;
use crate::notices::use_notices;
use crate::session::use_session;
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::reach::{self as q, Notification};
use leptos::prelude::*;

const PAGE_SIZE: i32 = 20;

#[component]
pub fn NotificationList() -> impl IntoView {
    let session = use_session();
    let notices = use_notices();
    let t = move || strings(session.lang.get());
    let items = RwSignal::new(Vec::<Notification>::new());
    let next = RwSignal::new(None::<String>);
    let loaded = RwSignal::new(false);
    let loading = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let unread_only = RwSignal::new(false);
    // Answers to a request older than the last reset are dropped.
    let generation = StoredValue::new(0u64);

    let fetch = move |after: Option<String>| {
        let append = after.is_some();
        if !append {
            generation.update_value(|g| *g += 1);
        }
        let Some(mine) = generation.try_get_value() else {
            return;
        };
        let vars = q::NotificationsVars {
            first: Some(PAGE_SIZE),
            after,
            unread_only: unread_only.get_untracked().then_some(true),
        };
        loading.set(true);
        leptos::task::spawn_local(async move {
            let result =
                api::request::<_, q::NotificationsData>(q::NOTIFICATIONS, vars, session.token())
                    .await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            loading.set(false);
            loaded.set(true);
            match result {
                Ok(d) => {
                    let c = d.notifications;
                    let page: Vec<Notification> = c.nodes().cloned().collect();
                    next.set(
                        c.page_info
                            .has_next_page
                            .then_some(c.page_info.end_cursor)
                            .flatten(),
                    );
                    if append {
                        items.update(|v| {
                            for n in page {
                                if v.iter().all(|o| o.id != n.id) {
                                    v.push(n);
                                }
                            }
                        });
                    } else {
                        items.set(page);
                    }
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    Effect::new(move |_| {
        session.token.track();
        unread_only.track();
        fetch(None);
    });
    // A notification that arrives goes on top.
    Effect::new(move |_| {
        let Some(n) = notices.arrived.get() else {
            return;
        };
        items.update(|v| {
            if v.iter().all(|o| o.id != n.id) {
                v.insert(0, n);
            }
        });
    });

    let mark_read = move |ids: Option<Vec<String>>| {
        // "Mark all" waits for itself; one notification followed never waits.
        let all = ids.is_none();
        if all {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
        }
        note.set(None);
        error.set(None);
        let token = session.token();
        leptos::task::spawn_local(async move {
            let result = match &ids {
                Some(ids) => api::request::<_, q::MarkNotificationsReadData>(
                    q::MARK_NOTIFICATIONS_READ,
                    q::MarkNotificationsReadVars { ids: ids.clone() },
                    token,
                )
                .await
                .map(|d| d.mark_notifications_read),
                None => api::request::<_, q::MarkAllNotificationsReadData>(
                    q::MARK_ALL_NOTIFICATIONS_READ,
                    NoVars {},
                    token,
                )
                .await
                .map(|d| d.mark_all_notifications_read),
            };
            if all {
                busy.try_set(false);
            }
            match result {
                Ok(count) => {
                    notices.set_unread(count);
                    let at = now();
                    items.try_update(|v| {
                        for n in v.iter_mut().filter(|n| n.unread()) {
                            if ids.as_ref().is_none_or(|ids| ids.contains(&n.id)) {
                                n.read_at = Some(at.clone());
                            }
                        }
                    });
                    if all {
                        note.try_set(Some(
                            strings(session.lang.get_untracked())
                                .reach()
                                .all_marked_read,
                        ));
                    }
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    let on_read = Callback::new(move |id: String| mark_read(Some(vec![id])));
    let any_unread = move || items.with(|v| v.iter().any(Notification::unread));

    view! {
        <div class="actions notification-tools">
            <div class="field checkbox">
                <input
                    id="unread-only"
                    type="checkbox"
                    prop:checked=move || unread_only.get()
                    on:change=move |ev| unread_only.set(event_target_checked(&ev))
                />
                <label for="unread-only">{move || t().reach().unread_only}</label>
            </div>
            <button
                type="button"
                id="mark-all-read"
                class="secondary"
                on:click=move |_| mark_read(None)
                disabled=move || busy.get() || !any_unread()
            >
                {move || t().reach().mark_all_read}
            </button>
        </div>
        <FormError error=error />
        <FormNote text=note.into() />
        <Show when=move || !loaded.get()>
            <p>{move || t().loading}</p>
        </Show>
        <Show when=move || loaded.get() && items.with(Vec::is_empty)>
            <p id="notifications-empty">
                {move || if unread_only.get() {
                    t().reach().notifications_unread_empty
                } else {
                    t().reach().notifications_empty
                }}
            </p>
        </Show>
        <ul id="notifications" class="notifications">
            <For
                each=move || items.get()
                key=|n| (n.id.clone(), n.read_at.is_some())
                children=move |n| view! { <NotificationItem notification=n on_read=on_read /> }
            />
        </ul>
        <Show when=move || next.with(Option::is_some)>
            <button
                type="button"
                id="notifications-more"
                class="secondary"
                disabled=move || loading.get()
                on:click=move |_| fetch(next.get_untracked())
            >
                {move || t().load_more}
            </button>
        </Show>
    }
}
