//! Notifications: one row per recipient and event, written in the transaction of the change
//! that causes it, with the mail for those who want it by e-mail at once (the convocation:
//! always). After the commit, [`announce`] wakes the recipients' open pages (the bell).

use crate::domain::reach::mail::{enqueue_many, html_of, OutgoingMail};
use crate::domain::reach::{text, ReachSettings};
use crate::domain::{DomainResult, Env};
use crate::entities::{notification, notification_preference as preference, user};
use chrono::Utc;
use constellation_shared::dto::reach::{NotificationChannel, NotificationKind};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// One event to tell some people about.
pub struct Notice {
    pub kind: NotificationKind,
    /// Unique per event (`assembly.convened:<id>`): the same event told twice is told once.
    pub event_key: String,
    pub recipients: Vec<Uuid>,
    /// `subject`, and as the kind needs `status`, `when`, `place`, `agenda`, `detail`.
    pub payload: Value,
    /// The app's path to what it is about (`/assemblies/<id>`).
    pub link: String,
    /// An iCalendar attachment for the mail.
    pub ics: Option<String>,
    /// What the mails are about, for a sending record (`("assembly", id)`).
    pub about: Option<(String, String)>,
}

/// Who was notified, to wake once the transaction committed.
#[must_use = "announce it after the commit"]
#[derive(Debug, Default)]
pub struct Announced(Vec<Uuid>);

impl Announced {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn extend(&mut self, other: Announced) {
        self.0.extend(other.0);
    }
}

/// Signals committed notifications to the recipients' open pages.
pub fn announce(env: &Env, announced: Announced) {
    for id in announced.0 {
        let _ = env.notices.send(id);
    }
}

/// Each recipient's chosen channel for `kind` (absent: none chosen).
async fn channels<C: ConnectionTrait>(
    conn: &C,
    kind: NotificationKind,
    users: &[Uuid],
) -> DomainResult<HashMap<Uuid, NotificationChannel>> {
    let mut out = HashMap::new();
    for chunk in users.chunks(500) {
        for p in preference::Entity::find()
            .filter(preference::Column::Kind.eq(kind.as_str()))
            .filter(preference::Column::UserId.is_in(chunk.to_vec()))
            .all(conn)
            .await?
        {
            if let Some(c) = NotificationChannel::parse(&p.channel) {
                out.insert(p.user_id, c);
            }
        }
    }
    Ok(out)
}

/// Writes the notice for each recipient (not deleted, not having turned the kind off) and
/// the mails of those who take it by e-mail. In the caller's transaction.
pub async fn notify<C: ConnectionTrait>(
    conn: &C,
    settings: &ReachSettings,
    notice: Notice,
) -> DomainResult<Announced> {
    let ids: Vec<Uuid> = notice
        .recipients
        .iter()
        .copied()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if ids.is_empty() {
        return Ok(Announced::default());
    }
    let mut people = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        people.extend(
            user::Entity::find()
                .filter(user::Column::Id.is_in(chunk.to_vec()))
                .filter(user::Column::DeletedAt.is_null())
                .all(conn)
                .await?,
        );
    }
    let chosen = channels(conn, notice.kind, &ids).await?;
    // Microseconds, as PostgreSQL keeps them and as the page cursor carries them.
    let now = chrono::SubsecRound::trunc_subsecs(Utc::now(), 6);
    let payload = notice.payload.to_string();
    let link = format!("{}{}", settings.public_url, notice.link);
    let preferences = format!("{}/notifications", settings.public_url);
    let mut rows = Vec::new();
    let mut mails = Vec::new();
    let mut told = Vec::new();
    for u in &people {
        let channel = notice.kind.effective_channel(chosen.get(&u.id).copied());
        if channel == NotificationChannel::Off {
            continue;
        }
        rows.push(notification::ActiveModel {
            id: Set(Uuid::new_v4()),
            user_id: Set(u.id),
            kind: Set(notice.kind),
            event_key: Set(notice.event_key.clone()),
            payload: Set(payload.clone()),
            link: Set(notice.link.clone()),
            created_at: Set(now),
            read_at: Set(None),
        });
        told.push(u.id);
        if channel == NotificationChannel::Email {
            let lang = u.language;
            let (subject, body) = text::mail(
                notice.kind,
                &notice.payload,
                lang,
                &u.display_name,
                &link,
                &preferences,
            );
            mails.push(OutgoingMail {
                event_key: format!("{}:{}", notice.event_key, u.id),
                user_id: Some(u.id),
                to: u.email.clone(),
                kind: notice.kind.as_str().to_owned(),
                language: lang,
                html: html_of(&body),
                subject,
                text: body,
                ics: notice.ics.clone(),
                unsubscribe: (!notice.kind.mandatory()).then(|| preferences.clone()),
                about: notice.about.clone(),
            });
        }
    }
    for chunk in rows.chunks(300) {
        notification::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::columns([notification::Column::UserId, notification::Column::EventKey])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
    }
    enqueue_many(conn, mails).await?;
    Ok(Announced(told))
}
