//! Approval on an open ballot with a tie at the last seat; per candidate on a secret ballot;
//! every refusal changing nothing.

use super::*;
use constellation_tests::spawn_app;

#[tokio::test]
async fn an_approval_election_elects_the_most_approved_with_a_majority_and_reports_a_tie() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 8).await;
    let (a, item) = assembly_with_item(&app, &chair).await;
    let e = add_election(&app, &chair, &a, &item, "OPEN", 3, "APPROVAL").await;
    let st = state(&app, &chair, &a).await;
    let el = election(&st, &e);
    assert_eq!(
        (
            el["kind"].as_str(),
            el["seats"].as_i64(),
            el["mode"].as_str()
        ),
        (Some("ELECTION"), Some(3), Some("APPROVAL"))
    );

    // The board proposes four, who accept; a fifth stands for herself (accepted at once).
    for c in &m[0..4] {
        let r = propose(&app, &chair, &e, c).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let r = propose(&app, &m[4], &e, &m[4]).await;
    assert!(r["errors"].is_null(), "{r}");
    // Proposed twice: refused. A member proposing someone else: refused.
    assert_eq!(
        code(&propose(&app, &chair, &e, &m[0]).await),
        Some("CONFLICT")
    );
    assert_eq!(
        code(&propose(&app, &m[5], &e, &m[6]).await),
        Some("FORBIDDEN")
    );
    let st = state(&app, &chair, &a).await;
    let accepted: Vec<bool> = election(&st, &e)["candidates"]
        .as_array()
        .expect("c")
        .iter()
        .map(|c| c["accepted"].as_bool().expect("b"))
        .collect();
    assert_eq!(accepted, vec![false, false, false, false, true]);
    for c in &m[0..4] {
        let r = accept(&app, c, &e).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    assert_eq!(code(&accept(&app, &m[0], &e).await), Some("CONFLICT"));
    // Someone who is not a candidate cannot accept.
    assert_eq!(code(&accept(&app, &m[6], &e).await), Some("NOT_FOUND"));

    in_session(&app, &chair, &a, &m).await;
    let r = app.voting(&chair, "openVoting", &e).await;
    assert!(r["errors"].is_null(), "{r}");
    // No candidacy changes once voting is open.
    assert_eq!(
        code(&propose(&app, &m[7], &e, &m[7]).await),
        Some("INVALID_TRANSITION")
    );

    let c = |i: usize| &m[i];
    let ballots: Vec<Vec<usize>> = vec![
        vec![0, 1, 2],
        vec![0, 1, 3],
        vec![0, 1, 2],
        vec![0, 1, 3],
        vec![0, 2, 3],
        vec![0, 1, 4],
        vec![0, 2, 3],
        vec![1, 2, 3],
    ];
    // Refused ballots change nothing: four approvals for three seats, a non-candidate, an
    // abstention in approval mode, a plain vote on an election.
    let r = cast(
        &app,
        &m[0],
        &e,
        &m[0],
        &[(c(0), "YES"), (c(1), "YES"), (c(2), "YES"), (c(3), "YES")],
    )
    .await;
    assert_eq!(code(&r), Some("VALIDATION"), "{r}");
    let r = cast(&app, &m[0], &e, &m[0], &[(c(5), "YES")]).await;
    assert_eq!(code(&r), Some("VALIDATION"), "{r}");
    let r = cast(&app, &m[0], &e, &m[0], &[(c(0), "ABSTAIN")]).await;
    assert_eq!(code(&r), Some("VALIDATION"), "{r}");
    let r = app
        .gql(
            Some(&m[0].token),
            g::CAST_VOTE,
            json!({ "motionId": e, "memberId": m[0].id, "choice": "YES" }),
        )
        .await;
    assert_eq!(code(&r), Some("INVALID_TRANSITION"), "{r}");
    assert_eq!(app.count("ballot_participations").await, 0);
    assert_eq!(app.count("candidate_votes").await, 0);

    for (voter, picks) in m.iter().zip(&ballots) {
        let marks: Vec<(&TestUser, &str)> = picks.iter().map(|i| (c(*i), "YES")).collect();
        let r = cast(&app, voter, &e, voter, &marks).await;
        assert!(r["errors"].is_null(), "{r}");
        assert!(
            r["data"]["castElectionBallot"]["receipt"].is_null(),
            "open ballot: no receipt"
        );
    }
    let r = cast(&app, &m[0], &e, &m[0], &[(c(0), "YES")]).await;
    assert_eq!(code(&r), Some("ALREADY_VOTED"), "{r}");
    // Open ballot: who marked what is kept, one row per voter and candidate on the ballot.
    assert_eq!(app.count("candidate_votes").await, 8 * 5);
    // ... and shown by name: each voter's approvals are the candidates they picked.
    let marks = open_marks(&app, &m[1], &a, &e).await;
    assert_eq!(marks.len(), 8 * 5);
    for (voter, picks) in m.iter().zip(&ballots) {
        let mut yes: Vec<String> = marks
            .iter()
            .filter(|k| k["member"]["id"] == voter.id.as_str() && k["choice"] == "YES")
            .map(|k| k["candidate"]["id"].as_str().unwrap_or_default().to_owned())
            .collect();
        let mut want: Vec<String> = picks.iter().map(|i| c(*i).id.clone()).collect();
        yes.sort();
        want.sort();
        assert_eq!(yes, want, "{marks:?}");
    }
    let st = state(&app, &m[0], &a).await;
    assert_eq!(election(&st, &e)["turnout"], 8);
    assert_eq!(election(&st, &e)["myRights"][0]["cast"], true, "{st}");

    let r = app.voting(&chair, "closeVoting", &e).await;
    assert!(r["errors"].is_null(), "{r}");
    let st = state(&app, &chair, &a).await;
    let res = &election(&st, &e)["electionResult"];
    assert_eq!(
        (
            res["seats"].as_i64(),
            res["filled"].as_i64(),
            res["ballots"].as_i64()
        ),
        (Some(3), Some(2), Some(8)),
        "{res}"
    );
    let rows = res["candidates"].as_array().expect("rows");
    let yes: Vec<i64> = rows
        .iter()
        .map(|r| r["tally"]["yes"].as_i64().expect("yes"))
        .collect();
    assert_eq!(yes, vec![7, 6, 5, 5, 1]);
    let no: Vec<i64> = rows
        .iter()
        .map(|r| r["tally"]["no"].as_i64().expect("no"))
        .collect();
    assert_eq!(no, vec![1, 2, 3, 3, 7]);
    let flags: Vec<(bool, bool)> = rows
        .iter()
        .map(|r| {
            (
                r["elected"].as_bool().expect("e"),
                r["tied"].as_bool().expect("t"),
            )
        })
        .collect();
    assert_eq!(
        flags,
        vec![
            (true, false),
            (true, false),
            (false, true),
            (false, true),
            (false, false)
        ]
    );
    assert_eq!(rows[4]["verdict"], "REJECTED");
    let text = res["explanation"].as_str().expect("explanation");
    assert!(
        text.contains("Member 000") && text.contains("Member 001"),
        "{text}"
    );
    assert!(
        text.contains("Member 002") && text.contains("Member 003"),
        "ties are named: {text}"
    );

    // The minutes (the assembly's language is French) say who is elected, who is tied, and
    // every candidate's counts.
    assert!(app.assembly_step(&chair, "closeSession", &a).await["errors"].is_null());
    let r = app
        .client
        .get(format!("{}/export/assemblies/{a}/minutes.md", app.url))
        .bearer_auth(&m[0].token)
        .send()
        .await
        .expect("minutes");
    let body = r.text().await.expect("body");
    assert!(
        body.contains("Élection :") && body.contains("Élu·es : Member 000, Member 001"),
        "{body}"
    );
    assert!(
        body.contains("- Member 002 : 5 pour, 3 contre, 0 abstention(s) — ex æquo"),
        "{body}"
    );
    assert!(body.contains("l'assemblée départage"), "{body}");
}

#[tokio::test]
async fn a_secret_per_candidate_election_keeps_marks_without_voters() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 5).await;
    let (a, item) = assembly_with_item(&app, &chair).await;
    // An encrypted ballot takes approval only.
    let r = app
        .gql(
            Some(&chair.token),
            g::ADD_ELECTION,
            json!({ "itemId": item, "input": { "text": "Verifier", "rule": "SIMPLE", "ballot": "ENCRYPTED", "seats": 1, "mode": "PER_CANDIDATE" } }),
        )
        .await;
    assert_eq!(code(&r), Some("VALIDATION"), "{r}");
    for seats in [0, 51] {
        let r = app
            .gql(
                Some(&chair.token),
                g::ADD_ELECTION,
                json!({ "itemId": item, "input": { "text": "Verifier", "rule": "SIMPLE", "ballot": "SECRET", "seats": seats, "mode": "PER_CANDIDATE" } }),
            )
            .await;
        assert_eq!(code(&r), Some("VALIDATION"), "{r}");
    }
    let e = add_election(&app, &chair, &a, &item, "SECRET", 1, "PER_CANDIDATE").await;
    in_session(&app, &chair, &a, &m).await;
    // Nobody stands yet: voting cannot open.
    assert_eq!(
        code(&app.voting(&chair, "openVoting", &e).await),
        Some("INVALID_TRANSITION")
    );
    for c in &m[0..2] {
        let r = propose(&app, c, &e, c).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    // A candidacy withdrawn before the vote leaves the ballot.
    let r = propose(&app, &m[2], &e, &m[2]).await;
    assert!(r["errors"].is_null(), "{r}");
    let r = app
        .gql(
            Some(&m[2].token),
            g::WITHDRAW_CANDIDACY,
            json!({ "motionId": e, "userId": m[2].id }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let r = app.voting(&chair, "openVoting", &e).await;
    assert!(r["errors"].is_null(), "{r}");
    let (c0, c1) = (&m[0], &m[1]);
    // Per candidate: every candidate needs a mark.
    let r = cast(&app, &m[0], &e, &m[0], &[(c0, "YES")]).await;
    assert_eq!(code(&r), Some("VALIDATION"), "{r}");
    let votes = [
        ("YES", "NO"),
        ("YES", "ABSTAIN"),
        ("NO", "YES"),
        ("YES", "NO"),
        ("ABSTAIN", "NO"),
    ];
    for (voter, (a0, a1)) in m.iter().zip(votes) {
        let r = cast(&app, voter, &e, voter, &[(c0, a0), (c1, a1)]).await;
        assert!(r["errors"].is_null(), "{r}");
        assert!(r["data"]["castElectionBallot"]["receipt"].is_null(), "{r}");
    }
    // The marks carry no voter; nothing names who marked what.
    assert_eq!(app.count("candidate_votes").await, 0);
    assert!(
        open_marks(&app, &m[0], &a, &e).await.is_empty(),
        "secret: no marks by name"
    );
    assert_eq!(app.count("candidate_marks").await, 10);
    assert_eq!(app.count("ballot_participations").await, 5);
    let r = app.voting(&chair, "closeVoting", &e).await;
    assert!(r["errors"].is_null(), "{r}");
    // PostgreSQL: the close rewrote the marks, so none keeps a voter's transaction id.
    if app.db.get_database_backend() == sea_orm::DbBackend::Postgres {
        use sea_orm::{ConnectionTrait, Statement};
        let xmins = |sql: String| {
            let db = app.db.clone();
            async move {
                db.query_all_raw(Statement::from_string(sea_orm::DbBackend::Postgres, sql))
                    .await
                    .expect("xmin")
                    .iter()
                    .map(|r| r.try_get::<String>("", "x").expect("x"))
                    .collect::<std::collections::BTreeSet<String>>()
            }
        };
        let marks = xmins(format!(
            "SELECT xmin::text AS x FROM candidate_marks WHERE motion_id = '{e}'"
        ))
        .await;
        let parts = xmins(format!(
            "SELECT xmin::text AS x FROM ballot_participations WHERE motion_id = '{e}'"
        ))
        .await;
        assert_eq!(marks.len(), 1, "{marks:?}");
        assert!(marks.is_disjoint(&parts), "{marks:?} {parts:?}");
    }
    assert_eq!(app.count("candidate_marks").await, 10);
    let st = state(&app, &chair, &a).await;
    let res = &election(&st, &e)["electionResult"];
    let rows = res["candidates"].as_array().expect("rows");
    assert_eq!(rows[0]["tally"], json!({ "yes": 3, "no": 1, "abstain": 1 }));
    assert_eq!(rows[1]["tally"], json!({ "yes": 1, "no": 3, "abstain": 1 }));
    assert_eq!(
        (rows[0]["elected"].as_bool(), rows[1]["elected"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(res["filled"], 1);
    // Candidacies stay closed after the vote.
    let r = app
        .gql(
            Some(&m[0].token),
            g::WITHDRAW_CANDIDACY,
            json!({ "motionId": e, "userId": m[0].id }),
        )
        .await;
    assert_eq!(code(&r), Some("INVALID_TRANSITION"), "{r}");
}

/// `Motion.openMarks` of election `e`, as member `who` reads it.
async fn open_marks(app: &TestApp, who: &TestUser, a: &str, e: &str) -> Vec<Value> {
    let r = app
        .gql(
            Some(&who.token),
            "query($id: ID!) { assembly(id: $id) { motions { id openMarks { member { id } candidate { id } choice } } } }",
            json!({ "id": a }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    r["data"]["assembly"]["motions"]
        .as_array()
        .and_then(|ms| ms.iter().find(|x| x["id"] == e))
        .and_then(|x| x["openMarks"].as_array())
        .cloned()
        .unwrap_or_default()
}
