//! Inviting from a list or a roster file, all or nothing: bad lists change nothing and say
//! which lines, a roster invites everyone with the kind it gives, and one over a mebibyte is
//! refused.

use super::{board, invitation_token, members_query, ok, ACCEPT, IMPORT, INVITE, NEW_PASSWORD};
use constellation_tests::{error_code, spawn_app, spawn_app_with};
use serde_json::{json, Value};

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
