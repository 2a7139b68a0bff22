//! `GET /health`: the process answers and the database too.

use crate::app::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::json;

pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<serde_json::Value>) {
    match state.env.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({"status": "ok", "database": "ok"})),
        ),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "degraded", "database": "unreachable"})),
            )
        }
    }
}
