use constellation_tests::spawn_app;
use serde_json::json;

#[tokio::test]
async fn health_metrics_and_graphiql_answer() {
    let app = constellation_tests::spawn_app_with(|c| c.graphiql = true).await;
    let h: serde_json::Value = app
        .client
        .get(format!("{}/health", app.url))
        .send()
        .await
        .expect("health")
        .json()
        .await
        .expect("json");
    let listener = if constellation_tests::database_kind() == "postgres" {
        "connected"
    } else {
        "in-process"
    };
    let replica = h["replica"].as_str().unwrap_or_default().to_owned();
    assert!(
        replica.ends_with(&format!("-{}", std::process::id())),
        "{h}"
    );
    assert_eq!(
        h,
        json!({ "status": "ok", "database": "ok", "votes": "ok", "voteWriterRestarts": 0,
                "replica": replica, "listener": listener, "listenerReconnects": 0 })
    );
    app.gql(None, "{ me { id } }", json!({})).await;
    app.gql(None, "{ nope }", json!({})).await;
    let m = app
        .client
        .get(format!("{}/metrics", app.url))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    assert!(
        m.contains("# TYPE constellation_graphql_operations_total counter"),
        "{m}"
    );
    assert!(
        m.contains("constellation_graphql_operations_total 2"),
        "{m}"
    );
    assert!(
        m.contains("constellation_graphql_errors_total{code=\"BAD_REQUEST\"} 1"),
        "{m}"
    );
    let g = app
        .client
        .get(format!("{}/graphql", app.url))
        .send()
        .await
        .expect("graphiql");
    assert_eq!(g.status(), 200);
    let policy = g
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        policy.contains("https://unpkg.com") && policy.contains("frame-ancestors 'none'"),
        "{policy}"
    );
    assert!(g
        .text()
        .await
        .expect("text")
        .to_lowercase()
        .contains("graphiql"));
}

#[tokio::test]
async fn graphiql_and_introspection_follow_the_config() {
    let app = constellation_tests::spawn_app_with(|c| {
        c.graphiql = false;
        c.introspection = false;
    })
    .await;
    let g = app
        .client
        .get(format!("{}/graphql", app.url))
        .send()
        .await
        .expect("graphiql");
    assert_eq!(g.status(), 404);
    let r = app
        .gql(None, "{ __schema { queryType { name } } }", json!({}))
        .await;
    assert!(
        r["data"]["__schema"].is_null() || r["errors"].is_array(),
        "{r}"
    );
}

#[tokio::test]
async fn client_routes_fall_back_to_the_app_and_missing_files_are_404() {
    let app = spawn_app().await;
    let page = app
        .client
        .get(format!("{}/profile", app.url))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    assert!(page.text().await.expect("text").contains("<"));
    let missing = app
        .client
        .get(format!("{}/nothing-here.js", app.url))
        .send()
        .await
        .expect("file");
    assert_eq!(missing.status(), 404);
    let traversal = app
        .client
        .get(format!("{}/..%2F..%2Fetc%2Fpasswd.txt", app.url))
        .send()
        .await
        .expect("file");
    assert_eq!(traversal.status(), 404);
}

#[tokio::test]
async fn internal_errors_do_not_leak_sql() {
    let app = spawn_app().await;
    let u = app.signup("Max").await;
    // Break the database under the server's feet: the audit table disappears.
    use sea_orm::ConnectionTrait;
    app.db
        .execute_unprepared("DROP TABLE audit_log")
        .await
        .expect("drop");
    let r = app
        .gql(
            Some(&u.token),
            "mutation { updateProfile(input: { displayName: \"Max B\" }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(constellation_tests::error_code(&r), Some("INTERNAL"), "{r}");
    let text = r.to_string().to_lowercase();
    for leak in ["audit_log", "sql", "table", "insert"] {
        assert!(!text.contains(leak), "{leak} leaked in {r}");
    }
    // Bad input changed nothing: the profile update was rolled back with its audit entry.
    let me = app
        .gql(Some(&u.token), "{ me { displayName } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["displayName"], "Max");
}

/// Stored states and zones are read into their types at the entity edge: a value outside the
/// type (written behind the server's back) fails the query as `INTERNAL`, with nothing leaked,
/// instead of falling back to a default; the rest of the platform still answers.
#[tokio::test]
async fn a_stored_value_outside_its_type_is_an_internal_error_not_a_fallback() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let e = app.edition(&admin, 2027).await;
    let read = "query($id: ID!) { barcampEdition(id: $id) { phase timezone } }";
    let r = app
        .gql(Some(&admin.token), read, json!({ "id": e.id }))
        .await;
    assert_eq!(
        r["data"]["barcampEdition"]["timezone"], "Europe/Brussels",
        "{r}"
    );
    use constellation_backend::entities::barcamp_edition::{Column, Entity};
    use sea_orm::{sea_query::Expr, ColumnTrait, EntityTrait, QueryFilter};
    let id: constellation_shared::ids::EditionId = e.id.parse().expect("edition id");
    let set = |column: Column, value: &'static str| {
        Entity::update_many()
            .col_expr(column, Expr::value(value))
            .filter(Column::Id.eq(id))
            .exec(&app.db)
    };
    // The phase cannot even be written outside its set: the database's CHECK refuses it.
    assert!(set(Column::Phase, "PARTY").await.is_err());
    // The zone has no CHECK (chrono-tz knows the names): a bad one fails the read.
    let bad = "Mars/Olympus_Mons";
    assert_eq!(
        set(Column::Timezone, bad)
            .await
            .expect("update")
            .rows_affected,
        1
    );
    let r = app
        .gql(Some(&admin.token), read, json!({ "id": e.id }))
        .await;
    assert_eq!(constellation_tests::error_code(&r), Some("INTERNAL"), "{r}");
    let text = r.to_string();
    for leak in [bad, "barcamp_editions", "TryIntoErr", "Zone", "parse"] {
        assert!(!text.contains(leak), "{leak} leaked in {r}");
    }
    set(Column::Timezone, "Europe/Brussels")
        .await
        .expect("restore");
    let r = app
        .gql(Some(&admin.token), read, json!({ "id": e.id }))
        .await;
    assert_eq!(r["data"]["barcampEdition"]["phase"], "PROPOSALS", "{r}");
    let me = app
        .gql(Some(&admin.token), "{ me { displayName } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["displayName"], "Admin", "{me}");
}

#[tokio::test]
async fn responses_are_gzipped_when_the_client_accepts_it() {
    let app = spawn_app().await;
    let r = app
        .client
        .post(format!("{}/graphql", app.url))
        .header("accept-encoding", "gzip")
        .json(&json!({ "query": "{ __schema { types { name description } } }" }))
        .send()
        .await
        .expect("graphql");
    assert_eq!(
        r.headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok()),
        Some("gzip")
    );
    let plain = app
        .client
        .post(format!("{}/graphql", app.url))
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("graphql");
    assert!(plain.headers().get("content-encoding").is_none());
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let graphiql = app
        .client
        .get(format!("{}/graphql", app.url))
        .send()
        .await
        .expect("graphiql");
    assert_eq!(graphiql.status(), 404, "GraphiQL is off unless configured");
    for path in ["", "labs", "health", "pkg/missing.js"] {
        let r = app
            .client
            .get(format!("{}/{path}", app.url))
            .send()
            .await
            .expect("get");
        let h = |name: &str| {
            r.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let csp = h("content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(h("x-frame-options"), "DENY", "{path}");
        assert_eq!(h("referrer-policy"), "no-referrer", "{path}");
        assert_eq!(
            h("strict-transport-security"),
            "",
            "no HSTS unless configured"
        );
    }
    let r = app.gql(None, "{ __typename }", json!({})).await;
    assert_eq!(r["data"]["__typename"], "QueryRoot");
    let tls = constellation_tests::spawn_app_with(|c| c.hsts = true).await;
    let r = tls
        .client
        .get(format!("{}/health", tls.url))
        .send()
        .await
        .expect("get");
    assert!(r
        .headers()
        .get("strict-transport-security")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("max-age=")));
}

#[cfg(unix)]
#[tokio::test]
async fn the_data_directory_and_database_are_private_to_the_server() {
    use std::os::unix::fs::PermissionsExt;
    let fresh = tempfile::tempdir().expect("tmp");
    let dir = fresh.path().join("data");
    let d = dir.clone();
    // The default SQLite database in a data directory the server creates.
    let app = constellation_tests::spawn_app_with(move |c| {
        c.data_dir = d;
        c.database_url = None;
    })
    .await;
    let r = app.gql(None, "{ __typename }", json!({})).await;
    assert_eq!(r["data"]["__typename"], "QueryRoot");
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700, "the data directory");
    assert_eq!(
        mode(&dir.join("constellation.db")),
        0o600,
        "the database file"
    );
}
