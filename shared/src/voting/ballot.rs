//! Ballots: one ciphertext of 0 or 1 per option, the proofs that make it well-formed, and the
//! voter's signature under a credential whose secret only the voter's browser holds.

use super::election::{json_sha256, ElectionParams, VERSION};
use super::elgamal::{self, Ciphertext};
use super::error::{VerifyError, VotingError};
use super::group::TranscriptExt;
use super::group::{base_mul, point, scalar_from_hex, scalar_to_hex, transcript, RandomSource};
use super::proofs::{
    prove_interval, prove_knowledge, verify_interval, verify_knowledge, IntervalProof, Opening,
    Proof,
};
use curve25519_dalek::ristretto::RistrettoPoint;
use curve25519_dalek::scalar::Scalar;
use merlin::Transcript;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// A voter's signing credential (Belenios's private credential): generated in the voter's
/// browser; the server only ever sees [`Credential::public`].
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Credential {
    secret: Scalar,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credential { .. }")
    }
}

impl Credential {
    pub fn generate(rng: &mut impl RandomSource) -> Result<Self, VotingError> {
        Ok(Self {
            secret: rng.scalar()?,
        })
    }

    pub fn public(&self) -> RistrettoPoint {
        base_mul(&self.secret)
    }

    /// Hex of the secret, for the voter's storage.
    pub fn export(&self) -> String {
        scalar_to_hex(&self.secret)
    }

    pub fn import(s: &str) -> Option<Self> {
        scalar_from_hex(s.trim()).map(|secret| Self { secret })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub version: u32,
    pub election_id: String,
    /// Hex SHA-256 of the election parameters.
    pub election_fingerprint: String,
    /// The voter's public credential.
    #[serde(with = "point")]
    pub credential: RistrettoPoint,
    /// One ciphertext per option, in the question's order.
    pub choices: Vec<Ciphertext>,
    /// Per option: the ciphertext holds 0 or 1.
    pub individual_proofs: Vec<IntervalProof>,
    /// The sum of the choices holds a count in `[min, max]`.
    pub overall_proof: IntervalProof,
    /// Schnorr signature over everything above under the credential.
    pub signature: Proof,
}

/// The transcript an option's 0-or-1 proof starts from (public for tools and tests).
pub fn individual_transcript(
    fp: &[u8; 32],
    credential: &RistrettoPoint,
    option: usize,
) -> Transcript {
    let mut t = transcript(b"ballot-individual");
    t.bytes(b"election", fp);
    t.point(b"credential", credential);
    t.u64(b"option", option as u64);
    t
}

/// The transcript the overall proof starts from.
pub fn overall_transcript(
    fp: &[u8; 32],
    credential: &RistrettoPoint,
    choices: &[Ciphertext],
) -> Transcript {
    let mut t = transcript(b"ballot-overall");
    t.bytes(b"election", fp);
    t.point(b"credential", credential);
    for c in choices {
        t.point(b"alpha", &c.alpha);
        t.point(b"beta", &c.beta);
    }
    t
}

fn signature_transcript(fp: &[u8; 32], b: &Ballot) -> Transcript {
    let mut t = transcript(b"ballot-signature");
    t.bytes(b"election", fp);
    t.bytes(b"election-id", b.election_id.as_bytes());
    t.u64(b"version", u64::from(b.version));
    for c in &b.choices {
        t.point(b"alpha", &c.alpha);
        t.point(b"beta", &c.beta);
    }
    for p in b
        .individual_proofs
        .iter()
        .chain(std::iter::once(&b.overall_proof))
    {
        t.u64(b"branches", p.0.len() as u64);
        for q in &p.0 {
            t.scalar(b"c", &q.challenge);
            t.scalar(b"r", &q.response);
        }
    }
    t
}

/// The encryption randomness of a ballot in the making, wiped on drop.
#[derive(Zeroize, ZeroizeOnDrop)]
struct Randomness(Vec<Scalar>);

impl Ballot {
    /// Encrypts `selection` (one flag per option) for the election, in the voter's browser.
    /// Checks the election parameters first, so that a server cannot slip in its own key.
    pub fn create(
        params: &ElectionParams,
        credential: &Credential,
        selection: &[bool],
        rng: &mut impl RandomSource,
    ) -> Result<Ballot, VotingError> {
        params.verify()?;
        let q = &params.question;
        if selection.len() != q.options.len() {
            return Err(VotingError::InvalidChoice("one flag per option"));
        }
        let count = selection.iter().filter(|s| **s).count() as u64;
        let (min, max) = (u64::from(q.min), u64::from(q.max));
        if count < min || count > max {
            return Err(VotingError::InvalidChoice(
                "number of choices outside [min, max]",
            ));
        }
        let fp = params.fingerprint()?;
        let y = params.public_key;
        let cred = credential.public();
        let mut rs = Randomness(Vec::with_capacity(selection.len()));
        let mut choices = Vec::with_capacity(selection.len());
        let mut individual_proofs = Vec::with_capacity(selection.len());
        for (i, chosen) in selection.iter().enumerate() {
            let r = rng.scalar()?;
            let m = u64::from(*chosen);
            let ct = Ciphertext::encrypt(&y, m, &r);
            let t = individual_transcript(&fp, &cred, i);
            let opening = Opening {
                value: m,
                randomness: &r,
            };
            individual_proofs.push(prove_interval(t, &y, &ct, opening, 0, 1, rng)?);
            choices.push(ct);
            rs.0.push(r);
        }
        let sum_ct = elgamal::sum(&choices);
        let mut sum_r: Scalar = rs.0.iter().sum();
        let t = overall_transcript(&fp, &cred, &choices);
        let opening = Opening {
            value: count,
            randomness: &sum_r,
        };
        let overall_proof = prove_interval(t, &y, &sum_ct, opening, min, max, rng);
        sum_r.zeroize();
        let mut ballot = Ballot {
            version: VERSION,
            election_id: params.election_id.clone(),
            election_fingerprint: hex::encode(fp),
            credential: cred,
            choices,
            individual_proofs,
            overall_proof: overall_proof?,
            signature: Proof {
                challenge: Scalar::ZERO,
                response: Scalar::ZERO,
            },
        };
        ballot.sign(&fp, credential, rng)?;
        Ok(ballot)
    }

    /// (Re-)signs the ballot under `credential`, which becomes its credential.
    pub fn sign(
        &mut self,
        fp: &[u8; 32],
        credential: &Credential,
        rng: &mut impl RandomSource,
    ) -> Result<(), VotingError> {
        self.credential = credential.public();
        let t = signature_transcript(fp, self);
        self.signature = prove_knowledge(t, &credential.secret, &self.credential, rng)?;
        Ok(())
    }

    /// The ballot tracker: hex SHA-256 of the ballot's canonical JSON. The voter keeps it and
    /// finds it on the public board of the vote.
    pub fn tracker(&self) -> Result<String, VerifyError> {
        Ok(hex::encode(json_sha256(self)?))
    }
}

/// Every check on a ballot against the (already verified) election parameters.
pub fn verify_ballot(params: &ElectionParams, ballot: &Ballot) -> Result<(), VerifyError> {
    verify_ballot_with(params, &params.fingerprint()?, ballot)
}

/// [`verify_ballot`] with the fingerprint computed once for many ballots.
pub fn verify_ballot_with(
    params: &ElectionParams,
    fp: &[u8; 32],
    b: &Ballot,
) -> Result<(), VerifyError> {
    if b.version != VERSION {
        return Err(VerifyError::UnsupportedVersion(b.version));
    }
    if b.election_id != params.election_id || b.election_fingerprint != hex::encode(fp) {
        return Err(VerifyError::WrongElection);
    }
    let n = params.question.options.len();
    if b.choices.len() != n || b.individual_proofs.len() != n {
        return Err(VerifyError::BallotShape);
    }
    let y = &params.public_key;
    for (i, (ct, proof)) in b.choices.iter().zip(&b.individual_proofs).enumerate() {
        let t = individual_transcript(fp, &b.credential, i);
        if !verify_interval(t, y, ct, 0, 1, proof) {
            return Err(VerifyError::IndividualProof { option: i });
        }
    }
    let (min, max) = (
        u64::from(params.question.min),
        u64::from(params.question.max),
    );
    let t = overall_transcript(fp, &b.credential, &b.choices);
    if !verify_interval(t, y, &elgamal::sum(&b.choices), min, max, &b.overall_proof) {
        return Err(VerifyError::OverallProof);
    }
    if !verify_knowledge(signature_transcript(fp, b), &b.credential, &b.signature) {
        return Err(VerifyError::BallotSignature);
    }
    Ok(())
}
