//! The polls' frontend documents (`shared::queries::polls`) against the real schema, in the
//! order of the pages: a coordinator finds the Labs they may ask and asks one a ranked
//! question, a member lists their polls, opens one, answers it, the author reads who answered
//! what, closes it, and the results decode.

use super::world;
use crate::contract::send;
use constellation_shared::dto::polls::{CreatePollInput, PollKind, PollVisibility};
use constellation_shared::queries::polls as q;
use constellation_tests::spawn_app;

pub const POLL_DOCS: &[&str] = &[
    q::POLL_LABS,
    q::CREATE_POLL,
    q::POLLS,
    q::POLL,
    q::ANSWER_POLL,
    q::POLL_RESPONSES,
    q::CLOSE_POLL,
];

#[tokio::test]
async fn every_poll_document_runs_against_the_schema() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let coordinator = Some(w.coordinator.token.as_str());
    let member = Some(w.lab_member.token.as_str());

    let labs: q::PollLabsData = send(&app, coordinator, q::POLL_LABS, q::PageVars::default()).await;
    let lab = labs.poll_labs.nodes().next().expect("a Lab to ask").clone();
    assert_eq!(lab.id, w.lab);

    let input = CreatePollInput {
        title: "Prochain atelier".into(),
        description: "Classez les sujets.".into(),
        options: vec!["Wiki".into(), "Matrix".into(), "Mastodon".into()],
        kind: PollKind::Ranked,
        visibility: PollVisibility::Open,
        lab_id: Some(lab.id.clone()),
        closes_at: super::in_days(3),
    };
    let created: q::CreateData =
        send(&app, coordinator, q::CREATE_POLL, q::CreateVars { input }).await;
    let poll = created.create_poll;
    assert_eq!(
        poll.lab.as_ref().map(|l| l.id.as_str()),
        Some(w.lab.as_str())
    );
    assert!(poll.can_close);

    let list: q::PollsData = send(
        &app,
        member,
        q::POLLS,
        q::PollsVars {
            lab_id: Some(w.lab.clone()),
            first: Some(10),
            after: None,
        },
    )
    .await;
    assert_eq!(list.polls.nodes().count(), 1);
    assert!(!list.polls.page_info.has_next_page);

    let one: q::PollData = send(
        &app,
        member,
        q::POLL,
        q::IdVars {
            id: poll.id.clone(),
        },
    )
    .await;
    assert!(one.poll.can_answer);
    assert_eq!(one.poll.results.map(|r| r.ballots), Some(0));

    let answered: q::AnswerData = send(
        &app,
        member,
        q::ANSWER_POLL,
        q::AnswerVars {
            poll_id: poll.id.clone(),
            choice: vec![2, 0],
        },
    )
    .await;
    assert_eq!(answered.answer_poll.my_choice, Some(vec![2, 0]));
    assert!(answered.answer_poll.answered);

    let responses: q::ResponsesData = send(
        &app,
        coordinator,
        q::POLL_RESPONSES,
        q::ResponsesVars {
            id: poll.id.clone(),
            first: Some(20),
            after: None,
        },
    )
    .await;
    let rows = responses.poll.responses.expect("an open poll's responses");
    let first = rows.nodes().next().expect("one response");
    assert_eq!(first.choice, vec![2, 0]);
    assert_eq!(
        first.member.as_ref().map(|m| m.id.to_string()),
        Some(w.lab_member.id.clone())
    );

    let closed: q::CloseData = send(
        &app,
        coordinator,
        q::CLOSE_POLL,
        q::PollIdVars {
            poll_id: poll.id.clone(),
        },
    )
    .await;
    assert!(closed.close_poll.closed && closed.close_poll.closed_early);
    let results = closed.close_poll.results.expect("results");
    assert_eq!(results.winners, vec![2]);
    assert!(results.pairwise.is_some() && results.strongest.is_some());
}
