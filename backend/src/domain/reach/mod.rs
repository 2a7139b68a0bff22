//! Reaching the members: notifications in the platform (`notify`), mail written to the
//! outbox in the transaction of the change that causes it (`mail`), single-use links sent by
//! mail (`tokens`), and the texts of both in the recipient's language (`text`).
//!
//! Every producer calls [`notify::notify`] inside its own transaction, then
//! [`notify::announce`] once it committed (like the audit log): a change that rolls back
//! leaves no notification and no mail, and one that commits leaves exactly one of each per
//! recipient (unique keys on `(user, event)` and on the mail's event key).

pub mod digest;
pub mod inbox;
pub mod mail;
pub mod notify;
pub mod outbox;
pub mod text;
pub mod tokens;

/// Where links in mails point, and who mails come from.
#[derive(Clone, Debug)]
pub struct ReachSettings {
    /// The site's public address, without a trailing slash (`https://constellation.example`).
    pub public_url: String,
    /// `From:` of every mail.
    pub mail_from: String,
}
