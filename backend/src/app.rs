//! Building the application: database, secrets, schema, router; binding the address given
//! (port 0 in tests) and reporting the real one.

use crate::auth::jwt::JwtKeys;
use crate::config::Config;
use crate::domain::{Env, LoginLimits};
use crate::graphql::{build_schema, AppSchema};
use crate::http::{self, metrics::Metrics};
use anyhow::Context as _;
use secrecy::ExposeSecret;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use tokio::net::TcpListener;

#[derive(Clone)]
pub struct AppState {
    pub env: Env,
    pub schema: AppSchema,
    pub jwt: JwtKeys,
    pub config: Arc<Config>,
    pub metrics: Arc<Metrics>,
    /// Live subscriptions held per account or anonymous address (the caps).
    pub subscriptions: Arc<crate::graphql::subscriptions::Registry>,
    /// The outbox sender; `Application::build` starts it (tests wake and stop it).
    pub mailer: crate::mailer::Mailer,
    /// The live feeds across replicas; `Application::build` starts the listener.
    pub live_bus: Arc<crate::live_bus::Bus>,
}

pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    addr: SocketAddr,
    pub state: AppState,
}

impl Application {
    /// Connects, migrates, loads or creates the JWT secret, and binds.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        config.check_replicas().map_err(anyhow::Error::msg)?;
        let state = build_state(config).await?;
        state.live_bus.start_listener().await;
        state.mailer.start();
        start_digests(&state);
        start_deadlines(&state);
        start_poll_seals(&state);
        let listener = TcpListener::bind(&state.config.bind)
            .await
            .with_context(|| format!("cannot bind {}", state.config.bind))?;
        let addr = listener.local_addr()?;
        let router = http::router(state.clone());
        Ok(Self {
            listener,
            router,
            addr,
            state,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until `shutdown` completes.
    pub async fn serve(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
    }
}

pub async fn build_state(config: Config) -> anyhow::Result<AppState> {
    create_private_dir(&config.data_dir)
        .with_context(|| format!("cannot create data dir {}", config.data_dir.display()))?;
    crate::auth::password::limit_concurrency(config.password_hash_concurrency);
    let metrics = Arc::new(Metrics::default());
    let db = crate::db::connect_counted(
        &config.database_url(),
        Some(config.database_max_connections),
        metrics.statements.clone(),
    )
    .await
    .context("cannot connect to the database")?;
    migrate_once(&db).await.context("migrations failed")?;
    restrict_sqlite_files(&config.database_url());
    let secret = match &config.jwt_secret {
        Some(s) => s.expose_secret().as_bytes().to_vec(),
        None => load_or_create_secret(&config.data_dir)?,
    };
    anyhow::ensure!(
        secret.len() >= 32,
        "the JWT secret must be at least 32 bytes"
    );
    let jwt = JwtKeys::new(
        &secret,
        &config.jwt_issuer,
        &config.jwt_audience,
        config.jwt_ttl_minutes,
    );
    // Local broadcast channels; on PostgreSQL also carried to the other replicas.
    let live_bus = Arc::new(crate::live_bus::Bus::new(&config)?);
    let (events, live, notices) = (
        live_bus.events.clone(),
        live_bus.live.clone(),
        live_bus.notices.clone(),
    );
    let mail_wake = Arc::new(tokio::sync::Notify::new());
    let votes = crate::domain::assemblies::votes::VoteQueue::start(
        db.clone(),
        events.clone(),
        live.clone(),
        config.vote_batch_max,
    );
    let env = Env {
        db,
        events,
        live,
        votes,
        notices,
        mail_wake: mail_wake.clone(),
        reach: crate::domain::reach::ReachSettings {
            public_url: config.public_url.trim_end_matches('/').to_owned(),
            mail_from: config.mail_from.clone(),
        },
        assembly: crate::domain::AssemblySettings {
            convocation_days: config.assembly_convocation_days,
            proxy_cap: config.assembly_proxy_cap,
        },
        limits: LoginLimits {
            per_account: config.login_max_failures_per_account,
            per_address: config.login_max_failures_per_address,
            registrations_per_address: config.register_max_per_address,
            window_seconds: config.login_window_seconds,
        },
    };
    let schema = build_schema(env.clone(), jwt.clone(), &config);
    let mailer = crate::mailer::Mailer::new(&config, &env.db, mail_wake)?;
    Ok(AppState {
        env,
        schema,
        jwt,
        config: Arc::new(config),
        metrics,
        subscriptions: Arc::default(),
        mailer,
        live_bus,
    })
}

/// Runs the pending migrations. On PostgreSQL, replicas starting together take turns: a
/// transaction-scoped advisory lock is held (on one pooled connection) while the migrations
/// run on the others, so the second replica finds them applied instead of racing to create
/// the same tables.
async fn migrate_once(db: &sea_orm::DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return crate::db::migrate(db).await;
    }
    let turn = db.begin().await?;
    // Any fixed key: "constellation migrations".
    turn.execute_unprepared("SELECT pg_advisory_xact_lock(7418264359)")
        .await?;
    let done = crate::db::migrate(db).await;
    turn.commit().await?;
    done
}

/// A random 64-byte secret kept in `data_dir/jwt_secret`, readable by the owner only.
fn load_or_create_secret(dir: &Path) -> anyhow::Result<Vec<u8>> {
    use base64::Engine as _;
    use std::io::Write as _;
    let path = dir.join("jwt_secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        return base64::engine::general_purpose::STANDARD
            .decode(existing.trim())
            .context("jwt_secret file is not valid base64");
    }
    let mut bytes = [0u8; 64];
    rand::fill(&mut bytes);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut file = opts
        .open(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(
        base64::engine::general_purpose::STANDARD
            .encode(bytes)
            .as_bytes(),
    )?;
    tracing::info!(path = %path.display(), "generated a new JWT secret");
    Ok(bytes.to_vec())
}

/// The data directory holds the database and the JWT secret: readable by the server's user
/// only (0700). An existing directory is left as its owner set it.
fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    if dir.exists() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

/// A SQLite database (and its WAL and shared-memory files) readable by the server only.
fn restrict_sqlite_files(url: &str) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Some(path) = url
            .strip_prefix("sqlite://")
            .map(|p| p.split('?').next().unwrap_or(p))
        else {
            return;
        };
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{path}{suffix}");
            if std::path::Path::new(&file).exists() {
                if let Err(e) =
                    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                {
                    tracing::warn!(error = %e, file, "cannot restrict the database file to its owner");
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = url;
}

/// At start, then every hour: tells the holders of services at risk that the transition's
/// end of service approaches (`transition::deadline`; once per service and threshold,
/// whichever server gets there first). An error is logged and the next hour tries again.
fn start_deadlines(state: &AppState) {
    let env = state.env.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60 * 60));
        loop {
            tick.tick().await;
            let today = crate::domain::transition::today();
            match crate::domain::transition::deadline::tell_at_risk(&env, today).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(services = n, "transition deadline reminders written");
                    env.mail_wake.notify_one();
                }
                Err(e) => tracing::error!(error = ?e, "transition deadline reminders failed"),
            }
        }
    });
}

/// At start, then every ten minutes: seals the anonymous polls whose closing date has passed
/// (`polls::seal_due`: their answers rewritten in a random order, once, whichever server
/// gets there first), so arrival order stays visible to the database's system columns for
/// minutes after the close, not until someone happens to read. An error is logged and the
/// next run tries again.
fn start_poll_seals(state: &AppState) {
    let env = state.env.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60 * 10));
        loop {
            tick.tick().await;
            match crate::domain::polls::seal_due(&env).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(polls = n, "closed anonymous polls sealed"),
                Err(e) => tracing::error!(error = ?e, "sealing closed polls failed"),
            }
        }
    });
}

/// Once an hour, at `digest_hour_utc`, writes the daily digests (idempotent: one mail per
/// member and day, whichever server writes it first), then wakes the sender.
fn start_digests(state: &AppState) {
    let (env, hour) = (state.env.clone(), state.config.digest_hour_utc);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60 * 10));
        loop {
            tick.tick().await;
            let now = chrono::Utc::now();
            if chrono::Timelike::hour(&now) != hour {
                continue;
            }
            match crate::domain::reach::digest::write_due(&env.db, &env.reach, now).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!(mails = n, "daily digests written");
                    env.mail_wake.notify_one();
                }
                Err(e) => tracing::error!(error = ?e, "daily digests failed"),
            }
        }
    });
}
