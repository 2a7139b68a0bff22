//! API tests through the real server. The same suite runs on SQLite and, with
//! `CONSTELLATION_TEST_DB=postgres`, on PostgreSQL (`cargo xtask test` does both).

mod abuse;
mod accounts;
mod assemblies;
mod assemblies_authz;
mod assemblies_faults;
mod assets;
mod audit;
mod authz;
mod backup;
mod barcamp;
mod barcamp_authz;
mod barcamp_faults;
mod contract;
mod crash;
mod export;
mod fuzz;
mod home_sql;
mod http;
mod lab_invitations;
mod labs;
mod labs_authz;
mod labs_sql;
mod mail;
mod members;
mod members_authz;
mod notifications;
mod observability;
mod recovery;
mod replicas;
mod resources;
mod resources_prop;
mod room_counts;
mod subscriptions;
mod tokens;
mod transition;
