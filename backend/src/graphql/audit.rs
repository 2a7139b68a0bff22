//! The audit log: paginated history and a live feed, for the board and admins.

use super::accounts::User;
use super::context::ContextExt;
use super::context::WsSession;
use super::error::GqlResultExt;
use super::loaders::UserLoader;
use super::pagination::page_size;
use crate::domain::{core::audit, DomainError};
use crate::entities::audit_log;
use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, Json, Object, Result, Subscription, ID};
use constellation_shared::ValidationReason;
use futures_util::Stream;
use futures_util::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

pub struct AuditEntry(pub audit_log::Model);

#[Object]
impl AuditEntry {
    async fn id(&self) -> i32 {
        self.0.id
    }

    /// Who did it (null for the system, e.g. the command line).
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<User>> {
        let Some(id) = self.0.actor_id else {
            return Ok(None);
        };
        let loader = ctx.data_unchecked::<super::loaders::Cached<UserLoader>>();
        let user = loader
            .load_one(id)
            .await
            .map_err(|_| DomainError::internal("user loader"))
            .gql()?;
        Ok(user.map(User::from))
    }

    async fn action(&self) -> &str {
        &self.0.action
    }

    async fn target_type(&self) -> &str {
        &self.0.target_type
    }

    async fn target_id(&self) -> &str {
        &self.0.target_id
    }

    async fn at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.at
    }

    /// `{"before": …, "after": …}`.
    async fn diff(&self) -> Json<serde_json::Value> {
        Json(serde_json::from_str(&self.0.diff).unwrap_or_default())
    }
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// Newest first, optionally narrowed: by who acted, by action (a prefix: `account.`), by
    /// target, and by time (`from` included, `to` excluded, RFC 3339).
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "super::pagination::page_complexity(first, child_complexity)")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        actor_id: Option<ID>,
        action: Option<String>,
        target_type: Option<String>,
        target_id: Option<String>,
        from: Option<String>,
        to: Option<String>,
    ) -> Result<Connection<String, AuditEntry, EmptyFields, EmptyFields>> {
        let filter = audit::Filter::parse(
            actor_id.as_ref().map(|i| i.0.as_str()),
            action.as_deref(),
            target_type.as_deref(),
            target_id.as_deref(),
            from.as_deref(),
            to.as_deref(),
        )
        .gql()?;
        let limit = page_size(first)? as u64;
        let before_id = after
            .map(|a| {
                a.parse::<i32>()
                    .map_err(|_| DomainError::invalid("after", ValidationReason::Invalid))
            })
            .transpose()
            .gql()?;
        let mut rows = audit::list(ctx.env(), ctx.actor(), filter, before_id, limit + 1)
            .await
            .gql()?;
        let has_next = rows.len() as u64 > limit;
        rows.truncate(limit as usize);
        let mut conn = Connection::new(before_id.is_some(), has_next);
        conn.edges.extend(
            rows.into_iter()
                .map(|e| Edge::new(e.id.to_string(), AuditEntry(e))),
        );
        Ok(conn)
    }
}

#[derive(Default)]
pub struct AuditSubscription;

#[Subscription]
impl AuditSubscription {
    /// Audit entries as they are recorded (board and admins). The subscriber's rights are
    /// checked again before each entry: the feed stops when they lose the role, delete their
    /// account, or their token expires.
    async fn audit_events(&self, ctx: &Context<'_>) -> Result<impl Stream<Item = AuditEntry>> {
        let me = ctx.actor().board_or_admin().gql()?.id;
        let env = ctx.env().clone();
        let session = ctx.data_opt::<WsSession>().cloned();
        let slot = crate::graphql::subscriptions::slot(ctx)?;
        let rx = env.events.subscribe();
        Ok(BroadcastStream::new(rx)
            .filter_map(|item| async move { item.ok() })
            .then(move |entry| {
                let env = env.clone();
                let session = session.clone();
                async move {
                    let still_allowed = matches!(
                        WsSession::still_signed_in(session.as_ref(), &env, me).await,
                        Some(u) if u.is_board || u.is_admin
                    );
                    (still_allowed, entry)
                }
            })
            .take_while(|(allowed, _)| std::future::ready(*allowed))
            // The slot lives as long as the stream.
            .map(move |(_, entry)| {
                let _slot = &slot;
                AuditEntry(entry)
            }))
    }
}
