//! sea-orm models: the one place they live. Never exposed to GraphQL directly.

pub mod audit_log;
pub mod login_attempt;
pub mod platform_flag;
pub mod user;
