//! Resource pools and their periods: what the association shares and how much of it is
//! granted. Only the board creates and edits them; every association member reads them.

pub mod requests;

use crate::domain::core::parse::{date, text};
use crate::domain::{core::audit, Actor, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{pool_period, resource_pool};
use constellation_shared::dto::resources::{PeriodInput, PoolInput};
use constellation_shared::ids::{PeriodId, PoolId};
use constellation_shared::rules::amount::{format_amount, parse_amount, AmountError, MAX_SCALE};
use constellation_shared::ValidationReason;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;

const POOL_NAME_UNIQUE: &[&str] = &["uq_pools_name", "resource_pools.name"];
const PERIOD_UNIQUE: &[&str] = &["uq_periods_pool_label", "pool_periods.pool_id"];

/// An amount typed by a person, in a pool's unit.
pub fn amount(field: &'static str, raw: &str, scale: i32) -> DomainResult<i64> {
    match parse_amount(raw, scale.clamp(0, MAX_SCALE as i32) as u32) {
        Ok(v) => Ok(v),
        Err(AmountError::Empty) => Err(DomainError::invalid(field, ValidationReason::Required)),
        Err(AmountError::TooLarge) => Err(DomainError::invalid(field, ValidationReason::TooLong)),
        Err(_) => Err(DomainError::invalid(field, ValidationReason::Invalid)),
    }
}

pub fn show(minor: i64, scale: i32) -> String {
    format_amount(minor, scale.clamp(0, MAX_SCALE as i32) as u32)
}

fn period_row(
    pool_id: PoolId,
    scale: i32,
    input: &PeriodInput,
) -> DomainResult<pool_period::ActiveModel> {
    let label = text("label", &input.label, true, 40)?;
    let starts_on = date("startsOn", &input.starts_on)?;
    let ends_on = date("endsOn", &input.ends_on)?;
    if ends_on < starts_on {
        return Err(DomainError::invalid("endsOn", ValidationReason::Invalid));
    }
    let capacity = amount("capacity", &input.capacity, scale)?;
    Ok(pool_period::ActiveModel {
        id: Set(PeriodId::new_v4()),
        pool_id: Set(pool_id),
        label: Set(label),
        starts_on: Set(starts_on),
        ends_on: Set(ends_on),
        capacity: Set(capacity),
        granted: Set(0),
    })
}

pub async fn create_pool(
    env: &Env,
    actor: &Actor,
    input: PoolInput,
) -> DomainResult<resource_pool::Model> {
    let board = actor.board_or_admin()?;
    let name = text("name", &input.name, true, 120)?;
    let unit = text("unit", &input.unit, true, 16)?;
    if !(0..=MAX_SCALE as i32).contains(&input.scale) {
        return Err(DomainError::invalid("scale", ValidationReason::Invalid));
    }
    let description = text("description", &input.description, false, 10_000)?;
    let id = PoolId::new_v4();
    let period = period_row(id, input.scale, &input.period)?;
    let txn = env.begin_write().await?;
    let pool = resource_pool::ActiveModel {
        id: Set(id),
        name: Set(name),
        kind: Set(input.kind),
        unit: Set(unit),
        scale: Set(input.scale),
        description: Set(description),
        created_by: Set(board.id),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(&txn)
    .await
    .on_unique(
        POOL_NAME_UNIQUE,
        DomainError::invalid("name", ValidationReason::Invalid),
    )?;
    let p = period.insert(&txn).await?;
    let entry = audit::record(&txn, Some(board.id), "pool.create", "pool", &id.to_string(), serde_json::Value::Null,
        json!({ "name": pool.name, "unit": pool.unit, "scale": pool.scale, "period": p.label, "capacity": show(p.capacity, pool.scale) })).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(pool)
}

pub async fn update_pool(
    env: &Env,
    actor: &Actor,
    pool_id: PoolId,
    name: &str,
    description: &str,
) -> DomainResult<resource_pool::Model> {
    let board = actor.board_or_admin()?;
    let name = text("name", name, true, 120)?;
    let description = text("description", description, false, 10_000)?;
    let txn = env.begin_write().await?;
    let before = resource_pool::Entity::find_by_id(pool_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let mut am: resource_pool::ActiveModel = before.clone().into();
    am.name = Set(name);
    am.description = Set(description);
    let after = am.update(&txn).await.on_unique(
        POOL_NAME_UNIQUE,
        DomainError::invalid("name", ValidationReason::Invalid),
    )?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "pool.update",
        "pool",
        &pool_id.to_string(),
        json!({ "name": before.name, "description": before.description }),
        json!({ "name": after.name, "description": after.description }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(after)
}

pub async fn add_period(
    env: &Env,
    actor: &Actor,
    pool_id: PoolId,
    input: PeriodInput,
) -> DomainResult<resource_pool::Model> {
    let board = actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    let pool = resource_pool::Entity::find_by_id(pool_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let p = period_row(pool.id, pool.scale, &input)?
        .insert(&txn)
        .await
        .on_unique(
            PERIOD_UNIQUE,
            DomainError::invalid("label", ValidationReason::Invalid),
        )?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "pool.add_period",
        "pool",
        &pool_id.to_string(),
        serde_json::Value::Null,
        json!({ "period": p.label, "capacity": show(p.capacity, pool.scale) }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(pool)
}

/// Raises or lowers a capacity; the update applies only if it stays at or above what is
/// granted, in the same statement (no check-then-write).
pub async fn set_capacity(
    env: &Env,
    actor: &Actor,
    period_id: PeriodId,
    capacity: &str,
) -> DomainResult<resource_pool::Model> {
    let board = actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    let period = pool_period::Entity::find_by_id(period_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let pool = resource_pool::Entity::find_by_id(period.pool_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let new = amount("capacity", capacity, pool.scale)?;
    let res = pool_period::Entity::update_many()
        .col_expr(pool_period::Column::Capacity, Expr::value(new))
        .filter(pool_period::Column::Id.eq(period_id))
        .filter(pool_period::Column::Granted.lte(new))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(DomainError::CapacityBelowGranted);
    }
    let entry = audit::record(
        &txn,
        Some(board.id),
        "pool.set_capacity",
        "pool_period",
        &period_id.to_string(),
        json!({ "capacity": show(period.capacity, pool.scale) }),
        json!({ "capacity": show(new, pool.scale) }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(pool)
}

/// By name; `after` is the last name seen.
pub async fn list_pools(
    env: &Env,
    actor: &Actor,
    after: Option<String>,
    limit: u64,
) -> DomainResult<Vec<resource_pool::Model>> {
    actor.user()?;
    let mut q = resource_pool::Entity::find().order_by_asc(resource_pool::Column::Name);
    if let Some(a) = after {
        q = q.filter(resource_pool::Column::Name.gt(a));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

pub async fn find_period<C: ConnectionTrait>(
    conn: &C,
    id: PeriodId,
) -> DomainResult<(pool_period::Model, resource_pool::Model)> {
    let period = pool_period::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let pool = resource_pool::Entity::find_by_id(period.pool_id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((period, pool))
}
