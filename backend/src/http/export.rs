//! `GET /export/me`: the caller's data as a zip (JSON plus one CSV per table), or as JSON
//! alone with `?format=json`.

use super::auth::{actor_from_token, bearer};
use crate::app::AppState;
use crate::domain::{flows::export, DomainError};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use std::io::Write as _;

#[derive(Deserialize)]
pub struct ExportParams {
    format: Option<String>,
}

fn error(e: DomainError) -> Response {
    let code = e.code();
    let status = match code {
        constellation_shared::ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        constellation_shared::ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        _ => {
            tracing::error!(error = ?e, "export failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    };
    (
        status,
        Json(serde_json::json!({"error": {"code": code.as_str(), "message": code.message(constellation_shared::Language::En)}})),
    )
        .into_response()
}

pub async fn export_me(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<ExportParams>,
) -> Response {
    let actor = actor_from_token(&state, bearer(&headers)).await;
    let data = match export::my_data(&state.env, &actor).await {
        Ok(d) => d,
        Err(e) => return error(e),
    };
    if params.format.as_deref() == Some("json") {
        return (
            [(
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"constellation-my-data.json\"",
            )],
            Json(data.json),
        )
            .into_response();
    }
    match zip(&data) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/zip"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"constellation-my-data.zip\"",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => error(DomainError::internal(format!("zip: {e}"))),
    }
}

fn zip(data: &export::Export) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("my-data.json", opts)?;
    let json = serde_json::to_vec_pretty(&data.json).unwrap_or_default();
    writer.write_all(&json)?;
    for table in &data.tables {
        writer.start_file(format!("{}.csv", table.name), opts)?;
        writer.write_all(export::to_csv(table).as_bytes())?;
    }
    Ok(writer.finish()?.into_inner())
}

/// `GET /export/ledger.csv`: every grant and release (association members).
pub async fn export_ledger(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let actor = actor_from_token(&state, bearer(&headers)).await;
    match export::ledger_table(&state.env, &actor).await {
        Ok(table) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"constellation-ledger.csv\"",
                ),
            ],
            export::to_csv(&table),
        )
            .into_response(),
        Err(e) => error(e),
    }
}

/// `GET /export/members.csv`: the register of members with the accounts' roles (board and
/// admins). Personal data: never cached.
pub async fn export_members_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let actor = actor_from_token(&state, bearer(&headers)).await;
    match crate::domain::accounts::register::table(&state.env, &actor).await {
        Ok(table) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"constellation-members.csv\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            export::to_csv(&table),
        )
            .into_response(),
        Err(e) => error(e),
    }
}

/// `GET /export/members.html`: the register as the law asks for it, a page to print (board
/// and admins).
pub async fn export_members_html(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let actor = actor_from_token(&state, bearer(&headers)).await;
    match crate::domain::accounts::register::printable(&state.env, &actor).await {
        Ok(page) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "inline; filename=\"registre-des-membres.html\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            page,
        )
            .into_response(),
        Err(e) => error(e),
    }
}
