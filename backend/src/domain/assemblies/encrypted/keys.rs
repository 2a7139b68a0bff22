//! Trustees' keys: each trustee of an encrypted motion posts the public part of its key with
//! a proof of knowledge, made in its page, while the motion is a draft. The last key in makes
//! the election's parameters (the key the voters' pages encrypt to).

use super::{election_row, invalid, locked_encrypted, trustees_of};
use crate::domain::assemblies::votes::LiveSignal;
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{assembly, motion, motion_election, motion_trustee, user};
use constellation_shared::dto::assemblies::{AssemblyStatus, MotionStatus};
use constellation_shared::ids::{AssemblyId, MotionId};
use constellation_shared::voting::{BasicTrustee, ElectionParams, Question, TrusteeSetup};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

/// Most bytes of a posted key (its JSON is about 250).
const MAX_KEY: usize = 4_096;

/// A trustee posts its public key (`BasicTrustee` as JSON). Returns the assembly's id.
pub async fn submit_trustee_key(
    env: &Env,
    actor: &Actor,
    motion_id: MotionId,
    key_json: &str,
) -> DomainResult<AssemblyId> {
    let me = actor.user()?.clone();
    if key_json.len() > MAX_KEY {
        return Err(invalid("key too large"));
    }
    let key: BasicTrustee = serde_json::from_str(key_json).map_err(invalid)?;
    let txn = env.begin_write().await?;
    let (m, trustees, mine) = super::as_trustee(&txn, actor, motion_id).await?;
    if m.status != MotionStatus::Draft {
        return Err(DomainError::InvalidTransition(
            "trustees post their keys before voting opens",
        ));
    }
    if mine.public_key.is_some() {
        return Err(DomainError::Conflict(
            "this trustee's key is already posted",
        ));
    }
    if key.index as i64 != i64::from(mine.trustee_index) {
        return Err(invalid("the key is for another trustee"));
    }
    key.verify(&m.id.to_string()).map_err(invalid)?;
    let stored = serde_json::to_string(&key).map_err(DomainError::internal)?;
    // Only a key not yet posted is written: a concurrent post of the same trustee changes
    // nothing.
    let written = motion_trustee::Entity::update_many()
        .col_expr(motion_trustee::Column::PublicKey, stored.into())
        .filter(motion_trustee::Column::MotionId.eq(m.id))
        .filter(motion_trustee::Column::TrusteeIndex.eq(mine.trustee_index))
        .filter(motion_trustee::Column::PublicKey.is_null())
        .exec(&txn)
        .await?;
    if written.rows_affected != 1 {
        return Err(DomainError::Conflict(
            "this trustee's key is already posted",
        ));
    }
    let posted = trustees_of(&txn, m.id)
        .await?
        .iter()
        .filter(|t| t.public_key.is_some())
        .count();
    let ready = posted == trustees.len();
    // A motion's question is known now; an election's once voting opens (its candidates).
    if ready && !crate::domain::assemblies::elections::is_election(&m) {
        make_params(&txn, &m, Question::yes_no_abstain()).await?;
    }
    let entry = audit::record(
        &txn,
        Some(me.id),
        "assembly.trustee.key",
        "motion",
        &m.id.to_string(),
        Value::Null,
        json!({ "assemblyId": m.assembly_id, "trustee": mine.trustee_index, "ready": ready }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    let _ = env.live.send(LiveSignal {
        assembly_id: m.assembly_id,
        motion_id: Some(m.id),
        kind: "TRUSTEE",
    });
    Ok(m.assembly_id)
}

/// Makes and stores the election's parameters from the trustees' posted keys and the
/// question; `TRUSTEES_PENDING` while a key is missing.
pub async fn make_params<C: ConnectionTrait>(
    conn: &C,
    m: &motion::Model,
    question: Question,
) -> DomainResult<()> {
    let mut keys = Vec::new();
    for t in trustees_of(conn, m.id).await? {
        match t.public_key {
            Some(k) => keys.push(super::parse_stored::<BasicTrustee>(&k)?),
            None => return Err(DomainError::TrusteesPending),
        }
    }
    let params = ElectionParams::new(
        m.id.to_string(),
        question,
        TrusteeSetup::Basic { trustees: keys },
    )
    .map_err(invalid)?;
    let row = election_row(conn, m.id).await?;
    if row.params.is_some() {
        return Err(DomainError::Conflict("the election's key is already set"));
    }
    let mut am: motion_election::ActiveModel = row.into_active_model();
    am.params = Set(Some(
        serde_json::to_string(&params).map_err(DomainError::internal)?,
    ));
    am.update(conn).await?;
    Ok(())
}

/// The board names `user_id` in place of trustee `index` while the motion is a draft (a
/// trustee who left, or lost its key). That trustee's key is dropped and the election's
/// parameters with it: every voter's page encrypts to the key made once all are in again.
/// Returns the assembly's id.
pub async fn replace_trustee(
    env: &Env,
    actor: &Actor,
    motion_id: MotionId,
    index: i32,
    user_id: Uuid,
) -> DomainResult<AssemblyId> {
    let board = actor.board_or_admin()?.id;
    let txn = env.begin_write().await?;
    let m = locked_encrypted(&txn, motion_id).await?;
    if m.status != MotionStatus::Draft {
        return Err(DomainError::InvalidTransition(
            "trustees are replaced before voting opens",
        ));
    }
    let person = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .filter(|u| u.deleted_at.is_none())
        .ok_or(DomainError::NotFound)?;
    let trustees = trustees_of(&txn, m.id).await?;
    let old = trustees
        .iter()
        .find(|t| t.trustee_index == index)
        .cloned()
        .ok_or(DomainError::NotFound)?;
    if trustees.iter().any(|t| t.user_id == Some(person.id)) {
        return Err(DomainError::Conflict(
            "this person is already a trustee of the vote",
        ));
    }
    let mut row: motion_trustee::ActiveModel = old.clone().into_active_model();
    row.user_id = Set(Some(person.id));
    row.public_key = Set(None);
    row.partial_decryption = Set(None);
    row.update(&txn).await?;
    let mut er: motion_election::ActiveModel = election_row(&txn, m.id).await?.into_active_model();
    er.params = Set(None);
    er.update(&txn).await?;
    let entry = audit::record(
        &txn,
        Some(board),
        "assembly.trustee.replace",
        "motion",
        &m.id.to_string(),
        json!({ "trustee": index, "userId": old.user_id }),
        json!({ "assemblyId": m.assembly_id, "trustee": index, "userId": person.id }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    let _ = env.live.send(LiveSignal {
        assembly_id: m.assembly_id,
        motion_id: Some(m.id),
        kind: "TRUSTEE",
    });
    Ok(m.assembly_id)
}

/// `TRUSTEE_DUTY` while `user_id` is a trustee the count of an encrypted vote still waits
/// for: a draft of an assembly not closed (its key; the board may replace it), an open vote,
/// or a closed one it has not decrypted. Account deletion calls it first.
pub async fn ensure_no_trustee_duty<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> DomainResult<()> {
    let mine = motion_trustee::Entity::find()
        .filter(motion_trustee::Column::UserId.eq(user_id))
        .all(conn)
        .await?;
    for t in mine {
        let Some(m) = motion::Entity::find_by_id(t.motion_id).one(conn).await? else {
            continue;
        };
        if election_row(conn, m.id).await?.record.is_some() {
            continue;
        }
        let waiting = match m.status {
            MotionStatus::Open => true,
            MotionStatus::Closed => t.partial_decryption.is_none(),
            MotionStatus::Draft => assembly::Entity::find_by_id(m.assembly_id)
                .one(conn)
                .await?
                .is_some_and(|a| a.status != AssemblyStatus::Closed),
        };
        if waiting {
            return Err(DomainError::TrusteeDuty);
        }
    }
    Ok(())
}
