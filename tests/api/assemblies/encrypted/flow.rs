//! An encrypted vote from the motion to the published record: two board trustees post their
//! keys, members vote in person and by proxy, the chair closes, both trustees decrypt, the
//! result is the law's, and the record re-verifies from the file alone (and not once altered).

use super::{
    ballot, encrypted_motion, motion_of, open_session, params_of, partial, post_key, tally_of,
    to_json, Trustee,
};
use super::{cast_ballot, submit_partial};
use constellation_shared::queries::assemblies as g;
use constellation_shared::voting::{
    raw, verify_record, Ballot, BasicTrustee, ElectionParams, ElectionRecord, EncryptedTally,
    Question, TrusteeSetup, VerifyError,
};
use constellation_tests::{error_code, spawn_app, TestApp, TestUser};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Every tracker on the public board, page by page (`first` at a time).
pub(crate) async fn board(app: &TestApp, who: &TestUser, motion: &str, first: i32) -> Vec<String> {
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let r = app
            .gql(
                Some(&who.token),
                g::BALLOT_TRACKERS,
                json!({ "motionId": motion, "first": first, "after": after }),
            )
            .await;
        assert!(r["errors"].is_null(), "{r}");
        let c = &r["data"]["ballotTrackers"];
        let page: Vec<String> = c["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e["node"].as_str().expect("tracker").to_owned())
            .collect();
        assert!(page.len() <= first as usize, "{r}");
        out.extend(page);
        if c["pageInfo"]["hasNextPage"] != true {
            return out;
        }
        after = c["pageInfo"]["endCursor"].as_str().map(str::to_owned);
        assert!(after.is_some(), "a next page without a cursor: {r}");
    }
}

pub(crate) async fn record_of(
    app: &TestApp,
    who: &TestUser,
    motion: &str,
) -> Option<ElectionRecord> {
    let r = app
        .gql(
            Some(&who.token),
            g::ELECTION_RECORD,
            json!({ "motionId": motion }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    r["data"]["electionRecord"]
        .as_str()
        .map(|s| serde_json::from_str(s).expect("ElectionRecord"))
}

fn trustees_view(m: &Value) -> Vec<(u64, String, bool, bool)> {
    m["election"]["trustees"]
        .as_array()
        .expect("trustees")
        .iter()
        .map(|t| {
            (
                t["index"].as_u64().expect("index"),
                t["person"]["id"].as_str().unwrap_or_default().to_owned(),
                t["keyPosted"].as_bool().expect("keyPosted"),
                t["decrypted"].as_bool().expect("decrypted"),
            )
        })
        .collect()
}

#[tokio::test]
async fn two_board_trustees_run_an_encrypted_vote_that_anyone_can_verify() {
    let app = spawn_app().await;
    // The first account is admin and board; a second board member; five voters.
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
    let m = app.effective_members(5, "Voter").await;
    let (a, mo) = encrypted_motion(&app, &chair, "SIMPLE").await;

    // The trustees are named when the motion is made: both board members, 1 and 2, no key yet.
    let draft = motion_of(&app, &m[0], &a, &mo).await;
    let e = &draft["election"];
    assert_eq!(draft["ballot"], "ENCRYPTED", "{draft}");
    assert_eq!(
        (
            e["ready"].clone(),
            e["params"].clone(),
            e["fingerprint"].clone(),
            e["myTrusteeIndex"].clone(),
            e["ballots"].clone(),
            e["encryptedTally"].clone(),
            e["decrypted"].clone()
        ),
        (
            json!(false),
            Value::Null,
            Value::Null,
            Value::Null,
            json!(0),
            Value::Null,
            json!(false)
        ),
        "{draft}"
    );
    let view = trustees_view(&draft);
    assert_eq!(
        view.iter().map(|t| t.0).collect::<Vec<_>>(),
        [1, 2],
        "{draft}"
    );
    assert_eq!(
        view.iter().map(|t| t.1.clone()).collect::<BTreeSet<_>>(),
        [chair.id.clone(), treasurer.id.clone()].into(),
        "{draft}"
    );
    assert!(view.iter().all(|t| !t.2 && !t.3), "{draft}");

    // m4 gives a proxy to m0; in session, everybody but m4 is present.
    app.assembly_step(&chair, "conveneAssembly", &a).await;
    app.proxy(&m[4], &m[0], &a).await;
    open_session(
        &app,
        &chair,
        &a,
        &[&chair, &treasurer, &m[0], &m[1], &m[2], &m[3]],
    )
    .await;

    // Voting waits for every key.
    let r = app.voting(&chair, "openVoting", &mo).await;
    assert_eq!(error_code(&r), Some("TRUSTEES_PENDING"), "{r}");
    let first = post_key(&app, &a, &mo, &chair).await;
    let half = motion_of(&app, &chair, &a, &mo).await;
    assert_eq!(half["election"]["ready"], false, "{half}");
    assert!(half["election"]["params"].is_null(), "{half}");
    assert_eq!(
        trustees_view(&half).iter().filter(|t| t.2).count(),
        1,
        "{half}"
    );
    let r = app.voting(&chair, "openVoting", &mo).await;
    assert_eq!(error_code(&r), Some("TRUSTEES_PENDING"), "{r}");
    let second = post_key(&app, &a, &mo, &treasurer).await;
    let mut trustees: Vec<Trustee> = vec![first, second];
    trustees.sort_by_key(Trustee::index);

    // Ready: the parameters are this motion's yes/no/abstain question under both keys.
    let ready = motion_of(&app, &m[0], &a, &mo).await;
    assert_eq!(ready["election"]["ready"], true, "{ready}");
    let params = params_of(&ready);
    params.verify().expect("the parameters verify");
    assert_eq!(params.election_id, mo);
    assert_eq!(params.question, Question::yes_no_abstain());
    let keys: Vec<BasicTrustee> = trustees.iter().map(|t| t.key.clone()).collect();
    assert_eq!(
        params.trustees,
        TrusteeSetup::Basic {
            trustees: keys.clone()
        }
    );
    let expected = ElectionParams::new(
        mo.clone(),
        Question::yes_no_abstain(),
        TrusteeSetup::Basic { trustees: keys },
    )
    .expect("params");
    assert_eq!(params, expected);
    assert_eq!(
        ready["election"]["fingerprint"].as_str(),
        Some(params.fingerprint_hex().expect("fp").as_str())
    );
    assert!(trustees_view(&ready).iter().all(|t| t.2), "{ready}");
    let r = app.voting(&chair, "openVoting", &mo).await;
    assert!(r["errors"].is_null(), "{r}");

    // m0 casts two ballots (own and m4's); m1 yes, m2 no, m3 abstains: 3 yes, 1 no, 1 abstain.
    let rights = motion_of(&app, &m[0], &a, &mo).await["myRights"].clone();
    assert_eq!(rights.as_array().map(Vec::len), Some(2), "{rights}");
    let mut ballots: Vec<Ballot> = Vec::new();
    let mut receipts = Vec::new();
    for (who, whom, c) in [
        (&m[0], &m[0], "YES"),
        (&m[0], &m[4], "YES"),
        (&m[1], &m[1], "YES"),
        (&m[2], &m[2], "NO"),
        (&m[3], &m[3], "ABSTAIN"),
    ] {
        let (b, _) = ballot(&params, c);
        let r = cast_ballot(&app, Some(who), &mo, &whom.id, &to_json(&b)).await;
        assert!(r["errors"].is_null(), "{r}");
        let cast = &r["data"]["castEncryptedBallot"];
        assert_eq!(cast["memberId"], whom.id.as_str(), "{r}");
        assert_eq!(cast["motionId"], mo.as_str(), "{r}");
        let tracker = b.tracker().expect("tracker");
        assert_eq!(cast["receipt"].as_str(), Some(tracker.as_str()), "{r}");
        receipts.push(tracker);
        ballots.push(b);
    }
    // One ballot per member and motion, own or by proxy, whatever the ballot.
    for (who, whom) in [(&m[1], &m[1]), (&m[0], &m[4])] {
        let (b, _) = ballot(&params, "NO");
        let r = cast_ballot(&app, Some(who), &mo, &whom.id, &to_json(&b)).await;
        assert_eq!(error_code(&r), Some("ALREADY_VOTED"), "{r}");
    }
    let during = motion_of(&app, &m[1], &a, &mo).await;
    assert_eq!(during["turnout"], 5, "{during}");
    assert_eq!(during["election"]["ballots"], 5, "{during}");
    assert!(
        during["tally"].is_null()
            && during["result"].is_null()
            && during["election"]["encryptedTally"].is_null(),
        "nothing to count while voting: {during}"
    );
    // The chair and the treasurer vote in the room (one yes): the bound is 7 − 5 = 2.
    let r = app.gql(Some(&chair.token), "mutation($m: ID!, $i: RoomCountInput!) { recordRoomCount(motionId: $m, input: $i) { id } }",
        json!({ "m": mo, "i": { "yes": 1, "no": 0, "abstain": 0, "note": "the board, in the room" } })).await;
    assert!(r["errors"].is_null(), "{r}");

    // Closed: no result yet, the encrypted tally is the sum of the ballots cast.
    let r = app.voting(&chair, "closeVoting", &mo).await;
    assert!(r["errors"].is_null(), "{r}");
    let closed = motion_of(&app, &m[2], &a, &mo).await;
    assert_eq!(closed["status"], "CLOSED", "{closed}");
    assert!(
        closed["result"].is_null() && closed["tally"].is_null(),
        "{closed}"
    );
    assert_eq!(closed["election"]["decrypted"], false, "{closed}");
    let tally = tally_of(&closed);
    assert_eq!(tally, EncryptedTally::compute(&params, &ballots));
    assert!(record_of(&app, &m[2], &mo).await.is_none());

    // Trustee 1 decrypts: still no result.
    let pd1 = partial(&params, &tally, &trustees[0]);
    let r = submit_partial(&app, Some(&trustees[0].user), &mo, &to_json(&pd1)).await;
    assert!(r["errors"].is_null(), "{r}");
    let half = motion_of(&app, &m[2], &a, &mo).await;
    assert!(
        half["result"].is_null(),
        "one of two trustees decrypted: {half}"
    );
    assert_eq!(half["election"]["decrypted"], false, "{half}");
    assert_eq!(
        trustees_view(&half)
            .iter()
            .map(|t| (t.0, t.3))
            .collect::<Vec<_>>(),
        [(1, true), (2, false)],
        "{half}"
    );
    assert!(record_of(&app, &m[2], &mo).await.is_none());

    // Trustee 2 decrypts: 3 yes, 1 no, 1 abstain online, plus the room's yes.
    let pd2 = partial(&params, &tally, &trustees[1]);
    let r = submit_partial(&app, Some(&trustees[1].user), &mo, &to_json(&pd2)).await;
    assert!(r["errors"].is_null(), "{r}");
    let done = motion_of(&app, &m[2], &a, &mo).await;
    assert_eq!(done["election"]["decrypted"], true, "{done}");
    assert!(trustees_view(&done).iter().all(|t| t.3), "{done}");
    assert_eq!(
        done["result"]["tally"],
        json!({ "yes": 4, "no": 1, "abstain": 1 }),
        "{done}"
    );
    assert_eq!(done["result"]["passed"], true, "{done}");
    assert_eq!(done["result"]["verdict"], "PASSED", "{done}");
    assert_eq!(done["result"]["presentOrRepresented"], 7, "{done}");

    // The record verifies from the file alone and says 3, 1, 1.
    let record = record_of(&app, &m[2], &mo).await.expect("the record");
    assert_eq!(verify_record(&record), Ok(vec![3, 1, 1]));
    assert_eq!(record.params, params);
    assert_eq!(record.encrypted_tally, tally);
    let mut on_board = board(&app, &m[3], &mo, 2).await;
    let sorted = {
        let mut s = on_board.clone();
        s.sort();
        s
    };
    assert_eq!(on_board, sorted, "the board is sorted");
    assert_eq!(
        record
            .trackers()
            .expect("trackers")
            .into_iter()
            .collect::<BTreeSet<_>>(),
        receipts.iter().cloned().collect::<BTreeSet<_>>()
    );
    on_board.sort();
    receipts.sort();
    assert_eq!(
        on_board, receipts,
        "every receipt is on the board, nothing else"
    );

    // Altered, the record no longer verifies.
    let mut t = record.clone();
    t.result[0] += 1;
    assert_eq!(
        verify_record(&t),
        Err(VerifyError::ResultMismatch { option: 0 })
    );
    let mut t = record.clone();
    t.result.swap(0, 1);
    assert!(matches!(
        verify_record(&t),
        Err(VerifyError::ResultMismatch { .. })
    ));
    // A ballot's yes moved to no: its proofs break.
    let mut t = record.clone();
    t.ballots[0].choices.swap(0, 1);
    assert!(
        matches!(
            verify_record(&t),
            Err(VerifyError::Ballot { ballot: 0, .. })
        ),
        "{:?}",
        verify_record(&t)
    );
    // A ballot replaced by another valid one: the encrypted tally no longer adds up.
    // Its credential is not on the record's list; without the list, the tally does not add up.
    let mut t = record.clone();
    t.ballots[0] = ballot(&params, "NO").0;
    assert_eq!(
        verify_record(&t),
        Err(VerifyError::Ballot {
            ballot: 0,
            error: Box::new(VerifyError::UnknownCredential)
        })
    );
    t.credentials = None;
    assert_eq!(verify_record(&t), Err(VerifyError::EncryptedTallyMismatch));
    // A ballot counted twice.
    let mut t = record.clone();
    let again = t.ballots[0].clone();
    t.ballots.push(again);
    assert!(matches!(
        verify_record(&t),
        Err(VerifyError::DuplicateCredential { .. })
    ));
    // A decryption factor altered.
    let mut t = record.clone();
    t.partial_decryptions[0].factors[0].factor += raw::base_mul_u64(1);
    assert!(
        matches!(
            verify_record(&t),
            Err(VerifyError::PartialDecryptionProof { option: 0, .. })
        ),
        "{:?}",
        verify_record(&t)
    );
    // A partial decryption dropped.
    let mut t = record.clone();
    t.partial_decryptions.pop();
    assert!(matches!(
        verify_record(&t),
        Err(VerifyError::NotEnoughPartialDecryptions { needed: 2, got: 1 })
    ));
}
