//! The audit log's filters: by actor, action, target and time.

use super::{board, ok, UPDATE};
use constellation_tests::{error_code, spawn_app};
use serde_json::{json, Value};

#[tokio::test]
async fn the_audit_log_is_filtered_by_actor_action_target_and_time() {
    let app = spawn_app().await;
    let (admin, board) = board(&app).await;
    let jo = app.signup("Jo").await;
    app.set_roles(&admin, &jo, json!({ "kind": "ADHERENT" }))
        .await;
    ok(
        &app,
        Some(&board),
        UPDATE,
        json!({ "id": jo.id, "input": { "note": "n" } }),
    )
    .await;
    let q = "query($actor: ID, $action: String, $type: String, $target: String, $from: String, $to: String, $first: Int, $after: String) { auditLog(first: $first, after: $after, actorId: $actor, action: $action, targetType: $type, targetId: $target, from: $from, to: $to) { edges { cursor node { action targetId actor { id } } } pageInfo { hasNextPage endCursor } } }";
    let actions = |vars: Value| {
        let app = &app;
        let board = &board;
        async move {
            let r = ok(app, Some(board), q, vars).await;
            r["auditLog"]["edges"]
                .as_array()
                .expect("edges")
                .iter()
                .map(|e| e["node"]["action"].as_str().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        actions(json!({ "actor": board.id })).await,
        [
            "member.register.update",
            "account.login",
            "account.register"
        ]
    );
    assert_eq!(
        actions(json!({ "action": "account.set_" })).await,
        ["account.set_roles", "account.set_roles"]
    );
    // `_` is a letter here, not "any character".
    assert!(actions(json!({ "action": "account_" })).await.is_empty());
    assert_eq!(
        actions(json!({ "type": "user", "target": jo.id, "action": "account." })).await,
        ["account.set_roles", "account.login", "account.register"]
    );
    let hour = chrono::Duration::hours(1);
    let now = chrono::Utc::now();
    assert!(actions(json!({ "from": (now + hour).to_rfc3339() }))
        .await
        .is_empty());
    assert!(actions(json!({ "to": (now - hour).to_rfc3339() }))
        .await
        .is_empty());
    assert_eq!(
        actions(json!({ "from": (now - hour).to_rfc3339(), "to": (now + hour).to_rfc3339(), "action": "member." })).await,
        ["member.register.update"]
    );
    // The filters hold across pages.
    let first = ok(
        &app,
        Some(&board),
        q,
        json!({ "action": "account.", "first": 2 }),
    )
    .await;
    let cursor = first["auditLog"]["pageInfo"]["endCursor"].clone();
    let rest = ok(
        &app,
        Some(&board),
        q,
        json!({ "action": "account.", "first": 100, "after": cursor }),
    )
    .await;
    let total = app.count("audit_log WHERE action LIKE 'account.%'").await;
    assert_eq!(
        2 + rest["auditLog"]["edges"].as_array().map_or(0, Vec::len) as i64,
        total
    );
    for (vars, field) in [
        (json!({ "from": "2027-01-01" }), "from"),
        (json!({ "to": "yesterday" }), "to"),
        (
            json!({ "from": "2027-01-02T00:00:00Z", "to": "2027-01-01T00:00:00Z" }),
            "to",
        ),
        (json!({ "actor": "nobody" }), "actorId"),
        (json!({ "action": "x".repeat(201) }), "action"),
    ] {
        let r = app.gql(Some(&board.token), q, vars).await;
        assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
        assert_eq!(r["errors"][0]["extensions"]["field"], field, "{r}");
    }
    // The old arguments alone still work.
    let plain = ok(
        &app,
        Some(&board),
        "{ auditLog(first: 1) { edges { node { action } } } }",
        json!({}),
    )
    .await;
    assert_eq!(
        plain["auditLog"]["edges"][0]["node"]["action"],
        "member.register.update"
    );
}
