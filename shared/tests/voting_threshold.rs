//! k-of-n trustees: any k decrypt, k − 1 cannot, and bad dealings are caught.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use common::*;
use constellation_shared::voting::raw::{
    base_mul_u64, prove_knowledge, transcript, Scalar, TranscriptExt,
};
use constellation_shared::voting::{
    decrypt_totals, partial_decrypt, threshold, verify_record, ElectionParams, ElectionRecord,
    EncryptedTally, Question, TrusteeSetup, VerifyError, VotingError,
};

fn subsets(n: u32, k: usize) -> Vec<Vec<u32>> {
    (0u32..1 << n)
        .filter(|m| m.count_ones() as usize == k)
        .map(|m| (1..=n).filter(|i| m & (1 << (i - 1)) != 0).collect())
        .collect()
}

#[test]
fn any_k_of_n_trustees_decrypt_and_k_minus_one_cannot() {
    let mut rng = rng("threshold");
    let (params, secrets) =
        threshold_election("t-3-of-5", Question::yes_no_abstain(), 3, 5, &mut rng);
    let votes: Vec<_> = [0, 0, 1, 2, 0].iter().map(|c| motion(*c)).collect();
    let (creds, ballots) = cast(&params, &votes, &mut rng);
    let tally = EncryptedTally::compute(&params, &ballots);
    let pds: Vec<_> = secrets
        .iter()
        .map(|s| partial_decrypt(&params, &tally, s, &mut rng).unwrap())
        .collect();
    for k in 3..=5 {
        for set in subsets(5, k) {
            let chosen: Vec<_> = set.iter().map(|i| pds[*i as usize - 1].clone()).collect();
            assert_eq!(
                decrypt_totals(&params, &tally, &chosen).unwrap(),
                vec![3, 1, 1],
                "{set:?}"
            );
        }
    }
    for set in subsets(5, 2) {
        let chosen: Vec<_> = set.iter().map(|i| pds[*i as usize - 1].clone()).collect();
        assert_eq!(
            decrypt_totals(&params, &tally, &chosen),
            Err(VotingError::Verify(
                VerifyError::NotEnoughPartialDecryptions { needed: 3, got: 2 }
            ))
        );
    }
    // k − 1 shares, even combined by hand with their Lagrange coefficients, give no total.
    let set = [2u32, 4];
    let weights = params.trustees.coefficients(&set);
    for (option, ct) in tally.ciphertexts.iter().enumerate() {
        let f =
            weights[0] * pds[1].factors[option].factor + weights[1] * pds[3].factors[option].factor;
        let p = ct.unblind(&f);
        assert!((0..=5).all(|m| base_mul_u64(m) != p));
    }
    // The record verifies with exactly k of them.
    let record = ElectionRecord::close(
        params.clone(),
        Some(constellation_shared::voting::CredentialList(
            creds.iter().map(|c| c.public()).collect(),
        )),
        ballots,
        vec![pds[4].clone(), pds[0].clone(), pds[2].clone()],
    )
    .unwrap();
    assert_eq!(verify_record(&record).unwrap(), vec![3, 1, 1]);
}

#[test]
fn threshold_setup_checks() {
    let mut rng = rng("threshold-setup");
    let (params, _) = threshold_election("t", Question::yes_no_abstain(), 2, 3, &mut rng);
    let TrusteeSetup::Threshold {
        threshold,
        trustees,
    } = &params.trustees
    else {
        panic!("threshold set-up expected");
    };
    assert_eq!(*threshold, 2);
    // A verification key that does not match the commitments.
    let mut bad = trustees.clone();
    bad[1].verification_key = bad[0].verification_key;
    assert!(matches!(
        threshold::verify_setup("t", 2, &bad),
        Err(VerifyError::TrusteeProof { trustee: 2 })
    ));
    // A verification key with a valid proof of knowledge, but not the dealt one.
    let mut bad = trustees.clone();
    let fake = Scalar::from(7u64);
    bad[1].verification_key = base_mul_u64(7);
    let mut t = transcript(b"threshold-verification-key");
    t.bytes(b"election", b"t");
    t.u64(b"trustee", 2);
    bad[1].verification_proof =
        prove_knowledge(t, &fake, &bad[1].verification_key, &mut rng).unwrap();
    assert_eq!(
        threshold::verify_setup("t", 2, &bad),
        Err(VerifyError::VerificationKeyMismatch { trustee: 2 })
    );
    // A commitment changed.
    let mut bad = trustees.clone();
    bad[2].coefexps[1] += base_mul_u64(1);
    assert_eq!(
        threshold::verify_setup("t", 2, &bad),
        Err(VerifyError::TrusteeProof { trustee: 3 })
    );
    // Thresholds outside 1..=n.
    for k in [0, 4] {
        assert!(matches!(
            threshold::verify_setup("t", k, trustees),
            Err(VerifyError::InvalidTrustees(_))
        ));
    }
    // Another election id.
    assert!(threshold::verify_setup("u", 2, trustees).is_err());
    // The params refuse a threshold changed after the fact.
    let mut p: ElectionParams = params.clone();
    if let TrusteeSetup::Threshold { threshold, .. } = &mut p.trustees {
        *threshold = 3;
    }
    assert!(p.verify().is_err());
}

#[test]
fn a_corrupted_share_is_caught_by_its_recipient() {
    let mut rng = rng("bad-share");
    let id = "t";
    let (channel_secrets, channels): (Vec<_>, Vec<_>) = (1..=3)
        .map(|i| threshold::channel_key(id, i, &mut rng).unwrap())
        .unzip();
    let mut dealings: Vec<_> = (1..=3)
        .map(|i| threshold::deal(id, 2, i, &channels, &mut rng).unwrap())
        .collect();
    // The relaying server adds 1 to the share dealer 1 sent to trustee 3.
    dealings[0].shares[2].masked += Scalar::ONE;
    assert!(threshold::receive(id, 2, &channel_secrets[0], &dealings, &mut rng).is_ok());
    assert_eq!(
        threshold::receive(id, 2, &channel_secrets[2], &dealings, &mut rng).unwrap_err(),
        VotingError::Verify(VerifyError::InvalidShare {
            dealer: 1,
            recipient: 3
        })
    );
    // A dealer who commits to one polynomial and deals from another is caught the same way.
    let other = threshold::deal(id, 2, 2, &channels, &mut rng).unwrap();
    dealings[0].shares[2].masked -= Scalar::ONE;
    dealings[1].shares = other.shares;
    assert_eq!(
        threshold::receive(id, 2, &channel_secrets[0], &dealings, &mut rng).unwrap_err(),
        VotingError::Verify(VerifyError::InvalidShare {
            dealer: 2,
            recipient: 1
        })
    );
}

#[test]
fn one_of_one_and_n_of_n_thresholds_work() {
    for (k, n) in [(1, 1), (1, 3), (3, 3)] {
        let mut rng = rng(&format!("t-{k}-{n}"));
        let (params, secrets) = threshold_election("t", Question::yes_no_abstain(), k, n, &mut rng);
        let (creds, ballots) = cast(&params, &[motion(2), motion(1)], &mut rng);
        let chosen: Vec<_> = secrets.iter().take(k as usize).collect();
        let record = close(&params, &creds, ballots, &chosen, &mut rng);
        assert_eq!(verify_record(&record).unwrap(), vec![0, 1, 1]);
    }
}

#[test]
fn each_trustee_confirms_the_published_setup_against_its_view() {
    let mut rng = rng("confirm");
    let id = "t";
    let (secrets, channels): (Vec<_>, Vec<_>) = (1..=3)
        .map(|i| threshold::channel_key(id, i, &mut rng).unwrap())
        .unzip();
    let dealings: Vec<_> = (1..=3)
        .map(|i| threshold::deal(id, 2, i, &channels, &mut rng).unwrap())
        .collect();
    let keys: Vec<_> = secrets
        .iter()
        .map(|c| threshold::receive(id, 2, c, &dealings, &mut rng).unwrap().1)
        .collect();
    let trustees = threshold::assemble(&channels, &dealings, &keys).unwrap();
    let view = |i: usize| threshold::TrusteeView {
        channels: channels.clone(),
        dealing: dealings[i].clone(),
        verification_key: keys[i].clone(),
    };
    for i in 0..3 {
        threshold::confirm_setup(id, 2, &trustees, &view(i)).unwrap();
    }
    // The server publishes its own channel key for trustee 2 (with a valid proof): the set-up
    // verifies, but trustee 1 sees that it dealt to another key.
    let (_, server) = threshold::channel_key(id, 2, &mut rng).unwrap();
    let mut swapped = trustees.clone();
    swapped[1].channel_key = server.key;
    swapped[1].channel_proof = server.proof;
    threshold::verify_setup(id, 2, &swapped).unwrap();
    assert!(threshold::confirm_setup(id, 2, &swapped, &view(0)).is_err());
    // The server replaces trustee 3's dealing by its own everywhere: trustee 3 sees it.
    let fake = threshold::deal(id, 2, 3, &channels, &mut rng).unwrap();
    let mut dealings2 = dealings.clone();
    dealings2[2] = fake;
    let keys2: Vec<_> = secrets
        .iter()
        .map(|c| {
            threshold::receive(id, 2, c, &dealings2, &mut rng)
                .unwrap()
                .1
        })
        .collect();
    let replaced = threshold::assemble(&channels, &dealings2, &keys2).unwrap();
    threshold::verify_setup(id, 2, &replaced).unwrap();
    assert!(threshold::confirm_setup(id, 2, &replaced, &view(2)).is_err());
}
