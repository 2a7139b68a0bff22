//! `GET /metrics`: Prometheus text format, counted in-process (per replica), readable by
//! everyone unless `metrics_allow` (client addresses) or `metrics_token` (a bearer token)
//! restrict it.

use crate::app::AppState;
use async_graphql::BatchResponse;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sea_orm::{DatabaseConnection, DatabaseConnectionType};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Upper bounds of the latency histogram's buckets, in seconds (`+Inf` follows).
pub const LATENCY_BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// A Prometheus histogram with fixed buckets; each slot counts the observations that fell
/// in it (the last one: above every bound), made cumulative when rendered.
#[derive(Default)]
pub struct Histogram {
    slots: [AtomicU64; LATENCY_BUCKETS.len() + 1],
    sum_micros: AtomicU64,
}

impl Histogram {
    pub fn observe(&self, d: Duration) {
        let secs = d.as_secs_f64();
        let slot = LATENCY_BUCKETS
            .iter()
            .position(|le| secs <= *le)
            .unwrap_or(LATENCY_BUCKETS.len());
        if let Some(c) = self.slots.get(slot) {
            c.fetch_add(1, Ordering::Relaxed);
        }
        let micros = u64::try_from(d.as_micros()).unwrap_or(u64::MAX);
        self.sum_micros.fetch_add(micros, Ordering::Relaxed);
    }

    /// `_bucket{le=…}` lines, `_sum` and `_count` (the `+Inf` bucket's value).
    pub fn render(&self, out: &mut String, name: &str, help: &str) {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} histogram");
        let mut cumulative = 0u64;
        for (i, slot) in self.slots.iter().enumerate() {
            cumulative += slot.load(Ordering::Relaxed);
            let le = LATENCY_BUCKETS
                .get(i)
                .map_or_else(|| "+Inf".to_owned(), |b| b.to_string());
            let _ = writeln!(out, "{name}_bucket{{le=\"{le}\"}} {cumulative}");
        }
        let sum = self.sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "{name}_sum {sum}");
        let _ = writeln!(out, "{name}_count {cumulative}");
    }
}

#[derive(Default)]
pub struct Metrics {
    /// Responses by status class: 1xx … 5xx.
    responses: [AtomicU64; 5],
    graphql_operations: AtomicU64,
    graphql_errors: Mutex<BTreeMap<String, u64>>,
    pub statements: crate::db::StatementCounter,
    /// Time from the request reaching the router to its response head.
    pub latency: Histogram,
}

impl Metrics {
    pub fn graphql(&self, resp: &BatchResponse) {
        let responses: Vec<&async_graphql::Response> = match resp {
            BatchResponse::Single(r) => vec![r],
            BatchResponse::Batch(rs) => rs.iter().collect(),
        };
        self.graphql_operations
            .fetch_add(responses.len() as u64, Ordering::Relaxed);
        let Ok(mut errors) = self.graphql_errors.lock() else {
            return;
        };
        for err in responses.iter().flat_map(|r| r.errors.iter()) {
            let code = err
                .extensions
                .as_ref()
                .and_then(|e| e.get("code"))
                .map(|v| v.to_string().trim_matches('"').to_owned())
                .unwrap_or_else(|| "UNKNOWN".into());
            *errors.entry(code).or_default() += 1;
        }
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP constellation_http_responses_total HTTP responses by status class.\n");
        out.push_str("# TYPE constellation_http_responses_total counter\n");
        for (i, c) in self.responses.iter().enumerate() {
            let _ = writeln!(
                out,
                "constellation_http_responses_total{{class=\"{}xx\"}} {}",
                i + 1,
                c.load(Ordering::Relaxed)
            );
        }
        out.push_str(
            "# HELP constellation_graphql_operations_total GraphQL operations executed.\n",
        );
        out.push_str("# TYPE constellation_graphql_operations_total counter\n");
        let _ = writeln!(
            out,
            "constellation_graphql_operations_total {}",
            self.graphql_operations.load(Ordering::Relaxed)
        );
        out.push_str("# HELP constellation_db_statements_total SQL statements executed.\n");
        out.push_str("# TYPE constellation_db_statements_total counter\n");
        let _ = writeln!(
            out,
            "constellation_db_statements_total {}",
            self.statements.load(Ordering::Relaxed)
        );
        out.push_str("# HELP constellation_graphql_errors_total GraphQL errors by code.\n");
        out.push_str("# TYPE constellation_graphql_errors_total counter\n");
        if let Ok(errors) = self.graphql_errors.lock() {
            for (code, n) in errors.iter() {
                let _ = writeln!(
                    out,
                    "constellation_graphql_errors_total{{code=\"{code}\"}} {n}"
                );
            }
        }
        self.latency.render(
            &mut out,
            "constellation_http_request_duration_seconds",
            "Time to answer an HTTP request (to the response head).",
        );
        out
    }
}

/// The connection pool's gauges: open connections idle and in use, and the maximum.
pub fn pool_gauges(db: &DatabaseConnection) -> String {
    let (size, idle, max) = match &db.inner {
        DatabaseConnectionType::SqlxSqlitePoolConnection(_) => {
            let pool = db.get_sqlite_connection_pool();
            (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            )
        }
        DatabaseConnectionType::SqlxPostgresPoolConnection(_) => {
            let pool = db.get_postgres_connection_pool();
            (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            )
        }
        _ => return String::new(),
    };
    let idle = u32::try_from(idle).unwrap_or(u32::MAX).min(size);
    let mut out = String::new();
    out.push_str("# HELP constellation_db_pool_connections Open database connections by state.\n");
    out.push_str("# TYPE constellation_db_pool_connections gauge\n");
    let _ = writeln!(
        out,
        "constellation_db_pool_connections{{state=\"idle\"}} {idle}"
    );
    let _ = writeln!(
        out,
        "constellation_db_pool_connections{{state=\"in_use\"}} {}",
        size - idle
    );
    out.push_str("# HELP constellation_db_pool_max_connections Most connections the pool opens.\n");
    out.push_str("# TYPE constellation_db_pool_max_connections gauge\n");
    let _ = writeln!(out, "constellation_db_pool_max_connections {max}");
    out
}

pub async fn count(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let resp = next.run(req).await;
    state.metrics.latency.observe(started.elapsed());
    let class = (resp.status().as_u16() / 100).clamp(1, 5) as usize - 1;
    if let Some(c) = state.metrics.responses.get(class) {
        c.fetch_add(1, Ordering::Relaxed);
    }
    resp
}

pub async fn metrics(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if let Err(refused) = allowed(&state, &headers, peer) {
        return refused.into_response();
    }
    let mut body = state.metrics.render();
    body.push_str(&pool_gauges(&state.env.db));
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}

/// `metrics_allow` first (403 for another address), then `metrics_token` (401 without a
/// bearer token, 403 with another one). The answers say nothing more.
fn allowed(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> Result<(), Refused> {
    let config = &state.config;
    if !config.metrics_allow.is_empty() {
        let client = crate::http::auth::client_address(state, headers, peer);
        if !address_allowed(&config.metrics_allow, &client) {
            return Err(Refused::Forbidden);
        }
    }
    if let Some(expected) = &config.metrics_token {
        let presented = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let Some(presented) = presented else {
            return Err(Refused::NoToken);
        };
        if !same_secret(presented.as_bytes(), expected.expose_secret().as_bytes()) {
            return Err(Refused::Forbidden);
        }
    }
    Ok(())
}

enum Refused {
    NoToken,
    Forbidden,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::NoToken => (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                "unauthorized\n",
            )
                .into_response(),
            Refused::Forbidden => (StatusCode::FORBIDDEN, "forbidden\n").into_response(),
        }
    }
}

/// Whether `client` is one of `allow`: addresses compare as addresses (`::ffff:10.0.0.1` is
/// `10.0.0.1`, `::1` is `0:0::1`); an entry that is not an address must match as written.
pub fn address_allowed(allow: &[String], client: &str) -> bool {
    let canonical = |s: &str| s.trim().parse::<IpAddr>().ok().map(|ip| ip.to_canonical());
    let client_ip = canonical(client);
    allow
        .iter()
        .any(|entry| match (canonical(entry), client_ip) {
            (Some(a), Some(c)) => a == c,
            _ => entry.trim() == client.trim(),
        })
}

/// Equality in time independent of where the inputs differ (their digests are compared).
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    let (x, y) = (Sha256::digest(a), Sha256::digest(b));
    x.iter()
        .zip(y.iter())
        .fold(0u8, |acc, (p, q)| acc | (p ^ q))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_histogram_is_cumulative_and_counts_every_observation() {
        let h = Histogram::default();
        h.observe(Duration::from_millis(3));
        h.observe(Duration::from_millis(5));
        h.observe(Duration::from_millis(70));
        h.observe(Duration::from_secs(30));
        let mut out = String::new();
        h.render(&mut out, "t", "help");
        let value = |line: &str| {
            out.lines()
                .find_map(|l| l.strip_prefix(line))
                .unwrap_or_else(|| panic!("{line} missing in {out}"))
                .trim()
                .to_owned()
        };
        assert!(out.contains("# TYPE t histogram"), "{out}");
        assert_eq!(
            value("t_bucket{le=\"0.005\"}"),
            "2",
            "5 ms falls in le=0.005"
        );
        assert_eq!(value("t_bucket{le=\"0.05\"}"), "2");
        assert_eq!(value("t_bucket{le=\"0.1\"}"), "3");
        assert_eq!(value("t_bucket{le=\"10\"}"), "3");
        assert_eq!(value("t_bucket{le=\"+Inf\"}"), "4");
        assert_eq!(value("t_count"), "4");
        assert_eq!(value("t_sum"), "30.078");
    }

    #[test]
    fn allowed_addresses_compare_as_addresses() {
        let allow = vec!["10.0.0.5".to_owned(), "::1".to_owned()];
        assert!(address_allowed(&allow, "10.0.0.5"));
        assert!(address_allowed(&allow, "::ffff:10.0.0.5"));
        assert!(address_allowed(&allow, "0:0::1"));
        assert!(!address_allowed(&allow, "127.0.0.1"));
        assert!(!address_allowed(&allow, "10.0.0.50"));
        assert!(!address_allowed(&[], "10.0.0.5"));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"abcd"));
        assert!(!same_secret(b"", b"abc"));
    }
}
