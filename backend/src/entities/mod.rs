//! sea-orm models: the one place they live. Never exposed to GraphQL directly.

pub mod audit_log;
pub mod barcamp_edition;
pub mod barcamp_host;
pub mod barcamp_host_busy;
pub mod barcamp_interest;
pub mod barcamp_occupancy;
pub mod barcamp_organiser;
pub mod barcamp_registration;
pub mod barcamp_room;
pub mod barcamp_session;
pub mod barcamp_slot;
pub mod common_rule;
pub mod lab;
pub mod lab_event;
pub mod lab_framing;
pub mod lab_member;
pub mod ledger_entry;
pub mod login_attempt;
pub mod platform_flag;
pub mod pool_period;
pub mod project;
pub mod project_support;
pub mod resource_pool;
pub mod resource_request;
pub mod user;
