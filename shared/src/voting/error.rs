//! Typed errors: `VerifyError` says which check failed, `VotingError` why a value could not be
//! produced.

use std::fmt;

/// A verification failure. Indices are 0-based positions in the record (ballots, options);
/// trustee numbers are the 1-based indices used in the protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyError {
    /// The record or ballot speaks of another protocol version.
    UnsupportedVersion(u32),
    /// A value could not be serialised for hashing.
    Encoding,
    /// The question's parameters are impossible (no option, `min > max`, `max > options`…).
    InvalidQuestion(&'static str),
    /// The trustee set-up is malformed (no trustee, indices not 1..=n, bad threshold…).
    InvalidTrustees(&'static str),
    /// A trustee's proof of knowledge of its key (or of its polynomial's constant) fails.
    TrusteeProof {
        trustee: u32,
    },
    /// A threshold trustee's verification key is not the one its dealers' commitments imply.
    VerificationKeyMismatch {
        trustee: u32,
    },
    /// A share dealt to a threshold trustee does not match the dealer's commitments.
    InvalidShare {
        dealer: u32,
        recipient: u32,
    },
    /// The election public key is not the combination of the trustees' keys.
    PublicKeyMismatch,
    /// A ballot names another election (id or fingerprint).
    WrongElection,
    /// A ballot has the wrong number of ciphertexts or proofs.
    BallotShape,
    /// The proof that option `option` encrypts 0 or 1 fails.
    IndividualProof {
        option: usize,
    },
    /// The proof that the number of chosen options lies in [min, max] fails.
    OverallProof,
    /// The ballot's signature under its credential fails.
    BallotSignature,
    /// The ballot's credential is not on the list of eligible credentials.
    UnknownCredential,
    /// Two ballots carry the same credential.
    DuplicateCredential {
        ballot: usize,
    },
    /// Ballot `ballot` of the record fails `error`.
    Ballot {
        ballot: usize,
        error: Box<VerifyError>,
    },
    /// The record's encrypted tally is not the product of its ballots.
    EncryptedTallyMismatch,
    /// A partial decryption names a trustee that does not exist, or twice the same one.
    UnknownTrustee {
        trustee: u32,
    },
    DuplicatePartialDecryption {
        trustee: u32,
    },
    /// A partial decryption has the wrong number of factors.
    PartialDecryptionShape {
        trustee: u32,
    },
    /// The DLEQ proof of a decryption factor fails.
    PartialDecryptionProof {
        trustee: u32,
        option: usize,
    },
    /// Fewer partial decryptions than the threshold (n for n-of-n).
    NotEnoughPartialDecryptions {
        needed: usize,
        got: usize,
    },
    /// The claimed result has the wrong number of totals.
    ResultShape,
    /// The claimed total of option `option` is not what the decryption gives.
    ResultMismatch {
        option: usize,
    },
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use VerifyError::*;
        match self {
            UnsupportedVersion(v) => write!(f, "unsupported protocol version {v}"),
            Encoding => write!(f, "a value could not be serialised"),
            InvalidQuestion(why) => write!(f, "invalid question: {why}"),
            InvalidTrustees(why) => write!(f, "invalid trustee set-up: {why}"),
            TrusteeProof { trustee } => {
                write!(f, "trustee {trustee}: proof of knowledge of the key fails")
            }
            VerificationKeyMismatch { trustee } => write!(
                f,
                "trustee {trustee}: verification key does not match the dealers' commitments"
            ),
            InvalidShare { dealer, recipient } => write!(
                f,
                "share dealt by trustee {dealer} to trustee {recipient} does not match the commitments"
            ),
            PublicKeyMismatch => write!(f, "election public key is not the trustees' combined key"),
            WrongElection => write!(f, "ballot is for another election"),
            BallotShape => write!(f, "ballot has the wrong number of ciphertexts or proofs"),
            IndividualProof { option } => {
                write!(f, "option {option}: proof that it encrypts 0 or 1 fails")
            }
            OverallProof => write!(f, "proof that the number of choices is allowed fails"),
            BallotSignature => write!(f, "ballot signature under its credential fails"),
            UnknownCredential => write!(f, "ballot credential is not eligible"),
            DuplicateCredential { ballot } => {
                write!(f, "ballot {ballot}: credential already used by an earlier ballot")
            }
            Ballot { ballot, error } => write!(f, "ballot {ballot}: {error}"),
            EncryptedTallyMismatch => write!(f, "encrypted tally is not the product of the ballots"),
            UnknownTrustee { trustee } => write!(f, "partial decryption by unknown trustee {trustee}"),
            DuplicatePartialDecryption { trustee } => {
                write!(f, "two partial decryptions by trustee {trustee}")
            }
            PartialDecryptionShape { trustee } => {
                write!(f, "partial decryption by trustee {trustee} has the wrong number of factors")
            }
            PartialDecryptionProof { trustee, option } => write!(
                f,
                "partial decryption by trustee {trustee}, option {option}: proof fails"
            ),
            NotEnoughPartialDecryptions { needed, got } => {
                write!(f, "{got} partial decryptions, {needed} needed")
            }
            ResultShape => write!(f, "claimed result has the wrong number of totals"),
            ResultMismatch { option } => {
                write!(f, "option {option}: claimed total does not match the decryption")
            }
        }
    }
}

impl std::error::Error for VerifyError {}

/// Why a key, ballot, share or decryption could not be produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VotingError {
    /// The random number generator failed.
    Randomness,
    /// The voter's choices do not fit the question (a value other than 0/1, a count outside
    /// [min, max], a wrong number of options).
    InvalidChoice(&'static str),
    /// Bad input to a trustee operation (wrong index, threshold, share set…).
    InvalidInput(&'static str),
    /// A total is larger than the bound given to the discrete logarithm.
    TotalOutOfRange { option: usize },
    /// Something received failed verification.
    Verify(VerifyError),
}

impl fmt::Display for VotingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VotingError::Randomness => write!(f, "the random number generator failed"),
            VotingError::InvalidChoice(why) => write!(f, "invalid choice: {why}"),
            VotingError::InvalidInput(why) => write!(f, "invalid input: {why}"),
            VotingError::TotalOutOfRange { option } => {
                write!(f, "option {option}: total out of the expected range")
            }
            VotingError::Verify(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for VotingError {}

impl From<VerifyError> for VotingError {
    fn from(e: VerifyError) -> Self {
        VotingError::Verify(e)
    }
}
