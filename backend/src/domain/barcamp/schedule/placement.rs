//! Placements: the rows that hold a placed session's room and hosts (`free`, `unplace`,
//! `place_rows`), and the scheduler run that places the programme and saves it.

use crate::domain::barcamp::schedule::timeline::{rooms_of, timeline, Timeline};
use crate::domain::barcamp::sessions::{self as sessions, hosts_of};
use crate::domain::barcamp::{self, equipment_of, record, require_organiser};
use crate::domain::{core::audit, Actor, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{
    barcamp_host as host, barcamp_host_busy as host_busy, barcamp_interest as interest,
    barcamp_occupancy as occupancy, barcamp_room as room, barcamp_session as session,
};
use chrono::Utc;
use constellation_shared::dto::barcamp::{BarcampPhase, SessionStatus};
use constellation_shared::ids::{EditionId, SessionId};
use constellation_shared::rules::schedule::{self as scheduler, Placement, Problem, Unplaced};
use constellation_shared::Language;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Local-search steps per run: about 0.7 s for 150 sessions on one core (see the bench).
pub const SCHEDULER_STEPS: usize = 20_000;

const OCCUPIED: &[&str] = &["barcamp_occupancy"];
const HOST_BUSY: &[&str] = &["barcamp_host_busy"];

// ---------------------------------------------------------------- placement rows

/// Frees the room and hosts a session holds, keeping its recorded position.
pub async fn free(txn: &DatabaseTransaction, session_id: SessionId) -> DomainResult<()> {
    occupancy::Entity::delete_many()
        .filter(occupancy::Column::SessionId.eq(session_id))
        .exec(txn)
        .await?;
    host_busy::Entity::delete_many()
        .filter(host_busy::Column::SessionId.eq(session_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Takes a session off the grid.
pub async fn unplace(txn: &DatabaseTransaction, session_id: SessionId) -> DomainResult<()> {
    free(txn, session_id).await?;
    session::Entity::update_many()
        .col_expr(session::Column::RoomId, Expr::value(Option::<Uuid>::None))
        .col_expr(
            session::Column::StartSlotId,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(session::Column::Pinned, Expr::value(false))
        .col_expr(
            session::Column::Revision,
            Expr::col(session::Column::Revision).add(1),
        )
        .col_expr(session::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(session::Column::Id.eq(session_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Writes the rows that hold a placed session's room (when `with_room`) and `hosts` busy.
/// A clash with another session is refused by the primary keys: `SCHEDULE_CONFLICT`.
pub async fn place_rows(
    txn: &DatabaseTransaction,
    s: &session::Model,
    hosts: &[Uuid],
    with_room: bool,
) -> DomainResult<()> {
    let line = timeline(txn, s.edition_id).await?;
    let (Some(room_id), slots) = (s.room_id, line.slots_of(s)) else {
        return Ok(());
    };
    if slots.is_empty() {
        return Err(DomainError::ScheduleConflict);
    }
    if with_room {
        occupancy::Entity::insert_many(slots.iter().map(|sl| occupancy::ActiveModel {
            slot_id: Set(sl.id),
            room_id: Set(room_id),
            session_id: Set(s.id),
        }))
        .exec(txn)
        .await
        .on_unique(OCCUPIED, DomainError::ScheduleConflict)?;
    }
    if !hosts.is_empty() {
        host_busy::Entity::insert_many(slots.iter().flat_map(|sl| {
            hosts.iter().map(|h| host_busy::ActiveModel {
                slot_id: Set(sl.id),
                user_id: Set(*h),
                session_id: Set(s.id),
            })
        }))
        .exec(txn)
        .await
        .on_unique(HOST_BUSY, DomainError::ScheduleConflict)?;
    }
    Ok(())
}

// ---------------------------------------------------------------- the scheduler

/// Why the scheduler left a session out, as the API says it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UnplacedKind {
    NoRoomWithEquipment,
    LongerThanABlock,
    BadPin,
    NoFreePosition,
}

impl UnplacedKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::NoRoomWithEquipment => "NO_ROOM_WITH_EQUIPMENT",
            Self::LongerThanABlock => "LONGER_THAN_A_BLOCK",
            Self::BadPin => "BAD_PIN",
            Self::NoFreePosition => "NO_FREE_POSITION",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::NoRoomWithEquipment,
            Self::LongerThanABlock,
            Self::BadPin,
            Self::NoFreePosition,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }

    pub fn message(self, lang: Language) -> &'static str {
        use Language::*;
        match (self, lang) {
            (Self::NoRoomWithEquipment, Fr) => "Aucune salle n'a le matériel demandé.",
            (Self::NoRoomWithEquipment, En) => "No room has the equipment it needs.",
            (Self::LongerThanABlock, Fr) => {
                "Elle est plus longue que la plus longue suite de créneaux sans pause."
            }
            (Self::LongerThanABlock, En) => {
                "It is longer than the longest run of slots without a break."
            }
            (Self::BadPin, Fr) => {
                "Son épingle ne tient plus : la place est prise par une autre session épinglée ou ne convient pas."
            }
            (Self::BadPin, En) => {
                "Its pin cannot hold: another pinned session has the place, or the place does not suit it."
            }
            (Self::NoFreePosition, Fr) => {
                "Plus de place libre : toutes les salles qui conviennent sont prises ou un·e animateur·ice est ailleurs."
            }
            (Self::NoFreePosition, En) => {
                "No free place left: every suitable room is taken or a host is elsewhere."
            }
        }
    }
}

impl From<&Unplaced> for UnplacedKind {
    fn from(u: &Unplaced) -> Self {
        match u {
            Unplaced::NoRoomWithEquipment => Self::NoRoomWithEquipment,
            Unplaced::LongerThanADay => Self::LongerThanABlock,
            Unplaced::BadPin(_) => Self::BadPin,
            Unplaced::NoFreePosition => Self::NoFreePosition,
        }
    }
}

pub struct RunOutcome {
    pub placed: usize,
    pub pinned: usize,
    pub unplaced: Vec<(session::Model, UnplacedKind)>,
    pub objective: i64,
    pub greedy_objective: i64,
    pub milliseconds: u128,
}

/// Bit per equipment word.
fn bits(words: &mut HashMap<String, u32>, list: &[String]) -> DomainResult<u64> {
    let mut out = 0u64;
    for w in list {
        let next = words.len() as u32;
        let bit = *words.entry(w.clone()).or_insert(next);
        if bit >= 64 {
            return Err(DomainError::Conflict("more than 64 kinds of equipment"));
        }
        out |= 1 << bit;
    }
    Ok(out)
}

/// What the scheduler reads of an edition. Read once to compute, and again inside the short
/// write transaction: if anything changed meanwhile, the computed plan is stale.
#[derive(PartialEq)]
struct Inputs {
    edition: crate::entities::barcamp_edition::Model,
    slots: Vec<crate::entities::barcamp_slot::Model>,
    rooms: Vec<room::Model>,
    programme: Vec<session::Model>,
    hosts: Vec<host::Model>,
    interests: Vec<interest::Model>,
}

impl Inputs {
    async fn read<C: sea_orm::ConnectionTrait>(
        conn: &C,
        edition_id: EditionId,
    ) -> DomainResult<Self> {
        let edition = crate::entities::barcamp_edition::Entity::find_by_id(edition_id)
            .one(conn)
            .await?
            .ok_or(DomainError::NotFound)?;
        if edition.phase != BarcampPhase::Scheduling {
            return Err(DomainError::InvalidTransition(
                "the scheduler runs while scheduling",
            ));
        }
        let slots = timeline(conn, edition_id).await?.slots;
        let rooms = rooms_of(conn, edition_id).await?;
        let programme = session::Entity::find()
            .filter(session::Column::EditionId.eq(edition_id))
            .filter(session::Column::Status.eq(SessionStatus::Proposed.as_str()))
            .order_by_asc(session::Column::Id)
            .all(conn)
            .await?;
        let ids: Vec<SessionId> = programme.iter().map(|s| s.id).collect();
        let hosts = host::Entity::find()
            .filter(host::Column::SessionId.is_in(ids.clone()))
            .order_by_asc(host::Column::SessionId)
            .order_by_asc(host::Column::UserId)
            .all(conn)
            .await?;
        let interests = interest::Entity::find()
            .filter(interest::Column::SessionId.is_in(ids))
            .order_by_asc(interest::Column::SessionId)
            .order_by_asc(interest::Column::UserId)
            .all(conn)
            .await?;
        Ok(Self {
            edition,
            slots,
            rooms,
            programme,
            hosts,
            interests,
        })
    }
}

/// Runs left when the programme changes under each of them.
const SCHEDULER_ATTEMPTS: usize = 3;

/// Runs the scheduler in the `SCHEDULING` phase and saves its placements.
///
/// The search takes a second or more: it runs on what was read *outside* any write
/// transaction, so the database stays writable meanwhile (on SQLite one write transaction
/// holds the whole database). The save is a short write transaction that locks the edition,
/// reads the inputs again and writes only if they are unchanged; otherwise it computes again
/// (at most three times, then `CONFLICT`).
pub async fn run(env: &Env, actor: &Actor, edition_id: EditionId) -> DomainResult<RunOutcome> {
    let me = require_organiser(&env.db, actor, edition_id).await?;
    for _ in 0..SCHEDULER_ATTEMPTS {
        let inputs = Inputs::read(&env.db, edition_id).await?;
        let planned = plan(&inputs).await?;
        let txn = env.begin_write().await?;
        barcamp::lock(&txn, edition_id).await?;
        if Inputs::read(&txn, edition_id).await? != inputs {
            tracing::info!(%edition_id, "the programme changed while the scheduler ran: again");
            continue;
        }
        let outcome = save(&txn, &inputs, planned).await?;
        let entry = record(&txn, me.id, "barcamp.schedule.run", "barcamp_edition", edition_id, edition_id,
            serde_json::Value::Null,
            json!({ "placed": outcome.placed, "pinned": outcome.pinned, "unplaced": outcome.unplaced.len(), "objective": outcome.objective, "greedyObjective": outcome.greedy_objective })).await?;
        txn.commit().await?;
        audit::publish(env, [entry]);
        return Ok(outcome);
    }
    Err(DomainError::Conflict(
        "the programme kept changing while the scheduler ran",
    ))
}

struct Planned {
    result: scheduler::Schedule,
    greedy: i64,
    pinned: HashSet<usize>,
    milliseconds: u128,
}

/// The search itself, on a blocking thread.
async fn plan(inputs: &Inputs) -> DomainResult<Planned> {
    let line = Timeline::new(inputs.slots.clone());
    let (problem, pinned) = problem(
        &line,
        &inputs.rooms,
        &inputs.programme,
        &inputs.hosts,
        &inputs.interests,
    )?;
    let seed = 0x5eed_u64 ^ inputs.edition.year as u64;
    let started = std::time::Instant::now();
    let p = problem.clone();
    let (result, greedy) = tokio::task::spawn_blocking(move || {
        (
            scheduler::schedule(&p, SCHEDULER_STEPS, seed),
            scheduler::greedy_baseline(&p).objective,
        )
    })
    .await
    .map_err(DomainError::internal)?;
    let milliseconds = started.elapsed().as_millis();
    let broken = scheduler::violations(&problem, &result.placements);
    if !broken.is_empty() {
        return Err(DomainError::internal(format!(
            "scheduler broke: {broken:?}"
        )));
    }
    Ok(Planned {
        result,
        greedy,
        pinned,
        milliseconds,
    })
}

/// Writes a plan computed on `inputs` (which the caller checked are still current).
async fn save(
    txn: &DatabaseTransaction,
    inputs: &Inputs,
    planned: Planned,
) -> DomainResult<RunOutcome> {
    let Planned {
        result,
        greedy,
        pinned,
        milliseconds,
    } = planned;
    let line = Timeline::new(inputs.slots.clone());
    let (rooms, programme) = (&inputs.rooms, &inputs.programme);
    let reasons: HashMap<usize, UnplacedKind> = result
        .unplaced
        .iter()
        .map(|(i, u)| (*i, UnplacedKind::from(u)))
        .collect();
    let mut unplaced = Vec::new();
    let mut placed = 0;
    for (i, s) in programme.iter().enumerate() {
        let pin_holds = result.placements[i].is_some();
        if s.pinned && pinned.contains(&i) && pin_holds {
            continue;
        }
        free(txn, s.id).await?;
        let at = result.placements[i];
        let room_id = at.map(|a| rooms[a.room].id);
        let start = at.map(|a| line.slots[a.start].id);
        let reason = reasons.get(&i).copied();
        let moved = room_id != s.room_id || start != s.start_slot_id;
        session::Entity::update_many()
            .col_expr(session::Column::RoomId, Expr::value(room_id))
            .col_expr(session::Column::StartSlotId, Expr::value(start))
            .col_expr(session::Column::Pinned, Expr::value(false))
            .col_expr(
                session::Column::UnplacedReason,
                Expr::value(reason.map(|r| r.code())),
            )
            .col_expr(
                session::Column::Revision,
                Expr::value(s.revision + i32::from(moved)),
            )
            .col_expr(session::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(session::Column::Id.eq(s.id))
            .exec(txn)
            .await?;
        match at {
            Some(_) => placed += 1,
            None => unplaced.push((s.clone(), reason.unwrap_or(UnplacedKind::NoFreePosition))),
        }
    }
    // Rows for the new placements, after every old row is gone.
    for (i, s) in programme.iter().enumerate() {
        if (s.pinned && pinned.contains(&i)) || result.placements[i].is_none() {
            // A pin that held keeps its rows; a pin that did not was freed above.
            continue;
        }
        let fresh = sessions::find(txn, s.id).await?;
        let hs = hosts_of(txn, s.id).await?;
        place_rows(txn, &fresh, &hs, true).await?;
    }
    Ok(RunOutcome {
        placed,
        pinned: pinned
            .iter()
            .filter(|i| result.placements[**i].is_some())
            .count(),
        unplaced,
        objective: result.objective,
        greedy_objective: greedy,
        milliseconds,
    })
}

/// The scheduler's view of an edition; also returns which sessions are pinned in place.
fn problem(
    line: &Timeline,
    rooms: &[room::Model],
    programme: &[session::Model],
    hosts: &[host::Model],
    interests: &[interest::Model],
) -> DomainResult<(Problem, HashSet<usize>)> {
    let mut words = HashMap::new();
    let mut people: HashMap<Uuid, u32> = HashMap::new();
    let mut person = |u: Uuid| {
        let next = people.len() as u32;
        *people.entry(u).or_insert(next)
    };
    let mut p_rooms = Vec::new();
    for r in rooms {
        p_rooms.push(scheduler::Room {
            capacity: Ord::max(r.capacity, 0) as u32,
            equipment: bits(&mut words, &equipment_of(&r.equipment))?,
        });
    }
    let mut pinned = HashSet::new();
    let mut p_sessions = Vec::new();
    for (i, s) in programme.iter().enumerate() {
        let pin = match (s.pinned, s.room_id, s.start_slot_id) {
            (true, Some(r), Some(st)) => {
                match (rooms.iter().position(|x| x.id == r), line.index_of(st)) {
                    (Some(room), Some(start)) => Some(Placement { room, start }),
                    _ => None,
                }
            }
            _ => None,
        };
        if pin.is_some() {
            pinned.insert(i);
        }
        p_sessions.push(scheduler::Session {
            length: Ord::max(s.length, 1) as usize,
            hosts: hosts
                .iter()
                .filter(|h| h.session_id == s.id)
                .map(|h| person(h.user_id))
                .collect(),
            needs: bits(&mut words, &equipment_of(&s.equipment))?,
            pinned: pin,
            interested: interests
                .iter()
                .filter(|x| x.session_id == s.id)
                .map(|x| person(x.user_id))
                .collect(),
        });
    }
    Ok((
        Problem {
            rooms: p_rooms,
            days: line.blocks(),
            sessions: p_sessions,
        },
        pinned,
    ))
}
