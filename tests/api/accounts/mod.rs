//! Accounts: registering, signing in (and its rate limits), the profile and the password,
//! the first admin and the last one, the board's list of accounts, deleting one's account.

pub(crate) mod contract;
mod export;
mod recovery;
mod tokens;

use constellation_tests::{error_code, spawn_app, unique_email, PASSWORD};
use serde_json::json;

#[tokio::test]
async fn a_newcomer_registers_logs_in_and_sees_their_profile() {
    let app = spawn_app().await;
    let email = unique_email("ana");
    let r = app.register(&email, PASSWORD, "  Ana   Dupont ").await;
    assert!(r["errors"].is_null(), "{r}");
    assert_eq!(r["data"]["register"]["displayName"], "Ana Dupont");
    assert_eq!(r["data"]["register"]["language"], "FR");

    let l = app.login(&email.to_uppercase(), PASSWORD).await;
    let token = l["data"]["login"]["token"].as_str().expect("token");
    let me = app
        .gql(
            Some(token),
            "{ me { id email displayName membershipKind isBoard isAdmin language } }",
            json!({}),
        )
        .await;
    assert_eq!(me["data"]["me"]["email"], email.as_str());
    assert_eq!(me["data"]["me"]["id"], r["data"]["register"]["id"]);
}

#[tokio::test]
async fn the_first_account_is_admin_and_board_the_next_ones_are_sympathisers() {
    let app = spawn_app().await;
    let first = app
        .register(&unique_email("first"), PASSWORD, "First")
        .await;
    let second = app
        .register(&unique_email("second"), PASSWORD, "Second")
        .await;
    assert_eq!(first["data"]["register"]["isAdmin"], true);
    assert_eq!(first["data"]["register"]["isBoard"], true);
    assert_eq!(first["data"]["register"]["membershipKind"], "EFFECTIVE");
    assert_eq!(second["data"]["register"]["isAdmin"], false);
    assert_eq!(second["data"]["register"]["isBoard"], false);
    assert_eq!(second["data"]["register"]["membershipKind"], "SYMPATHIZER");
}

#[tokio::test]
async fn anonymous_me_is_null() {
    let app = spawn_app().await;
    let me = app.gql(None, "{ me { id } }", json!({})).await;
    assert!(me["errors"].is_null(), "{me}");
    assert!(me["data"]["me"].is_null());
}

#[tokio::test]
async fn a_duplicate_email_in_any_case_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let email = unique_email("dup");
    app.register(&email, PASSWORD, "One").await;
    let before = app.count("users").await;
    let r = app.register(&email.to_uppercase(), PASSWORD, "Two").await;
    assert_eq!(error_code(&r), Some("EMAIL_TAKEN"), "{r}");
    let r = app
        .register(&format!("  {email} "), PASSWORD, "Three")
        .await;
    assert_eq!(error_code(&r), Some("EMAIL_TAKEN"), "{r}");
    assert_eq!(app.count("users").await, before);
}

#[tokio::test]
async fn simultaneous_registrations_with_one_address_create_one_account() {
    let app = spawn_app().await;
    let email = unique_email("race");
    let attempts = (0..8).map(|i| {
        let app = &app;
        let email = email.clone();
        async move { app.register(&email, PASSWORD, &format!("Racer {i}")).await }
    });
    let results = futures_util::future::join_all(attempts).await;
    let ok = results.iter().filter(|r| r["errors"].is_null()).count();
    assert_eq!(ok, 1, "{results:?}");
    for r in results.iter().filter(|r| !r["errors"].is_null()) {
        assert_eq!(error_code(r), Some("EMAIL_TAKEN"), "{r}");
    }
    assert_eq!(app.count("users").await, 1);
}

#[tokio::test]
async fn bad_inputs_get_a_field_and_reason_and_change_nothing() {
    let app = spawn_app().await;
    let cases = [
        ("not-an-email", PASSWORD, "Ana", "email", "EMAIL_FORMAT"),
        ("", PASSWORD, "Ana", "email", "REQUIRED"),
        (
            "ana@example.org",
            "short",
            "Ana",
            "password",
            "PASSWORD_TOO_SHORT",
        ),
        (
            "ana@example.org",
            &"x".repeat(129),
            "Ana",
            "password",
            "PASSWORD_TOO_LONG",
        ),
        (
            "ana@example.org",
            "ana@example.org",
            "Ana",
            "password",
            "PASSWORD_SAME_AS_EMAIL",
        ),
        (
            "ana@example.org",
            PASSWORD,
            "   ",
            "displayName",
            "REQUIRED",
        ),
        (
            "ana@example.org",
            PASSWORD,
            &"n".repeat(81),
            "displayName",
            "TOO_LONG",
        ),
    ];
    for (email, pw, name, field, reason) in cases {
        let r = app.register(email, pw, name).await;
        assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
        assert_eq!(r["errors"][0]["extensions"]["field"], field, "{r}");
        assert_eq!(r["errors"][0]["extensions"]["reason"], reason, "{r}");
    }
    assert_eq!(app.count("users").await, 0);
    assert_eq!(app.count("audit_log").await, 0);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let user = app.signup("Bea").await;
    let wrong = app.login(&user.email, "not the password at all").await;
    let unknown = app.login(&unique_email("nobody"), PASSWORD).await;
    assert_eq!(error_code(&wrong), Some("INVALID_CREDENTIALS"));
    assert_eq!(error_code(&unknown), Some("INVALID_CREDENTIALS"));
    assert_eq!(
        wrong["errors"][0]["message"],
        unknown["errors"][0]["message"]
    );
    assert!(wrong["data"].is_null() || wrong["data"]["login"].is_null());
}

#[tokio::test]
async fn login_is_rate_limited_per_account() {
    let app = spawn_app().await;
    let victim = app.signup("Victim").await;
    let other = app.signup("Other").await;
    for _ in 0..app.config.login_max_failures_per_account {
        let r = app.login(&victim.email, "wrong password here").await;
        assert_eq!(error_code(&r), Some("INVALID_CREDENTIALS"));
    }
    // Past the limit even the right password is refused…
    let r = app.login(&victim.email, PASSWORD).await;
    assert_eq!(error_code(&r), Some("RATE_LIMITED"), "{r}");
    let r = app.login(&victim.email.to_uppercase(), PASSWORD).await;
    assert_eq!(error_code(&r), Some("RATE_LIMITED"), "{r}");
    // …while another account from the same address still logs in.
    let r = app.login(&other.email, PASSWORD).await;
    assert!(r["data"]["login"]["token"].is_string(), "{r}");
}

#[tokio::test]
async fn login_is_rate_limited_per_address() {
    let app = constellation_tests::spawn_app_with(|c| c.login_max_failures_per_address = 3).await;
    let user = app.signup("Dana").await;
    for i in 0..3 {
        let r = app
            .login(&unique_email(&format!("guess{i}")), PASSWORD)
            .await;
        assert_eq!(error_code(&r), Some("INVALID_CREDENTIALS"));
    }
    let r = app.login(&user.email, PASSWORD).await;
    assert_eq!(error_code(&r), Some("RATE_LIMITED"), "{r}");
}

#[tokio::test]
async fn a_member_edits_their_profile_and_language() {
    let app = spawn_app().await;
    let u = app.signup("Eli").await;
    let r = app
        .gql(
            Some(&u.token),
            "mutation($i: ProfileInput!) { updateProfile(input: $i) { displayName language } }",
            json!({ "i": { "displayName": "Eli Martin", "language": "EN" } }),
        )
        .await;
    assert_eq!(
        r["data"]["updateProfile"]["displayName"], "Eli Martin",
        "{r}"
    );
    assert_eq!(r["data"]["updateProfile"]["language"], "EN");
    let bad = app
        .gql(
            Some(&u.token),
            "mutation($i: ProfileInput!) { updateProfile(input: $i) { displayName } }",
            json!({ "i": { "displayName": "" } }),
        )
        .await;
    assert_eq!(error_code(&bad), Some("VALIDATION"));
    let me = app
        .gql(Some(&u.token), "{ me { displayName } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["displayName"], "Eli Martin");
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one() {
    let app = spawn_app().await;
    let u = app.signup("Fay").await;
    let q = "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }";
    let r = app
        .gql(
            Some(&u.token),
            q,
            json!({ "c": "wrong wrong wrong", "n": "a brand new passphrase" }),
        )
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"));
    assert_eq!(r["errors"][0]["extensions"]["field"], "currentPassword");
    let r = app
        .gql(Some(&u.token), q, json!({ "c": PASSWORD, "n": "short" }))
        .await;
    assert_eq!(r["errors"][0]["extensions"]["field"], "newPassword", "{r}");
    let r = app
        .gql(
            Some(&u.token),
            q,
            json!({ "c": PASSWORD, "n": "a brand new passphrase" }),
        )
        .await;
    assert_eq!(r["data"]["changePassword"], true, "{r}");
    assert_eq!(
        error_code(&app.login(&u.email, PASSWORD).await),
        Some("INVALID_CREDENTIALS")
    );
    assert!(
        app.login(&u.email, "a brand new passphrase").await["data"]["login"]["token"].is_string()
    );
}

#[tokio::test]
async fn deleting_my_account_anonymises_me_and_keeps_the_record() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let u = app.signup("Gil").await;
    let q = "mutation($p: String!) { deleteMyAccount(password: $p) }";
    let r = app
        .gql(Some(&u.token), q, json!({ "p": "not my password" }))
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"));
    let r = app.gql(Some(&u.token), q, json!({ "p": PASSWORD })).await;
    assert_eq!(r["data"]["deleteMyAccount"], true, "{r}");

    // The old token and the old password no longer work.
    let me = app.gql(Some(&u.token), "{ me { id } }", json!({})).await;
    assert_eq!(error_code(&me), Some("UNAUTHENTICATED"));
    assert_eq!(
        error_code(&app.login(&u.email, PASSWORD).await),
        Some("INVALID_CREDENTIALS")
    );
    // The address is free again.
    let again = app.register(&u.email, PASSWORD, "Gil again").await;
    assert!(again["errors"].is_null(), "{again}");

    // The audit log keeps the facts, without the person.
    let log = app
        .gql(
            Some(&admin.token),
            "{ auditLog(first: 50) { edges { node { action targetId diff actor { id displayName isDeleted } } } } }",
            json!({}),
        )
        .await;
    let edges = log["data"]["auditLog"]["edges"]
        .as_array()
        .expect("edges")
        .clone();
    let theirs: Vec<_> = edges
        .iter()
        .filter(|e| e["node"]["targetId"] == u.id.as_str())
        .collect();
    assert!(theirs
        .iter()
        .any(|e| e["node"]["action"] == "account.delete"));
    assert!(theirs
        .iter()
        .any(|e| e["node"]["action"] == "account.register"));
    for e in &theirs {
        assert!(!e.to_string().contains("Gil"), "personal data left: {e}");
        assert_eq!(e["node"]["actor"]["isDeleted"], true);
    }
}

#[tokio::test]
async fn the_last_admin_cannot_leave_or_be_demoted() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let r = app
        .gql(
            Some(&admin.token),
            "mutation($p: String!) { deleteMyAccount(password: $p) }",
            json!({ "p": PASSWORD }),
        )
        .await;
    assert_eq!(error_code(&r), Some("LAST_ADMIN"), "{r}");
    let r = app
        .gql(
            Some(&admin.token),
            "mutation($id: ID!) { setRoles(userId: $id, isAdmin: false) { isAdmin } }",
            json!({ "id": admin.id }),
        )
        .await;
    assert_eq!(error_code(&r), Some("LAST_ADMIN"), "{r}");
    let me = app
        .gql(Some(&admin.token), "{ me { isAdmin } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["isAdmin"], true);
}

#[tokio::test]
async fn members_are_listed_page_by_page_for_the_board() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    for i in 0..5 {
        app.signup(&format!("Member {i}")).await;
    }
    let q = "query($after: String) { users(first: 2, after: $after) { edges { cursor node { displayName } } pageInfo { hasNextPage endCursor } } }";
    let mut names = vec![];
    let mut after: Option<String> = None;
    loop {
        let r = app
            .gql(Some(&admin.token), q, json!({ "after": after }))
            .await;
        let conn = &r["data"]["users"];
        for e in conn["edges"].as_array().expect("edges") {
            names.push(
                e["node"]["displayName"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        if conn["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = conn["pageInfo"]["endCursor"].as_str().map(str::to_owned);
    }
    assert_eq!(
        names,
        ["Admin", "Member 0", "Member 1", "Member 2", "Member 3", "Member 4"]
    );
    let r = app
        .gql(
            Some(&admin.token),
            "{ users(first: 1000) { edges { cursor } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"));
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let app = spawn_app().await;
    let first = app.signup("First").await;
    let second = app.signup("Second").await;
    app.set_roles(&first, &second, json!({ "admin": true }))
        .await;
    let q = "mutation($id: ID!) { setRoles(userId: $id, isAdmin: false) { isAdmin } }";
    let (a, b) = tokio::join!(
        app.gql(Some(&first.token), q, json!({ "id": second.id })),
        app.gql(Some(&second.token), q, json!({ "id": first.id }))
    );
    let outcomes = [error_code(&a), error_code(&b)];
    // Whoever goes second is either no longer an admin, would remove the last one, or was
    // signed out by the first one's change (losing a right ends the person's sessions).
    assert!(outcomes.contains(&None), "{a} {b}");
    assert!(
        outcomes.iter().any(|o| matches!(
            o,
            Some("LAST_ADMIN") | Some("FORBIDDEN") | Some("UNAUTHENTICATED")
        )),
        "{a} {b}"
    );
    let admins = app
        .gql(
            Some(&first.token),
            "{ users { edges { node { isAdmin } } } }",
            json!({}),
        )
        .await;
    let admins2 = app
        .gql(
            Some(&second.token),
            "{ users { edges { node { isAdmin } } } }",
            json!({}),
        )
        .await;
    let count = |r: &serde_json::Value| {
        r["data"]["users"]["edges"].as_array().map_or(0, |e| {
            e.iter().filter(|n| n["node"]["isAdmin"] == true).count()
        })
    };
    assert_eq!(count(&admins).max(count(&admins2)), 1, "{admins} {admins2}");
}

#[tokio::test]
async fn simultaneous_wrong_passwords_get_no_more_guesses_than_the_limit() {
    let app = constellation_tests::spawn_app().await;
    let victim = app.signup("Victim").await;
    let limit = app.config.login_max_failures_per_account as usize;
    let attempts = (0..limit * 4).map(|i| {
        let app = &app;
        let email = victim.email.clone();
        async move { app.login(&email, &format!("wrong password {i}")).await }
    });
    let answers = futures_util::future::join_all(attempts).await;
    let checked = answers
        .iter()
        .filter(|r| constellation_tests::error_code(r) == Some("INVALID_CREDENTIALS"))
        .count();
    let limited = answers
        .iter()
        .filter(|r| constellation_tests::error_code(r) == Some("RATE_LIMITED"))
        .count();
    assert!(
        checked <= limit,
        "{checked} passwords were checked, the limit is {limit}"
    );
    assert_eq!(checked + limited, limit * 4, "{answers:?}");
    // Locked: even the right password waits for the window.
    let r = app
        .login(&victim.email, "correct horse battery staple")
        .await;
    assert_eq!(
        constellation_tests::error_code(&r),
        Some("RATE_LIMITED"),
        "{r}"
    );
}

#[tokio::test]
async fn registrations_are_limited_per_address_and_long_emails_refused() {
    let app = constellation_tests::spawn_app_with(|c| c.register_max_per_address = 3).await;
    for i in 0..3 {
        let r = app
            .register(
                &constellation_tests::unique_email(&format!("r{i}")),
                "correct horse battery staple",
                "R",
            )
            .await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let r = app
        .register(
            &constellation_tests::unique_email("r4"),
            "correct horse battery staple",
            "R",
        )
        .await;
    assert_eq!(
        constellation_tests::error_code(&r),
        Some("RATE_LIMITED"),
        "{r}"
    );
    let long = format!("{}@example.org", "a".repeat(300));
    let r = app.login(&long, "whatever password").await;
    assert_eq!(
        constellation_tests::error_code(&r),
        Some("INVALID_CREDENTIALS"),
        "{r}"
    );
    // Four registration attempts (the refused one counts too); the long address wrote none.
    assert_eq!(app.count("login_attempts").await, 4);
}
