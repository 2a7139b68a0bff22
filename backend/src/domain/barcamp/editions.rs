//! Editions: creating and updating them, moving through the phases, naming organisers, listing.

use super::*;
use crate::entities::barcamp_edition::Zone;
use constellation_shared::ids::EditionId;

pub(super) struct EditionFields {
    year: i32,
    title: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    venue: String,
    timezone: Zone,
}

pub(super) fn parse_edition(input: &EditionInput) -> DomainResult<EditionFields> {
    if !(2000..=2200).contains(&input.year) {
        return Err(DomainError::invalid("year", ValidationReason::Invalid));
    }
    let starts_on = date("startsOn", &input.starts_on)?;
    let ends_on = date("endsOn", &input.ends_on)?;
    if ends_on < starts_on || (ends_on - starts_on).num_days() > 14 {
        return Err(DomainError::invalid("endsOn", ValidationReason::Invalid));
    }
    let timezone: Zone = input
        .timezone
        .trim()
        .parse()
        .map_err(|_| DomainError::invalid("timezone", ValidationReason::Invalid))?;
    Ok(EditionFields {
        year: input.year,
        title: text("title", &input.title, true, 200)?,
        starts_on,
        ends_on,
        venue: text("venue", &input.venue, true, 300)?,
        timezone,
    })
}

pub(super) const YEAR_UNIQUE: &[&str] = &["uq_editions_year", "barcamp_editions.year"];

pub async fn create(env: &Env, actor: &Actor, input: EditionInput) -> DomainResult<edition::Model> {
    let board = actor.board_or_admin()?;
    let f = parse_edition(&input)?;
    let txn = env.begin_write().await?;
    let e = edition::ActiveModel {
        id: Set(EditionId::new_v4()),
        year: Set(f.year),
        title: Set(f.title),
        starts_on: Set(f.starts_on),
        ends_on: Set(f.ends_on),
        venue: Set(f.venue),
        timezone: Set(f.timezone),
        phase: Set(BarcampPhase::Proposals),
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
    id: EditionId,
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
    id: EditionId,
    to: BarcampPhase,
) -> DomainResult<edition::Model> {
    let txn = env.begin_write().await?;
    let me = require_organiser(&txn, actor, id).await?;
    let e = lock(&txn, id).await?;
    let from = e.phase;
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
    am.phase = Set(to);
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
    edition_id: EditionId,
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
