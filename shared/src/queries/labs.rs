//! Labs documents: directory, Lab page, review queue, proposals and reviews, membership,
//! projects, common rules.

use crate::dto::labs::{
    CommonRules, FramingInput, LabDetail, LabRole, LabStatus, LabSummary, Project, ProjectInput,
    ProjectStatus, ProposeLabInput, ReviewDecision,
};
use crate::dto::Connection;
use serde::{Deserialize, Serialize};

macro_rules! framing {
    () => {
        "version status themes description objectives scopeIn scopeOut expectedOutputs startDate endDate membershipPolicy participation visibility reviewComment"
    };
}

macro_rules! summary {
    () => {
        concat!(
            "id slug name status framing { ",
            framing!(),
            " } coordinators { id displayName } memberCount projectCount"
        )
    };
}

macro_rules! project {
    () => {
        "id title description goals resourcesNeeded status supportCount supportedByMe proposedBy { id displayName }"
    };
}

macro_rules! detail {
    () => {
        concat!(
            "id slug name status framing { ",
            framing!(),
            " } pendingFraming { ",
            framing!(),
            " } acknowledgedRulesVersion rulesAcknowledgementDue myMembership { role state } ",
            "members(first: 100) { edges { node { user { id displayName } role state } } pageInfo { hasNextPage endCursor } } ",
            "projects(first: 100) { edges { node { ",
            project!(),
            " } } pageInfo { hasNextPage endCursor } } ",
            "history(first: 100) { edges { node { kind actor { id displayName } comment framingVersion at } } pageInfo { hasNextPage endCursor } }"
        )
    };
}

/// The directory, with filters.
pub const LABS: &str = concat!(
    "query Labs($first: Int, $after: String, $status: LabStatus, $theme: String, $mine: Boolean, $search: String) { ",
    "labs(first: $first, after: $after, status: $status, theme: $theme, mine: $mine, search: $search) { edges { node { ",
    summary!(),
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Default, Serialize)]
pub struct LabsVars {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub status: Option<LabStatus>,
    pub theme: Option<String>,
    pub mine: Option<bool>,
    pub search: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LabsData {
    pub labs: Connection<LabSummary>,
}

pub const LAB: &str = concat!(
    "query Lab($slug: String!) { lab(slug: $slug) { ",
    detail!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct LabVars {
    pub slug: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LabData {
    pub lab: Option<LabDetail>,
}

/// What the board has to review: new proposals and framing changes.
pub const REVIEW_QUEUE: &str = concat!(
    "query ReviewQueue($first: Int, $after: String) { labReviewQueue(first: $first, after: $after) { edges { node { ",
    "id slug name status framing { ", framing!(), " } pendingFraming { ", framing!(), " } ",
    "coordinators { id displayName } memberCount projectCount",
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ReviewItem {
    #[serde(flatten)]
    pub lab: LabSummary,
    pub pending_framing: Option<crate::dto::labs::Framing>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewQueueData {
    pub lab_review_queue: Connection<ReviewItem>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabIdVars {
    pub lab_id: String,
}

/// The answer of a mutation with one root field, whatever its name. Every Lab mutation
/// answers with the Lab's page, so the page can simply replace what it shows.
#[derive(Debug, Clone, Deserialize)]
pub struct Single<T> {
    #[serde(flatten)]
    pub inner: std::collections::HashMap<String, T>,
}

impl<T> Single<T> {
    pub fn into_inner(self) -> Option<T> {
        self.inner.into_values().next()
    }
}

pub type LabResult = Single<LabDetail>;

pub const PROPOSE_LAB: &str = concat!(
    "mutation ProposeLab($input: ProposeLabInput!) { proposeLab(input: $input) { ",
    detail!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct ProposeLabVars {
    pub input: ProposeLabInput,
}

/// Edit a proposal (while `PROPOSED` or `CHANGES_REQUESTED`): it goes back to the board.
pub const RESUBMIT_LAB: &str = concat!(
    "mutation ResubmitLab($labId: ID!, $framing: FramingInput!) { resubmitLab(labId: $labId, framing: $framing) { ",
    detail!(),
    " } }"
);

/// Propose a new framing for an active Lab.
pub const PROPOSE_FRAMING_CHANGE: &str = concat!(
    "mutation ProposeFramingChange($labId: ID!, $framing: FramingInput!) { proposeFramingChange(labId: $labId, framing: $framing) { ",
    detail!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FramingVars {
    pub lab_id: String,
    pub framing: FramingInput,
}

pub const REVIEW_LAB: &str = concat!(
    "mutation ReviewLab($labId: ID!, $decision: ReviewDecision!, $comment: String) { reviewLab(labId: $labId, decision: $decision, comment: $comment) { ",
    detail!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewLabVars {
    pub lab_id: String,
    pub decision: ReviewDecision,
    pub comment: Option<String>,
}

pub const ARCHIVE_LAB: &str = concat!(
    "mutation ArchiveLab($labId: ID!, $reason: String!) { archiveLab(labId: $labId, reason: $reason) { ",
    detail!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveLabVars {
    pub lab_id: String,
    pub reason: String,
}

pub const ACKNOWLEDGE_RULES: &str = concat!(
    "mutation AcknowledgeRules($labId: ID!) { acknowledgeRules(labId: $labId) { ",
    detail!(),
    " } }"
);

/// Join an open Lab, ask to join an `ON_APPROVAL` one, or accept an invitation.
pub const JOIN_LAB: &str = concat!(
    "mutation JoinLab($labId: ID!) { joinLab(labId: $labId) { ",
    detail!(),
    " } }"
);

pub const LEAVE_LAB: &str = concat!(
    "mutation LeaveLab($labId: ID!) { leaveLab(labId: $labId) { ",
    detail!(),
    " } }"
);

/// A coordinator accepts or declines a request to join.
pub const DECIDE_JOIN_REQUEST: &str = concat!(
    "mutation DecideJoinRequest($labId: ID!, $userId: ID!, $accept: Boolean!) { decideJoinRequest(labId: $labId, userId: $userId, accept: $accept) { ",
    detail!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecideJoinVars {
    pub lab_id: String,
    pub user_id: String,
    pub accept: bool,
}

pub const INVITE_TO_LAB: &str = concat!(
    "mutation InviteToLab($labId: ID!, $email: String!) { inviteToLab(labId: $labId, email: $email) { ",
    detail!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteVars {
    pub lab_id: String,
    pub email: String,
}

pub const SET_LAB_ROLE: &str = concat!(
    "mutation SetLabRole($labId: ID!, $userId: ID!, $role: LabRole!) { setLabRole(labId: $labId, userId: $userId, role: $role) { ",
    detail!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetLabRoleVars {
    pub lab_id: String,
    pub user_id: String,
    pub role: LabRole,
}

pub const PROPOSE_PROJECT: &str = concat!(
    "mutation ProposeProject($labId: ID!, $input: ProjectInput!) { proposeProject(labId: $labId, input: $input) { ",
    project!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposeProjectVars {
    pub lab_id: String,
    pub input: ProjectInput,
}

pub const SUPPORT_PROJECT: &str = concat!(
    "mutation SupportProject($projectId: ID!) { supportProject(projectId: $projectId) { ",
    project!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectIdVars {
    pub project_id: String,
}

pub const SET_PROJECT_STATUS: &str = concat!(
    "mutation SetProjectStatus($projectId: ID!, $status: ProjectStatus!) { setProjectStatus(projectId: $projectId, status: $status) { ",
    project!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetProjectStatusVars {
    pub project_id: String,
    pub status: ProjectStatus,
}

pub type ProjectResult = Single<Project>;

pub const PROJECT: &str = concat!(
    "query Project($id: ID!) { project(id: $id) { ",
    project!(),
    " lab { slug name } } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct ProjectVars {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProjectLabRef {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProjectPage {
    #[serde(flatten)]
    pub project: Project,
    pub lab: ProjectLabRef,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProjectData {
    pub project: Option<ProjectPage>,
}

/// The rules in force and their history (newest first).
pub const COMMON_RULES: &str = "query CommonRules { commonRules { version body decisionRef adoptedAt } commonRulesHistory(first: 100) { edges { node { version body decisionRef adoptedAt } } pageInfo { hasNextPage endCursor } } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommonRulesData {
    pub common_rules: Option<CommonRules>,
    pub common_rules_history: Connection<CommonRules>,
}

pub const PUBLISH_COMMON_RULES: &str = "mutation PublishCommonRules($body: String!, $decisionRef: String!) { publishCommonRules(body: $body, decisionRef: $decisionRef) { version body decisionRef adoptedAt } }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishRulesVars {
    pub body: String,
    pub decision_ref: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishRulesData {
    pub publish_common_rules: CommonRules,
}
