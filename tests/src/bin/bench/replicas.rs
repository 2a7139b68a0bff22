//! "2,000 voters over two replicas": the release server started twice on one PostgreSQL
//! database (one JWT secret), and 2,000 voters casting a secret ballot at once, first all
//! through one replica, then spread over both (one motion each, same database, same run).
//! Needs `CONSTELLATION_TEST_POSTGRES_URL`.

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const VOTERS: usize = 2_000;
const SECRET: &str = "bench-secret-bench-secret-bench-secret-0123";

pub async fn rows(bin: &str) -> Result<()> {
    println!("\nReplicas: 2,000 voters cast at once on PostgreSQL (one database, each replica a server process)");
    let Ok(base) = std::env::var("CONSTELLATION_TEST_POSTGRES_URL") else {
        println!("(replica rows skipped: set CONSTELLATION_TEST_POSTGRES_URL)");
        return Ok(());
    };
    use sea_orm::ConnectionTrait;
    let admin = sea_orm::Database::connect(base.as_str()).await?;
    let name = format!("ct_bench_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await?;
    let mut url = reqwest::Url::parse(&base)?;
    url.set_path(&format!("/{name}"));
    let r = run(bin, url.as_str()).await;
    let _ = admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await;
    r
}

async fn run(bin: &str, database_url: &str) -> Result<()> {
    use constellation_shared::dto::assemblies::BallotKind;
    let dir = tempfile::tempdir()?;
    // Setup in process (migrates, seeds); the votes go to the server processes.
    let state = constellation_backend::app::build_state(constellation_backend::Config {
        data_dir: dir.path().to_path_buf(),
        database_url: Some(database_url.to_owned()),
        jwt_secret: Some(secrecy::SecretString::from(SECRET)),
        ..constellation_backend::Config::default()
    })
    .await?;
    let (ids, motions) = super::seed_assembly(
        &state.env,
        VOTERS,
        &[BallotKind::Secret, BallotKind::Secret],
    )
    .await?;
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
    let (mut a, url_a) = serve(bin, database_url, "bench-a", dir.path())?;
    let (mut b, url_b) = serve(bin, database_url, "bench-b", dir.path())?;
    println!(
        "{:<11} {:<34} {:>13} {:>10} {:>9} {:>9}",
        "database", "mode", "all acked ms", "votes/s", "p50 ms", "p99 ms"
    );
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(VOTERS)
        .build()?;
    let started = Instant::now();
    let one = cast_all(&client, &tokens, motions[0], &[url_a.as_str()]);
    super::report("PostgreSQL", "API, one replica", started, one).await?;
    let started = Instant::now();
    let two = cast_all(
        &client,
        &tokens,
        motions[1],
        &[url_a.as_str(), url_b.as_str()],
    );
    super::report("PostgreSQL", "API, two replicas (split)", started, two).await?;
    let _ = (a.kill(), b.kill());
    let _ = (a.wait(), b.wait());
    Ok(())
}

/// Every voter's vote at once, voter `i` through `urls[i % len]`.
pub(super) fn cast_all(
    client: &reqwest::Client,
    tokens: &[(String, uuid::Uuid)],
    motion: constellation_shared::ids::MotionId,
    urls: &[&str],
) -> Vec<tokio::task::JoinHandle<(bool, Duration)>> {
    tokens
        .iter()
        .enumerate()
        .map(|(i, (token, id))| {
            let client = client.clone();
            let url = format!("{}/graphql", urls[i % urls.len()]);
            let (token, id) = (token.clone(), *id);
            tokio::spawn(async move {
                let t = Instant::now();
                let body = json!({ "query": "mutation($m: ID!, $w: ID!) { castVote(motionId: $m, memberId: $w, choice: YES) { receipt } }", "variables": { "m": motion, "w": id } });
                let ok = match client.post(&url).bearer_auth(token).json(&body).send().await {
                    Ok(r) => r
                        .json::<Value>()
                        .await
                        .map(|v| v["errors"].is_null())
                        .unwrap_or(false),
                    Err(_) => false,
                };
                (ok, t.elapsed())
            })
        })
        .collect()
}

/// The release binary serving `database_url` as replica `name`; returns it and its base URL.
fn serve(
    bin: &str,
    database_url: &str,
    name: &str,
    dir: &std::path::Path,
) -> Result<(Child, String)> {
    let data = dir.join(name);
    let mut child = Command::new(bin)
        .args(["--bind", "127.0.0.1:0", "--data-dir"])
        .arg(&data)
        .arg("serve")
        .env("CONSTELLATION_LOG", "warn")
        .env("CONSTELLATION_DATABASE_URL", database_url)
        .env("CONSTELLATION_JWT_SECRET", SECRET)
        .env("CONSTELLATION_REPLICA_NAME", name)
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {bin}"))?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    let Some(base) = line.split_whitespace().find(|w| w.starts_with("http://")) else {
        let _ = child.kill();
        bail!("replica {name} did not print its URL: {line:?}");
    };
    Ok((child, base.to_owned()))
}
