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
}
