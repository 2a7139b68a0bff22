//! Paper and show-of-hands votes. While voting on a motion is open, the chair (the board, or
//! an admin — whoever opens and closes voting) records how many voted which way in the room;
//! recording again replaces the count, and the close freezes it. The result adds these
//! counts to the online ballots; the minutes say how many were cast each way.
//!
//! A room count cannot exceed the votes still to be cast: the members present or represented
//! minus the ballots already cast online on this motion. For a secret ballot the room count
//! is the paper ballots, counted the same way; like the online tally it only shows once
//! voting is closed.

use crate::domain::assemblies::votes::turnout;
use crate::domain::assemblies::{self, live, proxies};
use crate::domain::core::parse::text;
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{motion, motion_room_count};
use chrono::Utc;
use constellation_shared::dto::assemblies::MotionStatus;
use constellation_shared::ids::MotionId;
use constellation_shared::rules::majority::Tally;
use constellation_shared::ValidationReason;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QuerySelect, Set};
use serde_json::{json, Value};

/// The longest note, in characters.
pub const NOTE_MAX: usize = 1000;

/// What the chair counted in the room, as entered (checked by `record`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomCounts {
    pub yes: i64,
    pub no: i64,
    pub abstain: i64,
}

fn count(field: &'static str, n: i64) -> DomainResult<u32> {
    u32::try_from(n).map_err(|_| DomainError::invalid(field, ValidationReason::Invalid))
}

/// Online and room counts together: what the majority is decided on.
pub fn combined(online: Tally, room: Option<Tally>) -> Tally {
    let room = room.unwrap_or_default();
    Tally {
        yes: online.yes + room.yes,
        no: online.no + room.no,
        abstain: online.abstain + room.abstain,
    }
}

fn as_tally(r: &motion_room_count::Model) -> Tally {
    Tally {
        yes: r.yes.max(0) as u32,
        no: r.no.max(0) as u32,
        abstain: r.abstain.max(0) as u32,
    }
}

fn snapshot(r: &motion_room_count::Model) -> Value {
    json!({ "yes": r.yes, "no": r.no, "abstain": r.abstain, "note": r.note })
}

/// The room count of a motion, if one was recorded.
pub async fn room_tally<C: ConnectionTrait>(
    conn: &C,
    motion_id: MotionId,
) -> DomainResult<Option<Tally>> {
    Ok(motion_room_count::Entity::find_by_id(motion_id)
        .one(conn)
        .await?
        .as_ref()
        .map(as_tally))
}

/// The recorded room count, when the viewer may see the tally (open ballot: always; secret
/// ballot: once closed).
pub async fn visible<C: ConnectionTrait>(
    conn: &C,
    m: &motion::Model,
) -> DomainResult<Option<motion_room_count::Model>> {
    if !live::visible_tally(m.ballot, m.status) {
        return Ok(None);
    }
    Ok(motion_room_count::Entity::find_by_id(m.id)
        .one(conn)
        .await?)
}

/// A motion's room count for a reader of the association's assemblies, when the tally shows.
pub async fn get(
    env: &Env,
    actor: &Actor,
    motion_id: MotionId,
) -> DomainResult<Option<motion_room_count::Model>> {
    assemblies::reader(actor)?;
    let m = motion::Entity::find_by_id(motion_id)
        .one(&env.db)
        .await?
        .ok_or(DomainError::NotFound)?;
    visible(&env.db, &m).await
}

/// Records (or replaces) the votes cast in the room on an open motion. Returns the motion.
pub async fn record(
    env: &Env,
    actor: &Actor,
    motion_id: MotionId,
    counts: RoomCounts,
    note: &str,
) -> DomainResult<motion::Model> {
    let chair = actor.board_or_admin()?;
    let yes = count("yes", counts.yes)?;
    let no = count("no", counts.no)?;
    let abstain = count("abstain", counts.abstain)?;
    let note = text("note", note, false, NOTE_MAX)?;
    let txn = env.begin_write().await?;
    // The motion row is locked like the close locks it, so a count and the close are ordered.
    let mut q = motion::Entity::find_by_id(motion_id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    let m = q.one(&txn).await?.ok_or(DomainError::NotFound)?;
    if m.status != MotionStatus::Open {
        return Err(DomainError::InvalidTransition(
            "room counts are recorded while voting is open",
        ));
    }
    if crate::domain::assemblies::elections::is_election(&m) {
        return Err(DomainError::InvalidTransition(
            "an election's paper ballots are not recorded as room counts",
        ));
    }
    let a = assemblies::find(&txn, m.assembly_id).await?;
    let present = proxies::present(&txn, a.id).await?.len() as u64;
    let represented = proxies::represented(&txn, a.id).await?.len() as u64;
    let online = u64::from(turnout(&txn, &m).await?);
    let room_left = (present + represented).saturating_sub(online);
    if u64::from(yes) + u64::from(no) + u64::from(abstain) > room_left {
        return Err(DomainError::invalid("counts", ValidationReason::Invalid));
    }
    let before = motion_room_count::Entity::find_by_id(motion_id)
        .one(&txn)
        .await?;
    let now = Utc::now();
    let after = match before.clone() {
        Some(old) => {
            let mut am = old.into_active_model();
            am.yes = Set(yes as i32);
            am.no = Set(no as i32);
            am.abstain = Set(abstain as i32);
            am.note = Set(note);
            am.recorded_by = Set(chair.id);
            am.recorded_at = Set(now);
            am.update(&txn).await?
        }
        None => {
            motion_room_count::ActiveModel {
                motion_id: Set(motion_id),
                yes: Set(yes as i32),
                no: Set(no as i32),
                abstain: Set(abstain as i32),
                note: Set(note),
                recorded_by: Set(chair.id),
                recorded_at: Set(now),
            }
            .insert(&txn)
            .await?
        }
    };
    let mut after_json = snapshot(&after);
    after_json["assemblyId"] = json!(a.id);
    let entry = audit::record(
        &txn,
        Some(chair.id),
        "assembly.room_count",
        "motion",
        &motion_id.to_string(),
        before.as_ref().map(snapshot).unwrap_or(Value::Null),
        after_json,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    let _ = env.live.send(crate::domain::assemblies::votes::LiveSignal {
        assembly_id: a.id,
        motion_id: Some(motion_id),
        kind: "VOTE",
    });
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_room_adds_to_the_online_counts() {
        let online = Tally {
            yes: 2,
            no: 3,
            abstain: 1,
        };
        let room = Tally {
            yes: 4,
            no: 0,
            abstain: 2,
        };
        assert_eq!(
            combined(online, Some(room)),
            Tally {
                yes: 6,
                no: 3,
                abstain: 3
            }
        );
        assert_eq!(combined(online, None), online);
    }

    #[test]
    fn negative_counts_are_refused() {
        assert!(count("yes", -1).is_err());
        assert_eq!(count("yes", 0).ok(), Some(0));
        assert!(count("no", i64::from(u32::MAX) + 1).is_err());
    }
}
