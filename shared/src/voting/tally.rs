//! The homomorphic tally, the trustees' partial decryptions and the totals.

use super::ballot::Ballot;
use super::election::ElectionParams;
use super::elgamal::{self, Ciphertext};
use super::error::{VerifyError, VotingError};
use super::group::{base_mul_u64, point, transcript, RandomSource, TranscriptExt};
use super::proofs::{prove_dleq, verify_dleq, Proof};
use super::trustees::TrusteeSecret;
use curve25519_dalek::ristretto::RistrettoPoint;
use merlin::Transcript;
use serde::{Deserialize, Serialize};

/// Per option, the number of ballots that chose it.
pub type Totals = Vec<u64>;

/// Per option, the product of the ballots' ciphertexts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncryptedTally {
    pub num_ballots: u64,
    pub ciphertexts: Vec<Ciphertext>,
}

impl EncryptedTally {
    /// Sums the (already verified) ballots option by option.
    pub fn compute(params: &ElectionParams, ballots: &[Ballot]) -> Self {
        let ciphertexts = (0..params.question.options.len())
            .map(|i| elgamal::sum(ballots.iter().filter_map(|b| b.choices.get(i))))
            .collect();
        Self {
            num_ballots: ballots.len() as u64,
            ciphertexts,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecryptionFactor {
    /// `α^x` for the trustee's key `x`.
    #[serde(with = "point")]
    pub factor: RistrettoPoint,
    /// `log_g X = log_α factor`.
    pub proof: Proof,
}

/// One trustee's decryption factors, one per option of the tally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartialDecryption {
    pub trustee: u32,
    pub factors: Vec<DecryptionFactor>,
}

fn decryption_transcript(
    fp: &[u8; 32],
    tally: &EncryptedTally,
    trustee: u32,
    option: usize,
) -> Transcript {
    let mut t = transcript(b"partial-decryption");
    t.bytes(b"election", fp);
    t.u64(b"ballots", tally.num_ballots);
    t.u64(b"trustee", u64::from(trustee));
    t.u64(b"option", option as u64);
    t
}

/// A trustee's partial decryption of the tally, computed where its secret lives.
pub fn partial_decrypt(
    params: &ElectionParams,
    tally: &EncryptedTally,
    secret: &TrusteeSecret,
    rng: &mut impl RandomSource,
) -> Result<PartialDecryption, VotingError> {
    let fp = params.fingerprint()?;
    let trustee = secret.index;
    let key = params
        .trustees
        .verification_key(trustee)
        .ok_or(VerifyError::UnknownTrustee { trustee })?;
    if key != secret.public_key() {
        return Err(VotingError::InvalidInput(
            "this key is not the trustee's key for this election",
        ));
    }
    let mut factors = Vec::with_capacity(tally.ciphertexts.len());
    for (i, ct) in tally.ciphertexts.iter().enumerate() {
        let factor = ct.alpha * secret.secret;
        let t = decryption_transcript(&fp, tally, trustee, i);
        let proof = prove_dleq(t, &secret.secret, &key, &ct.alpha, &factor, rng)?;
        factors.push(DecryptionFactor { factor, proof });
    }
    Ok(PartialDecryption { trustee, factors })
}

/// Checks one partial decryption against the trustee's verification key.
pub fn verify_partial_decryption(
    params: &ElectionParams,
    fp: &[u8; 32],
    tally: &EncryptedTally,
    pd: &PartialDecryption,
) -> Result<(), VerifyError> {
    let trustee = pd.trustee;
    let key = params
        .trustees
        .verification_key(trustee)
        .ok_or(VerifyError::UnknownTrustee { trustee })?;
    if pd.factors.len() != tally.ciphertexts.len() {
        return Err(VerifyError::PartialDecryptionShape { trustee });
    }
    for (option, (ct, f)) in tally.ciphertexts.iter().zip(&pd.factors).enumerate() {
        let t = decryption_transcript(fp, tally, trustee, option);
        if !verify_dleq(t, &key, &ct.alpha, &f.factor, &f.proof) {
            return Err(VerifyError::PartialDecryptionProof { trustee, option });
        }
    }
    Ok(())
}

/// Verifies the partial decryptions and combines them: per option, `g^total`.
pub fn combine(
    params: &ElectionParams,
    tally: &EncryptedTally,
    pds: &[PartialDecryption],
) -> Result<Vec<RistrettoPoint>, VerifyError> {
    if tally.ciphertexts.len() != params.question.options.len() {
        return Err(VerifyError::EncryptedTallyMismatch);
    }
    let fp = params.fingerprint()?;
    let mut seen = Vec::with_capacity(pds.len());
    for pd in pds {
        if seen.contains(&pd.trustee) {
            return Err(VerifyError::DuplicatePartialDecryption {
                trustee: pd.trustee,
            });
        }
        verify_partial_decryption(params, &fp, tally, pd)?;
        seen.push(pd.trustee);
    }
    let needed = params.trustees.needed();
    if pds.len() < needed {
        return Err(VerifyError::NotEnoughPartialDecryptions {
            needed,
            got: pds.len(),
        });
    }
    let weights = params.trustees.coefficients(&seen);
    Ok(tally
        .ciphertexts
        .iter()
        .enumerate()
        .map(|(i, ct)| {
            // Lengths were checked above; collected so that the two inputs of the
            // multiscalar multiplication have exactly the same length.
            let factors: Vec<_> = pds.iter().filter_map(|pd| pd.factors.get(i)).collect();
            let combined: RistrettoPoint =
                weights.iter().zip(factors).map(|(w, f)| f.factor * w).sum();
            ct.unblind(&combined)
        })
        .collect())
}

/// The totals, by a bounded discrete logarithm (each total is at most the number of ballots).
pub fn decrypt_totals(
    params: &ElectionParams,
    tally: &EncryptedTally,
    pds: &[PartialDecryption],
) -> Result<Totals, VotingError> {
    combine(params, tally, pds)?
        .iter()
        .enumerate()
        .map(|(option, p)| {
            elgamal::discrete_log(p, tally.num_ballots)
                .ok_or(VotingError::TotalOutOfRange { option })
        })
        .collect()
}

/// Checks claimed totals against the partial decryptions (no discrete logarithm needed).
pub fn check_totals(
    params: &ElectionParams,
    tally: &EncryptedTally,
    pds: &[PartialDecryption],
    claimed: &[u64],
) -> Result<(), VerifyError> {
    let points = combine(params, tally, pds)?;
    if claimed.len() != points.len() {
        return Err(VerifyError::ResultShape);
    }
    for (option, (p, m)) in points.iter().zip(claimed).enumerate() {
        if *m > tally.num_ballots || base_mul_u64(*m) != *p {
            return Err(VerifyError::ResultMismatch { option });
        }
    }
    Ok(())
}
