//! Live subscriptions under abuse: caps per connection and per account, and connections
//! that never introduce themselves.

use crate::audit::{connect, send};
use constellation_tests::{spawn_app, spawn_app_with};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

const PER_CONNECTION: usize = 16;
const PER_ACCOUNT: usize = 48;

async fn subscribe(ws: &mut crate::audit::Ws, id: &str) {
    ws.send(send(json!({
        "id": id, "type": "subscribe",
        "payload": { "query": "subscription { auditEvents { action } }" }
    })))
    .await
    .expect("subscribe");
}

/// The next message that is not a ping, as JSON (None when the connection ended or nothing
/// came within `wait`).
async fn next_message(ws: &mut crate::audit::Ws, wait: Duration) -> Option<Value> {
    loop {
        let m = tokio::time::timeout(wait, ws.next()).await.ok()??.ok()?;
        let text = m.to_text().ok()?.to_owned();
        if text.is_empty() {
            return None;
        }
        let v: Value = serde_json::from_str(&text).ok()?;
        if v["type"] != "ping" && v["type"] != "pong" {
            return Some(v);
        }
    }
}

/// The error code a subscription's answer carries (a resolver's refusal comes as a result
/// with `errors`; a malformed document as an `error` message).
fn code(m: &Value) -> Option<&str> {
    m["payload"]["errors"][0]["extensions"]["code"]
        .as_str()
        .or_else(|| m["payload"][0]["extensions"]["code"].as_str())
}

#[tokio::test]
async fn one_connection_holds_at_most_sixteen_subscriptions() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let mut ws = connect(&app, &admin.token).await;
    for i in 0..PER_CONNECTION {
        subscribe(&mut ws, &i.to_string()).await;
    }
    subscribe(&mut ws, "over").await;
    // One of the seventeen is refused (the server starts them in no set order); a refusal
    // is a result carrying the error, then the end of that subscription.
    let refused = next_message(&mut ws, Duration::from_secs(5))
        .await
        .expect("an answer");
    assert_eq!(code(&refused), Some("RATE_LIMITED"), "{refused}");
    let refused_id = refused["id"].as_str().unwrap_or_default().to_owned();
    // The sixteen others are live: one event reaches each.
    let other = app.signup("Other").await;
    app.set_roles(&admin, &other, json!({ "kind": "ADHERENT" }))
        .await;
    let mut ids = std::collections::HashSet::new();
    while ids.len() < PER_CONNECTION {
        let m = next_message(&mut ws, Duration::from_secs(5))
            .await
            .expect("an event");
        if m["type"] == "next" {
            assert!(code(&m).is_none(), "{m}");
            ids.insert(m["id"].as_str().unwrap_or_default().to_owned());
        }
    }
    assert!(!ids.contains(&refused_id));
    let live = ids.iter().next().cloned().unwrap_or_default();
    // Stopping one gives its slot back.
    ws.send(send(json!({ "id": live, "type": "complete" })))
        .await
        .expect("complete");
    tokio::time::sleep(Duration::from_millis(200)).await;
    subscribe(&mut ws, "again").await;
    // The server starts "again" when it gets to it: change something until it answers
    // (events of earlier changes may still be queued ahead of it).
    let mut got_again = false;
    'rounds: for round in 0..20 {
        let kind = if round % 2 == 0 {
            "SYMPATHIZER"
        } else {
            "ADHERENT"
        };
        app.set_roles(&admin, &other, json!({ "kind": kind })).await;
        while let Some(m) = next_message(&mut ws, Duration::from_millis(500)).await {
            if m["id"] == "again" {
                assert!(code(&m).is_none(), "{m}");
                got_again = true;
                break 'rounds;
            }
        }
    }
    assert!(got_again, "the freed slot was not given back");
}

#[tokio::test]
async fn one_account_holds_at_most_forty_eight_across_connections() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let mut conns = Vec::new();
    for c in 0..PER_ACCOUNT / PER_CONNECTION {
        let mut ws = connect(&app, &admin.token).await;
        for i in 0..PER_CONNECTION {
            subscribe(&mut ws, &format!("{c}-{i}")).await;
        }
        conns.push(ws);
    }
    // Let the server start them all.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut extra = connect(&app, &admin.token).await;
    subscribe(&mut extra, "over").await;
    let refused = next_message(&mut extra, Duration::from_secs(5))
        .await
        .expect("an answer");
    assert_eq!(code(&refused), Some("RATE_LIMITED"), "{refused}");
    // Another account is not affected.
    let board = app.signup("Board").await;
    app.set_roles(&admin, &board, json!({ "board": true }))
        .await;
    let board = constellation_tests::TestUser {
        token: app.login(&board.email, constellation_tests::PASSWORD).await["data"]["login"]
            ["token"]
            .as_str()
            .expect("token")
            .to_owned(),
        ..board
    };
    let mut theirs = connect(&app, &board.token).await;
    subscribe(&mut theirs, "mine").await;
    // Not refused, and live: a change reaches it. The server starts the subscription when
    // it gets to it, so change something until an event arrives.
    let other = app.signup("Other").await;
    let mut live = false;
    'rounds: for round in 0..20 {
        let kind = if round % 2 == 0 {
            "ADHERENT"
        } else {
            "SYMPATHIZER"
        };
        app.set_roles(&admin, &other, json!({ "kind": kind })).await;
        while let Some(m) = next_message(&mut theirs, Duration::from_millis(500)).await {
            assert!(code(&m).is_none(), "another account was refused: {m}");
            if m["type"] == "next" {
                live = true;
                break 'rounds;
            }
        }
    }
    assert!(live, "another account's subscription received nothing");
    // Closing a connection gives its slots back.
    let mut first = conns.remove(0);
    first.close(None).await.expect("close");
    drop(first);
    let mut accepted = false;
    for attempt in 0..50 {
        subscribe(&mut extra, &format!("retry{attempt}")).await;
        match next_message(&mut extra, Duration::from_millis(200)).await {
            Some(m) if code(&m).is_some() => {}
            _ => {
                accepted = true;
                break;
            }
        }
    }
    assert!(
        accepted,
        "the closed connection's slots were not given back"
    );
}

#[tokio::test]
async fn a_connection_that_never_sends_init_is_closed() {
    let app = spawn_app_with(|c| c.ws_init_timeout_seconds = 1).await;
    let mut req = format!("ws://{}/graphql/ws", app.addr)
        .into_client_request()
        .expect("request");
    req.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        "graphql-transport-ws".parse().expect("header"),
    );
    let (mut ws, _) = tokio_tungstenite::connect_async(req)
        .await
        .expect("ws connect");
    let started = std::time::Instant::now();
    // Nothing is sent; the server ends the connection.
    let end = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(Ok(m)) = ws.next().await {
            if m.is_close() {
                break;
            }
        }
    })
    .await;
    assert!(end.is_ok(), "the connection stayed open");
    assert!(started.elapsed() >= Duration::from_millis(900));
    // A connection that does introduce itself stays.
    let admin = app.signup("Admin").await;
    let mut ok = connect(&app, &admin.token).await;
    subscribe(&mut ok, "1").await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let other = app.signup("Other").await;
    app.set_roles(&admin, &other, json!({ "kind": "ADHERENT" }))
        .await;
    let m = next_message(&mut ok, Duration::from_secs(5)).await;
    assert_eq!(m.map(|m| m["type"].clone()), Some(json!("next")));
}

async fn follow(ws: &mut crate::audit::Ws, edition: &str, id: String) {
    ws.send(send(json!({
        "id": id, "type": "subscribe",
        "payload": { "query": format!("subscription {{ barcampChanges(editionId: \"{edition}\") {{ action }} }}") }
    })))
    .await
    .expect("subscribe");
}

#[tokio::test]
async fn anonymous_pages_are_capped_per_address() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let e = app.edition(&admin, 2027).await;
    for phase in ["INTEREST", "SCHEDULING", "PUBLISHED"] {
        let r = app.phase(&admin, &e.id, phase).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    // Venue screens without an account: the cap counts the address.
    let mut screens = Vec::new();
    for c in 0..PER_ACCOUNT / PER_CONNECTION {
        let mut ws = connect(&app, "").await;
        for i in 0..PER_CONNECTION {
            follow(&mut ws, &e.id, format!("{c}-{i}")).await;
        }
        screens.push(ws);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut extra = connect(&app, "").await;
    follow(&mut extra, &e.id, "over".into()).await;
    let refused = next_message(&mut extra, Duration::from_secs(5))
        .await
        .expect("an answer");
    assert_eq!(code(&refused), Some("RATE_LIMITED"), "{refused}");
    // A signed-in account from the same address has its own count.
    let mut mine = connect(&app, &admin.token).await;
    follow(&mut mine, &e.id, "mine".into()).await;
    // Not refused, and live: a phase change (one step back, then forth) reaches it.
    let mut live = false;
    'rounds: for round in 0..20 {
        let phase = if round % 2 == 0 {
            "SCHEDULING"
        } else {
            "PUBLISHED"
        };
        let r = app.phase(&admin, &e.id, phase).await;
        assert!(r["errors"].is_null(), "{r}");
        while let Some(m) = next_message(&mut mine, Duration::from_millis(500)).await {
            assert!(
                code(&m).is_none(),
                "the account was refused for the anonymous screens' count: {m}"
            );
            if m["type"] == "next" {
                live = true;
                break 'rounds;
            }
        }
    }
    assert!(live, "the account's subscription received nothing");
}
