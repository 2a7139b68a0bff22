//! Getting the data back (note, pt. 2.1: members keep all of their data). Each service has
//! a checklist by kind; the board or the working group ticks an item as handed over, the
//! holder confirms receipt. When every item is confirmed the service's hand-over is
//! confirmed and, if not yet further, the service is `MIGRATED` (the data is with the
//! member). The board may waive a hand-over, with a reason.

use crate::domain::core::parse::text;
use crate::domain::transition::progress::{move_service, record_step};
use crate::domain::transition::{
    find_service, is_holder, notices, path_of, working_group_or_board,
};
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{transition_handover_item as item, transition_service as service};
use constellation_shared::dto::transition::ServiceStatus;
use constellation_shared::ids::ServiceId;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;
use uuid::Uuid;

async fn find_item<C: ConnectionTrait>(conn: &C, id: Uuid) -> DomainResult<item::Model> {
    item::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)
}

/// The board or the working group: this item was handed over to the member.
pub async fn mark_handed(env: &Env, actor: &Actor, item_id: Uuid) -> DomainResult<item::Model> {
    let txn = env.begin_write().await?;
    let me = working_group_or_board(&txn, actor).await?;
    let it = find_item(&txn, item_id).await?;
    let s = find_service(&txn, it.service_id).await?;
    if s.status == ServiceStatus::Closed {
        return Err(DomainError::InvalidTransition("the service is closed"));
    }
    let now = chrono::Utc::now();
    let res = item::Entity::update_many()
        .col_expr(item::Column::HandedBy, Expr::value(me.id))
        .col_expr(item::Column::HandedAt, Expr::value(now))
        .filter(item::Column::Id.eq(it.id))
        .filter(item::Column::HandedAt.is_null())
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(DomainError::InvalidTransition("already handed over"));
    }
    let after = find_item(&txn, it.id).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "transition.hand_over",
        "transition_handover_item",
        &it.id.to_string(),
        serde_json::Value::Null,
        json!({ "service": s.id, "item": it.item }),
    )
    .await?;
    let told = notices::handover_to_confirm(&txn, env, &s, &after).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    notices::announce(env, told);
    Ok(after)
}

/// A holder: I received this item.
pub async fn confirm(env: &Env, actor: &Actor, item_id: Uuid) -> DomainResult<item::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let it = find_item(&txn, item_id).await?;
    if !is_holder(&txn, it.service_id, me.id).await? {
        return Err(if me.is_board || me.is_admin {
            // Only the member says they received their data.
            DomainError::Forbidden
        } else {
            DomainError::NotFound
        });
    }
    if it.handed_at.is_none() {
        return Err(DomainError::InvalidTransition("not handed over yet"));
    }
    let now = chrono::Utc::now();
    let res = item::Entity::update_many()
        .col_expr(item::Column::ConfirmedBy, Expr::value(me.id))
        .col_expr(item::Column::ConfirmedAt, Expr::value(now))
        .filter(item::Column::Id.eq(it.id))
        .filter(item::Column::ConfirmedAt.is_null())
        .filter(item::Column::HandedAt.is_not_null())
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(DomainError::InvalidTransition("already confirmed"));
    }
    let items = items_of(&txn, &[it.service_id]).await?;
    let s = find_service(&txn, it.service_id).await?;
    if items.iter().all(|i| i.confirmed_at.is_some()) && s.handover_confirmed_at.is_none() {
        let from = s.status;
        let to = if from.rank() < ServiceStatus::Migrated.rank() && path_of(&s).is_some() {
            ServiceStatus::Migrated
        } else {
            from
        };
        move_service(
            &txn,
            &s,
            service::ActiveModel {
                handover_confirmed_at: Set(Some(now)),
                status: Set(to),
                updated_at: Set(now),
                ..Default::default()
            },
        )
        .await?;
        if to != from {
            record_step(
                &txn,
                s.id,
                Some(from),
                to,
                path_of(&s),
                Some("hand-over confirmed".to_owned()),
                Some(me.id),
            )
            .await?;
        }
    }
    let after = find_item(&txn, it.id).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "transition.confirm_hand_over",
        "transition_handover_item",
        &it.id.to_string(),
        serde_json::Value::Null,
        json!({ "service": it.service_id, "item": it.item }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(after)
}

/// The board: the member's data need not be handed over (they have it, or there is none),
/// with a reason.
pub async fn waive(
    env: &Env,
    actor: &Actor,
    service_id: ServiceId,
    reason: &str,
) -> DomainResult<service::Model> {
    let board = actor.board_or_admin()?;
    let reason = text("reason", reason, true, 10_000)?;
    let txn = env.begin_write().await?;
    let s = find_service(&txn, service_id).await?;
    if s.internal {
        return Err(DomainError::InvalidTransition("an internal service stays"));
    }
    if s.handover_confirmed_at.is_some() || s.handover_waived_reason.is_some() {
        return Err(DomainError::InvalidTransition("the hand-over is settled"));
    }
    let after = move_service(
        &txn,
        &s,
        service::ActiveModel {
            handover_waived_reason: Set(Some(reason.clone())),
            handover_waived_by: Set(Some(board.id)),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "transition.waive_hand_over",
        "transition_service",
        &service_id.to_string(),
        serde_json::Value::Null,
        json!({ "reason": reason }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(after)
}

/// The checklists of many services (for a loader), in checklist order.
pub async fn items_of<C: ConnectionTrait>(
    conn: &C,
    service_ids: &[ServiceId],
) -> DomainResult<Vec<item::Model>> {
    let mut rows = item::Entity::find()
        .filter(item::Column::ServiceId.is_in(service_ids.iter().copied()))
        .order_by_asc(item::Column::Id)
        .all(conn)
        .await?;
    use constellation_shared::dto::transition::HandoverItemKind;
    rows.sort_by_key(|r| {
        HandoverItemKind::ALL
            .iter()
            .position(|x| *x == r.item)
            .unwrap_or(usize::MAX)
    });
    Ok(rows)
}
