//! The smaller pages of the reach issue, in Chromium: a member whose address is not confirmed
//! asks for the link again from the profile; an administrator sees a mail the outbox gave up
//! on and queues it again; the board imports a roster file from the members page.

use crate::labs::sign_in;
use crate::support::{assert_no_csp_violations, click, start, wait_until};
use constellation_backend::entities::outbox_mail;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

#[tokio::test]
async fn a_member_asks_again_for_the_confirmation_link_from_the_profile() {
    let s = start().await;
    let member = s.app.signup("Unconfirmed").await;
    let page = s.open("/").await;
    sign_in(&s, &page, &member).await;
    wait_until(
        &page,
        "!!document.querySelector('#verify-pending #verify-resend')",
        "the unconfirmed address said on the profile",
    )
    .await;
    let before = s
        .app
        .count(&format!(
            "outbox_mails WHERE kind = 'VERIFY' AND to_address = '{}'",
            member.email
        ))
        .await;
    click(&page, "#verify-resend").await;
    wait_until(
        &page,
        "document.querySelector('#verify-pending .form-note')?.textContent.trim().length > 0",
        "the new link announced",
    )
    .await;
    let after = s
        .app
        .count(&format!(
            "outbox_mails WHERE kind = 'VERIFY' AND to_address = '{}'",
            member.email
        ))
        .await;
    assert_eq!(after, before + 1, "one more confirmation mail");
    assert_no_csp_violations(&page).await;
}

#[tokio::test]
async fn an_administrator_queues_a_failed_mail_again_and_the_board_imports_a_roster_file() {
    let s = start().await;
    let admin = s.app.signup("Admin").await;
    s.app
        .set_roles(&admin, &admin, json!({ "kind": "EFFECTIVE" }))
        .await;
    // A mail the outbox gave up on (the registration's confirmation of another member).
    let other = s.app.signup("Bounced").await;
    outbox_mail::Entity::update_many()
        .col_expr(outbox_mail::Column::Status, Expr::value("FAILED"))
        .col_expr(outbox_mail::Column::Attempts, Expr::value(8))
        .col_expr(
            outbox_mail::Column::LastError,
            Expr::value(Some("550 mailbox unavailable")),
        )
        .filter(outbox_mail::Column::ToAddress.eq(other.email.as_str()))
        .exec(&s.app.db)
        .await
        .expect("fail the mail");

    let page = s.open("/").await;
    sign_in(&s, &page, &admin).await;
    click(&page, "#nav-mail").await;
    wait_until(
        &page,
        &format!(
            "!!document.querySelector('#mail-failures tr[data-recipient={}] button.retry')",
            json!(other.email)
        ),
        "the failed mail listed",
    )
    .await;
    let error = page
        .evaluate("document.querySelector('#mail-failures tbody').textContent")
        .await
        .expect("evaluate")
        .into_value::<String>()
        .expect("text");
    assert!(error.contains("550 mailbox unavailable"), "{error}");
    click(&page, "#mail-failures button.retry").await;
    wait_until(
        &page,
        "!!document.querySelector('#failures-empty')",
        "the list emptied once the mail is queued again",
    )
    .await;
    assert_eq!(s.app.count("outbox_mails WHERE status = 'FAILED'").await, 0);

    // The roster file, chosen in the page (a File put into the input, as a drop would).
    page.goto(format!("{}/members", s.app.url))
        .await
        .expect("goto");
    wait_until(
        &page,
        "!!document.querySelector('#import-file')",
        "the import form",
    )
    .await;
    let csv = "name,email,kind\nAnne Roster,anne.roster@example.org,effective\nBen Roster,ben.roster@example.org,adhérent\n";
    page.evaluate(format!(
        "(() => {{ const dt = new DataTransfer(); dt.items.add(new File([{csv}], 'roster.csv', {{ type: 'text/csv' }})); const i = document.querySelector('#import-file'); i.files = dt.files; i.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()",
        csv = json!(csv)
    ))
    .await
    .expect("choose the file");
    click(&page, "#import-submit").await;
    wait_until(
        &page,
        "!!document.querySelector('#invite-sent')",
        "the roster invited",
    )
    .await;
    assert_eq!(
        s.app
            .count("mail_tokens WHERE purpose = 'INVITE' AND membership_kind = 'EFFECTIVE'")
            .await,
        1
    );
    assert_eq!(
        s.app
            .count("mail_tokens WHERE purpose = 'INVITE' AND membership_kind = 'ADHERENT'")
            .await,
        1
    );
    assert_no_csp_violations(&page).await;
}
