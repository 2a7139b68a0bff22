//! Labs, their framing, members, projects, and the common rules.

use crate::dto::Connection;
use crate::ids::UserId;
use serde::{Deserialize, Serialize};

wire_enum!(
    /// `PROPOSED` → `ACTIVE` | `CHANGES_REQUESTED` | `REJECTED`; `ACTIVE` → `ARCHIVED`.
    LabStatus {
        Proposed => "PROPOSED",
        ChangesRequested => "CHANGES_REQUESTED",
        Active => "ACTIVE",
        Rejected => "REJECTED",
        Archived => "ARCHIVED",
    }
);

wire_enum!(
    /// How people join a Lab.
    MembershipPolicy {
        Open => "OPEN",
        OnApproval => "ON_APPROVAL",
        Invitation => "INVITATION",
    }
);

wire_enum!(
    /// Who can see a Lab: everyone, or the association's members (and the Lab's own people).
    LabVisibility {
        Public => "PUBLIC",
        MembersOnly => "MEMBERS_ONLY",
    }
);

wire_enum!(
    LabRole {
        Coordinator => "COORDINATOR",
        Participant => "PARTICIPANT",
    }
);

wire_enum!(
    /// A membership row: active, asked for (awaiting a coordinator), or offered (awaiting the person).
    MemberState {
        Active => "ACTIVE",
        Requested => "REQUESTED",
        Invited => "INVITED",
    }
);

wire_enum!(
    /// A version of a Lab's framing.
    FramingStatus {
        Pending => "PENDING",
        Approved => "APPROVED",
        ChangesRequested => "CHANGES_REQUESTED",
        Rejected => "REJECTED",
        Superseded => "SUPERSEDED",
    }
);

wire_enum!(
    ReviewDecision {
        Approve => "APPROVE",
        RequestChanges => "REQUEST_CHANGES",
        Reject => "REJECT",
    }
);

wire_enum!(
    ProjectStatus {
        Proposed => "PROPOSED",
        Accepted => "ACCEPTED",
        InProgress => "IN_PROGRESS",
        Done => "DONE",
        Abandoned => "ABANDONED",
    }
);

impl ProjectStatus {
    /// The moves a coordinator may make.
    pub fn can_move_to(self, next: ProjectStatus) -> bool {
        use ProjectStatus::*;
        matches!(
            (self, next),
            (Proposed, Accepted)
                | (Accepted, InProgress)
                | (InProgress, Done)
                | (Proposed | Accepted | InProgress, Abandoned)
        )
    }
}

/// A Lab's framing as proposed (and as edited or changed later).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct FramingInput {
    pub themes: Vec<String>,
    pub description: String,
    pub objectives: String,
    pub scope_in: String,
    pub scope_out: String,
    pub expected_outputs: String,
    /// `YYYY-MM-DD`
    pub start_date: String,
    /// `YYYY-MM-DD`: the end, or the date of the next review.
    pub end_date: String,
    pub membership_policy: MembershipPolicy,
    pub participation: String,
    pub visibility: LabVisibility,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct ProposeLabInput {
    pub name: String,
    /// Lowercase letters, digits and dashes; the Lab's address.
    pub slug: String,
    pub framing: FramingInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "graphql", derive(async_graphql::InputObject))]
#[serde(rename_all = "camelCase")]
pub struct ProjectInput {
    pub title: String,
    pub description: String,
    pub goals: String,
    pub resources_needed: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Framing {
    pub version: i32,
    pub status: FramingStatus,
    pub themes: Vec<String>,
    pub description: String,
    pub objectives: String,
    pub scope_in: String,
    pub scope_out: String,
    pub expected_outputs: String,
    pub start_date: String,
    pub end_date: String,
    pub membership_policy: MembershipPolicy,
    pub participation: String,
    pub visibility: LabVisibility,
    pub review_comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonRef {
    pub id: UserId,
    pub display_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabMember {
    pub user: PersonRef,
    pub role: LabRole,
    pub state: MemberState,
}

/// A Lab as listed in the directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabSummary {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub status: LabStatus,
    pub framing: Framing,
    pub coordinators: Vec<PersonRef>,
    pub member_count: i32,
    pub project_count: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    pub id: String,
    pub title: String,
    pub description: String,
    pub goals: String,
    pub resources_needed: String,
    pub status: ProjectStatus,
    pub support_count: i32,
    pub supported_by_me: bool,
    pub proposed_by: Option<PersonRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabEvent {
    pub kind: String,
    pub actor: Option<PersonRef>,
    pub comment: Option<String>,
    pub framing_version: Option<i32>,
    pub at: String,
}

/// The caller's own standing in a Lab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MyMembership {
    pub role: LabRole,
    pub state: MemberState,
}

/// A Lab's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabDetail {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub status: LabStatus,
    pub framing: Framing,
    pub pending_framing: Option<Framing>,
    pub acknowledged_rules_version: Option<i32>,
    pub rules_acknowledgement_due: bool,
    pub my_membership: Option<MyMembership>,
    pub members: Connection<LabMember>,
    pub projects: Connection<Project>,
    pub history: Connection<LabEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommonRules {
    pub version: i32,
    pub body: String,
    pub decision_ref: String,
    pub adopted_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_moves() {
        use ProjectStatus::*;
        assert!(Proposed.can_move_to(Accepted));
        assert!(Accepted.can_move_to(InProgress));
        assert!(InProgress.can_move_to(Done));
        assert!(Proposed.can_move_to(Abandoned));
        assert!(!Proposed.can_move_to(Done));
        assert!(!Done.can_move_to(Abandoned));
        assert!(!Abandoned.can_move_to(Accepted));
        assert!(!Accepted.can_move_to(Accepted));
    }

    #[test]
    fn enums_round_trip() {
        for s in LabStatus::ALL {
            assert_eq!(LabStatus::parse(s.as_str()), Some(*s));
        }
        for s in ProjectStatus::ALL {
            assert_eq!(ProjectStatus::parse(s.as_str()), Some(*s));
        }
    }
}
