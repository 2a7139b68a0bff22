//! The five encrypted-ballot documents (`shared::queries::assemblies`) run against the real
//! schema with real keys, ballots and decryptions, each answer decoded into its shared type.

use super::{encrypted_motion, in_session, motion_of, to_json, Trustee};
use crate::assemblies::contract::{ASSEMBLY_DOCS, ENCRYPTED_DOCS};
use crate::contract::send;
use constellation_shared::dto::assemblies::{Assembly, Election, MotionStatus};
use constellation_shared::queries::assemblies as g;
use constellation_shared::voting::{
    partial_decrypt, verify_record, Ballot, BasicTrustee, Credential, ElectionParams,
    ElectionRecord, EncryptedTally, OsRandom,
};
use constellation_tests::spawn_app;
use serde_json::json;

fn election(a: &Assembly, motion: &str) -> Election {
    a.motions
        .iter()
        .find(|m| m.id == motion)
        .and_then(|m| m.election.clone())
        .expect("the motion's election")
}

#[tokio::test]
async fn every_encrypted_ballot_document_runs_against_the_schema() {
    let app = spawn_app().await;
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
    let m = app.effective_members(3, "Voter").await;
    let (a, mo) = encrypted_motion(&app, &chair, "SIMPLE").await;
    in_session(&app, &chair, &a, &[&m[0], &m[1], &m[2]]).await;
    let mut tested = Vec::new();

    // The board names a stand-in for the second trustee, then names the treasurer back.
    let spare = app.signup("Spare").await;
    let second = motion_of(&app, &treasurer, &a, &mo).await["election"]["myTrusteeIndex"]
        .as_i64()
        .expect("a trustee") as i32;
    for (who, name) in [(&spare, "Spare"), (&treasurer, "Treasurer")] {
        let r: g::AssemblyResult = send(
            &app,
            Some(&chair.token),
            g::REPLACE_TRUSTEE,
            g::ReplaceTrusteeVars {
                motion_id: mo.clone(),
                trustee_index: second,
                user_id: who.id.clone(),
            },
        )
        .await;
        let e = election(&r.into_inner().expect("an assembly"), &mo);
        let t = e
            .trustees
            .iter()
            .find(|t| t.index == second)
            .expect("the trustee");
        assert_eq!(
            t.person.as_ref().map(|p| p.display_name.as_str()),
            Some(name)
        );
        assert!(!t.key_posted && !e.ready);
    }
    tested.push(g::REPLACE_TRUSTEE);

    let mut trustees = Vec::new();
    let mut last = None;
    for u in [&chair, &treasurer] {
        let index = motion_of(&app, u, &a, &mo).await["election"]["myTrusteeIndex"]
            .as_u64()
            .expect("a trustee") as u32;
        let (secret, key) = BasicTrustee::generate(&mo, index, &mut OsRandom).expect("key");
        let r: g::AssemblyResult = send(
            &app,
            Some(&u.token),
            g::SUBMIT_TRUSTEE_KEY,
            g::TrusteeKeyVars {
                motion_id: mo.clone(),
                key: to_json(&key),
            },
        )
        .await;
        let e = election(&r.into_inner().expect("an assembly"), &mo);
        assert_eq!(e.my_trustee_index, Some(index as i32));
        assert!(e
            .trustees
            .iter()
            .any(|t| t.index == index as i32 && t.key_posted && !t.decrypted));
        trustees.push(Trustee {
            user: u.clone(),
            secret,
            key,
        });
        last = Some(e);
    }
    let e = last.expect("an election");
    assert!(e.ready);
    let params: ElectionParams =
        serde_json::from_str(e.params.as_deref().expect("params")).expect("ElectionParams");
    assert_eq!(e.fingerprint, Some(params.fingerprint_hex().expect("fp")));
    assert_eq!(e.trustees.len(), 2);
    assert!(e.encrypted_tally.is_none() && !e.decrypted && e.ballots == 0);
    tested.push(g::SUBMIT_TRUSTEE_KEY);

    assert!(app.voting(&chair, "openVoting", &mo).await["errors"].is_null());
    let mut receipts = Vec::new();
    for (u, sel) in m.iter().zip([
        [true, false, false],
        [false, true, false],
        [true, false, false],
    ]) {
        let cred = Credential::generate(&mut OsRandom).expect("credential");
        let b = Ballot::create(&params, &cred, &sel, &mut OsRandom).expect("ballot");
        let v: g::CastEncryptedData = send(
            &app,
            Some(&u.token),
            g::CAST_ENCRYPTED_BALLOT,
            g::CastEncryptedVars {
                motion_id: mo.clone(),
                member_id: u.id.clone(),
                ballot: to_json(&b),
            },
        )
        .await;
        assert_eq!(v.cast_encrypted_ballot.member_id, u.id);
        assert_eq!(
            v.cast_encrypted_ballot.receipt,
            Some(b.tracker().expect("tracker"))
        );
        receipts.push(b.tracker().expect("tracker"));
    }
    tested.push(g::CAST_ENCRYPTED_BALLOT);

    let first: g::BallotTrackersData = send(
        &app,
        Some(&m[0].token),
        g::BALLOT_TRACKERS,
        g::BallotTrackersVars {
            motion_id: mo.clone(),
            first: Some(2),
            after: None,
        },
    )
    .await;
    assert!(first.ballot_trackers.page_info.has_next_page);
    let rest: g::BallotTrackersData = send(
        &app,
        Some(&m[0].token),
        g::BALLOT_TRACKERS,
        g::BallotTrackersVars {
            motion_id: mo.clone(),
            first: Some(2),
            after: first.ballot_trackers.page_info.end_cursor.clone(),
        },
    )
    .await;
    assert!(!rest.ballot_trackers.page_info.has_next_page);
    let mut board: Vec<String> = first
        .ballot_trackers
        .nodes()
        .chain(rest.ballot_trackers.nodes())
        .cloned()
        .collect();
    let in_order = board.clone();
    board.sort();
    assert_eq!(in_order, board);
    receipts.sort();
    assert_eq!(board, receipts);
    tested.push(g::BALLOT_TRACKERS);

    assert!(app.voting(&chair, "closeVoting", &mo).await["errors"].is_null());
    let none: g::ElectionRecordData = send(
        &app,
        Some(&m[1].token),
        g::ELECTION_RECORD,
        g::MotionIdVars {
            motion_id: mo.clone(),
        },
    )
    .await;
    assert!(
        none.election_record.is_none(),
        "no record before the decryption"
    );
    let mut done = None;
    let mut tally: Option<EncryptedTally> = None;
    for t in &trustees {
        let one: g::AssemblyData = send(
            &app,
            Some(&t.user.token),
            g::ASSEMBLY,
            g::IdVars { id: a.clone() },
        )
        .await;
        let e = election(&one.assembly.expect("assembly"), &mo);
        let tl: EncryptedTally = serde_json::from_str(e.encrypted_tally.as_deref().expect("tally"))
            .expect("EncryptedTally");
        let pd = partial_decrypt(&params, &tl, &t.secret, &mut OsRandom).expect("decryption");
        let r: g::AssemblyResult = send(
            &app,
            Some(&t.user.token),
            g::SUBMIT_PARTIAL_DECRYPTION,
            g::PartialDecryptionVars {
                motion_id: mo.clone(),
                decryption: to_json(&pd),
            },
        )
        .await;
        done = r.into_inner();
        tally = Some(tl);
    }
    let done = done.expect("an assembly");
    let motion = done.motions.iter().find(|x| x.id == mo).expect("motion");
    assert_eq!(motion.status, MotionStatus::Closed);
    let result = motion.result.clone().expect("the result");
    assert_eq!(
        (result.tally.yes, result.tally.no, result.tally.abstain),
        (2, 1, 0)
    );
    assert!(election(&done, &mo).decrypted);
    tested.push(g::SUBMIT_PARTIAL_DECRYPTION);

    let rec: g::ElectionRecordData = send(
        &app,
        Some(&m[1].token),
        g::ELECTION_RECORD,
        g::MotionIdVars {
            motion_id: mo.clone(),
        },
    )
    .await;
    let record: ElectionRecord =
        serde_json::from_str(rec.election_record.as_deref().expect("the record"))
            .expect("ElectionRecord");
    assert_eq!(verify_record(&record), Ok(vec![2, 1, 0]));
    assert_eq!(Some(record.encrypted_tally), tally);
    tested.push(g::ELECTION_RECORD);
    assert_eq!(
        tested,
        ASSEMBLY_DOCS[ASSEMBLY_DOCS.len() - ENCRYPTED_DOCS..]
    );
}
