//! What crosses contexts, orchestrated from above: deleting an account, the member's export,
//! archiving a Lab, the demo seed. Only `graphql/`, `http/` and the CLI import `flows`; no
//! context imports it.

pub mod archive_lab;
pub mod calendar;
pub mod delete_account;
pub mod export;
pub mod home;
pub mod invitation;
pub mod seed;
