//! The call for volunteers (note, pt. 3.a): an association member offers to take over a
//! service, in full or in part (for themself or for a Lab they coordinate), or to help with
//! the migrations. The board accepts or declines with a reason; accepting a take-over sets
//! the service's path to `TAKEN_OVER`, its taker the volunteer (or their Lab). The
//! volunteer hears of the decision, the holders of the path so set.

use crate::domain::core::parse::text;
use crate::domain::labs::{is_coordinator, membership};
use crate::domain::reach::notify;
use crate::domain::transition::progress::set_path;
use crate::domain::transition::{find_service, notices, opt_id};
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::transition_offer as offer;
use constellation_shared::dto::transition::{MigrationPath, OfferInput, OfferKind, OfferStatus};
use constellation_shared::ValidationReason;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

async fn find(txn: &DatabaseTransaction, id: Uuid) -> DomainResult<offer::Model> {
    offer::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)
}

async fn settle(
    txn: &DatabaseTransaction,
    o: &offer::Model,
    changes: offer::ActiveModel,
) -> DomainResult<offer::Model> {
    let res = offer::Entity::update_many()
        .set(changes)
        .filter(offer::Column::Id.eq(o.id))
        .filter(offer::Column::Status.eq(OfferStatus::Pending.as_str()))
        .exec(txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(DomainError::InvalidTransition("the offer is not pending"));
    }
    find(txn, o.id).await
}

pub async fn make(env: &Env, actor: &Actor, input: OfferInput) -> DomainResult<offer::Model> {
    let me = actor.association_member()?;
    let note = text("note", &input.note, true, 10_000)?;
    let service = opt_id("serviceId", input.service_id.as_deref())?;
    let lab = opt_id("labId", input.lab_id.as_deref())?;
    if input.kind != OfferKind::Help && service.is_none() {
        return Err(DomainError::invalid(
            "serviceId",
            ValidationReason::Required,
        ));
    }
    let txn = env.begin_write().await?;
    if let Some(s) = service {
        let s = find_service(&txn, s)
            .await
            .map_err(|_| DomainError::invalid("serviceId", ValidationReason::InvalidId))?;
        if s.internal {
            return Err(DomainError::invalid("serviceId", ValidationReason::Invalid));
        }
    }
    if let Some(l) = lab {
        if !is_coordinator(membership(&txn, l, me.id).await?.as_ref()) {
            return Err(DomainError::invalid("labId", ValidationReason::Invalid));
        }
    }
    let o = offer::ActiveModel {
        id: Set(Uuid::new_v4()),
        service_id: Set(service),
        offered_by: Set(me.id),
        lab_id: Set(lab),
        kind: Set(input.kind),
        note: Set(note),
        status: Set(OfferStatus::Pending),
        decision_reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(&txn)
    .await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "transition.offer",
        "transition_offer",
        &o.id.to_string(),
        serde_json::Value::Null,
        json!({ "kind": o.kind, "service": service, "lab": lab }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(o)
}

/// The board accepts or declines, with a reason.
pub async fn decide(
    env: &Env,
    actor: &Actor,
    id: Uuid,
    accept: bool,
    reason: &str,
) -> DomainResult<offer::Model> {
    let board = actor.board_or_admin()?;
    let reason = text("reason", reason, true, 10_000)?;
    let txn = env.begin_write().await?;
    let o = find(&txn, id).await?;
    if o.status != OfferStatus::Pending {
        return Err(DomainError::InvalidTransition("the offer is not pending"));
    }
    let status = if accept {
        OfferStatus::Accepted
    } else {
        OfferStatus::Declined
    };
    let mut told = notify::Announced::default();
    if accept && o.kind != OfferKind::Help {
        let sid = o
            .service_id
            .ok_or(DomainError::internal("take-over offer without a service"))?;
        let s = find_service(&txn, sid).await?;
        let taker = if o.lab_id.is_some() {
            (None, o.lab_id)
        } else {
            (Some(o.offered_by), None)
        };
        let taken = set_path(
            &txn,
            board.id,
            &s,
            MigrationPath::TakenOver,
            s.target_host.clone(),
            None,
            taker,
        )
        .await?;
        told.extend(notices::path_chosen(&txn, env, &taken, board.id).await?);
    }
    let after = settle(
        &txn,
        &o,
        offer::ActiveModel {
            status: Set(status),
            decision_reason: Set(Some(reason.clone())),
            decided_by: Set(Some(board.id)),
            decided_at: Set(Some(chrono::Utc::now())),
            ..Default::default()
        },
    )
    .await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "transition.decide_offer",
        "transition_offer",
        &id.to_string(),
        json!({ "status": o.status }),
        json!({ "status": after.status, "reason": reason }),
    )
    .await?;
    told.extend(notices::offer_decided(&txn, env, &after).await?);
    txn.commit().await?;
    audit::publish(env, [entry]);
    notices::announce(env, told);
    Ok(after)
}

/// The volunteer takes back a pending offer.
pub async fn withdraw(env: &Env, actor: &Actor, id: Uuid) -> DomainResult<offer::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let o = find(&txn, id).await?;
    if o.offered_by != me.id {
        return Err(DomainError::NotFound);
    }
    let after = settle(
        &txn,
        &o,
        offer::ActiveModel {
            status: Set(OfferStatus::Withdrawn),
            ..Default::default()
        },
    )
    .await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "transition.withdraw_offer",
        "transition_offer",
        &id.to_string(),
        json!({ "status": o.status }),
        json!({ "status": after.status }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(after)
}

/// Oldest first. The board sees every offer; others their own.
pub async fn list(
    env: &Env,
    actor: &Actor,
    status: Option<OfferStatus>,
    after: Option<Uuid>,
    limit: u64,
) -> DomainResult<Vec<offer::Model>> {
    let me = actor.user()?;
    let mut q = offer::Entity::find()
        .order_by_asc(offer::Column::CreatedAt)
        .order_by_asc(offer::Column::Id);
    if !(me.is_board || me.is_admin) {
        q = q.filter(offer::Column::OfferedBy.eq(me.id));
    }
    if let Some(s) = status {
        q = q.filter(offer::Column::Status.eq(s.as_str()));
    }
    if let Some(a) = after {
        let c = offer::Entity::find_by_id(a)
            .one(&env.db)
            .await?
            .ok_or(DomainError::invalid("after", ValidationReason::InvalidId))?;
        q = q.filter(
            Condition::any()
                .add(offer::Column::CreatedAt.gt(c.created_at))
                .add(
                    Condition::all()
                        .add(offer::Column::CreatedAt.eq(c.created_at))
                        .add(offer::Column::Id.gt(c.id)),
                ),
        );
    }
    Ok(q.limit(limit).all(&env.db).await?)
}
