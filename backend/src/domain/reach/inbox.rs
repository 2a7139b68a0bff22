//! A member's notifications: the newest first, the unread count, marking read, and the
//! channel chosen per kind.

use crate::domain::{Actor, DomainError, DomainResult, Env};
use crate::entities::{notification, notification_preference as preference};
use chrono::Utc;
use constellation_shared::dto::reach::{NotificationChannel, NotificationKind};
use constellation_shared::ValidationReason;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

/// Keyset: newest first on (created_at, id).
pub async fn list(
    env: &Env,
    actor: &Actor,
    unread_only: bool,
    before: Option<(chrono::DateTime<Utc>, Uuid)>,
    limit: u64,
) -> DomainResult<Vec<notification::Model>> {
    let me = actor.user()?;
    let mut q = notification::Entity::find()
        .filter(notification::Column::UserId.eq(me.id))
        .order_by_desc(notification::Column::CreatedAt)
        .order_by_desc(notification::Column::Id);
    if unread_only {
        q = q.filter(notification::Column::ReadAt.is_null());
    }
    if let Some((at, id)) = before {
        q = q.filter(
            Condition::any()
                .add(notification::Column::CreatedAt.lt(at))
                .add(
                    Condition::all()
                        .add(notification::Column::CreatedAt.eq(at))
                        .add(notification::Column::Id.lt(id)),
                ),
        );
    }
    Ok(q.limit(limit).all(&env.db).await?)
}

pub async fn unread_count(env: &Env, actor: &Actor) -> DomainResult<u64> {
    let me = actor.user()?;
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(me.id))
        .filter(notification::Column::ReadAt.is_null())
        .count(&env.db)
        .await?)
}

/// Marks some of one's notifications read (`None`: all). Others' ids are ignored. At most
/// 500 ids at once. Returns the unread count left.
pub async fn mark_read(env: &Env, actor: &Actor, ids: Option<Vec<Uuid>>) -> DomainResult<u64> {
    let me = actor.user()?;
    let mut q = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(Utc::now())))
        .filter(notification::Column::UserId.eq(me.id))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(ids) = ids {
        if ids.len() > 500 {
            return Err(DomainError::invalid("ids", ValidationReason::TooLong));
        }
        q = q.filter(notification::Column::Id.is_in(ids));
    }
    q.exec(&env.db).await?;
    let _ = env.notices.send(me.id);
    unread_count(env, actor).await
}

/// Every kind with the channel that applies to the member and whether it may change.
pub async fn preferences(
    env: &Env,
    actor: &Actor,
) -> DomainResult<Vec<(NotificationKind, NotificationChannel)>> {
    let me = actor.user()?;
    let chosen = preference::Entity::find()
        .filter(preference::Column::UserId.eq(me.id))
        .all(&env.db)
        .await?;
    Ok(NotificationKind::ALL
        .iter()
        .map(|k| {
            let c = chosen
                .iter()
                .find(|p| p.kind == *k)
                .and_then(|p| NotificationChannel::parse(&p.channel));
            (*k, k.effective_channel(c))
        })
        .collect())
}

/// Chooses the channel for one kind. The convocation stays by e-mail (the law requires it).
pub async fn set_preference(
    env: &Env,
    actor: &Actor,
    kind: NotificationKind,
    channel: NotificationChannel,
) -> DomainResult<()> {
    let me = actor.user()?;
    if kind.mandatory() && channel != NotificationChannel::Email {
        return Err(DomainError::invalid("channel", ValidationReason::Invalid));
    }
    preference::Entity::insert(preference::ActiveModel {
        user_id: Set(me.id),
        kind: Set(kind),
        channel: Set(channel.as_str().to_owned()),
    })
    .on_conflict(
        OnConflict::columns([preference::Column::UserId, preference::Column::Kind])
            .update_column(preference::Column::Channel)
            .to_owned(),
    )
    .exec_without_returning(&env.db)
    .await?;
    Ok(())
}

/// Account deletion: the person's notifications, preferences and mailed links go, and so
/// does mail not yet sent to them (what was sent stays as a delivery record, without the
/// address or the body).
pub async fn forget<C: sea_orm::ConnectionTrait>(conn: &C, user_id: Uuid) -> DomainResult<()> {
    use crate::entities::outbox_mail;
    notification::Entity::delete_many()
        .filter(notification::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    preference::Entity::delete_many()
        .filter(preference::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    outbox_mail::Entity::delete_many()
        .filter(outbox_mail::Column::UserId.eq(user_id))
        .filter(outbox_mail::Column::Status.ne(crate::domain::reach::mail::SENT))
        .exec(conn)
        .await?;
    crate::entities::mail_token::Entity::delete_many()
        .filter(crate::entities::mail_token::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    outbox_mail::Entity::update_many()
        .col_expr(outbox_mail::Column::ToAddress, Expr::value(""))
        .col_expr(outbox_mail::Column::TextBody, Expr::value(""))
        .col_expr(outbox_mail::Column::HtmlBody, Expr::value(""))
        .col_expr(
            outbox_mail::Column::Ics,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox_mail::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// A member's notifications and preferences, for their export (JSON and two tables).
pub async fn export<C: sea_orm::ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
) -> DomainResult<(serde_json::Value, Vec<crate::domain::core::privacy::Table>)> {
    use crate::domain::core::privacy::Table;
    let list = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_desc(notification::Column::CreatedAt)
        .all(conn)
        .await?;
    let prefs = preference::Entity::find()
        .filter(preference::Column::UserId.eq(user_id))
        .all(conn)
        .await?;
    let mails = crate::entities::outbox_mail::Entity::find()
        .filter(crate::entities::outbox_mail::Column::UserId.eq(user_id))
        .order_by_desc(crate::entities::outbox_mail::Column::CreatedAt)
        .all(conn)
        .await?;
    let json = serde_json::json!({
        "mailsSent": mails.iter().map(|m| serde_json::json!({
            "kind": m.kind, "subject": m.subject, "status": m.status,
            "createdAt": m.created_at, "sentAt": m.sent_at,
        })).collect::<Vec<_>>(),
        "notifications": list.iter().map(|n| serde_json::json!({
            "kind": n.kind, "payload": serde_json::from_str::<serde_json::Value>(&n.payload).unwrap_or_default(),
            "link": n.link, "createdAt": n.created_at, "readAt": n.read_at,
        })).collect::<Vec<_>>(),
        "notificationPreferences": prefs.iter().map(|p| serde_json::json!({ "kind": p.kind, "channel": p.channel })).collect::<Vec<_>>(),
    });
    let tables = vec![
        Table {
            name: "notifications",
            columns: vec!["kind", "link", "created_at", "read_at"],
            rows: list
                .iter()
                .map(|n| {
                    vec![
                        n.kind.as_str().to_owned(),
                        n.link.clone(),
                        n.created_at.to_rfc3339(),
                        n.read_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                    ]
                })
                .collect(),
        },
        Table {
            name: "mails",
            columns: vec!["kind", "subject", "status", "created_at", "sent_at"],
            rows: mails
                .iter()
                .map(|m| {
                    vec![
                        m.kind.clone(),
                        m.subject.clone(),
                        m.status.clone(),
                        m.created_at.to_rfc3339(),
                        m.sent_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
                    ]
                })
                .collect(),
        },
        Table {
            name: "notification_preferences",
            columns: vec!["kind", "channel"],
            rows: prefs
                .iter()
                .map(|p| vec![p.kind.as_str().to_owned(), p.channel.clone()])
                .collect(),
        },
    ];
    Ok((json, tables))
}
