//! argon2id at OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane).

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::sync::LazyLock;

fn hasher() -> Result<Argon2<'static>, argon2::Error> {
    let params = Params::new(19 * 1024, 2, 1, None)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes with a fresh random salt. CPU-heavy: call from `spawn_blocking`.
pub fn hash(password: &str) -> Result<String, HashError> {
    let argon = hasher().map_err(|e| HashError(e.to_string()))?;
    argon
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// A hash of a random password, verified against when the account does not exist, so that
/// a login takes as long for an unknown address as for a known one.
static DUMMY: LazyLock<Option<String>> = LazyLock::new(|| hash("not-a-real-password-1234").ok());

/// Constant-time verification; `None` means "no such account": still spend the same work.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    let Ok(argon) = hasher() else { return false };
    match stored {
        Some(h) => argon.verify_password(password.as_bytes(), h).is_ok(),
        None => {
            if let Some(d) = DUMMY.as_deref() {
                let _ = argon.verify_password(password.as_bytes(), d);
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_then_verify() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("correct horse battery", Some(&h)));
        assert!(!verify("correct horse batterz", Some(&h)));
        assert!(!verify("correct horse battery", None));
        assert_ne!(
            h,
            hash("correct horse battery").unwrap(),
            "salt must differ"
        );
    }
}
