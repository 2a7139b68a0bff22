//! Who may do what with polls, for every mutation and query and every role: anonymous, a
//! sympathiser, an adherent, an effective member, a sympathiser who joined the Lab, the Lab's
//! coordinator, the board, an admin. Each attempt gets a fresh poll; a refusal writes nothing
//! (neither the polls' tables nor the audit log grow).

use super::{input, poll_id, world, World};
use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Anonymous,
    Sympathiser,
    Adherent,
    Effective,
    LabMember,
    Coordinator,
    Board,
    Admin,
}

const ROLES: [Role; 8] = [
    Role::Anonymous,
    Role::Sympathiser,
    Role::Adherent,
    Role::Effective,
    Role::LabMember,
    Role::Coordinator,
    Role::Board,
    Role::Admin,
];

fn user(w: &World, r: Role) -> Option<&TestUser> {
    match r {
        Role::Anonymous => None,
        Role::Sympathiser => Some(&w.sympathiser),
        Role::Adherent => Some(&w.adherent),
        Role::Effective => Some(&w.effective),
        Role::LabMember => Some(&w.lab_member),
        Role::Coordinator => Some(&w.coordinator),
        Role::Board => Some(&w.board),
        Role::Admin => Some(&w.admin),
    }
}

async fn written(app: &TestApp) -> i64 {
    let mut n = 0;
    for t in [
        "audit_log",
        "polls",
        "poll_answers",
        "poll_participations",
        "poll_ballots",
    ] {
        n += app.count(t).await;
    }
    n
}

/// Runs `query` once per role with the variables `vars` gives (it may create a fresh poll)
/// and checks the outcome (`None`: allowed).
async fn check<F, Fut>(
    app: &TestApp,
    w: &World,
    name: &str,
    query: &str,
    vars: F,
    expected: impl Fn(Role) -> Option<&'static str>,
) where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Value>,
{
    for role in ROLES {
        let v = vars().await;
        let before = written(app).await;
        let r = app
            .gql(user(w, role).map(|u| u.token.as_str()), query, v)
            .await;
        let want = expected(role);
        assert_eq!(error_code(&r), want, "{name} as {role:?}: {r}");
        if want.is_some() {
            assert_eq!(written(app).await, before, "{name} as {role:?} wrote");
        }
    }
}

/// The association's members: not sympathisers, whether or not in a Lab.
fn members(r: Role) -> Option<&'static str> {
    match r {
        Role::Anonymous => Some("UNAUTHENTICATED"),
        Role::Sympathiser | Role::LabMember => Some("NOT_FOUND"),
        _ => None,
    }
}

/// The Lab's active members, of any kind.
fn lab_members(r: Role) -> Option<&'static str> {
    match r {
        Role::Anonymous => Some("UNAUTHENTICATED"),
        Role::LabMember | Role::Coordinator => None,
        _ => Some("NOT_FOUND"),
    }
}

const CREATE: &str = "mutation($i: CreatePollInput!) { createPoll(input: $i) { id } }";
const ANSWER: &str = "mutation($p: ID!, $c: [Int!]!) { answerPoll(pollId: $p, choice: $c) { id } }";
const CLOSE: &str = "mutation($p: ID!) { closePoll(pollId: $p) { id } }";
const READ: &str = "query($p: ID!) { poll(id: $p) { id results { winners } } }";

#[tokio::test]
async fn who_may_create_answer_close_and_read_polls() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (app, w) = (&app, &w);

    check(
        app,
        w,
        "createPoll for the members",
        CREATE,
        move || async move { json!({ "i": input("SINGLE", "OPEN", None, &["a", "b"]) }) },
        |r| match r {
            Role::Anonymous => Some("UNAUTHENTICATED"),
            Role::Board | Role::Admin => None,
            _ => Some("FORBIDDEN"),
        },
    )
    .await;
    check(app, w, "createPoll for the Lab", CREATE,
        move || async move { json!({ "i": input("RANKED", "ANONYMOUS", Some(&w.lab), &["a", "b"]) }) },
        |r| match r {
            Role::Anonymous => Some("UNAUTHENTICATED"),
            Role::Coordinator => None,
            _ => Some("FORBIDDEN"),
        }).await;

    let members_poll = move || async move {
        let id = poll_id(app, &w.board, input("SINGLE", "OPEN", None, &["a", "b"])).await;
        json!({ "p": id, "c": [1] })
    };
    let lab_poll = move || async move {
        let id = poll_id(
            app,
            &w.coordinator,
            input("SINGLE", "ANONYMOUS", Some(&w.lab), &["a", "b"]),
        )
        .await;
        json!({ "p": id, "c": [0] })
    };
    check(
        app,
        w,
        "answerPoll (members)",
        ANSWER,
        members_poll,
        members,
    )
    .await;
    check(app, w, "answerPoll (Lab)", ANSWER, lab_poll, lab_members).await;
    check(app, w, "poll (members)", READ, members_poll, members).await;
    check(app, w, "poll (Lab)", READ, lab_poll, lab_members).await;

    // Closing: the author; the rest of the audience is refused, others do not see it.
    check(
        app,
        w,
        "closePoll (members, by the board)",
        CLOSE,
        members_poll,
        |r| match r {
            Role::Board => None,
            Role::Adherent | Role::Effective | Role::Coordinator | Role::Admin => Some("FORBIDDEN"),
            other => members(other),
        },
    )
    .await;
    check(
        app,
        w,
        "closePoll (Lab, by its coordinator)",
        CLOSE,
        lab_poll,
        |r| match r {
            Role::Coordinator => None,
            Role::LabMember => Some("FORBIDDEN"),
            other => lab_members(other),
        },
    )
    .await;

    // Lists: signed in; the Labs one may ask: those one coordinates.
    check(
        app,
        w,
        "polls",
        "{ polls { edges { node { id } } } }",
        move || async move { json!({}) },
        |r| (r == Role::Anonymous).then_some("UNAUTHENTICATED"),
    )
    .await;
    for role in ROLES {
        let r = app
            .gql(
                user(w, role).map(|u| u.token.as_str()),
                "{ pollLabs { edges { node { id } } } }",
                json!({}),
            )
            .await;
        if role == Role::Anonymous {
            assert_eq!(error_code(&r), Some("UNAUTHENTICATED"), "{r}");
            continue;
        }
        let labs = r["data"]["pollLabs"]["edges"]
            .as_array()
            .map_or(0, Vec::len);
        assert_eq!(
            labs,
            usize::from(role == Role::Coordinator),
            "{role:?}: {r}"
        );
    }
}
