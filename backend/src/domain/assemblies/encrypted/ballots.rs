//! The encrypted ballot box: a ballot is verified (every proof, its signature, that it is for
//! this election) before it is queued; the vote writer then stores it beside the member's
//! participation, by tracker and credential, both unique for the motion. At the close the
//! ciphertexts are summed per option into the encrypted tally.

use super::{invalid, params, parse_stored};
use crate::domain::{DbResultExt, DomainError, DomainResult};
use crate::entities::{encrypted_ballot, motion, motion_election};
use constellation_shared::ids::MotionId;
use constellation_shared::voting::{raw::point_to_hex, verify_ballot, Ballot, EncryptedTally};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
};

/// Most bytes of a posted ballot for a question of `options` options: a yes/no/abstain
/// ballot is about 2.5 KB, each option adding a ciphertext and its 0-or-1 proof.
pub(crate) fn max_ballot(options: usize) -> usize {
    4_096 + 1_536 * options
}

/// A ballot that passed every check, ready for the writer.
#[derive(Debug, Clone)]
pub struct VerifiedBallot {
    pub tracker: String,
    pub credential: String,
    pub json: String,
}

/// Checks a posted ballot against the motion's parameters, off the async runtime (the proofs
/// cost a few milliseconds).
pub async fn verify_for_cast(
    db: &DatabaseConnection,
    m: &motion::Model,
    ballot_json: &str,
) -> DomainResult<VerifiedBallot> {
    if !m.encrypted {
        return Err(DomainError::InvalidTransition(
            "this vote takes plain ballots, not encrypted ones",
        ));
    }
    let Some(params) = params(db, m.id).await? else {
        return Err(DomainError::VotingClosed);
    };
    if ballot_json.len() > max_ballot(params.question.options.len()) {
        return Err(invalid("ballot too large"));
    }
    let ballot: Ballot = serde_json::from_str(ballot_json).map_err(invalid)?;
    tokio::task::spawn_blocking(move || {
        verify_ballot(&params, &ballot).map_err(invalid)?;
        let tracker = ballot.tracker().map_err(invalid)?;
        Ok(VerifiedBallot {
            tracker,
            credential: point_to_hex(&ballot.credential),
            json: serde_json::to_string(&ballot).map_err(DomainError::internal)?,
        })
    })
    .await
    .map_err(DomainError::internal)?
}

/// Stores a verified ballot in the writer's transaction.
pub async fn insert_ballot(
    txn: &DatabaseTransaction,
    motion_id: MotionId,
    b: &VerifiedBallot,
) -> DomainResult<()> {
    encrypted_ballot::ActiveModel {
        motion_id: Set(motion_id),
        tracker: Set(b.tracker.clone()),
        credential: Set(b.credential.clone()),
        ballot: Set(b.json.clone()),
    }
    .insert(txn)
    .await
    .on_unique(
        &["encrypted_ballots", "ux_encrypted_ballots_credential"],
        DomainError::InvalidBallot("ballot or credential already used".into()),
    )?;
    Ok(())
}

/// The box of a motion in tracker order, after the cursor `after` (a tracker: lowercase hex,
/// `VALIDATION` otherwise).
fn box_after(
    motion_id: MotionId,
    after: Option<&str>,
) -> DomainResult<sea_orm::Select<encrypted_ballot::Entity>> {
    let mut q = encrypted_ballot::Entity::find()
        .filter(encrypted_ballot::Column::MotionId.eq(motion_id))
        .order_by_asc(encrypted_ballot::Column::Tracker);
    if let Some(a) = after {
        let hex = !a.is_empty()
            && a.len() <= 128
            && a.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !hex {
            return Err(DomainError::invalid(
                "after",
                constellation_shared::ValidationReason::Invalid,
            ));
        }
        q = q.filter(encrypted_ballot::Column::Tracker.gt(a));
    }
    Ok(q)
}

/// The public board: trackers in order, after `after`, at most `first`.
pub async fn trackers<C: ConnectionTrait>(
    conn: &C,
    motion_id: MotionId,
    after: Option<&str>,
    first: u64,
) -> DomainResult<Vec<String>> {
    Ok(box_after(motion_id, after)?
        .select_only()
        .column(encrypted_ballot::Column::Tracker)
        .limit(first)
        .into_tuple()
        .all(conn)
        .await?)
}

/// The ballot box: (tracker, ballot JSON) in tracker order, after `after`, at most `first`.
/// Public like the board: a trustee's page recomputes the encrypted tally from it before
/// decrypting, so the server cannot have a single ballot decrypted.
pub async fn ballot_page<C: ConnectionTrait>(
    conn: &C,
    motion_id: MotionId,
    after: Option<&str>,
    first: u64,
) -> DomainResult<Vec<(String, String)>> {
    Ok(box_after(motion_id, after)?
        .select_only()
        .column(encrypted_ballot::Column::Tracker)
        .column(encrypted_ballot::Column::Ballot)
        .limit(first)
        .into_tuple()
        .all(conn)
        .await?)
}

/// Every ballot of the motion, in tracker order.
pub(crate) async fn all_ballots<C: ConnectionTrait>(
    conn: &C,
    motion_id: MotionId,
) -> DomainResult<Vec<Ballot>> {
    let rows: Vec<String> = encrypted_ballot::Entity::find()
        .filter(encrypted_ballot::Column::MotionId.eq(motion_id))
        .order_by_asc(encrypted_ballot::Column::Tracker)
        .select_only()
        .column(encrypted_ballot::Column::Ballot)
        .into_tuple()
        .all(conn)
        .await?;
    rows.iter().map(|b| parse_stored(b)).collect()
}

/// At the close: sums the ballots into the encrypted tally and keeps the attendance the result
/// will be decided on. Returns the number of ballots.
pub async fn close_box(
    txn: &DatabaseTransaction,
    m: &motion::Model,
    closing: &impl serde::Serialize,
) -> DomainResult<u64> {
    let Some(p) = params(txn, m.id).await? else {
        return Err(DomainError::internal(
            "an open encrypted motion without parameters",
        ));
    };
    let ballots = all_ballots(txn, m.id).await?;
    // Point additions only: cheap even for thousands of ballots.
    let tally = EncryptedTally::compute(&p, &ballots);
    // Rewritten in one transaction, so that on PostgreSQL no ballot row keeps the transaction
    // id it shared with its voter's participation row (vacuumed after the commit).
    crate::domain::core::unlink::rewrite_shuffled(
        txn,
        encrypted_ballot::Column::MotionId.eq(m.id),
        |b: &encrypted_ballot::Model| encrypted_ballot::ActiveModel {
            motion_id: Set(b.motion_id),
            tracker: Set(b.tracker.clone()),
            credential: Set(b.credential.clone()),
            ballot: Set(b.ballot.clone()),
        },
    )
    .await?;
    let row = super::election_row(txn, m.id).await?;
    let mut am: motion_election::ActiveModel = row.into_active_model();
    am.encrypted_tally = Set(Some(
        serde_json::to_string(&tally).map_err(DomainError::internal)?,
    ));
    am.closing = Set(Some(
        serde_json::to_string(closing).map_err(DomainError::internal)?,
    ));
    am.update(txn).await?;
    Ok(tally.num_ballots)
}
