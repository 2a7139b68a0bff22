//! The annual barcamp, part one: editions, their organisers, rooms and time slots, and who
//! registers. The board creates editions and names organisers; organisers run them.

pub mod access;
pub mod notices;
pub mod schedule;
pub mod sessions;

use crate::domain::core::parse::{date, text};
use crate::domain::{core::audit, Actor, CurrentUser, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{
    audit_log, barcamp_edition as edition, barcamp_interest, barcamp_organiser as organiser,
    barcamp_registration as registration, barcamp_room as room, barcamp_session,
    barcamp_slot as slot, user,
};
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use constellation_shared::dto::barcamp::{BarcampPhase, EditionInput, RoomInput, SlotInput};
use constellation_shared::ValidationReason;
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

pub const MAX_ROOMS: u64 = 50;
pub const MAX_SLOTS: u64 = 200;

pub fn phase_of(e: &edition::Model) -> BarcampPhase {
    BarcampPhase::parse(&e.phase).unwrap_or(BarcampPhase::Proposals)
}

pub fn tz_of(e: &edition::Model) -> chrono_tz::Tz {
    e.timezone.parse().unwrap_or(chrono_tz::Europe::Brussels)
}

/// Equipment words: trimmed, lowercase, unique, at most 10 of at most 40 characters.
pub fn equipment(field: &'static str, raw: &[String]) -> DomainResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for w in raw {
        let w = w.trim().to_lowercase();
        if w.is_empty() || out.contains(&w) {
            continue;
        }
        if w.chars().count() > 40 || w.chars().any(char::is_control) {
            return Err(DomainError::invalid(field, ValidationReason::Invalid));
        }
        out.push(w);
    }
    if out.len() > 10 {
        return Err(DomainError::invalid(field, ValidationReason::TooLong));
    }
    out.sort();
    Ok(out)
}

pub fn equipment_of(json_list: &str) -> Vec<String> {
    serde_json::from_str(json_list).unwrap_or_default()
}

/// Records a barcamp change; the edition id rides in the diff so live pages can filter.
#[allow(clippy::too_many_arguments)]
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    actor: Uuid,
    action: &str,
    target_type: &str,
    target_id: Uuid,
    edition_id: Uuid,
    before: Value,
    mut after: Value,
) -> DomainResult<audit_log::Model> {
    if !after.is_object() {
        after = json!({ "value": after });
    }
    after["editionId"] = json!(edition_id);
    audit::record(
        conn,
        Some(actor),
        action,
        target_type,
        &target_id.to_string(),
        before,
        after,
    )
    .await
}

/// The edition id an audit entry is about, for barcamp entries.
pub fn edition_of_entry(e: &audit_log::Model) -> Option<Uuid> {
    if !e.action.starts_with("barcamp.") {
        return None;
    }
    let diff: Value = serde_json::from_str(&e.diff).ok()?;
    diff["after"]["editionId"].as_str()?.parse().ok()
}

// ---------------------------------------------------------------- access

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> DomainResult<edition::Model> {
    edition::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)
}

/// The edition, locked for the rest of the transaction on PostgreSQL (SQLite's write
/// transaction holds the database lock already): barcamp writes check, then write.
pub async fn lock(txn: &DatabaseTransaction, id: Uuid) -> DomainResult<edition::Model> {
    let mut q = edition::Entity::find_by_id(id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    q.one(txn).await?.ok_or(DomainError::NotFound)
}

pub async fn find_by_year(env: &Env, year: i32) -> DomainResult<Option<edition::Model>> {
    Ok(edition::Entity::find()
        .filter(edition::Column::Year.eq(year))
        .one(&env.db)
        .await?)
}

/// Board and admins organise every edition; others when the board named them.
pub async fn is_organiser<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    edition_id: Uuid,
) -> DomainResult<bool> {
    let Actor::User(u) = actor else {
        return Ok(false);
    };
    if u.is_board || u.is_admin {
        return Ok(true);
    }
    Ok(organiser::Entity::find_by_id((edition_id, u.id))
        .one(conn)
        .await?
        .is_some())
}

pub async fn require_organiser<'a, C: ConnectionTrait>(
    conn: &C,
    actor: &'a Actor,
    edition_id: Uuid,
) -> DomainResult<&'a CurrentUser> {
    let u = actor.user()?;
    if is_organiser(conn, actor, edition_id).await? {
        Ok(u)
    } else {
        Err(DomainError::Forbidden)
    }
}

pub async fn registration_of<C: ConnectionTrait>(
    conn: &C,
    edition_id: Uuid,
    user_id: Uuid,
) -> DomainResult<Option<registration::Model>> {
    Ok(registration::Entity::find_by_id((edition_id, user_id))
        .one(conn)
        .await?)
}

/// The signed-in attendee, or `NOT_REGISTERED`.
pub async fn require_registered<'a, C: ConnectionTrait>(
    conn: &C,
    actor: &'a Actor,
    edition_id: Uuid,
) -> DomainResult<&'a CurrentUser> {
    let u = actor.user()?;
    match registration_of(conn, edition_id, u.id).await? {
        Some(_) => Ok(u),
        None => Err(DomainError::NotRegistered),
    }
}

/// Placements are public once published; organisers see them while they work.
pub async fn can_see_placements(
    env: &Env,
    actor: &Actor,
    e: &edition::Model,
) -> DomainResult<bool> {
    Ok(phase_of(e) == BarcampPhase::Published || is_organiser(&env.db, actor, e.id).await?)
}

// ---------------------------------------------------------------- editions

struct EditionFields {
    year: i32,
    title: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    venue: String,
    timezone: String,
}

fn parse_edition(input: &EditionInput) -> DomainResult<EditionFields> {
    if !(2000..=2200).contains(&input.year) {
        return Err(DomainError::invalid("year", ValidationReason::Invalid));
    }
    let starts_on = date("startsOn", &input.starts_on)?;
    let ends_on = date("endsOn", &input.ends_on)?;
    if ends_on < starts_on || (ends_on - starts_on).num_days() > 14 {
        return Err(DomainError::invalid("endsOn", ValidationReason::Invalid));
    }
    let timezone = input.timezone.trim().to_owned();
    if timezone.parse::<chrono_tz::Tz>().is_err() {
        return Err(DomainError::invalid("timezone", ValidationReason::Invalid));
    }
    Ok(EditionFields {
        year: input.year,
        title: text("title", &input.title, true, 200)?,
        starts_on,
        ends_on,
        venue: text("venue", &input.venue, true, 300)?,
        timezone,
    })
}

const YEAR_UNIQUE: &[&str] = &["uq_editions_year", "barcamp_editions.year"];

pub async fn create(env: &Env, actor: &Actor, input: EditionInput) -> DomainResult<edition::Model> {
    let board = actor.board_or_admin()?;
    let f = parse_edition(&input)?;
    let txn = env.begin_write().await?;
    let e = edition::ActiveModel {
        id: Set(Uuid::new_v4()),
        year: Set(f.year),
        title: Set(f.title),
        starts_on: Set(f.starts_on),
        ends_on: Set(f.ends_on),
        venue: Set(f.venue),
        timezone: Set(f.timezone),
        phase: Set(BarcampPhase::Proposals.as_str().to_owned()),
        created_by: Set(board.id),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await
    .on_unique(
        YEAR_UNIQUE,
        DomainError::invalid("year", ValidationReason::Invalid),
    )?;
    let entry = record(&txn, board.id, "barcamp.edition.create", "barcamp_edition", e.id, e.id, Value::Null,
        json!({ "year": e.year, "title": e.title, "startsOn": e.starts_on, "endsOn": e.ends_on, "venue": e.venue })).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

pub async fn update(
    env: &Env,
    actor: &Actor,
    id: Uuid,
    input: EditionInput,
) -> DomainResult<edition::Model> {
    let f = parse_edition(&input)?;
    let txn = env.begin_write().await?;
    let me = require_organiser(&txn, actor, id).await?;
    let current = lock(&txn, id).await?;
    let slots = slot::Entity::find()
        .filter(slot::Column::EditionId.eq(id))
        .all(&txn)
        .await?;
    // Slots are instants: a new zone or dates that leave slots outside would move them.
    if !slots.is_empty() && f.timezone != current.timezone {
        return Err(DomainError::invalid("timezone", ValidationReason::Invalid));
    }
    if slots
        .iter()
        .any(|s| s.day < f.starts_on || s.day > f.ends_on)
    {
        return Err(DomainError::invalid("startsOn", ValidationReason::Invalid));
    }
    let before = json!({ "year": current.year, "title": current.title, "startsOn": current.starts_on, "endsOn": current.ends_on, "venue": current.venue, "timezone": current.timezone });
    let mut am = current.into_active_model();
    am.year = Set(f.year);
    am.title = Set(f.title);
    am.starts_on = Set(f.starts_on);
    am.ends_on = Set(f.ends_on);
    am.venue = Set(f.venue);
    am.timezone = Set(f.timezone);
    let e = am.update(&txn).await.on_unique(
        YEAR_UNIQUE,
        DomainError::invalid("year", ValidationReason::Invalid),
    )?;
    let entry = record(&txn, me.id, "barcamp.edition.update", "barcamp_edition", id, id, before,
        json!({ "year": e.year, "title": e.title, "startsOn": e.starts_on, "endsOn": e.ends_on, "venue": e.venue, "timezone": e.timezone })).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

/// Phases move one step. Publishing needs every programme session placed.
pub async fn set_phase(
    env: &Env,
    actor: &Actor,
    id: Uuid,
    to: BarcampPhase,
) -> DomainResult<edition::Model> {
    let txn = env.begin_write().await?;
    let me = require_organiser(&txn, actor, id).await?;
    let e = lock(&txn, id).await?;
    let from = phase_of(&e);
    if !from.can_move_to(to) {
        return Err(DomainError::InvalidTransition("barcamp phase"));
    }
    if to == BarcampPhase::Published {
        let unplaced = barcamp_session::Entity::find()
            .filter(barcamp_session::Column::EditionId.eq(id))
            .filter(barcamp_session::Column::Status.eq("PROPOSED"))
            .filter(barcamp_session::Column::RoomId.is_null())
            .count(&txn)
            .await?;
        if unplaced > 0 {
            return Err(DomainError::ScheduleIncomplete);
        }
    }
    let mut am = e.into_active_model();
    am.phase = Set(to.as_str().to_owned());
    let e = am.update(&txn).await?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.edition.phase",
        "barcamp_edition",
        id,
        id,
        json!({ "phase": from.as_str() }),
        json!({ "phase": to.as_str() }),
    )
    .await?;
    let told = if to == BarcampPhase::Published {
        notices::published(&txn, env, &e).await?
    } else {
        Default::default()
    };
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::reach::notify::announce(env, told);
    Ok(e)
}

/// The board names (or removes) an organiser by email.
pub async fn set_organiser(
    env: &Env,
    actor: &Actor,
    edition_id: Uuid,
    email: &str,
    is_organiser: bool,
) -> DomainResult<edition::Model> {
    let board = actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    let e = lock(&txn, edition_id).await?;
    let person = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email.trim().to_lowercase()))
        .filter(user::Column::DeletedAt.is_null())
        .one(&txn)
        .await?
        .ok_or(DomainError::invalid("email", ValidationReason::Invalid))?;
    let existing = organiser::Entity::find_by_id((edition_id, person.id))
        .one(&txn)
        .await?;
    match (is_organiser, existing) {
        (true, None) => {
            organiser::ActiveModel {
                edition_id: Set(edition_id),
                user_id: Set(person.id),
            }
            .insert(&txn)
            .await?;
        }
        (false, Some(row)) => {
            organiser::Entity::delete_by_id((row.edition_id, row.user_id))
                .exec(&txn)
                .await?;
        }
        _ => {}
    }
    let entry = record(
        &txn,
        board.id,
        "barcamp.organiser",
        "user",
        person.id,
        edition_id,
        Value::Null,
        json!({ "organiser": is_organiser }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

/// Newest first, keyset on the year.
pub async fn list(
    env: &Env,
    before_year: Option<i32>,
    limit: u64,
) -> DomainResult<Vec<edition::Model>> {
    let mut q = edition::Entity::find().order_by_desc(edition::Column::Year);
    if let Some(y) = before_year {
        q = q.filter(edition::Column::Year.lt(y));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

// ---------------------------------------------------------------- rooms

struct RoomFields {
    name: String,
    capacity: i32,
    equipment: String,
}

fn parse_room(input: &RoomInput) -> DomainResult<RoomFields> {
    if !(1..=100_000).contains(&input.capacity) {
        return Err(DomainError::invalid("capacity", ValidationReason::Invalid));
    }
    Ok(RoomFields {
        name: text("name", &input.name, true, 80)?,
        capacity: input.capacity,
        equipment: serde_json::to_string(&equipment("equipment", &input.equipment)?)
            .map_err(DomainError::internal)?,
    })
}

const ROOM_UNIQUE: &[&str] = &["uq_rooms_edition_name", "barcamp_rooms.edition_id"];

pub async fn add_room(
    env: &Env,
    actor: &Actor,
    edition_id: Uuid,
    input: RoomInput,
) -> DomainResult<edition::Model> {
    let f = parse_room(&input)?;
    let txn = env.begin_write().await?;
    let me = require_organiser(&txn, actor, edition_id).await?;
    let e = lock(&txn, edition_id).await?;
    let count = room::Entity::find()
        .filter(room::Column::EditionId.eq(edition_id))
        .count(&txn)
        .await?;
    if count >= MAX_ROOMS {
        return Err(DomainError::Conflict("too many rooms"));
    }
    let r = room::ActiveModel {
        id: Set(Uuid::new_v4()),
        edition_id: Set(edition_id),
        name: Set(f.name),
        capacity: Set(f.capacity),
        equipment: Set(f.equipment),
    }
    .insert(&txn)
    .await
    .on_unique(
        ROOM_UNIQUE,
        DomainError::invalid("name", ValidationReason::Invalid),
    )?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.room.add",
        "barcamp_room",
        r.id,
        edition_id,
        Value::Null,
        json!({ "name": r.name, "capacity": r.capacity, "equipment": equipment_of(&r.equipment) }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

pub async fn update_room(
    env: &Env,
    actor: &Actor,
    room_id: Uuid,
    input: RoomInput,
) -> DomainResult<edition::Model> {
    let f = parse_room(&input)?;
    let txn = env.begin_write().await?;
    let current = room::Entity::find_by_id(room_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let me = require_organiser(&txn, actor, current.edition_id).await?;
    let e = lock(&txn, current.edition_id).await?;
    // Equipment a session placed here needs cannot go: move the session first.
    let keeps: Vec<String> = serde_json::from_str(&f.equipment).unwrap_or_default();
    let placed_here = barcamp_session::Entity::find()
        .filter(barcamp_session::Column::RoomId.eq(room_id))
        .filter(barcamp_session::Column::Status.eq("PROPOSED"))
        .all(&txn)
        .await?;
    if placed_here.iter().any(|s| {
        equipment_of(&s.equipment)
            .iter()
            .any(|w| !keeps.contains(w))
    }) {
        return Err(DomainError::invalid("equipment", ValidationReason::Invalid));
    }
    let before = json!({ "name": current.name, "capacity": current.capacity, "equipment": equipment_of(&current.equipment) });
    let mut am = current.into_active_model();
    am.name = Set(f.name);
    am.capacity = Set(f.capacity);
    am.equipment = Set(f.equipment);
    let r = am.update(&txn).await.on_unique(
        ROOM_UNIQUE,
        DomainError::invalid("name", ValidationReason::Invalid),
    )?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.room.update",
        "barcamp_room",
        r.id,
        e.id,
        before,
        json!({ "name": r.name, "capacity": r.capacity, "equipment": equipment_of(&r.equipment) }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

pub async fn remove_room(env: &Env, actor: &Actor, room_id: Uuid) -> DomainResult<edition::Model> {
    let txn = env.begin_write().await?;
    let current = room::Entity::find_by_id(room_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let me = require_organiser(&txn, actor, current.edition_id).await?;
    let e = lock(&txn, current.edition_id).await?;
    let used = barcamp_session::Entity::find()
        .filter(barcamp_session::Column::RoomId.eq(room_id))
        .count(&txn)
        .await?;
    if used > 0 {
        return Err(DomainError::Conflict("room in use"));
    }
    room::Entity::delete_by_id(room_id).exec(&txn).await?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.room.remove",
        "barcamp_room",
        room_id,
        e.id,
        json!({ "name": current.name }),
        Value::Null,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

// ---------------------------------------------------------------- slots

fn time(field: &'static str, raw: &str) -> DomainResult<NaiveTime> {
    if raw.trim().is_empty() {
        return Err(DomainError::invalid(field, ValidationReason::Required));
    }
    NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .map_err(|_| DomainError::invalid(field, ValidationReason::Invalid))
}

/// A local wall-clock time at the venue as an instant; refused when the clock skips or
/// repeats it (daylight-saving changes).
fn instant(
    tz: chrono_tz::Tz,
    day: NaiveDate,
    t: NaiveTime,
    field: &'static str,
) -> DomainResult<chrono::DateTime<Utc>> {
    tz.from_local_datetime(&day.and_time(t))
        .single()
        .map(|d| d.with_timezone(&Utc))
        .ok_or(DomainError::invalid(field, ValidationReason::Invalid))
}

pub async fn add_slot(
    env: &Env,
    actor: &Actor,
    edition_id: Uuid,
    input: SlotInput,
) -> DomainResult<edition::Model> {
    let txn = env.begin_write().await?;
    let me = require_organiser(&txn, actor, edition_id).await?;
    let e = lock(&txn, edition_id).await?;
    let day = date("day", &input.day)?;
    if day < e.starts_on || day > e.ends_on {
        return Err(DomainError::invalid("day", ValidationReason::Invalid));
    }
    let (start, end) = (time("start", &input.start)?, time("end", &input.end)?);
    if end <= start {
        return Err(DomainError::invalid("end", ValidationReason::Invalid));
    }
    let tz = tz_of(&e);
    let (starts_at, ends_at) = (
        instant(tz, day, start, "start")?,
        instant(tz, day, end, "end")?,
    );
    let existing = slot::Entity::find()
        .filter(slot::Column::EditionId.eq(edition_id))
        .all(&txn)
        .await?;
    if existing.len() as u64 >= MAX_SLOTS {
        return Err(DomainError::Conflict("too many slots"));
    }
    if existing
        .iter()
        .any(|s| s.starts_at < ends_at && s.ends_at > starts_at)
    {
        return Err(DomainError::invalid("start", ValidationReason::Invalid));
    }
    let s = slot::ActiveModel {
        id: Set(Uuid::new_v4()),
        edition_id: Set(edition_id),
        day: Set(day),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
    }
    .insert(&txn)
    .await
    .on_unique(
        &["uq_slots_edition_start", "barcamp_slots.edition_id"],
        DomainError::invalid("start", ValidationReason::Invalid),
    )?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.slot.add",
        "barcamp_slot",
        s.id,
        edition_id,
        Value::Null,
        json!({ "day": s.day, "startsAt": s.starts_at, "endsAt": s.ends_at }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

pub async fn remove_slot(env: &Env, actor: &Actor, slot_id: Uuid) -> DomainResult<edition::Model> {
    let txn = env.begin_write().await?;
    let current = slot::Entity::find_by_id(slot_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let me = require_organiser(&txn, actor, current.edition_id).await?;
    let e = lock(&txn, current.edition_id).await?;
    let starts_here = barcamp_session::Entity::find()
        .filter(barcamp_session::Column::StartSlotId.eq(slot_id))
        .count(&txn)
        .await?;
    let occupied = crate::entities::barcamp_occupancy::Entity::find()
        .filter(crate::entities::barcamp_occupancy::Column::SlotId.eq(slot_id))
        .count(&txn)
        .await?;
    if starts_here + occupied > 0 {
        return Err(DomainError::Conflict("slot in use"));
    }
    slot::Entity::delete_by_id(slot_id).exec(&txn).await?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.slot.remove",
        "barcamp_slot",
        slot_id,
        e.id,
        json!({ "startsAt": current.starts_at }),
        Value::Null,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

// ---------------------------------------------------------------- attendees

fn feed_token() -> String {
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Members and sympathisers alike: any signed-in account.
pub async fn register(env: &Env, actor: &Actor, edition_id: Uuid) -> DomainResult<edition::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let e = lock(&txn, edition_id).await?;
    if registration_of(&txn, edition_id, me.id).await?.is_some() {
        return Ok(e);
    }
    registration::ActiveModel {
        edition_id: Set(edition_id),
        user_id: Set(me.id),
        feed_token: Set(feed_token()),
        registered_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.register",
        "barcamp_edition",
        edition_id,
        edition_id,
        Value::Null,
        json!({ "registered": true }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

/// Leaves the edition: the interests go too. Hosts hand their sessions over first.
pub async fn unregister(
    env: &Env,
    actor: &Actor,
    edition_id: Uuid,
) -> DomainResult<edition::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let e = lock(&txn, edition_id).await?;
    if registration_of(&txn, edition_id, me.id).await?.is_none() {
        return Ok(e);
    }
    let hosting = crate::domain::barcamp::sessions::hosted_in(&txn, edition_id, me.id).await?;
    if !hosting.is_empty() {
        return Err(DomainError::Conflict("hosts a session"));
    }
    remove_attendee(&txn, edition_id, me.id).await?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.unregister",
        "barcamp_edition",
        edition_id,
        edition_id,
        Value::Null,
        json!({ "registered": false }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

/// Deletes a registration and the interests that go with it.
pub async fn remove_attendee(
    txn: &DatabaseTransaction,
    edition_id: Uuid,
    user_id: Uuid,
) -> DomainResult<()> {
    let sessions: Vec<Uuid> = barcamp_session::Entity::find()
        .filter(barcamp_session::Column::EditionId.eq(edition_id))
        .select_only()
        .column(barcamp_session::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    barcamp_interest::Entity::delete_many()
        .filter(barcamp_interest::Column::UserId.eq(user_id))
        .filter(barcamp_interest::Column::SessionId.is_in(sessions))
        .exec(txn)
        .await?;
    registration::Entity::delete_by_id((edition_id, user_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// A new private feed address; the old one stops working.
pub async fn reset_feed(
    env: &Env,
    actor: &Actor,
    edition_id: Uuid,
) -> DomainResult<edition::Model> {
    let txn = env.begin_write().await?;
    let me = require_registered(&txn, actor, edition_id).await?;
    let e = lock(&txn, edition_id).await?;
    let reg = registration_of(&txn, edition_id, me.id)
        .await?
        .ok_or(DomainError::NotRegistered)?;
    let mut am = reg.into_active_model();
    am.feed_token = Set(feed_token());
    am.update(&txn).await?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.feed.reset",
        "barcamp_edition",
        edition_id,
        edition_id,
        Value::Null,
        Value::Null,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

pub async fn registration_count(
    env: &Env,
    actor: &Actor,
    edition_id: Uuid,
) -> DomainResult<Option<i64>> {
    if !is_organiser(&env.db, actor, edition_id).await? {
        return Ok(None);
    }
    Ok(Some(
        registration::Entity::find()
            .filter(registration::Column::EditionId.eq(edition_id))
            .count(&env.db)
            .await? as i64,
    ))
}

pub async fn by_feed_token(env: &Env, token: &str) -> DomainResult<Option<registration::Model>> {
    if token.len() != 48 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    Ok(registration::Entity::find()
        .filter(registration::Column::FeedToken.eq(token))
        .one(&env.db)
        .await?)
}
