//! Requests from Labs, the board's decisions, releases, and the ledger they write.
//! A grant is `UPDATE pool_periods SET granted = granted + g WHERE id = ? AND granted + g <=
//! capacity`: whoever commits first takes the capacity, the others are refused — on SQLite
//! and PostgreSQL alike, with a CHECK constraint behind it.

use crate::domain::core::parse::text;
use crate::domain::labs::{find_visible, is_active, is_coordinator, membership};
use crate::domain::resources::{amount, find_period, show};
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{lab, ledger_entry, pool_period, project, resource_request};
use constellation_shared::dto::labs::{LabStatus, ProjectStatus};
use constellation_shared::dto::resources::{
    LedgerKind, RequestInput, RequestStatus, ResourceDecision,
};
use constellation_shared::ids::RequestId;
use constellation_shared::ValidationReason;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

mod decisions;
mod filing;
mod listing;
pub use decisions::*;
pub use filing::*;
pub use listing::*;

use crate::domain::core::parse::id as parse_id;

/// The request, with its Lab, if the caller is an active coordinator of that Lab.
async fn as_coordinator(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: RequestId,
) -> DomainResult<(resource_request::Model, lab::Model, Uuid)> {
    let me = actor.user()?;
    let r = resource_request::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let l = find_visible(txn, actor, r.lab_id).await?;
    if !is_coordinator(membership(txn, l.id, me.id).await?.as_ref()) {
        return Err(DomainError::Forbidden);
    }
    Ok((r, l, me.id))
}

/// Compare-and-set on a request's status.
async fn move_request(
    txn: &DatabaseTransaction,
    r: &resource_request::Model,
    changes: resource_request::ActiveModel,
) -> DomainResult<resource_request::Model> {
    let res = resource_request::Entity::update_many()
        .set(changes)
        .filter(resource_request::Column::Id.eq(r.id))
        .filter(resource_request::Column::Status.eq(r.status))
        // A decision applies to the request as the board read it, not to one edited meanwhile.
        .filter(resource_request::Column::Amount.eq(r.amount))
        .exec(txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(DomainError::InvalidTransition("request changed meanwhile"));
    }
    resource_request::Entity::find_by_id(r.id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)
}

async fn ledger(
    txn: &DatabaseTransaction,
    r: &resource_request::Model,
    kind: LedgerKind,
    amount: i64,
    reason: &str,
    actor: Uuid,
) -> DomainResult<()> {
    ledger_entry::ActiveModel {
        period_id: Set(r.period_id),
        request_id: Set(r.id),
        lab_id: Set(r.lab_id),
        kind: Set(kind),
        amount: Set(amount),
        reason: Set(reason.to_owned()),
        actor_id: Set(Some(actor)),
        at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}
