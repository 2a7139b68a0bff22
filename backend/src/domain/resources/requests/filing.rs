//! A Lab's coordinators filing, editing and withdrawing requests; pending requests withdrawn
//! when a Lab is archived.

use super::*;
use constellation_shared::ids::{LabId, RequestId};

/// A coordinator asks, for the Lab or one of its accepted projects. Asking for more than
/// what remains is allowed: the board may grant part.
pub async fn file(
    env: &Env,
    actor: &Actor,
    input: RequestInput,
) -> DomainResult<resource_request::Model> {
    let me = actor.user()?;
    let lab_id = parse_id("labId", &input.lab_id)?;
    let period_id = parse_id("periodId", &input.period_id)?;
    let project_id = input
        .project_id
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(|p| parse_id("projectId", p))
        .transpose()?;
    let justification = text("justification", &input.justification, true, 10_000)?;
    let txn = env.begin_write().await?;
    let l = find_visible(&txn, actor, lab_id).await?;
    if !is_coordinator(membership(&txn, l.id, me.id).await?.as_ref()) {
        return Err(DomainError::Forbidden);
    }
    if l.status != LabStatus::Active {
        return Err(DomainError::InvalidTransition("the Lab is not active"));
    }
    if let Some(pid) = project_id {
        let p = project::Entity::find_by_id(pid).one(&txn).await?;
        let ok = p.is_some_and(|p| {
            p.lab_id == l.id
                && matches!(
                    p.status,
                    ProjectStatus::Accepted | ProjectStatus::InProgress
                )
        });
        if !ok {
            return Err(DomainError::invalid("projectId", ValidationReason::Invalid));
        }
    }
    let (period, pool) = find_period(&txn, period_id)
        .await
        .map_err(|_| DomainError::invalid("periodId", ValidationReason::InvalidId))?;
    let amt = amount("amount", &input.amount, pool.scale)?;
    if amt == 0 {
        return Err(DomainError::invalid("amount", ValidationReason::Invalid));
    }
    let now = chrono::Utc::now();
    let r = resource_request::ActiveModel {
        id: Set(RequestId::new_v4()),
        lab_id: Set(l.id),
        project_id: Set(project_id),
        period_id: Set(period.id),
        amount: Set(amt),
        justification: Set(justification),
        status: Set(RequestStatus::Pending),
        granted_amount: Set(0),
        released_amount: Set(0),
        decision_reason: Set(None),
        requested_by: Set(me.id),
        decided_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        decided_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let entry = audit::record(&txn, Some(me.id), "resources.request", "resource_request", &r.id.to_string(), serde_json::Value::Null,
        json!({ "lab": l.slug, "pool": pool.name, "period": period.label, "amount": show(amt, pool.scale), "project": project_id })).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(r)
}

pub async fn edit(
    env: &Env,
    actor: &Actor,
    id: RequestId,
    amount_raw: &str,
    justification: &str,
) -> DomainResult<resource_request::Model> {
    actor.user()?;
    let justification = text("justification", justification, true, 10_000)?;
    let txn = env.begin_write().await?;
    let (r, _l, me) = as_coordinator(&txn, actor, id).await?;
    if r.status != RequestStatus::Pending {
        return Err(DomainError::InvalidTransition(
            "only a pending request is edited",
        ));
    }
    let (_period, pool) = find_period(&txn, r.period_id).await?;
    let amt = amount("amount", amount_raw, pool.scale)?;
    if amt == 0 {
        return Err(DomainError::invalid("amount", ValidationReason::Invalid));
    }
    let updated = move_request(
        &txn,
        &r,
        resource_request::ActiveModel {
            amount: Set(amt),
            justification: Set(justification),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let entry = audit::record(
        &txn,
        Some(me),
        "resources.edit_request",
        "resource_request",
        &id.to_string(),
        json!({ "amount": show(r.amount, pool.scale) }),
        json!({ "amount": show(amt, pool.scale) }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}

pub async fn withdraw(
    env: &Env,
    actor: &Actor,
    id: RequestId,
) -> DomainResult<resource_request::Model> {
    actor.user()?;
    let txn = env.begin_write().await?;
    let (r, _l, me) = as_coordinator(&txn, actor, id).await?;
    if r.status != RequestStatus::Pending {
        return Err(DomainError::InvalidTransition(
            "only a pending request is withdrawn",
        ));
    }
    let updated = move_request(
        &txn,
        &r,
        resource_request::ActiveModel {
            status: Set(RequestStatus::Withdrawn),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let entry = audit::record(
        &txn,
        Some(me),
        "resources.withdraw_request",
        "resource_request",
        &id.to_string(),
        json!({ "status": r.status }),
        json!({ "status": updated.status }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}

/// When a Lab is archived its pending requests are withdrawn (inside the archive's
/// transaction).
pub async fn withdraw_pending_of_lab(
    txn: &DatabaseTransaction,
    lab_id: LabId,
) -> DomainResult<u64> {
    let res = resource_request::Entity::update_many()
        .col_expr(
            resource_request::Column::Status,
            Expr::value(RequestStatus::Withdrawn.as_str()),
        )
        .col_expr(
            resource_request::Column::UpdatedAt,
            Expr::value(chrono::Utc::now()),
        )
        .filter(resource_request::Column::LabId.eq(lab_id))
        .filter(resource_request::Column::Status.eq(RequestStatus::Pending.as_str()))
        .exec(txn)
        .await?;
    Ok(res.rows_affected)
}
