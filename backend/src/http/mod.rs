//! HTTP surface: the router and its endpoints.

pub mod assets;
pub mod auth;
pub mod export;
pub mod graphql;
pub mod health;
pub mod ical;
pub mod metrics;
pub mod minutes;
pub mod security;

use crate::app::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

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
        .route("/export/assemblies/{id}/{file}", get(minutes::minutes))
        .route("/ical/barcamp/feed/{file}", get(ical::personal_feed))
        .route("/ical/barcamp/{file}", get(ical::edition_feed))
        // gzip for the API and exports when the client asks for it. Only the routes: the app's
        // files are precompressed at build time and never compressed on the fly.
        .route_layer(CompressionLayer::new())
        .fallback(assets::serve)
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::count,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
