//! The barcamp documents (`shared::queries::barcamp`) run against the real schema, each
//! answer decoded into its shared response type.

use crate::contract::send;
use constellation_shared::queries::barcamp as b;
use constellation_tests::spawn_app;

pub(crate) const BARCAMP_DOCS: &[&str] = &[
    b::CREATE_EDITION,
    b::UPDATE_EDITION,
    b::EDITIONS,
    b::EDITION,
    b::SET_ORGANISER,
    b::ADD_ROOM,
    b::UPDATE_ROOM,
    b::REMOVE_ROOM,
    b::ADD_SLOT,
    b::REMOVE_SLOT,
    b::REGISTER,
    b::RESET_FEED,
    b::PROPOSE_SESSION,
    b::EDIT_SESSION,
    b::SET_INTEREST,
    b::SESSIONS,
    b::SESSION,
    b::MERGE_SESSION,
    b::DECLINE_SESSION,
    b::SET_PHASE,
    b::RUN_SCHEDULER,
    b::CHECK_MOVE,
    b::SET_PINNED,
    b::CHANGES,
    b::MOVE_SESSION,
    b::CANCEL_SESSION,
    b::MY_AGENDA,
    b::NOW_NEXT,
    b::UNREGISTER,
];

#[tokio::test]
async fn every_barcamp_document_runs_against_the_schema() {
    use constellation_shared::dto::barcamp::{
        BarcampPhase, EditionInput, RoomInput, SessionFormat, SessionInput, SlotInput,
    };
    use futures_util::{SinkExt, StreamExt};
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let ana = app.signup("Ana").await;
    let (a, n) = (Some(admin.token.as_str()), Some(ana.token.as_str()));
    let mut tested = Vec::new();
    let edition_of = |r: b::EditionResult| r.into_inner().expect("an edition");
    let session_of = |r: b::SessionResult| r.into_inner().expect("a session");
    let input = EditionInput {
        year: 2031,
        title: "Barcamp 2031".into(),
        starts_on: "2031-06-12".into(),
        ends_on: "2031-06-13".into(),
        venue: "Brussels".into(),
        timezone: "Europe/Brussels".into(),
    };
    let e = edition_of(
        send(
            &app,
            a,
            b::CREATE_EDITION,
            b::CreateEditionVars {
                input: input.clone(),
            },
        )
        .await,
    );
    assert_eq!(e.phase, BarcampPhase::Proposals);
    tested.push(b::CREATE_EDITION);
    let e = edition_of(
        send(
            &app,
            a,
            b::UPDATE_EDITION,
            b::UpdateEditionVars {
                edition_id: e.id.clone(),
                input: EditionInput {
                    title: "Barcamp".into(),
                    ..input
                },
            },
        )
        .await,
    );
    assert_eq!(e.title, "Barcamp");
    tested.push(b::UPDATE_EDITION);
    let list: b::EditionsData = send(&app, None, b::EDITIONS, b::EditionsVars::default()).await;
    assert_eq!(list.barcamp_editions.nodes().count(), 1);
    tested.push(b::EDITIONS);
    let one: b::EditionData = send(
        &app,
        n,
        b::EDITION,
        b::EditionVars {
            id: None,
            year: Some(2031),
        },
    )
    .await;
    assert_eq!(one.barcamp_edition.map(|x| x.id), Some(e.id.clone()));
    tested.push(b::EDITION);
    let ed = edition_of(
        send(
            &app,
            a,
            b::SET_ORGANISER,
            b::SetOrganiserVars {
                edition_id: e.id.clone(),
                email: ana.email.clone(),
                organiser: true,
            },
        )
        .await,
    );
    assert_eq!(ed.organisers.len(), 1);
    tested.push(b::SET_ORGANISER);
    let room = |name: &str, cap: i32, eq: &[&str]| RoomInput {
        name: name.into(),
        capacity: cap,
        equipment: eq.iter().map(|x| (*x).to_owned()).collect(),
    };
    let ed = edition_of(
        send(
            &app,
            a,
            b::ADD_ROOM,
            b::AddRoomVars {
                edition_id: e.id.clone(),
                input: room("Big", 30, &["projector"]),
            },
        )
        .await,
    );
    let ed2 = edition_of(
        send(
            &app,
            a,
            b::ADD_ROOM,
            b::AddRoomVars {
                edition_id: e.id.clone(),
                input: room("Spare", 5, &[]),
            },
        )
        .await,
    );
    assert_eq!(ed2.rooms.len(), 2);
    tested.push(b::ADD_ROOM);
    let big = ed.rooms[0].id.clone();
    let ed = edition_of(
        send(
            &app,
            a,
            b::UPDATE_ROOM,
            b::UpdateRoomVars {
                room_id: big.clone(),
                input: room("Big", 40, &["projector", "sound"]),
            },
        )
        .await,
    );
    assert_eq!(ed.rooms[0].capacity, 40);
    tested.push(b::UPDATE_ROOM);
    let spare = ed
        .rooms
        .iter()
        .find(|r| r.name == "Spare")
        .expect("spare")
        .id
        .clone();
    let ed = edition_of(send(&app, a, b::REMOVE_ROOM, b::RoomIdVars { room_id: spare }).await);
    assert_eq!(ed.rooms.len(), 1);
    tested.push(b::REMOVE_ROOM);
    for (start, end) in [("10:00", "10:45"), ("10:45", "11:30"), ("16:00", "16:45")] {
        send::<_, b::EditionResult>(
            &app,
            a,
            b::ADD_SLOT,
            b::AddSlotVars {
                edition_id: e.id.clone(),
                input: SlotInput {
                    day: "2031-06-12".into(),
                    start: start.into(),
                    end: end.into(),
                },
            },
        )
        .await;
    }
    tested.push(b::ADD_SLOT);
    let last: b::EditionData = send(
        &app,
        n,
        b::EDITION,
        b::EditionVars {
            id: Some(e.id.clone()),
            year: None,
        },
    )
    .await;
    let last = last.barcamp_edition.expect("edition");
    let ed = edition_of(
        send(
            &app,
            a,
            b::REMOVE_SLOT,
            b::SlotIdVars {
                slot_id: last.slots[2].id.clone(),
            },
        )
        .await,
    );
    assert_eq!(ed.slots.len(), 2);
    assert_eq!(ed.slots[0].start, "10:00");
    tested.push(b::REMOVE_SLOT);
    let ed = edition_of(
        send(
            &app,
            n,
            b::REGISTER,
            b::EditionIdVars {
                edition_id: e.id.clone(),
            },
        )
        .await,
    );
    assert!(ed.viewer.registered);
    tested.push(b::REGISTER);
    let ed2 = edition_of(
        send(
            &app,
            n,
            b::RESET_FEED,
            b::EditionIdVars {
                edition_id: e.id.clone(),
            },
        )
        .await,
    );
    assert_ne!(ed.viewer.feed_path, ed2.viewer.feed_path);
    tested.push(b::RESET_FEED);
    let si = |title: &str| SessionInput {
        title: title.into(),
        description: "D".into(),
        format: SessionFormat::Workshop,
        length: 1,
        equipment: vec!["projector".into()],
        lab_id: None,
        co_host_emails: Some(vec![]),
    };
    let s1 = session_of(
        send(
            &app,
            n,
            b::PROPOSE_SESSION,
            b::ProposeSessionVars {
                edition_id: e.id.clone(),
                input: si("One"),
            },
        )
        .await,
    );
    let s2 = session_of(
        send(
            &app,
            n,
            b::PROPOSE_SESSION,
            b::ProposeSessionVars {
                edition_id: e.id.clone(),
                input: si("Two"),
            },
        )
        .await,
    );
    tested.push(b::PROPOSE_SESSION);
    let s1 = session_of(
        send(
            &app,
            n,
            b::EDIT_SESSION,
            b::EditSessionVars {
                session_id: s1.id.clone(),
                input: si("One, edited"),
            },
        )
        .await,
    );
    assert_eq!(s1.title, "One, edited");
    tested.push(b::EDIT_SESSION);
    let s1 = session_of(
        send(
            &app,
            n,
            b::SET_INTEREST,
            b::SetInterestVars {
                session_id: s1.id.clone(),
                interested: true,
            },
        )
        .await,
    );
    assert!(s1.interested && s1.interest_count == 1);
    tested.push(b::SET_INTEREST);
    let list: b::SessionsData = send(
        &app,
        None,
        b::SESSIONS,
        b::SessionsVars {
            edition_id: e.id.clone(),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(
        list.barcamp_sessions
            .nodes()
            .map(|s| s.title.as_str())
            .collect::<Vec<_>>(),
        ["One, edited", "Two"]
    );
    tested.push(b::SESSIONS);
    let one: b::SessionData = send(&app, n, b::SESSION, b::IdVars { id: s2.id.clone() }).await;
    assert!(one.barcamp_session.is_some_and(|s| s.can_edit));
    tested.push(b::SESSION);
    let s3 = session_of(
        send(
            &app,
            n,
            b::PROPOSE_SESSION,
            b::ProposeSessionVars {
                edition_id: e.id.clone(),
                input: si("Three"),
            },
        )
        .await,
    );
    let s4 = session_of(
        send(
            &app,
            n,
            b::PROPOSE_SESSION,
            b::ProposeSessionVars {
                edition_id: e.id.clone(),
                input: si("Four"),
            },
        )
        .await,
    );
    let m = session_of(
        send(
            &app,
            a,
            b::MERGE_SESSION,
            b::MergeVars {
                session_id: s3.id.clone(),
                into_id: s2.id.clone(),
                reason: "Same".into(),
            },
        )
        .await,
    );
    assert!(m.merged_into.is_some());
    tested.push(b::MERGE_SESSION);
    let d = session_of(
        send(
            &app,
            a,
            b::DECLINE_SESSION,
            b::ReasonVars {
                session_id: s4.id.clone(),
                reason: "No".into(),
            },
        )
        .await,
    );
    assert_eq!(d.status_reason.as_deref(), Some("No"));
    tested.push(b::DECLINE_SESSION);
    for phase in [BarcampPhase::Interest, BarcampPhase::Scheduling] {
        let ed = edition_of(
            send(
                &app,
                a,
                b::SET_PHASE,
                b::SetPhaseVars {
                    edition_id: e.id.clone(),
                    phase,
                },
            )
            .await,
        );
        assert_eq!(ed.phase, phase);
    }
    tested.push(b::SET_PHASE);
    let run: b::RunSchedulerData = send(
        &app,
        a,
        b::RUN_SCHEDULER,
        b::EditionIdVars {
            edition_id: e.id.clone(),
        },
    )
    .await;
    assert_eq!(run.run_barcamp_scheduler.placed, 2);
    tested.push(b::RUN_SCHEDULER);
    let placed: b::SessionData = send(&app, a, b::SESSION, b::IdVars { id: s1.id.clone() }).await;
    let placed = placed.barcamp_session.expect("s1");
    let check: b::CheckMoveData = send(
        &app,
        a,
        b::CHECK_MOVE,
        b::MoveVars {
            session_id: s2.id.clone(),
            room_id: big.clone(),
            start_slot_id: placed.slots[0].id.clone(),
        },
    )
    .await;
    assert!(check
        .check_barcamp_move
        .iter()
        .any(|i| i.hard && i.kind == "ROOM_TAKEN"));
    tested.push(b::CHECK_MOVE);
    // Swap them by hand, watching the live feed.
    let mut ws = crate::audit::connect(&app, &ana.token).await;
    ws.send(crate::audit::send(serde_json::json!({ "id": "1", "type": "subscribe", "payload": { "query": b::CHANGES, "variables": { "editionId": e.id } } }))).await.expect("subscribe");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    send::<_, b::SessionResult>(
        &app,
        a,
        b::SET_PINNED,
        b::SetPinnedVars {
            session_id: s2.id.clone(),
            pinned: false,
        },
    )
    .await;
    let unpinned = session_of(
        send(
            &app,
            a,
            b::SET_PINNED,
            b::SetPinnedVars {
                session_id: s1.id.clone(),
                pinned: true,
            },
        )
        .await,
    );
    assert!(unpinned.pinned);
    tested.push(b::SET_PINNED);
    let frame = tokio::time::timeout(std::time::Duration::from_secs(5), ws.next())
        .await
        .expect("a change")
        .expect("frame")
        .expect("ok");
    let v: serde_json::Value = serde_json::from_str(frame.to_text().expect("text")).expect("json");
    let change: b::ChangesData =
        serde_json::from_value(v["payload"]["data"].clone()).expect("decodes");
    assert_eq!(change.barcamp_changes.action, "barcamp.session.pin");
    tested.push(b::CHANGES);
    send::<_, b::SessionResult>(
        &app,
        a,
        b::SET_PINNED,
        b::SetPinnedVars {
            session_id: s1.id.clone(),
            pinned: false,
        },
    )
    .await;
    let s2_now: b::SessionData = send(&app, a, b::SESSION, b::IdVars { id: s2.id.clone() }).await;
    let s2_slot = s2_now.barcamp_session.expect("s2").slots[0].id.clone();
    // Both slots of the one room are taken: cancelling s1 frees its place for s2.
    let c = session_of(
        send(
            &app,
            a,
            b::CANCEL_SESSION,
            b::ReasonVars {
                session_id: s1.id.clone(),
                reason: "Ill".into(),
            },
        )
        .await,
    );
    assert_eq!(
        c.status,
        constellation_shared::dto::barcamp::SessionStatus::Cancelled
    );
    let moved = session_of(
        send(
            &app,
            a,
            b::MOVE_SESSION,
            b::MoveVars {
                session_id: s2.id.clone(),
                room_id: big.clone(),
                start_slot_id: placed.slots[0].id.clone(),
            },
        )
        .await,
    );
    assert_ne!(moved.slots[0].id, s2_slot);
    tested.push(b::MOVE_SESSION);
    tested.push(b::CANCEL_SESSION);
    let ed = edition_of(
        send(
            &app,
            a,
            b::SET_PHASE,
            b::SetPhaseVars {
                edition_id: e.id.clone(),
                phase: BarcampPhase::Published,
            },
        )
        .await,
    );
    assert_eq!(ed.phase, BarcampPhase::Published);
    let agenda: b::AgendaData = send(
        &app,
        n,
        b::MY_AGENDA,
        b::AgendaVars {
            edition_id: e.id.clone(),
        },
    )
    .await;
    assert!(!agenda.my_barcamp_agenda.is_empty());
    tested.push(b::MY_AGENDA);
    let nn: b::NowNextData = send(
        &app,
        None,
        b::NOW_NEXT,
        b::NowNextVars {
            edition_id: e.id.clone(),
            at: Some("2031-06-12T07:00:00Z".into()),
        },
    )
    .await;
    assert_eq!(nn.barcamp_now_next.len(), 1);
    assert!(nn.barcamp_now_next[0].next.is_some());
    tested.push(b::NOW_NEXT);
    let other = app.signup("Other").await;
    let ed = edition_of(
        send(
            &app,
            Some(other.token.as_str()),
            b::UNREGISTER,
            b::EditionIdVars {
                edition_id: e.id.clone(),
            },
        )
        .await,
    );
    assert!(!ed.viewer.registered);
    tested.push(b::UNREGISTER);
    assert_eq!(tested, BARCAMP_DOCS);
}
