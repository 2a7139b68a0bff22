//! The polls one sees (those asking them, and their own), open ones first — soonest to close
//! first — then closed ones, most recently closed first; paginated by a cursor that names the
//! group and the position in it. And the Labs one may ask.

use super::access::sees;
use super::{is_closed, parse_id};
use crate::domain::{Actor, DomainError, DomainResult, Env};
use crate::entities::{lab, lab_member, polls::poll};
use chrono::{DateTime, SecondsFormat, Utc};
use constellation_shared::dto::labs::{LabRole, LabStatus, MemberState};
use constellation_shared::ids::{LabId, PollId};
use constellation_shared::ValidationReason;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Where a page starts: after this open poll, or after this closed one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cursor {
    Open(DateTime<Utc>, PollId),
    Closed(DateTime<Utc>, PollId),
}

impl Cursor {
    pub fn of(p: &poll::Model, now: DateTime<Utc>) -> Self {
        if is_closed(p, now) {
            Self::Closed(p.closes_at, p.id)
        } else {
            Self::Open(p.closes_at, p.id)
        }
    }

    pub fn encode(&self) -> String {
        let (tag, at, id) = match self {
            Self::Open(at, id) => ("o", at, id),
            Self::Closed(at, id) => ("c", at, id),
        };
        format!(
            "{tag}|{}|{id}",
            at.to_rfc3339_opts(SecondsFormat::Nanos, true)
        )
    }

    pub fn parse(raw: &str) -> DomainResult<Self> {
        let bad = || DomainError::invalid("after", ValidationReason::Invalid);
        let mut parts = raw.splitn(3, '|');
        let (tag, at, id) = match (parts.next(), parts.next(), parts.next()) {
            (Some(t), Some(a), Some(i)) => (t, a, i),
            _ => return Err(bad()),
        };
        let at = DateTime::parse_from_rfc3339(at)
            .map_err(|_| bad())?
            .with_timezone(&Utc);
        let id = parse_id("after", id)?;
        match tag {
            "o" => Ok(Self::Open(at, id)),
            "c" => Ok(Self::Closed(at, id)),
            _ => Err(bad()),
        }
    }
}

/// A poll with the cursor that points just past it.
pub struct ListItem {
    pub cursor: String,
    pub poll: poll::Model,
}

/// Up to `limit` polls the actor sees (`access::sees`), optionally of one Lab, after `after`.
pub async fn list(
    env: &Env,
    actor: &Actor,
    lab_id: Option<LabId>,
    after: Option<Cursor>,
    limit: u64,
) -> DomainResult<Vec<ListItem>> {
    let me = actor.user()?;
    let now = Utc::now();
    let mut base = poll::Entity::find().filter(sees(me.into()));
    if let Some(l) = lab_id {
        base = base.filter(poll::Column::LabId.eq(l));
    }
    let mut out = Vec::new();
    if !matches!(after, Some(Cursor::Closed(..))) {
        let mut q = base.clone().filter(poll::Column::ClosesAt.gt(now));
        if let Some(Cursor::Open(at, id)) = after {
            q = q.filter(
                Condition::any().add(poll::Column::ClosesAt.gt(at)).add(
                    Condition::all()
                        .add(poll::Column::ClosesAt.eq(at))
                        .add(poll::Column::Id.gt(id)),
                ),
            );
        }
        let rows = q
            .order_by_asc(poll::Column::ClosesAt)
            .order_by_asc(poll::Column::Id)
            .limit(limit)
            .all(&env.db)
            .await?;
        out.extend(rows);
    }
    let left = limit.saturating_sub(out.len() as u64);
    if left > 0 {
        let mut q = base.filter(poll::Column::ClosesAt.lte(now));
        if let Some(Cursor::Closed(at, id)) = after {
            q = q.filter(
                Condition::any().add(poll::Column::ClosesAt.lt(at)).add(
                    Condition::all()
                        .add(poll::Column::ClosesAt.eq(at))
                        .add(poll::Column::Id.lt(id)),
                ),
            );
        }
        let rows = q
            .order_by_desc(poll::Column::ClosesAt)
            .order_by_desc(poll::Column::Id)
            .limit(left)
            .all(&env.db)
            .await?;
        out.extend(rows);
    }
    Ok(out
        .into_iter()
        .map(|p| ListItem {
            cursor: Cursor::of(&p, now).encode(),
            poll: p,
        })
        .collect())
}

/// The running Labs the actor coordinates (where they may ask a poll), by name.
pub async fn poll_labs(env: &Env, actor: &Actor) -> DomainResult<Vec<lab::Model>> {
    let me = actor.user()?;
    let mine = Query::select()
        .column(lab_member::Column::LabId)
        .from(lab_member::Entity)
        .and_where(lab_member::Column::UserId.eq(me.id))
        .and_where(lab_member::Column::Role.eq(LabRole::Coordinator.as_str()))
        .and_where(lab_member::Column::State.eq(MemberState::Active.as_str()))
        .to_owned();
    Ok(lab::Entity::find()
        .filter(lab::Column::Id.in_subquery(mine))
        .filter(lab::Column::Status.eq(LabStatus::Active.as_str()))
        .order_by_asc(lab::Column::Name)
        .all(&env.db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let at = Utc::now();
        let id = PollId::new_v4();
        for c in [Cursor::Open(at, id), Cursor::Closed(at, id)] {
            assert_eq!(Cursor::parse(&c.encode()).ok(), Some(c));
        }
        assert!(Cursor::parse("x|2027-01-01T00:00:00Z|nope").is_err());
        assert!(Cursor::parse("12").is_err());
    }
}
