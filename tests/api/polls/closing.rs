//! Closing: a poll closes by its date with nobody acting (the test moves the date into the
//! past in the database, as time would), its author may close it early, once; and a poll that
//! cannot be created leaves nothing behind.

use super::{answer, answered, close, create, expire, input, ints, poll_id, read, world};
use constellation_tests::{error_code, spawn_app, TestUser, PASSWORD};
use serde_json::json;

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
