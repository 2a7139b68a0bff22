//! Who is calling: the bearer token resolved to an actor, and the client's address.

use crate::app::AppState;
use crate::domain::{accounts, Actor};
use axum::http::HeaderMap;
use std::net::SocketAddr;

pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// No token: anonymous. A token that does not verify, or names a deleted account: invalid.
pub async fn actor_from_token(state: &AppState, token: Option<&str>) -> Actor {
    caller_from_token(state, token).await.0
}

/// The actor and, when signed in, the account row loaded to check the token (so `me` does
/// not read it twice).
pub async fn caller_from_token(state: &AppState, token: Option<&str>) -> (Actor, Option<Caller>) {
    let Some(token) = token else {
        return (Actor::Anonymous, None);
    };
    let Some(id) = state.jwt.verify(token) else {
        return (Actor::InvalidToken, None);
    };
    match accounts::find_active(&state.env, id).await {
        Ok(Some(u)) => (Actor::User(accounts::current_user(&u)), Some(Caller(u))),
        Ok(None) => (Actor::InvalidToken, None),
        Err(e) => {
            tracing::error!(error = ?e, "loading the caller failed");
            (Actor::InvalidToken, None)
        }
    }
}

/// The signed-in account as read at the start of the request.
#[derive(Clone, Debug)]
pub struct Caller(pub crate::entities::user::Model);

pub fn client_address(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> String {
    if state.config.trust_proxy_headers {
        if let Some(first) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return first.trim().to_owned();
        }
    }
    peer.ip().to_string()
}
