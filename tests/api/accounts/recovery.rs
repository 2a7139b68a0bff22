//! Password reset and e-mail verification, through the mails a real SMTP server received:
//! the same answer for every address, the link working once and within its hour, old
//! sessions ending, the verification at registration, bad input, and who may do what.
//! The frontend's documents run in `contract.rs`.

use crate::reach::mail::{cast, mail_app, outbox, wait_row, WAIT};
use constellation_backend::entities::{audit_log, mail_token};
use constellation_tests::smtp::{ReceivedMail, SmtpServer};
use constellation_tests::{error_code, unique_email, TestApp, PASSWORD};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use std::time::Duration;

const REQUEST: &str = "mutation($e: String!) { requestPasswordReset(email: $e) }";
const RESET: &str =
    "mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }";
const VERIFY: &str = "mutation($t: String!) { verifyEmail(token: $t) }";
const RESEND: &str = "mutation { resendVerification }";
pub(super) const NEW_PASSWORD: &str = "a brand new passphrase";

async fn request_reset(app: &TestApp, email: &str) -> Value {
    app.gql(None, REQUEST, json!({ "e": email })).await
}

async fn reset(app: &TestApp, token: &str, password: &str) -> Value {
    app.gql(None, RESET, json!({ "t": token, "p": password }))
        .await
}

/// Registers in `lang` and returns (email, session token, id).
pub(super) async fn member(app: &TestApp, name: &str, lang: &str) -> (String, String, String) {
    let email = unique_email(&name.to_lowercase());
    let r = app
        .gql(
            None,
            "mutation($input: RegisterInput!) { register(input: $input) { id } }",
            json!({ "input": { "email": email, "password": PASSWORD, "displayName": name, "language": lang } }),
        )
        .await;
    let id = r["data"]["register"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("register: {r}"))
        .to_owned();
    let l = app.login(&email, PASSWORD).await;
    let token = l["data"]["login"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("login: {l}"))
        .to_owned();
    (email, token, id)
}

/// The reset mails `email` received, waiting for the `n`-th.
pub(super) async fn reset_mails(smtp: &SmtpServer, email: &str, n: usize) -> Vec<ReceivedMail> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let got: Vec<ReceivedMail> = smtp
            .messages_to(email)
            .into_iter()
            .filter(|m| m.link("/reset-password").is_some())
            .collect();
        if got.len() >= n {
            return got;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "expected {n} reset mails to {email}, got {}",
            got.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn verify_mail(smtp: &SmtpServer, email: &str) -> ReceivedMail {
    let got = smtp.wait_for_to(email, 1, WAIT).await;
    got.into_iter()
        .find(|m| m.link("/verify-email").is_some())
        .unwrap_or_else(|| panic!("no verification mail to {email}"))
}

fn field(r: &Value) -> Option<&str> {
    r["errors"][0]["extensions"]["field"].as_str()
}

#[tokio::test]
async fn a_reset_request_answers_the_same_for_any_address_and_mails_only_accounts() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let (email, _, _) = member(&app, "Ana", "EN").await;
    verify_mail(&smtp, &email).await;

    let unknown = unique_email("nobody");
    let a = request_reset(&app, &unknown).await;
    let b = request_reset(&app, &email.to_uppercase()).await;
    assert_eq!(a, json!({ "data": { "requestPasswordReset": true } }));
    assert_eq!(a, b, "the answer says nothing about the address");

    let mails = reset_mails(&smtp, &email, 1).await;
    let m = &mails[0];
    assert_eq!(m.envelope_to, vec![email.clone()]);
    assert_eq!(m.subject, "Reset your Constellation password");
    assert_eq!(m.header("Content-Language"), Some("en"));
    assert_eq!(
        m.header("List-Unsubscribe"),
        None,
        "asked for: no unsubscribe"
    );
    assert!(m.text.starts_with("Hello Ana,"), "{}", m.text);
    let link = m.link("/reset-password").expect("a link");
    assert!(
        link.starts_with(&format!("{}/reset-password?token=", app.config.public_url)),
        "{link}"
    );
    assert!(m.html.contains("/reset-password?token="), "{}", m.html);
    // Nothing went to the unknown address, nor was anything written for it.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(smtp.messages_to(&unknown).is_empty());
    assert!(outbox(&app)
        .await
        .iter()
        .all(|r| !r.to_address.eq_ignore_ascii_case(&unknown)));
    // The sent reset mail no longer keeps the link in the outbox.
    let row = wait_row(&app, &email, |r| r.kind == "RESET" && r.status == "SENT").await;
    assert!(row.text_body.is_empty() && row.html_body.is_empty());

    // A malformed address is a clear error, not a silent true.
    let r = request_reset(&app, "not an address").await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    assert_eq!(field(&r), Some("email"));
}

#[tokio::test]
async fn the_reset_link_works_once_and_ends_the_old_sessions() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let (email, session, id) = member(&app, "Bea", "FR").await;
    request_reset(&app, &email).await;
    let m = reset_mails(&smtp, &email, 1).await.remove(0);
    assert_eq!(m.subject, "Réinitialiser votre mot de passe Constellation");
    assert_eq!(m.header("Content-Language"), Some("fr"));
    assert!(m.text.starts_with("Bonjour Bea,"), "{}", m.text);
    let token = m.token("/reset-password").expect("token");

    let r = reset(&app, &token, NEW_PASSWORD).await;
    assert_eq!(r, json!({ "data": { "resetPassword": true } }));
    // The old session is over; the old password too; the new one works.
    let me = app.gql(Some(&session), "{ me { id } }", json!({})).await;
    assert_eq!(error_code(&me), Some("UNAUTHENTICATED"), "{me}");
    let old = app.login(&email, PASSWORD).await;
    assert_eq!(error_code(&old), Some("INVALID_CREDENTIALS"), "{old}");
    let new = app.login(&email, NEW_PASSWORD).await;
    let fresh = new["data"]["login"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{new}"))
        .to_owned();
    // Following the link proved the address.
    let me = app
        .gql(Some(&fresh), "{ me { id emailVerified } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"], json!({ "id": id, "emailVerified": true }));

    // Used: refused, and the password stays the new one.
    let again = reset(&app, &token, "yet another passphrase").await;
    assert_eq!(error_code(&again), Some("VALIDATION"), "{again}");
    assert_eq!(field(&again), Some("token"));
    assert!(app.login(&email, NEW_PASSWORD).await["errors"].is_null());

    let actions: Vec<String> = audit_log::Entity::find()
        .filter(audit_log::Column::TargetId.eq(id.as_str()))
        .all(&app.db)
        .await
        .expect("audit rows")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.iter().any(|a| a == "account.reset_password"),
        "{actions:?}"
    );
}

#[tokio::test]
async fn a_new_reset_link_voids_the_older_one() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let (email, _, _) = member(&app, "Cleo", "EN").await;
    request_reset(&app, &email).await;
    let first = reset_mails(&smtp, &email, 1).await[0]
        .token("/reset-password")
        .expect("token");
    request_reset(&app, &email).await;
    let mails = reset_mails(&smtp, &email, 2).await;
    let second = mails
        .iter()
        .filter_map(|m| m.token("/reset-password"))
        .find(|t| *t != first)
        .expect("a second token");
    let r = reset(&app, &first, NEW_PASSWORD).await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    let r = reset(&app, &second, NEW_PASSWORD).await;
    assert!(r["errors"].is_null(), "{r}");
}

#[tokio::test]
async fn an_expired_reset_link_is_refused_and_changes_nothing() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let (email, session, _) = member(&app, "Dan", "EN").await;
    request_reset(&app, &email).await;
    let token = reset_mails(&smtp, &email, 1).await[0]
        .token("/reset-password")
        .expect("token");
    // An hour and a bit later.
    mail_token::Entity::update_many()
        .col_expr(
            mail_token::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .filter(mail_token::Column::Purpose.eq("RESET"))
        .filter(mail_token::Column::Email.eq(email.to_lowercase()))
        .exec(&app.db)
        .await
        .expect("expire");
    let r = reset(&app, &token, NEW_PASSWORD).await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    assert_eq!(field(&r), Some("token"));
    assert!(app.login(&email, PASSWORD).await["errors"].is_null());
    let me = app.gql(Some(&session), "{ me { id } }", json!({})).await;
    assert!(me["errors"].is_null(), "the session goes on: {me}");
}

#[tokio::test]
async fn bad_reset_input_gets_a_clear_error_and_keeps_the_token() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let (email, _, _) = member(&app, "Eve", "EN").await;
    request_reset(&app, &email).await;
    let token = reset_mails(&smtp, &email, 1).await[0]
        .token("/reset-password")
        .expect("token");
    for (t, p, f, reason) in [
        (token.as_str(), "short", "newPassword", "PASSWORD_TOO_SHORT"),
        (
            token.as_str(),
            email.as_str(),
            "newPassword",
            "PASSWORD_SAME_AS_EMAIL",
        ),
        ("", NEW_PASSWORD, "token", "REQUIRED"),
        (
            "0123456789abcdef0123456789abcdef",
            NEW_PASSWORD,
            "token",
            "INVALID",
        ),
    ] {
        let r = reset(&app, t, p).await;
        assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
        assert_eq!(field(&r), Some(f), "{r}");
        assert_eq!(r["errors"][0]["extensions"]["reason"], reason, "{r}");
    }
    let long = "x".repeat(100_000);
    let r = reset(&app, &long, NEW_PASSWORD).await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    // A verification token is not a reset token.
    let verify = verify_mail(&smtp, &email).await.token("/verify-email");
    let r = reset(&app, &verify.expect("verify token"), NEW_PASSWORD).await;
    assert_eq!(field(&r), Some("token"), "{r}");
    // None of that used the link up.
    let r = reset(&app, &token, NEW_PASSWORD).await;
    assert!(r["errors"].is_null(), "{r}");
}

#[tokio::test]
async fn reset_requests_are_rate_limited_alike_for_known_and_unknown_addresses() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let (email, _, _) = member(&app, "Flo", "EN").await;
    let unknown = unique_email("ghost");
    for address in [&email, &unknown] {
        for _ in 0..5 {
            let r = request_reset(&app, address).await;
            assert!(r["errors"].is_null(), "{r}");
        }
        let r = request_reset(&app, address).await;
        assert_eq!(error_code(&r), Some("RATE_LIMITED"), "{address}: {r}");
    }
}

#[tokio::test]
async fn registration_mails_a_verification_link_that_works_once() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let (email, session, id) = member(&app, "Gus", "FR").await;
    let m = verify_mail(&smtp, &email).await;
    assert_eq!(m.subject, "Confirmez votre adresse e-mail");
    assert!(m.text.starts_with("Bonjour Gus,"), "{}", m.text);
    assert!(!m.html.is_empty());
    let token = m.token("/verify-email").expect("token");
    let me = app
        .gql(Some(&session), "{ me { emailVerified } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["emailVerified"], false);

    let r = app.gql(None, VERIFY, json!({ "t": token })).await;
    assert_eq!(r, json!({ "data": { "verifyEmail": true } }));
    let me = app
        .gql(Some(&session), "{ me { emailVerified } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["emailVerified"], true);
    let again = app.gql(None, VERIFY, json!({ "t": token })).await;
    assert_eq!(error_code(&again), Some("VALIDATION"), "{again}");
    assert_eq!(field(&again), Some("token"));
    // Nothing left to verify: no new link.
    let r = app.gql(Some(&session), RESEND, json!({})).await;
    assert_eq!(error_code(&r), Some("INVALID_TRANSITION"), "{r}");
    let r = app.gql(None, VERIFY, json!({ "t": "" })).await;
    assert_eq!(field(&r), Some("token"), "{r}");
    let _ = id;
}

#[tokio::test]
async fn a_new_verification_link_voids_the_older_one() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let (email, session, _) = member(&app, "Hana", "EN").await;
    let first = verify_mail(&smtp, &email)
        .await
        .token("/verify-email")
        .expect("token");
    let r = app.gql(Some(&session), RESEND, json!({})).await;
    assert_eq!(r, json!({ "data": { "resendVerification": true } }));
    let got = smtp.wait_for_to(&email, 2, WAIT).await;
    let second = got
        .iter()
        .filter_map(|m| m.token("/verify-email"))
        .find(|t| *t != first)
        .expect("a second link");
    assert_eq!(got[1].subject, "Confirm your e-mail address");
    let r = app.gql(None, VERIFY, json!({ "t": first })).await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    let r = app.gql(None, VERIFY, json!({ "t": second })).await;
    assert!(r["errors"].is_null(), "{r}");
}

#[tokio::test]
async fn every_role_may_recover_but_only_the_signed_in_may_ask_for_a_new_link() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let c = cast(&app).await;
    // Anonymous: the open mutations answer, resending needs a session.
    let r = request_reset(&app, &unique_email("anon")).await;
    assert!(r["errors"].is_null(), "{r}");
    let r = app.gql(None, RESEND, json!({})).await;
    assert_eq!(error_code(&r), Some("UNAUTHENTICATED"), "{r}");
    for who in [&c.sympathiser, &c.effective, &c.board, &c.admin] {
        let r = app
            .gql(Some(&who.token), REQUEST, json!({ "e": who.email }))
            .await;
        assert!(r["errors"].is_null(), "{}: {r}", who.email);
        let r = app.gql(Some(&who.token), RESEND, json!({})).await;
        assert!(r["errors"].is_null(), "{}: {r}", who.email);
        // A session does not make someone else's token good, nor a bad one.
        let r = app
            .gql(Some(&who.token), VERIFY, json!({ "t": "deadbeef" }))
            .await;
        assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
        let r = app
            .gql(
                Some(&who.token),
                RESET,
                json!({ "t": "deadbeef", "p": NEW_PASSWORD }),
            )
            .await;
        assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    }
}

#[tokio::test]
async fn email_verified_is_shown_to_the_person_and_to_admins_only() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let c = cast(&app).await;
    let users = "{ users(first: 100) { edges { node { id emailVerified } } } }";
    let verified_of = |r: &Value, id: &str| {
        r["data"]["users"]["edges"]
            .as_array()
            .and_then(|e| e.iter().find(|e| e["node"]["id"] == id))
            .map(|e| e["node"]["emailVerified"].clone())
            .unwrap_or_else(|| panic!("{id} not in {r}"))
    };
    let by_admin = app.gql(Some(&c.admin.token), users, json!({})).await;
    assert_eq!(verified_of(&by_admin, &c.sympathiser.id), json!(false));
    let by_board = app.gql(Some(&c.board.token), users, json!({})).await;
    assert_eq!(verified_of(&by_board, &c.sympathiser.id), Value::Null);
    assert_eq!(
        verified_of(&by_board, &c.board.id),
        json!(false),
        "their own"
    );
    let me = app
        .gql(
            Some(&c.sympathiser.token),
            "{ me { emailVerified } }",
            json!({}),
        )
        .await;
    assert_eq!(me["data"]["me"]["emailVerified"], false);
}
