//! What the barcamp tells people: at publication, each host hears where and when their
//! session is; after it, a session moved or cancelled is told to its hosts and to everyone
//! who marked interest. Written inside the caller's transaction; announce after the commit.

use crate::domain::reach::notify::{notify, Announced, Notice};
use crate::domain::{DomainResult, Env};
use crate::entities::{
    barcamp_edition as edition, barcamp_interest as interest, barcamp_room as room,
    barcamp_session as session, barcamp_slot as slot,
};
use constellation_shared::dto::reach::NotificationKind;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::json;
use uuid::Uuid;

/// Where and when a placed session is (`when`, `place`), for the payload.
async fn position<C: ConnectionTrait>(
    conn: &C,
    s: &session::Model,
) -> DomainResult<(String, String)> {
    let when = match s.start_slot_id {
        Some(id) => slot::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|sl| sl.starts_at.to_rfc3339())
            .unwrap_or_default(),
        None => String::new(),
    };
    let place = match s.room_id {
        Some(id) => room::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|r| r.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok((when, place))
}

/// The programme is published: every host of a placed session hears where and when.
pub async fn published<C: ConnectionTrait>(
    conn: &C,
    env: &Env,
    e: &edition::Model,
) -> DomainResult<Announced> {
    let placed = session::Entity::find()
        .filter(session::Column::EditionId.eq(e.id))
        .filter(session::Column::Status.eq("PROPOSED"))
        .filter(session::Column::RoomId.is_not_null())
        .all(conn)
        .await?;
    let mut told = Announced::default();
    for s in placed {
        let (when, place) = position(conn, &s).await?;
        told.extend(
            notify(
                conn,
                &env.reach,
                Notice {
                    kind: NotificationKind::SessionScheduled,
                    event_key: format!("barcamp.scheduled:{}:{}", s.id, s.revision),
                    recipients: super::sessions::hosts_of(conn, s.id).await?,
                    payload: json!({ "subject": s.title, "when": when, "place": place }),
                    link: format!("/barcamp/{}/schedule", e.year),
                    ics: None,
                    about: None,
                },
            )
            .await?,
        );
    }
    Ok(told)
}

/// A session moved or was cancelled: its hosts and everyone interested hear of it. Before
/// publication nobody is told (the programme is still being built).
pub async fn changed<C: ConnectionTrait>(
    conn: &C,
    env: &Env,
    kind: NotificationKind,
    s: &session::Model,
) -> DomainResult<Announced> {
    let Some(e) = edition::Entity::find_by_id(s.edition_id).one(conn).await? else {
        return Ok(Announced::default());
    };
    if e.phase != constellation_shared::dto::barcamp::BarcampPhase::Published {
        return Ok(Announced::default());
    }
    let mut recipients = super::sessions::hosts_of(conn, s.id).await?;
    let interested: Vec<Uuid> = interest::Entity::find()
        .filter(interest::Column::SessionId.eq(s.id))
        .select_only()
        .column(interest::Column::UserId)
        .into_tuple()
        .all(conn)
        .await?;
    recipients.extend(interested);
    let (when, place) = position(conn, s).await?;
    notify(
        conn,
        &env.reach,
        Notice {
            kind,
            event_key: format!("barcamp.{}:{}:{}", kind.as_str(), s.id, s.revision),
            recipients,
            payload: json!({ "subject": s.title, "when": when, "place": place }),
            link: format!("/barcamp/{}/schedule", e.year),
            ics: None,
            about: None,
        },
    )
    .await
}
