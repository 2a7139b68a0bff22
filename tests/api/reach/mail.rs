//! The outbox and its sender against a real SMTP server (aiosmtpd): the message as it
//! arrives (parts, headers, the `.ics`), the mail server down then back, a crash between the
//! commit and the sending, two servers on one database, the `.eml` files when no SMTP is
//! configured. What became of the mails (failures, retries, a subject's sending record) is
//! tested in `outbox.rs`, with the helpers here.

use constellation_backend::domain::reach::mail::{enqueue, enqueue_many, OutgoingMail};
use constellation_backend::entities::outbox_mail;
use constellation_shared::Language;
use constellation_tests::smtp::SmtpServer;
use constellation_tests::{spawn_app_with, unique_email, TestApp, TestUser};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use secrecy::SecretString;
use serde_json::json;
use std::collections::HashSet;
use std::time::Duration;

pub(crate) const WAIT: Duration = Duration::from_secs(30);

/// An app whose mail goes to `smtp`, looking at the outbox every second.
pub(crate) async fn mail_app(smtp: &SmtpServer) -> TestApp {
    let url = smtp.url();
    spawn_app_with(move |c| {
        c.smtp_url = Some(SecretString::from(url));
        c.mail_poll_seconds = 1;
    })
    .await
}

/// A second server on the database of `first`, its mail to `smtp`.
async fn second_server(first: &TestApp, smtp: &SmtpServer) -> TestApp {
    let url = smtp.url();
    let db = first.config.database_url();
    spawn_app_with(move |c| {
        c.database_url = Some(db);
        c.smtp_url = Some(SecretString::from(url));
        c.mail_poll_seconds = 1;
    })
    .await
}

pub(crate) async fn outbox(app: &TestApp) -> Vec<outbox_mail::Model> {
    outbox_mail::Entity::find()
        .all(&app.db)
        .await
        .expect("outbox rows")
}

/// Waits until the outbox row for `to` satisfies `ok`.
pub(crate) async fn wait_row(
    app: &TestApp,
    to: &str,
    ok: impl Fn(&outbox_mail::Model) -> bool,
) -> outbox_mail::Model {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let rows: Vec<_> = outbox(app)
            .await
            .into_iter()
            .filter(|r| r.to_address.eq_ignore_ascii_case(to))
            .collect();
        if let Some(r) = rows.iter().find(|r| ok(r)) {
            return r.clone();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no outbox row to {to} in the expected state: {rows:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A mail as a producer would write it.
pub(crate) fn mail(to: &str, key: &str) -> OutgoingMail {
    OutgoingMail {
        event_key: key.to_owned(),
        user_id: None,
        to: to.to_owned(),
        kind: "TEST".into(),
        language: Language::En,
        subject: format!("Test {key}"),
        text: format!("Hello,\n\nThis is {key}.\nhttps://x.example/{key}"),
        html: format!("<p>Hello, this is {key}.</p>"),
        ics: None,
        unsubscribe: None,
        about: None,
    }
}

/// The sender is not woken by rows written behind its back: do it (or wait a poll).
pub(super) fn wake(app: &TestApp) {
    app.state.mailer.wake();
}

pub(crate) struct Cast {
    pub admin: TestUser,
    pub board: TestUser,
    pub effective: TestUser,
    pub sympathiser: TestUser,
}

pub(crate) async fn cast(app: &TestApp) -> Cast {
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    let effective = app.signup("Effective").await;
    let sympathiser = app.signup("Sympathiser").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    app.set_roles(&admin, &effective, json!({ "kind": "EFFECTIVE" }))
        .await;
    Cast {
        admin,
        board,
        effective,
        sympathiser,
    }
}

#[tokio::test]
async fn a_mail_arrives_as_text_and_html_with_its_invitation_and_unsubscribe_link() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let to = unique_email("parts");
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Constellation//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:ag-2027@constellation\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270301T180000Z\r\nSUMMARY:AG 2027\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let mut m = mail(&to, "parts-1");
    m.language = Language::Fr;
    m.subject = "Convocation : AG 2027 — ordre du jour".into();
    m.text =
        "Bonjour,\n\nL'assemblée générale aura lieu le 1er mars.\nhttps://x.example/assemblies/1"
            .into();
    m.html = "<p>Bonjour, l'assemblée générale aura lieu le 1<sup>er</sup> mars.</p>".into();
    m.ics = Some(ics.into());
    m.unsubscribe = Some("https://x.example/notifications".into());
    enqueue(&app.db, m).await.expect("enqueue");
    wake(&app);

    let got = smtp.wait_for_to(&to, 1, WAIT).await;
    let mail = &got[0];
    assert_eq!(mail.envelope_to, vec![to.clone()]);
    assert_eq!(mail.to, vec![to.clone()]);
    assert_eq!(mail.envelope_from, "noreply@localhost");
    assert_eq!(mail.subject, "Convocation : AG 2027 — ordre du jour");
    assert!(mail.text.contains("aura lieu le 1er mars"), "{}", mail.text);
    assert!(mail.html.contains("1<sup>er</sup> mars"), "{}", mail.html);
    assert_eq!(mail.header("Content-Language"), Some("fr"));
    assert_eq!(
        mail.header("List-Unsubscribe"),
        Some("<https://x.example/notifications>")
    );
    let row = wait_row(&app, &to, |r| r.status == "SENT").await;
    assert_eq!(mail.message_id, format!("{}@localhost", row.id));
    assert_eq!(row.attempts, 1);
    assert!(row.sent_at.is_some());
    let raw = String::from_utf8_lossy(&mail.raw);
    assert!(raw.contains("multipart/mixed"), "{raw}");
    assert!(raw.contains("multipart/alternative"), "{raw}");

    assert_eq!(mail.attachments.len(), 1, "{:?}", mail.attachments);
    let cal = &mail.attachments[0];
    assert!(
        cal.content_type.starts_with("text/calendar")
            && cal.content_type.contains("method=PUBLISH"),
        "{}",
        cal.content_type
    );
    assert_eq!(cal.name.as_deref(), Some("invite.ics"));
    let unfolded = icalendar::parser::unfold(&cal.body);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("the attachment is iCalendar");
    let event = parsed
        .components
        .iter()
        .find(|c| c.name == "VEVENT")
        .expect("an event");
    let prop = |n: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == n)
            .map(|p| p.val.to_string())
    };
    assert_eq!(prop("SUMMARY").as_deref(), Some("AG 2027"));
    assert_eq!(prop("DTSTART").as_deref(), Some("20270301T180000Z"));

    // Without an attachment or an unsubscribe target: a plain alternative, no header.
    let plain = unique_email("plain");
    enqueue(&app.db, mail_to_plain(&plain))
        .await
        .expect("enqueue");
    wake(&app);
    let got = smtp.wait_for_to(&plain, 1, WAIT).await;
    assert!(got[0].attachments.is_empty());
    assert_eq!(got[0].header("List-Unsubscribe"), None);
    assert!(!got[0].text.is_empty() && !got[0].html.is_empty());
}

fn mail_to_plain(to: &str) -> OutgoingMail {
    mail(to, &format!("plain:{to}"))
}

#[tokio::test]
async fn mails_written_while_the_mail_server_is_down_are_delivered_once_when_it_is_back() {
    let mut smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    smtp.stop().await;
    let to = unique_email("down");
    enqueue(&app.db, mail(&to, "down-1"))
        .await
        .expect("enqueue");
    wake(&app);

    // The try fails; the mail waits, with the reason and a later try.
    let failed = wait_row(&app, &to, |r| r.attempts == 1).await;
    assert_eq!(failed.status, "PENDING");
    assert!(failed.last_error.is_some(), "{failed:?}");
    assert!(failed.claimed_until.is_none());
    let wait = failed.next_attempt_at - chrono::Utc::now();
    assert!(
        wait > chrono::Duration::seconds(30),
        "the next try is backed off: {wait:?}"
    );
    // Polls in the meantime do not try it again before it is due.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let still = wait_row(&app, &to, |_| true).await;
    assert_eq!(still.attempts, 1);

    // The server is back; time passes (the retry falls due).
    smtp.restart().await;
    outbox_mail::Entity::update_many()
        .col_expr(
            outbox_mail::Column::NextAttemptAt,
            Expr::value(chrono::Utc::now()),
        )
        .filter(outbox_mail::Column::Id.eq(failed.id))
        .exec(&app.db)
        .await
        .expect("fast-forward");
    wake(&app);
    let got = smtp.wait_for_to(&to, 1, WAIT).await;
    assert_eq!(got.len(), 1);
    let sent = wait_row(&app, &to, |r| r.status == "SENT").await;
    assert_eq!(sent.attempts, 2, "both tries are recorded");
    // Later polls send nothing more.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(smtp.messages_to(&to).len(), 1);
}

#[tokio::test]
async fn a_mail_committed_before_a_crash_is_sent_after_the_restart() {
    let smtp = SmtpServer::start().await;
    let first = mail_app(&smtp).await;
    // The first server dies before its sender ran: the rows were committed, nothing sent.
    first.state.mailer.stop();
    let pending = unique_email("crash-pending");
    enqueue(&first.db, mail(&pending, "crash-1"))
        .await
        .expect("enqueue");
    // A sender that crashed while holding a row leaves a lease that has run out…
    let expired = unique_email("crash-expired");
    enqueue(&first.db, mail(&expired, "crash-2"))
        .await
        .expect("enqueue");
    // …or one still running, which nobody else may take until it ends.
    let held = unique_email("crash-held");
    enqueue(&first.db, mail(&held, "crash-3"))
        .await
        .expect("enqueue");
    for (to, until) in [
        (&expired, chrono::Utc::now() - chrono::Duration::seconds(1)),
        (&held, chrono::Utc::now() + chrono::Duration::minutes(5)),
    ] {
        outbox_mail::Entity::update_many()
            .col_expr(outbox_mail::Column::ClaimedUntil, Expr::value(Some(until)))
            .filter(outbox_mail::Column::ToAddress.eq(to.as_str()))
            .exec(&first.db)
            .await
            .expect("claim");
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(smtp.messages().is_empty(), "the first server sent nothing");

    let second = second_server(&first, &smtp).await;
    smtp.wait_for_to(&pending, 1, WAIT).await;
    smtp.wait_for_to(&expired, 1, WAIT).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(
        smtp.messages_to(&held).is_empty(),
        "a running lease is respected"
    );
    // The lease ends (its holder is gone): the row is taken over.
    outbox_mail::Entity::update_many()
        .col_expr(
            outbox_mail::Column::ClaimedUntil,
            Expr::value(Some(chrono::Utc::now() - chrono::Duration::seconds(1))),
        )
        .filter(outbox_mail::Column::ToAddress.eq(held.as_str()))
        .exec(&first.db)
        .await
        .expect("expire the lease");
    wake(&second);
    smtp.wait_for_to(&held, 1, WAIT).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    for to in [&pending, &expired, &held] {
        assert_eq!(smtp.messages_to(to).len(), 1, "{to} got exactly one mail");
        let row = wait_row(&first, to, |r| r.status == "SENT").await;
        assert_eq!(row.attempts, 1);
    }
}

#[tokio::test]
async fn two_servers_on_one_database_send_each_mail_once() {
    const N: usize = 120;
    let smtp = SmtpServer::start().await;
    let first = mail_app(&smtp).await;
    let second = second_server(&first, &smtp).await;
    let run = uuid::Uuid::new_v4().simple().to_string();
    let mails: Vec<OutgoingMail> = (0..N)
        .map(|i| {
            mail(
                &format!("many.{i}.{run}@example.org"),
                &format!("many:{run}:{i}"),
            )
        })
        .collect();
    assert_eq!(
        enqueue_many(&first.db, mails.clone())
            .await
            .expect("enqueue"),
        N as u64
    );
    // Writing the same events again adds nothing (one mail per event key).
    assert_eq!(enqueue_many(&first.db, mails).await.expect("again"), 0);
    wake(&first);
    wake(&second);

    let got = smtp.wait_for(N, Duration::from_secs(60)).await;
    // Both keep polling for a while: nothing is sent twice.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let got_after = smtp.messages();
    assert_eq!(got_after.len(), N, "no mail sent twice (had {})", got.len());
    let ids: HashSet<&str> = got_after.iter().map(|m| m.message_id.as_str()).collect();
    assert_eq!(ids.len(), N);
    let recipients: HashSet<&String> = got_after.iter().flat_map(|m| &m.envelope_to).collect();
    assert_eq!(recipients.len(), N);
    let rows = outbox(&first).await;
    assert_eq!(rows.len(), N);
    assert!(rows.iter().all(|r| r.status == "SENT" && r.attempts == 1));
}

#[tokio::test]
async fn without_smtp_mails_are_written_as_eml_files_in_the_data_dir() {
    let app = spawn_app_with(|c| c.mail_poll_seconds = 1).await;
    let user = app.signup("Files").await;
    let row = wait_row(&app, &user.email, |r| r.status == "SENT").await;
    let file = app
        .config
        .data_dir
        .join("outbox")
        .join(format!("{}.eml", row.id));
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let parsed = mail_parser::MessageParser::default()
        .parse(&bytes)
        .expect("an RFC 5322 message");
    assert_eq!(parsed.subject(), Some("Confirmez votre adresse e-mail"));
    let to = parsed
        .to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .map(str::to_owned);
    assert_eq!(to.as_deref(), Some(user.email.as_str()));
    assert!(parsed
        .body_text(0)
        .is_some_and(|t| t.contains("/verify-email?token=")));
    // Only finished files: no temporary left behind.
    let names: Vec<String> = std::fs::read_dir(file.parent().expect("dir"))
        .expect("outbox dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.ends_with(".eml")), "{names:?}");
}
