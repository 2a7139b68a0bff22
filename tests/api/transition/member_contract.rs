//! The documents of the transition's member pages (`shared::queries::transition::member`)
//! run against the real schema: the plan's milestones, hosts and guides, starting a
//! migration, the checklist with who ticked it, one's support requests, offers to help, the
//! CHATONS poll. They are the tail of `TRANSITION_DOCS`, from `SCENARIO` on.

use crate::transition::contract::{send, SCENARIO, TRANSITION_DOCS};
use crate::transition::world;
use constellation_shared::dto::transition::{
    HandoverItemKind, MigrationPath, OfferInput, OfferKind, OfferStatus, PathInput, PollInput,
    ServiceKind, ServiceStatus, SupportInput,
};
use constellation_shared::graphql::NoVars;
use constellation_shared::queries::transition as t;
use constellation_shared::queries::transition::member as m;
use constellation_tests::{spawn_app, TestApp};
use serde_json::json;

/// A raw board mutation used to set the stage; fails the test on any error.
async fn stage(app: &TestApp, token: &str, doc: &str, vars: serde_json::Value) {
    let r = app.gql(Some(token), doc, vars).await;
    assert!(r["errors"].is_null(), "{doc}: {r}");
}

#[tokio::test]
async fn every_member_page_document_runs_against_the_schema() {
    let app = spawn_app().await;
    let ends = (chrono::Utc::now().date_naive() + chrono::Duration::days(60)).to_string();
    let w = world(&app, &ends, 30).await;
    let (board, holder, helper, other) = (
        &w.board.token,
        &w.holder.token,
        &w.helper.token,
        &w.other.token,
    );
    let mut tested = Vec::new();

    stage(
        &app,
        board,
        "mutation { addTransitionMilestone(label: \"Inventaire complet\", dueOn: \"2029-03-01\") { id } }",
        json!({}),
    )
    .await;
    stage(
        &app,
        board,
        "mutation { saveRecommendedHost(input: { name: \"Chatons Bruxelles\", url: \"https://chatons.example\", kinds: [WEBSITE, MAILING_LIST], note: \"Associatif\" }) { id } }",
        json!({}),
    )
    .await;
    stage(
        &app,
        helper,
        "mutation { saveTransitionGuide(input: { title: \"Exporter sa liste\", body: \"# Sympa\\n1. Abonnés\" }) { id } }",
        json!({}),
    )
    .await;
    let csv = format!(
        "kind,name,holders\nwebsite,quartier.be,{}\n",
        w.holder.email
    );
    let r: t::ImportData = send(&app, board, t::IMPORT_SERVICES, t::ImportVars { csv }).await;
    assert_eq!(r.import_transition_services.imported, 1);

    let ms: m::MilestonesData = send(&app, holder, m::MILESTONES, NoVars {}).await;
    let ms = ms.transition_plan.map(|p| p.milestones).unwrap_or_default();
    assert_eq!(
        ms.iter()
            .map(|x| (x.label.as_str(), x.due_on.as_str()))
            .collect::<Vec<_>>(),
        vec![("Inventaire complet", "2029-03-01")]
    );
    tested.push(m::MILESTONES);

    let lists: m::HostsData = send(
        &app,
        holder,
        m::HOSTS,
        m::HostsVars {
            kind: Some(ServiceKind::MailingList),
            ..Default::default()
        },
    )
    .await;
    let host = lists.recommended_hosts.edges[0].node.clone();
    let mut kinds = host.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>();
    kinds.sort_unstable();
    assert_eq!(
        (host.name.as_str(), kinds),
        ("Chatons Bruxelles", vec!["MAILING_LIST", "WEBSITE"])
    );
    let domains: m::HostsData = send(
        &app,
        holder,
        m::HOSTS,
        m::HostsVars {
            kind: Some(ServiceKind::Domain),
            ..Default::default()
        },
    )
    .await;
    assert!(domains.recommended_hosts.edges.is_empty());
    tested.push(m::HOSTS);

    let guides: m::GuidesData = send(&app, holder, m::GUIDES, t::PageVars::default()).await;
    let guide = guides.transition_guides.edges[0].node.clone();
    assert_eq!(guide.body, "# Sympa\n1. Abonnés");
    assert_eq!(guide.author.map(|a| a.display_name), Some("Helper".into()));
    tested.push(m::GUIDES);

    let mine: t::MyServicesData = send(&app, holder, t::MY_SERVICES, t::PageVars::default()).await;
    let site = mine.my_transition_services.edges[0].node.clone();
    let _: t::ChoosePathData = send(
        &app,
        holder,
        t::CHOOSE_PATH,
        t::ChoosePathVars {
            service_id: site.id.clone(),
            input: PathInput {
                path: MigrationPath::Individual,
                target_host: "chatons.example".into(),
                group_id: None,
            },
        },
    )
    .await;
    let started: m::StartMigrationData = send(
        &app,
        holder,
        m::START_MIGRATION,
        m::ServiceIdVars {
            service_id: site.id.clone(),
        },
    )
    .await;
    let started = started.set_service_status;
    assert_eq!(
        (started.status, started.next_step.as_str()),
        (ServiceStatus::InProgress, "AWAIT_HANDOVER")
    );
    tested.push(m::START_MIGRATION);

    let first = started.handover[0].id.clone();
    let _: t::ItemResult = send(
        &app,
        helper,
        t::MARK_HANDED_OVER,
        t::ItemVars {
            item_id: first.clone(),
        },
    )
    .await;
    let h: m::HandoverData = send(
        &app,
        holder,
        m::HANDOVER,
        t::IdVars {
            id: site.id.clone(),
        },
    )
    .await;
    let items = h.transition_service.handover;
    assert_eq!(
        items.iter().map(|i| i.item).collect::<Vec<_>>(),
        vec![HandoverItemKind::SiteFiles, HandoverItemKind::DatabaseDump]
    );
    let ticked = items.iter().find(|i| i.id == first);
    assert_eq!(
        ticked.and_then(|i| i.handed_by.as_ref().map(|p| p.display_name.clone())),
        Some("Helper".to_owned())
    );
    assert!(ticked.is_some_and(|i| i.confirmed_by.is_none() && i.confirmed_at.is_none()));
    assert!(items.iter().any(|i| i.id != first && i.handed_at.is_none()));
    tested.push(m::HANDOVER);

    let _: t::SupportResult = send(
        &app,
        holder,
        t::ASK_SUPPORT,
        t::AskSupportVars {
            input: SupportInput {
                service_id: Some(site.id.clone()),
                subject: "Base de données".into(),
                body: "Quel format pour l'export ?".into(),
            },
        },
    )
    .await;
    let asked: m::MySupportData = send(&app, holder, m::MY_SUPPORT, t::PageVars::default()).await;
    let r = asked.support_requests.edges[0].node.clone();
    assert_eq!(r.request.subject, "Base de données");
    assert_eq!(r.service.map(|s| s.id), Some(site.id.clone()));
    let theirs: m::MySupportData = send(&app, other, m::MY_SUPPORT, t::PageVars::default()).await;
    assert!(theirs.support_requests.edges.is_empty(), "only one's own");
    tested.push(m::MY_SUPPORT);

    let offered: m::OfferResult = send(
        &app,
        other,
        m::OFFER_TO_HELP,
        m::OfferVars {
            input: OfferInput {
                kind: OfferKind::TakeOverFull,
                service_id: Some(site.id.clone()),
                lab_id: None,
                note: "Je peux héberger le site.".into(),
            },
        },
    )
    .await;
    let offer = offered.into_inner().unwrap_or_else(|| panic!("no offer"));
    assert_eq!(
        (offer.kind, offer.status),
        (OfferKind::TakeOverFull, OfferStatus::Pending)
    );
    assert!(
        offer.service.is_none(),
        "not a holder: the service stays hidden"
    );
    tested.push(m::OFFER_TO_HELP);

    let offers: m::OffersData = send(&app, other, m::MY_OFFERS, t::PageVars::default()).await;
    assert_eq!(
        offers
            .transition_offers
            .nodes()
            .map(|o| o.id.clone())
            .collect::<Vec<_>>(),
        vec![offer.id.clone()]
    );
    let none: m::OffersData = send(&app, holder, m::MY_OFFERS, t::PageVars::default()).await;
    assert!(none.transition_offers.edges.is_empty());
    tested.push(m::MY_OFFERS);

    let back: m::OfferResult = send(
        &app,
        other,
        m::WITHDRAW_OFFER,
        t::IdVars {
            id: offer.id.clone(),
        },
    )
    .await;
    assert_eq!(
        back.into_inner().map(|o| o.status),
        Some(OfferStatus::Withdrawn)
    );
    tested.push(m::WITHDRAW_OFFER);

    let before: m::MyPollAnswerData = send(&app, holder, m::MY_POLL_ANSWER, NoVars {}).await;
    assert!(before.my_chatons_answer.is_none());
    let answered: m::AnswerPollData = send(
        &app,
        holder,
        m::ANSWER_POLL,
        m::PollVars {
            input: PollInput {
                as_client: true,
                as_stakeholder: false,
                comment: "Pour le site du quartier".into(),
            },
        },
    )
    .await;
    assert!(answered.answer_chatons_poll.as_client);
    let after: m::MyPollAnswerData = send(&app, holder, m::MY_POLL_ANSWER, NoVars {}).await;
    let a = after
        .my_chatons_answer
        .unwrap_or_else(|| panic!("no answer"));
    assert_eq!(
        (a.as_client, a.as_stakeholder, a.comment.as_str()),
        (true, false, "Pour le site du quartier")
    );
    assert_eq!(a.member.map(|p| p.display_name), Some("Holder".into()));
    tested.push(m::MY_POLL_ANSWER);
    tested.push(m::ANSWER_POLL);

    assert_eq!(tested, TRANSITION_DOCS[SCENARIO..]);
}
