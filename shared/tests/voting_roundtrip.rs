//! Encrypted ballots end to end: every ballot shape, trackers, the JSON record.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use common::*;
use constellation_shared::voting::{
    verify_ballot, verify_record, Ballot, Credential, ElectionRecord, Question, VotingError,
};

#[test]
fn yes_no_abstain_round_trip() {
    let mut rng = rng("motion");
    let (params, secrets) = basic_election("motion-1", Question::yes_no_abstain(), 3, &mut rng);
    // 4 yes, 2 no, 1 abstain.
    let votes: Vec<_> = [0, 1, 0, 2, 0, 1, 0].iter().map(|c| motion(*c)).collect();
    let (creds, ballots) = cast(&params, &votes, &mut rng);
    for b in &ballots {
        verify_ballot(&params, b).unwrap();
    }
    let all: Vec<_> = secrets.iter().collect();
    let record = close(&params, &creds, ballots, &all, &mut rng);
    assert_eq!(record.result, vec![4, 2, 1]);
    assert_eq!(verify_record(&record).unwrap(), vec![4, 2, 1]);
}

#[test]
fn election_of_three_seats_among_five_candidates() {
    let mut rng = rng("seats");
    let candidates = ["Ada", "Brune", "Cyril", "Dana", "Émile"]
        .map(String::from)
        .to_vec();
    let question = Question::approval(candidates, 3);
    let (params, secrets) = threshold_election("board-2027", question, 2, 3, &mut rng);
    let votes = vec![
        approve(5, &[0, 1, 2]),
        approve(5, &[0, 3]),
        approve(5, &[]),
        approve(5, &[4]),
        approve(5, &[0, 1, 4]),
    ];
    let (creds, ballots) = cast(&params, &votes, &mut rng);
    let record = close(
        &params,
        &creds,
        ballots,
        &[&secrets[0], &secrets[2]],
        &mut rng,
    );
    assert_eq!(record.result, vec![3, 2, 1, 1, 2]);
    assert_eq!(verify_record(&record).unwrap(), vec![3, 2, 1, 1, 2]);
}

#[test]
fn a_vote_with_no_ballot_decrypts_to_zeros() {
    let mut rng = rng("empty");
    let (params, secrets) = basic_election("empty", Question::yes_no_abstain(), 1, &mut rng);
    let record = close(&params, &[], vec![], &[&secrets[0]], &mut rng);
    assert_eq!(verify_record(&record).unwrap(), vec![0, 0, 0]);
}

#[test]
fn the_voter_cannot_encrypt_a_choice_the_question_forbids() {
    let mut rng = rng("forbidden");
    let (params, _) = basic_election("m", Question::yes_no_abstain(), 1, &mut rng);
    let c = Credential::generate(&mut rng).unwrap();
    for bad in [vec![true, true, false], vec![false; 3], vec![true, false]] {
        assert!(matches!(
            Ballot::create(&params, &c, &bad, &mut rng),
            Err(VotingError::InvalidChoice(_))
        ));
    }
    let q = Question::approval(vec!["a".into(), "b".into(), "c".into()], 2);
    let (params, _) = basic_election("e", q, 1, &mut rng);
    assert!(Ballot::create(&params, &c, &[true, true, true], &mut rng).is_err());
    assert!(Ballot::create(&params, &c, &[true, false, true], &mut rng).is_ok());
}

#[test]
fn record_json_round_trip_and_trackers() {
    let mut rng = rng("json");
    let (params, secrets) = basic_election("json", Question::yes_no_abstain(), 2, &mut rng);
    let (creds, ballots) = cast(&params, &[motion(0), motion(2)], &mut rng);
    let record = close(
        &params,
        &creds,
        ballots,
        &[&secrets[0], &secrets[1]],
        &mut rng,
    );
    let json = serde_json::to_string(&record).unwrap();
    let back: ElectionRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(back, record);
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    let trackers = record.trackers().unwrap();
    assert_eq!(trackers.len(), 2);
    assert_ne!(trackers[0], trackers[1]);
    assert!(trackers.iter().all(|t| t.len() == 64));
    // The tracker of the ballot as received equals the tracker after a JSON round trip.
    let b: Ballot =
        serde_json::from_str(&serde_json::to_string(&record.ballots[0]).unwrap()).unwrap();
    assert_eq!(b.tracker().unwrap(), trackers[0]);
}

#[test]
fn a_credential_from_its_export() {
    let mut rng = rng("cred");
    let c = Credential::generate(&mut rng).unwrap();
    let back = Credential::import(&c.export()).unwrap();
    assert_eq!(back.public(), c.public());
    assert!(!format!("{c:?}").contains(&c.export()));
}
