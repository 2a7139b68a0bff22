//! Encrypted ballots (issue 15): what the proofs cost, and 2,000 voters casting encrypted
//! ballots at once beside 2,000 casting plain secret ballots, in the same assembly and run.
//! Ballots are made before the clock starts, as each voter's page makes its own.

use super::{report, seed_assembly_keyed};
use anyhow::Result;
use constellation_shared::dto::assemblies::BallotKind;
use constellation_shared::voting::{
    partial_decrypt, verify_ballot, Ballot, Credential, ElectionParams, EncryptedTally, OsRandom,
};
use serde_json::{json, Value};
use std::time::Instant;

const VOTERS: usize = 2_000;
/// Ballots made and verified one by one for the per-ballot costs.
const SAMPLE: usize = 200;

pub async fn rows() -> Result<()> {
    println!("\nEncrypted ballots: cost per ballot (one core) and 2,000 voters at once (release build, in-process server, SQLite)");
    let dir = tempfile::tempdir()?;
    let sqlite = format!("sqlite://{}?mode=rwc", dir.path().join("enc.db").display());
    let config = constellation_backend::Config {
        bind: "127.0.0.1:0".into(),
        data_dir: dir.path().to_path_buf(),
        database_url: Some(sqlite),
        jwt_secret: Some(secrecy::SecretString::from(
            "bench-secret-bench-secret-bench-secret-0123",
        )),
        ..constellation_backend::Config::default()
    };
    let app = constellation_backend::Application::build(config).await?;
    let addr = app.local_addr();
    let state = app.state.clone();
    tokio::spawn(app.serve(std::future::pending()));
    let env = &state.env;
    let seeded =
        seed_assembly_keyed(env, VOTERS, &[BallotKind::Secret, BallotKind::Encrypted]).await?;
    let (secret_motion, enc_motion) = (seeded.motions[0], seeded.motions[1]);
    let params: ElectionParams =
        constellation_backend::domain::assemblies::encrypted::params(&env.db, enc_motion)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?
            .ok_or_else(|| anyhow::anyhow!("no parameters"))?;

    // Per ballot, on one core.
    let made = Instant::now();
    let mut ballots = Vec::with_capacity(VOTERS);
    for i in 0..VOTERS {
        let c = Credential::generate(&mut OsRandom)?;
        let sel = [i % 3 == 0, i % 3 == 1, i % 3 == 2];
        ballots.push(Ballot::create(&params, &c, &sel, &mut OsRandom)?);
    }
    let create_ms = made.elapsed().as_secs_f64() * 1000.0 / VOTERS as f64;
    let t = Instant::now();
    for b in ballots.iter().take(SAMPLE) {
        verify_ballot(&params, b)?;
    }
    let verify_ms = t.elapsed().as_secs_f64() * 1000.0 / SAMPLE as f64;
    let size = serde_json::to_string(&ballots[0])?.len();
    println!("{:<44} {:>10}", "step", "value");
    println!(
        "{:<44} {:>10.2}",
        "make one ballot in the page (ms)", create_ms
    );
    println!(
        "{:<44} {:>10.2}",
        "verify one ballot on the server (ms)", verify_ms
    );
    println!(
        "{:<44} {:>10.0}",
        "ballots verified per second, one core",
        1000.0 / verify_ms
    );
    println!("{:<44} {:>10}", "ballot size (bytes of JSON)", size);

    // 2,000 at once through the API: plain secret ballots, then encrypted ones.
    let url = format!("http://{addr}/graphql");
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(VOTERS)
        .build()?;
    let tokens: Vec<String> = seeded
        .voters
        .iter()
        .map(|id| state.jwt.issue(*id, 0).map_err(|e| anyhow::anyhow!("{e}")))
        .collect::<Result<_>>()?;
    println!(
        "\n{:<11} {:<34} {:>13} {:>10} {:>9} {:>9}",
        "database", "mode", "all acked ms", "votes/s", "p50 ms", "p99 ms"
    );
    let cast = |query: &'static str, vars: Vec<Value>| {
        let started = Instant::now();
        let handles: Vec<_> = tokens
            .iter()
            .cloned()
            .zip(vars)
            .map(|(token, v)| {
                let (client, url) = (client.clone(), url.clone());
                tokio::spawn(async move {
                    let t = Instant::now();
                    let body = json!({ "query": query, "variables": v });
                    let ok = match client
                        .post(&url)
                        .bearer_auth(token)
                        .json(&body)
                        .send()
                        .await
                    {
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
            .collect();
        (started, handles)
    };
    let plain: Vec<Value> = seeded
        .voters
        .iter()
        .map(|id| json!({ "m": secret_motion, "w": id }))
        .collect();
    let (started, handles) = cast(
        "mutation($m: ID!, $w: ID!) { castVote(motionId: $m, memberId: $w, choice: YES) { receipt } }",
        plain,
    );
    report("SQLite", "API, secret ballot (plaintext)", started, handles).await?;
    let sealed: Vec<Value> = seeded
        .voters
        .iter()
        .zip(&ballots)
        .map(|(id, b)| Ok(json!({ "m": enc_motion, "w": id, "b": serde_json::to_string(b)? })))
        .collect::<Result<_>>()?;
    let (started, handles) = cast(
        "mutation($m: ID!, $w: ID!, $b: String!) { castEncryptedBallot(motionId: $m, memberId: $w, ballot: $b) { receipt } }",
        sealed,
    );
    report(
        "SQLite",
        "API, encrypted ballot (verified)",
        started,
        handles,
    )
    .await?;

    // The close and the count.
    use constellation_backend::domain::assemblies::{encrypted, votes};
    let t = Instant::now();
    votes::close_voting(env, &seeded.chair, enc_motion)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let close_ms = t.elapsed().as_secs_f64() * 1000.0;
    let row = constellation_backend::entities::motion_election::Entity::find_by_id(enc_motion);
    use sea_orm::EntityTrait;
    let tally: EncryptedTally = serde_json::from_str(
        row.one(&env.db)
            .await?
            .and_then(|r| r.encrypted_tally)
            .ok_or_else(|| anyhow::anyhow!("no tally"))?
            .as_str(),
    )?;
    let secret = seeded.secrets[1]
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("no secret"))?;
    let t = Instant::now();
    let pd = partial_decrypt(&params, &tally, secret, &mut OsRandom)?;
    let pd_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    encrypted::submit_partial_decryption(
        env,
        &seeded.chair,
        enc_motion,
        &serde_json::to_string(&pd)?,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let finish_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "\n{:<60} {:>10}",
        "the count of 2,000 encrypted ballots", "ms"
    );
    println!(
        "{:<60} {:>10.0}",
        "close: sum the ciphertexts, store the encrypted tally", close_ms
    );
    println!(
        "{:<60} {:>10.1}",
        "one trustee's partial decryption (in its page)", pd_ms
    );
    println!(
        "{:<60} {:>10.0}",
        "last decryption: re-verify all, decrypt, decide, record", finish_ms
    );
    Ok(())
}
