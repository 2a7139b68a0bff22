//! The annual barcamp, part three: the schedule. The scheduler (`shared::rules::schedule`,
//! pure) places the programme around pinned sessions; organisers move sessions by hand with
//! the conflicts shown first. The database refuses a room or a host in two places at once
//! (`barcamp_occupancy`, `barcamp_host_busy`), whatever the code above it does.

use super::barcamp::{self, equipment_of, record, require_organiser};
use super::barcamp_sessions::{self as sessions, hosts_of, status_of};
use super::{audit, Actor, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{
    barcamp_edition as edition, barcamp_host as host, barcamp_host_busy as host_busy,
    barcamp_interest as interest, barcamp_occupancy as occupancy, barcamp_room as room,
    barcamp_session as session, barcamp_slot as slot, user,
};
use chrono::{DateTime, Utc};
use constellation_shared::dto::barcamp::{BarcampPhase, SessionStatus};
use constellation_shared::rules::schedule::{self as scheduler, Placement, Problem, Unplaced};
use constellation_shared::Language;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Local-search steps per run: about 0.7 s for 150 sessions on one core (see the bench).
pub const SCHEDULER_STEPS: usize = 20_000;

const OCCUPIED: &[&str] = &["barcamp_occupancy"];
const HOST_BUSY: &[&str] = &["barcamp_host_busy"];

// ---------------------------------------------------------------- the time line

/// An edition's slots in time order, cut into blocks of back-to-back slots: a session of
/// several slots stays inside one block (no running across lunch or into the next day).
pub struct Timeline {
    pub slots: Vec<slot::Model>,
    block: Vec<usize>,
}

impl Timeline {
    pub fn new(mut slots: Vec<slot::Model>) -> Self {
        slots.sort_by_key(|s| s.starts_at);
        let mut block = Vec::with_capacity(slots.len());
        for (i, s) in slots.iter().enumerate() {
            let b = match i {
                0 => 0,
                _ => {
                    let prev = &slots[i - 1];
                    let last = block[i - 1];
                    if prev.ends_at == s.starts_at && prev.day == s.day {
                        last
                    } else {
                        last + 1
                    }
                }
            };
            block.push(b);
        }
        Self { slots, block }
    }

    /// Lengths of the blocks, in order (the scheduler's "days").
    pub fn blocks(&self) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for (i, b) in self.block.iter().enumerate() {
            if i == 0 || *b != self.block[i - 1] {
                out.push(0);
            }
            if let Some(last) = out.last_mut() {
                *last += 1;
            }
        }
        out
    }

    pub fn index_of(&self, slot_id: Uuid) -> Option<usize> {
        self.slots.iter().position(|s| s.id == slot_id)
    }

    /// Slot indexes `start..start+len`, if they exist and stay in one block.
    pub fn span(&self, start: usize, len: usize) -> Result<Vec<usize>, SpanError> {
        let end = start + len;
        if len == 0 || end > self.slots.len() {
            return Err(SpanError::OutsideGrid);
        }
        if self.block[start] != self.block[end - 1] {
            return Err(SpanError::CrossesBreak);
        }
        Ok((start..end).collect())
    }

    /// The slots a placed session occupies (empty when not placed or no longer fitting).
    pub fn slots_of(&self, s: &session::Model) -> Vec<&slot::Model> {
        let Some(start) = s.start_slot_id.and_then(|id| self.index_of(id)) else {
            return Vec::new();
        };
        self.span(start, Ord::max(s.length, 1) as usize)
            .map(|ix| ix.into_iter().map(|i| &self.slots[i]).collect())
            .unwrap_or_default()
    }

    /// When a placed session runs.
    pub fn interval(&self, s: &session::Model) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let slots = self.slots_of(s);
        Some((slots.first()?.starts_at, slots.last()?.ends_at))
    }
}

#[derive(Debug, PartialEq)]
pub enum SpanError {
    OutsideGrid,
    CrossesBreak,
}

pub async fn timeline<C: ConnectionTrait>(conn: &C, edition_id: Uuid) -> DomainResult<Timeline> {
    Ok(Timeline::new(
        slot::Entity::find()
            .filter(slot::Column::EditionId.eq(edition_id))
            .order_by_asc(slot::Column::StartsAt)
            .all(conn)
            .await?,
    ))
}

async fn rooms_of<C: ConnectionTrait>(
    conn: &C,
    edition_id: Uuid,
) -> DomainResult<Vec<room::Model>> {
    Ok(room::Entity::find()
        .filter(room::Column::EditionId.eq(edition_id))
        .order_by_asc(room::Column::Name)
        .all(conn)
        .await?)
}

// ---------------------------------------------------------------- placement rows

/// Frees the room and hosts a session holds, keeping its recorded position.
pub async fn free(txn: &DatabaseTransaction, session_id: Uuid) -> DomainResult<()> {
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
pub async fn unplace(txn: &DatabaseTransaction, session_id: Uuid) -> DomainResult<()> {
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

/// Runs the scheduler in the `SCHEDULING` phase and saves its placements. It reads and
/// writes in one transaction, so nobody moves a session under it.
pub async fn run(env: &Env, actor: &Actor, edition_id: Uuid) -> DomainResult<RunOutcome> {
    let txn = env.begin_write().await?;
    let me = require_organiser(&txn, actor, edition_id).await?;
    let e = barcamp::lock(&txn, edition_id).await?;
    if barcamp::phase_of(&e) != BarcampPhase::Scheduling {
        return Err(DomainError::InvalidTransition(
            "the scheduler runs while scheduling",
        ));
    }
    let line = timeline(&txn, edition_id).await?;
    let rooms = rooms_of(&txn, edition_id).await?;
    let programme = session::Entity::find()
        .filter(session::Column::EditionId.eq(edition_id))
        .filter(session::Column::Status.eq(SessionStatus::Proposed.as_str()))
        .order_by_asc(session::Column::Id)
        .all(&txn)
        .await?;
    let ids: Vec<Uuid> = programme.iter().map(|s| s.id).collect();
    let hosts = host::Entity::find()
        .filter(host::Column::SessionId.is_in(ids.clone()))
        .all(&txn)
        .await?;
    let interests = interest::Entity::find()
        .filter(interest::Column::SessionId.is_in(ids))
        .all(&txn)
        .await?;

    let (problem, pinned) = problem(&line, &rooms, &programme, &hosts, &interests)?;
    let seed = 0x5eed_u64 ^ e.year as u64;
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
        free(&txn, s.id).await?;
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
            .exec(&txn)
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
        let fresh = sessions::find(&txn, s.id).await?;
        let hs = hosts_of(&txn, s.id).await?;
        place_rows(&txn, &fresh, &hs, true).await?;
    }
    let entry = record(&txn, me.id, "barcamp.schedule.run", "barcamp_edition", edition_id, edition_id,
        serde_json::Value::Null,
        json!({ "placed": placed, "pinned": pinned.len(), "unplaced": unplaced.len(), "objective": result.objective, "greedyObjective": greedy })).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
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

// ---------------------------------------------------------------- moves by hand

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
    room_id: Uuid,
    start_slot_id: Uuid,
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
    let slot_ids: Vec<Uuid> = span.iter().map(|i| line.slots[*i].id).collect();
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
    let mut others: Vec<Uuid> = taken.iter().map(|o| o.session_id).collect();
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
    let overlapping: HashSet<Uuid> = occupancy::Entity::find()
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
    session_id: Uuid,
) -> DomainResult<(session::Model, edition::Model, Uuid)> {
    let s = sessions::find(conn, session_id).await?;
    let me = require_organiser(conn, actor, s.edition_id).await?.id;
    let e = barcamp::find(conn, s.edition_id).await?;
    if !matches!(
        barcamp::phase_of(&e),
        BarcampPhase::Scheduling | BarcampPhase::Published
    ) {
        return Err(DomainError::InvalidTransition(
            "moves happen while scheduling",
        ));
    }
    if status_of(&s) != SessionStatus::Proposed {
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
    session_id: Uuid,
    room_id: Uuid,
    start_slot_id: Uuid,
) -> DomainResult<Vec<Issue>> {
    let (s, _, _) = movable(&env.db, actor, session_id).await?;
    issues(&env.db, &s, room_id, start_slot_id).await
}

/// Moves a session and pins it there. Refused (`SCHEDULE_CONFLICT`) when a hard
/// constraint would break; warnings do not stop it.
pub async fn move_to(
    env: &Env,
    actor: &Actor,
    session_id: Uuid,
    room_id: Uuid,
    start_slot_id: Uuid,
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
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(moved)
}

/// Pins a placed session where it is (the scheduler keeps it), or unpins it.
pub async fn set_pinned(
    env: &Env,
    actor: &Actor,
    session_id: Uuid,
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

// ---------------------------------------------------------------- reading the schedule

/// The viewer's sessions (interest or hosting): placed ones in time order with the other
/// agenda sessions they overlap, then the rest. Positions only once they may be seen.
pub async fn agenda(
    env: &Env,
    actor: &Actor,
    edition_id: Uuid,
) -> DomainResult<Vec<(session::Model, Vec<session::Model>)>> {
    let me = actor.user()?;
    let e = barcamp::find(&env.db, edition_id).await?;
    let visible = barcamp::can_see_placements(env, actor, &e).await?;
    let line = timeline(&env.db, edition_id).await?;
    let mine: Vec<session::Model> = sessions::of_attendee(&env.db, edition_id, me.id)
        .await?
        .into_iter()
        .filter(|s| {
            matches!(
                status_of(s),
                SessionStatus::Proposed | SessionStatus::Cancelled
            )
        })
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
            let clashes = match (when(s), status_of(s)) {
                (Some((a, b)), SessionStatus::Proposed) => mine
                    .iter()
                    .filter(|o| o.id != s.id && status_of(o) == SessionStatus::Proposed)
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
    edition_id: Uuid,
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
    let rooms: HashMap<Uuid, room::Model> = rooms_of(&env.db, e.id)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let published = barcamp::phase_of(e) == BarcampPhase::Published;
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
        .filter(|s| {
            matches!(
                status_of(s),
                SessionStatus::Proposed | SessionStatus::Cancelled
            )
        })
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
                cancelled: status_of(&s) == SessionStatus::Cancelled,
                last_modified: stamp(s.updated_at),
            })
        })
        .collect();
    Ok(Calendar {
        name: e.title.clone(),
        events,
    })
}
