//! Organisers closing a session, always with a reason: declining, cancelling, merging it into
//! another (its hosts and interest move over).

use super::*;
use constellation_shared::ids::SessionId;

pub(super) fn reason(raw: &str) -> DomainResult<String> {
    text("reason", raw, true, 2_000)
}

pub(super) async fn close(
    env: &Env,
    actor: &Actor,
    session_id: SessionId,
    to: SessionStatus,
    why: &str,
    merged_into: Option<SessionId>,
) -> DomainResult<session::Model> {
    let why = reason(why)?;
    let txn = env.begin_write().await?;
    let s = find(&txn, session_id).await?;
    let me = require_organiser(&txn, actor, s.edition_id).await?;
    let e = barcamp::lock(&txn, s.edition_id).await?;
    if s.status != SessionStatus::Proposed {
        return Err(DomainError::InvalidTransition(
            "session is not in the programme",
        ));
    }
    // Once published, a session leaves the grid only by being cancelled (it stays there,
    // marked, and calendars learn it).
    if to != SessionStatus::Cancelled && e.phase == BarcampPhase::Published {
        return Err(DomainError::InvalidTransition("cancel a published session"));
    }
    if to == SessionStatus::Cancelled && s.room_id.is_none() {
        return Err(DomainError::InvalidTransition(
            "only a placed session is cancelled",
        ));
    }
    if let Some(into) = merged_into {
        let target = find(&txn, into).await?;
        if into == s.id
            || target.edition_id != s.edition_id
            || target.status != SessionStatus::Proposed
        {
            return Err(DomainError::invalid("intoId", ValidationReason::Invalid));
        }
        // Free the merged session first: its hosts join the target's time.
        if s.room_id.is_some() {
            unplace(&txn, s.id).await?;
        }
        merge_people(&txn, &s, &target).await?;
    }
    // A cancelled session keeps its room and time on the page and in calendars (marked
    // cancelled); the room and the hosts are free again.
    if to == SessionStatus::Cancelled {
        crate::domain::barcamp::schedule::free(&txn, s.id).await?;
    } else if s.room_id.is_some() {
        unplace(&txn, s.id).await?;
    }
    let mut am = find(&txn, s.id).await?.into_active_model();
    am.status = Set(to);
    am.status_reason = Set(Some(why.clone()));
    am.merged_into = Set(merged_into);
    am.pinned = Set(false);
    am.revision = Set(s.revision + 1);
    am.updated_at = Set(Utc::now());
    let updated = am.update(&txn).await?;
    let action = match to {
        SessionStatus::Declined => "barcamp.session.decline",
        SessionStatus::Merged => "barcamp.session.merge",
        _ => "barcamp.session.cancel",
    };
    let entry = record(
        &txn,
        me.id,
        action,
        "barcamp_session",
        s.id,
        s.edition_id,
        json!({ "status": s.status }),
        json!({ "status": updated.status, "reason": why, "mergedInto": merged_into }),
    )
    .await?;
    let told = if to == SessionStatus::Cancelled {
        crate::domain::barcamp::notices::changed(
            &txn,
            env,
            constellation_shared::dto::reach::NotificationKind::SessionCancelled,
            &updated,
        )
        .await?
    } else {
        Default::default()
    };
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::reach::notify::announce(env, told);
    Ok(updated)
}

/// The merged session's hosts become co-hosts of the target, its interest moves over. If
/// the target is placed, the new hosts must be free then.
pub(super) async fn merge_people(
    txn: &DatabaseTransaction,
    from: &session::Model,
    into: &session::Model,
) -> DomainResult<()> {
    let old_hosts = hosts_of(txn, into.id).await?;
    let added: Vec<Uuid> = hosts_of(txn, from.id)
        .await?
        .into_iter()
        .filter(|h| !old_hosts.contains(h))
        .collect();
    for h in &added {
        host::ActiveModel {
            session_id: Set(into.id),
            user_id: Set(*h),
        }
        .insert(txn)
        .await?;
    }
    if into.room_id.is_some() && !added.is_empty() {
        place_rows(txn, into, &added, false).await?;
    }
    let already: HashSet<Uuid> = interest::Entity::find()
        .filter(interest::Column::SessionId.eq(into.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|i| i.user_id)
        .collect();
    let movers: Vec<interest::ActiveModel> = interest::Entity::find()
        .filter(interest::Column::SessionId.eq(from.id))
        .all(txn)
        .await?
        .into_iter()
        .filter(|i| !already.contains(&i.user_id))
        .map(|i| interest::ActiveModel {
            session_id: Set(into.id),
            user_id: Set(i.user_id),
            created_at: Set(i.created_at),
        })
        .collect();
    if !movers.is_empty() {
        interest::Entity::insert_many(movers).exec(txn).await?;
    }
    Ok(())
}

pub async fn decline(
    env: &Env,
    actor: &Actor,
    id: SessionId,
    why: &str,
) -> DomainResult<session::Model> {
    close(env, actor, id, SessionStatus::Declined, why, None).await
}

pub async fn cancel(
    env: &Env,
    actor: &Actor,
    id: SessionId,
    why: &str,
) -> DomainResult<session::Model> {
    close(env, actor, id, SessionStatus::Cancelled, why, None).await
}

pub async fn merge(
    env: &Env,
    actor: &Actor,
    id: SessionId,
    into: SessionId,
    why: &str,
) -> DomainResult<session::Model> {
    close(env, actor, id, SessionStatus::Merged, why, Some(into)).await
}
