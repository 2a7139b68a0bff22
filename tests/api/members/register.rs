//! The register of members: the board edits it and every change is audited; it is searched,
//! filtered and paginated, exported as CSV and as a printable page; leaving the platform keeps
//! the row with its leaving date.

use super::{board, members_query, names, ok, within_a_day_of_today, UPDATE};
use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use serde_json::{json, Value};

#[tokio::test]
async fn the_board_edits_the_register_and_every_change_is_audited() {
    let app = spawn_app().await;
    let (_admin, board) = board(&app).await;
    let jo = app.signup("Jo").await;
    let set = |input: Value| json!({ "id": jo.id, "input": input });
    let e = ok(
        &app,
        Some(&board),
        UPDATE,
        set(json!({ "address": " Rue Haute 1, 1000 Bruxelles ", "admittedOn": "2026-01-15", "note": "Admis par le CA du 10/01." })),
    )
    .await["updateRegisterEntry"]
        .clone();
    assert_eq!(e["address"], "Rue Haute 1, 1000 Bruxelles");
    assert_eq!(e["admittedOn"], "2026-01-15");
    assert_eq!(e["leftOn"], Value::Null);
    // Fields left out stay; an empty date clears it.
    let e = ok(
        &app,
        Some(&board),
        UPDATE,
        set(json!({ "leftOn": "2026-06-30" })),
    )
    .await["updateRegisterEntry"]
        .clone();
    assert_eq!(
        (
            e["address"].as_str(),
            e["admittedOn"].as_str(),
            e["leftOn"].as_str()
        ),
        (
            Some("Rue Haute 1, 1000 Bruxelles"),
            Some("2026-01-15"),
            Some("2026-06-30")
        )
    );
    let e = ok(&app, Some(&board), UPDATE, set(json!({ "leftOn": "" }))).await
        ["updateRegisterEntry"]
        .clone();
    assert_eq!(e["leftOn"], Value::Null);
    assert_eq!(e["note"], "Admis par le CA du 10/01.");

    let audited = app
        .count("audit_log WHERE action = 'member.register.update'")
        .await;
    assert_eq!(audited, 3);
    for (input, field, reason) in [
        (json!({ "leftOn": "2025-12-31" }), "leftOn", "INVALID"),
        (
            json!({ "admittedOn": "15/01/2026" }),
            "admittedOn",
            "INVALID",
        ),
        (json!({ "address": "x".repeat(501) }), "address", "TOO_LONG"),
        (json!({ "note": "x".repeat(2001) }), "note", "TOO_LONG"),
    ] {
        let r = app.gql(Some(&board.token), UPDATE, set(input)).await;
        assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
        assert_eq!(r["errors"][0]["extensions"]["field"], field, "{r}");
        assert_eq!(r["errors"][0]["extensions"]["reason"], reason, "{r}");
    }
    assert_eq!(
        app.count("audit_log WHERE action = 'member.register.update'")
            .await,
        audited,
        "a refused change is not recorded"
    );
    let at_limit = ok(
        &app,
        Some(&board),
        UPDATE,
        set(json!({ "address": "é".repeat(500) })),
    )
    .await;
    assert_eq!(
        at_limit["updateRegisterEntry"]["address"]
            .as_str()
            .map(|a| a.chars().count()),
        Some(500)
    );

    let unknown = app
        .gql(
            Some(&board.token),
            UPDATE,
            json!({ "id": uuid::Uuid::new_v4(), "input": { "note": "?" } }),
        )
        .await;
    assert_eq!(error_code(&unknown), Some("NOT_FOUND"), "{unknown}");
    let gone = app.signup("Gone").await;
    ok(
        &app,
        Some(&gone),
        "mutation($p: String!) { deleteMyAccount(password: $p) }",
        json!({ "p": constellation_tests::PASSWORD }),
    )
    .await;
    let deleted = app
        .gql(
            Some(&board.token),
            UPDATE,
            json!({ "id": gone.id, "input": { "note": "?" } }),
        )
        .await;
    assert_eq!(error_code(&deleted), Some("NOT_FOUND"), "{deleted}");

    // The log shows who changed what, before and after.
    let log = ok(
        &app,
        Some(&board),
        "query($t: String) { auditLog(first: 10, action: \"member.register\", targetId: $t) { edges { node { action targetType actor { id } diff } } } }",
        json!({ "t": jo.id }),
    )
    .await;
    let entries = log["auditLog"]["edges"].as_array().expect("edges");
    assert_eq!(entries.len(), 4, "{log}");
    let newest = &entries[0]["node"];
    assert_eq!(newest["targetType"], "user");
    assert_eq!(newest["actor"]["id"], board.id.as_str());
    let oldest = &entries[3]["node"];
    assert_eq!(oldest["diff"]["before"], Value::Null, "{oldest}");
    assert_eq!(oldest["diff"]["after"]["admittedOn"], "2026-01-15");
}

#[tokio::test]
async fn members_are_searched_filtered_and_paginated() {
    let app = spawn_app().await;
    let (admin, board) = board(&app).await;
    let mut people = Vec::new();
    for (i, kind) in [
        "ADHERENT",
        "EFFECTIVE",
        "ADHERENT",
        "SYMPATHIZER",
        "ADHERENT",
    ]
    .iter()
    .enumerate()
    {
        let u = app.signup(&format!("Member 0{i}")).await;
        app.set_roles(&admin, &u, json!({ "kind": kind })).await;
        people.push(u);
    }
    let q = members_query();
    let list = |f: Value| ok(&app, Some(&board), &q, json!({ "f": f, "first": 100 }));
    assert_eq!(
        names(&list(json!({ "search": "MEMBER 0" })).await),
        [
            "Member 00",
            "Member 01",
            "Member 02",
            "Member 03",
            "Member 04"
        ]
    );
    // By e-mail, in any case.
    let by_mail = people[2].email.to_uppercase();
    assert_eq!(
        names(&list(json!({ "search": by_mail })).await),
        ["Member 02"]
    );
    // `%` and `_` are letters, not wildcards.
    assert!(names(&list(json!({ "search": "%" })).await).is_empty());
    assert!(names(&list(json!({ "search": "Member_0" })).await).is_empty());
    assert_eq!(
        names(&list(json!({ "search": "member", "kind": "ADHERENT" })).await),
        ["Member 00", "Member 02", "Member 04"]
    );
    assert_eq!(
        names(&list(json!({ "board": true })).await),
        ["Admin", "Board"]
    );
    assert_eq!(names(&list(json!({ "admin": true })).await), ["Admin"]);
    assert_eq!(
        names(&list(json!({ "board": false, "kind": "EFFECTIVE" })).await),
        ["Member 01"]
    );

    // Pages of two, in order, nobody twice, nobody skipped.
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = ok(
            &app,
            Some(&board),
            &q,
            json!({ "f": { "search": "member" }, "first": 2, "after": after }),
        )
        .await;
        seen.extend(names(&page));
        let info = &page["members"]["pageInfo"];
        if info["hasNextPage"] != json!(true) {
            break;
        }
        after = info["endCursor"].as_str().map(str::to_owned);
    }
    assert_eq!(
        seen,
        [
            "Member 00",
            "Member 01",
            "Member 02",
            "Member 03",
            "Member 04"
        ]
    );
    let bad = app
        .gql(Some(&board.token), &q, json!({ "after": "not a cursor" }))
        .await;
    assert_eq!(error_code(&bad), Some("VALIDATION"));
    let too_many = app
        .gql(Some(&board.token), &q, json!({ "first": 101 }))
        .await;
    assert_eq!(error_code(&too_many), Some("VALIDATION"));

    // A member whose leaving date has passed is a former member: listed on request only.
    ok(
        &app,
        Some(&board),
        UPDATE,
        json!({ "id": people[1].id, "input": { "admittedOn": "2020-01-01", "leftOn": "2024-12-31" } }),
    )
    .await;
    ok(
        &app,
        Some(&board),
        UPDATE,
        json!({ "id": people[3].id, "input": { "leftOn": "2999-01-01" } }),
    )
    .await;
    let current = list(json!({ "search": "member" })).await;
    assert_eq!(
        names(&current),
        ["Member 00", "Member 02", "Member 03", "Member 04"]
    );
    let all = list(json!({ "search": "member", "includeLeft": true })).await;
    assert_eq!(names(&all).len(), 5);
    let node = &all["members"]["edges"][1]["node"];
    assert_eq!(
        (node["admittedOn"].as_str(), node["leftOn"].as_str()),
        (Some("2020-01-01"), Some("2024-12-31"))
    );
    assert_eq!(
        node["user"]["email"],
        people[1].email.as_str(),
        "the board sees addresses"
    );
}

async fn get(app: &TestApp, path: &str, who: Option<&TestUser>) -> reqwest::Response {
    let mut req = app.client.get(format!("{}{path}", app.url));
    if let Some(u) = who {
        req = req.bearer_auth(&u.token);
    }
    req.send().await.expect("request")
}

#[tokio::test]
async fn the_register_exports_as_csv_and_as_a_printable_page() {
    let app = spawn_app().await;
    let (admin, board) = board(&app).await;
    let jo = app.signup("Jo").await;
    app.set_roles(&admin, &jo, json!({ "kind": "EFFECTIVE" }))
        .await;
    let evil = app.signup("Evil").await;
    app.set_roles(&admin, &evil, json!({ "kind": "ADHERENT" }))
        .await;
    ok(
        &app,
        Some(&evil),
        "mutation { updateProfile(input: { displayName: \"=cmd|' /C calc'!A0 <script>\" }) { id } }",
        json!({}),
    )
    .await;
    let outsider = app.signup("Outsider").await;
    ok(
        &app,
        Some(&board),
        UPDATE,
        json!({ "id": jo.id, "input": { "address": "Rue Haute 1, 1000 Bruxelles", "admittedOn": "2026-01-15", "note": "@SUM(1+1)" } }),
    )
    .await;
    ok(
        &app,
        Some(&board),
        UPDATE,
        json!({ "id": evil.id, "input": { "address": "+32 <b>bold</b>", "admittedOn": "2026-02-01", "leftOn": "2026-03-01" } }),
    )
    .await;

    let csv = get(&app, "/export/members.csv", Some(&board)).await;
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(csv.headers()["cache-control"], "no-store");
    let text = csv.text().await.expect("text");
    assert!(
        text.starts_with("name,email,kind,board,admin,address,admitted_on,left_on,note\r\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "Jo,{},EFFECTIVE,false,false,\"Rue Haute 1, 1000 Bruxelles\",2026-01-15,,'@SUM(1+1)\r\n",
            jo.email
        )),
        "{text}"
    );
    // Cells a spreadsheet would run as formulas start with a quote.
    assert!(text.contains("'=cmd|' /C calc'!A0 <script>,"), "{text}");
    assert!(
        text.contains(",'+32 <b>bold</b>,2026-02-01,2026-03-01,"),
        "{text}"
    );
    for line in text.lines().skip(1) {
        assert!(!line.starts_with(['=', '+', '-', '@']), "{line}");
        assert!(
            !line.contains(",=") && !line.contains(",@") && !line.contains(",+"),
            "{line}"
        );
    }

    let page = get(&app, "/export/members.html", Some(&admin)).await;
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        csp.contains("style-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    let html = page.text().await.expect("html");
    assert!(
        html.contains("<title>Registre des membres</title>"),
        "{html}"
    );
    for column in ["Nom", "Adresse", "Qualité", "Admission", "Sortie"] {
        assert!(
            html.contains(&format!("<th scope=\"col\">{column}</th>")),
            "{html}"
        );
    }
    assert!(
        html.contains("<tr><td>Jo</td><td>Rue Haute 1, 1000 Bruxelles</td><td>Membre effectif</td><td>15/01/2026</td><td></td></tr>"),
        "{html}"
    );
    assert!(html.contains("<td>+32 &lt;b&gt;bold&lt;/b&gt;</td><td>Membre adhérent</td><td>01/02/2026</td><td>01/03/2026</td>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    // Nothing the page's policy would block, nothing that runs.
    assert!(
        !html.contains("<script") && !html.contains("<style") && !html.contains("style="),
        "{html}"
    );
    // A sympathiser never admitted is not in the legal register.
    assert!(!html.contains("Outsider"), "{html}");
    let _ = outsider;

    for path in ["/export/members.csv", "/export/members.html"] {
        assert_eq!(get(&app, path, None).await.status(), 401, "{path}");
        assert_eq!(get(&app, path, Some(&jo)).await.status(), 403, "{path}");
    }
}

#[tokio::test]
async fn leaving_the_platform_keeps_the_register_row_with_its_leaving_date() {
    let app = spawn_app().await;
    let (admin, board) = board(&app).await;
    let jo = app.signup("Jo").await;
    app.set_roles(&admin, &jo, json!({ "kind": "EFFECTIVE" }))
        .await;
    let invited_as = jo.email.clone();
    ok(
        &app,
        Some(&board),
        UPDATE,
        json!({ "id": jo.id, "input": { "address": "Rue Haute 1", "admittedOn": "2026-01-15", "note": "Trésorier." } }),
    )
    .await;
    // The member's own export holds their entry.
    let data = ok(&app, Some(&jo), "{ myData }", json!({})).await;
    assert_eq!(
        data["myData"]["memberRegister"],
        json!({ "address": "Rue Haute 1", "admittedOn": "2026-01-15", "leftOn": null, "note": "Trésorier." })
    );
    let other = app.signup("Other").await;
    let theirs = ok(&app, Some(&other), "{ myData }", json!({})).await;
    assert_eq!(theirs["myData"]["memberRegister"], Value::Null);

    ok(
        &app,
        Some(&jo),
        "mutation($p: String!) { deleteMyAccount(password: $p) }",
        json!({ "p": constellation_tests::PASSWORD }),
    )
    .await;
    let q = members_query();
    let current = ok(&app, Some(&board), &q, json!({})).await;
    assert!(!names(&current).contains(&"Jo".to_owned()));
    let all = ok(
        &app,
        Some(&board),
        &q,
        json!({ "f": { "includeLeft": true } }),
    )
    .await;
    let row = all["members"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| &e["node"])
        .find(|n| n["user"]["id"] == jo.id.as_str())
        .expect("the former member stays in the register")
        .clone();
    assert_eq!(row["user"]["isDeleted"], true);
    assert_eq!(row["user"]["displayName"], "");
    assert_eq!(
        (row["address"].as_str(), row["note"].as_str()),
        (Some(""), Some(""))
    );
    assert_eq!(row["admittedOn"], "2026-01-15");
    assert!(within_a_day_of_today(&row["leftOn"]), "{row}");
    let csv = get(&app, "/export/members.csv", Some(&board))
        .await
        .text()
        .await
        .expect("csv");
    assert!(
        !csv.contains(&invited_as) && !csv.contains("Rue Haute"),
        "{csv}"
    );
    assert!(csv.contains(",EFFECTIVE,false,false,,2026-01-15,"), "{csv}");
}
