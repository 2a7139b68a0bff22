//! Transition documents: the plan and dashboard, "my services", a service with its
//! checklist and history, choosing a path, handing over and confirming, the CSV import,
//! support requests and collective groups.

pub mod board;
pub mod member;

use crate::dto::transition::{
    Dashboard, GroupRef, HandoverItem, ImportReport, PathInput, Plan, Service, SupportInput,
    SupportRequest, SupportStatus,
};
use crate::dto::Connection;
use serde::{Deserialize, Serialize};

/// A service without its history (lists: the history would multiply their cost).
macro_rules! service {
    () => {
        "id kind name description address internal status path targetHost \
         group { id name targetHost } holders { id displayName } \
         handover { id item handedAt confirmedAt } handoverConfirmedAt handoverWaivedReason nextStep"
    };
}

macro_rules! support {
    () => {
        "id subject body status requester { id displayName } requesterInWorkingGroup assignee { id displayName } answer createdAt"
    };
}

pub const TRANSITION: &str = "query Transition { transitionPlan { id title decisionMotionId decisionNote endsOn daysLeft atRiskDays inWorkingGroup workingGroup { id slug name status } } \
    transitionDashboard { endsOn daysLeft atRiskDays total internal atRisk byStatus { status count } byPath { path count } \
    atRiskServices(first: 100) { edges { node { id kind name status } } pageInfo { hasNextPage endCursor } } \
    progress(first: 100) { edges { node { on planned migrated } } pageInfo { hasNextPage endCursor } } } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransitionData {
    pub transition_plan: Option<Plan>,
    pub transition_dashboard: Dashboard,
}

pub const MY_SERVICES: &str = concat!(
    "query MyServices($first: Int, $after: String) { myTransitionServices(first: $first, after: $after) { edges { node { ",
    service!(),
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Default, Serialize)]
pub struct PageVars {
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MyServicesData {
    pub my_transition_services: Connection<Service>,
}

pub const SERVICE: &str = concat!(
    "query Service($id: ID!) { transitionService(id: $id) { ",
    service!(),
    " history(first: 100) { edges { node { fromStatus toStatus path reason actor { id displayName } at } } pageInfo { hasNextPage endCursor } } } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct IdVars {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceData {
    pub transition_service: Service,
}

pub const CHOOSE_PATH: &str = concat!(
    "mutation ChoosePath($serviceId: ID!, $input: PathInput!) { chooseServicePath(serviceId: $serviceId, input: $input) { ",
    service!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChoosePathVars {
    pub service_id: String,
    pub input: PathInput,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChoosePathData {
    pub choose_service_path: Service,
}

pub const MARK_HANDED_OVER: &str = "mutation MarkHandedOver($itemId: ID!) { markHandedOver(itemId: $itemId) { id item handedAt confirmedAt } }";
pub const CONFIRM_HANDOVER: &str = "mutation ConfirmHandover($itemId: ID!) { confirmHandover(itemId: $itemId) { id item handedAt confirmedAt } }";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemVars {
    pub item_id: String,
}

/// The answer of either hand-over mutation (one field, named after it).
pub type ItemResult = crate::queries::labs::Single<HandoverItem>;

pub const IMPORT_SERVICES: &str = "mutation ImportServices($csv: String!) { importTransitionServices(csv: $csv) { imported problems { line name code field reason } } }";

#[derive(Debug, Clone, Serialize)]
pub struct ImportVars {
    pub csv: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportData {
    pub import_transition_services: ImportReport,
}

pub const ASK_SUPPORT: &str = concat!(
    "mutation AskSupport($input: SupportInput!) { askForSupport(input: $input) { ",
    support!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct AskSupportVars {
    pub input: SupportInput,
}

pub const ANSWER_SUPPORT: &str = concat!(
    "mutation AnswerSupport($id: ID!, $answer: String!) { answerSupportRequest(id: $id, answer: $answer) { ",
    support!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct AnswerSupportVars {
    pub id: String,
    pub answer: String,
}

/// The answer of a support mutation (one field, named after it).
pub type SupportResult = crate::queries::labs::Single<SupportRequest>;

pub const SUPPORT_REQUESTS: &str = concat!(
    "query SupportRequests($status: SupportStatus, $mine: Boolean, $first: Int, $after: String) { supportRequests(status: $status, mine: $mine, first: $first, after: $after) { edges { node { ",
    support!(),
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Default, Serialize)]
pub struct SupportRequestsVars {
    pub status: Option<SupportStatus>,
    pub mine: Option<bool>,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupportRequestsData {
    pub support_requests: Connection<SupportRequest>,
}

pub const GROUPS: &str = "query TransitionGroups($first: Int, $after: String) { transitionGroups(first: $first, after: $after) { edges { node { id name targetHost } } pageInfo { hasNextPage endCursor } } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupsData {
    pub transition_groups: Connection<GroupRef>,
}
