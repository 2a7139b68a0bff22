//! Pure rules both sides apply: the browser to warn early, the server to decide.

pub mod amount;
pub mod diff;
pub mod election;
pub mod ical;
pub mod majority;
pub mod polls;
pub mod schedule;
pub mod slug;

/// Passwords: long enough to resist guessing, short enough to bound hashing work.
pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;
pub const DISPLAY_NAME_MAX_CHARS: usize = 80;
pub const EMAIL_MAX_CHARS: usize = 254;

/// A deliberately simple shape check; the address is proven by use, not by regex.
pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
        && s.chars().count() <= EMAIL_MAX_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_shapes() {
        assert!(looks_like_email("ana@example.be"));
        assert!(looks_like_email(" Ana.B+labs@Example.org "));
        assert!(!looks_like_email("ana"));
        assert!(!looks_like_email("ana@localhost"));
        assert!(!looks_like_email("@example.be"));
        assert!(!looks_like_email("ana b@example.be"));
        assert!(!looks_like_email("ana@.be"));
    }
}
