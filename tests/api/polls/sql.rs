//! The list of polls costs the same number of SQL statements for two polls as for eight
//! (give or take a loader batch split by timing),
//! with everything the pages read (Lab, author, counts, my answer, results, who answered
//! what): each relation goes through a loader, once per request.

use super::{answered, input, poll_id, world, POLL};
use constellation_tests::{spawn_app, TestApp};
use serde_json::json;

async fn statements(app: &TestApp) -> u64 {
    let m = app
        .client
        .get(format!("{}/metrics", app.url))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    m.lines()
        .find_map(|l| l.strip_prefix("constellation_db_statements_total "))
        .and_then(|n| n.trim().parse().ok())
        .expect("statement counter")
}

/// `n` polls of the members and `n` of the Lab, each answered by the coordinator.
async fn cost(n: usize) -> (u64, usize) {
    let app = spawn_app().await;
    let w = world(&app).await;
    for i in 0..n {
        let kind = ["SINGLE", "APPROVAL", "RANKED"][i % 3];
        let members = poll_id(&app, &w.board, input(kind, "OPEN", None, &["a", "b"])).await;
        let lab = poll_id(
            &app,
            &w.coordinator,
            input(kind, "OPEN", Some(&w.lab), &["a", "b"]),
        )
        .await;
        for p in [members, lab] {
            answered(&app, &w.coordinator, &p, &[1]).await;
        }
    }
    let q = format!("{{ polls(first: 50) {{ edges {{ node {{ {POLL} }} }} }} }}");
    app.gql(Some(&w.coordinator.token), &q, json!({})).await; // warm-up
    let before = statements(&app).await;
    let r = app.gql(Some(&w.coordinator.token), &q, json!({})).await;
    let after = statements(&app).await;
    assert!(r["errors"].is_null(), "{r}");
    let rows = r["data"]["polls"]["edges"].as_array().map_or(0, Vec::len);
    (after - before, rows)
}

#[tokio::test]
async fn the_list_costs_about_the_same_for_two_polls_as_for_eight() {
    let (small, two) = cost(1).await;
    let (large, eight) = cost(4).await;
    assert_eq!((two, eight), (2, 8));
    // People (authors, who answered) and Labs are reached by paths that resolve at different
    // moments, so a loader may run one batch or two depending on timing (as in the Labs'
    // `deeper_relations_stay_batched`); one statement per poll would add six or more.
    assert!(
        small.abs_diff(large) <= 2 && large <= 20,
        "statements for 2 polls: {small}, for 8: {large}"
    );
}
