//! What the polls' loaders read, many polls at once (one statement per table, whatever the
//! number of polls): who answered what, how many answered, the answers to count; and the
//! tally (`shared::rules::polls`). Whether the caller may see them is decided by the
//! resolvers with `results_visible` and `can_see`.

use super::{choice_of, options_of};
use crate::domain::DomainResult;
use crate::entities::polls::{poll, poll_answer, poll_ballot, poll_participation};
use constellation_shared::ids::PollId;
use constellation_shared::rules::polls::{tally, Outcome};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// What a person answered: for an anonymous poll only *that* they did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mine {
    pub answered: bool,
    pub choice: Option<Vec<usize>>,
}

/// Keyed (poll, person).
pub async fn mine_for<C: ConnectionTrait>(
    conn: &C,
    keys: &[(PollId, Uuid)],
) -> DomainResult<HashMap<(PollId, Uuid), Mine>> {
    let polls = keys.iter().map(|k| k.0);
    let people = keys.iter().map(|k| k.1);
    let open = poll_answer::Entity::find()
        .filter(poll_answer::Column::PollId.is_in(polls.clone()))
        .filter(poll_answer::Column::UserId.is_in(people.clone()))
        .all(conn)
        .await?;
    let anonymous = poll_participation::Entity::find()
        .filter(poll_participation::Column::PollId.is_in(polls))
        .filter(poll_participation::Column::UserId.is_in(people))
        .all(conn)
        .await?;
    let mut out: HashMap<(PollId, Uuid), Mine> =
        keys.iter().map(|k| (*k, Mine::default())).collect();
    for a in open {
        if let Some(m) = out.get_mut(&(a.poll_id, a.user_id)) {
            *m = Mine {
                answered: true,
                choice: Some(choice_of(&a.choice)),
            };
        }
    }
    for t in anonymous {
        if let Some(m) = out.get_mut(&(t.poll_id, t.user_id)) {
            m.answered = true;
        }
    }
    Ok(out)
}

/// How many answered each poll.
pub async fn counts_for<C: ConnectionTrait>(
    conn: &C,
    ids: &[PollId],
) -> DomainResult<HashMap<PollId, i64>> {
    let open: Vec<(PollId, i64)> = poll_answer::Entity::find()
        .select_only()
        .column(poll_answer::Column::PollId)
        .column_as(poll_answer::Column::UserId.count(), "n")
        .filter(poll_answer::Column::PollId.is_in(ids.iter().copied()))
        .group_by(poll_answer::Column::PollId)
        .into_tuple()
        .all(conn)
        .await?;
    let anonymous: Vec<(PollId, i64)> = poll_participation::Entity::find()
        .select_only()
        .column(poll_participation::Column::PollId)
        .column_as(poll_participation::Column::UserId.count(), "n")
        .filter(poll_participation::Column::PollId.is_in(ids.iter().copied()))
        .group_by(poll_participation::Column::PollId)
        .into_tuple()
        .all(conn)
        .await?;
    let mut out: HashMap<PollId, i64> = ids.iter().map(|k| (*k, 0)).collect();
    for (id, n) in open.into_iter().chain(anonymous) {
        *out.entry(id).or_default() += n;
    }
    Ok(out)
}

/// Every answer to count, per poll (open and anonymous alike; no person attached).
pub async fn ballots_for<C: ConnectionTrait>(
    conn: &C,
    ids: &[PollId],
) -> DomainResult<HashMap<PollId, Vec<Vec<usize>>>> {
    let open: Vec<(PollId, String)> = poll_answer::Entity::find()
        .select_only()
        .column(poll_answer::Column::PollId)
        .column(poll_answer::Column::Choice)
        .filter(poll_answer::Column::PollId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    let anonymous: Vec<(PollId, String)> = poll_ballot::Entity::find()
        .select_only()
        .column(poll_ballot::Column::PollId)
        .column(poll_ballot::Column::Choice)
        .filter(poll_ballot::Column::PollId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(conn)
        .await?;
    let mut out: HashMap<PollId, Vec<Vec<usize>>> = ids.iter().map(|k| (*k, Vec::new())).collect();
    for (id, c) in open.into_iter().chain(anonymous) {
        out.entry(id).or_default().push(choice_of(&c));
    }
    Ok(out)
}

/// Who answered what in open polls, oldest answer first.
pub async fn responses_for<C: ConnectionTrait>(
    conn: &C,
    ids: &[PollId],
) -> DomainResult<HashMap<PollId, Vec<poll_answer::Model>>> {
    let rows = poll_answer::Entity::find()
        .filter(poll_answer::Column::PollId.is_in(ids.iter().copied()))
        .order_by_asc(poll_answer::Column::AnsweredAt)
        .order_by_asc(poll_answer::Column::UserId)
        .all(conn)
        .await?;
    let mut out: HashMap<PollId, Vec<poll_answer::Model>> =
        ids.iter().map(|k| (*k, Vec::new())).collect();
    for r in rows {
        out.entry(r.poll_id).or_default().push(r);
    }
    Ok(out)
}

/// The poll's result from its answers.
pub fn outcome(p: &poll::Model, ballots: &[Vec<usize>]) -> Outcome {
    tally(p.kind, options_of(p).len(), ballots)
}
