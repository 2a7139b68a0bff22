//! Cost of a ballot (3 options): `cargo test -p constellation-shared --test voting_cost --
//! --ignored --nocapture`. Ignored by default: it measures, it does not check.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use common::*;
use constellation_shared::voting::{
    verify_ballot, Ballot, Credential, EncryptedTally, OsRandom, Question,
};
use std::time::Instant;

#[test]
#[ignore]
fn ballot_cost() {
    let mut seeded = rng("cost");
    let (params, _) = basic_election("cost", Question::yes_no_abstain(), 3, &mut seeded);
    let n = 20;
    let creds: Vec<_> = (0..n)
        .map(|_| Credential::generate(&mut OsRandom).unwrap())
        .collect();
    let start = Instant::now();
    let ballots: Vec<_> = creds
        .iter()
        .enumerate()
        .map(|(i, c)| Ballot::create(&params, c, &motion(i % 3), &mut OsRandom).unwrap())
        .collect();
    let create = start.elapsed() / n;
    let start = Instant::now();
    for b in &ballots {
        verify_ballot(&params, b).unwrap();
    }
    let verify = start.elapsed() / n;
    let start = Instant::now();
    let _ = EncryptedTally::compute(&params, &ballots);
    let tally = start.elapsed() / n;
    let size = serde_json::to_vec(&ballots[0]).unwrap().len();
    println!(
        "3 options, 3 trustees: encrypt + prove + sign {create:?}, verify {verify:?}, \
         tally {tally:?} per ballot; ballot JSON {size} bytes"
    );
}
