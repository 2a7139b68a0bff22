//! What a resolver can read about the request: the actor, the client address, the services.

use crate::domain::{Actor, Env};
use async_graphql::Context;

/// The client's address as seen by the server (or the trusted proxy's header).
#[derive(Clone, Debug)]
pub struct ClientAddress(pub Option<String>);

pub trait ContextExt {
    fn env(&self) -> &Env;
    fn actor(&self) -> &Actor;
    fn client_address(&self) -> Option<&str>;
}

static ANONYMOUS: Actor = Actor::Anonymous;

impl ContextExt for Context<'_> {
    fn env(&self) -> &Env {
        self.data_unchecked::<Env>()
    }

    fn actor(&self) -> &Actor {
        self.data_opt::<Actor>().unwrap_or(&ANONYMOUS)
    }

    fn client_address(&self) -> Option<&str> {
        self.data_opt::<ClientAddress>()
            .and_then(|a| a.0.as_deref())
    }
}

/// Present on operations that arrive over the WebSocket: only subscriptions are served there
/// (queries and mutations go to `POST /graphql`, where the caller is checked on each request),
/// and a subscription ends when its token expires.
#[derive(Clone, Debug)]
pub struct WsSession {
    pub expires_at: Option<i64>,
    /// The account's token version the connection's token carries (revocation).
    pub token_version: Option<i32>,
}

impl WsSession {
    /// The account behind a subscription, re-read for an event: `None` once the token has
    /// expired or was revoked (password change, sign out everywhere, a right taken away)
    /// or the account is gone. Every subscription checks this on every event.
    pub async fn still_signed_in(
        session: Option<&WsSession>,
        env: &crate::domain::Env,
        user_id: uuid::Uuid,
    ) -> Option<crate::entities::user::Model> {
        let unexpired = session
            .and_then(|s| s.expires_at)
            .is_none_or(|e| chrono::Utc::now().timestamp() < e);
        if !unexpired {
            return None;
        }
        let u = crate::domain::accounts::find_active(env, user_id)
            .await
            .ok()
            .flatten()?;
        let current = session
            .and_then(|s| s.token_version)
            .is_none_or(|v| v == u.token_version);
        current.then_some(u)
    }
}
