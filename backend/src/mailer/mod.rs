//! Delivering the outbox: the sender task (`sender`) takes the mails the domain wrote with
//! its changes (`domain::reach::mail`) and hands them to the transport (`transport`): an
//! SMTP server, or `.eml` files in `<data_dir>/outbox/` when none is configured.

pub mod sender;
pub mod transport;

pub use sender::Mailer;
