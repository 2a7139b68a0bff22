//! The daily digest: for each member who takes some kinds "in a daily e-mail", one mail
//! listing what arrived for those kinds since the previous digest (at most a day back). The
//! mail's event key is the member and the day, so running it twice (or on two servers) writes
//! one mail.

use crate::domain::reach::mail::{enqueue_many, html_of, OutgoingMail};
use crate::domain::reach::{text, ReachSettings};
use crate::domain::DomainResult;
use crate::entities::{notification, notification_preference as preference, user};
use chrono::{DateTime, Utc};
use constellation_shared::dto::reach::{NotificationChannel, NotificationKind};
use constellation_shared::Language;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Writes the digests of the day `now` falls in, covering the 24 hours before `now`.
/// Returns how many mails were written.
pub async fn write_due<C: ConnectionTrait>(
    conn: &C,
    settings: &ReachSettings,
    now: DateTime<Utc>,
) -> DomainResult<u64> {
    let since = now - chrono::Duration::hours(24);
    let recent = notification::Entity::find()
        .filter(notification::Column::CreatedAt.gt(since))
        .filter(notification::Column::CreatedAt.lte(now))
        .filter(notification::Column::ReadAt.is_null())
        .order_by_asc(notification::Column::CreatedAt)
        .all(conn)
        .await?;
    if recent.is_empty() {
        return Ok(0);
    }
    let users: Vec<Uuid> = {
        let mut v: Vec<Uuid> = recent.iter().map(|n| n.user_id).collect();
        v.sort();
        v.dedup();
        v
    };
    let mut chosen: HashMap<(Uuid, NotificationKind), NotificationChannel> = HashMap::new();
    for chunk in users.chunks(500) {
        for p in preference::Entity::find()
            .filter(preference::Column::UserId.is_in(chunk.to_vec()))
            .all(conn)
            .await?
        {
            if let Some(c) = NotificationChannel::parse(&p.channel) {
                chosen.insert((p.user_id, p.kind), c);
            }
        }
    }
    let mut per_user: BTreeMap<Uuid, Vec<&notification::Model>> = BTreeMap::new();
    for n in &recent {
        let channel = n
            .kind
            .effective_channel(chosen.get(&(n.user_id, n.kind)).copied());
        if channel == NotificationChannel::Digest {
            per_user.entry(n.user_id).or_default().push(n);
        }
    }
    let day = now.format("%Y-%m-%d").to_string();
    let mut mails = Vec::new();
    for (user_id, items) in per_user {
        let Some(u) = user::Entity::find_by_id(user_id)
            .filter(user::Column::DeletedAt.is_null())
            .one(conn)
            .await?
        else {
            continue;
        };
        let lang = u.language;
        let mut body = match lang {
            Language::Fr => format!(
                "Bonjour {},\n\nCe qui est arrivé pour vous ces dernières 24 heures :\n",
                u.display_name
            ),
            Language::En => format!(
                "Hello {},\n\nWhat arrived for you in the last 24 hours:\n",
                u.display_name
            ),
        };
        for n in &items {
            let kind = n.kind;
            let payload: serde_json::Value = serde_json::from_str(&n.payload).unwrap_or_default();
            body.push_str(&format!(
                "\n- {}\n  {}{}",
                text::title(kind, &payload, lang),
                settings.public_url,
                n.link
            ));
        }
        let preferences = format!("{}/notifications", settings.public_url);
        body.push_str(match lang {
            Language::Fr => "\n\n-- \nConstellation. Vos préférences de notification : ",
            Language::En => "\n\n-- \nConstellation. Your notification preferences: ",
        });
        body.push_str(&preferences);
        let subject = match lang {
            Language::Fr => format!("Constellation : {} nouvelles", items.len()),
            Language::En => format!("Constellation: {} updates", items.len()),
        };
        mails.push(OutgoingMail {
            event_key: format!("digest:{user_id}:{day}"),
            user_id: Some(user_id),
            to: u.email.clone(),
            kind: "DIGEST".to_owned(),
            language: lang,
            subject,
            html: html_of(&body),
            text: body,
            ics: None,
            unsubscribe: Some(preferences),
            about: None,
        });
    }
    enqueue_many(conn, mails).await
}
