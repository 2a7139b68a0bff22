//! Every value of a ballot or of an election record that is tampered with is caught.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use common::*;
use constellation_shared::voting::raw::{
    base_mul, base_mul_u64, individual_transcript, overall_transcript, point_from_hex,
    point_to_hex, prove_interval, scalar_from_hex, scalar_to_hex, Scalar,
};
use constellation_shared::voting::{
    verify_ballot, verify_record, Ballot, Ciphertext, Credential, ElectionParams, ElectionRecord,
    IntervalProof, Opening, Question, RandomSource, SeededRandom, VerifyError,
};
use serde_json::Value;

/// What is edited, how, and the error expected.
type Case = (&'static str, Box<dyn Fn(&mut Value)>, VerifyError);

fn bump_scalar(v: &mut Value) {
    let s = scalar_from_hex(v.as_str().unwrap()).unwrap() + Scalar::ONE;
    *v = Value::String(scalar_to_hex(&s));
}

fn bump_point(v: &mut Value) {
    let p = point_from_hex(v.as_str().unwrap()).unwrap() + base_mul_u64(1);
    *v = Value::String(point_to_hex(&p));
}

/// A closed motion (3 trustees, n-of-n) with 3 ballots: yes, no, yes.
fn motion_record() -> (ElectionRecord, Vec<Credential>, SeededRandom) {
    let mut rng = rng("tamper");
    let (params, secrets) = basic_election("motion-7", Question::yes_no_abstain(), 3, &mut rng);
    let (creds, ballots) = cast(&params, &[motion(0), motion(1), motion(0)], &mut rng);
    let all: Vec<_> = secrets.iter().collect();
    let record = close(&params, &creds, ballots, &all, &mut rng);
    (record, creds, rng)
}

fn verify_edited(
    record: &ElectionRecord,
    edit: impl FnOnce(&mut Value),
) -> Result<Vec<u64>, VerifyError> {
    let mut v = serde_json::to_value(record).unwrap();
    edit(&mut v);
    let edited: ElectionRecord = serde_json::from_value(v).unwrap();
    verify_record(&edited)
}

fn in_ballot(ballot: usize, error: VerifyError) -> VerifyError {
    VerifyError::Ballot {
        ballot,
        error: Box::new(error),
    }
}

#[test]
fn the_untouched_record_verifies() {
    let (record, _, _) = motion_record();
    assert_eq!(verify_record(&record).unwrap(), vec![2, 1, 0]);
}

#[test]
fn a_ballot_encrypting_two_for_yes_is_rejected() {
    let (record, _, mut rng) = motion_record();
    let params = &record.params;
    let fp = params.fingerprint().unwrap();
    let y = params.public_key;
    let voter = Credential::generate(&mut rng).unwrap();
    let cred = voter.public();
    // yes = 2, no = −1, abstain = 0: the sum is 1, so the overall proof is honest.
    let r: Vec<Scalar> = (0..3).map(|_| rng.scalar().unwrap()).collect();
    let choices = vec![
        Ciphertext::encrypt(&y, 2, &r[0]),
        Ciphertext {
            alpha: base_mul(&r[1]),
            beta: y * r[1] - base_mul_u64(1),
        },
        Ciphertext::encrypt(&y, 0, &r[2]),
    ];
    // The best one can do for "yes": an honest proof of 2 ∈ [1, 2] (two branches, like the
    // [0, 1] proof expected), and one of 2 ∈ [0, 2] cut to two branches.
    let t = individual_transcript(&fp, &cred, 0);
    let open = Opening {
        value: 2,
        randomness: &r[0],
    };
    let shifted = prove_interval(t, &y, &choices[0], open, 1, 2, &mut rng).unwrap();
    let t = individual_transcript(&fp, &cred, 0);
    let open = Opening {
        value: 2,
        randomness: &r[0],
    };
    let wide = prove_interval(t, &y, &choices[0], open, 0, 2, &mut rng).unwrap();
    let cut = IntervalProof(wide.0[..2].to_vec());
    let t = individual_transcript(&fp, &cred, 2);
    let open = Opening {
        value: 0,
        randomness: &r[2],
    };
    let abstain = prove_interval(t, &y, &choices[2], open, 0, 1, &mut rng).unwrap();
    let sum = choices[0] + choices[1] + choices[2];
    let total_r = r[0] + r[1] + r[2];
    let t = overall_transcript(&fp, &cred, &choices);
    let open = Opening {
        value: 1,
        randomness: &total_r,
    };
    let overall = prove_interval(t, &y, &sum, open, 1, 1, &mut rng).unwrap();

    for yes_proof in [shifted, cut] {
        let mut ballot = Ballot {
            version: 1,
            election_id: params.election_id.clone(),
            election_fingerprint: params.fingerprint_hex().unwrap(),
            credential: cred,
            choices: choices.clone(),
            // "no" reuses the "yes" proof shape; it cannot be proven either.
            individual_proofs: vec![yes_proof.clone(), yes_proof, abstain.clone()],
            overall_proof: overall.clone(),
            signature: record.ballots[0].signature,
        };
        ballot.sign(&fp, &voter, &mut rng).unwrap();
        assert_eq!(
            verify_ballot(params, &ballot),
            Err(VerifyError::IndividualProof { option: 0 })
        );
    }
    // And the honest creation path refuses two choices.
    let two = Ballot::create(params, &voter, &[true, true, false], &mut rng);
    assert!(two.is_err());
}

#[test]
fn each_tampered_ballot_value_is_rejected() {
    let (record, _, _) = motion_record();
    let cases: Vec<Case> = vec![
        (
            "one ciphertext",
            Box::new(|v| bump_point(&mut v["ballots"][0]["choices"][1]["alpha"])),
            in_ballot(0, VerifyError::IndividualProof { option: 1 }),
        ),
        (
            "one beta",
            Box::new(|v| bump_point(&mut v["ballots"][2]["choices"][2]["beta"])),
            in_ballot(2, VerifyError::IndividualProof { option: 2 }),
        ),
        (
            "one proof response",
            Box::new(|v| bump_scalar(&mut v["ballots"][1]["individual_proofs"][0][1]["response"])),
            in_ballot(1, VerifyError::IndividualProof { option: 0 }),
        ),
        (
            "one challenge",
            Box::new(|v| bump_scalar(&mut v["ballots"][0]["overall_proof"][0]["challenge"])),
            in_ballot(0, VerifyError::OverallProof),
        ),
        (
            "the signature",
            Box::new(|v| bump_scalar(&mut v["ballots"][1]["signature"]["response"])),
            in_ballot(1, VerifyError::BallotSignature),
        ),
        (
            "the credential",
            Box::new(|v| bump_point(&mut v["ballots"][1]["credential"])),
            in_ballot(1, VerifyError::IndividualProof { option: 0 }),
        ),
        (
            "the election id of a ballot",
            Box::new(|v| v["ballots"][0]["election_id"] = "motion-8".into()),
            in_ballot(0, VerifyError::WrongElection),
        ),
    ];
    for (what, edit, expected) in cases {
        assert_eq!(verify_edited(&record, edit), Err(expected), "{what}");
    }
}

#[test]
fn each_tampered_record_value_is_rejected() {
    let (record, _, _) = motion_record();
    let other = point_to_hex(&base_mul_u64(12345));
    let cases: Vec<Case> = vec![
        (
            "the election key swapped",
            Box::new(move |v| v["params"]["public_key"] = other.clone().into()),
            VerifyError::PublicKeyMismatch,
        ),
        (
            "a trustee's key swapped",
            Box::new(|v| bump_point(&mut v["params"]["trustees"]["trustees"][1]["public_key"])),
            VerifyError::TrusteeProof { trustee: 2 },
        ),
        (
            "the election id",
            Box::new(|v| v["params"]["election_id"] = "motion-8".into()),
            VerifyError::TrusteeProof { trustee: 1 },
        ),
        (
            "a partial decryption factor",
            Box::new(|v| bump_point(&mut v["partial_decryptions"][2]["factors"][1]["factor"])),
            VerifyError::PartialDecryptionProof {
                trustee: 3,
                option: 1,
            },
        ),
        (
            "a partial decryption proof",
            Box::new(|v| {
                bump_scalar(&mut v["partial_decryptions"][0]["factors"][0]["proof"]["response"])
            }),
            VerifyError::PartialDecryptionProof {
                trustee: 1,
                option: 0,
            },
        ),
        (
            "a partial decryption missing",
            Box::new(|v| {
                v["partial_decryptions"].as_array_mut().unwrap().pop();
            }),
            VerifyError::NotEnoughPartialDecryptions { needed: 3, got: 2 },
        ),
        (
            "a partial decryption twice",
            Box::new(|v| {
                let pds = v["partial_decryptions"].as_array_mut().unwrap();
                pds[2] = pds[0].clone();
            }),
            VerifyError::DuplicatePartialDecryption { trustee: 1 },
        ),
        (
            "a total",
            Box::new(|v| v["result"][0] = 3.into()),
            VerifyError::ResultMismatch { option: 0 },
        ),
        (
            "totals swapped",
            Box::new(|v| v["result"] = serde_json::json!([1, 2, 0])),
            VerifyError::ResultMismatch { option: 0 },
        ),
        (
            "a total added",
            Box::new(|v| v["result"].as_array_mut().unwrap().push(0.into())),
            VerifyError::ResultShape,
        ),
        (
            "the encrypted tally",
            Box::new(|v| bump_point(&mut v["encrypted_tally"]["ciphertexts"][0]["beta"])),
            VerifyError::EncryptedTallyMismatch,
        ),
        (
            "a ballot removed",
            Box::new(|v| {
                v["ballots"].as_array_mut().unwrap().remove(1);
            }),
            VerifyError::EncryptedTallyMismatch,
        ),
        (
            "a ballot twice",
            Box::new(|v| {
                let b = v["ballots"][0].clone();
                v["ballots"].as_array_mut().unwrap().push(b);
            }),
            VerifyError::DuplicateCredential { ballot: 3 },
        ),
    ];
    for (what, edit, expected) in cases {
        assert_eq!(verify_edited(&record, edit), Err(expected), "{what}");
    }
}

#[test]
fn a_ballot_removed_with_the_tally_recomputed_breaks_the_decryption_proofs() {
    let (record, _, _) = motion_record();
    let mut edited = record.clone();
    edited.ballots.remove(1);
    edited.encrypted_tally =
        constellation_shared::voting::EncryptedTally::compute(&edited.params, &edited.ballots);
    edited.result = vec![2, 0, 0];
    assert!(matches!(
        verify_record(&edited),
        Err(VerifyError::PartialDecryptionProof { trustee: 1, .. })
    ));
}

#[test]
fn a_stuffed_ballot_needs_an_eligible_credential() {
    let (record, _, mut rng) = motion_record();
    let intruder = Credential::generate(&mut rng).unwrap();
    let ballot = Ballot::create(&record.params, &intruder, &motion(1), &mut rng).unwrap();
    verify_ballot(&record.params, &ballot).unwrap();
    let mut edited = record.clone();
    edited.ballots[2] = ballot;
    assert_eq!(
        verify_record(&edited),
        Err(in_ballot(2, VerifyError::UnknownCredential))
    );
}

#[test]
fn proofs_do_not_verify_under_another_election_or_voter() {
    let (record, creds, mut rng) = motion_record();
    let ballot = &record.ballots[0];
    // Same trustees' key, another election id: the fingerprint differs.
    let mut other: ElectionParams = record.params.clone();
    other.election_id = "motion-8".into();
    assert_eq!(
        verify_ballot(&other, ballot),
        Err(VerifyError::WrongElection)
    );
    let mut moved = ballot.clone();
    moved.election_id = other.election_id.clone();
    moved.election_fingerprint = other.fingerprint_hex().unwrap();
    assert_eq!(
        verify_ballot(&other, &moved),
        Err(VerifyError::IndividualProof { option: 0 })
    );
    // Another voter re-signing someone else's ballot under their own credential.
    let fp = record.params.fingerprint().unwrap();
    let mut replayed = ballot.clone();
    replayed.sign(&fp, &creds[1], &mut rng).unwrap();
    assert_eq!(
        verify_ballot(&record.params, &replayed),
        Err(VerifyError::IndividualProof { option: 0 })
    );
    // A fresh election with its own trustees.
    let (params2, _) = basic_election("motion-9", Question::yes_no_abstain(), 3, &mut rng);
    assert_ne!(params2.public_key, record.params.public_key);
    assert_eq!(
        verify_ballot(&params2, ballot),
        Err(VerifyError::WrongElection)
    );
}

#[test]
fn non_canonical_encodings_are_refused_when_reading() {
    let (record, _, _) = motion_record();
    let mut v = serde_json::to_value(&record).unwrap();
    let upper = v["ballots"][0]["credential"]
        .as_str()
        .unwrap()
        .to_uppercase();
    v["ballots"][0]["credential"] = upper.into();
    assert!(serde_json::from_value::<ElectionRecord>(v).is_err());
    let mut v = serde_json::to_value(&record).unwrap();
    v["ballots"][0]["signature"]["response"] = "ff".repeat(32).into();
    assert!(serde_json::from_value::<ElectionRecord>(v).is_err());
}
