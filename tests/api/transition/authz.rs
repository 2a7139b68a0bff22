//! Who may do what in the transition, for every mutation and every role: anonymous, a
//! sympathiser (not a member), an adherent, an effective member, the holder of the service,
//! a working-group member, the board, an admin. Each attempt gets a fresh target; a refusal
//! writes nothing (the audit log does not grow).

use crate::transition::world;
use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Anonymous,
    Sympathiser,
    Adherent,
    Effective,
    Holder,
    WorkingGroup,
    Board,
    Admin,
}

const ROLES: [Role; 8] = [
    Role::Anonymous,
    Role::Sympathiser,
    Role::Adherent,
    Role::Effective,
    Role::Holder,
    Role::WorkingGroup,
    Role::Board,
    Role::Admin,
];

struct Cast {
    admin: TestUser,
    board: TestUser,
    effective: TestUser,
    adherent: TestUser,
    sympathiser: TestUser,
    holder: TestUser,
    helper: TestUser,
}

impl Cast {
    fn user(&self, r: Role) -> Option<&TestUser> {
        match r {
            Role::Anonymous => None,
            Role::Sympathiser => Some(&self.sympathiser),
            Role::Adherent => Some(&self.adherent),
            Role::Effective => Some(&self.effective),
            Role::Holder => Some(&self.holder),
            Role::WorkingGroup => Some(&self.helper),
            Role::Board => Some(&self.board),
            Role::Admin => Some(&self.admin),
        }
    }
}

async fn cast(app: &TestApp) -> Cast {
    let w = world(app, "2030-01-01", 30).await;
    let adherent = app.signup("Adherent").await;
    let sympathiser = app.signup("Sympathiser").await;
    // A board member outside the working group (the one who set it up coordinates it).
    let board = app.signup("Board2").await;
    app.set_roles(&w.admin, &adherent, json!({ "kind": "ADHERENT" }))
        .await;
    app.set_roles(
        &w.admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    Cast {
        admin: w.admin,
        board,
        effective: w.other,
        adherent,
        sympathiser,
        holder: w.holder,
        helper: w.helper,
    }
}

fn data_id(r: &Value, field: &str) -> String {
    r["data"][field]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{field} failed: {r}"))
        .to_owned()
}

async fn fresh_service(app: &TestApp, c: &Cast, n: usize) -> String {
    app.transition_service(
        &c.board,
        "WEBSITE",
        &format!("site-{n}.be"),
        &[&c.holder],
        false,
    )
    .await
}

async fn planned_service(app: &TestApp, c: &Cast, n: usize) -> String {
    let s = fresh_service(app, c, n).await;
    let r = app.choose_path(&c.holder, &s, "INDIVIDUAL", None).await;
    assert!(r["errors"].is_null(), "{r}");
    s
}

async fn first_item(app: &TestApp, c: &Cast, n: usize, handed: bool) -> String {
    let s = fresh_service(app, c, n).await;
    let item = app.handover_items(&c.board, &s).await.remove(0);
    if handed {
        let r = app.hand_over(&c.board, &item).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    item
}

async fn support_request(app: &TestApp, c: &Cast) -> String {
    let r = app
        .gql(
            Some(&c.holder.token),
            "mutation { askForSupport(input: { subject: \"aide\", body: \"?\" }) { id } }",
            json!({}),
        )
        .await;
    data_id(&r, "askForSupport")
}

/// Runs `query` once per role with fresh variables and checks the outcome (`None`: allowed).
async fn check<F, Fut>(
    app: &TestApp,
    c: &Cast,
    name: &str,
    query: &str,
    vars: F,
    expected: impl Fn(Role) -> Option<&'static str>,
) where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = Value>,
{
    for (n, role) in ROLES.into_iter().enumerate() {
        let v = vars(n).await;
        let before = app.count("audit_log").await;
        let r = app
            .gql(c.user(role).map(|u| u.token.as_str()), query, v)
            .await;
        let want = expected(role);
        assert_eq!(error_code(&r), want, "{name} as {role:?}: {r}");
        if want.is_some() {
            assert_eq!(
                app.count("audit_log").await,
                before,
                "{name} as {role:?} wrote"
            );
        }
    }
}

fn board_only(r: Role) -> Option<&'static str> {
    match r {
        Role::Anonymous => Some("UNAUTHENTICATED"),
        Role::Board | Role::Admin => None,
        _ => Some("FORBIDDEN"),
    }
}

fn holder_or_board(r: Role) -> Option<&'static str> {
    match r {
        Role::Anonymous => Some("UNAUTHENTICATED"),
        Role::Holder | Role::Board | Role::Admin => None,
        _ => Some("NOT_FOUND"),
    }
}

fn group_or_board(r: Role) -> Option<&'static str> {
    match r {
        Role::Anonymous => Some("UNAUTHENTICATED"),
        Role::WorkingGroup | Role::Board | Role::Admin => None,
        _ => Some("FORBIDDEN"),
    }
}

fn association_members(r: Role) -> Option<&'static str> {
    match r {
        Role::Anonymous => Some("UNAUTHENTICATED"),
        Role::Sympathiser => Some("FORBIDDEN"),
        _ => None,
    }
}

#[tokio::test]
async fn only_the_board_sets_up_the_transition() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let member = app.signup("Member").await;
    app.set_roles(&admin, &member, json!({ "kind": "EFFECTIVE" }))
        .await;
    let q = "mutation { createTransitionPlan(input: { title: \"T\", decisionNote: \"\", endsOn: \"2030-01-01\", atRiskDays: 30 }) { id } }";
    assert_eq!(
        error_code(&app.gql(None, q, json!({})).await),
        Some("UNAUTHENTICATED")
    );
    assert_eq!(
        error_code(&app.gql(Some(&member.token), q, json!({})).await),
        Some("FORBIDDEN")
    );
    assert_eq!(app.count("transition_plans").await, 0);
    assert!(app.gql(Some(&admin.token), q, json!({})).await["errors"].is_null());
    // Once.
    assert_eq!(
        error_code(&app.gql(Some(&admin.token), q, json!({})).await),
        Some("CONFLICT")
    );
}

#[tokio::test]
async fn the_board_edits_the_inventory_and_the_plan() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let c = &c;
    let app = &app;
    check(app, c, "updateTransitionPlan",
        "mutation { updateTransitionPlan(input: { title: \"T2\", decisionNote: \"\", endsOn: \"2030-01-01\", atRiskDays: 20 }) { id } }",
        |_| async { json!({}) }, board_only).await;
    check(
        app,
        c,
        "addTransitionMilestone",
        "mutation { addTransitionMilestone(label: \"Inventaire\", dueOn: \"2029-03-01\") { id } }",
        |_| async { json!({}) },
        board_only,
    )
    .await;
    check(app, c, "removeTransitionMilestone",
        "mutation($id: ID!) { removeTransitionMilestone(id: $id) }",
        |_| async {
            let r = app.gql(Some(&c.board.token), "mutation { addTransitionMilestone(label: \"M\", dueOn: \"2029-01-01\") { id } }", json!({})).await;
            json!({ "id": data_id(&r, "addTransitionMilestone") })
        }, board_only).await;
    check(app, c, "createTransitionService",
        "mutation($i: ServiceInput!) { createTransitionService(input: $i) { id } }",
        |n| async move { json!({ "i": { "kind": "MAILBOX", "name": format!("box-{n}@x"), "description": "", "address": "", "internal": false, "holderIds": [c.holder.id] } }) },
        board_only).await;
    check(app, c, "updateTransitionService",
        "mutation($id: ID!, $i: ServiceInput!) { updateTransitionService(id: $id, input: $i) { id } }",
        |n| async move {
            let s = fresh_service(app, c, 100 + n).await;
            json!({ "id": s, "i": { "kind": "WEBSITE", "name": format!("renamed-{n}.be"), "description": "d", "address": "", "internal": false, "holderIds": [c.holder.id] } })
        }, board_only).await;
    check(
        app,
        c,
        "importTransitionServices",
        "mutation($csv: String!) { importTransitionServices(csv: $csv) { imported } }",
        |n| async move {
            json!({ "csv": format!("kind,name,holders\ndomain,imp-{n}.be,{}\n", c.holder.email) })
        },
        board_only,
    )
    .await;
    check(
        app,
        c,
        "waiveHandover",
        "mutation($s: ID!) { waiveHandover(serviceId: $s, reason: \"rien\") { id } }",
        |n| async move { json!({ "s": fresh_service(app, c, 200 + n).await }) },
        board_only,
    )
    .await;
    check(
        app,
        c,
        "createTransitionGroup",
        "mutation($n: String!) { createTransitionGroup(name: $n, targetHost: \"h\") { id } }",
        |n| async move { json!({ "n": format!("groupe-{n}") }) },
        board_only,
    )
    .await;
    check(
        app,
        c,
        "decideOffer",
        "mutation($o: ID!) { decideOffer(id: $o, accept: true, reason: \"ok\") { id } }",
        |_| async {
            let r = app
                .gql(
                    Some(&c.effective.token),
                    "mutation { offerToHelp(input: { kind: HELP, note: \"aide\" }) { id } }",
                    json!({}),
                )
                .await;
            json!({ "o": data_id(&r, "offerToHelp") })
        },
        board_only,
    )
    .await;
}

#[tokio::test]
async fn holders_choose_their_path_and_confirm_their_hand_overs() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let c = &c;
    let app = &app;
    check(app, c, "chooseServicePath",
        "mutation($s: ID!) { chooseServicePath(serviceId: $s, input: { path: INDIVIDUAL, targetHost: \"\" }) { id } }",
        |n| async move { json!({ "s": fresh_service(app, c, n).await }) },
        holder_or_board).await;
    check(
        app,
        c,
        "setServiceStatus",
        "mutation($s: ID!) { setServiceStatus(serviceId: $s, status: IN_PROGRESS) { id } }",
        |n| async move { json!({ "s": planned_service(app, c, 100 + n).await }) },
        holder_or_board,
    )
    .await;
    check(
        app,
        c,
        "markHandedOver",
        "mutation($i: ID!) { markHandedOver(itemId: $i) { id } }",
        |n| async move { json!({ "i": first_item(app, c, 200 + n, false).await }) },
        group_or_board,
    )
    .await;
    check(
        app,
        c,
        "confirmHandover",
        "mutation($i: ID!) { confirmHandover(itemId: $i) { id } }",
        |n| async move { json!({ "i": first_item(app, c, 300 + n, true).await }) },
        |r| match r {
            Role::Anonymous => Some("UNAUTHENTICATED"),
            Role::Holder => None,
            // Only the member says they have their data.
            Role::Board | Role::Admin => Some("FORBIDDEN"),
            _ => Some("NOT_FOUND"),
        },
    )
    .await;
}

#[tokio::test]
async fn the_working_group_keeps_hosts_and_guides_and_answers_requests() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let c = &c;
    let app = &app;
    check(app, c, "saveRecommendedHost",
        "mutation($n: String!) { saveRecommendedHost(input: { name: $n, url: \"https://chatons.org\", kinds: [WEBSITE], note: \"\" }) { id } }",
        |n| async move { json!({ "n": format!("hôte-{n}") }) },
        group_or_board).await;
    check(app, c, "removeRecommendedHost",
        "mutation($id: ID!) { removeRecommendedHost(id: $id) }",
        |n| async move {
            let r = app.gql(Some(&c.board.token), "mutation($n: String!) { saveRecommendedHost(input: { name: $n, url: \"https://x.org\", kinds: [MAILBOX], note: \"\" }) { id } }", json!({ "n": format!("rm-{n}") })).await;
            json!({ "id": data_id(&r, "saveRecommendedHost") })
        }, group_or_board).await;
    check(app, c, "saveTransitionGuide",
        "mutation { saveTransitionGuide(input: { title: \"Migrer sa boîte\", body: \"# IMAP\" }) { id } }",
        |_| async { json!({}) }, group_or_board).await;
    check(app, c, "removeTransitionGuide",
        "mutation($id: ID!) { removeTransitionGuide(id: $id) }",
        |n| async move {
            let r = app.gql(Some(&c.board.token), "mutation($t: String!) { saveTransitionGuide(input: { title: $t, body: \"# vieux\" }) { id } }", json!({ "t": format!("guide-{n}") })).await;
            json!({ "id": data_id(&r, "saveTransitionGuide") })
        }, group_or_board).await;
    check(
        app,
        c,
        "askForSupport",
        "mutation { askForSupport(input: { subject: \"aide\", body: \"?\" }) { id } }",
        |_| async { json!({}) },
        |r| (r == Role::Anonymous).then_some("UNAUTHENTICATED"),
    )
    .await;
    check(
        app,
        c,
        "assignSupportRequest",
        "mutation($r: ID!, $a: ID) { assignSupportRequest(id: $r, assigneeId: $a) { id } }",
        |_| async { json!({ "r": support_request(app, c).await, "a": c.helper.id }) },
        group_or_board,
    )
    .await;
    check(
        app,
        c,
        "answerSupportRequest",
        "mutation($r: ID!) { answerSupportRequest(id: $r, answer: \"voici\") { id } }",
        |_| async { json!({ "r": support_request(app, c).await }) },
        |r| match r {
            Role::Anonymous => Some("UNAUTHENTICATED"),
            Role::WorkingGroup => None,
            _ => Some("FORBIDDEN"),
        },
    )
    .await;
    check(
        app,
        c,
        "closeSupportRequest",
        "mutation($r: ID!) { closeSupportRequest(id: $r) { id } }",
        |_| async { json!({ "r": support_request(app, c).await }) },
        |r| match r {
            Role::Anonymous => Some("UNAUTHENTICATED"),
            Role::Holder | Role::WorkingGroup | Role::Board | Role::Admin => None,
            _ => Some("NOT_FOUND"),
        },
    )
    .await;
}

#[tokio::test]
async fn members_volunteer_and_answer_the_poll() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    let c = &c;
    let app = &app;
    check(
        app,
        c,
        "offerToHelp",
        "mutation { offerToHelp(input: { kind: HELP, note: \"aide\" }) { id } }",
        |_| async { json!({}) },
        association_members,
    )
    .await;
    check(
        app,
        c,
        "withdrawOffer",
        "mutation($o: ID!) { withdrawOffer(id: $o) { id } }",
        |_| async {
            let r = app
                .gql(
                    Some(&c.effective.token),
                    "mutation { offerToHelp(input: { kind: HELP, note: \"aide\" }) { id } }",
                    json!({}),
                )
                .await;
            json!({ "o": data_id(&r, "offerToHelp") })
        },
        |r| match r {
            Role::Anonymous => Some("UNAUTHENTICATED"),
            Role::Effective => None,
            _ => Some("NOT_FOUND"),
        },
    )
    .await;
    check(app, c, "answerChatonsPoll",
        "mutation { answerChatonsPoll(input: { asClient: true, asStakeholder: false, comment: \"\" }) { asClient } }",
        |_| async { json!({}) }, association_members).await;
}

#[tokio::test]
async fn the_inventory_and_the_poll_results_are_not_for_every_member() {
    let app = spawn_app().await;
    let c = cast(&app).await;
    fresh_service(&app, &c, 1).await;
    for role in ROLES {
        let token = c.user(role).map(|u| u.token.as_str());
        let r = app
            .gql(
                token,
                "{ transitionServices { edges { node { id } } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            error_code(&r),
            group_or_board(role),
            "transitionServices as {role:?}: {r}"
        );
        let r = app
            .gql(token, "{ chatonsPollResults { answers } }", json!({}))
            .await;
        assert_eq!(
            error_code(&r),
            board_only(role),
            "chatonsPollResults as {role:?}: {r}"
        );
        let r = app
            .gql(token, "{ transitionDashboard { total } }", json!({}))
            .await;
        let want = (role == Role::Anonymous).then_some("UNAUTHENTICATED");
        assert_eq!(error_code(&r), want, "transitionDashboard as {role:?}: {r}");
    }
}
