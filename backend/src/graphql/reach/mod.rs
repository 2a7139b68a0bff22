//! Reaching the members: notifications and their preferences, the outbox of mails as the board
//! sees it, and the home page of what waits for the signed-in member. Rules are in
//! `domain::reach` (and `domain::flows::home` for the home page, which reads every context).

pub mod home;
pub mod notifications;
pub mod outbox;
