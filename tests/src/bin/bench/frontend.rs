//! The app's weight in a browser (issue #16): headless Chromium loads `/labs` from the server
//! binary serving the built site (`CONSTELLATION_SITE_DIR`, default `target/site`) with 50
//! public Labs seeded. Three tables: every file of a first visit (bytes on the wire, and
//! what brotli and gzip weigh for that file) beside the budget and a Leptos hello-world;
//! the bytes of a repeat visit; the time from navigation start to the first Lab on screen,
//! beside a static HTML page of the same list served by the same server.

use anyhow::{bail, Context, Result};
use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::browser::BrowserContextId;
use chromiumoxide::cdp::browser_protocol::target::{
    CreateBrowserContextParams, CreateTargetParams,
};
use chromiumoxide::Page;
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "frontend_tables.rs"]
mod tables;

/// Issue #16: what a first visit may download.
const BUDGET: u64 = 300_000;
/// A Leptos hello-world (CSR, release, wasm-opt), brotli: the floor of the framework.
const HELLO_WORLD_BR: u64 = 49_000;
const RUNS: usize = 5;
const FIRST_LAB: &str = ".lab-card h2";
const STATIC_PAGE: &str = "static-labs.html";

/// Runs before any script of every document (CDP, so the CSP does not apply): notes when
/// the first Lab enters the DOM, in ms since navigation start, and the page's errors.
const WATCH: &str = r#"(() => {
  window.__errors = [];
  performance.setResourceTimingBufferSize(10000);
  addEventListener('error', e => window.__errors.push(String(e.message)));
  addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));
  const seen = () => {
    if (window.__firstLab === undefined && document.querySelector('.lab-card h2')) {
      window.__firstLab = performance.now();
    }
    return window.__firstLab !== undefined;
  };
  if (!seen()) {
    const o = new MutationObserver(() => { if (seen()) o.disconnect(); });
    o.observe(document, { childList: true, subtree: true });
  }
})();"#;

const ENTRIES: &str = r#"JSON.stringify(performance.getEntriesByType('navigation')
  .concat(performance.getEntriesByType('resource'))
  .map(e => ({ path: new URL(e.name).pathname, kind: e.entryType === 'navigation' ? 'document' : e.initiatorType,
    transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
    status: e.responseStatus || 0 })))"#;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    path: String,
    kind: String,
    transfer_size: u64,
    encoded_body_size: u64,
    decoded_body_size: u64,
    status: u16,
}

pub async fn rows(bin: &str) -> Result<()> {
    println!("\nFrontend: /labs in headless Chromium, loopback, 50 public Labs (20 on the page), anonymous");
    let site = std::env::var("CONSTELLATION_SITE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("target/site"));
    if !site.join("index.html").exists() {
        println!(
            "n/a: the frontend is not built in {} (cargo xtask build-frontend)",
            site.display()
        );
        return Ok(());
    }
    let chromium =
        std::env::var("CONSTELLATION_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        println!("n/a: Chromium is missing at {chromium} (apt-get install -y chromium)");
        return Ok(());
    }
    // A copy of the site, so the static baseline page is served beside the app.
    let served = tempfile::tempdir()?;
    copy_dir(&site, served.path())?;
    let data = tempfile::tempdir()?;
    let mut cmd = Command::new(bin);
    cmd.args(["--bind", "127.0.0.1:0", "--data-dir"])
        .arg(data.path())
        .arg("--frontend-dir")
        .arg(served.path())
        .arg("serve")
        .env("CONSTELLATION_LOG", "warn")
        .env("CONSTELLATION_REGISTER_MAX_PER_ADDRESS", "1000000");
    let (mut child, base) = super::start(&mut cmd)?;
    let r = measure(&base, served.path(), &chromium).await;
    let _ = child.kill();
    let _ = child.wait();
    r
}

async fn measure(base: &str, served: &Path, chromium: &str) -> Result<()> {
    let client = reqwest::Client::new();
    let api = format!("{base}/graphql");
    // The first account is the admin, who approves the Labs.
    let (_, admin) = super::account(&client, &api, "bench@example.org").await?;
    super::seed_labs(&client, &api, &admin).await?;
    // What the page shows anonymously: its first page of 20.
    let data = super::gql(
        &client,
        &api,
        None,
        constellation_shared::queries::labs::LABS,
        json!({ "first": 20 }),
    )
    .await?;
    let mut list = String::new();
    for edge in data["labs"]["edges"].as_array().into_iter().flatten() {
        let (name, slug) = (&edge["node"]["name"], &edge["node"]["slug"]);
        list.push_str(&format!(
            "<li class=\"lab-card\"><h2><a href=\"/labs/{}\">{}</a></h2></li>",
            escape(slug.as_str().unwrap_or_default()),
            escape(name.as_str().unwrap_or_default())
        ));
    }
    if list.is_empty() {
        println!("n/a: the Labs directory is empty for an anonymous visitor");
        return Ok(());
    }
    std::fs::write(
        served.join(STATIC_PAGE),
        format!("<!doctype html><html lang=en><meta charset=utf-8><title>Labs</title><ul id=labs class=cards>{list}</ul></html>"),
    )?;

    let profile = tempfile::tempdir()?;
    let config = BrowserConfig::builder()
        .chrome_executable(chromium)
        .new_headless_mode()
        .no_sandbox()
        .user_data_dir(profile.path())
        .args([
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--lang=en-US",
        ])
        .build()
        .map_err(|e| anyhow::anyhow!("browser config: {e}"))?;
    let (mut browser, mut handler) = Browser::launch(config)
        .await
        .context("cannot launch Chromium")?;
    let events = tokio::spawn(async move { while handler.next().await.is_some() {} });
    let r = visits(&browser, &client, base).await;
    let _ = browser.close().await;
    let _ = browser.wait().await;
    events.abort();
    r
}

async fn visits(browser: &Browser, client: &reqwest::Client, base: &str) -> Result<()> {
    let labs = format!("{base}/labs");
    // First visit, then a repeat visit in the same profile (a new navigation, not history).
    let (page, context) = fresh_page(browser).await?;
    page.goto(labs.as_str()).await?;
    settle(&page).await?;
    let first = entries(&page).await?;
    page.goto("about:blank").await?;
    page.goto(labs.as_str()).await?;
    settle(&page).await?;
    let repeat = entries(&page).await?;
    let _ = page.close().await;
    let _ = browser.dispose_browser_context(context).await;

    tables::first_visit(client, base, &first).await;
    tables::repeat_visit(&first, &repeat);
    render_table(browser, base).await;
    Ok(())
}

/// Each page's first render, `RUNS` times, in a table.
async fn render_table(browser: &Browser, base: &str) {
    println!("\nFirst render: navigation start to the first `{FIRST_LAB}` in the DOM (measured in the page), {RUNS} runs,");
    println!(
        "each in a fresh profile; response: navigation start to the first byte of the HTML, median"
    );
    println!(
        "{:<44} {:>10} {:>9} {:>9} {:>10} {:>10}",
        "page", "median ms", "min ms", "max ms", "vs static", "response"
    );
    let app = render_times(browser, &format!("{base}/labs")).await;
    let plain = render_times(browser, &format!("{base}/{STATIC_PAGE}")).await;
    let static_median = plain.as_ref().ok().map(|t| t[t.len() / 2].0);
    for (label, times) in [
        ("/labs (the Leptos app)", app),
        ("/static-labs.html (same list, no script)", plain),
    ] {
        match times {
            Ok(t) => {
                let median = t[t.len() / 2].0;
                let mut response: Vec<f64> = t.iter().map(|r| r.1).collect();
                response.sort_by(f64::total_cmp);
                let ratio = static_median
                    .filter(|s| *s > 0.0)
                    .map(|s| format!("{:.1}x", median / s))
                    .unwrap_or_else(|| "n/a".into());
                println!(
                    "{label:<44} {median:>10.0} {:>9.0} {:>9.0} {ratio:>10} {:>10.0}",
                    t[0].0,
                    t[t.len() - 1].0,
                    response[response.len() / 2]
                );
            }
            Err(e) => println!("{label:<44} n/a: {e:#}"),
        }
    }
}

/// A blank tab in a new, empty browser context (its own cache and cookies), watching for
/// the first Lab.
async fn fresh_page(browser: &Browser) -> Result<(Page, BrowserContextId)> {
    let context = browser
        .create_browser_context(CreateBrowserContextParams::default())
        .await?;
    let mut params = CreateTargetParams::new("about:blank");
    params.browser_context_id = Some(context.clone());
    let page = browser.new_page(params).await?;
    page.evaluate_on_new_document(WATCH).await?;
    Ok((page, context))
}

/// Waits for the first Lab, then for 500 ms without a new resource entry.
async fn settle(page: &Page) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let (mut count, mut since) = (usize::MAX, Instant::now());
    loop {
        let (found, n): (bool, usize) = page
            .evaluate(format!(
                "[document.querySelector('{FIRST_LAB}') !== null, performance.getEntriesByType('resource').length]"
            ))
            .await?
            .into_value()?;
        if n != count {
            (count, since) = (n, Instant::now());
        }
        if found && since.elapsed() >= Duration::from_millis(500) {
            return Ok(());
        }
        if Instant::now() > deadline {
            let text: String = page
                .evaluate("JSON.stringify([document.body ? document.body.innerText.slice(0, 200) : '', window.__errors])")
                .await?
                .into_value()?;
            bail!("no `{FIRST_LAB}` on the page after 30 s; [its text, its errors]: {text}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn entries(page: &Page) -> Result<Vec<Entry>> {
    let json: String = page.evaluate(ENTRIES).await?.into_value()?;
    Ok(serde_json::from_str(&json)?)
}

/// `RUNS` first renders of `url`, each in a fresh context, sorted: (first Lab, response
/// start), ms since navigation start.
async fn render_times(browser: &Browser, url: &str) -> Result<Vec<(f64, f64)>> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let (page, context) = fresh_page(browser).await?;
        let r = first_lab(&page, url).await;
        let _ = page.close().await;
        let _ = browser.dispose_browser_context(context).await;
        times.push(r?);
    }
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(times)
}

async fn first_lab(page: &Page, url: &str) -> Result<(f64, f64)> {
    page.goto(url).await?;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        // -1 until seen (a null would not come back as a value).
        let at: f64 = page
            .evaluate("window.__firstLab === undefined ? -1 : window.__firstLab")
            .await?
            .into_value()?;
        if at >= 0.0 {
            let response: f64 = page
                .evaluate("performance.getEntriesByType('navigation')[0].responseStart")
                .await?
                .into_value()?;
            return Ok((at, response));
        }
        if Instant::now() > deadline {
            bail!("no `{FIRST_LAB}` after 30 s");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from).with_context(|| format!("{}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
