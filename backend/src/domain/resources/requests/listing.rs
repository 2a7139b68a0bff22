//! Reading requests and the ledger: the request list, ledger pages and allocation totals.

use super::*;
use constellation_shared::ids::{LabId, PeriodId, PoolId};

/// Oldest first. For one Lab: whoever sees the Lab and is an association member or one of
/// its members. Across Labs: association members.
pub async fn list(
    env: &Env,
    actor: &Actor,
    status: Option<RequestStatus>,
    lab_id: Option<LabId>,
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
    pool_id: Option<PoolId>,
    lab_id: Option<LabId>,
    before: Option<i32>,
    limit: Option<u64>,
) -> DomainResult<Vec<ledger_entry::Model>> {
    actor.association_member()?;
    let mut q = ledger_entry::Entity::find().order_by_desc(ledger_entry::Column::Id);
    if let Some(p) = pool_id {
        let periods: Vec<PeriodId> = pool_period::Entity::find()
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
    pub lab_id: LabId,
    pub period_id: PeriodId,
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
pub(super) struct HeldRow {
    lab_id: LabId,
    period_id: PeriodId,
    held: Option<i64>,
}
