//! The bell's state, app-wide: the unread count (read when someone signs in, then kept live
//! by `notificationAdded` over one WebSocket for as long as the app is open) and the last
//! notification that arrived, for the pages that show notifications.

use crate::api::{self, ws};
use crate::session::Session;
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::reach::{self as q, Notification};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Notices {
    /// `None` while unknown (signed out, or not read yet).
    pub unread: RwSignal<Option<i32>>,
    /// The newest notification that arrived while the app was open.
    pub arrived: RwSignal<Option<Notification>>,
    /// Counts the live events (arrivals, and reads in another tab): pages that list
    /// notifications read them again when it moves.
    pub changes: RwSignal<u64>,
}

impl Notices {
    fn idle() -> Self {
        Self {
            unread: RwSignal::new(None),
            arrived: RwSignal::new(None),
            changes: RwSignal::new(0),
        }
    }

    /// Reads the count whenever the signed-in account changes and follows the live signal.
    pub fn start(session: Session) -> Self {
        let notices = Self::idle();
        Effect::new(move |_| {
            let token = session.token.get();
            notices.unread.set(None);
            notices.arrived.set(None);
            let Some(token) = token else { return };
            leptos::task::spawn_local(async move {
                let result = api::request::<_, q::UnreadNotificationCountData>(
                    q::UNREAD_NOTIFICATION_COUNT,
                    NoVars {},
                    Some(token.clone()),
                )
                .await;
                // Someone else may have signed in meanwhile.
                if session.token.get_untracked().as_deref() != Some(token.as_str()) {
                    return;
                }
                if let Ok(d) = result {
                    notices.unread.set(Some(d.unread_notification_count));
                }
            });
        });
        ws::follow(
            q::NOTIFICATION_ADDED,
            session.token,
            move || session.token.with(Option::is_some).then_some(NoVars {}),
            move |d: q::NotificationAddedData| notices.signal(d.notification_added),
        );
        notices
    }

    fn signal(self, s: q::NotificationSignal) {
        let before = self.unread.get_untracked();
        self.unread.set(Some(s.unread_count));
        let grew = before.is_some_and(|b| s.unread_count > b);
        if let Some(latest) = s.latest.filter(|l| l.unread() && grew) {
            let seen = self
                .arrived
                .with_untracked(|a| a.as_ref().is_some_and(|a| a.id == latest.id));
            if !seen {
                self.arrived.set(Some(latest));
            }
        }
        self.changes.update(|c| *c += 1);
    }

    /// The count a mutation answered with.
    pub fn set_unread(&self, count: i32) {
        self.unread.try_set(Some(count));
    }
}

pub fn use_notices() -> Notices {
    use_context::<Notices>().unwrap_or_else(Notices::idle)
}
