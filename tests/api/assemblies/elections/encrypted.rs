//! An encrypted approval election: the question is made from the candidates when voting
//! opens; ballots approve up to the seats (a ballot approving more is refused); the trustee
//! decrypts the approvals and the seats are decided as for any election.

use super::*;
use constellation_shared::voting::{
    partial_decrypt, Ballot, BasicTrustee, Credential, ElectionParams, EncryptedTally, OsRandom,
};
use constellation_tests::spawn_app;

/// The ballot box document, run below: a trustee's page sums it before decrypting.
pub(crate) const BOX_DOCS: &[&str] = &[g::BALLOT_BOX];

#[tokio::test]
async fn an_encrypted_approval_election_is_decrypted_into_seats() {
    let app = spawn_app().await;
    let (chair, m) = cast_of(&app, 4).await;
    let (a, item) = assembly_with_item(&app, &chair).await;
    let e = add_election(&app, &chair, &a, &item, "ENCRYPTED", 2, "APPROVAL").await;
    for c in &m[0..3] {
        let r = propose(&app, c, &e, c).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    let st = state(&app, &chair, &a).await;
    let index = election(&st, &e)["election"]["myTrusteeIndex"]
        .as_i64()
        .expect("the author is the trustee when there is no board member") as u32;
    let (secret, key) = BasicTrustee::generate(&e, index, &mut OsRandom).expect("key");
    let r = app
        .gql(
            Some(&chair.token),
            g::SUBMIT_TRUSTEE_KEY,
            json!({ "motionId": e, "key": serde_json::to_string(&key).expect("json") }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let st = state(&app, &chair, &a).await;
    // Every key is in; the question waits for the candidates, fixed when voting opens.
    assert_eq!(election(&st, &e)["election"]["ready"], true);
    assert!(election(&st, &e)["election"]["params"].is_null());
    in_session(&app, &chair, &a, &m).await;
    let r = app.voting(&chair, "openVoting", &e).await;
    assert!(r["errors"].is_null(), "{r}");
    let st = state(&app, &chair, &a).await;
    let params: ElectionParams = serde_json::from_str(
        election(&st, &e)["election"]["params"]
            .as_str()
            .expect("params"),
    )
    .expect("params json");
    let ids: Vec<String> = m[0..3].iter().map(|c| c.id.clone()).collect();
    assert_eq!(params.question.options, ids);
    assert_eq!((params.question.min, params.question.max), (0, 2));

    // Plain marks on an encrypted election are refused.
    let r = cast(&app, &m[0], &e, &m[0], &[(&m[0], "YES")]).await;
    assert_eq!(code(&r), Some("INVALID_TRANSITION"), "{r}");
    let picks = [
        [true, true, false],
        [true, false, false],
        [false, true, true],
        [true, false, true],
    ];
    for (voter, sel) in m.iter().zip(picks) {
        let cred = Credential::generate(&mut OsRandom).expect("credential");
        let b = Ballot::create(&params, &cred, &sel, &mut OsRandom).expect("ballot");
        let r = app
            .gql(
                Some(&voter.token),
                g::CAST_ENCRYPTED_BALLOT,
                json!({ "motionId": e, "memberId": voter.id, "ballot": serde_json::to_string(&b).expect("json") }),
            )
            .await;
        assert!(r["errors"].is_null(), "{r}");
    }
    assert_eq!(app.count("candidate_marks").await, 0);
    assert_eq!(app.count("candidate_votes").await, 0);
    let r = app.voting(&chair, "closeVoting", &e).await;
    assert!(r["errors"].is_null(), "{r}");
    let st = state(&app, &chair, &a).await;
    assert!(
        election(&st, &e)["electionResult"].is_null(),
        "nothing before the decryption"
    );
    let tally: EncryptedTally = serde_json::from_str(
        election(&st, &e)["election"]["encryptedTally"]
            .as_str()
            .expect("tally"),
    )
    .expect("tally json");
    // What a trustee's page does first: fetch the ballot box and check the tally is its sum.
    let mut ballots: Vec<Ballot> = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page: g::BallotBoxData = crate::contract::send(
            &app,
            Some(&chair.token),
            g::BALLOT_BOX,
            json!({ "motionId": e, "first": 3, "after": after }),
        )
        .await;
        for b in page.ballot_box.nodes() {
            ballots.push(serde_json::from_str(b).expect("ballot json"));
        }
        if !page.ballot_box.page_info.has_next_page {
            break;
        }
        after = page.ballot_box.page_info.end_cursor.clone();
    }
    assert_eq!(ballots.len(), 4);
    assert_eq!(EncryptedTally::compute(&params, &ballots), tally);
    let pd = partial_decrypt(&params, &tally, &secret, &mut OsRandom).expect("decrypt");
    let r = app
        .gql(
            Some(&chair.token),
            g::SUBMIT_PARTIAL_DECRYPTION,
            json!({ "motionId": e, "decryption": serde_json::to_string(&pd).expect("json") }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let st = state(&app, &chair, &a).await;
    let res = &election(&st, &e)["electionResult"];
    let rows = res["candidates"].as_array().expect("rows");
    let yes: Vec<i64> = rows
        .iter()
        .map(|r| r["tally"]["yes"].as_i64().expect("yes"))
        .collect();
    assert_eq!(yes, vec![3, 2, 2]);
    let no: Vec<i64> = rows
        .iter()
        .map(|r| r["tally"]["no"].as_i64().expect("no"))
        .collect();
    assert_eq!(no, vec![1, 2, 2]);
    // 3 of 4 passes the simple majority; 2 of 4 does not.
    let elected: Vec<bool> = rows
        .iter()
        .map(|r| r["elected"].as_bool().expect("e"))
        .collect();
    assert_eq!(elected, vec![true, false, false]);
    assert_eq!(
        (res["filled"].as_i64(), res["ballots"].as_i64()),
        (Some(1), Some(4))
    );
    // The record verifies from the file alone.
    let r = app
        .gql(
            Some(&m[0].token),
            g::ELECTION_RECORD,
            json!({ "motionId": e }),
        )
        .await;
    let record: constellation_shared::voting::ElectionRecord =
        serde_json::from_str(r["data"]["electionRecord"].as_str().expect("record")).expect("json");
    assert_eq!(
        constellation_shared::voting::verify_record(&record).expect("verifies"),
        vec![3, 2, 2]
    );
}
