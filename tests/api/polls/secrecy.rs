//! Anonymous polls: the answers' table holds no person and no time, the participations no
//! choice, the audit log says who answered and never what; nobody (the author included) sees
//! a choice or a count per option before the close; an answer cannot be changed or repeated,
//! not even by two requests at the same instant; after the close the answers are rewritten
//! (fresh ids, by the sealing job) and the results shown. What this does not protect on PostgreSQL (`xmin`) is
//! said in `domain::polls`.

use super::{answer, answered, expire, input, ints, poll_id, read, world};
use constellation_backend::domain::polls::seal_due;
use constellation_tests::{error_code, spawn_app, TestApp};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

async fn strings(app: &TestApp, sql: &str, col: &str) -> Vec<String> {
    let backend = app.db.get_database_backend();
    app.db
        .query_all_raw(Statement::from_string(backend, sql.to_owned()))
        .await
        .expect("query")
        .iter()
        .map(|r| r.try_get::<String>("", col).expect(col))
        .collect()
}

async fn columns(app: &TestApp, table: &str) -> Vec<String> {
    let sql = match app.db.get_database_backend() {
        DbBackend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}')"),
        _ => format!(
            "SELECT column_name AS name FROM information_schema.columns WHERE table_name = '{table}'"
        ),
    };
    let mut c = strings(app, &sql, "name").await;
    c.sort();
    c
}

#[tokio::test]
async fn an_anonymous_answer_is_stored_apart_from_who_gave_it() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let id = poll_id(
        &app,
        &w.board,
        input("SINGLE", "ANONYMOUS", None, &["Oui", "Non"]),
    )
    .await;
    let voters = [&w.admin, &w.effective, &w.adherent, &w.coordinator];
    for (i, v) in voters.iter().enumerate() {
        let p = answered(&app, v, &id, &[(i % 2) as i32]).await;
        // The answerer learns that they answered, not what (nothing links it to them).
        assert_eq!(p["answered"], true, "{p}");
        assert_eq!(p["myChoice"], serde_json::Value::Null);
        assert_eq!(p["canAnswer"], false);
        assert_eq!(
            p["results"],
            serde_json::Value::Null,
            "results before the close"
        );
        assert_eq!(p["responses"], serde_json::Value::Null);
    }
    // The author sees how many answered, nothing more.
    let p = read(&app, &w.board, &id).await;
    assert_eq!(p["answerCount"], 4);
    assert_eq!(p["results"], serde_json::Value::Null);

    assert_eq!(
        columns(&app, "poll_ballots").await,
        ["choice", "id", "poll_id"]
    );
    assert_eq!(
        columns(&app, "poll_participations").await,
        ["poll_id", "user_id"]
    );
    assert_eq!(app.count("poll_ballots").await, 4);
    assert_eq!(app.count("poll_participations").await, 4);
    assert_eq!(app.count("poll_answers").await, 0);
    if app.db.get_database_backend() == DbBackend::Sqlite {
        let rowid = app
            .db
            .query_all_raw(Statement::from_string(
                DbBackend::Sqlite,
                "SELECT rowid FROM poll_ballots".to_owned(),
            ))
            .await;
        assert!(rowid.is_err(), "poll_ballots has a rowid");
    }
    for d in strings(
        &app,
        "SELECT diff FROM audit_log WHERE action = 'poll.answer'",
        "diff",
    )
    .await
    {
        assert!(!d.contains("choice"), "{d}");
    }

    // Once only: a second answer is refused and changes nothing.
    let r = answer(&app, &w.effective, &id, &[0]).await;
    assert_eq!(error_code(&r), Some("ALREADY_VOTED"), "{r}");
    assert_eq!(app.count("poll_ballots").await, 4);

    // The known limit, on PostgreSQL: until the close, each answer shares the transaction
    // id (`xmin`) of its participation, so the database's system columns pair them.
    let postgres = app.db.get_database_backend() == DbBackend::Postgres;
    let xmins = |table: &'static str| {
        let app = &app;
        async move { strings(app, &format!("SELECT xmin::text AS x FROM {table}"), "x").await }
    };
    if postgres {
        let (took_part, answers) = (
            xmins("poll_participations").await,
            xmins("poll_ballots").await,
        );
        assert!(
            took_part.iter().all(|x| answers.contains(x)),
            "{took_part:?} {answers:?}"
        );
    }

    // After the date: the results, and — once the sealing job has run — the answers
    // rewritten with fresh ids.
    let before = strings(&app, "SELECT id FROM poll_ballots", "id").await;
    expire(&app, &id).await;
    seal_due(&app.state.env).await.expect("sealing job");
    let p = read(&app, &w.effective, &id).await;
    assert_eq!(ints(&p["results"]["counts"]), vec![2, 2], "{p}");
    assert_eq!(ints(&p["results"]["winners"]), vec![0, 1]);
    assert_eq!(p["results"]["tied"], true);
    let after = strings(&app, "SELECT id FROM poll_ballots", "id").await;
    assert_eq!(after.len(), 4);
    assert!(
        after.iter().all(|a| !before.contains(a)),
        "{before:?} {after:?}"
    );
    // Sealed once: reading, or the job again, does not rewrite them again.
    read(&app, &w.admin, &id).await;
    seal_due(&app.state.env).await.expect("sealing job");
    assert_eq!(
        strings(&app, "SELECT id FROM poll_ballots", "id")
            .await
            .len(),
        4
    );
    let sealed = strings(
        &app,
        "SELECT CASE WHEN sealed THEN 'yes' ELSE 'no' END AS s FROM polls",
        "s",
    )
    .await;
    assert_eq!(sealed, ["yes"]);
}

#[tokio::test]
async fn two_answers_of_one_person_at_once_make_one_row() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let anonymous = poll_id(
        &app,
        &w.board,
        input("SINGLE", "ANONYMOUS", None, &["Oui", "Non"]),
    )
    .await;
    let open = poll_id(
        &app,
        &w.board,
        input("APPROVAL", "OPEN", None, &["Oui", "Non"]),
    )
    .await;
    for _ in 0..3 {
        let (a, b) = tokio::join!(
            answer(&app, &w.effective, &anonymous, &[0]),
            answer(&app, &w.effective, &anonymous, &[1]),
        );
        let codes = [error_code(&a), error_code(&b)];
        assert!(
            codes
                .iter()
                .all(|c| c.is_none() || *c == Some("ALREADY_VOTED")),
            "{a} {b}"
        );
        let (a, b) = tokio::join!(
            answer(&app, &w.effective, &open, &[0]),
            answer(&app, &w.effective, &open, &[0, 1]),
        );
        assert!(a["errors"].is_null() && b["errors"].is_null(), "{a} {b}");
    }
    assert_eq!(app.count("poll_participations").await, 1);
    assert_eq!(app.count("poll_ballots").await, 1);
    assert_eq!(app.count("poll_answers").await, 1);
}

/// The member's export has the polls they asked, their open answers in words, and the
/// anonymous polls they answered — without what they chose there.
#[tokio::test]
async fn the_export_names_open_answers_and_only_the_fact_of_anonymous_ones() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let open = poll_id(
        &app,
        &w.board,
        input("RANKED", "OPEN", None, &["Wiki", "Forum", "Liste"]),
    )
    .await;
    let secret = poll_id(
        &app,
        &w.board,
        input("SINGLE", "ANONYMOUS", None, &["Oui", "Non"]),
    )
    .await;
    answered(&app, &w.effective, &open, &[2, 0]).await;
    answered(&app, &w.effective, &secret, &[1]).await;
    let export = |who: &constellation_tests::TestUser| {
        let req = app
            .client
            .get(format!("{}/export/me?format=json", app.url))
            .bearer_auth(&who.token);
        async move {
            req.send()
                .await
                .expect("export")
                .json::<serde_json::Value>()
                .await
                .expect("json")
        }
    };
    let mine = export(&w.effective).await;
    let polls = &mine["polls"];
    assert_eq!(
        polls["answers"][0]["choice"],
        serde_json::json!(["Liste", "Wiki"]),
        "{polls}"
    );
    assert_eq!(polls["anonymousPollsAnswered"][0]["poll"], secret.as_str());
    assert!(
        !polls["anonymousPollsAnswered"].to_string().contains("Non"),
        "{polls}"
    );
    let theirs = export(&w.board).await;
    assert_eq!(
        theirs["polls"]["created"].as_array().map(Vec::len),
        Some(2),
        "{theirs}"
    );
}
