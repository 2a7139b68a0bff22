//! Elections under concurrent requests, and a large encrypted ballot: candidacies racing the
//! opening (a candidacy that succeeded is on the ballot of the open election, an encrypted
//! election's question is exactly its accepted candidates; one that lost is refused and not on
//! it); ballots racing the close of a secret election (counted or refused as
//! `VOTING_CLOSED`, never acknowledged and left out); an encrypted approval election over 40
//! candidates for 3 seats, decrypted into the right seats.

use super::*;
use constellation_backend::entities::ballot_participation;
use constellation_shared::voting::{
    partial_decrypt, verify_record, Ballot, BasicTrustee, Credential, ElectionParams,
    ElectionRecord, EncryptedTally, OsRandom, TrusteeSecret,
};
use constellation_tests::spawn_app;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The author's (the chair's, the only board member) key for an encrypted election.
async fn post_key(app: &TestApp, chair: &TestUser, a: &str, e: &str) -> TrusteeSecret {
    let st = state(app, chair, a).await;
    let index = election(&st, e)["election"]["myTrusteeIndex"]
        .as_i64()
        .expect("the chair is the trustee") as u32;
    let (secret, key) = BasicTrustee::generate(e, index, &mut OsRandom).expect("key");
    let r = app
        .gql(
            Some(&chair.token),
            g::SUBMIT_TRUSTEE_KEY,
            json!({ "motionId": e, "key": serde_json::to_string(&key).expect("json") }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    secret
}

fn params_of(el: &Value) -> ElectionParams {
    serde_json::from_str(el["election"]["params"].as_str().expect("params")).expect("params json")
}

/// (candidate id, accepted) in ballot order.
fn candidacies(el: &Value) -> Vec<(String, bool)> {
    el["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .map(|c| {
            (
                c["person"]["id"].as_str().expect("id").to_owned(),
                c["accepted"].as_bool().expect("accepted"),
            )
        })
        .collect()
}

async fn after(ms: u64) {
    tokio::time::sleep(Duration::from_millis(ms)).await;
}

async fn cast_sealed(app: &TestApp, voter: &TestUser, e: &str, b: &Ballot) -> Value {
    app.gql(
        Some(&voter.token),
        g::CAST_ENCRYPTED_BALLOT,
        json!({ "motionId": e, "memberId": voter.id, "ballot": serde_json::to_string(b).expect("json") }),
    )
    .await
}

#[tokio::test]
async fn a_candidacy_racing_the_opening_is_on_the_ballot_or_refused() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 16).await;
    let (a, item) = assembly_with_item(&app, &chair).await;
    // Six elections, secret and encrypted, raced with the opening at different offsets
    // (candidacies, opening) in ms. m0 stands in each; per round one member stands for
    // herself and one proposed by the board accepts, both while the chair opens.
    let rounds: [(&str, u64, u64); 6] = [
        ("SECRET", 0, 3),
        ("SECRET", 3, 0),
        ("SECRET", 1, 1),
        ("ENCRYPTED", 0, 3),
        ("ENCRYPTED", 3, 0),
        ("ENCRYPTED", 1, 1),
    ];
    let mut setup = Vec::new();
    for (i, (ballot, _, _)) in rounds.iter().enumerate() {
        let e = add_election(&app, &chair, &a, &item, ballot, 2, "APPROVAL").await;
        assert!(propose(&app, &m[0], &e, &m[0]).await["errors"].is_null());
        let (stands, accepts) = (&m[1 + 2 * i], &m[2 + 2 * i]);
        assert!(propose(&app, &chair, &e, accepts).await["errors"].is_null());
        if *ballot == "ENCRYPTED" {
            post_key(&app, &chair, &a, &e).await;
        }
        setup.push((e, stands, accepts));
    }
    in_session(&app, &chair, &a, &m).await;
    let (voter_a, voter_b) = (&m[14], &m[15]);
    for ((ballot, d, o), (e, stands, accepts)) in rounds.iter().zip(&setup) {
        let (stood, accepted, opened) = tokio::join!(
            async {
                after(*d).await;
                propose(&app, stands, e, stands).await
            },
            async {
                after(*d).await;
                accept(&app, accepts, e).await
            },
            async {
                after(*o).await;
                app.voting(&chair, "openVoting", e).await
            },
        );
        assert!(opened["errors"].is_null(), "{opened}");
        for r in [&stood, &accepted] {
            assert!(
                matches!(code(r), None | Some("INVALID_TRANSITION")),
                "a candidacy racing the opening: {r}"
            );
        }
        let (stood, accepted) = (code(&stood).is_none(), code(&accepted).is_none());
        let st = state(&app, &chair, &a).await;
        let el = election(&st, e);
        assert_eq!(el["status"], "OPEN", "{el}");
        let list = candidacies(el);
        let find = |u: &TestUser| list.iter().find(|c| c.0 == u.id).map(|c| c.1);
        assert_eq!(find(&m[0]), Some(true), "{el}");
        assert_eq!(find(stands), stood.then_some(true), "stood {stood}: {el}");
        assert_eq!(find(accepts), Some(accepted), "accepted {accepted}: {el}");
        let on_ballot: Vec<String> = list.iter().filter(|c| c.1).map(|c| c.0.clone()).collect();
        if *ballot == "ENCRYPTED" {
            // The question was made at the opening from exactly these candidates.
            let p = params_of(el);
            assert_eq!(p.question.options, on_ballot, "{el}");
            assert_eq!(p.question.max, 2.min(on_ballot.len() as u32), "{el}");
        } else {
            // A ballot approving them is taken exactly when they are on it.
            for (voter, who, on) in [(voter_a, stands, stood), (voter_b, accepts, accepted)] {
                let r = cast(&app, voter, e, voter, &[(who, "YES")]).await;
                if on {
                    assert!(r["errors"].is_null(), "{r}");
                } else {
                    assert_eq!(code(&r), Some("VALIDATION"), "{r}");
                }
            }
        }
        // Candidacies are closed now, whoever won the race.
        let late = &m[13];
        assert_eq!(
            code(&propose(&app, late, e, late).await),
            Some("INVALID_TRANSITION")
        );
    }
}

#[tokio::test]
async fn a_ballot_racing_the_close_of_a_secret_election_is_counted_or_refused() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 80).await;
    let (a, item) = assembly_with_item(&app, &chair).await;
    let e = add_election(&app, &chair, &a, &item, "SECRET", 1, "APPROVAL").await;
    for c in &m[0..2] {
        assert!(propose(&app, c, &e, c).await["errors"].is_null());
    }
    in_session(&app, &chair, &a, &m).await;
    assert!(app.voting(&chair, "openVoting", &e).await["errors"].is_null());
    // Ballots 12 ms apart; the close once a third are acknowledged, however fast the machine.
    let (done, answered) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let votes = futures_util::future::join_all(m.iter().enumerate().map(|(i, v)| {
        let (app, e, pick, done, answered) = (&app, &e, &m[i % 2], &done, &answered);
        async move {
            after(i as u64 * 12).await;
            let r = cast(app, v, e, v, &[(pick, "YES")]).await;
            done.fetch_add(usize::from(r["errors"].is_null()), Ordering::SeqCst);
            answered.fetch_add(1, Ordering::SeqCst);
            r
        }
    }));
    let close = async {
        while done.load(Ordering::SeqCst) < m.len() / 3 && answered.load(Ordering::SeqCst) < m.len()
        {
            after(2).await;
        }
        app.voting(&chair, "closeVoting", &e).await
    };
    let (results, closed) = tokio::join!(votes, close);
    assert!(closed["errors"].is_null(), "{closed}");
    let mut approvals = [0i64; 2];
    let mut acked = BTreeSet::new();
    for (i, r) in results.iter().enumerate() {
        match code(r) {
            None => {
                approvals[i % 2] += 1;
                acked.insert(m[i].id.clone());
            }
            Some("VOTING_CLOSED") => {}
            other => panic!("a ballot racing the close: {other:?}: {r}"),
        }
    }
    eprintln!("{} of {} ballots before the close", acked.len(), m.len());
    let st = state(&app, &chair, &a).await;
    let el = election(&st, &e);
    let res = &el["electionResult"];
    assert_eq!(res["ballots"], acked.len(), "{res}");
    assert_eq!(el["turnout"], acked.len(), "{el}");
    let yes: BTreeMap<String, i64> = res["candidates"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["person"]["id"].as_str().expect("id").to_owned(),
                r["tally"]["yes"].as_i64().expect("yes"),
            )
        })
        .collect();
    assert_eq!(
        yes,
        BTreeMap::from([
            (m[0].id.clone(), approvals[0]),
            (m[1].id.clone(), approvals[1])
        ]),
        "{res}"
    );
    let id: uuid::Uuid = e.parse().expect("uuid");
    let voted: BTreeSet<String> = ballot_participation::Entity::find()
        .filter(ballot_participation::Column::MotionId.eq(id))
        .all(&app.db)
        .await
        .expect("participations")
        .into_iter()
        .map(|p| p.member_id.to_string())
        .collect();
    assert_eq!(
        voted, acked,
        "the participations are the acknowledged ballots"
    );
    // One mark per candidate on each counted ballot, none for a refused one.
    assert_eq!(app.count("candidate_marks").await as usize, 2 * acked.len());
}

#[tokio::test]
async fn an_encrypted_election_over_forty_candidates_elects_the_most_approved() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 43).await;
    let (candidates, voters) = m.split_at(40);
    let (a, item) = assembly_with_item(&app, &chair).await;
    let e = add_election(&app, &chair, &a, &item, "ENCRYPTED", 3, "APPROVAL").await;
    for c in candidates {
        let r = propose(&app, c, &e, c).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let secret = post_key(&app, &chair, &a, &e).await;
    in_session(&app, &chair, &a, &m).await;
    let r = app.voting(&chair, "openVoting", &e).await;
    assert!(r["errors"].is_null(), "{r}");
    let st = state(&app, &chair, &a).await;
    let params = params_of(election(&st, &e));
    let ids: Vec<String> = candidates.iter().map(|c| c.id.clone()).collect();
    assert_eq!(params.question.options, ids);
    assert_eq!((params.question.min, params.question.max), (0, 3));

    // Three approvals each: 39 on every ballot, 7 and 20 on two, 11 and 0 on one.
    let picks: [[usize; 3]; 3] = [[39, 7, 20], [39, 7, 11], [39, 20, 0]];
    let mut ballots = Vec::new();
    for (voter, p) in voters.iter().zip(&picks) {
        let sel: Vec<bool> = (0..40).map(|i| p.contains(&i)).collect();
        let cred = Credential::generate(&mut OsRandom).expect("credential");
        let b = Ballot::create(&params, &cred, &sel, &mut OsRandom).expect("ballot");
        let r = cast_sealed(&app, voter, &e, &b).await;
        assert!(
            r["errors"].is_null(),
            "a 40-candidate ballot ({} bytes): {r}",
            serde_json::to_string(&b).expect("json").len()
        );
        ballots.push(b);
    }
    assert!(app.voting(&chair, "closeVoting", &e).await["errors"].is_null());
    let st = state(&app, &chair, &a).await;
    let tally: EncryptedTally = serde_json::from_str(
        election(&st, &e)["election"]["encryptedTally"]
            .as_str()
            .expect("tally"),
    )
    .expect("tally json");
    assert_eq!(tally, EncryptedTally::compute(&params, &ballots));
    let pd = partial_decrypt(&params, &tally, &secret, &mut OsRandom).expect("decrypt");
    let pd = serde_json::to_string(&pd).expect("json");
    let r = app
        .gql(
            Some(&chair.token),
            g::SUBMIT_PARTIAL_DECRYPTION,
            json!({ "motionId": e, "decryption": pd }),
        )
        .await;
    assert!(
        r["errors"].is_null(),
        "a 40-option partial decryption ({} bytes): {r}",
        pd.len()
    );

    let approvals: Vec<u64> = (0..40)
        .map(|i| picks.iter().filter(|p| p.contains(&i)).count() as u64)
        .collect();
    let st = state(&app, &chair, &a).await;
    let res = &election(&st, &e)["electionResult"];
    assert_eq!(
        (
            res["seats"].as_i64(),
            res["filled"].as_i64(),
            res["ballots"].as_i64()
        ),
        (Some(3), Some(3), Some(3)),
        "{res}"
    );
    let rows = res["candidates"].as_array().expect("rows");
    assert_eq!(rows.len(), 40, "{res}");
    let yes: BTreeMap<String, u64> = rows
        .iter()
        .map(|r| {
            (
                r["person"]["id"].as_str().expect("id").to_owned(),
                r["tally"]["yes"].as_u64().expect("yes"),
            )
        })
        .collect();
    let expected: BTreeMap<String, u64> = ids.iter().cloned().zip(approvals.clone()).collect();
    assert_eq!(yes, expected, "{res}");
    let elected: BTreeSet<String> = rows
        .iter()
        .filter(|r| r["elected"] == true)
        .map(|r| r["person"]["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(
        elected,
        [39, 7, 20].iter().map(|i| ids[*i].clone()).collect(),
        "{res}"
    );
    assert!(rows.iter().all(|r| r["tied"] == false), "{res}");
    let r = app
        .gql(
            Some(&m[0].token),
            g::ELECTION_RECORD,
            json!({ "motionId": e }),
        )
        .await;
    let record: ElectionRecord =
        serde_json::from_str(r["data"]["electionRecord"].as_str().expect("record")).expect("json");
    assert_eq!(verify_record(&record), Ok(approvals));
}
