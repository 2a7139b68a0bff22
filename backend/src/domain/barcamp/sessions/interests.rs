//! Marking interest, and reading the programme: the session list, a person's sessions and
//! registrations.

use super::*;
use constellation_shared::ids::{EditionId, SessionId};

/// Registered attendees mark (or unmark) interest in a programme session, in any phase:
/// the personal agenda is built from it.
pub async fn set_interest(
    env: &Env,
    actor: &Actor,
    session_id: SessionId,
    interested: bool,
) -> DomainResult<session::Model> {
    let txn = env.begin_write().await?;
    let s = find(&txn, session_id).await?;
    let me = require_registered(&txn, actor, s.edition_id).await?;
    if interested && s.status != SessionStatus::Proposed {
        return Err(DomainError::InvalidTransition(
            "session is not in the programme",
        ));
    }
    let had = interest::Entity::find_by_id((s.id, me.id))
        .one(&txn)
        .await?
        .is_some();
    if had == interested {
        return Ok(s);
    }
    if interested {
        interest::ActiveModel {
            session_id: Set(s.id),
            user_id: Set(me.id),
            created_at: Set(Utc::now()),
        }
        .insert(&txn)
        .await?;
    } else {
        interest::Entity::delete_by_id((s.id, me.id))
            .exec(&txn)
            .await?;
    }
    // Who wants what is never exposed, the audit included: the entry carries no actor.
    let entry = audit::record(
        &txn,
        None,
        "barcamp.interest",
        "barcamp_session",
        &s.id.to_string(),
        Value::Null,
        json!({ "interested": interested, "editionId": s.edition_id }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(s)
}

/// The programme in proposal order, keyset on the (time-ordered) id.
pub async fn list(
    env: &Env,
    edition_id: EditionId,
    status: Option<SessionStatus>,
    after: Option<Uuid>,
    limit: u64,
) -> DomainResult<Vec<session::Model>> {
    barcamp::find(&env.db, edition_id).await?;
    let mut q = session::Entity::find()
        .filter(session::Column::EditionId.eq(edition_id))
        .order_by_asc(session::Column::Id);
    if let Some(s) = status {
        q = q.filter(session::Column::Status.eq(s.as_str()));
    }
    if let Some(a) = after {
        q = q.filter(session::Column::Id.gt(a));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

/// Sessions the person is interested in or hosts in the edition (all statuses).
pub async fn of_attendee<C: ConnectionTrait>(
    conn: &C,
    edition_id: EditionId,
    user_id: Uuid,
) -> DomainResult<Vec<session::Model>> {
    let mut ids: Vec<Uuid> = interest::Entity::find()
        .filter(interest::Column::UserId.eq(user_id))
        .select_only()
        .column(interest::Column::SessionId)
        .into_tuple()
        .all(conn)
        .await?;
    let hosted: Vec<Uuid> = hosted_ids(conn, user_id).await?;
    ids.extend(hosted);
    Ok(session::Entity::find()
        .filter(session::Column::Id.is_in(ids))
        .filter(session::Column::EditionId.eq(edition_id))
        .order_by_asc(session::Column::Id)
        .all(conn)
        .await?)
}

/// Every registration of a person, for the export and account deletion.
pub async fn registrations_of<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> DomainResult<Vec<barcamp_registration::Model>> {
    Ok(barcamp_registration::Entity::find()
        .filter(barcamp_registration::Column::UserId.eq(user_id))
        .all(conn)
        .await?)
}
