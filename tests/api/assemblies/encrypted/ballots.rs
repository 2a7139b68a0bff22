//! Ballots the server must refuse, each with `INVALID_BALLOT` and nothing written (the whole
//! database is compared before and after): a crafted ballot counting 2 for yes, ballots of
//! another election, a reused credential, a replayed ballot, broken signatures and shapes,
//! garbage. The voter can still vote afterwards, and only the valid ballots are counted.

use super::{
    ballot, cast_ballot, changes, dump, encrypted_motion, in_session, motion_of, params_of,
    partial, post_keys, refused_unchanged, submit_partial, tally_of, to_json,
};
use constellation_backend::entities::secret_ballot;
use constellation_shared::voting::{
    raw, verify_ballot, Ballot, BasicTrustee, Ciphertext, Credential, ElectionParams,
    IntervalProof, Opening, OsRandom, Proof, Question, RandomSource, TrusteeSetup, VerifyError,
    VERSION,
};
use constellation_tests::spawn_app;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

fn scalar() -> raw::Scalar {
    OsRandom.scalar().expect("randomness")
}

/// Signs a hand-made ballot under `cred`, as a cheating page would.
fn signed(
    params: &ElectionParams,
    cred: &Credential,
    choices: Vec<Ciphertext>,
    individual: Vec<IntervalProof>,
    overall: IntervalProof,
) -> Ballot {
    let fp = params.fingerprint().expect("fingerprint");
    let mut b = Ballot {
        version: VERSION,
        election_id: params.election_id.clone(),
        election_fingerprint: params.fingerprint_hex().expect("fingerprint"),
        credential: cred.public(),
        choices,
        individual_proofs: individual,
        overall_proof: overall,
        signature: Proof {
            challenge: raw::Scalar::ZERO,
            response: raw::Scalar::ZERO,
        },
    };
    b.sign(&fp, cred, &mut OsRandom).expect("signs");
    b
}

/// The classic attack on a homomorphic tally: 2 for yes and −1 for no, so that the ballot still
/// sums to one choice and its overall proof holds. The 0-or-1 proofs are the cheater's best
/// attempt (proven as if the values were 1 and 0), and the signature is valid.
fn two_for_yes(params: &ElectionParams, cred: &Credential) -> Ballot {
    let fp = params.fingerprint().expect("fingerprint");
    let y = params.public_key;
    let c = cred.public();
    let r = [scalar(), scalar(), scalar()];
    let choices = vec![
        Ciphertext::encrypt(&y, 2, &r[0]),
        Ciphertext {
            alpha: raw::base_mul(&r[1]),
            beta: y * r[1] - raw::base_mul_u64(1),
        },
        Ciphertext::encrypt(&y, 0, &r[2]),
    ];
    let individual = [1u64, 0, 0]
        .iter()
        .enumerate()
        .map(|(i, claimed)| {
            let opening = Opening {
                value: *claimed,
                randomness: &r[i],
            };
            raw::prove_interval(
                raw::individual_transcript(&fp, &c, i),
                &y,
                &choices[i],
                opening,
                0,
                1,
                &mut OsRandom,
            )
            .expect("a (false) proof")
        })
        .collect();
    let sum = choices[0] + choices[1] + choices[2];
    let sum_r = r[0] + r[1] + r[2];
    let overall = raw::prove_interval(
        raw::overall_transcript(&fp, &c, &choices),
        &y,
        &sum,
        Opening {
            value: 1,
            randomness: &sum_r,
        },
        1,
        1,
        &mut OsRandom,
    )
    .expect("overall proof");
    let b = signed(params, cred, choices, individual, overall);
    // What the server sees: the overall proof and the signature hold, the first 0-or-1 proof
    // does not.
    assert!(raw::verify_interval(
        raw::overall_transcript(&fp, &c, &b.choices),
        &y,
        &sum,
        1,
        1,
        &b.overall_proof
    ));
    assert_eq!(
        verify_ballot(params, &b),
        Err(VerifyError::IndividualProof { option: 0 })
    );
    b
}

/// 2 for yes with honest proofs of a question that would allow it (each option 0 to 2, the
/// count 0 to 2): valid proofs of the wrong statement.
fn proven_for_another_question(params: &ElectionParams, cred: &Credential) -> Ballot {
    let fp = params.fingerprint().expect("fingerprint");
    let y = params.public_key;
    let c = cred.public();
    let values = [2u64, 0, 0];
    let r = [scalar(), scalar(), scalar()];
    let choices: Vec<Ciphertext> = values
        .iter()
        .zip(&r)
        .map(|(m, r)| Ciphertext::encrypt(&y, *m, r))
        .collect();
    let individual = values
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let opening = Opening {
                value: *m,
                randomness: &r[i],
            };
            raw::prove_interval(
                raw::individual_transcript(&fp, &c, i),
                &y,
                &choices[i],
                opening,
                0,
                2,
                &mut OsRandom,
            )
            .expect("proof")
        })
        .collect();
    let sum = choices[0] + choices[1] + choices[2];
    let sum_r = r[0] + r[1] + r[2];
    let overall = raw::prove_interval(
        raw::overall_transcript(&fp, &c, &choices),
        &y,
        &sum,
        Opening {
            value: 2,
            randomness: &sum_r,
        },
        0,
        2,
        &mut OsRandom,
    )
    .expect("proof");
    let b = signed(params, cred, choices, individual, overall);
    assert_eq!(
        verify_ballot(params, &b),
        Err(VerifyError::IndividualProof { option: 0 })
    );
    b
}

/// Parameters of another election: a fresh trustee for `id` (another motion, or this one
/// under a key the trustees never made).
fn other_params(id: &str) -> ElectionParams {
    let (_, key) = BasicTrustee::generate(id, 1, &mut OsRandom).expect("key");
    ElectionParams::new(
        id,
        Question::yes_no_abstain(),
        TrusteeSetup::Basic {
            trustees: vec![key],
        },
    )
    .expect("params")
}

#[tokio::test]
async fn forged_and_foreign_ballots_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let chair = app.signup("Chair").await; // the only board member: the only trustee
    app.set_roles(&chair, &chair, json!({ "kind": "EFFECTIVE" }))
        .await;
    let m = app.effective_members(4, "Voter").await;
    let (a, mo) = encrypted_motion(&app, &chair, "SIMPLE").await;
    // A plain secret motion beside it.
    let item = motion_of(&app, &chair, &a, &mo).await["itemId"].clone();
    let plain = app.ok(&chair, "mutation($i: ID!, $m: MotionInput!) { addMotion(itemId: $i, input: $m) { motions { id ballot } } }",
        json!({ "i": item, "m": { "text": "Plain", "rule": "SIMPLE", "ballot": "SECRET" } })).await["motions"]
        .as_array()
        .and_then(|ms| ms.iter().find(|x| x["ballot"] == "SECRET"))
        .and_then(|x| x["id"].as_str())
        .expect("secret motion")
        .to_owned();
    in_session(&app, &chair, &a, &[&m[0], &m[1], &m[2], &m[3]]).await;
    let trustees = post_keys(&app, &a, &mo, &[&chair]).await;
    let params = params_of(&motion_of(&app, &m[0], &a, &mo).await);

    // Not open yet.
    let (early, _) = ballot(&params, "YES");
    let before = dump(&app).await;
    let r = cast_ballot(&app, Some(&m[0]), &mo, &m[0].id, &to_json(&early)).await;
    refused_unchanged(
        &app,
        &before,
        &r,
        "VOTING_CLOSED",
        "a ballot before voting opens",
    )
    .await;
    for x in [&mo, &plain] {
        assert!(app.voting(&chair, "openVoting", x).await["errors"].is_null());
    }

    // m1 votes; its credential and its ballot are now used.
    let (b1, c1) = ballot(&params, "YES");
    let before = dump(&app).await;
    let r = cast_ballot(&app, Some(&m[1]), &mo, &m[1].id, &to_json(&b1)).await;
    assert!(r["errors"].is_null(), "{r}");
    // The comparison does see a vote: its participation, its ballot, its audit entry.
    let diff = changes(&before, &dump(&app).await);
    for t in ["ballot_participations", "encrypted_ballots", "audit_log"] {
        assert!(diff.iter().any(|d| d.starts_with(t)), "{diff:?}");
    }

    let cred = Credential::generate(&mut OsRandom).expect("credential");
    let fp = params.fingerprint().expect("fingerprint");
    let valid = || ballot(&params, "YES");
    let mut cases: Vec<(&str, String)> = Vec::new();
    cases.push((
        "2 for yes, −1 for no",
        to_json(&two_for_yes(&params, &cred)),
    ));
    cases.push((
        "2 for yes proven for another question",
        to_json(&proven_for_another_question(&params, &cred)),
    ));
    {
        // A valid ballot whose yes is replaced by an encryption of 2, signed again.
        let (mut b, c) = valid();
        b.choices[0] = Ciphertext::encrypt(&params.public_key, 2, &scalar());
        b.sign(&fp, &c, &mut OsRandom).expect("signs");
        assert_eq!(
            verify_ballot(&params, &b),
            Err(VerifyError::IndividualProof { option: 0 })
        );
        cases.push(("a yes replaced by an encryption of 2", to_json(&b)));
    }
    {
        let other = uuid::Uuid::new_v4().to_string();
        let (b, _) = ballot(&other_params(&other), "YES");
        assert_eq!(verify_ballot(&params, &b), Err(VerifyError::WrongElection));
        cases.push(("a ballot of another election", to_json(&b)));
        // The same, relabelled for this election and signed again: its proofs are bound to
        // the other election.
        let (mut b, c) = ballot(&other_params(&other), "YES");
        b.election_id = params.election_id.clone();
        b.election_fingerprint = params.fingerprint_hex().expect("fp");
        b.sign(&fp, &c, &mut OsRandom).expect("signs");
        assert!(matches!(
            verify_ballot(&params, &b),
            Err(VerifyError::IndividualProof { .. })
        ));
        cases.push(("another election's ballot relabelled", to_json(&b)));
        let (b, _) = ballot(&other_params(&mo), "YES");
        assert_eq!(verify_ballot(&params, &b), Err(VerifyError::WrongElection));
        cases.push((
            "this motion under a key its trustees never made",
            to_json(&b),
        ));
    }
    {
        // m1's credential again, on a fresh, otherwise valid ballot; and m1's ballot itself.
        let reused =
            Ballot::create(&params, &c1, &[false, true, false], &mut OsRandom).expect("ballot");
        verify_ballot(&params, &reused).expect("valid on its own");
        cases.push(("a fresh ballot under a used credential", to_json(&reused)));
        cases.push(("a replayed ballot", to_json(&b1)));
    }
    {
        let (mut b, _) = valid();
        b.signature.response += raw::Scalar::ONE;
        assert_eq!(
            verify_ballot(&params, &b),
            Err(VerifyError::BallotSignature)
        );
        cases.push(("a broken signature", to_json(&b)));
        let (mut b, _) = valid();
        b.credential = cred.public();
        assert!(verify_ballot(&params, &b).is_err());
        cases.push(("another credential, not signed by it", to_json(&b)));
        let (mut b, c) = valid();
        b.choices.pop();
        b.individual_proofs.pop();
        b.sign(&fp, &c, &mut OsRandom).expect("signs");
        assert_eq!(verify_ballot(&params, &b), Err(VerifyError::BallotShape));
        cases.push(("two ciphertexts for three options", to_json(&b)));
        let (mut b, c) = valid();
        b.version = 2;
        b.sign(&fp, &c, &mut OsRandom).expect("signs");
        cases.push(("another protocol version", to_json(&b)));
        let (b, _) = valid();
        let s = to_json(&b);
        let hex = raw::point_to_hex(&b.credential);
        cases.push((
            "a non-canonical point",
            s.replace(&hex, &hex.to_uppercase()),
        ));
        cases.push(("a truncated ballot", s[..s.len() / 2].to_owned()));
    }
    for garbage in ["", "garbage", "{}", "null", "[1, 2, 3]", "{\"version\": 1}"] {
        cases.push(("garbage", garbage.to_owned()));
    }
    for (what, json) in &cases {
        let before = dump(&app).await;
        let r = cast_ballot(&app, Some(&m[0]), &mo, &m[0].id, json).await;
        refused_unchanged(&app, &before, &r, "INVALID_BALLOT", what).await;
        // m2 tries the reused credential too: its participation must not be recorded.
        if what.contains("credential") || what.contains("replayed") {
            let before = dump(&app).await;
            let r = cast_ballot(&app, Some(&m[2]), &mo, &m[2].id, json).await;
            refused_unchanged(&app, &before, &r, "INVALID_BALLOT", what).await;
        }
    }
    // A valid encrypted ballot on a plain motion, a plain vote on the encrypted one: the
    // wrong kind of vote, not a bad ballot.
    let before = dump(&app).await;
    let r = cast_ballot(&app, Some(&m[0]), &plain, &m[0].id, &to_json(&valid().0)).await;
    refused_unchanged(
        &app,
        &before,
        &r,
        "INVALID_TRANSITION",
        "an encrypted ballot on a plain motion",
    )
    .await;
    let r = app.cast(&m[0], &mo, &m[0].id, "YES").await;
    refused_unchanged(
        &app,
        &before,
        &r,
        "INVALID_TRANSITION",
        "a plain vote on an encrypted motion",
    )
    .await;
    let secret_rows = secret_ballot::Entity::find()
        .filter(secret_ballot::Column::MotionId.eq(mo.parse::<uuid::Uuid>().expect("uuid")))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(
        secret_rows, 0,
        "no plaintext ballot for the encrypted motion"
    );
    let turnout = motion_of(&app, &m[0], &a, &mo).await;
    assert_eq!(
        (
            turnout["turnout"].clone(),
            turnout["election"]["ballots"].clone()
        ),
        (json!(1), json!(1)),
        "{turnout}"
    );

    // Both can still vote, with their own credentials.
    for (u, c) in [(&m[0], "ABSTAIN"), (&m[2], "NO")] {
        let r = cast_ballot(&app, Some(u), &mo, &u.id, &to_json(&ballot(&params, c).0)).await;
        assert!(r["errors"].is_null(), "{r}");
    }
    assert!(app.voting(&chair, "closeVoting", &mo).await["errors"].is_null());
    let before = dump(&app).await;
    let r = cast_ballot(&app, Some(&m[3]), &mo, &m[3].id, &to_json(&valid().0)).await;
    refused_unchanged(
        &app,
        &before,
        &r,
        "VOTING_CLOSED",
        "a ballot after the close",
    )
    .await;

    // Only the three valid ballots were counted: one each.
    let closed = motion_of(&app, &m[0], &a, &mo).await;
    let tally = tally_of(&closed);
    assert_eq!(tally.num_ballots, 3);
    let pd = partial(&params, &tally, &trustees[0]);
    let r = submit_partial(&app, Some(&chair), &mo, &to_json(&pd)).await;
    assert!(r["errors"].is_null(), "{r}");
    let done = motion_of(&app, &m[0], &a, &mo).await;
    assert_eq!(
        done["result"]["tally"],
        json!({ "yes": 1, "no": 1, "abstain": 1 }),
        "{done}"
    );
}
