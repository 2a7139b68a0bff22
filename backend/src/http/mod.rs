//! HTTP surface: the router and its endpoints.

pub mod assets;
pub mod auth;
pub mod export;
pub mod graphql;
pub mod health;
pub mod ical;
pub mod metrics;
pub mod minutes;
pub mod observe;
pub mod security;

use crate::app::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/graphql",
            get(graphql::graphiql).post(graphql::graphql_handler),
        )
        .route("/graphql/ws", get(graphql::graphql_ws))
        .route("/health", get(health::health))
        .route("/metrics", get(metrics::metrics))
        .route("/export/me", get(export::export_me))
        .route("/export/ledger.csv", get(export::export_ledger))
        .route("/export/members.csv", get(export::export_members_csv))
        .route("/export/members.html", get(export::export_members_html))
        .route("/export/assemblies/{id}/{file}", get(minutes::minutes))
        .route("/ical/barcamp/feed/{file}", get(ical::personal_feed))
        .route("/ical/barcamp/{file}", get(ical::edition_feed))
        .route("/ical/member/{file}", get(ical::member_feed))
        // gzip for the API and exports when the client asks for it. Only the routes: the app's
        // files are precompressed at build time and never compressed on the fly.
        .route_layer(CompressionLayer::new())
        .fallback(assets::serve)
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        // Inside the metrics, headers, log and id: a timed-out answer gets all of them.
        .layer(axum::middleware::from_fn_with_state(
            std::time::Duration::from_millis(state.config.request_timeout_ms),
            observe::timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::count,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(observe::trace_layer())
        .layer(axum::middleware::from_fn(observe::request_id))
        .with_state(state)
}
