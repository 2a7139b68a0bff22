//! Data shapes exchanged over the API, one file per domain.

pub mod accounts;
