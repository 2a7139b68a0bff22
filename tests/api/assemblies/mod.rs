//! General assemblies through the real server: convocation, agenda, proxies, check-in, open
//! and secret ballots, results under the law's majorities, minutes, the export and the demo
//! seed. Concurrency and the unlinkability of secret ballots, room counts, who may do what,
//! faults and the documents run in the files beside; encrypted ballots in `encrypted/`.

mod authz;
pub(crate) mod contract;
mod db_guards;
pub(crate) mod elections;
mod encrypted;
mod faults;
pub(crate) mod room_counts;
mod votes;
mod votes_burst;

use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use serde_json::{json, Value};
use std::collections::HashSet;

/// The admin (board) and `n` effective members.
async fn cast_of(app: &TestApp, n: usize) -> (TestUser, Vec<TestUser>) {
    let admin = app.signup("Chair").await;
    app.set_roles(&admin, &admin, json!({ "kind": "EFFECTIVE" }))
        .await;
    let members = app.effective_members(n, "Member").await;
    (admin, members)
}

fn motion<'a>(a: &'a Value, id: &str) -> &'a Value {
    a["motions"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["id"] == id))
        .expect("motion")
}

#[tokio::test]
async fn the_board_convenes_members_vote_in_person_and_by_proxy_and_the_law_decides() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 5).await;
    let (a, motions) = app.draft_assembly(&chair).await;
    let (open_motion, secret_motion) = (&motions[0], &motions[1]);

    // Convening freezes the statutory item (2), not the others.
    let r = app.assembly_step(&chair, "conveneAssembly", &a).await;
    assert_eq!(r["data"]["conveneAssembly"]["status"], "CONVENED", "{r}");
    let state = app.assembly_state(&chair, &a).await;
    assert_eq!(state["agenda"][1]["frozen"], true);
    assert_eq!(state["agenda"][0]["frozen"], false);
    let r = app
        .gql(
            Some(&chair.token),
            "mutation($i: ID!) { removeAgendaItem(itemId: $i) { id } }",
            json!({ "i": state["agenda"][1]["id"] }),
        )
        .await;
    assert_eq!(error_code(&r), Some("AGENDA_FROZEN"));

    // Proxies: m1 → m0 accepted; m2 → m0 refused beyond the cap of 1; m3 → m4 then revoked.
    app.proxy(&m[1], &m[0], &a).await;
    app.ok(
        &m[2],
        "mutation($a: ID!, $h: String!) { giveProxy(assemblyId: $a, holderEmail: $h) { id } }",
        json!({ "a": a, "h": m[0].email }),
    )
    .await;
    let pending = app.assembly_state(&m[0], &a).await["viewer"]["proxiesHeld"]
        .as_array()
        .and_then(|h| h.iter().find(|p| p["status"] == "PENDING").cloned())
        .expect("pending");
    let r = app
        .gql(
            Some(&m[0].token),
            "mutation($p: ID!) { answerProxy(proxyId: $p, accept: true) { id } }",
            json!({ "p": pending["id"] }),
        )
        .await;
    assert_eq!(error_code(&r), Some("PROXY_CAP_REACHED"), "{r}");
    app.proxy(&m[3], &m[4], &a).await;
    app.ok(
        &m[3],
        "mutation($a: ID!) { revokeProxy(assemblyId: $a) { id } }",
        json!({ "a": a }),
    )
    .await;

    // Session: the chair checks in m0 and himself; m4 checks in alone; m3 later reclaims nothing.
    assert!(app.assembly_step(&chair, "openSession", &a).await["errors"].is_null());
    for (who, target) in [
        (&chair, Some(m[0].id.as_str())),
        (&chair, None),
        (&m[4], None),
    ] {
        let r = app.check_in(who, &a, target).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let state = app.assembly_state(&chair, &a).await;
    assert_eq!(
        (state["present"].as_i64(), state["represented"].as_i64()),
        (Some(3), Some(1))
    );

    // Voting waits for the chair.
    assert_eq!(
        error_code(&app.cast(&m[0], open_motion, &m[0].id, "YES").await),
        Some("VOTING_CLOSED")
    );
    assert!(app.voting(&chair, "openVoting", open_motion).await["errors"].is_null());
    // m0 votes twice: own and for m1. Not a third time, not for m2 (no proxy), not twice.
    let rights = motion(&app.assembly_state(&m[0], &a).await, open_motion)["myRights"].clone();
    assert_eq!(rights.as_array().map(Vec::len), Some(2), "{rights}");
    assert!(app.cast(&m[0], open_motion, &m[0].id, "YES").await["errors"].is_null());
    assert!(app.cast(&m[0], open_motion, &m[1].id, "YES").await["errors"].is_null());
    assert_eq!(
        error_code(&app.cast(&m[0], open_motion, &m[1].id, "NO").await),
        Some("ALREADY_VOTED")
    );
    assert_eq!(
        error_code(&app.cast(&m[0], open_motion, &m[2].id, "NO").await),
        Some("NOT_ELIGIBLE")
    );
    // Absent m2 cannot vote; m4 abstains; the chair votes no.
    assert_eq!(
        error_code(&app.cast(&m[2], open_motion, &m[2].id, "NO").await),
        Some("NOT_ELIGIBLE")
    );
    assert!(app.cast(&m[4], open_motion, &m[4].id, "ABSTAIN").await["errors"].is_null());
    assert!(app.cast(&chair, open_motion, &chair.id, "NO").await["errors"].is_null());
    // Open tallies are live.
    let live = motion(&app.assembly_state(&m[4], &a).await, open_motion).clone();
    assert_eq!(
        live["tally"],
        json!({ "yes": 2, "no": 1, "abstain": 1 }),
        "{live}"
    );
    assert!(app.voting(&chair, "closeVoting", open_motion).await["errors"].is_null());
    assert_eq!(
        error_code(&app.cast(&chair, open_motion, &chair.id, "NO").await),
        Some("VOTING_CLOSED")
    );
    let closed = motion(&app.assembly_state(&m[4], &a).await, open_motion).clone();
    assert_eq!(closed["result"]["passed"], true, "{closed}");
    assert_eq!(closed["result"]["verdict"], "PASSED");

    // The secret motion on the statutes: 2/3 quorum of 6 members = 4, present or represented
    // = 4; 2 yes and 1 no of 3 cast (the abstention is not counted) → 2/3 reached.
    assert!(app.voting(&chair, "openVoting", secret_motion).await["errors"].is_null());
    let mut receipts = Vec::new();
    for (who, whom, c) in [
        (&m[0], &m[0], "YES"),
        (&m[0], &m[1], "YES"),
        (&m[4], &m[4], "NO"),
        (&chair, &chair, "ABSTAIN"),
    ] {
        let r = app.cast(who, secret_motion, &whom.id, c).await;
        receipts.push(
            r["data"]["castVote"]["receipt"]
                .as_str()
                .unwrap_or_else(|| panic!("{r}"))
                .to_owned(),
        );
    }
    let during = motion(&app.assembly_state(&m[0], &a).await, secret_motion).clone();
    assert!(
        during["tally"].is_null(),
        "secret counts hidden while voting: {during}"
    );
    assert_eq!(during["turnout"], 4);
    assert!(app.voting(&chair, "closeVoting", secret_motion).await["errors"].is_null());
    let done = motion(&app.assembly_state(&m[0], &a).await, secret_motion).clone();
    assert_eq!(done["tally"], json!({ "yes": 2, "no": 1, "abstain": 1 }));
    assert_eq!(done["result"]["passed"], true, "{done}");
    assert_eq!(done["result"]["presentOrRepresented"], 4);
    let published: HashSet<String> = done["receipts"]
        .as_array()
        .expect("receipts")
        .iter()
        .map(|r| r.as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(published, receipts.into_iter().collect::<HashSet<_>>());
    let explanation = done["result"]["explanation"].as_str().unwrap_or_default();
    assert!(
        explanation.contains("deux tiers") || explanation.contains("two thirds"),
        "{explanation}"
    );

    // Minutes, once closed, in the assembly's language.
    assert_eq!(
        app.get_text(&format!("/export/assemblies/{a}/minutes.md"))
            .await
            .0,
        401
    );
    assert!(app.assembly_step(&chair, "closeSession", &a).await["errors"].is_null());
    for ext in ["md", "html"] {
        let r = app
            .client
            .get(format!("{}/export/assemblies/{a}/minutes.{ext}", app.url))
            .bearer_auth(&m[2].token)
            .send()
            .await
            .expect("minutes");
        assert_eq!(r.status(), 200);
        let body = r.text().await.expect("body");
        assert!(
            body.contains("Présences")
                && body.contains("ADOPTÉE")
                && body.contains("Member 001 → Member 000"),
            "{body}"
        );
        if ext == "html" {
            assert!(body.starts_with("<!doctype html>") && body.contains("<html lang=\"fr\">"));
        }
    }
}

#[tokio::test]
async fn convocation_delays_and_the_second_convocation_follow_the_law() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 3).await;
    let soon = (chrono::Utc::now() + chrono::Duration::days(10)).to_rfc3339();
    let create = |at: String, first: Option<String>| json!({ "i": { "kind": "ORDINARY", "title": "AG", "startsAt": at, "place": "Online", "language": "EN", "firstConvocationId": first } });
    let q = "mutation($i: AssemblyInput!) { createAssembly(input: $i) { id } }";
    let a = app.ok(&chair, q, create(soon, None)).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    assert_eq!(
        error_code(&app.assembly_step(&chair, "conveneAssembly", &a).await),
        Some("CONVOCATION_TOO_LATE")
    );
    // A second convocation must come at least 15 days after the first.
    let r = app
        .gql(
            Some(&chair.token),
            q,
            create(
                (chrono::Utc::now() + chrono::Duration::days(20)).to_rfc3339(),
                Some(a.clone()),
            ),
        )
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    assert_eq!(r["errors"][0]["extensions"]["field"], "startsAt");
    let second = app
        .ok(
            &chair,
            q,
            create(
                (chrono::Utc::now() + chrono::Duration::days(30)).to_rfc3339(),
                Some(a.clone()),
            ),
        )
        .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    // At the second convocation, 2 present of 4 members still decide on the statutes.
    let item = app.ok(&chair, "mutation($a: ID!, $i: AgendaItemInput!) { addAgendaItem(assemblyId: $a, input: $i) { agenda { id } } }",
        json!({ "a": second, "i": { "number": "1", "title": "Statutes", "body": "", "documents": [], "statutory": true } })).await["agenda"][0]["id"].clone();
    let mo = app.ok(&chair, "mutation($i: ID!, $m: MotionInput!) { addMotion(itemId: $i, input: $m) { motions { id } } }",
        json!({ "i": item, "m": { "text": "Change art. 3", "rule": "STATUTES", "ballot": "OPEN" } })).await["motions"][0]["id"].as_str().expect("motion").to_owned();
    app.assembly_step(&chair, "conveneAssembly", &second).await;
    app.assembly_step(&chair, "openSession", &second).await;
    app.check_in(&chair, &second, None).await;
    app.check_in(&m[0], &second, None).await;
    app.voting(&chair, "openVoting", &mo).await;
    app.cast(&chair, &mo, &chair.id, "YES").await;
    app.cast(&m[0], &mo, &m[0].id, "YES").await;
    app.voting(&chair, "closeVoting", &mo).await;
    let r = motion(&app.assembly_state(&chair, &second).await, &mo).clone();
    assert_eq!(r["result"]["passed"], true, "{r}");
    assert!(
        r["result"]["explanation"]
            .as_str()
            .unwrap_or_default()
            .contains("levé"),
        "{r}"
    );
    // Bad dates and numbers change nothing.
    let before = app.count("agenda_items").await;
    for n in ["", "2..1", "x", "1.2.3.4.5"] {
        let r = app.gql(Some(&chair.token), "mutation($a: ID!, $i: AgendaItemInput!) { addAgendaItem(assemblyId: $a, input: $i) { id } }",
            json!({ "a": a, "i": { "number": n, "title": "T", "body": "", "documents": [], "statutory": false } })).await;
        assert_eq!(error_code(&r), Some("VALIDATION"), "{n}: {r}");
    }
    assert_eq!(app.count("agenda_items").await, before);
    let r = app
        .gql(Some(&chair.token), q, create("tomorrow".into(), None))
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"));
}

#[tokio::test]
async fn a_principal_who_checks_in_takes_the_vote_back() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 2).await;
    let (a, motions) = app.draft_assembly(&chair).await;
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    app.proxy(&m[1], &m[0], &a).await;
    app.assembly_step(&chair, "openSession", &a).await;
    // Revoking is over once the session is open.
    let r = app
        .gql(
            Some(&m[1].token),
            "mutation($a: ID!) { revokeProxy(assemblyId: $a) { id } }",
            json!({ "a": a }),
        )
        .await;
    assert_eq!(error_code(&r), Some("INVALID_TRANSITION"));
    app.check_in(&m[0], &a, None).await;
    app.check_in(&m[1], &a, None).await;
    let held = app.assembly_state(&m[0], &a).await["viewer"]["proxiesHeld"][0]["status"].clone();
    assert_eq!(held, "RECLAIMED");
    app.voting(&chair, "openVoting", &motions[0]).await;
    assert_eq!(
        error_code(&app.cast(&m[0], &motions[0], &m[1].id, "YES").await),
        Some("NOT_ELIGIBLE")
    );
    assert!(app.cast(&m[1], &motions[0], &m[1].id, "NO").await["errors"].is_null());
}

#[tokio::test]
async fn the_export_lists_attendance_proxies_and_open_votes_but_never_a_secret_choice() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 2).await;
    let (a, motions) = app.draft_assembly(&chair).await;
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    app.proxy(&m[1], &m[0], &a).await;
    app.assembly_step(&chair, "openSession", &a).await;
    app.check_in(&m[0], &a, None).await;
    for mo in &motions {
        app.voting(&chair, "openVoting", mo).await;
        app.cast(&m[0], mo, &m[0].id, "NO").await;
        app.cast(&m[0], mo, &m[1].id, "NO").await;
    }
    let body: Value = app
        .client
        .get(format!("{}/export/me?format=json", app.url))
        .bearer_auth(&m[0].token)
        .send()
        .await
        .expect("export")
        .json()
        .await
        .expect("json");
    let g = &body["assemblies"];
    assert_eq!(g["attendance"].as_array().map(Vec::len), Some(1), "{g}");
    assert_eq!(g["proxies"][0]["role"], "HELD");
    assert_eq!(g["openVotes"].as_array().map(Vec::len), Some(2));
    assert!(g["openVotes"]
        .as_array()
        .expect("votes")
        .iter()
        .all(|v| v["choice"] == "NO"));
    let secret = g["secretBallotParticipation"]
        .as_array()
        .expect("participation");
    assert_eq!(secret.len(), 2);
    assert!(secret.iter().all(|p| p.get("choice").is_none()), "{g}");
    assert!(!g["secretBallotParticipation"].to_string().contains("NO"));
}

#[tokio::test]
async fn seed_demo_adds_the_notes_extraordinary_assembly() {
    let app = spawn_app().await;
    constellation_backend::domain::flows::seed::seed_demo(&app.state.env)
        .await
        .expect("seed");
    let chair = app.effective_members(1, "Reader").await.remove(0);
    let list = app
        .gql(
            Some(&chair.token),
            "{ assemblies { edges { node { id kind status } } } }",
            json!({}),
        )
        .await;
    let node = &list["data"]["assemblies"]["edges"][0]["node"];
    assert_eq!(node["kind"], "EXTRAORDINARY", "{list}");
    let a = app
        .assembly_state(&chair, node["id"].as_str().expect("id"))
        .await;
    let numbers: Vec<&str> = a["agenda"]
        .as_array()
        .expect("agenda")
        .iter()
        .map(|i| i["number"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(numbers, ["2", "2.1", "3", "3.a", "3.b", "4", "5.a"]);
    assert_eq!(a["motions"].as_array().map(Vec::len), Some(1));
    assert_eq!(a["agenda"][1]["statutory"], true);
}
