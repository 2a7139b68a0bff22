//! Exponential ElGamal over ristretto255: `(α, β) = (g^r, y^r · g^m)`.

use super::group::{base_mul, base_mul_u64, point};
use curve25519_dalek::ristretto::RistrettoPoint;
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::Identity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Add;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ciphertext {
    #[serde(with = "point")]
    pub alpha: RistrettoPoint,
    #[serde(with = "point")]
    pub beta: RistrettoPoint,
}

impl Ciphertext {
    /// The encryption of 0 with randomness 0: the neutral element of the homomorphic sum.
    pub fn zero() -> Self {
        Self {
            alpha: RistrettoPoint::identity(),
            beta: RistrettoPoint::identity(),
        }
    }

    /// Encrypts `m` under `public_key` with randomness `r`.
    pub fn encrypt(public_key: &RistrettoPoint, m: u64, r: &Scalar) -> Self {
        Self {
            alpha: base_mul(r),
            beta: public_key * r + base_mul_u64(m),
        }
    }

    /// `g^m` given the combined decryption factor `F = α^x`.
    pub fn unblind(&self, factor: &RistrettoPoint) -> RistrettoPoint {
        self.beta - factor
    }

    /// `g^m` with the whole secret key (tests, single-trustee tools).
    pub fn decrypt_to_point(&self, secret: &Scalar) -> RistrettoPoint {
        self.unblind(&(self.alpha * secret))
    }
}

impl Add for Ciphertext {
    type Output = Ciphertext;
    fn add(self, o: Ciphertext) -> Ciphertext {
        Ciphertext {
            alpha: self.alpha + o.alpha,
            beta: self.beta + o.beta,
        }
    }
}

/// The homomorphic sum of ciphertexts (the product in multiplicative notation).
pub fn sum<'a>(cts: impl IntoIterator<Item = &'a Ciphertext>) -> Ciphertext {
    cts.into_iter().fold(Ciphertext::zero(), |acc, c| acc + *c)
}

/// Finds `m ∈ [0, bound]` with `g^m = target` by baby-step giant-step: about `2·√bound` group
/// operations and `√bound` table entries. `None` when there is no such `m`.
pub fn discrete_log(target: &RistrettoPoint, bound: u64) -> Option<u64> {
    let step = bound.saturating_add(1).isqrt().saturating_add(1);
    let g = base_mul_u64(1);
    let mut baby = BTreeMap::new();
    let mut acc = RistrettoPoint::identity();
    for i in 0..step {
        baby.entry(acc.compress().to_bytes()).or_insert(i);
        acc += g;
    }
    let giant = base_mul_u64(step);
    let mut current = *target;
    let mut j = 0u64;
    while j.saturating_mul(step) <= bound {
        if let Some(i) = baby.get(current.compress().as_bytes()) {
            let m = j * step + i;
            return (m <= bound).then_some(m);
        }
        current -= giant;
        j += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voting::group::{RandomSource, SeededRandom};

    #[test]
    fn encrypt_add_decrypt() {
        let mut rng = SeededRandom::from_label("elgamal");
        let x = rng.scalar().unwrap();
        let y = base_mul(&x);
        let cts: Vec<_> = [1u64, 0, 1, 1, 0]
            .iter()
            .map(|m| Ciphertext::encrypt(&y, *m, &rng.scalar().unwrap()))
            .collect();
        let total = sum(&cts);
        assert_eq!(discrete_log(&total.decrypt_to_point(&x), 5), Some(3));
        assert_eq!(discrete_log(&total.decrypt_to_point(&x), 2), None);
    }

    #[test]
    fn discrete_log_every_value_up_to_bound() {
        for bound in [0u64, 1, 2, 3, 10, 17] {
            for m in 0..=bound {
                assert_eq!(
                    discrete_log(&base_mul_u64(m), bound),
                    Some(m),
                    "{m} ≤ {bound}"
                );
            }
            assert_eq!(discrete_log(&base_mul_u64(bound + 1), bound), None);
        }
        assert_eq!(discrete_log(&base_mul_u64(123_456), 200_000), Some(123_456));
    }
}
