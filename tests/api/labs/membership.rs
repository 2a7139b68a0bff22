//! Lab membership: joining follows the Lab's policy (open, on approval, by invitation), roles
//! within the Lab, and a Lab always keeps a coordinator, even when two leave at once or the
//! last one deletes their account.

use super::people;
use constellation_tests::labs::LAB_FIELDS;
use constellation_tests::{error_code, spawn_app};
use serde_json::json;

#[tokio::test]
async fn membership_follows_the_lab_policy_and_a_lab_keeps_a_coordinator() {
    let app = spawn_app().await;
    let (_admin, board, founder, adherent, sympathiser) = people(&app).await;
    let open = app
        .active_lab(&founder, &board, "open-lab", "OPEN", "PUBLIC")
        .await;
    let approval = app
        .active_lab(&founder, &board, "approval-lab", "ON_APPROVAL", "PUBLIC")
        .await;
    let invite_only = app
        .active_lab(&founder, &board, "invite-lab", "INVITATION", "PUBLIC")
        .await;

    app.join(&adherent, &open).await;
    assert_eq!(
        error_code(&app.join(&adherent, &open).await),
        Some("ALREADY_MEMBER")
    );

    let r = app.join(&sympathiser, &approval).await;
    assert_eq!(
        r["data"]["joinLab"]["myMembership"]["state"], "REQUESTED",
        "{r}"
    );
    let decide = format!("mutation($l: ID!, $u: ID!, $a: Boolean!) {{ decideJoinRequest(labId: $l, userId: $u, accept: $a) {{ {LAB_FIELDS} }} }}");
    let r = app
        .gql(
            Some(&adherent.token),
            &decide,
            json!({ "l": approval, "u": sympathiser.id, "a": true }),
        )
        .await;
    assert_eq!(error_code(&r), Some("FORBIDDEN"));
    app.ok(
        &founder,
        &decide,
        json!({ "l": approval, "u": sympathiser.id, "a": true }),
    )
    .await;
    assert_eq!(
        error_code(
            &app.gql(
                Some(&founder.token),
                &decide,
                json!({ "l": approval, "u": sympathiser.id, "a": true })
            )
            .await
        ),
        Some("INVALID_TRANSITION")
    );
    app.join(&adherent, &approval).await;
    app.ok(
        &founder,
        &decide,
        json!({ "l": approval, "u": adherent.id, "a": false }),
    )
    .await;
    assert!(app.lab(Some(&adherent), "approval-lab").await["myMembership"].is_null());

    assert_eq!(
        error_code(&app.join(&adherent, &invite_only).await),
        Some("FORBIDDEN")
    );
    let invite = "mutation($l: ID!, $e: String!) { inviteToLab(labId: $l, email: $e) { id } }";
    app.ok(
        &founder,
        invite,
        json!({ "l": invite_only, "e": adherent.email.to_uppercase() }),
    )
    .await;
    assert_eq!(
        error_code(
            &app.gql(
                Some(&founder.token),
                invite,
                json!({ "l": invite_only, "e": adherent.email })
            )
            .await
        ),
        Some("ALREADY_MEMBER")
    );
    // An address without an account gets an invitation link by mail (`lab_invitations`).
    let r = app
        .gql(
            Some(&founder.token),
            invite,
            json!({ "l": invite_only, "e": "nobody@example.org" }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    assert_eq!(
        app.count("outbox_mails WHERE to_address = 'nobody@example.org'")
            .await,
        1
    );
    let r = app.join(&adherent, &invite_only).await;
    assert_eq!(
        r["data"]["joinLab"]["myMembership"]["state"], "ACTIVE",
        "{r}"
    );

    // The last coordinator cannot leave nor step back; after promoting someone they can.
    let leave = "mutation($l: ID!) { leaveLab(labId: $l) { id } }";
    assert_eq!(
        error_code(
            &app.gql(Some(&founder.token), leave, json!({ "l": open }))
                .await
        ),
        Some("LAST_COORDINATOR")
    );
    let role = "mutation($l: ID!, $u: ID!, $r: LabRole!) { setLabRole(labId: $l, userId: $u, role: $r) { id } }";
    assert_eq!(
        error_code(
            &app.gql(
                Some(&founder.token),
                role,
                json!({ "l": open, "u": founder.id, "r": "PARTICIPANT" })
            )
            .await
        ),
        Some("LAST_COORDINATOR")
    );
    assert_eq!(
        error_code(
            &app.gql(
                Some(&adherent.token),
                role,
                json!({ "l": open, "u": adherent.id, "r": "COORDINATOR" })
            )
            .await
        ),
        Some("FORBIDDEN")
    );
    app.ok(
        &founder,
        role,
        json!({ "l": open, "u": adherent.id, "r": "COORDINATOR" }),
    )
    .await;
    app.ok(&founder, leave, json!({ "l": open })).await;
    let lab = app.lab(Some(&adherent), "open-lab").await;
    assert_eq!(
        lab["members"]["edges"].as_array().map(Vec::len),
        Some(1),
        "{lab}"
    );
    assert_eq!(lab["myMembership"]["role"], "COORDINATOR");
}

#[tokio::test]
async fn two_coordinators_leaving_at_once_leave_one_behind() {
    let app = spawn_app().await;
    let (_admin, board, founder, adherent, _s) = people(&app).await;
    let id = app
        .active_lab(&founder, &board, "pair-lab", "OPEN", "PUBLIC")
        .await;
    app.join(&adherent, &id).await;
    app.ok(&founder, "mutation($l: ID!, $u: ID!) { setLabRole(labId: $l, userId: $u, role: COORDINATOR) { id } }", json!({ "l": id, "u": adherent.id })).await;
    let leave = "mutation($l: ID!) { leaveLab(labId: $l) { id } }";
    let (a, b) = tokio::join!(
        app.gql(Some(&founder.token), leave, json!({ "l": id })),
        app.gql(Some(&adherent.token), leave, json!({ "l": id }))
    );
    let codes = [error_code(&a), error_code(&b)];
    assert!(
        codes.contains(&None) && codes.contains(&Some("LAST_COORDINATOR")),
        "{a} {b}"
    );
    let lab = app.lab(Some(&board), "pair-lab").await;
    assert_eq!(
        lab["members"]["edges"].as_array().map(Vec::len),
        Some(1),
        "{lab}"
    );
}

#[tokio::test]
async fn the_last_coordinator_hands_over_before_deleting_their_account() {
    let app = spawn_app().await;
    let (_admin, board, founder, adherent, _s) = people(&app).await;
    let id = app
        .active_lab(&founder, &board, "handover-lab", "OPEN", "PUBLIC")
        .await;
    let del = "mutation($p: String!) { deleteMyAccount(password: $p) }";
    let r = app
        .gql(
            Some(&founder.token),
            del,
            json!({ "p": constellation_tests::PASSWORD }),
        )
        .await;
    assert_eq!(error_code(&r), Some("LAST_COORDINATOR"), "{r}");
    app.join(&adherent, &id).await;
    app.ok(&founder, "mutation($l: ID!, $u: ID!) { setLabRole(labId: $l, userId: $u, role: COORDINATOR) { id } }", json!({ "l": id, "u": adherent.id })).await;
    let r = app
        .gql(
            Some(&founder.token),
            del,
            json!({ "p": constellation_tests::PASSWORD }),
        )
        .await;
    assert_eq!(r["data"]["deleteMyAccount"], true, "{r}");
    let lab = app.lab(Some(&board), "handover-lab").await;
    assert_eq!(
        lab["members"]["edges"].as_array().map(Vec::len),
        Some(1),
        "the deleted person's membership is gone: {lab}"
    );
}
