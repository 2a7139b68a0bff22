//! Election ballots in plaintext (open and secret ballots): checking a ballot's marks against
//! the mode and the seats, writing them in the vote writer's transaction, counting them.

use super::{ballot_candidates, mode_of, seats_of};
use crate::domain::{DomainError, DomainResult};
use crate::entities::{ballot_participation, candidate_mark, candidate_vote, motion};
use constellation_shared::dto::assemblies::{BallotKind, Choice, ElectionMode};
use constellation_shared::ids::MotionId;
use constellation_shared::rules::majority::Tally;
use constellation_shared::ValidationReason;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

fn bad() -> DomainError {
    DomainError::invalid("marks", ValidationReason::Invalid)
}

/// The full ballot, one mark per candidate on the ballot, in ballot order. `APPROVAL`: `YES`
/// marks for the approved (at most the seats; `NO` marks may be given, the rest are `NO`);
/// `PER_CANDIDATE`: exactly one mark per candidate.
pub async fn check_marks<C: ConnectionTrait>(
    conn: &C,
    m: &motion::Model,
    marks: &[(Uuid, Choice)],
) -> DomainResult<Vec<(Uuid, Choice)>> {
    let on_ballot = ballot_candidates(conn, m.id).await?;
    let mut given: HashMap<Uuid, Choice> = HashMap::new();
    for (c, choice) in marks {
        if !on_ballot.contains(c) || given.insert(*c, *choice).is_some() {
            return Err(bad());
        }
    }
    match mode_of(m) {
        ElectionMode::Approval => {
            if given.values().any(|c| *c == Choice::Abstain) {
                return Err(bad());
            }
            let approved = given.values().filter(|c| **c == Choice::Yes).count() as u32;
            if approved > seats_of(m) {
                return Err(bad());
            }
        }
        ElectionMode::PerCandidate => {
            if given.len() != on_ballot.len() {
                return Err(bad());
            }
        }
    }
    Ok(on_ballot
        .into_iter()
        .map(|c| (c, given.get(&c).copied().unwrap_or(Choice::No)))
        .collect())
}

/// Writes a checked ballot: who marked what for open ballots, unlinked marks for secret ones.
/// The participation row (the one-ballot key) is written by the caller.
pub async fn insert_marks(
    txn: &DatabaseTransaction,
    m: &motion::Model,
    member: Uuid,
    caster: Uuid,
    marks: &[(Uuid, Choice)],
) -> DomainResult<()> {
    if m.ballot == BallotKind::Open {
        candidate_vote::Entity::insert_many(marks.iter().map(|(c, choice)| {
            candidate_vote::ActiveModel {
                motion_id: Set(m.id),
                member_id: Set(member),
                candidate_id: Set(*c),
                choice: Set(choice.as_str().to_owned()),
                cast_by: Set(caster),
            }
        }))
        .exec(txn)
        .await?;
    } else {
        candidate_mark::Entity::insert_many(marks.iter().map(|(c, choice)| {
            candidate_mark::ActiveModel {
                id: Set(Uuid::new_v4().to_string()),
                motion_id: Set(m.id),
                candidate_id: Set(*c),
                choice: Set(choice.as_str().to_owned()),
            }
        }))
        .exec(txn)
        .await?;
    }
    Ok(())
}

/// Per candidate on the ballot (in ballot order) the counts of the plaintext marks, and the
/// number of ballots.
pub async fn counts<C: ConnectionTrait>(
    conn: &C,
    m: &motion::Model,
) -> DomainResult<(Vec<(Uuid, Tally)>, u32)> {
    let rows: Vec<(Uuid, String)> = if m.ballot == BallotKind::Open {
        candidate_vote::Entity::find()
            .filter(candidate_vote::Column::MotionId.eq(m.id))
            .select_only()
            .column(candidate_vote::Column::CandidateId)
            .column(candidate_vote::Column::Choice)
            .into_tuple()
            .all(conn)
            .await?
    } else {
        candidate_mark::Entity::find()
            .filter(candidate_mark::Column::MotionId.eq(m.id))
            .select_only()
            .column(candidate_mark::Column::CandidateId)
            .column(candidate_mark::Column::Choice)
            .into_tuple()
            .all(conn)
            .await?
    };
    let mut per: HashMap<Uuid, Tally> = HashMap::new();
    for (c, choice) in rows {
        let t = per.entry(c).or_default();
        match Choice::parse(&choice) {
            Some(Choice::Yes) => t.yes += 1,
            Some(Choice::No) => t.no += 1,
            _ => t.abstain += 1,
        }
    }
    let ballots = ballot_participation::Entity::find()
        .filter(ballot_participation::Column::MotionId.eq(m.id))
        .count(conn)
        .await? as u32;
    let order = ballot_candidates(conn, m.id).await?;
    Ok((
        order
            .into_iter()
            .map(|c| (c, per.get(&c).copied().unwrap_or_default()))
            .collect(),
        ballots,
    ))
}

/// At the close of a secret election: the marks rewritten in a random order with fresh ids,
/// in the closing transaction, so that no mark keeps the transaction id (PostgreSQL) it
/// shared with its voter's participation row.
pub async fn shuffle_marks(txn: &DatabaseTransaction, motion_id: MotionId) -> DomainResult<()> {
    crate::domain::core::unlink::rewrite_shuffled(
        txn,
        candidate_mark::Column::MotionId.eq(motion_id),
        |k: &candidate_mark::Model| candidate_mark::ActiveModel {
            id: Set(Uuid::new_v4().to_string()),
            motion_id: Set(k.motion_id),
            candidate_id: Set(k.candidate_id),
            choice: Set(k.choice.clone()),
        },
    )
    .await?;
    Ok(())
}
