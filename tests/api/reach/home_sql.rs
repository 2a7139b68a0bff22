//! The home costs the same number of SQL statements for a member with one thing of each kind
//! to do as for one with many: every list is read with one statement and every person or Lab
//! behind it through a DataLoader.

use constellation_tests::{spawn_app, TestApp, TestUser};
use serde_json::json;

/// The home page's own document, with every relation it follows.
const HOME: &str = constellation_shared::queries::reach::HOME;

async fn statements(app: &TestApp) -> u64 {
    let m = app
        .client
        .get(format!("{}/metrics", app.url))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    m.lines()
        .find_map(|l| l.strip_prefix("constellation_db_statements_total "))
        .and_then(|n| n.trim().parse().ok())
        .expect("statement counter")
}

/// An association where `me` (effective, coordinator) has `n` of each: proxies asked of them
/// (one per assembly), motions open, join requests to decide in the Labs they coordinate,
/// Lab invitations. Returns the statements one home costs and the home itself.
async fn cost(n: usize) -> (u64, serde_json::Value) {
    let app = spawn_app().await;
    let chair = app.signup("Chair").await;
    app.set_roles(&chair, &chair, json!({ "kind": "EFFECTIVE" }))
        .await;
    let me = app.signup("Me").await;
    app.set_roles(&chair, &me, json!({ "kind": "EFFECTIVE" }))
        .await;
    let others: Vec<TestUser> = app.effective_members(n, "Other").await;

    // n assemblies convened, each with a proxy asked of me; the first in session with its
    // motions open.
    let mut first = None;
    for other in &others {
        let (a, motions) = app.draft_assembly(&chair).await;
        app.assembly_step(&chair, "conveneAssembly", &a).await;
        app.ok(
            other,
            "mutation($a: ID!, $h: String!) { giveProxy(assemblyId: $a, holderEmail: $h) { id } }",
            json!({ "a": a, "h": me.email }),
        )
        .await;
        first.get_or_insert((a, motions));
    }
    let (a, motions) = first.expect("one assembly at least");
    app.assembly_step(&chair, "openSession", &a).await;
    for m in &motions {
        app.voting(&chair, "openVoting", m).await;
    }

    // n Labs I coordinate, each with a join request; n Labs inviting me.
    for (i, other) in others.iter().enumerate() {
        let lab = app
            .active_lab(&me, &chair, &format!("mine-{i}"), "ON_APPROVAL", "PUBLIC")
            .await;
        let r = app.join(other, &lab).await;
        assert!(r["errors"].is_null(), "{r}");
        let theirs = app
            .active_lab(
                other,
                &chair,
                &format!("theirs-{i}"),
                "INVITATION",
                "PUBLIC",
            )
            .await;
        app.ok(
            other,
            "mutation($l: ID!, $e: String!) { inviteToLab(labId: $l, email: $e) { id } }",
            json!({ "l": theirs, "e": me.email }),
        )
        .await;
    }

    app.gql(Some(&me.token), HOME, json!({})).await; // warm-up
    let before = statements(&app).await;
    let r = app.gql(Some(&me.token), HOME, json!({})).await;
    let after = statements(&app).await;
    assert!(r["errors"].is_null(), "{r}");
    (after - before, r["data"]["home"].clone())
}

#[tokio::test]
async fn the_home_costs_the_same_for_one_thing_to_do_as_for_many() {
    let (small, one) = cost(1).await;
    let (large, many) = cost(4).await;
    for (home, n) in [(&one, 1), (&many, 4)] {
        for list in ["proxiesToAnswer", "joinRequests", "labInvitations"] {
            assert_eq!(
                home[list].as_array().map(Vec::len),
                Some(n),
                "{list}: {home}"
            );
        }
        assert_eq!(home["myLabs"].as_array().map(Vec::len), Some(n), "{home}");
        assert_eq!(home["openMotions"].as_array().map(Vec::len), Some(2));
        // Each proxy names the assembly it is for, each motion its assembly.
        assert!(home["proxiesToAnswer"]
            .as_array()
            .expect("proxies")
            .iter()
            .all(|p| p["assemblyId"].as_str().is_some_and(|id| !id.is_empty())));
        assert_eq!(
            home["openMotions"][0]["motion"]["assemblyId"], home["nextAssembly"]["id"],
            "{home}"
        );
    }
    assert_eq!(
        small, large,
        "statements for one of each: {small}, for four of each: {large}"
    );
}
