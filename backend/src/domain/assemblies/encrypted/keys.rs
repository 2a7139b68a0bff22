//! Trustees' keys: each trustee of an encrypted motion posts the public part of its key with
//! a proof of knowledge, made in its page, while the motion is a draft. The last key in makes
//! the election's parameters (the key the voters' pages encrypt to).

use super::{election_row, invalid, trustees_of};
use crate::domain::assemblies::{motion_status, votes::LiveSignal};
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{motion, motion_election, motion_trustee};
use constellation_shared::dto::assemblies::MotionStatus;
use constellation_shared::voting::{BasicTrustee, ElectionParams, Question, TrusteeSetup};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QuerySelect, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

/// Most bytes of a posted key (its JSON is about 250).
const MAX_KEY: usize = 4_096;

/// A trustee posts its public key (`BasicTrustee` as JSON). Returns the assembly's id.
pub async fn submit_trustee_key(
    env: &Env,
    actor: &Actor,
    motion_id: Uuid,
    key_json: &str,
) -> DomainResult<Uuid> {
    let me = actor.user()?.clone();
    if key_json.len() > MAX_KEY {
        return Err(invalid("key too large"));
    }
    let key: BasicTrustee = serde_json::from_str(key_json).map_err(invalid)?;
    let txn = env.begin_write().await?;
    let mut q = motion::Entity::find_by_id(motion_id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    let m = q.one(&txn).await?.ok_or(DomainError::NotFound)?;
    crate::domain::assemblies::reader(actor)?;
    if !m.encrypted {
        return Err(DomainError::InvalidTransition(
            "this motion is not an encrypted vote",
        ));
    }
    let trustees = trustees_of(&txn, m.id).await?;
    let Some(mine) = trustees.iter().find(|t| t.user_id == Some(me.id)).cloned() else {
        return Err(DomainError::Forbidden);
    };
    if motion_status(&m) != MotionStatus::Draft {
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
