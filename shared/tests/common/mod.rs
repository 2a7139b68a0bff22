//! Helpers for the voting tests: trustees, voters and a closed vote, all from a seed.
#![allow(dead_code, clippy::unwrap_used)]

use constellation_shared::voting::{
    partial_decrypt, threshold, Ballot, BasicTrustee, Credential, CredentialList, ElectionParams,
    ElectionRecord, EncryptedTally, Question, SeededRandom, TrusteeSecret, TrusteeSetup,
};

pub fn rng(label: &str) -> SeededRandom {
    SeededRandom::from_label(label)
}

/// An n-of-n election.
pub fn basic_election(
    id: &str,
    question: Question,
    n: u32,
    rng: &mut SeededRandom,
) -> (ElectionParams, Vec<TrusteeSecret>) {
    let (secrets, trustees): (Vec<_>, Vec<_>) = (1..=n)
        .map(|i| BasicTrustee::generate(id, i, rng).unwrap())
        .unzip();
    let params = ElectionParams::new(id, question, TrusteeSetup::Basic { trustees }).unwrap();
    (params, secrets)
}

/// A k-of-n election, running the three steps of the key generation.
pub fn threshold_election(
    id: &str,
    question: Question,
    k: u32,
    n: u32,
    rng: &mut SeededRandom,
) -> (ElectionParams, Vec<TrusteeSecret>) {
    let threshold_k = k;
    let (channel_secrets, channels): (Vec<_>, Vec<_>) = (1..=n)
        .map(|i| threshold::channel_key(id, i, rng).unwrap())
        .unzip();
    let dealings: Vec<_> = (1..=n)
        .map(|i| threshold::deal(id, k, i, &channels, rng).unwrap())
        .collect();
    let (secrets, keys): (Vec<_>, Vec<_>) = channel_secrets
        .iter()
        .map(|c| threshold::receive(id, k, c, &dealings, rng).unwrap())
        .unzip();
    let trustees = threshold::assemble(&channels, &dealings, &keys).unwrap();
    // Each trustee confirms the published set-up against its own view.
    for (d, k) in dealings.iter().zip(&keys) {
        let view = threshold::TrusteeView {
            channels: channels.clone(),
            dealing: d.clone(),
            verification_key: k.clone(),
        };
        threshold::confirm_setup(id, threshold_k, &trustees, &view).unwrap();
    }
    let setup = TrusteeSetup::Threshold {
        threshold: k,
        trustees,
    };
    (ElectionParams::new(id, question, setup).unwrap(), secrets)
}

/// One voter per selection: a credential and a ballot.
pub fn cast(
    params: &ElectionParams,
    selections: &[Vec<bool>],
    rng: &mut SeededRandom,
) -> (Vec<Credential>, Vec<Ballot>) {
    selections
        .iter()
        .map(|s| {
            let c = Credential::generate(rng).unwrap();
            let b = Ballot::create(params, &c, s, rng).unwrap();
            (c, b)
        })
        .unzip()
}

/// Closes the vote with the given trustees' partial decryptions.
pub fn close(
    params: &ElectionParams,
    credentials: &[Credential],
    ballots: Vec<Ballot>,
    trustees: &[&TrusteeSecret],
    rng: &mut SeededRandom,
) -> ElectionRecord {
    let tally = EncryptedTally::compute(params, &ballots);
    let pds = trustees
        .iter()
        .map(|s| partial_decrypt(params, &tally, s, rng).unwrap())
        .collect();
    let list = CredentialList(credentials.iter().map(Credential::public).collect());
    ElectionRecord::close(params.clone(), Some(list), ballots, pds).unwrap()
}

/// `[yes, no, abstain]` flags for one vote among 0 = yes, 1 = no, 2 = abstain.
pub fn motion(choice: usize) -> Vec<bool> {
    (0..3).map(|i| i == choice).collect()
}

/// Approval flags from the chosen candidates' positions.
pub fn approve(n: usize, chosen: &[usize]) -> Vec<bool> {
    (0..n).map(|i| chosen.contains(&i)).collect()
}
