//! iCalendar feeds of a published barcamp: the whole edition at
//! `/ical/barcamp/{edition}.ics`, and one attendee's agenda at a private address
//! `/ical/barcamp/feed/{token}.ics` a calendar app can subscribe to without signing in.
//! Events keep their UID across changes (`{session}@constellation`) and carry a SEQUENCE,
//! so an update replaces the event instead of adding one.

use crate::app::AppState;
use crate::domain::{barcamp, barcamp::schedule, DomainResult};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use constellation_shared::rules::ical;
use uuid::Uuid;

fn calendar(result: DomainResult<Option<ical::Calendar>>) -> Response {
    match result {
        Ok(Some(cal)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (header::CACHE_CONTROL, "private, no-cache"),
            ],
            ical::write(&cal),
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "calendar feed failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// The whole published programme (public; 404 before publication).
pub async fn edition_feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(id) = file
        .strip_suffix(".ics")
        .and_then(|s| s.parse::<constellation_shared::ids::EditionId>().ok())
    else {
        return calendar(Ok(None));
    };
    calendar(
        async {
            let Ok(e) = barcamp::find(&state.env.db, id).await else {
                return Ok(None);
            };
            if e.phase != constellation_shared::dto::barcamp::BarcampPhase::Published {
                return Ok(None);
            }
            schedule::feed(&state.env, &e, None).await.map(Some)
        }
        .await,
    )
}

/// One attendee's sessions (interest and hosting); empty until the schedule is published.
pub async fn personal_feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return calendar(Ok(None));
    };
    calendar(
        async {
            let Some(reg) = barcamp::by_feed_token(&state.env, token).await? else {
                return Ok(None);
            };
            let e = barcamp::find(&state.env.db, reg.edition_id).await?;
            schedule::feed(&state.env, &e, Some(reg.user_id))
                .await
                .map(Some)
        }
        .await,
    )
}

/// A member's private feed: their assemblies and barcamp sessions,
/// `/ical/member/{user}-{signature}.ics` (see `JwtKeys::feed_signature`).
pub async fn member_feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((id, signature)) = file
        .strip_suffix(".ics")
        .and_then(|s| s.rsplit_once('-'))
        .and_then(|(id, sig)| id.parse::<Uuid>().ok().map(|id| (id, sig.to_owned())))
    else {
        return calendar(Ok(None));
    };
    calendar(
        async {
            let Some(u) = crate::domain::accounts::find_active(&state.env, id).await? else {
                return Ok(None);
            };
            if !state
                .jwt
                .feed_signature_ok(u.id, u.token_version, &signature)
            {
                return Ok(None);
            }
            crate::domain::flows::calendar::member_feed(&state.env, &u)
                .await
                .map(Some)
        }
        .await,
    )
}
