//! Hostile requests are refused with a clear error and the server keeps answering.

use constellation_tests::{error_code, spawn_app, TestApp};
use serde_json::{json, Value};

async fn still_answers(app: &TestApp) {
    let r = app.gql(None, "{ __typename }", json!({})).await;
    assert_eq!(r["data"]["__typename"], "QueryRoot", "{r}");
}

#[tokio::test]
async fn a_50_deep_query_is_refused() {
    let app = spawn_app().await;
    let mut q = String::from("name");
    for _ in 0..50 {
        q = format!("ofType {{ {q} }}");
    }
    let q = format!("{{ __schema {{ queryType {{ {q} }} }} }}");
    let r = app.gql(None, &q, json!({})).await;
    assert_eq!(error_code(&r), Some("BAD_REQUEST"), "{r}");
    assert!(
        r["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("depth"),
        "{r}"
    );
    still_answers(&app).await;
}

#[tokio::test]
async fn a_1000_alias_query_is_refused() {
    let app = spawn_app().await;
    for field in ["__typename", "me { id }"] {
        let q: String = (0..1000).map(|i| format!("a{i}: {field} ")).collect();
        let r = app.gql(None, &format!("{{ {q} }}"), json!({})).await;
        assert_eq!(error_code(&r), Some("BAD_REQUEST"), "{field}: {r}");
        assert!(r["data"].is_null(), "nothing was executed");
    }
    still_answers(&app).await;
}

#[tokio::test]
async fn a_100_operation_batch_is_refused() {
    let app = spawn_app().await;
    let batch: Vec<Value> = (0..100)
        .map(|_| json!({ "query": "{ __typename }" }))
        .collect();
    let resp = app
        .client
        .post(format!("{}/graphql", app.url))
        .json(&batch)
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), 400);
    let v: Value = resp.json().await.expect("json");
    assert_eq!(error_code(&v), Some("BAD_REQUEST"), "{v}");
    // A small batch is fine.
    let small: Vec<Value> = (0..3)
        .map(|_| json!({ "query": "{ __typename }" }))
        .collect();
    let v: Value = app
        .client
        .post(format!("{}/graphql", app.url))
        .json(&small)
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(3), "{v}");
    still_answers(&app).await;
}

#[tokio::test]
async fn a_10_mb_body_is_refused() {
    let app = spawn_app().await;
    let padding = "x".repeat(10 * 1024 * 1024);
    let body = json!({ "query": "{ __typename }", "variables": { "pad": padding } }).to_string();
    let resp = app
        .client
        .post(format!("{}/graphql", app.url))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .expect("the server answers instead of dropping the connection");
    assert_eq!(resp.status(), 413);
    let v: Value = resp.json().await.expect("json");
    assert_eq!(error_code(&v), Some("BAD_REQUEST"), "{v}");
    still_answers(&app).await;
}

#[tokio::test]
async fn garbage_bodies_get_a_coded_error() {
    let app = spawn_app().await;
    let resp = app
        .client
        .post(format!("{}/graphql", app.url))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), 400);
    let v: Value = resp.json().await.expect("json");
    assert_eq!(error_code(&v), Some("BAD_REQUEST"));
    let r = app.gql(None, "{ noSuchField }", json!({})).await;
    assert_eq!(error_code(&r), Some("BAD_REQUEST"), "{r}");
    still_answers(&app).await;
}
