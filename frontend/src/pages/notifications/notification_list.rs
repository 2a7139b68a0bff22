//! The list, newest first: a page at a time ("load more"), unread only on request, "mark
//! all read", and new ones added at the top as they arrive.

use super::notification_item::NotificationItem;
use super::now;
use crate::api::{self, ApiError};
use crate::components::form_error::{FormError, FormNote};
use crate::components::loaded::Awaited;
use crate::components::more_button::MoreButton;
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
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let note = RwSignal::new(None::<&'static str>);
    let unread_only = RwSignal::new(false);
    let items = api::paged(session, move |call, after| {
        let vars = q::NotificationsVars {
            first: Some(PAGE_SIZE),
            after,
            unread_only: unread_only.get().then_some(true),
        };
        async move {
            call.page(q::NOTIFICATIONS, vars, |d: q::NotificationsData| {
                d.notifications
            })
            .await
        }
    })
    .unique_by(|a, b| a.id == b.id);
    // A notification that arrives goes on top.
    Effect::new(move |_| {
        let Some(n) = notices.arrived.get() else {
            return;
        };
        api::update_loaded(items.data, |v| {
            if v.items.iter().all(|o| o.id != n.id) {
                v.items.insert(0, n);
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
                    api::update_loaded(items.data, |v| {
                        for n in v.items.iter_mut().filter(|n| n.unread()) {
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
    let any_unread =
        move || api::with_loaded(items.data, |v| v.items.iter().any(Notification::unread));

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
        <Awaited data=items.data>
        <Show when=move || items.is_empty()>
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
                each=move || items.items()
                key=|n| (n.id.clone(), n.read_at.is_some())
                children=move |n| view! { <NotificationItem notification=n on_read=on_read /> }
            />
        </ul>
        <MoreButton list=items id="notifications-more" />
        </Awaited>
    }
}
