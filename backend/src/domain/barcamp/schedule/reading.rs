//! Reading the schedule: a person's agenda, what runs now and next per room, and the
//! sessions for the iCal feed.

use crate::domain::barcamp;
use crate::domain::barcamp::schedule::timeline::{rooms_of, timeline};
use crate::domain::barcamp::sessions::{self as sessions};
use crate::domain::{Actor, DomainResult, Env};
use crate::entities::{
    barcamp_edition as edition, barcamp_room as room, barcamp_session as session,
};
use chrono::{DateTime, Utc};
use constellation_shared::dto::barcamp::{BarcampPhase, SessionStatus};
use constellation_shared::ids::{EditionId, RoomId};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use uuid::Uuid;

/// The viewer's sessions (interest or hosting): placed ones in time order with the other
/// agenda sessions they overlap, then the rest. Positions only once they may be seen.
pub async fn agenda(
    env: &Env,
    actor: &Actor,
    edition_id: EditionId,
) -> DomainResult<Vec<(session::Model, Vec<session::Model>)>> {
    let me = actor.user()?;
    let e = barcamp::find(&env.db, edition_id).await?;
    let visible = barcamp::can_see_placements(env, actor, &e).await?;
    let line = timeline(&env.db, edition_id).await?;
    let mine: Vec<session::Model> = sessions::of_attendee(&env.db, edition_id, me.id)
        .await?
        .into_iter()
        .filter(|s| matches!(s.status, SessionStatus::Proposed | SessionStatus::Cancelled))
        .collect();
    let when = |s: &session::Model| {
        if visible {
            line.interval(s)
        } else {
            None
        }
    };
    let mut items: Vec<(session::Model, Vec<session::Model>)> = mine
        .iter()
        .map(|s| {
            let clashes = match (when(s), s.status) {
                (Some((a, b)), SessionStatus::Proposed) => mine
                    .iter()
                    .filter(|o| o.id != s.id && o.status == SessionStatus::Proposed)
                    .filter(|o| when(o).is_some_and(|(c, d)| c < b && a < d))
                    .cloned()
                    .collect(),
                _ => Vec::new(),
            };
            (s.clone(), clashes)
        })
        .collect();
    items.sort_by_key(|(s, _)| (when(s).is_none(), when(s).map(|w| w.0), s.id));
    Ok(items)
}

/// Per room, the session running at `at` and the next one. Empty until published (except
/// for organisers).
pub async fn now_next(
    env: &Env,
    actor: &Actor,
    edition_id: EditionId,
    at: DateTime<Utc>,
) -> DomainResult<Vec<(room::Model, Option<session::Model>, Option<session::Model>)>> {
    let e = barcamp::find(&env.db, edition_id).await?;
    if !barcamp::can_see_placements(env, actor, &e).await? {
        return Ok(Vec::new());
    }
    let line = timeline(&env.db, edition_id).await?;
    let rooms = rooms_of(&env.db, edition_id).await?;
    let placed = session::Entity::find()
        .filter(session::Column::EditionId.eq(edition_id))
        .filter(session::Column::Status.eq(SessionStatus::Proposed.as_str()))
        .filter(session::Column::RoomId.is_not_null())
        .all(&env.db)
        .await?;
    Ok(rooms
        .into_iter()
        .map(|r| {
            let mut here: Vec<(DateTime<Utc>, DateTime<Utc>, &session::Model)> = placed
                .iter()
                .filter(|s| s.room_id == Some(r.id))
                .filter_map(|s| line.interval(s).map(|(a, b)| (a, b, s)))
                .collect();
            here.sort_by_key(|(a, _, _)| *a);
            let now = here
                .iter()
                .find(|(a, b, _)| *a <= at && at < *b)
                .map(|x| x.2.clone());
            let next = here.iter().find(|(a, _, _)| *a > at).map(|x| x.2.clone());
            (r, now, next)
        })
        .collect())
}

/// The published sessions for a calendar feed: every placed programme or cancelled
/// session, or only `only` (a person's agenda).
pub async fn feed(
    env: &Env,
    e: &edition::Model,
    only: Option<Uuid>,
) -> DomainResult<constellation_shared::rules::ical::Calendar> {
    use constellation_shared::rules::ical::{Calendar, Event};
    let line = timeline(&env.db, e.id).await?;
    let rooms: HashMap<RoomId, room::Model> = rooms_of(&env.db, e.id)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let published = e.phase == BarcampPhase::Published;
    let list = match only {
        Some(u) => sessions::of_attendee(&env.db, e.id, u).await?,
        None => {
            session::Entity::find()
                .filter(session::Column::EditionId.eq(e.id))
                .order_by_asc(session::Column::Id)
                .all(&env.db)
                .await?
        }
    };
    let stamp = |d: DateTime<Utc>| d.format("%Y%m%dT%H%M%SZ").to_string();
    let now = stamp(Utc::now());
    let events = list
        .into_iter()
        .filter(|_| published)
        .filter(|s| matches!(s.status, SessionStatus::Proposed | SessionStatus::Cancelled))
        .filter_map(|s| {
            let (start, end) = line.interval(&s)?;
            let room = s.room_id.and_then(|r| rooms.get(&r))?;
            Some(Event {
                uid: format!("{}@constellation", s.id),
                stamp: now.clone(),
                start: stamp(start),
                end: stamp(end),
                summary: s.title.clone(),
                description: s.description.clone(),
                location: format!("{}, {}", room.name, e.venue),
                sequence: s.revision,
                cancelled: s.status == SessionStatus::Cancelled,
                last_modified: stamp(s.updated_at),
            })
        })
        .collect();
    Ok(Calendar {
        name: e.title.clone(),
        events,
    })
}
