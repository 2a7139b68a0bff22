//! Every document the frontend sends (`shared::queries`) runs against the real schema and
//! its answer decodes into the shared response type.

use constellation_shared::dto::accounts::{ProfileInput, RegisterInput};
use constellation_shared::dto::labs::{
    FramingInput, LabRole, LabStatus, LabVisibility, MemberState, MembershipPolicy, ProjectInput,
    ProjectStatus, ProposeLabInput, ReviewDecision,
};
use constellation_shared::queries::{self, accounts as q, labs as l, resources as r};
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
            ACCOUNT_DOCS.contains(doc) || LAB_DOCS.contains(doc) || RESOURCE_DOCS.contains(doc),
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
