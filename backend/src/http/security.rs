//! Security headers on every response. The app's policy allows only the server's own files
//! (no inline script, no inline style attribute, `wasm-unsafe-eval` to compile the app) and
//! no framing. A handler that needs another policy sets its own `Content-Security-Policy`
//! (GraphiQL, when enabled), and it is kept.

use crate::app::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

pub const APP_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// GraphiQL's page (off by default) loads React and GraphiQL from unpkg.com.
pub const GRAPHIQL_POLICY: &str = "default-src 'self'; \
script-src 'self' 'unsafe-inline' https://unpkg.com; style-src 'self' 'unsafe-inline' https://unpkg.com; \
img-src 'self' data: https://unpkg.com; font-src 'self' data: https://unpkg.com; connect-src 'self'; \
object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let mut set = |name: header::HeaderName, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(header::CONTENT_SECURITY_POLICY, APP_POLICY);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "no-referrer");
    set(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if state.config.hsts {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    response
}
