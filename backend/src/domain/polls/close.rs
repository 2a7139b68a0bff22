//! Closing a poll early (its author), and sealing an anonymous poll's answers after its close:
//! rewritten in a random order with fresh ids, in one transaction, then the table vacuumed
//! on PostgreSQL (the old row versions keep arrival order until then). Sealing happens at an
//! early close, in the same transaction, or — a poll closed by its date — by the periodic
//! job (`seal_due`, started by `app::start_poll_seals`). Reading never seals: the tally does
//! not depend on the answers' order, so the results are the same before and after. See
//! `mod.rs` for what it does and does not protect.

use super::access::find_visible;
use super::{is_anonymous, is_closed};
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::polls::{poll, poll_ballot};
use chrono::Utc;
use constellation_shared::dto::polls::PollVisibility;
use constellation_shared::ids::PollId;
use rand::seq::SliceRandom;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

/// The author closes their poll now; `INVALID_TRANSITION` once it is closed.
pub async fn close(env: &Env, actor: &Actor, poll_id: PollId) -> DomainResult<poll::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let p = find_visible(&txn, actor, poll_id).await?;
    if p.author_id != me.id {
        return Err(DomainError::Forbidden);
    }
    let now = Utc::now();
    if is_closed(&p, now) {
        return Err(DomainError::InvalidTransition("close a closed poll"));
    }
    // Compare-and-set on the date: a second close, or the date passing meanwhile, changes
    // nothing. On PostgreSQL this waits for the answers holding the row's shared lock.
    let done = poll::Entity::update_many()
        .col_expr(poll::Column::ClosesAt, Expr::value(now))
        .col_expr(poll::Column::ClosedEarly, Expr::value(true))
        .filter(poll::Column::Id.eq(p.id))
        .filter(poll::Column::ClosesAt.gt(now))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(DomainError::InvalidTransition("close a closed poll"));
    }
    let anonymous = is_anonymous(&p);
    if anonymous {
        rewrite_ballots(&txn, p.id).await?;
    }
    let entry = audit::record(
        &txn,
        Some(me.id),
        "poll.close",
        "poll",
        &p.id.to_string(),
        json!({ "closesAt": p.closes_at }),
        json!({ "closesAt": now, "closedEarly": true }),
    )
    .await?;
    let closed = poll::Entity::find_by_id(p.id)
        .one(&txn)
        .await?
        .ok_or(DomainError::internal("poll just closed is missing"))?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    if anonymous {
        vacuum(env).await;
    }
    Ok(closed)
}

/// The periodic job: seals the anonymous polls whose date has passed, up to `SEAL_BATCH` per
/// run (the next run takes the rest), soonest closed first. Returns how many this run sealed:
/// a second run, or another replica's at the same time, finds nothing more to do.
pub async fn seal_due(env: &Env) -> DomainResult<usize> {
    let due = poll::Entity::find()
        .filter(poll::Column::Visibility.eq(PollVisibility::Anonymous.as_str()))
        .filter(poll::Column::Sealed.eq(false))
        .filter(poll::Column::ClosesAt.lte(Utc::now()))
        .order_by_asc(poll::Column::ClosesAt)
        .order_by_asc(poll::Column::Id)
        .limit(SEAL_BATCH)
        .all(&env.db)
        .await?;
    let mut sealed = 0;
    for p in due {
        // One transaction per poll: one that fails is logged and the others are sealed.
        match seal(env, &p).await {
            Ok(true) => sealed += 1,
            Ok(false) => {}
            Err(e) => tracing::warn!(poll = %p.id, error = ?e, "poll answers not sealed"),
        }
    }
    Ok(sealed)
}

/// Polls sealed per run of `seal_due`, at most.
const SEAL_BATCH: u64 = 100;

/// An anonymous poll past its date whose answers are not yet rewritten: rewrites them once
/// (compare-and-set on `sealed`) and says so. Anything else: nothing to do (`false`).
async fn seal(env: &Env, p: &poll::Model) -> DomainResult<bool> {
    let now = Utc::now();
    if !is_anonymous(p) || p.sealed || !is_closed(p, now) {
        return Ok(false);
    }
    let txn = env.begin_write().await?;
    let claimed = poll::Entity::update_many()
        .col_expr(poll::Column::Sealed, Expr::value(true))
        .filter(poll::Column::Id.eq(p.id))
        .filter(poll::Column::Sealed.eq(false))
        .filter(poll::Column::ClosesAt.lte(now))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(false);
    }
    rewrite_ballots(&txn, p.id).await?;
    txn.commit().await?;
    vacuum(env).await;
    Ok(true)
}

/// Deletes the poll's answers and writes them back shuffled, with fresh ids; marks it sealed.
async fn rewrite_ballots(txn: &DatabaseTransaction, poll_id: PollId) -> DomainResult<()> {
    let mut ballots = poll_ballot::Entity::find()
        .filter(poll_ballot::Column::PollId.eq(poll_id))
        .all(txn)
        .await?;
    ballots.shuffle(&mut rand::rng());
    poll_ballot::Entity::delete_many()
        .filter(poll_ballot::Column::PollId.eq(poll_id))
        .exec(txn)
        .await?;
    for chunk in ballots.chunks(500) {
        poll_ballot::Entity::insert_many(chunk.iter().map(|b| poll_ballot::ActiveModel {
            id: Set(Uuid::new_v4().to_string()),
            poll_id: Set(poll_id),
            choice: Set(b.choice.clone()),
        }))
        .exec_without_returning(txn)
        .await?;
    }
    poll::Entity::update_many()
        .col_expr(poll::Column::Sealed, Expr::value(true))
        .filter(poll::Column::Id.eq(poll_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// PostgreSQL keeps the deleted row versions (in arrival order) until vacuumed.
async fn vacuum(env: &Env) {
    if env.db.get_database_backend() == sea_orm::DbBackend::Postgres {
        if let Err(e) = env.db.execute_unprepared("VACUUM poll_ballots").await {
            tracing::warn!(error = %e, "could not vacuum the polls' answers");
        }
    }
}
