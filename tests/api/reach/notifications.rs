//! Notifications through the real server: written with the change that causes them (one per
//! recipient and event), the convocation mailed to every effective and adherent member with
//! its agenda and calendar, preferences per kind, the bell over WebSocket, the daily digest.
//! The home page and the private calendar are in `home.rs`.

use super::association;
use crate::audit::{connect, send};
use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};

const LIST: &str = "query($u: Boolean) { notifications(first: 20, unreadOnly: $u) { edges { node { id kind title body link readAt } } } unreadNotificationCount }";

async fn inbox(app: &TestApp, who: &TestUser, unread: bool) -> (Vec<Value>, i64) {
    let r = app
        .gql(Some(&who.token), LIST, json!({ "u": unread }))
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let nodes = r["data"]["notifications"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"].clone())
        .collect();
    (
        nodes,
        r["data"]["unreadNotificationCount"].as_i64().unwrap_or(-1),
    )
}

#[tokio::test]
async fn convening_notifies_and_mails_every_member_once_with_agenda_and_calendar() {
    let app = spawn_app().await;
    let (chair, members, adherent, sympathiser) = association(&app, 3).await;
    let (a, _) = app.draft_assembly(&chair).await;
    let r = app.assembly_step(&chair, "conveneAssembly", &a).await;
    assert!(r["errors"].is_null(), "{r}");

    // Chair, three members and the adherent: five notifications, five mails.
    assert_eq!(
        app.count("notifications WHERE kind = 'ASSEMBLY_CONVENED'")
            .await,
        5
    );
    assert_eq!(
        app.count("outbox_mails WHERE kind = 'ASSEMBLY_CONVENED' AND subject_type = 'assembly'")
            .await,
        5
    );
    let (theirs, _) = inbox(&app, &sympathiser, false).await;
    assert!(theirs.is_empty(), "a sympathiser is not convened");

    let (mine, unread) = inbox(&app, &members[0], false).await;
    assert_eq!(unread, 1);
    assert_eq!(mine[0]["kind"], "ASSEMBLY_CONVENED");
    assert_eq!(mine[0]["title"], "Convocation: AG");
    assert_eq!(mine[0]["link"], format!("/assemblies/{a}"));
    assert!(mine[0]["body"]
        .as_str()
        .is_some_and(|b| b.contains("Brussels")));
    let (fr, _) = inbox(&app, &adherent, false).await;
    assert_eq!(fr[0]["title"], "Convocation : AG", "French by default");

    // The mail: agenda with the statutory item marked, the proxy link, the calendar.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mail = constellation_backend::entities::outbox_mail::Entity::find()
        .filter(
            constellation_backend::entities::outbox_mail::Column::ToAddress
                .eq(members[0].email.as_str()),
        )
        .one(&app.db)
        .await
        .expect("query")
        .expect("a mail");
    assert_eq!(mail.subject, "Convocation: AG");
    assert!(
        mail.text_body.contains("2. Point 2 (statutory item)"),
        "{}",
        mail.text_body
    );
    assert!(mail.text_body.contains("1. Point 1\n"));
    assert!(mail.text_body.contains(&format!("/assemblies/{a}")));
    assert!(mail.html_body.contains("<a href="));
    assert!(
        mail.unsubscribe.is_none(),
        "the law's mail has no unsubscribe"
    );
    let ics = mail.ics.expect("a calendar");
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains(&format!("assembly-{a}@")));
    assert!(ics.contains("LOCATION:Brussels"));
}

#[tokio::test]
async fn a_change_refused_writes_no_notification_and_no_mail() {
    let app = spawn_app().await;
    let (chair, _, _, _) = association(&app, 2).await;
    // Too soon for the statutes' convocation delay: refused, nothing written.
    let at = (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339();
    let a = app
        .ok(
            &chair,
            "mutation($i: AssemblyInput!) { createAssembly(input: $i) { id } }",
            json!({ "i": { "kind": "ORDINARY", "title": "Soon", "startsAt": at, "place": "Here", "language": "FR", "firstConvocationId": null } }),
        )
        .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let r = app.assembly_step(&chair, "conveneAssembly", &a).await;
    assert_eq!(error_code(&r), Some("CONVOCATION_TOO_LATE"), "{r}");
    assert_eq!(app.count("notifications").await, 0);
    assert_eq!(
        app.count("outbox_mails WHERE subject_type = 'assembly'")
            .await,
        0
    );
}

#[tokio::test]
async fn preferences_choose_the_channel_and_the_convocation_cannot_be_turned_off() {
    let app = spawn_app().await;
    let (chair, m, _, _) = association(&app, 3).await;
    let set = "mutation($k: NotificationKind!, $c: NotificationChannel!) { setNotificationPreference(kind: $k, channel: $c) { kind channel mandatory } }";
    let r = app
        .gql(
            Some(&m[0].token),
            set,
            json!({ "k": "ASSEMBLY_CONVENED", "c": "OFF" }),
        )
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"), "{r}");
    let r = app
        .gql(
            Some(&m[0].token),
            set,
            json!({ "k": "VOTING_OPEN", "c": "OFF" }),
        )
        .await;
    assert_eq!(r["data"]["setNotificationPreference"]["channel"], "OFF");
    // PROXY_ASKED is mailed by default; m[1] keeps it in the platform only.
    app.gql(
        Some(&m[1].token),
        set,
        json!({ "k": "PROXY_ASKED", "c": "PLATFORM" }),
    )
    .await;
    let prefs = app
        .gql(
            Some(&m[1].token),
            "{ notificationPreferences { kind channel mandatory } }",
            json!({}),
        )
        .await;
    let prefs = prefs["data"]["notificationPreferences"]
        .as_array()
        .expect("prefs")
        .clone();
    let of = |k: &str| prefs.iter().find(|p| p["kind"] == k).cloned();
    assert_eq!(
        of("PROXY_ASKED").map(|p| p["channel"].clone()),
        Some(json!("PLATFORM"))
    );
    assert_eq!(
        of("ASSEMBLY_CONVENED").map(|p| (p["channel"].clone(), p["mandatory"].clone())),
        Some((json!("EMAIL"), json!(true)))
    );

    let (a, motions) = app.draft_assembly(&chair).await;
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    // m[2] asks m[1] (who keeps it in the platform); m[0] then asks m[2], who gave their own
    // vote away and may not hold one: refused, nobody is told.
    app.gql(
        Some(&m[2].token),
        "mutation($a: ID!, $h: String!) { giveProxy(assemblyId: $a, holderEmail: $h) { id } }",
        json!({ "a": a, "h": m[1].email }),
    )
    .await;
    app.gql(
        Some(&m[0].token),
        "mutation($a: ID!, $h: String!) { giveProxy(assemblyId: $a, holderEmail: $h) { id } }",
        json!({ "a": a, "h": m[2].email }),
    )
    .await;
    assert_eq!(
        app.count("notifications WHERE kind = 'PROXY_ASKED'").await,
        1
    );
    assert_eq!(
        app.count("outbox_mails WHERE kind = 'PROXY_ASKED'").await,
        0
    );

    app.assembly_step(&chair, "openSession", &a).await;
    app.voting(&chair, "openVoting", &motions[0]).await;
    // Every effective member but m[0], who turned it off: the chair, m[1], m[2].
    assert_eq!(
        app.count("notifications WHERE kind = 'VOTING_OPEN'").await,
        3
    );
    let (mine, _) = inbox(&app, &m[0], false).await;
    assert!(mine.iter().all(|n| n["kind"] != "VOTING_OPEN"));
}

/// The next result on a subscription connection.
async fn next_signal(ws: &mut crate::audit::Ws) -> Value {
    tokio::time::timeout(std::time::Duration::from_secs(10), async {
        loop {
            let m = ws.next().await.expect("open").expect("message");
            let v: Value = serde_json::from_str(m.to_text().unwrap_or("{}")).unwrap_or_default();
            if v["type"] == "next" {
                return v;
            }
        }
    })
    .await
    .expect("the bell rang")
}

#[tokio::test]
async fn marking_read_touches_only_ones_own_and_the_bell_rings_live() {
    let app = spawn_app().await;
    let (chair, m, _, _) = association(&app, 2).await;
    let mut ws = connect(&app, &m[1].token).await;
    ws.send(send(json!({
        "id": "bell", "type": "subscribe",
        "payload": { "query": "subscription { notificationAdded { unreadCount latest { kind title } } }" }
    })))
    .await
    .expect("subscribe");
    // The feed starts with the current count.
    let first = next_signal(&mut ws).await;
    assert_eq!(
        first["payload"]["data"]["notificationAdded"]["unreadCount"], 0,
        "{first}"
    );
    let (a, _) = app.draft_assembly(&chair).await;
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    let rung = next_signal(&mut ws).await;
    let signal = &rung["payload"]["data"]["notificationAdded"];
    assert_eq!(signal["unreadCount"], 1, "{rung}");
    assert_eq!(signal["latest"]["kind"], "ASSEMBLY_CONVENED");

    let (theirs, _) = inbox(&app, &m[0], false).await;
    let (mine, _) = inbox(&app, &m[1], false).await;
    // Someone else's id is ignored.
    let r = app
        .gql(
            Some(&m[1].token),
            "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
            json!({ "ids": [theirs[0]["id"]] }),
        )
        .await;
    assert_eq!(r["data"]["markNotificationsRead"], 1, "{r}");
    assert_eq!(inbox(&app, &m[0], true).await.1, 1);
    let r = app
        .gql(
            Some(&m[1].token),
            "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
            json!({ "ids": [mine[0]["id"]] }),
        )
        .await;
    assert_eq!(r["data"]["markNotificationsRead"], 0);
    let (read, _) = inbox(&app, &m[1], false).await;
    assert!(read[0]["readAt"].is_string());
    assert!(inbox(&app, &m[1], true).await.0.is_empty());
    let r = app
        .gql(
            Some(&m[0].token),
            "mutation { markAllNotificationsRead }",
            json!({}),
        )
        .await;
    assert_eq!(r["data"]["markAllNotificationsRead"], 0);
    // Bad input: a malformed id, too many ids.
    let r = app
        .gql(
            Some(&m[0].token),
            "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
            json!({ "ids": ["nope"] }),
        )
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"));
    let many: Vec<String> = (0..501).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    let r = app
        .gql(
            Some(&m[0].token),
            "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
            json!({ "ids": many }),
        )
        .await;
    assert_eq!(error_code(&r), Some("VALIDATION"));
}

#[tokio::test]
async fn lab_requests_and_decisions_reach_coordinators_and_requesters() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    let board = TestUser {
        token: app.login(&board.email, constellation_tests::PASSWORD).await["data"]["login"]
            ["token"]
            .as_str()
            .expect("token")
            .to_owned(),
        ..board
    };
    let founder = app.signup("Founder").await;
    app.set_roles(&admin, &founder, json!({ "kind": "EFFECTIVE" }))
        .await;
    let lab = app
        .active_lab(&founder, &board, "notified", "ON_APPROVAL", "PUBLIC")
        .await;
    let (f, _) = inbox(&app, &founder, false).await;
    assert_eq!(f[0]["kind"], "LAB_DECISION", "{f:?}");
    assert_eq!(f[0]["title"], "Votre Lab « Lab notified » : approuvé");
    let joiner = app.signup("Joiner").await;
    app.join(&joiner, &lab).await;
    let (f, unread) = inbox(&app, &founder, true).await;
    assert_eq!((f[0]["kind"].clone(), unread), (json!("JOIN_REQUEST"), 2));
    let r = app
        .gql(
            Some(&founder.token),
            "mutation($l: ID!, $u: ID!) { decideJoinRequest(labId: $l, userId: $u, accept: true) { id } }",
            json!({ "l": lab, "u": joiner.id }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let (j, _) = inbox(&app, &joiner, false).await;
    assert_eq!(j[0]["kind"], "JOIN_ANSWER");
    assert!(j[0]["title"]
        .as_str()
        .is_some_and(|t| t.contains("accepté")));
    // Mailed at once by default.
    assert_eq!(
        app.count("outbox_mails WHERE kind = 'JOIN_ANSWER'").await,
        1
    );
}

#[tokio::test]
async fn notifications_and_home_need_a_session() {
    let app = spawn_app().await;
    for (q, vars) in [
        (LIST, json!({ "u": false })),
        ("{ unreadNotificationCount }", json!({})),
        ("{ notificationPreferences { kind } }", json!({})),
        ("{ home { unreadNotifications } }", json!({})),
        (
            "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
            json!({ "ids": [] }),
        ),
        ("mutation { markAllNotificationsRead }", json!({})),
        (
            "mutation { setNotificationPreference(kind: VOTING_OPEN, channel: OFF) { kind } }",
            json!({}),
        ),
    ] {
        let r = app.gql(None, q, vars).await;
        assert_eq!(error_code(&r), Some("UNAUTHENTICATED"), "{q}: {r}");
    }
}

/// Two board members convene at the same moment: one convocation, one mail per member.
#[tokio::test]
async fn convening_twice_at_once_mails_each_member_once() {
    let app = spawn_app().await;
    let (chair, members, _, _) = association(&app, 20).await;
    let (a, _) = app.draft_assembly(&chair).await;
    let (r1, r2) = tokio::join!(
        app.assembly_step(&chair, "conveneAssembly", &a),
        app.assembly_step(&chair, "conveneAssembly", &a)
    );
    let ok = [&r1, &r2].iter().filter(|r| r["errors"].is_null()).count();
    assert_eq!(ok, 1, "{r1} {r2}");
    // The chair, twenty members, the adherent.
    assert_eq!(
        app.count("outbox_mails WHERE kind = 'ASSEMBLY_CONVENED'")
            .await,
        members.len() as i64 + 2
    );
    assert_eq!(
        app.count("notifications WHERE kind = 'ASSEMBLY_CONVENED'")
            .await,
        members.len() as i64 + 2
    );
}

/// Kinds taken "in a daily e-mail" are gathered into one mail per member and day.
#[tokio::test]
async fn the_daily_digest_gathers_a_days_news_in_one_mail() {
    let app = spawn_app().await;
    let (chair, m, _, _) = association(&app, 2).await;
    // RULES_CHANGED goes to the digest by default; m[1] wants it at once instead.
    app.gql(
        Some(&m[1].token),
        "mutation { setNotificationPreference(kind: RULES_CHANGED, channel: EMAIL) { kind } }",
        json!({}),
    )
    .await;
    for body in ["Rules, first version.", "Rules, second version."] {
        let r = app.publish_rules(&chair, body, "AG 2026").await;
        assert!(r["errors"].is_null(), "{r}");
    }
    assert_eq!(
        app.count("outbox_mails WHERE kind = 'RULES_CHANGED'").await,
        2
    );
    let reach = &app.state.env.reach;
    let now = chrono::Utc::now() + chrono::Duration::seconds(1);
    let written = constellation_backend::domain::reach::digest::write_due(&app.db, reach, now)
        .await
        .expect("digest");
    // The chair (admin), m[0], the adherent and the sympathiser: two news each, one mail.
    assert_eq!(written, 4);
    let again = constellation_backend::domain::reach::digest::write_due(&app.db, reach, now)
        .await
        .expect("digest");
    assert_eq!(again, 0, "one digest per member and day");
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mail = constellation_backend::entities::outbox_mail::Entity::find()
        .filter(constellation_backend::entities::outbox_mail::Column::Kind.eq("DIGEST"))
        .filter(
            constellation_backend::entities::outbox_mail::Column::ToAddress.eq(m[0].email.as_str()),
        )
        .one(&app.db)
        .await
        .expect("query")
        .expect("m[0]'s digest");
    assert_eq!(mail.subject, "Constellation: 2 updates");
    assert_eq!(
        mail.text_body.matches("/rules").count(),
        2,
        "{}",
        mail.text_body
    );
    assert!(mail.unsubscribe.is_some());
}
