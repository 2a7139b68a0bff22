//! Every assembly mutation, tried by each role on a fresh assembly: anonymous, sympathiser,
//! adherent, effective member, board member (effective), admin (the first account: effective,
//! board and admin; not checked in). Adherents and sympathisers never vote; only the chair
//! (board or admin) opens and closes voting.

use constellation_tests::labs::outcome;
use constellation_tests::{spawn_app, TestApp, TestUser};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug)]
enum Role {
    Anonymous,
    Sympathiser,
    Adherent,
    Effective,
    Board,
    Admin,
}
use Role::*;
const ROLES: [Role; 6] = [Anonymous, Sympathiser, Adherent, Effective, Board, Admin];

struct Cast {
    admin: TestUser,
    board: TestUser,
    effective: TestUser,
    adherent: TestUser,
    sympathiser: TestUser,
    /// Another effective member: gives or holds proxies in fixtures.
    other: TestUser,
}

impl Cast {
    fn user(&self, r: Role) -> Option<&TestUser> {
        match r {
            Anonymous => None,
            Sympathiser => Some(&self.sympathiser),
            Adherent => Some(&self.adherent),
            Effective => Some(&self.effective),
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
        other: app.signup("Other").await,
        admin,
    };
    app.set_roles(
        &c.admin,
        &c.board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    for u in [&c.effective, &c.other] {
        app.set_roles(&c.admin, u, json!({ "kind": "EFFECTIVE" }))
            .await;
    }
    app.set_roles(&c.admin, &c.adherent, json!({ "kind": "ADHERENT" }))
        .await;
    c
}

#[derive(Clone, Copy, PartialEq)]
enum Setup {
    Draft,
    Convened,
    /// Convened; `other` gave a proxy to the effective member (pending), and the effective
    /// member gave none.
    ProxyPending,
    /// Convened; the effective member gave a proxy to `other` (pending).
    ProxyGiven,
    /// In session; the effective member and the board member checked in.
    InSession,
    /// In session as above, with the open motion's voting open.
    Voting,
}

struct Fixture {
    assembly: String,
    item: String,
    motion: String,
    proxy: String,
}

async fn fixture(app: &TestApp, c: &Cast, setup: Setup) -> Fixture {
    let (a, motions) = app.draft_assembly(&c.admin).await;
    let state = app.assembly_state(&c.admin, &a).await;
    let item = state["agenda"][0]["id"].as_str().expect("item").to_owned();
    let mut proxy = String::new();
    if setup != Setup::Draft {
        assert!(app.assembly_step(&c.admin, "conveneAssembly", &a).await["errors"].is_null());
    }
    let give =
        "mutation($a: ID!, $h: String!) { giveProxy(assemblyId: $a, holderEmail: $h) { id } }";
    match setup {
        Setup::ProxyPending => {
            app.ok(&c.other, give, json!({ "a": a, "h": c.effective.email }))
                .await;
            proxy = app.assembly_state(&c.effective, &a).await["viewer"]["proxiesHeld"][0]["id"]
                .as_str()
                .expect("proxy")
                .to_owned();
        }
        Setup::ProxyGiven => {
            app.ok(&c.effective, give, json!({ "a": a, "h": c.other.email }))
                .await;
        }
        Setup::InSession | Setup::Voting => {
            app.assembly_step(&c.admin, "openSession", &a).await;
            for u in [&c.effective, &c.board] {
                assert!(app.check_in(u, &a, None).await["errors"].is_null());
            }
            if setup == Setup::Voting {
                assert!(app.voting(&c.admin, "openVoting", &motions[0]).await["errors"].is_null());
            }
        }
        _ => {}
    }
    Fixture {
        assembly: a,
        item,
        motion: motions[0].clone(),
        proxy,
    }
}

type Op = fn(&Fixture, &Cast, Option<&TestUser>) -> (&'static str, Value);

async fn matrix(setup: Setup, op: Op, expected: [Option<&str>; 6]) {
    let app = spawn_app().await;
    let c = cast(&app).await;
    for (n, want) in expected.iter().enumerate() {
        let role = ROLES[n];
        let fx = fixture(&app, &c, setup).await;
        let who = c.user(role);
        let (q, vars) = op(&fx, &c, who);
        let r = app.gql(who.map(|u| u.token.as_str()), q, vars).await;
        assert_eq!(outcome(&r).as_deref(), *want, "{role:?} on {q}: {r}");
    }
}

const UNAUTH: Option<&str> = Some("UNAUTHENTICATED");
const FORBID: Option<&str> = Some("FORBIDDEN");
const OK: Option<&str> = None;
/// The chair: board members and admins.
const CHAIR: [Option<&str>; 6] = [UNAUTH, FORBID, FORBID, FORBID, OK, OK];
/// Effective members only.
const EFFECTIVE: [Option<&str>; 6] = [UNAUTH, FORBID, FORBID, OK, OK, OK];

#[tokio::test]
async fn preparing_an_assembly_is_the_boards() {
    matrix(Setup::Draft, |_, _, _| {
        ("mutation($i: AssemblyInput!) { createAssembly(input: $i) { id } }",
         json!({ "i": { "kind": "ORDINARY", "title": "AG", "startsAt": "2030-01-01T18:00:00Z", "place": "Here", "language": "FR", "firstConvocationId": null } }))
    }, CHAIR).await;
    matrix(Setup::Draft, |f, _, _| {
        ("mutation($a: ID!, $i: AgendaItemInput!) { addAgendaItem(assemblyId: $a, input: $i) { id } }",
         json!({ "a": f.assembly, "i": { "number": "7", "title": "More", "body": "", "documents": [], "statutory": false } }))
    }, CHAIR).await;
    matrix(
        Setup::Draft,
        |f, _, _| {
            (
                "mutation($i: ID!, $m: MotionInput!) { addMotion(itemId: $i, input: $m) { id } }",
                json!({ "i": f.item, "m": { "text": "More", "rule": "SIMPLE", "ballot": "OPEN" } }),
            )
        },
        CHAIR,
    )
    .await;
    matrix(
        Setup::Draft,
        |f, _, _| {
            (
                "mutation($i: ID!) { removeAgendaItem(itemId: $i) { id } }",
                json!({ "i": f.item }),
            )
        },
        CHAIR,
    )
    .await;
    matrix(Setup::Draft, |_, _, _| {
        ("mutation { updateMajorityRule(code: STATUTES, quorumNum: 3, quorumDen: 4, majorityNum: 3, majorityDen: 4, strict: false) { code } }", json!({}))
    }, [UNAUTH, FORBID, FORBID, FORBID, FORBID, OK]).await;
}

#[tokio::test]
async fn convening_and_chairing_are_the_boards() {
    matrix(
        Setup::Draft,
        |f, _, _| {
            (
                "mutation($a: ID!) { conveneAssembly(assemblyId: $a) { id } }",
                json!({ "a": f.assembly }),
            )
        },
        CHAIR,
    )
    .await;
    matrix(
        Setup::Convened,
        |f, _, _| {
            (
                "mutation($a: ID!) { openSession(assemblyId: $a) { id } }",
                json!({ "a": f.assembly }),
            )
        },
        CHAIR,
    )
    .await;
    matrix(
        Setup::InSession,
        |f, _, _| {
            (
                "mutation($a: ID!) { closeSession(assemblyId: $a) { id } }",
                json!({ "a": f.assembly }),
            )
        },
        CHAIR,
    )
    .await;
    matrix(
        Setup::InSession,
        |f, _, _| {
            (
                "mutation($m: ID!) { openVoting(motionId: $m) { id } }",
                json!({ "m": f.motion }),
            )
        },
        CHAIR,
    )
    .await;
    matrix(
        Setup::Voting,
        |f, _, _| {
            (
                "mutation($m: ID!) { closeVoting(motionId: $m) { id } }",
                json!({ "m": f.motion }),
            )
        },
        CHAIR,
    )
    .await;
    // Checking someone else in.
    matrix(
        Setup::InSession,
        |f, c, _| {
            (
                "mutation($a: ID!, $u: ID) { checkIn(assemblyId: $a, userId: $u) { id } }",
                json!({ "a": f.assembly, "u": c.other.id }),
            )
        },
        CHAIR,
    )
    .await;
}

#[tokio::test]
async fn proxies_are_between_effective_members() {
    matrix(Setup::Convened, |f, c, _| {
        ("mutation($a: ID!, $h: String!) { giveProxy(assemblyId: $a, holderEmail: $h) { id } }", json!({ "a": f.assembly, "h": c.other.email }))
    }, EFFECTIVE).await;
    // Only the holder answers.
    matrix(
        Setup::ProxyPending,
        |f, _, _| {
            (
                "mutation($p: ID!) { answerProxy(proxyId: $p, accept: true) { id } }",
                json!({ "p": f.proxy }),
            )
        },
        [UNAUTH, FORBID, FORBID, OK, FORBID, FORBID],
    )
    .await;
    // Only the principal revokes (others have nothing to revoke).
    matrix(
        Setup::ProxyGiven,
        |f, _, _| {
            (
                "mutation($a: ID!) { revokeProxy(assemblyId: $a) { id } }",
                json!({ "a": f.assembly }),
            )
        },
        [
            UNAUTH,
            Some("NOT_FOUND"),
            Some("NOT_FOUND"),
            OK,
            Some("NOT_FOUND"),
            Some("NOT_FOUND"),
        ],
    )
    .await;
}

#[tokio::test]
async fn only_effective_members_check_in_and_vote() {
    matrix(
        Setup::InSession,
        |f, _, _| {
            (
                "mutation($a: ID!) { checkIn(assemblyId: $a) { id } }",
                json!({ "a": f.assembly }),
            )
        },
        EFFECTIVE,
    )
    .await;
    matrix(Setup::Voting, |f, c, who| {
        ("mutation($m: ID!, $w: ID!) { castVote(motionId: $m, memberId: $w, choice: YES) { motionId } }",
         json!({ "m": f.motion, "w": who.map_or(c.effective.id.clone(), |u| u.id.clone()) }))
    }, [UNAUTH, FORBID, FORBID, OK, OK, Some("NOT_ELIGIBLE")]).await;
}
