//! `GET /export/assemblies/{id}/minutes.md` and `…/minutes.html`: the minutes of a closed assembly,
//! for association members (bearer token), as a download.

use super::auth::{actor_from_token, bearer};
use crate::app::AppState;
use crate::domain::assemblies::minutes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use constellation_shared::ErrorCode;

pub async fn minutes(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let html = match file.as_str() {
        "minutes.md" => false,
        "minutes.html" => true,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let Ok(id) = id.parse::<constellation_shared::ids::AssemblyId>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let actor = actor_from_token(&state, bearer(&headers)).await;
    match minutes::build(&state.env, &actor, id).await {
        Ok(m) => {
            let (body, kind, ext) = if html {
                (minutes::html(&m), "text/html; charset=utf-8", "html")
            } else {
                (m.markdown, "text/markdown; charset=utf-8", "md")
            };
            (
                [
                    (header::CONTENT_TYPE, kind.to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("inline; filename=\"minutes-{id}.{ext}\""),
                    ),
                ],
                body,
            )
                .into_response()
        }
        Err(e) => {
            let status = match e.code() {
                ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
                ErrorCode::Forbidden => StatusCode::FORBIDDEN,
                ErrorCode::NotFound => StatusCode::NOT_FOUND,
                ErrorCode::InvalidTransition => StatusCode::CONFLICT,
                _ => {
                    tracing::error!(error = ?e, "minutes failed");
                    StatusCode::INTERNAL_SERVER_ERROR
                }
            };
            (status, e.code().message(constellation_shared::Language::En)).into_response()
        }
    }
}
