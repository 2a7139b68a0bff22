//! The transition's frontend documents (`shared::queries::transition`) run against the real
//! schema, in the order of the scenario: the board imports a CSV inventory, a member
//! opens "my services" and chooses the collective path, the working group answers their
//! support request, the hand-over is ticked and confirmed, the dashboard shows it migrated.

use crate::transition::world;
use constellation_shared::dto::transition::{
    HandoverItemKind, MigrationPath, PathInput, ServiceStatus, SupportInput, SupportStatus,
};
use constellation_shared::graphql::{NoVars, Response};
use constellation_shared::queries::transition as t;
use constellation_shared::queries::transition::member as m;
use constellation_tests::{spawn_app, TestApp};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;

pub const TRANSITION_DOCS: &[&str] = &[
    t::IMPORT_SERVICES,
    t::GROUPS,
    t::MY_SERVICES,
    t::CHOOSE_PATH,
    t::ASK_SUPPORT,
    t::SUPPORT_REQUESTS,
    t::ANSWER_SUPPORT,
    t::MARK_HANDED_OVER,
    t::CONFIRM_HANDOVER,
    t::SERVICE,
    t::TRANSITION,
    // The member side's pages (`member.rs`, run in `transition_member_contract`), from
    // `SCENARIO` on.
    m::MILESTONES,
    m::HOSTS,
    m::GUIDES,
    m::START_MIGRATION,
    m::HANDOVER,
    m::MY_SUPPORT,
    m::OFFER_TO_HELP,
    m::MY_OFFERS,
    m::WITHDRAW_OFFER,
    m::MY_POLL_ANSWER,
    m::ANSWER_POLL,
];

/// How many of `TRANSITION_DOCS` the scenario runs; the member pages' follow.
pub const SCENARIO: usize = 11;

pub async fn send<V: Serialize, D: DeserializeOwned>(
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

#[tokio::test]
async fn every_transition_document_runs_against_the_schema() {
    let app = spawn_app().await;
    let ends = (chrono::Utc::now().date_naive() + chrono::Duration::days(90)).to_string();
    let w = world(&app, &ends, 30).await;
    let (board, holder, helper) = (&w.board.token, &w.holder.token, &w.helper.token);
    let mut tested = Vec::new();

    let csv = format!(
        "kind,name,holders\nmailing_list,voisins@listes,{}\nwebsite,voisins.be,{}\n",
        w.holder.email, w.other.email
    );
    let r: t::ImportData = send(&app, board, t::IMPORT_SERVICES, t::ImportVars { csv }).await;
    assert_eq!(r.import_transition_services.imported, 2);
    assert!(r.import_transition_services.problems.is_empty());
    tested.push(t::IMPORT_SERVICES);

    let g = app
        .gql(
            Some(board),
            "mutation { createTransitionGroup(name: \"Voisins\", targetHost: \"chatons.example\") { id } }",
            json!({}),
        )
        .await;
    assert!(g["errors"].is_null(), "{g}");
    let groups: t::GroupsData = send(&app, holder, t::GROUPS, t::PageVars::default()).await;
    let group = groups.transition_groups.edges[0].node.clone();
    tested.push(t::GROUPS);

    let mine: t::MyServicesData = send(&app, holder, t::MY_SERVICES, t::PageVars::default()).await;
    let list = mine.my_transition_services.edges[0].node.clone();
    assert_eq!(
        (list.name.as_str(), list.next_step.as_str()),
        ("voisins@listes", "CHOOSE_PATH")
    );
    tested.push(t::MY_SERVICES);

    let chosen: t::ChoosePathData = send(
        &app,
        holder,
        t::CHOOSE_PATH,
        t::ChoosePathVars {
            service_id: list.id.clone(),
            input: PathInput {
                path: MigrationPath::Collective,
                target_host: String::new(),
                group_id: Some(group.id.clone()),
            },
        },
    )
    .await;
    let s = chosen.choose_service_path;
    assert_eq!(
        (s.status, s.path, s.target_host.as_str()),
        (
            ServiceStatus::Planned,
            Some(MigrationPath::Collective),
            "chatons.example"
        )
    );
    assert_eq!(s.group.map(|g| g.name), Some("Voisins".to_owned()));
    tested.push(t::CHOOSE_PATH);

    let asked: t::SupportResult = send(
        &app,
        holder,
        t::ASK_SUPPORT,
        t::AskSupportVars {
            input: SupportInput {
                service_id: Some(list.id.clone()),
                subject: "Abonnés".into(),
                body: "Comment exporter les abonnés ?".into(),
            },
        },
    )
    .await;
    let asked = asked.into_inner().unwrap_or_else(|| panic!("no request"));
    tested.push(t::ASK_SUPPORT);
    let queue: t::SupportRequestsData = send(
        &app,
        helper,
        t::SUPPORT_REQUESTS,
        t::SupportRequestsVars {
            status: Some(SupportStatus::Open),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(queue.support_requests.edges[0].node.id, asked.id);
    tested.push(t::SUPPORT_REQUESTS);
    let answered: t::SupportResult = send(
        &app,
        helper,
        t::ANSWER_SUPPORT,
        t::AnswerSupportVars {
            id: asked.id.clone(),
            answer: "Sympa : « Abonnés » puis « Exporter ».".into(),
        },
    )
    .await;
    let answered = answered.into_inner().unwrap_or_else(|| panic!("no answer"));
    assert_eq!(answered.status, SupportStatus::Answered);
    tested.push(t::ANSWER_SUPPORT);

    for i in &s.handover {
        let r: t::ItemResult = send(
            &app,
            helper,
            t::MARK_HANDED_OVER,
            t::ItemVars {
                item_id: i.id.clone(),
            },
        )
        .await;
        assert!(r.into_inner().and_then(|i| i.handed_at).is_some());
    }
    tested.push(t::MARK_HANDED_OVER);
    for i in &s.handover {
        let r: t::ItemResult = send(
            &app,
            holder,
            t::CONFIRM_HANDOVER,
            t::ItemVars {
                item_id: i.id.clone(),
            },
        )
        .await;
        assert!(r.into_inner().and_then(|i| i.confirmed_at).is_some());
    }
    tested.push(t::CONFIRM_HANDOVER);

    let one: t::ServiceData = send(
        &app,
        holder,
        t::SERVICE,
        t::IdVars {
            id: list.id.clone(),
        },
    )
    .await;
    let s = one.transition_service;
    assert_eq!(s.status, ServiceStatus::Migrated);
    assert_eq!(
        s.handover.iter().map(|i| i.item).collect::<Vec<_>>(),
        vec![
            HandoverItemKind::ListSubscribers,
            HandoverItemKind::ListArchives
        ]
    );
    assert_eq!(
        s.history.map(|h| h.edges.len()),
        Some(3),
        "created, planned, migrated"
    );
    tested.push(t::SERVICE);

    let home: t::TransitionData = send(&app, holder, t::TRANSITION, NoVars {}).await;
    let d = home.transition_dashboard;
    assert_eq!(d.days_left, Some(90));
    let migrated = d
        .by_status
        .iter()
        .find(|c| c.status == ServiceStatus::Migrated)
        .map(|c| c.count);
    assert_eq!(migrated, Some(1));
    assert_eq!(
        home.transition_plan.map(|p| p.in_working_group),
        Some(false)
    );
    tested.push(t::TRANSITION);

    assert_eq!(tested, TRANSITION_DOCS[..SCENARIO]);
}
