//! The association's common rules: numbered versions, each adopted by a recorded decision.

use crate::domain::{core::audit, Actor, DomainError, DomainResult, Env};
use crate::entities::common_rule;
use constellation_shared::ValidationReason;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;

const BODY_MAX_CHARS: usize = 200_000;

/// The version in force, if any rules were ever adopted.
pub async fn current<C: ConnectionTrait>(conn: &C) -> DomainResult<Option<common_rule::Model>> {
    Ok(common_rule::Entity::find()
        .order_by_desc(common_rule::Column::Version)
        .one(conn)
        .await?)
}

/// Newest first; `before` is a version number (the cursor).
pub async fn history(
    env: &Env,
    before: Option<i32>,
    limit: u64,
) -> DomainResult<Vec<common_rule::Model>> {
    let mut q = common_rule::Entity::find().order_by_desc(common_rule::Column::Version);
    if let Some(v) = before {
        q = q.filter(common_rule::Column::Version.lt(v));
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

/// The board adopts a new version. The version number is the primary key: two boards
/// publishing at once cannot both get the same number.
pub async fn publish(
    env: &Env,
    actor: &Actor,
    body: &str,
    decision_ref: &str,
) -> DomainResult<common_rule::Model> {
    let board = actor.board_or_admin()?;
    let body = body.trim();
    if body.is_empty() {
        return Err(DomainError::invalid("body", ValidationReason::Required));
    }
    if body.chars().count() > BODY_MAX_CHARS {
        return Err(DomainError::invalid("body", ValidationReason::TooLong));
    }
    let decision_ref = decision_ref.trim();
    if decision_ref.is_empty() {
        return Err(DomainError::invalid(
            "decisionRef",
            ValidationReason::Required,
        ));
    }
    if decision_ref.chars().count() > 500 {
        return Err(DomainError::invalid(
            "decisionRef",
            ValidationReason::TooLong,
        ));
    }
    let txn = env.begin_write().await?;
    let previous = current(&txn).await?;
    if previous.as_ref().is_some_and(|p| p.body == body) {
        return Err(DomainError::InvalidTransition("rules unchanged"));
    }
    let version = previous.map_or(1, |p| p.version + 1);
    let model = common_rule::ActiveModel {
        version: Set(version),
        body: Set(body.to_owned()),
        decision_ref: Set(decision_ref.to_owned()),
        adopted_by: Set(Some(board.id)),
        adopted_at: Set(chrono::Utc::now()),
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            DomainError::Conflict("rules version")
        }
        _ => DomainError::from(e),
    })?;
    let entry = audit::record(
        &txn,
        Some(board.id),
        "rules.publish",
        "common_rules",
        &version.to_string(),
        serde_json::Value::Null,
        json!({ "version": version, "decisionRef": decision_ref }),
    )
    .await?;
    // Everyone with an account hears of it (Labs acknowledge the new version).
    let everyone: Vec<uuid::Uuid> = {
        use crate::entities::user;
        use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
        user::Entity::find()
            .filter(user::Column::DeletedAt.is_null())
            .select_only()
            .column(user::Column::Id)
            .into_tuple()
            .all(&txn)
            .await?
    };
    let told = crate::domain::reach::notify::notify(
        &txn,
        &env.reach,
        crate::domain::reach::notify::Notice {
            kind: constellation_shared::dto::reach::NotificationKind::RulesChanged,
            event_key: format!("rules.publish:{version}"),
            recipients: everyone,
            payload: json!({ "subject": format!("v{version}"), "detail": decision_ref }),
            link: "/rules".to_owned(),
            ics: None,
            about: None,
        },
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    crate::domain::reach::notify::announce(env, told);
    Ok(model)
}
