//! General assemblies, part one: the assembly, its agenda and motions, the convocation and
//! the session. The board (or an admin) prepares and chairs; members read.
//!
//! This file holds the assembly itself (reading, creating, the electorate); beside it:
//! `agenda` (numbered items), `motions` (and their majority rules), `convocation` (the
//! convocation and the session); then `proxies`, `votes` (part three), `room_counts`,
//! `live`, `minutes` and `notices`.

mod agenda;
mod attendance;
mod convocation;
pub mod elections;
pub mod encrypted;
pub mod live;
pub mod minutes;
mod motions;
pub mod notices;
pub mod proxies;
pub mod room_counts;
pub mod votes;

pub use agenda::*;
pub use convocation::*;
pub use motions::*;

use crate::domain::core::parse::text;
use crate::domain::{core::audit, Actor, CurrentUser, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{agenda_item, assembly, majority_rule, motion, user};
use chrono::{DateTime, Utc};
use constellation_shared::dto::assemblies::{
    AgendaItemInput, AssemblyInput, AssemblyStatus, BallotKind, MajorityRuleCode, MotionInput,
    MotionKind, MotionStatus,
};
use constellation_shared::ids::{AssemblyId, MotionId};
use constellation_shared::{MembershipKind, ValidationReason};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

/// The days between two convocations of the same assembly, at least (the law).
pub const SECOND_CONVOCATION_DAYS: i64 = 15;

/// The ballot kind as the API names it: an encrypted motion is stored as `SECRET` with
/// `encrypted` set.
pub fn ballot_kind(m: &motion::Model) -> BallotKind {
    if m.encrypted {
        BallotKind::Encrypted
    } else {
        m.ballot
    }
}

/// The association reads its assemblies: effective and adherent members, the board, admins.
pub fn reader(actor: &Actor) -> DomainResult<&CurrentUser> {
    actor.association_member()
}

pub fn is_effective(u: &CurrentUser) -> bool {
    u.kind == MembershipKind::Effective
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: AssemblyId) -> DomainResult<assembly::Model> {
    assembly::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Locks the assembly row (PostgreSQL; SQLite's write transaction already holds the lock).
pub async fn lock(txn: &DatabaseTransaction, id: AssemblyId) -> DomainResult<assembly::Model> {
    let mut q = assembly::Entity::find_by_id(id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    q.one(txn).await?.ok_or(DomainError::NotFound)
}

pub async fn list(
    env: &Env,
    actor: &Actor,
    before: Option<(DateTime<Utc>, AssemblyId)>,
    limit: u64,
) -> DomainResult<Vec<assembly::Model>> {
    reader(actor)?;
    let mut q = assembly::Entity::find()
        .order_by_desc(assembly::Column::StartsAt)
        .order_by_desc(assembly::Column::Id);
    if let Some((at, id)) = before {
        q = q.filter(
            sea_orm::Condition::any()
                .add(assembly::Column::StartsAt.lt(at))
                .add(
                    sea_orm::Condition::all()
                        .add(assembly::Column::StartsAt.eq(at))
                        .add(assembly::Column::Id.lt(id)),
                ),
        );
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

pub async fn get(env: &Env, actor: &Actor, id: AssemblyId) -> DomainResult<assembly::Model> {
    reader(actor)?;
    find(&env.db, id).await
}

fn record_change(a: &assembly::Model) -> Value {
    json!({ "kind": a.kind, "title": a.title, "startsAt": a.starts_at, "place": a.place, "status": a.status, "firstConvocationId": a.first_convocation_id })
}

pub async fn create(
    env: &Env,
    actor: &Actor,
    input: AssemblyInput,
) -> DomainResult<assembly::Model> {
    let board = actor.board_or_admin()?;
    let title = text("title", &input.title, true, 200)?;
    let place = text("place", &input.place, true, 500)?;
    let starts_at = DateTime::parse_from_rfc3339(input.starts_at.trim())
        .map_err(|_| DomainError::invalid("startsAt", ValidationReason::Invalid))?
        .with_timezone(&Utc);
    let txn = env.begin_write().await?;
    let first = match input
        .first_convocation_id
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        None => None,
        Some(raw) => {
            let id: AssemblyId = raw.trim().parse().map_err(|_| {
                DomainError::invalid("firstConvocationId", ValidationReason::InvalidId)
            })?;
            let first = find(&txn, id).await.map_err(|_| {
                DomainError::invalid("firstConvocationId", ValidationReason::Invalid)
            })?;
            if first.first_convocation_id.is_some() {
                return Err(DomainError::invalid(
                    "firstConvocationId",
                    ValidationReason::Invalid,
                ));
            }
            if starts_at < first.starts_at + chrono::Duration::days(SECOND_CONVOCATION_DAYS) {
                return Err(DomainError::invalid("startsAt", ValidationReason::Invalid));
            }
            Some(id)
        }
    };
    let a = assembly::ActiveModel {
        id: Set(AssemblyId::now_v7()),
        kind: Set(input.kind),
        title: Set(title),
        starts_at: Set(starts_at),
        place: Set(place),
        language: Set(input.language),
        status: Set(AssemblyStatus::Draft),
        first_convocation_id: Set(first),
        convened_at: Set(None),
        opened_at: Set(None),
        closed_at: Set(None),
        created_by: Set(board.id),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "assembly.create",
        "assembly",
        &a.id.to_string(),
        Value::Null,
        record_change(&a),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(a)
}

/// Effective members, the electorate of every quorum.
pub async fn effective_members<C: ConnectionTrait>(conn: &C) -> DomainResult<u64> {
    Ok(user::Entity::find()
        .filter(user::Column::MembershipKind.eq(MembershipKind::Effective.as_str()))
        .filter(user::Column::DeletedAt.is_null())
        .count(conn)
        .await?)
}
