//! The three sigma protocols, made non-interactive with Fiat–Shamir over a merlin transcript.
//! The caller opens the transcript with the statement's context (election fingerprint, voter
//! credential, trustee index…), so a proof only verifies in that context.
//!
//! Conventions (as in Belenios): commitments are recomputed from `(challenge, response)` with
//! `A = g^response · X^challenge`, so the response is `w − x·challenge`.

use super::elgamal::Ciphertext;
use super::error::VotingError;
use super::group::{base_mul, base_mul_u64, scalar, RandomSource, TranscriptExt};
use curve25519_dalek::ristretto::RistrettoPoint;
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::VartimeMultiscalarMul;
use merlin::Transcript;
use serde::{Deserialize, Serialize};

/// A challenge and a response: one Schnorr, DLEQ or branch proof.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proof {
    #[serde(with = "scalar")]
    pub challenge: Scalar,
    #[serde(with = "scalar")]
    pub response: Scalar,
}

/// `g^s · X^c`, variable time (verification only handles public values).
fn commit(s: &Scalar, x: &RistrettoPoint, c: &Scalar) -> RistrettoPoint {
    RistrettoPoint::vartime_double_scalar_mul_basepoint(c, x, s)
}

/// Proof of knowledge of `x` with `X = g^x` (a trustee's key, a credential's signature when the
/// transcript holds the signed message).
pub fn prove_knowledge(
    mut t: Transcript,
    secret: &Scalar,
    public: &RistrettoPoint,
    rng: &mut impl RandomSource,
) -> Result<Proof, VotingError> {
    let w = rng.scalar()?;
    t.point(b"X", public);
    t.point(b"A", &base_mul(&w));
    let challenge = t.challenge();
    Ok(Proof {
        challenge,
        response: w - secret * challenge,
    })
}

pub fn verify_knowledge(mut t: Transcript, public: &RistrettoPoint, proof: &Proof) -> bool {
    let a = commit(&proof.response, public, &proof.challenge);
    t.point(b"X", public);
    t.point(b"A", &a);
    t.challenge() == proof.challenge
}

/// Proof that `log_g X = log_h F` (a correct decryption factor `F = α^x` for the trustee's
/// verification key `X = g^x`).
pub fn prove_dleq(
    mut t: Transcript,
    secret: &Scalar,
    public: &RistrettoPoint,
    h: &RistrettoPoint,
    f: &RistrettoPoint,
    rng: &mut impl RandomSource,
) -> Result<Proof, VotingError> {
    let w = rng.scalar()?;
    dleq_statement(&mut t, public, h, f, &base_mul(&w), &(h * w));
    let challenge = t.challenge();
    Ok(Proof {
        challenge,
        response: w - secret * challenge,
    })
}

pub fn verify_dleq(
    mut t: Transcript,
    public: &RistrettoPoint,
    h: &RistrettoPoint,
    f: &RistrettoPoint,
    proof: &Proof,
) -> bool {
    let a = commit(&proof.response, public, &proof.challenge);
    let b = RistrettoPoint::vartime_multiscalar_mul([proof.response, proof.challenge], [*h, *f]);
    dleq_statement(&mut t, public, h, f, &a, &b);
    t.challenge() == proof.challenge
}

fn dleq_statement(
    t: &mut Transcript,
    x: &RistrettoPoint,
    h: &RistrettoPoint,
    f: &RistrettoPoint,
    a: &RistrettoPoint,
    b: &RistrettoPoint,
) {
    t.point(b"X", x);
    t.point(b"h", h);
    t.point(b"F", f);
    t.point(b"A", a);
    t.point(b"B", b);
}

/// Disjunctive Chaum–Pedersen proof that a ciphertext `(α, β)` under `y` encrypts one of
/// `lo, lo+1, …, hi`: one branch per value, all but the true one simulated, the challenges
/// summing to the transcript's challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IntervalProof(pub Vec<Proof>);

/// The randomness and value behind a ciphertext, for its prover.
pub struct Opening<'a> {
    pub value: u64,
    pub randomness: &'a Scalar,
}

pub fn prove_interval(
    mut t: Transcript,
    public_key: &RistrettoPoint,
    ct: &Ciphertext,
    opening: Opening<'_>,
    lo: u64,
    hi: u64,
    rng: &mut impl RandomSource,
) -> Result<IntervalProof, VotingError> {
    if lo > hi || opening.value < lo || opening.value > hi {
        return Err(VotingError::InvalidChoice(
            "value outside the proven interval",
        ));
    }
    let real = opening.value - lo;
    let branches = hi - lo + 1;
    let w = rng.scalar()?;
    let mut proofs = Vec::new();
    let mut commitments = Vec::new();
    for j in 0..branches {
        if j == real {
            proofs.push(Proof {
                challenge: Scalar::ZERO,
                response: Scalar::ZERO,
            });
            commitments.push((base_mul(&w), public_key * w));
        } else {
            let p = Proof {
                challenge: rng.scalar()?,
                response: rng.scalar()?,
            };
            let shifted = ct.beta - base_mul_u64(lo + j);
            commitments.push((
                base_mul(&p.response) + ct.alpha * p.challenge,
                public_key * p.response + shifted * p.challenge,
            ));
            proofs.push(p);
        }
    }
    interval_statement(&mut t, public_key, ct, lo, hi, &commitments);
    let total = t.challenge();
    let others: Scalar = proofs.iter().map(|p| p.challenge).sum();
    let c = total - others;
    let slot =
        usize::try_from(real).map_err(|_| VotingError::InvalidInput("interval too large"))?;
    if let Some(p) = proofs.get_mut(slot) {
        p.challenge = c;
        p.response = w - opening.randomness * c;
    }
    Ok(IntervalProof(proofs))
}

pub fn verify_interval(
    mut t: Transcript,
    public_key: &RistrettoPoint,
    ct: &Ciphertext,
    lo: u64,
    hi: u64,
    proof: &IntervalProof,
) -> bool {
    if lo > hi || u64::try_from(proof.0.len()).ok() != Some(hi - lo + 1) {
        return false;
    }
    let mut commitments = Vec::with_capacity(proof.0.len());
    let mut sum = Scalar::ZERO;
    for (j, p) in (lo..=hi).zip(&proof.0) {
        let shifted = ct.beta - base_mul_u64(j);
        commitments.push((
            commit(&p.response, &ct.alpha, &p.challenge),
            RistrettoPoint::vartime_multiscalar_mul(
                [p.response, p.challenge],
                [*public_key, shifted],
            ),
        ));
        sum += p.challenge;
    }
    interval_statement(&mut t, public_key, ct, lo, hi, &commitments);
    t.challenge() == sum
}

fn interval_statement(
    t: &mut Transcript,
    public_key: &RistrettoPoint,
    ct: &Ciphertext,
    lo: u64,
    hi: u64,
    commitments: &[(RistrettoPoint, RistrettoPoint)],
) {
    t.point(b"y", public_key);
    t.point(b"alpha", &ct.alpha);
    t.point(b"beta", &ct.beta);
    t.u64(b"lo", lo);
    t.u64(b"hi", hi);
    for (a, b) in commitments {
        t.point(b"A", a);
        t.point(b"B", b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voting::group::{transcript, SeededRandom};

    fn ctx(label: &[u8]) -> Transcript {
        let mut t = transcript(b"test");
        t.bytes(b"ctx", label);
        t
    }

    #[test]
    fn knowledge_and_dleq() {
        let mut rng = SeededRandom::from_label("proofs");
        let x = rng.scalar().unwrap();
        let big_x = base_mul(&x);
        let p = prove_knowledge(ctx(b"a"), &x, &big_x, &mut rng).unwrap();
        assert!(verify_knowledge(ctx(b"a"), &big_x, &p));
        assert!(!verify_knowledge(ctx(b"b"), &big_x, &p));
        assert!(!verify_knowledge(ctx(b"a"), &(big_x + big_x), &p));

        let h = base_mul(&rng.scalar().unwrap());
        let f = h * x;
        let d = prove_dleq(ctx(b"a"), &x, &big_x, &h, &f, &mut rng).unwrap();
        assert!(verify_dleq(ctx(b"a"), &big_x, &h, &f, &d));
        assert!(!verify_dleq(ctx(b"a"), &big_x, &h, &(f + h), &d));
        assert!(!verify_dleq(ctx(b"b"), &big_x, &h, &f, &d));
    }

    #[test]
    fn interval_every_branch() {
        let mut rng = SeededRandom::from_label("interval");
        let y = base_mul(&rng.scalar().unwrap());
        for (lo, hi) in [(0, 1), (1, 1), (0, 3), (2, 4)] {
            for m in lo..=hi {
                let r = rng.scalar().unwrap();
                let ct = Ciphertext::encrypt(&y, m, &r);
                let opening = Opening {
                    value: m,
                    randomness: &r,
                };
                let p = prove_interval(ctx(b"i"), &y, &ct, opening, lo, hi, &mut rng).unwrap();
                assert!(verify_interval(ctx(b"i"), &y, &ct, lo, hi, &p));
                assert!(!verify_interval(ctx(b"j"), &y, &ct, lo, hi, &p));
                if hi > lo {
                    assert!(!verify_interval(ctx(b"i"), &y, &ct, lo + 1, hi, &p));
                }
            }
        }
    }

    #[test]
    fn interval_rejects_value_outside() {
        let mut rng = SeededRandom::from_label("outside");
        let y = base_mul(&rng.scalar().unwrap());
        let r = rng.scalar().unwrap();
        let ct = Ciphertext::encrypt(&y, 2, &r);
        let opening = Opening {
            value: 2,
            randomness: &r,
        };
        assert!(prove_interval(ctx(b"i"), &y, &ct, opening, 0, 1, &mut rng).is_err());
        // A proof for [0, 2] is honest but does not pass as a proof for [0, 1].
        let opening = Opening {
            value: 2,
            randomness: &r,
        };
        let p = prove_interval(ctx(b"i"), &y, &ct, opening, 0, 2, &mut rng).unwrap();
        assert!(!verify_interval(ctx(b"i"), &y, &ct, 0, 1, &p));
        let two_branches = IntervalProof(p.0[..2].to_vec());
        assert!(!verify_interval(ctx(b"i"), &y, &ct, 0, 1, &two_branches));
    }
}
