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
    let Some((id, _, version)) = state.jwt.verify_claims(token) else {
        return (Actor::InvalidToken, None);
    };
    match accounts::find_active(&state.env, id).await {
        // Issued before a password change, a "sign out everywhere" or a right taken away.
        Ok(Some(u)) if u.token_version != version => (Actor::InvalidToken, None),
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

/// The client's address. Behind `trust_proxy_headers`, `X-Forwarded-For` is read from the
/// right: each of the `trusted_proxy_hops` proxies in front of us appended the address it
/// saw, so the entry that many places from the end is the client; whatever lies left of it
/// was written by the client and is not believed.
pub fn client_address(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> String {
    if state.config.trust_proxy_headers {
        let values: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        if let Some(ip) = forwarded_client(&values, state.config.trusted_proxy_hops) {
            return ip.to_string();
        }
    }
    peer.ip().to_string()
}

/// The address `hops` entries from the right of the `X-Forwarded-For` values (in header
/// order), or the leftmost one when the chain is shorter; `None` when it does not parse.
pub fn forwarded_client(values: &[&str], hops: usize) -> Option<std::net::IpAddr> {
    let entries: Vec<&str> = values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    let hops = hops.max(1);
    let index = entries.len().saturating_sub(hops);
    entries.get(index)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;

    #[test]
    fn the_trusted_proxy_s_entry_wins_over_what_the_client_wrote() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().ok();
        // The client forged "1.1.1.1"; our proxy appended the address it saw.
        assert_eq!(
            forwarded_client(&["1.1.1.1, 203.0.113.7"], 1),
            ip("203.0.113.7")
        );
        assert_eq!(
            forwarded_client(&["1.1.1.1", "203.0.113.7"], 1),
            ip("203.0.113.7")
        );
        // Two proxies (a CDN, then ours): the CDN's entry is second from the right.
        assert_eq!(
            forwarded_client(&["9.9.9.9, 203.0.113.7, 10.0.0.2"], 2),
            ip("203.0.113.7")
        );
        assert_eq!(forwarded_client(&["203.0.113.7"], 3), ip("203.0.113.7"));
        assert_eq!(forwarded_client(&["2001:db8::1"], 1), ip("2001:db8::1"));
        assert_eq!(forwarded_client(&["not-an-address"], 1), None);
        assert_eq!(forwarded_client(&[], 1), None);
    }
}
