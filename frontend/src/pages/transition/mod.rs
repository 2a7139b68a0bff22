//! The transition of hosted services: the plan and dashboard, "my services" and a service's
//! page (member side); the inventory, the plan's form, the working group's queue, hosts and
//! guides, offers and the poll's results (board and working group side).

// Member side.
pub mod dashboard_chart;
pub mod dashboard_view;
pub mod guides_list;
pub mod handover_list;
pub mod hosts_list;
pub mod member_api;
pub mod my_services_page;
pub mod offer_form;
pub mod overview_page;
pub mod path_form;
pub mod plan_summary;
pub mod poll_form;
pub mod service_history;
pub mod service_page;
pub mod service_state;
pub mod support_form;

// Board and working group side.
pub mod board_api;
pub mod groups_form;
pub mod guides_editor;
pub mod holder_picker;
pub mod hosts_editor;
pub mod import_form;
pub mod inventory_list;
pub mod inventory_page;
pub mod milestones_editor;
pub mod offer_item;
pub mod offers_review;
pub mod plan_form;
pub mod poll_results;
pub mod service_form;
pub mod service_row;
pub mod support_item;
pub mod support_queue_page;
pub mod working_group_page;
