//! The member's polls for their export: the polls they created, their answers to open polls
//! (with the options' texts), and the anonymous polls they took part in — never what they
//! chose there, which nothing records. On account deletion these rows stay, like other
//! governance records, pointing at the anonymous account (`accounts::erase`).

use super::{choice_of, options_of};
use crate::domain::core::privacy::Table;
use crate::domain::DomainResult;
use crate::entities::polls::{poll, poll_answer, poll_participation};
use constellation_shared::ids::PollId;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use std::collections::HashMap;
use uuid::Uuid;

pub async fn export<C: ConnectionTrait>(conn: &C, me: Uuid) -> DomainResult<(Value, Vec<Table>)> {
    let created = poll::Entity::find()
        .filter(poll::Column::AuthorId.eq(me))
        .all(conn)
        .await?;
    let answers = poll_answer::Entity::find()
        .filter(poll_answer::Column::UserId.eq(me))
        .all(conn)
        .await?;
    let took_part = poll_participation::Entity::find()
        .filter(poll_participation::Column::UserId.eq(me))
        .all(conn)
        .await?;
    let ids = answers
        .iter()
        .map(|a| a.poll_id)
        .chain(took_part.iter().map(|t| t.poll_id));
    let polls: HashMap<PollId, poll::Model> = poll::Entity::find()
        .filter(poll::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let title = |id: &PollId| polls.get(id).map(|p| p.title.clone()).unwrap_or_default();
    let chosen = |a: &poll_answer::Model| -> Vec<String> {
        let options = polls.get(&a.poll_id).map(options_of).unwrap_or_default();
        choice_of(&a.choice)
            .into_iter()
            .filter_map(|i| options.get(i).cloned())
            .collect()
    };
    let json = json!({
        "created": created.iter().map(|p| json!({ "id": p.id, "title": p.title, "kind": p.kind,
            "visibility": p.visibility, "audience": p.audience, "lab": p.lab_id,
            "options": options_of(p), "closesAt": p.closes_at, "createdAt": p.created_at }))
            .collect::<Vec<_>>(),
        "answers": answers.iter().map(|a| json!({ "poll": a.poll_id, "title": title(&a.poll_id),
            "choice": chosen(a), "answeredAt": a.answered_at })).collect::<Vec<_>>(),
        "anonymousPollsAnswered": took_part.iter().map(|t| json!({ "poll": t.poll_id,
            "title": title(&t.poll_id) })).collect::<Vec<_>>(),
    });
    let tables = vec![
        Table {
            name: "polls_created",
            columns: vec!["id", "title", "kind", "visibility", "audience", "closes_at"],
            rows: created
                .iter()
                .map(|p| {
                    vec![
                        p.id.to_string(),
                        p.title.clone(),
                        p.kind.as_str().to_owned(),
                        p.visibility.as_str().to_owned(),
                        p.audience.as_str().to_owned(),
                        p.closes_at.to_rfc3339(),
                    ]
                })
                .collect(),
        },
        Table {
            name: "poll_answers",
            columns: vec!["poll", "title", "choice", "answered_at"],
            rows: answers
                .iter()
                .map(|a| {
                    vec![
                        a.poll_id.to_string(),
                        title(&a.poll_id),
                        chosen(a).join("; "),
                        a.answered_at.to_rfc3339(),
                    ]
                })
                .collect(),
        },
        Table {
            name: "anonymous_polls_answered",
            columns: vec!["poll", "title"],
            rows: took_part
                .iter()
                .map(|t| vec![t.poll_id.to_string(), title(&t.poll_id)])
                .collect(),
        },
    ];
    Ok((json, tables))
}
