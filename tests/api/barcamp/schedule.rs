//! The barcamp's schedule: attendees propose and mark interest, organisers run the scheduler
//! and publish; hand moves show conflicts first and the database refuses double booking; what
//! cannot be placed is said, and publishing waits for it.

use super::{all_sessions, assert_conflict_free, setup};
use constellation_tests::{error_code, spawn_app};
use serde_json::{json, Value};
use std::collections::HashSet;

#[tokio::test]
async fn attendees_propose_and_mark_interest_organisers_schedule_and_publish() {
    let app = spawn_app().await;
    let (admin, e) = setup(&app).await;
    let ana = app.attendee("Ana", &e.id).await;
    let ben = app.attendee("Ben", &e.id).await;
    let cy = app.attendee("Cy", &e.id).await;

    // Ana proposes with Ben as co-host; Ben and Cy propose their own.
    let r = app
        .propose_session(
            &ana,
            &e.id,
            "Free networks",
            1,
            &["projector"],
            &[&ben.email],
        )
        .await;
    let free = r["data"]["proposeBarcampSession"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_owned();
    assert_eq!(
        r["data"]["proposeBarcampSession"]["hosts"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    // An edit without a co-host list keeps the co-hosts.
    let edited = app
        .gql(
            Some(&ana.token),
            "mutation($s: ID!, $i: SessionInput!) { editBarcampSession(sessionId: $s, input: $i) { title hosts { id } } }",
            json!({ "s": free, "i": { "title": "Free, open networks", "description": "", "format": "TALK", "length": 1, "equipment": ["projector"], "labId": null, "coHostEmails": null } }),
        )
        .await;
    assert_eq!(
        edited["data"]["editBarcampSession"]["hosts"]
            .as_array()
            .map(Vec::len),
        Some(2),
        "{edited}"
    );
    let ai = app.session(&ben, &e.id, "AI and us", 2).await;
    let edu = app.session(&cy, &e.id, "Teaching without screens", 1).await;
    let talk = app.session(&cy, &e.id, "Open data", 1).await;

    app.phase(&admin, &e.id, "INTEREST").await;
    for (who, s) in [
        (&ana, &ai),
        (&ana, &edu),
        (&ben, &edu),
        (&cy, &free),
        (&admin, &free),
        (&admin, &edu),
        (&admin, &talk),
    ] {
        let r = app.interest(who, s, true).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    // Idempotent: a second mark does not count twice.
    let again = app.interest(&ana, &edu, true).await;
    assert_eq!(again["data"]["setBarcampInterest"]["interestCount"], 3);

    // Placements stay hidden from attendees until publication.
    app.phase(&admin, &e.id, "SCHEDULING").await;
    let run = app.run_scheduler(&admin, &e.id).await;
    assert!(run["errors"].is_null(), "{run}");
    let run = &run["data"]["runBarcampScheduler"];
    assert_eq!(run["placed"], 4, "{run}");
    assert_eq!(run["unplaced"], json!([]));
    assert!(
        run["objective"].as_i64() >= run["greedyObjective"].as_i64(),
        "{run}"
    );
    let hidden = app.session_state(Some(&ana), &free).await;
    assert!(
        hidden["room"].is_null() && hidden["slots"] == json!([]),
        "{hidden}"
    );

    let published = app.phase(&admin, &e.id, "PUBLISHED").await;
    assert!(published["errors"].is_null(), "{published}");
    let sessions = all_sessions(&app, None, &e.id).await;
    assert_conflict_free(&sessions);
    // The projector session is in the only room with a projector.
    let free_state = app.session_state(None, &free).await;
    assert_eq!(free_state["room"]["name"], "Big");
    // The two-slot session does not run across lunch.
    let ai_state = app.session_state(None, &ai).await;
    let days: Vec<&str> = ai_state["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| s["start"].as_str().unwrap_or_default())
        .collect();
    assert!(
        matches!(
            days.as_slice(),
            ["10:00", "10:45"] | ["10:45", "11:30"] | ["14:00", "14:45"]
        ),
        "{days:?}"
    );
    // Everyone Ana wants can be attended: the scheduler kept them apart.
    let agenda = app
        .gql(
            Some(&ana.token),
            "query($e: ID!) { myBarcampAgenda(editionId: $e) { session { id title slots { start } } clashesWith { id } } }",
            json!({ "e": e.id }),
        )
        .await;
    let items = agenda["data"]["myBarcampAgenda"]
        .as_array()
        .expect("agenda");
    let ids: HashSet<&str> = items
        .iter()
        .map(|i| i["session"]["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        ids,
        HashSet::from([free.as_str(), ai.as_str(), edu.as_str()])
    );
    assert!(
        items.iter().all(|i| i["clashesWith"] == json!([])),
        "{agenda}"
    );
}

#[tokio::test]
async fn hand_moves_show_conflicts_first_and_the_database_refuses_double_booking() {
    let app = spawn_app().await;
    let (admin, e) = setup(&app).await;
    let ana = app.attendee("Ana", &e.id).await;
    let ben = app.attendee("Ben", &e.id).await;
    let one = app.session(&ana, &e.id, "One", 1).await;
    let two = app.session(&ana, &e.id, "Two", 1).await;
    let long = app.session(&ben, &e.id, "Long", 2).await;
    let r = app
        .propose_session(&ben, &e.id, "Slides", 1, &["projector"], &[])
        .await;
    let slides = r["data"]["proposeBarcampSession"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    for s in [&one, &two] {
        app.interest(&ben, s, true).await;
    }
    app.phase(&admin, &e.id, "INTEREST").await;
    // Moves wait for scheduling.
    assert_eq!(
        error_code(&app.move_session(&admin, &one, &e.big, &e.slots[0]).await),
        Some("INVALID_TRANSITION")
    );
    app.phase(&admin, &e.id, "SCHEDULING").await;
    assert!(app.move_session(&admin, &one, &e.big, &e.slots[0]).await["errors"].is_null());

    let kinds = |r: &Value| -> Vec<(String, bool)> {
        r["data"]["checkBarcampMove"]
            .as_array()
            .unwrap_or_else(|| panic!("{r}"))
            .iter()
            .map(|i| {
                (
                    i["kind"].as_str().unwrap_or_default().to_owned(),
                    i["hard"].as_bool().unwrap_or_default(),
                )
            })
            .collect()
    };
    // Same room, same time; Ana would be in two places; Ben wants both.
    let c = app.check_move(&admin, &two, &e.big, &e.slots[0]).await;
    let k = kinds(&c);
    assert!(k.contains(&("ROOM_TAKEN".into(), true)), "{c}");
    assert!(k.contains(&("HOST_BUSY".into(), true)), "{c}");
    assert!(k.contains(&("ATTENDEE_CLASH".into(), false)), "{c}");
    assert!(c["data"]["checkBarcampMove"][0]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    let c = app.check_move(&admin, &two, &e.small, &e.slots[0]).await;
    assert_eq!(
        kinds(&c),
        vec![("HOST_BUSY".into(), true), ("ATTENDEE_CLASH".into(), false)]
    );
    // Across lunch, past the end, without the projector.
    assert_eq!(
        kinds(&app.check_move(&admin, &long, &e.small, &e.slots[2]).await),
        vec![("CROSSES_BREAK".into(), true)]
    );
    assert_eq!(
        kinds(&app.check_move(&admin, &long, &e.small, &e.slots[4]).await),
        vec![("OUTSIDE_GRID".into(), true)]
    );
    assert_eq!(
        kinds(&app.check_move(&admin, &slides, &e.small, &e.slots[0]).await),
        vec![("MISSING_EQUIPMENT".into(), true)]
    );
    // A hard conflict is refused and changes nothing.
    let before = app.count("barcamp_occupancy").await;
    let r = app.move_session(&admin, &two, &e.small, &e.slots[0]).await;
    assert_eq!(error_code(&r), Some("SCHEDULE_CONFLICT"), "{r}");
    assert_eq!(app.count("barcamp_occupancy").await, before);
    assert!(app.session_state(Some(&admin), &two).await["room"].is_null());
    // A warning alone does not stop the move.
    let r = app.move_session(&admin, &two, &e.small, &e.slots[1]).await;
    assert!(r["errors"].is_null(), "{r}");

    // The scheduler keeps pinned sessions where they are and places the rest around them.
    let run = app.run_scheduler(&admin, &e.id).await;
    let run = &run["data"]["runBarcampScheduler"];
    assert_eq!(run["pinned"], 2, "{run}");
    assert_eq!(run["placed"], 2, "{run}");
    let one_state = app.session_state(Some(&admin), &one).await;
    assert_eq!(one_state["slots"][0]["id"], e.slots[0].as_str());
    assert_eq!(one_state["room"]["id"], e.big.as_str());
    assert_conflict_free(&all_sessions(&app, Some(&admin), &e.id).await);

    // Below the code, the database itself refuses a room booked twice.
    let one_uuid = uuid::Uuid::parse_str(&one).expect("uuid");
    let two_uuid = uuid::Uuid::parse_str(&two).expect("uuid");
    let slot: constellation_shared::ids::SlotId = e.slots[0].parse().expect("uuid");
    let room: constellation_shared::ids::RoomId = e.big.parse().expect("uuid");
    use constellation_backend::entities::barcamp_occupancy;
    use sea_orm::{ActiveModelTrait, Set};
    let clash = barcamp_occupancy::ActiveModel {
        slot_id: Set(slot),
        room_id: Set(room),
        session_id: Set(two_uuid.into()),
    }
    .insert(&app.db)
    .await;
    assert!(
        clash.is_err(),
        "a second session in one room and slot was stored"
    );
    let _ = one_uuid;
}

#[tokio::test]
async fn what_cannot_be_placed_is_said_and_publishing_waits_for_it() {
    let app = spawn_app().await;
    let (admin, e) = setup(&app).await;
    let ana = app.attendee("Ana", &e.id).await;
    let r = app
        .propose_session(&ana, &e.id, "Needs a piano", 1, &["piano"], &[])
        .await;
    let piano = r["data"]["proposeBarcampSession"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let ok = app.session(&ana, &e.id, "Fine", 1).await;
    app.phase(&admin, &e.id, "INTEREST").await;
    app.phase(&admin, &e.id, "SCHEDULING").await;
    let run = app.run_scheduler(&admin, &e.id).await;
    let unplaced = &run["data"]["runBarcampScheduler"]["unplaced"];
    assert_eq!(unplaced.as_array().map(Vec::len), Some(1), "{run}");
    assert_eq!(unplaced[0]["session"]["id"], piano.as_str());
    assert_eq!(unplaced[0]["reason"], "NO_ROOM_WITH_EQUIPMENT");
    assert!(unplaced[0]["explanation"]
        .as_str()
        .is_some_and(|m| m.contains("matériel") || m.contains("equipment")));
    assert!(app.session_state(Some(&admin), &piano).await["unplacedReason"].is_string());
    assert!(app.session_state(Some(&ana), &piano).await["unplacedReason"].is_null());
    assert_eq!(
        error_code(&app.phase(&admin, &e.id, "PUBLISHED").await),
        Some("SCHEDULE_INCOMPLETE")
    );
    // Declined with a reason, it leaves the programme; now it can be published.
    let d = app
        .gql(
            Some(&admin.token),
            "mutation($s: ID!) { declineBarcampSession(sessionId: $s, reason: \"No piano this year\") { status statusReason } }",
            json!({ "s": piano }),
        )
        .await;
    assert_eq!(
        d["data"]["declineBarcampSession"]["status"], "DECLINED",
        "{d}"
    );
    assert!(app.phase(&admin, &e.id, "PUBLISHED").await["errors"].is_null());
    assert!(app.session_state(None, &ok).await["room"].is_object());
}
