//! Fixed-seed test vectors: the same seed must give byte-for-byte the same election record,
//! and the committed records must keep verifying. Regenerate (after a deliberate format
//! change, with a new protocol version) with `UPDATE_VOTING_VECTORS=1 cargo test -p
//! constellation-shared --test voting_vectors`.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use common::*;
use constellation_shared::voting::{verify_record, ElectionRecord, Question};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Serialize, Deserialize)]
struct Vector {
    description: String,
    fingerprint: String,
    trackers: Vec<String>,
    result: Vec<u64>,
    record: ElectionRecord,
}

fn motion_vector() -> Vector {
    let mut rng = rng("vector/motion");
    let (params, secrets) =
        basic_election("vector-motion", Question::yes_no_abstain(), 2, &mut rng);
    let (creds, ballots) = cast(&params, &[motion(0), motion(1), motion(0)], &mut rng);
    let all: Vec<_> = secrets.iter().collect();
    let record = close(&params, &creds, ballots, &all, &mut rng);
    Vector {
        description: "yes/no/abstain, 2 trustees (n-of-n), 3 ballots: yes, no, yes".into(),
        fingerprint: record.params.fingerprint_hex().unwrap(),
        trackers: record.trackers().unwrap(),
        result: record.result.clone(),
        record,
    }
}

fn election_vector() -> Vector {
    let mut rng = rng("vector/election");
    let candidates = ["A", "B", "C", "D", "E"].map(String::from).to_vec();
    let (params, secrets) = threshold_election(
        "vector-election",
        Question::approval(candidates, 3),
        2,
        3,
        &mut rng,
    );
    let votes = vec![approve(5, &[0, 2, 4]), approve(5, &[1])];
    let (creds, ballots) = cast(&params, &votes, &mut rng);
    let record = close(
        &params,
        &creds,
        ballots,
        &[&secrets[2], &secrets[0]],
        &mut rng,
    );
    Vector {
        description: "3 seats among 5 candidates, 2-of-3 trustees (3 and 1 decrypt), 2 ballots"
            .into(),
        fingerprint: record.params.fingerprint_hex().unwrap(),
        trackers: record.trackers().unwrap(),
        result: record.result.clone(),
        record,
    }
}

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(name)
}

fn check(name: &str, fresh: Vector) {
    let json = serde_json::to_string_pretty(&fresh).unwrap() + "\n";
    if std::env::var_os("UPDATE_VOTING_VECTORS").is_some() {
        std::fs::write(path(name), &json).unwrap();
    }
    let committed = std::fs::read_to_string(path(name)).unwrap();
    assert!(
        committed == json,
        "{name}: the same seed no longer gives the committed record"
    );
    let v: Vector = serde_json::from_str(&committed).unwrap();
    assert_eq!(verify_record(&v.record).unwrap(), v.result);
    assert_eq!(v.record.trackers().unwrap(), v.trackers);
    assert_eq!(v.record.params.fingerprint_hex().unwrap(), v.fingerprint);
}

#[test]
fn motion_vector_is_stable() {
    check("motion.json", motion_vector());
}

#[test]
fn election_vector_is_stable() {
    check("election-3-seats-of-5.json", election_vector());
}
