//! Everything the server and the browser must agree on: ids, enums, error codes and their
//! human messages, data shapes, the GraphQL documents the frontend sends, and pure rules.
//! This crate builds for wasm32: no tokio, axum or sea-orm here.

pub mod dto;
pub mod enums;
pub mod error;
pub mod graphql;
pub mod ids;
pub mod queries;
pub mod rules;
pub mod voting;

pub use enums::{Language, MembershipKind};
pub use error::{ErrorCode, ValidationReason};
