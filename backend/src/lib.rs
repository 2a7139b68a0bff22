//! Constellation's server: GraphQL API, HTTP endpoints, domain services and persistence.

pub mod app;
pub mod auth;
pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod entities;
pub mod graphql;
pub mod http;
pub mod live_bus;
pub mod mailer;
pub mod telemetry;

pub use app::{AppState, Application};
pub use config::Config;
