//! API tests through the real server. The same suite runs on SQLite and, with
//! `CONSTELLATION_TEST_DB=postgres`, on PostgreSQL (`cargo xtask test` does both).

mod abuse;
mod accounts;
mod assemblies;
mod assemblies_authz;
mod assets;
mod audit;
mod authz;
mod backup;
mod barcamp;
mod barcamp_authz;
mod contract;
mod crash;
mod export;
mod http;
mod labs;
mod labs_authz;
mod labs_sql;
mod resources;
mod resources_prop;
mod tokens;
