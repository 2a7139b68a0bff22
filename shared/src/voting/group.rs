//! The group (ristretto255), randomness, hex serialisation and Fiat–Shamir transcripts.

use super::error::VotingError;
use curve25519_dalek::constants::RISTRETTO_BASEPOINT_TABLE;
use curve25519_dalek::ristretto::{CompressedRistretto, RistrettoPoint};
use curve25519_dalek::scalar::Scalar;
use merlin::Transcript;
use sha2::{Digest, Sha512};

/// Domain separation for every transcript of this protocol.
pub const PROTOCOL: &[u8] = b"constellation-voting/v1";

/// `g^x` for the standard ristretto255 generator.
pub fn base_mul(x: &Scalar) -> RistrettoPoint {
    x * RISTRETTO_BASEPOINT_TABLE
}

/// `g^m` for a small integer `m`.
pub fn base_mul_u64(m: u64) -> RistrettoPoint {
    base_mul(&Scalar::from(m))
}

/// Where the protocol takes its randomness from: the OS (or `crypto.getRandomValues` in the
/// browser) in production, a seed for test vectors.
pub trait RandomSource {
    /// Fills 64 uniformly random bytes.
    fn fill(&mut self, out: &mut [u8; 64]) -> Result<(), VotingError>;

    /// A uniformly random scalar (64 bytes reduced modulo the group order: bias < 2^-250).
    fn scalar(&mut self) -> Result<Scalar, VotingError> {
        let mut wide = [0u8; 64];
        self.fill(&mut wide)?;
        let s = Scalar::from_bytes_mod_order_wide(&wide);
        zeroize::Zeroize::zeroize(&mut wide);
        Ok(s)
    }
}

/// The operating system's generator through `getrandom` (in the browser:
/// `crypto.getRandomValues`).
#[derive(Debug, Default, Clone, Copy)]
pub struct OsRandom;

impl RandomSource for OsRandom {
    fn fill(&mut self, out: &mut [u8; 64]) -> Result<(), VotingError> {
        getrandom::getrandom(out).map_err(|_| VotingError::Randomness)
    }
}

/// A deterministic stream for test vectors and reproducible simulations: block `i` is
/// `SHA-512(label ‖ seed ‖ i)`. Never use it for real ballots or keys.
#[derive(Debug, Clone)]
pub struct SeededRandom {
    seed: [u8; 32],
    counter: u64,
}

impl SeededRandom {
    pub fn new(seed: [u8; 32]) -> Self {
        Self { seed, counter: 0 }
    }

    /// A seed from a short string (tests).
    pub fn from_label(label: &str) -> Self {
        let digest = sha2::Sha256::digest(label.as_bytes());
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&digest);
        Self::new(seed)
    }
}

impl RandomSource for SeededRandom {
    fn fill(&mut self, out: &mut [u8; 64]) -> Result<(), VotingError> {
        let mut h = Sha512::new();
        h.update(b"constellation-voting/seeded-random");
        h.update(self.seed);
        h.update(self.counter.to_le_bytes());
        self.counter = self.counter.wrapping_add(1);
        out.copy_from_slice(&h.finalize());
        Ok(())
    }
}

/// A Fiat–Shamir transcript with the protocol's domain and a statement label.
pub fn transcript(statement: &'static [u8]) -> Transcript {
    let mut t = Transcript::new(PROTOCOL);
    t.append_message(b"statement", statement);
    t
}

pub trait TranscriptExt {
    fn point(&mut self, label: &'static [u8], p: &RistrettoPoint);
    fn scalar(&mut self, label: &'static [u8], s: &Scalar);
    fn u64(&mut self, label: &'static [u8], n: u64);
    fn bytes(&mut self, label: &'static [u8], b: &[u8]);
    fn challenge(&mut self) -> Scalar;
}

impl TranscriptExt for Transcript {
    fn point(&mut self, label: &'static [u8], p: &RistrettoPoint) {
        self.append_message(label, p.compress().as_bytes());
    }
    fn scalar(&mut self, label: &'static [u8], s: &Scalar) {
        self.append_message(label, s.as_bytes());
    }
    fn u64(&mut self, label: &'static [u8], n: u64) {
        self.append_u64(label, n);
    }
    fn bytes(&mut self, label: &'static [u8], b: &[u8]) {
        self.append_message(label, b);
    }
    fn challenge(&mut self) -> Scalar {
        let mut wide = [0u8; 64];
        self.challenge_bytes(b"challenge", &mut wide);
        Scalar::from_bytes_mod_order_wide(&wide)
    }
}

/// Hex encodings: a point is its 32-byte canonical ristretto encoding, a scalar its 32-byte
/// canonical little-endian encoding. Decoding rejects anything non-canonical, so a value has
/// exactly one serialisation (the ballot tracker relies on it).
pub fn point_to_hex(p: &RistrettoPoint) -> String {
    hex::encode(p.compress().as_bytes())
}

pub fn point_from_hex(s: &str) -> Option<RistrettoPoint> {
    let bytes = decode32(s)?;
    CompressedRistretto(bytes).decompress()
}

pub fn scalar_to_hex(s: &Scalar) -> String {
    hex::encode(s.as_bytes())
}

pub fn scalar_from_hex(s: &str) -> Option<Scalar> {
    let bytes = decode32(s)?;
    Option::from(Scalar::from_canonical_bytes(bytes))
}

fn decode32(s: &str) -> Option<[u8; 32]> {
    // Lowercase only: one value, one spelling.
    if s.len() != 64 || s.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let mut out = [0u8; 32];
    hex::decode_to_slice(s, &mut out).ok()?;
    Some(out)
}

/// `#[serde(with = "point")]` for a `RistrettoPoint` field.
pub mod point {
    use super::*;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(p: &RistrettoPoint, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&point_to_hex(p))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<RistrettoPoint, D::Error> {
        let s = String::deserialize(d)?;
        point_from_hex(&s).ok_or_else(|| D::Error::custom("not a canonical ristretto255 point"))
    }
}

/// `#[serde(with = "points")]` for a `Vec<RistrettoPoint>` field.
pub mod points {
    use super::*;
    use serde::{de::Error, ser::SerializeSeq, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[RistrettoPoint], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for p in v {
            seq.serialize_element(&point_to_hex(p))?;
        }
        seq.end()
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<RistrettoPoint>, D::Error> {
        let v = Vec::<String>::deserialize(d)?;
        v.iter()
            .map(|s| point_from_hex(s).ok_or_else(|| D::Error::custom("not a canonical point")))
            .collect()
    }
}

/// `#[serde(with = "scalar")]` for a `Scalar` field.
pub mod scalar {
    use super::*;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &Scalar, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&scalar_to_hex(x))
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        let s = String::deserialize(d)?;
        scalar_from_hex(&s).ok_or_else(|| D::Error::custom("not a canonical scalar"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_canonical_only() {
        let mut rng = SeededRandom::from_label("group");
        let x = rng.scalar().unwrap();
        let p = base_mul(&x);
        assert_eq!(point_from_hex(&point_to_hex(&p)), Some(p));
        assert_eq!(scalar_from_hex(&scalar_to_hex(&x)), Some(x));
        assert_eq!(point_from_hex(&point_to_hex(&p).to_uppercase()), None);
        // 2^256 - 1 is not a canonical scalar.
        assert_eq!(scalar_from_hex(&"ff".repeat(32)), None);
        assert_eq!(point_from_hex("00"), None);
    }

    #[test]
    fn known_answers() {
        // The ristretto255 generator (RFC 9496, appendix A.1: B) and 2B.
        assert_eq!(
            point_to_hex(&base_mul_u64(1)),
            "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76"
        );
        assert_eq!(
            point_to_hex(&base_mul_u64(2)),
            "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919"
        );
        let mut t = transcript(b"kat");
        t.u64(b"n", 1);
        // Pins the transcript construction (merlin 3): a change would break every proof.
        assert_eq!(
            scalar_to_hex(&t.challenge()),
            "8e8827fac1178254eed9c692bb3a4a25d0973ddf09122d31f8419cf36fa77e02"
        );
    }

    #[test]
    fn seeded_random_is_deterministic() {
        let a = SeededRandom::from_label("x").scalar().unwrap();
        let b = SeededRandom::from_label("x").scalar().unwrap();
        let c = SeededRandom::from_label("y").scalar().unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn os_random_gives_distinct_scalars() {
        let a = OsRandom.scalar().unwrap();
        let b = OsRandom.scalar().unwrap();
        assert_ne!(a, b);
    }
}
