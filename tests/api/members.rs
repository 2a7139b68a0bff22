//! The register of members, invitations and the audit log's filters: the board keeps the
//! register (edited, audited, searched, exported), invites people one by one or from a roster
//! (all or nothing), and the invitee's link works once.

use constellation_backend::entities::{mail_token, outbox_mail};
use constellation_shared::queries::members as m;
use constellation_tests::{error_code, spawn_app, spawn_app_with, unique_email, TestApp, TestUser};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

pub(crate) const MEMBER: &str =
    "user { id email displayName membershipKind isBoard isAdmin isDeleted } address admittedOn leftOn note";
const UPDATE: &str = "mutation($id: ID!, $input: RegisterEntryInput!) { updateRegisterEntry(userId: $id, input: $input) { user { id } address admittedOn leftOn note } }";
const INVITE: &str = "mutation($list: [InviteInput!]!) { inviteMembers(invitations: $list) { invited problems { line email code field reason } } }";
const IMPORT: &str = "mutation($csv: String!) { importMembers(csv: $csv) { invited problems { line email code field reason } } }";
const INFO: &str =
    "query($t: String!) { invitation(token: $t) { email displayName membershipKind expiresAt } }";
const ACCEPT: &str = "mutation($t: String!, $p: String!, $n: String) { acceptInvitation(token: $t, password: $p, displayName: $n) { token user { id email membershipKind } } }";
const NEW_PASSWORD: &str = "a long enough passphrase";

fn members_query() -> String {
    format!("query($f: MemberFilter, $first: Int, $after: String) {{ members(filter: $f, first: $first, after: $after) {{ edges {{ cursor node {{ {MEMBER} }} }} pageInfo {{ hasNextPage endCursor }} }} }}")
}

/// `data`, asserting there was no error.
pub(crate) async fn ok(app: &TestApp, who: Option<&TestUser>, doc: &str, vars: Value) -> Value {
    let r = app.gql(who.map(|u| u.token.as_str()), doc, vars).await;
    assert!(r["errors"].is_null(), "{doc}: {r}");
    r["data"].clone()
}

/// The first account (admin), a board member who is not an admin, and a sympathiser.
pub(crate) async fn board(app: &TestApp) -> (TestUser, TestUser) {
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    (admin, board)
}

/// The token in the newest invitation mailed to `email` (the link holds `token=`).
pub(crate) async fn invitation_token(app: &TestApp, email: &str) -> String {
    let mail = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::ToAddress.eq(email))
        .filter(outbox_mail::Column::Kind.eq("INVITE"))
        .order_by_desc(outbox_mail::Column::CreatedAt)
        .one(&app.db)
        .await
        .expect("query")
        .unwrap_or_else(|| panic!("no invitation mailed to {email}"));
    let at = mail
        .text_body
        .find("token=")
        .expect("a link with the token")
        + "token=".len();
    mail.text_body[at..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect()
}

fn names(data: &Value) -> Vec<String> {
    data["members"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            e["node"]["user"]["displayName"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

fn within_a_day_of_today(day: &Value) -> bool {
    let Some(d) = day
        .as_str()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return false;
    };
    (d - chrono::Utc::now().date_naive()).num_days().abs() <= 1
}

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
async fn an_invitation_is_accepted_once_and_signs_the_member_in() {
    let app = spawn_app().await;
    let (_admin, board) = board(&app).await;
    let email = unique_email("nora");
    let r = ok(
        &app,
        Some(&board),
        INVITE,
        json!({ "list": [{ "email": format!("  {email} "), "displayName": "Nora", "kind": "EFFECTIVE" }] }),
    )
    .await;
    assert_eq!(r["inviteMembers"], json!({ "invited": 1, "problems": [] }));
    let mail = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::ToAddress.eq(email.as_str()))
        .one(&app.db)
        .await
        .expect("query")
        .expect("a mail");
    assert_eq!(
        (mail.kind.as_str(), mail.language.as_str()),
        ("INVITE", "fr")
    );
    let fr = mail.text_body.find("Bonjour Nora,").expect("French first");
    let en = mail.text_body.find("Hello Nora,").expect("English below");
    assert!(fr < en);
    assert!(mail.html_body.contains("/invitation?token="));
    assert_eq!(mail.unsubscribe, None);
    let token = invitation_token(&app, &email).await;
    assert_eq!(token.len(), 32, "128 random bits");
    let stored = mail_token::Entity::find()
        .filter(mail_token::Column::Email.eq(email.as_str()))
        .one(&app.db)
        .await
        .expect("query")
        .expect("a token row");
    assert_ne!(stored.token_hash, token, "only the hash is stored");

    // Reading the invitation does not use it.
    for _ in 0..2 {
        let info = ok(&app, None, INFO, json!({ "t": token })).await;
        assert_eq!(info["invitation"]["email"], email.as_str());
        assert_eq!(info["invitation"]["displayName"], "Nora");
        assert_eq!(info["invitation"]["membershipKind"], "EFFECTIVE");
    }
    let weak = app
        .gql(None, ACCEPT, json!({ "t": token, "p": "short" }))
        .await;
    assert_eq!(error_code(&weak), Some("VALIDATION"));
    assert_eq!(weak["errors"][0]["extensions"]["field"], "password");
    let s = ok(
        &app,
        None,
        ACCEPT,
        json!({ "t": token, "p": NEW_PASSWORD, "n": "Nora N." }),
    )
    .await;
    let session = &s["acceptInvitation"];
    assert_eq!(session["user"]["membershipKind"], "EFFECTIVE");
    assert_eq!(session["user"]["email"], email.as_str());
    let me = ok(
        &app,
        Some(&TestUser {
            id: String::new(),
            email: email.clone(),
            token: session["token"].as_str().expect("token").to_owned(),
        }),
        "{ me { displayName membershipKind isBoard isAdmin } }",
        json!({}),
    )
    .await;
    assert_eq!(
        me["me"],
        json!({ "displayName": "Nora N.", "membershipKind": "EFFECTIVE", "isBoard": false, "isAdmin": false })
    );
    assert!(app.login(&email, NEW_PASSWORD).await["errors"].is_null());
    assert_eq!(
        app.count("users WHERE email_verified_at IS NOT NULL").await,
        1,
        "the invited address is verified"
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'account.accept_invitation'")
            .await,
        1
    );
    // The new member is in the register, admitted today.
    let q = members_query();
    let reg = ok(&app, Some(&board), &q, json!({ "f": { "search": "nora" } })).await;
    let node = &reg["members"]["edges"][0]["node"];
    assert!(within_a_day_of_today(&node["admittedOn"]), "{reg}");

    // Once only.
    let again = app
        .gql(None, ACCEPT, json!({ "t": token, "p": NEW_PASSWORD }))
        .await;
    assert_eq!(error_code(&again), Some("VALIDATION"), "{again}");
    assert_eq!(again["errors"][0]["extensions"]["field"], "token");
    let info = app.gql(None, INFO, json!({ "t": token })).await;
    assert_eq!(error_code(&info), Some("NOT_FOUND"));
    assert_eq!(app.count("users").await, 3);

    let list = ok(
        &app,
        Some(&board),
        "{ invitations(first: 10) { edges { node { email status membershipKind invitedBy { id } usedAt } } } }",
        json!({}),
    )
    .await;
    let node = &list["invitations"]["edges"][0]["node"];
    assert_eq!(node["status"], "USED");
    assert_eq!(node["invitedBy"]["id"], board.id.as_str());
    assert!(node["usedAt"].is_string());
}

#[tokio::test]
async fn expired_links_and_taken_addresses_are_refused() {
    let app = spawn_app().await;
    let (_admin, board) = board(&app).await;
    let late = unique_email("late");
    let taken = unique_email("taken");
    ok(
        &app,
        Some(&board),
        INVITE,
        json!({ "list": [
            { "email": late, "kind": "ADHERENT" },
            { "email": taken, "displayName": "Taken", "kind": "SYMPATHIZER" },
        ] }),
    )
    .await;
    let late_token = invitation_token(&app, &late).await;
    let taken_token = invitation_token(&app, &taken).await;
    mail_token::Entity::update_many()
        .col_expr(
            mail_token::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .filter(mail_token::Column::Email.eq(late.as_str()))
        .exec(&app.db)
        .await
        .expect("expire");
    let r = app
        .gql(
            None,
            ACCEPT,
            json!({ "t": late_token, "p": NEW_PASSWORD, "n": "Late" }),
        )
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    assert_eq!(r["errors"][0]["extensions"]["field"], "token");
    assert_eq!(
        error_code(&app.gql(None, INFO, json!({ "t": late_token })).await),
        Some("NOT_FOUND")
    );
    // Without a name from the board, the invitee must give one.
    ok(&app, None, INFO, json!({ "t": taken_token })).await;

    // The address registered by itself meanwhile: the link is refused and stays unused.
    let reg = app
        .register(&taken, constellation_tests::PASSWORD, "Taken")
        .await;
    assert!(reg["errors"].is_null(), "{reg}");
    let r = app
        .gql(None, ACCEPT, json!({ "t": taken_token, "p": NEW_PASSWORD }))
        .await;
    assert_eq!(error_code(&r), Some("EMAIL_TAKEN"), "{r}");
    let statuses = |pending: bool| {
        let app = &app;
        let board = &board;
        async move {
            let l = ok(
                app,
                Some(board),
                "query($p: Boolean) { invitations(first: 10, pendingOnly: $p) { edges { node { email status } } } }",
                json!({ "p": pending }),
            )
            .await;
            let mut v: Vec<(String, String)> = l["invitations"]["edges"]
                .as_array()
                .expect("edges")
                .iter()
                .map(|e| {
                    (
                        e["node"]["email"].as_str().unwrap_or_default().to_owned(),
                        e["node"]["status"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect();
            v.sort();
            v
        }
    };
    let mut all = vec![
        (late.clone(), "EXPIRED".to_owned()),
        (taken.clone(), "PENDING".to_owned()),
    ];
    all.sort();
    assert_eq!(statuses(false).await, all);
    assert_eq!(
        statuses(true).await,
        vec![(taken.clone(), "PENDING".to_owned())]
    );
    let bogus = app
        .gql(
            None,
            ACCEPT,
            json!({ "t": "00".repeat(16), "p": NEW_PASSWORD, "n": "X" }),
        )
        .await;
    assert_eq!(error_code(&bogus), Some("VALIDATION"));
    let huge = app
        .gql(None, INFO, json!({ "t": "a".repeat(10_000) }))
        .await;
    assert_eq!(error_code(&huge), Some("NOT_FOUND"));
}

fn problems(report: &Value) -> Vec<(i64, String, String, String)> {
    report["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["line"].as_i64().unwrap_or_default(),
                p["code"].as_str().unwrap_or_default().to_owned(),
                p["field"].as_str().unwrap_or_default().to_owned(),
                p["reason"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn bad_lists_change_nothing_and_say_which_lines() {
    let app = spawn_app().await;
    let (_admin, board) = board(&app).await;
    let member = app.signup("Member").await;
    let before = (
        app.count("mail_tokens").await,
        app.count("outbox_mails").await,
    );
    let audit_before = app.count("audit_log").await;

    let wrong_header = ok(
        &app,
        Some(&board),
        IMPORT,
        json!({ "csv": "nom,courriel,type\nAna,ana@example.be,EFFECTIVE\n" }),
    )
    .await;
    assert_eq!(wrong_header["importMembers"]["invited"], 0);
    assert_eq!(
        problems(&wrong_header["importMembers"]),
        [(1, "VALIDATION".into(), "header".into(), "INVALID".into())]
    );

    let csv = format!(
        "name,email,kind\n\
Ana,ana@example.be,effective\n\
Bo,bo@example.be,PRESIDENT\n\
Cy,not-an-address,ADHERENT\n\
Ana again,ANA@example.be,ADHERENT\n\
Member,{},SYMPATHIZER\n\
Dee,dee@example.be,\n",
        member.email.to_uppercase()
    );
    let r = ok(&app, Some(&board), IMPORT, json!({ "csv": csv })).await;
    assert_eq!(r["importMembers"]["invited"], 0);
    assert_eq!(
        problems(&r["importMembers"]),
        [
            (3, "VALIDATION".into(), "kind".into(), "INVALID".into()),
            (
                4,
                "VALIDATION".into(),
                "email".into(),
                "EMAIL_FORMAT".into()
            ),
            (5, "CONFLICT".into(), String::new(), String::new()),
            (6, "EMAIL_TAKEN".into(), String::new(), String::new()),
            (7, "VALIDATION".into(), "kind".into(), "REQUIRED".into()),
        ]
    );
    assert_eq!(r["importMembers"]["problems"][1]["email"], "not-an-address");

    let list = ok(
        &app,
        Some(&board),
        INVITE,
        json!({ "list": [
            { "email": "fine@example.be", "kind": "ADHERENT" },
            { "email": "", "kind": "ADHERENT" },
            { "email": "Fine@Example.be", "kind": "EFFECTIVE" },
            { "email": "long@example.be", "displayName": "x".repeat(200), "kind": "EFFECTIVE" },
        ] }),
    )
    .await;
    assert_eq!(
        problems(&list["inviteMembers"]),
        [
            (2, "VALIDATION".into(), "email".into(), "REQUIRED".into()),
            (3, "CONFLICT".into(), String::new(), String::new()),
            (
                4,
                "VALIDATION".into(),
                "displayName".into(),
                "TOO_LONG".into()
            ),
        ]
    );

    let many: Vec<Value> = (0..501)
        .map(|i| json!({ "email": format!("p{i}@example.be"), "kind": "SYMPATHIZER" }))
        .collect();
    let r = app
        .gql(Some(&board.token), INVITE, json!({ "list": many }))
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    assert_eq!(r["errors"][0]["extensions"]["field"], "invitations");
    assert_eq!(r["errors"][0]["extensions"]["reason"], "TOO_LONG");
    let roster: String = std::iter::once("name,email,kind\n".to_owned())
        .chain((0..501).map(|i| format!("P{i},p{i}@example.be,ADHERENT\n")))
        .collect();
    let r = app
        .gql(Some(&board.token), IMPORT, json!({ "csv": roster }))
        .await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "csv", "{r}");
    assert_eq!(r["errors"][0]["extensions"]["reason"], "TOO_LONG");
    let empty = app
        .gql(Some(&board.token), INVITE, json!({ "list": [] }))
        .await;
    assert_eq!(error_code(&empty), Some("VALIDATION"));
    let empty = app
        .gql(
            Some(&board.token),
            IMPORT,
            json!({ "csv": "name,email,kind\n" }),
        )
        .await;
    assert_eq!(error_code(&empty), Some("VALIDATION"));

    assert_eq!(
        (
            app.count("mail_tokens").await,
            app.count("outbox_mails").await
        ),
        before,
        "bad input changes nothing"
    );
    assert_eq!(app.count("audit_log").await, audit_before);

    // Exactly 500 is fine.
    let five_hundred: Vec<Value> = (0..500)
        .map(|i| json!({ "email": format!("p{i}@example.be"), "kind": "SYMPATHIZER" }))
        .collect();
    let r = ok(&app, Some(&board), INVITE, json!({ "list": five_hundred })).await;
    assert_eq!(r["inviteMembers"]["invited"], 500);
    assert_eq!(app.count("mail_tokens").await, before.0 + 500);
    assert_eq!(app.count("outbox_mails WHERE kind = 'INVITE'").await, 500);
    assert_eq!(
        app.count("audit_log WHERE action = 'member.invite'").await,
        500
    );
}

#[tokio::test]
async fn a_roster_file_invites_everyone_with_the_kind_it_gives() {
    let app = spawn_app().await;
    let (_admin, board) = board(&app).await;
    // As a spreadsheet in a French locale saves it: a byte-order mark, semicolons, CRLF.
    let csv = "\u{feff}Email;Kind;Name\r\nana@example.be;Effectif;\"Dupont; Ana\"\r\nbo@example.be;adherent;Bo\r\n\r\ncy@example.be;SYMPATHIZER;\r\n";
    let r = ok(&app, Some(&board), IMPORT, json!({ "csv": csv })).await;
    assert_eq!(r["importMembers"], json!({ "invited": 3, "problems": [] }));
    let list = ok(
        &app,
        Some(&board),
        "{ invitations(first: 2) { edges { node { email displayName membershipKind status } } pageInfo { hasNextPage endCursor } } }",
        json!({}),
    )
    .await;
    let mut rows: Vec<Value> = list["invitations"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"].clone())
        .collect();
    assert_eq!(list["invitations"]["pageInfo"]["hasNextPage"], true);
    let next = ok(
        &app,
        Some(&board),
        "query($a: String) { invitations(first: 2, after: $a) { edges { node { email displayName membershipKind status } } pageInfo { hasNextPage } } }",
        json!({ "a": list["invitations"]["pageInfo"]["endCursor"] }),
    )
    .await;
    assert_eq!(next["invitations"]["pageInfo"]["hasNextPage"], false);
    rows.extend(
        next["invitations"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e["node"].clone()),
    );
    rows.sort_by_key(|r| r["email"].as_str().unwrap_or_default().to_owned());
    assert_eq!(
        rows,
        [
            json!({ "email": "ana@example.be", "displayName": "Dupont; Ana", "membershipKind": "EFFECTIVE", "status": "PENDING" }),
            json!({ "email": "bo@example.be", "displayName": "Bo", "membershipKind": "ADHERENT", "status": "PENDING" }),
            json!({ "email": "cy@example.be", "displayName": null, "membershipKind": "SYMPATHIZER", "status": "PENDING" }),
        ]
    );
    // Accepted without a name from the board: the invitee gives one, or is refused.
    let token = invitation_token(&app, "cy@example.be").await;
    let r = app
        .gql(None, ACCEPT, json!({ "t": token, "p": NEW_PASSWORD }))
        .await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "displayName", "{r}");
    let s = ok(
        &app,
        None,
        ACCEPT,
        json!({ "t": token, "p": NEW_PASSWORD, "n": "Cy" }),
    )
    .await;
    assert_eq!(
        s["acceptInvitation"]["user"]["membershipKind"],
        "SYMPATHIZER"
    );
    // A sympathiser is not admitted to the association.
    let q = members_query();
    let reg = ok(&app, Some(&board), &q, json!({ "f": { "search": "cy@" } })).await;
    assert_eq!(
        reg["members"]["edges"][0]["node"]["admittedOn"],
        Value::Null,
        "{reg}"
    );
}

#[tokio::test]
async fn a_roster_over_one_mebibyte_is_refused() {
    let app = spawn_app_with(|c| c.max_body_bytes = 4 * 1024 * 1024).await;
    let (_admin, board) = board(&app).await;
    let csv = format!("name,email,kind\n{}", "x".repeat(1024 * 1024));
    let r = app
        .gql(Some(&board.token), IMPORT, json!({ "csv": csv }))
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    assert_eq!(r["errors"][0]["extensions"]["field"], "csv");
    assert_eq!(r["errors"][0]["extensions"]["reason"], "TOO_LONG");
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

#[tokio::test]
async fn an_invitees_address_and_name_go_with_their_account() {
    let app = spawn_app().await;
    let (_admin, board) = board(&app).await;
    let email = unique_email("brief");
    ok(
        &app,
        Some(&board),
        INVITE,
        json!({ "list": [{ "email": email, "displayName": "Brief Stay", "kind": "ADHERENT" }] }),
    )
    .await;
    let token = invitation_token(&app, &email).await;
    let s = ok(&app, None, ACCEPT, json!({ "t": token, "p": NEW_PASSWORD })).await;
    let me = TestUser {
        id: s["acceptInvitation"]["user"]["id"]
            .as_str()
            .expect("id")
            .to_owned(),
        email: email.clone(),
        token: s["acceptInvitation"]["token"]
            .as_str()
            .expect("token")
            .to_owned(),
    };
    ok(
        &app,
        Some(&me),
        "mutation($p: String!) { deleteMyAccount(password: $p) }",
        json!({ "p": NEW_PASSWORD }),
    )
    .await;
    let list = ok(
        &app,
        Some(&board),
        "{ invitations(first: 5) { edges { node { email displayName status } } } }",
        json!({}),
    )
    .await;
    let node = &list["invitations"]["edges"][0]["node"];
    assert!(
        node["email"]
            .as_str()
            .is_some_and(|e| e.ends_with("@deleted.invalid")),
        "{node}"
    );
    assert_eq!(
        (node["displayName"].clone(), node["status"].as_str()),
        (Value::Null, Some("USED"))
    );
    let log = ok(
        &app,
        Some(&board),
        "{ auditLog(first: 10, action: \"member.invite\") { edges { node { targetType diff } } } }",
        json!({}),
    )
    .await;
    let entry = &log["auditLog"]["edges"][0]["node"];
    assert_eq!(entry["targetType"], "invitation");
    assert_eq!(entry["diff"], json!({ "redacted": true }));
    let everything = ok(
        &app,
        Some(&board),
        "{ auditLog(first: 100) { edges { node { targetId diff } } } }",
        json!({}),
    )
    .await;
    let text = everything.to_string();
    assert!(
        !text.contains(&email) && !text.contains("Brief Stay"),
        "{text}"
    );
}

#[tokio::test]
async fn the_audit_log_is_filtered_by_actor_action_target_and_time() {
    let app = spawn_app().await;
    let (admin, board) = board(&app).await;
    let jo = app.signup("Jo").await;
    app.set_roles(&admin, &jo, json!({ "kind": "ADHERENT" }))
        .await;
    ok(
        &app,
        Some(&board),
        UPDATE,
        json!({ "id": jo.id, "input": { "note": "n" } }),
    )
    .await;
    let q = "query($actor: ID, $action: String, $type: String, $target: String, $from: String, $to: String, $first: Int, $after: String) { auditLog(first: $first, after: $after, actorId: $actor, action: $action, targetType: $type, targetId: $target, from: $from, to: $to) { edges { cursor node { action targetId actor { id } } } pageInfo { hasNextPage endCursor } } }";
    let actions = |vars: Value| {
        let app = &app;
        let board = &board;
        async move {
            let r = ok(app, Some(board), q, vars).await;
            r["auditLog"]["edges"]
                .as_array()
                .expect("edges")
                .iter()
                .map(|e| e["node"]["action"].as_str().unwrap_or_default().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        actions(json!({ "actor": board.id })).await,
        [
            "member.register.update",
            "account.login",
            "account.register"
        ]
    );
    assert_eq!(
        actions(json!({ "action": "account.set_" })).await,
        ["account.set_roles", "account.set_roles"]
    );
    // `_` is a letter here, not "any character".
    assert!(actions(json!({ "action": "account_" })).await.is_empty());
    assert_eq!(
        actions(json!({ "type": "user", "target": jo.id, "action": "account." })).await,
        ["account.set_roles", "account.login", "account.register"]
    );
    let hour = chrono::Duration::hours(1);
    let now = chrono::Utc::now();
    assert!(actions(json!({ "from": (now + hour).to_rfc3339() }))
        .await
        .is_empty());
    assert!(actions(json!({ "to": (now - hour).to_rfc3339() }))
        .await
        .is_empty());
    assert_eq!(
        actions(json!({ "from": (now - hour).to_rfc3339(), "to": (now + hour).to_rfc3339(), "action": "member." })).await,
        ["member.register.update"]
    );
    // The filters hold across pages.
    let first = ok(
        &app,
        Some(&board),
        q,
        json!({ "action": "account.", "first": 2 }),
    )
    .await;
    let cursor = first["auditLog"]["pageInfo"]["endCursor"].clone();
    let rest = ok(
        &app,
        Some(&board),
        q,
        json!({ "action": "account.", "first": 100, "after": cursor }),
    )
    .await;
    let total = app.count("audit_log WHERE action LIKE 'account.%'").await;
    assert_eq!(
        2 + rest["auditLog"]["edges"].as_array().map_or(0, Vec::len) as i64,
        total
    );
    for (vars, field) in [
        (json!({ "from": "2027-01-01" }), "from"),
        (json!({ "to": "yesterday" }), "to"),
        (
            json!({ "from": "2027-01-02T00:00:00Z", "to": "2027-01-01T00:00:00Z" }),
            "to",
        ),
        (json!({ "actor": "nobody" }), "actorId"),
        (json!({ "action": "x".repeat(201) }), "action"),
    ] {
        let r = app.gql(Some(&board.token), q, vars).await;
        assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
        assert_eq!(r["errors"][0]["extensions"]["field"], field, "{r}");
    }
    // The old arguments alone still work.
    let plain = ok(
        &app,
        Some(&board),
        "{ auditLog(first: 1) { edges { node { action } } } }",
        json!({}),
    )
    .await;
    assert_eq!(
        plain["auditLog"]["edges"][0]["node"]["action"],
        "member.register.update"
    );
}

/// The shared documents of the members page, for the contract test's census.
pub(crate) const MEMBER_DOCS: &[&str] = &[
    m::MEMBERS,
    m::UPDATE_REGISTER_ENTRY,
    m::INVITE_MEMBERS,
    m::IMPORT_MEMBERS,
    m::INVITATIONS,
    m::INVITATION,
    m::ACCEPT_INVITATION,
    m::AUDIT_LOG_FILTERED,
];

/// Sends a shared document and decodes the answer into its shared type.
async fn send<V: serde::Serialize, D: serde::de::DeserializeOwned>(
    app: &TestApp,
    token: Option<&str>,
    doc: &str,
    vars: V,
) -> D {
    let raw = app
        .gql(token, doc, serde_json::to_value(vars).expect("vars"))
        .await;
    let resp: constellation_shared::graphql::Response<D> =
        serde_json::from_value(raw.clone()).unwrap_or_else(|e| panic!("{doc}: {e}: {raw}"));
    assert!(resp.errors.is_empty(), "{doc}: {raw}");
    resp.data.unwrap_or_else(|| panic!("{doc}: no data: {raw}"))
}

#[tokio::test]
async fn every_members_document_runs_against_the_schema() {
    use constellation_shared::dto::reach::{
        InvitationStatus, InviteInput, MemberFilter, RegisterEntryInput,
    };
    use constellation_shared::{ErrorCode, Language, MembershipKind};
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let jo = app.signup("Jo").await;
    let a = Some(admin.token.as_str());
    let mut tested = Vec::new();

    let list: m::MembersData = send(
        &app,
        a,
        m::MEMBERS,
        m::MembersVars {
            filter: Some(MemberFilter {
                search: Some("jo".into()),
                ..Default::default()
            }),
            first: Some(10),
            after: None,
        },
    )
    .await;
    let row = list.members.nodes().next().expect("Jo");
    assert_eq!(row.user.id.to_string(), jo.id);
    assert_eq!(row.user.email.as_deref(), Some(jo.email.as_str()));
    tested.push(m::MEMBERS);

    let e: m::UpdateRegisterEntryData = send(
        &app,
        a,
        m::UPDATE_REGISTER_ENTRY,
        m::UpdateRegisterEntryVars {
            user_id: jo.id.clone(),
            input: RegisterEntryInput {
                address: Some("Rue Haute 1".into()),
                admitted_on: Some("2026-01-15".into()),
                left_on: None,
                note: None,
            },
        },
    )
    .await;
    assert_eq!(
        e.update_register_entry.admitted_on.as_deref(),
        Some("2026-01-15")
    );
    tested.push(m::UPDATE_REGISTER_ENTRY);

    let email = unique_email("invitee");
    let i: m::InviteMembersData = send(
        &app,
        a,
        m::INVITE_MEMBERS,
        m::InviteMembersVars {
            invitations: vec![InviteInput {
                email: email.clone(),
                display_name: Some("Invitee".into()),
                kind: MembershipKind::Adherent,
            }],
        },
    )
    .await;
    assert_eq!(i.invite_members.invited, 1);
    tested.push(m::INVITE_MEMBERS);

    let bad: m::ImportMembersData = send(
        &app,
        a,
        m::IMPORT_MEMBERS,
        m::ImportMembersVars {
            csv: format!("name,email,kind\nJo,{},EFFECTIVE\n", jo.email),
        },
    )
    .await;
    assert_eq!(bad.import_members.invited, 0);
    assert_eq!(
        bad.import_members
            .problems
            .first()
            .map(|p| (p.line, p.code)),
        Some((2, ErrorCode::EmailTaken))
    );
    tested.push(m::IMPORT_MEMBERS);

    let pending: m::InvitationsData = send(
        &app,
        a,
        m::INVITATIONS,
        m::InvitationsVars {
            first: Some(10),
            pending_only: Some(true),
            ..Default::default()
        },
    )
    .await;
    let inv = pending.invitations.nodes().next().expect("an invitation");
    assert_eq!(inv.status, InvitationStatus::Pending);
    assert_eq!(
        inv.invited_by.as_ref().map(|p| p.id.to_string()),
        Some(admin.id.clone())
    );
    tested.push(m::INVITATIONS);

    let token = invitation_token(&app, &email).await;
    let info: m::InvitationData = send(
        &app,
        None,
        m::INVITATION,
        m::InvitationVars {
            token: token.clone(),
        },
    )
    .await;
    assert_eq!(info.invitation.email, email);
    tested.push(m::INVITATION);

    let s: m::AcceptInvitationData = send(
        &app,
        None,
        m::ACCEPT_INVITATION,
        m::AcceptInvitationVars {
            token,
            password: constellation_tests::PASSWORD.into(),
            display_name: None,
            language: Some(Language::En),
        },
    )
    .await;
    assert_eq!(s.accept_invitation.user.language, Language::En);
    assert_eq!(
        s.accept_invitation.user.membership_kind,
        MembershipKind::Adherent
    );
    tested.push(m::ACCEPT_INVITATION);

    let log: m::AuditLogData = send(
        &app,
        a,
        m::AUDIT_LOG_FILTERED,
        m::AuditLogVars {
            first: Some(10),
            action: Some("member.".into()),
            actor_id: Some(admin.id.clone()),
            ..Default::default()
        },
    )
    .await;
    let actions: Vec<&str> = log.audit_log.nodes().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["member.invite", "member.register.update"]);
    assert!(log.audit_log.nodes().all(|e| e.actor.is_some()));
    tested.push(m::AUDIT_LOG_FILTERED);

    assert_eq!(tested, MEMBER_DOCS);
}
