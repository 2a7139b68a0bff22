//! Elections of people through the real server: candidacies (proposed and accepted, standing,
//! withdrawn), approval and per-candidate ballots on open, secret and encrypted ballots, the
//! count (majority per candidate, then the most approved, ties reported), who may do what,
//! and the shared documents against the schema.

mod authz;
mod contract;
mod encrypted;
mod flow;
mod races;

pub(crate) use encrypted::BOX_DOCS;

use super::cast_of;
use constellation_shared::queries::assemblies as g;
use constellation_tests::{error_code, TestApp, TestUser};
use serde_json::{json, Value};

/// The shared documents of elections, each run in `flow`.
pub(crate) const ELECTION_DOCS: &[&str] = &[
    g::ADD_ELECTION,
    g::PROPOSE_CANDIDATE,
    g::ACCEPT_CANDIDACY,
    g::WITHDRAW_CANDIDACY,
    g::CAST_ELECTION_BALLOT,
];

const FIELDS: &str = "motions { id kind seats mode status turnout ballot candidates { person { id } accepted } electionResult { seats filled ballots explanation candidates { person { id } tally { yes no abstain } verdict elected tied } } myRights { member { id } cast } election { ready params myTrusteeIndex encryptedTally decrypted } }";

pub(super) async fn state(app: &TestApp, who: &TestUser, a: &str) -> Value {
    let r = app
        .gql(
            Some(&who.token),
            &format!("query($id: ID!) {{ assembly(id: $id) {{ {FIELDS} }} }}"),
            json!({ "id": a }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    r["data"]["assembly"].clone()
}

pub(super) fn election<'a>(a: &'a Value, id: &str) -> &'a Value {
    a["motions"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["id"] == id))
        .expect("election")
}

/// A convened assembly with one item; returns (assembly, item).
pub(super) async fn assembly_with_item(app: &TestApp, chair: &TestUser) -> (String, String) {
    let (a, _) = app.draft_assembly(chair).await;
    let st = app.assembly_state(chair, &a).await;
    (a, st["agenda"][0]["id"].as_str().expect("item").to_owned())
}

/// Adds an election and returns its id (the last motion).
pub(super) async fn add_election(
    app: &TestApp,
    chair: &TestUser,
    a: &str,
    item: &str,
    ballot: &str,
    seats: i32,
    mode: &str,
) -> String {
    let r = app
        .gql(
            Some(&chair.token),
            g::ADD_ELECTION,
            json!({ "itemId": item, "input": { "text": "The board", "rule": "SIMPLE", "ballot": ballot, "seats": seats, "mode": mode } }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let st = state(app, chair, a).await;
    st["motions"]
        .as_array()
        .and_then(|m| m.last())
        .and_then(|m| m["id"].as_str())
        .expect("id")
        .to_owned()
}

pub(super) async fn propose(app: &TestApp, who: &TestUser, e: &str, user: &TestUser) -> Value {
    app.gql(
        Some(&who.token),
        g::PROPOSE_CANDIDATE,
        json!({ "motionId": e, "userId": user.id }),
    )
    .await
}

pub(super) async fn accept(app: &TestApp, who: &TestUser, e: &str) -> Value {
    app.gql(
        Some(&who.token),
        g::ACCEPT_CANDIDACY,
        json!({ "motionId": e }),
    )
    .await
}

/// Casts `member`'s ballot: `yes` candidates marked YES, `no` marked NO, `abstain` ABSTAIN.
pub(super) async fn cast(
    app: &TestApp,
    who: &TestUser,
    e: &str,
    member: &TestUser,
    marks: &[(&TestUser, &str)],
) -> Value {
    let marks: Vec<Value> = marks
        .iter()
        .map(|(c, choice)| json!({ "candidateId": c.id, "choice": choice }))
        .collect();
    app.gql(
        Some(&who.token),
        g::CAST_ELECTION_BALLOT,
        json!({ "motionId": e, "memberId": member.id, "marks": marks }),
    )
    .await
}

/// Convenes, opens the session and checks everyone in.
pub(super) async fn in_session(app: &TestApp, chair: &TestUser, a: &str, people: &[TestUser]) {
    let r = app.assembly_step(chair, "conveneAssembly", a).await;
    assert!(r["errors"].is_null(), "{r}");
    let r = app.assembly_step(chair, "openSession", a).await;
    assert!(r["errors"].is_null(), "{r}");
    for p in people {
        let r = app.check_in(chair, a, Some(&p.id)).await;
        assert!(r["errors"].is_null(), "{r}");
    }
}

pub(super) fn code(r: &Value) -> Option<&str> {
    error_code(r)
}
