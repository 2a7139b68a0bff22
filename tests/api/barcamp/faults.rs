//! The barcamp scheduler under load: its search runs outside the write transaction, so the
//! platform stays writable while it computes, and a plan computed on inputs that changed
//! meanwhile is never saved.

use constellation_tests::{spawn_app, TestApp};
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

async fn profile_write(app: &TestApp, who: &constellation_tests::TestUser, n: usize) -> bool {
    let r = app
        .gql(
            Some(&who.token),
            "mutation($i: ProfileInput!) { updateProfile(input: $i) { displayName } }",
            json!({ "i": { "displayName": format!("Writer {n}"), "language": "EN" } }),
        )
        .await;
    r["errors"].is_null()
}

#[tokio::test]
async fn other_writes_go_through_while_the_scheduler_computes() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let e = app.edition(&admin, 2027).await;
    app.register_for(&admin, &e.id).await;
    // A programme big enough for the search to take a while: 8 rooms, 60 hosts.
    for r in 0..6 {
        app.ok(
            &admin,
            "mutation($e: ID!, $i: RoomInput!) { addBarcampRoom(editionId: $e, input: $i) { id } }",
            json!({ "e": e.id, "i": { "name": format!("Room {r}"), "capacity": 20 + r, "equipment": [] } }),
        )
        .await;
    }
    let hosts = app.effective_members(60, "Host").await;
    let mut sessions = Vec::new();
    for (i, h) in hosts.iter().enumerate() {
        app.register_for(h, &e.id).await;
        sessions.push(
            app.session(h, &e.id, &format!("Talk {i}"), 1 + (i % 2) as i32)
                .await,
        );
    }
    app.phase(&admin, &e.id, "INTEREST").await;
    for (i, h) in hosts.iter().enumerate() {
        for s in sessions.iter().skip(i % 7).step_by(9) {
            app.interest(h, s, true).await;
        }
    }
    app.phase(&admin, &e.id, "SCHEDULING").await;
    let writer = app.signup("Writer").await;

    let done = AtomicBool::new(false);
    let during = AtomicUsize::new(0);
    let run = async {
        let r = app.run_scheduler(&admin, &e.id).await;
        done.store(true, Ordering::SeqCst);
        r
    };
    let writes = async {
        let mut n = 0;
        while !done.load(Ordering::SeqCst) && n < 500 {
            assert!(profile_write(&app, &writer, n).await, "a write failed");
            if !done.load(Ordering::SeqCst) {
                during.fetch_add(1, Ordering::SeqCst);
            }
            n += 1;
        }
    };
    let (r, ()) = tokio::join!(run, writes);
    assert!(r["errors"].is_null(), "{r}");
    let ms = r["data"]["runBarcampScheduler"]["milliseconds"]
        .as_i64()
        .unwrap_or(0);
    // Writes finished while the search ran (they used to wait for the whole run). This needs
    // a search long enough for one write to fit in it; in a debug build it takes far longer.
    assert!(
        during.load(Ordering::SeqCst) >= 1 || ms < 50,
        "no write went through during a {ms} ms search"
    );
    assert!(
        r["data"]["runBarcampScheduler"]["placed"].as_i64() >= Some(20),
        "{r}"
    );
}
