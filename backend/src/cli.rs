//! `constellation serve | migrate | schema | create-admin | seed-demo | backup | restore |
//! verify-election`.

use crate::app::{build_state, Application};
use crate::config::Config;
use crate::domain::{accounts, flows::seed, DomainError};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "constellation",
    version,
    about = "Governance and coordination for associations of Labs"
)]
struct Cli {
    #[command(flatten)]
    flags: Flags,
    #[command(subcommand)]
    command: Command,
}

/// Flags override the file and the environment.
#[derive(Args)]
struct Flags {
    /// TOML configuration file (default: ./constellation.toml if present).
    #[arg(long, global = true, env = "CONSTELLATION_CONFIG")]
    config: Option<PathBuf>,
    /// Address to bind, e.g. 0.0.0.0:8080.
    #[arg(long, global = true)]
    bind: Option<String>,
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// sqlite://… or postgres://…
    #[arg(long, global = true)]
    database_url: Option<String>,
    /// Directory of the built frontend.
    #[arg(long, global = true)]
    frontend_dir: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Run migrations and serve the app and the API.
    Serve,
    /// Run migrations and exit.
    Migrate,
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Create an admin account, or make an existing account admin.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        display_name: String,
        /// Read from the environment so it does not end up in shell history.
        #[arg(long, env = "CONSTELLATION_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Load the demo association from the founding note.
    SeedDemo,
    /// SQLite: write a consistent copy of the database to FILE while the server runs.
    /// PostgreSQL: print the pg_dump command.
    Backup { file: PathBuf },
    /// SQLite: put the backup FILE in place of the database (stop the server first).
    /// PostgreSQL: print the pg_restore command.
    Restore {
        file: PathBuf,
        /// Replace a database that already holds accounts.
        #[arg(long)]
        force: bool,
    },
    /// Re-check an encrypted vote from its election record (JSON) alone: every trustee,
    /// ballot and decryption proof, and the totals. Exits non-zero if anything fails.
    VerifyElection { file: PathBuf },
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Schema = cli.command {
        println!("{}", crate::graphql::schema::sdl());
        return ExitCode::SUCCESS;
    }
    // Needs no configuration, database or runtime: anyone with the file can run it.
    if let Command::VerifyElection { file } = &cli.command {
        return match verify_election(file) {
            Ok(report) => {
                print!("{report}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: NOT VALID: {e:#}", file.display());
                ExitCode::FAILURE
            }
        };
    }
    let config = match load_config(&cli.flags) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::FAILURE;
        }
    };
    crate::telemetry::init_with(&config.log, config.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(execute(cli.command, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Reads and verifies an election record; the report lists the totals.
fn verify_election(file: &Path) -> anyhow::Result<String> {
    use anyhow::Context;
    use constellation_shared::voting::{verify_record, ElectionRecord, TrusteeSetup};
    use std::fmt::Write;

    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let record: ElectionRecord = serde_json::from_str(&text).context("not an election record")?;
    let totals = verify_record(&record)?;
    let params = &record.params;
    let trustees = match &params.trustees {
        TrusteeSetup::Basic { trustees } => {
            format!("{} of {} trustees", trustees.len(), trustees.len())
        }
        TrusteeSetup::Threshold {
            threshold,
            trustees,
        } => {
            format!("{threshold} of {} trustees", trustees.len())
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "election {}: valid ({} ballots, {trustees}, {} partial decryptions, fingerprint {})",
        params.election_id,
        record.ballots.len(),
        record.partial_decryptions.len(),
        params.fingerprint_hex()?,
    );
    for (option, total) in params.question.options.iter().zip(&totals) {
        let _ = writeln!(out, "{total}\t{option}");
    }
    Ok(out)
}

fn load_config(flags: &Flags) -> Result<Config, Box<figment::Error>> {
    let mut config = Config::load(flags.config.as_deref())?;
    if let Some(b) = &flags.bind {
        config.bind = b.clone();
    }
    if let Some(d) = &flags.data_dir {
        config.data_dir = d.clone();
    }
    if let Some(u) = &flags.database_url {
        config.database_url = Some(u.clone());
    }
    if let Some(f) = &flags.frontend_dir {
        config.frontend_dir = Some(f.clone());
    }
    Ok(config)
}

fn domain(e: DomainError) -> anyhow::Error {
    anyhow::anyhow!(
        "{:?}: {}",
        e,
        e.code().message(constellation_shared::Language::En)
    )
}

async fn execute(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Schema | Command::VerifyElection { .. } => Ok(()),
        Command::Serve => {
            let app = Application::build(config).await?;
            let addr = app.local_addr();
            println!("Constellation is running at http://{addr}");
            tracing::info!(%addr, "listening");
            app.serve(shutdown_signal()).await?;
            Ok(())
        }
        Command::Migrate => {
            build_state(config).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::CreateAdmin {
            email,
            display_name,
            password,
        } => {
            let state = build_state(config).await?;
            let u = accounts::create_admin(&state.env, &email, &display_name, &password)
                .await
                .map_err(domain)?;
            println!("{} is now an admin and board member", u.email);
            Ok(())
        }
        Command::Backup { file } => {
            let url = config.database_url();
            let db = crate::db::connect(&url).await?;
            match crate::backup::backup(&db, &url, &file).await? {
                crate::backup::Backup::Written(f) => println!("backup written to {}", f.display()),
                crate::backup::Backup::UsePgDump(cmd) => println!("PostgreSQL: run\n  {cmd}"),
            }
            Ok(())
        }
        Command::Restore { file, force } => {
            let said = crate::backup::restore(&config.database_url(), &file, force).await?;
            println!("{said}");
            Ok(())
        }
        Command::SeedDemo => {
            let state = build_state(config).await?;
            let n = seed::seed_demo(&state.env).await.map_err(domain)?;
            println!(
                "demo data loaded: {n} accounts created (password for all: {})",
                seed::DEMO_PASSWORD
            );
            Ok(())
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

#[cfg(test)]
mod tests {
    use super::verify_election;

    /// The committed test vector of the shared crate, as the record file a vote exports.
    fn record_file(name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> std::path::PathBuf {
        let vector: serde_json::Value =
            serde_json::from_str(include_str!("../../shared/tests/vectors/motion.json")).unwrap();
        let mut record = vector["record"].clone();
        edit(&mut record);
        let path =
            std::env::temp_dir().join(format!("constellation-{}-{name}.json", std::process::id()));
        std::fs::write(&path, serde_json::to_vec(&record).unwrap()).unwrap();
        path
    }

    #[test]
    fn verify_election_prints_the_totals_of_a_valid_record() {
        let path = record_file("good", |_| {});
        let report = verify_election(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(report.starts_with("election vector-motion: valid (3 ballots, 2 of 2 trustees"));
        assert!(report.ends_with("2\tyes\n1\tno\n0\tabstain\n"), "{report}");
    }

    #[test]
    fn verify_election_rejects_a_tampered_record() {
        let path = record_file("total", |r| r["result"][1] = 2.into());
        let err = verify_election(&path).unwrap_err();
        std::fs::remove_file(&path).unwrap();
        assert!(err.to_string().contains("option 1: claimed total"), "{err}");
        let path = record_file("ballot", |r| {
            r["ballots"].as_array_mut().unwrap().remove(0);
        });
        let err = verify_election(&path).unwrap_err();
        std::fs::remove_file(&path).unwrap();
        assert!(err.to_string().contains("encrypted tally"), "{err}");
        let missing = std::env::temp_dir().join("constellation-no-such-record.json");
        assert!(verify_election(&missing).is_err());
    }
}
