//! Every mutation of this issue, tried by each role: anonymous, sympathiser, adherent,
//! effective member, board member, admin.

use constellation_tests::{error_code, spawn_app, TestApp, TestUser, PASSWORD};
use serde_json::json;

struct Cast {
    admin: TestUser,
    board: TestUser,
    effective: TestUser,
    adherent: TestUser,
    sympathiser: TestUser,
    target: TestUser,
}

async fn cast(app: &TestApp) -> Cast {
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    let effective = app.signup("Effective").await;
    let adherent = app.signup("Adherent").await;
    let sympathiser = app.signup("Sympathiser").await;
    let target = app.signup("Target").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    app.set_roles(&admin, &effective, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&admin, &adherent, json!({ "kind": "ADHERENT" }))
        .await;
    Cast {
        admin,
        board,
        effective,
        adherent,
        sympathiser,
        target,
    }
}

const SET_ROLES: &str = "mutation($id: ID!) { setRoles(userId: $id, membershipKind: EFFECTIVE, isBoard: true, isAdmin: true) { isAdmin } }";

#[tokio::test]
async fn only_admins_change_flags_and_the_board_changes_kinds() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let vars = json!({ "id": c.target.id });
    let r = app.gql(None, SET_ROLES, vars.clone()).await;
    assert_eq!(error_code(&r), Some("UNAUTHENTICATED"), "{r}");
    for who in [
        &c.sympathiser,
        &c.adherent,
        &c.effective,
        &c.board,
        &c.target,
    ] {
        let r = app.gql(Some(&who.token), SET_ROLES, vars.clone()).await;
        assert_eq!(error_code(&r), Some("FORBIDDEN"), "{} got {r}", who.email);
    }
    let me = app
        .gql(
            Some(&c.target.token),
            "{ me { isAdmin isBoard membershipKind } }",
            json!({}),
        )
        .await;
    assert_eq!(
        me["data"]["me"],
        json!({ "isAdmin": false, "isBoard": false, "membershipKind": "SYMPATHIZER" })
    );
    // The board keeps the register: it changes a member's kind, not the flags.
    let kind_only =
        "mutation($id: ID!) { setRoles(userId: $id, membershipKind: ADHERENT) { membershipKind } }";
    for who in [&c.sympathiser, &c.adherent, &c.effective, &c.target] {
        let r = app.gql(Some(&who.token), kind_only, vars.clone()).await;
        assert_eq!(error_code(&r), Some("FORBIDDEN"), "{} got {r}", who.email);
    }
    let r = app.gql(Some(&c.board.token), kind_only, vars.clone()).await;
    assert_eq!(r["data"]["setRoles"]["membershipKind"], "ADHERENT", "{r}");
    let r = app.gql(Some(&c.admin.token), SET_ROLES, vars.clone()).await;
    assert_eq!(r["data"]["setRoles"]["isAdmin"], true, "{r}");
    let r = app
        .gql(
            Some(&c.admin.token),
            SET_ROLES,
            json!({ "id": "00000000-0000-0000-0000-000000000000" }),
        )
        .await;
    assert_eq!(error_code(&r), Some("NOT_FOUND"));
    let r = app
        .gql(Some(&c.admin.token), SET_ROLES, json!({ "id": "nope" }))
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"));
}

#[tokio::test]
async fn own_account_mutations_need_a_session_and_act_on_the_caller_only() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let mutations = [
        ("mutation { updateProfile(input: { displayName: \"X\" }) { id } }", json!({})),
        ("mutation($p: String!) { changePassword(currentPassword: $p, newPassword: \"another long one\") }", json!({ "p": PASSWORD })),
        ("mutation($p: String!) { deleteMyAccount(password: $p) }", json!({ "p": PASSWORD })),
    ];
    for (q, v) in &mutations {
        let r = app.gql(None, q, v.clone()).await;
        assert_eq!(error_code(&r), Some("UNAUTHENTICATED"), "{q}: {r}");
    }
    // Every role may edit its own profile; the target's stays untouched.
    for who in [
        &c.sympathiser,
        &c.adherent,
        &c.effective,
        &c.board,
        &c.admin,
    ] {
        let r = app.gql(Some(&who.token), mutations[0].0, json!({})).await;
        assert_eq!(r["data"]["updateProfile"]["id"], who.id.as_str(), "{r}");
    }
    let t = app
        .gql(Some(&c.target.token), "{ me { displayName } }", json!({}))
        .await;
    assert_eq!(t["data"]["me"]["displayName"], "Target");
}

#[tokio::test]
async fn the_member_list_and_audit_log_are_for_the_board_and_admins() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    for q in [
        "{ users { edges { node { id } } } }",
        "{ auditLog { edges { node { action } } } }",
    ] {
        assert_eq!(
            error_code(&app.gql(None, q, json!({})).await),
            Some("UNAUTHENTICATED")
        );
        for who in [&c.sympathiser, &c.adherent, &c.effective] {
            let r = app.gql(Some(&who.token), q, json!({})).await;
            assert_eq!(error_code(&r), Some("FORBIDDEN"), "{q} {r}");
        }
        for who in [&c.board, &c.admin] {
            let r = app.gql(Some(&who.token), q, json!({})).await;
            assert!(r["errors"].is_null(), "{q} {r}");
        }
    }
}

#[tokio::test]
async fn the_board_sees_members_private_fields() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    // Email and language are private to the person, the board and admins.
    let r = app
        .gql(
            Some(&c.board.token),
            "{ users(first: 100) { edges { node { id email language } } } }",
            json!({}),
        )
        .await;
    let edges = r["data"]["users"]["edges"].as_array().expect("edges");
    assert!(edges.iter().all(|e| e["node"]["email"].is_string()), "{r}");
}
