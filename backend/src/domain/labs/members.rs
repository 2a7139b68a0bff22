//! Who is in a Lab: joining by the Lab's policy, requests, invitations, leaving, roles.
//! A Lab always keeps at least one active coordinator.

use crate::domain::labs::{event, find_visible, is_coordinator, membership, require_coordinator};
use crate::domain::reach::{
    self,
    notify::{Announced, Notice},
};
use crate::domain::{core::audit, Actor, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{lab, lab_framing, lab_member, user};
use constellation_shared::dto::labs::{LabRole, LabStatus, MemberState, MembershipPolicy};
use constellation_shared::dto::reach::NotificationKind;
use constellation_shared::ids::LabId;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;
use uuid::Uuid;

const MEMBER_PK: &[&str] = &["lab_members_pkey", "lab_members.lab_id"];

fn row_json(m: Option<&lab_member::Model>) -> serde_json::Value {
    m.map_or(
        serde_json::Value::Null,
        |m| json!({ "role": m.role, "state": m.state }),
    )
}

/// Takes the Lab's row lock (PostgreSQL: a no-op update holds it until commit; SQLite's
/// IMMEDIATE transaction already serialises writers), so two coordinators leaving at the same
/// instant are counted one after the other and the Lab keeps one.
pub async fn lock_lab(txn: &DatabaseTransaction, lab_id: LabId) -> DomainResult<()> {
    lab::Entity::update_many()
        .col_expr(
            lab::Column::UpdatedAt,
            sea_orm::sea_query::Expr::col(lab::Column::UpdatedAt),
        )
        .filter(lab::Column::Id.eq(lab_id))
        .exec(txn)
        .await?;
    Ok(())
}

async fn active_coordinators<C: ConnectionTrait>(conn: &C, lab_id: LabId) -> DomainResult<u64> {
    Ok(lab_member::Entity::find()
        .filter(lab_member::Column::LabId.eq(lab_id))
        .filter(lab_member::Column::Role.eq(LabRole::Coordinator.as_str()))
        .filter(lab_member::Column::State.eq(MemberState::Active.as_str()))
        .count(conn)
        .await?)
}

async fn running_lab(
    txn: &DatabaseTransaction,
    actor: &Actor,
    lab_id: LabId,
) -> DomainResult<lab::Model> {
    let l = find_visible(txn, actor, lab_id).await?;
    if l.status != LabStatus::Active {
        return Err(DomainError::InvalidTransition("the Lab is not active"));
    }
    Ok(l)
}

/// Commits the membership change with its audit entry (before and after).
#[allow(clippy::too_many_arguments)]
async fn record(
    env: &Env,
    txn: DatabaseTransaction,
    actor: Uuid,
    action: &str,
    l: &lab::Model,
    user: Uuid,
    before: Option<&lab_member::Model>,
    after: Option<&lab_member::Model>,
) -> DomainResult<()> {
    let entry = audit::record(
        &txn,
        Some(actor),
        action,
        "lab",
        &l.id.to_string(),
        json!({ "user": user, "membership": row_json(before) }),
        json!({ "user": user, "membership": row_json(after) }),
    )
    .await?;
    let notice = match action {
        "lab.request_to_join" => Some((
            NotificationKind::JoinRequest,
            coordinators(&txn, l.id).await?,
            "REQUESTED",
        )),
        "lab.accept_request" => Some((NotificationKind::JoinAnswer, vec![user], "MEMBER")),
        "lab.decline_request" => Some((NotificationKind::JoinAnswer, vec![user], "DECLINED")),
        "lab.invite" => Some((NotificationKind::Invitation, vec![user], "INVITED")),
        _ => None,
    };
    let mut told = Announced::default();
    if let Some((kind, recipients, status)) = notice {
        told = reach::notify::notify(
            &txn,
            &env.reach,
            Notice {
                kind,
                event_key: format!("{action}:{}", entry.id),
                recipients,
                payload: json!({ "subject": l.name, "status": status }),
                link: format!("/labs/{}", l.slug),
                ics: None,
                about: None,
            },
        )
        .await?;
    }
    txn.commit().await?;
    audit::publish(env, [entry]);
    reach::notify::announce(env, told);
    Ok(())
}

/// The Lab's active coordinators.
pub async fn coordinators<C: ConnectionTrait>(conn: &C, lab_id: LabId) -> DomainResult<Vec<Uuid>> {
    use sea_orm::QuerySelect;
    Ok(lab_member::Entity::find()
        .filter(lab_member::Column::LabId.eq(lab_id))
        .filter(lab_member::Column::Role.eq(LabRole::Coordinator.as_str()))
        .filter(lab_member::Column::State.eq(MemberState::Active.as_str()))
        .select_only()
        .column(lab_member::Column::UserId)
        .into_tuple()
        .all(conn)
        .await?)
}

fn row(lab_id: LabId, user_id: Uuid, role: LabRole, state: MemberState) -> lab_member::ActiveModel {
    lab_member::ActiveModel {
        lab_id: Set(lab_id),
        user_id: Set(user_id),
        role: Set(role),
        state: Set(state),
        since: Set(chrono::Utc::now()),
    }
}

/// Joins an `OPEN` Lab, asks to join an `ON_APPROVAL` one, or accepts an invitation.
pub async fn join(env: &Env, actor: &Actor, lab_id: LabId) -> DomainResult<lab::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let l = running_lab(&txn, actor, lab_id).await?;
    let existing = membership(&txn, l.id, me.id).await?;
    let framing_version = l
        .approved_framing_version
        .ok_or(DomainError::InvalidTransition("no approved framing"))?;
    let framing = lab_framing::Entity::find_by_id((l.id, framing_version))
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let (after, action) = match (&existing, framing.membership_policy) {
        (Some(m), _) if m.state == MemberState::Invited => {
            let mut am: lab_member::ActiveModel = m.clone().into();
            am.state = Set(MemberState::Active);
            am.since = Set(chrono::Utc::now());
            (am.update(&txn).await?, "lab.accept_invitation")
        }
        (Some(_), _) => return Err(DomainError::AlreadyMember),
        (None, MembershipPolicy::Open) => (
            row(l.id, me.id, LabRole::Participant, MemberState::Active)
                .insert(&txn)
                .await
                .on_unique(MEMBER_PK, DomainError::AlreadyMember)?,
            "lab.join",
        ),
        (None, MembershipPolicy::OnApproval) => (
            row(l.id, me.id, LabRole::Participant, MemberState::Requested)
                .insert(&txn)
                .await
                .on_unique(MEMBER_PK, DomainError::AlreadyMember)?,
            "lab.request_to_join",
        ),
        (None, MembershipPolicy::Invitation) => return Err(DomainError::Forbidden),
    };
    if after.state == MemberState::Active {
        event(&txn, l.id, "MEMBER_JOINED", Some(me.id), None, None).await?;
    }
    record(
        env,
        txn,
        me.id,
        action,
        &l,
        me.id,
        existing.as_ref(),
        Some(&after),
    )
    .await?;
    Ok(l)
}

/// A coordinator accepts (the person becomes a participant) or declines a request.
pub async fn decide_request(
    env: &Env,
    actor: &Actor,
    lab_id: LabId,
    user_id: Uuid,
    accept: bool,
) -> DomainResult<lab::Model> {
    actor.user()?;
    let txn = env.begin_write().await?;
    let l = running_lab(&txn, actor, lab_id).await?;
    let me = require_coordinator(&txn, actor, &l).await?;
    let existing = membership(&txn, l.id, user_id).await?;
    let Some(m) = existing
        .clone()
        .filter(|m| m.state == MemberState::Requested)
    else {
        return Err(DomainError::InvalidTransition("no pending request"));
    };
    let after = if accept {
        let mut am: lab_member::ActiveModel = m.into();
        am.state = Set(MemberState::Active);
        am.since = Set(chrono::Utc::now());
        let updated = am.update(&txn).await?;
        event(&txn, l.id, "MEMBER_ACCEPTED", Some(me.id), None, None).await?;
        Some(updated)
    } else {
        lab_member::Entity::delete_by_id((l.id, user_id))
            .exec(&txn)
            .await?;
        None
    };
    let action = if accept {
        "lab.accept_request"
    } else {
        "lab.decline_request"
    };
    record(
        env,
        txn,
        me.id,
        action,
        &l,
        user_id,
        existing.as_ref(),
        after.as_ref(),
    )
    .await?;
    Ok(l)
}

/// A coordinator invites someone by e-mail address: an account is invited at once; an
/// address without one gets an invitation link (`labs::invitations`).
pub async fn invite(
    env: &Env,
    actor: &Actor,
    lab_id: LabId,
    email: &str,
) -> DomainResult<lab::Model> {
    actor.user()?;
    let txn = env.begin_write().await?;
    let l = running_lab(&txn, actor, lab_id).await?;
    let me = require_coordinator(&txn, actor, &l).await?;
    let target = user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email.trim().to_lowercase()))
        .one(&txn)
        .await?;
    let target = match target {
        Some(t) if t.deleted_at.is_none() => t,
        // A deleted account's address is not invited again.
        Some(_) => return Err(DomainError::NotFound),
        None => {
            // No account at this address: an invitation link by mail, the board's path.
            let email = crate::domain::accounts::Email::parse(email)?;
            let entry = super::invitations::invite_by_mail(&txn, env, me, &l, &email).await?;
            txn.commit().await?;
            audit::publish(env, [entry]);
            return Ok(l);
        }
    };
    if membership(&txn, l.id, target.id).await?.is_some() {
        return Err(DomainError::AlreadyMember);
    }
    let after = row(l.id, target.id, LabRole::Participant, MemberState::Invited)
        .insert(&txn)
        .await
        .on_unique(MEMBER_PK, DomainError::AlreadyMember)?;
    record(
        env,
        txn,
        me.id,
        "lab.invite",
        &l,
        target.id,
        None,
        Some(&after),
    )
    .await?;
    Ok(l)
}

/// Leaves a Lab (or withdraws a request, or declines an invitation). The last coordinator
/// cannot leave: they promote someone first.
pub async fn leave(env: &Env, actor: &Actor, lab_id: LabId) -> DomainResult<lab::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let l = find_visible(&txn, actor, lab_id).await?;
    if l.status == LabStatus::Archived {
        return Err(DomainError::InvalidTransition("the Lab is archived"));
    }
    lock_lab(&txn, l.id).await?;
    let existing = membership(&txn, l.id, me.id)
        .await?
        .ok_or(DomainError::NotFound)?;
    if is_coordinator(Some(&existing)) && active_coordinators(&txn, l.id).await? <= 1 {
        return Err(DomainError::LastCoordinator);
    }
    lab_member::Entity::delete_by_id((l.id, me.id))
        .exec(&txn)
        .await?;
    if existing.state == MemberState::Active {
        event(&txn, l.id, "MEMBER_LEFT", Some(me.id), None, None).await?;
    }
    record(
        env,
        txn,
        me.id,
        "lab.leave",
        &l,
        me.id,
        Some(&existing),
        None,
    )
    .await?;
    Ok(l)
}

/// A coordinator promotes a participant, or steps a coordinator back (not the last one).
pub async fn set_role(
    env: &Env,
    actor: &Actor,
    lab_id: LabId,
    user_id: Uuid,
    role: LabRole,
) -> DomainResult<lab::Model> {
    actor.user()?;
    let txn = env.begin_write().await?;
    let l = running_lab(&txn, actor, lab_id).await?;
    let me = require_coordinator(&txn, actor, &l).await?;
    lock_lab(&txn, l.id).await?;
    let existing = membership(&txn, l.id, user_id).await?;
    let Some(m) = existing.clone().filter(|m| m.state == MemberState::Active) else {
        return Err(DomainError::NotFound);
    };
    if m.role == role {
        return Err(DomainError::InvalidTransition("already in that role"));
    }
    if role == LabRole::Participant && active_coordinators(&txn, l.id).await? <= 1 {
        return Err(DomainError::LastCoordinator);
    }
    let mut am: lab_member::ActiveModel = m.into();
    am.role = Set(role);
    let after = am.update(&txn).await?;
    let kind = if role == LabRole::Coordinator {
        "COORDINATOR_PROMOTED"
    } else {
        "COORDINATOR_STEPPED_BACK"
    };
    event(&txn, l.id, kind, Some(me.id), None, None).await?;
    record(
        env,
        txn,
        me.id,
        "lab.set_role",
        &l,
        user_id,
        existing.as_ref(),
        Some(&after),
    )
    .await?;
    Ok(l)
}

/// The person's part of account deletion, inside `txn`: their memberships go (personal
/// data); what they did stays in the Labs' history. A running Lab must keep a coordinator,
/// so the last coordinator of one hands over first (`LastCoordinator`): the Lab is locked,
/// then its coordinators counted, as when a coordinator leaves.
pub async fn erase_member(txn: &DatabaseTransaction, user_id: Uuid) -> DomainResult<()> {
    for m in lab_member::Entity::find()
        .filter(lab_member::Column::UserId.eq(user_id))
        .all(txn)
        .await?
    {
        if is_coordinator(Some(&m)) {
            lock_lab(txn, m.lab_id).await?;
            let others = active_coordinators(txn, m.lab_id).await?.saturating_sub(1);
            let running = lab::Entity::find_by_id(m.lab_id)
                .one(txn)
                .await?
                .is_some_and(|l| !matches!(l.status, LabStatus::Archived | LabStatus::Rejected));
            if others == 0 && running {
                return Err(DomainError::LastCoordinator);
            }
        }
    }
    lab_member::Entity::delete_many()
        .filter(lab_member::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    Ok(())
}
