//! Opening and closing voting on a motion; closing computes and keeps the result and
//! shuffles the secret ballots.

use crate::domain::assemblies::votes::ballots::shuffle_ballots;
use crate::domain::assemblies::votes::tally::{rule_of, tally, StoredResult};
use crate::domain::assemblies::votes::LiveSignal;
use crate::domain::assemblies::{self, motion_status, status_of};
use crate::domain::{core::audit, Actor, DomainError, DomainResult};
use crate::entities::{majority_rule, motion};
use chrono::Utc;
use constellation_shared::dto::assembly::{AssemblyStatus, BallotKind, MotionStatus};
use constellation_shared::rules::majority::{self, Attendance};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QuerySelect, Set};
use serde_json::{json, Value};
use uuid::Uuid;

pub async fn open_voting(
    env: &crate::domain::Env,
    actor: &Actor,
    motion_id: Uuid,
) -> DomainResult<Uuid> {
    let board = actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    let m = motion::Entity::find_by_id(motion_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let a = assemblies::lock(&txn, m.assembly_id).await?;
    if status_of(&a) != AssemblyStatus::InSession || motion_status(&m) != MotionStatus::Draft {
        return Err(DomainError::InvalidTransition(
            "voting opens on a draft motion in session",
        ));
    }
    let mut am = m.into_active_model();
    am.status = Set(MotionStatus::Open.as_str().to_owned());
    am.opened_at = Set(Some(Utc::now()));
    let opened = am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "assembly.voting.open",
        "motion",
        &motion_id.to_string(),
        Value::Null,
        json!({ "assemblyId": a.id }),
    )
    .await?;
    let told = crate::domain::assemblies::notices::voting_open(&txn, env, &a, &opened).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::reach::notify::announce(env, told);
    let _ = env.live.send(LiveSignal {
        assembly_id: a.id,
        motion_id: Some(motion_id),
        kind: "VOTING_OPENED",
    });
    Ok(a.id)
}

/// Closes voting: no vote counts after this; the result is computed and kept; the secret
/// ballots are rewritten in a random order.
pub async fn close_voting(
    env: &crate::domain::Env,
    actor: &Actor,
    motion_id: Uuid,
) -> DomainResult<Uuid> {
    let board = actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    let mut q = motion::Entity::find_by_id(motion_id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    let m = q.one(&txn).await?.ok_or(DomainError::NotFound)?;
    if motion_status(&m) != MotionStatus::Open {
        return Err(DomainError::InvalidTransition("voting is not open"));
    }
    let a = assemblies::find(&txn, m.assembly_id).await?;
    let t = tally(&txn, &m).await?;
    let room = crate::domain::assemblies::room_counts::room_tally(&txn, m.id)
        .await?
        .unwrap_or_default();
    let members = assemblies::effective_members(&txn).await? as u32;
    let present = crate::domain::assemblies::proxies::present(&txn, a.id)
        .await?
        .len() as u32;
    let represented = crate::domain::assemblies::proxies::represented(&txn, a.id)
        .await?
        .len() as u32;
    let rule = majority_rule::Entity::find_by_id(m.rule_code.clone())
        .one(&txn)
        .await?
        .ok_or(DomainError::internal("missing majority rule"))?;
    let second = a.first_convocation_id.is_some();
    let attendance = Attendance {
        members,
        present_or_represented: present + represented,
    };
    let outcome = majority::decide(&rule_of(&rule), t, attendance, second);
    let stored = StoredResult {
        yes: t.yes,
        no: t.no,
        abstain: t.abstain,
        room_yes: room.yes,
        room_no: room.no,
        room_abstain: room.abstain,
        members,
        present_or_represented: present + represented,
        second_convocation: second,
        verdict: format!("{:?}", outcome.verdict),
        passed: outcome.passed(),
    };
    if m.ballot == BallotKind::Secret.as_str() {
        shuffle_ballots(&txn, m.id).await?;
    }
    let mut am = m.into_active_model();
    am.status = Set(MotionStatus::Closed.as_str().to_owned());
    am.closed_at = Set(Some(Utc::now()));
    am.result = Set(Some(
        serde_json::to_string(&stored).map_err(DomainError::internal)?,
    ));
    am.update(&txn).await?;
    let entry = audit::record(&txn, Some(board.id), "assembly.voting.close", "motion", &motion_id.to_string(), Value::Null,
        json!({ "assemblyId": a.id, "yes": t.yes, "no": t.no, "abstain": t.abstain,
            "room": { "yes": room.yes, "no": room.no, "abstain": room.abstain }, "passed": stored.passed })).await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    // PostgreSQL keeps the old row versions (in arrival order) until vacuumed.
    if env.db.get_database_backend() == sea_orm::DbBackend::Postgres {
        if let Err(e) = env.db.execute_unprepared("VACUUM secret_ballots").await {
            tracing::warn!(error = %e, "could not vacuum the ballot box");
        }
    }
    let _ = env.live.send(LiveSignal {
        assembly_id: a.id,
        motion_id: Some(motion_id),
        kind: "VOTING_CLOSED",
    });
    Ok(a.id)
}
