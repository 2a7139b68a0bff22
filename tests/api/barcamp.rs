//! The annual barcamp through the real server: editions, sessions, interest, the scheduler,
//! hand moves, publication, agenda, calendar feeds, live changes, export.

use constellation_tests::barcamp::Edition;
use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// The board member (admin: the first account) and an edition with rooms and slots.
async fn setup(app: &TestApp) -> (TestUser, Edition) {
    let admin = app.signup("Admin").await;
    let e = app.edition(&admin, 2027).await;
    app.register_for(&admin, &e.id).await;
    (admin, e)
}

async fn all_sessions(app: &TestApp, who: Option<&TestUser>, edition: &str) -> Vec<Value> {
    let r = app
        .gql(
            who.map(|w| w.token.as_str()),
            &format!(
                "query($e: ID!) {{ barcampSessions(editionId: $e, first: 100) {{ edges {{ node {{ {} }} }} }} }}",
                constellation_tests::barcamp::SESSION_FIELDS
            ),
            json!({ "e": edition }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    r["data"]["barcampSessions"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

/// No room holds two sessions at once and no host is in two places at once.
fn assert_conflict_free(sessions: &[Value]) {
    let mut rooms: HashSet<(String, String)> = HashSet::new();
    let mut hosts: HashSet<(String, String)> = HashSet::new();
    for s in sessions.iter().filter(|s| s["status"] == "PROPOSED") {
        let slots = s["slots"].as_array().expect("slots");
        assert_eq!(
            slots.len() as i64,
            s["length"].as_i64().expect("length"),
            "{s}"
        );
        for slot in slots {
            let t = slot["id"].as_str().expect("slot").to_owned();
            let room = s["room"]["id"].as_str().expect("room").to_owned();
            assert!(rooms.insert((room, t.clone())), "room booked twice: {s}");
            for h in s["hosts"].as_array().expect("hosts") {
                let h = h["id"].as_str().expect("host").to_owned();
                assert!(hosts.insert((h, t.clone())), "host in two places: {s}");
            }
        }
    }
}

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
async fn the_agenda_shows_clashes_and_the_calendar_feeds_parse_with_stable_uids() {
    let app = spawn_app().await;
    let (admin, e) = setup(&app).await;
    let ana = app.attendee("Ana", &e.id).await;
    let ben = app.attendee("Ben", &e.id).await;
    let a = app.session(&ana, &e.id, "Alpha; with, commas", 1).await;
    let b = app.session(&ben, &e.id, "Beta", 1).await;
    app.interest(&ana, &b, true).await;
    app.phase(&admin, &e.id, "INTEREST").await;
    app.phase(&admin, &e.id, "SCHEDULING").await;
    // By hand: both at 10:00, in two rooms — Ana hosts one and wants the other.
    assert!(app.move_session(&admin, &a, &e.big, &e.slots[0]).await["errors"].is_null());
    let moved = app.move_session(&admin, &b, &e.small, &e.slots[0]).await;
    assert!(moved["errors"].is_null(), "{moved}");
    assert_eq!(moved["data"]["moveBarcampSession"]["pinned"], true);
    app.phase(&admin, &e.id, "PUBLISHED").await;

    let agenda = app
        .gql(
            Some(&ana.token),
            "query($e: ID!) { myBarcampAgenda(editionId: $e) { session { id } clashesWith { id } } }",
            json!({ "e": e.id }),
        )
        .await;
    let items = agenda["data"]["myBarcampAgenda"]
        .as_array()
        .expect("agenda");
    assert_eq!(items.len(), 2, "{agenda}");
    for i in items {
        assert_eq!(
            i["clashesWith"].as_array().map(Vec::len),
            Some(1),
            "{agenda}"
        );
    }

    // The whole edition's feed, parsed by an independent parser.
    let (status, body) = app.get_text(&format!("/ical/barcamp/{}.ics", e.id)).await;
    assert_eq!(status, 200, "{body}");
    let events = parse_events(&body);
    assert_eq!(events.len(), 2, "{body}");
    let alpha = &events[&format!("{a}@constellation")];
    assert_eq!(alpha["SUMMARY"], "Alpha; with, commas");
    // 10:00 in Brussels in June is 08:00 UTC.
    assert_eq!(alpha["DTSTART"], "20270612T080000Z");
    assert_eq!(alpha["DTEND"], "20270612T084500Z");
    assert_eq!(alpha["LOCATION"], "Big, Brussels");
    let seq_before: i64 = alpha["SEQUENCE"].parse().expect("sequence");

    // Ana's private feed: her session and the one she wants.
    let feed = app.edition_state(&ana, &e.id).await["viewer"]["feedPath"]
        .as_str()
        .expect("feed path")
        .to_owned();
    let (status, body) = app.get_text(&feed).await;
    assert_eq!(status, 200);
    assert_eq!(parse_events(&body).len(), 2, "{body}");

    // On the day: Beta moves to 14:00, then Alpha is cancelled. Same UIDs, higher SEQUENCE.
    let r = app.move_session(&admin, &b, &e.small, &e.slots[3]).await;
    assert!(r["errors"].is_null(), "{r}");
    let r = app
        .gql(
            Some(&admin.token),
            "mutation($s: ID!) { cancelBarcampSession(sessionId: $s, reason: \"Speaker ill\") { status statusReason } }",
            json!({ "s": a }),
        )
        .await;
    assert_eq!(
        r["data"]["cancelBarcampSession"]["status"], "CANCELLED",
        "{r}"
    );
    let (_, body) = app.get_text(&format!("/ical/barcamp/{}.ics", e.id)).await;
    let events = parse_events(&body);
    assert_eq!(events.len(), 2, "cancelled events stay, marked: {body}");
    let alpha = &events[&format!("{a}@constellation")];
    assert_eq!(alpha["STATUS"], "CANCELLED");
    assert!(alpha["SEQUENCE"].parse::<i64>().expect("seq") > seq_before);
    assert_eq!(
        events[&format!("{b}@constellation")]["DTSTART"],
        "20270612T120000Z"
    );
    // The clash is gone from the agenda now.
    let agenda = app
        .gql(
            Some(&ana.token),
            "query($e: ID!) { myBarcampAgenda(editionId: $e) { clashesWith { id } } }",
            json!({ "e": e.id }),
        )
        .await;
    assert!(agenda["data"]["myBarcampAgenda"]
        .as_array()
        .expect("agenda")
        .iter()
        .all(|i| i["clashesWith"] == json!([])));

    // A new feed address: the old one stops working.
    app.ok(
        &ana,
        "mutation($e: ID!) { resetBarcampFeed(editionId: $e) { id } }",
        json!({ "e": e.id }),
    )
    .await;
    assert_eq!(app.get_text(&feed).await.0, 404);
    assert_eq!(app.get_text("/ical/barcamp/feed/nothing.ics").await.0, 404);
}

/// UID → property name → value, read with the `icalendar` crate's parser.
fn parse_events(body: &str) -> HashMap<String, HashMap<String, String>> {
    use icalendar::{Component, EventLike};
    let unfolded = icalendar::parser::unfold(body);
    icalendar::parser::read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}\n{body}"));
    let cal: icalendar::Calendar = body.parse().unwrap_or_else(|e| panic!("{e}\n{body}"));
    let mut out = HashMap::new();
    for ev in cal.events() {
        let mut props: HashMap<String, String> = ev
            .properties()
            .iter()
            .map(|(k, p)| (k.clone(), p.value().to_owned()))
            .collect();
        if let Some(s) = ev.get_summary() {
            props.insert("SUMMARY".into(), s.to_owned());
        }
        if let Some(l) = ev.get_location() {
            props.insert("LOCATION".into(), l.to_owned());
        }
        out.insert(ev.get_uid().expect("uid").to_owned(), props);
    }
    out
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
    let slot = uuid::Uuid::parse_str(&e.slots[0]).expect("uuid");
    let room = uuid::Uuid::parse_str(&e.big).expect("uuid");
    use constellation_backend::entities::barcamp_occupancy;
    use sea_orm::{ActiveModelTrait, Set};
    let clash = barcamp_occupancy::ActiveModel {
        slot_id: Set(slot),
        room_id: Set(room),
        session_id: Set(two_uuid),
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

#[tokio::test]
async fn bad_input_is_refused_with_a_reason_and_changes_nothing() {
    let app = spawn_app().await;
    let (admin, e) = setup(&app).await;
    let ana = app.attendee("Ana", &e.id).await;
    let outsider = app.signup("Outsider").await;
    let before = app.count("barcamp_sessions").await;
    let code = |r: &Value| error_code(r).map(str::to_owned);
    // Not registered, too long, empty title, unknown co-host.
    assert_eq!(
        code(
            &app.propose_session(&outsider, &e.id, "Mine", 1, &[], &[])
                .await
        )
        .as_deref(),
        Some("NOT_REGISTERED")
    );
    for (title, length, co) in [
        ("Long", 5, vec![]),
        ("  ", 1, vec![]),
        ("Co", 1, vec!["nobody@example.org"]),
    ] {
        let r = app
            .propose_session(&ana, &e.id, title, length, &[], &co)
            .await;
        assert_eq!(code(&r).as_deref(), Some("VALIDATION"), "{r}");
    }
    assert_eq!(app.count("barcamp_sessions").await, before);
    // Slots: overlapping, outside the edition, end before start, nonsense.
    let slots = app.count("barcamp_slots").await;
    for (day, start, end, field) in [
        ("2027-06-12", "10:30", "11:00", "start"),
        ("2027-07-01", "10:00", "11:00", "day"),
        ("2027-06-13", "11:00", "10:00", "end"),
        ("2027-06-13", "25:00", "26:00", "start"),
    ] {
        let r = app
            .gql(
                Some(&admin.token),
                "mutation($e: ID!, $i: SlotInput!) { addBarcampSlot(editionId: $e, input: $i) { id } }",
                json!({ "e": e.id, "i": { "day": day, "start": start, "end": end } }),
            )
            .await;
        assert_eq!(code(&r).as_deref(), Some("VALIDATION"), "{r}");
        assert_eq!(r["errors"][0]["extensions"]["field"], field, "{r}");
    }
    assert_eq!(app.count("barcamp_slots").await, slots);
    // Rooms: zero seats, duplicate name. Editions: same year, unknown zone.
    for (name, capacity) in [("Zero", 0), ("Big", 5)] {
        let r = app
            .gql(
                Some(&admin.token),
                "mutation($e: ID!, $i: RoomInput!) { addBarcampRoom(editionId: $e, input: $i) { id } }",
                json!({ "e": e.id, "i": { "name": name, "capacity": capacity, "equipment": [] } }),
            )
            .await;
        assert_eq!(code(&r).as_deref(), Some("VALIDATION"), "{r}");
    }
    for (year, tz) in [(2027, "Europe/Brussels"), (2028, "Mars/Olympus")] {
        let r = app
            .gql(
                Some(&admin.token),
                "mutation($i: EditionInput!) { createBarcampEdition(input: $i) { id } }",
                json!({ "i": { "year": year, "title": "Again", "startsOn": "2028-06-12", "endsOn": "2028-06-13", "venue": "Here", "timezone": tz } }),
            )
            .await;
        assert_eq!(code(&r).as_deref(), Some("VALIDATION"), "{r}");
    }
    // Phases move one step at a time; the scheduler runs only while scheduling.
    assert_eq!(
        code(&app.phase(&admin, &e.id, "PUBLISHED").await).as_deref(),
        Some("INVALID_TRANSITION")
    );
    assert_eq!(
        code(&app.run_scheduler(&admin, &e.id).await).as_deref(),
        Some("INVALID_TRANSITION")
    );
    // Proposals close with scheduling; hosts stop editing then.
    let s = app.session(&ana, &e.id, "Early", 1).await;
    app.phase(&admin, &e.id, "INTEREST").await;
    app.phase(&admin, &e.id, "SCHEDULING").await;
    assert_eq!(
        code(&app.propose_session(&ana, &e.id, "Late", 1, &[], &[]).await).as_deref(),
        Some("INVALID_TRANSITION")
    );
    let edit = app
        .gql(
            Some(&ana.token),
            "mutation($s: ID!, $i: SessionInput!) { editBarcampSession(sessionId: $s, input: $i) { id } }",
            json!({ "s": s, "i": { "title": "Edited", "description": "", "format": "TALK", "length": 1, "equipment": [], "labId": null, "coHostEmails": [] } }),
        )
        .await;
    assert_eq!(code(&edit).as_deref(), Some("INVALID_TRANSITION"));
    // Unknown ids.
    let r = app
        .interest(&ana, &uuid::Uuid::new_v4().to_string(), true)
        .await;
    assert_eq!(code(&r).as_deref(), Some("NOT_FOUND"));
    let r = app.interest(&ana, "not-an-id", true).await;
    assert_eq!(code(&r).as_deref(), Some("VALIDATION"));
}

#[tokio::test]
async fn merging_moves_hosts_and_interest_and_hosts_edit_until_scheduling() {
    let app = spawn_app().await;
    let (admin, e) = setup(&app).await;
    let ana = app.attendee("Ana", &e.id).await;
    let ben = app.attendee("Ben", &e.id).await;
    let cy = app.attendee("Cy", &e.id).await;
    let a = app.session(&ana, &e.id, "Privacy", 1).await;
    let b = app.session(&ben, &e.id, "Privacy too", 1).await;
    app.interest(&cy, &a, true).await;
    app.interest(&cy, &b, true).await;
    app.interest(&admin, &b, true).await;
    // The host edits; another attendee may not.
    let input = json!({ "title": "Privacy, really", "description": "More.", "format": "DISCUSSION", "length": 1, "equipment": [], "labId": null, "coHostEmails": [] });
    let q = "mutation($s: ID!, $i: SessionInput!) { editBarcampSession(sessionId: $s, input: $i) { title } }";
    assert_eq!(
        error_code(
            &app.gql(Some(&cy.token), q, json!({ "s": a, "i": input }))
                .await
        ),
        Some("FORBIDDEN")
    );
    let r = app
        .gql(Some(&ana.token), q, json!({ "s": a, "i": input }))
        .await;
    assert_eq!(
        r["data"]["editBarcampSession"]["title"], "Privacy, really",
        "{r}"
    );

    let m = app
        .gql(
            Some(&admin.token),
            "mutation($s: ID!, $i: ID!) { mergeBarcampSession(sessionId: $s, intoId: $i, reason: \"Same topic\") { status mergedInto { id } } }",
            json!({ "s": b, "i": a }),
        )
        .await;
    assert_eq!(m["data"]["mergeBarcampSession"]["status"], "MERGED", "{m}");
    assert_eq!(
        m["data"]["mergeBarcampSession"]["mergedInto"]["id"],
        a.as_str()
    );
    let target = app.session_state(Some(&ana), &a).await;
    assert_eq!(
        target["interestCount"], 2,
        "Cy once, the admin once: {target}"
    );
    assert_eq!(target["hosts"].as_array().map(Vec::len), Some(2));
    // Ben co-hosts now: he may edit the merged session.
    assert_eq!(target["canEdit"], true);
    assert_eq!(app.session_state(Some(&ben), &a).await["canEdit"], true);
    // A merged session takes no more interest.
    assert_eq!(
        error_code(&app.interest(&ana, &b, true).await),
        Some("INVALID_TRANSITION")
    );
}

#[tokio::test]
async fn placements_and_counts_are_shown_only_to_whom_they_belong() {
    let app = spawn_app().await;
    let (admin, e) = setup(&app).await;
    let ana = app.attendee("Ana", &e.id).await;
    let s = app.session(&ana, &e.id, "Visible", 1).await;
    app.interest(&ana, &s, true).await;
    let mine = app.edition_state(&ana, &e.id).await;
    assert!(mine["registrationCount"].is_null());
    assert_eq!(mine["viewer"]["registered"], true);
    assert_eq!(mine["viewer"]["organiser"], false);
    let org = app.edition_state(&admin, &e.id).await;
    assert_eq!(org["registrationCount"], 2);
    // The board names Ana organiser: she now sees the count.
    app.ok(
        &admin,
        "mutation($e: ID!, $m: String!) { setBarcampOrganiser(editionId: $e, email: $m, organiser: true) { id } }",
        json!({ "e": e.id, "m": ana.email }),
    )
    .await;
    assert_eq!(app.edition_state(&ana, &e.id).await["registrationCount"], 2);
    // Anonymous visitors read the programme but never who is interested.
    let anon = app
        .gql(
            None,
            "query($e: ID!) { barcampSessions(editionId: $e) { edges { node { title interestCount interested } } } }",
            json!({ "e": e.id }),
        )
        .await;
    let node = &anon["data"]["barcampSessions"]["edges"][0]["node"];
    assert_eq!(node["interestCount"], 1, "{anon}");
    assert_eq!(node["interested"], false);
    // Before publication: no public feed, an empty now/next.
    assert_eq!(
        app.get_text(&format!("/ical/barcamp/{}.ics", e.id)).await.0,
        404
    );
    let nn = app
        .gql(
            None,
            "query($e: ID!) { barcampNowNext(editionId: $e) { room { name } } }",
            json!({ "e": e.id }),
        )
        .await;
    assert_eq!(nn["data"]["barcampNowNext"], json!([]), "{nn}");
}

#[tokio::test]
async fn the_venue_screen_shows_now_and_next_per_room() {
    let app = spawn_app().await;
    let (admin, e) = setup(&app).await;
    let ana = app.attendee("Ana", &e.id).await;
    let first = app.session(&ana, &e.id, "First", 1).await;
    let later = app.session(&ana, &e.id, "Later", 1).await;
    app.phase(&admin, &e.id, "INTEREST").await;
    app.phase(&admin, &e.id, "SCHEDULING").await;
    app.move_session(&admin, &first, &e.big, &e.slots[0]).await;
    app.move_session(&admin, &later, &e.big, &e.slots[3]).await;
    app.phase(&admin, &e.id, "PUBLISHED").await;
    // 10:20 Brussels = 08:20 UTC.
    let nn = app
        .gql(
            None,
            "query($e: ID!, $at: DateTime) { barcampNowNext(editionId: $e, at: $at) { room { name } now { title } next { title } } }",
            json!({ "e": e.id, "at": "2027-06-12T08:20:00Z" }),
        )
        .await;
    let rooms = nn["data"]["barcampNowNext"].as_array().expect("rooms");
    let big = rooms
        .iter()
        .find(|r| r["room"]["name"] == "Big")
        .expect("big");
    assert_eq!(big["now"]["title"], "First", "{nn}");
    assert_eq!(big["next"]["title"], "Later");
    let small = rooms
        .iter()
        .find(|r| r["room"]["name"] == "Small")
        .expect("small");
    assert!(small["now"].is_null() && small["next"].is_null());
}

#[tokio::test]
async fn open_pages_receive_changes_live() {
    use futures_util::{SinkExt, StreamExt};
    let app = spawn_app().await;
    let (admin, e) = setup(&app).await;
    let ana = app.attendee("Ana", &e.id).await;
    let s = app.session(&ana, &e.id, "Live", 1).await;
    app.phase(&admin, &e.id, "INTEREST").await;
    app.phase(&admin, &e.id, "SCHEDULING").await;
    let mut ws = crate::audit::connect(&app, &ana.token).await;
    ws.send(crate::audit::send(json!({
        "id": "1", "type": "subscribe",
        "payload": { "query": "subscription($e: ID!) { barcampChanges(editionId: $e) { action sessionId } }", "variables": { "e": e.id } }
    })))
    .await
    .expect("subscribe");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    // A change elsewhere (another edition, a registration) is not sent; the move is.
    let other = app.edition(&admin, 2030).await;
    app.register_for(&ana, &other.id).await;
    assert!(app.move_session(&admin, &s, &e.big, &e.slots[1]).await["errors"].is_null());
    let msg = tokio::time::timeout(std::time::Duration::from_secs(5), ws.next())
        .await
        .expect("a change within 5 s")
        .expect("message")
        .expect("frame");
    let v: Value = serde_json::from_str(msg.to_text().expect("text")).expect("json");
    assert_eq!(
        v["payload"]["data"]["barcampChanges"]["action"], "barcamp.session.move",
        "{v}"
    );
    assert_eq!(
        v["payload"]["data"]["barcampChanges"]["sessionId"],
        s.as_str()
    );
}

#[tokio::test]
async fn the_export_lists_registrations_proposals_and_interests_and_deletion_forgets_them() {
    let app = spawn_app().await;
    let (admin, e) = setup(&app).await;
    let ana = app.attendee("Ana", &e.id).await;
    let ben = app.attendee("Ben", &e.id).await;
    let mine = app.session(&ana, &e.id, "Ana's session", 1).await;
    let theirs = app.session(&ben, &e.id, "Ben's session", 1).await;
    app.interest(&ana, &theirs, true).await;
    let r = app
        .client
        .get(format!("{}/export/me?format=json", app.url))
        .bearer_auth(&ana.token)
        .send()
        .await
        .expect("export");
    let body: Value = r.json().await.expect("json");
    let b = &body["barcamp"];
    assert_eq!(b["registrations"][0]["edition"], 2027, "{b}");
    assert_eq!(b["sessionsHosted"][0]["id"], mine.as_str());
    assert_eq!(b["interests"][0]["session"], theirs.as_str());
    assert!(!body.to_string().contains("feedToken"));
    let _ = admin;
    // Ana leaves the platform: her interest and registration go; her session stays.
    let interests = app.count("barcamp_interests").await;
    app.ok(
        &ana,
        "mutation($p: String!) { deleteMyAccount(password: $p) }",
        json!({ "p": constellation_tests::PASSWORD }),
    )
    .await;
    assert_eq!(app.count("barcamp_interests").await, interests - 1);
    assert_eq!(app.count("barcamp_registrations").await, 2);
    assert_eq!(
        app.session_state(None, &mine).await["title"],
        "Ana's session"
    );
}

#[tokio::test]
async fn seed_demo_publishes_the_yearly_barcamp() {
    let app = spawn_app().await;
    let env = &app.state.env;
    constellation_backend::domain::flows::seed::seed_demo(env)
        .await
        .expect("seed");
    let r = app
        .gql(
            None,
            "{ barcampEdition(year: 2027) { id phase rooms { id } slots { id } } }",
            json!({}),
        )
        .await;
    let e = &r["data"]["barcampEdition"];
    assert_eq!(e["phase"], "PUBLISHED", "{r}");
    assert_eq!(e["rooms"].as_array().map(Vec::len), Some(3));
    let sessions = all_sessions(&app, None, e["id"].as_str().expect("id")).await;
    assert_eq!(sessions.len(), 8);
    assert!(
        sessions.iter().all(|s| s["room"].is_object()),
        "{sessions:?}"
    );
    assert!(sessions
        .iter()
        .any(|s| s["interestCount"].as_i64() > Some(0)));
    assert_conflict_free(&sessions);
}
