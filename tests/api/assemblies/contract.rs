//! The assembly documents (`shared::queries::assemblies`) run against the real schema, each
//! answer decoded into its shared response type.

use crate::contract::send;
use constellation_shared::queries::assemblies as g;
use constellation_shared::Language;
use constellation_tests::spawn_app;

pub(crate) const ASSEMBLY_DOCS: &[&str] = &[
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
    // Encrypted ballots: run by `encrypted::contract`.
    g::REPLACE_TRUSTEE,
    g::SUBMIT_TRUSTEE_KEY,
    g::CAST_ENCRYPTED_BALLOT,
    g::BALLOT_TRACKERS,
    g::SUBMIT_PARTIAL_DECRYPTION,
    g::ELECTION_RECORD,
];

/// How many documents at the end of `ASSEMBLY_DOCS` are the encrypted-ballot ones.
pub(crate) const ENCRYPTED_DOCS: usize = 6;

#[tokio::test]
async fn every_assembly_document_runs_against_the_schema() {
    use constellation_shared::dto::assemblies::{
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
        documents: vec![constellation_shared::dto::assemblies::DocumentInput {
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
    assert_eq!(
        tested,
        ASSEMBLY_DOCS[..ASSEMBLY_DOCS.len() - ENCRYPTED_DOCS]
    );
}
