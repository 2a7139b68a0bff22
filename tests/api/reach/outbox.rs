//! What became of the mails: the failures admins see (newest first, page by page) and send
//! again, the sending record of one subject, and who may see all that.

use super::mail::{cast, mail, mail_app, wait_row, wake, WAIT};
use constellation_backend::domain::reach::mail::{enqueue, enqueue_many};
use constellation_tests::smtp::SmtpServer;
use constellation_tests::{error_code, spawn_app_with, unique_email, TestUser};
use serde_json::{json, Value};
use std::collections::HashSet;

const FIELDS: &str = "id recipient user { id displayName } kind subject subjectType subjectId status attempts lastError createdAt nextAttemptAt sentAt";

fn failures_doc() -> String {
    format!("query($first: Int, $after: String) {{ mailFailures(first: $first, after: $after) {{ edges {{ cursor node {{ {FIELDS} }} }} pageInfo {{ hasNextPage endCursor }} }} }}")
}

fn deliveries_doc() -> String {
    format!("query($t: String!, $s: String!, $first: Int, $after: String) {{ mailDeliveries(subjectType: $t, subjectId: $s, first: $first, after: $after) {{ edges {{ node {{ {FIELDS} }} }} pageInfo {{ hasNextPage endCursor }} }} }}")
}

fn retry_doc() -> String {
    format!("mutation($id: ID!) {{ retryMail(id: $id) {{ {FIELDS} }} }}")
}

fn nodes(r: &Value, field: &str) -> Vec<Value> {
    r["data"][field]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("no {field} edges: {r}"))
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

#[tokio::test]
async fn refused_mails_are_shown_to_admins_and_can_be_sent_again() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let c = cast(&app).await;
    let refused = unique_email("reject");
    assert!(refused.starts_with("reject"));
    enqueue(&app.db, mail(&refused, "refused-1"))
        .await
        .expect("enqueue");
    wake(&app);
    // A permanent refusal (550) is given up at once.
    let row = wait_row(&app, &refused, |r| r.status == "FAILED").await;
    assert_eq!(row.attempts, 1);
    assert!(
        row.last_error.as_deref().is_some_and(|e| e.contains("550")),
        "{row:?}"
    );

    let r = app
        .gql(Some(&c.admin.token), &failures_doc(), json!({}))
        .await;
    let failures = nodes(&r, "mailFailures");
    let mine: Vec<&Value> = failures
        .iter()
        .filter(|n| n["recipient"] == refused.as_str())
        .collect();
    assert_eq!(mine.len(), 1, "{r}");
    assert_eq!(mine[0]["status"], "FAILED");
    assert_eq!(mine[0]["attempts"], 1);
    assert!(mine[0]["nextAttemptAt"].is_null());
    assert_eq!(mine[0]["subject"], "Test refused-1");
    // Sent mails are not failures.
    assert!(failures.iter().all(|n| n["status"] != "SENT"), "{r}");

    // The admin sends it again: it starts over, and the server refuses it again.
    let r = app
        .gql(
            Some(&c.admin.token),
            &retry_doc(),
            json!({ "id": row.id.to_string() }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    assert_eq!(r["data"]["retryMail"]["status"], "PENDING");
    assert_eq!(r["data"]["retryMail"]["attempts"], 0);
    let again = wait_row(&app, &refused, |r| r.status == "FAILED").await;
    assert_eq!(again.attempts, 1);
    let audited = app
        .gql(
            Some(&c.admin.token),
            "{ auditLog(first: 50) { edges { node { action targetId } } } }",
            json!({}),
        )
        .await;
    assert!(
        nodes(&audited, "auditLog")
            .iter()
            .any(|n| n["action"] == "mail.retry" && n["targetId"] == row.id.to_string().as_str()),
        "{audited}"
    );

    // A sent mail is not sent again; unknown and malformed ids are refused.
    let sent = wait_row(&app, &c.sympathiser.email, |r| r.status == "SENT").await;
    let r = app
        .gql(
            Some(&c.admin.token),
            &retry_doc(),
            json!({ "id": sent.id.to_string() }),
        )
        .await;
    assert_eq!(error_code(&r), Some("INVALID_TRANSITION"), "{r}");
    let r = app
        .gql(
            Some(&c.admin.token),
            &retry_doc(),
            json!({ "id": uuid::Uuid::new_v4().to_string() }),
        )
        .await;
    assert_eq!(error_code(&r), Some("NOT_FOUND"), "{r}");
    let r = app
        .gql(Some(&c.admin.token), &retry_doc(), json!({ "id": "nope" }))
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    assert_eq!(smtp.messages_to(&refused).len(), 0);
}

#[tokio::test]
async fn failing_mails_are_listed_newest_first_page_by_page() {
    let mut smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let c = cast(&app).await;
    smtp.stop().await;
    let run = uuid::Uuid::new_v4().simple().to_string();
    for i in 0..3 {
        let to = format!("late.{i}.{run}@example.org");
        enqueue(&app.db, mail(&to, &format!("late:{run}:{i}")))
            .await
            .expect("enqueue");
        wake(&app);
        wait_row(&app, &to, |r| r.attempts == 1).await;
    }
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let r = app
            .gql(
                Some(&c.admin.token),
                &failures_doc(),
                json!({ "first": 2, "after": after }),
            )
            .await;
        for n in nodes(&r, "mailFailures") {
            assert_eq!(n["status"], "PENDING", "still retrying: {n}");
            assert!(!n["nextAttemptAt"].is_null());
            seen.push(n["recipient"].as_str().unwrap_or_default().to_owned());
        }
        if r["data"]["mailFailures"]["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = r["data"]["mailFailures"]["pageInfo"]["endCursor"]
            .as_str()
            .map(str::to_owned);
    }
    let late: Vec<&String> = seen.iter().filter(|s| s.contains(&run)).collect();
    assert_eq!(
        late,
        vec![
            &format!("late.2.{run}@example.org"),
            &format!("late.1.{run}@example.org"),
            &format!("late.0.{run}@example.org"),
        ]
    );
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no row on two pages");
}

#[tokio::test]
async fn the_sending_record_lists_every_mail_about_a_subject() {
    let smtp = SmtpServer::start().await;
    let app = mail_app(&smtp).await;
    let c = cast(&app).await;
    let assembly = uuid::Uuid::new_v4().to_string();
    let run = uuid::Uuid::new_v4().simple().to_string();
    let mut mails = Vec::new();
    for (i, to) in [
        format!("member.0.{run}@example.org"),
        format!("member.1.{run}@example.org"),
        format!("reject.2.{run}@example.org"),
    ]
    .iter()
    .enumerate()
    {
        let mut m = mail(to, &format!("convened:{assembly}:{i}"));
        m.about = Some(("assembly".into(), assembly.clone()));
        m.user_id = Some(uuid::Uuid::parse_str(&c.effective.id).expect("id"));
        mails.push(m);
    }
    let mut other = mail(&format!("other.{run}@example.org"), "convened:other");
    other.about = Some(("assembly".into(), uuid::Uuid::new_v4().to_string()));
    mails.push(other);
    enqueue_many(&app.db, mails).await.expect("enqueue");
    wake(&app);
    smtp.wait_for(2, WAIT).await;
    wait_row(&app, &format!("reject.2.{run}@example.org"), |r| {
        r.status == "FAILED"
    })
    .await;
    wait_row(&app, &format!("member.1.{run}@example.org"), |r| {
        r.status == "SENT"
    })
    .await;
    wait_row(&app, &format!("member.0.{run}@example.org"), |r| {
        r.status == "SENT"
    })
    .await;

    let vars = |first: i32, after: Option<String>| json!({ "t": "assembly", "s": assembly, "first": first, "after": after });
    let r = app
        .gql(Some(&c.board.token), &deliveries_doc(), vars(2, None))
        .await;
    let page1 = nodes(&r, "mailDeliveries");
    assert_eq!(page1.len(), 2, "{r}");
    assert_eq!(r["data"]["mailDeliveries"]["pageInfo"]["hasNextPage"], true);
    let cursor = r["data"]["mailDeliveries"]["pageInfo"]["endCursor"]
        .as_str()
        .map(str::to_owned);
    let r = app
        .gql(Some(&c.board.token), &deliveries_doc(), vars(2, cursor))
        .await;
    let page2 = nodes(&r, "mailDeliveries");
    assert_eq!(page2.len(), 1, "{r}");
    assert_eq!(
        r["data"]["mailDeliveries"]["pageInfo"]["hasNextPage"],
        false
    );
    let all: Vec<&Value> = page1.iter().chain(page2.iter()).collect();
    let mut by_status: Vec<(String, String)> = all
        .iter()
        .map(|n| {
            (
                n["recipient"].as_str().unwrap_or_default().to_owned(),
                n["status"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    by_status.sort();
    assert_eq!(
        by_status,
        vec![
            (format!("member.0.{run}@example.org"), "SENT".to_owned()),
            (format!("member.1.{run}@example.org"), "SENT".to_owned()),
            (format!("reject.2.{run}@example.org"), "FAILED".to_owned()),
        ]
    );
    for n in &all {
        assert_eq!(n["subjectType"], "assembly");
        assert_eq!(n["subjectId"], assembly.as_str());
        assert_eq!(n["user"]["displayName"], "Effective");
        assert_eq!(n["attempts"], 1);
        if n["status"] == "SENT" {
            assert!(!n["sentAt"].is_null() && n["lastError"].is_null(), "{n}");
        } else {
            assert!(n["sentAt"].is_null() && !n["lastError"].is_null(), "{n}");
        }
    }
    // The admins see it too; bad input is refused.
    let r = app
        .gql(Some(&c.admin.token), &deliveries_doc(), vars(10, None))
        .await;
    assert_eq!(nodes(&r, "mailDeliveries").len(), 3, "{r}");
    let r = app
        .gql(
            Some(&c.board.token),
            &deliveries_doc(),
            json!({ "t": "", "s": assembly }),
        )
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    assert_eq!(r["errors"][0]["extensions"]["field"], "subjectType");
    let r = app
        .gql(
            Some(&c.board.token),
            &deliveries_doc(),
            json!({ "t": "assembly", "s": "x".repeat(500) }),
        )
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    let r = app
        .gql(
            Some(&c.board.token),
            &deliveries_doc(),
            json!({ "t": "assembly", "s": assembly, "after": "not-a-cursor" }),
        )
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
}

#[tokio::test]
async fn only_admins_see_failures_and_retry_and_only_the_board_and_admins_see_deliveries() {
    let app = spawn_app_with(|c| c.mail_poll_seconds = 1).await;
    let c = cast(&app).await;
    let to = unique_email("matrix");
    enqueue(&app.db, mail(&to, "matrix-1"))
        .await
        .expect("enqueue");
    let row = wait_row(&app, &to, |_| true).await;
    let retry_vars = json!({ "id": row.id.to_string() });
    let deliveries_vars = json!({ "t": "assembly", "s": "x" });

    let cases: [(&str, String, Value); 3] = [
        ("mailFailures", failures_doc(), json!({})),
        ("retryMail", retry_doc(), retry_vars),
        ("mailDeliveries", deliveries_doc(), deliveries_vars),
    ];
    for (name, doc, vars) in &cases {
        let r = app.gql(None, doc, vars.clone()).await;
        assert_eq!(error_code(&r), Some("UNAUTHENTICATED"), "{name}: {r}");
        let forbidden: Vec<&TestUser> = if *name == "mailDeliveries" {
            vec![&c.sympathiser, &c.effective]
        } else {
            vec![&c.sympathiser, &c.effective, &c.board]
        };
        for who in forbidden {
            let r = app.gql(Some(&who.token), doc, vars.clone()).await;
            assert_eq!(
                error_code(&r),
                Some("FORBIDDEN"),
                "{name} by {}: {r}",
                who.email
            );
        }
    }
    let r = app
        .gql(
            Some(&c.board.token),
            &deliveries_doc(),
            json!({ "t": "assembly", "s": "x" }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r = app
        .gql(Some(&c.admin.token), &failures_doc(), json!({}))
        .await;
    assert!(r["errors"].is_null(), "{r}");
    // The row is sent (file transport) by now or soon: a retry is then refused as sent,
    // which still shows the admin got past the authorization.
    wait_row(&app, &to, |r| r.status == "SENT").await;
    let r = app
        .gql(
            Some(&c.admin.token),
            &retry_doc(),
            json!({ "id": row.id.to_string() }),
        )
        .await;
    assert_eq!(error_code(&r), Some("INVALID_TRANSITION"), "{r}");
    // Nobody's refused call changed the row.
    let after = wait_row(&app, &to, |_| true).await;
    assert_eq!(after.attempts, 1);
}
