//! The GraphQL API: schema with limits, per-domain resolvers (thin), errors and loaders.

pub mod accounts;
pub mod audit;
pub mod context;
pub mod error;
pub mod limits;
pub mod loaders;
pub mod schema;

pub use schema::{build_schema, AppSchema};
