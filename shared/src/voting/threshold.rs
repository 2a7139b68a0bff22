//! k-of-n trustees by joint Feldman (Pedersen) key generation, as in Belenios's threshold mode.
//!
//! 1. Each trustee `i` publishes a channel key `E_i = g^{e_i}` (with a proof of knowledge).
//! 2. Each trustee `i` draws a polynomial `f_i` of degree `k−1`, publishes the commitments
//!    `A_{i,l} = g^{a_{i,l}}` (with a proof of knowledge of `a_{i,0}`) and, for every trustee
//!    `j`, the share `f_i(j)` encrypted to `E_j` (hashed ElGamal: `R = g^r`, the share plus a
//!    mask derived from `E_j^r` by the transcript). The server only relays these.
//! 3. Each trustee `j` decrypts the shares meant for it, checks each against its dealer's
//!    commitments (`g^{f_i(j)} = Π_l A_{i,l}^{j^l}`), and keeps `S_j = Σ_i f_i(j)`; it publishes
//!    `V_j = g^{S_j}` with a proof of knowledge. Anyone checks `V_j = Π_i Π_l A_{i,l}^{j^l}`.
//!
//! The election key is `y = Π_i A_{i,0} = g^{Σ_i f_i(0)}`; nobody ever holds its secret. Any
//! `k` trustees decrypt: the factors `α^{S_j}` are combined with Lagrange coefficients at 0.

use super::error::{VerifyError, VotingError};
use super::group::{base_mul, point, points, scalar, transcript, RandomSource, TranscriptExt};
use super::proofs::{prove_knowledge, verify_knowledge, Proof};
use super::trustees::{check_indices, TrusteeSecret};
use curve25519_dalek::ristretto::RistrettoPoint;
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::VartimeMultiscalarMul;
use merlin::Transcript;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// Step 1: a trustee's key for receiving its shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelKey {
    pub index: u32,
    #[serde(with = "point")]
    pub key: RistrettoPoint,
    pub proof: Proof,
}

/// One share, encrypted to its recipient's channel key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncryptedShare {
    pub recipient: u32,
    #[serde(with = "point")]
    pub ephemeral: RistrettoPoint,
    #[serde(with = "scalar")]
    pub masked: Scalar,
}

/// Step 2: a dealer's commitments and encrypted shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dealing {
    pub dealer: u32,
    #[serde(with = "points")]
    pub coefexps: Vec<RistrettoPoint>,
    pub proof: Proof,
    pub shares: Vec<EncryptedShare>,
}

/// Step 3: a trustee's verification key `V_j = g^{S_j}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationKey {
    pub index: u32,
    #[serde(with = "point")]
    pub key: RistrettoPoint,
    pub proof: Proof,
}

/// What the election record keeps of a threshold trustee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThresholdTrustee {
    pub index: u32,
    #[serde(with = "point")]
    pub channel_key: RistrettoPoint,
    pub channel_proof: Proof,
    #[serde(with = "points")]
    pub coefexps: Vec<RistrettoPoint>,
    pub coefexps_proof: Proof,
    #[serde(with = "point")]
    pub verification_key: RistrettoPoint,
    pub verification_proof: Proof,
}

fn labelled(statement: &'static [u8], election_id: &str, index: u32) -> Transcript {
    let mut t = transcript(statement);
    t.bytes(b"election", election_id.as_bytes());
    t.u64(b"trustee", u64::from(index));
    t
}

fn coefexps_transcript(
    election_id: &str,
    dealer: u32,
    n: usize,
    coefexps: &[RistrettoPoint],
) -> Transcript {
    let mut t = labelled(b"threshold-coefexps", election_id, dealer);
    t.u64(b"n", n as u64);
    t.u64(b"threshold", coefexps.len() as u64);
    for a in coefexps {
        t.point(b"coefexp", a);
    }
    t
}

fn share_mask(
    election_id: &str,
    dealer: u32,
    recipient: u32,
    r: &RistrettoPoint,
    e: &RistrettoPoint,
    k: &RistrettoPoint,
) -> Scalar {
    let mut t = labelled(b"threshold-share-mask", election_id, dealer);
    t.u64(b"recipient", u64::from(recipient));
    t.point(b"R", r);
    t.point(b"E", e);
    t.point(b"K", k);
    t.challenge()
}

/// `Π_l A_l^{x^l}`: the commitment to `f(x)`.
fn eval_commitments(coefexps: &[RistrettoPoint], x: u32) -> RistrettoPoint {
    let x = Scalar::from(x);
    let mut power = Scalar::ONE;
    let mut powers = Vec::with_capacity(coefexps.len());
    for _ in coefexps {
        powers.push(power);
        power *= x;
    }
    RistrettoPoint::vartime_multiscalar_mul(powers, coefexps)
}

/// Step 1 for trustee `index`.
pub fn channel_key(
    election_id: &str,
    index: u32,
    rng: &mut impl RandomSource,
) -> Result<(TrusteeSecret, ChannelKey), VotingError> {
    if index == 0 {
        return Err(VotingError::InvalidInput("trustee indices start at 1"));
    }
    let secret = TrusteeSecret {
        index,
        secret: rng.scalar()?,
    };
    let key = secret.public_key();
    let t = labelled(b"threshold-channel", election_id, index);
    let proof = prove_knowledge(t, &secret.secret, &key, rng)?;
    Ok((secret, ChannelKey { index, key, proof }))
}

fn verify_channel(
    election_id: &str,
    index: u32,
    key: &RistrettoPoint,
    proof: &Proof,
) -> Result<(), VerifyError> {
    let t = labelled(b"threshold-channel", election_id, index);
    if verify_knowledge(t, key, proof) {
        Ok(())
    } else {
        Err(VerifyError::TrusteeProof { trustee: index })
    }
}

fn check_threshold(threshold: u32, n: usize) -> Result<(), VerifyError> {
    if threshold == 0 || usize::try_from(threshold).map_or(true, |k| k > n) {
        return Err(VerifyError::InvalidTrustees(
            "threshold must be between 1 and n",
        ));
    }
    Ok(())
}

/// A dealer's secret polynomial, wiped on drop.
#[derive(Zeroize, ZeroizeOnDrop)]
struct Polynomial(Vec<Scalar>);

impl Polynomial {
    /// `f(x)` by Horner's rule.
    fn eval(&self, x: u32) -> Scalar {
        let x = Scalar::from(x);
        self.0.iter().rev().fold(Scalar::ZERO, |acc, a| acc * x + a)
    }
}

/// Step 2 for trustee `dealer`, once every channel key is known.
pub fn deal(
    election_id: &str,
    threshold: u32,
    dealer: u32,
    channels: &[ChannelKey],
    rng: &mut impl RandomSource,
) -> Result<Dealing, VotingError> {
    let n = check_indices(channels.iter().map(|c| c.index))?;
    check_threshold(threshold, n)?;
    if dealer == 0 || dealer as usize > n {
        return Err(VotingError::InvalidInput(
            "dealer is not one of the trustees",
        ));
    }
    for c in channels {
        verify_channel(election_id, c.index, &c.key, &c.proof)?;
    }
    let mut poly = Polynomial(Vec::with_capacity(threshold as usize));
    for _ in 0..threshold {
        poly.0.push(rng.scalar()?);
    }
    let coefexps: Vec<_> = poly.0.iter().map(base_mul).collect();
    let (Some(a0), Some(big_a0)) = (poly.0.first(), coefexps.first()) else {
        return Err(VotingError::InvalidInput("threshold must be at least 1"));
    };
    let t = coefexps_transcript(election_id, dealer, n, &coefexps);
    let proof = prove_knowledge(t, a0, big_a0, rng)?;
    let mut shares = Vec::with_capacity(n);
    for c in channels {
        let mut value = poly.eval(c.index);
        let r = rng.scalar()?;
        let ephemeral = base_mul(&r);
        let mask = share_mask(
            election_id,
            dealer,
            c.index,
            &ephemeral,
            &c.key,
            &(c.key * r),
        );
        shares.push(EncryptedShare {
            recipient: c.index,
            ephemeral,
            masked: value + mask,
        });
        value.zeroize();
    }
    Ok(Dealing {
        dealer,
        coefexps,
        proof,
        shares,
    })
}

/// The public checks of a dealing: shape, and the proof of knowledge of `a_0`.
pub fn verify_dealing(
    election_id: &str,
    threshold: u32,
    n: usize,
    d: &Dealing,
) -> Result<(), VerifyError> {
    check_coefexps(election_id, threshold, n, d.dealer, &d.coefexps, &d.proof)?;
    check_indices(d.shares.iter().map(|s| s.recipient))
        .ok()
        .filter(|m| *m == n)
        .map(|_| ())
        .ok_or(VerifyError::InvalidTrustees(
            "a dealing must hold one share per trustee",
        ))
}

fn check_coefexps(
    election_id: &str,
    threshold: u32,
    n: usize,
    dealer: u32,
    coefexps: &[RistrettoPoint],
    proof: &Proof,
) -> Result<(), VerifyError> {
    let Some(a0) = coefexps.first() else {
        return Err(VerifyError::InvalidTrustees("no commitment"));
    };
    if coefexps.len() as u64 != u64::from(threshold) {
        return Err(VerifyError::InvalidTrustees(
            "one commitment per coefficient",
        ));
    }
    if verify_knowledge(
        coefexps_transcript(election_id, dealer, n, coefexps),
        a0,
        proof,
    ) {
        Ok(())
    } else {
        Err(VerifyError::TrusteeProof { trustee: dealer })
    }
}

/// Step 3 for the trustee holding `channel_secret`: decrypts and checks its shares, returns its
/// decryption key `S_j` and the verification key to publish.
pub fn receive(
    election_id: &str,
    threshold: u32,
    channel_secret: &TrusteeSecret,
    dealings: &[Dealing],
    rng: &mut impl RandomSource,
) -> Result<(TrusteeSecret, VerificationKey), VotingError> {
    let n = check_indices(dealings.iter().map(|d| d.dealer))?;
    check_threshold(threshold, n)?;
    let me = channel_secret.index;
    let my_key = channel_secret.public_key();
    let mut total = TrusteeSecret {
        index: me,
        secret: Scalar::ZERO,
    };
    for d in dealings {
        verify_dealing(election_id, threshold, n, d)?;
        let bad = VerifyError::InvalidShare {
            dealer: d.dealer,
            recipient: me,
        };
        let share = d
            .shares
            .iter()
            .find(|s| s.recipient == me)
            .ok_or(bad.clone())?;
        let k = share.ephemeral * channel_secret.secret;
        let mask = share_mask(election_id, d.dealer, me, &share.ephemeral, &my_key, &k);
        let mut value = share.masked - mask;
        let ok = base_mul(&value) == eval_commitments(&d.coefexps, me);
        total.secret += value;
        value.zeroize();
        if !ok {
            return Err(bad.into());
        }
    }
    let key = total.public_key();
    let t = labelled(b"threshold-verification-key", election_id, me);
    let proof = prove_knowledge(t, &total.secret, &key, rng)?;
    Ok((
        total,
        VerificationKey {
            index: me,
            key,
            proof,
        },
    ))
}

/// The record's view of the trustees, from the three steps' public messages (each list in
/// trustee order). Checked by [`verify_setup`].
pub fn assemble(
    channels: &[ChannelKey],
    dealings: &[Dealing],
    keys: &[VerificationKey],
) -> Result<Vec<ThresholdTrustee>, VerifyError> {
    if channels.len() != dealings.len() || channels.len() != keys.len() {
        return Err(VerifyError::InvalidTrustees(
            "one message of each step per trustee",
        ));
    }
    let mut out = Vec::with_capacity(channels.len());
    for ((c, d), k) in channels.iter().zip(dealings).zip(keys) {
        if c.index != d.dealer || c.index != k.index {
            return Err(VerifyError::InvalidTrustees(
                "messages out of trustee order",
            ));
        }
        out.push(ThresholdTrustee {
            index: c.index,
            channel_key: c.key,
            channel_proof: c.proof,
            coefexps: d.coefexps.clone(),
            coefexps_proof: d.proof,
            verification_key: k.key,
            verification_proof: k.proof,
        });
    }
    Ok(out)
}

/// Checks a threshold set-up and returns the election public key.
pub fn verify_setup(
    election_id: &str,
    threshold: u32,
    trustees: &[ThresholdTrustee],
) -> Result<RistrettoPoint, VerifyError> {
    let n = check_indices(trustees.iter().map(|t| t.index))?;
    check_threshold(threshold, n)?;
    for t in trustees {
        verify_channel(election_id, t.index, &t.channel_key, &t.channel_proof)?;
        check_coefexps(
            election_id,
            threshold,
            n,
            t.index,
            &t.coefexps,
            &t.coefexps_proof,
        )?;
        let vt = labelled(b"threshold-verification-key", election_id, t.index);
        if !verify_knowledge(vt, &t.verification_key, &t.verification_proof) {
            return Err(VerifyError::TrusteeProof { trustee: t.index });
        }
    }
    for t in trustees {
        let expected: RistrettoPoint = trustees
            .iter()
            .map(|d| eval_commitments(&d.coefexps, t.index))
            .sum();
        if expected != t.verification_key {
            return Err(VerifyError::VerificationKeyMismatch { trustee: t.index });
        }
    }
    Ok(trustees.iter().filter_map(|t| t.coefexps.first()).sum())
}

/// What a trustee keeps of its own view of the key generation (all public), to confirm the
/// final set-up with [`confirm_setup`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrusteeView {
    /// The channel keys it dealt to, in trustee order.
    pub channels: Vec<ChannelKey>,
    /// Its own dealing.
    pub dealing: Dealing,
    /// Its own verification key.
    pub verification_key: VerificationKey,
}

/// Run by each trustee on the set-up the server publishes, before the vote opens: the set-up
/// verifies, its channel keys are the ones the trustee dealt to, and the trustee's own
/// commitments and verification key are there. Without this a relaying server could swap a
/// channel key for its own (and read the shares sent to it) or a dealing for its own.
pub fn confirm_setup(
    election_id: &str,
    threshold: u32,
    trustees: &[ThresholdTrustee],
    view: &TrusteeView,
) -> Result<RistrettoPoint, VerifyError> {
    let y = verify_setup(election_id, threshold, trustees)?;
    let me = view.dealing.dealer;
    let same_channels = trustees.len() == view.channels.len()
        && trustees
            .iter()
            .zip(&view.channels)
            .all(|(t, c)| t.index == c.index && t.channel_key == c.key);
    let mine = trustees.iter().find(|t| t.index == me);
    let same_own = mine.is_some_and(|t| {
        t.coefexps == view.dealing.coefexps
            && t.verification_key == view.verification_key.key
            && view.verification_key.index == me
    });
    if same_channels && same_own {
        Ok(y)
    } else {
        Err(VerifyError::InvalidTrustees(
            "the published set-up is not the one this trustee took part in",
        ))
    }
}

/// Lagrange coefficients at 0 for distinct, non-zero indices: `λ_j = Π_{m≠j} m / (m − j)`.
pub fn lagrange_at_zero(indices: &[u32]) -> Vec<Scalar> {
    indices
        .iter()
        .map(|&j| {
            let xj = Scalar::from(j);
            let (num, den) = indices.iter().filter(|&&m| m != j).fold(
                (Scalar::ONE, Scalar::ONE),
                |(num, den), &m| {
                    let xm = Scalar::from(m);
                    (num * xm, den * (xm - xj))
                },
            );
            num * den.invert()
        })
        .collect()
}
