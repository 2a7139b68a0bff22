//! Paper and show-of-hands votes: the chair records the counts cast in the room on an open
//! motion; the result adds them to the online ballots; the minutes show both.

use constellation_backend::entities::{audit_log, motion_room_count};
use constellation_tests::labs::outcome;
use constellation_tests::{spawn_app, TestApp, TestUser};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

const RECORD: &str = "mutation($m: ID!, $i: RoomCountInput!) { recordRoomCount(motionId: $m, input: $i) { id status tally { yes no abstain } } }";
/// The shared documents the frontend sends, exercised below against the real schema.
pub(crate) const ROOM_COUNT_DOCS: &[&str] = &[
    constellation_shared::queries::assemblies::RECORD_ROOM_COUNT,
    constellation_shared::queries::assemblies::MOTION_ROOM_COUNT,
];

const READ: &str = "query($m: ID!) { motionRoomCount(motionId: $m) { yes no abstain note recordedAt recordedBy { id displayName } } }";

async fn record(
    app: &TestApp,
    who: Option<&TestUser>,
    motion: &str,
    counts: [i64; 3],
    note: &str,
) -> Value {
    app.gql(
        who.map(|u| u.token.as_str()),
        RECORD,
        json!({ "m": motion, "i": { "yes": counts[0], "no": counts[1], "abstain": counts[2], "note": note } }),
    )
    .await
}

async fn stored(app: &TestApp, motion: &str) -> Option<[i32; 3]> {
    let id: uuid::Uuid = motion.parse().expect("uuid");
    motion_room_count::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("read")
        .map(|r| [r.yes, r.no, r.abstain])
}

fn refused(r: &Value, code: &str, field: Option<&str>) {
    assert_eq!(outcome(r).as_deref(), Some(code), "{r}");
    if let Some(f) = field {
        assert_eq!(r["errors"][0]["extensions"]["field"], f, "{r}");
    }
}

/// An assembly in session with five effective members checked in; returns (chair,
/// members, assembly, [open SIMPLE motion, secret STATUTES motion]).
async fn in_session(app: &TestApp) -> (TestUser, Vec<TestUser>, String, Vec<String>) {
    let chair = app.signup("Chair").await;
    let members = app.effective_members(5, "Room").await;
    let (a, motions) = app.draft_assembly(&chair).await;
    for step in ["conveneAssembly", "openSession"] {
        assert!(app.assembly_step(&chair, step, &a).await["errors"].is_null());
    }
    for m in &members {
        assert!(app.check_in(m, &a, None).await["errors"].is_null());
    }
    (chair, members, a, motions)
}

#[tokio::test]
async fn room_counts_join_the_online_votes_and_the_minutes() {
    let app = spawn_app().await;
    let (chair, m, a, motions) = in_session(&app).await;
    let mo = &motions[0];
    // Not open yet: nothing to record.
    refused(
        &record(&app, Some(&chair), mo, [1, 0, 0], "").await,
        "INVALID_TRANSITION",
        None,
    );
    assert!(app.voting(&chair, "openVoting", mo).await["errors"].is_null());
    for (u, c) in [(&m[0], "YES"), (&m[1], "YES"), (&m[2], "NO")] {
        assert!(app.cast(u, mo, &u.id, c).await["errors"].is_null());
    }
    // Five present, three voted online: at most two in the room.
    refused(
        &record(&app, Some(&chair), mo, [1, 1, 1], "").await,
        "VALIDATION",
        Some("counts"),
    );
    refused(
        &record(&app, Some(&chair), mo, [-1, 0, 0], "").await,
        "VALIDATION",
        Some("yes"),
    );
    refused(
        &record(&app, Some(&chair), mo, [0, 0, -3], "").await,
        "VALIDATION",
        Some("abstain"),
    );
    let long = "x".repeat(1001);
    let r = record(&app, Some(&chair), mo, [1, 0, 0], &long).await;
    refused(&r, "VALIDATION", Some("note"));
    assert_eq!(r["errors"][0]["extensions"]["reason"], "TOO_LONG", "{r}");
    assert_eq!(
        stored(&app, mo).await,
        None,
        "a refused count changes nothing"
    );

    let r = app
        .ok(
            &chair,
            RECORD,
            json!({ "m": mo, "i": { "yes": 1, "no": 0, "abstain": 0, "note": "first count" } }),
        )
        .await;
    assert_eq!(r["tally"], json!({ "yes": 3, "no": 1, "abstain": 0 }));
    // Recounted: the new count replaces the old one.
    let r = app.ok(&chair, RECORD, json!({ "m": mo, "i": { "yes": 0, "no": 2, "abstain": 0, "note": "show of hands, recounted" } })).await;
    assert_eq!(r["tally"], json!({ "yes": 2, "no": 3, "abstain": 0 }));
    assert_eq!(stored(&app, mo).await, Some([0, 2, 0]));
    assert_eq!(app.count("motion_room_counts").await, 1);
    // Over the bound after a valid count: refused, the count stays.
    refused(
        &record(&app, Some(&chair), mo, [0, 3, 0], "").await,
        "VALIDATION",
        Some("counts"),
    );
    assert_eq!(stored(&app, mo).await, Some([0, 2, 0]));

    let read = app.ok(&m[3], READ, json!({ "m": mo })).await;
    let rc = &read;
    assert_eq!(
        (rc["yes"].clone(), rc["no"].clone(), rc["abstain"].clone()),
        (json!(0), json!(2), json!(0))
    );
    assert_eq!(rc["note"], "show of hands, recounted");
    assert_eq!(rc["recordedBy"]["id"], chair.id.as_str());

    // Audited with before and after.
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("assembly.room_count"))
        .order_by_asc(audit_log::Column::At)
        .all(&app.db)
        .await
        .expect("audit");
    assert_eq!(entries.len(), 2);
    let first: Value = serde_json::from_str(&entries[0].diff).expect("diff");
    assert!(first["before"].is_null(), "{first}");
    let second: Value = serde_json::from_str(&entries[1].diff).expect("diff");
    assert_eq!(second["before"]["yes"], 1, "{second}");
    assert_eq!(second["before"]["note"], "first count", "{second}");
    assert_eq!(second["after"]["no"], 2, "{second}");
    assert_eq!(
        entries[1].actor_id.map(|i| i.to_string()).as_deref(),
        Some(chair.id.as_str())
    );

    // Online alone (2 yes, 1 no) would pass; with the room (0 yes, 2 no) the motion fails.
    assert!(app.voting(&chair, "closeVoting", mo).await["errors"].is_null());
    let state = app.assembly_state(&chair, &a).await;
    let done = state["motions"]
        .as_array()
        .expect("motions")
        .iter()
        .find(|x| x["id"] == mo.as_str())
        .expect("motion")
        .clone();
    assert_eq!(done["result"]["passed"], false, "{done}");
    assert_eq!(
        done["result"]["tally"],
        json!({ "yes": 2, "no": 3, "abstain": 0 })
    );
    // Closed: the count is frozen.
    refused(
        &record(&app, Some(&chair), mo, [0, 1, 0], "").await,
        "INVALID_TRANSITION",
        None,
    );
    assert_eq!(stored(&app, mo).await, Some([0, 2, 0]));

    assert!(app.assembly_step(&chair, "closeSession", &a).await["errors"].is_null());
    let r = app
        .client
        .get(format!("{}/export/assemblies/{a}/minutes.md", app.url))
        .bearer_auth(&m[0].token)
        .send()
        .await
        .expect("minutes");
    assert_eq!(r.status(), 200);
    let body = r.text().await.expect("body");
    assert!(body.contains("REJETÉE"), "{body}");
    assert!(
        body.contains("En ligne : 2 pour, 1 contre, 0 abstention(s). En salle : 0 pour, 2 contre, 0 abstention(s)."),
        "{body}"
    );
}

#[tokio::test]
async fn a_secret_ballot_takes_paper_ballots_shown_only_after_the_close() {
    let app = spawn_app().await;
    let (chair, m, _a, motions) = in_session(&app).await;
    let mo = &motions[1];
    assert!(app.voting(&chair, "openVoting", mo).await["errors"].is_null());
    assert!(app.cast(&m[0], mo, &m[0].id, "YES").await["errors"].is_null());
    assert!(record(&app, Some(&chair), mo, [3, 1, 0], "paper ballots").await["errors"].is_null());
    // Like the online tally, nothing shows while the secret vote is open.
    assert!(app.ok(&m[1], READ, json!({ "m": mo })).await.is_null());
    refused(
        &record(&app, Some(&chair), mo, [4, 1, 0], "").await,
        "VALIDATION",
        Some("counts"),
    );
    assert!(app.voting(&chair, "closeVoting", mo).await["errors"].is_null());
    let rc = app.ok(&m[1], READ, json!({ "m": mo })).await.clone();
    assert_eq!(
        (rc["yes"].clone(), rc["no"].clone()),
        (json!(3), json!(1)),
        "{rc}"
    );
}

#[derive(Clone, Copy, Debug)]
enum Role {
    Anonymous,
    Sympathiser,
    Adherent,
    Effective,
    Board,
    Admin,
}

/// Each role on a fresh open motion (two members present, none voted online). The chair is
/// whoever chairs voting: a board member or an admin (`Actor::board_or_admin`).
#[tokio::test]
async fn authorisation_matrix() {
    use Role::*;
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    let effective = app.signup("Effective").await;
    let adherent = app.signup("Adherent").await;
    let sympathiser = app.signup("Sympathiser").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    app.set_roles(&admin, &effective, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&admin, &adherent, json!({ "kind": "ADHERENT" }))
        .await;
    let user = |r: Role| match r {
        Anonymous => None,
        Sympathiser => Some(&sympathiser),
        Adherent => Some(&adherent),
        Effective => Some(&effective),
        Board => Some(&board),
        Admin => Some(&admin),
    };
    const U: Option<&str> = Some("UNAUTHENTICATED");
    const F: Option<&str> = Some("FORBIDDEN");
    let matrix: [(Role, Option<&str>, Option<&str>); 6] = [
        (Anonymous, U, U),
        (Sympathiser, F, F),
        (Adherent, F, None),
        (Effective, F, None),
        (Board, None, None),
        (Admin, None, None),
    ];
    for (role, write, read) in matrix {
        let (a, motions) = app.draft_assembly(&admin).await;
        for step in ["conveneAssembly", "openSession"] {
            assert!(app.assembly_step(&admin, step, &a).await["errors"].is_null());
        }
        for u in [&effective, &board] {
            assert!(app.check_in(u, &a, None).await["errors"].is_null());
        }
        assert!(app.voting(&admin, "openVoting", &motions[0]).await["errors"].is_null());
        let who = user(role);
        let r = record(&app, who, &motions[0], [1, 0, 1], "hands").await;
        assert_eq!(outcome(&r).as_deref(), write, "{role:?} records: {r}");
        let expect = if write.is_none() {
            Some([1, 0, 1])
        } else {
            None
        };
        assert_eq!(stored(&app, &motions[0]).await, expect, "{role:?}");
        let r = app
            .gql(
                who.map(|u| u.token.as_str()),
                READ,
                json!({ "m": motions[0] }),
            )
            .await;
        assert_eq!(outcome(&r).as_deref(), read, "{role:?} reads: {r}");
    }
}
