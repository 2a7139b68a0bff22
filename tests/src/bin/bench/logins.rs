//! "500 logins at once": the server's peak memory (VmHWM) while 500 clients sign in at the
//! same moment, with password hashing bounded (the default: one hash per core) and, in the
//! same run, unbounded (`CONSTELLATION_PASSWORD_HASH_CONCURRENCY=100000`) as the baseline.

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

const LOGINS: usize = 500;

/// Peak resident memory of a process, in KiB (Linux).
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
}

/// Starts a server, signs one account in `LOGINS` times at once; returns (peak RSS MiB
/// before, peak RSS MiB after, seconds, failures).
async fn storm(bin: &str, hash_concurrency: Option<&str>) -> Result<(f64, f64, f64, usize)> {
    let dir = tempfile::tempdir()?;
    let mut cmd = Command::new(bin);
    cmd.args(["--bind", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .arg("serve")
        .env("CONSTELLATION_LOG", "warn")
        // 500 sign-ins from one address in a second: the rate limits would refuse all but
        // the first few, and refused attempts are never hashed.
        .env("CONSTELLATION_LOGIN_MAX_FAILURES_PER_ADDRESS", "1000000")
        .env("CONSTELLATION_LOGIN_MAX_FAILURES_PER_ACCOUNT", "1000000")
        .env("CONSTELLATION_REGISTER_MAX_PER_ADDRESS", "1000000")
        .stdout(Stdio::piped());
    if let Some(n) = hash_concurrency {
        cmd.env("CONSTELLATION_PASSWORD_HASH_CONCURRENCY", n);
    }
    let mut child = cmd.spawn().with_context(|| format!("cannot start {bin}"))?;
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
        .pool_max_idle_per_host(LOGINS)
        .build()?;
    let reg = json!({ "query": "mutation($i: RegisterInput!) { register(input: $i) { id } }",
        "variables": { "i": { "email": "storm@example.org", "password": "storm password 123", "displayName": "Storm" } } });
    client.post(&url).json(&reg).send().await?;
    let before = peak_rss_kib(child.id()).unwrap_or(0) as f64 / 1024.0;
    let login = json!({ "query": "mutation { login(email: \"storm@example.org\", password: \"storm password 123\") { token } }" });
    let started = Instant::now();
    let answers = futures_util::future::join_all((0..LOGINS).map(|_| {
        let (client, url, login) = (client.clone(), url.clone(), login.clone());
        async move {
            let r: Value = client.post(&url).json(&login).send().await?.json().await?;
            anyhow::Ok(r["data"]["login"]["token"].is_string())
        }
    }))
    .await;
    let seconds = started.elapsed().as_secs_f64();
    let after = peak_rss_kib(child.id()).unwrap_or(0) as f64 / 1024.0;
    let failures = answers.iter().filter(|a| !matches!(a, Ok(true))).count();
    let _ = child.kill();
    let _ = child.wait();
    Ok((before, after, seconds, failures))
}

pub async fn rows(bin: &str) -> Result<()> {
    println!("\n{LOGINS} logins at once (argon2id 19 MiB each), release build, SQLite");
    println!(
        "{:<34} {:>14} {:>14} {:>9} {:>9}",
        "hashing", "peak RSS MiB", "before MiB", "seconds", "failed"
    );
    for (label, n) in [
        ("unbounded (baseline)", Some("100000")),
        ("bounded: one per core (default)", None),
    ] {
        let (before, after, seconds, failed) = storm(bin, n).await?;
        println!("{label:<34} {after:>14.0} {before:>14.0} {seconds:>9.2} {failed:>9}");
    }
    Ok(())
}
