//! Two server processes on one PostgreSQL database, with one JWT secret: what happens on one
//! replica reaches the live pages of the other (assembly figures, the audit feed, barcamp
//! changes, the bell), each once; votes split over both still count once per voter; a
//! listener whose connection is killed reconnects and reads back what it missed.
//!
//! The replicas are child processes: this test binary started again on the ignored test
//! `replicas::replica_child_server`, which serves the database named in
//! `CONSTELLATION_REPLICA_DB` and prints its address. PostgreSQL only: on SQLite one
//! process serves the database, and these tests say so and return.

use constellation_tests::{database_kind, error_code, spawn_app, TestApp, TestUser, JWT_SECRET};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

#[tokio::test]
#[ignore = "started by the replica tests as their child processes"]
async fn replica_child_server() {
    let Ok(url) = std::env::var("CONSTELLATION_REPLICA_DB") else {
        return;
    };
    constellation_backend::telemetry::init("warn");
    let dir = tempfile::tempdir().expect("tmp");
    let config = constellation_backend::Config {
        bind: "127.0.0.1:0".into(),
        data_dir: dir.path().to_path_buf(),
        database_url: Some(url),
        jwt_secret: Some(secrecy::SecretString::from(JWT_SECRET)),
        database_max_connections: 8,
        replica_name: std::env::var("CONSTELLATION_REPLICA_NAME").ok(),
        live_retry_ms: std::env::var("CONSTELLATION_REPLICA_RETRY_MS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(1_000),
        ..constellation_backend::Config::default()
    };
    let app = constellation_backend::Application::build(config)
        .await
        .expect("the replica starts");
    println!("ADDR {}", app.local_addr());
    app.serve(std::future::pending())
        .await
        .expect("the replica serves");
}

/// A replica in its own process.
struct Replica {
    name: String,
    addr: String,
    url: String,
    client: reqwest::Client,
    _child: tokio::process::Child,
}

impl Replica {
    async fn start(db: &str, name: &str, retry_ms: u64) -> Self {
        let mut c = tokio::process::Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "replicas::replica_child_server",
                "--exact",
                "--ignored",
                "--nocapture",
            ])
            .env("CONSTELLATION_REPLICA_DB", db)
            .env("CONSTELLATION_REPLICA_NAME", name)
            .env("CONSTELLATION_REPLICA_RETRY_MS", retry_ms.to_string())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("spawn a replica");
        let out = c.stdout.take().expect("stdout");
        let mut lines = BufReader::new(out).lines();
        let addr = tokio::time::timeout(Duration::from_secs(60), async {
            loop {
                match lines.next_line().await {
                    Ok(Some(l)) if l.starts_with("ADDR ") => return l[5..].trim().to_owned(),
                    Ok(Some(_)) => continue,
                    _ => panic!("replica {name} stopped before listening"),
                }
            }
        })
        .await
        .expect("the replica listens within 60 s");
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Self {
            name: name.to_owned(),
            url: format!("http://{addr}"),
            addr,
            client: reqwest::Client::new(),
            _child: c,
        }
    }

    async fn gql(&self, token: &str, query: &str, variables: Value) -> Value {
        self.client
            .post(format!("{}/graphql", self.url))
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("json")
    }

    async fn cast(&self, who: &TestUser, motion: &str, member: &str, choice: &str) -> Value {
        self.gql(
            &who.token,
            "mutation($m: ID!, $w: ID!, $c: Choice!) { castVote(motionId: $m, memberId: $w, choice: $c) { motionId } }",
            json!({ "m": motion, "w": member, "c": choice }),
        )
        .await
    }

    async fn health(&self) -> (u16, Value) {
        let r = self
            .client
            .get(format!("{}/health", self.url))
            .send()
            .await
            .expect("health");
        let status = r.status().as_u16();
        (status, r.json().await.expect("json"))
    }

    /// A graphql-transport-ws connection carrying one subscription.
    async fn subscribe(&self, token: &str, query: &str, variables: Value) -> crate::audit::Ws {
        let mut req = format!("ws://{}/graphql/ws", self.addr)
            .into_client_request()
            .expect("request");
        req.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            "graphql-transport-ws".parse().expect("header"),
        );
        let (mut ws, _) = tokio_tungstenite::connect_async(req)
            .await
            .expect("ws connect");
        ws.send(crate::audit::send(
            json!({ "type": "connection_init", "payload": { "token": token } }),
        ))
        .await
        .expect("init");
        let ack = ws.next().await.expect("ack").expect("ack");
        assert!(ack.to_text().unwrap_or_default().contains("connection_ack"));
        ws.send(crate::audit::send(json!({
            "id": "1", "type": "subscribe",
            "payload": { "query": query, "variables": variables }
        })))
        .await
        .expect("subscribe");
        ws
    }
}

/// The in-process app (setup and assertions) on a fresh PostgreSQL database, or None with a
/// note on SQLite.
async fn postgres_app(test: &str) -> Option<TestApp> {
    if database_kind() != "postgres" {
        eprintln!(
            "replicas::{test}: PostgreSQL only (CONSTELLATION_TEST_DB=postgres); skipped on SQLite"
        );
        return None;
    }
    Some(spawn_app().await)
}

async fn two_replicas(app: &TestApp, retry_b_ms: u64) -> (Replica, Replica) {
    let db = app.config.database_url.clone().expect("database url");
    let tag = uuid::Uuid::new_v4().simple().to_string();
    let (name_a, name_b) = (format!("a-{}", &tag[..8]), format!("b-{}", &tag[..8]));
    tokio::join!(
        Replica::start(&db, &name_a, 1_000),
        Replica::start(&db, &name_b, retry_b_ms),
    )
}

/// The next `next` payload's data field `field` accepted by `want`, within `wait`.
async fn next_where(
    ws: &mut crate::audit::Ws,
    field: &str,
    wait: Duration,
    want: impl Fn(&Value) -> bool,
) -> Option<Value> {
    tokio::time::timeout(wait, async {
        loop {
            let m = ws.next().await?.ok()?;
            let v: Value = serde_json::from_str(m.to_text().unwrap_or("{}")).unwrap_or_default();
            let data = &v["payload"]["data"][field];
            if v["type"] == "next" && want(data) {
                return Some(data.clone());
            }
        }
    })
    .await
    .ok()
    .flatten()
}

/// Every `next` payload's `field` that arrives within `wait`.
async fn all_within(ws: &mut crate::audit::Ws, field: &str, wait: Duration) -> Vec<Value> {
    let mut out = Vec::new();
    let until = Instant::now() + wait;
    while let Some(v) = next_where(
        ws,
        field,
        until.saturating_duration_since(Instant::now()),
        |_| true,
    )
    .await
    {
        out.push(v);
    }
    out
}

/// A chair (first account: admin and board, made effective), effective members, and an
/// assembly in session with the members checked in and voting open on the open motion.
async fn assembly_in_session(app: &TestApp, n: usize) -> (TestUser, Vec<TestUser>, String, String) {
    let chair = app.signup("Chair").await;
    app.set_roles(&chair, &chair, json!({ "kind": "EFFECTIVE" }))
        .await;
    let voters = app.effective_members(n, "Voter").await;
    let (a, motions) = app.draft_assembly(&chair).await;
    assert!(app.assembly_step(&chair, "conveneAssembly", &a).await["errors"].is_null());
    assert!(app.assembly_step(&chair, "openSession", &a).await["errors"].is_null());
    for v in &voters {
        assert!(app.check_in(&chair, &a, Some(&v.id)).await["errors"].is_null());
    }
    assert!(app.voting(&chair, "openVoting", &motions[0]).await["errors"].is_null());
    (chair, voters, a, motions[0].clone())
}

#[tokio::test]
async fn a_vote_on_one_replica_reaches_live_pages_and_the_audit_feed_on_the_other_once() {
    let Some(app) = postgres_app("a_vote_on_one_replica").await else {
        return;
    };
    let (a, b) = two_replicas(&app, 1_000).await;
    let (chair, voters, assembly, motion) = assembly_in_session(&app, 2).await;
    // Let the setup's own live events drain before the pages open.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let live_q = "subscription($a: ID!) { assemblyLive(assemblyId: $a) { kind motionId turnout } }";
    let audit_q = "subscription { auditEvents { id action targetId } }";
    let mut live_b = b
        .subscribe(&voters[1].token, live_q, json!({ "a": assembly }))
        .await;
    let mut audit_b = b.subscribe(&chair.token, audit_q, json!({})).await;
    let mut audit_a = a.subscribe(&chair.token, audit_q, json!({})).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let started = Instant::now();
    let r = a.cast(&voters[0], &motion, &voters[0].id, "YES").await;
    assert!(r["errors"].is_null(), "{r}");
    let live = next_where(&mut live_b, "assemblyLive", Duration::from_secs(5), |d| {
        d["kind"] == "VOTE"
    })
    .await
    .expect("the vote reaches replica B's assembly page");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert_eq!(live["motionId"], motion.as_str(), "{live}");
    assert_eq!(live["turnout"], 1, "{live}");

    // The vote's audit entry: on B (carried over) and on A (its own), once each.
    let is_vote = |e: &Value| e["action"] == "assembly.vote" && e["targetId"] == motion.as_str();
    let on_b = next_where(&mut audit_b, "auditEvents", Duration::from_secs(1), is_vote)
        .await
        .expect("the audit entry reaches replica B within a second");
    let mut seen_a: Vec<Value> =
        all_within(&mut audit_a, "auditEvents", Duration::from_millis(1500))
            .await
            .into_iter()
            .filter(is_vote)
            .collect();
    let more_b: Vec<Value> = all_within(&mut audit_b, "auditEvents", Duration::from_millis(300))
        .await
        .into_iter()
        .filter(is_vote)
        .collect();
    assert_eq!(
        seen_a.len(),
        1,
        "replica A delivers its own entry once: {seen_a:?}"
    );
    assert!(more_b.is_empty(), "replica B delivers it once: {more_b:?}");
    assert_eq!(
        seen_a.pop().map(|e| e["id"].clone()),
        Some(on_b["id"].clone())
    );
}

#[tokio::test]
async fn a_barcamp_change_on_one_replica_reaches_the_venue_screen_on_the_other() {
    let Some(app) = postgres_app("a_barcamp_change").await else {
        return;
    };
    let (a, b) = two_replicas(&app, 1_000).await;
    let admin = app.signup("Admin").await;
    let e = app.edition(&admin, 2027).await;
    app.register_for(&admin, &e.id).await;
    let ana = app.attendee("Ana", &e.id).await;
    let s = app.session(&ana, &e.id, "Live", 1).await;
    app.phase(&admin, &e.id, "INTEREST").await;
    app.phase(&admin, &e.id, "SCHEDULING").await;
    let mut screen = b
        .subscribe(
            &ana.token,
            "subscription($e: ID!) { barcampChanges(editionId: $e) { action sessionId } }",
            json!({ "e": e.id }),
        )
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let r = a
        .gql(
            &admin.token,
            "mutation($s: ID!, $r: ID!, $t: ID!) { moveBarcampSession(sessionId: $s, roomId: $r, startSlotId: $t) { id } }",
            json!({ "s": s, "r": e.big, "t": e.slots[1] }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let change = next_where(&mut screen, "barcampChanges", Duration::from_secs(5), |c| {
        c["action"] == "barcamp.session.move"
    })
    .await
    .expect("the move reaches replica B");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(change["sessionId"], s.as_str());
}

#[tokio::test]
async fn a_notification_written_on_one_replica_rings_the_bell_on_the_other() {
    let Some(app) = postgres_app("a_notification").await else {
        return;
    };
    let (a, b) = two_replicas(&app, 1_000).await;
    let chair = app.signup("Chair").await;
    app.set_roles(&chair, &chair, json!({ "kind": "EFFECTIVE" }))
        .await;
    let members = app.effective_members(2, "Member").await;
    let (assembly, _) = app.draft_assembly(&chair).await;
    let mut bell = b
        .subscribe(
            &members[0].token,
            "subscription { notificationAdded { unreadCount latest { kind } } }",
            json!({}),
        )
        .await;
    // The feed starts with the current count.
    let first = next_where(
        &mut bell,
        "notificationAdded",
        Duration::from_secs(5),
        |_| true,
    )
    .await
    .expect("the first signal");
    assert_eq!(first["unreadCount"], 0, "{first}");
    let started = Instant::now();
    let r = a
        .gql(
            &chair.token,
            "mutation($id: ID!) { conveneAssembly(assemblyId: $id) { id } }",
            json!({ "id": assembly }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let rung = next_where(
        &mut bell,
        "notificationAdded",
        Duration::from_secs(5),
        |s| s["unreadCount"] == 1,
    )
    .await
    .expect("the bell rings on replica B");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(rung["latest"]["kind"], "ASSEMBLY_CONVENED");
}

/// The assemblies suite's 1,000 simultaneous attempts (own votes, proxy votes, repeats,
/// votes for people one does not represent), alternately sent to each replica.
#[tokio::test]
async fn a_thousand_simultaneous_attempts_split_over_two_replicas_count_one_vote_per_voter() {
    let Some(app) = postgres_app("a_thousand_simultaneous_attempts").await else {
        return;
    };
    let (a, b) = two_replicas(&app, 1_000).await;
    let chair = app.signup("Chair").await;
    app.set_roles(&chair, &chair, json!({ "kind": "EFFECTIVE" }))
        .await;
    let people = app.effective_members(300, "Voter").await;
    let (voters, principals) = people.split_at(200);
    let (asm, motions) = app.draft_assembly(&chair).await;
    assert!(app.assembly_step(&chair, "conveneAssembly", &asm).await["errors"].is_null());
    for (p, h) in principals.iter().zip(voters.iter()) {
        app.proxy(p, h, &asm).await;
    }
    assert!(app.assembly_step(&chair, "openSession", &asm).await["errors"].is_null());
    for v in voters {
        assert!(app.check_in(&chair, &asm, Some(&v.id)).await["errors"].is_null());
    }
    for mo in &motions {
        assert!(app.voting(&chair, "openVoting", mo).await["errors"].is_null());
    }
    let mut attempts = Vec::new();
    for round in 0..5 {
        for (i, v) in voters.iter().enumerate() {
            let mo = motions[(i + round) % 2].clone();
            let member = match round {
                0 | 1 => v.id.clone(),
                2 | 3 => principals.get(i).map_or(v.id.clone(), |p| p.id.clone()),
                _ => principals[(i + 1) % principals.len()].id.clone(),
            };
            attempts.push((v.clone(), mo, member));
        }
    }
    let results =
        futures_util::future::join_all(attempts.iter().enumerate().map(|(i, (v, mo, member))| {
            let replica = if i % 2 == 0 { &a } else { &b };
            async move {
                replica
                    .cast(v, mo, member, ["YES", "NO", "ABSTAIN"][member.len() % 3])
                    .await
            }
        }))
        .await;
    let mut accepted: HashSet<(String, String)> = HashSet::new();
    let mut per_replica = [0usize; 2];
    for (i, ((_, mo, member), r)) in attempts.iter().zip(&results).enumerate() {
        match error_code(r) {
            None => {
                assert!(
                    accepted.insert((mo.clone(), member.clone())),
                    "counted twice: {r}"
                );
                per_replica[i % 2] += 1;
            }
            Some("ALREADY_VOTED" | "NOT_ELIGIBLE") => {}
            other => panic!("unexpected {other:?}: {r}"),
        }
    }
    assert_eq!(accepted.len(), 2 * 300);
    assert!(
        per_replica[0] > 0 && per_replica[1] > 0,
        "both replicas took votes: {per_replica:?}"
    );
    assert_eq!(
        app.count("open_votes").await + app.count("ballot_participations").await,
        600
    );
    assert_eq!(
        app.count("ballot_participations").await,
        app.count("secret_ballots").await
    );
}

#[tokio::test]
async fn a_listener_cut_off_reconnects_and_delivers_what_was_sent_meanwhile() {
    use sea_orm::{ConnectionTrait, Statement};
    let Some(app) = postgres_app("a_listener_cut_off").await else {
        return;
    };
    // B waits 2 s before reconnecting: long enough to send something while it is away.
    let (a, b) = two_replicas(&app, 2_000).await;
    let chair = app.signup("Chair").await;
    let member = app.signup("Member").await;
    let (status, h) = b.health().await;
    assert_eq!(status, 200, "{h}");
    assert_eq!(h["replica"], b.name.as_str());
    assert_eq!(h["listener"], "connected");
    assert_eq!(h["listenerReconnects"], 0);
    let mut feed = b
        .subscribe(
            &chair.token,
            "subscription { auditEvents { action targetId } }",
            json!({}),
        )
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    // PostgreSQL ends B's listening connection (named after the replica).
    let rows = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            format!(
                "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
                 WHERE datname = current_database() AND application_name = 'constellation-listen:{}'",
                b.name
            ),
        ))
        .await
        .expect("terminate");
    assert_eq!(rows.len(), 1, "B has one listening connection");
    let deadline = Instant::now() + Duration::from_secs(2);
    let (status, h) = loop {
        let (status, h) = b.health().await;
        if h["listener"] == "disconnected" || Instant::now() > deadline {
            break (status, h);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(h["listener"], "disconnected", "{h}");
    assert_eq!(status, 503, "a replica that cannot hear the others says so");

    // A change through A while B is away; its row is written before B is back.
    let before = app.count("live_events").await;
    let r = a
        .gql(
            &chair.token,
            "mutation($id: ID!) { setRoles(userId: $id, membershipKind: ADHERENT) { id } }",
            json!({ "id": member.id }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let deadline = Instant::now() + Duration::from_secs(1);
    while app.count("live_events").await == before && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(app.count("live_events").await > before, "A wrote its event");
    assert_eq!(
        b.health().await.1["listener"],
        "disconnected",
        "the event was sent while B was not listening"
    );

    let entry = next_where(&mut feed, "auditEvents", Duration::from_secs(10), |e| {
        e["action"] == "account.set_roles" && e["targetId"] == member.id.as_str()
    })
    .await
    .expect("B reads back what it missed");
    assert_eq!(entry["targetId"], member.id.as_str());
    let (status, h) = b.health().await;
    assert_eq!(status, 200, "{h}");
    assert_eq!(h["listener"], "connected");
    assert_eq!(h["listenerReconnects"], 1);
}

#[tokio::test]
async fn health_names_the_replica_and_its_listener() {
    let app = spawn_app().await;
    let h: Value = app
        .client
        .get(format!("{}/health", app.url))
        .send()
        .await
        .expect("health")
        .json()
        .await
        .expect("json");
    let pid = format!("-{}", std::process::id());
    assert!(
        h["replica"].as_str().is_some_and(|r| r.ends_with(&pid)),
        "{h}"
    );
    let expected = if database_kind() == "postgres" {
        "connected"
    } else {
        "in-process"
    };
    assert_eq!(h["listener"], expected, "{h}");
}
