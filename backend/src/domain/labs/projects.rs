//! Projects inside a Lab: proposed by its members, supported (once each), moved along by
//! a coordinator.

use crate::domain::core::parse::text;
use crate::domain::labs::{event, find_visible, is_active, is_coordinator, membership};
use crate::domain::{core::audit, Actor, DbResultExt, DomainError, DomainResult, Env};
use crate::entities::{project, project_support};
use constellation_shared::dto::labs::{LabStatus, ProjectInput, ProjectStatus};
use constellation_shared::ids::{LabId, ProjectId};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

const SUPPORT_PK: &[&str] = &["pk_project_supports", "project_supports.project_id"];

/// The project, if the actor may see its Lab.
pub async fn find_visible_project<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    id: ProjectId,
) -> DomainResult<project::Model> {
    let p = project::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DomainError::NotFound)?;
    find_visible(conn, actor, p.lab_id).await?;
    Ok(p)
}

pub async fn propose(
    env: &Env,
    actor: &Actor,
    lab_id: LabId,
    input: ProjectInput,
) -> DomainResult<project::Model> {
    let me = actor.user()?;
    let title = text("title", &input.title, true, 160)?;
    let description = text("description", &input.description, true, 10_000)?;
    let goals = text("goals", &input.goals, false, 10_000)?;
    let resources = text("resourcesNeeded", &input.resources_needed, false, 10_000)?;
    let txn = env.begin_write().await?;
    let l = find_visible(&txn, actor, lab_id).await?;
    if !is_active(membership(&txn, l.id, me.id).await?.as_ref()) {
        return Err(DomainError::Forbidden);
    }
    if l.status != LabStatus::Active {
        return Err(DomainError::InvalidTransition("the Lab is not active"));
    }
    let now = chrono::Utc::now();
    let p = project::ActiveModel {
        id: Set(ProjectId::new_v4()),
        lab_id: Set(l.id),
        title: Set(title),
        description: Set(description),
        goals: Set(goals),
        resources_needed: Set(resources),
        status: Set(ProjectStatus::Proposed),
        proposed_by: Set(me.id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    event(
        &txn,
        l.id,
        "PROJECT_PROPOSED",
        Some(me.id),
        Some(p.title.clone()),
        None,
    )
    .await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "project.propose",
        "project",
        &p.id.to_string(),
        serde_json::Value::Null,
        json!({ "lab": l.id, "title": p.title, "status": p.status }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(p)
}

/// Active members of the Lab support a project, once each (the primary key holds it).
pub async fn support(
    env: &Env,
    actor: &Actor,
    project_id: ProjectId,
) -> DomainResult<project::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let p = find_visible_project(&txn, actor, project_id).await?;
    let l = find_visible(&txn, actor, p.lab_id).await?;
    if !is_active(membership(&txn, l.id, me.id).await?.as_ref()) {
        return Err(DomainError::Forbidden);
    }
    if l.status != LabStatus::Active
        || matches!(p.status, ProjectStatus::Done | ProjectStatus::Abandoned)
    {
        return Err(DomainError::InvalidTransition("support closed"));
    }
    project_support::ActiveModel {
        project_id: Set(p.id),
        user_id: Set(me.id),
        at: Set(chrono::Utc::now()),
    }
    .insert(&txn)
    .await
    .on_unique(SUPPORT_PK, DomainError::AlreadySupported)?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "project.support",
        "project",
        &p.id.to_string(),
        serde_json::Value::Null,
        json!({ "supporter": me.id }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(p)
}

/// A coordinator accepts a proposed project and moves it along (`ProjectStatus::can_move_to`).
pub async fn set_status(
    env: &Env,
    actor: &Actor,
    project_id: ProjectId,
    next: ProjectStatus,
) -> DomainResult<project::Model> {
    let me = actor.user()?;
    let txn = env.begin_write().await?;
    let p = find_visible_project(&txn, actor, project_id).await?;
    let l = find_visible(&txn, actor, p.lab_id).await?;
    if !is_coordinator(membership(&txn, l.id, me.id).await?.as_ref()) {
        return Err(DomainError::Forbidden);
    }
    let current = p.status;
    if l.status != LabStatus::Active || !current.can_move_to(next) {
        return Err(DomainError::InvalidTransition("project status"));
    }
    // Compare-and-set: only from the status read above.
    let res = project::Entity::update_many()
        .set(project::ActiveModel {
            status: Set(next),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        })
        .filter(project::Column::Id.eq(p.id))
        .filter(project::Column::Status.eq(p.status))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(DomainError::InvalidTransition("project changed meanwhile"));
    }
    let updated = project::Entity::find_by_id(p.id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound)?;
    event(
        &txn,
        l.id,
        &format!("PROJECT_{}", next.as_str()),
        Some(me.id),
        Some(p.title.clone()),
        None,
    )
    .await?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "project.set_status",
        "project",
        &p.id.to_string(),
        json!({ "status": p.status }),
        json!({ "status": updated.status }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(updated)
}
