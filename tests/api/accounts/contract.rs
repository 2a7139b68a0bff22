//! The accounts documents (`shared::queries::accounts`) run against the real schema, each
//! answer decoded into its shared response type: registration, sign-in, profile, password,
//! deletion, then recovery and the outbox (password reset, verification, mail failures).

use super::recovery::{member, reset_mails, NEW_PASSWORD};
use crate::contract::send;
use crate::reach::mail::{cast, mail_app, wait_row, WAIT};
use constellation_shared::dto::accounts::{ProfileInput, RegisterInput};
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::accounts as q;
use constellation_shared::Language;
use constellation_tests::smtp::SmtpServer;
use constellation_tests::{spawn_app, unique_email, PASSWORD};

#[tokio::test]
async fn every_frontend_document_runs_against_the_schema() {
    let app = spawn_app().await;
    let email = unique_email("contract");
    let mut tested = Vec::new();

    let r: q::RegisterData = send(
        &app,
        None,
        q::REGISTER,
        q::RegisterVars {
            input: RegisterInput {
                email: email.clone(),
                password: PASSWORD.into(),
                display_name: "Contract".into(),
                language: Some(Language::En),
            },
        },
    )
    .await;
    assert_eq!(r.register.language, Language::En);
    tested.push(q::REGISTER);

    let l: q::LoginData = send(
        &app,
        None,
        q::LOGIN,
        q::LoginVars {
            email: email.clone(),
            password: PASSWORD.into(),
        },
    )
    .await;
    let token = l.login.token.clone();
    assert_eq!(l.login.user.id, r.register.id);
    tested.push(q::LOGIN);

    let me: q::MeData = send(
        &app,
        Some(&token),
        q::ME,
        constellation_shared::graphql::NoVars {},
    )
    .await;
    assert_eq!(me.me.map(|m| m.email), Some(email.clone()));
    tested.push(q::ME);

    let u: q::UpdateProfileData = send(
        &app,
        Some(&token),
        q::UPDATE_PROFILE,
        q::UpdateProfileVars {
            input: ProfileInput {
                display_name: Some("Contract Two".into()),
                language: Some(Language::Fr),
            },
        },
    )
    .await;
    assert_eq!(u.update_profile.display_name, "Contract Two");
    tested.push(q::UPDATE_PROFILE);

    let c: q::ChangePasswordData = send(
        &app,
        Some(&token),
        q::CHANGE_PASSWORD,
        q::ChangePasswordVars {
            current_password: PASSWORD.into(),
            new_password: "another passphrase".into(),
        },
    )
    .await;
    assert!(c.change_password);
    tested.push(q::CHANGE_PASSWORD);
    // The change ended every session (tokens carry the account's version): sign in again.
    let relogin = app.login(&email, "another passphrase").await;
    let token = relogin["data"]["login"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("login: {relogin}"))
        .to_owned();

    // The first account is the only admin; give it company so it may leave.
    let other = app.signup("Other admin").await;
    let _ = &other;
    let promote = app
        .gql(
            Some(&token),
            "mutation($id: ID!) { setRoles(userId: $id, isAdmin: true) { id } }",
            serde_json::json!({ "id": other.id }),
        )
        .await;
    assert!(promote["errors"].is_null(), "{promote}");
    let d: q::DeleteMyAccountData = send(
        &app,
        Some(&token),
        q::DELETE_MY_ACCOUNT,
        q::DeleteMyAccountVars {
            password: "another passphrase".into(),
        },
    )
    .await;
    assert!(d.delete_my_account);
    tested.push(q::DELETE_MY_ACCOUNT);

    assert_eq!(tested, ACCOUNT_DOCS);
}

pub(crate) const ACCOUNT_DOCS: &[&str] = &[
    q::REGISTER,
    q::LOGIN,
    q::ME,
    q::UPDATE_PROFILE,
    q::CHANGE_PASSWORD,
    q::DELETE_MY_ACCOUNT,
];

/// The recovery and outbox documents (`recovery.rs`, `reach/outbox.rs`), run by the contract
/// test below.
pub(crate) const RECOVERY_DOCS: &[&str] = &[
    q::REQUEST_PASSWORD_RESET,
    q::RESET_PASSWORD,
    q::RESEND_VERIFICATION,
    q::VERIFY_EMAIL,
    q::MAIL_FAILURES,
    q::RETRY_MAIL,
    q::MAIL_DELIVERIES,
];

#[tokio::test]
async fn every_recovery_and_outbox_document_runs_against_the_schema() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let c = cast(&app).await;
    let (email, session, _) = member(&app, "Ines", "EN").await;
    let mut tested = Vec::new();

    let r: q::RequestPasswordResetData = send(
        &app,
        None,
        q::REQUEST_PASSWORD_RESET,
        q::RequestPasswordResetVars {
            email: email.clone(),
        },
    )
    .await;
    assert!(r.request_password_reset);
    tested.push(q::REQUEST_PASSWORD_RESET);
    let token = reset_mails(&smtp, &email, 1).await[0]
        .token("/reset-password")
        .expect("token");
    let r: q::ResetPasswordData = send(
        &app,
        None,
        q::RESET_PASSWORD,
        q::ResetPasswordVars {
            token,
            new_password: NEW_PASSWORD.into(),
        },
    )
    .await;
    assert!(r.reset_password);
    tested.push(q::RESET_PASSWORD);
    let _ = session;
    let l = app.login(&email, NEW_PASSWORD).await;
    let session = l["data"]["login"]["token"]
        .as_str()
        .expect("token")
        .to_owned();

    // The reset verified the address: a sympathiser's link serves for the rest.
    let r: q::ResendVerificationData = send(
        &app,
        Some(&c.sympathiser.token),
        q::RESEND_VERIFICATION,
        NoVars {},
    )
    .await;
    assert!(r.resend_verification);
    tested.push(q::RESEND_VERIFICATION);
    let got = smtp.wait_for_to(&c.sympathiser.email, 2, WAIT).await;
    let token = got
        .last()
        .and_then(|m| m.token("/verify-email"))
        .expect("token");
    let r: q::VerifyEmailData =
        send(&app, None, q::VERIFY_EMAIL, q::VerifyEmailVars { token }).await;
    assert!(r.verify_email);
    tested.push(q::VERIFY_EMAIL);

    let refused = unique_email("reject-contract");
    let mut m = crate::reach::mail::mail(&refused, "contract-refused");
    m.about = Some(("assembly".into(), "a1".into()));
    constellation_backend::domain::reach::mail::enqueue(&app.db, m)
        .await
        .expect("enqueue");
    app.state.mailer.wake();
    let row = wait_row(&app, &refused, |r| r.status == "FAILED").await;
    let f: q::MailFailuresData = send(
        &app,
        Some(&c.admin.token),
        q::MAIL_FAILURES,
        q::MailFailuresVars {
            first: Some(10),
            after: None,
        },
    )
    .await;
    let node = f
        .mail_failures
        .nodes()
        .find(|n| n.recipient == refused)
        .expect("the refused mail");
    assert_eq!(node.status, q::MailStatus::Failed);
    assert_eq!(node.id, row.id.to_string());
    tested.push(q::MAIL_FAILURES);
    let r: q::RetryMailData = send(
        &app,
        Some(&c.admin.token),
        q::RETRY_MAIL,
        q::RetryMailVars {
            id: row.id.to_string(),
        },
    )
    .await;
    assert_eq!(r.retry_mail.status, q::MailStatus::Pending);
    tested.push(q::RETRY_MAIL);
    let d: q::MailDeliveriesData = send(
        &app,
        Some(&c.board.token),
        q::MAIL_DELIVERIES,
        q::MailDeliveriesVars {
            subject_type: "assembly".into(),
            subject_id: "a1".into(),
            first: Some(10),
            after: None,
        },
    )
    .await;
    assert_eq!(d.mail_deliveries.nodes().count(), 1);
    tested.push(q::MAIL_DELIVERIES);
    let _ = session;

    let mut expected = RECOVERY_DOCS.to_vec();
    expected.sort();
    tested.sort();
    assert_eq!(tested, expected);
}
