//! Paths and statuses. A holder (or the board) chooses a path, which plans a service still
//! to plan; the board moves statuses forward freely and backwards only with a reason; a
//! holder may start the migration of a planned service. `CLOSED` needs the hand-over
//! confirmed or waived (`HANDOVER_PENDING`; a CHECK stands behind it). Every step is a row
//! of `transition_status_events`: who, when, from, to, the path, the reason.

use crate::domain::core::parse::text;
use crate::domain::transition::{find_service, holders_of, is_holder, notices, opt_id, path_of};
use crate::domain::{core::audit, Actor, CurrentUser, DomainError, DomainResult, Env};
use crate::entities::{
    transition_group, transition_group_member as group_member, transition_holder,
    transition_service as service, transition_status_event as step,
};
use constellation_shared::dto::transition::{MigrationPath, PathInput, ServiceStatus};
use constellation_shared::ids::{LabId, ServiceId};
use constellation_shared::ValidationReason;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

/// Compare-and-set on the service: applies only if its status and path are as read.
pub async fn move_service(
    txn: &DatabaseTransaction,
    s: &service::Model,
    changes: service::ActiveModel,
) -> DomainResult<service::Model> {
    let mut q = service::Entity::update_many()
        .set(changes)
        .filter(service::Column::Id.eq(s.id))
        .filter(service::Column::Status.eq(s.status));
    q = match &s.path {
        Some(p) => q.filter(service::Column::Path.eq(*p)),
        None => q.filter(service::Column::Path.is_null()),
    };
    let res = q.exec(txn).await?;
    if res.rows_affected != 1 {
        return Err(DomainError::InvalidTransition("service changed meanwhile"));
    }
    find_service(txn, s.id).await
}

/// One step of the record.
pub async fn record_step<C: ConnectionTrait>(
    conn: &C,
    service_id: ServiceId,
    from: Option<ServiceStatus>,
    to: ServiceStatus,
    path: Option<MigrationPath>,
    reason: Option<String>,
    actor: Option<Uuid>,
) -> DomainResult<()> {
    step::ActiveModel {
        service_id: Set(service_id),
        from_status: Set(from),
        to_status: Set(to),
        path: Set(path),
        reason: Set(reason),
        actor_id: Set(actor),
        at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

async fn holder_or_board(
    txn: &DatabaseTransaction,
    me: &CurrentUser,
    s: &service::Model,
) -> DomainResult<bool> {
    let holder = is_holder(txn, s.id, me.id).await?;
    if !(holder || me.is_board || me.is_admin) {
        // Someone else's service does not exist for the caller.
        return Err(DomainError::NotFound);
    }
    Ok(holder)
}

/// Sets the path (and plans a service still to plan), inside `txn`; used by
/// [`choose_path`] and by the board accepting a take-over offer.
pub async fn set_path(
    txn: &DatabaseTransaction,
    actor: Uuid,
    s: &service::Model,
    path: MigrationPath,
    target_host: String,
    group: Option<Uuid>,
    taker: (Option<Uuid>, Option<LabId>),
) -> DomainResult<service::Model> {
    if s.internal {
        return Err(DomainError::InvalidTransition(
            "an internal service is not migrated",
        ));
    }
    let status = s.status;
    if status.rank() >= ServiceStatus::Migrated.rank() {
        return Err(DomainError::InvalidTransition(
            "the service is already migrated",
        ));
    }
    let to = if status == ServiceStatus::ToPlan {
        ServiceStatus::Planned
    } else {
        status
    };
    let updated = move_service(
        txn,
        s,
        service::ActiveModel {
            path: Set(Some(path)),
            target_host: Set(target_host),
            group_id: Set(group),
            taker_user_id: Set(taker.0),
            taker_lab_id: Set(taker.1),
            status: Set(to),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    record_step(txn, s.id, Some(status), to, Some(path), None, Some(actor)).await?;
    if let Some(old) = s.group_id.filter(|old| Some(*old) != group) {
        leave_group(txn, old, &holders_of(txn, s.id).await?).await?;
    }
    Ok(updated)
}

/// The holders of a service of `group` are its members (joining twice is joining once).
pub(super) async fn join_group(
    txn: &DatabaseTransaction,
    group: Uuid,
    holders: &[Uuid],
) -> DomainResult<()> {
    let now = chrono::Utc::now();
    for h in holders {
        group_member::Entity::insert(group_member::ActiveModel {
            group_id: Set(group),
            user_id: Set(*h),
            joined_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([group_member::Column::GroupId, group_member::Column::UserId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

/// A group's members are the holders of its services: after a service leaves `group`, each
/// of `holders` who holds no other service of it leaves too.
pub(super) async fn leave_group(
    txn: &DatabaseTransaction,
    group: Uuid,
    holders: &[Uuid],
) -> DomainResult<()> {
    for h in holders {
        let still = service::Entity::find()
            .filter(service::Column::GroupId.eq(group))
            .filter(
                service::Column::Id.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(transition_holder::Column::ServiceId)
                        .from(transition_holder::Entity)
                        .and_where(transition_holder::Column::UserId.eq(*h))
                        .to_owned(),
                ),
            )
            .count(txn)
            .await?;
        if still == 0 {
            group_member::Entity::delete_by_id((group, *h))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// A holder or the board chooses how a service leaves. `TAKEN_OVER` comes only from an
/// accepted offer; `COLLECTIVE` names a group, which the holders join.
pub async fn choose_path(
    env: &Env,
    actor: &Actor,
    id: ServiceId,
    input: PathInput,
) -> DomainResult<service::Model> {
    let me = actor.user()?;
    let target = text("targetHost", &input.target_host, false, 300)?;
    let group = opt_id("groupId", input.group_id.as_deref())?;
    match input.path {
        MigrationPath::TakenOver => {
            return Err(DomainError::invalid("path", ValidationReason::Invalid))
        }
        MigrationPath::Collective if group.is_none() => {
            return Err(DomainError::invalid("groupId", ValidationReason::Required))
        }
        MigrationPath::Collective => {}
        _ if group.is_some() => {
            return Err(DomainError::invalid("groupId", ValidationReason::Invalid))
        }
        _ => {}
    }
    let txn = env.begin_write().await?;
    let s = find_service(&txn, id).await?;
    holder_or_board(&txn, me, &s).await?;
    let mut target = target;
    if let Some(g) = group {
        let g = transition_group::Entity::find_by_id(g)
            .one(&txn)
            .await?
            .ok_or(DomainError::invalid("groupId", ValidationReason::InvalidId))?;
        if target.is_empty() {
            target = g.target_host.clone();
        }
        join_group(&txn, g.id, &holders_of(&txn, s.id).await?).await?;
    }
    let updated = set_path(&txn, me.id, &s, input.path, target, group, (None, None)).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "transition.choose_path",
        "transition_service",
        &id.to_string(),
        json!({ "status": s.status, "path": s.path, "targetHost": s.target_host }),
        json!({ "status": updated.status, "path": updated.path, "targetHost": updated.target_host, "group": group }),
    )
    .await?;
    let told = notices::path_chosen(&txn, env, &updated, me.id).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    notices::announce(env, told);
    Ok(updated)
}

/// Moves a status. Board: forward freely, backwards with a reason; `CLOSED` once the
/// hand-over is confirmed or waived. A holder: `PLANNED → IN_PROGRESS` on their own service.
pub async fn set_status(
    env: &Env,
    actor: &Actor,
    id: ServiceId,
    to: ServiceStatus,
    reason: Option<&str>,
) -> DomainResult<service::Model> {
    let me = actor.user()?;
    let reason = text("reason", reason.unwrap_or(""), false, 10_000)?;
    let txn = env.begin_write().await?;
    let s = find_service(&txn, id).await?;
    let holder = holder_or_board(&txn, me, &s).await?;
    let board = me.is_board || me.is_admin;
    let from = s.status;
    // A holder (not the board) may only say the move has started.
    let holder_step = holder && from == ServiceStatus::Planned && to == ServiceStatus::InProgress;
    if !(board || holder_step) {
        return Err(DomainError::Forbidden);
    }
    if s.internal {
        return Err(DomainError::InvalidTransition(
            "an internal service is not migrated",
        ));
    }
    if from == to {
        return Err(DomainError::InvalidTransition("already in this status"));
    }
    let backwards = to.rank() < from.rank();
    if backwards && reason.is_empty() {
        return Err(DomainError::invalid("reason", ValidationReason::Required));
    }
    if to != ServiceStatus::ToPlan && path_of(&s).is_none() {
        return Err(DomainError::InvalidTransition("choose a path first"));
    }
    if to == ServiceStatus::Closed
        && s.handover_confirmed_at.is_none()
        && s.handover_waived_reason.is_none()
    {
        return Err(DomainError::HandoverPending);
    }
    let mut changes = service::ActiveModel {
        status: Set(to),
        updated_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
    if to == ServiceStatus::ToPlan {
        // Back to the start: the path is chosen again.
        changes.path = Set(None);
        changes.group_id = Set(None);
        changes.taker_user_id = Set(None);
        changes.taker_lab_id = Set(None);
    }
    let updated = move_service(&txn, &s, changes).await?;
    let reason = (!reason.is_empty()).then_some(reason);
    record_step(
        &txn,
        s.id,
        Some(from),
        to,
        path_of(&updated),
        reason.clone(),
        Some(me.id),
    )
    .await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "transition.set_status",
        "transition_service",
        &id.to_string(),
        json!({ "status": s.status, "path": s.path }),
        json!({ "status": updated.status, "path": updated.path, "reason": reason }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}

/// Every step of many services, oldest first (for a loader).
pub async fn steps_of<C: ConnectionTrait>(
    conn: &C,
    service_ids: &[ServiceId],
) -> DomainResult<Vec<step::Model>> {
    Ok(step::Entity::find()
        .filter(step::Column::ServiceId.is_in(service_ids.iter().copied()))
        .order_by_asc(step::Column::Id)
        .all(conn)
        .await?)
}
