//! The member's transition data for their export (their services, the hand-overs of those
//! services, their offers, support requests and poll answer, their collective groups), and
//! what goes when they delete their account. Other members appear by nothing but the fact
//! that a service is shared (its holder count).

use crate::domain::core::privacy::Table;
use crate::domain::transition::handover::items_of;
use crate::domain::DomainResult;
use crate::entities::{
    transition_group as group, transition_group_member as group_member,
    transition_holder as holder, transition_offer as offer, transition_poll_answer as poll,
    transition_service as service, transition_support_request as support,
};
use constellation_shared::dto::transition::OfferStatus;
use constellation_shared::ids::ServiceId;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use std::collections::HashMap;
use uuid::Uuid;

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

pub async fn export<C: ConnectionTrait>(conn: &C, me: Uuid) -> DomainResult<(Value, Vec<Table>)> {
    let held = holder::Entity::find()
        .filter(holder::Column::UserId.eq(me))
        .all(conn)
        .await?;
    let ids: Vec<ServiceId> = held.iter().map(|h| h.service_id).collect();
    let services = service::Entity::find()
        .filter(service::Column::Id.is_in(ids.clone()))
        .all(conn)
        .await?;
    let names: HashMap<ServiceId, String> =
        services.iter().map(|s| (s.id, s.name.clone())).collect();
    let items = items_of(conn, &ids).await?;
    let offers = offer::Entity::find()
        .filter(offer::Column::OfferedBy.eq(me))
        .all(conn)
        .await?;
    let requests = support::Entity::find()
        .filter(support::Column::RequesterId.eq(me))
        .all(conn)
        .await?;
    let answer = poll::Entity::find_by_id(me).one(conn).await?;
    let memberships = group_member::Entity::find()
        .filter(group_member::Column::UserId.eq(me))
        .all(conn)
        .await?;
    let groups = group::Entity::find()
        .filter(group::Column::Id.is_in(memberships.iter().map(|m| m.group_id)))
        .all(conn)
        .await?;

    let services_json: Vec<Value> = services
        .iter()
        .map(|s| {
            json!({ "id": s.id, "kind": s.kind, "name": s.name, "description": s.description,
                "address": s.address, "internal": s.internal, "status": s.status, "path": s.path,
                "targetHost": s.target_host, "handoverConfirmedAt": s.handover_confirmed_at,
                "handoverWaivedReason": s.handover_waived_reason })
        })
        .collect();
    let items_json: Vec<Value> = items
        .iter()
        .map(|i| {
            json!({ "service": names.get(&i.service_id), "item": i.item,
                "handedAt": i.handed_at, "confirmedAt": i.confirmed_at })
        })
        .collect();
    let offers_json: Vec<Value> = offers
        .iter()
        .map(|o| {
            json!({ "id": o.id, "kind": o.kind, "service": o.service_id, "lab": o.lab_id,
                "note": o.note, "status": o.status, "decisionReason": o.decision_reason,
                "createdAt": o.created_at })
        })
        .collect();
    let requests_json: Vec<Value> = requests
        .iter()
        .map(|r| {
            json!({ "id": r.id, "service": r.service_id, "subject": r.subject, "body": r.body,
                "status": r.status, "answer": r.answer, "createdAt": r.created_at,
                "answeredAt": r.answered_at, "closedAt": r.closed_at })
        })
        .collect();
    let json = json!({
        "services": services_json,
        "handovers": items_json,
        "offers": offers_json,
        "supportRequests": requests_json,
        "pollAnswer": answer.as_ref().map(|a| json!({ "asClient": a.as_client,
            "asStakeholder": a.as_stakeholder, "comment": a.comment, "answeredAt": a.answered_at })),
        "collectiveGroups": groups.iter().map(|g| json!({ "name": g.name, "targetHost": g.target_host })).collect::<Vec<_>>(),
    });
    let tables = vec![
        Table {
            name: "transition_services",
            columns: vec![
                "kind",
                "name",
                "address",
                "internal",
                "status",
                "path",
                "target_host",
            ],
            rows: services
                .iter()
                .map(|s| {
                    vec![
                        s.kind.as_str().to_owned(),
                        s.name.clone(),
                        s.address.clone(),
                        s.internal.to_string(),
                        s.status.as_str().to_owned(),
                        s.path.map(|p| p.as_str().to_owned()).unwrap_or_default(),
                        s.target_host.clone(),
                    ]
                })
                .collect(),
        },
        Table {
            name: "transition_handovers",
            columns: vec!["service", "item", "handed_at", "confirmed_at"],
            rows: items
                .iter()
                .map(|i| {
                    vec![
                        names.get(&i.service_id).cloned().unwrap_or_default(),
                        i.item.as_str().to_owned(),
                        opt(&i.handed_at),
                        opt(&i.confirmed_at),
                    ]
                })
                .collect(),
        },
        Table {
            name: "transition_offers",
            columns: vec!["kind", "service", "note", "status", "created_at"],
            rows: offers
                .iter()
                .map(|o| {
                    vec![
                        o.kind.as_str().to_owned(),
                        o.service_id
                            .and_then(|s| names.get(&s).cloned())
                            .unwrap_or_else(|| opt(&o.service_id)),
                        o.note.clone(),
                        o.status.as_str().to_owned(),
                        o.created_at.to_string(),
                    ]
                })
                .collect(),
        },
        Table {
            name: "transition_support_requests",
            columns: vec!["subject", "body", "status", "answer", "created_at"],
            rows: requests
                .iter()
                .map(|r| {
                    vec![
                        r.subject.clone(),
                        r.body.clone(),
                        r.status.as_str().to_owned(),
                        opt(&r.answer),
                        r.created_at.to_string(),
                    ]
                })
                .collect(),
        },
        Table {
            name: "transition_poll_answer",
            columns: vec!["as_client", "as_stakeholder", "comment", "answered_at"],
            rows: answer
                .iter()
                .map(|a| {
                    vec![
                        a.as_client.to_string(),
                        a.as_stakeholder.to_string(),
                        a.comment.clone(),
                        a.answered_at.to_string(),
                    ]
                })
                .collect(),
        },
    ];
    Ok((json, tables))
}

/// On account deletion: the poll answer and group seats go, pending offers are withdrawn,
/// the text of support requests is blanked. Services stay (the association still hosts
/// them and the board must settle them), their holder pointing at the anonymous account.
pub async fn forget(txn: &DatabaseTransaction, me: Uuid) -> DomainResult<()> {
    poll::Entity::delete_by_id(me).exec(txn).await?;
    group_member::Entity::delete_many()
        .filter(group_member::Column::UserId.eq(me))
        .exec(txn)
        .await?;
    offer::Entity::update_many()
        .col_expr(
            offer::Column::Status,
            Expr::value(OfferStatus::Withdrawn.as_str()),
        )
        .filter(offer::Column::OfferedBy.eq(me))
        .filter(offer::Column::Status.eq(OfferStatus::Pending.as_str()))
        .exec(txn)
        .await?;
    offer::Entity::update_many()
        .col_expr(offer::Column::Note, Expr::value(""))
        .filter(offer::Column::OfferedBy.eq(me))
        .exec(txn)
        .await?;
    support::Entity::update_many()
        .col_expr(support::Column::Subject, Expr::value("—"))
        .col_expr(support::Column::Body, Expr::value(""))
        .filter(support::Column::RequesterId.eq(me))
        .exec(txn)
        .await?;
    Ok(())
}
