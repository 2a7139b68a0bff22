//! Who may see which Lab, memberships as read for access, and the coordinator check.

use super::*;
use constellation_shared::ids::LabId;

pub async fn membership<C: ConnectionTrait>(
    conn: &C,
    lab_id: LabId,
    user_id: Uuid,
) -> DomainResult<Option<lab_member::Model>> {
    Ok(lab_member::Entity::find_by_id((lab_id, user_id))
        .one(conn)
        .await?)
}

pub fn is_active(m: Option<&lab_member::Model>) -> bool {
    m.is_some_and(|m| m.state == MemberState::Active)
}

pub fn is_coordinator(m: Option<&lab_member::Model>) -> bool {
    is_active(m) && m.is_some_and(|m| m.role == LabRole::Coordinator)
}

/// Public Lab that is running or archived: everyone. Proposals and members-only Labs: the
/// association's members and the board. The Lab's own people (in any state): always.
pub fn can_see(actor: &Actor, l: &lab::Model, m: Option<&lab_member::Model>) -> bool {
    let public_and_live = l.visibility == LabVisibility::Public
        && matches!(l.status, LabStatus::Active | LabStatus::Archived);
    match actor {
        Actor::User(u) => public_and_live || u.is_association_member() || m.is_some(),
        _ => public_and_live,
    }
}

/// The Lab if the actor may see it; `NotFound` otherwise (not `FORBIDDEN`: a hidden Lab
/// does not exist for whoever may not see it).
pub async fn find_visible<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: LabId,
) -> DomainResult<lab::Model> {
    let l = lab::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let m = match actor.id() {
        Some(uid) => membership(conn, id, uid).await?,
        None => None,
    };
    if can_see(actor, &l, m.as_ref()) {
        Ok(l)
    } else {
        Err(DomainError::NotFound)
    }
}

pub async fn find_visible_by_slug(
    env: &Env,
    actor: &Actor,
    slug: &str,
) -> DomainResult<Option<lab::Model>> {
    let Some(l) = lab::Entity::find()
        .filter(lab::Column::Slug.eq(slug.trim().to_lowercase()))
        .one(&env.db)
        .await?
    else {
        return Ok(None);
    };
    match find_visible(&env.db, actor, l.id).await {
        Ok(l) => Ok(Some(l)),
        Err(DomainError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The caller must be an active coordinator of the Lab (and the Lab not archived).
pub async fn require_coordinator<'a>(
    conn: &impl ConnectionTrait,
    actor: &'a Actor,
    l: &lab::Model,
) -> DomainResult<&'a CurrentUser> {
    let me = actor.user()?;
    let m = membership(conn, l.id, me.id).await?;
    if !is_coordinator(m.as_ref()) {
        return Err(DomainError::Forbidden);
    }
    Ok(me)
}
