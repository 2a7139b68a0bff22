//! Who is asked, who sees a poll, and which Lab a coordinator may ask.

use super::audience_of;
use crate::domain::labs::{self, is_active};
use crate::domain::{Actor, CurrentUser, DomainError, DomainResult};
use crate::entities::{lab, lab_member, polls::poll};
use constellation_shared::dto::labs::LabStatus;
use constellation_shared::dto::polls::PollAudience;
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

/// The person is asked: an association member for the members' polls, an active member of
/// the Lab (`membership`: their row in the poll's Lab, if any) for a Lab's.
pub fn in_audience(
    user: &CurrentUser,
    p: &poll::Model,
    membership: Option<&lab_member::Model>,
) -> bool {
    match audience_of(p) {
        PollAudience::Members => user.is_association_member(),
        PollAudience::Lab => {
            let same_lab = membership.is_some_and(|m| Some(m.lab_id) == p.lab_id);
            same_lab && is_active(membership)
        }
    }
}

/// The audience and the author.
pub fn can_see(
    user: &CurrentUser,
    p: &poll::Model,
    membership: Option<&lab_member::Model>,
) -> bool {
    p.author_id == user.id || in_audience(user, p, membership)
}

/// The person's row in the poll's Lab (none for the members' polls).
pub async fn membership_in<C: ConnectionTrait>(
    conn: &C,
    p: &poll::Model,
    user_id: Uuid,
) -> DomainResult<Option<lab_member::Model>> {
    match p.lab_id {
        Some(lab_id) => labs::membership(conn, lab_id, user_id).await,
        None => Ok(None),
    }
}

/// The poll if the actor may see it: `UNAUTHENTICATED` when signed out, `NOT_FOUND` when it
/// does not exist or is not theirs to see.
pub async fn find_visible<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: Uuid,
) -> DomainResult<poll::Model> {
    let me = actor.user()?;
    let p = poll::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let m = membership_in(conn, &p, me.id).await?;
    if can_see(me, &p, m.as_ref()) {
        Ok(p)
    } else {
        Err(DomainError::NotFound)
    }
}

/// The Lab a poll would ask: the actor sees it (`NOT_FOUND`), coordinates it (`FORBIDDEN`),
/// and it is running (`INVALID_TRANSITION`: a proposal or an archived Lab asks nobody).
pub async fn poll_lab<'a, C: ConnectionTrait>(
    conn: &C,
    actor: &'a Actor,
    lab_id: Uuid,
) -> DomainResult<(&'a CurrentUser, lab::Model)> {
    let l = labs::find_visible(conn, actor, lab_id).await?;
    let me = labs::require_coordinator(conn, actor, &l).await?;
    if labs::status_of(&l) != LabStatus::Active {
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
    p.lab_id.is_none() || lab.is_some_and(|l| labs::status_of(l) == LabStatus::Active)
}

pub async fn lab_running<C: ConnectionTrait>(conn: &C, p: &poll::Model) -> DomainResult<bool> {
    let l = match p.lab_id {
        Some(id) => lab::Entity::find_by_id(id).one(conn).await?,
        None => None,
    };
    Ok(lab_allows(p, l.as_ref()))
}

/// The person may answer now: asked, the poll open and its Lab running, and — anonymous
/// polls — not answered yet (an open answer can be changed).
pub fn can_answer(
    user: &CurrentUser,
    p: &poll::Model,
    membership: Option<&lab_member::Model>,
    lab_running: bool,
    answered: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    in_audience(user, p, membership)
        && lab_running
        && !super::is_closed(p, now)
        && !(answered && super::is_anonymous(p))
}
