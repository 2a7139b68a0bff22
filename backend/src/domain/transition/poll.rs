//! The CHATONS interest poll (note, pt. 4): would a member use a social-economy host for
//! their services (as a client) and/or help set it up (as a stakeholder), with a comment.
//! One answer per member (the primary key), changed at will; not a secret vote, so the
//! board sees who answered what.

use crate::domain::core::parse::text;
use crate::domain::{core::audit, Actor, DomainResult, Env};
use crate::entities::transition_poll_answer as answer;
use constellation_shared::dto::transition::PollInput;
use sea_orm::sea_query::OnConflict;
use sea_orm::{EntityTrait, QueryOrder, Set};
use serde_json::json;

/// Association members answer (or change their answer).
pub async fn answer(env: &Env, actor: &Actor, input: PollInput) -> DomainResult<answer::Model> {
    let me = actor.association_member()?;
    let comment = text("comment", &input.comment, false, 10_000)?;
    let txn = env.begin_write().await?;
    let before = answer::Entity::find_by_id(me.id).one(&txn).await?;
    answer::Entity::insert(answer::ActiveModel {
        user_id: Set(me.id),
        as_client: Set(input.as_client),
        as_stakeholder: Set(input.as_stakeholder),
        comment: Set(comment),
        answered_at: Set(chrono::Utc::now()),
    })
    .on_conflict(
        OnConflict::column(answer::Column::UserId)
            .update_columns([
                answer::Column::AsClient,
                answer::Column::AsStakeholder,
                answer::Column::Comment,
                answer::Column::AnsweredAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let after = answer::Entity::find_by_id(me.id).one(&txn).await?.ok_or(
        crate::domain::DomainError::internal("poll answer just written is missing"),
    )?;
    let entry = audit::record(
        &txn,
        Some(me.id),
        "transition.answer_poll",
        "transition_poll_answer",
        &me.id.to_string(),
        before.map_or(
            serde_json::Value::Null,
            |b| json!({ "asClient": b.as_client, "asStakeholder": b.as_stakeholder }),
        ),
        json!({ "asClient": after.as_client, "asStakeholder": after.as_stakeholder }),
    )
    .await?;
    txn.commit().await?;
    audit::publish(env, [entry]);
    Ok(after)
}

pub async fn mine(env: &Env, actor: &Actor) -> DomainResult<Option<answer::Model>> {
    let me = actor.user()?;
    Ok(answer::Entity::find_by_id(me.id).one(&env.db).await?)
}

/// The counts and every answer (the board).
pub struct Results {
    pub answers: i64,
    pub as_client: i64,
    pub as_stakeholder: i64,
    pub both: i64,
    pub neither: i64,
    pub rows: Vec<answer::Model>,
}

/// Board and admins. A member body is small (hundreds): read once, counted here.
pub async fn results(env: &Env, actor: &Actor) -> DomainResult<Results> {
    actor.board_or_admin()?;
    let rows = answer::Entity::find()
        .order_by_asc(answer::Column::AnsweredAt)
        .all(&env.db)
        .await?;
    let count = |f: &dyn Fn(&answer::Model) -> bool| rows.iter().filter(|r| f(r)).count() as i64;
    Ok(Results {
        answers: rows.len() as i64,
        as_client: count(&|r| r.as_client),
        as_stakeholder: count(&|r| r.as_stakeholder),
        both: count(&|r| r.as_client && r.as_stakeholder),
        neither: count(&|r| !r.as_client && !r.as_stakeholder),
        rows,
    })
}
