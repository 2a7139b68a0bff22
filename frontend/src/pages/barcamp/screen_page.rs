//! `/barcamp/:year/screen`: the venue's large screen, "now and next" in each room, read
//! again every minute and on each live change.

use super::live::{follow_changes, LiveNotice};
use super::state::BarcampCtx;
use super::{day_label, names, span};
use crate::api::{self, ApiError};
use crate::components::form_error::FormError;
use crate::i18n::strings;
use crate::session::use_session;
use constellation_shared::dto::barcamp::{RoomNowNext, Session as Talk, SessionStatus};
use constellation_shared::queries::barcamp as q;
use constellation_shared::Language;
use leptos::prelude::*;
use std::time::Duration;

const REFRESH: Duration = Duration::from_secs(60);

/// Today in the browser's time zone, `YYYY-MM-DD`.
fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

fn clock(lang: Language) -> String {
    let options = js_sys::Object::new();
    for (k, v) in [("hour", "2-digit"), ("minute", "2-digit")] {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    }
    String::from(js_sys::Date::new_0().to_locale_time_string_with_options(lang.code(), &options))
}

#[component]
pub fn ScreenPage() -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let ctx = BarcampCtx::for_route(session, false);
    let rooms = RwSignal::new(Vec::<RoomNowNext>::new());
    let error = RwSignal::new(None::<ApiError>);
    let now = RwSignal::new(clock(session.lang.get_untracked()));

    let load = move || {
        let edition_id = ctx.id();
        if edition_id.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let vars = q::NowNextVars {
                edition_id,
                at: None,
            };
            let result =
                api::request::<_, q::NowNextData>(q::NOW_NEXT, vars, session.token()).await;
            now.try_set(clock(session.lang.get_untracked()));
            match result {
                Ok(d) => {
                    rooms.try_set(d.barcamp_now_next);
                    error.try_set(None);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    let edition_id = Memo::new(move |_| ctx.tracked_id());
    Effect::new(move |_| {
        if edition_id.get().is_some() {
            load();
        }
    });
    if let Ok(handle) = set_interval_with_handle(load, REFRESH) {
        on_cleanup(move || handle.clear());
    }
    let updated = follow_changes(ctx, load);
    let title = move || {
        ctx.edition
            .with(|e| e.as_ref().map(|e| format!("{} {}", e.title, e.year)))
            .unwrap_or_default()
    };

    view! {
        <div class="screen">
            <header class="screen-head">
                <h1>{title}</h1>
                <p class="clock" aria-label=move || t().barcamp().screen_clock>{move || now.get()}</p>
            </header>
            <LiveNotice updated=updated />
            <FormError error=error />
            <Show when=move || ctx.loaded.get() && ctx.edition.with(Option::is_none)>
                <p>{move || t().barcamp().edition_not_found}</p>
            </Show>
            <ul id="now-next" class="screen-rooms">
                {move || rooms.get().into_iter().map(|r| view! { <RoomCard entry=r /> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn RoomCard(entry: RoomNowNext) -> impl IntoView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let now = entry.now.map(|s| talk_block(s, true));
    let next = entry.next.map(|s| talk_block(s, false));
    view! {
        <li class="room-card" data-room-id=entry.room.id.clone()>
            <h2 class="room-name">{entry.room.name.clone()}</h2>
            <div class="now">
                <p class="label">{move || t().barcamp().screen_now}</p>
                {now.unwrap_or_else(|| view! { <p class="free">{move || t().barcamp().screen_free}</p> }.into_any())}
            </div>
            <div class="next">
                <p class="label">{move || t().barcamp().screen_next}</p>
                {next.unwrap_or_else(|| view! { <p class="free">{move || t().barcamp().screen_nothing_next}</p> }.into_any())}
            </div>
        </li>
    }
}

/// A session on the screen: title, hosts, and until when (now) or from when (next).
fn talk_block(talk: Talk, running: bool) -> AnyView {
    let session = use_session();
    let t = move || strings(session.lang.get());
    let cancelled = talk.status == SessionStatus::Cancelled;
    let time = span(&talk).map(|(first, last)| {
        if running {
            (true, last.end.clone(), String::new())
        } else {
            let day = (first.day != today()).then(|| first.day.clone());
            (false, first.start.clone(), day.unwrap_or_default())
        }
    });
    let time = move || {
        time.clone().map(|(until, at, day)| {
            let lang = session.lang.get();
            let s = strings(lang);
            let day = if day.is_empty() {
                String::new()
            } else {
                format!("{}, ", day_label(&day, lang))
            };
            if until {
                format!("{} {at}", s.barcamp().screen_until)
            } else {
                format!("{day}{at}")
            }
        })
    };
    let title = if cancelled {
        view! { <s>{talk.title.clone()}</s> " " <span class="cancel-note">{move || t().barcamp().session_status_cancelled}</span> }
            .into_any()
    } else {
        view! { <span>{talk.title.clone()}</span> }.into_any()
    };
    view! {
        <p class="talk-title" data-session-id=talk.id.clone()>{title}</p>
        <p class="talk-meta">{names(&talk.hosts)} <span class="talk-time">{time}</span></p>
    }
    .into_any()
}
