//! Common resources: pools, requests, decisions, releases, ledger, transparency — and no
//! over-allocation, ever.

mod authz;
pub(crate) mod contract;
mod prop;

use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use serde_json::json;

struct World {
    admin: TestUser,
    board: TestUser,
    coordinator: TestUser,
    member: TestUser,
    sympathiser: TestUser,
    lab: String,
}

async fn world(app: &TestApp) -> World {
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    let coordinator = app.signup("Coordinator").await;
    let member = app.signup("Member").await;
    let sympathiser = app.signup("Sympathiser").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    app.set_roles(&admin, &coordinator, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&admin, &member, json!({ "kind": "ADHERENT" }))
        .await;
    let lab = app
        .active_lab(&coordinator, &admin, "server-lab", "OPEN", "PUBLIC")
        .await;
    World {
        admin,
        board,
        coordinator,
        member,
        sympathiser,
        lab,
    }
}

#[tokio::test]
async fn the_board_creates_pools_and_bad_pools_change_nothing() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let q = "mutation($i: PoolInput!) { createPool(input: $i) { id name unit scale periods { label capacity granted remaining } } }";
    let good = json!({ "name": "Budget", "kind": "MONEY", "unit": "EUR", "scale": 2, "description": "Yearly budget",
        "period": { "label": "2027", "startsOn": "2027-01-01", "endsOn": "2027-12-31", "capacity": "5000" } });
    for (patch, field) in [
        (json!({ "scale": 5 }), "scale"),
        (json!({ "name": " " }), "name"),
        (
            json!({ "period": { "label": "2027", "startsOn": "2027-01-01", "endsOn": "2027-12-31", "capacity": "50.001" } }),
            "capacity",
        ),
        (
            json!({ "period": { "label": "2027", "startsOn": "2027-01-01", "endsOn": "2027-12-31", "capacity": "-1" } }),
            "capacity",
        ),
        (
            json!({ "period": { "label": "2027", "startsOn": "2027-06-01", "endsOn": "2027-01-01", "capacity": "1" } }),
            "endsOn",
        ),
    ] {
        let mut input = good.clone();
        for (k, v) in patch.as_object().expect("object") {
            input[k] = v.clone();
        }
        let r = app
            .gql(Some(&w.board.token), q, json!({ "i": input }))
            .await;
        assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
        assert_eq!(r["errors"][0]["extensions"]["field"], field, "{r}");
    }
    assert_eq!(
        error_code(
            &app.gql(Some(&w.coordinator.token), q, json!({ "i": good }))
                .await
        ),
        Some("FORBIDDEN")
    );
    assert_eq!(app.count("resource_pools").await, 0);
    let p = app.ok(&w.board, q, json!({ "i": good })).await;
    assert_eq!(
        p["periods"][0],
        json!({ "label": "2027", "capacity": "5000.00", "granted": "0.00", "remaining": "5000.00" })
    );
    assert_eq!(
        error_code(&app.gql(Some(&w.board.token), q, json!({ "i": good })).await),
        Some("VALIDATION"),
        "duplicate name"
    );
}

#[tokio::test]
async fn a_lab_asks_the_board_grants_part_with_a_reason_and_the_lab_releases_some() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (_pool, period) = app.pool(&w.board, "Server capacity", "vCPU", 0, "16").await;
    // Only coordinators ask; amounts follow the pool's scale; asking beyond what remains is allowed.
    assert_eq!(
        error_code(&app.file_request(&w.member, &w.lab, &period, "4").await),
        Some("FORBIDDEN")
    );
    let r = app
        .file_request(&w.coordinator, &w.lab, &period, "2.5")
        .await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "amount", "{r}");
    let big = app
        .file_request(&w.coordinator, &w.lab, &period, "20")
        .await;
    assert_eq!(
        big["data"]["fileResourceRequest"]["status"], "PENDING",
        "{big}"
    );
    let req = app.file_request(&w.coordinator, &w.lab, &period, "8").await["data"]
        ["fileResourceRequest"]["id"]
        .as_str()
        .expect("id")
        .to_owned();

    // A reason is required; the coordinator may not decide; a board member who coordinates neither.
    let r = app
        .decide(&w.board, &req, "APPROVE_PARTIAL", Some("6"), "  ")
        .await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "reason", "{r}");
    assert_eq!(
        error_code(
            &app.decide(&w.coordinator, &req, "APPROVE", None, "ok")
                .await
        ),
        Some("FORBIDDEN")
    );
    app.set_roles(&w.admin, &w.coordinator, json!({ "board": true }))
        .await;
    assert_eq!(
        error_code(
            &app.decide(&w.coordinator, &req, "APPROVE", None, "ok")
                .await
        ),
        Some("CONFLICT_OF_INTEREST")
    );
    let r = app
        .decide(
            &w.board,
            &req,
            "APPROVE_PARTIAL",
            Some("9"),
            "More than asked",
        )
        .await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "amount", "{r}");
    let r = app
        .decide(
            &w.board,
            &req,
            "APPROVE_PARTIAL",
            Some("6"),
            "Six is what we can spare this year.",
        )
        .await;
    let d = &r["data"]["decideResourceRequest"];
    assert_eq!(d["status"], "PARTIALLY_APPROVED", "{r}");
    assert_eq!(d["grantedAmount"], "6");
    assert_eq!(d["period"], json!({ "granted": "6", "remaining": "10" }));
    assert_eq!(
        error_code(&app.decide(&w.board, &req, "REJECT", None, "again").await),
        Some("INVALID_TRANSITION")
    );

    // The capacity cannot go below what is granted; it can be raised.
    let cap = "mutation($p: ID!, $c: String!) { setPeriodCapacity(periodId: $p, capacity: $c) { periods { capacity } } }";
    assert_eq!(
        error_code(
            &app.gql(Some(&w.board.token), cap, json!({ "p": period, "c": "5" }))
                .await
        ),
        Some("CAPACITY_BELOW_GRANTED")
    );
    assert_eq!(
        app.ok(&w.board, cap, json!({ "p": period, "c": "6" }))
            .await["periods"][0]["capacity"],
        "6"
    );
    // Full now: the big request cannot be granted, and nothing changes.
    let big_id = big["data"]["fileResourceRequest"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    assert_eq!(
        error_code(
            &app.decide(&w.board, &big_id, "APPROVE_PARTIAL", Some("1"), "one more")
                .await
        ),
        Some("INSUFFICIENT_CAPACITY")
    );
    let pools = app.period_state(&w.board).await;
    assert_eq!(pools["edges"][0]["node"]["periods"][0]["granted"], "6");
    let still = app.gql(Some(&w.board.token), "query($l: ID) { resourceRequests(labId: $l, status: PENDING) { edges { node { id } } } }", json!({ "l": w.lab })).await;
    assert_eq!(
        still["data"]["resourceRequests"]["edges"][0]["node"]["id"],
        big_id.as_str()
    );
    app.ok(&w.board, cap, json!({ "p": period, "c": "16" }))
        .await;

    // The Lab gives 2 back.
    let rel = "mutation($r: ID!, $a: String!, $n: String!) { releaseResources(requestId: $r, amount: $a, note: $n) { grantedAmount releasedAmount period { granted } } }";
    assert_eq!(
        error_code(
            &app.gql(
                Some(&w.member.token),
                rel,
                json!({ "r": req, "a": "2", "n": "unused" })
            )
            .await
        ),
        Some("FORBIDDEN")
    );
    let r = app
        .gql(
            Some(&w.coordinator.token),
            rel,
            json!({ "r": req, "a": "7", "n": "too much" }),
        )
        .await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "amount", "{r}");
    let r = app
        .ok(
            &w.coordinator,
            rel,
            json!({ "r": req, "a": "2", "n": "Two vCPU unused." }),
        )
        .await;
    assert_eq!(
        r,
        json!({ "grantedAmount": "6", "releasedAmount": "2", "period": { "granted": "4" } })
    );

    // Transparency: every member sees the ledger with the board's reasons and the totals.
    let ledger = app.gql(Some(&w.member.token), "{ ledger { edges { node { kind amount reason lab { slug } } } } allocationTotals { lab { slug } granted pool { unit } } }", json!({})).await;
    assert_eq!(
        ledger["data"]["ledger"]["edges"][0]["node"],
        json!({ "kind": "RELEASE", "amount": "2", "reason": "Two vCPU unused.", "lab": { "slug": "server-lab" } }),
        "{ledger}"
    );
    assert_eq!(
        ledger["data"]["ledger"]["edges"][1]["node"]["reason"],
        "Six is what we can spare this year."
    );
    assert_eq!(
        ledger["data"]["allocationTotals"],
        json!([{ "lab": { "slug": "server-lab" }, "granted": "4", "pool": { "unit": "vCPU" } }])
    );
    assert_eq!(
        error_code(
            &app.gql(
                Some(&w.sympathiser.token),
                "{ ledger { edges { node { id } } } }",
                json!({})
            )
            .await
        ),
        Some("FORBIDDEN")
    );
    let csv = app
        .client
        .get(format!("{}/export/ledger.csv", app.url))
        .bearer_auth(&w.member.token)
        .send()
        .await
        .expect("csv");
    assert_eq!(csv.status(), 200);
    let text = csv.text().await.expect("text");
    assert!(
        text.starts_with("id,at,lab,lab_name,pool,period,kind,amount,unit,reason,actor\r\n"),
        "{text}"
    );
    assert!(
        text.contains("GRANT,6,vCPU,Six is what we can spare this year.,Board"),
        "{text}"
    );
    assert!(
        text.contains("RELEASE,2,vCPU,Two vCPU unused.,Coordinator"),
        "{text}"
    );
    let anon = app
        .client
        .get(format!("{}/export/ledger.csv", app.url))
        .send()
        .await
        .expect("csv");
    assert_eq!(anon.status(), 401);
}

#[tokio::test]
async fn pending_requests_are_edited_or_withdrawn_and_decided_ones_are_not() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (_p, period) = app.pool(&w.board, "Budget", "EUR", 2, "5000").await;
    let id = app
        .file_request(&w.coordinator, &w.lab, &period, "100")
        .await["data"]["fileResourceRequest"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let edit = "mutation($r: ID!, $a: String!) { editResourceRequest(requestId: $r, amount: $a, justification: \"Better reasons\") { amount justification } }";
    assert_eq!(
        app.ok(&w.coordinator, edit, json!({ "r": id, "a": "120,50" }))
            .await["amount"],
        "120.50"
    );
    let withdraw = "mutation($r: ID!) { withdrawResourceRequest(requestId: $r) { status } }";
    assert_eq!(
        error_code(
            &app.gql(Some(&w.member.token), withdraw, json!({ "r": id }))
                .await
        ),
        Some("FORBIDDEN")
    );
    assert_eq!(
        app.ok(&w.coordinator, withdraw, json!({ "r": id })).await["status"],
        "WITHDRAWN"
    );
    assert_eq!(
        error_code(
            &app.gql(
                Some(&w.coordinator.token),
                edit,
                json!({ "r": id, "a": "1" })
            )
            .await
        ),
        Some("INVALID_TRANSITION")
    );
    assert_eq!(
        error_code(&app.decide(&w.board, &id, "APPROVE", None, "ok").await),
        Some("INVALID_TRANSITION")
    );
    // Projects must belong to the Lab and be accepted.
    let project = app
        .propose_project(&w.coordinator, &w.lab, "Not yet accepted")
        .await["data"]["proposeProject"]["id"]
        .as_str()
        .expect("p")
        .to_owned();
    let r = app.gql(Some(&w.coordinator.token), "mutation($i: RequestInput!) { fileResourceRequest(input: $i) { id } }",
        json!({ "i": { "labId": w.lab, "projectId": project, "periodId": period, "amount": "10", "justification": "For the project" } })).await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "projectId", "{r}");
}

#[tokio::test]
async fn fifty_simultaneous_approvals_never_exceed_the_capacity() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (_p, period) = app.pool(&w.board, "Room hours", "h", 0, "10").await;
    let mut ids = vec![];
    for _ in 0..50 {
        ids.push(
            app.file_request(&w.coordinator, &w.lab, &period, "1").await["data"]
                ["fileResourceRequest"]["id"]
                .as_str()
                .expect("id")
                .to_owned(),
        );
    }
    let deciders = [&w.board, &w.admin];
    let attempts = ids.iter().enumerate().map(|(i, id)| {
        let app = &app;
        let who = deciders[i % 2];
        async move {
            app.decide(who, id, "APPROVE", None, "First come, first served")
                .await
        }
    });
    let results = futures_util::future::join_all(attempts).await;
    let granted = results.iter().filter(|r| r["errors"].is_null()).count();
    assert_eq!(granted, 10, "exactly the capacity is granted");
    for r in results.iter().filter(|r| !r["errors"].is_null()) {
        assert_eq!(error_code(r), Some("INSUFFICIENT_CAPACITY"), "{r}");
    }
    let pools = app.period_state(&w.board).await;
    assert_eq!(pools["edges"][0]["node"]["periods"][0]["granted"], "10");
    assert_eq!(app.count("ledger_entries").await, 10);
    let pending = app
        .gql(
            Some(&w.board.token),
            "{ resourceRequests(status: PENDING, first: 100) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        pending["data"]["resourceRequests"]["edges"]
            .as_array()
            .map(Vec::len),
        Some(40)
    );
}

#[tokio::test]
async fn the_requesters_export_lists_their_requests_in_the_pools_unit() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (_p, period) = app.pool(&w.board, "Budget", "EUR", 2, "5000").await;
    let id = app
        .file_request(&w.coordinator, &w.lab, &period, "120.5")
        .await["data"]["fileResourceRequest"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    app.decide(
        &w.board,
        &id,
        "APPROVE_PARTIAL",
        Some("100"),
        "Within budget",
    )
    .await;
    let r = app
        .gql(Some(&w.coordinator.token), "{ myData }", json!({}))
        .await;
    let req = &r["data"]["myData"]["resourceRequests"][0];
    assert_eq!(req["amount"], "120.50 EUR", "{r}");
    assert_eq!(req["granted"], "100.00 EUR");
    assert_eq!(req["decisionReason"], "Within budget");
    assert_eq!(req["pool"], "Budget 2027");
}

#[tokio::test]
async fn archiving_a_lab_withdraws_its_pending_requests() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (_p, period) = app.pool(&w.board, "Budget", "EUR", 2, "100").await;
    let id = app
        .file_request(&w.coordinator, &w.lab, &period, "10")
        .await["data"]["fileResourceRequest"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    app.ok(
        &w.board,
        "mutation($l: ID!) { archiveLab(labId: $l, reason: \"Done\") { id } }",
        json!({ "l": w.lab }),
    )
    .await;
    assert_eq!(
        error_code(&app.decide(&w.board, &id, "APPROVE", None, "late").await),
        Some("INVALID_TRANSITION")
    );
    let r = app
        .gql(
            Some(&w.board.token),
            "query($l: ID) { resourceRequests(labId: $l) { edges { node { status } } } }",
            json!({ "l": w.lab }),
        )
        .await;
    assert_eq!(
        r["data"]["resourceRequests"]["edges"][0]["node"]["status"], "WITHDRAWN",
        "{r}"
    );
}
