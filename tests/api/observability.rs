//! Request ids, `/metrics` (histogram, pool gauges, restriction) and the request timeout.

use constellation_tests::{database_kind, spawn_app, spawn_app_with, unique_email, TestApp};
use futures_util::{SinkExt, StreamExt};
use secrecy::SecretString;
use serde_json::json;
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

fn request_id(r: &reqwest::Response) -> String {
    r.headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn health(app: &TestApp, id: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(format!("{}/health", app.url));
    if let Some(id) = id {
        req = req.header("x-request-id", id);
    }
    req.send().await.expect("health")
}

async fn metrics(app: &TestApp, token: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(format!("{}/metrics", app.url));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.expect("metrics")
}

/// The value on the line that starts with `prefix` followed by a space.
fn sample(text: &str, prefix: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(prefix)?.strip_prefix(' '))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("{prefix} missing in\n{text}"))
}

#[tokio::test]
async fn every_response_carries_a_request_id_kept_when_valid() {
    let app = spawn_app().await;
    let a = request_id(&health(&app, None).await);
    let b = request_id(&health(&app, None).await);
    assert!(uuid::Uuid::parse_str(&a).is_ok(), "generated: {a:?}");
    assert_ne!(a, b, "a fresh id per request");

    let given = "edge-7f3a:42";
    assert_eq!(request_id(&health(&app, Some(given)).await), given);

    let too_long = "x".repeat(129);
    for bad in ["two words", too_long.as_str()] {
        let id = request_id(&health(&app, Some(bad)).await);
        assert!(
            uuid::Uuid::parse_str(&id).is_ok(),
            "{bad:?} replaced by {id:?}"
        );
    }

    // GraphQL answers and the app's files carry one too.
    let r = app
        .client
        .post(format!("{}/graphql", app.url))
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("graphql");
    assert!(uuid::Uuid::parse_str(&request_id(&r)).is_ok());
    let r = app
        .client
        .get(format!("{}/nothing-here.js", app.url))
        .send()
        .await
        .expect("file");
    assert_eq!(r.status(), 404);
    assert!(uuid::Uuid::parse_str(&request_id(&r)).is_ok());
}

#[tokio::test]
async fn metrics_show_the_latency_histogram_and_the_pool_gauges() {
    let app = spawn_app().await;
    for _ in 0..3 {
        assert_eq!(health(&app, None).await.status(), 200);
    }
    let m = metrics(&app, None).await;
    assert_eq!(m.status(), 200);
    let text = m.text().await.expect("text");
    let name = "constellation_http_request_duration_seconds";
    assert!(text.contains(&format!("# TYPE {name} histogram")), "{text}");
    // The three health checks at least (the metrics request is still being answered).
    let count = sample(&text, &format!("{name}_count"));
    assert!(count >= 3.0, "{text}");
    assert_eq!(
        sample(&text, &format!("{name}_bucket{{le=\"+Inf\"}}")),
        count
    );
    assert!(sample(&text, &format!("{name}_sum")) > 0.0, "{text}");
    let buckets: Vec<f64> = text
        .lines()
        .filter(|l| l.starts_with(&format!("{name}_bucket{{")))
        .filter_map(|l| l.rsplit(' ').next()?.parse().ok())
        .collect();
    assert_eq!(buckets.len(), 12, "11 bounds and +Inf: {text}");
    assert!(
        buckets.windows(2).all(|w| w[0] <= w[1]),
        "cumulative: {text}"
    );
    assert!(
        text.contains(&format!("{name}_bucket{{le=\"0.005\"}}")),
        "{text}"
    );
    assert!(
        text.contains(&format!("{name}_bucket{{le=\"10\"}}")),
        "{text}"
    );

    assert!(
        text.contains("# TYPE constellation_db_pool_connections gauge"),
        "{text}"
    );
    let idle = sample(&text, "constellation_db_pool_connections{state=\"idle\"}");
    let in_use = sample(&text, "constellation_db_pool_connections{state=\"in_use\"}");
    let max = sample(&text, "constellation_db_pool_max_connections");
    // The pools' sizes: SQLite always 8, PostgreSQL `database_max_connections` (6 in tests).
    let expected_max = if database_kind() == "postgres" {
        6.0
    } else {
        8.0
    };
    assert_eq!(max, expected_max, "{text}");
    assert!(idle + in_use >= 1.0, "the health checks opened one: {text}");
    assert!(idle + in_use <= max, "{text}");
}

#[tokio::test]
async fn a_metrics_token_is_required_when_configured() {
    let app = spawn_app_with(|c| {
        c.metrics_token = Some(SecretString::from("scrape-me-0123456789"));
    })
    .await;
    let none = metrics(&app, None).await;
    assert_eq!(none.status(), 401);
    assert_eq!(
        none.headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer")
    );
    assert!(!none.text().await.expect("text").contains("constellation_"));

    let wrong = metrics(&app, Some("scrape-me-0123456788")).await;
    assert_eq!(wrong.status(), 403);
    assert!(!wrong.text().await.expect("text").contains("constellation_"));

    // A session token is no metrics token.
    let user = app.signup("Scraper").await;
    assert_eq!(metrics(&app, Some(&user.token)).await.status(), 403);

    let right = metrics(&app, Some("scrape-me-0123456789")).await;
    assert_eq!(right.status(), 200);
    let text = right.text().await.expect("text");
    assert!(
        text.contains("constellation_http_request_duration_seconds_count"),
        "{text}"
    );
}

#[tokio::test]
async fn metrics_allow_refuses_other_addresses() {
    let elsewhere = spawn_app_with(|c| c.metrics_allow = vec!["10.9.8.7".into()]).await;
    let r = metrics(&elsewhere, None).await;
    assert_eq!(r.status(), 403);
    assert!(!r.text().await.expect("text").contains("constellation_"));
    // Other endpoints are not restricted.
    assert_eq!(health(&elsewhere, None).await.status(), 200);

    let here =
        spawn_app_with(|c| c.metrics_allow = vec!["10.9.8.7".into(), "127.0.0.1".into()]).await;
    assert_eq!(metrics(&here, None).await.status(), 200);

    // Both set: the address and the token are needed.
    let both = spawn_app_with(|c| {
        c.metrics_allow = vec!["127.0.0.1".into()];
        c.metrics_token = Some(SecretString::from("scrape-me-0123456789"));
    })
    .await;
    assert_eq!(metrics(&both, None).await.status(), 401);
    assert_eq!(
        metrics(&both, Some("scrape-me-0123456789")).await.status(),
        200
    );
}

#[tokio::test]
async fn a_request_over_the_timeout_answers_503_but_subscriptions_stay_open() {
    // 1 ms: a registration hashes its password (argon2id, 19 MiB) for far longer than that.
    let app = spawn_app_with(|c| c.request_timeout_ms = 1).await;
    let r = app
        .client
        .post(format!("{}/graphql", app.url))
        .json(&json!({
            "query": "mutation($input: RegisterInput!) { register(input: $input) { id } }",
            "variables": { "input": {
                "email": unique_email("slow"),
                "password": constellation_tests::PASSWORD,
                "displayName": "Slow",
            } },
        }))
        .send()
        .await
        .expect("graphql");
    assert_eq!(r.status(), 503);
    assert!(
        uuid::Uuid::parse_str(&request_id(&r)).is_ok(),
        "a timed-out answer has its id"
    );
    assert_eq!(
        r.headers()
            .get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff"),
        "and the security headers"
    );

    // The WebSocket route has no timeout: the connection outlives it many times over.
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
    ws.send(Message::Text(
        json!({ "type": "connection_init", "payload": {} })
            .to_string()
            .into(),
    ))
    .await
    .expect("init");
    let ack = ws.next().await.expect("ack").expect("ack");
    assert!(
        ack.to_text().unwrap_or_default().contains("connection_ack"),
        "{ack:?}"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    ws.send(Message::Text(json!({ "type": "ping" }).to_string().into()))
        .await
        .expect("ping");
    let pong = tokio::time::timeout(Duration::from_secs(10), ws.next())
        .await
        .expect("an answer")
        .expect("pong")
        .expect("pong");
    assert!(
        pong.to_text().unwrap_or_default().contains("pong"),
        "{pong:?}"
    );
}
