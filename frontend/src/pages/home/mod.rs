//! The signed-in member's home: what waits for their action, what is coming, their Labs —
//! one query, read again when a notification arrives.
//! The route view is `pages/home_page.rs`; these are its parts.

pub mod coming_list;
pub mod member_home;
pub mod my_labs_list;
pub mod waiting_list;
