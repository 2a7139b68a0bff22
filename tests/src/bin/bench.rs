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
#[path = "bench/votes.rs"]
mod votes;

use votes::{report, seed_assembly, seed_assembly_keyed, vote_rows};

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
