//! Live changes to an edition's programme: one socket while the page is shown (closed when
//! it is left, opened again after a pause if it drops), and a polite announcement each
//! time the page refreshes because of one.

use super::state::BarcampCtx;
use crate::api::ws::{self, Subscription};
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::queries::barcamp as q;
use constellation_shared::Language;
use leptos::prelude::*;
use std::time::Duration;

/// Changes arriving together cause one refresh.
const SETTLE: Duration = Duration::from_millis(300);

/// The local time now, as the language writes it.
fn now_time(lang: Language) -> String {
    String::from(js_sys::Date::new_0().to_locale_time_string(lang.code()))
}

/// Waits longer after each lost connection, up to a minute.
fn backoff(attempt: u32) -> Duration {
    Duration::from_secs((5u64 << attempt.min(4)).min(60))
}

/// Calls `on_change` when the edition's programme changes; the answer holds the time of
/// the last refresh (for [`LiveNotice`]).
pub fn follow_changes(
    ctx: BarcampCtx,
    on_change: impl Fn() + Clone + 'static,
) -> RwSignal<Option<String>> {
    let updated = RwSignal::new(None::<String>);
    let socket = StoredValue::new_local(None::<Subscription>);
    let pending = StoredValue::new(false);
    let attempt = RwSignal::new(0u32);
    let edition_id = Memo::new(move |_| ctx.tracked_id());
    let lang = ctx.session.lang;

    Effect::new(move |_| {
        let tries = attempt.get();
        ctx.session.token.track();
        // Dropping the previous subscription closes its socket.
        socket.set_value(None);
        let Some(id) = edition_id.get() else {
            return;
        };
        let on_change = on_change.clone();
        let notify = move |_: q::ChangesData| {
            if pending.try_get_value() != Some(false) {
                return;
            }
            pending.set_value(true);
            let on_change = on_change.clone();
            set_timeout(
                move || {
                    // The page may have been left meanwhile.
                    if socket.try_with_value(Option::is_some) != Some(true) {
                        return;
                    }
                    pending.set_value(false);
                    on_change();
                    updated.set(Some(now_time(lang.get_untracked())));
                },
                SETTLE,
            );
        };
        let lost = move || {
            set_timeout(
                move || {
                    attempt.try_update(|a| *a += 1);
                },
                backoff(tries),
            );
        };
        let vars = q::EditionIdVars { edition_id: id };
        socket.set_value(ws::subscribe(
            q::CHANGES,
            vars,
            ctx.session.token(),
            notify,
            lost,
        ));
    });

    on_cleanup(move || {
        socket.try_set_value(None);
    });
    updated
}

/// "Schedule updated", announced politely when a live change refreshed the page.
#[component]
pub fn LiveNotice(updated: RwSignal<Option<String>>) -> impl IntoView {
    let session = use_session();
    let text = move || {
        updated.get().map(|at| {
            format!(
                "{} ({at})",
                strings(session.lang.get()).barcamp().schedule_updated
            )
        })
    };
    view! { <p id="live-note" class="live-note" role="status" aria-live="polite">{text}</p> }
}
