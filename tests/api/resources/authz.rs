//! Every resources mutation, tried by each role on the Labs fixture (`Setup::Resources` in
//! `crate::labs::authz`): the board keeps the pools and decides; the Lab's coordinator files,
//! edits, withdraws and releases.

use crate::labs::authz::{matrix, rand_suffix, Role, Setup, FORBID, OK, UNAUTH};
use serde_json::json;
use Role::*;

const BOARD_ONLY: [(Role, Option<&str>); 8] = [
    (Anonymous, UNAUTH),
    (Sympathiser, FORBID),
    (Adherent, FORBID),
    (Effective, FORBID),
    (Participant, FORBID),
    (Coordinator, FORBID),
    (Board, OK),
    (Admin, OK),
];

const COORDINATOR_ONLY: [(Role, Option<&str>); 8] = [
    (Anonymous, UNAUTH),
    (Sympathiser, FORBID),
    (Adherent, FORBID),
    (Effective, FORBID),
    (Participant, FORBID),
    (Coordinator, OK),
    (Board, FORBID),
    (Admin, FORBID),
];

#[tokio::test]
async fn create_pool() {
    matrix(Setup::Resources, |_, _| ("mutation($n: String!) { createPool(input: { name: $n, kind: MONEY, unit: \"EUR\", scale: 2, description: \"\", period: { label: \"2027\", startsOn: \"2027-01-01\", endsOn: \"2027-12-31\", capacity: \"10\" } }) { id } }", json!({ "n": format!("New pool {}", rand_suffix()) })), BOARD_ONLY).await;
}

#[tokio::test]
async fn update_pool() {
    matrix(Setup::Resources, |f, _| ("mutation($p: ID!, $n: String!) { updatePool(poolId: $p, name: $n, description: \"d\") { id } }", json!({ "p": f.pool, "n": format!("Renamed {}", rand_suffix()) })), BOARD_ONLY).await;
}

#[tokio::test]
async fn add_pool_period() {
    matrix(Setup::Resources, |f, _| ("mutation($p: ID!) { addPoolPeriod(poolId: $p, input: { label: \"2028\", startsOn: \"2028-01-01\", endsOn: \"2028-12-31\", capacity: \"100\" }) { id } }", json!({ "p": f.pool })), BOARD_ONLY).await;
}

#[tokio::test]
async fn set_period_capacity() {
    matrix(
        Setup::Resources,
        |f, _| {
            (
                "mutation($p: ID!) { setPeriodCapacity(periodId: $p, capacity: \"200\") { id } }",
                json!({ "p": f.period }),
            )
        },
        BOARD_ONLY,
    )
    .await;
}

#[tokio::test]
async fn file_resource_request() {
    matrix(Setup::Resources, |f, _| ("mutation($l: String!, $p: String!) { fileResourceRequest(input: { labId: $l, periodId: $p, amount: \"3\", justification: \"j\" }) { id } }", json!({ "l": f.lab, "p": f.period })), COORDINATOR_ONLY).await;
}

#[tokio::test]
async fn edit_resource_request() {
    matrix(Setup::Resources, |f, _| ("mutation($r: ID!) { editResourceRequest(requestId: $r, amount: \"4\", justification: \"j\") { id } }", json!({ "r": f.pending })), COORDINATOR_ONLY).await;
}

#[tokio::test]
async fn withdraw_resource_request() {
    matrix(
        Setup::Resources,
        |f, _| {
            (
                "mutation($r: ID!) { withdrawResourceRequest(requestId: $r) { id } }",
                json!({ "r": f.pending }),
            )
        },
        COORDINATOR_ONLY,
    )
    .await;
}

#[tokio::test]
async fn decide_resource_request() {
    matrix(Setup::Resources, |f, _| ("mutation($r: ID!) { decideResourceRequest(requestId: $r, decision: APPROVE, reason: \"ok\") { id } }", json!({ "r": f.pending })), BOARD_ONLY).await;
}

#[tokio::test]
async fn release_resources() {
    matrix(Setup::Resources, |f, _| ("mutation($r: ID!) { releaseResources(requestId: $r, amount: \"1\", note: \"unused\") { id } }", json!({ "r": f.approved })),
        [(Anonymous, UNAUTH), (Sympathiser, FORBID), (Adherent, FORBID), (Effective, FORBID), (Participant, FORBID), (Coordinator, OK), (Board, OK), (Admin, OK)]).await;
}
