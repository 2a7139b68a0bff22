//! A Lab's life: proposing it, resubmitting, framing changes, board review, archive and
//! acknowledging the common rules.

use super::*;
use constellation_shared::ids::LabId;

/// Any member of the association (effective or adherent) proposes a Lab and becomes its
/// first coordinator. Sympathisers join Labs; they do not found them.
pub async fn propose(env: &Env, actor: &Actor, input: ProposeLabInput) -> DomainResult<lab::Model> {
    let me = actor.user()?;
    if !me.is_association_member() {
        return Err(DomainError::Forbidden);
    }
    let name = text("name", &input.name, true, NAME_MAX)?;
    let slug = input.slug.trim().to_lowercase();
    if !is_valid_slug(&slug) {
        return Err(DomainError::invalid("slug", ValidationReason::Invalid));
    }
    let framing = Framing::parse(&input.framing)?;
    let id = LabId::new_v4();
    let now = chrono::Utc::now();
    let txn = env.begin_write().await?;
    let f = framing.row(id, 1, me.id);
    let (visibility, themes_key, search_text) = searchable(
        &name,
        &framing.themes,
        &framing.description,
        framing.visibility,
    );
    let l = lab::ActiveModel {
        id: Set(id),
        slug: Set(slug),
        name: Set(name),
        status: Set(LabStatus::Proposed),
        approved_framing_version: Set(None),
        pending_framing_version: Set(Some(1)),
        acknowledged_rules_version: Set(None),
        visibility: Set(visibility),
        themes_key: Set(themes_key),
        search_text: Set(search_text),
        created_by: Set(me.id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .on_unique(SLUG_UNIQUE, DomainError::SlugTaken)?;
    f.insert(&txn).await?;
    lab_member::ActiveModel {
        lab_id: Set(id),
        user_id: Set(me.id),
        role: Set(LabRole::Coordinator),
        state: Set(MemberState::Active),
        since: Set(now),
    }
    .insert(&txn)
    .await?;
    event(&txn, id, "PROPOSED", Some(me.id), None, Some(1)).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "lab.propose",
        "lab",
        &id.to_string(),
        serde_json::Value::Null,
        json!({ "slug": l.slug, "name": l.name, "status": l.status }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(l)
}

/// New framing version awaiting the board: for a proposal being edited (status goes back to
/// `PROPOSED`), or for a running Lab (it keeps running on the approved version meanwhile).
pub(super) async fn new_framing_version(
    env: &Env,
    actor: &Actor,
    lab_id: LabId,
    input: &FramingInput,
    allowed: &[LabStatus],
    action: &str,
    kind: &str,
) -> DomainResult<lab::Model> {
    actor.user()?;
    let framing = Framing::parse(input)?;
    let txn = env.begin_write().await?;
    let l = find_visible(&txn, actor, lab_id).await?;
    let me = require_coordinator(&txn, actor, &l).await?;
    if !allowed.contains(&l.status) {
        return Err(DomainError::InvalidTransition(
            "framing cannot change in this state",
        ));
    }
    if let Some(old) = l.pending_framing_version {
        set_framing_status(&txn, l.id, old, FramingStatus::Superseded, None).await?;
    }
    let version = latest_version(&txn, l.id).await? + 1;
    let row = framing.row(l.id, version, me.id).insert(&txn).await?;
    let mut changes = lab::ActiveModel {
        pending_framing_version: Set(Some(version)),
        updated_at: Set(chrono::Utc::now()),
        ..Default::default()
    };
    if l.status != LabStatus::Active {
        // A proposal's directory entry follows the proposal.
        let (visibility, themes_key, search_text) = searchable_from(&l.name, &row);
        changes.status = Set(LabStatus::Proposed);
        changes.visibility = Set(visibility);
        changes.themes_key = Set(themes_key);
        changes.search_text = Set(search_text);
    }
    let updated = transition(&txn, &l, changes).await?;
    event(&txn, l.id, kind, Some(me.id), None, Some(version)).await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        action,
        "lab",
        &l.id.to_string(),
        lab_audit(&l),
        lab_audit(&updated),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}

pub async fn resubmit(
    env: &Env,
    actor: &Actor,
    lab_id: LabId,
    input: &FramingInput,
) -> DomainResult<lab::Model> {
    new_framing_version(
        env,
        actor,
        lab_id,
        input,
        &[LabStatus::Proposed, LabStatus::ChangesRequested],
        "lab.resubmit",
        "RESUBMITTED",
    )
    .await
}

pub async fn propose_framing_change(
    env: &Env,
    actor: &Actor,
    lab_id: LabId,
    input: &FramingInput,
) -> DomainResult<lab::Model> {
    new_framing_version(
        env,
        actor,
        lab_id,
        input,
        &[LabStatus::Active],
        "lab.propose_framing_change",
        "FRAMING_CHANGE_PROPOSED",
    )
    .await
}

/// The board decides on what is pending: a new Lab, or a framing change of a running one.
/// Asking for changes and rejecting need a comment. A board member who coordinates the Lab
/// cannot decide.
pub async fn review(
    env: &Env,
    actor: &Actor,
    lab_id: LabId,
    decision: ReviewDecision,
    comment: Option<&str>,
) -> DomainResult<lab::Model> {
    let board = actor.board_or_admin()?;
    let comment = text(
        "comment",
        comment.unwrap_or(""),
        decision != ReviewDecision::Approve,
        TEXT_MAX,
    )?;
    let comment = (!comment.is_empty()).then_some(comment);
    let txn = env.begin_write().await?;
    let l = lab::Entity::find_by_id(lab_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if is_coordinator(membership(&txn, l.id, board.id).await?.as_ref()) {
        return Err(DomainError::ConflictOfInterest);
    }
    let status = l.status;
    let Some(pending) = l
        .pending_framing_version
        .filter(|_| matches!(status, LabStatus::Proposed | LabStatus::Active))
    else {
        return Err(DomainError::InvalidTransition("nothing awaits review"));
    };
    let now = chrono::Utc::now();
    // A refused proposal keeps pointing at its last version (it is what the Lab page shows
    // and what the proposers edit); everything else clears the pending slot.
    let keeps_pending = status == LabStatus::Proposed && decision != ReviewDecision::Approve;
    let mut changes = lab::ActiveModel {
        pending_framing_version: if keeps_pending {
            sea_orm::ActiveValue::NotSet
        } else {
            Set(None)
        },
        updated_at: Set(now),
        ..Default::default()
    };
    let (framing_status, kind) = match (decision, status) {
        (ReviewDecision::Approve, LabStatus::Proposed) => {
            changes.status = Set(LabStatus::Active);
            changes.acknowledged_rules_version =
                Set(common_rules::current(&txn).await?.map(|r| r.version));
            (FramingStatus::Approved, "APPROVED")
        }
        (ReviewDecision::Approve, _) => (FramingStatus::Approved, "FRAMING_CHANGE_APPROVED"),
        (ReviewDecision::RequestChanges, LabStatus::Proposed) => {
            changes.status = Set(LabStatus::ChangesRequested);
            (FramingStatus::ChangesRequested, "CHANGES_REQUESTED")
        }
        (ReviewDecision::RequestChanges, _) => (
            FramingStatus::ChangesRequested,
            "FRAMING_CHANGE_CHANGES_REQUESTED",
        ),
        (ReviewDecision::Reject, LabStatus::Proposed) => {
            changes.status = Set(LabStatus::Rejected);
            (FramingStatus::Rejected, "REJECTED")
        }
        (ReviewDecision::Reject, _) => (FramingStatus::Rejected, "FRAMING_CHANGE_REJECTED"),
    };
    if framing_status == FramingStatus::Approved {
        if let Some(old) = l.approved_framing_version {
            set_framing_status(&txn, l.id, old, FramingStatus::Superseded, None).await?;
        }
        changes.approved_framing_version = Set(Some(pending));
        let f = lab_framing::Entity::find_by_id((l.id, pending))
            .one(&txn)
            .await?
            .ok_or(DomainError::NotFound)?;
        let (visibility, themes_key, search_text) = searchable_from(&l.name, &f);
        changes.visibility = Set(visibility);
        changes.themes_key = Set(themes_key);
        changes.search_text = Set(search_text);
    }
    let updated = transition(&txn, &l, changes).await?;
    set_framing_status(&txn, l.id, pending, framing_status, comment.clone()).await?;
    event(
        &txn,
        l.id,
        kind,
        Some(board.id),
        comment.clone(),
        Some(pending),
    )
    .await?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        &format!("lab.review.{}", decision.as_str().to_lowercase()),
        "lab",
        &l.id.to_string(),
        lab_audit(&l),
        json!({ "lab": lab_audit(&updated), "comment": comment }),
    )
    .await?;
    // The coordinators hear of the board's decision.
    let told = crate::domain::reach::notify::notify(
        &txn,
        &env.reach,
        crate::domain::reach::notify::Notice {
            kind: constellation_shared::dto::reach::NotificationKind::LabDecision,
            event_key: format!("lab.review:{}", entry.id),
            recipients: members::coordinators(&txn, l.id).await?,
            payload: json!({ "subject": l.name, "status": kind.trim_start_matches("FRAMING_CHANGE_"), "detail": comment.clone().unwrap_or_default() }),
            link: format!("/labs/{}", l.slug),
            ics: None,
            about: None,
        },
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::reach::notify::announce(env, told);
    Ok(updated)
}

/// The board closes a running Lab inside `txn`; it becomes read-only, its history kept.
/// What other contexts hold for the Lab (pending resource requests) is settled by
/// `flows::archive_lab`, which calls this; the audit entry is published after the commit.
pub async fn archive_in(
    txn: &DatabaseTransaction,
    actor: &Actor,
    lab_id: LabId,
    reason: &str,
) -> DomainResult<(lab::Model, audit_log::Model)> {
    let board = actor.board_or_admin()?;
    let reason = text("reason", reason, true, TEXT_MAX)?;
    let l = lab::Entity::find_by_id(lab_id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    if l.status != LabStatus::Active {
        return Err(DomainError::InvalidTransition(
            "only an active Lab is archived",
        ));
    }
    if let Some(p) = l.pending_framing_version {
        set_framing_status(txn, l.id, p, FramingStatus::Superseded, None).await?;
    }
    let updated = transition(
        txn,
        &l,
        lab::ActiveModel {
            status: Set(LabStatus::Archived),
            pending_framing_version: Set(None),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    event(
        txn,
        l.id,
        "ARCHIVED",
        Some(board.id),
        Some(reason.clone()),
        None,
    )
    .await?;
    let entry = audit::record(
        txn,
        Some(board.id),
        "lab.archive",
        "lab",
        &l.id.to_string(),
        lab_audit(&l),
        json!({ "lab": lab_audit(&updated), "reason": reason }),
    )
    .await?;
    Ok((updated, entry))
}

/// A coordinator acknowledges the common rules now in force.
pub async fn acknowledge_rules(
    env: &Env,
    actor: &Actor,
    lab_id: LabId,
) -> DomainResult<lab::Model> {
    actor.user()?;
    let txn = env.begin_write().await?;
    let l = find_visible(&txn, actor, lab_id).await?;
    let me = require_coordinator(&txn, actor, &l).await?;
    let current = common_rules::current(&txn).await?.map(|r| r.version);
    if l.status != LabStatus::Active || current.is_none() || current == l.acknowledged_rules_version
    {
        return Err(DomainError::InvalidTransition("no rules to acknowledge"));
    }
    let updated = transition(
        &txn,
        &l,
        lab::ActiveModel {
            acknowledged_rules_version: Set(current),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    event(
        &txn,
        l.id,
        "RULES_ACKNOWLEDGED",
        Some(me.id),
        current.map(|v| format!("v{v}")),
        None,
    )
    .await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "lab.acknowledge_rules",
        "lab",
        &l.id.to_string(),
        lab_audit(&l),
        lab_audit(&updated),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}
