//! `GET /health`: the process answers, the database too, the vote writer runs and (on
//! PostgreSQL) the live-event listener hears the other replicas; which replica answered.

use crate::app::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::json;

pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<serde_json::Value>) {
    let writer = state.env.votes.health();
    let votes = if writer.healthy() { "ok" } else { "restarting" };
    let database = match state.env.db.ping().await {
        Ok(()) => "ok",
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            "unreachable"
        }
    };
    let bus = &state.live_bus.health;
    let ok = votes == "ok" && database == "ok" && bus.healthy();
    (
        if ok {
            StatusCode::OK
        } else {
            StatusCode::SERVICE_UNAVAILABLE
        },
        Json(json!({
            "status": if ok { "ok" } else { "degraded" },
            "database": database,
            "votes": votes,
            "voteWriterRestarts": writer.restarts(),
            "replica": bus.replica(),
            "listener": bus.listener(),
            "listenerReconnects": bus.reconnects(),
        })),
    )
}
