//! Support requests (note, pt. 3.b: second-line technical help). A signed-in account asks,
//! about one of their services or in general; a working-group member takes it (or is
//! assigned by another), answers; the requester or the group closes it. The requester's
//! participation in the working group shows beside each request: the note says the support
//! goes first to those who took part.

use crate::domain::core::parse::text;
use crate::domain::transition::{
    in_working_group, is_holder, notices, opt_id, working_group_or_board,
};
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::transition_support_request as request;
use constellation_shared::dto::transition::{SupportInput, SupportStatus};
use constellation_shared::ValidationReason;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

async fn find(txn: &DatabaseTransaction, id: Uuid) -> DomainResult<request::Model> {
    request::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)
}

/// Compare-and-set on the request's status.
async fn update(
    txn: &DatabaseTransaction,
    r: &request::Model,
    changes: request::ActiveModel,
) -> DomainResult<request::Model> {
    let res = request::Entity::update_many()
        .set(changes)
        .filter(request::Column::Id.eq(r.id))
        .filter(request::Column::Status.eq(r.status))
        .exec(txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(DomainError::InvalidTransition("request changed meanwhile"));
    }
    find(txn, r.id).await
}

async fn audited(
    txn: &DatabaseTransaction,
    actor: Uuid,
    action: &str,
    before: &request::Model,
    after: &request::Model,
) -> DomainResult<crate::entities::audit_log::Model> {
    audit::record(
        txn,
        Some(actor),
        action,
        "transition_support_request",
        &after.id.to_string(),
        json!({ "status": before.status, "assignee": before.assignee_id }),
        json!({ "status": after.status, "assignee": after.assignee_id }),
    )
    .await
}

pub async fn ask(env: &Env, actor: &Actor, input: SupportInput) -> DomainResult<request::Model> {
    let me = actor.user()?;
    let subject = text("subject", &input.subject, true, 200)?;
    let body = text("body", &input.body, true, 10_000)?;
    let service = opt_id("serviceId", input.service_id.as_deref())?;
    let txn = env.begin_write().await?;
    if let Some(s) = service {
        if !is_holder(&txn, s, me.id).await? {
            return Err(DomainError::invalid(
                "serviceId",
                ValidationReason::InvalidId,
            ));
        }
    }
    let now = chrono::Utc::now();
    let r = request::ActiveModel {
        id: Set(Uuid::new_v4()),
        service_id: Set(service),
        requester_id: Set(me.id),
        subject: Set(subject),
        body: Set(body),
        status: Set(SupportStatus::Open),
        assignee_id: Set(None),
        answer: Set(None),
        answered_by: Set(None),
        answered_at: Set(None),
        closed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "transition.ask_support",
        "transition_support_request",
        &r.id.to_string(),
        serde_json::Value::Null,
        json!({ "service": service, "subject": r.subject }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(r)
}

/// A working-group member (or the board) assigns an open or assigned request to a member
/// of the group (themself, by default).
pub async fn assign(
    env: &Env,
    actor: &Actor,
    id: Uuid,
    assignee: Option<Uuid>,
) -> DomainResult<request::Model> {
    let txn = env.begin_write().await?;
    let me = working_group_or_board(&txn, actor).await?;
    let who = assignee.unwrap_or(me.id);
    if !in_working_group(&txn, who).await? {
        return Err(DomainError::invalid(
            "assigneeId",
            ValidationReason::Invalid,
        ));
    }
    let r = find(&txn, id).await?;
    if !matches!(r.status, SupportStatus::Open | SupportStatus::Assigned) {
        return Err(DomainError::InvalidTransition(
            "the request is answered or closed",
        ));
    }
    let after = update(
        &txn,
        &r,
        request::ActiveModel {
            status: Set(SupportStatus::Assigned),
            assignee_id: Set(Some(who)),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let entry = audited(&txn, me.id, "transition.assign_support", &r, &after).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(after)
}

/// A working-group member answers (again, if the first answer did not settle it).
pub async fn answer(
    env: &Env,
    actor: &Actor,
    id: Uuid,
    answer: &str,
) -> DomainResult<request::Model> {
    let answer = text("answer", answer, true, 10_000)?;
    let txn = env.begin_write().await?;
    let me = actor.user()?;
    if !in_working_group(&txn, me.id).await? {
        return Err(DomainError::Forbidden);
    }
    let r = find(&txn, id).await?;
    if r.status == SupportStatus::Closed {
        return Err(DomainError::InvalidTransition("the request is closed"));
    }
    let now = chrono::Utc::now();
    let after = update(
        &txn,
        &r,
        request::ActiveModel {
            status: Set(SupportStatus::Answered),
            assignee_id: Set(Some(r.assignee_id.unwrap_or(me.id))),
            answer: Set(Some(answer)),
            answered_by: Set(Some(me.id)),
            answered_at: Set(Some(now)),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let entry = audited(&txn, me.id, "transition.answer_support", &r, &after).await?;
    let told = notices::support_answered(&txn, env, &after).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    notices::announce(env, told);
    Ok(after)
}

/// The requester, the working group or the board closes it.
pub async fn close(env: &Env, actor: &Actor, id: Uuid) -> DomainResult<request::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let r = find(&txn, id).await?;
    let allowed = r.requester_id == me.id
        || me.is_board
        || me.is_admin
        || in_working_group(&txn, me.id).await?;
    if !allowed {
        return Err(DomainError::NotFound);
    }
    if r.status == SupportStatus::Closed {
        return Err(DomainError::InvalidTransition("already closed"));
    }
    let now = chrono::Utc::now();
    let after = update(
        &txn,
        &r,
        request::ActiveModel {
            status: Set(SupportStatus::Closed),
            closed_at: Set(Some(now)),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let entry = audited(&txn, me.id, "transition.close_support", &r, &after).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(after)
}

/// Oldest first. The working group and the board see every request; others their own.
pub async fn list(
    env: &Env,
    actor: &Actor,
    status: Option<SupportStatus>,
    mine: bool,
    after: Option<Uuid>,
    limit: u64,
) -> DomainResult<Vec<request::Model>> {
    let me = actor.user()?;
    let all = !mine && (me.is_board || me.is_admin || in_working_group(&env.db, me.id).await?);
    let mut q = request::Entity::find()
        .order_by_asc(request::Column::CreatedAt)
        .order_by_asc(request::Column::Id);
    if !all {
        q = q.filter(request::Column::RequesterId.eq(me.id));
    }
    if let Some(s) = status {
        q = q.filter(request::Column::Status.eq(s.as_str()));
    }
    if let Some(a) = after {
        let c = request::Entity::find_by_id(a)
            .one(&env.db)
            .await?
            .ok_or(DomainError::invalid("after", ValidationReason::InvalidId))?;
        q = q.filter(
            Condition::any()
                .add(request::Column::CreatedAt.gt(c.created_at))
                .add(
                    Condition::all()
                        .add(request::Column::CreatedAt.eq(c.created_at))
                        .add(request::Column::Id.gt(c.id)),
                ),
        );
    }
    Ok(q.limit(limit).all(&env.db).await?)
}
