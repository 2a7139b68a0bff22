//! Checked account inputs (email, display name, new password) and password hashing and
//! verification.

use super::*;

/// An email address as given (trimmed) and its case-insensitive key.
pub struct Email {
    pub display: String,
    pub normalized: String,
}

impl Email {
    pub fn parse(raw: &str) -> DomainResult<Self> {
        let display = raw.trim().to_owned();
        if display.is_empty() {
            return Err(DomainError::invalid("email", ValidationReason::Required));
        }
        if !looks_like_email(&display) {
            return Err(DomainError::invalid("email", ValidationReason::EmailFormat));
        }
        if display.chars().count() > EMAIL_MAX_CHARS {
            return Err(DomainError::invalid("email", ValidationReason::TooLong));
        }
        let normalized = display.to_lowercase();
        Ok(Self {
            display,
            normalized,
        })
    }
}

pub struct DisplayName(pub String);

impl DisplayName {
    pub fn parse(raw: &str) -> DomainResult<Self> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            return Err(DomainError::invalid(
                "displayName",
                ValidationReason::Required,
            ));
        }
        if name.chars().count() > DISPLAY_NAME_MAX_CHARS {
            return Err(DomainError::invalid(
                "displayName",
                ValidationReason::TooLong,
            ));
        }
        Ok(Self(name))
    }
}

pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(field: &'static str, raw: &str, email: Option<&str>) -> DomainResult<Self> {
        let n = raw.chars().count();
        if n < PASSWORD_MIN_CHARS {
            return Err(DomainError::invalid(
                field,
                ValidationReason::PasswordTooShort,
            ));
        }
        if n > PASSWORD_MAX_CHARS {
            return Err(DomainError::invalid(
                field,
                ValidationReason::PasswordTooLong,
            ));
        }
        if email.is_some_and(|e| e.eq_ignore_ascii_case(raw.trim())) {
            return Err(DomainError::invalid(
                field,
                ValidationReason::PasswordSameAsEmail,
            ));
        }
        Ok(Self(raw.to_owned()))
    }
}

pub(crate) async fn hash(password: NewPassword) -> DomainResult<String> {
    let turn = password::turn().await;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        password::hash(&password.0)
    })
    .await
    .map_err(DomainError::internal)?
    .map_err(DomainError::internal)
}

/// Bounded so that a megabyte-long "password" costs nothing to refuse.
pub(super) async fn verify(candidate: &str, stored: Option<String>) -> DomainResult<bool> {
    if candidate.chars().count() > PASSWORD_MAX_CHARS {
        return Ok(false);
    }
    let candidate = candidate.to_owned();
    let turn = password::turn().await;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        password::verify(&candidate, stored.as_deref())
    })
    .await
    .map_err(DomainError::internal)
}
