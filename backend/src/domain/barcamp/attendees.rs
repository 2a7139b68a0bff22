//! Who comes: registering and unregistering, removing an attendee, the personal calendar
//! feed token and the registration count.

use super::*;
use constellation_shared::ids::{EditionId, SessionId};

pub(super) fn feed_token() -> String {
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Members and sympathisers alike: any signed-in account.
pub async fn register(
    env: &Env,
    actor: &Actor,
    edition_id: EditionId,
) -> DomainResult<edition::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let e = lock(&txn, edition_id).await?;
    if registration_of(&txn, edition_id, me.id).await?.is_some() {
        return Ok(e);
    }
    registration::ActiveModel {
        edition_id: Set(edition_id),
        user_id: Set(me.id),
        feed_token: Set(feed_token()),
        registered_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.register",
        "barcamp_edition",
        edition_id,
        edition_id,
        Value::Null,
        json!({ "registered": true }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

/// Leaves the edition: the interests go too. Hosts hand their sessions over first.
pub async fn unregister(
    env: &Env,
    actor: &Actor,
    edition_id: EditionId,
) -> DomainResult<edition::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let e = lock(&txn, edition_id).await?;
    if registration_of(&txn, edition_id, me.id).await?.is_none() {
        return Ok(e);
    }
    let hosting = crate::domain::barcamp::sessions::hosted_in(&txn, edition_id, me.id).await?;
    if !hosting.is_empty() {
        return Err(DomainError::Conflict("hosts a session"));
    }
    remove_attendee(&txn, edition_id, me.id).await?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.unregister",
        "barcamp_edition",
        edition_id,
        edition_id,
        Value::Null,
        json!({ "registered": false }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

/// Deletes a registration and the interests that go with it.
pub async fn remove_attendee(
    txn: &DatabaseTransaction,
    edition_id: EditionId,
    user_id: Uuid,
) -> DomainResult<()> {
    let sessions: Vec<SessionId> = barcamp_session::Entity::find()
        .filter(barcamp_session::Column::EditionId.eq(edition_id))
        .select_only()
        .column(barcamp_session::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    barcamp_interest::Entity::delete_many()
        .filter(barcamp_interest::Column::UserId.eq(user_id))
        .filter(barcamp_interest::Column::SessionId.is_in(sessions))
        .exec(txn)
        .await?;
    registration::Entity::delete_by_id((edition_id, user_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// A new private feed address; the old one stops working.
pub async fn reset_feed(
    env: &Env,
    actor: &Actor,
    edition_id: EditionId,
) -> DomainResult<edition::Model> {
    let txn = env.begin_write().await?;
    let me = require_registered(&txn, actor, edition_id).await?;
    let e = lock(&txn, edition_id).await?;
    let reg = registration_of(&txn, edition_id, me.id)
        .await?
        .ok_or(DomainError::NotRegistered)?;
    let mut am = reg.into_active_model();
    am.feed_token = Set(feed_token());
    am.update(&txn).await?;
    let entry = record(
        &txn,
        me.id,
        "barcamp.feed.reset",
        "barcamp_edition",
        edition_id,
        edition_id,
        Value::Null,
        Value::Null,
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(e)
}

pub async fn registration_count(
    env: &Env,
    actor: &Actor,
    edition_id: EditionId,
) -> DomainResult<Option<i64>> {
    if !is_organiser(&env.db, actor, edition_id).await? {
        return Ok(None);
    }
    Ok(Some(
        registration::Entity::find()
            .filter(registration::Column::EditionId.eq(edition_id))
            .count(&env.db)
            .await? as i64,
    ))
}

pub async fn by_feed_token(env: &Env, token: &str) -> DomainResult<Option<registration::Model>> {
    if token.len() != 48 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    Ok(registration::Entity::find()
        .filter(registration::Column::FeedToken.eq(token))
        .one(&env.db)
        .await?)
}
