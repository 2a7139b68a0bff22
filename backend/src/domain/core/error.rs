//! The domain's error enum. Each variant maps to one `ErrorCode` the client sees; database
//! and other internal failures become `Internal` and are logged, never shown.

use constellation_shared::{ErrorCode, ValidationReason};
use sea_orm::{DbErr, SqlErr};

pub type DomainResult<T> = Result<T, DomainError>;

/// Deliberately not `Display`: `?` cannot turn it into a GraphQL error by accident (that
/// blanket conversion would send the text, SQL included, to the client). Use
/// `graphql::error::GqlResultExt::gql` instead.
#[derive(Debug)]
pub enum DomainError {
    /// `VALIDATION`, with the field and the reason.
    Validation {
        field: &'static str,
        reason: ValidationReason,
    },
    /// `UNAUTHENTICATED`
    Unauthenticated,
    /// `FORBIDDEN`
    Forbidden,
    /// `NOT_FOUND`
    NotFound,
    /// `CONFLICT`
    Conflict(&'static str),
    /// `EMAIL_TAKEN`
    EmailTaken,
    /// `INVALID_CREDENTIALS`
    InvalidCredentials,
    /// `RATE_LIMITED`
    RateLimited,
    /// `LAST_ADMIN`
    LastAdmin,
    /// `INVALID_TRANSITION`, with what was attempted (for the log).
    InvalidTransition(&'static str),
    /// `SLUG_TAKEN`
    SlugTaken,
    /// `ALREADY_MEMBER`
    AlreadyMember,
    /// `ALREADY_SUPPORTED`
    AlreadySupported,
    /// `LAST_COORDINATOR`
    LastCoordinator,
    /// `CONFLICT_OF_INTEREST`
    ConflictOfInterest,
    /// `INSUFFICIENT_CAPACITY`
    InsufficientCapacity,
    /// `CAPACITY_BELOW_GRANTED`
    CapacityBelowGranted,
    /// `SCHEDULE_CONFLICT`
    ScheduleConflict,
    /// `NOT_REGISTERED`
    NotRegistered,
    /// `SCHEDULE_INCOMPLETE`
    ScheduleIncomplete,
    ConvocationTooLate,
    AgendaFrozen,
    ProxyCapReached,
    VotingClosed,
    AlreadyVoted,
    NotEligible,
    /// `HANDOVER_PENDING`
    HandoverPending,
    /// `INVALID_BALLOT`: with the verifier's reason, for the log.
    InvalidBallot(String),
    /// `TRUSTEES_PENDING`
    TrusteesPending,
    /// The account still has a trustee's duty on an encrypted vote.
    TrusteeDuty,
    /// `UNAVAILABLE`: the vote writer is restarting or did not answer in time.
    Unavailable,
    /// `INTERNAL`: the message goes to the log only.
    Internal(String),
}

impl DomainError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Validation { .. } => ErrorCode::Validation,
            Self::Unauthenticated => ErrorCode::Unauthenticated,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::NotFound => ErrorCode::NotFound,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::EmailTaken => ErrorCode::EmailTaken,
            Self::InvalidCredentials => ErrorCode::InvalidCredentials,
            Self::RateLimited => ErrorCode::RateLimited,
            Self::LastAdmin => ErrorCode::LastAdmin,
            Self::InvalidTransition(_) => ErrorCode::InvalidTransition,
            Self::SlugTaken => ErrorCode::SlugTaken,
            Self::AlreadyMember => ErrorCode::AlreadyMember,
            Self::AlreadySupported => ErrorCode::AlreadySupported,
            Self::LastCoordinator => ErrorCode::LastCoordinator,
            Self::ConflictOfInterest => ErrorCode::ConflictOfInterest,
            Self::InsufficientCapacity => ErrorCode::InsufficientCapacity,
            Self::CapacityBelowGranted => ErrorCode::CapacityBelowGranted,
            Self::ScheduleConflict => ErrorCode::ScheduleConflict,
            Self::NotRegistered => ErrorCode::NotRegistered,
            Self::ScheduleIncomplete => ErrorCode::ScheduleIncomplete,
            Self::ConvocationTooLate => ErrorCode::ConvocationTooLate,
            Self::AgendaFrozen => ErrorCode::AgendaFrozen,
            Self::ProxyCapReached => ErrorCode::ProxyCapReached,
            Self::VotingClosed => ErrorCode::VotingClosed,
            Self::AlreadyVoted => ErrorCode::AlreadyVoted,
            Self::NotEligible => ErrorCode::NotEligible,
            Self::HandoverPending => ErrorCode::HandoverPending,
            Self::InvalidBallot(_) => ErrorCode::InvalidBallot,
            Self::TrusteesPending => ErrorCode::TrusteesPending,
            Self::TrusteeDuty => ErrorCode::TrusteeDuty,
            Self::Unavailable => ErrorCode::Unavailable,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn invalid(field: &'static str, reason: ValidationReason) -> Self {
        Self::Validation { field, reason }
    }

    pub fn internal(context: impl std::fmt::Display) -> Self {
        Self::Internal(context.to_string())
    }
}

impl From<DbErr> for DomainError {
    fn from(e: DbErr) -> Self {
        Self::Internal(format!("database: {e}"))
    }
}

/// Turns the database's constraint violations into domain errors: the database holds the
/// invariant, this gives it a good message.
pub trait DbResultExt<T> {
    /// Maps a unique violation whose message names one of `needles` (the index name on
    /// PostgreSQL, `table.column` on SQLite) to `err`.
    fn on_unique(self, needles: &[&str], err: DomainError) -> DomainResult<T>;
}

impl<T> DbResultExt<T> for Result<T, DbErr> {
    fn on_unique(self, needles: &[&str], err: DomainError) -> DomainResult<T> {
        self.map_err(|e| match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(msg))
                if needles.iter().any(|n| msg.contains(n)) =>
            {
                err
            }
            _ => DomainError::from(e),
        })
    }
}
