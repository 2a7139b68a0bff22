//! Who is asking: the actor of every domain call, resolved from the request's token.

use super::error::{DomainError, DomainResult};
use constellation_shared::MembershipKind;
use uuid::Uuid;

/// The account behind a request, as loaded at the start of it.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: Uuid,
    pub kind: MembershipKind,
    pub is_board: bool,
    pub is_admin: bool,
}

/// Who is asking.
#[derive(Clone, Debug)]
pub enum Actor {
    Anonymous,
    /// A token was sent but is expired, tampered with, or its account is gone.
    InvalidToken,
    User(CurrentUser),
}

impl CurrentUser {
    /// Effective and adherent members, the board and admins: the association's members
    /// (sympathisers are not).
    pub fn is_association_member(&self) -> bool {
        matches!(
            self.kind,
            MembershipKind::Effective | MembershipKind::Adherent
        ) || self.is_board
            || self.is_admin
    }
}

impl Actor {
    /// The signed-in account if it is one of the association's members, else `Forbidden`.
    pub fn association_member(&self) -> DomainResult<&CurrentUser> {
        let u = self.user()?;
        if u.is_association_member() {
            Ok(u)
        } else {
            Err(DomainError::Forbidden)
        }
    }

    /// The signed-in account, or `Unauthenticated`.
    pub fn user(&self) -> DomainResult<&CurrentUser> {
        match self {
            Actor::User(u) => Ok(u),
            _ => Err(DomainError::Unauthenticated),
        }
    }

    pub fn admin(&self) -> DomainResult<&CurrentUser> {
        let u = self.user()?;
        if u.is_admin {
            Ok(u)
        } else {
            Err(DomainError::Forbidden)
        }
    }

    pub fn board_or_admin(&self) -> DomainResult<&CurrentUser> {
        let u = self.user()?;
        if u.is_admin || u.is_board {
            Ok(u)
        } else {
            Err(DomainError::Forbidden)
        }
    }

    pub fn id(&self) -> Option<Uuid> {
        match self {
            Actor::User(u) => Some(u.id),
            _ => None,
        }
    }
}
