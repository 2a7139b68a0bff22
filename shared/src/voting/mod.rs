//! Verifiable encrypted ballots, after Helios and Belenios: the protocol core, pure and
//! wasm-clean, shared by the voter's browser, the trustees' browsers, the server and the
//! `constellation verify-election` command. See `README.md` beside this file for the scheme,
//! what is proven, where we differ from Belenios and what a compromised server could still do.
//!
//! The flow:
//! 1. Trustees: n-of-n with [`BasicTrustee::generate`], or k-of-n with
//!    [`threshold::channel_key`], [`threshold::deal`], [`threshold::receive`] and
//!    [`threshold::assemble`]. Then [`ElectionParams::new`] checks their proofs and derives
//!    the election key.
//! 2. Voters: a [`Credential`] drawn in the browser (its public part registered), then
//!    [`Ballot::create`]; the server runs [`verify_ballot`] before accepting and gives the
//!    voter [`Ballot::tracker`].
//! 3. Tally: [`EncryptedTally::compute`], each trustee's [`partial_decrypt`], then
//!    [`ElectionRecord::close`] (decrypts and verifies).
//! 4. Anyone: [`verify_record`].

mod ballot;
mod election;
mod elgamal;
mod error;
mod group;
mod proofs;
mod record;
mod tally;
pub mod threshold;
mod trustees;

pub use ballot::{verify_ballot, verify_ballot_with, Ballot, Credential};
pub use election::{ElectionParams, Question, MAX_OPTIONS, VERSION};
pub use elgamal::{discrete_log, Ciphertext};
pub use error::{VerifyError, VotingError};
pub use group::{OsRandom, RandomSource, SeededRandom};
pub use proofs::{IntervalProof, Opening, Proof};
pub use record::{verify_record, CredentialList, ElectionRecord};
pub use tally::{
    check_totals, combine, decrypt_totals, partial_decrypt, verify_partial_decryption,
    DecryptionFactor, EncryptedTally, PartialDecryption, Totals,
};
pub use trustees::{BasicTrustee, TrusteeSecret, TrusteeSetup};

/// Low-level pieces, for tests that craft invalid values and for tools.
pub mod raw {
    pub use super::ballot::{individual_transcript, overall_transcript};
    pub use super::group::{
        base_mul, base_mul_u64, point_from_hex, point_to_hex, scalar_from_hex, scalar_to_hex,
        transcript, TranscriptExt,
    };
    pub use super::proofs::{
        prove_dleq, prove_interval, prove_knowledge, verify_dleq, verify_interval, verify_knowledge,
    };
    pub use curve25519_dalek::ristretto::RistrettoPoint;
    pub use curve25519_dalek::scalar::Scalar;
    pub use merlin::Transcript;
}
