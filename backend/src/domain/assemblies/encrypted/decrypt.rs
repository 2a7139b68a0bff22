//! Decrypting the totals: after the close each trustee posts its partial decryption of the
//! encrypted tally, with proofs, made in its page. The last one in decrypts the totals,
//! re-verifies the whole election (`ElectionRecord::close`), decides the result as for any
//! motion (plus the room's counts) and publishes the record.

use super::ballots::all_ballots;
use super::{election_row, invalid, parse_stored, stored_tally, trustees_of};
use crate::domain::assemblies::room_counts;
use crate::domain::assemblies::votes::{decide_stored, Closing, LiveSignal};
use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::{motion, motion_election, motion_trustee};
use constellation_shared::dto::assemblies::MotionStatus;
use constellation_shared::ids::{AssemblyId, MotionId};
use constellation_shared::rules::majority::Tally;
use constellation_shared::voting::{
    verify_partial_decryption, CredentialList, ElectionParams, ElectionRecord, EncryptedTally,
    PartialDecryption,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

/// Most bytes of a posted partial decryption for `options` options (about 130 per option:
/// a decryption factor and its proof).
fn max_partial(options: usize) -> usize {
    1_024 + 512 * options
}

/// A trustee posts its partial decryption (`PartialDecryption` as JSON). Returns the
/// assembly's id.
///
/// Everything that cannot change once voting closed (the parameters, the encrypted tally, the
/// ballots) is read and verified before the write transaction: the proofs of this decryption
/// and, when it is the last one expected, the whole election, so the only write lock SQLite
/// has is not held for the seconds thousands of ballots take to re-verify. The transaction
/// then re-checks the state and uses the record verified ahead if the decryptions it sees are
/// the ones it was verified with.
pub async fn submit_partial_decryption(
    env: &Env,
    actor: &Actor,
    motion_id: MotionId,
    json_in: &str,
) -> DomainResult<AssemblyId> {
    let me = actor.user()?.clone();
    let ahead = prepare(env, actor, motion_id, json_in).await?;
    let pd = ahead.partial.clone();
    let txn = env.begin_write().await?;
    let (m, trustees, mine) = super::as_trustee(&txn, actor, motion_id).await?;
    let row = election_row(&txn, m.id).await?;
    let (Some(tally), MotionStatus::Closed) = (stored_tally(&row)?, m.status) else {
        return Err(DomainError::InvalidTransition(
            "trustees decrypt once voting is closed",
        ));
    };
    if mine.partial_decryption.is_some() || row.record.is_some() {
        return Err(DomainError::Conflict("this trustee already decrypted"));
    }
    if i64::from(pd.trustee) != i64::from(mine.trustee_index) {
        return Err(invalid("the decryption is another trustee's"));
    }
    if tally != ahead.tally {
        return Err(DomainError::internal(
            "the encrypted tally changed after the close",
        ));
    }
    let stored = serde_json::to_string(&pd).map_err(DomainError::internal)?;
    let written = motion_trustee::Entity::update_many()
        .col_expr(motion_trustee::Column::PartialDecryption, stored.into())
        .filter(motion_trustee::Column::MotionId.eq(m.id))
        .filter(motion_trustee::Column::TrusteeIndex.eq(mine.trustee_index))
        .filter(motion_trustee::Column::PartialDecryption.is_null())
        .exec(&txn)
        .await?;
    if written.rows_affected != 1 {
        return Err(DomainError::Conflict("this trustee already decrypted"));
    }
    let partials: Vec<PartialDecryption> = trustees_of(&txn, m.id)
        .await?
        .iter()
        .filter_map(|t| t.partial_decryption.as_deref())
        .map(parse_stored)
        .collect::<DomainResult<_>>()?;
    let complete = partials.len() == trustees.len();
    let mut after =
        json!({ "assemblyId": m.assembly_id, "trustee": mine.trustee_index, "complete": complete });
    if complete {
        let record = match ahead.record {
            Some((seen, record)) if seen == partials => record,
            // Another trustee's decryption landed between the two reads: verify here.
            _ => verify_record(&txn, m.id, ahead.params, partials).await?,
        };
        let passed = finish(&txn, &m, row, record).await?;
        after["passed"] = passed.into();
    }
    let entry = audit::record(
        &txn,
        Some(me.id),
        "assembly.trustee.decrypt",
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
        kind: if complete { "VOTING_CLOSED" } else { "TRUSTEE" },
    });
    Ok(m.assembly_id)
}

/// What is checked before the write transaction.
struct Ahead {
    params: ElectionParams,
    tally: EncryptedTally,
    partial: PartialDecryption,
    /// When this decryption looked like the last: the decryptions it was verified with and
    /// the verified record.
    record: Option<(Vec<PartialDecryption>, ElectionRecord)>,
}

async fn prepare(
    env: &Env,
    actor: &Actor,
    motion_id: MotionId,
    json_in: &str,
) -> DomainResult<Ahead> {
    let me = actor.user()?.id;
    let db = &env.db;
    let m = motion::Entity::find_by_id(motion_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound)?;
    crate::domain::assemblies::reader(actor)?;
    if !m.encrypted {
        return Err(DomainError::InvalidTransition(
            "this motion is not an encrypted vote",
        ));
    }
    let trustees = trustees_of(db, m.id).await?;
    let Some(mine) = trustees.iter().find(|t| t.user_id == Some(me)) else {
        return Err(DomainError::Forbidden);
    };
    let row = election_row(db, m.id).await?;
    let (Some(tally), Some(p), MotionStatus::Closed) =
        (stored_tally(&row)?, row.params.as_deref(), m.status)
    else {
        return Err(DomainError::InvalidTransition(
            "trustees decrypt once voting is closed",
        ));
    };
    let params: ElectionParams = parse_stored(p)?;
    if json_in.len() > max_partial(params.question.options.len()) {
        return Err(invalid("partial decryption too large"));
    }
    let partial: PartialDecryption = serde_json::from_str(json_in).map_err(invalid)?;
    let fp = params.fingerprint().map_err(invalid)?;
    verify_partial_decryption(&params, &fp, &tally, &partial).map_err(invalid)?;
    let mut others: Vec<(i32, PartialDecryption)> = Vec::with_capacity(trustees.len());
    for t in &trustees {
        if t.trustee_index == mine.trustee_index {
            others.push((t.trustee_index, partial.clone()));
        } else if let Some(done) = t.partial_decryption.as_deref() {
            others.push((t.trustee_index, parse_stored(done)?));
        }
    }
    let record = if others.len() == trustees.len() && mine.partial_decryption.is_none() {
        let partials: Vec<PartialDecryption> = others.into_iter().map(|(_, p)| p).collect();
        let record = verify_record(db, m.id, params.clone(), partials.clone()).await?;
        Some((partials, record))
    } else {
        None
    };
    Ok(Ahead {
        params,
        tally,
        partial,
        record,
    })
}

/// Decrypts the totals and re-verifies the whole election from the stored ballots, off the
/// async runtime.
async fn verify_record<C: ConnectionTrait>(
    conn: &C,
    motion_id: MotionId,
    params: ElectionParams,
    partials: Vec<PartialDecryption>,
) -> DomainResult<ElectionRecord> {
    let ballots = all_ballots(conn, motion_id).await?;
    let credentials = CredentialList(ballots.iter().map(|b| b.credential).collect());
    tokio::task::spawn_blocking(move || {
        ElectionRecord::close(params, Some(credentials), ballots, partials)
    })
    .await
    .map_err(DomainError::internal)?
    .map_err(|e| DomainError::internal(format!("the election does not verify: {e}")))
}

/// Every partial decryption is in and the record verified: decides, stores the result and
/// the record. Returns whether the motion passed.
async fn finish<C: ConnectionTrait>(
    txn: &C,
    m: &motion::Model,
    row: motion_election::Model,
    record: ElectionRecord,
) -> DomainResult<bool> {
    let closing: Closing = parse_stored(row.closing.as_deref().ok_or(DomainError::internal(
        "a closed election without attendance",
    ))?)?;
    let (result, passed) = if crate::domain::assemblies::elections::is_election(m) {
        // Per candidate the approvals; the other ballots did not approve them.
        let ballots = record.encrypted_tally.num_ballots as u32;
        let mut counts = Vec::with_capacity(record.result.len());
        for (option, approvals) in record.params.question.options.iter().zip(&record.result) {
            let id = Uuid::parse_str(option)
                .map_err(|_| DomainError::internal("an election option is not a candidate"))?;
            let yes = *approvals as u32;
            counts.push((
                id,
                Tally {
                    yes,
                    no: ballots.saturating_sub(yes),
                    abstain: 0,
                },
            ));
        }
        let stored = crate::domain::assemblies::elections::decide_election(
            txn, m, &counts, ballots, closing,
        )
        .await?;
        let filled = stored.filled > 0;
        (
            serde_json::to_string(&stored).map_err(DomainError::internal)?,
            filled,
        )
    } else {
        let [yes, no, abstain] = record.result.as_slice() else {
            return Err(DomainError::internal(
                "a motion's totals are yes, no, abstain",
            ));
        };
        let online = Tally {
            yes: *yes as u32,
            no: *no as u32,
            abstain: *abstain as u32,
        };
        let room = room_counts::room_tally(txn, m.id)
            .await?
            .unwrap_or_default();
        let stored = decide_stored(txn, m, online, room, closing).await?;
        (
            serde_json::to_string(&stored).map_err(DomainError::internal)?,
            stored.passed,
        )
    };
    let mut am = m.clone().into_active_model();
    am.result = Set(Some(result));
    am.update(txn).await?;
    let mut er: motion_election::ActiveModel = row.into_active_model();
    er.record = Set(Some(
        serde_json::to_string(&record).map_err(DomainError::internal)?,
    ));
    er.update(txn).await?;
    Ok(passed)
}

/// The election record (JSON) once the totals are decrypted.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    m: &motion::Model,
) -> DomainResult<Option<String>> {
    if !m.encrypted {
        return Ok(None);
    }
    Ok(election_row(conn, m.id).await?.record)
}
