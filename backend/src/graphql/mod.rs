//! The GraphQL API: one folder per context (the same names as `domain/`), each with its thin
//! resolvers and objects; beside them what every context uses: the schema with its limits,
//! the request context, errors, loaders, pagination, the audit log and the subscriptions' wiring.

pub mod accounts;
pub mod assemblies;
pub mod audit;
pub mod barcamp;
pub mod context;
pub mod error;
pub mod labs;
pub mod limits;
pub mod loaders;
pub mod pagination;
pub mod polls;
pub mod reach;
pub mod resources;
pub mod schema;
pub mod subscriptions;
pub mod transition;

pub use schema::{build_schema, AppSchema};
