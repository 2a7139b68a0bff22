//! `GET /metrics`: Prometheus text format, counted in-process (per replica).

use crate::app::AppState;
use async_graphql::BatchResponse;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

#[derive(Default)]
pub struct Metrics {
    /// Responses by status class: 1xx … 5xx.
    responses: [AtomicU64; 5],
    graphql_operations: AtomicU64,
    graphql_errors: Mutex<BTreeMap<String, u64>>,
    pub statements: crate::db::StatementCounter,
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
        out
    }
}

pub async fn count(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let resp = next.run(req).await;
    let class = (resp.status().as_u16() / 100).clamp(1, 5) as usize - 1;
    if let Some(c) = state.metrics.responses.get(class) {
        c.fetch_add(1, Ordering::Relaxed);
    }
    resp
}

pub async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}
