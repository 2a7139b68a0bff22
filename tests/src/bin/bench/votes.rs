//! Votes: 2,000 voters casting at once through the API (batched and one commit per vote,
//! SQLite and PostgreSQL) beside one transaction per vote straight to the database, and the
//! assembly they vote in, seeded directly.

use super::percentile;
use anyhow::Result;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// "2,000 voters cast at once": every voter sends one secret-ballot vote through the API at
/// the same moment (the server commits concurrent votes together); beside it, the same
/// number of votes written one transaction per vote, straight to the database, in the same
/// run and on the same database.
pub(super) async fn vote_rows() -> Result<()> {
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
    use constellation_shared::dto::assemblies::BallotKind;
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
                        choice: Set(constellation_shared::dto::assemblies::Choice::Yes),
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
pub(super) async fn seed_assembly(
    env: &constellation_backend::domain::Env,
    voters: usize,
    ballots: &[constellation_shared::dto::assemblies::BallotKind],
) -> Result<(Vec<uuid::Uuid>, Vec<constellation_shared::ids::MotionId>)> {
    let s = seed_assembly_keyed(env, voters, ballots).await?;
    Ok((s.voters, s.motions))
}

/// What `seed_assembly_keyed` made: the chair is every encrypted motion's only trustee.
pub(super) struct Seeded {
    pub chair: constellation_backend::domain::Actor,
    pub voters: Vec<uuid::Uuid>,
    pub motions: Vec<constellation_shared::ids::MotionId>,
    /// The chair's trustee secret, per motion (encrypted motions only).
    pub secrets: Vec<Option<constellation_shared::voting::TrusteeSecret>>,
}

/// As `seed_assembly`; the chair posts its trustee key for each encrypted motion.
pub(super) async fn seed_assembly_keyed(
    env: &constellation_backend::domain::Env,
    voters: usize,
    ballots: &[constellation_shared::dto::assemblies::BallotKind],
) -> Result<Seeded> {
    use constellation_backend::domain::{self, Actor, CurrentUser};
    use constellation_backend::entities::{attendance, user};
    use constellation_shared::dto::assemblies::{
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
            membership_kind: Set(constellation_shared::MembershipKind::Effective),
            is_board: Set(board),
            is_admin: Set(false),
            language: Set(constellation_shared::Language::En),
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
    let motions: Vec<constellation_shared::ids::MotionId> = domain::assemblies::motions(db, a.id)
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
        if *ballot != constellation_shared::dto::assemblies::BallotKind::Encrypted {
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
pub(super) async fn report(
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
