//! The audit log: every state change, with actor, action, target, time and a JSON diff.

use crate::domain::{Actor, DomainResult, Env};
use crate::entities::audit_log;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::{json, Value};
use uuid::Uuid;

/// Records one change inside the caller's transaction. Publish the returned entry with
/// [`publish`] once the transaction has committed.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    actor: Option<Uuid>,
    action: &str,
    target_type: &str,
    target_id: &str,
    before: Value,
    after: Value,
) -> DomainResult<audit_log::Model> {
    let entry = audit_log::ActiveModel {
        actor_id: Set(actor),
        action: Set(action.to_owned()),
        target_type: Set(target_type.to_owned()),
        target_id: Set(target_id.to_owned()),
        at: Set(chrono::Utc::now()),
        diff: Set(json!({ "before": before, "after": after }).to_string()),
        ..Default::default()
    };
    Ok(entry.insert(conn).await?)
}

/// Sends committed entries to live subscribers (no subscriber is not an error).
pub fn publish(env: &Env, entries: impl IntoIterator<Item = audit_log::Model>) {
    publish_to(&env.events, entries);
}

pub fn publish_to(
    events: &tokio::sync::broadcast::Sender<audit_log::Model>,
    entries: impl IntoIterator<Item = audit_log::Model>,
) {
    for e in entries {
        let _ = events.send(e);
    }
}

/// Newest first, keyset-paginated on the id. Board and admins only.
pub async fn list(
    env: &Env,
    actor: &Actor,
    before_id: Option<i32>,
    limit: u64,
) -> DomainResult<Vec<audit_log::Model>> {
    actor.board_or_admin()?;
    let mut q = audit_log::Entity::find().order_by_desc(audit_log::Column::Id);
    if let Some(id) = before_id {
        q = q.filter(audit_log::Column::Id.lt(id));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}
