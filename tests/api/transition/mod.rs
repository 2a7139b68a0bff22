//! The transition of hosted services: a service from the inventory to closed with every step
//! recorded, every path, the hand-over rule, the CSV import (all or nothing), the working
//! group's support, the poll, the dashboard against a hand count, and the export.

mod authz;
pub mod board_contract;
pub mod contract;
mod group;
mod inventory;
mod member_contract;
mod notices;
mod participation;
mod paths;

use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use sea_orm::ConnectionTrait;
use serde_json::{json, Value};

pub struct World {
    pub admin: TestUser,
    pub board: TestUser,
    pub holder: TestUser,
    pub other: TestUser,
    pub helper: TestUser,
    pub lab: String,
}

/// An admin, a board member, two effective members (one holds services), an adherent in
/// the working group, and the plan ending `ends_on`.
pub async fn world(app: &TestApp, ends_on: &str, at_risk_days: i32) -> World {
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    let holder = app.signup("Holder").await;
    let other = app.signup("Other").await;
    let helper = app.signup("Helper").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    app.set_roles(&admin, &holder, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&admin, &other, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&admin, &helper, json!({ "kind": "ADHERENT" }))
        .await;
    let lab = app.transition_plan(&board, ends_on, at_risk_days).await;
    app.join_lab(&helper, &lab).await;
    World {
        admin,
        board,
        holder,
        other,
        helper,
        lab,
    }
}

fn in_days(n: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(n)).to_string()
}

fn ok<'a>(r: &'a Value, field: &str) -> &'a Value {
    assert!(r["errors"].is_null(), "{field} failed: {r}");
    &r["data"][field]
}

fn steps(service: &Value) -> Vec<(Value, Value)> {
    service["history"]["edges"]
        .as_array()
        .map(|e| {
            e.iter()
                .map(|s| {
                    (
                        s["node"]["fromStatus"].clone(),
                        s["node"]["toStatus"].clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}
