//! Moves by hand: what a move would break or cost (`Issue`), checking and applying a move,
//! and pinning a placed session.

use crate::domain::barcamp::schedule::placement::{free, place_rows};
use crate::domain::barcamp::schedule::timeline::{timeline, SpanError};
use crate::domain::barcamp::sessions::{self as sessions, hosts_of};
use crate::domain::barcamp::{self, equipment_of, record, require_organiser};
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{
    barcamp_edition as edition, barcamp_host_busy as host_busy, barcamp_interest as interest,
    barcamp_occupancy as occupancy, barcamp_room as room, barcamp_session as session, user,
};
use chrono::Utc;
use constellation_shared::dto::barcamp::{BarcampPhase, SessionStatus};
use constellation_shared::ids::{RoomId, SessionId, SlotId};
use constellation_shared::Language;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use std::collections::HashSet;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    RoomTaken,
    HostBusy,
    MissingEquipment,
    CrossesBreak,
    OutsideGrid,
    OverCapacity,
    AttendeeClash,
}

#[derive(Debug, Clone)]
pub struct Issue {
    pub kind: IssueKind,
    /// What it is about: the other session's title, the host's name, a count.
    pub detail: String,
}

impl Issue {
    pub fn hard(&self) -> bool {
        !matches!(
            self.kind,
            IssueKind::OverCapacity | IssueKind::AttendeeClash
        )
    }

    pub fn code(&self) -> &'static str {
        match self.kind {
            IssueKind::RoomTaken => "ROOM_TAKEN",
            IssueKind::HostBusy => "HOST_BUSY",
            IssueKind::MissingEquipment => "MISSING_EQUIPMENT",
            IssueKind::CrossesBreak => "CROSSES_BREAK",
            IssueKind::OutsideGrid => "OUTSIDE_GRID",
            IssueKind::OverCapacity => "OVER_CAPACITY",
            IssueKind::AttendeeClash => "ATTENDEE_CLASH",
        }
    }

    pub fn message(&self, lang: Language) -> String {
        let d = &self.detail;
        match (self.kind, lang) {
            (IssueKind::RoomTaken, Language::Fr) => format!("La salle est prise par « {d} »."),
            (IssueKind::RoomTaken, Language::En) => format!("The room is taken by “{d}”."),
            (IssueKind::HostBusy, Language::Fr) => {
                format!("{d} anime une autre session à ce moment.")
            }
            (IssueKind::HostBusy, Language::En) => format!("{d} hosts another session then."),
            (IssueKind::MissingEquipment, Language::Fr) => {
                format!("Il manque dans cette salle : {d}.")
            }
            (IssueKind::MissingEquipment, Language::En) => format!("This room lacks: {d}."),
            (IssueKind::CrossesBreak, Language::Fr) => {
                "La session déborderait sur une pause ou le jour suivant.".into()
            }
            (IssueKind::CrossesBreak, Language::En) => {
                "The session would run into a break or the next day.".into()
            }
            (IssueKind::OutsideGrid, Language::Fr) => {
                "La session dépasserait le dernier créneau.".into()
            }
            (IssueKind::OutsideGrid, Language::En) => {
                "The session would run past the last slot.".into()
            }
            (IssueKind::OverCapacity, Language::Fr) => {
                format!("Plus de personnes intéressées que de places : {d}.")
            }
            (IssueKind::OverCapacity, Language::En) => {
                format!("More people interested than seats: {d}.")
            }
            (IssueKind::AttendeeClash, Language::Fr) => {
                format!("{d} personne(s) intéressée(s) ont une autre session voulue en même temps.")
            }
            (IssueKind::AttendeeClash, Language::En) => {
                format!("{d} interested attendee(s) want another session at the same time.")
            }
        }
    }
}

async fn issues<C: ConnectionTrait>(
    conn: &C,
    s: &session::Model,
    room_id: RoomId,
    start_slot_id: SlotId,
) -> DomainResult<Vec<Issue>> {
    let line = timeline(conn, s.edition_id).await?;
    let r = room::Entity::find_by_id(room_id)
        .one(conn)
        .await?
        .filter(|r| r.edition_id == s.edition_id)
        .ok_or(DomainError::invalid(
            "roomId",
            constellation_shared::ValidationReason::Invalid,
        ))?;
    let start = line.index_of(start_slot_id).ok_or(DomainError::invalid(
        "startSlotId",
        constellation_shared::ValidationReason::Invalid,
    ))?;
    let mut out = Vec::new();
    let span = match line.span(start, Ord::max(s.length, 1) as usize) {
        Ok(span) => span,
        Err(e) => {
            out.push(Issue {
                kind: match e {
                    SpanError::OutsideGrid => IssueKind::OutsideGrid,
                    SpanError::CrossesBreak => IssueKind::CrossesBreak,
                },
                detail: String::new(),
            });
            return Ok(out);
        }
    };
    let slot_ids: Vec<SlotId> = span.iter().map(|i| line.slots[*i].id).collect();
    let have = equipment_of(&r.equipment);
    let missing: Vec<String> = equipment_of(&s.equipment)
        .into_iter()
        .filter(|w| !have.contains(w))
        .collect();
    if !missing.is_empty() {
        out.push(Issue {
            kind: IssueKind::MissingEquipment,
            detail: missing.join(", "),
        });
    }
    let taken = occupancy::Entity::find()
        .filter(occupancy::Column::RoomId.eq(room_id))
        .filter(occupancy::Column::SlotId.is_in(slot_ids.clone()))
        .filter(occupancy::Column::SessionId.ne(s.id))
        .all(conn)
        .await?;
    let mut others: Vec<SessionId> = taken.iter().map(|o| o.session_id).collect();
    others.dedup();
    for o in others {
        let title = sessions::find(conn, o).await?.title;
        out.push(Issue {
            kind: IssueKind::RoomTaken,
            detail: title,
        });
    }
    let hosts = hosts_of(conn, s.id).await?;
    let busy = host_busy::Entity::find()
        .filter(host_busy::Column::UserId.is_in(hosts))
        .filter(host_busy::Column::SlotId.is_in(slot_ids.clone()))
        .filter(host_busy::Column::SessionId.ne(s.id))
        .all(conn)
        .await?;
    let mut busy_people: Vec<Uuid> = busy.iter().map(|b| b.user_id).collect();
    busy_people.sort();
    busy_people.dedup();
    for u in busy_people {
        let name = user::Entity::find_by_id(u)
            .one(conn)
            .await?
            .map(|u| u.display_name)
            .unwrap_or_default();
        out.push(Issue {
            kind: IssueKind::HostBusy,
            detail: name,
        });
    }
    let wanted: Vec<Uuid> = interest::Entity::find()
        .filter(interest::Column::SessionId.eq(s.id))
        .all(conn)
        .await?
        .into_iter()
        .map(|i| i.user_id)
        .collect();
    if wanted.len() as i64 > i64::from(r.capacity) {
        out.push(Issue {
            kind: IssueKind::OverCapacity,
            detail: format!("{} / {}", wanted.len(), r.capacity),
        });
    }
    // Attendees of this session who also want a session placed at an overlapping time.
    let overlapping: HashSet<SessionId> = occupancy::Entity::find()
        .filter(occupancy::Column::SlotId.is_in(slot_ids))
        .filter(occupancy::Column::SessionId.ne(s.id))
        .all(conn)
        .await?
        .into_iter()
        .map(|o| o.session_id)
        .collect();
    if !overlapping.is_empty() && !wanted.is_empty() {
        let clashing: HashSet<Uuid> = interest::Entity::find()
            .filter(interest::Column::SessionId.is_in(overlapping))
            .filter(interest::Column::UserId.is_in(wanted))
            .all(conn)
            .await?
            .into_iter()
            .map(|i| i.user_id)
            .collect();
        if !clashing.is_empty() {
            out.push(Issue {
                kind: IssueKind::AttendeeClash,
                detail: clashing.len().to_string(),
            });
        }
    }
    Ok(out)
}

async fn movable(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    session_id: SessionId,
) -> DomainResult<(session::Model, edition::Model, Uuid)> {
    let s = sessions::find(conn, session_id).await?;
    let me = require_organiser(conn, actor, s.edition_id).await?.id;
    let e = barcamp::find(conn, s.edition_id).await?;
    if !matches!(e.phase, BarcampPhase::Scheduling | BarcampPhase::Published) {
        return Err(DomainError::InvalidTransition(
            "moves happen while scheduling",
        ));
    }
    if s.status != SessionStatus::Proposed {
        return Err(DomainError::InvalidTransition(
            "session is not in the programme",
        ));
    }
    Ok((s, e, me))
}

/// What a move would break or cost, without saving anything.
pub async fn check_move(
    env: &Env,
    actor: &Actor,
    session_id: SessionId,
    room_id: RoomId,
    start_slot_id: SlotId,
) -> DomainResult<Vec<Issue>> {
    let (s, _, _) = movable(&env.db, actor, session_id).await?;
    issues(&env.db, &s, room_id, start_slot_id).await
}

/// Moves a session and pins it there. Refused (`SCHEDULE_CONFLICT`) when a hard
/// constraint would break; warnings do not stop it.
pub async fn move_to(
    env: &Env,
    actor: &Actor,
    session_id: SessionId,
    room_id: RoomId,
    start_slot_id: SlotId,
) -> DomainResult<session::Model> {
    let txn = env.begin_write().await?;
    let (s, _, me) = movable(&txn, actor, session_id).await?;
    barcamp::lock(&txn, s.edition_id).await?;
    if issues(&txn, &s, room_id, start_slot_id)
        .await?
        .iter()
        .any(Issue::hard)
    {
        return Err(DomainError::ScheduleConflict);
    }
    free(&txn, s.id).await?;
    let mut am: session::ActiveModel = s.clone().into();
    am.room_id = Set(Some(room_id));
    am.start_slot_id = Set(Some(start_slot_id));
    am.pinned = Set(true);
    am.unplaced_reason = Set(None);
    am.revision = Set(s.revision + 1);
    am.updated_at = Set(Utc::now());
    let moved = am.update(&txn).await?;
    let hosts = hosts_of(&txn, s.id).await?;
    place_rows(&txn, &moved, &hosts, true).await?;
    let entry = record(
        &txn,
        me,
        "barcamp.session.move",
        "barcamp_session",
        s.id,
        s.edition_id,
        json!({ "roomId": s.room_id, "startSlotId": s.start_slot_id }),
        json!({ "roomId": room_id, "startSlotId": start_slot_id, "pinned": true }),
    )
    .await?;
    let told = crate::domain::barcamp::notices::changed(
        &txn,
        env,
        constellation_shared::dto::reach::NotificationKind::SessionMoved,
        &moved,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::reach::notify::announce(env, told);
    Ok(moved)
}

/// Pins a placed session where it is (the scheduler keeps it), or unpins it.
pub async fn set_pinned(
    env: &Env,
    actor: &Actor,
    session_id: SessionId,
    pinned: bool,
) -> DomainResult<session::Model> {
    let txn = env.begin_write().await?;
    let (s, _, me) = movable(&txn, actor, session_id).await?;
    if pinned && s.room_id.is_none() {
        return Err(DomainError::InvalidTransition(
            "only a placed session is pinned",
        ));
    }
    let mut am: session::ActiveModel = s.clone().into();
    am.pinned = Set(pinned);
    am.updated_at = Set(Utc::now());
    let updated = am.update(&txn).await?;
    let entry = record(
        &txn,
        me,
        "barcamp.session.pin",
        "barcamp_session",
        s.id,
        s.edition_id,
        json!({ "pinned": s.pinned }),
        json!({ "pinned": pinned }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}
