//! Trustees: who holds the decryption key, and how their public parts are checked.
//!
//! Two set-ups, as in Belenios:
//! - `Basic` (n-of-n): each trustee draws a secret `x_i` and publishes `X_i = g^{x_i}` with a
//!   proof of knowledge; the election key is `Π X_i`; every trustee must decrypt.
//! - `Threshold` (k-of-n): see [`super::threshold`]; any `k` trustees decrypt.

use super::error::{VerifyError, VotingError};
use super::group::TranscriptExt;
use super::group::{base_mul, point, scalar_from_hex, scalar_to_hex, transcript, RandomSource};
use super::proofs::{prove_knowledge, verify_knowledge, Proof};
use super::threshold::{self, ThresholdTrustee};
use curve25519_dalek::ristretto::RistrettoPoint;
use curve25519_dalek::scalar::Scalar;
use merlin::Transcript;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// A trustee's public key share with its proof of knowledge (n-of-n).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasicTrustee {
    /// 1-based, distinct, `1..=n`.
    pub index: u32,
    #[serde(with = "point")]
    pub public_key: RistrettoPoint,
    pub proof: Proof,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum TrusteeSetup {
    /// Every trustee must take part in the decryption.
    Basic { trustees: Vec<BasicTrustee> },
    /// Any `threshold` of the trustees decrypt.
    Threshold {
        threshold: u32,
        trustees: Vec<ThresholdTrustee>,
    },
}

/// A trustee's private decryption key (its `x_i`, or its combined share `S_j` in threshold
/// mode). Kept by the trustee only; wiped from memory on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct TrusteeSecret {
    pub(crate) index: u32,
    pub(crate) secret: Scalar,
}

impl std::fmt::Debug for TrusteeSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TrusteeSecret {{ index: {}, .. }}", self.index)
    }
}

impl TrusteeSecret {
    pub fn index(&self) -> u32 {
        self.index
    }

    /// `"<index>:<hex scalar>"`, for the file the trustee downloads.
    pub fn export(&self) -> String {
        format!("{}:{}", self.index, scalar_to_hex(&self.secret))
    }

    pub fn import(s: &str) -> Option<Self> {
        let (index, hex) = s.trim().split_once(':')?;
        Some(Self {
            index: index.parse().ok()?,
            secret: scalar_from_hex(hex)?,
        })
    }

    pub fn public_key(&self) -> RistrettoPoint {
        base_mul(&self.secret)
    }
}

fn key_transcript(election_id: &str, index: u32) -> Transcript {
    let mut t = transcript(b"trustee-key");
    t.bytes(b"election", election_id.as_bytes());
    t.u64(b"trustee", u64::from(index));
    t
}

impl BasicTrustee {
    /// Draws a key share for trustee `index` of election `election_id`.
    pub fn generate(
        election_id: &str,
        index: u32,
        rng: &mut impl RandomSource,
    ) -> Result<(TrusteeSecret, BasicTrustee), VotingError> {
        if index == 0 {
            return Err(VotingError::InvalidInput("trustee indices start at 1"));
        }
        let secret = TrusteeSecret {
            index,
            secret: rng.scalar()?,
        };
        let public_key = secret.public_key();
        let proof = prove_knowledge(
            key_transcript(election_id, index),
            &secret.secret,
            &public_key,
            rng,
        )?;
        Ok((
            secret,
            BasicTrustee {
                index,
                public_key,
                proof,
            },
        ))
    }

    pub fn verify(&self, election_id: &str) -> Result<(), VerifyError> {
        if verify_knowledge(
            key_transcript(election_id, self.index),
            &self.public_key,
            &self.proof,
        ) {
            Ok(())
        } else {
            Err(VerifyError::TrusteeProof {
                trustee: self.index,
            })
        }
    }
}

/// Checks that `indices` is exactly `1..=n` in order.
pub(crate) fn check_indices(indices: impl Iterator<Item = u32>) -> Result<usize, VerifyError> {
    let mut n = 0usize;
    for (expected, index) in (1u32..).zip(indices) {
        if index != expected {
            return Err(VerifyError::InvalidTrustees(
                "indices must be 1, 2, …, n in order",
            ));
        }
        n += 1;
    }
    if n == 0 {
        return Err(VerifyError::InvalidTrustees("no trustee"));
    }
    Ok(n)
}

impl TrusteeSetup {
    /// Verifies every proof of the set-up and returns the election public key.
    pub fn verify(&self, election_id: &str) -> Result<RistrettoPoint, VerifyError> {
        match self {
            TrusteeSetup::Basic { trustees } => {
                check_indices(trustees.iter().map(|t| t.index))?;
                for t in trustees {
                    t.verify(election_id)?;
                }
                Ok(trustees.iter().map(|t| t.public_key).sum())
            }
            TrusteeSetup::Threshold {
                threshold,
                trustees,
            } => threshold::verify_setup(election_id, *threshold, trustees),
        }
    }

    /// How many partial decryptions the tally needs.
    pub fn needed(&self) -> usize {
        match self {
            TrusteeSetup::Basic { trustees } => trustees.len(),
            TrusteeSetup::Threshold { threshold, .. } => {
                usize::try_from(*threshold).unwrap_or(usize::MAX)
            }
        }
    }

    /// The key a trustee's decryption factors are proven against.
    pub fn verification_key(&self, index: u32) -> Option<RistrettoPoint> {
        match self {
            TrusteeSetup::Basic { trustees } => trustees
                .iter()
                .find(|t| t.index == index)
                .map(|t| t.public_key),
            TrusteeSetup::Threshold { trustees, .. } => trustees
                .iter()
                .find(|t| t.index == index)
                .map(|t| t.verification_key),
        }
    }

    /// The weight of each trustee's factor in the combined factor, for the given set of
    /// (distinct, verified) trustees: 1 each in basic mode, the Lagrange coefficients at 0 in
    /// threshold mode.
    pub fn coefficients(&self, indices: &[u32]) -> Vec<Scalar> {
        match self {
            TrusteeSetup::Basic { .. } => vec![Scalar::ONE; indices.len()],
            TrusteeSetup::Threshold { .. } => threshold::lagrange_at_zero(indices),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voting::group::SeededRandom;

    #[test]
    fn basic_setup_verifies_and_sums() {
        let mut rng = SeededRandom::from_label("basic");
        let (s1, t1) = BasicTrustee::generate("e1", 1, &mut rng).unwrap();
        let (s2, t2) = BasicTrustee::generate("e1", 2, &mut rng).unwrap();
        let setup = TrusteeSetup::Basic {
            trustees: vec![t1.clone(), t2.clone()],
        };
        let y = setup.verify("e1").unwrap();
        assert_eq!(y, base_mul(&(s1.secret + s2.secret)));
        assert_eq!(
            setup.verify("e2"),
            Err(VerifyError::TrusteeProof { trustee: 1 })
        );
        let swapped = TrusteeSetup::Basic {
            trustees: vec![t2, t1],
        };
        assert!(matches!(
            swapped.verify("e1"),
            Err(VerifyError::InvalidTrustees(_))
        ));
        let back = TrusteeSecret::import(&s1.export()).unwrap();
        assert_eq!(back.secret, s1.secret);
        assert!(!format!("{s1:?}").contains(&scalar_to_hex(&s1.secret)));
    }
}
