//! API tests through the real server. The same suite runs on SQLite and, with
//! `CONSTELLATION_TEST_DB=postgres`, on PostgreSQL (`cargo xtask test` does both).
//!
//! One folder per context, named as in `backend/src/domain/` (the register of members as in
//! `graphql/accounts/members.rs`), each with its `contract.rs` (its `shared::queries` documents against
//! the schema) and, where it has them, its authorisation matrix and fault tests. `contract.rs`
//! here checks that together they run every document. The platform's tests (limits, assets,
//! audit feed, backups, crashes, fuzzing, HTTP, observability, replicas, subscriptions) stay
//! at the top.

mod accounts;
mod assemblies;
mod barcamp;
mod contract;
mod labs;
mod members;
mod polls;
mod reach;
mod resources;
mod transition;

mod abuse;
mod assets;
mod audit;
mod authz;
mod backup;
mod crash;
mod fuzz;
mod http;
mod observability;
mod replicas;
mod subscriptions;
