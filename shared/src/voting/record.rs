//! The election record: everything needed to re-check a vote from one JSON file.

use super::ballot::{verify_ballot_with, Ballot};
use super::election::ElectionParams;
use super::error::{VerifyError, VotingError};
use super::group::points;
use super::tally::{check_totals, decrypt_totals, EncryptedTally, PartialDecryption, Totals};
use curve25519_dalek::ristretto::RistrettoPoint;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The public credentials of the eligible voters (Belenios's public credential list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CredentialList(#[serde(with = "points")] pub Vec<RistrettoPoint>);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElectionRecord {
    pub params: ElectionParams,
    /// When present, every ballot's credential must be on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<CredentialList>,
    /// The ballots counted, at most one per credential.
    pub ballots: Vec<Ballot>,
    pub encrypted_tally: EncryptedTally,
    pub partial_decryptions: Vec<PartialDecryption>,
    /// The claimed totals, one per option.
    pub result: Totals,
}

impl ElectionRecord {
    /// Builds the record at the close: verifies the ballots, sums them, decrypts with the
    /// partial decryptions, and verifies the whole.
    pub fn close(
        params: ElectionParams,
        credentials: Option<CredentialList>,
        ballots: Vec<Ballot>,
        partial_decryptions: Vec<PartialDecryption>,
    ) -> Result<Self, VotingError> {
        let encrypted_tally = EncryptedTally::compute(&params, &ballots);
        let result = decrypt_totals(&params, &encrypted_tally, &partial_decryptions)?;
        let record = Self {
            params,
            credentials,
            ballots,
            encrypted_tally,
            partial_decryptions,
            result,
        };
        verify_record(&record)?;
        Ok(record)
    }

    /// Every ballot tracker, in the record's order (the public board of the vote).
    pub fn trackers(&self) -> Result<Vec<String>, VerifyError> {
        self.ballots.iter().map(Ballot::tracker).collect()
    }
}

/// Re-checks everything from the record alone: the trustees' proofs and the election key, each
/// ballot's proofs and signature, eligibility and one ballot per credential, the encrypted
/// tally, every decryption proof, and the claimed totals. Returns the totals.
pub fn verify_record(record: &ElectionRecord) -> Result<Totals, VerifyError> {
    let params = &record.params;
    params.verify()?;
    let fp = params.fingerprint()?;
    let eligible: Option<BTreeSet<[u8; 32]>> = record
        .credentials
        .as_ref()
        .map(|l| l.0.iter().map(|c| c.compress().to_bytes()).collect());
    let mut used = BTreeSet::new();
    for (i, b) in record.ballots.iter().enumerate() {
        let wrap = |error| VerifyError::Ballot {
            ballot: i,
            error: Box::new(error),
        };
        verify_ballot_with(params, &fp, b).map_err(wrap)?;
        let key = b.credential.compress().to_bytes();
        if eligible.as_ref().is_some_and(|e| !e.contains(&key)) {
            return Err(wrap(VerifyError::UnknownCredential));
        }
        if !used.insert(key) {
            return Err(VerifyError::DuplicateCredential { ballot: i });
        }
    }
    let tally = EncryptedTally::compute(params, &record.ballots);
    if tally != record.encrypted_tally {
        return Err(VerifyError::EncryptedTallyMismatch);
    }
    check_totals(params, &tally, &record.partial_decryptions, &record.result)?;
    Ok(record.result.clone())
}
