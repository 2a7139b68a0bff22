//! The board deciding on a request (a grant takes from the period's capacity atomically) and
//! releases that give part of a grant back.

use super::*;
use constellation_shared::ids::RequestId;

/// The board decides, with a reason. A grant takes from the period's capacity atomically;
/// when too little remains the whole decision is refused and nothing changes.
pub async fn decide(
    env: &Env,
    actor: &Actor,
    id: RequestId,
    decision: ResourceDecision,
    partial: Option<&str>,
    reason: &str,
) -> DomainResult<resource_request::Model> {
    let board = actor.board_or_admin()?;
    let reason = text("reason", reason, true, 10_000)?;
    let txn = env.begin_write().await?;
    let r = resource_request::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if is_coordinator(membership(&txn, r.lab_id, board.id).await?.as_ref()) {
        return Err(DomainError::ConflictOfInterest);
    }
    if r.status != RequestStatus::Pending {
        return Err(DomainError::InvalidTransition("the request is not pending"));
    }
    let lab_active = lab::Entity::find_by_id(r.lab_id)
        .one(&txn)
        .await?
        .is_some_and(|l| l.status == LabStatus::Active);
    if !lab_active && decision != ResourceDecision::Reject {
        return Err(DomainError::InvalidTransition("the Lab is not active"));
    }
    let (period, pool) = find_period(&txn, r.period_id).await?;
    let (status, grant) = match decision {
        ResourceDecision::Approve => (RequestStatus::Approved, r.amount),
        ResourceDecision::Reject => (RequestStatus::Rejected, 0),
        ResourceDecision::ApprovePartial => {
            let g = amount("amount", partial.unwrap_or(""), pool.scale)?;
            if g == 0 || g > r.amount {
                return Err(DomainError::invalid("amount", ValidationReason::Invalid));
            }
            (
                if g == r.amount {
                    RequestStatus::Approved
                } else {
                    RequestStatus::PartiallyApproved
                },
                g,
            )
        }
    };
    let now = chrono::Utc::now();
    let updated = move_request(
        &txn,
        &r,
        resource_request::ActiveModel {
            status: Set(status),
            granted_amount: Set(grant),
            decision_reason: Set(Some(reason.clone())),
            decided_by: Set(Some(board.id)),
            decided_at: Set(Some(now)),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    if grant > 0 {
        let res = pool_period::Entity::update_many()
            .col_expr(
                pool_period::Column::Granted,
                Expr::col(pool_period::Column::Granted).add(grant),
            )
            .filter(pool_period::Column::Id.eq(period.id))
            .filter(
                Expr::col(pool_period::Column::Granted)
                    .add(grant)
                    .lte(Expr::col(pool_period::Column::Capacity)),
            )
            .exec(&txn)
            .await?;
        // Zero rows: too little remains (the CHECK on the row stands behind this condition).
        if res.rows_affected != 1 {
            return Err(DomainError::InsufficientCapacity);
        }
        ledger(&txn, &r, LedgerKind::Grant, grant, &reason, board.id).await?;
    }
    let entry = audit::record(
        &txn,
        Some(board.id),
        &format!("resources.decide.{}", decision.as_str().to_lowercase()),
        "resource_request",
        &id.to_string(),
        json!({ "status": r.status }),
        json!({ "status": updated.status, "granted": show(grant, pool.scale), "reason": reason }),
    )
    .await?;
    // Whoever asked, and the Lab's coordinators, hear of the decision.
    let l = lab::Entity::find_by_id(r.lab_id).one(&txn).await?;
    let mut recipients = crate::domain::labs::members::coordinators(&txn, r.lab_id).await?;
    recipients.push(r.requested_by);
    let told = crate::domain::reach::notify::notify(
        &txn,
        &env.reach,
        crate::domain::reach::notify::Notice {
            kind: constellation_shared::dto::reach::NotificationKind::ResourceDecision,
            event_key: format!("resources.decide:{}", entry.id),
            recipients,
            payload: json!({
                "subject": format!("{} — {}", pool.name, l.as_ref().map_or("", |l| l.name.as_str())),
                "status": status.as_str(),
                "detail": reason,
            }),
            link: l.map_or_else(|| "/resources".to_owned(), |l| format!("/labs/{}", l.slug)),
            ics: None,
            about: None,
        },
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::reach::notify::announce(env, told);
    Ok(updated)
}

/// Gives back part of a grant: by the Lab's coordinators or the board, with a note.
pub async fn release(
    env: &Env,
    actor: &Actor,
    id: RequestId,
    amount_raw: &str,
    note: &str,
) -> DomainResult<resource_request::Model> {
    let me = actor.user()?;
    let note = text("note", note, true, 10_000)?;
    let txn = env.begin_write().await?;
    let r = resource_request::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let allowed = me.is_board
        || me.is_admin
        || is_coordinator(membership(&txn, r.lab_id, me.id).await?.as_ref());
    if !allowed {
        return Err(DomainError::Forbidden);
    }
    if !matches!(
        r.status,
        RequestStatus::Approved | RequestStatus::PartiallyApproved
    ) {
        return Err(DomainError::InvalidTransition("nothing granted"));
    }
    let (period, pool) = find_period(&txn, r.period_id).await?;
    let amt = amount("amount", amount_raw, pool.scale)?;
    if amt == 0 {
        return Err(DomainError::invalid("amount", ValidationReason::Invalid));
    }
    let res = resource_request::Entity::update_many()
        .col_expr(
            resource_request::Column::ReleasedAmount,
            Expr::col(resource_request::Column::ReleasedAmount).add(amt),
        )
        .col_expr(
            resource_request::Column::UpdatedAt,
            Expr::value(chrono::Utc::now()),
        )
        .filter(resource_request::Column::Id.eq(r.id))
        .filter(
            Expr::col(resource_request::Column::ReleasedAmount)
                .add(amt)
                .lte(Expr::col(resource_request::Column::GrantedAmount)),
        )
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(DomainError::invalid("amount", ValidationReason::Invalid));
    }
    let res = pool_period::Entity::update_many()
        .col_expr(
            pool_period::Column::Granted,
            Expr::col(pool_period::Column::Granted).sub(amt),
        )
        .filter(pool_period::Column::Id.eq(period.id))
        .filter(pool_period::Column::Granted.gte(amt))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(DomainError::internal(
            "ledger out of balance: release larger than granted",
        ));
    }
    ledger(&txn, &r, LedgerKind::Release, amt, &note, me.id).await?;
    let updated = resource_request::Entity::find_by_id(r.id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "resources.release",
        "resource_request",
        &id.to_string(),
        json!({ "released": show(r.released_amount, pool.scale) }),
        json!({ "released": show(updated.released_amount, pool.scale), "note": note }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}
