//! The board's and the working group's side of the transition: the inventory, the plan and
//! its milestones, statuses, support requests, hosts, guides, offers to decide, poll results.

use crate::dto::transition::{
    GroupRef, Guide, GuideInput, HostInput, MigrationPath, Milestone, Offer, OfferStatus,
    PlanDetail, PlanInput, PollResults, RecommendedHost, Service, ServiceInput, ServiceKind,
    ServiceStatus, SupportRequestOnService, SupportStatus,
};
use crate::dto::Connection;
use crate::queries::labs::Single;
use serde::{Deserialize, Serialize};

/// A service as the inventory lists it (no history: it would multiply a list's cost).
macro_rules! service {
    () => {
        "id kind name description address internal status path targetHost \
         group { id name targetHost } holders { id displayName } \
         handover { id item handedAt confirmedAt } handoverConfirmedAt handoverWaivedReason nextStep"
    };
}

macro_rules! plan {
    () => {
        "id title decisionMotionId decisionNote endsOn daysLeft atRiskDays inWorkingGroup \
         workingGroup { id slug name status } milestones { id label dueOn }"
    };
}

macro_rules! request {
    () => {
        "id subject body status requester { id displayName } requesterInWorkingGroup \
         assignee { id displayName } answer createdAt service { id kind name status }"
    };
}

macro_rules! page_info {
    () => {
        " } } pageInfo { hasNextPage endCursor } } }"
    };
}

/// The answer of a mutation with one root field, whatever its name.
pub type ServiceResult = Single<Service>;
pub type PlanResult = Single<PlanDetail>;
pub type RequestResult = Single<SupportRequestOnService>;
/// The answer of a mutation answering `true` (removals).
pub type Done = Single<bool>;

#[derive(Debug, Clone, Serialize)]
pub struct IdVars {
    pub id: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PageVars {
    pub first: Option<i32>,
    pub after: Option<String>,
}

// The plan.

pub const PLAN: &str = concat!("query BoardPlan { transitionPlan { ", plan!(), " } }");

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanData {
    pub transition_plan: Option<PlanDetail>,
}

pub const CREATE_PLAN: &str = concat!(
    "mutation CreatePlan($input: PlanInput!) { createTransitionPlan(input: $input) { ",
    plan!(),
    " } }"
);
pub const UPDATE_PLAN: &str = concat!(
    "mutation UpdatePlan($input: PlanInput!) { updateTransitionPlan(input: $input) { ",
    plan!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct PlanVars {
    pub input: PlanInput,
}

pub const ADD_MILESTONE: &str = "mutation AddMilestone($label: String!, $dueOn: String!) { addTransitionMilestone(label: $label, dueOn: $dueOn) { id label dueOn } }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MilestoneVars {
    pub label: String,
    pub due_on: String,
}

pub type MilestoneResult = Single<Milestone>;

pub const REMOVE_MILESTONE: &str =
    "mutation RemoveMilestone($id: ID!) { removeTransitionMilestone(id: $id) }";

// The inventory.

pub const SERVICES: &str = concat!(
    "query Services($status: ServiceStatus, $path: MigrationPath, $kind: ServiceKind, $internal: Boolean, $first: Int, $after: String) \
     { transitionServices(status: $status, path: $path, kind: $kind, internal: $internal, first: $first, after: $after) { edges { node { ",
    service!(),
    page_info!()
);

#[derive(Debug, Clone, Default, Serialize)]
pub struct ServicesVars {
    pub status: Option<ServiceStatus>,
    pub path: Option<MigrationPath>,
    pub kind: Option<ServiceKind>,
    pub internal: Option<bool>,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicesData {
    pub transition_services: Connection<Service>,
}

pub const CREATE_SERVICE: &str = concat!(
    "mutation CreateService($input: ServiceInput!) { createTransitionService(input: $input) { ",
    service!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct CreateServiceVars {
    pub input: ServiceInput,
}

pub const UPDATE_SERVICE: &str = concat!(
    "mutation UpdateService($id: ID!, $input: ServiceInput!) { updateTransitionService(id: $id, input: $input) { ",
    service!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct UpdateServiceVars {
    pub id: String,
    pub input: ServiceInput,
}

pub const SET_STATUS: &str = concat!(
    "mutation SetServiceStatus($serviceId: ID!, $status: ServiceStatus!, $reason: String) \
     { setServiceStatus(serviceId: $serviceId, status: $status, reason: $reason) { ",
    service!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetStatusVars {
    pub service_id: String,
    pub status: ServiceStatus,
    pub reason: Option<String>,
}

pub const WAIVE_HANDOVER: &str = concat!(
    "mutation WaiveHandover($serviceId: ID!, $reason: String!) { waiveHandover(serviceId: $serviceId, reason: $reason) { ",
    service!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WaiveVars {
    pub service_id: String,
    pub reason: String,
}

// The support queue.

pub const SUPPORT_QUEUE: &str = concat!(
    "query SupportQueue($status: SupportStatus, $first: Int, $after: String) \
     { supportRequests(status: $status, first: $first, after: $after) { edges { node { ",
    request!(),
    page_info!()
);

#[derive(Debug, Clone, Default, Serialize)]
pub struct QueueVars {
    pub status: Option<SupportStatus>,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueData {
    pub support_requests: Connection<SupportRequestOnService>,
}

pub const ASSIGN_SUPPORT: &str = concat!(
    "mutation AssignSupport($id: ID!, $assigneeId: ID) { assignSupportRequest(id: $id, assigneeId: $assigneeId) { ",
    request!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssignVars {
    pub id: String,
    /// The caller when absent.
    pub assignee_id: Option<String>,
}

pub const ANSWER_SUPPORT: &str = concat!(
    "mutation AnswerQueued($id: ID!, $answer: String!) { answerSupportRequest(id: $id, answer: $answer) { ",
    request!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct AnswerVars {
    pub id: String,
    pub answer: String,
}

pub const CLOSE_SUPPORT: &str = concat!(
    "mutation CloseSupport($id: ID!) { closeSupportRequest(id: $id) { ",
    request!(),
    " } }"
);

// Collective groups.

pub const CREATE_GROUP: &str = "mutation CreateGroup($name: String!, $targetHost: String!) { createTransitionGroup(name: $name, targetHost: $targetHost) { id name targetHost } }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupVars {
    pub name: String,
    pub target_host: String,
}

pub type GroupResult = Single<GroupRef>;

// Recommended hosts and guides (the lists: `member::HOSTS`, `member::GUIDES`).

pub const SAVE_HOST: &str = "mutation SaveHost($id: ID, $input: HostInput!) { saveRecommendedHost(id: $id, input: $input) { id name url kinds note } }";

#[derive(Debug, Clone, Serialize)]
pub struct SaveHostVars {
    /// Edits that host when given.
    pub id: Option<String>,
    pub input: HostInput,
}

pub type HostResult = Single<RecommendedHost>;

pub const REMOVE_HOST: &str = "mutation RemoveHost($id: ID!) { removeRecommendedHost(id: $id) }";

pub const SAVE_GUIDE: &str = "mutation SaveGuide($id: ID, $input: GuideInput!) { saveTransitionGuide(id: $id, input: $input) { id title body author { id displayName } updatedAt } }";

#[derive(Debug, Clone, Serialize)]
pub struct SaveGuideVars {
    /// Edits that guide when given.
    pub id: Option<String>,
    pub input: GuideInput,
}

pub type GuideResult = Single<Guide>;

// Offers and the poll.

pub const OFFERS: &str = concat!(
    "query BoardOffers($status: OfferStatus, $first: Int, $after: String) { transitionOffers(status: $status, first: $first, after: $after) \
     { edges { node { id kind status note service { id kind name status } offeredBy { id displayName } \
     lab { id slug name status } decisionReason createdAt",
    page_info!()
);

#[derive(Debug, Clone, Default, Serialize)]
pub struct OffersVars {
    pub status: Option<OfferStatus>,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OffersData {
    pub transition_offers: Connection<Offer>,
}

pub const DECIDE_OFFER: &str = "mutation DecideOffer($id: ID!, $accept: Boolean!, $reason: String!) { decideOffer(id: $id, accept: $accept, reason: $reason) \
     { id kind status note service { id kind name status } offeredBy { id displayName } lab { id slug name status } decisionReason createdAt } }";

#[derive(Debug, Clone, Serialize)]
pub struct DecideOfferVars {
    pub id: String,
    pub accept: bool,
    pub reason: String,
}

pub type OfferResult = Single<Offer>;

pub const POLL_RESULTS: &str = "query PollResults($first: Int, $after: String) { chatonsPollResults { answers asClient asStakeholder both neither \
     rows(first: $first, after: $after) { edges { node { member { id displayName } asClient asStakeholder comment answeredAt } } pageInfo { hasNextPage endCursor } } } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PollResultsData {
    pub chatons_poll_results: PollResults,
}
