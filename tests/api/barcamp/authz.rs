//! Every barcamp mutation, tried by each role on a fresh edition: anonymous, sympathiser,
//! adherent, effective member, registered attendee, session host, named organiser (not on
//! the board, not registered), board, admin.

use constellation_tests::labs::outcome;
use constellation_tests::{spawn_app, TestApp, TestUser};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Anonymous,
    Sympathiser,
    Adherent,
    Effective,
    Attendee,
    Host,
    Organiser,
    Board,
    Admin,
}
use Role::*;

const ROLES: [Role; 9] = [
    Anonymous,
    Sympathiser,
    Adherent,
    Effective,
    Attendee,
    Host,
    Organiser,
    Board,
    Admin,
];

struct Cast {
    admin: TestUser,
    board: TestUser,
    effective: TestUser,
    adherent: TestUser,
    sympathiser: TestUser,
    attendee: TestUser,
    host: TestUser,
    organiser: TestUser,
}

impl Cast {
    fn user(&self, r: Role) -> Option<&TestUser> {
        match r {
            Anonymous => None,
            Sympathiser => Some(&self.sympathiser),
            Adherent => Some(&self.adherent),
            Effective => Some(&self.effective),
            Attendee => Some(&self.attendee),
            Host => Some(&self.host),
            Organiser => Some(&self.organiser),
            Board => Some(&self.board),
            Admin => Some(&self.admin),
        }
    }
}

async fn cast(app: &TestApp) -> Cast {
    let admin = app.signup("Admin").await;
    let c = Cast {
        board: app.signup("Board").await,
        effective: app.signup("Effective").await,
        adherent: app.signup("Adherent").await,
        sympathiser: app.signup("Sympathiser").await,
        attendee: app.signup("Attendee").await,
        host: app.signup("Host").await,
        organiser: app.signup("Organiser").await,
        admin,
    };
    app.set_roles(
        &c.admin,
        &c.board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    app.set_roles(&c.admin, &c.effective, json!({ "kind": "EFFECTIVE" }))
        .await;
    app.set_roles(&c.admin, &c.adherent, json!({ "kind": "ADHERENT" }))
        .await;
    app.set_roles(&c.admin, &c.organiser, json!({ "kind": "ADHERENT" }))
        .await;
    c
}

#[derive(Clone, Copy)]
enum Setup {
    /// `PROPOSALS`: the host's session and the attendee's session, nothing placed.
    Proposals,
    /// `SCHEDULING`: the host's session placed in the big room at the first slot.
    Placed,
}

struct Fixture {
    year: i32,
    edition: String,
    room: String,
    slots: Vec<String>,
    /// The host's session.
    session: String,
    /// The attendee's session.
    other: String,
}

async fn fixture(app: &TestApp, c: &Cast, setup: Setup, n: usize) -> Fixture {
    let year = 2100 + n as i32;
    let e = app.edition(&c.admin, year).await;
    app.ok(
        &c.admin,
        "mutation($e: ID!, $m: String!) { setBarcampOrganiser(editionId: $e, email: $m, organiser: true) { id } }",
        json!({ "e": e.id, "m": c.organiser.email }),
    )
    .await;
    app.register_for(&c.attendee, &e.id).await;
    app.register_for(&c.host, &e.id).await;
    let session = app.session(&c.host, &e.id, "Host's", 1).await;
    let other = app.session(&c.attendee, &e.id, "Attendee's", 1).await;
    if let Setup::Placed = setup {
        app.phase(&c.admin, &e.id, "INTEREST").await;
        app.phase(&c.admin, &e.id, "SCHEDULING").await;
        let r = app
            .move_session(&c.admin, &session, &e.big, &e.slots[0])
            .await;
        assert!(r["errors"].is_null(), "{r}");
    }
    Fixture {
        year,
        edition: e.id,
        room: e.small,
        slots: e.slots,
        session,
        other,
    }
}

type Op = fn(&Fixture, &Cast) -> (&'static str, Value);

/// Runs `op` once per role, each on a fresh edition, and compares with `expected`
/// (`None` = allowed).
async fn matrix(setup: Setup, op: Op, expected: [Option<&str>; 9]) {
    let app = spawn_app().await;
    let c = cast(&app).await;
    for (n, want) in expected.iter().enumerate() {
        let role = ROLES[n];
        let fx = fixture(&app, &c, setup, n).await;
        let (q, vars) = op(&fx, &c);
        let r = app
            .gql(c.user(role).map(|u| u.token.as_str()), q, vars)
            .await;
        assert_eq!(outcome(&r).as_deref(), *want, "{role:?} on {q}: {r}");
    }
}

const UNAUTH: Option<&str> = Some("UNAUTHENTICATED");
const FORBID: Option<&str> = Some("FORBIDDEN");
const NOT_REG: Option<&str> = Some("NOT_REGISTERED");
const OK: Option<&str> = None;

/// Organisers, the board and admins.
const ORGANISERS: [Option<&str>; 9] = [UNAUTH, FORBID, FORBID, FORBID, FORBID, FORBID, OK, OK, OK];
/// Registered attendees (the organiser, board and admin are not registered here).
const REGISTERED: [Option<&str>; 9] = [
    UNAUTH, NOT_REG, NOT_REG, NOT_REG, OK, OK, NOT_REG, NOT_REG, NOT_REG,
];
/// The board and admins.
const BOARD: [Option<&str>; 9] = [
    UNAUTH, FORBID, FORBID, FORBID, FORBID, FORBID, FORBID, OK, OK,
];

fn session_input(title: &str) -> Value {
    json!({ "title": title, "description": "", "format": "DISCUSSION", "length": 1, "equipment": [], "labId": null, "coHostEmails": [] })
}

#[tokio::test]
async fn create_edition() {
    matrix(Setup::Proposals, |f, _| {
        ("mutation($i: EditionInput!) { createBarcampEdition(input: $i) { id } }",
         json!({ "i": { "year": f.year + 50, "title": "New", "startsOn": "2099-06-01", "endsOn": "2099-06-01", "venue": "Here", "timezone": "Europe/Brussels" } }))
    }, BOARD).await;
}

#[tokio::test]
async fn update_edition() {
    matrix(Setup::Proposals, |f, _| {
        ("mutation($e: ID!, $i: EditionInput!) { updateBarcampEdition(editionId: $e, input: $i) { id } }",
         json!({ "e": f.edition, "i": { "year": f.year, "title": "Renamed", "startsOn": format!("{}-06-12", f.year), "endsOn": format!("{}-06-13", f.year), "venue": "There", "timezone": "Europe/Brussels" } }))
    }, ORGANISERS).await;
}

#[tokio::test]
async fn set_phase() {
    matrix(
        Setup::Proposals,
        |f, _| {
            (
                "mutation($e: ID!) { setBarcampPhase(editionId: $e, phase: INTEREST) { id } }",
                json!({ "e": f.edition }),
            )
        },
        ORGANISERS,
    )
    .await;
}

#[tokio::test]
async fn set_organiser() {
    matrix(Setup::Proposals, |f, c| {
        ("mutation($e: ID!, $m: String!) { setBarcampOrganiser(editionId: $e, email: $m, organiser: true) { id } }",
         json!({ "e": f.edition, "m": c.effective.email }))
    }, BOARD).await;
}

#[tokio::test]
async fn rooms() {
    matrix(Setup::Proposals, |f, _| {
        ("mutation($e: ID!, $i: RoomInput!) { addBarcampRoom(editionId: $e, input: $i) { id } }",
         json!({ "e": f.edition, "i": { "name": "Third", "capacity": 5, "equipment": [] } }))
    }, ORGANISERS).await;
    matrix(Setup::Proposals, |f, _| {
        ("mutation($r: ID!, $i: RoomInput!) { updateBarcampRoom(roomId: $r, input: $i) { id } }",
         json!({ "r": f.room, "i": { "name": "Renamed", "capacity": 12, "equipment": ["whiteboard"] } }))
    }, ORGANISERS).await;
    matrix(
        Setup::Proposals,
        |f, _| {
            (
                "mutation($r: ID!) { removeBarcampRoom(roomId: $r) { id } }",
                json!({ "r": f.room }),
            )
        },
        ORGANISERS,
    )
    .await;
}

#[tokio::test]
async fn slots() {
    matrix(Setup::Proposals, |f, _| {
        ("mutation($e: ID!, $i: SlotInput!) { addBarcampSlot(editionId: $e, input: $i) { id } }",
         json!({ "e": f.edition, "i": { "day": format!("{}-06-13", f.year), "start": "09:00", "end": "09:45" } }))
    }, ORGANISERS).await;
    matrix(
        Setup::Proposals,
        |f, _| {
            (
                "mutation($t: ID!) { removeBarcampSlot(slotId: $t) { id } }",
                json!({ "t": f.slots[4] }),
            )
        },
        ORGANISERS,
    )
    .await;
}

#[tokio::test]
async fn registration() {
    let signed_in = [UNAUTH, OK, OK, OK, OK, OK, OK, OK, OK];
    matrix(
        Setup::Proposals,
        |f, _| {
            (
                "mutation($e: ID!) { registerForBarcamp(editionId: $e) { id } }",
                json!({ "e": f.edition }),
            )
        },
        signed_in,
    )
    .await;
    // Hosts (the attendee hosts one too) hand their sessions over before leaving.
    matrix(
        Setup::Proposals,
        |f, _| {
            (
                "mutation($e: ID!) { unregisterFromBarcamp(editionId: $e) { id } }",
                json!({ "e": f.edition }),
            )
        },
        [
            UNAUTH,
            OK,
            OK,
            OK,
            Some("CONFLICT"),
            Some("CONFLICT"),
            OK,
            OK,
            OK,
        ],
    )
    .await;
    matrix(
        Setup::Proposals,
        |f, _| {
            (
                "mutation($e: ID!) { resetBarcampFeed(editionId: $e) { id } }",
                json!({ "e": f.edition }),
            )
        },
        REGISTERED,
    )
    .await;
}

#[tokio::test]
async fn propose_and_interest() {
    matrix(
        Setup::Proposals,
        |f, _| {
            (
                "mutation($e: ID!, $i: SessionInput!) { proposeBarcampSession(editionId: $e, input: $i) { id } }",
                json!({ "e": f.edition, "i": session_input("Mine") }),
            )
        },
        REGISTERED,
    )
    .await;
    matrix(
        Setup::Proposals,
        |f, _| {
            (
                "mutation($s: ID!) { setBarcampInterest(sessionId: $s, interested: true) { id } }",
                json!({ "s": f.session }),
            )
        },
        REGISTERED,
    )
    .await;
}

#[tokio::test]
async fn edit_session() {
    matrix(
        Setup::Proposals,
        |f, _| {
            (
                "mutation($s: ID!, $i: SessionInput!) { editBarcampSession(sessionId: $s, input: $i) { id } }",
                json!({ "s": f.session, "i": session_input("Edited") }),
            )
        },
        [UNAUTH, FORBID, FORBID, FORBID, FORBID, OK, OK, OK, OK],
    )
    .await;
}

#[tokio::test]
async fn decline_and_merge() {
    matrix(
        Setup::Proposals,
        |f, _| {
            (
                "mutation($s: ID!) { declineBarcampSession(sessionId: $s, reason: \"Off topic\") { id } }",
                json!({ "s": f.session }),
            )
        },
        ORGANISERS,
    )
    .await;
    matrix(
        Setup::Proposals,
        |f, _| {
            (
                "mutation($s: ID!, $i: ID!) { mergeBarcampSession(sessionId: $s, intoId: $i, reason: \"Same\") { id } }",
                json!({ "s": f.session, "i": f.other }),
            )
        },
        ORGANISERS,
    )
    .await;
}

#[tokio::test]
async fn schedule_moves_and_cancellations() {
    matrix(
        Setup::Placed,
        |f, _| {
            (
                "mutation($e: ID!) { runBarcampScheduler(editionId: $e) { placed } }",
                json!({ "e": f.edition }),
            )
        },
        ORGANISERS,
    )
    .await;
    matrix(
        Setup::Placed,
        |f, _| {
            (
                "mutation($s: ID!, $r: ID!, $t: ID!) { moveBarcampSession(sessionId: $s, roomId: $r, startSlotId: $t) { id } }",
                json!({ "s": f.other, "r": f.room, "t": f.slots[1] }),
            )
        },
        ORGANISERS,
    )
    .await;
    matrix(
        Setup::Placed,
        |f, _| {
            (
                "mutation($s: ID!) { setBarcampPinned(sessionId: $s, pinned: false) { id } }",
                json!({ "s": f.session }),
            )
        },
        ORGANISERS,
    )
    .await;
    matrix(
        Setup::Placed,
        |f, _| {
            (
                "mutation($s: ID!) { cancelBarcampSession(sessionId: $s, reason: \"Ill\") { id } }",
                json!({ "s": f.session }),
            )
        },
        ORGANISERS,
    )
    .await;
    // Checking a move is the organisers' too (it reads placements not yet published).
    matrix(
        Setup::Placed,
        |f, _| {
            (
                "query($s: ID!, $r: ID!, $t: ID!) { checkBarcampMove(sessionId: $s, roomId: $r, startSlotId: $t) { kind } }",
                json!({ "s": f.other, "r": f.room, "t": f.slots[0] }),
            )
        },
        ORGANISERS,
    )
    .await;
}
