//! English: the strings of the shell and the shared components; each context's strings are
//! in `en/<context>.rs`.

pub(super) mod accounts;
pub(super) mod assemblies;
pub(super) mod barcamp;
pub(super) mod elections;
pub(super) mod labs;
pub(super) mod members;
pub(super) mod polls;
pub(super) mod reach;
pub(super) mod resources;
pub(super) mod transition;
pub(super) mod transition_board;

use super::Strings;
use constellation_shared::Language;

pub static EN: Strings = Strings {
    lang: Language::En,
    // The header and its navigation.
    app_name: "Constellation",
    tagline: "Governance and coordination for the association's Labs",
    skip_to_content: "Skip to content",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_labs: "Labs",
    nav_rules: "Common rules",
    nav_resources: "Resources",
    nav_transparency: "Transparency",
    nav_barcamp: "Barcamp",
    nav_assemblies: "Assemblies",
    nav_transition: "Transition",
    nav_polls: "Polls",
    nav_review: "Lab review",
    nav_requests: "Requests",
    nav_members: "Members",
    nav_audit: "Audit log",
    nav_mail: "Failed mails",
    nav_login: "Log in",
    nav_register: "Create an account",
    nav_profile: "My profile",
    nav_logout: "Log out",
    language: "Language",
    // The bell.
    nav_notifications: "Notifications",
    bell_none: "Notifications, none unread",
    bell_one: "Notifications, 1 unread",
    bell_many: "Notifications, {} unread",
    bell_new: "New notification: {}",
    // Generic messages and labels, shared by several contexts.
    loading: "Loading…",
    loading_failed: "This could not be loaded.",
    retry: "Try again",
    working: "Working…",
    save: "Save",
    saved: "Changes saved.",
    not_found: "This page does not exist.",
    sign_in_required: "Log in to see this page.",
    board_only: "This page is for board members only.",
    load_more: "Load more",
    download_done: "Download ready.",
    status_label: "Status",
    description: "Description",
    decision_reason: "Reason for the decision",
    remove: "Remove",
    feed_copied: "Address copied.",
    feed_copy_failed: "Copying failed: select the address and copy it by hand.",
};
