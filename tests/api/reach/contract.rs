//! The reach documents (`shared::queries::reach`: notifications, the bell, the home) run
//! against the real schema, each answer decoded into its shared response type.

use crate::contract::send;
use constellation_shared::queries::reach as n;
use constellation_tests::spawn_app;

pub(crate) const REACH_DOCS: &[&str] = &[
    n::NOTIFICATION_ADDED,
    n::UNREAD_NOTIFICATION_COUNT,
    n::NOTIFICATIONS,
    n::HOME,
    n::NOTIFICATION_SETTINGS,
    n::SET_NOTIFICATION_PREFERENCE,
    n::MARK_NOTIFICATIONS_READ,
    n::MARK_ALL_NOTIFICATIONS_READ,
    n::SET_ROLES,
];

#[tokio::test]
async fn every_reach_document_runs_against_the_schema() {
    use constellation_shared::dto::reach::{NotificationChannel, NotificationKind};
    use constellation_shared::graphql::NoVars;
    use futures_util::{SinkExt, StreamExt};
    let app = spawn_app().await;
    let board = app.signup("Board").await;
    let member = app.signup("Member").await;
    for u in [&board, &member] {
        app.set_roles(&board, u, serde_json::json!({ "kind": "EFFECTIVE" }))
            .await;
    }
    let mut tested = Vec::new();
    let mut ws = crate::audit::connect(&app, &member.token).await;
    ws.send(crate::audit::send(serde_json::json!({ "id": "1", "type": "subscribe", "payload": { "query": n::NOTIFICATION_ADDED, "variables": {} } }))).await.expect("subscribe");
    // The feed answers at once with the current count: then it is live.
    let first = tokio::time::timeout(std::time::Duration::from_secs(10), ws.next())
        .await
        .expect("the first signal")
        .expect("frame")
        .expect("ok");
    let first: serde_json::Value =
        serde_json::from_str(first.to_text().expect("text")).expect("json");
    let first: n::NotificationAddedData =
        serde_json::from_value(first["payload"]["data"].clone()).expect("decodes");
    assert_eq!(first.notification_added.unread_count, 0);

    // Convening tells the member; the board asks them to hold its proxy.
    let (a, _) = app.draft_assembly(&board).await;
    let convened = app.assembly_step(&board, "conveneAssembly", &a).await;
    assert!(convened["errors"].is_null(), "{convened}");
    let event = tokio::time::timeout(std::time::Duration::from_secs(5), ws.next())
        .await
        .expect("event")
        .expect("frame")
        .expect("ok");
    let event: serde_json::Value =
        serde_json::from_str(event.to_text().expect("text")).expect("json");
    let event: n::NotificationAddedData =
        serde_json::from_value(event["payload"]["data"].clone()).expect("decodes");
    let latest = event.notification_added.latest.expect("the convocation");
    assert_eq!(latest.kind, NotificationKind::AssemblyConvened);
    assert!(event.notification_added.unread_count >= 1);
    tested.push(n::NOTIFICATION_ADDED);
    let asked = app
        .gql(
            Some(&board.token),
            "mutation($a: ID!, $h: String!) { giveProxy(assemblyId: $a, holderEmail: $h) { id } }",
            serde_json::json!({ "a": a, "h": member.email }),
        )
        .await;
    assert!(asked["errors"].is_null(), "{asked}");
    let tok = Some(member.token.as_str());

    let count: n::UnreadNotificationCountData =
        send(&app, tok, n::UNREAD_NOTIFICATION_COUNT, NoVars {}).await;
    assert_eq!(count.unread_notification_count, 2);
    tested.push(n::UNREAD_NOTIFICATION_COUNT);

    let first: n::NotificationsData = send(
        &app,
        tok,
        n::NOTIFICATIONS,
        n::NotificationsVars {
            first: Some(1),
            after: None,
            unread_only: Some(true),
        },
    )
    .await;
    assert!(first.notifications.page_info.has_next_page);
    let rest: n::NotificationsData = send(
        &app,
        tok,
        n::NOTIFICATIONS,
        n::NotificationsVars {
            first: Some(10),
            after: first.notifications.page_info.end_cursor.clone(),
            unread_only: None,
        },
    )
    .await;
    let all: Vec<n::Notification> = first
        .notifications
        .nodes()
        .chain(rest.notifications.nodes())
        .cloned()
        .collect();
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|x| x.unread() && x.link.starts_with('/')));
    assert!(all
        .iter()
        .any(|x| x.kind == NotificationKind::AssemblyConvened));
    tested.push(n::NOTIFICATIONS);

    let home: n::HomeData = send(&app, tok, n::HOME, NoVars {}).await;
    let h = home.home;
    assert_eq!(h.next_assembly.map(|x| x.id), Some(a.clone()));
    assert_eq!(h.proxies_to_answer.len(), 1);
    assert_eq!(
        h.proxies_to_answer[0]
            .principal
            .as_ref()
            .map(|p| p.id.to_string()),
        Some(board.id.clone())
    );
    assert!(h.board_queue.is_none());
    assert_eq!(h.unread_notifications, 2);
    let board_home: n::HomeData = send(&app, Some(&board.token), n::HOME, NoVars {}).await;
    assert!(board_home.home.board_queue.is_some());
    tested.push(n::HOME);

    let settings: n::NotificationSettingsData =
        send(&app, tok, n::NOTIFICATION_SETTINGS, NoVars {}).await;
    assert_eq!(
        settings.notification_preferences.len(),
        NotificationKind::ALL.len()
    );
    assert!(settings
        .notification_preferences
        .iter()
        .any(|p| p.kind == NotificationKind::AssemblyConvened && p.mandatory));
    assert!(settings.my_calendar_feed.starts_with("/ical/"));
    tested.push(n::NOTIFICATION_SETTINGS);

    let set: n::SetNotificationPreferenceData = send(
        &app,
        tok,
        n::SET_NOTIFICATION_PREFERENCE,
        n::SetNotificationPreferenceVars {
            kind: NotificationKind::VotingOpen,
            channel: NotificationChannel::Off,
        },
    )
    .await;
    assert_eq!(
        set.set_notification_preference.channel,
        NotificationChannel::Off
    );
    tested.push(n::SET_NOTIFICATION_PREFERENCE);

    let one: n::MarkNotificationsReadData = send(
        &app,
        tok,
        n::MARK_NOTIFICATIONS_READ,
        n::MarkNotificationsReadVars {
            ids: vec![all[0].id.clone()],
        },
    )
    .await;
    assert_eq!(one.mark_notifications_read, 1);
    tested.push(n::MARK_NOTIFICATIONS_READ);
    let none: n::MarkAllNotificationsReadData =
        send(&app, tok, n::MARK_ALL_NOTIFICATIONS_READ, NoVars {}).await;
    assert_eq!(none.mark_all_notifications_read, 0);
    tested.push(n::MARK_ALL_NOTIFICATIONS_READ);

    let roles: n::SetRolesData = send(
        &app,
        Some(&board.token),
        n::SET_ROLES,
        n::SetRolesVars {
            user_id: member.id.clone(),
            membership_kind: Some(constellation_shared::MembershipKind::Adherent),
            is_board: Some(true),
            is_admin: None,
        },
    )
    .await;
    assert_eq!(
        roles.set_roles.membership_kind,
        constellation_shared::MembershipKind::Adherent
    );
    assert!(roles.set_roles.is_board && !roles.set_roles.is_admin);
    tested.push(n::SET_ROLES);

    assert_eq!(tested, REACH_DOCS);
}
