//! What the barcamp shows: the agenda with its clashes and the calendar feeds (stable UIDs),
//! placements and counts only to whom they belong, the venue screen's now and next per room,
//! and open pages receiving changes live.

use super::setup;
use constellation_tests::spawn_app;
use serde_json::{json, Value};
use std::collections::HashMap;

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
