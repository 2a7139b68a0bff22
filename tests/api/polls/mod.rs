//! Polls outside assemblies: each kind from creation to result (Schulze through the API),
//! open answers changed and anonymous ones not, what the database holds for an anonymous
//! poll, the close by date without anyone acting and the early close, the list (open first,
//! paginated), the authorisation matrix, every shared document against the schema, and two
//! answers of one person at once.

mod authz;
mod closing;
pub(crate) mod contract;
mod flows;
mod secrecy;
mod sql;

use constellation_backend::entities::polls::poll;
use constellation_tests::{TestApp, TestUser};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

/// What the tests read of a poll.
pub const POLL: &str = "id title kind visibility audience lab { id } author { id } options closesAt closed closedEarly answerCount answered myChoice canAnswer canClose results { ballots counts ranking winners tied pairwise strongest } responses { edges { node { member { id } choice } } }";

/// An admin (the first account), a board member, an effective member, an adherent, a
/// sympathiser, and an active Lab coordinated by an effective member, joined by a
/// sympathiser.
pub struct World {
    pub admin: TestUser,
    pub board: TestUser,
    pub effective: TestUser,
    pub adherent: TestUser,
    pub sympathiser: TestUser,
    pub coordinator: TestUser,
    pub lab_member: TestUser,
    pub lab: String,
}

pub async fn world(app: &TestApp) -> World {
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    let effective = app.signup("Effective").await;
    let adherent = app.signup("Adherent").await;
    let sympathiser = app.signup("Sympathiser").await;
    let coordinator = app.signup("Coordinator").await;
    let lab_member = app.signup("LabMember").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    for (u, kind) in [
        (&effective, "EFFECTIVE"),
        (&adherent, "ADHERENT"),
        (&coordinator, "EFFECTIVE"),
    ] {
        app.set_roles(&admin, u, json!({ "kind": kind })).await;
    }
    let lab = app
        .active_lab(&coordinator, &board, "sondages", "OPEN", "PUBLIC")
        .await;
    let r = app.join(&lab_member, &lab).await;
    assert!(r["errors"].is_null(), "join: {r}");
    World {
        admin,
        board,
        effective,
        adherent,
        sympathiser,
        coordinator,
        lab_member,
        lab,
    }
}

pub fn in_days(n: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(n)).to_rfc3339()
}

/// A poll's input closing in a week.
pub fn input(kind: &str, visibility: &str, lab: Option<&str>, options: &[&str]) -> Value {
    json!({
        "title": format!("{kind} {visibility}"),
        "description": "Which one?",
        "options": options,
        "kind": kind,
        "visibility": visibility,
        "labId": lab,
        "closesAt": in_days(7),
    })
}

pub async fn create(app: &TestApp, who: &TestUser, input: Value) -> Value {
    app.gql(
        Some(&who.token),
        &format!("mutation($i: CreatePollInput!) {{ createPoll(input: $i) {{ {POLL} }} }}"),
        json!({ "i": input }),
    )
    .await
}

/// Creates a poll that must be accepted; returns its id.
pub async fn poll_id(app: &TestApp, who: &TestUser, input: Value) -> String {
    let r = create(app, who, input).await;
    r["data"]["createPoll"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("createPoll failed: {r}"))
        .to_owned()
}

pub async fn answer(app: &TestApp, who: &TestUser, poll: &str, choice: &[i32]) -> Value {
    app.gql(
        Some(&who.token),
        &format!(
            "mutation($p: ID!, $c: [Int!]!) {{ answerPoll(pollId: $p, choice: $c) {{ {POLL} }} }}"
        ),
        json!({ "p": poll, "c": choice }),
    )
    .await
}

/// An answer that must be accepted.
pub async fn answered(app: &TestApp, who: &TestUser, poll: &str, choice: &[i32]) -> Value {
    let r = answer(app, who, poll, choice).await;
    assert!(r["errors"].is_null(), "answerPoll {choice:?}: {r}");
    r["data"]["answerPoll"].clone()
}

pub async fn close(app: &TestApp, who: &TestUser, poll: &str) -> Value {
    app.gql(
        Some(&who.token),
        &format!("mutation($p: ID!) {{ closePoll(pollId: $p) {{ {POLL} }} }}"),
        json!({ "p": poll }),
    )
    .await
}

/// The poll as `who` sees it (asserting it is visible).
pub async fn read(app: &TestApp, who: &TestUser, poll: &str) -> Value {
    let r = app
        .gql(
            Some(&who.token),
            &format!("query($id: ID!) {{ poll(id: $id) {{ {POLL} }} }}"),
            json!({ "id": poll }),
        )
        .await;
    assert!(r["errors"].is_null(), "poll: {r}");
    r["data"]["poll"].clone()
}

/// Moves the poll's closing date to a second ago, straight in the database: time passing.
pub async fn expire(app: &TestApp, poll: &str) {
    let id = uuid::Uuid::parse_str(poll).expect("poll id");
    let past = chrono::Utc::now() - chrono::Duration::seconds(1);
    let r = poll::Entity::update_many()
        .col_expr(poll::Column::ClosesAt, Expr::value(past))
        .filter(poll::Column::Id.eq(id))
        .exec(&app.db)
        .await
        .expect("update closes_at");
    assert_eq!(r.rows_affected, 1);
}

pub fn ints(v: &Value) -> Vec<i64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default()
}

pub fn groups(v: &Value) -> Vec<Vec<i64>> {
    v.as_array()
        .map(|a| a.iter().map(ints).collect())
        .unwrap_or_default()
}
