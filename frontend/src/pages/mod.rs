//! Route views, one per file, named `*_page.rs`.

pub mod assemblies;
pub mod barcamp;
pub mod home;
pub mod home_page;
pub mod labs;
pub mod login_page;
pub mod members;
pub mod not_found_page;
pub mod notifications;
pub mod polls;
pub mod profile_page;
pub mod register_page;
pub mod reset_password_page;
pub mod resources;
pub mod rules_page;
pub mod transition;
pub mod verify_email_page;
