//! The trustees' side: keys posted only by the motion's trustees, for their own index and this
//! election, once, before voting; partial decryptions posted only by them, once voting is
//! closed, with valid proofs for this tally. Every refusal leaves the database as it was.

use super::{
    ballot, cast_ballot, dump, encrypted_motion, in_session, motion_of, params_of, partial,
    post_key, refused_unchanged, submit_key, submit_partial, tally_of, to_json, Trustee,
};
use constellation_shared::voting::{
    raw, verify_partial_decryption, BasicTrustee, DecryptionFactor, ElectionParams, EncryptedTally,
    OsRandom, PartialDecryption, RandomSource,
};
use constellation_tests::{error_code, spawn_app, TestApp, TestUser, PASSWORD};
use raw::TranscriptExt;
use serde_json::json;

/// A partial decryption for trustee `index` made with the scalar `x` (the transcript is the
/// one `voting::tally` binds: election, number of ballots, trustee, option).
fn made_with(
    params: &ElectionParams,
    tally: &EncryptedTally,
    index: u32,
    x: &raw::Scalar,
) -> PartialDecryption {
    let fp = params.fingerprint().expect("fingerprint");
    let key = params.trustees.verification_key(index).expect("a trustee");
    let factors = tally
        .ciphertexts
        .iter()
        .enumerate()
        .map(|(i, ct)| {
            let factor = ct.alpha * x;
            let mut t = raw::transcript(b"partial-decryption");
            t.bytes(b"election", &fp);
            t.u64(b"ballots", tally.num_ballots);
            t.u64(b"trustee", u64::from(index));
            t.u64(b"option", i as u64);
            let proof =
                raw::prove_dleq(t, x, &key, &ct.alpha, &factor, &mut OsRandom).expect("proof");
            DecryptionFactor { factor, proof }
        })
        .collect();
    PartialDecryption {
        trustee: index,
        factors,
    }
}

async fn my_index(app: &TestApp, who: &TestUser, a: &str, mo: &str) -> u32 {
    motion_of(app, who, a, mo).await["election"]["myTrusteeIndex"]
        .as_u64()
        .expect("a trustee") as u32
}

/// The chair (admin, board) and the treasurer (board): the trustees; three voters.
async fn people(app: &TestApp) -> (TestUser, TestUser, Vec<TestUser>) {
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
    (chair, treasurer, app.effective_members(3, "Voter").await)
}

#[tokio::test]
async fn only_each_trustee_posts_its_own_key_for_this_election_once_before_voting() {
    let app = spawn_app().await;
    let (chair, treasurer, m) = people(&app).await;
    let (a, mo) = encrypted_motion(&app, &chair, "SIMPLE").await;
    in_session(&app, &chair, &a, &[&m[0]]).await;
    let mine = my_index(&app, &chair, &a, &mo).await;
    let theirs = my_index(&app, &treasurer, &a, &mo).await;
    assert_eq!(
        {
            let mut v = [mine, theirs];
            v.sort();
            v
        },
        [1, 2]
    );
    let key = |id: &str, index: u32| {
        to_json(
            &BasicTrustee::generate(id, index, &mut OsRandom)
                .expect("key")
                .1,
        )
    };
    let other_motion = uuid::Uuid::new_v4().to_string();
    let mut bad_proof = BasicTrustee::generate(&mo, mine, &mut OsRandom)
        .expect("key")
        .1;
    bad_proof.proof.response += raw::Scalar::ONE;
    let mut not_mine = BasicTrustee::generate(&mo, mine, &mut OsRandom)
        .expect("key")
        .1;
    not_mine.public_key += raw::base_mul_u64(1);
    let cases: Vec<(Option<&TestUser>, String, &str, &str)> = vec![
        (None, key(&mo, mine), "UNAUTHENTICATED", "anonymous"),
        (
            Some(&m[0]),
            key(&mo, 1),
            "FORBIDDEN",
            "a member who is not a trustee",
        ),
        (
            Some(&chair),
            key(&mo, theirs),
            "INVALID_BALLOT",
            "the other trustee's index",
        ),
        (
            Some(&chair),
            key(&mo, 7),
            "INVALID_BALLOT",
            "an index nobody has",
        ),
        (
            Some(&chair),
            key(&other_motion, mine),
            "INVALID_BALLOT",
            "a key for another election",
        ),
        (
            Some(&chair),
            to_json(&bad_proof),
            "INVALID_BALLOT",
            "a broken proof",
        ),
        (
            Some(&chair),
            to_json(&not_mine),
            "INVALID_BALLOT",
            "a key the proof is not about",
        ),
        (
            Some(&chair),
            "not a key".into(),
            "INVALID_BALLOT",
            "garbage",
        ),
        (
            Some(&chair),
            "{}".into(),
            "INVALID_BALLOT",
            "an empty object",
        ),
    ];
    for (who, k, code, what) in &cases {
        let before = dump(&app).await;
        let r = submit_key(&app, *who, &mo, k).await;
        refused_unchanged(&app, &before, &r, code, what).await;
    }
    // The chair's key goes in; a second one is refused and the first stays.
    let first = post_key(&app, &a, &mo, &chair).await;
    let before = dump(&app).await;
    let r = submit_key(&app, Some(&chair), &mo, &key(&mo, mine)).await;
    refused_unchanged(&app, &before, &r, "CONFLICT", "a second key").await;
    let r = app.voting(&chair, "openVoting", &mo).await;
    assert_eq!(error_code(&r), Some("TRUSTEES_PENDING"), "{r}");
    let second = post_key(&app, &a, &mo, &treasurer).await;
    let params = params_of(&motion_of(&app, &m[0], &a, &mo).await);
    let stored: Vec<_> = match &params.trustees {
        constellation_shared::voting::TrusteeSetup::Basic { trustees } => trustees.clone(),
        other => panic!("{other:?}"),
    };
    let mut expected = vec![first.key.clone(), second.key.clone()];
    expected.sort_by_key(|k| k.index);
    assert_eq!(stored, expected, "the first keys posted are the election's");
    // Voting open: keys are over.
    assert!(app.voting(&chair, "openVoting", &mo).await["errors"].is_null());
    let before = dump(&app).await;
    let r = submit_key(&app, Some(&treasurer), &mo, &key(&mo, theirs)).await;
    refused_unchanged(
        &app,
        &before,
        &r,
        "INVALID_TRANSITION",
        "a key once voting is open",
    )
    .await;
    // A motion that is not encrypted takes no key.
    let (_, plain) = app.draft_assembly(&chair).await;
    let before = dump(&app).await;
    let r = submit_key(&app, Some(&chair), &plain[1], &key(&plain[1], 1)).await;
    refused_unchanged(
        &app,
        &before,
        &r,
        "INVALID_TRANSITION",
        "a key on a plain secret motion",
    )
    .await;
}

#[tokio::test]
async fn only_each_trustee_decrypts_once_after_the_close_with_valid_proofs() {
    let app = spawn_app().await;
    let (chair, treasurer, m) = people(&app).await;
    let (a, mo) = encrypted_motion(&app, &chair, "SIMPLE").await;
    in_session(&app, &chair, &a, &[&m[0], &m[1], &m[2]]).await;
    let mut trustees: Vec<Trustee> = vec![
        post_key(&app, &a, &mo, &chair).await,
        post_key(&app, &a, &mo, &treasurer).await,
    ];
    trustees.sort_by_key(Trustee::index);
    let params = params_of(&motion_of(&app, &m[0], &a, &mo).await);
    assert!(app.voting(&chair, "openVoting", &mo).await["errors"].is_null());
    let mut ballots = Vec::new();
    for (u, c) in [(&m[0], "YES"), (&m[1], "YES"), (&m[2], "NO")] {
        let (b, _) = ballot(&params, c);
        let r = cast_ballot(&app, Some(u), &mo, &u.id, &to_json(&b)).await;
        assert!(r["errors"].is_null(), "{r}");
        ballots.push(b);
    }
    // Before the close there is no tally to decrypt: a decryption of the ballots so far is
    // refused.
    let early_tally = EncryptedTally::compute(&params, &ballots);
    let early = partial(&params, &early_tally, &trustees[0]);
    let before = dump(&app).await;
    let r = submit_partial(&app, Some(&trustees[0].user), &mo, &to_json(&early)).await;
    refused_unchanged(
        &app,
        &before,
        &r,
        "INVALID_TRANSITION",
        "a decryption while voting",
    )
    .await;

    assert!(app.voting(&chair, "closeVoting", &mo).await["errors"].is_null());
    let tally = tally_of(&motion_of(&app, &m[0], &a, &mo).await);
    assert_eq!(tally, early_tally);
    let fp = params.fingerprint().expect("fingerprint");
    let (t1, t2) = (&trustees[0], &trustees[1]);
    let good1 = partial(&params, &tally, t1);
    let good2 = partial(&params, &tally, t2);
    // The forging helper is right: with the true secret it makes a valid decryption.
    verify_partial_decryption(
        &params,
        &fp,
        &tally,
        &made_with(&params, &tally, t1.index(), &t1.scalar()),
    )
    .expect("the transcript is the protocol's");
    let wrong_secret = made_with(
        &params,
        &tally,
        t1.index(),
        &OsRandom.scalar().expect("rng"),
    );
    let mut relabelled = good2.clone();
    relabelled.trustee = t1.index();
    let mut tampered = good1.clone();
    tampered.factors[1].factor += raw::base_mul_u64(1);
    let mut swapped = good1.clone();
    swapped.factors.swap(0, 1);
    let mut short = good1.clone();
    short.factors.pop();
    // A decryption of another tally: the first two ballots only.
    let other_tally = EncryptedTally::compute(&params, &ballots[..2]);
    let of_other = partial(&params, &other_tally, t1);
    let cases: Vec<(Option<&TestUser>, String, &str, &str)> = vec![
        (None, to_json(&good1), "UNAUTHENTICATED", "anonymous"),
        (
            Some(&m[0]),
            to_json(&good1),
            "FORBIDDEN",
            "a member who is not a trustee",
        ),
        (
            Some(&t1.user),
            to_json(&wrong_secret),
            "INVALID_BALLOT",
            "a wrong secret",
        ),
        (
            Some(&t1.user),
            to_json(&relabelled),
            "INVALID_BALLOT",
            "the other trustee's factors as mine",
        ),
        (
            Some(&t1.user),
            to_json(&good2),
            "INVALID_BALLOT",
            "the other trustee's decryption",
        ),
        (
            Some(&t1.user),
            to_json(&tampered),
            "INVALID_BALLOT",
            "a tampered factor",
        ),
        (
            Some(&t1.user),
            to_json(&swapped),
            "INVALID_BALLOT",
            "factors swapped",
        ),
        (
            Some(&t1.user),
            to_json(&short),
            "INVALID_BALLOT",
            "a missing factor",
        ),
        (
            Some(&t1.user),
            to_json(&of_other),
            "INVALID_BALLOT",
            "a decryption of another tally",
        ),
        (
            Some(&t1.user),
            "garbage".into(),
            "INVALID_BALLOT",
            "garbage",
        ),
        (
            Some(&t1.user),
            "{\"trustee\": 1}".into(),
            "INVALID_BALLOT",
            "no factors",
        ),
    ];
    for (who, pd, code, what) in &cases {
        let before = dump(&app).await;
        let r = submit_partial(&app, *who, &mo, pd).await;
        refused_unchanged(&app, &before, &r, code, what).await;
    }
    let still = motion_of(&app, &m[0], &a, &mo).await;
    assert!(still["result"].is_null(), "{still}");
    assert!(
        still["election"]["trustees"]
            .as_array()
            .expect("trustees")
            .iter()
            .all(|t| t["decrypted"] == false),
        "{still}"
    );

    // Trustee 1 decrypts, once.
    let r = submit_partial(&app, Some(&t1.user), &mo, &to_json(&good1)).await;
    assert!(r["errors"].is_null(), "{r}");
    let before = dump(&app).await;
    let r = submit_partial(
        &app,
        Some(&t1.user),
        &mo,
        &to_json(&partial(&params, &tally, t1)),
    )
    .await;
    refused_unchanged(&app, &before, &r, "CONFLICT", "a second decryption").await;
    // Trustee 2 completes: 2 yes, 1 no.
    let r = submit_partial(&app, Some(&t2.user), &mo, &to_json(&good2)).await;
    assert!(r["errors"].is_null(), "{r}");
    let done = motion_of(&app, &m[0], &a, &mo).await;
    assert_eq!(
        done["result"]["tally"],
        json!({ "yes": 2, "no": 1, "abstain": 0 }),
        "{done}"
    );
    let before = dump(&app).await;
    let r = submit_partial(&app, Some(&t2.user), &mo, &to_json(&good2)).await;
    refused_unchanged(
        &app,
        &before,
        &r,
        "CONFLICT",
        "a decryption after the result",
    )
    .await;
}

/// With no board member, the motion's author holds the only key.
#[tokio::test]
async fn without_a_board_the_author_is_the_trustee() {
    let app = spawn_app().await;
    let admin = app.signup("Admin").await;
    app.set_roles(
        &admin,
        &admin,
        json!({ "kind": "EFFECTIVE", "board": false }),
    )
    .await;
    // Losing the board flag ends the admin's sessions: sign in again.
    let l = app.login(&admin.email, PASSWORD).await;
    let admin = TestUser {
        token: l["data"]["login"]["token"]
            .as_str()
            .expect("token")
            .to_owned(),
        ..admin
    };
    let (a, mo) = encrypted_motion(&app, &admin, "SIMPLE").await;
    let m = motion_of(&app, &admin, &a, &mo).await;
    let trustees = m["election"]["trustees"].as_array().expect("trustees");
    assert_eq!(trustees.len(), 1, "{m}");
    assert_eq!(trustees[0]["index"], 1, "{m}");
    assert_eq!(trustees[0]["person"]["id"], admin.id.as_str(), "{m}");
    assert_eq!(m["election"]["myTrusteeIndex"], 1, "{m}");
    post_key(&app, &a, &mo, &admin).await;
    assert_eq!(
        motion_of(&app, &admin, &a, &mo).await["election"]["ready"],
        true
    );
}
