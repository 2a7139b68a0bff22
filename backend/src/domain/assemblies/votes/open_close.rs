//! Opening and closing voting on a motion; closing computes and keeps the result and
//! shuffles the secret ballots.

use crate::domain::assemblies::votes::ballots::shuffle_ballots;
use crate::domain::assemblies::votes::tally::{rule_from, StoredResult};
use crate::domain::assemblies::votes::LiveSignal;
use crate::domain::assemblies::{self};
use crate::domain::{core::audit, Actor, DomainError, DomainResult};
use crate::entities::{assembly, majority_rule, motion};
use chrono::Utc;
use constellation_shared::dto::assemblies::{AssemblyStatus, BallotKind, MotionStatus};
use constellation_shared::ids::{AssemblyId, MotionId};
use constellation_shared::rules::majority::{self, Attendance, Rule, Tally};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QuerySelect, Set};
use serde_json::{json, Value};
use uuid::Uuid;

/// The attendance a result is decided on, and the motion's majority rule as it stood, taken
/// when voting closes (an encrypted vote is decided later, when the trustees decrypt: a rule
/// changed in between does not change its outcome).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Closing {
    pub members: u32,
    pub present_or_represented: u32,
    pub second_convocation: bool,
    /// Absent from closings stored before the rule was kept: the rule is then read again.
    #[serde(default)]
    pub rule: Option<RuleAtClose>,
}

/// A majority rule's figures (`majority_rules`), as kept in a `Closing`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleAtClose {
    pub quorum_num: i32,
    pub quorum_den: i32,
    pub majority_num: i32,
    pub majority_den: i32,
    pub strict: bool,
}

impl From<&majority_rule::Model> for RuleAtClose {
    fn from(r: &majority_rule::Model) -> Self {
        Self {
            quorum_num: r.quorum_num,
            quorum_den: r.quorum_den,
            majority_num: r.majority_num,
            majority_den: r.majority_den,
            strict: r.strict,
        }
    }
}

async fn current_rule<C: ConnectionTrait>(
    conn: &C,
    m: &motion::Model,
) -> DomainResult<RuleAtClose> {
    let rule = majority_rule::Entity::find_by_id(m.rule_code)
        .one(conn)
        .await?
        .ok_or(DomainError::internal("missing majority rule"))?;
    Ok(RuleAtClose::from(&rule))
}

impl Closing {
    /// The rule the motion is decided on: the one kept at the close.
    pub async fn rule<C: ConnectionTrait>(
        &self,
        conn: &C,
        m: &motion::Model,
    ) -> DomainResult<Rule> {
        let r = match self.rule {
            Some(r) => r,
            None => current_rule(conn, m).await?,
        };
        Ok(rule_from(r))
    }

    pub async fn now<C: ConnectionTrait>(
        conn: &C,
        a: &assembly::Model,
        m: &motion::Model,
    ) -> DomainResult<Self> {
        let members = assemblies::effective_members(conn).await? as u32;
        let present = crate::domain::assemblies::proxies::present(conn, a.id)
            .await?
            .len() as u32;
        let represented = crate::domain::assemblies::proxies::represented(conn, a.id)
            .await?
            .len() as u32;
        Ok(Self {
            members,
            present_or_represented: present + represented,
            second_convocation: a.first_convocation_id.is_some(),
            rule: Some(current_rule(conn, m).await?),
        })
    }
}

/// Decides a motion from its online and room counts and the attendance at the close.
pub async fn decide_stored<C: ConnectionTrait>(
    conn: &C,
    m: &motion::Model,
    online: Tally,
    room: Tally,
    closing: Closing,
) -> DomainResult<StoredResult> {
    let t = crate::domain::assemblies::room_counts::combined(online, Some(room));
    let rule = closing.rule(conn, m).await?;
    let attendance = Attendance {
        members: closing.members,
        present_or_represented: closing.present_or_represented,
    };
    let outcome = majority::decide(&rule, t, attendance, closing.second_convocation);
    Ok(StoredResult {
        yes: t.yes,
        no: t.no,
        abstain: t.abstain,
        room_yes: room.yes,
        room_no: room.no,
        room_abstain: room.abstain,
        members: closing.members,
        present_or_represented: closing.present_or_represented,
        second_convocation: closing.second_convocation,
        verdict: format!("{:?}", outcome.verdict),
        passed: outcome.passed(),
    })
}

/// Closing an encrypted vote: the ballots are summed into the encrypted tally; the result
/// comes when every trustee has decrypted (`encrypted::submit_partial_decryption`).
async fn close_encrypted(
    env: &crate::domain::Env,
    txn: sea_orm::DatabaseTransaction,
    board: Uuid,
    m: motion::Model,
    closing: Closing,
) -> DomainResult<AssemblyId> {
    let ballots = crate::domain::assemblies::encrypted::close_box(&txn, &m, &closing).await?;
    let (motion_id, assembly_id) = (m.id, m.assembly_id);
    let mut am = m.into_active_model();
    am.status = Set(MotionStatus::Closed);
    am.closed_at = Set(Some(Utc::now()));
    am.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(board),
        "assembly.voting.close",
        "motion",
        &motion_id.to_string(),
        Value::Null,
        json!({ "assemblyId": assembly_id, "encrypted": true, "ballots": ballots }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::core::unlink::vacuum(env, "encrypted_ballots").await;
    let _ = env.live.send(LiveSignal {
        assembly_id,
        motion_id: Some(motion_id),
        kind: "VOTING_CLOSED",
    });
    Ok(assembly_id)
}

/// Closing an election on open or secret ballots: counts the marks, decides who is elected.
async fn close_election(
    env: &crate::domain::Env,
    txn: sea_orm::DatabaseTransaction,
    board: Uuid,
    m: motion::Model,
    closing: Closing,
) -> DomainResult<AssemblyId> {
    use crate::domain::assemblies::elections;
    let (counts, ballots) = elections::counts(&txn, &m).await?;
    if m.ballot == BallotKind::Secret {
        elections::shuffle_marks(&txn, m.id).await?;
    }
    let stored = elections::decide_election(&txn, &m, &counts, ballots, closing).await?;
    let (motion_id, assembly_id) = (m.id, m.assembly_id);
    let mut am = m.into_active_model();
    am.status = Set(MotionStatus::Closed);
    am.closed_at = Set(Some(Utc::now()));
    am.result = Set(Some(
        serde_json::to_string(&stored).map_err(DomainError::internal)?,
    ));
    am.update(&txn).await?;
    let elected: Vec<Uuid> = stored
        .candidates
        .iter()
        .filter(|c| c.elected)
        .map(|c| c.user_id)
        .collect();
    let tied: Vec<Uuid> = stored
        .candidates
        .iter()
        .filter(|c| c.tied)
        .map(|c| c.user_id)
        .collect();
    let entry = audit::record(
        &txn,
        Some(board),
        "assembly.voting.close",
        "motion",
        &motion_id.to_string(),
        Value::Null,
        json!({ "assemblyId": assembly_id, "ballots": ballots, "elected": elected, "tied": tied }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::core::unlink::vacuum(env, "candidate_marks").await;
    let _ = env.live.send(LiveSignal {
        assembly_id,
        motion_id: Some(motion_id),
        kind: "VOTING_CLOSED",
    });
    Ok(assembly_id)
}

pub async fn open_voting(
    env: &crate::domain::Env,
    actor: &Actor,
    motion_id: MotionId,
) -> DomainResult<AssemblyId> {
    let board = actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    // PostgreSQL: the motion row is locked as candidacies lock it, so an election opens on
    // the candidate list it read.
    let mut q = motion::Entity::find_by_id(motion_id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    let m = q.one(&txn).await?.ok_or(DomainError::NotFound)?;
    let a = assemblies::lock(&txn, m.assembly_id).await?;
    if a.status != AssemblyStatus::InSession || m.status != MotionStatus::Draft {
        return Err(DomainError::InvalidTransition(
            "voting opens on a draft motion in session",
        ));
    }
    if crate::domain::assemblies::elections::is_election(&m) {
        crate::domain::assemblies::elections::before_opening(&txn, &m).await?;
    } else if m.encrypted
        && crate::domain::assemblies::encrypted::params(&txn, m.id)
            .await?
            .is_none()
    {
        return Err(DomainError::TrusteesPending);
    }
    let mut am = m.into_active_model();
    am.status = Set(MotionStatus::Open);
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
    motion_id: MotionId,
) -> DomainResult<AssemblyId> {
    let board = actor.board_or_admin()?;
    let txn = env.begin_write().await?;
    let mut q = motion::Entity::find_by_id(motion_id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    let m = q.one(&txn).await?.ok_or(DomainError::NotFound)?;
    if m.status != MotionStatus::Open {
        return Err(DomainError::InvalidTransition("voting is not open"));
    }
    let a = assemblies::find(&txn, m.assembly_id).await?;
    let closing = Closing::now(&txn, &a, &m).await?;
    if m.encrypted {
        return close_encrypted(env, txn, board.id, m, closing).await;
    }
    if crate::domain::assemblies::elections::is_election(&m) {
        return close_election(env, txn, board.id, m, closing).await;
    }
    let online = crate::domain::assemblies::votes::online_tally(&txn, &m).await?;
    let room = crate::domain::assemblies::room_counts::room_tally(&txn, m.id)
        .await?
        .unwrap_or_default();
    let stored = decide_stored(&txn, &m, online, room, closing).await?;
    let t = stored.tally();
    if m.ballot == BallotKind::Secret {
        shuffle_ballots(&txn, m.id).await?;
    }
    let mut am = m.into_active_model();
    am.status = Set(MotionStatus::Closed);
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
    crate::domain::core::unlink::vacuum(env, "secret_ballots").await;
    let _ = env.live.send(LiveSignal {
        assembly_id: a.id,
        motion_id: Some(motion_id),
        kind: "VOTING_CLOSED",
    });
    Ok(a.id)
}
