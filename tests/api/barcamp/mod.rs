//! The annual barcamp through the real server: the helpers the files beside share, the
//! export of a person's barcamp data and the demo seed. Sessions, the scheduler and hand
//! moves, the agenda and feeds, who may do what, faults and the documents run beside.

mod agenda;
mod authz;
pub(crate) mod contract;
mod faults;
mod schedule;
mod sessions;

use constellation_tests::barcamp::Edition;
use constellation_tests::{spawn_app, TestApp, TestUser};
use serde_json::{json, Value};
use std::collections::HashSet;

/// The board member (admin: the first account) and an edition with rooms and slots.
async fn setup(app: &TestApp) -> (TestUser, Edition) {
    let admin = app.signup("Admin").await;
    let e = app.edition(&admin, 2027).await;
    app.register_for(&admin, &e.id).await;
    (admin, e)
}

async fn all_sessions(app: &TestApp, who: Option<&TestUser>, edition: &str) -> Vec<Value> {
    let r = app
        .gql(
            who.map(|w| w.token.as_str()),
            &format!(
                "query($e: ID!) {{ barcampSessions(editionId: $e, first: 100) {{ edges {{ node {{ {} }} }} }} }}",
                constellation_tests::barcamp::SESSION_FIELDS
            ),
            json!({ "e": edition }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    r["data"]["barcampSessions"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

/// No room holds two sessions at once and no host is in two places at once.
fn assert_conflict_free(sessions: &[Value]) {
    let mut rooms: HashSet<(String, String)> = HashSet::new();
    let mut hosts: HashSet<(String, String)> = HashSet::new();
    for s in sessions.iter().filter(|s| s["status"] == "PROPOSED") {
        let slots = s["slots"].as_array().expect("slots");
        assert_eq!(
            slots.len() as i64,
            s["length"].as_i64().expect("length"),
            "{s}"
        );
        for slot in slots {
            let t = slot["id"].as_str().expect("slot").to_owned();
            let room = s["room"]["id"].as_str().expect("room").to_owned();
            assert!(rooms.insert((room, t.clone())), "room booked twice: {s}");
            for h in s["hosts"].as_array().expect("hosts") {
                let h = h["id"].as_str().expect("host").to_owned();
                assert!(hosts.insert((h, t.clone())), "host in two places: {s}");
            }
        }
    }
}

#[tokio::test]
async fn the_export_lists_registrations_proposals_and_interests_and_deletion_forgets_them() {
    let app = spawn_app().await;
    let (admin, e) = setup(&app).await;
    let ana = app.attendee("Ana", &e.id).await;
    let ben = app.attendee("Ben", &e.id).await;
    let mine = app.session(&ana, &e.id, "Ana's session", 1).await;
    let theirs = app.session(&ben, &e.id, "Ben's session", 1).await;
    app.interest(&ana, &theirs, true).await;
    let r = app
        .client
        .get(format!("{}/export/me?format=json", app.url))
        .bearer_auth(&ana.token)
        .send()
        .await
        .expect("export");
    let body: Value = r.json().await.expect("json");
    let b = &body["barcamp"];
    assert_eq!(b["registrations"][0]["edition"], 2027, "{b}");
    assert_eq!(b["sessionsHosted"][0]["id"], mine.as_str());
    assert_eq!(b["interests"][0]["session"], theirs.as_str());
    assert!(!body.to_string().contains("feedToken"));
    let _ = admin;
    // Ana leaves the platform: her interest and registration go; her session stays.
    let interests = app.count("barcamp_interests").await;
    app.ok(
        &ana,
        "mutation($p: String!) { deleteMyAccount(password: $p) }",
        json!({ "p": constellation_tests::PASSWORD }),
    )
    .await;
    assert_eq!(app.count("barcamp_interests").await, interests - 1);
    assert_eq!(app.count("barcamp_registrations").await, 2);
    assert_eq!(
        app.session_state(None, &mine).await["title"],
        "Ana's session"
    );
}

#[tokio::test]
async fn seed_demo_publishes_the_yearly_barcamp() {
    let app = spawn_app().await;
    let env = &app.state.env;
    constellation_backend::domain::flows::seed::seed_demo(env)
        .await
        .expect("seed");
    let r = app
        .gql(
            None,
            "{ barcampEdition(year: 2027) { id phase rooms { id } slots { id } } }",
            json!({}),
        )
        .await;
    let e = &r["data"]["barcampEdition"];
    assert_eq!(e["phase"], "PUBLISHED", "{r}");
    assert_eq!(e["rooms"].as_array().map(Vec::len), Some(3));
    let sessions = all_sessions(&app, None, e["id"].as_str().expect("id")).await;
    assert_eq!(sessions.len(), 8);
    assert!(
        sessions.iter().all(|s| s["room"].is_object()),
        "{sessions:?}"
    );
    assert!(sessions
        .iter()
        .any(|s| s["interestCount"].as_i64() > Some(0)));
    assert_conflict_free(&sessions);
}
