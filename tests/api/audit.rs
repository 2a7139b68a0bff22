use constellation_tests::spawn_app;
use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

pub(crate) type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub(crate) fn send(v: serde_json::Value) -> Message {
    Message::Text(v.to_string().into())
}

/// Opens a graphql-transport-ws connection with `token` and waits for the server's ack.
pub(crate) async fn connect(app: &constellation_tests::TestApp, token: &str) -> Ws {
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
    ws.send(send(
        json!({ "type": "connection_init", "payload": { "token": token } }),
    ))
    .await
    .expect("init");
    let ack = ws.next().await.expect("ack").expect("ack");
    assert!(
        ack.to_text().unwrap_or_default().contains("connection_ack"),
        "{ack:?}"
    );
    ws
}

#[tokio::test]
async fn every_mutation_lands_in_the_audit_log_with_actor_and_diff() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let u = app.signup("Jo").await;
    app.set_roles(&admin, &u, json!({ "kind": "ADHERENT" }))
        .await;
    let log = app
        .gql(
            Some(&admin.token),
            "{ auditLog(first: 10) { edges { node { action targetType targetId at diff actor { id } } } } }",
            json!({}),
        )
        .await;
    let first = &log["data"]["auditLog"]["edges"][0]["node"];
    assert_eq!(first["action"], "account.set_roles", "{log}");
    assert_eq!(first["targetId"], u.id.as_str());
    assert_eq!(first["actor"]["id"], admin.id.as_str());
    assert_eq!(first["diff"]["before"]["membershipKind"], "SYMPATHIZER");
    assert_eq!(first["diff"]["after"]["membershipKind"], "ADHERENT");
    let actions: Vec<_> = log["data"]["auditLog"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"]["action"].as_str().unwrap_or_default().to_owned())
        .collect();
    for expected in ["account.register", "account.login", "account.set_roles"] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} missing from {actions:?}"
        );
    }
}

#[tokio::test]
async fn the_board_follows_the_audit_log_live_over_graphql_ws() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let mut ws = connect(&app, &admin.token).await;
    ws.send(send(json!({
        "id": "1", "type": "subscribe",
        "payload": { "query": "subscription { auditEvents { action targetType } }" }
    })))
    .await
    .expect("subscribe");
    // Give the subscription a moment to be registered before the event happens.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    app.signup("Newcomer").await;
    let msg = tokio::time::timeout(std::time::Duration::from_secs(10), ws.next())
        .await
        .expect("an event within 10 s")
        .expect("message")
        .expect("message");
    let v: serde_json::Value =
        serde_json::from_str(msg.to_text().unwrap_or_default()).expect("json");
    assert_eq!(v["type"], "next", "{v}");
    assert_eq!(
        v["payload"]["data"]["auditEvents"]["action"], "account.register",
        "{v}"
    );
}

#[tokio::test]
async fn a_plain_member_cannot_subscribe_to_the_audit_log() {
    let app = spawn_app().await;
    app.signup("Admin").await;
    let member = app.signup("Member").await;
    let mut ws = connect(&app, &member.token).await;
    ws.send(send(json!({
        "id": "1", "type": "subscribe",
        "payload": { "query": "subscription { auditEvents { action } }" }
    })))
    .await
    .expect("subscribe");
    let msg = tokio::time::timeout(std::time::Duration::from_secs(10), ws.next())
        .await
        .expect("an answer")
        .expect("message")
        .expect("message");
    let text = msg.to_text().unwrap_or_default().to_owned();
    assert!(text.contains("FORBIDDEN"), "{text}");
}

#[tokio::test]
async fn the_websocket_serves_subscriptions_only_and_the_feed_stops_when_the_role_goes() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    app.set_roles(&admin, &board, json!({ "board": true }))
        .await;
    let mut ws = connect(&app, &board.token).await;
    // A mutation over the socket is refused.
    ws.send(send(json!({ "id": "m", "type": "subscribe", "payload": { "query": "mutation { updateProfile(input: { displayName: \"X\" }) { id } }" } }))).await.expect("send");
    let msg = tokio::time::timeout(std::time::Duration::from_secs(10), ws.next())
        .await
        .expect("answer")
        .expect("msg")
        .expect("msg");
    assert!(
        msg.to_text()
            .unwrap_or_default()
            .contains("Only subscriptions"),
        "{msg:?}"
    );
    ws.send(send(json!({ "id": "1", "type": "subscribe", "payload": { "query": "subscription { auditEvents { action } }" } }))).await.expect("subscribe");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    // The admin takes the board seat away; the next event ends the feed instead of reaching them.
    app.set_roles(&admin, &board, json!({ "board": false }))
        .await;
    let mut saw_event = false;
    let mut completed = false;
    while let Ok(Some(Ok(m))) =
        tokio::time::timeout(std::time::Duration::from_secs(5), ws.next()).await
    {
        let v: serde_json::Value =
            serde_json::from_str(m.to_text().unwrap_or_default()).unwrap_or_default();
        match v["type"].as_str() {
            Some("next") => saw_event = true,
            Some("complete") => {
                completed = true;
                break;
            }
            _ => {}
        }
    }
    assert!(!saw_event, "an event reached a former board member");
    assert!(completed, "the subscription did not end");
}
