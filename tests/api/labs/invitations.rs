//! A Lab invites someone without an account through the board's path (a single-use mailed
//! link); the account created from it starts invited to the Lab. A new invitation to an
//! address replaces the earlier one.

use crate::members::{board, invitation_token};
use constellation_backend::entities::{mail_token, outbox_mail};
use constellation_tests::{error_code, spawn_app, unique_email, TestUser};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

const INVITE_TO_LAB: &str =
    "mutation($l: ID!, $e: String!) { inviteToLab(labId: $l, email: $e) { id } }";
const ACCEPT: &str = "mutation($t: String!, $p: String!, $n: String) { acceptInvitation(token: $t, password: $p, displayName: $n) { token user { id email membershipKind } } }";
const INVITE: &str = "mutation($list: [InviteInput!]!) { inviteMembers(invitations: $list) { invited problems { line email code field reason } } }";
const PASSWORD: &str = "a long enough passphrase";

/// The whole `data` of a query that must succeed.
async fn data(
    app: &constellation_tests::TestApp,
    who: &TestUser,
    query: &str,
    vars: serde_json::Value,
) -> serde_json::Value {
    let r = app.gql(Some(&who.token), query, vars).await;
    assert!(r["errors"].is_null(), "{query}: {r}");
    r["data"].clone()
}

async fn accept(app: &constellation_tests::TestApp, token: &str, email: &str) -> TestUser {
    let r = app
        .gql(
            None,
            ACCEPT,
            json!({ "t": token, "p": PASSWORD, "n": "Guest" }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    TestUser {
        id: r["data"]["acceptInvitation"]["user"]["id"]
            .as_str()
            .expect("id")
            .to_owned(),
        email: email.to_owned(),
        token: r["data"]["acceptInvitation"]["token"]
            .as_str()
            .expect("token")
            .to_owned(),
    }
}

#[tokio::test]
async fn a_lab_invites_an_address_without_an_account_and_the_new_account_starts_invited() {
    let app = spawn_app().await;
    let (admin, board) = board(&app).await;
    let founder = app.signup("Founder").await;
    app.set_roles(&admin, &founder, json!({ "kind": "ADHERENT" }))
        .await;
    let lab = app
        .active_lab(&founder, &board, "jardins", "INVITATION", "PUBLIC")
        .await;
    let guest = unique_email("guest");

    // Not a coordinator: refused, nothing mailed.
    let outsider = app.signup("Outsider").await;
    let r = app
        .gql(
            Some(&outsider.token),
            INVITE_TO_LAB,
            json!({ "l": lab, "e": guest }),
        )
        .await;
    assert_eq!(error_code(&r), Some("FORBIDDEN"), "{r}");
    // A malformed address is a validation error, not "not found".
    let r = app
        .gql(
            Some(&founder.token),
            INVITE_TO_LAB,
            json!({ "l": lab, "e": "not an address" }),
        )
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    assert_eq!(app.count("outbox_mails WHERE kind = 'INVITE'").await, 0);

    app.ok(&founder, INVITE_TO_LAB, json!({ "l": lab, "e": guest }))
        .await;
    let mail = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::ToAddress.eq(guest.as_str()))
        .one(&app.db)
        .await
        .expect("query")
        .expect("a mail");
    assert!(mail.subject.contains("jardins") || mail.text_body.contains("Founder"));
    assert!(
        mail.text_body.contains("Founder vous invite"),
        "{}",
        mail.text_body
    );
    // The Lab's invitations are not the board's list of invitations to the association.
    let list = data(
        &app,
        &board,
        "{ invitations(first: 10) { edges { node { email } } } }",
        json!({}),
    )
    .await;
    assert_eq!(list["invitations"]["edges"], json!([]), "{list}");

    // Invited again: the first link stops working, the second works.
    let first = invitation_token(&app, &guest).await;
    app.ok(&founder, INVITE_TO_LAB, json!({ "l": lab, "e": guest }))
        .await;
    let second = invitation_token(&app, &guest).await;
    assert_ne!(first, second);
    let stale = app
        .gql(None, ACCEPT, json!({ "t": first, "p": PASSWORD }))
        .await;
    assert_eq!(error_code(&stale), Some("VALIDATION"), "{stale}");

    let me = accept(&app, &second, &guest).await;
    let home = data(
        &app,
        &me,
        "{ home { labInvitations { id } myLabs { id } } me { membershipKind } }",
        json!({}),
    )
    .await;
    assert_eq!(home["me"]["membershipKind"], "SYMPATHIZER");
    assert_eq!(
        home["home"]["labInvitations"],
        json!([{ "id": lab }]),
        "{home}"
    );
    assert_eq!(
        app.count("notifications WHERE kind = 'INVITATION'").await,
        1,
        "told like any Lab invitation"
    );
    // Accepting there makes them a participant.
    let r = app.join(&me, &lab).await;
    assert!(r["errors"].is_null(), "{r}");
    let home = data(
        &app,
        &me,
        "{ home { labInvitations { id } myLabs { id } } }",
        json!({}),
    )
    .await;
    assert_eq!(home["home"]["myLabs"], json!([{ "id": lab }]), "{home}");
}

#[tokio::test]
async fn one_link_takes_every_invitation_of_the_address_with_the_highest_kind() {
    let app = spawn_app().await;
    let (admin, board) = board(&app).await;
    let founder = app.signup("Founder").await;
    app.set_roles(&admin, &founder, json!({ "kind": "ADHERENT" }))
        .await;
    let lab = app
        .active_lab(&founder, &board, "velo", "INVITATION", "PUBLIC")
        .await;
    let guest = unique_email("both");
    let r = app
        .ok(
            &board,
            INVITE,
            json!({ "list": [{ "email": guest, "displayName": "Both", "kind": "EFFECTIVE" }] }),
        )
        .await;
    assert_eq!(r["invited"], 1);
    app.ok(&founder, INVITE_TO_LAB, json!({ "l": lab, "e": guest }))
        .await;
    // The Lab's link is the newest mail; following it gives the board's kind too.
    let token = invitation_token(&app, &guest).await;
    let me = accept(&app, &token, &guest).await;
    let r = data(
        &app,
        &me,
        "{ me { membershipKind } home { labInvitations { id } } }",
        json!({}),
    )
    .await;
    assert_eq!(r["me"]["membershipKind"], "EFFECTIVE", "{r}");
    assert_eq!(r["home"]["labInvitations"], json!([{ "id": lab }]));
    let pending = mail_token::Entity::find()
        .filter(mail_token::Column::Purpose.eq("INVITE"))
        .filter(mail_token::Column::UsedAt.is_null())
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(pending, 0, "both invitations are used");
}

#[tokio::test]
async fn the_board_inviting_an_address_again_replaces_its_pending_invitation() {
    let app = spawn_app().await;
    let (_admin, board) = board(&app).await;
    let guest = unique_email("twice");
    for kind in ["ADHERENT", "EFFECTIVE"] {
        let r = app
            .ok(
                &board,
                INVITE,
                json!({ "list": [{ "email": guest, "kind": kind }] }),
            )
            .await;
        assert_eq!(r["invited"], 1, "{r}");
    }
    let list = data(
        &app,
        &board,
        "{ invitations(first: 10) { edges { node { membershipKind status } } } }",
        json!({}),
    )
    .await;
    let mut statuses: Vec<(String, String)> = list["invitations"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            (
                e["node"]["membershipKind"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
                e["node"]["status"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    statuses.sort();
    assert_eq!(
        statuses,
        vec![
            ("ADHERENT".to_owned(), "EXPIRED".to_owned()),
            ("EFFECTIVE".to_owned(), "PENDING".to_owned())
        ]
    );
}
