//! The Labs documents (`shared::queries::labs`) run against the real schema, each answer
//! decoded into its shared response type.

use crate::contract::send;
use constellation_shared::dto::labs::{
    FramingInput, LabRole, LabStatus, LabVisibility, MemberState, MembershipPolicy, ProjectInput,
    ProjectStatus, ProposeLabInput, ReviewDecision,
};
use constellation_shared::queries::labs as l;
use constellation_tests::spawn_app;

pub(crate) const LAB_DOCS: &[&str] = &[
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
