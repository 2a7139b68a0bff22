//! Every Labs mutation, tried by each role on a fresh fixture: anonymous, sympathiser,
//! adherent, effective member, Lab participant, Lab coordinator, board, admin.

use constellation_tests::labs::{framing, outcome};
use constellation_tests::{spawn_app, TestApp, TestUser};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Role {
    Anonymous,
    Sympathiser,
    Adherent,
    Effective,
    Participant,
    Coordinator,
    Board,
    Admin,
}

const ROLES: [Role; 8] = [
    Role::Anonymous,
    Role::Sympathiser,
    Role::Adherent,
    Role::Effective,
    Role::Participant,
    Role::Coordinator,
    Role::Board,
    Role::Admin,
];

pub(crate) struct Cast {
    admin: TestUser,
    board: TestUser,
    effective: TestUser,
    adherent: TestUser,
    sympathiser: TestUser,
    participant: TestUser,
    coordinator: TestUser,
    outsider: TestUser,
}

impl Cast {
    fn user(&self, r: Role) -> Option<&TestUser> {
        match r {
            Role::Anonymous => None,
            Role::Sympathiser => Some(&self.sympathiser),
            Role::Adherent => Some(&self.adherent),
            Role::Effective => Some(&self.effective),
            Role::Participant => Some(&self.participant),
            Role::Coordinator => Some(&self.coordinator),
            Role::Board => Some(&self.board),
            Role::Admin => Some(&self.admin),
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
        participant: app.signup("Participant").await,
        coordinator: app.signup("Coordinator").await,
        outsider: app.signup("Outsider").await,
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
    app.set_roles(&c.admin, &c.participant, json!({ "kind": "ADHERENT" }))
        .await;
    app.set_roles(&c.admin, &c.coordinator, json!({ "kind": "EFFECTIVE" }))
        .await;
    c
}

/// What each attempt runs against.
#[derive(Default)]
pub(crate) struct Fixture {
    pub(crate) lab: String,
    project: String,
    pub(crate) pool: String,
    pub(crate) period: String,
    pub(crate) pending: String,
    pub(crate) approved: String,
}

#[derive(Clone, Copy)]
pub(crate) enum Setup {
    /// Active, open, public; the participant joined; a project proposed by the coordinator.
    Active,
    /// As `Active`, with a framing change awaiting the board.
    PendingChange,
    /// As `Active`, with newer common rules to acknowledge.
    RulesDue,
    /// `ON_APPROVAL`, with a pending request from the outsider.
    WithRequest,
    /// A proposal the board sent back for changes.
    ChangesRequested,
    /// As `Active`, with a pool, a pending request and an approved one.
    Resources,
}

async fn fixture(app: &TestApp, c: &Cast, setup: Setup, n: usize) -> Fixture {
    let slug = format!("lab-{n}");
    let policy = if matches!(setup, Setup::WithRequest) {
        "ON_APPROVAL"
    } else {
        "OPEN"
    };
    if let Setup::ChangesRequested = setup {
        let lab = app
            .propose_lab(&c.coordinator, &slug, policy, "PUBLIC")
            .await;
        let id = lab["id"].as_str().expect("id").to_owned();
        app.review(&c.admin, &id, "REQUEST_CHANGES", Some("More detail"))
            .await;
        return Fixture {
            lab: id,
            ..Fixture::default()
        };
    }
    let lab = app
        .active_lab(&c.coordinator, &c.admin, &slug, policy, "PUBLIC")
        .await;
    let join = app.join(&c.participant, &lab).await;
    if policy == "ON_APPROVAL" {
        app.ok(&c.coordinator, "mutation($l: ID!, $u: ID!) { decideJoinRequest(labId: $l, userId: $u, accept: true) { id } }", json!({ "l": lab, "u": c.participant.id })).await;
        app.join(&c.outsider, &lab).await;
    } else {
        assert!(join["errors"].is_null(), "{join}");
    }
    let project = app
        .propose_project(&c.coordinator, &lab, "Fixture project")
        .await["data"]["proposeProject"]["id"]
        .as_str()
        .expect("project")
        .to_owned();
    match setup {
        Setup::PendingChange => {
            app.ok(&c.coordinator, "mutation($id: ID!, $f: FramingInput!) { proposeFramingChange(labId: $id, framing: $f) { id } }", json!({ "id": lab, "f": framing("ON_APPROVAL", "PUBLIC") })).await;
        }
        Setup::RulesDue => {
            app.ok(&c.admin, "mutation($b: String!) { publishCommonRules(body: $b, decisionRef: \"CA\") { version } }", json!({ "b": format!("# Art. 1\nVersion for {slug}") })).await;
        }
        _ => {}
    }
    let mut fx = Fixture {
        lab,
        project,
        pool: String::new(),
        period: String::new(),
        pending: String::new(),
        approved: String::new(),
    };
    if let Setup::Resources = setup {
        let (pool, period) = app
            .pool(&c.admin, &format!("Pool {n}"), "vCPU", 0, "100")
            .await;
        let lab = fx.lab.clone();
        let file = |amount: &'static str| app.file_request(&c.coordinator, &lab, &period, amount);
        let pending = file("10").await["data"]["fileResourceRequest"]["id"]
            .as_str()
            .expect("request")
            .to_owned();
        let approved = file("5").await["data"]["fileResourceRequest"]["id"]
            .as_str()
            .expect("request")
            .to_owned();
        fx.pending = pending;
        fx.approved = approved;
        let r = app
            .decide(&c.admin, &fx.approved, "APPROVE", None, "Fixture")
            .await;
        assert!(r["errors"].is_null(), "{r}");
        fx.pool = pool;
        fx.period = period;
    }
    fx
}

pub(crate) type Op = fn(&Fixture, &Cast) -> (&'static str, Value);

/// Runs `op` once per role, each on a fresh fixture, and compares with `expected`
/// (`None` = allowed).
pub(crate) async fn matrix(setup: Setup, op: Op, expected: [(Role, Option<&str>); 8]) {
    let app = spawn_app().await;
    let c = cast(&app).await;
    for (n, (role, want)) in expected.iter().enumerate() {
        assert_eq!(*role, ROLES[n]);
        let fx = fixture(&app, &c, setup, n).await;
        let (q, vars) = op(&fx, &c);
        let r = app
            .gql(c.user(*role).map(|u| u.token.as_str()), q, vars)
            .await;
        assert_eq!(outcome(&r).as_deref(), *want, "{role:?} on {q}: {r}");
    }
}

use Role::*;

pub(crate) const UNAUTH: Option<&str> = Some("UNAUTHENTICATED");
pub(crate) const FORBID: Option<&str> = Some("FORBIDDEN");
pub(crate) const OK: Option<&str> = None;

#[tokio::test]
async fn propose_lab() {
    matrix(Setup::Active, |_, _| {
        ("mutation($i: ProposeLabInput!) { proposeLab(input: $i) { id } }",
         json!({ "i": { "name": "New", "slug": format!("new-{}", rand_suffix()), "framing": framing("OPEN", "PUBLIC") } }))
    }, [(Anonymous, UNAUTH), (Sympathiser, FORBID), (Adherent, OK), (Effective, OK), (Participant, OK), (Coordinator, OK), (Board, OK), (Admin, OK)]).await;
}

pub(crate) fn rand_suffix() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[tokio::test]
async fn review_lab() {
    matrix(
        Setup::PendingChange,
        |f, _| {
            (
                "mutation($l: ID!) { reviewLab(labId: $l, decision: APPROVE) { id } }",
                json!({ "l": f.lab }),
            )
        },
        [
            (Anonymous, UNAUTH),
            (Sympathiser, FORBID),
            (Adherent, FORBID),
            (Effective, FORBID),
            (Participant, FORBID),
            (Coordinator, FORBID),
            (Board, OK),
            (Admin, OK),
        ],
    )
    .await;
}

#[tokio::test]
async fn archive_lab() {
    matrix(
        Setup::Active,
        |f, _| {
            (
                "mutation($l: ID!) { archiveLab(labId: $l, reason: \"Done\") { id } }",
                json!({ "l": f.lab }),
            )
        },
        [
            (Anonymous, UNAUTH),
            (Sympathiser, FORBID),
            (Adherent, FORBID),
            (Effective, FORBID),
            (Participant, FORBID),
            (Coordinator, FORBID),
            (Board, OK),
            (Admin, OK),
        ],
    )
    .await;
}

#[tokio::test]
async fn resubmit_lab() {
    // A proposal is hidden from sympathisers: for them it does not exist.
    matrix(Setup::ChangesRequested, |f, _| ("mutation($l: ID!, $f: FramingInput!) { resubmitLab(labId: $l, framing: $f) { id } }", json!({ "l": f.lab, "f": framing("OPEN", "PUBLIC") })),
        [(Anonymous, UNAUTH), (Sympathiser, Some("NOT_FOUND")), (Adherent, FORBID), (Effective, FORBID), (Participant, FORBID), (Coordinator, OK), (Board, FORBID), (Admin, FORBID)]).await;
}

#[tokio::test]
async fn propose_framing_change() {
    matrix(Setup::Active, |f, _| ("mutation($l: ID!, $f: FramingInput!) { proposeFramingChange(labId: $l, framing: $f) { id } }", json!({ "l": f.lab, "f": framing("INVITATION", "PUBLIC") })),
        [(Anonymous, UNAUTH), (Sympathiser, FORBID), (Adherent, FORBID), (Effective, FORBID), (Participant, FORBID), (Coordinator, OK), (Board, FORBID), (Admin, FORBID)]).await;
}

#[tokio::test]
async fn acknowledge_rules() {
    matrix(
        Setup::RulesDue,
        |f, _| {
            (
                "mutation($l: ID!) { acknowledgeRules(labId: $l) { id } }",
                json!({ "l": f.lab }),
            )
        },
        [
            (Anonymous, UNAUTH),
            (Sympathiser, FORBID),
            (Adherent, FORBID),
            (Effective, FORBID),
            (Participant, FORBID),
            (Coordinator, OK),
            (Board, FORBID),
            (Admin, FORBID),
        ],
    )
    .await;
}

#[tokio::test]
async fn join_lab() {
    matrix(
        Setup::Active,
        |f, _| {
            (
                "mutation($l: ID!) { joinLab(labId: $l) { id } }",
                json!({ "l": f.lab }),
            )
        },
        [
            (Anonymous, UNAUTH),
            (Sympathiser, OK),
            (Adherent, OK),
            (Effective, OK),
            (Participant, Some("ALREADY_MEMBER")),
            (Coordinator, Some("ALREADY_MEMBER")),
            (Board, OK),
            (Admin, OK),
        ],
    )
    .await;
}

#[tokio::test]
async fn leave_lab() {
    matrix(
        Setup::Active,
        |f, _| {
            (
                "mutation($l: ID!) { leaveLab(labId: $l) { id } }",
                json!({ "l": f.lab }),
            )
        },
        [
            (Anonymous, UNAUTH),
            (Sympathiser, Some("NOT_FOUND")),
            (Adherent, Some("NOT_FOUND")),
            (Effective, Some("NOT_FOUND")),
            (Participant, OK),
            (Coordinator, Some("LAST_COORDINATOR")),
            (Board, Some("NOT_FOUND")),
            (Admin, Some("NOT_FOUND")),
        ],
    )
    .await;
}

#[tokio::test]
async fn decide_join_request() {
    matrix(Setup::WithRequest, |f, c| ("mutation($l: ID!, $u: ID!) { decideJoinRequest(labId: $l, userId: $u, accept: true) { id } }", json!({ "l": f.lab, "u": c.outsider.id })),
        [(Anonymous, UNAUTH), (Sympathiser, FORBID), (Adherent, FORBID), (Effective, FORBID), (Participant, FORBID), (Coordinator, OK), (Board, FORBID), (Admin, FORBID)]).await;
}

#[tokio::test]
async fn invite_to_lab() {
    matrix(
        Setup::Active,
        |f, c| {
            (
                "mutation($l: ID!, $e: String!) { inviteToLab(labId: $l, email: $e) { id } }",
                json!({ "l": f.lab, "e": c.outsider.email }),
            )
        },
        [
            (Anonymous, UNAUTH),
            (Sympathiser, FORBID),
            (Adherent, FORBID),
            (Effective, FORBID),
            (Participant, FORBID),
            (Coordinator, OK),
            (Board, FORBID),
            (Admin, FORBID),
        ],
    )
    .await;
}

#[tokio::test]
async fn set_lab_role() {
    matrix(Setup::Active, |f, c| ("mutation($l: ID!, $u: ID!) { setLabRole(labId: $l, userId: $u, role: COORDINATOR) { id } }", json!({ "l": f.lab, "u": c.participant.id })),
        [(Anonymous, UNAUTH), (Sympathiser, FORBID), (Adherent, FORBID), (Effective, FORBID), (Participant, FORBID), (Coordinator, OK), (Board, FORBID), (Admin, FORBID)]).await;
}

#[tokio::test]
async fn propose_project() {
    matrix(Setup::Active, |f, _| ("mutation($l: ID!) { proposeProject(labId: $l, input: { title: \"T\", description: \"D\", goals: \"\", resourcesNeeded: \"\" }) { id } }", json!({ "l": f.lab })),
        [(Anonymous, UNAUTH), (Sympathiser, FORBID), (Adherent, FORBID), (Effective, FORBID), (Participant, OK), (Coordinator, OK), (Board, FORBID), (Admin, FORBID)]).await;
}

#[tokio::test]
async fn support_project() {
    matrix(
        Setup::Active,
        |f, _| {
            (
                "mutation($p: ID!) { supportProject(projectId: $p) { id } }",
                json!({ "p": f.project }),
            )
        },
        [
            (Anonymous, UNAUTH),
            (Sympathiser, FORBID),
            (Adherent, FORBID),
            (Effective, FORBID),
            (Participant, OK),
            (Coordinator, OK),
            (Board, FORBID),
            (Admin, FORBID),
        ],
    )
    .await;
}

#[tokio::test]
async fn set_project_status() {
    matrix(
        Setup::Active,
        |f, _| {
            (
                "mutation($p: ID!) { setProjectStatus(projectId: $p, status: ACCEPTED) { id } }",
                json!({ "p": f.project }),
            )
        },
        [
            (Anonymous, UNAUTH),
            (Sympathiser, FORBID),
            (Adherent, FORBID),
            (Effective, FORBID),
            (Participant, FORBID),
            (Coordinator, OK),
            (Board, FORBID),
            (Admin, FORBID),
        ],
    )
    .await;
}

#[tokio::test]
async fn publish_common_rules() {
    matrix(Setup::Active, |f, _| ("mutation($b: String!) { publishCommonRules(body: $b, decisionRef: \"AG\") { version } }", json!({ "b": format!("# Art. 1\nRules {}", f.lab) })),
        [(Anonymous, UNAUTH), (Sympathiser, FORBID), (Adherent, FORBID), (Effective, FORBID), (Participant, FORBID), (Coordinator, FORBID), (Board, OK), (Admin, OK)]).await;
}
