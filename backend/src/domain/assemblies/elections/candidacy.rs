//! Candidacies, while the election is a draft: the board proposes an effective member (who
//! then accepts), a member stands for themselves (accepted at once), a candidate withdraws or
//! the board removes a candidacy.

use super::{candidates, is_election, MAX_CANDIDATES};
use crate::domain::assemblies::{is_effective, votes::LiveSignal};
use crate::domain::{core::audit, Actor, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{assembly, motion, motion_candidate, user};
use chrono::Utc;
use constellation_shared::dto::assemblies::{AssemblyStatus, MotionStatus};
use constellation_shared::ids::{AssemblyId, MotionId};
use constellation_shared::MembershipKind;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

/// The election, locked, in a state where candidacies change.
async fn draft_election(
    txn: &DatabaseTransaction,
    motion_id: MotionId,
) -> DomainResult<motion::Model> {
    let mut q = motion::Entity::find_by_id(motion_id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = sea_orm::QuerySelect::lock_exclusive(q);
    }
    let m = q.one(txn).await?.ok_or(DomainError::NotFound)?;
    if !is_election(&m) {
        return Err(DomainError::InvalidTransition(
            "this motion is not an election",
        ));
    }
    let a = assembly::Entity::find_by_id(m.assembly_id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if m.status != MotionStatus::Draft || a.status == AssemblyStatus::Closed {
        return Err(DomainError::InvalidTransition(
            "candidacies change until voting opens",
        ));
    }
    Ok(m)
}

async fn done(
    env: &Env,
    txn: DatabaseTransaction,
    who: Uuid,
    action: &str,
    m: &motion::Model,
    after: Value,
) -> DomainResult<AssemblyId> {
    let entry = audit::record(
        &txn,
        Some(who),
        action,
        "motion",
        &m.id.to_string(),
        Value::Null,
        after,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    let _ = env.live.send(LiveSignal {
        assembly_id: m.assembly_id,
        motion_id: Some(m.id),
        kind: "CANDIDACY",
    });
    Ok(m.assembly_id)
}

/// Proposes `user_id` as a candidate. Returns the assembly's id.
pub async fn propose_candidate(
    env: &Env,
    actor: &Actor,
    motion_id: MotionId,
    user_id: Uuid,
) -> DomainResult<AssemblyId> {
    let me = actor.user()?.clone();
    let standing = me.id == user_id;
    if standing {
        if !is_effective(&me) {
            return Err(DomainError::Forbidden);
        }
    } else {
        actor.board_or_admin()?;
    }
    let txn = env.begin_write().await?;
    let m = draft_election(&txn, motion_id).await?;
    let candidate = user::Entity::find_by_id(user_id)
        .filter(user::Column::DeletedAt.is_null())
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if candidate.membership_kind != MembershipKind::Effective {
        return Err(DomainError::NotEligible);
    }
    let all = candidates(&txn, m.id).await?;
    if all.len() >= MAX_CANDIDATES {
        return Err(DomainError::invalid(
            "userId",
            constellation_shared::ValidationReason::TooLong,
        ));
    }
    let position = all.iter().map(|c| c.position + 1).max().unwrap_or(0);
    motion_candidate::ActiveModel {
        motion_id: Set(m.id),
        user_id: Set(user_id),
        position: Set(position),
        proposed_by: Set(me.id),
        accepted_at: Set(standing.then(Utc::now)),
    }
    .insert(&txn)
    .await
    .on_unique(
        &["motion_candidates", "ux_candidates_position"],
        DomainError::Conflict("already a candidate"),
    )?;
    done(
        env,
        txn,
        me.id,
        "assembly.candidacy.propose",
        &m,
        json!({ "assemblyId": m.assembly_id, "candidate": user_id, "accepted": standing }),
    )
    .await
}

/// The proposed candidate accepts to stand.
pub async fn accept_candidacy(
    env: &Env,
    actor: &Actor,
    motion_id: MotionId,
) -> DomainResult<AssemblyId> {
    let me = actor.user()?.clone();
    let txn = env.begin_write().await?;
    let m = draft_election(&txn, motion_id).await?;
    let c = motion_candidate::Entity::find_by_id((m.id, me.id))
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if c.accepted_at.is_some() {
        return Err(DomainError::Conflict("this candidacy is already accepted"));
    }
    let mut am = c.into_active_model();
    am.accepted_at = Set(Some(Utc::now()));
    am.update(&txn).await?;
    done(
        env,
        txn,
        me.id,
        "assembly.candidacy.accept",
        &m,
        json!({ "assemblyId": m.assembly_id, "candidate": me.id }),
    )
    .await
}

/// A candidate withdraws, or the board removes a candidacy.
pub async fn withdraw_candidacy(
    env: &Env,
    actor: &Actor,
    motion_id: MotionId,
    user_id: Uuid,
) -> DomainResult<AssemblyId> {
    let me = actor.user()?.clone();
    if me.id != user_id {
        actor.board_or_admin()?;
    }
    let txn = env.begin_write().await?;
    let m = draft_election(&txn, motion_id).await?;
    let gone = motion_candidate::Entity::delete_many()
        .filter(motion_candidate::Column::MotionId.eq(m.id))
        .filter(motion_candidate::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    if gone.rows_affected == 0 {
        return Err(DomainError::NotFound);
    }
    done(
        env,
        txn,
        me.id,
        "assembly.candidacy.withdraw",
        &m,
        json!({ "assemblyId": m.assembly_id, "candidate": user_id }),
    )
    .await
}
