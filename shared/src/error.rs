//! The error codes a client can receive in `extensions.code`, with a human message in each
//! language. The server sets them; the browser matches on them and shows the message.

use crate::Language;
use serde::{Deserialize, Serialize};

/// Every expected failure the API reports. Anything unexpected is `Internal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// An input field is invalid; `extensions.field` and `extensions.reason` say which and why.
    Validation,
    /// The request needs a valid session.
    Unauthenticated,
    /// The caller is known but not allowed to do this.
    Forbidden,
    /// The thing asked for does not exist (or is not visible to the caller).
    NotFound,
    /// The request conflicts with the current state.
    Conflict,
    /// An account already uses this email address (compared case-insensitively).
    EmailTaken,
    /// Email or password is wrong (deliberately not saying which).
    InvalidCredentials,
    /// Too many attempts; try again later.
    RateLimited,
    /// The change would leave the platform without an administrator.
    LastAdmin,
    /// Not possible in the current state (approve an archived Lab, accept a done project…).
    InvalidTransition,
    /// Another Lab already uses this address.
    SlugTaken,
    /// The person is already a member of (or has asked to join, or is invited to) this Lab.
    AlreadyMember,
    /// This person already supports this project.
    AlreadySupported,
    /// A Lab must keep at least one coordinator.
    LastCoordinator,
    /// A board member may not decide on a Lab they coordinate.
    ConflictOfInterest,
    /// The pool has not enough left in this period for this grant.
    InsufficientCapacity,
    /// A capacity cannot go below what is already granted.
    CapacityBelowGranted,
    /// Moving a barcamp session there breaks a hard constraint (room taken, host busy,
    /// equipment missing, crossing a break).
    ScheduleConflict,
    /// Register for the barcamp edition first.
    NotRegistered,
    /// Some programme sessions are not placed yet.
    ScheduleIncomplete,
    /// The date is closer than the convocation delay allows.
    ConvocationTooLate,
    /// A statutory item is frozen once the assembly is convened.
    AgendaFrozen,
    /// The holder already holds as many proxies as the statutes allow.
    ProxyCapReached,
    /// The vote is not open for this motion.
    VotingClosed,
    /// This vote was already cast.
    AlreadyVoted,
    /// The caller may not cast this member's vote.
    NotEligible,
    /// A service cannot close before its data hand-over is confirmed (or waived by the board).
    HandoverPending,
    /// An encrypted ballot, a trustee's key or a partial decryption fails its proofs or does
    /// not belong to this vote: nothing was recorded.
    InvalidBallot,
    /// An encrypted vote cannot open before every trustee posted its key.
    TrusteesPending,
    /// The account is a trustee of an encrypted vote still waiting for its key or its
    /// decryption: it cannot be deleted before the board replaces it or the vote is counted.
    TrusteeDuty,
    /// The GraphQL request itself is refused: malformed, too deep, too complex, too large.
    BadRequest,
    /// A part of the server is restarting (the vote writer); try again (a vote that did land
    /// then answers `ALREADY_VOTED`).
    Unavailable,
    /// Something failed on the server; details are in the server's log only.
    #[serde(other)]
    Internal,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 33] = [
        Self::Validation,
        Self::Unauthenticated,
        Self::Forbidden,
        Self::NotFound,
        Self::Conflict,
        Self::EmailTaken,
        Self::InvalidCredentials,
        Self::RateLimited,
        Self::LastAdmin,
        Self::InvalidTransition,
        Self::SlugTaken,
        Self::AlreadyMember,
        Self::AlreadySupported,
        Self::LastCoordinator,
        Self::ConflictOfInterest,
        Self::InsufficientCapacity,
        Self::CapacityBelowGranted,
        Self::ScheduleConflict,
        Self::NotRegistered,
        Self::ScheduleIncomplete,
        Self::ConvocationTooLate,
        Self::AgendaFrozen,
        Self::ProxyCapReached,
        Self::VotingClosed,
        Self::AlreadyVoted,
        Self::NotEligible,
        Self::HandoverPending,
        Self::InvalidBallot,
        Self::TrusteesPending,
        Self::TrusteeDuty,
        Self::BadRequest,
        Self::Unavailable,
        Self::Internal,
    ];

    /// The text put in `extensions.code`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "VALIDATION",
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::Conflict => "CONFLICT",
            Self::EmailTaken => "EMAIL_TAKEN",
            Self::InvalidCredentials => "INVALID_CREDENTIALS",
            Self::RateLimited => "RATE_LIMITED",
            Self::LastAdmin => "LAST_ADMIN",
            Self::InvalidTransition => "INVALID_TRANSITION",
            Self::SlugTaken => "SLUG_TAKEN",
            Self::AlreadyMember => "ALREADY_MEMBER",
            Self::AlreadySupported => "ALREADY_SUPPORTED",
            Self::LastCoordinator => "LAST_COORDINATOR",
            Self::ConflictOfInterest => "CONFLICT_OF_INTEREST",
            Self::InsufficientCapacity => "INSUFFICIENT_CAPACITY",
            Self::CapacityBelowGranted => "CAPACITY_BELOW_GRANTED",
            Self::ScheduleConflict => "SCHEDULE_CONFLICT",
            Self::NotRegistered => "NOT_REGISTERED",
            Self::ScheduleIncomplete => "SCHEDULE_INCOMPLETE",
            Self::ConvocationTooLate => "CONVOCATION_TOO_LATE",
            Self::AgendaFrozen => "AGENDA_FROZEN",
            Self::ProxyCapReached => "PROXY_CAP_REACHED",
            Self::VotingClosed => "VOTING_CLOSED",
            Self::AlreadyVoted => "ALREADY_VOTED",
            Self::NotEligible => "NOT_ELIGIBLE",
            Self::HandoverPending => "HANDOVER_PENDING",
            Self::InvalidBallot => "INVALID_BALLOT",
            Self::TrusteesPending => "TRUSTEES_PENDING",
            Self::TrusteeDuty => "TRUSTEE_DUTY",
            Self::BadRequest => "BAD_REQUEST",
            Self::Unavailable => "UNAVAILABLE",
            Self::Internal => "INTERNAL",
        }
    }

    pub fn parse(s: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .unwrap_or(Self::Internal)
    }

    /// What a person reads.
    pub fn message(self, lang: Language) -> &'static str {
        use Language::{En, Fr};
        match (self, lang) {
            (Self::Validation, Fr) => "Un champ n'est pas valide.",
            (Self::Validation, En) => "A field is not valid.",
            (Self::Unauthenticated, Fr) => "Veuillez vous connecter.",
            (Self::Unauthenticated, En) => "Please log in.",
            (Self::Forbidden, Fr) => "Vous n'avez pas le droit de faire cela.",
            (Self::Forbidden, En) => "You are not allowed to do this.",
            (Self::NotFound, Fr) => "Introuvable.",
            (Self::NotFound, En) => "Not found.",
            (Self::Conflict, Fr) => "Cette action entre en conflit avec l'état actuel.",
            (Self::Conflict, En) => "This action conflicts with the current state.",
            (Self::EmailTaken, Fr) => "Un compte utilise déjà cette adresse e-mail.",
            (Self::EmailTaken, En) => "An account already uses this email address.",
            (Self::InvalidCredentials, Fr) => "Adresse e-mail ou mot de passe incorrect.",
            (Self::InvalidCredentials, En) => "Wrong email address or password.",
            (Self::RateLimited, Fr) => "Trop de tentatives. Réessayez dans quelques minutes.",
            (Self::RateLimited, En) => "Too many attempts. Try again in a few minutes.",
            (Self::LastAdmin, Fr) => "La plateforme doit garder au moins un·e administrateur·ice.",
            (Self::LastAdmin, En) => "The platform must keep at least one administrator.",
            (Self::InvalidTransition, Fr) => "Cette action n'est pas possible dans l'état actuel.",
            (Self::InvalidTransition, En) => "This action is not possible in the current state.",
            (Self::SlugTaken, Fr) => "Un autre Lab utilise déjà cette adresse.",
            (Self::SlugTaken, En) => "Another Lab already uses this address.",
            (Self::AlreadyMember, Fr) => {
                "Cette personne fait déjà partie du Lab (ou l'a demandé, ou y est invitée)."
            }
            (Self::AlreadyMember, En) => {
                "This person is already in the Lab (or has asked, or is invited)."
            }
            (Self::AlreadySupported, Fr) => "Vous soutenez déjà ce projet.",
            (Self::AlreadySupported, En) => "You already support this project.",
            (Self::LastCoordinator, Fr) => "Un Lab doit garder au moins un·e coordinateur·ice.",
            (Self::LastCoordinator, En) => "A Lab must keep at least one coordinator.",
            (Self::ConflictOfInterest, Fr) => {
                "Un·e membre du CA ne peut pas décider pour un Lab qu'il ou elle coordonne."
            }
            (Self::ConflictOfInterest, En) => {
                "A board member cannot decide on a Lab they coordinate."
            }
            (Self::InsufficientCapacity, Fr) => {
                "Il ne reste pas assez dans cette réserve pour cette période."
            }
            (Self::InsufficientCapacity, En) => "Not enough is left in this pool for this period.",
            (Self::CapacityBelowGranted, Fr) => {
                "La capacité ne peut pas descendre sous ce qui est déjà attribué."
            }
            (Self::CapacityBelowGranted, En) => {
                "The capacity cannot go below what is already granted."
            }
            (Self::ScheduleConflict, Fr) => {
                "Impossible de placer la session ici : la salle est prise, un·e animateur·ice est ailleurs, il manque du matériel ou elle chevauche une pause."
            }
            (Self::ScheduleConflict, En) => {
                "The session cannot go there: the room is taken, a host is elsewhere, equipment is missing or it crosses a break."
            }
            (Self::NotRegistered, Fr) => "Inscrivez-vous d'abord à cette édition du barcamp.",
            (Self::NotRegistered, En) => "Register for this barcamp edition first.",
            (Self::ScheduleIncomplete, Fr) => {
                "Des sessions du programme ne sont pas encore placées : placez-les, déclinez-les ou lancez le planificateur."
            }
            (Self::ScheduleIncomplete, En) => {
                "Some programme sessions are not placed yet: place them, decline them or run the scheduler."
            }
            (Self::ConvocationTooLate, Fr) => "La date est plus proche que le délai de convocation ne le permet.",
            (Self::ConvocationTooLate, En) => "The assembly is too close: the convocation must go out earlier (see the convocation delay).",
            (Self::AgendaFrozen, Fr) => "Ce point touche aux statuts ou à l'objet : il est figé depuis la convocation.",
            (Self::AgendaFrozen, En) => "This item changes the statutes or the purpose: it is frozen since the convocation.",
            (Self::ProxyCapReached, Fr) => "Cette personne détient déjà autant de procurations que les statuts le permettent.",
            (Self::ProxyCapReached, En) => "This person already holds as many proxies as the statutes allow.",
            (Self::VotingClosed, Fr) => "Le vote n'est pas ouvert pour cette motion.",
            (Self::VotingClosed, En) => "Voting is not open for this motion.",
            (Self::AlreadyVoted, Fr) => "Ce vote a déjà été exprimé.",
            (Self::AlreadyVoted, En) => "This vote was already cast.",
            (Self::NotEligible, Fr) => "Vous ne pouvez pas exprimer ce vote : il faut être membre effectif·ve présent·e, ou détenir sa procuration.",
            (Self::NotEligible, En) => "You cannot cast this vote: you must be a present effective member, or hold their proxy.",
            (Self::HandoverPending, Fr) => "Ce service ne peut pas être clôturé : la remise des données n'est pas encore confirmée par le membre (ou levée par le CA avec une raison).",
            (Self::HandoverPending, En) => "This service cannot be closed: the data hand-over is not yet confirmed by the member (or waived by the board with a reason).",
            (Self::InvalidBallot, Fr) => "Ce bulletin chiffré (ou cette clé, ou ce déchiffrement partiel) ne passe pas ses preuves ou n'appartient pas à ce vote : rien n'a été enregistré.",
            (Self::InvalidBallot, En) => "This encrypted ballot (or key, or partial decryption) fails its proofs or does not belong to this vote: nothing was recorded.",
            (Self::TrusteesPending, Fr) => "Le vote chiffré ne peut pas s'ouvrir : tous les gardiens de la clé n'ont pas encore déposé la leur.",
            (Self::TrusteesPending, En) => "The encrypted vote cannot open: not every trustee has posted their key yet.",
            (Self::TrusteeDuty, Fr) => "Vous gardez une clé d'un vote chiffré qui attend encore votre clé ou votre déchiffrement : déposez-les, ou demandez au conseil de vous remplacer, avant de supprimer votre compte.",
            (Self::TrusteeDuty, En) => "You hold a key of an encrypted vote still waiting for your key or your decryption: post it, or ask the board to replace you, before deleting your account.",
            (Self::BadRequest, Fr) => "La requête est refusée (mal formée ou trop grande).",
            (Self::BadRequest, En) => "The request is refused (malformed or too large).",
            (Self::Unavailable, Fr) => "Le service est momentanément indisponible. Réessayez dans un instant.",
            (Self::Unavailable, En) => "The service is briefly unavailable. Please try again in a moment.",
            (Self::Internal, Fr) => "Une erreur interne est survenue. Réessayez plus tard.",
            (Self::Internal, En) => "An internal error occurred. Please try again later.",
        }
    }
}

/// Why a field was refused, sent in `extensions.reason` beside `extensions.field`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ValidationReason {
    Required,
    TooLong,
    EmailFormat,
    PasswordTooShort,
    PasswordTooLong,
    PasswordSameAsEmail,
    InvalidId,
    #[serde(other)]
    Invalid,
}

impl ValidationReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Required => "REQUIRED",
            Self::TooLong => "TOO_LONG",
            Self::EmailFormat => "EMAIL_FORMAT",
            Self::PasswordTooShort => "PASSWORD_TOO_SHORT",
            Self::PasswordTooLong => "PASSWORD_TOO_LONG",
            Self::PasswordSameAsEmail => "PASSWORD_SAME_AS_EMAIL",
            Self::InvalidId => "INVALID_ID",
            Self::Invalid => "INVALID",
        }
    }

    pub fn message(self, lang: Language) -> &'static str {
        use Language::{En, Fr};
        match (self, lang) {
            (Self::Required, Fr) => "Ce champ est obligatoire.",
            (Self::Required, En) => "This field is required.",
            (Self::TooLong, Fr) => "Ce texte est trop long.",
            (Self::TooLong, En) => "This text is too long.",
            (Self::EmailFormat, Fr) => "Ce n'est pas une adresse e-mail valide.",
            (Self::EmailFormat, En) => "This is not a valid email address.",
            (Self::PasswordTooShort, Fr) => "Le mot de passe doit compter au moins 10 caractères.",
            (Self::PasswordTooShort, En) => "The password must have at least 10 characters.",
            (Self::PasswordTooLong, Fr) => "Le mot de passe ne peut dépasser 128 caractères.",
            (Self::PasswordTooLong, En) => "The password cannot exceed 128 characters.",
            (Self::PasswordSameAsEmail, Fr) => {
                "Le mot de passe ne peut pas être votre adresse e-mail."
            }
            (Self::PasswordSameAsEmail, En) => "The password cannot be your email address.",
            (Self::InvalidId, Fr) => "Identifiant invalide.",
            (Self::InvalidId, En) => "Invalid identifier.",
            (Self::Invalid, Fr) => "Valeur invalide.",
            (Self::Invalid, En) => "Invalid value.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_have_both_messages() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), code);
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_ne!(code.message(Language::Fr), code.message(Language::En));
        }
    }

    #[test]
    fn unknown_code_is_internal() {
        assert_eq!(ErrorCode::parse("SOMETHING_NEW"), ErrorCode::Internal);
        let c: ErrorCode = serde_json::from_str("\"SOMETHING_NEW\"").unwrap_or(ErrorCode::Conflict);
        assert_eq!(c, ErrorCode::Internal);
    }
}
