//! The server's footprint (issue #16): the size of the binary given, the time from exec to
//! its first `200` on `GET /health` (fresh data directory each time, so migrations
//! included), its resident memory idle after start, and its resident memory (now and peak)
//! after 2,000 voters cast a secret ballot at once through its API (SQLite).

use anyhow::{bail, Context, Result};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 5;
const VOTERS: usize = 2_000;
const SECRET: &str = "bench-secret-bench-secret-bench-secret-0123";

/// A `/proc/<pid>/status` figure (`VmRSS:`, `VmHWM:`), in KiB (Linux).
fn status_kib(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
}

fn mib(kib: Option<u64>) -> String {
    kib.map(|k| format!("{:.1} MiB", k as f64 / 1024.0))
        .unwrap_or_else(|| "n/a".into())
}

fn server(bin: &str, data_dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(bin);
    cmd.args(["--bind", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .arg("serve")
        .env("CONSTELLATION_LOG", "warn")
        .env("CONSTELLATION_JWT_SECRET", SECRET);
    cmd
}

/// Polls `GET /health` every 5 ms until it answers `200`.
async fn healthy(client: &reqwest::Client, base: &str) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let url = format!("{base}/health");
    loop {
        if let Ok(r) = client.get(&url).send().await {
            if r.status() == reqwest::StatusCode::OK {
                return Ok(());
            }
        }
        if Instant::now() > deadline {
            bail!("{url} did not answer 200 within 60 s");
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// One start on an empty data directory: ms from just before exec to the first `200` on
/// `/health` (reading the URL the server prints included), and VmRSS 1 s after that.
async fn cold_start(bin: &str, client: &reqwest::Client) -> Result<(f64, Option<u64>)> {
    let dir = tempfile::tempdir()?;
    let mut cmd = server(bin, dir.path());
    let started = Instant::now();
    let (mut child, base) = super::start(&mut cmd)?;
    let up = healthy(client, &base).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let rss = status_kib(child.id(), "VmRSS:");
    let _ = child.kill();
    let _ = child.wait();
    up?;
    Ok((ms, rss))
}

struct Load {
    idle: Option<u64>,
    after: Option<u64>,
    peak: Option<u64>,
    acked_ms: f64,
    failed: usize,
}

/// The load: 2,000 effective members and a chair, an assembly in session with everyone
/// checked in and one secret-ballot motion open, seeded in process on the SQLite database
/// (no password hashing: the members are inserted directly, their tokens signed with the
/// shared secret); then the server process started on that database and every member
/// casting their vote at once through `castVote` on its API (the same calls as the replica
/// rows, one replica).
async fn load(bin: &str, client: &reqwest::Client) -> Result<Load> {
    use constellation_shared::dto::assemblies::BallotKind;
    let dir = tempfile::tempdir()?;
    let state = constellation_backend::app::build_state(constellation_backend::Config {
        data_dir: dir.path().to_path_buf(),
        jwt_secret: Some(secrecy::SecretString::from(SECRET)),
        ..constellation_backend::Config::default()
    })
    .await?;
    let (ids, motions) = super::seed_assembly(&state.env, VOTERS, &[BallotKind::Secret]).await?;
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
    let motion = *motions.first().context("no motion seeded")?;
    drop(state);

    let (mut child, base) = super::start(&mut server(bin, dir.path()))?;
    let r = async {
        healthy(client, &base).await?;
        tokio::time::sleep(Duration::from_secs(1)).await;
        let pid = child.id();
        let idle = status_kib(pid, "VmRSS:");
        let voters = reqwest::Client::builder()
            .pool_max_idle_per_host(VOTERS)
            .build()?;
        let started = Instant::now();
        let mut failed = 0;
        for h in super::replicas::cast_all(&voters, &tokens, motion, &[base.as_str()]) {
            let (ok, _) = h.await?;
            if !ok {
                failed += 1;
            }
        }
        let acked_ms = started.elapsed().as_secs_f64() * 1000.0;
        anyhow::Ok(Load {
            idle,
            after: status_kib(pid, "VmRSS:"),
            peak: status_kib(pid, "VmHWM:"),
            acked_ms,
            failed,
        })
    }
    .await;
    let _ = child.kill();
    let _ = child.wait();
    r
}

pub async fn rows(bin: &str) -> Result<()> {
    println!("\nFootprint: the server binary given ({bin}), SQLite, loopback");
    println!("{:<46} {:>14}   note", "measure", "value");
    match std::fs::metadata(bin) {
        Ok(m) => println!(
            "{:<46} {:>14}   {} bytes",
            "binary size",
            format!("{:.1} MB", m.len() as f64 / 1e6),
            super::n(m.len())
        ),
        Err(e) => println!("{:<46} {:>14}   {e}", "binary size", "n/a"),
    }

    let client = reqwest::Client::new();
    let mut times = Vec::with_capacity(RUNS);
    let mut idle = Vec::with_capacity(RUNS);
    let mut error = None;
    for _ in 0..RUNS {
        match cold_start(bin, &client).await {
            Ok((ms, rss)) => {
                times.push(ms);
                idle.extend(rss);
            }
            Err(e) => error = Some(e),
        }
    }
    times.sort_by(f64::total_cmp);
    idle.sort();
    match (times.first(), times.last()) {
        (Some(min), Some(max)) => println!(
            "{:<46} {:>14}   median of {}, min {min:.0}, max {max:.0}; fresh data dir (migrations)",
            "exec to first 200 on /health",
            format!("{:.0} ms", times[times.len() / 2]),
            times.len()
        ),
        _ => println!(
            "{:<46} {:>14}   {}",
            "exec to first 200 on /health",
            "n/a",
            error.map(|e| format!("{e:#}")).unwrap_or_default()
        ),
    }
    println!(
        "{:<46} {:>14}   VmRSS 1 s after /health answered, empty database, median of {}",
        "idle RSS after start",
        mib(idle.get(idle.len() / 2).copied()),
        idle.len()
    );

    match load(bin, &client).await {
        Ok(l) => {
            println!(
                "{:<46} {:>14}   VmRSS 1 s after /health, 2,000 members and a session seeded",
                "idle RSS, assembly of 2,000 seeded",
                mib(l.idle)
            );
            println!(
                "{:<46} {:>14}   VmRSS once all were answered ({:.0} ms, {} failed)",
                "RSS after 2,000 votes at once",
                mib(l.after),
                l.acked_ms,
                l.failed
            );
            println!(
                "{:<46} {:>14}   VmHWM: the peak since exec",
                "peak RSS through the votes",
                mib(l.peak)
            );
        }
        Err(e) => println!(
            "{:<46} {:>14}   {e:#}",
            "RSS after 2,000 votes at once", "n/a"
        ),
    }
    Ok(())
}
