//! Barcamp sessions: bad proposals are refused with a reason and change nothing; merging
//! moves hosts and interest, and hosts edit until the scheduling.

use super::setup;
use constellation_tests::{error_code, spawn_app};
use serde_json::{json, Value};

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
