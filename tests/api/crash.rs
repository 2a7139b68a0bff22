//! Crash test: the server process is killed (SIGKILL) in the middle of a vote load and
//! restarted on the same database. Every vote the clients saw acknowledged must be counted,
//! and secret-ballot participations and ballots must still match one to one.
//!
//! The server under test runs in a child process: this test binary started again on the
//! ignored test `crash::crash_child_server`, which serves the database named in
//! `CONSTELLATION_CRASH_DB` and prints its address.

use constellation_tests::{spawn_app, spawn_app_with};
use serde_json::json;
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, BufReader};

#[tokio::test]
#[ignore = "started by the crash test as its child process"]
async fn crash_child_server() {
    let Ok(url) = std::env::var("CONSTELLATION_CRASH_DB") else {
        return;
    };
    let app = spawn_app_with(|c| c.database_url = Some(url)).await;
    println!("ADDR {}", app.addr);
    std::future::pending::<()>().await;
}

/// Starts the child server on `db`; returns it with its base URL.
async fn child(db: &str) -> (tokio::process::Child, String) {
    let mut c = tokio::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "crash::crash_child_server",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env("CONSTELLATION_CRASH_DB", db)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn the child server");
    let out = c.stdout.take().expect("stdout");
    let mut lines = BufReader::new(out).lines();
    let addr = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        loop {
            match lines.next_line().await {
                Ok(Some(l)) if l.starts_with("ADDR ") => return l[5..].trim().to_owned(),
                Ok(Some(_)) => continue,
                _ => panic!("the child server stopped before listening"),
            }
        }
    })
    .await
    .expect("the child server listens within 60 s");
    // Keep draining its output so it never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (c, format!("http://{addr}"))
}

#[tokio::test]
async fn votes_acknowledged_before_a_kill_are_all_counted_after_the_restart() {
    // Set up through an in-process server on the same database.
    let app = spawn_app().await;
    let db_url = app.config.database_url.clone().expect("database url");
    let chair = app.signup("Chair").await;
    let voters = app.effective_members(300, "Voter").await;
    let (a, motions) = app.draft_assembly(&chair).await;
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    app.assembly_step(&chair, "openSession", &a).await;
    for v in &voters {
        app.check_in(&chair, &a, Some(&v.id)).await;
    }
    for mo in &motions {
        app.voting(&chair, "openVoting", mo).await;
    }

    let (mut server, url) = child(&db_url).await;
    let acked: Arc<Mutex<HashSet<(String, String)>>> = Arc::default();
    let count = Arc::new(AtomicUsize::new(0));
    let client = reqwest::Client::new();
    let mut tasks = Vec::new();
    for v in &voters {
        for mo in &motions {
            let (client, url, acked, count) =
                (client.clone(), url.clone(), acked.clone(), count.clone());
            let (token, member, mo) = (v.token.clone(), v.id.clone(), mo.clone());
            tasks.push(tokio::spawn(async move {
                let r = client
                    .post(format!("{url}/graphql"))
                    .bearer_auth(token)
                    .json(&json!({ "query": "mutation($m: ID!, $w: ID!) { castVote(motionId: $m, memberId: $w, choice: YES) { motionId } }", "variables": { "m": mo, "w": member } }))
                    .send()
                    .await;
                if let Ok(r) = r {
                    if let Ok(body) = r.json::<serde_json::Value>().await {
                        if body["errors"].is_null() && body["data"]["castVote"].is_object() {
                            acked.lock().expect("lock").insert((mo, member));
                            count.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                }
            }));
        }
    }
    // Kill it mid-load, once some votes are acknowledged.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while count.load(Ordering::SeqCst) < 60 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    server.kill().await.expect("SIGKILL");
    for t in tasks {
        let _ = t.await;
    }
    let acked = acked.lock().expect("lock").clone();
    assert!(
        acked.len() >= 60,
        "only {} votes acknowledged before the kill",
        acked.len()
    );
    assert!(
        acked.len() < 600,
        "the load finished before the kill; nothing was tested"
    );

    // Restart on the same database: everything acknowledged is there.
    let (mut again, url2) = child(&db_url).await;
    use constellation_backend::entities::{ballot_participation, open_vote};
    use sea_orm::EntityTrait;
    let open: HashSet<(String, String)> = open_vote::Entity::find()
        .all(&app.db)
        .await
        .expect("open votes")
        .into_iter()
        .map(|v| (v.motion_id.to_string(), v.member_id.to_string()))
        .collect();
    let secret: HashSet<(String, String)> = ballot_participation::Entity::find()
        .all(&app.db)
        .await
        .expect("participations")
        .into_iter()
        .map(|v| (v.motion_id.to_string(), v.member_id.to_string()))
        .collect();
    for vote in &acked {
        assert!(
            open.contains(vote) || secret.contains(vote),
            "acknowledged vote lost: {vote:?}"
        );
    }
    assert_eq!(
        app.count("ballot_participations").await,
        app.count("secret_ballots").await
    );
    // And the restarted server takes the votes that never landed.
    let missing = voters
        .iter()
        .find(|v| !secret.contains(&(motions[1].clone(), v.id.clone())))
        .expect("a voter whose secret vote did not land");
    let r: serde_json::Value = client
        .post(format!("{url2}/graphql"))
        .bearer_auth(&missing.token)
        .json(&json!({ "query": "mutation($m: ID!, $w: ID!) { castVote(motionId: $m, memberId: $w, choice: NO) { receipt } }", "variables": { "m": motions[1], "w": missing.id } }))
        .send()
        .await
        .expect("vote after restart")
        .json()
        .await
        .expect("json");
    assert!(r["data"]["castVote"]["receipt"].is_string(), "{r}");
    again.kill().await.expect("stop");
}
