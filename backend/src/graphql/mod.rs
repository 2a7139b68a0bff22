//! The GraphQL API: schema with limits, per-domain resolvers (thin), errors and loaders.

pub mod accounts;
pub mod assemblies;
pub mod audit;
pub mod barcamp;
pub mod common_rules;
pub mod context;
pub mod error;
pub mod home;
pub mod labs;
pub mod limits;
pub mod loaders;
pub mod members;
pub mod notifications;
pub mod outbox;
pub mod pagination;
pub mod polls;
pub mod projects;
pub mod recovery;
pub mod resources;
pub mod schema;
pub mod subscriptions;
pub mod transition;

pub use schema::{build_schema, AppSchema};
