//! Parsing what people type: trimmed text within a length, calendar dates. One copy for
//! every context (three contexts had their own `date` before).

use super::error::{DomainError, DomainResult};
use constellation_shared::ValidationReason;

/// An id typed by the caller (`MotionId`, `LabId`, … or a bare `Uuid`); surrounding blanks
/// are ignored, anything else is `INVALID_ID` on `field`.
pub fn id<T: std::str::FromStr>(field: &'static str, raw: &str) -> DomainResult<T> {
    raw.trim()
        .parse::<T>()
        .map_err(|_| DomainError::invalid(field, ValidationReason::InvalidId))
}

/// An optional id: absent or blank is `None`.
pub fn opt_id<T: std::str::FromStr>(
    field: &'static str,
    raw: Option<&str>,
) -> DomainResult<Option<T>> {
    raw.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| id(field, s))
        .transpose()
}

/// Trimmed; `Required` when empty and `required`, `TooLong` past `max` characters.
pub fn text(field: &'static str, raw: &str, required: bool, max: usize) -> DomainResult<String> {
    let t = raw.trim();
    if required && t.is_empty() {
        return Err(DomainError::invalid(field, ValidationReason::Required));
    }
    if t.chars().count() > max {
        return Err(DomainError::invalid(field, ValidationReason::TooLong));
    }
    Ok(t.to_owned())
}

/// A calendar day written `YYYY-MM-DD`; `Required` when empty, `Invalid` otherwise.
pub fn date(field: &'static str, raw: &str) -> DomainResult<chrono::NaiveDate> {
    if raw.trim().is_empty() {
        return Err(DomainError::invalid(field, ValidationReason::Required));
    }
    chrono::NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| DomainError::invalid(field, ValidationReason::Invalid))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_dates() {
        assert_eq!(text("f", "  a b  ", true, 3).ok().as_deref(), Some("a b"));
        assert!(text("f", "   ", true, 3).is_err());
        assert_eq!(text("f", "", false, 3).ok().as_deref(), Some(""));
        assert!(text("f", "abcd", false, 3).is_err());
        assert!(date("d", "2027-03-14").is_ok());
        assert!(date("d", "").is_err());
        assert!(date("d", "14/03/2027").is_err());
    }
}
