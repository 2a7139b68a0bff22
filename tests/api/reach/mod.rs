//! Reaching the members: notifications and the bell, the home page and the private calendar,
//! the outbox and its sender against a real SMTP server, what became of the mails, and the
//! documents.

pub(crate) mod contract;
mod home;
mod home_sql;
pub(crate) mod mail;
mod notifications;
mod outbox;

use constellation_tests::{TestApp, TestUser};
use serde_json::json;

/// The chair (admin, effective), `n` effective members (English), an adherent, a sympathiser.
async fn association(app: &TestApp, n: usize) -> (TestUser, Vec<TestUser>, TestUser, TestUser) {
    let chair = app.signup("Chair").await;
    app.set_roles(&chair, &chair, json!({ "kind": "EFFECTIVE" }))
        .await;
    let members = app.effective_members(n, "Member").await;
    let adherent = app.signup("Adherent").await;
    app.set_roles(&chair, &adherent, json!({ "kind": "ADHERENT" }))
        .await;
    let sympathiser = app.signup("Sympathiser").await;
    (chair, members, adherent, sympathiser)
}
