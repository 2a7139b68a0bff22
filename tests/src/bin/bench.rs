//! Loopback load generator for `cargo xtask bench`: starts the release server binary on a
//! fresh SQLite database, then measures each scenario side by side in one run.
//!
//! Usage: constellation-bench <path to constellation binary>
//!        [logins|convocation|replicas|frontend|footprint|encrypted]

#[path = "bench/convocation.rs"]
mod convocation;
#[path = "bench/encrypted.rs"]
mod encrypted;
#[path = "bench/footprint.rs"]
mod footprint;
#[path = "bench/frontend.rs"]
mod frontend;
#[path = "bench/logins.rs"]
mod logins;
#[path = "bench/replicas.rs"]
mod replicas;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONCURRENCY: usize = 32;
const WARMUP: Duration = Duration::from_secs(1);
const DURATION: Duration = Duration::from_secs(5);

struct Scenario {
    name: &'static str,
    body: Value,
    token: Option<String>,
}

struct Outcome {
    requests: usize,
    errors: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

async fn hammer(
    client: reqwest::Client,
    url: String,
    s: Arc<Scenario>,
    for_how_long: Duration,
) -> Outcome {
    let start = Instant::now();
    let workers = (0..CONCURRENCY).map(|_| {
        let client = client.clone();
        let url = url.clone();
        let s = s.clone();
        tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0;
            while start.elapsed() < for_how_long {
                let t = Instant::now();
                let mut req = client.post(&url).json(&s.body);
                if let Some(tok) = &s.token {
                    req = req.bearer_auth(tok);
                }
                let ok = match req.send().await {
                    Ok(r) => r
                        .json::<Value>()
                        .await
                        .map(|v| v["errors"].is_null())
                        .unwrap_or(false),
                    Err(_) => false,
                };
                if ok {
                    lat.push(t.elapsed());
                } else {
                    errors += 1;
                }
            }
            (lat, errors)
        })
    });
    let mut latencies = Vec::new();
    let mut errors = 0;
    for w in workers {
        if let Ok((l, e)) = w.await {
            latencies.extend(l);
            errors += e;
        }
    }
    latencies.sort();
    Outcome {
        requests: latencies.len(),
        errors,
        elapsed: start.elapsed(),
        latencies,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

async fn gql(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> Result<Value> {
    let mut req = client
        .post(url)
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let v: Value = req.send().await?.json().await?;
    if !v["errors"].is_null() {
        bail!("{query}: {v}");
    }
    Ok(v["data"].clone())
}

async fn account(client: &reqwest::Client, url: &str, email: &str) -> Result<(String, String)> {
    let reg = gql(
        client,
        url,
        None,
        "mutation($i: RegisterInput!) { register(input: $i) { id } }",
        json!({ "i": { "email": email, "password": "bench password 123", "displayName": email } }),
    )
    .await?;
    let login = gql(
        client,
        url,
        None,
        "mutation($e: String!) { login(email: $e, password: \"bench password 123\") { token } }",
        json!({ "e": email }),
    )
    .await?;
    Ok((
        reg["register"]["id"].as_str().context("id")?.to_owned(),
        login["login"]["token"]
            .as_str()
            .context("token")?
            .to_owned(),
    ))
}

/// 50 active public Labs, each with a coordinator, a participant and two projects.
async fn seed_labs(client: &reqwest::Client, url: &str, admin: &str) -> Result<()> {
    let (founder_id, founder) = account(client, url, "founder@example.org").await?;
    let (_, member) = account(client, url, "member@example.org").await?;
    gql(
        client,
        url,
        Some(admin),
        "mutation($id: ID!) { setRoles(userId: $id, membershipKind: EFFECTIVE) { id } }",
        json!({ "id": founder_id }),
    )
    .await?;
    for i in 0..50 {
        let framing = json!({ "themes": ["bench"], "description": "d", "objectives": "o", "scopeIn": "", "scopeOut": "", "expectedOutputs": "",
            "startDate": "2027-01-01", "endDate": "2027-12-31", "membershipPolicy": "OPEN", "participation": "", "visibility": "PUBLIC" });
        let lab = gql(client, url, Some(&founder), "mutation($i: ProposeLabInput!) { proposeLab(input: $i) { id } }",
            json!({ "i": { "name": format!("Bench Lab {i}"), "slug": format!("bench-lab-{i:02}"), "framing": framing } })).await?;
        let id = lab["proposeLab"]["id"]
            .as_str()
            .context("lab id")?
            .to_owned();
        gql(
            client,
            url,
            Some(admin),
            "mutation($id: ID!) { reviewLab(labId: $id, decision: APPROVE) { id } }",
            json!({ "id": id }),
        )
        .await?;
        gql(
            client,
            url,
            Some(&member),
            "mutation($id: ID!) { joinLab(labId: $id) { id } }",
            json!({ "id": id }),
        )
        .await?;
        for p in 0..2 {
            gql(client, url, Some(&member), "mutation($id: ID!, $t: String!) { proposeProject(labId: $id, input: { title: $t, description: \"d\", goals: \"\", resourcesNeeded: \"\" }) { id } }",
                json!({ "id": id, "t": format!("Project {p}") })).await?;
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let bin = std::env::args().nth(1).context(
        "usage: constellation-bench <constellation binary> [logins|convocation|replicas|frontend|footprint|encrypted]",
    )?;
    // One part alone, when asked.
    match std::env::args().nth(2).as_deref() {
        Some("logins") => return logins::rows(&bin).await,
        Some("convocation") => return convocation::rows().await,
        Some("replicas") => return replicas::rows(&bin).await,
        Some("frontend") => return frontend::rows(&bin).await,
        Some("footprint") => return footprint::rows(&bin).await,
        Some("encrypted") => return encrypted::rows().await,
        _ => {}
    }
    let dir = tempfile::tempdir()?;
    let mut child = Command::new(&bin)
        .args(["--bind", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .arg("serve")
        .env("CONSTELLATION_LOG", "warn")
        // The bench registers thousands of voters from one address.
        .env("CONSTELLATION_REGISTER_MAX_PER_ADDRESS", "1000000")
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {bin}"))?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut line = String::new();
    let mut reader = BufReader::new(stdout);
    reader.read_line(&mut line)?;
    // Keep reading what the server prints, so its writes never meet a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    let Some(base) = line.split_whitespace().find(|w| w.starts_with("http://")) else {
        let _ = child.kill();
        bail!("the server did not print its URL: {line:?}");
    };
    let url = format!("{base}/graphql");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CONCURRENCY)
        .build()?;

    let reg = json!({ "query": "mutation($i: RegisterInput!) { register(input: $i) { id } }",
        "variables": { "i": { "email": "bench@example.org", "password": "bench password 123", "displayName": "Bench" } } });
    client.post(&url).json(&reg).send().await?;
    let login: Value = client
        .post(&url)
        .json(&json!({ "query": "mutation { login(email: \"bench@example.org\", password: \"bench password 123\") { token } }" }))
        .send()
        .await?
        .json()
        .await?;
    let token = login["data"]["login"]["token"]
        .as_str()
        .context("login failed")?
        .to_owned();

    seed_labs(&client, &url, &token).await?;

    let scenarios = vec![
        Scenario {
            name: "{ __typename }",
            body: json!({ "query": "{ __typename }" }),
            token: None,
        },
        Scenario {
            name: "me (authenticated)",
            body: json!({ "query": "{ me { id email displayName membershipKind isBoard isAdmin language } }" }),
            token: Some(token),
        },
        Scenario {
            name: "Labs directory (50)",
            body: json!({ "query": constellation_shared::queries::labs::LABS, "variables": { "first": 50 } }),
            token: None,
        },
    ];
    println!("Loopback load: {CONCURRENCY} concurrent clients, {}s per row after {}s warm-up, release build, SQLite", DURATION.as_secs(), WARMUP.as_secs());
    println!(
        "{:<24} {:>10} {:>10} {:>9} {:>9} {:>8} {:>9}",
        "scenario", "requests", "req/s", "p50 ms", "p99 ms", "errors", "vs bare"
    );
    let mut bare = None;
    for s in scenarios {
        let s = Arc::new(s);
        hammer(client.clone(), url.clone(), s.clone(), WARMUP).await;
        let o = hammer(client.clone(), url.clone(), s.clone(), DURATION).await;
        let rps = o.requests as f64 / o.elapsed.as_secs_f64();
        let base = *bare.get_or_insert(rps);
        println!(
            "{:<24} {:>10} {:>10.0} {:>9.2} {:>9.2} {:>8} {:>8.0}%",
            s.name,
            o.requests,
            rps,
            percentile(&o.latencies, 0.5),
            percentile(&o.latencies, 0.99),
            o.errors,
            100.0 * rps / base
        );
    }
    let _ = child.kill();
    let _ = child.wait();
    scheduler_rows();
    vote_rows().await?;
    encrypted::rows().await?;
    replicas::rows(&bin).await?;
    logins::rows(&bin).await?;
    convocation::rows().await?;
    // Needs the built site and Chromium: a failure there prints n/a, it does not abort.
    if let Err(e) = frontend::rows(&bin).await {
        println!("(frontend rows n/a: {e:#})");
    }
    footprint::rows(&bin).await?;
    Ok(())
}

/// Spawns the server `cmd` with its stdout piped, reads the URL from the first line it
/// prints and keeps draining the rest; returns the process and its base URL.
fn start(cmd: &mut Command) -> Result<(Child, String)> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {program}"))?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // Keep reading what the server prints, so its writes never meet a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    let Some(base) = line.split_whitespace().find(|w| w.starts_with("http://")) else {
        let _ = child.kill();
        let _ = child.wait();
        bail!("{program} did not print its URL: {line:?}");
    };
    Ok((child, base.to_owned()))
}

/// 150 sessions, 8 rooms, 16 slots (two days of 8), 1,500 attendees wanting 10 sessions
/// each (popularity skewed), hosts among 120 people, some 2-slot sessions and equipment.
fn scheduler_instance() -> constellation_shared::rules::schedule::Problem {
    use constellation_shared::rules::schedule::{Problem, Room, Session};
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n.max(1)
    };
    let capacities = [120, 90, 60, 50, 40, 30, 30, 20];
    let rooms = capacities
        .iter()
        .enumerate()
        .map(|(i, c)| Room {
            capacity: *c,
            equipment: if i % 2 == 0 { 0b11 } else { 0b01 },
        })
        .collect();
    let mut sessions: Vec<Session> = (0..150)
        .map(|i| Session {
            length: if i % 10 == 0 { 2 } else { 1 },
            hosts: if i % 4 == 0 {
                vec![next(120) as u32, next(120) as u32]
            } else {
                vec![next(120) as u32]
            },
            needs: if i % 5 == 0 { 0b10 } else { 0b01 },
            pinned: None,
            interested: vec![],
        })
        .collect();
    for a in 0..1500u32 {
        let mut picked = std::collections::HashSet::new();
        while picked.len() < 10 {
            // Skewed: low-numbered sessions are more popular.
            let s = (next(150) * next(150) / 149) as usize;
            picked.insert(s.min(149));
        }
        for s in picked {
            sessions[s].interested.push(a);
        }
    }
    Problem {
        rooms,
        days: vec![8, 8],
        sessions,
    }
}

fn scheduler_rows() {
    use constellation_shared::rules::schedule::{greedy_baseline, schedule};
    let p = scheduler_instance();
    println!("\nScheduler: 150 sessions, 8 rooms, 16 slots, 1,500 attendees, 10 interests each");
    println!(
        "{:<34} {:>10} {:>12} {:>9}",
        "algorithm", "time ms", "objective", "unplaced"
    );
    let t = Instant::now();
    let g = greedy_baseline(&p);
    println!(
        "{:<34} {:>10.1} {:>12} {:>9}",
        "greedy baseline (first free slot)",
        t.elapsed().as_secs_f64() * 1000.0,
        g.objective,
        g.unplaced.len()
    );
    for iterations in [20_000, 200_000] {
        let t = Instant::now();
        let s = schedule(&p, iterations, 42);
        println!(
            "{:<34} {:>10.1} {:>12} {:>9}",
            format!("scheduler ({iterations} steps)"),
            t.elapsed().as_secs_f64() * 1000.0,
            s.objective,
            s.unplaced.len()
        );
    }
    println!("(objective: attendable (attendee, session) pairs minus interest beyond room capacity; 15,000 pairs wanted)");
}

/// "2,000 voters cast at once": every voter sends one secret-ballot vote through the API at
/// the same moment (the server commits concurrent votes together); beside it, the same
/// number of votes written one transaction per vote, straight to the database, in the same
/// run and on the same database.
async fn vote_rows() -> Result<()> {
    println!(
        "\nVotes: 2,000 voters cast at once (release build, in-process server, durable commits)"
    );
    println!(
        "{:<11} {:<34} {:>13} {:>10} {:>9} {:>9}",
        "database", "mode", "all acked ms", "votes/s", "p50 ms", "p99 ms"
    );
    let dir = tempfile::tempdir()?;
    for (batch, file) in [(512, "batched.db"), (1, "single.db")] {
        let sqlite = format!("sqlite://{}?mode=rwc", dir.path().join(file).display());
        vote_bench("SQLite", sqlite, batch).await?;
    }
    match std::env::var("CONSTELLATION_TEST_POSTGRES_URL") {
        Ok(base) => {
            use sea_orm::ConnectionTrait;
            let admin = sea_orm::Database::connect(base.as_str()).await?;
            for batch in [512, 1] {
                let name = format!("ct_bench_{}", uuid::Uuid::new_v4().simple());
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await?;
                let mut url = reqwest::Url::parse(&base)?;
                url.set_path(&format!("/{name}"));
                let r = vote_bench("PostgreSQL", url.to_string(), batch).await;
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await;
                r?;
            }
        }
        Err(_) => println!("(PostgreSQL rows skipped: set CONSTELLATION_TEST_POSTGRES_URL)"),
    }
    Ok(())
}

async fn vote_bench(label: &str, database_url: String, batch: usize) -> Result<()> {
    use constellation_backend::entities::open_vote;
    use constellation_shared::dto::assembly::BallotKind;
    use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
    const VOTERS: usize = 2_000;
    let dir = tempfile::tempdir()?;
    let config = constellation_backend::Config {
        bind: "127.0.0.1:0".into(),
        data_dir: dir.path().to_path_buf(),
        database_url: Some(database_url),
        vote_batch_max: batch,
        jwt_secret: Some(secrecy::SecretString::from(
            "bench-secret-bench-secret-bench-secret-0123",
        )),
        ..constellation_backend::Config::default()
    };
    let app = constellation_backend::Application::build(config).await?;
    let addr = app.local_addr();
    let state = app.state.clone();
    tokio::spawn(app.serve(std::future::pending()));
    let db = &state.env.db;
    let (ids, motions) =
        seed_assembly(&state.env, VOTERS, &[BallotKind::Secret, BallotKind::Open]).await?;
    let (secret, open) = (motions[0], motions[1]);

    // Through the API, all at once.
    let url = format!("http://{addr}/graphql");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(VOTERS)
        .build()?;
    let tokens: Vec<(String, uuid::Uuid)> = ids
        .iter()
        .map(|id| {
            state
                .jwt
                .issue(*id, 0)
                .map(|t| (t, *id))
                .map_err(|e| anyhow::anyhow!("{e}"))
        })
        .collect::<Result<_>>()?;
    let started = Instant::now();
    let handles: Vec<_> = tokens
        .into_iter()
        .map(|(token, id)| {
            let (client, url) = (client.clone(), url.clone());
            tokio::spawn(async move {
                let t = Instant::now();
                let body = json!({ "query": "mutation($m: ID!, $w: ID!) { castVote(motionId: $m, memberId: $w, choice: YES) { receipt } }", "variables": { "m": secret, "w": id } });
                let ok = match client.post(&url).bearer_auth(token).json(&body).send().await {
                    Ok(r) => r.json::<Value>().await.map(|v| v["errors"].is_null()).unwrap_or(false),
                    Err(_) => false,
                };
                (ok, t.elapsed())
            })
        })
        .collect();
    let mode = if batch > 1 {
        "API, concurrent votes batched"
    } else {
        "API, one commit per vote"
    };
    report(label, mode, started, handles).await?;
    if batch == 1 {
        return Ok(());
    }

    // Baseline: one transaction per vote, all at once, straight to the database.
    let started = Instant::now();
    let handles: Vec<_> = ids
        .iter()
        .map(|id| {
            let (db, id) = (db.clone(), *id);
            tokio::spawn(async move {
                let t = Instant::now();
                let ok = async {
                    let txn = db
                        .begin_with_options(sea_orm::TransactionOptions {
                            sqlite_transaction_mode: Some(
                                sea_orm::SqliteTransactionMode::Immediate,
                            ),
                            ..Default::default()
                        })
                        .await?;
                    open_vote::ActiveModel {
                        motion_id: Set(open),
                        member_id: Set(id),
                        cast_by: Set(id),
                        choice: Set("YES".into()),
                        cast_at: Set(chrono::Utc::now()),
                    }
                    .insert(&txn)
                    .await?;
                    txn.commit().await
                }
                .await
                .is_ok();
                (ok, t.elapsed())
            })
        })
        .collect();
    report(label, "one commit per vote (direct)", started, handles).await?;
    Ok(())
}

/// A chair, `voters` effective members inserted directly (no password hashing), an assembly
/// in session with everyone checked in and one motion per ballot kind given, voting open on
/// each. Returns the voters' ids and the motions in that order.
async fn seed_assembly(
    env: &constellation_backend::domain::Env,
    voters: usize,
    ballots: &[constellation_shared::dto::assembly::BallotKind],
) -> Result<(Vec<uuid::Uuid>, Vec<uuid::Uuid>)> {
    let s = seed_assembly_keyed(env, voters, ballots).await?;
    Ok((s.voters, s.motions))
}

/// What `seed_assembly_keyed` made: the chair is every encrypted motion's only trustee.
struct Seeded {
    chair: constellation_backend::domain::Actor,
    voters: Vec<uuid::Uuid>,
    motions: Vec<uuid::Uuid>,
    /// The chair's trustee secret, per motion (encrypted motions only).
    secrets: Vec<Option<constellation_shared::voting::TrusteeSecret>>,
}

/// As `seed_assembly`; the chair posts its trustee key for each encrypted motion.
async fn seed_assembly_keyed(
    env: &constellation_backend::domain::Env,
    voters: usize,
    ballots: &[constellation_shared::dto::assembly::BallotKind],
) -> Result<Seeded> {
    use constellation_backend::domain::{self, Actor, CurrentUser};
    use constellation_backend::entities::{attendance, user};
    use constellation_shared::dto::assembly::{
        AgendaItemInput, AssemblyInput, AssemblyKind, MajorityRuleCode, MotionInput,
    };
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let db = &env.db;

    let now = chrono::Utc::now();
    let person = |i: usize, board: bool| {
        let id = uuid::Uuid::new_v4();
        let email = format!("voter{i}.{}@example.org", id.simple());
        user::ActiveModel {
            id: Set(id),
            email: Set(email.clone()),
            email_normalized: Set(email),
            display_name: Set(format!("Voter {i}")),
            password_hash: Set("!".into()),
            membership_kind: Set("EFFECTIVE".into()),
            is_board: Set(board),
            is_admin: Set(false),
            language: Set("en".into()),
            created_at: Set(now),
            updated_at: Set(now),
            deleted_at: Set(None),
            token_version: Set(0),
            email_verified_at: Set(None),
        }
    };
    let chair = person(0, true).insert(db).await?;
    let mut ids = Vec::with_capacity(voters);
    let rows: Vec<user::ActiveModel> = (1..=voters).map(|i| person(i, false)).collect();
    for r in &rows {
        if let sea_orm::ActiveValue::Set(id) = &r.id {
            ids.push(*id);
        }
    }
    for chunk in rows.chunks(500) {
        user::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    let actor = Actor::User(CurrentUser {
        id: chair.id,
        kind: constellation_shared::MembershipKind::Effective,
        is_board: true,
        is_admin: false,
    });
    let a = domain::assemblies::create(
        env,
        &actor,
        AssemblyInput {
            kind: AssemblyKind::Ordinary,
            title: "Bench".into(),
            starts_at: (now + chrono::Duration::days(30)).to_rfc3339(),
            place: "Loopback".into(),
            language: constellation_shared::Language::En,
            first_convocation_id: None,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    domain::assemblies::add_item(
        env,
        &actor,
        a.id,
        AgendaItemInput {
            number: "1".into(),
            title: "Votes".into(),
            body: String::new(),
            documents: vec![],
            statutory: false,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let item = domain::assemblies::items(db, a.id)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?[0]
        .id;
    for ballot in ballots.iter().copied() {
        domain::assemblies::add_motion(
            env,
            &actor,
            item,
            MotionInput {
                text: "Bench".into(),
                rule: MajorityRuleCode::Simple,
                ballot,
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    let motions: Vec<uuid::Uuid> = domain::assemblies::motions(db, a.id)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?
        .into_iter()
        .map(|m| m.id)
        .collect();
    domain::assemblies::convene(env, &actor, a.id)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    domain::assemblies::open_session(env, &actor, a.id)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let present: Vec<attendance::ActiveModel> = ids
        .iter()
        .map(|id| attendance::ActiveModel {
            assembly_id: Set(a.id),
            user_id: Set(*id),
            checked_in_at: Set(now),
            checked_in_by: Set(chair.id),
        })
        .collect();
    for chunk in present.chunks(500) {
        attendance::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    let mut secrets = Vec::with_capacity(motions.len());
    for (m, ballot) in motions.iter().zip(ballots) {
        if *ballot != constellation_shared::dto::assembly::BallotKind::Encrypted {
            secrets.push(None);
            continue;
        }
        let (secret, key) = constellation_shared::voting::BasicTrustee::generate(
            &m.to_string(),
            1,
            &mut constellation_shared::voting::OsRandom,
        )?;
        domain::assemblies::encrypted::submit_trustee_key(
            env,
            &actor,
            *m,
            &serde_json::to_string(&key)?,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        secrets.push(Some(secret));
    }
    for m in &motions {
        domain::assemblies::votes::open_voting(env, &actor, *m)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    Ok(Seeded {
        chair: actor,
        voters: ids,
        motions,
        secrets,
    })
}

/// Waits for every vote task and prints one row: time until all answered, votes/s, latencies.
async fn report(
    label: &str,
    mode: &str,
    started: Instant,
    handles: Vec<tokio::task::JoinHandle<(bool, Duration)>>,
) -> Result<()> {
    let n = handles.len();
    let mut latencies = Vec::with_capacity(n);
    let mut failed = 0;
    for h in handles {
        let (ok, d) = h.await?;
        if !ok {
            failed += 1;
        }
        latencies.push(d);
    }
    let total = started.elapsed();
    latencies.sort();
    let mode = if failed == 0 {
        mode.to_owned()
    } else {
        format!("{mode} ({failed} FAILED)")
    };
    println!(
        "{:<11} {:<34} {:>13.0} {:>10.0} {:>9.1} {:>9.1}",
        label,
        mode,
        total.as_secs_f64() * 1000.0,
        n as f64 / total.as_secs_f64(),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99)
    );
    Ok(())
}

/// 1234567 -> "1,234,567".
fn n(x: u64) -> String {
    let digits = x.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
