//! The Labs: directory, proposal, a Lab's page and its framing edits, the board's review
//! queue, and projects. Route views are the `*_page.rs` files; the rest are their parts.

pub mod archive_form;
pub mod board_review;
pub mod edit_lab_page;
pub mod framing_form;
pub mod framing_view;
pub mod lab_history;
pub mod lab_members;
pub mod lab_page;
pub mod lab_projects;
pub mod lab_state;
pub mod labs_page;
pub mod membership_actions;
pub mod project_page;
pub mod propose_lab_page;
pub mod propose_project_form;
pub mod review_queue_page;
