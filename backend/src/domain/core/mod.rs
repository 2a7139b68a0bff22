//! The shared kernel every context may use and that uses no context: who is asking, the
//! error type, the audit log, rate limits, parsing what people type, unlinking secret rows
//! from their voters (`unlink`), and the shape of the
//! member's export.

pub mod actor;
pub mod audit;
pub mod error;
pub mod parse;
pub mod privacy;
pub mod rate_limit;
pub mod unlink;
