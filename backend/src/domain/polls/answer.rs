//! Answering a poll, in one transaction that first takes the poll's row (PostgreSQL: a
//! shared lock, so an early close waits for answers under way and answers never land after
//! it; SQLite's IMMEDIATE transaction serialises writers anyway).
//!
//! Open polls: one row per person and poll (`poll_answers`' primary key), replaced when the
//! person answers again before the close. Anonymous polls: the participation (primary key:
//! a second answer is `ALREADY_VOTED`, even two sent at the same instant) and the unlinked
//! answer, with a random id; the audit log records that the person answered, never what.

use super::access::{asked_for, lab_running, sees, Viewer};
use super::{is_anonymous, is_closed, options_of};
use crate::domain::{core::audit, Actor, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::polls::{poll, poll_answer, poll_ballot, poll_participation};
use chrono::Utc;
use constellation_shared::ids::PollId;
use constellation_shared::rules::polls::{check_answer, AnswerError};
use constellation_shared::ValidationReason;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use serde_json::{json, Value};
use uuid::Uuid;

/// The choice as option indices, checked against the poll (`VALIDATION` on `choice`).
fn parse_choice(p: &poll::Model, raw: &[i32]) -> DomainResult<Vec<usize>> {
    let invalid = |reason| DomainError::invalid("choice", reason);
    let indices = raw
        .iter()
        .map(|i| usize::try_from(*i).map_err(|_| invalid(ValidationReason::Invalid)))
        .collect::<DomainResult<Vec<usize>>>()?;
    check_answer(p.kind, options_of(p).len(), &indices).map_err(|e| match e {
        AnswerError::Empty => invalid(ValidationReason::Required),
        _ => invalid(ValidationReason::Invalid),
    })
}

pub async fn answer(
    env: &Env,
    actor: &Actor,
    poll_id: PollId,
    choice: Vec<i32>,
) -> DomainResult<poll::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let viewer = Viewer::from(me);
    let mut q = poll::Entity::find_by_id(poll_id).filter(sees(viewer));
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_shared();
    }
    let p = q.one(&txn).await?.ok_or(DomainError::NotFound)?;
    // Seen and not asked: only the author outside the audience, who sees but is not asked.
    if p.author_id == me.id {
        let asked = asked_for(&txn, &[(p.id, viewer)]).await?;
        if !asked.get(&(p.id, viewer)).copied().unwrap_or(false) {
            return Err(DomainError::Forbidden);
        }
    }
    let now = Utc::now();
    if is_closed(&p, now) || !lab_running(&txn, &p).await? {
        return Err(DomainError::VotingClosed);
    }
    let picked = parse_choice(&p, &choice)?;
    let stored = serde_json::to_string(&picked).map_err(DomainError::internal)?;
    let (before, after) = if is_anonymous(&p) {
        poll_participation::ActiveModel {
            poll_id: Set(p.id),
            user_id: Set(me.id),
        }
        .insert(&txn)
        .await
        .on_unique(&["poll_participations"], DomainError::AlreadyVoted)?;
        poll_ballot::ActiveModel {
            id: Set(Uuid::new_v4().to_string()),
            poll_id: Set(p.id),
            choice: Set(stored),
        }
        .insert(&txn)
        .await?;
        (Value::Null, json!({ "answered": true }))
    } else {
        let before = poll_answer::Entity::find_by_id((p.id, me.id))
            .one(&txn)
            .await?
            .map_or(
                Value::Null,
                |a| json!({ "choice": super::choice_of(&a.choice) }),
            );
        poll_answer::Entity::insert(poll_answer::ActiveModel {
            poll_id: Set(p.id),
            user_id: Set(me.id),
            choice: Set(stored),
            answered_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([poll_answer::Column::PollId, poll_answer::Column::UserId])
                .update_columns([poll_answer::Column::Choice, poll_answer::Column::AnsweredAt])
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await?;
        (before, json!({ "choice": picked }))
    };
    let entry = audit::record(
        &txn,
        Some(me.id),
        "poll.answer",
        "poll",
        &p.id.to_string(),
        before,
        after,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(p)
}
