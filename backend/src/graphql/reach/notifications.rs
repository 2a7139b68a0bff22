//! Notifications: the member's list, the unread count, marking read, preferences per kind,
//! and `notificationAdded` for the bell.

use crate::domain::reach::{inbox, text};
use crate::domain::DomainError;
use crate::entities::notification;
use crate::graphql::accounts::viewer_language;
use crate::graphql::context::{ContextExt, WsSession};
use crate::graphql::error::GqlResultExt;
use crate::graphql::pagination::page_size;
use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, Object, Result, SimpleObject, Subscription, ID};
use constellation_shared::dto::reach::{NotificationChannel, NotificationKind};
use constellation_shared::{Language, ValidationReason};
use futures_util::{Stream, StreamExt};
use tokio_stream::wrappers::BroadcastStream;
use uuid::Uuid;

pub struct Notification(pub notification::Model, pub Language);

impl Notification {
    fn kind_of(&self) -> NotificationKind {
        self.0.kind
    }
    fn payload(&self) -> serde_json::Value {
        serde_json::from_str(&self.0.payload).unwrap_or_default()
    }
}

#[Object]
impl Notification {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn kind(&self) -> NotificationKind {
        self.kind_of()
    }
    /// One line, in the reader's language.
    async fn title(&self) -> String {
        text::title(self.kind_of(), &self.payload(), self.1)
    }
    async fn body(&self) -> String {
        text::body(self.kind_of(), &self.payload(), self.1)
    }
    /// The app's path to what it is about.
    async fn link(&self) -> &str {
        &self.0.link
    }
    async fn created_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.created_at
    }
    async fn read_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.read_at
    }
}

#[derive(SimpleObject)]
pub struct NotificationPreference {
    kind: NotificationKind,
    channel: NotificationChannel,
    /// The law requires it: it stays by e-mail.
    mandatory: bool,
}

/// What the bell shows after a change.
#[derive(SimpleObject)]
pub struct NotificationSignal {
    unread_count: i32,
    /// The newest notification.
    latest: Option<Notification>,
}

fn cursor(n: &notification::Model) -> String {
    format!("{}|{}", n.created_at.timestamp_micros(), n.id)
}

fn parse_cursor(after: &str) -> Result<(chrono::DateTime<chrono::Utc>, Uuid)> {
    let bad = || DomainError::invalid("after", ValidationReason::Invalid);
    let (at, id) = after.split_once('|').ok_or_else(bad).gql()?;
    let at = at
        .parse::<i64>()
        .ok()
        .and_then(chrono::DateTime::from_timestamp_micros)
        .ok_or_else(bad)
        .gql()?;
    let id = Uuid::parse_str(id).map_err(|_| bad()).gql()?;
    Ok((at, id))
}

#[derive(Default)]
pub struct NotificationsQuery;

#[Object]
impl NotificationsQuery {
    /// The signed-in member's notifications, newest first.
    #[graphql(complexity = "crate::graphql::pagination::page_complexity(first, child_complexity)")]
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        unread_only: Option<bool>,
    ) -> Result<Connection<String, Notification, EmptyFields, EmptyFields>> {
        let limit = page_size(first)? as u64;
        let before = after.as_deref().map(parse_cursor).transpose()?;
        let mut rows = inbox::list(
            ctx.env(),
            ctx.actor(),
            unread_only.unwrap_or(false),
            before,
            limit + 1,
        )
        .await
        .gql()?;
        let lang = viewer_language(ctx).await?;
        let has_next = rows.len() as u64 > limit;
        rows.truncate(limit as usize);
        let mut conn = Connection::new(before.is_some(), has_next);
        conn.edges.extend(
            rows.into_iter()
                .map(|n| Edge::new(cursor(&n), Notification(n, lang))),
        );
        Ok(conn)
    }

    /// The path of the signed-in member's private calendar (assemblies and the barcamp
    /// sessions they picked); "sign out everywhere" changes it.
    async fn my_calendar_feed(&self, ctx: &Context<'_>) -> Result<String> {
        let me = ctx.actor().user().gql()?;
        let u = crate::domain::accounts::find_active(ctx.env(), me.id)
            .await
            .gql()?
            .ok_or(DomainError::Unauthenticated)
            .gql()?;
        let keys = ctx.data_unchecked::<crate::auth::jwt::JwtKeys>();
        Ok(format!(
            "/ical/member/{}-{}.ics",
            u.id,
            keys.feed_signature(u.id, u.token_version)
        ))
    }

    async fn unread_notification_count(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(inbox::unread_count(ctx.env(), ctx.actor()).await.gql()? as i32)
    }

    async fn notification_preferences(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<NotificationPreference>> {
        Ok(inbox::preferences(ctx.env(), ctx.actor())
            .await
            .gql()?
            .into_iter()
            .map(|(kind, channel)| NotificationPreference {
                kind,
                channel,
                mandatory: kind.mandatory(),
            })
            .collect())
    }
}

#[derive(Default)]
pub struct NotificationsMutation;

#[Object]
impl NotificationsMutation {
    /// Marks these read (at most 500; others' ids are ignored); returns the unread count.
    async fn mark_notifications_read(&self, ctx: &Context<'_>, ids: Vec<ID>) -> Result<i32> {
        let ids = ids
            .iter()
            .map(|i| crate::graphql::accounts::parse_uuid("ids", i))
            .collect::<Result<Vec<_>>>()?;
        Ok(inbox::mark_read(ctx.env(), ctx.actor(), Some(ids))
            .await
            .gql()? as i32)
    }

    async fn mark_all_notifications_read(&self, ctx: &Context<'_>) -> Result<i32> {
        Ok(inbox::mark_read(ctx.env(), ctx.actor(), None).await.gql()? as i32)
    }

    /// How to hear of one kind (`VALIDATION` on `channel` for the convocation: always mailed).
    async fn set_notification_preference(
        &self,
        ctx: &Context<'_>,
        kind: NotificationKind,
        channel: NotificationChannel,
    ) -> Result<NotificationPreference> {
        inbox::set_preference(ctx.env(), ctx.actor(), kind, channel)
            .await
            .gql()?;
        Ok(NotificationPreference {
            kind,
            channel,
            mandatory: kind.mandatory(),
        })
    }
}

#[derive(Default)]
pub struct NotificationsSubscription;

#[Subscription]
impl NotificationsSubscription {
    /// The unread count and the newest notification: once at the start, then each time one
    /// arrives or is read. The token is re-checked on every event: the feed ends when it
    /// expires or is revoked.
    async fn notification_added(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = NotificationSignal>> {
        let me = ctx.actor().user().gql()?.clone();
        let slot = crate::graphql::subscriptions::slot(ctx)?;
        let env = ctx.env().clone();
        let session = ctx.data_opt::<WsSession>().cloned();
        let rx = env.notices.subscribe();
        // The first signal comes at once: the bell starts from the current count, and a
        // client knows the feed is live.
        Ok(futures_util::stream::once(std::future::ready(()))
            .chain(BroadcastStream::new(rx).filter_map(move |id| async move {
                match id {
                    Ok(id) if id == me.id => Some(()),
                    Ok(_) => None,
                    // Lagged: refresh anyway.
                    Err(_) => Some(()),
                }
            }))
            .then(move |()| {
                let (env, session) = (env.clone(), session.clone());
                async move {
                    let u = WsSession::still_signed_in(session.as_ref(), &env, me.id).await?;
                    let actor =
                        crate::domain::Actor::User(crate::domain::accounts::current_user(&u));
                    let lang = u.language;
                    let count = inbox::unread_count(&env, &actor).await.ok()?;
                    let latest = inbox::list(&env, &actor, false, None, 1)
                        .await
                        .ok()?
                        .into_iter()
                        .next()
                        .map(|n| Notification(n, lang));
                    Some(NotificationSignal {
                        unread_count: count as i32,
                        latest,
                    })
                }
            })
            .take_while(|s| std::future::ready(s.is_some()))
            .filter_map(std::future::ready)
            .map(move |s| {
                let _slot = &slot;
                s
            }))
    }
}
