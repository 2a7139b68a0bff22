//! What a motion shows, and when: the rules behind `Motion.tally`, `Motion.openVotes`,
//! `Motion.receipts` and the `assemblyLive` feed, written once.

use crate::domain::assemblies::votes;
use crate::domain::{DomainResult, Env};
use crate::entities::{motion, open_vote};
use constellation_shared::dto::assemblies::{BallotKind, MotionStatus};
use constellation_shared::ids::MotionId;
use constellation_shared::rules::majority::Tally;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// An open ballot's tally shows as it goes; a secret ballot's only once closed (a running
/// count of a secret vote would let anyone watching learn who voted what).
pub fn visible_tally(ballot: BallotKind, status: MotionStatus) -> bool {
    ballot == BallotKind::Open || status == MotionStatus::Closed
}

/// Receipts are listed for secret ballots, once closed.
pub fn receipts_listed(ballot: BallotKind, status: MotionStatus) -> bool {
    ballot == BallotKind::Secret && status == MotionStatus::Closed
}

/// The tally, when the viewer may see it.
pub async fn tally_if_visible<C: ConnectionTrait>(
    conn: &C,
    m: &motion::Model,
) -> DomainResult<Option<Tally>> {
    if !visible_tally(m.ballot, m.status) {
        return Ok(None);
    }
    // An election's counts are per candidate (`Motion.electionResult`).
    if crate::domain::assemblies::elections::is_election(m) {
        return Ok(None);
    }
    // An encrypted vote's counts exist only once the trustees decrypted them.
    if m.encrypted {
        return Ok(votes::stored_result(m).map(|r| r.tally()));
    }
    votes::tally(conn, m).await.map(Some)
}

/// Who voted what, for open ballots (nothing for secret ones).
pub async fn open_votes<C: ConnectionTrait>(
    conn: &C,
    m: &motion::Model,
) -> DomainResult<Vec<open_vote::Model>> {
    if m.ballot != BallotKind::Open || crate::domain::assemblies::elections::is_election(m) {
        return Ok(Vec::new());
    }
    Ok(open_vote::Entity::find()
        .filter(open_vote::Column::MotionId.eq(m.id))
        .all(conn)
        .await?)
}

/// Open-ballot elections: who marked which candidate how (members, candidates in ballot
/// order); nothing for secret or encrypted elections.
pub async fn open_marks<C: ConnectionTrait>(
    conn: &C,
    m: &motion::Model,
) -> DomainResult<Vec<crate::entities::candidate_vote::Model>> {
    use crate::entities::candidate_vote;
    use sea_orm::QueryOrder;
    if m.ballot != BallotKind::Open || !crate::domain::assemblies::elections::is_election(m) {
        return Ok(Vec::new());
    }
    Ok(candidate_vote::Entity::find()
        .filter(candidate_vote::Column::MotionId.eq(m.id))
        .order_by_asc(candidate_vote::Column::MemberId)
        .order_by_asc(candidate_vote::Column::CandidateId)
        .all(conn)
        .await?)
}

/// The figures a live page shows after a signal about `motion_id`: the motion, its turnout
/// and, when visible, its tally. A motion that cannot be read gives nothing.
pub async fn figures(
    env: &Env,
    motion_id: Option<MotionId>,
) -> (Option<motion::Model>, u32, Option<Tally>) {
    let Some(id) = motion_id else {
        return (None, 0, None);
    };
    let Ok(Some(m)) = motion::Entity::find_by_id(id).one(&env.db).await else {
        return (None, 0, None);
    };
    let turnout = votes::turnout(&env.db, &m).await.unwrap_or(0);
    let tally = tally_if_visible(&env.db, &m).await.ok().flatten();
    (Some(m), turnout, tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_ballot_shows_nothing_before_the_close() {
        for status in [MotionStatus::Draft, MotionStatus::Open] {
            assert!(!visible_tally(BallotKind::Secret, status));
            assert!(visible_tally(BallotKind::Open, status));
            assert!(!receipts_listed(BallotKind::Secret, status));
        }
        assert!(visible_tally(BallotKind::Secret, MotionStatus::Closed));
        assert!(receipts_listed(BallotKind::Secret, MotionStatus::Closed));
        assert!(!receipts_listed(BallotKind::Open, MotionStatus::Closed));
    }
}
