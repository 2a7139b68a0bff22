//! The annual barcamp, part one: editions, their organisers, rooms and time slots, and who
//! registers. The board creates editions and names organisers; organisers run them.

pub mod access;
pub mod notices;
pub mod schedule;
pub mod sessions;

mod attendees;
mod editions;
mod venue;
pub use attendees::*;
pub use editions::*;
pub use venue::*;

use crate::domain::core::parse::{date, text};
use crate::domain::{core::audit, Actor, CurrentUser, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{
    audit_log, barcamp_edition as edition, barcamp_interest, barcamp_organiser as organiser,
    barcamp_registration as registration, barcamp_room as room, barcamp_session,
    barcamp_slot as slot, user,
};
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use constellation_shared::dto::barcamp::{BarcampPhase, EditionInput, RoomInput, SlotInput};
use constellation_shared::ids::EditionId;
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

pub fn tz_of(e: &edition::Model) -> chrono_tz::Tz {
    e.timezone.0
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
    target_id: impl std::fmt::Display,
    edition_id: EditionId,
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
pub fn edition_of_entry(e: &audit_log::Model) -> Option<EditionId> {
    if !e.action.starts_with("barcamp.") {
        return None;
    }
    let diff: Value = serde_json::from_str(&e.diff).ok()?;
    diff["after"]["editionId"].as_str()?.parse().ok()
}

// ---------------------------------------------------------------- access

pub async fn find<C: ConnectionTrait>(conn: &C, id: EditionId) -> DomainResult<edition::Model> {
    edition::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)
}

/// The edition, locked for the rest of the transaction on PostgreSQL (SQLite's write
/// transaction holds the database lock already): barcamp writes check, then write.
pub async fn lock(txn: &DatabaseTransaction, id: EditionId) -> DomainResult<edition::Model> {
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
    edition_id: EditionId,
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
    edition_id: EditionId,
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
    edition_id: EditionId,
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
    edition_id: EditionId,
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
    Ok(e.phase == BarcampPhase::Published || is_organiser(&env.db, actor, e.id).await?)
}
