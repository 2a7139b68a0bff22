//! The venue of an edition: its rooms and its time slots.

use super::*;
use constellation_shared::ids::{EditionId, RoomId, SlotId};

pub(super) struct RoomFields {
    name: String,
    capacity: i32,
    equipment: String,
}

pub(super) fn parse_room(input: &RoomInput) -> DomainResult<RoomFields> {
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

pub(super) const ROOM_UNIQUE: &[&str] = &["uq_rooms_edition_name", "barcamp_rooms.edition_id"];

pub async fn add_room(
    env: &Env,
    actor: &Actor,
    edition_id: EditionId,
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
        id: Set(RoomId::new_v4()),
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
    room_id: RoomId,
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

pub async fn remove_room(
    env: &Env,
    actor: &Actor,
    room_id: RoomId,
) -> DomainResult<edition::Model> {
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

pub(super) fn time(field: &'static str, raw: &str) -> DomainResult<NaiveTime> {
    if raw.trim().is_empty() {
        return Err(DomainError::invalid(field, ValidationReason::Required));
    }
    NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .map_err(|_| DomainError::invalid(field, ValidationReason::Invalid))
}

/// A local wall-clock time at the venue as an instant; refused when the clock skips or
/// repeats it (daylight-saving changes).
pub(super) fn instant(
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
    edition_id: EditionId,
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
        id: Set(SlotId::new_v4()),
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

pub async fn remove_slot(
    env: &Env,
    actor: &Actor,
    slot_id: SlotId,
) -> DomainResult<edition::Model> {
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
