//! The frontend's files, from `frontend_dir` or embedded in release builds, with a fallback
//! to `index.html` for client-side routes.

use crate::app::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use std::borrow::Cow;

#[cfg(feature = "embed-frontend")]
#[derive(rust_embed::RustEmbed)]
#[folder = "../target/site"]
struct Embedded;

fn embedded(path: &str) -> Option<Cow<'static, [u8]>> {
    #[cfg(feature = "embed-frontend")]
    {
        Embedded::get(path).map(|f| f.data)
    }
    #[cfg(not(feature = "embed-frontend"))]
    {
        let _ = path;
        None
    }
}

async fn read(state: &AppState, path: &str) -> Option<Cow<'static, [u8]>> {
    // No path traversal: only plain relative segments.
    if path.split('/').any(|s| s == ".." || s.starts_with('.')) {
        return None;
    }
    match &state.config.frontend_dir {
        Some(dir) => tokio::fs::read(dir.join(path)).await.ok().map(Cow::Owned),
        None => embedded(path),
    }
}

const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>Constellation</title>\
<p>The frontend is not built. Run <code>cargo xtask serve</code>.</p>";

pub async fn serve(State(state): State<AppState>, uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    let is_file = path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    if !path.is_empty() && is_file {
        return match read(&state, path).await {
            Some(bytes) => {
                let mime = mime_guess::from_path(path).first_or_octet_stream();
                let cache = if path.ends_with(".wasm") || path.ends_with(".js") {
                    "no-cache"
                } else {
                    "public, max-age=3600"
                };
                (
                    [
                        (header::CONTENT_TYPE, mime.as_ref().to_owned()),
                        (header::CACHE_CONTROL, cache.to_owned()),
                    ],
                    bytes.into_owned(),
                )
                    .into_response()
            }
            None => StatusCode::NOT_FOUND.into_response(),
        };
    }
    match read(&state, "index.html").await {
        Some(bytes) => Html(bytes.into_owned()).into_response(),
        None => Html(NOT_BUILT).into_response(),
    }
}
