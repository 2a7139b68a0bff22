//! Every string of the interface, in French and English. A missing translation is a
//! compile error: each language is one value of the same struct.

pub mod assemblies;
mod en;
mod fr;
pub mod members;
pub mod reach;
pub mod transition;
pub mod transition_board;

use constellation_shared::dto::assembly::{
    AssemblyKind, AssemblyStatus, BallotKind, Choice, MotionStatus, ProxyStatus,
};
use constellation_shared::dto::barcamp::{BarcampPhase, SessionFormat, SessionStatus};
use constellation_shared::dto::labs::{
    FramingStatus, LabRole, LabStatus, LabVisibility, MemberState, MembershipPolicy, ProjectStatus,
};
use constellation_shared::dto::resources::{LedgerKind, PoolKind, RequestStatus};
use constellation_shared::Language;

pub struct Strings {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_login: &'static str,
    pub nav_register: &'static str,
    pub nav_profile: &'static str,
    pub nav_logout: &'static str,
    pub language: &'static str,
    pub loading: &'static str,
    pub not_found: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_welcome: &'static str,
    pub home_cta_register: &'static str,
    pub home_cta_profile: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub password_hint: &'static str,
    pub display_name: &'static str,
    pub register_title: &'static str,
    pub register_submit: &'static str,
    pub register_done: &'static str,
    pub have_account: &'static str,
    pub login_title: &'static str,
    pub login_submit: &'static str,
    pub no_account: &'static str,
    pub profile_title: &'static str,
    pub profile_section: &'static str,
    pub membership: &'static str,
    pub board_member: &'static str,
    pub admin: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub password_section: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub change_password_submit: &'static str,
    pub password_changed: &'static str,
    pub data_section: &'static str,
    pub data_intro: &'static str,
    pub download_data: &'static str,
    pub download_done: &'static str,
    pub delete_section: &'static str,
    pub delete_intro: &'static str,
    pub delete_submit: &'static str,
    pub sign_in_required: &'static str,
    pub working: &'static str,
    pub nav_labs: &'static str,
    pub nav_rules: &'static str,
    pub nav_review: &'static str,
    pub status_proposed: &'static str,
    pub status_changes_requested: &'static str,
    pub status_active: &'static str,
    pub status_rejected: &'static str,
    pub status_archived: &'static str,
    pub policy_open: &'static str,
    pub policy_on_approval: &'static str,
    pub policy_invitation: &'static str,
    pub visibility_public: &'static str,
    pub visibility_members_only: &'static str,
    pub role_coordinator: &'static str,
    pub role_participant: &'static str,
    pub state_active: &'static str,
    pub state_requested: &'static str,
    pub state_invited: &'static str,
    pub framing_pending: &'static str,
    pub framing_approved: &'static str,
    pub framing_changes_requested: &'static str,
    pub framing_rejected: &'static str,
    pub framing_superseded: &'static str,
    pub project_proposed: &'static str,
    pub project_accepted: &'static str,
    pub project_in_progress: &'static str,
    pub project_done: &'static str,
    pub project_abandoned: &'static str,
    pub project_to_accepted: &'static str,
    pub project_to_in_progress: &'static str,
    pub project_to_done: &'static str,
    pub project_to_abandoned: &'static str,
    pub event_proposed: &'static str,
    pub event_resubmitted: &'static str,
    pub event_approved: &'static str,
    pub event_changes_requested: &'static str,
    pub event_rejected: &'static str,
    pub event_framing_change_proposed: &'static str,
    pub event_archived: &'static str,
    pub event_rules_acknowledged: &'static str,
    pub labs_title: &'static str,
    pub labs_intro: &'static str,
    pub filters_label: &'static str,
    pub filter_status: &'static str,
    pub filter_all: &'static str,
    pub filter_theme: &'static str,
    pub filter_mine: &'static str,
    pub filter_search: &'static str,
    pub labs_empty: &'static str,
    pub load_more: &'static str,
    pub propose_lab_link: &'static str,
    pub status_label: &'static str,
    pub themes_label: &'static str,
    pub coordinators_label: &'static str,
    pub member_count_label: &'static str,
    pub project_count_label: &'static str,
    pub framing_title: &'static str,
    pub lab_name: &'static str,
    pub lab_slug: &'static str,
    pub slug_hint: &'static str,
    pub themes_hint: &'static str,
    pub description: &'static str,
    pub objectives: &'static str,
    pub scope_in: &'static str,
    pub scope_out: &'static str,
    pub expected_outputs: &'static str,
    pub start_date: &'static str,
    pub end_date: &'static str,
    pub membership_policy: &'static str,
    pub participation: &'static str,
    pub visibility: &'static str,
    pub framing_version: &'static str,
    pub framing_status_label: &'static str,
    pub review_comment: &'static str,
    pub propose_lab_title: &'static str,
    pub propose_lab_intro: &'static str,
    pub propose_lab_submit: &'static str,
    pub lab_not_found: &'static str,
    pub lab_archived_note: &'static str,
    pub lab_rejected_note: &'static str,
    pub pending_framing_title: &'static str,
    pub rules_ack_due: &'static str,
    pub acknowledge_rules: &'static str,
    pub members_title: &'static str,
    pub members_empty: &'static str,
    pub accept_request: &'static str,
    pub decline_request: &'static str,
    pub promote: &'static str,
    pub invite_title: &'static str,
    pub invite_email: &'static str,
    pub invite_submit: &'static str,
    pub invite_sent: &'static str,
    pub join_open: &'static str,
    pub join_request: &'static str,
    pub accept_invitation: &'static str,
    pub request_pending: &'static str,
    pub leave: &'static str,
    pub withdraw_join_request: &'static str,
    pub decline_invitation: &'static str,
    pub my_standing: &'static str,
    pub board_review_title: &'static str,
    pub review_comment_label: &'static str,
    pub approve: &'static str,
    pub request_changes: &'static str,
    pub reject: &'static str,
    pub archive_title: &'static str,
    pub archive_reason: &'static str,
    pub archive_submit: &'static str,
    pub edit_framing_link: &'static str,
    pub propose_change_link: &'static str,
    pub projects_title: &'static str,
    pub projects_empty: &'static str,
    pub goals: &'static str,
    pub resources_needed: &'static str,
    pub support_count: &'static str,
    pub support: &'static str,
    pub supported: &'static str,
    pub proposed_by: &'static str,
    pub project_title: &'static str,
    pub propose_project_title: &'static str,
    pub propose_project_submit: &'static str,
    pub project_proposed_note: &'static str,
    pub history_title: &'static str,
    pub history_empty: &'static str,
    pub by: &'static str,
    pub edit_framing_title: &'static str,
    pub propose_change_title: &'static str,
    pub resubmit_submit: &'static str,
    pub propose_change_submit: &'static str,
    pub edit_not_allowed: &'static str,
    pub back_to_lab: &'static str,
    pub review_title: &'static str,
    pub board_only: &'static str,
    pub review_empty: &'static str,
    pub review_new_proposal: &'static str,
    pub review_framing_change: &'static str,
    pub project_not_found: &'static str,
    pub project_lab: &'static str,
    pub rules_title: &'static str,
    pub rules_none: &'static str,
    pub rules_version: &'static str,
    pub rules_decision_ref: &'static str,
    pub rules_adopted_at: &'static str,
    pub rules_history_title: &'static str,
    pub rules_changes: &'static str,
    pub rules_first_version: &'static str,
    pub diff_added: &'static str,
    pub diff_removed: &'static str,
    pub rules_publish_title: &'static str,
    pub rules_body: &'static str,
    pub rules_publish_submit: &'static str,
    pub rules_published: &'static str,
    pub nav_resources: &'static str,
    pub nav_transparency: &'static str,
    pub nav_requests: &'static str,
    pub pools_title: &'static str,
    pub pools_intro: &'static str,
    pub pools_empty: &'static str,
    pub pool_name: &'static str,
    pub pool_kind: &'static str,
    pub pool_unit: &'static str,
    pub pool_unit_hint: &'static str,
    pub pool_scale: &'static str,
    pub pool_scale_hint: &'static str,
    pub kind_money: &'static str,
    pub kind_server: &'static str,
    pub kind_room: &'static str,
    pub kind_equipment: &'static str,
    pub kind_service_hours: &'static str,
    pub kind_other: &'static str,
    pub create_pool_title: &'static str,
    pub create_pool_submit: &'static str,
    pub pool_created: &'static str,
    pub first_period: &'static str,
    pub period_label: &'static str,
    pub period_label_hint: &'static str,
    pub period_starts: &'static str,
    pub period_ends: &'static str,
    pub capacity: &'static str,
    pub add_period_title: &'static str,
    pub add_period_submit: &'static str,
    pub period_added: &'static str,
    pub new_capacity: &'static str,
    pub set_capacity: &'static str,
    pub capacity_saved: &'static str,
    pub no_periods: &'static str,
    pub usage_of: &'static str,
    pub usage_granted: &'static str,
    pub usage_remaining: &'static str,
    pub lab_resources_title: &'static str,
    pub lab_requests_empty: &'static str,
    pub request_form_title: &'static str,
    pub request_pool: &'static str,
    pub choose_pool: &'static str,
    pub request_period: &'static str,
    pub choose_period: &'static str,
    pub request_project: &'static str,
    pub request_for_lab: &'static str,
    pub request_amount: &'static str,
    pub request_justification: &'static str,
    pub request_submit: &'static str,
    pub request_filed: &'static str,
    pub remaining_label: &'static str,
    pub granted_label: &'static str,
    pub released_label: &'static str,
    pub board_reason: &'static str,
    pub requested_by: &'static str,
    pub decided_by: &'static str,
    pub filed_on: &'static str,
    pub withdraw: &'static str,
    pub edit_request: &'static str,
    pub save_request: &'static str,
    pub cancel: &'static str,
    pub request_saved: &'static str,
    pub release_amount: &'static str,
    pub release_note: &'static str,
    pub release: &'static str,
    pub released: &'static str,
    pub req_status_pending: &'static str,
    pub req_status_approved: &'static str,
    pub req_status_partially_approved: &'static str,
    pub req_status_rejected: &'static str,
    pub req_status_withdrawn: &'static str,
    pub queue_title: &'static str,
    pub queue_intro: &'static str,
    pub queue_empty: &'static str,
    pub waiting: &'static str,
    pub age_today: &'static str,
    pub age_one_day: &'static str,
    pub age_days_after: &'static str,
    pub decision_reason: &'static str,
    pub decision_amount: &'static str,
    pub approve_full: &'static str,
    pub approve_partial: &'static str,
    pub reject_request: &'static str,
    pub decision_recorded: &'static str,
    pub transparency_title: &'static str,
    pub transparency_intro: &'static str,
    pub pools_usage_title: &'static str,
    pub allocations_title: &'static str,
    pub allocations_empty: &'static str,
    pub allocation_chart_label: &'static str,
    pub allocation_table_caption: &'static str,
    pub col_lab: &'static str,
    pub col_pool: &'static str,
    pub col_period: &'static str,
    pub col_held: &'static str,
    pub col_capacity: &'static str,
    pub col_date: &'static str,
    pub col_kind: &'static str,
    pub col_amount: &'static str,
    pub col_reason: &'static str,
    pub col_actor: &'static str,
    pub ledger_title: &'static str,
    pub ledger_empty: &'static str,
    pub ledger_grant: &'static str,
    pub ledger_release: &'static str,
    pub ledger_csv: &'static str,
    pub request_withdrawn_note: &'static str,
    pub requests_title: &'static str,
    pub see_pools: &'static str,
    pub nav_barcamp: &'static str,
    pub barcamp_title: &'static str,
    pub barcamp_intro: &'static str,
    pub editions_empty: &'static str,
    pub edition_dates: &'static str,
    pub edition_venue: &'static str,
    pub edition_phase: &'static str,
    pub edition_year: &'static str,
    pub edition_title: &'static str,
    pub edition_starts: &'static str,
    pub edition_ends: &'static str,
    pub edition_timezone: &'static str,
    pub edition_timezone_hint: &'static str,
    pub create_edition_title: &'static str,
    pub create_edition_submit: &'static str,
    pub edition_created: &'static str,
    pub edition_not_found: &'static str,
    pub edition_pages: &'static str,
    pub edition_home: &'static str,
    pub phase_proposals: &'static str,
    pub phase_interest: &'static str,
    pub phase_scheduling: &'static str,
    pub phase_published: &'static str,
    pub format_talk: &'static str,
    pub format_workshop: &'static str,
    pub format_discussion: &'static str,
    pub session_status_proposed: &'static str,
    pub session_status_declined: &'static str,
    pub session_status_merged: &'static str,
    pub session_status_cancelled: &'static str,
    pub slot_one: &'static str,
    pub slots_after: &'static str,
    pub programme_title: &'static str,
    pub programme_empty: &'static str,
    pub registration_title: &'static str,
    pub register_sign_in: &'static str,
    pub barcamp_register: &'static str,
    pub barcamp_registered: &'static str,
    pub barcamp_unregister: &'static str,
    pub propose_session_title: &'static str,
    pub propose_session_submit: &'static str,
    pub session_proposed: &'static str,
    pub session_title: &'static str,
    pub session_description: &'static str,
    pub session_format: &'static str,
    pub session_length: &'static str,
    pub session_length_hint: &'static str,
    pub session_equipment: &'static str,
    pub comma_separated_hint: &'static str,
    pub session_lab: &'static str,
    pub session_no_lab: &'static str,
    pub session_cohosts: &'static str,
    pub session_cohosts_hint: &'static str,
    pub current_hosts: &'static str,
    pub session_hosts: &'static str,
    pub status_reason: &'static str,
    pub merged_into: &'static str,
    pub interest_label: &'static str,
    pub interest_toggle: &'static str,
    pub edit_session: &'static str,
    pub schedule_title: &'static str,
    pub agenda_title: &'static str,
    pub organise_title: &'static str,
    pub screen_title: &'static str,
    pub schedule_updated: &'static str,
    pub schedule_unpublished: &'static str,
    pub schedule_draft: &'static str,
    pub schedule_no_slots: &'static str,
    pub schedule_days: &'static str,
    pub schedule_time: &'static str,
    pub session_cancelled: &'static str,
    pub pinned: &'static str,
    pub agenda_placed: &'static str,
    pub agenda_empty: &'static str,
    pub agenda_unplaced: &'static str,
    pub agenda_unplaced_empty: &'static str,
    pub agenda_register_first: &'static str,
    pub clashes_with: &'static str,
    pub feeds_title: &'static str,
    pub feed_private: &'static str,
    pub feed_private_intro: &'static str,
    pub feed_private_link: &'static str,
    pub feed_address: &'static str,
    pub feed_copy: &'static str,
    pub feed_copied: &'static str,
    pub feed_copy_failed: &'static str,
    pub feed_reset: &'static str,
    pub feed_reset_hint: &'static str,
    pub feed_reset_done: &'static str,
    pub feed_public: &'static str,
    pub screen_clock: &'static str,
    pub screen_now: &'static str,
    pub screen_next: &'static str,
    pub screen_free: &'static str,
    pub screen_nothing_next: &'static str,
    pub screen_until: &'static str,
    pub phase_current: &'static str,
    pub phase_help: &'static str,
    pub phase_next: &'static str,
    pub phase_back: &'static str,
    pub phase_first: &'static str,
    pub phase_last: &'static str,
    pub publish_schedule: &'static str,
    pub rooms_title: &'static str,
    pub rooms_empty: &'static str,
    pub room_add_title: &'static str,
    pub room_name: &'static str,
    pub room_capacity: &'static str,
    pub room_equipment: &'static str,
    pub room_add: &'static str,
    pub edit: &'static str,
    pub remove: &'static str,
    pub slots_title: &'static str,
    pub slots_intro: &'static str,
    pub slots_empty: &'static str,
    pub slot_add_title: &'static str,
    pub slot_day: &'static str,
    pub slot_start: &'static str,
    pub slot_end: &'static str,
    pub slot_add: &'static str,
    pub organisers_title: &'static str,
    pub registration_count: &'static str,
    pub organisers_none: &'static str,
    pub organisers_board_note: &'static str,
    pub organiser_email: &'static str,
    pub organiser_add: &'static str,
    pub organiser_remove: &'static str,
    pub organiser_added: &'static str,
    pub organiser_removed: &'static str,
    pub organisers_only: &'static str,
    pub scheduler_title: &'static str,
    pub scheduler_help: &'static str,
    pub run_scheduler: &'static str,
    pub run_placed: &'static str,
    pub run_pinned: &'static str,
    pub run_objective: &'static str,
    pub run_greedy: &'static str,
    pub run_time: &'static str,
    pub run_objective_help: &'static str,
    pub run_all_placed: &'static str,
    pub run_unplaced: &'static str,
    pub move_title: &'static str,
    pub move_room: &'static str,
    pub move_slot: &'static str,
    pub move_save: &'static str,
    pub move_saved: &'static str,
    pub move_no_issue: &'static str,
    pub move_blocking: &'static str,
    pub move_warning: &'static str,
    pub choose: &'static str,
    pub not_placed: &'static str,
    pub unplaced_because: &'static str,
    pub decide_title: &'static str,
    pub decline: &'static str,
    pub cancel_session: &'static str,
    pub merge_into: &'static str,
    pub merge: &'static str,
    pub pin: &'static str,
    pub session_declined: &'static str,
    pub session_cancelled_note: &'static str,
    pub session_merged: &'static str,
    pub slot_day_hint: &'static str,
    pub slot_time_hint: &'static str,
    pub session_cohosts_edit_hint: &'static str,
    pub nav_assemblies: &'static str,
    pub assemblies_title: &'static str,
    pub assemblies_intro: &'static str,
    pub assemblies_empty: &'static str,
    pub assembly_kind: &'static str,
    pub kind_ordinary: &'static str,
    pub kind_extraordinary: &'static str,
    pub assembly_title: &'static str,
    pub assembly_starts_at: &'static str,
    pub assembly_starts_at_hint: &'static str,
    pub assembly_place: &'static str,
    pub assembly_language: &'static str,
    pub first_convocation: &'static str,
    pub first_convocation_none: &'static str,
    pub first_convocation_hint: &'static str,
    pub create_assembly_title: &'static str,
    pub create_assembly_submit: &'static str,
    pub assembly_created: &'static str,
    pub assembly_not_found: &'static str,
    pub assembly_date: &'static str,
    pub assembly_status: &'static str,
    pub assembly_draft: &'static str,
    pub assembly_convened: &'static str,
    pub assembly_in_session: &'static str,
    pub assembly_closed: &'static str,
    pub convened_at: &'static str,
    pub second_convocation_of: &'static str,
    pub assembly_pages: &'static str,
    pub assembly_home: &'static str,
    pub proxy_title: &'static str,
    pub chair_title: &'static str,
    pub vote_title: &'static str,
    pub agenda_heading: &'static str,
    pub agenda_none: &'static str,
    pub statutory: &'static str,
    pub frozen: &'static str,
    pub documents: &'static str,
    pub motion: &'static str,
    pub motion_rule: &'static str,
    pub motion_ballot: &'static str,
    pub ballot_open: &'static str,
    pub ballot_secret: &'static str,
    pub motion_state: &'static str,
    pub motion_draft: &'static str,
    pub motion_open: &'static str,
    pub motion_closed: &'static str,
    pub turnout: &'static str,
    pub tally: &'static str,
    pub choice_yes: &'static str,
    pub choice_no: &'static str,
    pub choice_abstain: &'static str,
    pub result: &'static str,
    pub result_passed: &'static str,
    pub result_rejected: &'static str,
    pub open_votes: &'static str,
    pub receipts: &'static str,
    pub receipts_hint: &'static str,
    pub attendance: &'static str,
    pub members_count: &'static str,
    pub present_count: &'static str,
    pub represented_count: &'static str,
    pub minutes: &'static str,
    pub minutes_md: &'static str,
    pub minutes_html: &'static str,
    pub convene: &'static str,
    pub convene_hint: &'static str,
    pub add_item_title: &'static str,
    pub item_number: &'static str,
    pub item_number_hint: &'static str,
    pub item_title: &'static str,
    pub item_body: &'static str,
    pub item_statutory: &'static str,
    pub item_statutory_hint: &'static str,
    pub item_documents: &'static str,
    pub document_title: &'static str,
    pub document_url: &'static str,
    pub add_document: &'static str,
    pub item_submit: &'static str,
    pub item_added: &'static str,
    pub add_motion_title: &'static str,
    pub motion_item: &'static str,
    pub motion_text: &'static str,
    pub motion_submit: &'static str,
    pub motion_added: &'static str,
    pub motion_needs_item: &'static str,
    pub rule_requires: &'static str,
    pub rule_no_quorum: &'static str,
    pub rule_quorum_waived: &'static str,
    pub rule_quorum: &'static str,
    pub rule_more_than: &'static str,
    pub rule_at_least: &'static str,
    pub proxy_intro: &'static str,
    pub proxy_not_effective: &'static str,
    pub proxy_settled: &'static str,
    pub my_proxy: &'static str,
    pub holder_email: &'static str,
    pub give_proxy: &'static str,
    pub proxy_given_to: &'static str,
    pub proxy_sent: &'static str,
    pub revoke_proxy: &'static str,
    pub proxy_revoked_note: &'static str,
    pub proxies_held: &'static str,
    pub proxies_held_none: &'static str,
    pub proxy_from: &'static str,
    pub accept_proxy: &'static str,
    pub decline_proxy: &'static str,
    pub proxy_pending: &'static str,
    pub proxy_accepted: &'static str,
    pub proxy_declined: &'static str,
    pub proxy_revoked: &'static str,
    pub proxy_reclaimed: &'static str,
    pub open_session: &'static str,
    pub close_session: &'static str,
    pub close_session_hint: &'static str,
    pub session_controls: &'static str,
    pub check_in_list: &'static str,
    pub check_in_list_none: &'static str,
    pub check_in: &'static str,
    pub check_in_closed: &'static str,
    pub present: &'static str,
    pub represented_by: &'static str,
    pub motions: &'static str,
    pub motions_none: &'static str,
    pub open_voting: &'static str,
    pub close_voting: &'static str,
    pub booth_intro: &'static str,
    pub check_in_self: &'static str,
    pub checked_in: &'static str,
    pub not_in_session: &'static str,
    pub no_open_motion: &'static str,
    pub pick_motion: &'static str,
    pub your_vote: &'static str,
    pub vote_for_proxy: &'static str,
    pub cast_vote: &'static str,
    pub vote_recorded: &'static str,
    pub vote_receipt: &'static str,
    pub all_votes_cast: &'static str,
    pub no_vote_right: &'static str,
    pub choice: &'static str,
    pub live_turnout: &'static str,
    pub live_voting_opened: &'static str,
    pub live_voting_closed: &'static str,
    pub live_session: &'static str,
    pub live_check_in: &'static str,
    /// Notifications and the member's home.
    pub reach: reach::ReachStrings,
    /// The register of members, invitations, password reset, the audit log.
    pub members: members::MembersStrings,
    /// The general assembly's newer strings (the room's count).
    pub assemblies: assemblies::AssembliesStrings,
    /// The transition, member side: plan, dashboard, my services, a service's page.
    pub transition: transition::TransitionStrings,
    /// The transition, board and working group side.
    pub transition_board: transition_board::TransitionBoardStrings,
}

/// Human labels for the Labs enums (their wire values stay in the `data-*` attributes).
impl Strings {
    pub fn lab_status(&self, s: LabStatus) -> &'static str {
        match s {
            LabStatus::Proposed => self.status_proposed,
            LabStatus::ChangesRequested => self.status_changes_requested,
            LabStatus::Active => self.status_active,
            LabStatus::Rejected => self.status_rejected,
            LabStatus::Archived => self.status_archived,
        }
    }

    pub fn policy(&self, p: MembershipPolicy) -> &'static str {
        match p {
            MembershipPolicy::Open => self.policy_open,
            MembershipPolicy::OnApproval => self.policy_on_approval,
            MembershipPolicy::Invitation => self.policy_invitation,
        }
    }

    pub fn lab_visibility(&self, v: LabVisibility) -> &'static str {
        match v {
            LabVisibility::Public => self.visibility_public,
            LabVisibility::MembersOnly => self.visibility_members_only,
        }
    }

    pub fn lab_role(&self, r: LabRole) -> &'static str {
        match r {
            LabRole::Coordinator => self.role_coordinator,
            LabRole::Participant => self.role_participant,
        }
    }

    pub fn member_state(&self, s: MemberState) -> &'static str {
        match s {
            MemberState::Active => self.state_active,
            MemberState::Requested => self.state_requested,
            MemberState::Invited => self.state_invited,
        }
    }

    pub fn framing_status(&self, s: FramingStatus) -> &'static str {
        match s {
            FramingStatus::Pending => self.framing_pending,
            FramingStatus::Approved => self.framing_approved,
            FramingStatus::ChangesRequested => self.framing_changes_requested,
            FramingStatus::Rejected => self.framing_rejected,
            FramingStatus::Superseded => self.framing_superseded,
        }
    }

    pub fn project_status(&self, s: ProjectStatus) -> &'static str {
        match s {
            ProjectStatus::Proposed => self.project_proposed,
            ProjectStatus::Accepted => self.project_accepted,
            ProjectStatus::InProgress => self.project_in_progress,
            ProjectStatus::Done => self.project_done,
            ProjectStatus::Abandoned => self.project_abandoned,
        }
    }

    /// The button that moves a project to `s`.
    pub fn project_move(&self, s: ProjectStatus) -> &'static str {
        match s {
            ProjectStatus::Proposed => self.project_proposed,
            ProjectStatus::Accepted => self.project_to_accepted,
            ProjectStatus::InProgress => self.project_to_in_progress,
            ProjectStatus::Done => self.project_to_done,
            ProjectStatus::Abandoned => self.project_to_abandoned,
        }
    }

    pub fn pool_kind(&self, k: PoolKind) -> &'static str {
        match k {
            PoolKind::Money => self.kind_money,
            PoolKind::Server => self.kind_server,
            PoolKind::Room => self.kind_room,
            PoolKind::Equipment => self.kind_equipment,
            PoolKind::ServiceHours => self.kind_service_hours,
            PoolKind::Other => self.kind_other,
        }
    }

    pub fn request_status(&self, s: RequestStatus) -> &'static str {
        match s {
            RequestStatus::Pending => self.req_status_pending,
            RequestStatus::Approved => self.req_status_approved,
            RequestStatus::PartiallyApproved => self.req_status_partially_approved,
            RequestStatus::Rejected => self.req_status_rejected,
            RequestStatus::Withdrawn => self.req_status_withdrawn,
        }
    }

    pub fn ledger_kind(&self, k: LedgerKind) -> &'static str {
        match k {
            LedgerKind::Grant => self.ledger_grant,
            LedgerKind::Release => self.ledger_release,
        }
    }

    /// How long something has waited, in whole days.
    pub fn age(&self, days: i64) -> String {
        match days {
            d if d <= 0 => self.age_today.to_owned(),
            1 => self.age_one_day.to_owned(),
            d => format!("{d}{}", self.age_days_after),
        }
    }

    /// A Lab history event; an unknown kind is shown as sent.
    pub fn lab_event<'a>(&self, kind: &'a str) -> &'a str {
        match kind {
            "PROPOSED" => self.event_proposed,
            "RESUBMITTED" => self.event_resubmitted,
            "APPROVED" => self.event_approved,
            "CHANGES_REQUESTED" => self.event_changes_requested,
            "REJECTED" => self.event_rejected,
            "FRAMING_CHANGE_PROPOSED" => self.event_framing_change_proposed,
            "ARCHIVED" => self.event_archived,
            "RULES_ACKNOWLEDGED" => self.event_rules_acknowledged,
            other => other,
        }
    }
}

/// Human labels for the barcamp enums (their wire values stay in the `data-*` attributes).
impl Strings {
    pub fn barcamp_phase(&self, p: BarcampPhase) -> &'static str {
        match p {
            BarcampPhase::Proposals => self.phase_proposals,
            BarcampPhase::Interest => self.phase_interest,
            BarcampPhase::Scheduling => self.phase_scheduling,
            BarcampPhase::Published => self.phase_published,
        }
    }

    pub fn session_format_label(&self, f: SessionFormat) -> &'static str {
        match f {
            SessionFormat::Talk => self.format_talk,
            SessionFormat::Workshop => self.format_workshop,
            SessionFormat::Discussion => self.format_discussion,
        }
    }

    pub fn session_status(&self, s: SessionStatus) -> &'static str {
        match s {
            SessionStatus::Proposed => self.session_status_proposed,
            SessionStatus::Declined => self.session_status_declined,
            SessionStatus::Merged => self.session_status_merged,
            SessionStatus::Cancelled => self.session_status_cancelled,
        }
    }

    /// A session's length: "1 slot", "3 slots".
    pub fn slots_count(&self, n: i32) -> String {
        if n == 1 {
            self.slot_one.to_owned()
        } else {
            format!("{n}{}", self.slots_after)
        }
    }
}

/// Human labels for the general-assembly enums (their wire values stay in the `data-*`
/// attributes).
impl Strings {
    pub fn assembly_kind_label(&self, k: AssemblyKind) -> &'static str {
        match k {
            AssemblyKind::Ordinary => self.kind_ordinary,
            AssemblyKind::Extraordinary => self.kind_extraordinary,
        }
    }

    pub fn assembly_status_label(&self, s: AssemblyStatus) -> &'static str {
        match s {
            AssemblyStatus::Draft => self.assembly_draft,
            AssemblyStatus::Convened => self.assembly_convened,
            AssemblyStatus::InSession => self.assembly_in_session,
            AssemblyStatus::Closed => self.assembly_closed,
        }
    }

    pub fn motion_status_label(&self, s: MotionStatus) -> &'static str {
        match s {
            MotionStatus::Draft => self.motion_draft,
            MotionStatus::Open => self.motion_open,
            MotionStatus::Closed => self.motion_closed,
        }
    }

    pub fn ballot_label(&self, b: BallotKind) -> &'static str {
        match b {
            BallotKind::Open => self.ballot_open,
            BallotKind::Secret => self.ballot_secret,
        }
    }

    pub fn choice_label(&self, c: Choice) -> &'static str {
        match c {
            Choice::Yes => self.choice_yes,
            Choice::No => self.choice_no,
            Choice::Abstain => self.choice_abstain,
        }
    }

    pub fn proxy_status_label(&self, s: ProxyStatus) -> &'static str {
        match s {
            ProxyStatus::Pending => self.proxy_pending,
            ProxyStatus::Accepted => self.proxy_accepted,
            ProxyStatus::Declined => self.proxy_declined,
            ProxyStatus::Revoked => self.proxy_revoked,
            ProxyStatus::Reclaimed => self.proxy_reclaimed,
        }
    }
}

/// Puts `args` in place of the `{}` of a translated pattern, in order.
pub fn fill(pattern: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    let mut args = args.iter();
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(args.next().copied().unwrap_or_default());
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

pub fn strings(lang: Language) -> &'static Strings {
    match lang {
        Language::Fr => &fr::FR,
        Language::En => &en::EN,
    }
}
