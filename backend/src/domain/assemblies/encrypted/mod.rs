//! Encrypted ballots (issue 15), the server's side of `constellation_shared::voting`: the
//! motion's trustees and their keys (`keys`), the ballot box of ciphertexts (`ballots`), and
//! the decryption of the totals by the trustees with the published election record
//! (`decrypt`). The server only ever holds public values: trustees' public keys and partial
//! decryptions, ciphertexts with their proofs. A choice exists in plaintext in the voter's
//! page only; the totals, once every trustee decrypted.
//!
//! An encrypted motion is a `SECRET` motion with `encrypted` set, so the participation rows
//! (one per member and motion, a primary key) and the eligibility rules are those of secret
//! ballots; proxy holders cast one ballot per principal. Trustees are n-of-n (every trustee
//! decrypts); `voting` also has k-of-n, which is not wired here yet.
//!
//! Uses: `assemblies` (motions, status), `votes` (the writer, the result), `core`.

mod ballots;
mod decrypt;
mod keys;

pub use ballots::{
    ballot_page, close_box, insert_ballot, trackers, verify_for_cast, VerifiedBallot,
};
pub use decrypt::{record, submit_partial_decryption};

pub use keys::{ensure_no_trustee_duty, make_params, replace_trustee, submit_trustee_key};

use crate::domain::{DomainError, DomainResult};
use crate::entities::{encrypted_ballot, motion, motion_election, motion_trustee, user};
use constellation_shared::ids::MotionId;
use constellation_shared::voting::{ElectionParams, EncryptedTally};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

/// What the page shows of an encrypted motion.
#[derive(Debug, Clone)]
pub struct ElectionView {
    pub params: Option<String>,
    pub fingerprint: Option<String>,
    pub trustees: Vec<motion_trustee::Model>,
    pub ballots: u64,
    pub encrypted_tally: Option<String>,
    pub decrypted: bool,
}

impl ElectionView {
    /// Every trustee posted its key (a motion's parameters then exist; an election's are
    /// made when voting opens, from its candidates).
    pub fn ready(&self) -> bool {
        !self.trustees.is_empty() && self.trustees.iter().all(|t| t.public_key.is_some())
    }

    pub fn trustee_index(&self, user: Uuid) -> Option<i32> {
        self.trustees
            .iter()
            .find(|t| t.user_id == Some(user))
            .map(|t| t.trustee_index)
    }
}

/// Names the trustees of a new encrypted motion: the board members (in the order they joined),
/// or its author if the association has no board member yet.
pub async fn create_for<C: ConnectionTrait>(
    conn: &C,
    motion_id: MotionId,
    author: Uuid,
) -> DomainResult<()> {
    let mut people: Vec<Uuid> = user::Entity::find()
        .filter(user::Column::IsBoard.eq(true))
        .filter(user::Column::DeletedAt.is_null())
        .order_by_asc(user::Column::CreatedAt)
        .order_by_asc(user::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    if people.is_empty() {
        people.push(author);
    }
    motion_election::ActiveModel {
        motion_id: Set(motion_id),
        params: Set(None),
        encrypted_tally: Set(None),
        closing: Set(None),
        record: Set(None),
    }
    .insert(conn)
    .await?;
    motion_trustee::Entity::insert_many(people.into_iter().enumerate().map(|(i, u)| {
        motion_trustee::ActiveModel {
            motion_id: Set(motion_id),
            trustee_index: Set(i as i32 + 1),
            user_id: Set(Some(u)),
            public_key: Set(None),
            partial_decryption: Set(None),
        }
    }))
    .exec(conn)
    .await?;
    Ok(())
}

/// The preamble of a trustee's posting: the encrypted motion, locked (PostgreSQL), the
/// motion's trustees, and the caller's own row (`FORBIDDEN` if the caller is none of them).
pub(crate) async fn as_trustee(
    txn: &sea_orm::DatabaseTransaction,
    actor: &crate::domain::Actor,
    motion_id: MotionId,
) -> DomainResult<(
    motion::Model,
    Vec<motion_trustee::Model>,
    motion_trustee::Model,
)> {
    let me = actor.user()?.id;
    let m = locked_encrypted(txn, motion_id).await?;
    crate::domain::assemblies::reader(actor)?;
    let trustees = trustees_of(txn, m.id).await?;
    let mine = trustees
        .iter()
        .find(|t| t.user_id == Some(me))
        .cloned()
        .ok_or(DomainError::Forbidden)?;
    Ok((m, trustees, mine))
}

/// The motion, locked on PostgreSQL; `INVALID_TRANSITION` unless it is an encrypted vote.
pub(crate) async fn locked_encrypted(
    txn: &sea_orm::DatabaseTransaction,
    motion_id: MotionId,
) -> DomainResult<motion::Model> {
    use sea_orm::QuerySelect;
    let mut q = motion::Entity::find_by_id(motion_id);
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    let m = q.one(txn).await?.ok_or(DomainError::NotFound)?;
    if !m.encrypted {
        return Err(DomainError::InvalidTransition(
            "this motion is not an encrypted vote",
        ));
    }
    Ok(m)
}

pub(crate) async fn election_row<C: ConnectionTrait>(
    conn: &C,
    motion_id: MotionId,
) -> DomainResult<motion_election::Model> {
    motion_election::Entity::find_by_id(motion_id)
        .one(conn)
        .await?
        .ok_or(DomainError::internal(
            "an encrypted motion without its election",
        ))
}

pub(crate) async fn trustees_of<C: ConnectionTrait>(
    conn: &C,
    motion_id: MotionId,
) -> DomainResult<Vec<motion_trustee::Model>> {
    Ok(motion_trustee::Entity::find()
        .filter(motion_trustee::Column::MotionId.eq(motion_id))
        .order_by_asc(motion_trustee::Column::TrusteeIndex)
        .all(conn)
        .await?)
}

/// The parameters of an encrypted motion once every trustee posted its key.
pub async fn params<C: ConnectionTrait>(
    conn: &C,
    motion_id: MotionId,
) -> DomainResult<Option<ElectionParams>> {
    election_row(conn, motion_id)
        .await?
        .params
        .map(|p| parse_stored(&p))
        .transpose()
}

pub(crate) fn parse_stored<T: serde::de::DeserializeOwned>(json: &str) -> DomainResult<T> {
    serde_json::from_str(json)
        .map_err(|e| DomainError::internal(format!("stored election value: {e}")))
}

pub(crate) fn invalid(e: impl std::fmt::Display) -> DomainError {
    DomainError::InvalidBallot(e.to_string())
}

/// The elections of encrypted motions, for the page, in a few statements for them all
/// (the motions' DataLoader): keyed by motion id; a motion with no election row is absent.
pub async fn views_for<C: ConnectionTrait>(
    conn: &C,
    motion_ids: &[MotionId],
) -> DomainResult<HashMap<MotionId, ElectionView>> {
    let rows = motion_election::Entity::find()
        .filter(motion_election::Column::MotionId.is_in(motion_ids.iter().copied()))
        .all(conn)
        .await?;
    let mut trustees: HashMap<MotionId, Vec<motion_trustee::Model>> = HashMap::new();
    for t in motion_trustee::Entity::find()
        .filter(motion_trustee::Column::MotionId.is_in(motion_ids.iter().copied()))
        .order_by_asc(motion_trustee::Column::MotionId)
        .order_by_asc(motion_trustee::Column::TrusteeIndex)
        .all(conn)
        .await?
    {
        trustees.entry(t.motion_id).or_default().push(t);
    }
    let counts: HashMap<MotionId, i64> = encrypted_ballot::Entity::find()
        .select_only()
        .column(encrypted_ballot::Column::MotionId)
        .column_as(encrypted_ballot::Column::Tracker.count(), "n")
        .filter(encrypted_ballot::Column::MotionId.is_in(motion_ids.iter().copied()))
        .group_by(encrypted_ballot::Column::MotionId)
        .into_tuple::<(MotionId, i64)>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let mut out = HashMap::with_capacity(rows.len());
    for row in rows {
        let fingerprint = match &row.params {
            Some(p) => Some(
                parse_stored::<ElectionParams>(p)?
                    .fingerprint_hex()
                    .map_err(DomainError::internal)?,
            ),
            None => None,
        };
        let id = row.motion_id;
        out.insert(
            id,
            ElectionView {
                params: row.params,
                fingerprint,
                trustees: trustees.remove(&id).unwrap_or_default(),
                ballots: counts.get(&id).copied().unwrap_or(0).max(0) as u64,
                encrypted_tally: row.encrypted_tally,
                decrypted: row.record.is_some(),
            },
        );
    }
    Ok(out)
}

/// The encrypted tally stored at the close.
pub(crate) fn stored_tally(row: &motion_election::Model) -> DomainResult<Option<EncryptedTally>> {
    row.encrypted_tally.as_deref().map(parse_stored).transpose()
}
