//! The five election documents the pages send, against the real schema, decoded into the
//! shared types.

use super::*;
use crate::contract::send;
use constellation_shared::dto::assemblies::{
    BallotKind, CandidateMarkInput, Choice, ElectionInput, ElectionMode, MajorityRuleCode,
    MotionKind,
};
use constellation_tests::spawn_app;

#[tokio::test]
async fn every_election_document_runs_against_the_schema() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 2).await;
    let (a, item) = assembly_with_item(&app, &chair).await;
    let of = |r: g::AssemblyResult| r.into_inner().expect("an assembly");
    let mut tested = Vec::new();
    let st = of(send(
        &app,
        Some(&chair.token),
        g::ADD_ELECTION,
        g::AddElectionVars {
            item_id: item.clone(),
            input: ElectionInput {
                text: "Verifier of accounts".into(),
                rule: MajorityRuleCode::Simple,
                ballot: BallotKind::Secret,
                seats: 1,
                mode: ElectionMode::Approval,
            },
        },
    )
    .await);
    let e = st
        .motions
        .iter()
        .find(|x| x.kind == MotionKind::Election)
        .expect("election");
    assert_eq!((e.seats, e.mode), (Some(1), Some(ElectionMode::Approval)));
    let e = e.id.clone();
    tested.push(g::ADD_ELECTION);
    let vars = |u: &TestUser| g::CandidateVars {
        motion_id: e.clone(),
        user_id: u.id.clone(),
    };
    let st = of(send(&app, Some(&chair.token), g::PROPOSE_CANDIDATE, vars(&m[0])).await);
    assert_eq!(st.motions.last().map(|x| x.candidates.len()), Some(1));
    of(send(&app, Some(&chair.token), g::PROPOSE_CANDIDATE, vars(&m[1])).await);
    tested.push(g::PROPOSE_CANDIDATE);
    let st = of(send(
        &app,
        Some(&m[0].token),
        g::ACCEPT_CANDIDACY,
        g::MotionIdVars {
            motion_id: e.clone(),
        },
    )
    .await);
    let cands = &st.motions.last().expect("election").candidates;
    assert_eq!(
        cands.iter().map(|c| c.accepted).collect::<Vec<_>>(),
        [true, false]
    );
    tested.push(g::ACCEPT_CANDIDACY);
    let st = of(send(&app, Some(&m[1].token), g::WITHDRAW_CANDIDACY, vars(&m[1])).await);
    assert_eq!(st.motions.last().map(|x| x.candidates.len()), Some(1));
    tested.push(g::WITHDRAW_CANDIDACY);
    in_session(&app, &chair, &a, &m).await;
    let r = app.voting(&chair, "openVoting", &e).await;
    assert!(r["errors"].is_null(), "{r}");
    let cast: g::CastElectionData = send(
        &app,
        Some(&m[1].token),
        g::CAST_ELECTION_BALLOT,
        g::CastElectionVars {
            motion_id: e.clone(),
            member_id: m[1].id.clone(),
            marks: vec![CandidateMarkInput {
                candidate_id: m[0].id.clone(),
                choice: Choice::Yes,
            }],
        },
    )
    .await;
    assert!(cast.cast_election_ballot.receipt.is_none());
    tested.push(g::CAST_ELECTION_BALLOT);
    let r = app.voting(&chair, "closeVoting", &e).await;
    assert!(r["errors"].is_null(), "{r}");
    let st: g::AssemblyResult = send(
        &app,
        Some(&m[0].token),
        g::ASSEMBLY,
        g::IdVars { id: a.clone() },
    )
    .await;
    let st = st.into_inner().expect("assembly");
    let res = st
        .motions
        .last()
        .and_then(|x| x.election_result.clone())
        .expect("result");
    assert_eq!((res.filled, res.ballots), (1, 1));
    assert!(res.candidates[0].elected);
    assert_eq!(tested, ELECTION_DOCS);
}
