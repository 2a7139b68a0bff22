//! Common-resources documents: pools, requests, decisions, releases, ledger, transparency.

use crate::dto::resources::{
    AllocationTotal, LedgerEntry, PeriodInput, Pool, PoolInput, RequestInput, RequestStatus,
    ResourceDecision, ResourceRequest,
};
use crate::dto::Connection;
use serde::{Deserialize, Serialize};

pub use crate::queries::labs::Single;

macro_rules! pool {
    () => {
        "id name kind unit scale description periods { id label startsOn endsOn capacity granted remaining }"
    };
}

macro_rules! refs {
    () => {
        "lab { id slug name status } pool { id name unit scale } period { id label capacity remaining }"
    };
}

macro_rules! request {
    () => {
        concat!(
            "id ",
            refs!(),
            " project { id title } amount justification status grantedAmount releasedAmount decisionReason requestedBy { id displayName } decidedBy { id displayName } createdAt decidedAt"
        )
    };
}

pub const POOLS: &str = concat!(
    "query Pools($first: Int, $after: String) { resourcePools(first: $first, after: $after) { edges { node { ",
    pool!(),
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Default, Serialize)]
pub struct PageVars {
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolsData {
    pub resource_pools: Connection<Pool>,
}

pub type PoolResult = Single<Pool>;
pub type RequestResult = Single<ResourceRequest>;

pub const CREATE_POOL: &str = concat!(
    "mutation CreatePool($input: PoolInput!) { createPool(input: $input) { ",
    pool!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct CreatePoolVars {
    pub input: PoolInput,
}

pub const UPDATE_POOL: &str = concat!(
    "mutation UpdatePool($poolId: ID!, $name: String!, $description: String!) { updatePool(poolId: $poolId, name: $name, description: $description) { ",
    pool!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePoolVars {
    pub pool_id: String,
    pub name: String,
    pub description: String,
}

pub const ADD_PERIOD: &str = concat!("mutation AddPeriod($poolId: ID!, $input: PeriodInput!) { addPoolPeriod(poolId: $poolId, input: $input) { ", pool!(), " } }");

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddPeriodVars {
    pub pool_id: String,
    pub input: PeriodInput,
}

/// Raise or lower a period's capacity (never below what is granted).
pub const SET_CAPACITY: &str = concat!("mutation SetCapacity($periodId: ID!, $capacity: String!) { setPeriodCapacity(periodId: $periodId, capacity: $capacity) { ", pool!(), " } }");

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetCapacityVars {
    pub period_id: String,
    pub capacity: String,
}

pub const FILE_REQUEST: &str = concat!(
    "mutation FileRequest($input: RequestInput!) { fileResourceRequest(input: $input) { ",
    request!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
pub struct FileRequestVars {
    pub input: RequestInput,
}

pub const EDIT_REQUEST: &str = concat!(
    "mutation EditRequest($requestId: ID!, $amount: String!, $justification: String!) { editResourceRequest(requestId: $requestId, amount: $amount, justification: $justification) { ",
    request!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EditRequestVars {
    pub request_id: String,
    pub amount: String,
    pub justification: String,
}

pub const WITHDRAW_REQUEST: &str = concat!(
    "mutation WithdrawRequest($requestId: ID!) { withdrawResourceRequest(requestId: $requestId) { ",
    request!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestIdVars {
    pub request_id: String,
}

/// The board decides; `amount` only for `APPROVE_PARTIAL`; a reason every time.
pub const DECIDE_REQUEST: &str = concat!(
    "mutation DecideRequest($requestId: ID!, $decision: ResourceDecision!, $amount: String, $reason: String!) { decideResourceRequest(requestId: $requestId, decision: $decision, amount: $amount, reason: $reason) { ",
    request!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecideRequestVars {
    pub request_id: String,
    pub decision: ResourceDecision,
    pub amount: Option<String>,
    pub reason: String,
}

/// Give back part of a grant (the Lab did not use it), with a note.
pub const RELEASE: &str = concat!(
    "mutation Release($requestId: ID!, $amount: String!, $note: String!) { releaseResources(requestId: $requestId, amount: $amount, note: $note) { ",
    request!(),
    " } }"
);

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseVars {
    pub request_id: String,
    pub amount: String,
    pub note: String,
}

/// Requests, oldest first (the board's queue with `status: PENDING`).
pub const REQUESTS: &str = concat!(
    "query Requests($status: RequestStatus, $labId: ID, $first: Int, $after: String) { resourceRequests(status: $status, labId: $labId, first: $first, after: $after) { edges { node { ",
    request!(),
    " } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestsVars {
    pub status: Option<RequestStatus>,
    pub lab_id: Option<String>,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestsData {
    pub resource_requests: Connection<ResourceRequest>,
}

pub const LEDGER: &str = concat!(
    "query Ledger($poolId: ID, $labId: ID, $first: Int, $after: String) { ledger(poolId: $poolId, labId: $labId, first: $first, after: $after) { edges { node { id kind amount reason ",
    refs!(),
    " actor { id displayName } at } } pageInfo { hasNextPage endCursor } } }"
);

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerVars {
    pub pool_id: Option<String>,
    pub lab_id: Option<String>,
    pub first: Option<i32>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LedgerData {
    pub ledger: Connection<LedgerEntry>,
}

/// Per Lab, pool and period: what is held now. For the transparency chart.
pub const ALLOCATIONS: &str = concat!(
    "query Allocations { allocationTotals { ",
    refs!(),
    " granted } }"
);

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AllocationsData {
    pub allocation_totals: Vec<AllocationTotal>,
}
