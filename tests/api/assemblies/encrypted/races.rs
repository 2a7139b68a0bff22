//! Encrypted motions under concurrent requests: the last trustee key posted twice at once
//! sets the parameters once; the last partial decryption posted twice at once decides the
//! result once; ballots racing the close are either in the encrypted tally (their tracker on
//! the board) or refused as `VOTING_CLOSED`, never acknowledged and left out.

use super::{
    ballot, cast_ballot, encrypted_motion, in_session, motion_of, params_of, partial, post_key,
    submit_key, submit_partial, tally_of, to_json, Trustee, CHOICES,
};
use constellation_backend::entities::{
    audit_log, ballot_participation, motion_election, motion_trustee,
};
use constellation_shared::queries::assemblies as g;
use constellation_shared::voting::{
    verify_record, BasicTrustee, ElectionParams, ElectionRecord, OsRandom, Question, TrusteeSetup,
};
use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The chair (admin, board) and the treasurer (board): the trustees; `n` voters.
async fn people(app: &TestApp, n: usize) -> (TestUser, TestUser, Vec<TestUser>) {
    let chair = app.signup("Chair").await;
    app.set_roles(&chair, &chair, json!({ "kind": "EFFECTIVE" }))
        .await;
    let treasurer = app.signup("Treasurer").await;
    app.set_roles(
        &chair,
        &treasurer,
        json!({ "kind": "EFFECTIVE", "board": true }),
    )
    .await;
    (chair, treasurer, app.effective_members(n, "Voter").await)
}

/// The `after` part of each audit entry `action` on the motion.
async fn audit_after(app: &TestApp, motion: &str, action: &str) -> Vec<Value> {
    audit_log::Entity::find()
        .filter(audit_log::Column::TargetId.eq(motion))
        .filter(audit_log::Column::Action.eq(action))
        .all(&app.db)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| {
            let d: Value = serde_json::from_str(&e.diff).expect("diff json");
            d["after"].clone()
        })
        .collect()
}

/// Two identical requests at once: exactly one succeeds, the other is a `CONFLICT`.
fn one_ok_one_conflict(r1: &Value, r2: &Value, what: &str) {
    let mut codes = [error_code(r1), error_code(r2)];
    codes.sort();
    assert_eq!(codes, [None, Some("CONFLICT")], "{what}: {r1} / {r2}");
}

#[tokio::test]
async fn the_last_key_posted_twice_at_once_sets_the_parameters_once() {
    let app = spawn_app().await;
    let (chair, treasurer, _) = people(&app, 0).await;
    let (a, mo) = encrypted_motion(&app, &chair, "SIMPLE").await;
    let first = post_key(&app, &a, &mo, &chair).await;
    // The treasurer's page sends its one key twice, at once (a double click, a retry).
    let index = motion_of(&app, &treasurer, &a, &mo).await["election"]["myTrusteeIndex"]
        .as_u64()
        .expect("a trustee") as u32;
    let (_, key) = BasicTrustee::generate(&mo, index, &mut OsRandom).expect("key");
    let json = to_json(&key);
    let (r1, r2) = tokio::join!(
        submit_key(&app, Some(&treasurer), &mo, &json),
        submit_key(&app, Some(&treasurer), &mo, &json)
    );
    one_ok_one_conflict(&r1, &r2, "the last key twice");

    // One election row, its parameters under both keys, made once.
    let id: uuid::Uuid = mo.parse().expect("uuid");
    let rows = motion_election::Entity::find()
        .filter(motion_election::Column::MotionId.eq(id))
        .all(&app.db)
        .await
        .expect("election rows");
    assert_eq!(rows.len(), 1);
    assert!(rows[0].params.is_some(), "{:?}", rows[0]);
    let mut keys = vec![first.key.clone(), key];
    keys.sort_by_key(|k| k.index);
    let expected = ElectionParams::new(
        mo.clone(),
        Question::yes_no_abstain(),
        TrusteeSetup::Basic { trustees: keys },
    )
    .expect("params");
    let m = motion_of(&app, &chair, &a, &mo).await;
    assert_eq!(params_of(&m), expected);
    assert_eq!(m["election"]["ready"], true, "{m}");
    let posted = audit_after(&app, &mo, "assembly.trustee.key").await;
    assert_eq!(posted.len(), 2, "{posted:?}");
    assert_eq!(
        posted.iter().filter(|p| p["ready"] == true).count(),
        1,
        "{posted:?}"
    );
    // And voting opens on them.
    in_session(&app, &chair, &a, &[]).await;
    let r = app.voting(&chair, "openVoting", &mo).await;
    assert!(r["errors"].is_null(), "{r}");
}

#[tokio::test]
async fn the_last_partial_decryption_posted_twice_at_once_decides_once() {
    let app = spawn_app().await;
    let (chair, treasurer, m) = people(&app, 3).await;
    let (a, mo) = encrypted_motion(&app, &chair, "SIMPLE").await;
    let refs: Vec<&TestUser> = m.iter().collect();
    in_session(&app, &chair, &a, &refs).await;
    let mut trustees: Vec<Trustee> = vec![
        post_key(&app, &a, &mo, &chair).await,
        post_key(&app, &a, &mo, &treasurer).await,
    ];
    trustees.sort_by_key(Trustee::index);
    let params = params_of(&motion_of(&app, &chair, &a, &mo).await);
    assert!(app.voting(&chair, "openVoting", &mo).await["errors"].is_null());
    let choices = ["YES", "NO", "YES"];
    for (u, c) in m.iter().zip(choices) {
        let r = cast_ballot(&app, Some(u), &mo, &u.id, &to_json(&ballot(&params, c).0)).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    assert!(app.voting(&chair, "closeVoting", &mo).await["errors"].is_null());
    let tally = tally_of(&motion_of(&app, &chair, &a, &mo).await);
    let pd = to_json(&partial(&params, &tally, &trustees[0]));
    let r = submit_partial(&app, Some(&trustees[0].user), &mo, &pd).await;
    assert!(r["errors"].is_null(), "{r}");
    // The last trustee's page sends its decryption twice, at once.
    let last = &trustees[1];
    let pd = to_json(&partial(&params, &tally, last));
    let (r1, r2) = tokio::join!(
        submit_partial(&app, Some(&last.user), &mo, &pd),
        submit_partial(&app, Some(&last.user), &mo, &pd)
    );
    one_ok_one_conflict(&r1, &r2, "the last partial decryption twice");

    // Decided once: one complete decryption in the audit, one result, a record that verifies.
    let decrypts = audit_after(&app, &mo, "assembly.trustee.decrypt").await;
    assert_eq!(decrypts.len(), 2, "{decrypts:?}");
    let complete: Vec<&Value> = decrypts.iter().filter(|d| d["complete"] == true).collect();
    assert_eq!(complete.len(), 1, "{decrypts:?}");
    assert_eq!(complete[0]["trustee"], last.index(), "{decrypts:?}");
    let id: uuid::Uuid = mo.parse().expect("uuid");
    let with_partial = motion_trustee::Entity::find()
        .filter(motion_trustee::Column::MotionId.eq(id))
        .filter(motion_trustee::Column::PartialDecryption.is_not_null())
        .count(&app.db)
        .await
        .expect("trustees");
    assert_eq!(with_partial, 2);
    let done = motion_of(&app, &chair, &a, &mo).await;
    assert_eq!(
        done["result"]["tally"],
        json!({ "yes": 2, "no": 1, "abstain": 0 }),
        "{done}"
    );
    assert_eq!(done["election"]["decrypted"], true, "{done}");
    let r = app
        .gql(
            Some(&m[0].token),
            g::ELECTION_RECORD,
            json!({ "motionId": mo }),
        )
        .await;
    let record: ElectionRecord =
        serde_json::from_str(r["data"]["electionRecord"].as_str().expect("record")).expect("json");
    assert_eq!(verify_record(&record), Ok(vec![2, 1, 0]));
    assert_eq!(record.partial_decryptions.len(), 2);
}

/// Every tracker on the public board.
async fn board(app: &TestApp, who: &TestUser, motion: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut after: Option<String> = None;
    loop {
        let r = app
            .gql(
                Some(&who.token),
                g::BALLOT_TRACKERS,
                json!({ "motionId": motion, "first": 50, "after": after }),
            )
            .await;
        assert!(r["errors"].is_null(), "{r}");
        let c = &r["data"]["ballotTrackers"];
        for e in c["edges"].as_array().expect("edges") {
            assert!(
                out.insert(e["node"].as_str().expect("tracker").to_owned()),
                "{r}"
            );
        }
        if c["pageInfo"]["hasNextPage"] != true {
            return out;
        }
        after = c["pageInfo"]["endCursor"].as_str().map(str::to_owned);
    }
}

#[tokio::test]
async fn ballots_racing_the_close_are_counted_or_refused_never_lost() {
    let app = spawn_app().await;
    let (chair, treasurer, voters) = people(&app, 60).await;
    let (a, mo) = encrypted_motion(&app, &chair, "SIMPLE").await;
    let refs: Vec<&TestUser> = voters.iter().collect();
    in_session(&app, &chair, &a, &refs).await;
    let mut trustees: Vec<Trustee> = vec![
        post_key(&app, &a, &mo, &chair).await,
        post_key(&app, &a, &mo, &treasurer).await,
    ];
    trustees.sort_by_key(Trustee::index);
    let params = params_of(&motion_of(&app, &chair, &a, &mo).await);
    assert!(app.voting(&chair, "openVoting", &mo).await["errors"].is_null());
    // The voters' pages made their ballots; they send them 15 ms apart.
    let ballots: Vec<(String, String, &str)> = voters
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let c = CHOICES[i % 3];
            let (b, _) = ballot(&params, c);
            (to_json(&b), b.tracker().expect("tracker"), c)
        })
        .collect();
    // The close is sent once a third of the ballots are acknowledged, whatever the speed of
    // the machine and the database: the rest are in flight or still to come.
    let (done, answered) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let votes = futures_util::future::join_all(voters.iter().zip(&ballots).enumerate().map(
        |(i, (v, (b, _, _)))| {
            let (app, mo, done, answered) = (&app, &mo, &done, &answered);
            async move {
                tokio::time::sleep(Duration::from_millis(i as u64 * 15)).await;
                let r = cast_ballot(app, Some(v), mo, &v.id, b).await;
                done.fetch_add(usize::from(r["errors"].is_null()), Ordering::SeqCst);
                answered.fetch_add(1, Ordering::SeqCst);
                r
            }
        },
    ));
    let close = async {
        while done.load(Ordering::SeqCst) < voters.len() / 3
            && answered.load(Ordering::SeqCst) < voters.len()
        {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        app.voting(&chair, "closeVoting", &mo).await
    };
    let (results, closed) = tokio::join!(votes, close);
    assert!(closed["errors"].is_null(), "{closed}");
    let mut acked = BTreeSet::new();
    let mut counted = Vec::new();
    for (r, (_, tracker, choice)) in results.iter().zip(&ballots) {
        match error_code(r) {
            None => {
                assert_eq!(
                    r["data"]["castEncryptedBallot"]["receipt"].as_str(),
                    Some(tracker.as_str()),
                    "{r}"
                );
                acked.insert(tracker.clone());
                counted.push(*choice);
            }
            Some("VOTING_CLOSED") => {}
            other => panic!("a ballot racing the close: {other:?}: {r}"),
        }
    }
    eprintln!(
        "{} of {} ballots before the close",
        acked.len(),
        voters.len()
    );

    // Every acknowledged ballot is on the board and in the tally; nothing else is.
    let closed = motion_of(&app, &chair, &a, &mo).await;
    assert_eq!(closed["status"], "CLOSED", "{closed}");
    let tally = tally_of(&closed);
    assert_eq!(tally.num_ballots as usize, acked.len(), "{closed}");
    assert_eq!(closed["election"]["ballots"], acked.len(), "{closed}");
    assert_eq!(closed["turnout"], acked.len(), "{closed}");
    assert_eq!(board(&app, &voters[0], &mo).await, acked);
    let id: uuid::Uuid = mo.parse().expect("uuid");
    let parts = ballot_participation::Entity::find()
        .filter(ballot_participation::Column::MotionId.eq(id))
        .count(&app.db)
        .await
        .expect("participations");
    assert_eq!(parts as usize, acked.len());
    // The trustees decrypt the acknowledged ballots' choices.
    for t in &trustees {
        let pd = to_json(&partial(&params, &tally, t));
        let r = submit_partial(&app, Some(&t.user), &mo, &pd).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let done = motion_of(&app, &chair, &a, &mo).await;
    let n = |c: &str| counted.iter().filter(|x| **x == c).count();
    assert_eq!(
        done["result"]["tally"],
        json!({ "yes": n("YES"), "no": n("NO"), "abstain": n("ABSTAIN") }),
        "{done}"
    );
}
