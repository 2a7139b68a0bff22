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
    let Some(token) = token else {
        return Actor::Anonymous;
    };
    let Some(id) = state.jwt.verify(token) else {
        return Actor::InvalidToken;
    };
    match accounts::find_active(&state.env, id).await {
        Ok(Some(u)) => Actor::User(accounts::current_user(&u)),
        Ok(None) => Actor::InvalidToken,
        Err(e) => {
            tracing::error!(error = ?e, "loading the caller failed");
            Actor::InvalidToken
        }
    }
}

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
