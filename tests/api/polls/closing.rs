//! Closing: a poll closes by its date with nobody acting (the test moves the date into the
//! past in the database, as time would), its author may close it early, once; and a poll that
//! cannot be created leaves nothing behind. Sealing (an anonymous poll's answers rewritten
//! after the close): at an early close, or by the periodic job once the date has passed —
//! never by reading, which shows the same results before and after.

use super::{answer, answered, close, create, expire, input, ints, poll_id, read, world};
use constellation_backend::domain::polls::seal_due;
use constellation_backend::entities::polls::{poll, poll_ballot};
use constellation_tests::{error_code, spawn_app, TestApp, TestUser, PASSWORD};
use sea_orm::EntityTrait;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// What sealing would change, per poll: the answers' ids and their choices, the `sealed`
/// flag; and the audit log's and participations' sizes.
#[derive(Debug, PartialEq, Eq)]
struct Stored {
    ids: BTreeMap<constellation_shared::ids::PollId, BTreeSet<String>>,
    choices: BTreeMap<constellation_shared::ids::PollId, Vec<String>>,
    sealed: BTreeMap<constellation_shared::ids::PollId, bool>,
    audit: i64,
    participations: i64,
}

async fn stored(app: &TestApp) -> Stored {
    let mut ids: BTreeMap<constellation_shared::ids::PollId, BTreeSet<String>> = BTreeMap::new();
    let mut choices: BTreeMap<constellation_shared::ids::PollId, Vec<String>> = BTreeMap::new();
    for b in poll_ballot::Entity::find()
        .all(&app.db)
        .await
        .expect("ballots")
    {
        ids.entry(b.poll_id).or_default().insert(b.id);
        choices.entry(b.poll_id).or_default().push(b.choice);
    }
    choices.values_mut().for_each(|c| c.sort());
    let sealed = poll::Entity::find()
        .all(&app.db)
        .await
        .expect("polls")
        .into_iter()
        .map(|p| (p.id, p.sealed))
        .collect();
    Stored {
        ids,
        choices,
        sealed,
        audit: app.count("audit_log").await,
        participations: app.count("poll_participations").await,
    }
}

fn uuid(id: &str) -> constellation_shared::ids::PollId {
    id.parse().expect("poll id")
}

#[tokio::test]
async fn a_poll_closes_by_its_date_without_anyone_acting() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = poll_id(
        &app,
        &w.board,
        input("SINGLE", "OPEN", None, &["Oui", "Non"]),
    )
    .await;
    answered(&app, &w.effective, &id, &[1]).await;
    expire(&app, &id).await;
    let p = read(&app, &w.effective, &id).await;
    assert_eq!(p["closed"], true, "{p}");
    assert_eq!(p["closedEarly"], false);
    assert_eq!(p["canAnswer"], false);
    assert_eq!(p["canClose"], false);
    assert_eq!(ints(&p["results"]["winners"]), vec![1]);
    // Neither a new answer nor a change.
    for who in [&w.adherent, &w.effective] {
        let r = answer(&app, who, &id, &[0]).await;
        assert_eq!(error_code(&r), Some("VOTING_CLOSED"), "{r}");
    }
    let r = close(&app, &w.board, &id).await;
    assert_eq!(error_code(&r), Some("INVALID_TRANSITION"), "{r}");
    assert_eq!(
        ints(&read(&app, &w.effective, &id).await["myChoice"]),
        vec![1]
    );
}

#[tokio::test]
async fn only_the_author_closes_early_and_only_once() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = poll_id(
        &app,
        &w.board,
        input("APPROVAL", "ANONYMOUS", None, &["Oui", "Non"]),
    )
    .await;
    answered(&app, &w.effective, &id, &[0, 1]).await;
    for (who, code) in [
        (&w.effective, "FORBIDDEN"),
        (&w.admin, "FORBIDDEN"),
        (&w.sympathiser, "NOT_FOUND"),
    ] {
        let r = close(&app, who, &id).await;
        assert_eq!(error_code(&r), Some(code), "{r}");
    }
    assert_eq!(read(&app, &w.effective, &id).await["results"], json!(null));
    let r = close(&app, &w.board, &id).await;
    let p = &r["data"]["closePoll"];
    assert_eq!(p["closedEarly"], true, "{r}");
    assert_eq!(ints(&p["results"]["counts"]), vec![1, 1]);
    let r = close(&app, &w.board, &id).await;
    assert_eq!(error_code(&r), Some("INVALID_TRANSITION"), "{r}");
    let r = answer(&app, &w.adherent, &id, &[0]).await;
    assert_eq!(error_code(&r), Some("VOTING_CLOSED"), "{r}");
}

#[tokio::test]
async fn a_refused_poll_writes_nothing() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let base = input("SINGLE", "OPEN", None, &["Oui", "Non"]);
    let with = |key: &str, value: serde_json::Value| {
        let mut i = base.clone();
        i[key] = value;
        i
    };
    let many: Vec<String> = (0..21).map(|i| format!("option {i}")).collect();
    let far = (chrono::Utc::now() + chrono::Duration::days(400)).to_rfc3339();
    let past = (chrono::Utc::now() - chrono::Duration::minutes(1)).to_rfc3339();
    let cases = [
        (with("title", json!("  ")), "title", "REQUIRED"),
        (with("title", json!("t".repeat(201))), "title", "TOO_LONG"),
        (with("options", json!(["Seule"])), "options", "INVALID"),
        (with("options", json!(many)), "options", "INVALID"),
        (
            with("options", json!(["Oui", " oui "])),
            "options",
            "INVALID",
        ),
        (with("options", json!(["Oui", ""])), "options", "REQUIRED"),
        (with("closesAt", json!(past)), "closesAt", "INVALID"),
        (with("closesAt", json!(far)), "closesAt", "INVALID"),
        (with("closesAt", json!("2027-03-14")), "closesAt", "INVALID"),
        (with("labId", json!("pas-un-id")), "labId", "INVALID_ID"),
    ];
    let audit = app.count("audit_log").await;
    for (i, field, reason) in cases {
        let r = create(&app, &w.board, i).await;
        assert_eq!(error_code(&r), Some("VALIDATION"), "{field}: {r}");
        let ext = &r["errors"][0]["extensions"];
        assert_eq!(ext["field"], field, "{r}");
        assert_eq!(ext["reason"], reason, "{r}");
    }
    // A Lab that does not exist.
    let r = create(
        &app,
        &w.coordinator,
        input(
            "SINGLE",
            "OPEN",
            Some(&uuid::Uuid::new_v4().to_string()),
            &["a", "b"],
        ),
    )
    .await;
    assert_eq!(error_code(&r), Some("NOT_FOUND"), "{r}");
    assert_eq!(app.count("polls").await, 0);
    assert_eq!(app.count("audit_log").await, audit);
}

#[tokio::test]
async fn an_author_outside_the_audience_sees_and_closes_but_does_not_answer() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = poll_id(
        &app,
        &w.board,
        input("SINGLE", "OPEN", None, &["Oui", "Non"]),
    )
    .await;
    app.set_roles(
        &w.admin,
        &w.board,
        json!({ "kind": "SYMPATHIZER", "board": false }),
    )
    .await;
    // A change of roles signs the account out everywhere: sign in again.
    let l = app.login(&w.board.email, PASSWORD).await;
    let former = TestUser {
        token: l["data"]["login"]["token"]
            .as_str()
            .expect("token")
            .to_owned(),
        ..w.board.clone()
    };
    let p = read(&app, &former, &id).await;
    assert_eq!(p["canAnswer"], false, "{p}");
    assert_eq!(p["canClose"], true);
    let r = answer(&app, &former, &id, &[0]).await;
    assert_eq!(error_code(&r), Some("FORBIDDEN"), "{r}");
    let r = close(&app, &former, &id).await;
    assert!(r["errors"].is_null(), "{r}");
}

#[tokio::test]
async fn reading_a_poll_past_its_date_writes_nothing_and_the_job_seals_it_once() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let due = poll_id(
        &app,
        &w.board,
        input("SINGLE", "ANONYMOUS", None, &["Oui", "Non"]),
    )
    .await;
    let running = poll_id(
        &app,
        &w.board,
        input("APPROVAL", "ANONYMOUS", None, &["A", "B"]),
    )
    .await;
    let open = poll_id(
        &app,
        &w.board,
        input("SINGLE", "OPEN", None, &["Oui", "Non"]),
    )
    .await;
    for (who, c) in [(&w.admin, 0), (&w.effective, 1), (&w.adherent, 1)] {
        answered(&app, who, &due, &[c]).await;
        answered(&app, who, &running, &[0, 1]).await;
        answered(&app, who, &open, &[c]).await;
    }
    expire(&app, &due).await;
    expire(&app, &open).await;
    let before = stored(&app).await;
    assert_eq!(before.ids[&uuid(&due)].len(), 3, "{before:?}");
    assert!(before.sealed.values().all(|s| !s), "{before:?}");

    // Read before the job ran: the results are there, and nothing was written.
    let first = read(&app, &w.effective, &due).await;
    assert_eq!(first["closed"], true, "{first}");
    assert_eq!(ints(&first["results"]["counts"]), vec![1, 2], "{first}");
    assert_eq!(ints(&first["results"]["winners"]), vec![1]);
    assert_eq!(
        read(&app, &w.board, &due).await["results"],
        first["results"]
    );
    let r = app
        .gql(
            Some(&w.admin.token),
            "{ polls { edges { node { id results { ballots counts } } } } }",
            json!({}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    assert_eq!(stored(&app).await, before, "a read wrote");

    // The job seals the poll whose date has passed, and only it.
    let env = &app.state.env;
    assert_eq!(seal_due(env).await.expect("job"), 1);
    let after = stored(&app).await;
    let (d, o, run) = (uuid(&due), uuid(&open), uuid(&running));
    assert!(after.sealed[&d], "{after:?}");
    assert!(!after.sealed[&run], "a running poll sealed");
    assert!(!after.sealed[&o], "an open poll has nothing to seal");
    assert_eq!(after.ids[&d].len(), 3);
    assert!(after.ids[&d].is_disjoint(&before.ids[&d]), "{after:?}");
    assert_eq!(after.ids[&run], before.ids[&run]);
    assert_eq!(after.choices, before.choices, "sealing changed an answer");
    assert_eq!(
        (after.audit, after.participations),
        (before.audit, before.participations)
    );
    // The same results either way.
    assert_eq!(
        read(&app, &w.effective, &due).await["results"],
        first["results"]
    );

    // Once: a second run finds nothing to do and rewrites nothing.
    assert_eq!(seal_due(env).await.expect("job"), 0);
    assert_eq!(stored(&app).await, after);
}

#[tokio::test]
async fn an_early_close_seals_at_once_and_two_runs_of_the_job_seal_a_due_poll_once() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let closed = poll_id(
        &app,
        &w.board,
        input("SINGLE", "ANONYMOUS", None, &["Oui", "Non"]),
    )
    .await;
    let due = poll_id(
        &app,
        &w.board,
        input("RANKED", "ANONYMOUS", None, &["A", "B", "C"]),
    )
    .await;
    for who in [&w.admin, &w.effective, &w.adherent] {
        answered(&app, who, &closed, &[0]).await;
        answered(&app, who, &due, &[2, 0, 1]).await;
    }
    let before = stored(&app).await;
    let r = close(&app, &w.board, &closed).await;
    assert!(r["errors"].is_null(), "{r}");
    let (c, d) = (uuid(&closed), uuid(&due));
    let early = stored(&app).await;
    assert!(early.sealed[&c], "{early:?}");
    assert!(early.ids[&c].is_disjoint(&before.ids[&c]), "{early:?}");
    assert_eq!(early.ids[&d], before.ids[&d]);

    expire(&app, &due).await;
    let env = &app.state.env;
    let (a, b) = tokio::join!(seal_due(env), seal_due(env));
    assert_eq!(a.expect("job") + b.expect("job"), 1, "sealed once");
    let after = stored(&app).await;
    assert!(after.sealed[&d], "{after:?}");
    assert!(after.ids[&d].is_disjoint(&before.ids[&d]), "{after:?}");
    assert_eq!(after.ids[&c], early.ids[&c], "the closed poll sealed again");
    assert_eq!(after.choices, before.choices);
    assert_eq!(seal_due(env).await.expect("job"), 0);
    assert_eq!(
        ints(&read(&app, &w.effective, &due).await["results"]["winners"]),
        vec![2]
    );
}
