//! The strings of the Labs: the directory, a Lab's page (framing, members, projects, history,
//! board review), proposing and editing a Lab, a project's page, the review queue and the
//! common rules, with the labels of the Labs enums.

use constellation_shared::dto::labs::{
    FramingStatus, LabRole, LabStatus, LabVisibility, MemberState, MembershipPolicy, ProjectStatus,
};

pub struct LabsStrings {
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
    pub propose_lab_link: &'static str,
    pub themes_label: &'static str,
    pub coordinators_label: &'static str,
    pub member_count_label: &'static str,
    pub project_count_label: &'static str,
    pub framing_title: &'static str,
    pub lab_name: &'static str,
    pub lab_slug: &'static str,
    pub slug_hint: &'static str,
    pub themes_hint: &'static str,
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
}

/// Human labels for the Labs enums (their wire values stay in the `data-*` attributes).
impl LabsStrings {
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
