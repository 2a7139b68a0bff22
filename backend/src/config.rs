//! One typed configuration: defaults, then an optional TOML file, then `CONSTELLATION_*`
//! environment variables, then command-line flags (applied by `cli`).

use figment::providers::{Env, Format, Toml};
use figment::Figment;
use secrecy::SecretString;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Address the server binds; port 0 picks a free port (tests).
    pub bind: String,
    /// Where the SQLite file and the generated JWT secret live.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; defaults to a SQLite file in `data_dir`.
    pub database_url: Option<String>,
    /// HS256 key for session tokens. Generated and stored in `data_dir` when absent.
    pub jwt_secret: Option<SecretString>,
    pub jwt_issuer: String,
    pub jwt_audience: String,
    pub jwt_ttl_minutes: i64,
    /// GraphiQL on `GET /graphql`. Off by default: it loads React and GraphiQL from a public
    /// CDN, so it is served with its own, looser policy and only when asked for.
    pub graphiql: bool,
    pub introspection: bool,
    /// Directory holding the built frontend (index.html, wasm, js, css). When absent the
    /// embedded copy is served if the binary was built with it.
    pub frontend_dir: Option<PathBuf>,
    /// Read the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy_headers: bool,
    /// How many trusted proxies append to `X-Forwarded-For` in front of the server (1: one
    /// reverse proxy); the client is that many entries from the right.
    pub trusted_proxy_hops: usize,
    /// Send `Strict-Transport-Security` (only when the site is served over TLS).
    pub hsts: bool,
    pub login_max_failures_per_account: u32,
    pub login_max_failures_per_address: u32,
    pub login_window_seconds: i64,
    /// Accounts one client address may register per `login_window_seconds`.
    pub register_max_per_address: u32,
    /// Password hashes computed at once (19 MiB each); 0: one per core.
    pub password_hash_concurrency: usize,
    /// Seconds a WebSocket connection has to send `connection_init` before it is closed.
    pub ws_init_timeout_seconds: u64,
    /// The site's public address, for links in mails (no trailing slash).
    pub public_url: String,
    /// `From:` of the mails the platform sends.
    pub mail_from: String,
    /// `smtp://host:port`, `smtps://user:pass@host` (TLS) or `smtp://…?tls=starttls`. Absent:
    /// mails are written as `.eml` files to `<data_dir>/outbox/`.
    pub smtp_url: Option<SecretString>,
    /// Seconds between two looks at the outbox when nothing wakes the sender (new mail wakes
    /// it at once; this catches retries that fall due and mail written by other servers).
    pub mail_poll_seconds: u64,
    /// The hour (UTC) the daily digests are written.
    pub digest_hour_utc: u32,
    pub max_query_depth: usize,
    pub max_query_complexity: usize,
    /// Fields selected by one document, aliases and fragment expansions included.
    pub max_query_fields: usize,
    pub max_batch_len: usize,
    pub max_body_bytes: usize,
    /// Largest serialized GraphQL response over HTTP; a bigger one is answered with an error.
    pub max_response_bytes: usize,
    /// PostgreSQL connections per server process.
    pub database_max_connections: u32,
    /// Most votes committed together (1: one commit per vote, for comparison).
    pub vote_batch_max: usize,
    /// Days between the convocation and the assembly, at least (statutes; the law's 15).
    pub assembly_convocation_days: i64,
    /// Proxies one effective member may hold for one assembly (statutes; default 1).
    pub assembly_proxy_cap: u32,
    /// `tracing` filter, e.g. `info,constellation_backend=debug`.
    pub log: String,
    /// `text` (default) or `json`: one JSON object per line.
    pub log_format: crate::telemetry::LogFormat,
    /// A request taking longer answers 503 (the WebSocket route excepted); 0: no limit.
    pub request_timeout_ms: u64,
    /// When set, `/metrics` requires `Authorization: Bearer <token>`.
    pub metrics_token: Option<SecretString>,
    /// Client addresses (exact IPs) allowed to read `/metrics`; empty: any.
    pub metrics_allow: Vec<String>,
    /// This process's name in `/health` and in PostgreSQL's `pg_stat_activity`
    /// (`application_name` of its live-event connections). Absent: `<hostname>-<pid>`.
    pub replica_name: Option<String>,
    /// Declares that one server process alone uses this PostgreSQL database, so the JWT
    /// secret generated into `data_dir` is enough. Otherwise PostgreSQL needs `jwt_secret`,
    /// the same on every replica (tokens signed by one must verify on the others).
    pub single_replica: bool,
    /// PostgreSQL: the first wait before the live-event listener reconnects after losing its
    /// connection (doubling, up to 30 s). What was sent meanwhile is read back on reconnect.
    pub live_retry_ms: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data"),
            database_url: None,
            jwt_secret: None,
            jwt_issuer: "constellation".into(),
            jwt_audience: "constellation-web".into(),
            jwt_ttl_minutes: 12 * 60,
            graphiql: false,
            introspection: true,
            frontend_dir: None,
            trust_proxy_headers: false,
            trusted_proxy_hops: 1,
            hsts: false,
            login_max_failures_per_account: 5,
            login_max_failures_per_address: 20,
            login_window_seconds: 15 * 60,
            register_max_per_address: 10,
            password_hash_concurrency: 0,
            ws_init_timeout_seconds: 10,
            public_url: "http://127.0.0.1:8080".into(),
            mail_from: "Constellation <noreply@localhost>".into(),
            smtp_url: None,
            mail_poll_seconds: 5,
            digest_hour_utc: 7,
            max_query_depth: 12,
            max_query_complexity: 10_000,
            max_query_fields: 300,
            max_batch_len: 10,
            max_body_bytes: 1024 * 1024,
            max_response_bytes: 8 * 1024 * 1024,
            database_max_connections: 20,
            vote_batch_max: 512,
            assembly_convocation_days: 15,
            assembly_proxy_cap: 1,
            log: "info".into(),
            log_format: crate::telemetry::LogFormat::Text,
            request_timeout_ms: 30_000,
            metrics_token: None,
            metrics_allow: Vec::new(),
            replica_name: None,
            single_replica: false,
            live_retry_ms: 1_000,
        }
    }
}

impl Config {
    /// Defaults, then `file` (or `constellation.toml` in the working directory if present),
    /// then the environment.
    pub fn load(file: Option<&Path>) -> Result<Self, Box<figment::Error>> {
        let mut figment = Figment::new();
        match file {
            Some(path) => figment = figment.merge(Toml::file_exact(path)),
            None => figment = figment.merge(Toml::file("constellation.toml")),
        }
        figment
            .merge(Env::prefixed("CONSTELLATION_"))
            .extract()
            .map_err(Box::new)
    }

    pub fn is_postgres(&self) -> bool {
        let url = self.database_url();
        url.starts_with("postgres://") || url.starts_with("postgresql://")
    }

    /// Several replicas may share a PostgreSQL database: each must verify the others'
    /// tokens, so a secret generated per data directory will not do.
    pub fn check_replicas(&self) -> Result<(), String> {
        if self.is_postgres() && self.jwt_secret.is_none() && !self.single_replica {
            return Err(
                "on PostgreSQL several replicas may serve the same database: set \
                 jwt_secret (CONSTELLATION_JWT_SECRET), the same on every replica, or \
                 single_replica = true for a lone server that keeps a generated secret in \
                 data_dir"
                    .to_owned(),
            );
        }
        Ok(())
    }

    /// `replica_name`, else `<hostname>-<pid>`.
    pub fn replica(&self) -> String {
        match &self.replica_name {
            Some(n) if !n.trim().is_empty() => n.trim().to_owned(),
            _ => {
                let host = hostname::get()
                    .ok()
                    .and_then(|h| h.into_string().ok())
                    .unwrap_or_else(|| "localhost".to_owned());
                format!("{host}-{}", std::process::id())
            }
        }
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("constellation.db").display()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_needs_a_shared_secret_unless_declared_alone() {
        let mut c = Config {
            database_url: Some("postgres://db/constellation".into()),
            ..Config::default()
        };
        assert!(c.check_replicas().is_err());
        c.single_replica = true;
        assert!(c.check_replicas().is_ok());
        c.single_replica = false;
        c.jwt_secret = Some(SecretString::from("s".repeat(32)));
        assert!(c.check_replicas().is_ok());
        // SQLite: one process by construction.
        assert!(Config::default().check_replicas().is_ok());
    }

    #[test]
    fn the_replica_is_named_by_config_or_host_and_pid() {
        let c = Config {
            replica_name: Some(" web-1 ".into()),
            ..Config::default()
        };
        assert_eq!(c.replica(), "web-1");
        let pid = format!("-{}", std::process::id());
        assert!(Config::default().replica().ends_with(&pid));
    }
}
