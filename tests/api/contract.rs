//! Every document the frontend sends (`shared::queries`) runs against the real schema and
//! its answer decodes into the shared response type.

use constellation_shared::dto::accounts::{ProfileInput, RegisterInput};
use constellation_shared::dto::labs::{
    FramingInput, LabRole, LabStatus, LabVisibility, MemberState, MembershipPolicy, ProjectInput,
    ProjectStatus, ProposeLabInput, ReviewDecision,
};
use constellation_shared::queries::{
    self, accounts as q, assembly as g, barcamp as b, labs as l, reach as n, resources as r,
};
use constellation_shared::{graphql::Response, Language};
use constellation_tests::{spawn_app, unique_email, TestApp, PASSWORD};
use serde::de::DeserializeOwned;
use serde::Serialize;

async fn send<V: Serialize, D: DeserializeOwned>(
    app: &TestApp,
    token: Option<&str>,
    doc: &str,
    vars: V,
) -> D {
    let raw = app
        .gql(token, doc, serde_json::to_value(vars).expect("vars"))
        .await;
    let resp: Response<D> =
        serde_json::from_value(raw.clone()).unwrap_or_else(|e| panic!("{doc}: {e}: {raw}"));
    assert!(resp.errors.is_empty(), "{doc}: {raw}");
    resp.data.unwrap_or_else(|| panic!("{doc}: no data: {raw}"))
}

#[tokio::test]
async fn every_frontend_document_runs_against_the_schema() {
    let app = spawn_app().await;
    let email = unique_email("contract");
    let mut tested = Vec::new();

    let r: q::RegisterData = send(
        &app,
        None,
        q::REGISTER,
        q::RegisterVars {
            input: RegisterInput {
                email: email.clone(),
                password: PASSWORD.into(),
                display_name: "Contract".into(),
                language: Some(Language::En),
            },
        },
    )
    .await;
    assert_eq!(r.register.language, Language::En);
    tested.push(q::REGISTER);

    let l: q::LoginData = send(
        &app,
        None,
        q::LOGIN,
        q::LoginVars {
            email: email.clone(),
            password: PASSWORD.into(),
        },
    )
    .await;
    let token = l.login.token.clone();
    assert_eq!(l.login.user.id, r.register.id);
    tested.push(q::LOGIN);

    let me: q::MeData = send(
        &app,
        Some(&token),
        q::ME,
        constellation_shared::graphql::NoVars {},
    )
    .await;
    assert_eq!(me.me.map(|m| m.email), Some(email.clone()));
    tested.push(q::ME);

    let u: q::UpdateProfileData = send(
        &app,
        Some(&token),
        q::UPDATE_PROFILE,
        q::UpdateProfileVars {
            input: ProfileInput {
                display_name: Some("Contract Two".into()),
                language: Some(Language::Fr),
            },
        },
    )
    .await;
    assert_eq!(u.update_profile.display_name, "Contract Two");
    tested.push(q::UPDATE_PROFILE);

    let c: q::ChangePasswordData = send(
        &app,
        Some(&token),
        q::CHANGE_PASSWORD,
        q::ChangePasswordVars {
            current_password: PASSWORD.into(),
            new_password: "another passphrase".into(),
        },
    )
    .await;
    assert!(c.change_password);
    tested.push(q::CHANGE_PASSWORD);
    // The change ended every session (tokens carry the account's version): sign in again.
    let relogin = app.login(&email, "another passphrase").await;
    let token = relogin["data"]["login"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("login: {relogin}"))
        .to_owned();

    // The first account is the only admin; give it company so it may leave.
    let other = app.signup("Other admin").await;
    let _ = &other;
    let promote = app
        .gql(
            Some(&token),
            "mutation($id: ID!) { setRoles(userId: $id, isAdmin: true) { id } }",
            serde_json::json!({ "id": other.id }),
        )
        .await;
    assert!(promote["errors"].is_null(), "{promote}");
    let d: q::DeleteMyAccountData = send(
        &app,
        Some(&token),
        q::DELETE_MY_ACCOUNT,
        q::DeleteMyAccountVars {
            password: "another passphrase".into(),
        },
    )
    .await;
    assert!(d.delete_my_account);
    tested.push(q::DELETE_MY_ACCOUNT);

    assert_eq!(tested, ACCOUNT_DOCS);
}

const ACCOUNT_DOCS: &[&str] = &[
    q::REGISTER,
    q::LOGIN,
    q::ME,
    q::UPDATE_PROFILE,
    q::CHANGE_PASSWORD,
    q::DELETE_MY_ACCOUNT,
];

const LAB_DOCS: &[&str] = &[
    l::PUBLISH_COMMON_RULES,
    l::PROPOSE_LAB,
    l::LABS,
    l::LAB,
    l::REVIEW_QUEUE,
    l::REVIEW_LAB,
    l::RESUBMIT_LAB,
    l::ACKNOWLEDGE_RULES,
    l::PROPOSE_FRAMING_CHANGE,
    l::JOIN_LAB,
    l::SET_LAB_ROLE,
    l::LEAVE_LAB,
    l::INVITE_TO_LAB,
    l::DECIDE_JOIN_REQUEST,
    l::PROPOSE_PROJECT,
    l::SUPPORT_PROJECT,
    l::SET_PROJECT_STATUS,
    l::PROJECT,
    l::COMMON_RULES,
    l::ARCHIVE_LAB,
];

#[test]
fn the_contract_tests_cover_every_document() {
    for (name, doc) in queries::ALL {
        assert!(
            ACCOUNT_DOCS.contains(doc)
                || LAB_DOCS.contains(doc)
                || RESOURCE_DOCS.contains(doc)
                || BARCAMP_DOCS.contains(doc)
                || ASSEMBLY_DOCS.contains(doc)
                || REACH_DOCS.contains(doc)
                || crate::recovery::RECOVERY_DOCS.contains(doc)
                || crate::members::MEMBER_DOCS.contains(doc)
                || crate::transition::contract::TRANSITION_DOCS.contains(doc)
                || crate::transition::board_contract::TRANSITION_BOARD_DOCS.contains(doc)
                || crate::room_counts::ROOM_COUNT_DOCS.contains(doc),
            "document {name} is not exercised by a contract test"
        );
    }
}

fn framing(policy: MembershipPolicy) -> FramingInput {
    FramingInput {
        themes: vec!["ai".into(), "education".into()],
        description: "What AI does to us.".into(),
        objectives: "Understand.".into(),
        scope_in: "Workshops.".into(),
        scope_out: "Selling.".into(),
        expected_outputs: "Notes.".into(),
        start_date: "2027-01-01".into(),
        end_date: "2027-12-31".into(),
        membership_policy: policy,
        participation: "Monthly.".into(),
        visibility: LabVisibility::Public,
    }
}

fn propose(slug: &str, policy: MembershipPolicy) -> l::ProposeLabVars {
    l::ProposeLabVars {
        input: ProposeLabInput {
            name: format!("Lab {slug}"),
            slug: slug.into(),
            framing: framing(policy),
        },
    }
}

#[tokio::test]
async fn every_labs_document_runs_against_the_schema() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let founder = app.signup("Founder").await;
    let member = app.signup("Member").await;
    app.set_roles(&admin, &founder, serde_json::json!({ "kind": "EFFECTIVE" }))
        .await;
    let (a, f, m) = (
        Some(admin.token.as_str()),
        Some(founder.token.as_str()),
        Some(member.token.as_str()),
    );
    let mut tested = Vec::new();
    let lab_of = |r: l::LabResult| r.into_inner().expect("a lab");
    let project_of = |r: l::ProjectResult| r.into_inner().expect("a project");

    let r: l::PublishRulesData = send(
        &app,
        a,
        l::PUBLISH_COMMON_RULES,
        l::PublishRulesVars {
            body: "# Art. 1\nBe kind.".into(),
            decision_ref: "CA".into(),
        },
    )
    .await;
    assert_eq!(r.publish_common_rules.version, 1);
    tested.push(l::PUBLISH_COMMON_RULES);

    let lab = lab_of(
        send(
            &app,
            f,
            l::PROPOSE_LAB,
            propose("place-of-ai", MembershipPolicy::Open),
        )
        .await,
    );
    assert_eq!(lab.status, LabStatus::Proposed);
    tested.push(l::PROPOSE_LAB);

    let dir: l::LabsData = send(
        &app,
        a,
        l::LABS,
        l::LabsVars {
            first: Some(10),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(
        dir.labs.nodes().next().map(|n| n.slug.as_str()),
        Some("place-of-ai")
    );
    tested.push(l::LABS);

    let page: l::LabData = send(
        &app,
        f,
        l::LAB,
        l::LabVars {
            slug: "place-of-ai".into(),
        },
    )
    .await;
    assert_eq!(page.lab.map(|x| x.id), Some(lab.id.clone()));
    tested.push(l::LAB);

    let queue: l::ReviewQueueData =
        send(&app, a, l::REVIEW_QUEUE, serde_json::json!({ "first": 10 })).await;
    assert_eq!(queue.lab_review_queue.nodes().count(), 1);
    tested.push(l::REVIEW_QUEUE);

    let id = lab.id.clone();
    let review = |decision, comment: Option<&str>| l::ReviewLabVars {
        lab_id: id.clone(),
        decision,
        comment: comment.map(str::to_owned),
    };
    let r = lab_of(
        send(
            &app,
            a,
            l::REVIEW_LAB,
            review(ReviewDecision::RequestChanges, Some("More.")),
        )
        .await,
    );
    assert_eq!(r.status, LabStatus::ChangesRequested);
    tested.push(l::REVIEW_LAB);

    let r = lab_of(
        send(
            &app,
            f,
            l::RESUBMIT_LAB,
            l::FramingVars {
                lab_id: id.clone(),
                framing: framing(MembershipPolicy::Open),
            },
        )
        .await,
    );
    assert_eq!(r.framing.version, 2);
    tested.push(l::RESUBMIT_LAB);
    let r = lab_of(
        send(
            &app,
            a,
            l::REVIEW_LAB,
            review(ReviewDecision::Approve, None),
        )
        .await,
    );
    assert_eq!(r.status, LabStatus::Active);

    let _: l::PublishRulesData = send(
        &app,
        a,
        l::PUBLISH_COMMON_RULES,
        l::PublishRulesVars {
            body: "# Art. 1\nBe kinder.".into(),
            decision_ref: "AG".into(),
        },
    )
    .await;
    let lab_id = || l::LabIdVars { lab_id: id.clone() };
    let r = lab_of(send(&app, f, l::ACKNOWLEDGE_RULES, lab_id()).await);
    assert_eq!(r.acknowledged_rules_version, Some(2));
    tested.push(l::ACKNOWLEDGE_RULES);

    let r = lab_of(
        send(
            &app,
            f,
            l::PROPOSE_FRAMING_CHANGE,
            l::FramingVars {
                lab_id: id.clone(),
                framing: framing(MembershipPolicy::OnApproval),
            },
        )
        .await,
    );
    assert!(r.pending_framing.is_some());
    tested.push(l::PROPOSE_FRAMING_CHANGE);

    let r = lab_of(send(&app, m, l::JOIN_LAB, lab_id()).await);
    assert_eq!(r.my_membership.map(|x| x.state), Some(MemberState::Active));
    tested.push(l::JOIN_LAB);

    let r = lab_of(
        send(
            &app,
            f,
            l::SET_LAB_ROLE,
            l::SetLabRoleVars {
                lab_id: id.clone(),
                user_id: member.id.clone(),
                role: LabRole::Coordinator,
            },
        )
        .await,
    );
    assert_eq!(
        r.members
            .nodes()
            .filter(|x| x.role == LabRole::Coordinator)
            .count(),
        2
    );
    tested.push(l::SET_LAB_ROLE);

    let r = lab_of(send(&app, m, l::LEAVE_LAB, lab_id()).await);
    assert_eq!(r.members.nodes().count(), 1);
    tested.push(l::LEAVE_LAB);

    let r = lab_of(
        send(
            &app,
            f,
            l::INVITE_TO_LAB,
            l::InviteVars {
                lab_id: id.clone(),
                email: member.email.clone(),
            },
        )
        .await,
    );
    assert!(r.members.nodes().any(|x| x.state == MemberState::Invited));
    tested.push(l::INVITE_TO_LAB);

    let other = lab_of(
        send(
            &app,
            f,
            l::PROPOSE_LAB,
            propose("approval-lab", MembershipPolicy::OnApproval),
        )
        .await,
    );
    let approve_other = l::ReviewLabVars {
        lab_id: other.id.clone(),
        decision: ReviewDecision::Approve,
        comment: None,
    };
    lab_of(send(&app, a, l::REVIEW_LAB, approve_other).await);
    lab_of(
        send(
            &app,
            m,
            l::JOIN_LAB,
            l::LabIdVars {
                lab_id: other.id.clone(),
            },
        )
        .await,
    );
    let r = lab_of(
        send(
            &app,
            f,
            l::DECIDE_JOIN_REQUEST,
            l::DecideJoinVars {
                lab_id: other.id.clone(),
                user_id: member.id.clone(),
                accept: true,
            },
        )
        .await,
    );
    assert!(r
        .members
        .nodes()
        .any(|x| x.user.id.to_string() == member.id && x.state == MemberState::Active));
    tested.push(l::DECIDE_JOIN_REQUEST);

    let input = ProjectInput {
        title: "Workshop".into(),
        description: "On LLMs.".into(),
        goals: "Learn.".into(),
        resources_needed: "A room.".into(),
    };
    let p = project_of(
        send(
            &app,
            f,
            l::PROPOSE_PROJECT,
            l::ProposeProjectVars {
                lab_id: id.clone(),
                input,
            },
        )
        .await,
    );
    tested.push(l::PROPOSE_PROJECT);
    let s = project_of(
        send(
            &app,
            f,
            l::SUPPORT_PROJECT,
            l::ProjectIdVars {
                project_id: p.id.clone(),
            },
        )
        .await,
    );
    assert!(s.supported_by_me);
    tested.push(l::SUPPORT_PROJECT);
    let s = project_of(
        send(
            &app,
            f,
            l::SET_PROJECT_STATUS,
            l::SetProjectStatusVars {
                project_id: p.id.clone(),
                status: ProjectStatus::Accepted,
            },
        )
        .await,
    );
    assert_eq!(s.status, ProjectStatus::Accepted);
    tested.push(l::SET_PROJECT_STATUS);
    let pp: l::ProjectData = send(&app, m, l::PROJECT, l::ProjectVars { id: p.id.clone() }).await;
    assert_eq!(pp.project.map(|x| x.lab.slug), Some("place-of-ai".into()));
    tested.push(l::PROJECT);

    let rules: l::CommonRulesData = send(
        &app,
        None,
        l::COMMON_RULES,
        constellation_shared::graphql::NoVars {},
    )
    .await;
    assert_eq!(rules.common_rules.map(|r| r.version), Some(2));
    assert_eq!(rules.common_rules_history.nodes().count(), 2);
    tested.push(l::COMMON_RULES);

    let r = lab_of(
        send(
            &app,
            a,
            l::ARCHIVE_LAB,
            l::ArchiveLabVars {
                lab_id: id.clone(),
                reason: "Done.".into(),
            },
        )
        .await,
    );
    assert_eq!(r.status, LabStatus::Archived);
    tested.push(l::ARCHIVE_LAB);

    assert_eq!(tested, LAB_DOCS);
}

const RESOURCE_DOCS: &[&str] = &[
    r::CREATE_POOL,
    r::UPDATE_POOL,
    r::ADD_PERIOD,
    r::SET_CAPACITY,
    r::POOLS,
    r::FILE_REQUEST,
    r::EDIT_REQUEST,
    r::WITHDRAW_REQUEST,
    r::DECIDE_REQUEST,
    r::RELEASE,
    r::REQUESTS,
    r::LEDGER,
    r::ALLOCATIONS,
];

#[tokio::test]
async fn every_resources_document_runs_against_the_schema() {
    use constellation_shared::dto::resources::{
        PeriodInput, PoolInput, PoolKind, RequestInput, RequestStatus, ResourceDecision,
    };
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let founder = app.signup("Founder").await;
    app.set_roles(&admin, &founder, serde_json::json!({ "kind": "EFFECTIVE" }))
        .await;
    let lab = app
        .active_lab(&founder, &admin, "resources-lab", "OPEN", "PUBLIC")
        .await;
    let (a, f) = (Some(admin.token.as_str()), Some(founder.token.as_str()));
    let mut tested = Vec::new();
    let pool_of = |x: r::PoolResult| x.into_inner().expect("a pool");
    let req_of = |x: r::RequestResult| x.into_inner().expect("a request");
    let period = |label: &str, capacity: &str| PeriodInput {
        label: label.into(),
        starts_on: "2027-01-01".into(),
        ends_on: "2027-12-31".into(),
        capacity: capacity.into(),
    };

    let p = pool_of(
        send(
            &app,
            a,
            r::CREATE_POOL,
            r::CreatePoolVars {
                input: PoolInput {
                    name: "Budget".into(),
                    kind: PoolKind::Money,
                    unit: "EUR".into(),
                    scale: 2,
                    description: "".into(),
                    period: period("2027", "5000"),
                },
            },
        )
        .await,
    );
    assert_eq!(p.periods[0].capacity, "5000.00");
    tested.push(r::CREATE_POOL);
    let p = pool_of(
        send(
            &app,
            a,
            r::UPDATE_POOL,
            r::UpdatePoolVars {
                pool_id: p.id.clone(),
                name: "Budget 2027".into(),
                description: "Yearly".into(),
            },
        )
        .await,
    );
    tested.push(r::UPDATE_POOL);
    let p = pool_of(
        send(
            &app,
            a,
            r::ADD_PERIOD,
            r::AddPeriodVars {
                pool_id: p.id.clone(),
                input: period("2027-bis", "10"),
            },
        )
        .await,
    );
    assert_eq!(p.periods.len(), 2);
    tested.push(r::ADD_PERIOD);
    let period_id = p.periods[0].id.clone();
    let p = pool_of(
        send(
            &app,
            a,
            r::SET_CAPACITY,
            r::SetCapacityVars {
                period_id: period_id.clone(),
                capacity: "6000".into(),
            },
        )
        .await,
    );
    assert!(p.periods.iter().any(|x| x.capacity == "6000.00"));
    tested.push(r::SET_CAPACITY);
    let pools: r::PoolsData = send(&app, f, r::POOLS, r::PageVars::default()).await;
    assert_eq!(pools.resource_pools.nodes().count(), 1);
    tested.push(r::POOLS);

    let input = |amount: &str| RequestInput {
        lab_id: lab.clone(),
        project_id: None,
        period_id: period_id.clone(),
        amount: amount.into(),
        justification: "Hosting".into(),
    };
    let req = req_of(
        send(
            &app,
            f,
            r::FILE_REQUEST,
            r::FileRequestVars {
                input: input("300"),
            },
        )
        .await,
    );
    assert_eq!(req.status, RequestStatus::Pending);
    tested.push(r::FILE_REQUEST);
    let req = req_of(
        send(
            &app,
            f,
            r::EDIT_REQUEST,
            r::EditRequestVars {
                request_id: req.id.clone(),
                amount: "250".into(),
                justification: "Hosting, less".into(),
            },
        )
        .await,
    );
    assert_eq!(req.amount, "250.00");
    tested.push(r::EDIT_REQUEST);
    let other = req_of(
        send(
            &app,
            f,
            r::FILE_REQUEST,
            r::FileRequestVars { input: input("5") },
        )
        .await,
    );
    let w = req_of(
        send(
            &app,
            f,
            r::WITHDRAW_REQUEST,
            r::RequestIdVars {
                request_id: other.id,
            },
        )
        .await,
    );
    assert_eq!(w.status, RequestStatus::Withdrawn);
    tested.push(r::WITHDRAW_REQUEST);
    let d = req_of(
        send(
            &app,
            a,
            r::DECIDE_REQUEST,
            r::DecideRequestVars {
                request_id: req.id.clone(),
                decision: ResourceDecision::ApprovePartial,
                amount: Some("200".into()),
                reason: "Enough".into(),
            },
        )
        .await,
    );
    assert_eq!(d.granted_amount, "200.00");
    tested.push(r::DECIDE_REQUEST);
    let rel = req_of(
        send(
            &app,
            f,
            r::RELEASE,
            r::ReleaseVars {
                request_id: req.id.clone(),
                amount: "50".into(),
                note: "Unused".into(),
            },
        )
        .await,
    );
    assert_eq!(rel.released_amount, "50.00");
    tested.push(r::RELEASE);
    let list: r::RequestsData = send(
        &app,
        a,
        r::REQUESTS,
        r::RequestsVars {
            lab_id: Some(lab.clone()),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(list.resource_requests.nodes().count(), 2);
    tested.push(r::REQUESTS);
    let ledger: r::LedgerData = send(&app, f, r::LEDGER, r::LedgerVars::default()).await;
    assert_eq!(ledger.ledger.nodes().count(), 2);
    tested.push(r::LEDGER);
    let totals: r::AllocationsData = send(
        &app,
        f,
        r::ALLOCATIONS,
        constellation_shared::graphql::NoVars {},
    )
    .await;
    assert_eq!(totals.allocation_totals[0].granted, "150.00");
    tested.push(r::ALLOCATIONS);

    assert_eq!(tested, RESOURCE_DOCS);
}

const BARCAMP_DOCS: &[&str] = &[
    b::CREATE_EDITION,
    b::UPDATE_EDITION,
    b::EDITIONS,
    b::EDITION,
    b::SET_ORGANISER,
    b::ADD_ROOM,
    b::UPDATE_ROOM,
    b::REMOVE_ROOM,
    b::ADD_SLOT,
    b::REMOVE_SLOT,
    b::REGISTER,
    b::RESET_FEED,
    b::PROPOSE_SESSION,
    b::EDIT_SESSION,
    b::SET_INTEREST,
    b::SESSIONS,
    b::SESSION,
    b::MERGE_SESSION,
    b::DECLINE_SESSION,
    b::SET_PHASE,
    b::RUN_SCHEDULER,
    b::CHECK_MOVE,
    b::SET_PINNED,
    b::CHANGES,
    b::MOVE_SESSION,
    b::CANCEL_SESSION,
    b::MY_AGENDA,
    b::NOW_NEXT,
    b::UNREGISTER,
];

#[tokio::test]
async fn every_barcamp_document_runs_against_the_schema() {
    use constellation_shared::dto::barcamp::{
        BarcampPhase, EditionInput, RoomInput, SessionFormat, SessionInput, SlotInput,
    };
    use futures_util::{SinkExt, StreamExt};
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let ana = app.signup("Ana").await;
    let (a, n) = (Some(admin.token.as_str()), Some(ana.token.as_str()));
    let mut tested = Vec::new();
    let edition_of = |r: b::EditionResult| r.into_inner().expect("an edition");
    let session_of = |r: b::SessionResult| r.into_inner().expect("a session");
    let input = EditionInput {
        year: 2031,
        title: "Barcamp 2031".into(),
        starts_on: "2031-06-12".into(),
        ends_on: "2031-06-13".into(),
        venue: "Brussels".into(),
        timezone: "Europe/Brussels".into(),
    };
    let e = edition_of(
        send(
            &app,
            a,
            b::CREATE_EDITION,
            b::CreateEditionVars {
                input: input.clone(),
            },
        )
        .await,
    );
    assert_eq!(e.phase, BarcampPhase::Proposals);
    tested.push(b::CREATE_EDITION);
    let e = edition_of(
        send(
            &app,
            a,
            b::UPDATE_EDITION,
            b::UpdateEditionVars {
                edition_id: e.id.clone(),
                input: EditionInput {
                    title: "Barcamp".into(),
                    ..input
                },
            },
        )
        .await,
    );
    assert_eq!(e.title, "Barcamp");
    tested.push(b::UPDATE_EDITION);
    let list: b::EditionsData = send(&app, None, b::EDITIONS, b::EditionsVars::default()).await;
    assert_eq!(list.barcamp_editions.nodes().count(), 1);
    tested.push(b::EDITIONS);
    let one: b::EditionData = send(
        &app,
        n,
        b::EDITION,
        b::EditionVars {
            id: None,
            year: Some(2031),
        },
    )
    .await;
    assert_eq!(one.barcamp_edition.map(|x| x.id), Some(e.id.clone()));
    tested.push(b::EDITION);
    let ed = edition_of(
        send(
            &app,
            a,
            b::SET_ORGANISER,
            b::SetOrganiserVars {
                edition_id: e.id.clone(),
                email: ana.email.clone(),
                organiser: true,
            },
        )
        .await,
    );
    assert_eq!(ed.organisers.len(), 1);
    tested.push(b::SET_ORGANISER);
    let room = |name: &str, cap: i32, eq: &[&str]| RoomInput {
        name: name.into(),
        capacity: cap,
        equipment: eq.iter().map(|x| (*x).to_owned()).collect(),
    };
    let ed = edition_of(
        send(
            &app,
            a,
            b::ADD_ROOM,
            b::AddRoomVars {
                edition_id: e.id.clone(),
                input: room("Big", 30, &["projector"]),
            },
        )
        .await,
    );
    let ed2 = edition_of(
        send(
            &app,
            a,
            b::ADD_ROOM,
            b::AddRoomVars {
                edition_id: e.id.clone(),
                input: room("Spare", 5, &[]),
            },
        )
        .await,
    );
    assert_eq!(ed2.rooms.len(), 2);
    tested.push(b::ADD_ROOM);
    let big = ed.rooms[0].id.clone();
    let ed = edition_of(
        send(
            &app,
            a,
            b::UPDATE_ROOM,
            b::UpdateRoomVars {
                room_id: big.clone(),
                input: room("Big", 40, &["projector", "sound"]),
            },
        )
        .await,
    );
    assert_eq!(ed.rooms[0].capacity, 40);
    tested.push(b::UPDATE_ROOM);
    let spare = ed
        .rooms
        .iter()
        .find(|r| r.name == "Spare")
        .expect("spare")
        .id
        .clone();
    let ed = edition_of(send(&app, a, b::REMOVE_ROOM, b::RoomIdVars { room_id: spare }).await);
    assert_eq!(ed.rooms.len(), 1);
    tested.push(b::REMOVE_ROOM);
    for (start, end) in [("10:00", "10:45"), ("10:45", "11:30"), ("16:00", "16:45")] {
        send::<_, b::EditionResult>(
            &app,
            a,
            b::ADD_SLOT,
            b::AddSlotVars {
                edition_id: e.id.clone(),
                input: SlotInput {
                    day: "2031-06-12".into(),
                    start: start.into(),
                    end: end.into(),
                },
            },
        )
        .await;
    }
    tested.push(b::ADD_SLOT);
    let last: b::EditionData = send(
        &app,
        n,
        b::EDITION,
        b::EditionVars {
            id: Some(e.id.clone()),
            year: None,
        },
    )
    .await;
    let last = last.barcamp_edition.expect("edition");
    let ed = edition_of(
        send(
            &app,
            a,
            b::REMOVE_SLOT,
            b::SlotIdVars {
                slot_id: last.slots[2].id.clone(),
            },
        )
        .await,
    );
    assert_eq!(ed.slots.len(), 2);
    assert_eq!(ed.slots[0].start, "10:00");
    tested.push(b::REMOVE_SLOT);
    let ed = edition_of(
        send(
            &app,
            n,
            b::REGISTER,
            b::EditionIdVars {
                edition_id: e.id.clone(),
            },
        )
        .await,
    );
    assert!(ed.viewer.registered);
    tested.push(b::REGISTER);
    let ed2 = edition_of(
        send(
            &app,
            n,
            b::RESET_FEED,
            b::EditionIdVars {
                edition_id: e.id.clone(),
            },
        )
        .await,
    );
    assert_ne!(ed.viewer.feed_path, ed2.viewer.feed_path);
    tested.push(b::RESET_FEED);
    let si = |title: &str| SessionInput {
        title: title.into(),
        description: "D".into(),
        format: SessionFormat::Workshop,
        length: 1,
        equipment: vec!["projector".into()],
        lab_id: None,
        co_host_emails: Some(vec![]),
    };
    let s1 = session_of(
        send(
            &app,
            n,
            b::PROPOSE_SESSION,
            b::ProposeSessionVars {
                edition_id: e.id.clone(),
                input: si("One"),
            },
        )
        .await,
    );
    let s2 = session_of(
        send(
            &app,
            n,
            b::PROPOSE_SESSION,
            b::ProposeSessionVars {
                edition_id: e.id.clone(),
                input: si("Two"),
            },
        )
        .await,
    );
    tested.push(b::PROPOSE_SESSION);
    let s1 = session_of(
        send(
            &app,
            n,
            b::EDIT_SESSION,
            b::EditSessionVars {
                session_id: s1.id.clone(),
                input: si("One, edited"),
            },
        )
        .await,
    );
    assert_eq!(s1.title, "One, edited");
    tested.push(b::EDIT_SESSION);
    let s1 = session_of(
        send(
            &app,
            n,
            b::SET_INTEREST,
            b::SetInterestVars {
                session_id: s1.id.clone(),
                interested: true,
            },
        )
        .await,
    );
    assert!(s1.interested && s1.interest_count == 1);
    tested.push(b::SET_INTEREST);
    let list: b::SessionsData = send(
        &app,
        None,
        b::SESSIONS,
        b::SessionsVars {
            edition_id: e.id.clone(),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(
        list.barcamp_sessions
            .nodes()
            .map(|s| s.title.as_str())
            .collect::<Vec<_>>(),
        ["One, edited", "Two"]
    );
    tested.push(b::SESSIONS);
    let one: b::SessionData = send(&app, n, b::SESSION, b::IdVars { id: s2.id.clone() }).await;
    assert!(one.barcamp_session.is_some_and(|s| s.can_edit));
    tested.push(b::SESSION);
    let s3 = session_of(
        send(
            &app,
            n,
            b::PROPOSE_SESSION,
            b::ProposeSessionVars {
                edition_id: e.id.clone(),
                input: si("Three"),
            },
        )
        .await,
    );
    let s4 = session_of(
        send(
            &app,
            n,
            b::PROPOSE_SESSION,
            b::ProposeSessionVars {
                edition_id: e.id.clone(),
                input: si("Four"),
            },
        )
        .await,
    );
    let m = session_of(
        send(
            &app,
            a,
            b::MERGE_SESSION,
            b::MergeVars {
                session_id: s3.id.clone(),
                into_id: s2.id.clone(),
                reason: "Same".into(),
            },
        )
        .await,
    );
    assert!(m.merged_into.is_some());
    tested.push(b::MERGE_SESSION);
    let d = session_of(
        send(
            &app,
            a,
            b::DECLINE_SESSION,
            b::ReasonVars {
                session_id: s4.id.clone(),
                reason: "No".into(),
            },
        )
        .await,
    );
    assert_eq!(d.status_reason.as_deref(), Some("No"));
    tested.push(b::DECLINE_SESSION);
    for phase in [BarcampPhase::Interest, BarcampPhase::Scheduling] {
        let ed = edition_of(
            send(
                &app,
                a,
                b::SET_PHASE,
                b::SetPhaseVars {
                    edition_id: e.id.clone(),
                    phase,
                },
            )
            .await,
        );
        assert_eq!(ed.phase, phase);
    }
    tested.push(b::SET_PHASE);
    let run: b::RunSchedulerData = send(
        &app,
        a,
        b::RUN_SCHEDULER,
        b::EditionIdVars {
            edition_id: e.id.clone(),
        },
    )
    .await;
    assert_eq!(run.run_barcamp_scheduler.placed, 2);
    tested.push(b::RUN_SCHEDULER);
    let placed: b::SessionData = send(&app, a, b::SESSION, b::IdVars { id: s1.id.clone() }).await;
    let placed = placed.barcamp_session.expect("s1");
    let check: b::CheckMoveData = send(
        &app,
        a,
        b::CHECK_MOVE,
        b::MoveVars {
            session_id: s2.id.clone(),
            room_id: big.clone(),
            start_slot_id: placed.slots[0].id.clone(),
        },
    )
    .await;
    assert!(check
        .check_barcamp_move
        .iter()
        .any(|i| i.hard && i.kind == "ROOM_TAKEN"));
    tested.push(b::CHECK_MOVE);
    // Swap them by hand, watching the live feed.
    let mut ws = crate::audit::connect(&app, &ana.token).await;
    ws.send(crate::audit::send(serde_json::json!({ "id": "1", "type": "subscribe", "payload": { "query": b::CHANGES, "variables": { "editionId": e.id } } }))).await.expect("subscribe");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    send::<_, b::SessionResult>(
        &app,
        a,
        b::SET_PINNED,
        b::SetPinnedVars {
            session_id: s2.id.clone(),
            pinned: false,
        },
    )
    .await;
    let unpinned = session_of(
        send(
            &app,
            a,
            b::SET_PINNED,
            b::SetPinnedVars {
                session_id: s1.id.clone(),
                pinned: true,
            },
        )
        .await,
    );
    assert!(unpinned.pinned);
    tested.push(b::SET_PINNED);
    let frame = tokio::time::timeout(std::time::Duration::from_secs(5), ws.next())
        .await
        .expect("a change")
        .expect("frame")
        .expect("ok");
    let v: serde_json::Value = serde_json::from_str(frame.to_text().expect("text")).expect("json");
    let change: b::ChangesData =
        serde_json::from_value(v["payload"]["data"].clone()).expect("decodes");
    assert_eq!(change.barcamp_changes.action, "barcamp.session.pin");
    tested.push(b::CHANGES);
    send::<_, b::SessionResult>(
        &app,
        a,
        b::SET_PINNED,
        b::SetPinnedVars {
            session_id: s1.id.clone(),
            pinned: false,
        },
    )
    .await;
    let s2_now: b::SessionData = send(&app, a, b::SESSION, b::IdVars { id: s2.id.clone() }).await;
    let s2_slot = s2_now.barcamp_session.expect("s2").slots[0].id.clone();
    // Both slots of the one room are taken: cancelling s1 frees its place for s2.
    let c = session_of(
        send(
            &app,
            a,
            b::CANCEL_SESSION,
            b::ReasonVars {
                session_id: s1.id.clone(),
                reason: "Ill".into(),
            },
        )
        .await,
    );
    assert_eq!(
        c.status,
        constellation_shared::dto::barcamp::SessionStatus::Cancelled
    );
    let moved = session_of(
        send(
            &app,
            a,
            b::MOVE_SESSION,
            b::MoveVars {
                session_id: s2.id.clone(),
                room_id: big.clone(),
                start_slot_id: placed.slots[0].id.clone(),
            },
        )
        .await,
    );
    assert_ne!(moved.slots[0].id, s2_slot);
    tested.push(b::MOVE_SESSION);
    tested.push(b::CANCEL_SESSION);
    let ed = edition_of(
        send(
            &app,
            a,
            b::SET_PHASE,
            b::SetPhaseVars {
                edition_id: e.id.clone(),
                phase: BarcampPhase::Published,
            },
        )
        .await,
    );
    assert_eq!(ed.phase, BarcampPhase::Published);
    let agenda: b::AgendaData = send(
        &app,
        n,
        b::MY_AGENDA,
        b::AgendaVars {
            edition_id: e.id.clone(),
        },
    )
    .await;
    assert!(!agenda.my_barcamp_agenda.is_empty());
    tested.push(b::MY_AGENDA);
    let nn: b::NowNextData = send(
        &app,
        None,
        b::NOW_NEXT,
        b::NowNextVars {
            edition_id: e.id.clone(),
            at: Some("2031-06-12T07:00:00Z".into()),
        },
    )
    .await;
    assert_eq!(nn.barcamp_now_next.len(), 1);
    assert!(nn.barcamp_now_next[0].next.is_some());
    tested.push(b::NOW_NEXT);
    let other = app.signup("Other").await;
    let ed = edition_of(
        send(
            &app,
            Some(other.token.as_str()),
            b::UNREGISTER,
            b::EditionIdVars {
                edition_id: e.id.clone(),
            },
        )
        .await,
    );
    assert!(!ed.viewer.registered);
    tested.push(b::UNREGISTER);
    assert_eq!(tested, BARCAMP_DOCS);
}

const ASSEMBLY_DOCS: &[&str] = &[
    g::CREATE_ASSEMBLY,
    g::ASSEMBLIES,
    g::MAJORITY_RULES,
    g::ADD_AGENDA_ITEM,
    g::REMOVE_AGENDA_ITEM,
    g::ADD_MOTION,
    g::CONVENE,
    g::GIVE_PROXY,
    g::ANSWER_PROXY,
    g::REVOKE_PROXY,
    g::OPEN_SESSION,
    g::CHECK_IN,
    g::ATTENDANCE,
    g::LIVE,
    g::OPEN_VOTING,
    g::CAST_VOTE,
    g::CLOSE_VOTING,
    g::CLOSE_SESSION,
    g::ASSEMBLY,
];

#[tokio::test]
async fn every_assembly_document_runs_against_the_schema() {
    use constellation_shared::dto::assembly::{
        AgendaItemInput, AssemblyInput, AssemblyKind, AssemblyStatus, BallotKind, Choice,
        MajorityRuleCode, MotionInput, MotionStatus, ProxyStatus,
    };
    use futures_util::{SinkExt, StreamExt};
    let app = spawn_app().await;
    let chair = app.signup("Chair").await;
    app.set_roles(&chair, &chair, serde_json::json!({ "kind": "EFFECTIVE" }))
        .await;
    let m = app.effective_members(3, "Voter").await;
    let c = Some(chair.token.as_str());
    let tok = |i: usize| Some(m[i].token.as_str());
    let mut tested = Vec::new();
    let of = |r: g::AssemblyResult| r.into_inner().expect("an assembly");
    let input = AssemblyInput {
        kind: AssemblyKind::Extraordinary,
        title: "AG".into(),
        starts_at: (chrono::Utc::now() + chrono::Duration::days(20)).to_rfc3339(),
        place: "Brussels".into(),
        language: Language::En,
        first_convocation_id: None,
    };
    let a = of(send(&app, c, g::CREATE_ASSEMBLY, g::CreateAssemblyVars { input }).await);
    assert_eq!(a.status, AssemblyStatus::Draft);
    tested.push(g::CREATE_ASSEMBLY);
    let list: g::AssembliesData = send(&app, tok(0), g::ASSEMBLIES, g::PageVars::default()).await;
    assert_eq!(list.assemblies.nodes().count(), 1);
    tested.push(g::ASSEMBLIES);
    let rules: g::MajorityRulesData = send(
        &app,
        tok(0),
        g::MAJORITY_RULES,
        constellation_shared::graphql::NoVars {},
    )
    .await;
    assert_eq!(rules.majority_rules.len(), 5);
    tested.push(g::MAJORITY_RULES);
    let item = |n: &str, statutory| AgendaItemInput {
        number: n.into(),
        title: format!("Item {n}"),
        body: "Text".into(),
        documents: vec![constellation_shared::dto::assembly::DocumentInput {
            title: "Note".into(),
            url: "https://example.org/note.pdf".into(),
        }],
        statutory,
    };
    of(send(
        &app,
        c,
        g::ADD_AGENDA_ITEM,
        g::AddAgendaItemVars {
            assembly_id: a.id.clone(),
            input: item("2", false),
        },
    )
    .await);
    of(send(
        &app,
        c,
        g::ADD_AGENDA_ITEM,
        g::AddAgendaItemVars {
            assembly_id: a.id.clone(),
            input: item("2.1", true),
        },
    )
    .await);
    let a2 = of(send(
        &app,
        c,
        g::ADD_AGENDA_ITEM,
        g::AddAgendaItemVars {
            assembly_id: a.id.clone(),
            input: item("9", false),
        },
    )
    .await);
    assert_eq!(
        a2.agenda
            .iter()
            .map(|i| (i.number.as_str(), i.depth))
            .collect::<Vec<_>>(),
        [("2", 0), ("2.1", 1), ("9", 0)]
    );
    tested.push(g::ADD_AGENDA_ITEM);
    let a3 = of(send(
        &app,
        c,
        g::REMOVE_AGENDA_ITEM,
        g::ItemIdVars {
            item_id: a2.agenda[2].id.clone(),
        },
    )
    .await);
    assert_eq!(a3.agenda.len(), 2);
    tested.push(g::REMOVE_AGENDA_ITEM);
    let a4 = of(send(
        &app,
        c,
        g::ADD_MOTION,
        g::AddMotionVars {
            item_id: a3.agenda[1].id.clone(),
            input: MotionInput {
                text: "Stop hosting".into(),
                rule: MajorityRuleCode::Purpose,
                ballot: BallotKind::Secret,
            },
        },
    )
    .await);
    let motion = a4.motions[0].id.clone();
    tested.push(g::ADD_MOTION);
    let a5 = of(send(&app, c, g::CONVENE, g::IdVars { id: a.id.clone() }).await);
    assert!(a5.agenda[1].frozen);
    tested.push(g::CONVENE);
    of(send(
        &app,
        tok(1),
        g::GIVE_PROXY,
        g::GiveProxyVars {
            id: a.id.clone(),
            holder_email: m[0].email.clone(),
        },
    )
    .await);
    of(send(
        &app,
        tok(2),
        g::GIVE_PROXY,
        g::GiveProxyVars {
            id: a.id.clone(),
            holder_email: m[0].email.clone(),
        },
    )
    .await);
    tested.push(g::GIVE_PROXY);
    let mine: g::AssemblyData =
        send(&app, tok(0), g::ASSEMBLY, g::IdVars { id: a.id.clone() }).await;
    let held = mine.assembly.expect("assembly").viewer.proxies_held;
    assert_eq!(held.len(), 2);
    let a6 = of(send(
        &app,
        tok(0),
        g::ANSWER_PROXY,
        g::AnswerProxyVars {
            proxy_id: held[0].id.clone(),
            accept: true,
        },
    )
    .await);
    assert_eq!(
        a6.viewer
            .proxies_held
            .iter()
            .filter(|p| p.status == ProxyStatus::Accepted)
            .count(),
        1
    );
    tested.push(g::ANSWER_PROXY);
    let a7 = of(send(
        &app,
        tok(2),
        g::REVOKE_PROXY,
        g::IdVars { id: a.id.clone() },
    )
    .await);
    let _ = a7;
    tested.push(g::REVOKE_PROXY);
    of(send(&app, c, g::OPEN_SESSION, g::IdVars { id: a.id.clone() }).await);
    tested.push(g::OPEN_SESSION);
    of(send(
        &app,
        c,
        g::CHECK_IN,
        g::CheckInVars {
            id: a.id.clone(),
            user_id: Some(m[0].id.clone()),
        },
    )
    .await);
    let a8 = of(send(
        &app,
        c,
        g::CHECK_IN,
        g::CheckInVars {
            id: a.id.clone(),
            user_id: None,
        },
    )
    .await);
    assert_eq!((a8.present, a8.represented), (2, 1));
    tested.push(g::CHECK_IN);
    let att: g::AttendanceData = send(
        &app,
        c,
        g::ATTENDANCE,
        g::AttendanceVars {
            id: a.id.clone(),
            first: Some(2),
            after: None,
        },
    )
    .await;
    assert_eq!(att.attendance.nodes().count(), 2);
    assert!(att.attendance.page_info.has_next_page);
    let rest: g::AttendanceData = send(
        &app,
        c,
        g::ATTENDANCE,
        g::AttendanceVars {
            id: a.id.clone(),
            first: Some(10),
            after: att.attendance.page_info.end_cursor.clone(),
        },
    )
    .await;
    assert_eq!(rest.attendance.nodes().count(), 2);
    tested.push(g::ATTENDANCE);
    let mut ws = crate::audit::connect(&app, &m[0].token).await;
    ws.send(crate::audit::send(serde_json::json!({ "id": "1", "type": "subscribe", "payload": { "query": g::LIVE, "variables": { "id": a.id } } }))).await.expect("subscribe");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    tested.push(g::LIVE);
    let a9 = of(send(
        &app,
        c,
        g::OPEN_VOTING,
        g::MotionIdVars {
            motion_id: motion.clone(),
        },
    )
    .await);
    assert_eq!(a9.motions[0].status, MotionStatus::Open);
    tested.push(g::OPEN_VOTING);
    let first = tokio::time::timeout(std::time::Duration::from_secs(5), ws.next())
        .await
        .expect("event")
        .expect("frame")
        .expect("ok");
    let ev: serde_json::Value = serde_json::from_str(first.to_text().expect("text")).expect("json");
    let ev: g::LiveData = serde_json::from_value(ev["payload"]["data"].clone()).expect("decodes");
    assert_eq!(ev.assembly_live.kind, "VOTING_OPENED");
    for member in [&m[0].id, &m[1].id] {
        let v: g::CastVoteData = send(
            &app,
            tok(0),
            g::CAST_VOTE,
            g::CastVoteVars {
                motion_id: motion.clone(),
                member_id: member.clone(),
                choice: Choice::Yes,
            },
        )
        .await;
        assert!(v.cast_vote.receipt.is_some());
    }
    tested.push(g::CAST_VOTE);
    let next = tokio::time::timeout(std::time::Duration::from_secs(5), ws.next())
        .await
        .expect("event")
        .expect("frame")
        .expect("ok");
    let ev: serde_json::Value = serde_json::from_str(next.to_text().expect("text")).expect("json");
    let ev: g::LiveData = serde_json::from_value(ev["payload"]["data"].clone()).expect("decodes");
    assert!(
        ev.assembly_live.turnout >= 1 && ev.assembly_live.tally.is_none(),
        "secret tallies stay hidden: {ev:?}"
    );
    let a10 = of(send(
        &app,
        c,
        g::CLOSE_VOTING,
        g::MotionIdVars {
            motion_id: motion.clone(),
        },
    )
    .await);
    let result = a10.motions[0].result.clone().expect("result");
    assert_eq!(result.tally.yes, 2);
    assert_eq!(a10.motions[0].receipts.len(), 2);
    tested.push(g::CLOSE_VOTING);
    let a11 = of(send(&app, c, g::CLOSE_SESSION, g::IdVars { id: a.id.clone() }).await);
    assert_eq!(a11.status, AssemblyStatus::Closed);
    tested.push(g::CLOSE_SESSION);
    let one: g::AssemblyData =
        send(&app, tok(1), g::ASSEMBLY, g::IdVars { id: a.id.clone() }).await;
    assert!(one.assembly.is_some_and(|x| x.motions[0].result.is_some()));
    tested.push(g::ASSEMBLY);
    assert_eq!(tested, ASSEMBLY_DOCS);
}

const REACH_DOCS: &[&str] = &[
    n::NOTIFICATION_ADDED,
    n::UNREAD_NOTIFICATION_COUNT,
    n::NOTIFICATIONS,
    n::HOME,
    n::NOTIFICATION_SETTINGS,
    n::SET_NOTIFICATION_PREFERENCE,
    n::MARK_NOTIFICATIONS_READ,
    n::MARK_ALL_NOTIFICATIONS_READ,
    n::SET_ROLES,
];

#[tokio::test]
async fn every_reach_document_runs_against_the_schema() {
    use constellation_shared::dto::reach::{NotificationChannel, NotificationKind};
    use constellation_shared::graphql::NoVars;
    use futures_util::{SinkExt, StreamExt};
    let app = spawn_app().await;
    let board = app.signup("Board").await;
    let member = app.signup("Member").await;
    for u in [&board, &member] {
        app.set_roles(&board, u, serde_json::json!({ "kind": "EFFECTIVE" }))
            .await;
    }
    let mut tested = Vec::new();
    let mut ws = crate::audit::connect(&app, &member.token).await;
    ws.send(crate::audit::send(serde_json::json!({ "id": "1", "type": "subscribe", "payload": { "query": n::NOTIFICATION_ADDED, "variables": {} } }))).await.expect("subscribe");
    // The feed answers at once with the current count: then it is live.
    let first = tokio::time::timeout(std::time::Duration::from_secs(10), ws.next())
        .await
        .expect("the first signal")
        .expect("frame")
        .expect("ok");
    let first: serde_json::Value =
        serde_json::from_str(first.to_text().expect("text")).expect("json");
    let first: n::NotificationAddedData =
        serde_json::from_value(first["payload"]["data"].clone()).expect("decodes");
    assert_eq!(first.notification_added.unread_count, 0);

    // Convening tells the member; the board asks them to hold its proxy.
    let (a, _) = app.draft_assembly(&board).await;
    let convened = app.assembly_step(&board, "conveneAssembly", &a).await;
    assert!(convened["errors"].is_null(), "{convened}");
    let event = tokio::time::timeout(std::time::Duration::from_secs(5), ws.next())
        .await
        .expect("event")
        .expect("frame")
        .expect("ok");
    let event: serde_json::Value =
        serde_json::from_str(event.to_text().expect("text")).expect("json");
    let event: n::NotificationAddedData =
        serde_json::from_value(event["payload"]["data"].clone()).expect("decodes");
    let latest = event.notification_added.latest.expect("the convocation");
    assert_eq!(latest.kind, NotificationKind::AssemblyConvened);
    assert!(event.notification_added.unread_count >= 1);
    tested.push(n::NOTIFICATION_ADDED);
    let asked = app
        .gql(
            Some(&board.token),
            "mutation($a: ID!, $h: String!) { giveProxy(assemblyId: $a, holderEmail: $h) { id } }",
            serde_json::json!({ "a": a, "h": member.email }),
        )
        .await;
    assert!(asked["errors"].is_null(), "{asked}");
    let tok = Some(member.token.as_str());

    let count: n::UnreadNotificationCountData =
        send(&app, tok, n::UNREAD_NOTIFICATION_COUNT, NoVars {}).await;
    assert_eq!(count.unread_notification_count, 2);
    tested.push(n::UNREAD_NOTIFICATION_COUNT);

    let first: n::NotificationsData = send(
        &app,
        tok,
        n::NOTIFICATIONS,
        n::NotificationsVars {
            first: Some(1),
            after: None,
            unread_only: Some(true),
        },
    )
    .await;
    assert!(first.notifications.page_info.has_next_page);
    let rest: n::NotificationsData = send(
        &app,
        tok,
        n::NOTIFICATIONS,
        n::NotificationsVars {
            first: Some(10),
            after: first.notifications.page_info.end_cursor.clone(),
            unread_only: None,
        },
    )
    .await;
    let all: Vec<n::Notification> = first
        .notifications
        .nodes()
        .chain(rest.notifications.nodes())
        .cloned()
        .collect();
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|x| x.unread() && x.link.starts_with('/')));
    assert!(all
        .iter()
        .any(|x| x.kind == NotificationKind::AssemblyConvened));
    tested.push(n::NOTIFICATIONS);

    let home: n::HomeData = send(&app, tok, n::HOME, NoVars {}).await;
    let h = home.home;
    assert_eq!(h.next_assembly.map(|x| x.id), Some(a.clone()));
    assert_eq!(h.proxies_to_answer.len(), 1);
    assert_eq!(
        h.proxies_to_answer[0]
            .principal
            .as_ref()
            .map(|p| p.id.to_string()),
        Some(board.id.clone())
    );
    assert!(h.board_queue.is_none());
    assert_eq!(h.unread_notifications, 2);
    let board_home: n::HomeData = send(&app, Some(&board.token), n::HOME, NoVars {}).await;
    assert!(board_home.home.board_queue.is_some());
    tested.push(n::HOME);

    let settings: n::NotificationSettingsData =
        send(&app, tok, n::NOTIFICATION_SETTINGS, NoVars {}).await;
    assert_eq!(
        settings.notification_preferences.len(),
        NotificationKind::ALL.len()
    );
    assert!(settings
        .notification_preferences
        .iter()
        .any(|p| p.kind == NotificationKind::AssemblyConvened && p.mandatory));
    assert!(settings.my_calendar_feed.starts_with("/ical/"));
    tested.push(n::NOTIFICATION_SETTINGS);

    let set: n::SetNotificationPreferenceData = send(
        &app,
        tok,
        n::SET_NOTIFICATION_PREFERENCE,
        n::SetNotificationPreferenceVars {
            kind: NotificationKind::VotingOpen,
            channel: NotificationChannel::Off,
        },
    )
    .await;
    assert_eq!(
        set.set_notification_preference.channel,
        NotificationChannel::Off
    );
    tested.push(n::SET_NOTIFICATION_PREFERENCE);

    let one: n::MarkNotificationsReadData = send(
        &app,
        tok,
        n::MARK_NOTIFICATIONS_READ,
        n::MarkNotificationsReadVars {
            ids: vec![all[0].id.clone()],
        },
    )
    .await;
    assert_eq!(one.mark_notifications_read, 1);
    tested.push(n::MARK_NOTIFICATIONS_READ);
    let none: n::MarkAllNotificationsReadData =
        send(&app, tok, n::MARK_ALL_NOTIFICATIONS_READ, NoVars {}).await;
    assert_eq!(none.mark_all_notifications_read, 0);
    tested.push(n::MARK_ALL_NOTIFICATIONS_READ);

    let roles: n::SetRolesData = send(
        &app,
        Some(&board.token),
        n::SET_ROLES,
        n::SetRolesVars {
            user_id: member.id.clone(),
            membership_kind: Some(constellation_shared::MembershipKind::Adherent),
            is_board: Some(true),
            is_admin: None,
        },
    )
    .await;
    assert_eq!(
        roles.set_roles.membership_kind,
        constellation_shared::MembershipKind::Adherent
    );
    assert!(roles.set_roles.is_board && !roles.set_roles.is_admin);
    tested.push(n::SET_ROLES);

    assert_eq!(tested, REACH_DOCS);
}
