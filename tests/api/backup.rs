//! `constellation backup` under a write load, then `constellation restore` into a fresh
//! directory: every vote acknowledged before the backup began is in the restored database.

use constellation_backend::backup::{self, Backup};
use constellation_tests::{database_kind, spawn_app};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::json;
use std::collections::HashSet;
use std::time::Instant;

#[tokio::test]
async fn a_backup_taken_while_members_vote_restores_every_acknowledged_vote() {
    let app = spawn_app().await;
    let url = app.config.database_url();
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("backup.db");
    if database_kind() == "postgres" {
        // PostgreSQL's own tools do this; the command says which to run.
        match backup::backup(&app.db, &url, &file).await.expect("backup") {
            Backup::UsePgDump(cmd) => assert!(cmd.starts_with("pg_dump"), "{cmd}"),
            Backup::Written(_) => panic!("no file is written for PostgreSQL"),
        }
        return;
    }
    let chair = app.signup("Chair").await;
    app.set_roles(&chair, &chair, json!({ "kind": "EFFECTIVE" }))
        .await;
    let members = app.effective_members(60, "Voter").await;
    let (a, motions) = app.draft_assembly(&chair).await;
    let motion = motions[0].clone(); // an open ballot
    assert!(app.assembly_step(&chair, "conveneAssembly", &a).await["errors"].is_null());
    assert!(app.assembly_step(&chair, "openSession", &a).await["errors"].is_null());
    for m in &members {
        assert!(app.check_in(&chair, &a, Some(&m.id)).await["errors"].is_null());
    }
    assert!(app.voting(&chair, "openVoting", &motion).await["errors"].is_null());

    // A third vote before the backup; the rest stream in while it runs, each
    // acknowledgement timed.
    let (early, late) = members.split_at(20);
    let mut acks = Vec::new();
    for m in early {
        let r = app.cast(m, &motion, &m.id, "YES").await;
        acks.push((m.id.clone(), r["errors"].is_null(), Instant::now()));
    }
    let app_ref = &app;
    let load = futures_util::future::join_all(late.iter().map(|m| {
        let motion = motion.clone();
        async move {
            let r = app_ref.cast(m, &motion, &m.id, "YES").await;
            (m.id.clone(), r["errors"].is_null(), Instant::now())
        }
    }));
    let snapshot = async {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        let started = Instant::now();
        let done = backup::backup(&app.db, &url, &file).await.expect("backup");
        (started, done)
    };
    let (late_acks, (started, done)) = tokio::join!(load, snapshot);
    acks.extend(late_acks);
    assert!(matches!(done, Backup::Written(_)));
    let before: HashSet<String> = acks
        .iter()
        .filter(|(_, ok, at)| *ok && *at < started)
        .map(|(id, _, _)| id.clone())
        .collect();
    assert!(acks.iter().all(|(_, ok, _)| *ok), "every vote was accepted");
    assert!(
        before.len() >= early.len(),
        "the early votes were acknowledged before"
    );

    // A backup never overwrites, and a restore never replaces a live database unasked.
    assert!(backup::backup(&app.db, &url, &file).await.is_err());
    assert!(backup::restore(&url, &file, false).await.is_err());
    let not_sqlite = dir.path().join("notes.txt");
    std::fs::write(&not_sqlite, "hello").expect("write");
    let fresh = dir.path().join("restored").join("constellation.db");
    let fresh_url = format!("sqlite://{}?mode=rwc", fresh.display());
    assert!(backup::restore(&fresh_url, &not_sqlite, false)
        .await
        .is_err());

    backup::restore(&fresh_url, &file, false)
        .await
        .expect("restore");
    let db = constellation_backend::db::connect(&fresh_url)
        .await
        .expect("open");
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "SELECT member_id FROM open_votes WHERE motion_id = ?",
            [sea_orm::Value::from(
                uuid::Uuid::parse_str(&motion).expect("uuid"),
            )],
        ))
        .await
        .expect("votes");
    let restored: HashSet<String> = rows
        .iter()
        .filter_map(|r| r.try_get_by_index::<uuid::Uuid>(0).ok())
        .map(|u| u.to_string())
        .collect();
    let missing: Vec<_> = before.difference(&restored).collect();
    assert!(
        missing.is_empty(),
        "acknowledged before the backup, missing after restore: {missing:?}"
    );
    eprintln!(
        "{} votes acknowledged before the backup began, {} in the backup, {} in all",
        before.len(),
        restored.len(),
        acks.len()
    );
}
