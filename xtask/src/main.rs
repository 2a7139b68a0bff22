//! `cargo xtask serve | test | bench | build-frontend`: the project's two commands and the
//! benchmark, with nothing to install beyond rustup and cargo.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

mod site;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const WASM_PROFILE: &str = "wasm-release";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn cargo() -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root());
    c
}

fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("xtask> {cmd:?}");
    let started = std::time::Instant::now();
    let status = cmd
        .status()
        .with_context(|| format!("cannot run {cmd:?}"))?;
    // CI has a time budget: every step says what it cost, so the slow one is found.
    eprintln!("xtask> took {:.0} s", started.elapsed().as_secs_f64());
    if !status.success() {
        bail!("{cmd:?} failed with {status}");
    }
    Ok(())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = args
        .split_first()
        .map_or(("", &[][..]), |(c, r)| (c.as_str(), r));
    match command {
        "serve" => serve(rest),
        "test" => test(),
        "bench" => bench(),
        "build-frontend" => {
            let profile = if rest.iter().any(|a| a == "--release") {
                AppProfile::Release
            } else {
                AppProfile::Dev
            };
            build_frontend(profile).map(|_| ())
        }
        "dist" => dist(),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\
                 \n  serve [flags]    build the frontend, migrate, serve at http://127.0.0.1:8080\
                 \n                   (flags go to `constellation serve`, e.g. --bind 0.0.0.0:9000)\
                 \n  test             fmt, clippy, wasm build, unit, API (SQLite, PostgreSQL), browser tests\
                 \n  bench            loopback load generator and frontend size\
                 \n  build-frontend   build the wasm app into target/site (--release: the smallest build)\
                 \n  dist             release binary with the app embedded: target/release/constellation"
            );
            bail!("unknown command {command:?}")
        }
    }
}

fn ensure_wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .current_dir(root())
        .output()
        .context("rustup is needed to add the wasm32 target")?;
    if !String::from_utf8_lossy(&out.stdout).contains(WASM_TARGET) {
        run(Command::new("rustup")
            .args(["target", "add", WASM_TARGET])
            .current_dir(root()))?;
    }
    Ok(())
}

/// Where cargo puts its output: `CARGO_TARGET_DIR` when set (a shared target directory is
/// common), else what `cargo metadata` says, else `<repo>/target`.
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        return if dir.is_absolute() {
            dir
        } else {
            root().join(dir)
        };
    }
    cargo()
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .output()
        .ok()
        .and_then(|o| serde_json::from_slice::<serde_json::Value>(&o.stdout).ok())
        .and_then(|v| v["target_directory"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| root().join("target"))
}

/// Which build of the app: `Dev` for `serve` and the browser tests (thin optimisation, many
/// codegen units: minutes less on two cores), `Release` for `dist` and `bench` (the smallest).
#[derive(Clone, Copy, PartialEq, Eq)]
enum AppProfile {
    Dev,
    Release,
}

impl AppProfile {
    fn cargo_profile(self) -> &'static str {
        match self {
            AppProfile::Dev => "wasm-dev",
            AppProfile::Release => WASM_PROFILE,
        }
    }
}

/// Builds the frontend to wasm, runs wasm-bindgen as a library, and lays out `target/site`
/// (always under the repository: the embedded-assets build reads it from there).
fn build_frontend(profile: AppProfile) -> Result<PathBuf> {
    ensure_wasm_target()?;
    let cargo_profile = profile.cargo_profile();
    let wasm = target_dir()
        .join(WASM_TARGET)
        .join(cargo_profile)
        .join("constellation_frontend.wasm");
    if !wasm.exists() {
        eprintln!(
            "xtask> building the app ({cargo_profile}; the first time takes several minutes on two cores)"
        );
    }
    run(cargo().args([
        "build",
        "-p",
        "constellation-frontend",
        "--target",
        WASM_TARGET,
        "--profile",
        cargo_profile,
    ]))?;
    let site = root().join("target").join("site");
    site::lay_out(&root(), &wasm, &site)?;
    eprintln!("xtask> frontend ready in {}", site.display());
    Ok(site)
}

fn serve(flags: &[String]) -> Result<()> {
    let site = build_frontend(AppProfile::Dev)?;
    let mut cmd = cargo();
    cmd.args([
        "run",
        "-p",
        "constellation-backend",
        "--bin",
        "constellation",
        "--",
    ])
    .arg("--frontend-dir")
    .arg(&site)
    .args(flags)
    .arg("serve");
    run(&mut cmd)
}

/// A release binary that carries the frontend: the only file a deployment needs.
fn dist() -> Result<()> {
    build_frontend(AppProfile::Release)?;
    run(cargo().args([
        "build",
        "--release",
        "-p",
        "constellation-backend",
        "--bin",
        "constellation",
        "--features",
        "embed-frontend",
    ]))?;
    eprintln!("xtask> target/release/constellation serves the app without --frontend-dir");
    Ok(())
}

/// The mail tests talk to a real SMTP server (aiosmtpd, run by `python3`): installed with pip
/// when missing, like Chromium with apt-get, so a fresh machine needs only the README's commands.
fn aiosmtpd() -> Result<()> {
    let present = || {
        Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if present() {
        return Ok(());
    }
    eprintln!("xtask> aiosmtpd is missing: installing it with pip (the mail tests need it)");
    run(Command::new("python3").args(["-m", "pip", "install", "--quiet", "aiosmtpd"]))?;
    if !present() {
        bail!(
            "pip installed aiosmtpd but python3 cannot import it: python3 -m pip install aiosmtpd"
        );
    }
    Ok(())
}

fn chromium() -> Result<PathBuf> {
    let path = PathBuf::from(
        std::env::var("CONSTELLATION_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
    );
    if path.exists() {
        return Ok(path);
    }
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    if !is_root {
        bail!(
            "the browser tests need Chromium at {}. Install it with:\n    sudo apt-get install -y chromium",
            path.display()
        );
    }
    eprintln!("xtask> Chromium is missing: installing it with apt-get");
    run(Command::new("apt-get").args(["update", "-q"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-q", "chromium"])
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    if !path.exists() {
        bail!(
            "apt-get installed chromium but {} is still missing",
            path.display()
        );
    }
    Ok(path)
}

fn test() -> Result<()> {
    run(cargo().args(["fmt", "--all", "--check"]))?;
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    ensure_wasm_target()?;
    run(cargo().args([
        "build",
        "-p",
        "constellation-shared",
        "--target",
        WASM_TARGET,
    ]))?;
    let site = build_frontend(AppProfile::Dev)?;
    let chromium = chromium()?;
    aiosmtpd()?;
    // Unit tests, the API suite on SQLite and the browser tests.
    run(cargo()
        .args(["test", "--workspace", "--exclude", "constellation-frontend"])
        .env("CONSTELLATION_TEST_DB", "sqlite")
        .env("CONSTELLATION_SITE_DIR", &site)
        .env("CONSTELLATION_CHROMIUM", &chromium))?;
    match std::env::var("CONSTELLATION_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => {
            run(cargo()
                .args(["test", "-p", "constellation-tests", "--test", "api"])
                .env("CONSTELLATION_TEST_DB", "postgres"))?;
        }
        _ => eprintln!(
            "xtask> CONSTELLATION_TEST_POSTGRES_URL is not set: the API suite ran on SQLite only"
        ),
    }
    eprintln!("xtask> all tests passed");
    Ok(())
}

fn bench() -> Result<()> {
    let site = build_frontend(AppProfile::Release)?;
    run(cargo().args([
        "build",
        "--release",
        "-p",
        "constellation-backend",
        "-p",
        "constellation-tests",
        "--bin",
        "constellation",
        "--bin",
        "constellation-bench",
    ]))?;
    let release = root().join("target").join("release");
    run(Command::new(release.join("constellation-bench"))
        .arg(release.join("constellation"))
        .current_dir(root()))?;
    site::report(&site)?;
    Ok(())
}
