//! Invitations one by one: the link is accepted once and signs the member in, expired links
//! and taken addresses are refused, and an invitee's address and name go with their account.

use super::{
    board, invitation_token, members_query, ok, within_a_day_of_today, ACCEPT, INFO, INVITE,
    NEW_PASSWORD,
};
use constellation_backend::entities::{mail_token, outbox_mail};
use constellation_tests::{error_code, spawn_app, unique_email, TestUser};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

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
    assert_eq!((mail.kind.as_str(), mail.language.code()), ("INVITE", "fr"));
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
