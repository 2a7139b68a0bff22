//! The member's side of the transition beyond `mod.rs`: the plan's milestones, hosts and
//! guides as read by everyone, starting a migration, one's support requests with their
//! service, offers to help, the CHATONS poll.

use crate::dto::transition::{
    Guide, HandoverDetail, Milestone, Offer, OfferInput, PollAnswer, PollInput, RecommendedHost,
    Service, ServiceKind, SupportRequestOnService,
};
use crate::dto::Connection;
use serde::{Deserialize, Serialize};

pub const MILESTONES: &str =
    "query TransitionMilestones { transitionPlan { id milestones { id label dueOn } } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanMilestones {
    pub id: String,
    pub milestones: Vec<Milestone>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MilestonesData {
    pub transition_plan: Option<PlanMilestones>,
}

pub const HOSTS: &str = "query RecommendedHosts($kind: ServiceKind, $first: Int, $after: String) { recommendedHosts(kind: $kind, first: $first, after: $after) { edges { node { id name url kinds note } } pageInfo { hasNextPage endCursor } } }";

#[derive(Debug, Clone, Default, Serialize)]
pub struct HostsVars {
    pub kind: Option<ServiceKind>,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HostsData {
    pub recommended_hosts: Connection<RecommendedHost>,
}

pub const GUIDES: &str = "query TransitionGuides($first: Int, $after: String) { transitionGuides(first: $first, after: $after) { edges { node { id title body author { id displayName } updatedAt } } pageInfo { hasNextPage endCursor } } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GuidesData {
    pub transition_guides: Connection<Guide>,
}

/// A service's checklist with who handed each item over and who confirmed it.
pub const HANDOVER: &str = "query ServiceHandover($id: ID!) { transitionService(id: $id) { id handover { id item handedAt handedBy { id displayName } confirmedAt confirmedBy { id displayName } } } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceHandover {
    pub id: String,
    pub handover: Vec<HandoverDetail>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandoverData {
    pub transition_service: ServiceHandover,
}

/// A holder says the move of a planned service has started.
pub const START_MIGRATION: &str = concat!(
    "mutation StartMigration($serviceId: ID!) { setServiceStatus(serviceId: $serviceId, status: IN_PROGRESS) { ",
    "id kind name description address internal status path targetHost \
     group { id name targetHost } holders { id displayName } \
     handover { id item handedAt confirmedAt } handoverConfirmedAt handoverWaivedReason nextStep",
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceIdVars {
    pub service_id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartMigrationData {
    pub set_service_status: Service,
}

/// One's own support requests (`mine: true`), with the service each is about.
pub const MY_SUPPORT: &str = "query MySupportRequests($first: Int, $after: String) { supportRequests(mine: true, first: $first, after: $after) { edges { node { id subject body status requester { id displayName } requesterInWorkingGroup assignee { id displayName } answer createdAt service { id kind name status } } } pageInfo { hasNextPage endCursor } } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MySupportData {
    pub support_requests: Connection<SupportRequestOnService>,
}

macro_rules! offer {
    () => {
        "id kind status note service { id kind name status } offeredBy { id displayName } lab { id slug name status } decisionReason createdAt"
    };
}

pub const OFFER_TO_HELP: &str = concat!(
    "mutation OfferToHelp($input: OfferInput!) { offerToHelp(input: $input) { ",
    offer!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct OfferVars {
    pub input: OfferInput,
}

/// The answer of an offer mutation (one field, named after it).
pub type OfferResult = crate::queries::labs::Single<Offer>;

/// One's own offers (everyone but the board sees only theirs; pages filter by volunteer).
pub const MY_OFFERS: &str = concat!(
    "query MyOffers($first: Int, $after: String) { transitionOffers(first: $first, after: $after) { edges { node { ",
    offer!(),
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OffersData {
    pub transition_offers: Connection<Offer>,
}

pub const WITHDRAW_OFFER: &str = concat!(
    "mutation WithdrawOffer($id: ID!) { withdrawOffer(id: $id) { ",
    offer!(),
    " } }"
);

pub const MY_POLL_ANSWER: &str = "query MyChatonsAnswer { myChatonsAnswer { member { id displayName } asClient asStakeholder comment answeredAt } }";

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MyPollAnswerData {
    pub my_chatons_answer: Option<PollAnswer>,
}

pub const ANSWER_POLL: &str = "mutation AnswerChatonsPoll($input: PollInput!) { answerChatonsPoll(input: $input) { member { id displayName } asClient asStakeholder comment answeredAt } }";

#[derive(Debug, Clone, Serialize)]
pub struct PollVars {
    pub input: PollInput,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerPollData {
    pub answer_chatons_poll: PollAnswer,
}
