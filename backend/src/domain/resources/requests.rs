//! Requests from Labs, the board's decisions, releases, and the ledger they write.
//! A grant is `UPDATE pool_periods SET granted = granted + g WHERE id = ? AND granted + g <=
//! capacity`: whoever commits first takes the capacity, the others are refused — on SQLite
//! and PostgreSQL alike, with a CHECK constraint behind it.

use crate::domain::core::parse::text;
use crate::domain::labs::{find_visible, is_active, is_coordinator, membership, status_of};
use crate::domain::resources::{amount, find_period, show};
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{lab, ledger_entry, pool_period, project, resource_request};
use constellation_shared::dto::labs::{LabStatus, ProjectStatus};
use constellation_shared::dto::resources::{
    LedgerKind, RequestInput, RequestStatus, ResourceDecision,
};
use constellation_shared::ValidationReason;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

fn parse_id(field: &'static str, raw: &str) -> DomainResult<Uuid> {
    Uuid::parse_str(raw.trim())
        .map_err(|_| DomainError::invalid(field, ValidationReason::InvalidId))
}

pub fn status_of_request(r: &resource_request::Model) -> RequestStatus {
    RequestStatus::parse(&r.status).unwrap_or(RequestStatus::Withdrawn)
}

/// The request, with its Lab, if the caller is an active coordinator of that Lab.
async fn as_coordinator(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: Uuid,
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
        .filter(resource_request::Column::Status.eq(r.status.clone()))
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
        kind: Set(kind.as_str().to_owned()),
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
    if status_of(&l) != LabStatus::Active {
        return Err(DomainError::InvalidTransition("the Lab is not active"));
    }
    if let Some(pid) = project_id {
        let p = project::Entity::find_by_id(pid).one(&txn).await?;
        let ok = p.is_some_and(|p| {
            p.lab_id == l.id
                && matches!(
                    ProjectStatus::parse(&p.status),
                    Some(ProjectStatus::Accepted | ProjectStatus::InProgress)
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
        id: Set(Uuid::new_v4()),
        lab_id: Set(l.id),
        project_id: Set(project_id),
        period_id: Set(period.id),
        amount: Set(amt),
        justification: Set(justification),
        status: Set(RequestStatus::Pending.as_str().to_owned()),
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
    id: Uuid,
    amount_raw: &str,
    justification: &str,
) -> DomainResult<resource_request::Model> {
    actor.user()?;
    let justification = text("justification", justification, true, 10_000)?;
    let txn = env.begin_write().await?;
    let (r, _l, me) = as_coordinator(&txn, actor, id).await?;
    if status_of_request(&r) != RequestStatus::Pending {
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

pub async fn withdraw(env: &Env, actor: &Actor, id: Uuid) -> DomainResult<resource_request::Model> {
    actor.user()?;
    let txn = env.begin_write().await?;
    let (r, _l, me) = as_coordinator(&txn, actor, id).await?;
    if status_of_request(&r) != RequestStatus::Pending {
        return Err(DomainError::InvalidTransition(
            "only a pending request is withdrawn",
        ));
    }
    let updated = move_request(
        &txn,
        &r,
        resource_request::ActiveModel {
            status: Set(RequestStatus::Withdrawn.as_str().to_owned()),
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

/// The board decides, with a reason. A grant takes from the period's capacity atomically;
/// when too little remains the whole decision is refused and nothing changes.
pub async fn decide(
    env: &Env,
    actor: &Actor,
    id: Uuid,
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
    if status_of_request(&r) != RequestStatus::Pending {
        return Err(DomainError::InvalidTransition("the request is not pending"));
    }
    let lab_active = lab::Entity::find_by_id(r.lab_id)
        .one(&txn)
        .await?
        .is_some_and(|l| status_of(&l) == LabStatus::Active);
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
            status: Set(status.as_str().to_owned()),
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
    id: Uuid,
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
        status_of_request(&r),
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

/// Oldest first. For one Lab: whoever sees the Lab and is an association member or one of
/// its members. Across Labs: association members.
pub async fn list(
    env: &Env,
    actor: &Actor,
    status: Option<RequestStatus>,
    lab_id: Option<Uuid>,
    after: Option<Uuid>,
    limit: u64,
) -> DomainResult<Vec<resource_request::Model>> {
    let me = actor.user()?;
    match lab_id {
        Some(id) => {
            let l = find_visible(&env.db, actor, id).await?;
            if actor.association_member().is_err()
                && !is_active(membership(&env.db, l.id, me.id).await?.as_ref())
            {
                return Err(DomainError::Forbidden);
            }
        }
        None => {
            actor.association_member()?;
        }
    }
    let mut q = resource_request::Entity::find()
        .order_by_asc(resource_request::Column::CreatedAt)
        .order_by_asc(resource_request::Column::Id);
    if let Some(s) = status {
        q = q.filter(resource_request::Column::Status.eq(s.as_str()));
    }
    if let Some(id) = lab_id {
        q = q.filter(resource_request::Column::LabId.eq(id));
    }
    if let Some(a) = after {
        let c = resource_request::Entity::find_by_id(a)
            .one(&env.db)
            .await?
            .ok_or(DomainError::invalid("after", ValidationReason::InvalidId))?;
        q = q.filter(
            Condition::any()
                .add(resource_request::Column::CreatedAt.gt(c.created_at))
                .add(
                    Condition::all()
                        .add(resource_request::Column::CreatedAt.eq(c.created_at))
                        .add(resource_request::Column::Id.gt(c.id)),
                ),
        );
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

/// Newest first; `before` is the last id seen.
pub async fn ledger_page(
    env: &Env,
    actor: &Actor,
    pool_id: Option<Uuid>,
    lab_id: Option<Uuid>,
    before: Option<i32>,
    limit: Option<u64>,
) -> DomainResult<Vec<ledger_entry::Model>> {
    actor.association_member()?;
    let mut q = ledger_entry::Entity::find().order_by_desc(ledger_entry::Column::Id);
    if let Some(p) = pool_id {
        let periods: Vec<Uuid> = pool_period::Entity::find()
            .filter(pool_period::Column::PoolId.eq(p))
            .all(&env.db)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        q = q.filter(ledger_entry::Column::PeriodId.is_in(periods));
    }
    if let Some(l) = lab_id {
        q = q.filter(ledger_entry::Column::LabId.eq(l));
    }
    if let Some(b) = before {
        q = q.filter(ledger_entry::Column::Id.lt(b));
    }
    if let Some(n) = limit {
        q = q.limit(n);
    }
    Ok(q.all(&env.db).await?)
}

#[derive(Debug, FromQueryResult)]
pub struct Held {
    pub lab_id: Uuid,
    pub period_id: Uuid,
    pub held: i64,
}

/// What each Lab holds from each period now (grants minus releases), one SQL statement.
pub async fn allocation_totals(env: &Env, actor: &Actor) -> DomainResult<Vec<Held>> {
    actor.association_member()?;
    let rows = resource_request::Entity::find()
        .select_only()
        .column(resource_request::Column::LabId)
        .column(resource_request::Column::PeriodId)
        // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back so both databases agree.
        .column_as(
            Expr::cust("CAST(SUM(granted_amount - released_amount) AS BIGINT)"),
            "held",
        )
        .filter(resource_request::Column::GrantedAmount.gt(0))
        .group_by(resource_request::Column::LabId)
        .group_by(resource_request::Column::PeriodId)
        .into_model::<HeldRow>()
        .all(&env.db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let held = r.held.unwrap_or(0);
            (held > 0).then_some(Held {
                lab_id: r.lab_id,
                period_id: r.period_id,
                held,
            })
        })
        .collect())
}

#[derive(Debug, FromQueryResult)]
struct HeldRow {
    lab_id: Uuid,
    period_id: Uuid,
    held: Option<i64>,
}

/// When a Lab is archived its pending requests are withdrawn (inside the archive's
/// transaction).
pub async fn withdraw_pending_of_lab(txn: &DatabaseTransaction, lab_id: Uuid) -> DomainResult<u64> {
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
