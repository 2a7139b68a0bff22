//! Notifications: the member's list (marked read when followed, or all at once), how they
//! hear of each kind, and their private calendar address.
//! Route views are the `*_page.rs` files; the rest are their parts.

pub mod calendar_link;
pub mod notification_item;
pub mod notification_list;
pub mod notifications_page;
pub mod preferences_form;

/// Now, as the server writes instants (RFC 3339), for what the page marks read itself.
fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}
