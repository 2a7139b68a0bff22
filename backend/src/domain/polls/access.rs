//! Who is asked, who sees a poll, and which Lab a coordinator may ask. The audience rule is
//! one condition (`asks`), evaluated by the database for a page of polls as for one poll.

use crate::domain::labs;
use crate::domain::{Actor, CurrentUser, DomainError, DomainResult};
use crate::entities::{lab, lab_member, polls::poll};
use constellation_shared::dto::labs::{LabStatus, MemberState};
use constellation_shared::dto::polls::PollAudience;
use constellation_shared::ids::{LabId, PollId};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// Who is asking, as far as a poll's audience goes: the account and whether it is one of the
/// association's members (`CurrentUser::is_association_member`). Small and hashable, so a
/// loader can key on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Viewer {
    pub id: Uuid,
    pub association_member: bool,
}

impl From<&CurrentUser> for Viewer {
    fn from(u: &CurrentUser) -> Self {
        Self {
            id: u.id,
            association_member: u.is_association_member(),
        }
    }
}

/// The audience rule, written once, as a condition on `polls`: the members' polls ask the
/// association's members; a Lab's poll asks the Lab's active members (any role). The list,
/// the single poll, the answer and `canAnswer` all put this same question to the database.
pub fn asks(v: Viewer) -> Condition {
    let my_labs = Query::select()
        .column(lab_member::Column::LabId)
        .from(lab_member::Entity)
        .and_where(lab_member::Column::UserId.eq(v.id))
        .and_where(lab_member::Column::State.eq(MemberState::Active.as_str()))
        .to_owned();
    let mut asked = Condition::any().add(
        Condition::all()
            .add(poll::Column::Audience.eq(PollAudience::Lab.as_str()))
            .add(poll::Column::LabId.in_subquery(my_labs)),
    );
    if v.association_member {
        asked = asked.add(poll::Column::Audience.eq(PollAudience::Members.as_str()));
    }
    asked
}

/// Who sees a poll: its audience and its author.
pub fn sees(v: Viewer) -> Condition {
    Condition::any()
        .add(poll::Column::AuthorId.eq(v.id))
        .add(asks(v))
}

/// Whether each (poll, viewer) is asked: one statement per viewer (in a request, one).
pub async fn asked_for<C: ConnectionTrait>(
    conn: &C,
    keys: &[(PollId, Viewer)],
) -> DomainResult<HashMap<(PollId, Viewer), bool>> {
    let mut by_viewer: HashMap<Viewer, Vec<PollId>> = HashMap::new();
    for (poll_id, v) in keys {
        by_viewer.entry(*v).or_default().push(*poll_id);
    }
    let mut out: HashMap<(PollId, Viewer), bool> = keys.iter().map(|k| (*k, false)).collect();
    for (v, ids) in by_viewer {
        let asked: Vec<PollId> = poll::Entity::find()
            .select_only()
            .column(poll::Column::Id)
            .filter(poll::Column::Id.is_in(ids))
            .filter(asks(v))
            .into_tuple()
            .all(conn)
            .await?;
        for id in asked {
            out.insert((id, v), true);
        }
    }
    Ok(out)
}

/// The poll if the actor may see it: `UNAUTHENTICATED` when signed out, `NOT_FOUND` when it
/// does not exist or is not theirs to see.
pub async fn find_visible<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: PollId,
) -> DomainResult<poll::Model> {
    let me = actor.user()?;
    poll::Entity::find_by_id(id)
        .filter(sees(me.into()))
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)
}

/// The Lab a poll would ask: the actor sees it (`NOT_FOUND`), coordinates it (`FORBIDDEN`),
/// and it is running (`INVALID_TRANSITION`: a proposal or an archived Lab asks nobody).
pub async fn poll_lab<'a, C: ConnectionTrait>(
    conn: &C,
    actor: &'a Actor,
    lab_id: LabId,
) -> DomainResult<(&'a CurrentUser, lab::Model)> {
    let l = labs::find_visible(conn, actor, lab_id).await?;
    let me = labs::require_coordinator(conn, actor, &l).await?;
    if l.status != LabStatus::Active {
        return Err(DomainError::InvalidTransition(
            "poll in a Lab that is not active",
        ));
    }
    Ok((me, l))
}

/// Whether a poll may still be answered as far as its Lab goes: the members' polls have
/// none; a Lab's poll needs its Lab running (an archived Lab is read-only). `lab`: the poll's
/// Lab as loaded.
pub fn lab_allows(p: &poll::Model, lab: Option<&lab::Model>) -> bool {
    p.lab_id.is_none() || lab.is_some_and(|l| l.status == LabStatus::Active)
}

pub async fn lab_running<C: ConnectionTrait>(conn: &C, p: &poll::Model) -> DomainResult<bool> {
    let l = match p.lab_id {
        Some(id) => lab::Entity::find_by_id(id).one(conn).await?,
        None => None,
    };
    Ok(lab_allows(p, l.as_ref()))
}

/// The person may answer now: asked (`asks`), the poll open and its Lab running, and —
/// anonymous polls — not answered yet (an open answer can be changed).
pub fn can_answer(
    p: &poll::Model,
    asked: bool,
    lab_running: bool,
    answered: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    asked && lab_running && !super::is_closed(p, now) && !(answered && super::is_anonymous(p))
}
