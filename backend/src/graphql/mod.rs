//! The GraphQL API: schema with limits, per-domain resolvers (thin), errors and loaders.

pub mod accounts;
pub mod assemblies;
pub mod audit;
pub mod barcamp;
pub mod common_rules;
pub mod context;
pub mod error;
pub mod labs;
pub mod limits;
pub mod loaders;
pub mod pagination;
pub mod projects;
pub mod resources;
pub mod schema;

pub use schema::{build_schema, AppSchema};
