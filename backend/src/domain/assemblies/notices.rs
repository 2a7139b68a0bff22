//! What the assemblies tell the members: the convocation (mailed to every effective and
//! adherent member, with the agenda, the proxy link and the assembly as an `.ics`; the law
//! requires it, so nobody can turn it off), voting open, and proxies asked, answered and
//! taken back. Written inside the caller's transaction; announce after the commit.

use crate::domain::reach::notify::{notify, Announced, Notice};
use crate::domain::{DomainResult, Env};
use crate::entities::{agenda_item, assembly, motion, user};
use constellation_shared::dto::reach::NotificationKind;
use constellation_shared::ids::AssemblyId;
use constellation_shared::rules::ical;
use constellation_shared::MembershipKind;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;
use uuid::Uuid;

/// How long an assembly lasts in calendars (the statutes say nothing).
const ASSEMBLY_HOURS: i64 = 3;

fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The assembly as one calendar event; the uid stays the same for a second convocation's
/// updates of the same assembly.
pub fn ics(a: &assembly::Model, agenda: &[agenda_item::Model]) -> String {
    let now = chrono::Utc::now();
    let description = agenda
        .iter()
        .map(|i| format!("{}. {}", i.number, i.title))
        .collect::<Vec<_>>()
        .join("\n");
    ical::write(&ical::Calendar {
        name: a.title.clone(),
        events: vec![ical::Event {
            uid: format!("assembly-{}@constellation", a.id),
            stamp: stamp(now),
            start: stamp(a.starts_at),
            end: stamp(a.starts_at + chrono::Duration::hours(ASSEMBLY_HOURS)),
            summary: a.title.clone(),
            description,
            location: a.place.clone(),
            sequence: 0,
            cancelled: false,
            last_modified: stamp(now),
        }],
    })
}

/// Every account that is an effective or adherent member today.
pub async fn convened_members<C: ConnectionTrait>(conn: &C) -> DomainResult<Vec<Uuid>> {
    Ok(user::Entity::find()
        .filter(user::Column::DeletedAt.is_null())
        .filter(user::Column::MembershipKind.is_in([
            MembershipKind::Effective.as_str(),
            MembershipKind::Adherent.as_str(),
        ]))
        .select_only()
        .column(user::Column::Id)
        .into_tuple()
        .all(conn)
        .await?)
}

async fn effective<C: ConnectionTrait>(conn: &C) -> DomainResult<Vec<Uuid>> {
    Ok(user::Entity::find()
        .filter(user::Column::DeletedAt.is_null())
        .filter(user::Column::MembershipKind.eq(MembershipKind::Effective.as_str()))
        .select_only()
        .column(user::Column::Id)
        .into_tuple()
        .all(conn)
        .await?)
}

/// The convocation, to every effective and adherent member.
pub async fn convocation<C: ConnectionTrait>(
    conn: &C,
    env: &Env,
    a: &assembly::Model,
) -> DomainResult<Announced> {
    let agenda = agenda_item::Entity::find()
        .filter(agenda_item::Column::AssemblyId.eq(a.id))
        .order_by_asc(agenda_item::Column::SortKey)
        .all(conn)
        .await?;
    let items: Vec<_> = agenda
        .iter()
        .map(|i| json!({ "number": i.number, "title": i.title, "statutory": i.statutory }))
        .collect();
    notify(
        conn,
        &env.reach,
        Notice {
            kind: NotificationKind::AssemblyConvened,
            event_key: format!("assembly.convened:{}", a.id),
            recipients: convened_members(conn).await?,
            payload: json!({
                "subject": a.title,
                "when": a.starts_at.to_rfc3339(),
                "place": a.place,
                "agenda": items,
            }),
            link: format!("/assemblies/{}", a.id),
            ics: Some(ics(a, &agenda)),
            about: Some(("assembly".to_owned(), a.id.to_string())),
        },
    )
    .await
}

/// Voting opens on a motion: every effective member may vote (in the room or by proxy).
pub async fn voting_open<C: ConnectionTrait>(
    conn: &C,
    env: &Env,
    a: &assembly::Model,
    m: &motion::Model,
) -> DomainResult<Announced> {
    let text: String = m.text.chars().take(140).collect();
    notify(
        conn,
        &env.reach,
        Notice {
            kind: NotificationKind::VotingOpen,
            event_key: format!("assembly.voting.open:{}", m.id),
            recipients: effective(conn).await?,
            payload: json!({ "subject": text, "detail": a.title }),
            link: format!("/assemblies/{}/vote", a.id),
            ics: None,
            about: None,
        },
    )
    .await
}

/// A proxy event for one person: asked (to the holder), answered (to the principal),
/// taken back (to the holder).
pub async fn proxy<C: ConnectionTrait>(
    conn: &C,
    env: &Env,
    kind: NotificationKind,
    assembly_id: AssemblyId,
    to: Uuid,
    status: &str,
    event_key: String,
) -> DomainResult<Announced> {
    let title = assembly::Entity::find_by_id(assembly_id)
        .one(conn)
        .await?
        .map(|a| a.title)
        .unwrap_or_default();
    notify(
        conn,
        &env.reach,
        Notice {
            kind,
            event_key,
            recipients: vec![to],
            payload: json!({ "subject": title, "status": status }),
            link: format!("/assemblies/{assembly_id}/proxy"),
            ics: None,
            about: None,
        },
    )
    .await
}
