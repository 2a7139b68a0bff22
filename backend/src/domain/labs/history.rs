//! A Lab's history: events, status transitions with their audit entry, framing statuses
//! and versions.

use super::*;
use constellation_shared::ids::LabId;

pub async fn event(
    txn: &DatabaseTransaction,
    lab_id: LabId,
    kind: &str,
    actor: Option<Uuid>,
    comment: Option<String>,
    framing_version: Option<i32>,
) -> DomainResult<()> {
    lab_event::ActiveModel {
        lab_id: Set(lab_id),
        kind: Set(kind.to_owned()),
        actor_id: Set(actor),
        comment: Set(comment),
        framing_version: Set(framing_version),
        at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Compare-and-set on the Lab's state: the update applies only if the Lab is still as it was
/// read, so two board members deciding at the same instant cannot both win.
pub(super) async fn transition(
    txn: &DatabaseTransaction,
    before: &lab::Model,
    changes: lab::ActiveModel,
) -> DomainResult<lab::Model> {
    let mut cond = Condition::all()
        .add(lab::Column::Id.eq(before.id))
        .add(lab::Column::Status.eq(before.status));
    cond = match before.pending_framing_version {
        Some(v) => cond.add(lab::Column::PendingFramingVersion.eq(v)),
        None => cond.add(lab::Column::PendingFramingVersion.is_null()),
    };
    let res = lab::Entity::update_many()
        .set(changes)
        .filter(cond)
        .exec(txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(DomainError::InvalidTransition("lab changed meanwhile"));
    }
    lab::Entity::find_by_id(before.id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)
}

pub(super) fn lab_audit(l: &lab::Model) -> serde_json::Value {
    json!({
        "status": l.status,
        "approvedFramingVersion": l.approved_framing_version,
        "pendingFramingVersion": l.pending_framing_version,
        "acknowledgedRulesVersion": l.acknowledged_rules_version,
    })
}

pub(super) async fn set_framing_status(
    txn: &DatabaseTransaction,
    lab_id: LabId,
    version: i32,
    status: FramingStatus,
    comment: Option<String>,
) -> DomainResult<()> {
    let mut am = lab_framing::ActiveModel {
        lab_id: Set(lab_id),
        version: Set(version),
        status: Set(status),
        ..Default::default()
    };
    if comment.is_some() {
        am.review_comment = Set(comment);
    }
    am.update(txn).await?;
    Ok(())
}

pub(super) async fn latest_version(txn: &DatabaseTransaction, lab_id: LabId) -> DomainResult<i32> {
    Ok(lab_framing::Entity::find()
        .filter(lab_framing::Column::LabId.eq(lab_id))
        .order_by_desc(lab_framing::Column::Version)
        .one(txn)
        .await?
        .map_or(0, |f| f.version))
}
