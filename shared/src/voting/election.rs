//! The parameters of one secret vote and their fingerprint.

use super::error::VerifyError;
use super::group::point;
use super::trustees::TrusteeSetup;
use curve25519_dalek::ristretto::RistrettoPoint;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Version of the protocol and of its JSON formats.
pub const VERSION: u32 = 1;

/// At most this many options: each costs a ciphertext and a 2-branch proof per ballot, and the
/// overall proof one branch per allowed count.
pub const MAX_OPTIONS: usize = 256;

/// One question: the voter marks each option 0 or 1, and the number of 1s lies in
/// `[min, max]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub options: Vec<String>,
    pub min: u32,
    pub max: u32,
}

impl Question {
    /// A motion: exactly one of yes, no, abstain.
    pub fn yes_no_abstain() -> Self {
        Self {
            options: vec!["yes".into(), "no".into(), "abstain".into()],
            min: 1,
            max: 1,
        }
    }

    /// The question of an encrypted election, written once for the server and the voter's
    /// page: approval over the candidates (their ids, in ballot order) of up to the seats,
    /// or of all of them when fewer stand.
    pub fn election(candidates: Vec<String>, seats: u32) -> Self {
        let max = seats.min(u32::try_from(candidates.len()).unwrap_or(u32::MAX));
        Self::approval(candidates, max)
    }

    /// An election by approval: up to `seats` of the candidates (a blank ballot allowed).
    pub fn approval(candidates: Vec<String>, seats: u32) -> Self {
        Self {
            options: candidates,
            min: 0,
            max: seats,
        }
    }

    pub fn validate(&self) -> Result<(), VerifyError> {
        if self.options.is_empty() {
            return Err(VerifyError::InvalidQuestion("no option"));
        }
        if self.options.len() > MAX_OPTIONS {
            return Err(VerifyError::InvalidQuestion("too many options"));
        }
        if self.min > self.max {
            return Err(VerifyError::InvalidQuestion("min is above max"));
        }
        if self.max as usize > self.options.len() {
            return Err(VerifyError::InvalidQuestion(
                "max is above the number of options",
            ));
        }
        Ok(())
    }
}

/// Everything a voter's browser and a verifier need to know about the vote before the first
/// ballot. Its SHA-256 fingerprint is bound into every ballot proof and decryption proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElectionParams {
    pub version: u32,
    /// Unique across elections (e.g. the motion's UUID): proofs never verify under another.
    pub election_id: String,
    pub question: Question,
    pub trustees: TrusteeSetup,
    /// The trustees' combined key.
    #[serde(with = "point")]
    pub public_key: RistrettoPoint,
}

impl ElectionParams {
    /// Checks the trustees' proofs and derives the election key from them.
    pub fn new(
        election_id: impl Into<String>,
        question: Question,
        trustees: TrusteeSetup,
    ) -> Result<Self, VerifyError> {
        let election_id = election_id.into();
        question.validate()?;
        let public_key = trustees.verify(&election_id)?;
        Ok(Self {
            version: VERSION,
            election_id,
            question,
            trustees,
            public_key,
        })
    }

    /// Version, question, every trustee proof, and the key being the trustees' key.
    pub fn verify(&self) -> Result<(), VerifyError> {
        if self.version != VERSION {
            return Err(VerifyError::UnsupportedVersion(self.version));
        }
        self.question.validate()?;
        if self.trustees.verify(&self.election_id)? != self.public_key {
            return Err(VerifyError::PublicKeyMismatch);
        }
        Ok(())
    }

    /// SHA-256 of the canonical JSON of the parameters.
    pub fn fingerprint(&self) -> Result<[u8; 32], VerifyError> {
        json_sha256(self)
    }

    pub fn fingerprint_hex(&self) -> Result<String, VerifyError> {
        Ok(hex::encode(self.fingerprint()?))
    }
}

/// SHA-256 of a value's JSON. Our types serialise canonically: fixed field order, no maps,
/// and one lowercase hex spelling per point and scalar (decoding refuses any other).
pub fn json_sha256<T: Serialize>(value: &T) -> Result<[u8; 32], VerifyError> {
    let bytes = serde_json::to_vec(value).map_err(|_| VerifyError::Encoding)?;
    Ok(Sha256::digest(&bytes).into())
}

#[cfg(test)]
mod tests {
    use super::Question;

    #[test]
    fn an_election_approves_up_to_the_seats_or_every_candidate_when_fewer_stand() {
        let three: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let q = Question::election(three.clone(), 2);
        assert_eq!((q.options.clone(), q.min, q.max), (three.clone(), 0, 2));
        let q = Question::election(three.clone(), 5);
        assert_eq!((q.min, q.max), (0, 3));
        assert_eq!(Question::election(Vec::new(), 3).max, 0);
    }
}
