//! The transition's board and working group documents (`shared::queries::transition`,
//! `board.rs`) run against the real schema, as the board's and the working group's pages
//! send them: the plan and its milestones, the inventory by hand, statuses and a waived
//! hand-over, the support queue, a collective group, hosts and guides, an offer decided,
//! the poll's results.

use constellation_shared::dto::transition::{
    GuideInput, HostInput, MigrationPath, OfferStatus, PathInput, PlanInput, ServiceInput,
    ServiceKind, ServiceStatus, SupportInput, SupportStatus,
};
use constellation_shared::graphql::{NoVars, Response};
use constellation_shared::queries::transition::{self as t, board as b, member as m};
use constellation_tests::{spawn_app, TestApp};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;

pub const TRANSITION_BOARD_DOCS: &[&str] = &[
    b::CREATE_PLAN,
    b::UPDATE_PLAN,
    b::ADD_MILESTONE,
    b::PLAN,
    b::REMOVE_MILESTONE,
    b::CREATE_SERVICE,
    b::UPDATE_SERVICE,
    b::SERVICES,
    b::SET_STATUS,
    b::WAIVE_HANDOVER,
    b::SUPPORT_QUEUE,
    b::ASSIGN_SUPPORT,
    b::ANSWER_SUPPORT,
    b::CLOSE_SUPPORT,
    b::CREATE_GROUP,
    b::SAVE_HOST,
    b::REMOVE_HOST,
    b::SAVE_GUIDE,
    b::OFFERS,
    b::DECIDE_OFFER,
    b::POLL_RESULTS,
];

async fn send<V: Serialize, D: DeserializeOwned>(
    app: &TestApp,
    token: &str,
    doc: &str,
    vars: V,
) -> D {
    let raw = app
        .gql(
            Some(token),
            doc,
            serde_json::to_value(vars).unwrap_or_default(),
        )
        .await;
    let resp: Response<D> =
        serde_json::from_value(raw.clone()).unwrap_or_else(|e| panic!("{doc}: {e}: {raw}"));
    assert!(resp.errors.is_empty(), "{doc}: {raw}");
    resp.data.unwrap_or_else(|| panic!("{doc}: no data: {raw}"))
}

fn plan(ends_on: &str, at_risk_days: i32) -> PlanInput {
    PlanInput {
        title: "Arrêt des services".into(),
        decision_motion_id: None,
        decision_note: "AG extraordinaire du 27 janvier".into(),
        ends_on: ends_on.into(),
        at_risk_days,
    }
}

#[tokio::test]
async fn every_transition_board_document_runs_against_the_schema() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    let board = app.signup("Board").await;
    let holder = app.signup("Holder").await;
    let other = app.signup("Other").await;
    let helper = app.signup("Helper").await;
    app.set_roles(
        &admin,
        &board,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    for u in [&holder, &other] {
        app.set_roles(&admin, u, json!({ "kind": "EFFECTIVE" }))
            .await;
    }
    app.set_roles(&admin, &helper, json!({ "kind": "ADHERENT" }))
        .await;
    let today = chrono::Utc::now().date_naive();
    let day = |n: i64| (today + chrono::Duration::days(n)).to_string();
    let mut tested = Vec::new();

    let created: b::PlanResult = send(
        &app,
        &board.token,
        b::CREATE_PLAN,
        b::PlanVars {
            input: plan(&day(300), 30),
        },
    )
    .await;
    let created = created.into_inner().unwrap_or_else(|| panic!("no plan"));
    assert_eq!(created.days_left, 300);
    assert!(created.milestones.is_empty());
    let lab = created
        .working_group
        .clone()
        .unwrap_or_else(|| panic!("no working group"));
    app.join_lab(&helper, &lab.id).await;
    tested.push(b::CREATE_PLAN);

    let updated: b::PlanResult = send(
        &app,
        &board.token,
        b::UPDATE_PLAN,
        b::PlanVars {
            input: plan(&day(200), 45),
        },
    )
    .await;
    let updated = updated.into_inner().unwrap_or_else(|| panic!("no plan"));
    assert_eq!((updated.days_left, updated.at_risk_days), (200, 45));
    assert_eq!(updated.id, created.id);
    tested.push(b::UPDATE_PLAN);

    let added: b::MilestoneResult = send(
        &app,
        &board.token,
        b::ADD_MILESTONE,
        b::MilestoneVars {
            label: "Inventaire complet".into(),
            due_on: day(30),
        },
    )
    .await;
    let milestone = added.into_inner().unwrap_or_else(|| panic!("no milestone"));
    assert_eq!(milestone.due_on, day(30));
    tested.push(b::ADD_MILESTONE);

    let seen: b::PlanData = send(&app, &helper.token, b::PLAN, NoVars {}).await;
    let seen = seen.transition_plan.unwrap_or_else(|| panic!("no plan"));
    assert_eq!(seen.milestones, vec![milestone.clone()]);
    assert!(seen.in_working_group, "the helper joined the group");
    tested.push(b::PLAN);

    let removed: b::Done = send(
        &app,
        &board.token,
        b::REMOVE_MILESTONE,
        b::IdVars {
            id: milestone.id.clone(),
        },
    )
    .await;
    assert_eq!(removed.into_inner(), Some(true));
    let after: b::PlanData = send(&app, &board.token, b::PLAN, NoVars {}).await;
    assert_eq!(after.transition_plan.map(|p| p.milestones.len()), Some(0));
    tested.push(b::REMOVE_MILESTONE);

    let site = ServiceInput {
        kind: ServiceKind::Website,
        name: "voisins.be".into(),
        description: "Le site du comité de quartier".into(),
        address: "https://voisins.be".into(),
        internal: false,
        holder_ids: vec![holder.id.clone()],
    };
    let made: b::ServiceResult = send(
        &app,
        &board.token,
        b::CREATE_SERVICE,
        b::CreateServiceVars {
            input: site.clone(),
        },
    )
    .await;
    let made = made.into_inner().unwrap_or_else(|| panic!("no service"));
    assert_eq!(made.status, ServiceStatus::ToPlan);
    assert_eq!(
        made.holders
            .iter()
            .map(|h| h.id.to_string())
            .collect::<Vec<_>>(),
        vec![holder.id.clone()]
    );
    tested.push(b::CREATE_SERVICE);

    let renamed: b::ServiceResult = send(
        &app,
        &board.token,
        b::UPDATE_SERVICE,
        b::UpdateServiceVars {
            id: made.id.clone(),
            input: ServiceInput {
                name: "voisins-quartier.be".into(),
                holder_ids: vec![holder.id.clone(), other.id.clone()],
                ..site
            },
        },
    )
    .await;
    let renamed = renamed.into_inner().unwrap_or_else(|| panic!("no service"));
    assert_eq!(
        (renamed.name.as_str(), renamed.holders.len()),
        ("voisins-quartier.be", 2)
    );
    tested.push(b::UPDATE_SERVICE);

    let sites: b::ServicesData = send(
        &app,
        &board.token,
        b::SERVICES,
        b::ServicesVars {
            kind: Some(ServiceKind::Website),
            ..Default::default()
        },
    )
    .await;
    let ids: Vec<String> = sites
        .transition_services
        .nodes()
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(ids, vec![made.id.clone()]);
    let lists: b::ServicesData = send(
        &app,
        &helper.token,
        b::SERVICES,
        b::ServicesVars {
            kind: Some(ServiceKind::MailingList),
            ..Default::default()
        },
    )
    .await;
    assert!(lists.transition_services.edges.is_empty());
    tested.push(b::SERVICES);

    let status = |s: ServiceStatus, reason: Option<&str>| b::SetStatusVars {
        service_id: made.id.clone(),
        status: s,
        reason: reason.map(str::to_owned),
    };
    // A status other than `TO_PLAN` needs a path: the board chooses one, which plans it.
    let chosen: t::ChoosePathData = send(
        &app,
        &board.token,
        t::CHOOSE_PATH,
        t::ChoosePathVars {
            service_id: made.id.clone(),
            input: PathInput {
                path: MigrationPath::Individual,
                target_host: "hebergeur.example".into(),
                group_id: None,
            },
        },
    )
    .await;
    assert_eq!(chosen.choose_service_path.status, ServiceStatus::Planned);
    let started: b::ServiceResult = send(
        &app,
        &board.token,
        b::SET_STATUS,
        status(ServiceStatus::InProgress, None),
    )
    .await;
    assert_eq!(
        started.into_inner().map(|s| s.status),
        Some(ServiceStatus::InProgress)
    );
    let refused = app
        .gql(
            Some(&board.token),
            b::SET_STATUS,
            serde_json::to_value(status(ServiceStatus::Planned, None)).unwrap_or_default(),
        )
        .await;
    assert_eq!(
        refused["errors"][0]["extensions"]["field"],
        json!("reason"),
        "{refused}"
    );
    let back: b::ServiceResult = send(
        &app,
        &board.token,
        b::SET_STATUS,
        status(
            ServiceStatus::Planned,
            Some("Le nouvel hébergeur n'est pas prêt"),
        ),
    )
    .await;
    assert_eq!(
        back.into_inner().map(|s| s.status),
        Some(ServiceStatus::Planned)
    );
    tested.push(b::SET_STATUS);

    let waived: b::ServiceResult = send(
        &app,
        &board.token,
        b::WAIVE_HANDOVER,
        b::WaiveVars {
            service_id: made.id.clone(),
            reason: "Le site est vide".into(),
        },
    )
    .await;
    let waived = waived.into_inner().unwrap_or_else(|| panic!("no service"));
    assert_eq!(
        waived.handover_waived_reason.as_deref(),
        Some("Le site est vide")
    );
    tested.push(b::WAIVE_HANDOVER);

    let asked: t::SupportResult = send(
        &app,
        &holder.token,
        t::ASK_SUPPORT,
        t::AskSupportVars {
            input: SupportInput {
                service_id: Some(made.id.clone()),
                subject: "Base de données".into(),
                body: "Comment exporter la base ?".into(),
            },
        },
    )
    .await;
    let asked = asked.into_inner().unwrap_or_else(|| panic!("no request"));
    let queue: b::QueueData = send(
        &app,
        &helper.token,
        b::SUPPORT_QUEUE,
        b::QueueVars {
            status: Some(SupportStatus::Open),
            ..Default::default()
        },
    )
    .await;
    let queued = queue
        .support_requests
        .nodes()
        .find(|r| r.request.id == asked.id)
        .cloned()
        .unwrap_or_else(|| panic!("the request is not queued"));
    assert_eq!(
        queued.service.map(|s| s.name),
        Some("voisins-quartier.be".to_owned())
    );
    assert!(!queued.request.requester_in_working_group);
    tested.push(b::SUPPORT_QUEUE);

    let assigned: b::RequestResult = send(
        &app,
        &helper.token,
        b::ASSIGN_SUPPORT,
        b::AssignVars {
            id: asked.id.clone(),
            assignee_id: None,
        },
    )
    .await;
    let assigned = assigned
        .into_inner()
        .unwrap_or_else(|| panic!("no request"));
    assert_eq!(assigned.request.status, SupportStatus::Assigned);
    assert_eq!(
        assigned.request.assignee.map(|p| p.id.to_string()),
        Some(helper.id.clone())
    );
    tested.push(b::ASSIGN_SUPPORT);

    let answered: b::RequestResult = send(
        &app,
        &helper.token,
        b::ANSWER_SUPPORT,
        b::AnswerVars {
            id: asked.id.clone(),
            answer: "phpMyAdmin, onglet « Exporter ».".into(),
        },
    )
    .await;
    let answered = answered
        .into_inner()
        .unwrap_or_else(|| panic!("no request"));
    assert_eq!(answered.request.status, SupportStatus::Answered);
    tested.push(b::ANSWER_SUPPORT);

    let closed: b::RequestResult = send(
        &app,
        &helper.token,
        b::CLOSE_SUPPORT,
        b::IdVars {
            id: asked.id.clone(),
        },
    )
    .await;
    assert_eq!(
        closed.into_inner().map(|r| r.request.status),
        Some(SupportStatus::Closed)
    );
    tested.push(b::CLOSE_SUPPORT);

    let group: b::GroupResult = send(
        &app,
        &board.token,
        b::CREATE_GROUP,
        b::GroupVars {
            name: "Sites du quartier".into(),
            target_host: "chatons.example".into(),
        },
    )
    .await;
    let group = group.into_inner().unwrap_or_else(|| panic!("no group"));
    let groups: t::GroupsData = send(&app, &holder.token, t::GROUPS, t::PageVars::default()).await;
    assert_eq!(groups.transition_groups.edges[0].node, group);
    tested.push(b::CREATE_GROUP);

    let host = HostInput {
        name: "Chatons du coin".into(),
        url: "https://chatons.example".into(),
        kinds: vec![ServiceKind::Website, ServiceKind::Mailbox],
        note: "Association locale".into(),
    };
    let saved: b::HostResult = send(
        &app,
        &helper.token,
        b::SAVE_HOST,
        b::SaveHostVars {
            id: None,
            input: host.clone(),
        },
    )
    .await;
    let saved = saved.into_inner().unwrap_or_else(|| panic!("no host"));
    let edited: b::HostResult = send(
        &app,
        &helper.token,
        b::SAVE_HOST,
        b::SaveHostVars {
            id: Some(saved.id.clone()),
            input: HostInput {
                note: "Association locale, statuts lus".into(),
                ..host
            },
        },
    )
    .await;
    let edited = edited.into_inner().unwrap_or_else(|| panic!("no host"));
    assert_eq!(
        (edited.id.as_str(), edited.note.as_str()),
        (saved.id.as_str(), "Association locale, statuts lus")
    );
    let mailboxes: m::HostsData = send(
        &app,
        &holder.token,
        m::HOSTS,
        m::HostsVars {
            kind: Some(ServiceKind::Mailbox),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(mailboxes.recommended_hosts.edges.len(), 1);
    tested.push(b::SAVE_HOST);

    let gone: b::Done = send(
        &app,
        &helper.token,
        b::REMOVE_HOST,
        b::IdVars {
            id: saved.id.clone(),
        },
    )
    .await;
    assert_eq!(gone.into_inner(), Some(true));
    let none: m::HostsData = send(&app, &holder.token, m::HOSTS, m::HostsVars::default()).await;
    assert!(none.recommended_hosts.edges.is_empty());
    tested.push(b::REMOVE_HOST);

    let guide: b::GuideResult = send(
        &app,
        &helper.token,
        b::SAVE_GUIDE,
        b::SaveGuideVars {
            id: None,
            input: GuideInput {
                title: "Exporter sa boîte".into(),
                body: "# Thunderbird\n\n1. Ouvrir…".into(),
            },
        },
    )
    .await;
    let guide = guide.into_inner().unwrap_or_else(|| panic!("no guide"));
    assert_eq!(
        guide.author.map(|a| a.id.to_string()),
        Some(helper.id.clone())
    );
    tested.push(b::SAVE_GUIDE);

    let offer = app
        .gql(
            Some(&other.token),
            "mutation($i: OfferInput!) { offerToHelp(input: $i) { id } }",
            json!({ "i": { "kind": "TAKE_OVER_FULL", "serviceId": made.id, "note": "Je l'héberge chez moi" } }),
        )
        .await;
    assert!(offer["errors"].is_null(), "{offer}");
    let pending: b::OffersData = send(
        &app,
        &board.token,
        b::OFFERS,
        b::OffersVars {
            status: Some(OfferStatus::Pending),
            ..Default::default()
        },
    )
    .await;
    let pending: Vec<_> = pending.transition_offers.nodes().cloned().collect();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        pending[0].service.as_ref().map(|s| s.id.clone()),
        Some(made.id.clone())
    );
    tested.push(b::OFFERS);

    let decided: b::OfferResult = send(
        &app,
        &board.token,
        b::DECIDE_OFFER,
        b::DecideOfferVars {
            id: pending[0].id.clone(),
            accept: true,
            reason: "Merci !".into(),
        },
    )
    .await;
    let decided = decided.into_inner().unwrap_or_else(|| panic!("no offer"));
    assert_eq!(decided.status, OfferStatus::Accepted);
    let taken: b::ServicesData = send(
        &app,
        &board.token,
        b::SERVICES,
        b::ServicesVars {
            path: Some(MigrationPath::TakenOver),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(taken.transition_services.edges.len(), 1);
    tested.push(b::DECIDE_OFFER);

    for (who, client, stakeholder) in [(&holder, true, false), (&helper, true, true)] {
        let r = app
            .gql(
                Some(&who.token),
                "mutation($i: PollInput!) { answerChatonsPoll(input: $i) { asClient } }",
                json!({ "i": { "asClient": client, "asStakeholder": stakeholder, "comment": "" } }),
            )
            .await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let results: b::PollResultsData =
        send(&app, &board.token, b::POLL_RESULTS, b::PageVars::default()).await;
    let r = results.chatons_poll_results;
    assert_eq!(
        (r.answers, r.as_client, r.as_stakeholder, r.both, r.neither),
        (2, 2, 1, 1, 0)
    );
    let mut who: Vec<String> = r
        .rows
        .nodes()
        .filter_map(|a| a.member.as_ref().map(|p| p.id.to_string()))
        .collect();
    who.sort();
    let mut expected = vec![holder.id.clone(), helper.id.clone()];
    expected.sort();
    assert_eq!(who, expected);
    tested.push(b::POLL_RESULTS);

    assert_eq!(tested, TRANSITION_BOARD_DOCS);
}
